// GeoJSON FeatureCollections of (Multi)Polygons: a parser into RD geometry and a WGS84 writer.
//
// ParseGeoJson accepts a FeatureCollection whose features have Polygon or MultiPolygon geometry
// (holes allowed). Coordinates are WGS84 per RFC 7946; RD New is accepted when the legacy `crs`
// member names EPSG:28992 or when every coordinate is clearly RD (a mix is an error). Coordinates
// are checked to lie in the Netherlands and returned transformed to RD. Errors are kInvalidArgument
// with a Dutch message naming the feature (0-based index in `features`, plus its code when it has
// one) and ring/position (0-based; ring 0 is the outer ring), e.g.
// "feature 12 (BU00140003): ring 1 is niet gesloten". Malformed JSON reports the byte offset.
// Properties keep strings, numbers and booleans; other values (null, arrays, objects) are dropped.
// Thread safety: free functions, safe to call concurrently. No ownership subtleties: plain values.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "baken/base/status.h"
#include "baken/geo/geometry.h"

namespace baken::geo {

using PropertyValue = std::variant<std::string, int64_t, double, bool>;
using Properties = std::map<std::string, PropertyValue, std::less<>>;

struct Feature {
  Properties properties;
  MultiPolygon geometry;  // RD New
};

enum class SourceCrs { kWgs84, kRdNew };

struct FeatureCollection {
  std::vector<Feature> features;
  SourceCrs source_crs = SourceCrs::kWgs84;  // what the input was in (geometry is always RD)
};

// Limit on input size, to bound memory for uploads.
inline constexpr size_t kMaxGeoJsonBytes = 256u << 20;

StatusOr<FeatureCollection> ParseGeoJson(std::string_view text);

// Reads a whole file and parses it; kNotFound when the file cannot be read.
StatusOr<FeatureCollection> ReadGeoJsonFile(const std::string& path);

// Writes a FeatureCollection in WGS84 (lon/lat, 7 decimals, about 1 cm). Each feature is written
// as Polygon when it has one polygon, else MultiPolygon. Fails only if a point does not transform.
StatusOr<std::string> WriteGeoJson(const FeatureCollection& collection);

// Property helpers: the value as text (numbers formatted) or as a number (strings not parsed).
std::optional<std::string> PropertyString(const Properties& props, std::string_view key);
std::optional<double> PropertyNumber(const Properties& props, std::string_view key);

}  // namespace baken::geo
