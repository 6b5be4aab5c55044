#include <memory>

#include <nlohmann/json.hpp>

#include "baken/api/routes.h"
#include "baken/geo/area_set.h"
#include "baken/geo/crs.h"
#include "baken/geo/gazetteer.h"
#include "baken/geo/geojson.h"
#include "baken/geo/locator.h"
#include "baken/store/area_repository.h"

namespace baken::api {

namespace {

// Areas of all municipalities in this database, loaded once at start; immutable afterwards.
struct AreaCatalog {
  std::vector<std::pair<std::string, geo::AreaSet>> tenants;
  // Per tenant (same order): its street and postcode table and a locator for the buurt of a hit.
  std::vector<geo::Gazetteer> gazetteers;
  std::vector<std::optional<geo::Locator>> locators;

  const geo::Area* Find(const std::string& code) const {
    for (const auto& [tenant, set] : tenants) {
      if (const geo::Area* a = set.Find(code)) return a;
    }
    return nullptr;
  }
};

nlohmann::json AreaJson(const geo::Area& a) {
  nlohmann::json j = {{"code", a.code},
                      {"naam", a.name},
                      {"niveau", std::string(geo::LevelName(a.level))},
                      {"ouder", a.parent_code.empty() ? nullptr : nlohmann::json(a.parent_code)}};
  j["inwoners"] =
      a.inhabitants == geo::kUnknownInhabitants ? nullptr : nlohmann::json(a.inhabitants);
  j["oppervlakte_ha"] = a.area_ha < 0 ? nullptr : nlohmann::json(a.area_ha);
  return j;
}

StatusOr<std::optional<geo::Level>> LevelFilter(const Request& request) {
  const std::string text = request.Query("niveau");
  if (text.empty()) return std::optional<geo::Level>();
  ASSIGN_OR_RETURN(geo::Level level, store::ParseLevel(text, "niveau"));
  return std::optional<geo::Level>(level);
}

StatusOr<Response> GeoJsonOf(const std::vector<const geo::Area*>& areas) {
  geo::FeatureCollection fc;
  for (const geo::Area* a : areas) {
    geo::Feature f;
    f.properties["code"] = a->code;
    f.properties["naam"] = a->name;
    f.properties["niveau"] = std::string(geo::LevelName(a->level));
    if (!a->parent_code.empty()) f.properties["ouder"] = a->parent_code;
    if (a->inhabitants != geo::kUnknownInhabitants) f.properties["inwoners"] = a->inhabitants;
    f.geometry = a->geometry;
    fc.features.push_back(std::move(f));
  }
  ASSIGN_OR_RETURN(std::string body, geo::WriteGeoJson(fc));
  Response r = Response::Json(std::move(body));
  r.content_type = "application/geo+json";
  r.headers.emplace("Cache-Control", "public, max-age=3600");
  return r;
}

nlohmann::json AreaRef(const geo::Area* a) {
  if (a == nullptr) return nullptr;
  return {{"code", a->code}, {"naam", a->name}};
}

// GET /api/v1/adressen?q=...&aantal=N: streets and postcodes for the place search of the
// reporting form, with the point (RD and WGS84) and the buurt and wijk it lies in.
StatusOr<Response> SearchPlaces(const AreaCatalog& catalog, const Request& request) {
  const std::string q = request.Query("q");
  if (q.size() > 100) return InvalidArgumentError("Zoek met hoogstens 100 tekens.", "q");
  size_t limit = 8;
  if (const std::string n = request.Query("aantal"); !n.empty()) {
    if (n.size() > 2 || n.find_first_not_of("0123456789") != std::string::npos || n == "0" ||
        std::stoi(n) > 50) {
      return InvalidArgumentError("Geef een aantal van 1 tot en met 50.", "aantal");
    }
    limit = static_cast<size_t>(std::stoi(n));
  }
  nlohmann::json items = nlohmann::json::array();
  for (size_t t = 0; t < catalog.gazetteers.size() && items.size() < limit; ++t) {
    for (const geo::PlaceMatch& m : catalog.gazetteers[t].Search(q, limit - items.size())) {
      nlohmann::json j = {{"naam", m.label},
                          {"straat", m.street.empty() ? nullptr : nlohmann::json(m.street)},
                          {"postcode", m.postcode.empty() ? nullptr : nlohmann::json(m.postcode)},
                          {"x", m.point.x},
                          {"y", m.point.y}};
      if (StatusOr<geo::WgsPoint> wgs = geo::RdToWgs(m.point); wgs.ok()) {
        j["lon"] = wgs->lon;
        j["lat"] = wgs->lat;
      }
      geo::LocateResult where;
      if (catalog.locators[t]) where = catalog.locators[t]->Locate(m.point);
      j["buurt"] = AreaRef(where.buurt);
      j["wijk"] = AreaRef(where.wijk);
      items.push_back(std::move(j));
    }
  }
  Response r = Response::Json(nlohmann::json{{"adressen", std::move(items)}}.dump());
  r.headers.emplace("Cache-Control", "public, max-age=300");
  return r;
}

}  // namespace

Status RegisterAreaRoutes(AccessGate& gate, store::Database& db, Clock& clock) {
  auto catalog = std::make_shared<AreaCatalog>();
  store::AreaRepository repo(db, clock);
  ASSIGN_OR_RETURN(auto tenants, repo.Tenants());
  size_t count = 0;
  for (const std::string& tenant : tenants) {
    ASSIGN_OR_RETURN(geo::AreaSet set, repo.Load(tenant));
    count += set.size();
    ASSIGN_OR_RETURN(std::vector<geo::StreetPoint> points, repo.LoadStreetPoints(tenant));
    catalog->gazetteers.push_back(geo::Gazetteer::Build(std::move(points)));
    catalog->tenants.emplace_back(tenant, std::move(set));
  }
  // Locators point into the area sets, so they are built once the sets have their final place.
  for (const auto& [tenant, set] : catalog->tenants) {
    StatusOr<geo::Locator> locator = geo::Locator::Build(set);
    catalog->locators.push_back(locator.ok() ? std::optional<geo::Locator>(std::move(*locator))
                                             : std::nullopt);
  }
  gate.server().metrics().AddGauge("baken_areas_loaded", "Areas (wijken and buurten) in memory.",
                                   [count] { return static_cast<double>(count); });

  gate.Public("GET", "/api/v1/gebieden",
              [catalog](const Request& request, const Caller&) -> StatusOr<Response> {
                ASSIGN_OR_RETURN(auto level, LevelFilter(request));
                const std::string format = request.Query("formaat");
                if (!format.empty() && format != "json" && format != "geojson") {
                  return InvalidArgumentError("Kies formaat json of geojson.", "formaat");
                }
                std::vector<const geo::Area*> selected;
                for (const auto& [tenant, set] : catalog->tenants) {
                  for (const auto& area : set.areas()) {
                    if (!level || area->level == *level) selected.push_back(area.get());
                  }
                }
                if (format == "geojson") return GeoJsonOf(selected);
                nlohmann::json items = nlohmann::json::array();
                for (const geo::Area* a : selected) items.push_back(AreaJson(*a));
                return Response::Json(nlohmann::json{{"gebieden", std::move(items)}}.dump());
              });

  gate.Public("GET", "/api/v1/adressen",
              [catalog](const Request& request, const Caller&) -> StatusOr<Response> {
                return SearchPlaces(*catalog, request);
              });

  gate.Public("GET", R"(/api/v1/gebieden/([A-Za-z0-9]+))",
              [catalog](const Request& request, const Caller&) -> StatusOr<Response> {
                const geo::Area* a = catalog->Find(request.path_params.at(0));
                if (a == nullptr) {
                  return NotFoundError("Gebied " + request.path_params.at(0) + " bestaat niet.");
                }
                if (request.Query("formaat") == "geojson") return GeoJsonOf({a});
                return Response::Json(AreaJson(*a).dump());
              });
  return Status::Ok();
}

}  // namespace baken::api
