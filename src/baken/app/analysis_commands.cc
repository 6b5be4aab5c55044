// `baken backtest` and `baken hotspots`: hot spot models on an events file (CSV, gzip or stdin).
//
// Both load an event snapshot, either from a file with a column mapping (--events, --map) or,
// without
// --events, from the meldingen in the database (--db, --tenant: RD New, times in UTC, public and
// internal categories only), grid it (--cell metres, clipped to --region, else the stored CBS
// areas for --db, else the events' bounding box) and run the models of src/baken/analysis.
#include <CLI/CLI.hpp>

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
#include "baken/analysis/zone_rules.h"
#include "baken/api/melding_events.h"
#include "baken/app/command.h"
#include "baken/base/csv.h"
#include "baken/base/time_zone.h"
#include "baken/geo/crs.h"
#include "baken/geo/grid.h"
#include "baken/store/area_repository.h"

namespace baken::app {
namespace {

using analysis::kDay;

struct AnalysisFlags {
  std::string db, tenant = "GM0014";
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
StatusOr<int64_t> DayStart(const std::string& text, const analysis::ZoneRules& zone,
                           std::string_view flag) {
  ASSIGN_OR_RETURN(auto ymd, ParseDate(text, flag));
  return zone.LocalToUtc(analysis::CivilSeconds(static_cast<int>(ymd.year()),
                                                static_cast<unsigned>(ymd.month()),
                                                static_cast<unsigned>(ymd.day())));
}

// Local midnights from `from` to `to` inclusive (DST days are 23 or 25 hours long).
std::vector<int64_t> Midnights(int64_t from, int64_t to, const analysis::ZoneRules& zone) {
  std::vector<int64_t> out;
  for (int64_t local = from + zone.OffsetAt(from);; local += kDay) {
    const int64_t t = zone.LocalToUtc(local);
    if (t > to) break;
    out.push_back(t);
  }
  return out;
}

struct Loaded {
  analysis::LoadReport report;
  geo::Grid grid;
  analysis::ZoneRules zone;
};

// The meldingen of one tenant from the database; the study region is its stored CBS areas.
StatusOr<Loaded> LoadDbEvents(const AnalysisFlags& f, int64_t keep_from, int64_t keep_to) {
  ASSIGN_OR_RETURN(std::unique_ptr<store::Database> db, OpenMigrated(f.db));
  ASSIGN_OR_RETURN(analysis::ZoneRules zone, analysis::ZoneRules::Load(f.tz));
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
  std::optional<geo::Grid> grid;
  if (!f.region.empty()) {
    ASSIGN_OR_RETURN(geo::MultiPolygon region, analysis::ReadRegionFile(f.region, 28992));
    ASSIGN_OR_RETURN(grid, geo::Grid::ForPolygon(region, f.cell));
  } else {
    SystemClock clock;
    store::AreaRepository areas(*db, clock);
    ASSIGN_OR_RETURN(geo::AreaSet set, areas.Load(f.tenant));
    if (set.size() > 0) {
      ASSIGN_OR_RETURN(grid, geo::Grid::ForRegion(set, f.cell));
    } else {
      ASSIGN_OR_RETURN(grid, geo::Grid::ForBounds(loaded.events.Bounds(), f.cell));
    }
  }
  analysis::LoadReport report;
  report.rows = static_cast<int64_t>(loaded.events.size());
  report.events = std::move(loaded.events);
  return Loaded{std::move(report), std::move(*grid), std::move(zone)};
}

// Everything after this works on a snapshot, whatever its source.
StatusOr<Loaded> LoadEvents(const AnalysisFlags& f, int64_t keep_from, int64_t keep_to) {
  if (f.events.empty()) return LoadDbEvents(f, keep_from, keep_to);
  analysis::LoadOptions o;
  ASSIGN_OR_RETURN(o.map, analysis::ParseColumnMap(f.map));
  o.tz = f.tz;
  RETURN_IF_ERROR(analysis::ParseFilter(f.filter, o.filter));
  o.filter.categories = SplitList(f.categories);
  o.filter.from = keep_from;
  o.filter.to = keep_to;
  ASSIGN_OR_RETURN(analysis::ZoneRules zone, analysis::ZoneRules::Load(f.tz));
  ASSIGN_OR_RETURN(analysis::LoadReport report, analysis::LoadEventsFile(f.events, o));
  if (report.events.empty()) {
    return InvalidArgumentError("geen bruikbare gebeurtenissen in de gekozen periode", "--events");
  }
  std::optional<geo::Grid> grid;
  if (!f.region.empty()) {
    ASSIGN_OR_RETURN(geo::MultiPolygon region,
                     analysis::ReadRegionFile(f.region, report.events.epsg()));
    ASSIGN_OR_RETURN(grid, geo::Grid::ForPolygon(region, f.cell));
  } else {
    ASSIGN_OR_RETURN(grid, geo::Grid::ForBounds(report.events.Bounds(), f.cell));
  }
  for (const std::string& e : report.errors)
    std::fprintf(stderr, "baken: overgeslagen: %s\n", e.c_str());
  if (report.bad > 0) {
    std::fprintf(stderr, "baken: %lld van %lld regels overgeslagen wegens fouten\n",
                 static_cast<long long>(report.bad), static_cast<long long>(report.rows));
  }
  return Loaded{std::move(report), std::move(*grid), std::move(zone)};
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
  auto zone = analysis::ZoneRules::Load(f.tz);
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

int RunHotspotsCommand(AnalysisFlags f) {
  auto zone = analysis::ZoneRules::Load(f.tz);
  if (!zone.ok()) return Report(zone.status());
  auto from = DayStart(f.from, *zone, "--from");
  if (!from.ok()) return Report(from.status());
  auto to = DayStart(f.to, *zone, "--to");
  if (!to.ok()) return Report(to.status());
  const int64_t end = zone->LocalToUtc(*to + zone->OffsetAt(*to) + kDay);
  if (end <= *from) return Report(InvalidArgumentError("--to ligt voor --from", "--to"));
  f.train_days = static_cast<int>((end - *from + kDay - 1) / kDay);
  auto loaded = LoadEvents(f, *from, end);
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

  auto proj = geo::MetricProjection::ForEpsg(events.epsg());
  if (!proj.ok()) return Report(proj.status());
  std::vector<int64_t> cells;
  for (int64_t c : grid.study_cells()) {
    if (risk[c] > 0 || counts[c] > 0 || cls[c] != 0) cells.push_back(c);
  }
  if (f.format == "csv") {
    WriteCsvRecord(std::cout,
                   {"cel", "x", "y", "lon", "lat", "risico", "aantal", "gi_z", "gi_klasse"});
    for (int64_t c : cells) {
      const geo::RdPoint m = grid.CellCentre(c);
      geo::WgsPoint w;
      if (Status st = proj->ToWgs({&m, 1}, {&w, 1}); !st.ok()) return Report(st);
      char buf[9][32];
      std::snprintf(buf[0], 32, "%lld", static_cast<long long>(c));
      std::snprintf(buf[1], 32, "%.1f", m.x);
      std::snprintf(buf[2], 32, "%.1f", m.y);
      std::snprintf(buf[3], 32, "%.6f", w.lon);
      std::snprintf(buf[4], 32, "%.6f", w.lat);
      std::snprintf(buf[5], 32, "%.6g", risk[c]);
      std::snprintf(buf[6], 32, "%g", counts[c]);
      std::snprintf(buf[7], 32, "%.4f", z[c]);
      std::snprintf(buf[8], 32, "%d", cls[c]);
      WriteCsvRecord(std::cout,
                     {buf[0], buf[1], buf[2], buf[3], buf[4], buf[5], buf[6], buf[7], buf[8]});
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
                                {"gi_klasse", cls[c]}}}});
  }
  fc["properties"] = {{"model", (*model)->name()},
                      {"instellingen", (*model)->Settings()},
                      {"cel_m", f.cell},
                      {"gi_band_m", band},
                      {"fdr", f.fdr}};
  std::cout << fc.dump() << "\n";
  return 0;
}

void AddCommon(CLI::App* cmd, AnalysisFlags& f) {
  cmd->add_option("--events", f.events,
                  "CSV-bestand met gebeurtenissen (.gz mag; - is stdin); zonder: de meldingen uit "
                  "--db");
  AddDatabaseOption(*cmd, f.db);
  cmd->add_option("--tenant", f.tenant, "Gemeente (CBS-code) bij --db")->capture_default_str();
  cmd->add_option("--map", f.map,
                  "Kolommen: time=..,lon=..,lat=.. of x=..,y=.. (RD), category=.., area=..")
      ->capture_default_str();
  cmd->add_option("--tz", f.tz, "Tijdzone van de tijden in het bestand")->capture_default_str();
  cmd->add_option("--region", f.region, "Studiegebied: GeoJSON-polygoon(en) in WGS84");
  cmd->add_option("--filter", f.filter, "Alleen rijen met kolom=waarde, bv. district=11");
  cmd->add_option("--category", f.categories, "Alleen deze categorieën (komma's)");
  cmd->add_option("--cell", f.cell, "Celgrootte in meter (50..500)")->capture_default_str();
  cmd->add_option("--from", f.from, "Eerste dag (JJJJ-MM-DD)")->required();
  cmd->add_option("--to", f.to, "Laatste dag (JJJJ-MM-DD)")->required();
  cmd->add_option("--kernel", f.kernel, "KDE-kern: quartic of gaussian")
      ->check(CLI::IsMember({"quartic", "gaussian"}))
      ->capture_default_str();
  cmd->add_option("--bandwidth", f.bandwidth, "KDE-bandbreedte in meter")->capture_default_str();
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
  hotspots->add_option("--format", hs->format, "geojson of csv")
      ->check(CLI::IsMember({"geojson", "csv"}));
  hotspots->callback([hs, &context] { context.exit_code = RunHotspotsCommand(*hs); });
}

}  // namespace baken::app
