#include "baken/geo/grid.h"

#include <algorithm>
#include <cmath>

#include "baken/geo/locator.h"

namespace baken::geo {

StatusOr<Grid> Grid::Make(const RdBox& box, double cell_m) {
  if (!(cell_m >= kMinCellM && cell_m <= kMaxCellM)) {
    return InvalidArgumentError("celgrootte moet tussen 50 en 500 m liggen", "cell_m");
  }
  if (box.empty() || !std::isfinite(box.min_x) || !std::isfinite(box.max_x) ||
      !std::isfinite(box.min_y) || !std::isfinite(box.max_y)) {
    return InvalidArgumentError("gebied voor het raster is leeg of ongeldig");
  }
  Grid g;
  g.cell_m_ = cell_m;
  g.x0_ = std::floor(box.min_x / cell_m) * cell_m;
  g.y0_ = std::floor(box.min_y / cell_m) * cell_m;
  const double w = std::floor((box.max_x - g.x0_) / cell_m) + 1;
  const double h = std::floor((box.max_y - g.y0_) / cell_m) + 1;
  if (w * h > 4e6) return InvalidArgumentError("raster zou meer dan 4 miljoen cellen hebben");
  g.width_ = static_cast<int>(w);
  g.height_ = static_cast<int>(h);
  return g;
}

StatusOr<Grid> Grid::ForBounds(const RdBox& box, double cell_m) {
  ASSIGN_OR_RETURN(Grid g, Make(box, cell_m));
  g.study_cells_.resize(static_cast<size_t>(g.cell_count()));
  for (int64_t i = 0; i < g.cell_count(); ++i) g.study_cells_[static_cast<size_t>(i)] = i;
  return g;
}

StatusOr<Grid> Grid::ForRegion(const AreaSet& areas, double cell_m) {
  ASSIGN_OR_RETURN(Locator locator, Locator::Build(areas));
  std::vector<const Area*> region = areas.List(Level::kNeighbourhood);
  if (region.empty()) region = areas.List(Level::kDistrict);
  RdBox box;
  for (const Area* a : region) box.Extend(BoundsOf(a->geometry));
  ASSIGN_OR_RETURN(Grid g, Make(box, cell_m));
  for (int64_t i = 0; i < g.cell_count(); ++i) {
    const LocateResult r = locator.Locate(g.CellCentre(i));
    if (r.buurt != nullptr || r.wijk != nullptr) g.study_cells_.push_back(i);
  }
  return g;
}

StatusOr<Grid> Grid::ForPolygon(const MultiPolygon& region, double cell_m) {
  ASSIGN_OR_RETURN(Grid g, Make(BoundsOf(region), cell_m));
  for (int64_t i = 0; i < g.cell_count(); ++i) {
    if (Contains(region, g.CellCentre(i))) g.study_cells_.push_back(i);
  }
  return g;
}

std::optional<int64_t> Grid::CellOf(RdPoint p) const {
  const double fx = std::floor((p.x - x0_) / cell_m_);
  const double fy = std::floor((p.y - y0_) / cell_m_);
  if (!(fx >= 0 && fy >= 0 && fx < width_ && fy < height_)) return std::nullopt;
  return static_cast<int64_t>(fy) * width_ + static_cast<int64_t>(fx);
}

RdPoint Grid::CellCentre(int64_t cell) const {
  const int64_t ix = cell % width_, iy = cell / width_;
  return {x0_ + (static_cast<double>(ix) + 0.5) * cell_m_,
          y0_ + (static_cast<double>(iy) + 0.5) * cell_m_};
}

Ring Grid::CellSquare(int64_t cell) const {
  const int64_t ix = cell % width_, iy = cell / width_;
  const double x = x0_ + static_cast<double>(ix) * cell_m_;
  const double y = y0_ + static_cast<double>(iy) * cell_m_;
  return {{x, y}, {x + cell_m_, y}, {x + cell_m_, y + cell_m_}, {x, y + cell_m_}, {x, y}};
}

bool Grid::IsStudyCell(int64_t cell) const {
  return std::binary_search(study_cells_.begin(), study_cells_.end(), cell);
}

}  // namespace baken::geo
