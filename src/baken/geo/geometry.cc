#include <cstddef>

#include "baken/geo/point.h"

#include "baken/geo/geometry.h"
#include "baken/geo/internal/crossing.h"

namespace baken::geo {

RdBox BoundsOf(const MultiPolygon& geometry) {
  RdBox box;
  for (const Polygon& polygon : geometry) {
    for (const Ring& ring : polygon.rings) {
      for (RdPoint p : ring) box.Extend(p);
    }
  }
  return box;
}

bool Contains(const MultiPolygon& geometry, RdPoint p) {
  bool inside = false;
  for (const Polygon& polygon : geometry) {
    for (const Ring& ring : polygon.rings) {
      for (std::size_t i = 1; i < ring.size(); ++i) {
        if (internal::RayCrosses(ring[i - 1].x, ring[i - 1].y, ring[i].x, ring[i].y, p.x, p.y)) {
          inside = !inside;
        }
      }
    }
  }
  return inside;
}

}  // namespace baken::geo
