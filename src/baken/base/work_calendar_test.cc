#include "baken/base/work_calendar.h"

#include <gtest/gtest.h>

#include "baken/base/time_zone.h"

namespace baken {
namespace {

using namespace std::chrono;  // NOLINT(build/namespaces): calendar literals in tests

Timestamp Ams(const char* local) {
  return *ParseLocal(local);
}

TEST(WorkCalendarTest, EasterSundayMatchesPublishedDates) {
  EXPECT_EQ(EasterSunday(year(2024)), year(2024) / March / 31);
  EXPECT_EQ(EasterSunday(year(2025)), year(2025) / April / 20);
  EXPECT_EQ(EasterSunday(year(2026)), year(2026) / April / 5);
  EXPECT_EQ(EasterSunday(year(2027)), year(2027) / March / 28);
  EXPECT_EQ(EasterSunday(year(2008)), year(2008) / March / 23);
  EXPECT_EQ(EasterSunday(year(2038)), year(2038) / April / 25);
}

TEST(WorkCalendarTest, NamesAllHolidaysOf2026) {
  const WorkCalendar cal;
  EXPECT_EQ(cal.HolidayName(year(2026) / January / 1), "Nieuwjaarsdag");
  EXPECT_EQ(cal.HolidayName(year(2026) / April / 5), "Eerste Paasdag");
  EXPECT_EQ(cal.HolidayName(year(2026) / April / 6), "Tweede Paasdag");
  EXPECT_EQ(cal.HolidayName(year(2026) / April / 27), "Koningsdag");
  EXPECT_EQ(cal.HolidayName(year(2026) / May / 14), "Hemelvaartsdag");
  EXPECT_EQ(cal.HolidayName(year(2026) / May / 24), "Eerste Pinksterdag");
  EXPECT_EQ(cal.HolidayName(year(2026) / May / 25), "Tweede Pinksterdag");
  EXPECT_EQ(cal.HolidayName(year(2026) / December / 25), "Eerste Kerstdag");
  EXPECT_EQ(cal.HolidayName(year(2026) / December / 26), "Tweede Kerstdag");
  EXPECT_EQ(cal.HolidayName(year(2026) / April / 3), std::nullopt);  // Goede Vrijdag, default
  EXPECT_EQ(cal.HolidayName(year(2026) / May / 5), std::nullopt);    // not a lustrum year
  EXPECT_EQ(cal.HolidayName(year(2026) / December / 24), std::nullopt);
  int count = 0;
  for (sys_days d = sys_days(year(2026) / 1 / 1); d < sys_days(year(2027) / 1 / 1); d += days(1)) {
    count += cal.IsHoliday(year_month_day(d)) ? 1 : 0;
  }
  EXPECT_EQ(count, 9);
}

TEST(WorkCalendarTest, HolidaysOf2025IncludeLiberationDayAndKingsDayOnThe26th) {
  const WorkCalendar cal;
  EXPECT_EQ(cal.HolidayName(year(2025) / April / 26), "Koningsdag");  // 27 April is a Sunday
  EXPECT_FALSE(cal.IsHoliday(year(2025) / April / 27));
  EXPECT_EQ(cal.HolidayName(year(2025) / May / 5), "Bevrijdingsdag");
  EXPECT_EQ(cal.HolidayName(year(2025) / May / 29), "Hemelvaartsdag");
  EXPECT_EQ(cal.HolidayName(year(2025) / June / 9), "Tweede Pinksterdag");
  EXPECT_TRUE(cal.IsHoliday(year(2030) / May / 5));
  EXPECT_FALSE(cal.IsWorkDay(year(2025) / May / 5));  // a Monday, but Bevrijdingsdag
}

TEST(WorkCalendarTest, OptionsAddGoodFridayAndYearlyLiberationDay) {
  const WorkCalendar cal(
      {.good_friday_off = true, .liberation_day = WorkCalendarOptions::LiberationDay::kEveryYear});
  EXPECT_EQ(cal.HolidayName(year(2026) / April / 3), "Goede Vrijdag");
  EXPECT_EQ(cal.HolidayName(year(2026) / May / 5), "Bevrijdingsdag");
  EXPECT_FALSE(cal.IsWorkDay(year(2026) / May / 5));
  EXPECT_TRUE(WorkCalendar().IsWorkDay(year(2026) / May / 5));
}

TEST(WorkCalendarTest, WeekendsAreNotWorkDays) {
  const WorkCalendar cal;
  EXPECT_TRUE(cal.IsWorkDay(year(2026) / November / 27));   // Friday
  EXPECT_FALSE(cal.IsWorkDay(year(2026) / November / 28));  // Saturday
  EXPECT_FALSE(cal.IsWorkDay(year(2026) / November / 29));  // Sunday
}

TEST(WorkCalendarTest, AddWorkDaysSkipsEasterWeekend) {
  const WorkCalendar cal;
  // Thursday 2 April 2026 + 3: Fri 3 (Goede Vrijdag is worked), Tue 7, Wed 8.
  EXPECT_EQ(cal.AddWorkDays(year(2026) / April / 2, 3), year(2026) / April / 8);
  const WorkCalendar good_friday_off({.good_friday_off = true});
  EXPECT_EQ(good_friday_off.AddWorkDays(year(2026) / April / 2, 3), year(2026) / April / 9);
  EXPECT_EQ(cal.AddWorkDays(year(2026) / April / 8, -3), year(2026) / April / 2);
  EXPECT_EQ(cal.AddWorkDays(year(2026) / April / 8, 0), year(2026) / April / 8);
  EXPECT_EQ(cal.AddWorkDays(year(2026) / April / 4, 1), year(2026) / April / 7);  // from Saturday
}

TEST(WorkCalendarTest, DeadlineFromFridayAfternoonKeepsLocalTime) {
  const WorkCalendar cal;
  // Friday 18 December 2026 16:00 + 3 work days: Wednesday 23 December 16:00.
  EXPECT_EQ(FormatRfc3339(cal.AddWorkDays(Ams("2026-12-18 16:00"), 3)),
            "2026-12-23T16:00:00+01:00");
  // Thursday 24 December 2026 + 3: Fri 25 and the weekend are off -> Wednesday 30 December.
  EXPECT_EQ(FormatLocal(cal.AddWorkDays(Ams("2026-12-24 16:00"), 3)), "2026-12-30 16:00:00");
  // Wednesday 24 December 2025 + 2: Christmas on Thursday/Friday -> Tuesday 30 December.
  EXPECT_EQ(FormatLocal(cal.AddWorkDays(Ams("2025-12-24 10:15"), 2)), "2025-12-30 10:15:00");
  // Over New Year: Wednesday 31 December 2025 + 1 -> Friday 2 January 2026.
  EXPECT_EQ(FormatLocal(cal.AddWorkDays(Ams("2025-12-31 09:00"), 1)), "2026-01-02 09:00:00");
  // Thursday 2 April 2026 16:00 + 3 over Easter -> Wednesday 8 April.
  EXPECT_EQ(FormatLocal(cal.AddWorkDays(Ams("2026-04-02 16:00"), 3)), "2026-04-08 16:00:00");
}

TEST(WorkCalendarTest, DeadlineAcrossSummerTimeStartKeepsWallClock) {
  const WorkCalendar cal;
  // Friday 27 March 2026 16:00 CET + 1 work day: Monday 30 March 16:00 CEST (one hour less).
  const Timestamp made = Ams("2026-03-27 16:00");
  const Timestamp due = cal.AddWorkDays(made, 1);
  EXPECT_EQ(FormatRfc3339(due), "2026-03-30T16:00:00+02:00");
  EXPECT_EQ(due - made, hours(71));
}

TEST(WorkCalendarTest, AddWorkHoursCountsOnlyOfficeHours) {
  const WorkCalendar cal;
  const auto add = [&](const char* from, int minutes_to_add) {
    return FormatLocal(cal.AddWorkHours(Ams(from), minutes(minutes_to_add)));
  };
  // Friday 27 November 2026 16:00 + 4h: 1h on Friday, 3h on Monday from 08:30.
  EXPECT_EQ(add("2026-11-27 16:00", 4 * 60), "2026-11-30 11:30:00");
  EXPECT_EQ(add("2026-11-27 16:00", 60), "2026-11-27 17:00:00");  // ends at closing time
  EXPECT_EQ(add("2026-11-30 07:00", 60), "2026-11-30 09:30:00");  // before opening
  EXPECT_EQ(add("2026-11-28 12:00", 60), "2026-11-30 09:30:00");  // from Saturday
  EXPECT_EQ(add("2026-11-27 18:00", 30), "2026-11-30 09:00:00");  // after closing
  EXPECT_EQ(add("2026-11-27 18:00", 0), "2026-11-27 18:00:00");
  // Thursday 2 April 2026 16:30 + 8h: 0.5h Thursday, 7.5h on Goede Vrijdag.
  EXPECT_EQ(add("2026-04-02 16:30", 8 * 60), "2026-04-03 16:00:00");
  const WorkCalendar good_friday_off({.good_friday_off = true});
  EXPECT_EQ(FormatLocal(good_friday_off.AddWorkHours(Ams("2026-04-02 16:30"), hours(8))),
            "2026-04-07 16:00:00");  // Friday and Easter Monday skipped
  // Custom hours 09:00-12:00, across summer time start (Friday 27 March 2026).
  EXPECT_EQ(FormatLocal(cal.AddWorkHours(Ams("2026-03-27 11:00"), hours(2),
                                         {.start = hours(9), .end = hours(12)})),
            "2026-03-30 10:00:00");
}

TEST(WorkCalendarTest, WorkDaysBetweenInvertsAddWorkDays) {
  const WorkCalendar cal;
  EXPECT_EQ(cal.WorkDaysBetween(year(2026) / April / 2, year(2026) / April / 8), 3);
  EXPECT_EQ(cal.WorkDaysBetween(year(2026) / April / 8, year(2026) / April / 2), -3);
  EXPECT_EQ(cal.WorkDaysBetween(year(2026) / April / 8, year(2026) / April / 8), 0);
  // 2026: 261 weekdays, 6 of them holidays (1 Jan, 6 Apr, 27 Apr, 14 May, 25 May, 25 Dec).
  EXPECT_EQ(cal.WorkDaysBetween(year(2026) / January / 1, year(2027) / January / 1), 255);
  const year_month_day start = year(2025) / December / 20;  // a Saturday
  for (int n = -30; n <= 30; ++n) {
    const year_month_day end = cal.AddWorkDays(start, n);
    EXPECT_TRUE(n == 0 || cal.IsWorkDay(end)) << n;
    EXPECT_EQ(cal.WorkDaysBetween(start, end), n) << n;
  }
}

}  // namespace
}  // namespace baken
