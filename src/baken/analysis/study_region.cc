#include "baken/analysis/study_region.h"

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "baken/geo/crs.h"

namespace baken::analysis {
namespace {

using nlohmann::json;

Status Bad(size_t feature, const std::string& why) {
  return InvalidArgumentError("feature " + std::to_string(feature) + ": " + why, "--region");
}

Status AddPolygon(const json& rings, const geo::MetricProjection& proj, size_t feature,
                  geo::MultiPolygon& out) {
  if (!rings.is_array() || rings.empty()) return Bad(feature, "polygoon zonder ringen");
  geo::Polygon polygon;
  for (const json& ring : rings) {
    if (!ring.is_array() || ring.size() < 4) return Bad(feature, "ring met minder dan 4 punten");
    std::vector<geo::WgsPoint> wgs;
    for (const json& pos : ring) {
      if (!pos.is_array() || pos.size() < 2 || !pos[0].is_number() || !pos[1].is_number()) {
        return Bad(feature, "positie is geen [lengte, breedte]");
      }
      wgs.push_back({pos[0].get<double>(), pos[1].get<double>()});
    }
    if (!(wgs.front() == wgs.back())) return Bad(feature, "ring is niet gesloten");
    geo::Ring metric(wgs.size());
    if (Status s = proj.ToMetric(wgs, metric); !s.ok()) return Bad(feature, s.message());
    polygon.rings.push_back(std::move(metric));
  }
  out.push_back(std::move(polygon));
  return Status::Ok();
}

Status AddGeometry(const json& g, const geo::MetricProjection& proj, size_t feature,
                   geo::MultiPolygon& out) {
  if (!g.is_object() || !g.contains("type")) return Bad(feature, "geen geometrie");
  const std::string type = g["type"].is_string() ? g["type"].get<std::string>() : "";
  if (type == "Polygon") return AddPolygon(g.value("coordinates", json()), proj, feature, out);
  if (type == "MultiPolygon") {
    const json& polys = g.value("coordinates", json());
    if (!polys.is_array()) return Bad(feature, "MultiPolygon zonder coördinaten");
    for (const json& p : polys) RETURN_IF_ERROR(AddPolygon(p, proj, feature, out));
    return Status::Ok();
  }
  return Bad(feature, "geometrie '" + type + "' is geen (Multi)Polygon");
}

}  // namespace

StatusOr<geo::MultiPolygon> ParseRegion(std::string_view text, int epsg) {
  const json doc = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) return InvalidArgumentError("geen geldige JSON", "--region");
  // json::value() throws on anything but an object: check before every use.
  if (!doc.is_object()) return InvalidArgumentError("geen GeoJSON-object", "--region");
  ASSIGN_OR_RETURN(geo::MetricProjection proj, geo::MetricProjection::ForEpsg(epsg));
  geo::MultiPolygon out;
  const std::string type =
      doc.contains("type") && doc["type"].is_string() ? doc["type"].get<std::string>() : "";
  if (type == "FeatureCollection" && doc.contains("features") && doc["features"].is_array()) {
    for (size_t i = 0; i < doc["features"].size(); ++i) {
      const json& feature = doc["features"][i];
      if (!feature.is_object()) return Bad(i, "feature is geen object");
      RETURN_IF_ERROR(AddGeometry(feature.value("geometry", json()), proj, i, out));
    }
  } else if (type == "Feature") {
    RETURN_IF_ERROR(AddGeometry(doc.value("geometry", json()), proj, 0, out));
  } else {
    RETURN_IF_ERROR(AddGeometry(doc, proj, 0, out));
  }
  if (out.empty()) return InvalidArgumentError("het gebied bevat geen polygonen", "--region");
  return out;
}

StatusOr<geo::MultiPolygon> ReadRegionFile(const std::string& path, int epsg) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFoundError("kan gebiedsbestand '" + path + "' niet lezen");
  std::ostringstream text;
  text << in.rdbuf();
  auto region = ParseRegion(text.str(), epsg);
  if (!region.ok()) return region.status().WithContext(path);
  return region;
}

}  // namespace baken::analysis
