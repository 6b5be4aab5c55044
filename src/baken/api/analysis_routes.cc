// Hot spot analysis of the real meldingen over HTTP, for analysts and gebiedsmanagers:
//   GET /api/v1/analyse/hotspots  risk per grid cell (model), counts, Gi* z and class, Local
//                                 Moran's I with p, BH q and LISA class (GeoJSON)
//   GET /api/v1/analyse/gebieden  counts per wijk or buurt and per 1,000 inhabitants (CBS)
//   GET /api/v1/analyse/backtest  hit rate and PAI of a model beside the naive baseline
//   GET /api/v1/analyse/patronen  hour of week, month of year, trend per wijk or buurt
// Pseudonymised by construction: the events carry time, place, category and buurt only
// (signals::ForEachEvent), and only public and internal categories. Results are aggregates.
//
// The events of each tenant are cached in memory (MeldingEvents); every request first appends the
// meldingen stored since the last load (one indexed query), and the whole snapshot is reloaded
// after kFullReload so re-categorisations and merges show up too. Grids (study cells inside the
// stored CBS buurten) are cached per tenant and cell size.
// Answers are cached too, per tenant and checked parameters (a hot spot map takes seconds): an
// answer is reused while the events are those it was computed from (no new melding, and the full
// reload found nothing changed), and for at most kMaxAnswerAge after they changed, so a busy
// municipality gets a fresh picture every few minutes, not a computation on every request. Every
// answer says when it was computed ("berekend_op") and how stale it may get
// ("ververst_na_minuten"); the Age header says it too.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <ranges>
#include <set>

#include <nlohmann/json.hpp>

#include "baken/analysis/backtest.h"
#include "baken/analysis/model.h"
#include "baken/analysis/spatial_stats.h"
#include "baken/analysis/time_patterns.h"
#include "baken/analysis/time_patterns_json.h"
#include "baken/api/melding_events.h"
#include "baken/api/routes.h"
#include "baken/base/time_zone.h"
#include "baken/base/zone_rules.h"
#include "baken/geo/crs.h"
#include "baken/geo/grid.h"
#include "baken/store/area_repository.h"

namespace baken::api {
namespace {

using analysis::kDay;
using nlohmann::json;
using security::Action;
using security::Purpose;
using security::Resource;
using security::Sensitivity;

constexpr auto kFullReload = std::chrono::minutes(10);
constexpr auto kMaxAnswerAge = std::chrono::minutes(10);
constexpr size_t kMaxAnswersPerTenant = 64;
constexpr int kMaxBacktestDays = 56;
// Local Moran's I: 999 draws per cell, up to 99,999 for the extreme ones so that they can pass
// Benjamini-Hochberg over thousands of cells; a fixed seed makes the map repeatable.
constexpr int kMoranPermutations = 999;
constexpr int kMoranMaxPermutations = 99999;
constexpr uint64_t kMoranSeed = 1;

class AnalysisCache {
 public:
  // A computed answer: the JSON text, when it was computed, and from which events.
  struct Answer {
    std::shared_ptr<const std::string> body;
    Timestamp computed_at;
    int64_t generation = 0;
  };

 private:
  struct Entry {
    std::shared_ptr<const MeldingEvents> events;
    Timestamp loaded_at;
    int64_t generation = 0;  // of `events`
    std::shared_ptr<const geo::AreaSet> areas;
    std::map<int, std::shared_ptr<const geo::Grid>> grids;
    std::map<std::string, Answer> answers;  // by route and checked parameters
  };

 public:
  AnalysisCache(store::Database& db, Clock& clock) : db_(db), clock_(clock) {}

  // The tenant's events, brought up to date, and their generation (it changes with the events:
  // a new melding, or a full reload that differs, e.g. after a re-categorisation or merge).
  StatusOr<std::shared_ptr<const MeldingEvents>> Events(const std::string& tenant,
                                                        int64_t* generation = nullptr) {
    std::lock_guard lock(mu_);
    Entry& e = entries_[tenant];
    ASSIGN_OR_RETURN(std::shared_ptr<const MeldingEvents> events, Refresh(tenant, e));
    if (generation != nullptr) *generation = e.generation;
    return events;
  }

