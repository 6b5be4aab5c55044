// Dutch working days: public holidays, work-day arithmetic and deadlines in Amsterdam time.
//
// Holidays: Nieuwjaarsdag, Eerste/Tweede Paasdag, Koningsdag (27 April, 26 April when the 27th is
// a Sunday; the rule since 2014), Hemelvaartsdag, Eerste/Tweede Pinksterdag, Eerste/Tweede
// Kerstdag, plus two configurable days: Goede Vrijdag (not a general day off, so off by default)
// and Bevrijdingsdag (5 May; by default only in lustrum years 2025, 2030, ..., as for government
// staff). A work day is Monday to Friday and not a holiday.
//
// A WorkCalendar is immutable after construction and safe to share between threads. Functions do
// not fail; dates must be valid (ok()) year_month_day values.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "baken/base/clock.h"

namespace baken {

struct WorkCalendarOptions {
  enum class LiberationDay {
    kLustrumOnly,  // a day off when the year is divisible by 5
    kEveryYear,
  };
  bool good_friday_off = false;
  LiberationDay liberation_day = LiberationDay::kLustrumOnly;
};

// Easter Sunday of `y` in the Gregorian calendar (anonymous Gregorian algorithm).
std::chrono::year_month_day EasterSunday(std::chrono::year y);

// Office hours in Amsterdam local time, as offsets from midnight; start < end.
struct WorkHours {
  std::chrono::minutes start{8 * 60 + 30};  // 08:30
  std::chrono::minutes end{17 * 60};        // 17:00
};

class WorkCalendar {
 public:
  explicit WorkCalendar(WorkCalendarOptions options = {}) : options_(options) {}

  const WorkCalendarOptions& options() const { return options_; }

  bool IsHoliday(std::chrono::year_month_day date) const { return HolidayName(date).has_value(); }
  // The Dutch name ("Tweede Paasdag"), or nullopt when `date` is not a holiday under the options.
  std::optional<std::string> HolidayName(std::chrono::year_month_day date) const;
  bool IsWorkDay(std::chrono::year_month_day date) const;

  // The n-th work day after `date` (n > 0) or before it (n < 0); `date` itself for n == 0.
  // Counting starts from `date` whether or not it is a work day: Saturday + 1 is Monday.
  std::chrono::year_month_day AddWorkDays(std::chrono::year_month_day date, int n) const;

  // Deadline arithmetic: moves the Amsterdam date of `t` by n work days and keeps its Amsterdam
  // time of day (Friday 16:00 + 3 work days is Wednesday 16:00). A time of day that does not exist
  // on the target day (spring gap) moves forward by the gap; one shown twice takes the first.
  Timestamp AddWorkDays(Timestamp t, int n) const;

  // Adds `duration` (>= 0; negative counts as 0) of office time: only the hours within `hours` on
  // work days count. A start outside office hours counts from the next opening; a deadline that
  // exactly fills a day ends at closing time (17:00), not at the next opening.
  Timestamp AddWorkHours(Timestamp t, std::chrono::microseconds duration,
                         WorkHours hours = {}) const;

  // Number of work days d with a < d <= b; when b is before a, minus the number with b <= d < a.
  // AddWorkDays(a, WorkDaysBetween(a, b)) == b whenever b is a work day.
  int WorkDaysBetween(std::chrono::year_month_day a, std::chrono::year_month_day b) const;

 private:
  WorkCalendarOptions options_;
};

}  // namespace baken
