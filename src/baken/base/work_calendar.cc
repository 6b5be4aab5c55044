#include "baken/base/work_calendar.h"

#include "baken/base/time_zone.h"

namespace baken {
namespace {

using std::chrono::days;
using std::chrono::sys_days;
using std::chrono::year_month_day;

year_month_day Plus(year_month_day d, int n) {
  return year_month_day(sys_days(d) + days(n));
}

bool IsWeekend(year_month_day d) {
  const std::chrono::weekday w(sys_days{d});
  return w == std::chrono::Saturday || w == std::chrono::Sunday;
}

}  // namespace

year_month_day EasterSunday(std::chrono::year y) {
  const int year = static_cast<int>(y);
  const int a = year % 19;
  const int b = year / 100;
  const int c = year % 100;
  const int d = b / 4;
  const int e = b % 4;
  const int f = (b + 8) / 25;
  const int g = (b - f + 1) / 3;
  const int h = (19 * a + b - d - g + 15) % 30;
  const int i = c / 4;
  const int k = c % 4;
  const int l = (32 + 2 * e + 2 * i - h - k) % 7;
  const int m = (a + 11 * h + 22 * l) / 451;
  const int month = (h + l - 7 * m + 114) / 31;
  const int day = (h + l - 7 * m + 114) % 31 + 1;
  return y / std::chrono::month(static_cast<unsigned>(month)) /
         std::chrono::day(static_cast<unsigned>(day));
}

std::optional<std::string> WorkCalendar::HolidayName(year_month_day date) const {
  using std::chrono::April;
  using std::chrono::December;
  using std::chrono::January;
  using std::chrono::May;
  const std::chrono::year y = date.year();
  const std::chrono::month_day md(date.month(), date.day());
  if (md == January / 1) return "Nieuwjaarsdag";
  if (md == December / 25) return "Eerste Kerstdag";
  if (md == December / 26) return "Tweede Kerstdag";
  if (md == May / 5 && (options_.liberation_day == WorkCalendarOptions::LiberationDay::kEveryYear ||
                        static_cast<int>(y) % 5 == 0)) {
    return "Bevrijdingsdag";
  }
  const year_month_day kings_day = y / April / 27;
  const bool kings_day_on_sunday = std::chrono::weekday(sys_days{kings_day}) == std::chrono::Sunday;
  if (date == (kings_day_on_sunday ? Plus(kings_day, -1) : kings_day)) return "Koningsdag";

  const int from_easter = static_cast<int>((sys_days(date) - sys_days(EasterSunday(y))).count());
  switch (from_easter) {
    case -2:
      if (options_.good_friday_off) return "Goede Vrijdag";
      break;
    case 0: return "Eerste Paasdag";
    case 1: return "Tweede Paasdag";
    case 39: return "Hemelvaartsdag";
    case 49: return "Eerste Pinksterdag";
    case 50: return "Tweede Pinksterdag";
    default: break;
  }
  return std::nullopt;
}

bool WorkCalendar::IsWorkDay(year_month_day date) const {
  return !IsWeekend(date) && !IsHoliday(date);
}

year_month_day WorkCalendar::AddWorkDays(year_month_day date, int n) const {
  const int step = n >= 0 ? 1 : -1;
  for (int remaining = n >= 0 ? n : -n; remaining > 0;) {
    date = Plus(date, step);
    if (IsWorkDay(date)) --remaining;
  }
  return date;
}

Timestamp WorkCalendar::AddWorkDays(Timestamp t, int n) const {
  LocalDateTime local = ToAmsterdam(t);
  local.date = AddWorkDays(local.date, n);
  const StatusOr<Timestamp> result = FromAmsterdam(
      local, {.gap = Ambiguity::Gap::kShiftForward, .overlap = Ambiguity::Overlap::kEarlier});
  // Cannot fail: the fields came from ToAmsterdam and both policies resolve.
  return result.ok() ? *result : t;
}

namespace {

// The instant at `time_of_day` on Amsterdam date `date`.
Timestamp AtLocalTime(year_month_day date, std::chrono::minutes time_of_day) {
  LocalDateTime local{date, static_cast<int>(time_of_day.count() / 60),
                      static_cast<int>(time_of_day.count() % 60), 0, 0};
  const StatusOr<Timestamp> t = FromAmsterdam(local, {.gap = Ambiguity::Gap::kShiftForward});
  return t.ok() ? *t : StartOfAmsterdamDay(date) + time_of_day;
}

}  // namespace

Timestamp WorkCalendar::AddWorkHours(Timestamp t, std::chrono::microseconds duration,
                                     WorkHours hours) const {
  using std::chrono::microseconds;
  if (duration <= microseconds(0) || hours.end <= hours.start) return t;
  microseconds remaining = duration;
  for (;;) {
    const year_month_day date = AmsterdamDate(t);
    const Timestamp open = AtLocalTime(date, hours.start);
    const Timestamp close = AtLocalTime(date, hours.end);
    if (!IsWorkDay(date) || t >= close) {
      t = AtLocalTime(AddWorkDays(date, 1), hours.start);
      continue;
    }
    if (t < open) t = open;
    const microseconds available = close - t;
    if (remaining <= available) return t + remaining;
    remaining -= available;
    t = AtLocalTime(AddWorkDays(date, 1), hours.start);
  }
}

int WorkCalendar::WorkDaysBetween(year_month_day a, year_month_day b) const {
  // Forward: a < d <= b. Backward: b <= d < a, so that AddWorkDays(a, result) lands on b.
  const bool forward = sys_days(a) <= sys_days(b);
  const sys_days first = forward ? sys_days(a) + days(1) : sys_days(b);
  const sys_days last = forward ? sys_days(b) : sys_days(a) - days(1);
  int count = 0;
  for (sys_days d = first; d <= last; d += days(1)) {
    if (IsWorkDay(year_month_day(d))) ++count;
  }
  return forward ? count : -count;
}

}  // namespace baken
