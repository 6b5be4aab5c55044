// The wijk dashboard for staff who handle meldingen:
//   GET /api/v1/wijkbeeld?van&tot&categorie&wijk
// Counts only (no text, no persons): totals for the period, a row per wijk (and per buurt of the
// chosen wijken), meldingen per ISO week and the mix of main categories. The counting is
// signals' (melding_statistics.h: GROUP BY in the database over the werkvoorraad's selection);
// this file decodes the request, folds hours into weeks and encodes the answer.
//
// Visibility is the melding list's: security::VisibilityFor for the caller and its purpose. What
// is left out is not counted; `afgeschermd` says that something was.
//
// The stored areas (names, inhabitants, buurt -> wijk) are cached per tenant: they change only by
// import, as in the analysis routes.
#include <chrono>
#include <map>
#include <mutex>
#include <set>

#include <nlohmann/json.hpp>

#include "baken/api/routes.h"
#include "baken/base/time_zone.h"
#include "baken/security/policy.h"
#include "baken/security/visibility.h"
#include "baken/signals/melding_statistics.h"
#include "baken/store/area_repository.h"

namespace baken::api {
namespace {

using nlohmann::json;
using security::Action;
using security::Purpose;
using security::Resource;
using security::Sensitivity;

// The purposes of the melding list (melding_routes.cc kCasePurposes): whoever may list the
// meldingen may see their counts.
const std::vector<Purpose> kCasePurposes = {Purpose::kMeldingAfhandelen,
                                            Purpose::kToezichtHandhaving, Purpose::kZorgcoordinatie,
                                            Purpose::kAnalyse};
constexpr int kMaxYears = 3;
constexpr int64_t kMicrosPerHour = 3'600'000'000;

class AreaCache {
 public:
  AreaCache(store::Database& db, Clock& clock) : db_(db), clock_(clock) {}

  StatusOr<std::shared_ptr<const geo::AreaSet>> Areas(const std::string& tenant) {
    std::lock_guard lock(mu_);
    auto it = areas_.find(tenant);
    if (it != areas_.end()) return it->second;
    store::AreaRepository repo(db_, clock_);
    ASSIGN_OR_RETURN(geo::AreaSet set, repo.Load(tenant));
    auto shared = std::make_shared<const geo::AreaSet>(std::move(set));
    areas_.emplace(tenant, shared);
    return shared;
  }

