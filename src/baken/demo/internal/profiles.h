// How the demo year is shaped per category: its share of the year, its season, its hours, where
// it happens and how it reaches the municipality. Plain constant data; thread-safe.
#pragma once

#include <span>

namespace baken::demo::internal {

enum class Season { kFlat, kWinter, kGreen, kSummer, kWarm, kDark, kEvents, kAcademic };
enum class Hours { kDay, kEvening, kNightlife, kOffice, kParking, kAllDay };
enum class Place { kResidents, kCentreNight, kCentreMixed, kBikes, kParks, kStudents, kIndustrial };

struct Profile {
  const char* code;  // sub category code in data/categories/groningen.json
  double per_mille;  // share of the year's meldingen
  Season season;
  Hours hours;
  Place place;
  double theme_share;  // part drawn by `place`; the rest by inhabitants
  bool new_year;       // more around New Year's Eve (fireworks)
  bool boa;            // boa's report it from the street
  bool partner;        // partners (police, care) report it
};

std::span<const Profile> Profiles();
const Profile* FindProfile(const char* code);

// Relative weight of a month (0 = January) for a season.
double MonthWeight(Season season, int month);
// Relative weight of local hour `hour` (0..23) on weekday `weekday` (0 = Sunday).
double HourWeight(Hours hours, int weekday, int hour);

// The categories of the recurring hot spots, one entry per hot spot.
std::span<const char* const> HotSpotCategories();

}  // namespace baken::demo::internal
