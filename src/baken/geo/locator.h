// Locator: fast point-in-area lookup (which buurt and wijk contains an RD point).
//
// Built once from an AreaSet; indexes the buurten (or, when the set has none, the wijken) on a
// uniform grid. Each cell lists, in area order, the areas that fully cover it or that have edges
// near it, with only the edges that matter for a ray from that cell towards +x. The answer is
// exactly that of the brute-force crossing-number test geo::Contains() over all areas in set
// order (first match wins on overlap; a point exactly on an edge goes where the half-open rule of
// Contains() puts it). The wijk is the buurt's parent (parent_code) when present in the set.
// Ownership: the Locator points into the AreaSet, which must outlive it and not lose areas.
// Thread safety: immutable after Build; Locate may be called concurrently from any threads.
#pragma once

#include <memory>
#include <span>

#include "baken/base/status.h"
#include "baken/geo/area_set.h"
#include "baken/geo/point.h"

namespace baken::geo {

struct LocateResult {
  const Area* buurt = nullptr;  // nullptr: outside every buurt (or only wijken were indexed)
  const Area* wijk = nullptr;   // nullptr: outside, or the buurt's wijk is not in the set
};

struct LocatorStats {
  int columns = 0;
  int rows = 0;
  double cell_m = 0;
  size_t full_cells = 0;     // cells answered without any edge test
  size_t partial_cells = 0;  // cells needing edge tests
  size_t edges = 0;          // stored edge copies
};

class Locator {
 public:
  // cell_m: grid cell side in metres (10..1000); raised when the grid would exceed 1024 cells a
  // side. kFailedPrecondition when the set has neither
  // buurten nor wijken; kInvalidArgument for a bad cell size.
  static StatusOr<Locator> Build(const AreaSet& areas, double cell_m = 100);

  Locator(Locator&&) noexcept;
  Locator& operator=(Locator&&) noexcept;
  ~Locator();

  LocateResult Locate(RdPoint p) const;
  // `out` must have the size of `in` (extra elements of either are ignored).
  void LocateBatch(std::span<const RdPoint> in, std::span<LocateResult> out) const;

  LocatorStats stats() const;

 private:
  struct Impl;
  explicit Locator(std::unique_ptr<const Impl> impl);
  std::unique_ptr<const Impl> impl_;
};

}  // namespace baken::geo
