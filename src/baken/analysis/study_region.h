// The study region of an analysis: the union of the (Multi)Polygons of a GeoJSON file, in the
// metric CRS of the events.
//
// Accepts a FeatureCollection, a Feature or a bare Polygon/MultiPolygon geometry, WGS84 lon/lat
// (RFC 7946), anywhere on earth (geo::ReadGeoJsonFile only accepts the Netherlands). Errors:
// kNotFound when the file cannot be read, kInvalidArgument naming the feature for bad content.
// Free functions, thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "baken/base/status.h"
#include "baken/geo/geometry.h"

namespace baken::analysis {

// `epsg`: the metric CRS to project to (RD New or a UTM zone, see geo::MetricProjection).
StatusOr<geo::MultiPolygon> ParseRegion(std::string_view text, int epsg);
StatusOr<geo::MultiPolygon> ReadRegionFile(const std::string& path, int epsg);

}  // namespace baken::analysis
