// Fuzz target: the event CSV loader (column mapping, filter, local and RFC 3339 times, numbers,
// WGS84 or RD coordinates) and the time patterns on what it loads. Input: an optional mapping
// spec, a NUL byte, then the CSV; without a NUL byte the whole input is the CSV with the mapping
// time=tijd,x=x,y=y,category=soort,area=buurt. The first byte of the spec part picks the time zone
// (Amsterdam or Chicago). Any input must give a report or a Status, never a crash, leak or
// sanitizer report, and the report must add up.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>
#include <string_view>

#include "baken/analysis/event_csv.h"
#include "baken/analysis/time_patterns.h"
#include "baken/base/zone_rules.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace baken::analysis;  // NOLINT(google-build-using-namespace)
  if (size > (1u << 20)) return 0;
  using baken::ZoneRules;
  static const ZoneRules* amsterdam = [] {
    auto z = ZoneRules::Load("Europe/Amsterdam");
    return z.ok() ? new ZoneRules(std::move(*z)) : nullptr;
  }();
  if (amsterdam == nullptr) __builtin_trap();  // tzdata is a build dependency

  std::string_view input(reinterpret_cast<const char*>(data), size);
  LoadOptions options;
  std::string_view spec = "time=tijd,x=x,y=y,category=soort,area=buurt";
  const size_t nul = input.find('\0');
  if (nul != std::string_view::npos) {
    spec = input.substr(0, nul);
    if (!spec.empty()) {
      options.tz = (spec[0] & 1) != 0 ? "America/Chicago" : "Europe/Amsterdam";
      spec.remove_prefix(1);
    }
    input.remove_prefix(nul + 1);
  }
  auto map = ParseColumnMap(spec);
  if (!map.ok()) return 0;
  options.map = std::move(*map);
  options.keep_errors = 3;
  std::istringstream in{std::string(input)};
  auto report = LoadEventsCsv(in, options);
  if (!report.ok()) return 0;
  const EventSnapshot& events = report->events;
  // Every row is an event, filtered out, or a counted error; at most keep_errors messages.
  if (report->rows != report->filtered + report->bad + static_cast<int64_t>(events.size()) ||
      report->errors.size() > options.keep_errors) {
    __builtin_trap();
  }
  if (events.empty()) return 0;
  const int64_t from = events.times().front(), to = events.times().back() + 1;
  const HourOfWeekProfile hours = HourOfWeekCounts(events, *amsterdam, from, to);
  int64_t sum = 0;
  for (int64_t c : hours.counts) sum += c;
  if (sum != static_cast<int64_t>(events.size()) || hours.total != sum) __builtin_trap();
  // Month exposure loops over the days of the range: keep that to a few centuries.
  if (to - from < int64_t{400} * 366 * 86400) (void)MonthOfYear(events, *amsterdam, from, to);
  std::vector<std::string> wijk;
  for (const std::string& b : events.area_names()) wijk.push_back(WijkOfBuurt(b));
  const AreaGroups groups = MakeAreaGroups(wijk);
  for (const TrendRow& r : TrendByGroup(events, from, to, groups)) {
    if (!(r.p >= 0 && r.p <= 1 && r.q >= 0 && r.q <= 1)) __builtin_trap();
  }
  return 0;
}
