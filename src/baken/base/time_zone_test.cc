#include "baken/base/time_zone.h"
#include "baken/base/dutch_dates.h"

#include <gtest/gtest.h>

namespace baken {
namespace {

using namespace std::chrono;  // NOLINT(build/namespaces): literals and calendar types in tests

Timestamp Utc(int y, unsigned m, unsigned d, int h, int mi, int s = 0) {
  return Timestamp(sys_days(year(y) / month(m) / day(d))) + hours(h) + minutes(mi) + seconds(s);
}

LocalDateTime Local(int y, unsigned m, unsigned d, int h, int mi, int s = 0) {
  return LocalDateTime{year(y) / month(m) / day(d), h, mi, s, 0};
}

TEST(TimeZoneTest, SummerTimeBoundariesOf2025And2026) {
  EXPECT_EQ(SummerTimeStart(year(2026)), Utc(2026, 3, 29, 1, 0));
  EXPECT_EQ(SummerTimeEnd(year(2026)), Utc(2026, 10, 25, 1, 0));
  EXPECT_EQ(SummerTimeStart(year(2025)), Utc(2025, 3, 30, 1, 0));
  EXPECT_EQ(SummerTimeEnd(year(2025)), Utc(2025, 10, 26, 1, 0));
}

TEST(TimeZoneTest, OffsetFlipsExactlyAtTheTransitions) {
  const Timestamp start = Utc(2026, 3, 29, 1, 0);
  EXPECT_EQ(AmsterdamOffsetMinutes(start - microseconds(1)), 60);
  EXPECT_EQ(AmsterdamOffsetMinutes(start), 120);
  const Timestamp end = Utc(2026, 10, 25, 1, 0);
  EXPECT_EQ(AmsterdamOffsetMinutes(end - microseconds(1)), 120);
  EXPECT_EQ(AmsterdamOffsetMinutes(end), 60);
  EXPECT_EQ(AmsterdamOffsetMinutes(Utc(2025, 7, 1, 12, 0)), 120);
  EXPECT_EQ(AmsterdamOffsetMinutes(Utc(2025, 12, 31, 23, 30)), 60);
}

TEST(TimeZoneTest, ToAmsterdamAroundSpringForward2026) {
  EXPECT_EQ(ToAmsterdam(Utc(2026, 3, 29, 0, 59, 59)), Local(2026, 3, 29, 1, 59, 59));
  EXPECT_EQ(ToAmsterdam(Utc(2026, 3, 29, 1, 0)), Local(2026, 3, 29, 3, 0));
  EXPECT_EQ(FormatRfc3339(Utc(2026, 3, 29, 1, 0)), "2026-03-29T03:00:00+02:00");
  EXPECT_EQ(FormatRfc3339(Utc(2026, 3, 29, 1, 0), false), "2026-03-29T01:00:00Z");
}

TEST(TimeZoneTest, ToAmsterdamAroundFallBack2025) {
  // 02:30 is shown twice on 26 October 2025.
  EXPECT_EQ(ToAmsterdam(Utc(2025, 10, 26, 0, 30)), Local(2025, 10, 26, 2, 30));
  EXPECT_EQ(ToAmsterdam(Utc(2025, 10, 26, 1, 30)), Local(2025, 10, 26, 2, 30));
  EXPECT_EQ(FormatRfc3339(Utc(2025, 10, 26, 0, 30)), "2025-10-26T02:30:00+02:00");
  EXPECT_EQ(FormatRfc3339(Utc(2025, 10, 26, 1, 30)), "2025-10-26T02:30:00+01:00");
}

TEST(TimeZoneTest, LocalDateCrossesMidnightInUtcEvening) {
  // 23:30 UTC on 31 December is already New Year's Day in Amsterdam.
  EXPECT_EQ(AmsterdamDate(Utc(2025, 12, 31, 23, 30)), year(2026) / January / 1);
  EXPECT_EQ(AmsterdamWeekday(Utc(2025, 12, 31, 23, 30)), Thursday);
  EXPECT_EQ(StartOfAmsterdamDay(year(2026) / July / 1), Utc(2026, 6, 30, 22, 0));
  EXPECT_EQ(StartOfAmsterdamDay(year(2026) / January / 1), Utc(2025, 12, 31, 23, 0));
}

TEST(TimeZoneTest, SpringGapIsErrorOrShiftedForward) {
  for (int y : {2025, 2026}) {
    const unsigned d = y == 2025 ? 30 : 29;
    const LocalDateTime gap = Local(y, 3, d, 2, 30);
    const StatusOr<Timestamp> refused = FromAmsterdam(gap);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.status().code(), StatusCode::kInvalidArgument);
    EXPECT_NE(refused.status().message().find("bestaat niet"), std::string::npos);

    const StatusOr<Timestamp> shifted = FromAmsterdam(gap, {.gap = Ambiguity::Gap::kShiftForward});
    ASSERT_TRUE(shifted.ok());
    EXPECT_EQ(ToAmsterdam(*shifted), Local(y, 3, d, 3, 30));
    // Just outside the gap both sides are unambiguous.
    EXPECT_EQ(*FromAmsterdam(Local(y, 3, d, 1, 59, 59)), Utc(y, 3, d, 0, 59, 59));
    EXPECT_EQ(*FromAmsterdam(Local(y, 3, d, 3, 0)), Utc(y, 3, d, 1, 0));
  }
}

TEST(TimeZoneTest, AutumnOverlapPicksEarlierLaterOrRefuses) {
  for (int y : {2025, 2026}) {
    const unsigned d = y == 2025 ? 26 : 25;
    const LocalDateTime twice = Local(y, 10, d, 2, 30);
    EXPECT_EQ(*FromAmsterdam(twice), Utc(y, 10, d, 0, 30));  // default: earlier (CEST)
    EXPECT_EQ(*FromAmsterdam(twice, {.overlap = Ambiguity::Overlap::kLater}), Utc(y, 10, d, 1, 30));
    const StatusOr<Timestamp> refused =
        FromAmsterdam(twice, {.overlap = Ambiguity::Overlap::kError});
    ASSERT_FALSE(refused.ok());
    EXPECT_NE(refused.status().message().find("twee keer"), std::string::npos);
    EXPECT_EQ(*FromAmsterdam(Local(y, 10, d, 3, 0)), Utc(y, 10, d, 2, 0));
    EXPECT_EQ(*FromAmsterdam(Local(y, 10, d, 1, 59)), Utc(y, 10, d - 1, 23, 59));
  }
}

TEST(TimeZoneTest, RoundTripEveryQuarterHourOfTransitionDays) {
  for (const Timestamp day : {Utc(2026, 3, 28, 12, 0), Utc(2026, 10, 24, 12, 0)}) {
    for (Timestamp t = day; t < day + hours(48); t += minutes(15)) {
      const LocalDateTime l = ToAmsterdam(t);
      const Ambiguity later{.overlap = Ambiguity::Overlap::kLater};
      const Timestamp back =
          AmsterdamOffsetMinutes(t) == 60 ? *FromAmsterdam(l, later) : *FromAmsterdam(l);
      EXPECT_EQ(back, t) << FormatRfc3339(t);
      EXPECT_EQ(*ParseRfc3339(FormatRfc3339(t)), t);
      EXPECT_EQ(*ParseRfc3339(FormatRfc3339(t, false)), t);
    }
  }
}

TEST(TimeZoneTest, FormatsFractionsOnlyWhenPresent) {
  const Timestamp t = Utc(2026, 11, 28, 13, 0);
  EXPECT_EQ(FormatRfc3339(t + milliseconds(123), false), "2026-11-28T13:00:00.123Z");
  EXPECT_EQ(FormatRfc3339(t + microseconds(123456), false), "2026-11-28T13:00:00.123456Z");
  EXPECT_EQ(FormatRfc3339UtcMillis(t), "2026-11-28T13:00:00.000Z");
  EXPECT_EQ(FormatRfc3339UtcMillis(t + microseconds(123999)), "2026-11-28T13:00:00.123Z");
  EXPECT_EQ(FormatLocal(t), "2026-11-28 14:00:00");
}

TEST(TimeZoneTest, ParsesRfc3339Variants) {
  const Timestamp t = Utc(2026, 3, 29, 1, 0);
  EXPECT_EQ(*ParseRfc3339("2026-03-29T01:00:00Z"), t);
  EXPECT_EQ(*ParseRfc3339("2026-03-29t01:00:00z"), t);
  EXPECT_EQ(*ParseRfc3339("2026-03-29 03:00:00+02:00"), t);
  EXPECT_EQ(*ParseRfc3339("2026-03-28T20:30:00-04:30"), t);
  EXPECT_EQ(*ParseRfc3339("2026-03-29T01:00:00.5Z"), t + milliseconds(500));
  EXPECT_EQ(*ParseRfc3339("2026-03-29T01:00:00.123456789Z"), t + microseconds(123456));
}

TEST(TimeZoneTest, RejectsBadRfc3339WithDutchMessageNamingTheProblem) {
  struct Case {
    const char* text;
    const char* expected_fragment;
  };
  const Case cases[] = {
      {"", "ontbreekt"},
      {"2026-03-29T01:00:00", "tijdzone ontbreekt"},
      {"2026-13-01T00:00:00Z", "maand 13"},
      {"2026-02-29T00:00:00Z", "dag 29"},
      {"2026-03-29T24:00:00Z", "uur 24"},
      {"2026-03-29T10:60:00Z", "minuut 60"},
      {"2026-03-29T10:00:60Z", "seconde 60"},
      {"2026-03-29T10:00Z", "seconden"},
      {"2026-03-29", "geen tijd"},
      {"29-03-2026T10:00:00Z", "jaartal"},
      {"2026-03-29T10:00:00+0200", "+uu:mm"},
      {"2026-03-29T10:00:00+25:00", "buiten bereik"},
      {"2026-03-29T10:00:00Zextra", "onverwachte tekens"},
      {"2026-03-29T10:00:00.Z", "komma"},
      // Regression: these would format with a negative or five-digit year.
      {"0000-01-01T00:00:00+01:00", "buiten bereik"},
      {"9999-12-31T23:30:00Z", "buiten bereik"},
  };
  for (const Case& c : cases) {
    const StatusOr<Timestamp> r = ParseRfc3339(c.text, "gemeld_op");
    ASSERT_FALSE(r.ok()) << c.text;
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(r.status().field(), "gemeld_op");
    EXPECT_NE(r.status().message().find("gemeld_op"), std::string::npos) << c.text;
    EXPECT_NE(r.status().message().find(c.expected_fragment), std::string::npos)
        << c.text << " -> " << r.status().message();
  }
}

TEST(TimeZoneTest, ParseLocalReadsAmsterdamWallClock) {
  EXPECT_EQ(*ParseLocal("2026-07-01 14:30"), Utc(2026, 7, 1, 12, 30));
  EXPECT_EQ(*ParseLocal("2026-01-15 08:00:15"), Utc(2026, 1, 15, 7, 0, 15));
  const StatusOr<Timestamp> gap = ParseLocal("2026-03-29 02:15", {}, "datum_tijd");
  ASSERT_FALSE(gap.ok());
  EXPECT_EQ(gap.status().field(), "datum_tijd");
  EXPECT_NE(gap.status().message().find("bestaat niet"), std::string::npos);
  EXPECT_EQ(*ParseLocal("2026-03-29 02:15", {.gap = Ambiguity::Gap::kShiftForward}),
            Utc(2026, 3, 29, 1, 15));
  EXPECT_FALSE(ParseLocal("2026-07-01").ok());
  EXPECT_FALSE(ParseLocal("2026-07-01 14:30:00Z").ok());
  EXPECT_FALSE(ParseLocal("2026-07-01 14.30").ok());
  EXPECT_EQ(FormatLocal(*ParseLocal("2026-07-01 14:30")), "2026-07-01 14:30:00");
}

TEST(TimeZoneTest, FromAmsterdamRejectsOutOfRangeFields) {
  EXPECT_FALSE(FromAmsterdam(Local(2026, 2, 30, 10, 0)).ok());
  EXPECT_FALSE(FromAmsterdam(Local(2026, 2, 1, 24, 0)).ok());
  EXPECT_FALSE(FromAmsterdam(Local(2026, 2, 1, 10, -1)).ok());
}

TEST(TimeZoneTest, DatesParseAndFormat) {
  EXPECT_EQ(FormatDate(year(2026) / April / 5), "2026-04-05");
  EXPECT_EQ(*ParseDate("2024-02-29"), year(2024) / February / 29);
  EXPECT_FALSE(ParseDate("2025-02-29").ok());
  EXPECT_FALSE(ParseDate("2025-2-28").ok());
  EXPECT_FALSE(ParseDate("2025-02-28 ").ok());
  const StatusOr<year_month_day> bad = ParseDate("morgen", "peildatum");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().field(), "peildatum");
}

TEST(DutchDateTest, MonthNamesAndWeekdaysInAmsterdam) {
  EXPECT_EQ(DutchMonthName(1), "januari");
  EXPECT_EQ(DutchMonthName(12), "december");
  EXPECT_EQ(DutchMonthName(13), "?");
  EXPECT_EQ(
      DutchDate(year_month_day(std::chrono::year(2025), std::chrono::March, std::chrono::day(3))),
      "3 maart 2025");
  // 23:30 UTC on New Year's Eve is already Friday 1 January in Amsterdam.
  EXPECT_EQ(DutchWeekdayDate(*ParseRfc3339("2026-12-31T23:30:00Z")), "vrijdag 1 januari 2027");
  EXPECT_EQ(DutchWeekdayDate(*ParseRfc3339("2026-03-29T12:00:00+02:00")), "zondag 29 maart 2026");
}

}  // namespace
}  // namespace baken
