// Grid: a regular square grid in RD New, following shared/reference/backtest-protocol.md.
//
// Origin x0 = floor(min_x / s) * s, y0 = floor(min_y / s) * s of the region's bounding box; the
// grid has W = floor((max_x - x0) / s) + 1 columns and H rows likewise, so the whole box is
// covered. Cell index i = iy * W + ix, counted from the south-west. Cells are half-open:
// [x0 + ix*s, x0 + (ix+1)*s) x [y0 + iy*s, ...). Study cells are the cells whose centre lies
// inside the region (for ForRegion: inside a buurt, or a wijk when only wijken are loaded, with the
// Locator's rule); ForBounds makes every cell a study cell.
// Plain value; copyable; immutable after construction, so safe for concurrent reads.
// Errors: kInvalidArgument for a cell size outside 50..500 m, a bad box, or > 4,000,000 cells.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "baken/base/status.h"
#include "baken/geo/area_set.h"
#include "baken/geo/geometry.h"

namespace baken::geo {

inline constexpr double kMinCellM = 50;
inline constexpr double kMaxCellM = 500;

class Grid {
 public:
  static StatusOr<Grid> ForRegion(const AreaSet& areas, double cell_m);
  static StatusOr<Grid> ForBounds(const RdBox& box, double cell_m);
  // Study cells are those whose centre lies inside `region` (geo::Contains, even-odd). The region
  // may be in any metric CRS (RD New or a UTM zone), as long as points use the same one.
  static StatusOr<Grid> ForPolygon(const MultiPolygon& region, double cell_m);

  double cell_m() const { return cell_m_; }
  RdPoint origin() const { return {x0_, y0_}; }
  int width() const { return width_; }
  int height() const { return height_; }
  int64_t cell_count() const { return static_cast<int64_t>(width_) * height_; }

  // The cell containing `p`, or nullopt outside the grid.
  std::optional<int64_t> CellOf(RdPoint p) const;
  // Centre and square (closed ring, counter-clockwise from the south-west corner) of a cell;
  // `cell` must be in [0, cell_count()).
  RdPoint CellCentre(int64_t cell) const;
  Ring CellSquare(int64_t cell) const;

  // Study cells in ascending index order, and the test for one cell.
  const std::vector<int64_t>& study_cells() const { return study_cells_; }
  bool IsStudyCell(int64_t cell) const;

 private:
  Grid() = default;
  static StatusOr<Grid> Make(const RdBox& box, double cell_m);

  double cell_m_ = 0, x0_ = 0, y0_ = 0;
  int width_ = 0, height_ = 0;
  std::vector<int64_t> study_cells_;
};

}  // namespace baken::geo
