#include "baken/analysis/time_patterns.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <map>

#include "baken/analysis/spatial_stats.h"

namespace baken::analysis {
namespace {

int64_t FloorDiv(int64_t a, int64_t b) {
  const int64_t q = a / b;
  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

// Local day number (days since 1970-01-01 on the local clock) of an instant.
int64_t LocalDay(int64_t utc, const ZoneRules& zone) {
  return FloorDiv(utc + zone.OffsetAt(utc), 86400);
}

std::chrono::year_month_day Civil(int64_t day) {
  return std::chrono::year_month_day{std::chrono::sys_days{std::chrono::days{day}}};
}

}  // namespace

int HourOfWeek(int64_t utc, const ZoneRules& zone) {
  const int64_t local = utc + zone.OffsetAt(utc);
  const int64_t day = FloorDiv(local, 86400);
  const int hour = static_cast<int>((local - day * 86400) / 3600);
  // 1970-01-01 was a Thursday (3 counting from Monday 0).
  const int weekday = static_cast<int>(((day + 3) % 7 + 7) % 7);
  return weekday * 24 + hour;
}

HourOfWeekProfile HourOfWeekCounts(const EventSnapshot& events, const ZoneRules& zone, int64_t from,
                                   int64_t to) {
  HourOfWeekProfile out;
  const auto [first, last] = events.Between(from, to);
  const auto times = events.times();
  for (size_t i = first; i < last; ++i) ++out.counts[HourOfWeek(times[i], zone)];
  out.total = static_cast<int64_t>(last - first);
  for (int h = 0; h < kHoursPerWeek; ++h) {
    out.share[h] = out.total > 0 ? static_cast<double>(out.counts[h]) / out.total : 0.0;
  }
  return out;
}

AreaGroups MakeAreaGroups(const std::vector<std::string>& group_code_of_area,
                          const std::vector<std::string>& also) {
  AreaGroups out;
  std::map<std::string, int32_t> index;
  for (const auto* list : {&group_code_of_area, &also}) {
    for (const std::string& code : *list) {
      if (!code.empty()) index.emplace(code, 0);
    }
  }
  for (auto& [code, i] : index) {
    i = static_cast<int32_t>(out.codes.size());
    out.codes.push_back(code);
  }
  out.group_of_area.reserve(group_code_of_area.size());
  for (const std::string& code : group_code_of_area) {
    out.group_of_area.push_back(code.empty() ? -1 : index[code]);
  }
  return out;
}

std::string WijkOfBuurt(std::string_view code) {
  if (code.size() != 10 || code.substr(0, 2) != "BU") return "";
  for (char c : code.substr(2)) {
    if (c < '0' || c > '9') return "";
  }
  return "WK" + std::string(code.substr(2, 6));
}

std::vector<HourOfWeekProfile> HourOfWeekByGroup(const EventSnapshot& events, const ZoneRules& zone,
                                                 int64_t from, int64_t to,
                                                 const AreaGroups& groups) {
  std::vector<HourOfWeekProfile> out(groups.codes.size());
  const auto [first, last] = events.Between(from, to);
  const auto times = events.times();
  const auto areas = events.areas();
  for (size_t i = first; i < last; ++i) {
    const int32_t a = areas[i];
    if (a < 0 || static_cast<size_t>(a) >= groups.group_of_area.size()) continue;
    const int32_t g = groups.group_of_area[a];
    if (g < 0) continue;
    ++out[g].counts[HourOfWeek(times[i], zone)];
    ++out[g].total;
  }
  for (HourOfWeekProfile& p : out) {
    for (int h = 0; h < kHoursPerWeek; ++h) {
      p.share[h] = p.total > 0 ? static_cast<double>(p.counts[h]) / p.total : 0.0;
    }
  }
  return out;
}

MonthProfile MonthOfYear(const EventSnapshot& events, const ZoneRules& zone, int64_t from,
                         int64_t to) {
  MonthProfile out;
  if (to <= from) return out;
  const auto [first, last] = events.Between(from, to);
  const auto times = events.times();
  for (size_t i = first; i < last; ++i) {
    const unsigned m = static_cast<unsigned>(Civil(LocalDay(times[i], zone)).month());
    ++out.counts[m - 1];
  }
  out.total = static_cast<int64_t>(last - first);
  // Exposure: each covered local day adds 1 / (days of its month) to its calendar month.
  const int64_t d0 = LocalDay(from, zone), d1 = LocalDay(to - 1, zone);
  for (int64_t d = d0; d <= d1; ++d) {
    const std::chrono::year_month_day ymd = Civil(d);
    const std::chrono::year_month_day_last end{ymd.year() / ymd.month() / std::chrono::last};
    out.exposure[static_cast<unsigned>(ymd.month()) - 1] += 1.0 / static_cast<unsigned>(end.day());
  }
  double exposure = 0;
  for (double e : out.exposure) exposure += e;
  out.overall_mean = exposure > 0 ? static_cast<double>(out.total) / exposure : 0.0;
  for (int m = 0; m < 12; ++m) {
    // Rounding of the day fractions: a whole month sums to 1 within 1e-15.
    if (out.exposure[m] < 1e-9) {
      out.exposure[m] = 0;
      continue;
    }
    out.mean[m] = static_cast<double>(out.counts[m]) / out.exposure[m];
    out.index[m] = out.overall_mean > 0 ? out.mean[m] / out.overall_mean : 0.0;
  }
  return out;
}

std::string_view TrendClassName(TrendClass c) {
  switch (c) {
    case TrendClass::kIncrease: return "stijging";
    case TrendClass::kDecrease: return "daling";
    case TrendClass::kNoSignificantChange: break;
  }
  return "geen significante verandering";
}

double ConditionalPoissonP(int64_t a, int64_t b) {
  if (a < 0 || b < 0 || a == b) return 1.0;
  const int64_t n = a + b, k = std::min(a, b);
  const double dn = static_cast<double>(n), dk = static_cast<double>(k);
  // P(X = k), then the terms below it by the ratio P(X = i - 1) / P(X = i) = i / (n - i + 1),
  // summed relative to P(X = k) (the largest of them, as k < n / 2): no overflow for any n.
  const double log_pk =
      std::lgamma(dn + 1) - std::lgamma(dk + 1) - std::lgamma(dn - dk + 1) - dn * std::log(2.0);
  double sum = 1, term = 1;
  for (int64_t i = k; i >= 1; --i) {
    term *= static_cast<double>(i) / static_cast<double>(n - i + 1);
    sum += term;
    if (term < 1e-17 * sum) break;
  }
  return std::min(1.0, 2.0 * std::exp(log_pk) * sum);
}

std::vector<TrendRow> TrendByGroup(const EventSnapshot& events, int64_t from, int64_t to,
                                   const AreaGroups& groups, double alpha) {
  std::vector<TrendRow> rows(groups.codes.size());
  for (size_t g = 0; g < rows.size(); ++g) rows[g].group = static_cast<int32_t>(g);
  if (to <= from) return rows;
  const int64_t prev_from = from - (to - from);
  const auto [first, last] = events.Between(prev_from, to);
  const auto times = events.times();
  const auto areas = events.areas();
  for (size_t i = first; i < last; ++i) {
    const int32_t a = areas[i];
    if (a < 0 || static_cast<size_t>(a) >= groups.group_of_area.size()) continue;
    const int32_t g = groups.group_of_area[a];
    if (g < 0) continue;
    if (times[i] >= from) {
      ++rows[g].count;
    } else {
      ++rows[g].previous;
    }
  }
  std::vector<double> p;
  std::vector<size_t> tested;
  for (size_t g = 0; g < rows.size(); ++g) {
    TrendRow& r = rows[g];
    r.change_pct = r.previous > 0 ? 100.0 * static_cast<double>(r.count - r.previous) /
                                        static_cast<double>(r.previous)
                                  : std::numeric_limits<double>::quiet_NaN();
    if (r.count + r.previous == 0) continue;
    r.p = ConditionalPoissonP(r.count, r.previous);
    p.push_back(r.p);
    tested.push_back(g);
  }
  const std::vector<double> q = BenjaminiHochberg(p);
  for (size_t k = 0; k < tested.size(); ++k) {
    TrendRow& r = rows[tested[k]];
    r.q = q[k];
    if (r.q < alpha) {
      r.trend = r.count > r.previous ? TrendClass::kIncrease : TrendClass::kDecrease;
    }
  }
  return rows;
}

}  // namespace baken::analysis
