// Plain polygon geometry in RD New (EPSG:28992) metres, as parsed from GeoJSON and stored per area.
//
// A Ring is a closed list of positions (first == last, at least 4 positions). A Polygon is an outer
// ring followed by zero or more holes. A MultiPolygon is a list of Polygons. These are plain values
// (copyable, serialisable, no library types); validity is checked where they are made (GeoJSON
// parser, CBS import with GEOS). Thread safety: like any std::vector.
#pragma once

#include <vector>

#include "baken/geo/point.h"

namespace baken::geo {

using Ring = std::vector<RdPoint>;

struct Polygon {
  std::vector<Ring> rings;  // rings[0] is the outer ring, the rest are holes
  friend bool operator==(const Polygon&, const Polygon&) = default;
};

using MultiPolygon = std::vector<Polygon>;

// Axis-aligned bounding box in RD metres; empty when min > max.
struct RdBox {
  double min_x = 1e300;
  double min_y = 1e300;
  double max_x = -1e300;
  double max_y = -1e300;

  bool empty() const { return min_x > max_x || min_y > max_y; }
  void Extend(RdPoint p) {
    if (p.x < min_x) min_x = p.x;
    if (p.x > max_x) max_x = p.x;
    if (p.y < min_y) min_y = p.y;
    if (p.y > max_y) max_y = p.y;
  }
  void Extend(const RdBox& b) {
    if (b.empty()) return;
    Extend(RdPoint{b.min_x, b.min_y});
    Extend(RdPoint{b.max_x, b.max_y});
  }
  bool Contains(RdPoint p) const {
    return p.x >= min_x && p.x <= max_x && p.y >= min_y && p.y <= max_y;
  }
};

RdBox BoundsOf(const MultiPolygon& geometry);

// Even-odd crossing-number test over all rings of `geometry` (outer rings and holes alike), with
// the half-open rule of a ray towards +x: a point exactly on an edge is inside for some edges and
// outside for others. This is the reference the Locator is exactly consistent with.
bool Contains(const MultiPolygon& geometry, RdPoint p);

}  // namespace baken::geo
