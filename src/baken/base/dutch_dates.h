// Dates as Dutch readers write them, for letters, mails and reports: the month name, "3 maart
// 2025", and "maandag 3 maart 2025" for the Amsterdam day of an instant. Pure and thread-safe.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "baken/base/clock.h"

namespace baken {

// "januari" for 1 ... "december" for 12; "?" outside 1..12.
std::string_view DutchMonthName(int month);
// "3 maart 2025".
std::string DutchDate(std::chrono::year_month_day date);
// "vrijdag 1 januari 2027" for the day `t` falls on in Amsterdam.
std::string DutchWeekdayDate(Timestamp t);

}  // namespace baken
