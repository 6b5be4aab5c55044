#include "baken/demo/internal/profiles.h"

#include <array>
#include <cstring>

namespace baken::demo::internal {

namespace {

using enum Season;
using enum Hours;
using enum Place;

// Shares roughly as in Groningen's yearly figures: afval, parkeren and openbare ruimte make up
// two thirds; verward gedrag a few hundred; ondermijning and mensenhandel tens.
constexpr Profile kProfiles[] = {
    // code, per mille, season, hours, place, theme share, new year, boa, partner
    {"afvalcontainer", 90, kWarm, kDay, kResidents, 0, false, false, false},
    {"grofvuil", 70, kFlat, kDay, kResidents, 0, false, false, false},
    {"zwerfafval", 55, kWarm, kDay, kCentreMixed, 0.3, true, true, false},
    {"afvalbak", 30, kWarm, kDay, kCentreMixed, 0.3, false, false, false},
    {"dumping", 25, kFlat, kDay, kIndustrial, 0.25, false, true, false},
    {"hondenpoep", 35, kFlat, kDay, kResidents, 0, false, true, false},
    {"honden", 10, kWarm, kDay, kResidents, 0, false, true, false},
    {"ongedierte", 25, kWarm, kDay, kResidents, 0, false, false, false},
    {"foutparkeren", 70, kFlat, kParking, kCentreMixed, 0.45, false, true, false},
    {"parkeeroverlast", 45, kFlat, kParking, kCentreMixed, 0.3, false, true, false},
    {"fietsen", 55, kAcademic, kDay, kBikes, 0.55, false, true, false},
    {"autowrak", 10, kFlat, kDay, kResidents, 0, false, true, false},
    {"hinderlijk-gedrag", 30, kWarm, kNightlife, kCentreNight, 0.5, true, true, false},
    {"jeugdoverlast", 30, kWarm, kEvening, kResidents, 0, true, false, false},
    {"drugsoverlast", 12, kFlat, kEvening, kCentreMixed, 0.3, false, true, true},
    {"drankoverlast", 10, kWarm, kNightlife, kCentreNight, 0.6, false, true, false},
    {"verward-gedrag", 8, kFlat, kAllDay, kCentreMixed, 0.3, false, false, true},
    {"overlast-groen", 12, kSummer, kEvening, kParks, 0.7, false, true, false},
    {"geluid-woning", 30, kWarm, kEvening, kStudents, 0.3, true, false, false},
    {"geluid-horeca", 15, kFlat, kNightlife, kCentreNight, 0.75, false, false, false},
    {"geluid-evenement", 6, kEvents, kEvening, kParks, 0.5, false, false, false},
    {"geluid-bouw-verkeer", 12, kFlat, kDay, kResidents, 0, false, false, false},
    {"horeca", 12, kFlat, kNightlife, kCentreNight, 0.8, false, false, false},
    {"evenement", 4, kEvents, kDay, kParks, 0.5, false, false, false},
    {"kamerverhuur", 6, kAcademic, kOffice, kStudents, 0.8, false, false, false},
    {"verwaarloosd-pand", 6, kFlat, kDay, kResidents, 0, false, false, false},
    {"woonoverlast", 12, kFlat, kEvening, kResidents, 0, false, false, true},
    {"vermoeden-ondermijning", 1.0, kFlat, kOffice, kIndustrial, 0.3, false, false, true},
    {"drugslab-hennep", 0.6, kFlat, kOffice, kIndustrial, 0.4, false, false, true},
    {"signaal-mensenhandel", 0.8, kFlat, kOffice, kCentreMixed, 0.3, false, false, true},
    {"straatverlichting", 60, kDark, kEvening, kResidents, 0, false, false, false},
    {"bestrating", 65, kFlat, kDay, kResidents, 0, false, false, false},
    {"gladheid", 12, kWinter, kDay, kResidents, 0, false, false, false},
    {"groen", 55, kGreen, kDay, kResidents, 0, false, false, false},
    {"graffiti", 20, kFlat, kDay, kCentreMixed, 0.4, false, true, false},
    {"meubilair", 22, kWarm, kDay, kResidents, 0, false, false, false},
    {"overig", 25, kFlat, kDay, kResidents, 0, true, false, false},
};

// January .. December.
constexpr std::array<double, 12> kMonths[] = {
    /*kFlat*/ {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1},
    /*kWinter*/ {3, 2.5, 1, 0, 0, 0, 0, 0, 0, 0, 0.7, 2.5},
    /*kGreen*/ {0.3, 0.3, 0.6, 1.2, 1.8, 1.8, 1.6, 1.3, 1.0, 0.8, 0.6, 0.3},
    /*kSummer*/ {0.05, 0.05, 0.1, 0.4, 0.8, 2.6, 3.0, 2.7, 0.8, 0.2, 0.05, 0.05},
    /*kWarm*/ {0.7, 0.7, 0.85, 1, 1.15, 1.25, 1.3, 1.25, 1.05, 0.95, 0.85, 0.8},
    /*kDark*/ {1.5, 1.3, 1, 0.7, 0.5, 0.45, 0.5, 0.7, 1, 1.4, 1.6, 1.6},
    /*kEvents*/ {0.3, 0.3, 0.5, 1.5, 1.2, 1.5, 1.6, 2.2, 1.2, 0.6, 0.4, 0.7},
    /*kAcademic*/ {1.2, 1, 1, 1, 0.9, 0.9, 0.8, 1.4, 1.5, 1.2, 1, 0.8},
};

// Hours 0..23.
constexpr std::array<double, 24> kDayHours = {0.05, 0.02, 0.02, 0.02, 0.02, 0.05, 0.2, 0.6,
                                              1.2,  1.5,  1.5,  1.4,  1.2,  1.2,  1.3, 1.3,
                                              1.2,  1.1,  1.1,  1.2,  1.2,  1.0,  0.6, 0.2};
constexpr std::array<double, 24> kEveningHours = {0.8, 0.5, 0.3,  0.15, 0.1, 0.05, 0.05, 0.1,
                                                  0.2, 0.3, 0.35, 0.4,  0.5, 0.55, 0.6,  0.7,
                                                  0.8, 0.9, 1.1,  1.3,  1.5, 1.6,  1.6,  1.3};
constexpr std::array<double, 24> kNightHours = {1.0,  0.9,  0.8, 0.6,  0.25, 0.05, 0.02, 0.02,
                                                0.02, 0.05, 0.1, 0.1,  0.15, 0.15, 0.15, 0.15,
                                                0.2,  0.2,  0.3, 0.35, 0.45, 0.6,  0.85, 1.0};
constexpr std::array<double, 24> kOfficeHours = {0,   0, 0, 0, 0,   0,   0,   0.1, 0.6, 1,    1, 1,
                                                 0.8, 1, 1, 1, 0.9, 0.5, 0.2, 0.1, 0.1, 0.05, 0, 0};
constexpr std::array<double, 24> kParkingHours = {0.1, 0.05, 0.02, 0.02, 0.02, 0.05, 0.3, 0.9,
                                                  1.3, 1.3,  1.2,  1.2,  1.2,  1.2,  1.2, 1.2,
                                                  1.2, 1.3,  1.3,  1.2,  1.0,  0.8,  0.5, 0.2};
constexpr std::array<double, 24> kAllDayHours = {0.5, 0.4, 0.3, 0.3, 0.3, 0.3, 0.4, 0.6,
                                                 0.8, 0.9, 1,   1,   1,   1,   1,   1,
                                                 1,   1,   1.1, 1.1, 1.1, 1,   0.8, 0.6};

constexpr const char* kHotSpots[] = {
    "afvalcontainer", "afvalcontainer", "afvalcontainer", "afvalcontainer",    "afvalcontainer",
    "dumping",        "dumping",        "dumping",        "hondenpoep",        "hondenpoep",
    "hondenpoep",     "jeugdoverlast",  "jeugdoverlast",  "jeugdoverlast",     "drugsoverlast",
    "drugsoverlast",  "fietsen",        "fietsen",        "hinderlijk-gedrag", "hinderlijk-gedrag",
    "geluid-horeca",  "geluid-horeca",  "zwerfafval",     "zwerfafval",        "graffiti",
    "graffiti",       "overlast-groen", "foutparkeren",   "foutparkeren",      "drankoverlast",
};

}  // namespace

std::span<const Profile> Profiles() {
  return kProfiles;
}

const Profile* FindProfile(const char* code) {
  for (const Profile& p : kProfiles) {
    if (std::strcmp(p.code, code) == 0) return &p;
  }
  return nullptr;
}

double MonthWeight(Season season, int month) {
  return kMonths[static_cast<int>(season)][month];
}

double HourWeight(Hours hours, int weekday, int hour) {
  const bool weekend = weekday == 0 || weekday == 6;
  switch (hours) {
    case kDay: {
      static constexpr double kWeekday[] = {0.7, 1.2, 1.1, 1.05, 1.0, 0.95, 0.75};
      return kDayHours[hour] * kWeekday[weekday];
    }
    case kEvening: return kEveningHours[hour] * ((weekday == 5 || weekday == 6) ? 1.3 : 1.0);
    case kNightlife: {
      // Friday and Saturday nights, 22:00-04:00: the evening hours of Friday and Saturday and
      // the small hours of Saturday and Sunday.
      const bool weekend_night = ((weekday == 5 || weekday == 6) && hour >= 22) ||
                                 ((weekday == 6 || weekday == 0) && hour < 4);
      const bool thursday_night = (weekday == 4 && hour >= 22) || (weekday == 5 && hour < 4);
      return kNightHours[hour] * (weekend_night ? 5.0 : thursday_night ? 1.8 : 1.0);
    }
    case kOffice: return kOfficeHours[hour] * (weekend ? 0.1 : 1.0);
    case kParking: return kParkingHours[hour] * (weekday == 6 ? 1.3 : weekday == 0 ? 0.6 : 1.0);
    case kAllDay: return kAllDayHours[hour];
  }
  return 1;
}

std::span<const char* const> HotSpotCategories() {
  return kHotSpots;
}

}  // namespace baken::demo::internal
