#include "baken/base/dutch_dates.h"

#include <array>

#include "baken/base/time_zone.h"

namespace baken {

std::string_view DutchMonthName(int month) {
  static constexpr std::array<std::string_view, 12> kNames = {
      "januari", "februari", "maart",     "april",   "mei",      "juni",
      "juli",    "augustus", "september", "oktober", "november", "december"};
  return month >= 1 && month <= 12 ? kNames[month - 1] : std::string_view("?");
}

std::string DutchDate(std::chrono::year_month_day date) {
  return std::to_string(static_cast<unsigned>(date.day())) + " " +
         std::string(DutchMonthName(static_cast<int>(static_cast<unsigned>(date.month())))) + " " +
         std::to_string(static_cast<int>(date.year()));
}

std::string DutchWeekdayDate(Timestamp t) {
  static constexpr std::array<std::string_view, 7> kDays = {
      "zondag", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag"};
  return std::string(kDays[AmsterdamWeekday(t).c_encoding()]) + " " + DutchDate(AmsterdamDate(t));
}

}  // namespace baken
