#include "baken/geo/geojson.h"

#include <cmath>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>

#include "baken/geo/crs.h"

namespace baken::geo {
namespace {

using json = nlohmann::json;

std::string FeatureLabel(size_t index, const json& feature) {
  std::string label = "feature " + std::to_string(index);
  if (!feature.is_object()) return label;
  auto props = feature.find("properties");
  if (props != feature.end() && props->is_object()) {
    for (const char* key : {"BU_CODE", "WK_CODE", "GM_CODE", "code"}) {
      auto it = props->find(key);
      if (it != props->end() && it->is_string()) return label + " (" + it->get<std::string>() + ")";
    }
  }
  auto id = feature.find("id");
  if (id != feature.end() && id->is_string()) return label + " (" + id->get<std::string>() + ")";
  return label;
}

// Raw coordinates (not yet known to be RD or WGS84) are held in RdPoint{x = first, y = second}.
Status ParseRing(const json& ring, const std::string& where, Ring& out) {
  if (!ring.is_array()) return InvalidArgumentError(where + " is geen lijst van posities");
  if (ring.size() < 4) {
    return InvalidArgumentError(where + " heeft " + std::to_string(ring.size()) +
                                " posities, minimaal 4 nodig");
  }
  out.reserve(ring.size());
  for (size_t i = 0; i < ring.size(); ++i) {
    const json& pos = ring[i];
    if (!pos.is_array() || pos.size() < 2 || !pos[0].is_number() || !pos[1].is_number()) {
      return InvalidArgumentError(where + ", positie " + std::to_string(i) +
                                  ": coördinaat is geen getallenpaar");
    }
    RdPoint p{pos[0].get<double>(), pos[1].get<double>()};
    if (!std::isfinite(p.x) || !std::isfinite(p.y)) {
      return InvalidArgumentError(where + ", positie " + std::to_string(i) +
                                  ": coördinaat is geen eindig getal");
    }
    out.push_back(p);
  }
  if (!(out.front() == out.back())) return InvalidArgumentError(where + " is niet gesloten");
  return Status::Ok();
}

Status ParsePolygon(const json& rings, const std::string& prefix, Polygon& out) {
  if (!rings.is_array() || rings.empty()) {
    return InvalidArgumentError(prefix + "polygoon heeft geen ringen");
  }
  out.rings.resize(rings.size());
  for (size_t r = 0; r < rings.size(); ++r) {
    RETURN_IF_ERROR(ParseRing(rings[r], prefix + "ring " + std::to_string(r), out.rings[r]));
  }
  return Status::Ok();
}

Status ParseGeometry(const json& feature, MultiPolygon& out) {
  auto geom = feature.find("geometry");
  if (geom == feature.end() || geom->is_null()) return InvalidArgumentError("geen geometrie");
  if (!geom->is_object()) return InvalidArgumentError("geometrie is geen object");
  auto type = geom->find("type");
  if (type == geom->end() || !type->is_string()) {
    return InvalidArgumentError("geometrie heeft geen type");
  }
  const std::string t = type->get<std::string>();
  auto coords = geom->find("coordinates");
  if (t != "Polygon" && t != "MultiPolygon") {
    return InvalidArgumentError("geometrietype '" + t +
                                "' wordt niet ondersteund (alleen Polygon en MultiPolygon)");
  }
  if (coords == geom->end() || !coords->is_array()) {
    return InvalidArgumentError("geometrie heeft geen coordinates");
  }
  if (t == "Polygon") {
    out.resize(1);
    return ParsePolygon(*coords, "", out[0]);
  }
  if (coords->empty()) return InvalidArgumentError("MultiPolygon zonder polygonen");
  out.resize(coords->size());
  for (size_t p = 0; p < coords->size(); ++p) {
    RETURN_IF_ERROR(ParsePolygon((*coords)[p], "polygoon " + std::to_string(p) + ", ", out[p]));
  }
  return Status::Ok();
}

Properties ParseProperties(const json& feature) {
  Properties props;
  auto it = feature.find("properties");
  if (it == feature.end() || !it->is_object()) return props;
  for (auto& [key, value] : it->items()) {
    if (value.is_string()) {
      props.emplace(key, value.get<std::string>());
    } else if (value.is_number_integer()) {
      props.emplace(key, value.get<int64_t>());
    } else if (value.is_number_float()) {
      props.emplace(key, value.get<double>());
    } else if (value.is_boolean()) {
      props.emplace(key, value.get<bool>());
    }
  }
  return props;
}

enum class CrsHint { kAuto, kWgs84, kRdNew };

CrsHint ReadCrsMember(const json& root) {
  auto crs = root.find("crs");
  if (crs == root.end() || !crs->is_object()) return CrsHint::kAuto;
  auto props = crs->find("properties");
  if (props == crs->end() || !props->is_object()) return CrsHint::kAuto;
  auto name = props->find("name");
  if (name == props->end() || !name->is_string()) return CrsHint::kAuto;
  const std::string n = name->get<std::string>();
  if (n.find("28992") != std::string::npos) return CrsHint::kRdNew;
  if (n.find("4326") != std::string::npos || n.find("CRS84") != std::string::npos) {
    return CrsHint::kWgs84;
  }
  return CrsHint::kAuto;
}

bool LooksLikeDegrees(RdPoint p) {
  return std::abs(p.x) <= 180 && std::abs(p.y) <= 90;
}

std::string Where(size_t poly, size_t ring, size_t pos, bool multi) {
  std::string s = multi ? "polygoon " + std::to_string(poly) + ", " : "";
  return s + "ring " + std::to_string(ring) + ", positie " + std::to_string(pos);
}

}  // namespace

StatusOr<FeatureCollection> ParseGeoJson(std::string_view text) {
  if (text.size() > kMaxGeoJsonBytes) {
    return Status(StatusCode::kResourceExhausted, "GeoJSON is groter dan 256 MiB");
  }
  json root;
  try {
    root = json::parse(text.begin(), text.end());
  } catch (const json::parse_error& e) {
    return InvalidArgumentError("GeoJSON is geen geldige JSON (fout bij byte " +
                                std::to_string(e.byte) + ")");
  } catch (const std::exception&) {
    return InvalidArgumentError("GeoJSON is geen geldige JSON");
  }
  if (!root.is_object()) return InvalidArgumentError("GeoJSON is geen object");
  auto type = root.find("type");
  if (type == root.end() || !type->is_string() || *type != "FeatureCollection") {
    return InvalidArgumentError("GeoJSON is geen FeatureCollection", "type");
  }
  auto features = root.find("features");
  if (features == root.end() || !features->is_array()) {
    return InvalidArgumentError("FeatureCollection heeft geen lijst 'features'", "features");
  }

  FeatureCollection out;
  out.features.resize(features->size());
  for (size_t i = 0; i < features->size(); ++i) {
    const json& f = (*features)[i];
    Status st = f.is_object() ? ParseGeometry(f, out.features[i].geometry)
                              : InvalidArgumentError("is geen object");
    if (!st.ok()) return st.WithContext(FeatureLabel(i, f));
    out.features[i].properties = ParseProperties(f);
  }

  // Decide the CRS: explicit member, else all coordinates must agree.
  CrsHint hint = ReadCrsMember(root);
  if (hint == CrsHint::kAuto) {
    std::optional<bool> degrees;
    for (size_t i = 0; i < out.features.size(); ++i) {
      for (const Polygon& poly : out.features[i].geometry) {
        for (const Ring& ring : poly.rings) {
          for (RdPoint p : ring) {
            bool d = LooksLikeDegrees(p);
            if (!degrees.has_value()) degrees = d;
            if (*degrees != d) {
              return InvalidArgumentError(
                  FeatureLabel(i, (*features)[i]) +
                  ": coördinaten mengen graden (WGS84) en meters (RD); kies één stelsel");
            }
          }
        }
      }
    }
    hint = degrees.value_or(true) ? CrsHint::kWgs84 : CrsHint::kRdNew;
  }
  out.source_crs = hint == CrsHint::kRdNew ? SourceCrs::kRdNew : SourceCrs::kWgs84;

  for (size_t i = 0; i < out.features.size(); ++i) {
    MultiPolygon& geom = out.features[i].geometry;
    const bool multi = geom.size() > 1;
    for (size_t p = 0; p < geom.size(); ++p) {
      for (size_t r = 0; r < geom[p].rings.size(); ++r) {
        Ring& ring = geom[p].rings[r];
        for (size_t k = 0; k < ring.size(); ++k) {
          Status st = out.source_crs == SourceCrs::kRdNew
                          ? CheckRd(ring[k])
                          : CheckWgs(WgsPoint{ring[k].x, ring[k].y});
          if (!st.ok()) {
            return st.WithContext(FeatureLabel(i, (*features)[i]) + ": " + Where(p, r, k, multi));
          }
        }
        if (out.source_crs == SourceCrs::kWgs84) {
          std::vector<WgsPoint> wgs(ring.size());
          for (size_t k = 0; k < ring.size(); ++k) wgs[k] = WgsPoint{ring[k].x, ring[k].y};
          Status st = WgsToRd(wgs, ring);
          if (!st.ok()) return st.WithContext(FeatureLabel(i, (*features)[i]));
        }
      }
    }
  }
  return out;
}

StatusOr<FeatureCollection> ReadGeoJsonFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFoundError("GeoJSON-bestand kan niet worden gelezen");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return ParseGeoJson(text);
}

