// Time patterns of an EventSnapshot: when in the week, which months, and where counts went up or
// down compared with the period before.
//
//  * Hour of week: 168 bins, Monday 00:00-00:59 local time first, Sunday 23:00-23:59 last; local
//    time from a ZoneRules (Europe/Amsterdam for meldingen), so summer time is honoured.
//  * Month of year: events per calendar month divided by the exposure of that month in the period
//    (covered local days / days of the month, summed over the years), and an index = that mean /
//    the overall monthly mean (total / total exposure). 1.0 is an average month.
//  * Trend per area group (buurt or wijk): count in [from, to) against the previous period of the
//    same length [2 from - to, from); two-sided exact conditional test for two Poisson counts
//    (given n = a + b, a ~ Binomial(n, 1/2) under "no change"), Benjamini-Hochberg across the
//    groups with n > 0, class at q < alpha. Assumptions and limits: docs/analysis.md.
// Every function reads the events in the given time range only and allocates fixed arrays (one
// per bin or group), nothing per event. Pure functions, thread-safe; no errors (an empty range
// gives zeros).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "baken/analysis/event_snapshot.h"
#include "baken/base/zone_rules.h"

namespace baken::analysis {

inline constexpr int kHoursPerWeek = 168;

// Bin of an instant: 24 * (weekday, Monday 0) + local hour.
int HourOfWeek(int64_t utc, const ZoneRules& zone);

struct HourOfWeekProfile {
  std::array<int64_t, kHoursPerWeek> counts{};
  std::array<double, kHoursPerWeek> share{};  // counts / total (0 when total is 0)
  int64_t total = 0;
};

// Events with from <= time < to.
HourOfWeekProfile HourOfWeekCounts(const EventSnapshot& events, const ZoneRules& zone, int64_t from,
                                   int64_t to);

// Area groups: which group each area id of a snapshot belongs to (-1: none), and the group codes.
struct AreaGroups {
  std::vector<int32_t> group_of_area;  // indexed by EventSnapshot area id
  std::vector<std::string> codes;      // indexed by group, ascending
};

// Groups from the group code of each area id ("" for none): identity for buurten, the wijk code
// (WijkOfBuurt or the stored parent) for wijken. `also`: codes that get a group even without an
// event (all wijken of the municipality, so a wijk that went to zero still shows).
AreaGroups MakeAreaGroups(const std::vector<std::string>& group_code_of_area,
                          const std::vector<std::string>& also = {});

// CBS codes: the wijk of buurt "BU00140105" is "WK001401" (gemeente 4 digits, wijk 2, buurt 2).
// "" for anything that is not a CBS buurt code.
std::string WijkOfBuurt(std::string_view buurt_code);

// One profile per group; events without a group are left out.
std::vector<HourOfWeekProfile> HourOfWeekByGroup(const EventSnapshot& events, const ZoneRules& zone,
                                                 int64_t from, int64_t to,
                                                 const AreaGroups& groups);

struct MonthProfile {
  std::array<int64_t, 12> counts{};   // January first, summed over the years
  std::array<double, 12> exposure{};  // months covered (a whole month counts 1)
  std::array<double, 12> mean{};      // counts / exposure; 0 without exposure
  std::array<double, 12> index{};     // mean / overall_mean; 0 without exposure
  double overall_mean = 0;            // total / total exposure
  int64_t total = 0;
};

// Events with from <= time < to; exposure from the local days in [from, to).
MonthProfile MonthOfYear(const EventSnapshot& events, const ZoneRules& zone, int64_t from,
                         int64_t to);

enum class TrendClass { kIncrease, kDecrease, kNoSignificantChange };

// "stijging", "daling", "geen significante verandering".
std::string_view TrendClassName(TrendClass c);

struct TrendRow {
  int32_t group = -1;
  int64_t count = 0;      // in [from, to)
  int64_t previous = 0;   // in [from - (to - from), from)
  double change_pct = 0;  // 100 (count - previous) / previous; NaN when previous is 0
  double p = 1;           // two-sided exact conditional binomial test
  double q = 1;           // Benjamini-Hochberg over the groups with count + previous > 0
  TrendClass trend = TrendClass::kNoSignificantChange;
};

// Two-sided p-value of a ~ Binomial(a + b, 1/2): min(1, 2 P(X <= min(a, b))); 1 for a == b.
double ConditionalPoissonP(int64_t a, int64_t b);

// One row per group, in group order. Events outside the groups are not counted.
std::vector<TrendRow> TrendByGroup(const EventSnapshot& events, int64_t from, int64_t to,
                                   const AreaGroups& groups, double alpha = 0.05);

}  // namespace baken::analysis