  // Events() under mu_: appends the meldingen stored since the last load; reloads all after
  // kFullReload, keeping the generation when nothing differs.
  StatusOr<std::shared_ptr<const MeldingEvents>> Refresh(const std::string& tenant, Entry& e) {
    const Timestamp now = clock_.Now();
    if (e.events == nullptr || now - e.loaded_at > kFullReload) {
      auto fresh = std::make_shared<MeldingEvents>();
      RETURN_IF_ERROR(AppendMeldingEvents(db_, {.tenant = tenant}, *fresh));
      if (e.events == nullptr || !SameEvents(*e.events, *fresh)) {
        e.events = std::move(fresh);
        ++e.generation;
      }
      e.loaded_at = now;
      return e.events;
    }
    MeldingEvents added;
    RETURN_IF_ERROR(
        AppendMeldingEvents(db_, {.tenant = tenant, .after_seq = e.events->last_seq}, added));
    if (!added.events.empty()) {
      auto next = std::make_shared<MeldingEvents>(*e.events);
      for (size_t i = 0; i < added.events.size(); ++i) {
        analysis::Event ev = added.events.at(i);
        ev.category = next->events.CategoryId(added.events.category_names()[ev.category]);
        if (ev.area >= 0) ev.area = next->events.AreaId(added.events.area_names()[ev.area]);
        next->events.Append(ev);
      }
      next->last_seq = added.last_seq;
      next->main_of.insert(added.main_of.begin(), added.main_of.end());
      e.events = std::move(next);
      ++e.generation;
    }
    return e.events;
  }

  static bool SameEvents(const MeldingEvents& a, const MeldingEvents& b) {
    const analysis::EventSnapshot &x = a.events, &y = b.events;
    return a.last_seq == b.last_seq && a.main_of == b.main_of &&
           std::ranges::equal(x.times(), y.times()) && std::ranges::equal(x.xs(), y.xs()) &&
           std::ranges::equal(x.ys(), y.ys()) &&
           std::ranges::equal(x.categories(), y.categories()) &&
           std::ranges::equal(x.areas(), y.areas()) && x.category_names() == y.category_names() &&
           x.area_names() == y.area_names();
  }

  // The cached answer for `key` while it is current (computed from events of `generation`, or
  // younger than kMaxAnswerAge); otherwise nullopt.
  std::optional<Answer> FindAnswer(const std::string& tenant, const std::string& key,
                                   int64_t generation) {
    std::lock_guard lock(mu_);
    Entry& e = entries_[tenant];
    auto it = e.answers.find(key);
    if (it == e.answers.end()) return std::nullopt;
    if (it->second.generation != generation &&
        clock_.Now() - it->second.computed_at >= kMaxAnswerAge) {
      return std::nullopt;
    }
    return it->second;
  }

  void StoreAnswer(const std::string& tenant, const std::string& key, Answer answer) {
    std::lock_guard lock(mu_);
    Entry& e = entries_[tenant];
    if (e.answers.size() >= kMaxAnswersPerTenant && !e.answers.count(key)) {
      auto oldest = std::min_element(e.answers.begin(), e.answers.end(), [](auto& a, auto& b) {
        return a.second.computed_at < b.second.computed_at;
      });
      e.answers.erase(oldest);
    }
    e.answers[key] = std::move(answer);
  }

  Timestamp Now() const { return clock_.Now(); }

  StatusOr<std::shared_ptr<const geo::AreaSet>> Areas(const std::string& tenant) {
    std::lock_guard lock(mu_);
    Entry& e = entries_[tenant];
    if (e.areas == nullptr) {
      store::AreaRepository repo(db_, clock_);
      ASSIGN_OR_RETURN(geo::AreaSet set, repo.Load(tenant));
      e.areas = std::make_shared<const geo::AreaSet>(std::move(set));
    }
    return e.areas;
  }

