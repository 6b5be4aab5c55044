// An administrative area (gemeente, wijk or buurt) with its geometry in RD New.
//
// Plain value: copyable and serialisable (geometry as RD rings; WriteGeoJson writes it back).
// Helpers here use GEOS internally; they are thread-safe (each call uses its own GEOS context).
// Errors: kInvalidArgument with a Dutch reason when geometry is invalid or empty.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "baken/base/status.h"
#include "baken/geo/geometry.h"

namespace baken::geo {

enum class Level { kMunicipality, kDistrict, kNeighbourhood };  // gemeente, wijk, buurt

// "gemeente", "wijk", "buurt".
std::string_view LevelName(Level level);

inline constexpr int64_t kUnknownInhabitants = -1;

struct Area {
  Level level = Level::kNeighbourhood;
  std::string code;         // "GM0014", "WK001400", "BU00140000"
  std::string name;         // "Binnenstad-Noord"
  std::string parent_code;  // wijk of a buurt, gemeente of a wijk; empty for a gemeente
  int64_t inhabitants = kUnknownInhabitants;  // kUnknownInhabitants when CBS keeps it secret
  double area_ha = -1;                        // OPP_TOT; negative when unknown
  MultiPolygon geometry;                      // RD New
  RdPoint interior_point;                     // a point surely inside (GEOS PointOnSurface)
};

// Ok when `geometry` is a valid (OGC) non-empty (multi)polygon; otherwise the GEOS reason in
// Dutch context, e.g. "geometrie is ongeldig: Self-intersection bij (233100.5, 582010.2)".
Status ValidateGeometry(const MultiPolygon& geometry);

// A point inside `geometry` (GEOS PointOnSurface); kInvalidArgument for empty geometry.
StatusOr<RdPoint> InteriorPoint(const MultiPolygon& geometry);

}  // namespace baken::geo
