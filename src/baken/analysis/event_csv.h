// Loading an EventSnapshot from a CSV file with a column mapping (police exports, open data).
//
// The mapping names the columns: time=..., and either lon=...,lat=... (WGS84 degrees, projected
// with geo::MetricProjection: RD New in the Netherlands, the UTM zone elsewhere, chosen from the
// first good row unless LoadOptions::epsg says) or x=...,y=... (RD New metres); optional
// category=... and area=.... Times are local wall-clock "YYYY-MM-DD HH:MM[:SS]" in LoadOptions::tz
// (gap: moved forward; overlap: the earlier instant), or RFC 3339 with an offset.
// A bad row (empty or unreadable field, coordinate out of range) is skipped and counted; the first
// few errors are kept as "regel N, kolom 'naam': reden". A missing column or a bad mapping is an
// error of the whole load (kInvalidArgument). Files may be gzip-compressed; "-" reads stdin.
// Free functions, thread-safe.
#pragma once

#include <cstdint>
#include <istream>
#include <limits>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "baken/analysis/event_snapshot.h"
#include "baken/base/status.h"

namespace baken::analysis {

struct ColumnMap {
  std::string time, lon, lat, x, y, category, area;
};

// "time=date,lon=longitude,lat=latitude,category=loc_cat".
StatusOr<ColumnMap> ParseColumnMap(std::string_view spec);

struct EventFilter {
  std::vector<std::pair<std::string, std::string>> equals;  // column = value (e.g. district=11)
  std::vector<std::string> categories;                      // keep only these (empty: all)
  int64_t from = std::numeric_limits<int64_t>::min();       // UTC seconds, inclusive
  int64_t to = std::numeric_limits<int64_t>::max();         // UTC seconds, exclusive
};

// "district=11" or "district=11,loc_cat=street" added to `filter`.
Status ParseFilter(std::string_view spec, EventFilter& filter);

struct LoadOptions {
  ColumnMap map;
  std::string tz = "Europe/Amsterdam";
  EventFilter filter;
  int epsg = 0;  // 0: choose from the data
  size_t keep_errors = 10;
};

struct LoadReport {
  EventSnapshot events;
  int64_t rows = 0;                 // data rows read
  int64_t filtered = 0;             // good rows left out by the filter
  int64_t bad = 0;                  // rows skipped for an error
  std::vector<std::string> errors;  // the first LoadOptions::keep_errors of them
};

StatusOr<LoadReport> LoadEventsCsv(std::istream& in, const LoadOptions& options);
// A file (gzip or plain) or "-" for standard input.
StatusOr<LoadReport> LoadEventsFile(const std::string& path, const LoadOptions& options);

}  // namespace baken::analysis
