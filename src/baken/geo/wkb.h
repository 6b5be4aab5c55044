// Well-Known Binary (OGC WKB, ISO 19125) for MultiPolygons in RD New: how area geometry is stored.
//
// WKB keeps the geometry exact (IEEE doubles), is compact, and is what PostGIS reads
// (ST_GeomFromWKB(geometry, 28992)), so a later move to spatial SQL needs no conversion.
// EncodeWkb writes little-endian MultiPolygon WKB; DecodeWkb also accepts big-endian and a single
// Polygon. Errors: kInvalidArgument (Dutch) for truncated or unsupported input. Pure, thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "baken/base/status.h"
#include "baken/geo/geometry.h"

namespace baken::geo {

std::string EncodeWkb(const MultiPolygon& geometry);
StatusOr<MultiPolygon> DecodeWkb(std::string_view bytes);

}  // namespace baken::geo