  StatusOr<std::shared_ptr<const geo::Grid>> GridFor(const std::string& tenant, int cell_m) {
    ASSIGN_OR_RETURN(std::shared_ptr<const geo::AreaSet> areas, Areas(tenant));
    std::lock_guard lock(mu_);
    Entry& e = entries_[tenant];
    auto it = e.grids.find(cell_m);
    if (it != e.grids.end()) return it->second;
    if (areas->size() == 0) {
      return FailedPreconditionError("Er zijn geen wijken en buurten van " + tenant +
                                     " ingelezen; de analyse heeft een studiegebied nodig.");
    }
    ASSIGN_OR_RETURN(geo::Grid grid, geo::Grid::ForRegion(*areas, cell_m));
    auto shared = std::make_shared<const geo::Grid>(std::move(grid));
    e.grids.emplace(cell_m, shared);
    return shared;
  }

 private:
  store::Database& db_;
  Clock& clock_;
  std::mutex mu_;
  std::map<std::string, Entry> entries_;  // guarded by mu_
};

struct Context {
  std::shared_ptr<AnalysisCache> cache;
  std::shared_ptr<signals::MeldingService> service;
};

// The query of every analysis route, checked.
struct Params {
  std::string model = "kde";
  int cell_m = 150;
  int64_t from = 0, end = 0;  // UTC seconds, [from, end): whole local days
  std::string van, tot;
  std::vector<bool> category_ok;  // per category id of the snapshot; empty: all
  std::vector<std::string> categories;
};

StatusOr<int> ParseCell(const std::string& text) {
  int v = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || p != text.data() + text.size() || v < geo::kMinCellM ||
      v > geo::kMaxCellM) {
    return InvalidArgumentError("cel moet een geheel aantal meters van 50 tot en met 500 zijn.",
                                "cel");
  }
  return v;
}

std::string DateText(std::chrono::year_month_day d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(d.year()),
                static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
  return buf;
}

StatusOr<Params> ParseParams(const Request& request, const MeldingEvents& events,
                             const signals::CategoryCatalog& catalog) {
  Params p;
  if (std::string m = request.Query("model"); !m.empty()) {
    if (m != "naive" && m != "kde" && m != "prospective" && m != "seppexp") {
      return InvalidArgumentError("Kies model naive, kde, prospective of seppexp.", "model");
    }
    p.model = m;
  }
  if (std::string c = request.Query("cel"); !c.empty()) {
    ASSIGN_OR_RETURN(p.cell_m, ParseCell(c));
  }
  // Default period: the year up to the newest melding (the demo year shows without choosing).
  std::chrono::year_month_day tot = AmsterdamDate(
      events.events.empty() ? Timestamp{}
                            : Timestamp(std::chrono::seconds(events.events.times().back())));
  if (std::string t = request.Query("tot"); !t.empty()) {
    ASSIGN_OR_RETURN(tot, ParseDate(t, "tot"));
  }
  std::chrono::year_month_day van{std::chrono::sys_days(tot) - std::chrono::days(364)};
  if (std::string v = request.Query("van"); !v.empty()) {
    ASSIGN_OR_RETURN(van, ParseDate(v, "van"));
  }
  if (std::chrono::sys_days(van) > std::chrono::sys_days(tot)) {
    return InvalidArgumentError(
        "De einddatum (tot) ligt vóór de begindatum (van); kies een einddatum op of na de "
        "begindatum.",
        "tot");
  }
  if (std::chrono::sys_days(tot) - std::chrono::sys_days(van) > std::chrono::days(3 * 366)) {
    return InvalidArgumentError("Kies een periode van hooguit drie jaar.", "van");
  }
  p.van = DateText(van);
  p.tot = DateText(tot);
  p.from = UnixSeconds(StartOfAmsterdamDay(van));
  p.end = UnixSeconds(StartOfAmsterdamDay(
      std::chrono::year_month_day{std::chrono::sys_days(tot) + std::chrono::days(1)}));

  if (std::string list = request.Query("categorie"); !list.empty()) {
    std::set<std::string> wanted;
    size_t start = 0;
    while (start <= list.size()) {
      size_t comma = list.find(',', start);
      if (comma == std::string::npos) comma = list.size();
      std::string code = list.substr(start, comma - start);
      if (!code.empty()) {
        if (catalog.Find(code) == nullptr && catalog.FindMain(code) == nullptr) {
          return InvalidArgumentError("Onbekende categorie '" + code + "'.", "categorie");
        }
        wanted.insert(code);
      }
      start = comma + 1;
    }
    p.categories.assign(wanted.begin(), wanted.end());
    const auto& names = events.events.category_names();
    p.category_ok.resize(names.size());
    for (size_t i = 0; i < names.size(); ++i) {
      auto main = events.main_of.find(names[i]);
      p.category_ok[i] = wanted.count(names[i]) > 0 ||
                         (main != events.main_of.end() && wanted.count(main->second) > 0);
    }
  }
  return p;
}

// The events in [t0, t1) of the chosen categories (ids kept; models read no names).
analysis::EventSnapshot Select(const MeldingEvents& all, const Params& p, int64_t t0, int64_t t1) {
  analysis::EventSnapshot out(all.events.epsg());
  auto [first, last] = all.events.Between(t0, t1);
  out.Reserve(last - first);
  for (size_t i = first; i < last; ++i) {
    const analysis::Event e = all.events.at(i);
    if (!p.category_ok.empty() && (e.category < 0 || !p.category_ok[e.category])) continue;
    out.Append(e);
  }
  return out;
}

std::unique_ptr<analysis::Model> MakeModel(const std::string& name, int days) {
  if (name == "naive") return analysis::MakeNaive({.days = days});
  if (name == "kde") return analysis::MakeKde({.days = days});
  if (name == "prospective") return analysis::MakeProspective({});
  return analysis::MakeSepp({.days = days});
}

json Rounded(double v, double scale) {
  return std::round(v * scale) / scale;
}

// The cache key of an answer: the route and its checked parameters.
std::string Key(const char* route, const Params& p, const std::string& extra = "") {
  std::string key = std::string(route) + "|" + p.model + "|" + std::to_string(p.cell_m) + "|" +
                    p.van + "|" + p.tot + "|" + extra + "|";
  for (const std::string& c : p.categories) key += c + ",";
  return key;
}

// The answer for `key`: from the cache while current, else computed now and stored. "berekend_op"
// and "ververst_na_minuten" go into the member `meta` of the JSON (null: the top level).
StatusOr<Response> Answered(const Context& ctx, const std::string& tenant, const std::string& key,
                            int64_t generation, const char* meta,
                            const std::function<StatusOr<json>()>& compute) {
  std::optional<AnalysisCache::Answer> answer = ctx.cache->FindAnswer(tenant, key, generation);
  if (!answer) {
    const Timestamp at = ctx.cache->Now();
    ASSIGN_OR_RETURN(json body, compute());
    json& m = meta == nullptr ? body : body[meta];
    m["berekend_op"] = FormatRfc3339(at);
    m["ververst_na_minuten"] =
        std::chrono::duration_cast<std::chrono::minutes>(kMaxAnswerAge).count();
    answer =
        AnalysisCache::Answer{std::make_shared<const std::string>(body.dump()), at, generation};
    ctx.cache->StoreAnswer(tenant, key, *answer);
  }
  const auto age =
      std::chrono::duration_cast<std::chrono::seconds>(ctx.cache->Now() - answer->computed_at);
  Response r = Response::Json(*answer->body);
  r.headers.emplace("Age", std::to_string(std::max<int64_t>(0, age.count())));
  r.headers.emplace("Cache-Control", "no-store");
  return r;
}

StatusOr<json> ComputeHotspots(const Context& ctx, const std::string& tenant,
                               const MeldingEvents& all, const Params& p) {
  ASSIGN_OR_RETURN(std::shared_ptr<const geo::Grid> grid, ctx.cache->GridFor(tenant, p.cell_m));
  const analysis::EventSnapshot events = Select(all, p, p.from, p.end);
  const int days = static_cast<int>((p.end - p.from + kDay - 1) / kDay);
  std::unique_ptr<analysis::Model> model = MakeModel(p.model, days);
  std::vector<double> risk, counts;
  model->Predict(events, *grid, p.end, kDay, risk);
  analysis::MakeNaive({.days = days})->Predict(events, *grid, p.end, kDay, counts);
  const double band = 1.5 * p.cell_m;
  const std::vector<double> z = analysis::GetisOrdGiStar(*grid, counts, band);
  const std::vector<int> cls = analysis::HotColdClasses(*grid, z, /*fdr=*/false);
  const analysis::LocalMoran moran = analysis::LocalMoranI(*grid, counts, band, kMoranPermutations,
                                                           kMoranSeed, kMoranMaxPermutations);
  const analysis::LisaClasses lisa = analysis::ClassifyLocalMoran(*grid, counts, moran);
  ASSIGN_OR_RETURN(geo::MetricProjection proj, geo::MetricProjection::ForEpsg(28992));

  json features = json::array();
  for (int64_t c : grid->study_cells()) {
    if (risk[c] <= 0 && counts[c] <= 0 && cls[c] == 0 &&
        lisa.klass[c] == analysis::LisaClass::kNotSignificant) {
      continue;
    }
    const geo::Ring square = grid->CellSquare(c);
    std::vector<geo::WgsPoint> w(square.size());
    RETURN_IF_ERROR(proj.ToWgs(square, w));
    json ring = json::array();
    for (const auto& q : w) ring.push_back({Rounded(q.lon, 1e7), Rounded(q.lat, 1e7)});
    features.push_back({{"type", "Feature"},
                        {"geometry", {{"type", "Polygon"}, {"coordinates", {ring}}}},
                        {"properties",
                         {{"cel", c},
                          {"risico", risk[c]},
                          {"aantal", static_cast<int64_t>(counts[c])},
                          {"gi_z", Rounded(z[c], 1e4)},
                          {"klasse", cls[c]},
                          {"moran_i", Rounded(moran.i[c], 1e4)},
                          {"moran_p", moran.p[c]},
                          {"moran_q", lisa.q[c]},
                          {"moran_klasse", analysis::LisaClassName(lisa.klass[c])}}}});
  }
  json fc{{"type", "FeatureCollection"},
          {"features", std::move(features)},
          {"properties",
           {{"model", model->name()},
            {"instellingen", model->Settings()},
            {"cel_m", p.cell_m},
            {"van", p.van},
            {"tot", p.tot},
            {"categorieen", p.categories},
            {"meldingen", events.size()},
            {"studiecellen", grid->study_cells().size()},
            {"gi_band_m", band},
            {"klassen", "+3/+2/+1: hotspot 99/95/90 %, -1/-2/-3: coldspot, 0: niet significant"},
            {"moran_klassen",
             "HH: hoog tussen hoog (cluster), LL: laag tussen laag, HL/LH: uitschieter; q < 0,05 "
             "na Benjamini-Hochberg over de studiecellen"},
            {"moran_permutaties", kMoranPermutations},
            {"moran_max_permutaties", kMoranMaxPermutations}}}};
  return fc;
}

StatusOr<Response> Hotspots(const Context& ctx, const Request& request, const Caller& caller) {
  const std::string& tenant = caller.principal.tenant;
  int64_t generation = 0;
  ASSIGN_OR_RETURN(std::shared_ptr<const MeldingEvents> all,
                   ctx.cache->Events(tenant, &generation));
  ASSIGN_OR_RETURN(Params p, ParseParams(request, *all, *ctx.service->CurrentCatalog()));
  ASSIGN_OR_RETURN(Response r, Answered(ctx, tenant, Key("hotspots", p), generation, "properties",
                                        [&]() -> StatusOr<json> {
                                          return ComputeHotspots(ctx, tenant, *all, p);
                                        }));
  r.content_type = "application/geo+json";
  return r;
}

// "wijk" (default) or "buurt".
StatusOr<std::string> ParseLevel(const Request& request) {
  std::string niveau = request.Query("niveau");
  if (niveau.empty()) niveau = "wijk";
  if (niveau != "wijk" && niveau != "buurt") {
    return InvalidArgumentError("Kies niveau wijk of buurt.", "niveau");
  }
  return niveau;
}

StatusOr<json> ComputeAreas(const Context& ctx, const std::string& tenant, const MeldingEvents& all,
                            const Params& p, const std::string& niveau, geo::Level level);

StatusOr<Response> Areas(const Context& ctx, const Request& request, const Caller& caller) {
  const std::string& tenant = caller.principal.tenant;
  ASSIGN_OR_RETURN(const std::string niveau, ParseLevel(request));
  const geo::Level level = niveau == "wijk" ? geo::Level::kDistrict : geo::Level::kNeighbourhood;
  int64_t generation = 0;
  ASSIGN_OR_RETURN(std::shared_ptr<const MeldingEvents> all,
                   ctx.cache->Events(tenant, &generation));
  ASSIGN_OR_RETURN(Params p, ParseParams(request, *all, *ctx.service->CurrentCatalog()));
  return Answered(ctx, tenant, Key("gebieden", p, niveau), generation, nullptr,
                  [&]() { return ComputeAreas(ctx, tenant, *all, p, niveau, level); });
}

StatusOr<json> ComputeAreas(const Context& ctx, const std::string& tenant, const MeldingEvents& all,
                            const Params& p, const std::string& niveau, geo::Level level) {
  ASSIGN_OR_RETURN(std::shared_ptr<const geo::AreaSet> areas, ctx.cache->Areas(tenant));
  const analysis::EventSnapshot events = Select(all, p, p.from, p.end);

  // Counts per buurt id, then per area code of the level asked.
  std::vector<int64_t> per_buurt(all.events.area_names().size());
  int64_t outside = 0;
  for (int32_t a : events.areas()) {
    if (a < 0) {
      ++outside;
    } else {
      ++per_buurt[a];
    }
  }
  std::map<std::string, int64_t> counts;
  for (size_t i = 0; i < per_buurt.size(); ++i) {
    if (per_buurt[i] == 0) continue;
    std::string code = all.events.area_names()[i];
    if (level == geo::Level::kDistrict) {
      const geo::Area* b = areas->Find(code);
      code = b != nullptr ? b->parent_code : "";
    }
    counts[code] += per_buurt[i];
  }
  json items = json::array();
  for (const auto& area : areas->areas()) {
    if (area->level != level) continue;
    const int64_t n = counts.count(area->code) ? counts[area->code] : 0;
    json item{{"code", area->code}, {"naam", area->name}, {"aantal", n}};
    const bool known = area->inhabitants != geo::kUnknownInhabitants && area->inhabitants > 0;
    item["inwoners"] = known ? json(area->inhabitants) : json(nullptr);
    item["per_1000_inwoners"] =
        known ? Rounded(1000.0 * static_cast<double>(n) / area->inhabitants, 100) : json(nullptr);
    items.push_back(std::move(item));
  }
  std::stable_sort(items.begin(), items.end(), [](const json& a, const json& b) {
    return a["aantal"].get<int64_t>() > b["aantal"].get<int64_t>();
  });
  json body{{"niveau", niveau},
            {"van", p.van},
            {"tot", p.tot},
            {"categorieen", p.categories},
            {"meldingen", events.size()},
            {"buiten_gebieden", outside},
            {"gebieden", std::move(items)}};
  return body;
}

StatusOr<json> ComputeBacktest(const Context& ctx, const std::string& tenant,
                               const MeldingEvents& all, const Params& p);

// Daily predictions over [van, tot] (at most kMaxBacktestDays), trained on the 365 days before
// each; the naive baseline is always the first row.
StatusOr<Response> Backtest(const Context& ctx, const Request& request, const Caller& caller) {
  const std::string& tenant = caller.principal.tenant;
  int64_t generation = 0;
  ASSIGN_OR_RETURN(std::shared_ptr<const MeldingEvents> all,
                   ctx.cache->Events(tenant, &generation));
  ASSIGN_OR_RETURN(Params p, ParseParams(request, *all, *ctx.service->CurrentCatalog()));
  if (request.Query("van").empty()) {
    // Default: the last 8 weeks up to tot.
    p.from = p.end - kMaxBacktestDays * kDay;
    p.van = DateText(AmsterdamDate(Timestamp(std::chrono::seconds(p.from + kDay / 2))));
    p.from = UnixSeconds(
        StartOfAmsterdamDay(AmsterdamDate(Timestamp(std::chrono::seconds(p.from + kDay / 2)))));
  }
  if (p.end - p.from > (kMaxBacktestDays + 1) * kDay) {
    return InvalidArgumentError("Een backtest hier loopt over hooguit 56 dagen.", "van");
  }
  return Answered(ctx, tenant, Key("backtest", p), generation, nullptr,
                  [&]() { return ComputeBacktest(ctx, tenant, *all, p); });
}

StatusOr<json> ComputeBacktest(const Context& ctx, const std::string& tenant,
                               const MeldingEvents& all, const Params& p) {
  ASSIGN_OR_RETURN(std::shared_ptr<const geo::Grid> grid, ctx.cache->GridFor(tenant, p.cell_m));
  constexpr int kTrainDays = 365;
  const analysis::EventSnapshot events = Select(all, p, p.from - (kTrainDays + 2) * kDay, p.end);
  analysis::BacktestOptions opt;
  opt.coverage_pct = {1, 5, 10, 20};
  opt.threads = 1;
  for (int64_t day = p.from; day < p.end;) {
    const int64_t next = UnixSeconds(
        StartOfAmsterdamDay(AmsterdamDate(Timestamp(std::chrono::seconds(day + kDay + kDay / 2)))));
    opt.origins.push_back(day);
    opt.ends.push_back(next);
    day = next;
  }
  ASSIGN_OR_RETURN(analysis::Scoring scoring, analysis::Scoring::Prepare(events, *grid, opt));
  std::vector<std::string> order = {"naive"};
  if (p.model != "naive") order.push_back(p.model);
  json models = json::array();
  for (const std::string& name : order) {
    const analysis::ModelScore s =
        analysis::RunBacktest(*MakeModel(name, kTrainDays), events, *grid, opt, scoring);
    json cov = json::array();
    for (const auto& c : s.coverage) {
      cov.push_back({{"dekking_pct", c.pct},
                     {"cellen", c.flagged_cells},
                     {"treffers", c.hits},
                     {"hitrate", Rounded(c.hit_rate, 1e4)},
                     {"pai", Rounded(c.pai, 100)}});
    }
    models.push_back({{"model", s.name}, {"instellingen", s.settings}, {"dekkingen", cov}});
  }
  const analysis::BacktestSetup& setup = scoring.setup();
  json body{{"van", p.van},
            {"tot", p.tot},
            {"cel_m", p.cell_m},
            {"categorieen", p.categories},
            {"voorspellingen", setup.predictions},
            {"studiecellen", setup.study_cells},
            {"gescoorde_meldingen", setup.scored_events},
            {"buiten_studiecellen", setup.unscored_events},
            {"modellen", std::move(models)}};
  return body;
}

StatusOr<json> ComputePatterns(const Context& ctx, const std::string& tenant,
                               const MeldingEvents& all, const Params& p, const std::string& niveau,
                               geo::Level level);

// Hour of week and month of year over [van, tot], and the trend per wijk or buurt against the
// period of equal length before van. Every stored area of the level gets a row.
StatusOr<Response> Patterns(const Context& ctx, const Request& request, const Caller& caller) {
  const std::string& tenant = caller.principal.tenant;
  ASSIGN_OR_RETURN(const std::string niveau, ParseLevel(request));
  const geo::Level level = niveau == "wijk" ? geo::Level::kDistrict : geo::Level::kNeighbourhood;
  int64_t generation = 0;
  ASSIGN_OR_RETURN(std::shared_ptr<const MeldingEvents> all,
                   ctx.cache->Events(tenant, &generation));
  ASSIGN_OR_RETURN(Params p, ParseParams(request, *all, *ctx.service->CurrentCatalog()));
  return Answered(ctx, tenant, Key("patronen", p, niveau), generation, nullptr,
                  [&]() { return ComputePatterns(ctx, tenant, *all, p, niveau, level); });
}

StatusOr<json> ComputePatterns(const Context& ctx, const std::string& tenant,
                               const MeldingEvents& all, const Params& p, const std::string& niveau,
                               geo::Level level) {
  ASSIGN_OR_RETURN(std::shared_ptr<const geo::AreaSet> areas, ctx.cache->Areas(tenant));
  const ZoneRules& zone = ZoneRules::Amsterdam();  // built in: no tz database needed
  const int64_t prev_from = p.from - (p.end - p.from);
  const analysis::EventSnapshot events = Select(all, p, prev_from, p.end);

  // Area ids are the snapshot's: a buurt as it is, or its wijk (stored parent, else CBS code).
  std::vector<std::string> group_of_area, stored;
  for (const std::string& name : all.events.area_names()) {
    if (level == geo::Level::kNeighbourhood) {
      group_of_area.push_back(name);
      continue;
    }
    const geo::Area* b = areas->Find(name);
    group_of_area.push_back(b != nullptr && !b->parent_code.empty() ? b->parent_code
                                                                    : analysis::WijkOfBuurt(name));
  }
  for (const auto& area : areas->areas()) {
    if (area->level == level) stored.push_back(area->code);
  }
  const analysis::AreaGroups groups = analysis::MakeAreaGroups(group_of_area, stored);

  analysis::PatternsReport r;
  r.van = p.van;
  r.tot = p.tot;
  const auto van = *ParseDate(p.van), tot = *ParseDate(p.tot);
  const std::chrono::days length =
      std::chrono::sys_days(tot) - std::chrono::sys_days(van) + std::chrono::days(1);
  r.vorige_van = DateText(std::chrono::year_month_day{std::chrono::sys_days(van) - length});
  r.vorige_tot =
      DateText(std::chrono::year_month_day{std::chrono::sys_days(van) - std::chrono::days(1)});
  r.niveau = niveau;
  r.categories = p.categories;
  const auto [first, last] = events.Between(p.from, p.end);
  r.events = static_cast<int64_t>(last - first);
  for (size_t i = first; i < last; ++i) {
    const int32_t a = events.areas()[i];
    if (a < 0 || groups.group_of_area[a] < 0) ++r.outside;
  }
  r.hours = analysis::HourOfWeekCounts(events, zone, p.from, p.end);
  r.months = analysis::MonthOfYear(events, zone, p.from, p.end);
  r.trend = analysis::TrendByGroup(events, p.from, p.end, groups);
  r.codes = groups.codes;
  for (const std::string& code : groups.codes) {
    const geo::Area* a = areas->Find(code);
    r.names.push_back(a != nullptr && !a->name.empty() ? a->name : code);
  }
  std::stable_sort(r.trend.begin(), r.trend.end(),
                   [](const auto& a, const auto& b) { return a.count > b.count; });
  return json::parse(analysis::PatternsJson(r));
}

RouteSpec Spec(const char* pattern, const char* audit_action) {
  // Counts per cell or area, never a melding: the policy grants these aggregates for analysis
  // to the two roles that plan on them (analist, gebiedsmanager).
  return {"GET",
          pattern,
          Resource::kAggregates,
          Action::kRead,
          Sensitivity::kInternal,
          {Purpose::kAnalyse},
          audit_action};
}

}  // namespace

void RegisterAnalysisRoutes(AccessGate& gate, std::shared_ptr<signals::MeldingService> service) {
  Context ctx{std::make_shared<AnalysisCache>(gate.services().db, gate.services().clock),
              std::move(service)};
  gate.Protected(Spec("/api/v1/analyse/hotspots", "analyse.hotspots"),
                 [ctx](const Request& r, const Caller& c) { return Hotspots(ctx, r, c); });
  gate.Protected(Spec("/api/v1/analyse/gebieden", "analyse.gebieden"),
                 [ctx](const Request& r, const Caller& c) { return Areas(ctx, r, c); });
  gate.Protected(Spec("/api/v1/analyse/patronen", "analyse.patronen"),
                 [ctx](const Request& r, const Caller& c) { return Patterns(ctx, r, c); });
  gate.Protected(Spec("/api/v1/analyse/backtest", "analyse.backtest"),
                 [ctx](const Request& r, const Caller& c) { return Backtest(ctx, r, c); });
}

}  // namespace baken::api
