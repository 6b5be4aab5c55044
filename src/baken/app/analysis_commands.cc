// `baken backtest`, `baken hotspots` and `baken patterns`: hot spot models and time patterns on an
// events file (CSV, gzip or stdin) or on the meldingen in the database.
//
// All load an event snapshot the same way (LoadSource), either from a file with a column mapping
// (--events, --map) or, without --events, from the meldingen in the database (--db, --tenant: RD
// New, times in UTC, public and internal categories only). backtest and hotspots grid it (--cell
// metres, clipped to --region, else the stored CBS areas for --db, else the events' bounding box)
// and run the models of src/baken/analysis; patterns needs no grid.
#include <CLI/CLI.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>

#include "baken/analysis/backtest.h"
#include "baken/analysis/event_csv.h"
#include "baken/analysis/model.h"
#include "baken/analysis/spatial_stats.h"
#include "baken/analysis/study_region.h"
#include "baken/analysis/time_patterns.h"
#include "baken/analysis/time_patterns_json.h"
#include "baken/api/melding_events.h"
#include "baken/app/command.h"
#include "baken/base/csv.h"
#include "baken/base/tenant.h"
#include "baken/base/time_zone.h"
#include "baken/base/zone_rules.h"
#include "baken/geo/crs.h"
#include "baken/geo/grid.h"
#include "baken/store/area_repository.h"

