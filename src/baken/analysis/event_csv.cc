#include "baken/analysis/event_csv.h"

#include <zlib.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <memory>
#include <optional>
#include <sstream>

#include "baken/base/csv.h"
#include "baken/base/strings.h"
#include "baken/base/time_zone.h"
#include "baken/base/utf8.h"
#include "baken/base/zone_rules.h"
#include "baken/geo/crs.h"

namespace baken::analysis {
namespace {

std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (start <= s.size()) {
    const size_t end = std::min(s.find(sep, start), s.size());
    out.push_back(Trim(s.substr(start, end - start)));
    start = end + 1;
  }
  return out;
}

std::optional<double> Number(std::string_view s) {
  s = Trim(s);
  double v = 0;
  const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

std::optional<int> Digits(std::string_view s, size_t at, size_t n) {
  if (at + n > s.size()) return std::nullopt;
  int v = 0;
  for (size_t i = at; i < at + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

// Local "YYYY-MM-DD HH:MM[:SS]" (or 'T'), else RFC 3339 with an offset.
StatusOr<int64_t> ParseTime(std::string_view s, const ZoneRules& zone) {
  s = Trim(s);
  const auto y = Digits(s, 0, 4), mo = Digits(s, 5, 2), d = Digits(s, 8, 2);
  const auto h = Digits(s, 11, 2), mi = Digits(s, 14, 2);
  const bool seconds = s.size() == 19 && s[16] == ':';
  const auto sec = seconds ? Digits(s, 17, 2) : std::optional<int>(0);
  if ((s.size() == 16 || seconds) && y && mo && d && h && mi && sec && s[4] == '-' && s[7] == '-' &&
      (s[10] == ' ' || s[10] == 'T') && s[13] == ':') {
    const std::chrono::year_month_day ymd{std::chrono::year{*y}, std::chrono::month(*mo),
                                          std::chrono::day(*d)};
    if (!ymd.ok() || *h > 23 || *mi > 59 || *sec > 59) {
      return InvalidArgumentError("datum of tijd bestaat niet: '" + std::string(s) + "'");
    }
    return zone.LocalToUtc(CivilSeconds(*y, *mo, *d, *h, *mi, *sec));
  }
  auto t = ParseRfc3339(s);
  if (!t.ok()) {
    return InvalidArgumentError("verwacht 'JJJJ-MM-DD UU:MM' of RFC 3339, kreeg '" +
                                std::string(s.substr(0, 40)) + "'");
  }
  return ToUnixMicros(*t) / 1'000'000;
}

struct Columns {
  std::optional<size_t> time, lon, lat, x, y, category, area;
  std::vector<std::pair<size_t, std::string>> equals;
};

StatusOr<size_t> Require(const std::vector<std::string>& header, const std::string& name) {
  auto c = FindColumn(header, name);
  if (!c) return InvalidArgumentError("kolom '" + name + "' staat niet in de kopregel", "--map");
  return *c;
}

}  // namespace

StatusOr<ColumnMap> ParseColumnMap(std::string_view spec) {
  ColumnMap m;
  for (std::string_view part : Split(spec, ',')) {
    if (part.empty()) continue;
    const size_t eq = part.find('=');
    if (eq == std::string_view::npos) {
      return InvalidArgumentError("verwacht veld=kolom, kreeg '" + std::string(part) + "'",
                                  "--map");
    }
    const std::string_view key = Trim(part.substr(0, eq));
    const std::string value(Trim(part.substr(eq + 1)));
    if (value.empty()) {
      return InvalidArgumentError("geen kolom bij '" + std::string(key) + "'", "--map");
    }
    std::string* slot = key == "time"       ? &m.time
                        : key == "lon"      ? &m.lon
                        : key == "lat"      ? &m.lat
                        : key == "x"        ? &m.x
                        : key == "y"        ? &m.y
                        : key == "category" ? &m.category
                        : key == "area"     ? &m.area
                                            : nullptr;
    if (slot == nullptr) {
      return InvalidArgumentError(
          "onbekend veld '" + std::string(key) + "' (bekend: time, lon, lat, x, y, category, area)",
          "--map");
    }
    *slot = value;
  }
  if (m.time.empty()) return InvalidArgumentError("time=KOLOM ontbreekt", "--map");
  const bool wgs = !m.lon.empty() || !m.lat.empty();
  const bool rd = !m.x.empty() || !m.y.empty();
  if (wgs == rd || (wgs && (m.lon.empty() || m.lat.empty())) ||
      (rd && (m.x.empty() || m.y.empty()))) {
    return InvalidArgumentError("geef lon=...,lat=... (WGS84) of x=...,y=... (RD), niet beide",
                                "--map");
  }
  return m;
}

Status ParseFilter(std::string_view spec, EventFilter& filter) {
  for (std::string_view part : Split(spec, ',')) {
    if (part.empty()) continue;
    const size_t eq = part.find('=');
    if (eq == std::string_view::npos || eq == 0) {
      return InvalidArgumentError("verwacht kolom=waarde, kreeg '" + std::string(part) + "'",
                                  "--filter");
    }
    filter.equals.emplace_back(std::string(Trim(part.substr(0, eq))),
                               std::string(Trim(part.substr(eq + 1))));
  }
  return Status::Ok();
}

StatusOr<LoadReport> LoadEventsCsv(std::istream& in, const LoadOptions& options) {
  ASSIGN_OR_RETURN(ZoneRules zone, ZoneRules::Load(options.tz));
  const ColumnMap& map = options.map;
  CsvReader reader(in);
  std::vector<std::string> header, row;
  ASSIGN_OR_RETURN(bool has_header, reader.Next(header));
  if (!has_header) return InvalidArgumentError("het bestand is leeg", "--events");

  Columns col;
  ASSIGN_OR_RETURN(col.time, Require(header, map.time));
  const bool wgs = !map.lon.empty();
  if (wgs) {
    ASSIGN_OR_RETURN(col.lon, Require(header, map.lon));
    ASSIGN_OR_RETURN(col.lat, Require(header, map.lat));
  } else {
    ASSIGN_OR_RETURN(col.x, Require(header, map.x));
    ASSIGN_OR_RETURN(col.y, Require(header, map.y));
  }
  if (!map.category.empty()) {
    ASSIGN_OR_RETURN(col.category, Require(header, map.category));
  }
  if (!map.area.empty()) {
    ASSIGN_OR_RETURN(col.area, Require(header, map.area));
  }
  for (const auto& [name, value] : options.filter.equals) {
    auto c = FindColumn(header, name);
    if (!c) return InvalidArgumentError("filterkolom '" + name + "' bestaat niet", "--filter");
    col.equals.emplace_back(*c, value);
  }

  LoadReport report;
  std::optional<geo::MetricProjection> projection;  // only for lon/lat; x/y are RD already
  int epsg = wgs ? options.epsg : 28992;
  if (wgs && epsg != 0) {
    ASSIGN_OR_RETURN(auto p, geo::MetricProjection::ForEpsg(epsg));
    projection.emplace(std::move(p));
  }
  std::vector<Event> events;
  EventSnapshot names;  // holds the name tables while rows are read

  auto fail = [&](const std::string& column, const std::string& why) {
    ++report.bad;
    if (report.errors.size() < options.keep_errors) {
      report.errors.push_back("regel " + std::to_string(reader.line()) + ", kolom '" + column +
                              "': " + why);
    }
  };
  auto field = [&](size_t c) -> std::string_view {
    return c < row.size() ? std::string_view(row[c]) : std::string_view();
  };

  while (true) {
    ASSIGN_OR_RETURN(bool more, reader.Next(row));
    if (!more) break;
    ++report.rows;
    bool keep = true;
    for (const auto& [c, value] : col.equals) keep = keep && Trim(field(c)) == value;
    if (!options.filter.categories.empty() && col.category) {
      const std::string_view cat = Trim(field(*col.category));
      keep = keep && std::find(options.filter.categories.begin(), options.filter.categories.end(),
                               cat) != options.filter.categories.end();
    }
    if (!keep) {
      ++report.filtered;
      continue;
    }
    auto t = ParseTime(field(*col.time), zone);
    if (!t.ok()) {
      fail(map.time, t.status().message());
      continue;
    }
    if (*t < options.filter.from || *t >= options.filter.to) {
      ++report.filtered;
      continue;
    }
    Event e;
    e.time = *t;
    const std::string& cx = wgs ? map.lon : map.x;
    const std::string& cy = wgs ? map.lat : map.y;
    const auto a = Number(field(wgs ? *col.lon : *col.x));
    const auto b = Number(field(wgs ? *col.lat : *col.y));
    if (!a) {
      fail(cx, "geen getal: '" + std::string(field(wgs ? *col.lon : *col.x)) + "'");
      continue;
    }
    if (!b) {
      fail(cy, "geen getal: '" + std::string(field(wgs ? *col.lat : *col.y)) + "'");
      continue;
    }
    if (wgs) {
      if (std::abs(*a) > 180 || (*a == 0 && *b == 0)) {
        fail(cx, "lengtegraad buiten bereik");
        continue;
      }
      if (std::abs(*b) > 84) {
        fail(cy, "breedtegraad buiten bereik (|lat| <= 84)");
        continue;
      }
      if (!projection) {
        ASSIGN_OR_RETURN(auto p, geo::MetricProjection::ForPoint({*a, *b}));
        epsg = p.epsg();
        projection.emplace(std::move(p));
      }
      geo::WgsPoint w{*a, *b};
      geo::RdPoint m;
      if (!projection->ToMetric({&w, 1}, {&m, 1}).ok()) {
        fail(cx, "coördinaat kan niet worden omgerekend");
        continue;
      }
      e.x = m.x;
      e.y = m.y;
    } else {
      if (Status s = geo::CheckRd({*a, *b}); !s.ok()) {
        fail(cx, s.message());
        continue;
      }
      e.x = *a;
      e.y = *b;
    }
    // Names end up in JSON answers and reports: a row whose name is not UTF-8 is refused.
    if (col.category && !IsValidUtf8(field(*col.category))) {
      fail(map.category, "geen geldige UTF-8-tekst");
      continue;
    }
    if (col.area && !IsValidUtf8(field(*col.area))) {
      fail(map.area, "geen geldige UTF-8-tekst");
      continue;
    }
    if (col.category) e.category = names.CategoryId(Trim(field(*col.category)));
    if (col.area) e.area = names.AreaId(Trim(field(*col.area)));
    events.push_back(e);
  }

  // Files are not always in time order; sort once so every Append is O(1).
  std::stable_sort(events.begin(), events.end(),
                   [](const Event& l, const Event& r) { return l.time < r.time; });
  report.events = std::move(names);
  report.events.set_epsg(epsg == 0 ? 28992 : epsg);
  report.events.Reserve(events.size());
  for (const Event& e : events) report.events.Append(e);
  return report;
}

StatusOr<LoadReport> LoadEventsFile(const std::string& path, const LoadOptions& options) {
  // zlib reads plain files unchanged, so one path serves both.
  gzFile f = path == "-" ? gzdopen(0, "rb") : gzopen(path.c_str(), "rb");
  if (f == nullptr) return NotFoundError("kan '" + path + "' niet openen");
  std::string text;
  char buf[1 << 16];
  int n = 0;
  while ((n = gzread(f, buf, sizeof buf)) > 0) text.append(buf, static_cast<size_t>(n));
  const bool failed = n < 0;
  gzclose(f);
  if (failed) return InvalidArgumentError("'" + path + "' is geen leesbaar (gzip-)bestand");
  std::istringstream in(std::move(text));
  return LoadEventsCsv(in, options);
}

}  // namespace baken::analysis