 private:
  store::Database& db_;
  Clock& clock_;
  std::mutex mu_;
  std::map<std::string, std::shared_ptr<const geo::AreaSet>> areas_;  // guarded by mu_
};

struct Context {
  std::shared_ptr<AreaCache> areas;
  std::shared_ptr<signals::MeldingService> service;
  store::Database* db;
  Clock* clock;
};

struct Params {
  std::chrono::year_month_day van, tot;
  Timestamp from, end;  // [from, end): whole Amsterdam days
  std::vector<std::string> subs, mains, categories;
  std::vector<std::string> wijken;
};

std::vector<std::string> SplitList(const std::string& list) {
  std::set<std::string> seen;
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= list.size()) {
    size_t comma = list.find(',', start);
    if (comma == std::string::npos) comma = list.size();
    std::string item = list.substr(start, comma - start);
    if (!item.empty() && seen.insert(item).second) out.push_back(item);
    start = comma + 1;
  }
  return out;
}

StatusOr<Params> ParseParams(const Request& request, Timestamp now,
                             const signals::CategoryCatalog& catalog, const geo::AreaSet& areas) {
  using std::chrono::days;
  using std::chrono::sys_days;
  Params p;
  // Default: this calendar year up to today.
  p.tot = AmsterdamDate(now);
  if (std::string t = request.Query("tot"); !t.empty()) {
    ASSIGN_OR_RETURN(p.tot, ParseDate(t, "tot"));
  }
  p.van = std::chrono::year_month_day{p.tot.year(), std::chrono::January, std::chrono::day{1}};
  if (std::string v = request.Query("van"); !v.empty()) {
    ASSIGN_OR_RETURN(p.van, ParseDate(v, "van"));
  }
  if (sys_days(p.tot) < sys_days(p.van)) {
    return InvalidArgumentError(
        "De einddatum (tot) ligt vóór de begindatum (van); kies een einddatum op of na de "
        "begindatum.",
        "tot");
  }
  const std::chrono::year_month_day limit = p.van + std::chrono::years(kMaxYears);
  if (!limit.ok() || sys_days(p.tot) + days(1) > sys_days(limit)) {
    // 29 February plus three years is no date; the first of March is the same limit.
    const sys_days last = limit.ok() ? sys_days(limit) : sys_days(limit.year() / 3 / 1);
    if (sys_days(p.tot) + days(1) > last) {
      return InvalidArgumentError("Kies een periode van hooguit drie jaar (van tot en met tot).",
                                  "tot");
    }
  }
  p.from = StartOfAmsterdamDay(p.van);
  p.end = StartOfAmsterdamDay(std::chrono::year_month_day{sys_days(p.tot) + days(1)});

  for (const std::string& code : SplitList(request.Query("categorie"))) {
    const bool main = catalog.FindMain(code) != nullptr;
    const bool sub = catalog.Find(code) != nullptr;
    if (!main && !sub) {
      return InvalidArgumentError("Onbekende categorie '" + code + "'.", "categorie");
    }
    if (main) p.mains.push_back(code);
    if (sub) p.subs.push_back(code);
    p.categories.push_back(code);
  }
  for (const std::string& code : SplitList(request.Query("wijk"))) {
    const geo::Area* a = areas.Find(code);
    if (a == nullptr || a->level != geo::Level::kDistrict) {
      return InvalidArgumentError("Onbekende wijk '" + code + "'; geef een CBS-wijkcode.", "wijk");
    }
    p.wijken.push_back(code);
  }
  return p;
}

// The counted selection: the period, categories and wijken of the request, and what the caller
// may see (security::VisibilityFor, the melding list's answer).
signals::StatisticsSelection Selection(const Caller& caller, const Params& p) {
  signals::StatisticsSelection s;
  s.tenant = caller.principal.tenant;
  s.from = p.from;
  s.end = p.end;
  s.categories = p.subs;
  s.main_categories = p.mains;
  s.wijken = p.wijken;
  s.visibility = security::VisibilityFor(
      caller.principal, caller.purpose.value_or(security::Purpose::kMeldingAfhandelen));
  return s;
}

using Figures = signals::MeldingFigures;

json Percentage(int64_t part, int64_t whole) {
  if (whole == 0) return nullptr;
  return std::round(1000.0 * static_cast<double>(part) / static_cast<double>(whole)) / 10.0;
}

json FiguresJson(const Figures& f) {
  return {{"meldingen", f.meldingen},
          {"open", f.open},
          {"afgehandeld", f.afgehandeld},
          {"binnen_termijn", f.binnen_termijn},
          {"binnen_termijn_pct", Percentage(f.binnen_termijn, f.afgehandeld)},
          {"te_laat", f.te_laat}};
}

json AreaRow(const geo::Area& area, const Figures& f) {
  json row = FiguresJson(f);
  row["code"] = area.code;
  row["naam"] = area.name;
  const bool known = area.inhabitants != geo::kUnknownInhabitants && area.inhabitants > 0;
  row["inwoners"] = known ? json(area.inhabitants) : json(nullptr);
  row["per_1000_inwoners"] = known ? json(std::round(100000.0 * static_cast<double>(f.meldingen) /
                                                     static_cast<double>(area.inhabitants)) /
                                          100.0)
                                   : json(nullptr);
  return row;
}

std::chrono::sys_days MondayOf(std::chrono::year_month_day d) {
  const std::chrono::sys_days day(d);
  const std::chrono::weekday wd(day);
  return day - std::chrono::days(wd.iso_encoding() - 1);
}

// "2025-W01" for the ISO week starting on `monday`.
std::string IsoWeek(std::chrono::sys_days monday) {
  const std::chrono::year_month_day thursday{monday + std::chrono::days(3)};
  const std::chrono::sys_days jan1(thursday.year() / std::chrono::January / 1);
  const int week = static_cast<int>((std::chrono::sys_days(thursday) - jan1).count() / 7 + 1);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-W%02d", static_cast<int>(thursday.year()), week);
  return buf;
}

StatusOr<Response> Wijkbeeld(const Context& ctx, const Request& request, const Caller& caller) {
  if (caller.principal.role == security::Role::kResident) {
    return PermissionDeniedError("Het wijkbeeld is er voor medewerkers die meldingen afhandelen.");
  }
  const std::string& tenant = caller.principal.tenant;
  const Timestamp now = ctx.clock->Now();
  ASSIGN_OR_RETURN(std::shared_ptr<const geo::AreaSet> areas, ctx.areas->Areas(tenant));
  const std::shared_ptr<const signals::CategoryCatalog> catalog = ctx.service->CurrentCatalog();
  ASSIGN_OR_RETURN(const Params p, ParseParams(request, now, *catalog, *areas));
  store::Database& db = *ctx.db;
  const signals::StatisticsSelection selection = Selection(caller, p);

  using signals::StatisticsGroup;
  ASSIGN_OR_RETURN(auto per_wijk, CountMeldingenBy(db, selection, now, StatisticsGroup::kWijk));
  ASSIGN_OR_RETURN(auto per_main,
                   CountMeldingenBy(db, selection, now, StatisticsGroup::kMainCategory));
  ASSIGN_OR_RETURN(auto per_hour, CountMeldingenPerHour(db, selection));
  ASSIGN_OR_RETURN(const int64_t hidden, CountHiddenMeldingen(db, selection));

  Figures total;
  for (const auto& [code, f] : per_wijk) total.Add(f);
  const std::set<std::string> chosen(p.wijken.begin(), p.wijken.end());
  json wijken = json::array();
  int64_t in_wijken = 0;
  for (const geo::Area* wijk : areas->List(geo::Level::kDistrict)) {
    if (!chosen.empty() && chosen.count(wijk->code) == 0) continue;
    auto it = per_wijk.find(wijk->code);
    const Figures f = it != per_wijk.end() ? it->second : Figures{};
    in_wijken += f.meldingen;
    wijken.push_back(AreaRow(*wijk, f));
  }

  json body{{"van", FormatDate(p.van)},
            {"tot", FormatDate(p.tot)},
            {"categorieen", p.categories},
            {"wijken_gekozen", p.wijken},
            {"afgeschermd", hidden > 0},
            {"totaal", FiguresJson(total)},
            {"buiten_wijken", total.meldingen - in_wijken},
            {"wijken", std::move(wijken)}};

  if (!p.wijken.empty()) {
    ASSIGN_OR_RETURN(auto per_buurt, CountMeldingenBy(db, selection, now, StatisticsGroup::kBuurt));
    json buurten = json::array();
    for (const geo::Area* buurt : areas->List(geo::Level::kNeighbourhood)) {
      if (chosen.count(buurt->parent_code) == 0) continue;
      auto it = per_buurt.find(buurt->code);
      json row = AreaRow(*buurt, it != per_buurt.end() ? it->second : Figures{});
      row["wijk"] = buurt->parent_code;
      buurten.push_back(std::move(row));
    }
    body["buurten"] = std::move(buurten);
  }

  // Every ISO week that overlaps the period, also the empty ones.
  std::map<std::chrono::sys_days, int64_t> per_week;
  for (auto d = MondayOf(p.van); d <= MondayOf(p.tot); d += std::chrono::days(7)) per_week[d] = 0;
  for (const auto& [hour, n] : per_hour) {
    const Timestamp t = FromUnixMicros(hour * kMicrosPerHour);
    per_week[MondayOf(AmsterdamDate(t))] += n;
  }
  json weeks = json::array();
  for (const auto& [monday, n] : per_week) {
    weeks.push_back({{"week", IsoWeek(monday)},
                     {"start", FormatDate(std::chrono::year_month_day{monday})},
                     {"meldingen", n}});
  }
  body["weken"] = std::move(weeks);

  json mains = json::array();
  for (const auto& [code, f] : per_main) {
    const signals::MainCategory* m = catalog->FindMain(code);
    mains.push_back({{"code", code},
                     {"naam", m != nullptr ? m->name : code},
                     {"meldingen", f.meldingen},
                     {"aandeel_pct", Percentage(f.meldingen, total.meldingen)}});
  }
  std::stable_sort(mains.begin(), mains.end(), [](const json& a, const json& b) {
    return a["meldingen"].get<int64_t>() > b["meldingen"].get<int64_t>();
  });
  body["hoofdcategorieen"] = std::move(mains);

  Response r = Response::Json(body.dump());
  r.headers.emplace("Cache-Control", "no-store");
  return r;
}

}  // namespace

void RegisterWijkbeeldRoutes(AccessGate& gate, std::shared_ptr<signals::MeldingService> service) {
  store::Database& db = gate.services().db;
  Clock& clock = gate.services().clock;
  Context ctx{std::make_shared<AreaCache>(db, clock), std::move(service), &db, &clock};
  gate.Protected({"GET", "/api/v1/wijkbeeld", Resource::kCaseData, Action::kRead,
                  Sensitivity::kInternal, kCasePurposes, "wijkbeeld"},
                 [ctx](const Request& r, const Caller& c) { return Wijkbeeld(ctx, r, c); });
}

}  // namespace baken::api