namespace baken::app {
namespace {

using analysis::kDay;

struct AnalysisFlags {
  std::string db, tenant = kDefaultTenant;
  std::string events, map = "time=date,lon=longitude,lat=latitude,category=loc_cat";
  std::string tz = "Europe/Amsterdam", region, filter, categories;
  double cell = 150;
  int train_days = 365;
  std::string from, to, window = "1d";
  std::string models = "naive,kde,prospective,seppexp,blend";
  std::string coverage = "1,2,5,10,20";
  std::string format;
  std::string kernel = "quartic";
  double bandwidth = 300;
  int blend_days = 56;
  int threads = 2;
  std::string model = "kde";
  double band = 0;
  bool fdr = false;
  std::string by = "wijk";
  int permutations = 999;
  int max_permutations = 99999;
  uint64_t seed = 1;
};

std::vector<std::string> SplitList(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream in(s);
  for (std::string part; std::getline(in, part, ',');) {
    if (!part.empty()) out.push_back(part);
  }
  return out;
}

// Start of the local day `text` ("YYYY-MM-DD") in `zone`, as UTC seconds.
StatusOr<int64_t> DayStart(const std::string& text, const ZoneRules& zone, std::string_view flag) {
  ASSIGN_OR_RETURN(auto ymd, ParseDate(text, flag));
  return zone.LocalToUtc(CivilSeconds(static_cast<int>(ymd.year()),
                                      static_cast<unsigned>(ymd.month()),
                                      static_cast<unsigned>(ymd.day())));
}

// Local midnights from `from` to `to` inclusive (DST days are 23 or 25 hours long).
std::vector<int64_t> Midnights(int64_t from, int64_t to, const ZoneRules& zone) {
  std::vector<int64_t> out;
  for (int64_t local = from + zone.OffsetAt(from);; local += kDay) {
    const int64_t t = zone.LocalToUtc(local);
    if (t > to) break;
    out.push_back(t);
  }
  return out;
}

// The events of one run and where they came from. `areas` holds the tenant's stored CBS areas
// when the events come from --db (empty for a file).
struct EventSource {
  analysis::LoadReport report;
  ZoneRules zone;
  geo::AreaSet areas;
};

// The meldingen of one tenant from the database, with its stored areas.
StatusOr<EventSource> LoadDbEvents(const AnalysisFlags& f, int64_t keep_from, int64_t keep_to) {
  ASSIGN_OR_RETURN(std::unique_ptr<store::Database> db, OpenMigrated(f.db));
  ASSIGN_OR_RETURN(ZoneRules zone, ZoneRules::Load(f.tz));
  signals::EventFilter filter;
  filter.tenant = f.tenant;
  filter.from = Timestamp(std::chrono::seconds(keep_from));
  filter.to = Timestamp(std::chrono::seconds(keep_to));
  filter.categories = SplitList(f.categories);
  api::MeldingEvents loaded;
  RETURN_IF_ERROR(api::AppendMeldingEvents(*db, filter, loaded));
  if (loaded.events.empty()) {
    return InvalidArgumentError("geen meldingen van " + f.tenant + " in de gekozen periode",
                                "--db");
  }
  SystemClock clock;
  store::AreaRepository repo(*db, clock);
  ASSIGN_OR_RETURN(geo::AreaSet areas, repo.Load(f.tenant));
  analysis::LoadReport report;
  report.rows = static_cast<int64_t>(loaded.events.size());
  report.events = std::move(loaded.events);
  return EventSource{std::move(report), std::move(zone), std::move(areas)};
}

// The event source options shared by every analysis command (--events/--map/--tz/--filter or
// --db/--tenant, --category), loaded for [keep_from, keep_to).
StatusOr<EventSource> LoadSource(const AnalysisFlags& f, int64_t keep_from, int64_t keep_to) {
  if (f.events.empty()) return LoadDbEvents(f, keep_from, keep_to);
  analysis::LoadOptions o;
  ASSIGN_OR_RETURN(o.map, analysis::ParseColumnMap(f.map));
  o.tz = f.tz;
  RETURN_IF_ERROR(analysis::ParseFilter(f.filter, o.filter));
  o.filter.categories = SplitList(f.categories);
  o.filter.from = keep_from;
  o.filter.to = keep_to;
  ASSIGN_OR_RETURN(ZoneRules zone, ZoneRules::Load(f.tz));
  ASSIGN_OR_RETURN(analysis::LoadReport report, analysis::LoadEventsFile(f.events, o));
  if (report.events.empty()) {
    return InvalidArgumentError("geen bruikbare gebeurtenissen in de gekozen periode", "--events");
  }
  for (const std::string& e : report.errors)
    std::fprintf(stderr, "baken: overgeslagen: %s\n", e.c_str());
  if (report.bad > 0) {
    std::fprintf(stderr, "baken: %lld van %lld regels overgeslagen wegens fouten\n",
                 static_cast<long long>(report.bad), static_cast<long long>(report.rows));
  }
  return EventSource{std::move(report), std::move(zone), geo::AreaSet()};
}

// Study cells: inside --region, else inside the stored areas (--db), else the events' bounds.
StatusOr<geo::Grid> StudyGrid(const AnalysisFlags& f, const EventSource& source) {
  if (!f.region.empty()) {
    ASSIGN_OR_RETURN(geo::MultiPolygon region,
                     analysis::ReadRegionFile(f.region, source.report.events.epsg()));
    return geo::Grid::ForPolygon(region, f.cell);
  }
  if (!source.areas.empty()) return geo::Grid::ForRegion(source.areas, f.cell);
  return geo::Grid::ForBounds(source.report.events.Bounds(), f.cell);
}

struct Loaded {
  analysis::LoadReport report;
  geo::Grid grid;
  ZoneRules zone;
};

// Everything after this works on a snapshot and a grid, whatever the source.
StatusOr<Loaded> LoadEvents(const AnalysisFlags& f, int64_t keep_from, int64_t keep_to) {
  ASSIGN_OR_RETURN(EventSource source, LoadSource(f, keep_from, keep_to));
  ASSIGN_OR_RETURN(geo::Grid grid, StudyGrid(f, source));
  return Loaded{std::move(source.report), std::move(grid), std::move(source.zone)};
}

StatusOr<std::unique_ptr<analysis::Model>> MakeModel(const std::string& name,
                                                     const AnalysisFlags& f) {
  if (name == "naive") return analysis::MakeNaive({.days = f.train_days});
  if (name == "kde" || name == "kde-gaussian" || name == "kde-quartic") {
    analysis::Kernel k = analysis::Kernel::kQuartic;
    if (name == "kde-gaussian" || (name == "kde" && f.kernel == "gaussian")) {
      k = analysis::Kernel::kGaussian;
    }
    return analysis::MakeKde({.kernel = k, .bandwidth_m = f.bandwidth, .days = f.train_days});
  }
  if (name == "prospective") return analysis::MakeProspective({});
  if (name == "seppexp") return analysis::MakeSepp({.days = f.train_days});
  return InvalidArgumentError(
      "onbekend model '" + name + "' (naive, kde, kde-gaussian, prospective, seppexp, blend)",
      "--models");
}

int RunBacktestCommand(const AnalysisFlags& f) {
  auto zone = ZoneRules::Load(f.tz);
  if (!zone.ok()) return Report(zone.status());
  auto from = DayStart(f.from, *zone, "--from");
  if (!from.ok()) return Report(from.status());
  auto to = DayStart(f.to, *zone, "--to");
  if (!to.ok()) return Report(to.status());
  if (f.window.size() < 2 || f.window.back() != 'd') {
    return Report(InvalidArgumentError("venster in dagen, bv. 1d of 7d", "--window"));
  }
  const int window_days = std::atoi(f.window.c_str());
  if (window_days < 1 || window_days > 28) {
    return Report(InvalidArgumentError("venster tussen 1d en 28d", "--window"));
  }
  if (*to < *from) return Report(InvalidArgumentError("--to ligt voor --from", "--to"));

  const std::vector<std::string> names = SplitList(f.models);
  const bool blend = std::find(names.begin(), names.end(), "blend") != names.end();
  const int64_t history = (f.train_days + (blend ? f.blend_days : 0) + 2) * kDay;
  auto loaded = LoadEvents(f, *from - history, *to + (window_days + 2) * kDay);
  if (!loaded.ok()) return Report(loaded.status());
  const analysis::EventSnapshot& events = loaded->report.events;
  const geo::Grid& grid = loaded->grid;

  analysis::BacktestOptions opt;
  const std::vector<int64_t> days = Midnights(*from, *to + 1, *zone);
  for (size_t i = 0; i < days.size(); i += window_days) {
    opt.origins.push_back(days[i]);
    opt.ends.push_back(zone->LocalToUtc(days[i] + zone->OffsetAt(days[i]) + window_days * kDay));
  }
  opt.coverage_pct.clear();
  for (const std::string& c : SplitList(f.coverage))
    opt.coverage_pct.push_back(std::atof(c.c_str()));
  opt.threads = f.threads;
  auto scoring = analysis::Scoring::Prepare(events, grid, opt);
  if (!scoring.ok()) return Report(scoring.status());

  // Models in the order asked, naive always first (the baseline of every table).
  std::vector<std::string> order = {"naive"};
  for (const std::string& n : names) {
    if (n != "naive") order.push_back(n);
  }
  std::vector<analysis::ModelScore> scores;
  for (const std::string& n : order) {
    std::unique_ptr<analysis::Model> model;
    double learn_s = 0;
    if (n == "blend") {
      // Weights from the blend_days before --from: no look at the test period.
      const auto start = std::chrono::steady_clock::now();
      analysis::BacktestOptions val = opt;
      val.origins.clear();
      val.ends.clear();
      for (int64_t t : Midnights(*from - f.blend_days * kDay, *from - 1, *zone)) {
        val.origins.push_back(t);
        val.ends.push_back(zone->LocalToUtc(t + zone->OffsetAt(t) + kDay));
      }
      std::vector<std::unique_ptr<analysis::Model>> parts;
      for (const char* p : {"naive", "kde", "prospective", "seppexp"}) {
        parts.push_back(*MakeModel(p, f));
      }
      std::vector<const analysis::Model*> raw;
      raw.reserve(parts.size());
      for (auto& p : parts) raw.push_back(p.get());
      std::vector<double> w = analysis::LearnBlendWeights(raw, events, grid, val);
      model = analysis::MakeBlend(std::move(parts), std::move(w));
      learn_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    } else {
      auto m = MakeModel(n, f);
      if (!m.ok()) return Report(m.status());
      model = std::move(*m);
    }
    scores.push_back(analysis::RunBacktest(*model, events, grid, opt, *scoring));
    scores.back().seconds += learn_s;
  }

  const analysis::BacktestSetup& s = scoring->setup();
  if (f.format == "json") {
    nlohmann::json j;
    j["study_cells"] = s.study_cells;
    j["cell_m"] = f.cell;
    j["epsg"] = events.epsg();
    j["scored_events"] = s.scored_events;
    j["unscored_events"] = s.unscored_events;
    j["predictions"] = s.predictions;
    j["tie_rule"] = "descending risk, then ascending cell index";
    j["skipped_rows"] = loaded->report.bad;
    for (const auto& m : scores) {
      nlohmann::json jm{{"model", m.name}, {"settings", m.settings}, {"seconds", m.seconds}};
      for (const auto& c : m.coverage) {
        jm["coverage"].push_back({{"pct", c.pct},
                                  {"cells", c.flagged_cells},
                                  {"hits", c.hits},
                                  {"hit_rate", c.hit_rate},
                                  {"pai", c.pai},
                                  {"daily_mean", c.mean_daily_hit_rate},
                                  {"daily_sd", c.sd_daily_hit_rate}});
      }
      j["models"].push_back(jm);
    }
    std::cout << j.dump(2) << "\n";
    return 0;
  }
  std::printf(
      "Backtest %s .. %s (%s), %lld voorspellingen, venster %s, raster %g m (EPSG:%d)\n"
      "%lld studiecellen; %lld gebeurtenissen gescoord, %lld buiten de studiecellen; "
      "gelijke risico's: lagere celindex eerst\n\n",
      f.from.c_str(), f.to.c_str(), f.tz.c_str(), static_cast<long long>(s.predictions),
      f.window.c_str(), f.cell, events.epsg(), static_cast<long long>(s.study_cells),
      static_cast<long long>(s.scored_events), static_cast<long long>(s.unscored_events));
  std::printf("%-12s %6s %6s %8s %7s %10s %8s %8s\n", "model", "dekk%", "cellen", "hitrate", "PAI",
              "dag-gem.", "dag-sd", "tijd s");
  for (const auto& m : scores) {
    for (const auto& c : m.coverage) {
      std::printf("%-12s %6g %6lld %8.3f %7.2f %10.3f %8.3f %8.2f\n", m.name.c_str(), c.pct,
                  static_cast<long long>(c.flagged_cells), c.hit_rate, c.pai, c.mean_daily_hit_rate,
                  c.sd_daily_hit_rate, m.seconds);
    }
  }
  std::printf("\ninstellingen:\n");
  for (const auto& m : scores) std::printf("  %-12s %s\n", m.name.c_str(), m.settings.c_str());
  return 0;
}

// [--from, --to] as whole local days: from the start of --from up to the end of --to (both in
// the zone of --tz). One reading for every command that takes a period.
struct LocalDays {
  ZoneRules zone;
  int64_t from = 0;  // Unix seconds, inclusive
  int64_t end = 0;   // exclusive
};

StatusOr<LocalDays> LocalPeriod(const AnalysisFlags& f) {
  ASSIGN_OR_RETURN(ZoneRules zone, ZoneRules::Load(f.tz));
  ASSIGN_OR_RETURN(int64_t from, DayStart(f.from, zone, "--from"));
  ASSIGN_OR_RETURN(int64_t to, DayStart(f.to, zone, "--to"));
  const int64_t end = zone.LocalToUtc(to + zone.OffsetAt(to) + kDay);
  if (end <= from) return InvalidArgumentError("--to ligt voor --from", "--to");
  return LocalDays{std::move(zone), from, end};
}

int RunHotspotsCommand(AnalysisFlags f) {
  auto period = LocalPeriod(f);
  if (!period.ok()) return Report(period.status());
  const int64_t from = period->from;
  const int64_t end = period->end;
  f.train_days = static_cast<int>((end - from + kDay - 1) / kDay);
  auto loaded = LoadEvents(f, from, end);
  if (!loaded.ok()) return Report(loaded.status());
  const analysis::EventSnapshot& events = loaded->report.events;
  const geo::Grid& grid = loaded->grid;
  auto model = MakeModel(f.model, f);
  if (!model.ok()) return Report(model.status());
  std::vector<double> risk, counts;
  (*model)->Predict(events, grid, end, kDay, risk);
  analysis::MakeNaive({.days = f.train_days})->Predict(events, grid, end, kDay, counts);
  const double band = f.band > 0 ? f.band : 1.5 * f.cell;
  const std::vector<double> z = analysis::GetisOrdGiStar(grid, counts, band);
  const std::vector<int> cls = analysis::HotColdClasses(grid, z, f.fdr);
  // Local Moran's I on the same counts and band; BH across the study cells always (a map of
  // thousands of cells at p < 0.05 is mostly noise).
  const analysis::LocalMoran moran =
      analysis::LocalMoranI(grid, counts, band, f.permutations, f.seed, f.max_permutations);
  const analysis::LisaClasses lisa = analysis::ClassifyLocalMoran(grid, counts, moran);

  auto proj = geo::MetricProjection::ForEpsg(events.epsg());
  if (!proj.ok()) return Report(proj.status());
  std::vector<int64_t> cells;
  for (int64_t c : grid.study_cells()) {
    if (risk[c] > 0 || counts[c] > 0 || cls[c] != 0 ||
        lisa.klass[c] != analysis::LisaClass::kNotSignificant) {
      cells.push_back(c);
    }
  }
  if (f.format == "csv") {
    WriteCsvRecord(std::cout, {"cel", "x", "y", "lon", "lat", "risico", "aantal", "gi_z",
                               "gi_klasse", "moran_i", "moran_p", "moran_q", "moran_klasse"});
    for (int64_t c : cells) {
      const geo::RdPoint m = grid.CellCentre(c);
      geo::WgsPoint w;
      if (Status st = proj->ToWgs({&m, 1}, {&w, 1}); !st.ok()) return Report(st);
      char buf[12][32];
      std::snprintf(buf[0], 32, "%lld", static_cast<long long>(c));
      std::snprintf(buf[1], 32, "%.1f", m.x);
      std::snprintf(buf[2], 32, "%.1f", m.y);
      std::snprintf(buf[3], 32, "%.6f", w.lon);
      std::snprintf(buf[4], 32, "%.6f", w.lat);
      std::snprintf(buf[5], 32, "%.6g", risk[c]);
      std::snprintf(buf[6], 32, "%g", counts[c]);
      std::snprintf(buf[7], 32, "%.4f", z[c]);
      std::snprintf(buf[8], 32, "%d", cls[c]);
      std::snprintf(buf[9], 32, "%.4f", moran.i[c]);
      std::snprintf(buf[10], 32, "%.4g", moran.p[c]);
      std::snprintf(buf[11], 32, "%.4g", lisa.q[c]);
      WriteCsvRecord(std::cout, {buf[0], buf[1], buf[2], buf[3], buf[4], buf[5], buf[6], buf[7],
                                 buf[8], buf[9], buf[10], buf[11],
                                 std::string(analysis::LisaClassName(lisa.klass[c]))});
    }
    return 0;
  }
  nlohmann::json fc{{"type", "FeatureCollection"}, {"features", nlohmann::json::array()}};
  for (int64_t c : cells) {
    const geo::Ring square = grid.CellSquare(c);
    std::vector<geo::WgsPoint> w(square.size());
    if (Status st = proj->ToWgs(square, w); !st.ok()) return Report(st);
    nlohmann::json ring = nlohmann::json::array();
    for (const auto& p : w) {
      ring.push_back({std::round(p.lon * 1e7) / 1e7, std::round(p.lat * 1e7) / 1e7});
    }
    fc["features"].push_back({{"type", "Feature"},
                              {"geometry", {{"type", "Polygon"}, {"coordinates", {ring}}}},
                              {"properties",
                               {{"cel", c},
                                {"risico", risk[c]},
                                {"aantal", counts[c]},
                                {"gi_z", z[c]},
                                {"gi_klasse", cls[c]},
                                {"moran_i", moran.i[c]},
                                {"moran_p", moran.p[c]},
                                {"moran_q", lisa.q[c]},
                                {"moran_klasse", analysis::LisaClassName(lisa.klass[c])}}}});
  }
  fc["properties"] = {{"model", (*model)->name()},
                      {"instellingen", (*model)->Settings()},
                      {"cel_m", f.cell},
                      {"gi_band_m", band},
                      {"fdr", f.fdr},
                      {"moran_permutaties", f.permutations},
                      {"moran_max_permutaties", f.max_permutations},
                      {"moran_zaad", f.seed}};
  std::cout << fc.dump() << "\n";
  return 0;
}

// The local date of an instant, "YYYY-MM-DD".
std::string LocalDate(int64_t utc, const ZoneRules& zone) {
  const int64_t local = utc + zone.OffsetAt(utc);
  const int64_t day = local >= 0 ? local / kDay : -((-local + kDay - 1) / kDay);
  return FormatDate(std::chrono::year_month_day{std::chrono::sys_days{std::chrono::days{day}}});
}

std::string Fixed(double v, int decimals) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

std::string General(double v) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.4g", v);
  return buf;
}

// `baken patterns`: hour of week, month of year and the trend per wijk or buurt of [--from, --to]
// against the period of equal length before it.
int RunPatternsCommand(const AnalysisFlags& f) {
  auto period = LocalPeriod(f);
  if (!period.ok()) return Report(period.status());
  const ZoneRules& zone = period->zone;
  const int64_t from = period->from;
  const int64_t end = period->end;
  const int64_t prev_from = from - (end - from);
  auto source = LoadSource(f, prev_from, end);
  if (!source.ok()) return Report(source.status());
  const analysis::EventSnapshot& events = source->report.events;

  // Groups: buurt codes as they are, or their wijk (the stored parent, else from the CBS code).
  const bool by_wijk = f.by == "wijk";
  const geo::Level level = by_wijk ? geo::Level::kDistrict : geo::Level::kNeighbourhood;
  std::vector<std::string> group_of_area, stored;
  for (const std::string& name : events.area_names()) {
    if (!by_wijk) {
      group_of_area.push_back(name);
      continue;
    }
    const geo::Area* a = source->areas.Find(name);
    group_of_area.push_back(a != nullptr && !a->parent_code.empty() ? a->parent_code
                                                                    : analysis::WijkOfBuurt(name));
  }
  for (const auto& a : source->areas.areas()) {
    if (a->level == level) stored.push_back(a->code);
  }
  const analysis::AreaGroups groups = analysis::MakeAreaGroups(group_of_area, stored);
  if (groups.codes.empty()) {
    return Report(InvalidArgumentError(
        by_wijk ? "de gebeurtenissen hebben geen CBS-buurtcode waaruit de wijk volgt (kolom "
                  "area=.. in --map); kies --by buurt voor andere gebiedscodes"
                : "de gebeurtenissen hebben geen gebiedscode (kolom area=.. in --map)",
        "--by"));
  }

  analysis::PatternsReport r;
  r.van = f.from;
  r.tot = f.to;
  r.vorige_van = LocalDate(prev_from, zone);
  r.vorige_tot = LocalDate(from - 1, zone);
  r.niveau = f.by;
  r.categories = SplitList(f.categories);
  const auto [first, last] = events.Between(from, end);
  r.events = static_cast<int64_t>(last - first);
  for (size_t i = first; i < last; ++i) {
    const int32_t a = events.areas()[i];
    if (a < 0 || groups.group_of_area[a] < 0) ++r.outside;
  }
  r.hours = analysis::HourOfWeekCounts(events, zone, from, end);
  r.months = analysis::MonthOfYear(events, zone, from, end);
  r.trend = analysis::TrendByGroup(events, from, end, groups);
  r.codes = groups.codes;
  for (const std::string& code : groups.codes) {
    const geo::Area* a = source->areas.Find(code);
    r.names.push_back(a != nullptr && !a->name.empty() ? a->name : code);
  }
  // Busiest first, like the other area tables.
  std::stable_sort(r.trend.begin(), r.trend.end(),
                   [](const auto& a, const auto& b) { return a.count > b.count; });

  if (f.format == "json") {
    std::cout << analysis::PatternsJson(r, 2) << "\n";
    return 0;
  }
  if (f.format == "csv") {
    WriteCsvRecord(std::cout, {"onderdeel", "sleutel", "naam", "aantal", "vorige",
                               "verandering_pct", "p", "q", "klasse", "aandeel", "index"});
    for (int h = 0; h < analysis::kHoursPerWeek; ++h) {
      char key[16];
      std::snprintf(key, sizeof key, "%s %02d", analysis::kWeekdayNames[h / 24], h % 24);
      WriteCsvRecord(std::cout, {"uur_van_week", key, "", std::to_string(r.hours.counts[h]), "", "",
                                 "", "", "", Fixed(r.hours.share[h], 6), ""});
    }
    for (int m = 0; m < 12; ++m) {
      WriteCsvRecord(std::cout, {"maand", std::to_string(m + 1), analysis::kMonthNames[m],
                                 std::to_string(r.months.counts[m]), "", "", "", "", "", "",
                                 Fixed(r.months.index[m], 3)});
    }
    for (const auto& t : r.trend) {
      WriteCsvRecord(
          std::cout,
          {"trend", r.codes[t.group], r.names[t.group], std::to_string(t.count),
           std::to_string(t.previous), std::isnan(t.change_pct) ? "" : Fixed(t.change_pct, 1),
           General(t.p), General(t.q), std::string(analysis::TrendClassName(t.trend)), "", ""});
    }
    return 0;
  }
  std::printf(
      "Tijdpatronen %s .. %s (%s): %lld gebeurtenissen, %lld zonder %s\n"
      "vorige periode %s .. %s\n\n",
      r.van.c_str(), r.tot.c_str(), f.tz.c_str(), static_cast<long long>(r.events),
      static_cast<long long>(r.outside), f.by.c_str(), r.vorige_van.c_str(), r.vorige_tot.c_str());
  std::printf("Uur van de week (aantal, lokale tijd)\n   ");
  for (int h = 0; h < 24; ++h) std::printf(" %4d", h);
  std::printf("\n");
  for (int d = 0; d < 7; ++d) {
    std::printf("%-3s", analysis::kWeekdayNames[d]);
    for (int h = 0; h < 24; ++h) {
      std::printf(" %4lld", static_cast<long long>(r.hours.counts[d * 24 + h]));
    }
    std::printf("\n");
  }
  std::printf("\nMaand  aantal  per maand  index (1 = gemiddelde maand: %.2f)\n",
              r.months.overall_mean);
  for (int m = 0; m < 12; ++m) {
    std::printf("%-5s %7lld %10.2f %6.2f\n", analysis::kMonthNames[m],
                static_cast<long long>(r.months.counts[m]), r.months.mean[m], r.months.index[m]);
  }
  std::printf("\nTrend per %s (exacte conditionele binomiaaltoets, Benjamini-Hochberg, q < 0,05)\n",
              f.by.c_str());
  std::printf("%-11s %-30s %7s %7s %9s %9s %9s  %s\n", "code", "naam", "aantal", "vorige",
              "verand.%", "p", "q", "klasse");
  for (const auto& t : r.trend) {
    std::printf("%-11s %-30s %7lld %7lld %9s %9s %9s  %s\n", r.codes[t.group].c_str(),
                r.names[t.group].substr(0, 30).c_str(), static_cast<long long>(t.count),
                static_cast<long long>(t.previous),
                std::isnan(t.change_pct) ? "-" : Fixed(t.change_pct, 1).c_str(),
                General(t.p).c_str(), General(t.q).c_str(),
                std::string(analysis::TrendClassName(t.trend)).c_str());
  }
  return 0;
}

// Where the events come from and which of them: the same options for every analysis command.
void AddEventSourceOptions(CLI::App* cmd, AnalysisFlags& f) {
  cmd->add_option("--events", f.events,
                  "CSV-bestand met gebeurtenissen (.gz mag; - is stdin); zonder: de meldingen uit "
                  "--db");
  AddDatabaseOption(*cmd, f.db);
  cmd->add_option("--tenant", f.tenant, "Gemeente (CBS-code) bij --db")->capture_default_str();
  cmd->add_option("--map", f.map,
                  "Kolommen: time=..,lon=..,lat=.. of x=..,y=.. (RD), category=.., area=..")
      ->capture_default_str();
  cmd->add_option("--tz", f.tz, "Tijdzone van de tijden in het bestand")->capture_default_str();
  cmd->add_option("--filter", f.filter, "Alleen rijen met kolom=waarde, bv. district=11");
  cmd->add_option("--category", f.categories, "Alleen deze categorieën (komma's)");
  cmd->add_option("--from", f.from, "Eerste dag (JJJJ-MM-DD)")->required();
  cmd->add_option("--to", f.to, "Laatste dag (JJJJ-MM-DD)")->required();
}

// The grid and the risk surface (hotspots, backtest).
void AddGridOptions(CLI::App* cmd, AnalysisFlags& f) {
  cmd->add_option("--region", f.region, "Studiegebied: GeoJSON-polygoon(en) in WGS84");
  cmd->add_option("--cell", f.cell, "Celgrootte in meter (50..500)")->capture_default_str();
  cmd->add_option("--kernel", f.kernel, "KDE-kern: quartic of gaussian")
      ->check(CLI::IsMember({"quartic", "gaussian"}))
      ->capture_default_str();
  cmd->add_option("--bandwidth", f.bandwidth, "KDE-bandbreedte in meter")->capture_default_str();
}

void AddCommon(CLI::App* cmd, AnalysisFlags& f) {
  AddEventSourceOptions(cmd, f);
  AddGridOptions(cmd, f);
}

}  // namespace

