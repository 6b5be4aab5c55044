// The time patterns of one period as a JSON document, the same for `baken patterns --format json`
// and GET /api/v1/analyse/patronen, so an analyst reads one format.
//
// Keys are Dutch (like the rest of the API): van, tot, vorige_van, vorige_tot, niveau, meldingen,
// buiten_gebieden, uur_van_week {aantal[168], aandeel[168], dagen[7]}, maanden [{maand, naam,
// aantal, blootstelling, gemiddelde, index}], trend [{code, naam, aantal, vorige,
// verandering_pct (null when vorige is 0), p, q, klasse}], toets. Counts only: nothing about a
// person or a text. Pure function, thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "baken/analysis/time_patterns.h"

namespace baken::analysis {

struct PatternsReport {
  std::string van, tot, vorige_van, vorige_tot;  // local dates, inclusive
  std::string niveau;                            // "wijk" or "buurt"
  std::vector<std::string> categories;           // the filter, empty: all
  int64_t events = 0;                            // in [van, tot]
  int64_t outside = 0;                           // of them without a group
  HourOfWeekProfile hours;
  MonthProfile months;
  std::vector<TrendRow> trend;
  std::vector<std::string> codes, names;  // per group
};

// Dutch short names: "ma".."zo", "jan".."dec".
extern const char* const kWeekdayNames[7];
extern const char* const kMonthNames[12];

// The document, compact (`indent` < 0) or indented.
std::string PatternsJson(const PatternsReport& report, int indent = -1);

}  // namespace baken::analysis
