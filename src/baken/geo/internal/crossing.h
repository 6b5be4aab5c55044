// The one crossing-number edge test shared by the brute-force Contains() and the Locator, so
// both give bit-identical answers (same expression, same evaluation order).
#pragma once

namespace baken::geo::internal {

// True when the ray from (px, py) towards +x crosses the edge (ax, ay)-(bx, by) under the
// half-open rule (edge spans [min y, max y) in y).
inline bool RayCrosses(double ax, double ay, double bx, double by, double px, double py) {
  return ((ay > py) != (by > py)) && (px < (bx - ax) * (py - ay) / (by - ay) + ax);
}

}  // namespace baken::geo::internal