void AddAnalysisCommands(CLI::App& app, CommandContext& context) {
  auto bt = std::make_shared<AnalysisFlags>();
  bt->format = "table";
  CLI::App* backtest = app.add_subcommand(
      "backtest", "Toets hotspotmodellen met voortschrijdende voorspellingen (hit rate, PAI)");
  AddCommon(backtest, *bt);
  backtest->add_option("--train-days", bt->train_days, "Dagen geschiedenis per voorspelling")
      ->capture_default_str();
  backtest->add_option("--window", bt->window, "Voorspelvenster, bv. 1d")->capture_default_str();
  backtest->add_option("--models", bt->models, "Modellen (komma's)")->capture_default_str();
  backtest->add_option("--coverage", bt->coverage, "Dekkingen in % (komma's, oplopend)")
      ->capture_default_str();
  backtest->add_option("--blend-days", bt->blend_days, "Dagen voor --from om blend te leren")
      ->capture_default_str();
  backtest->add_option("--threads", bt->threads, "Threads")->capture_default_str();
  backtest->add_option("--format", bt->format, "table of json")
      ->check(CLI::IsMember({"table", "json"}));
  backtest->callback([bt, &context] { context.exit_code = RunBacktestCommand(*bt); });

  auto hs = std::make_shared<AnalysisFlags>();
  hs->format = "geojson";
  CLI::App* hotspots = app.add_subcommand(
      "hotspots", "Risicokaart per cel met Gi*-hotspots (GeoJSON in WGS84 of CSV)");
  AddCommon(hotspots, *hs);
  hotspots->add_option("--model", hs->model, "naive, kde, prospective of seppexp")
      ->capture_default_str();
  hotspots->add_option("--band", hs->band, "Afstandsband voor Gi* in meter (standaard 1,5 cel)");
  hotspots->add_flag("--fdr", hs->fdr, "Benjamini-Hochberg-correctie op de Gi*-klassen");
  hotspots
      ->add_option("--permutations", hs->permutations,
                   "Permutaties voor de p-waarde van Local Moran's I")
      ->check(CLI::Range(99, 99999))
      ->capture_default_str();
  hotspots
      ->add_option("--max-permutations", hs->max_permutations,
                   "Door tot zoveel permutaties voor cellen waar geen permutatie zo extreem is")
      ->capture_default_str();
  hotspots->add_option("--seed", hs->seed, "Zaad van de permutaties (herhaalbaar)")
      ->capture_default_str();
  hotspots->add_option("--format", hs->format, "geojson of csv")
      ->check(CLI::IsMember({"geojson", "csv"}));
  hotspots->callback([hs, &context] { context.exit_code = RunHotspotsCommand(*hs); });

  auto pt = std::make_shared<AnalysisFlags>();
  pt->format = "table";
  CLI::App* patterns = app.add_subcommand(
      "patterns", "Tijdpatronen: uur van de week, maanden en trend per wijk of buurt");
  AddEventSourceOptions(patterns, *pt);
  patterns->add_option("--by", pt->by, "Trend per wijk of buurt")
      ->check(CLI::IsMember({"wijk", "buurt"}))
      ->capture_default_str();
  patterns->add_option("--format", pt->format, "table, json of csv")
      ->check(CLI::IsMember({"table", "json", "csv"}));
  patterns->callback([pt, &context] { context.exit_code = RunPatternsCommand(*pt); });
}

}  // namespace baken::app