namespace {
double Round7(double v) {
  return std::round(v * 1e7) / 1e7;
}
}  // namespace

StatusOr<std::string> WriteGeoJson(const FeatureCollection& collection) {
  json features = json::array();
  for (const Feature& f : collection.features) {
    json polys = json::array();
    for (const Polygon& poly : f.geometry) {
      json rings = json::array();
      for (const Ring& ring : poly.rings) {
        std::vector<WgsPoint> wgs(ring.size());
        RETURN_IF_ERROR(RdToWgs(ring, wgs));
        json positions = json::array();
        for (WgsPoint w : wgs) positions.push_back({Round7(w.lon), Round7(w.lat)});
        rings.push_back(std::move(positions));
      }
      polys.push_back(std::move(rings));
    }
    json props = json::object();
    for (const auto& entry : f.properties) {
      // Not a structured binding: clang 14 cannot capture those in the lambda.
      json& slot = props[entry.first];
      std::visit([&slot](const auto& v) { slot = v; }, entry.second);
    }
    json geometry;
    if (polys.size() == 1) {
      geometry = {{"type", "Polygon"}, {"coordinates", polys[0]}};
    } else {
      geometry = {{"type", "MultiPolygon"}, {"coordinates", polys}};
    }
    features.push_back(
        {{"type", "Feature"}, {"properties", std::move(props)}, {"geometry", std::move(geometry)}});
  }
  json root = {{"type", "FeatureCollection"}, {"features", std::move(features)}};
  return root.dump();
}

std::optional<std::string> PropertyString(const Properties& props, std::string_view key) {
  auto it = props.find(key);
  if (it == props.end()) return std::nullopt;
  const PropertyValue& v = it->second;
  if (auto* s = std::get_if<std::string>(&v)) return *s;
  if (auto* i = std::get_if<int64_t>(&v)) return std::to_string(*i);
  if (auto* b = std::get_if<bool>(&v)) return *b ? "true" : "false";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.15g", std::get<double>(v));
  return std::string(buf);
}

std::optional<double> PropertyNumber(const Properties& props, std::string_view key) {
  auto it = props.find(key);
  if (it == props.end()) return std::nullopt;
  if (auto* i = std::get_if<int64_t>(&it->second)) return static_cast<double>(*i);
  if (auto* d = std::get_if<double>(&it->second)) return *d;
  return std::nullopt;
}

}  // namespace baken::geo
