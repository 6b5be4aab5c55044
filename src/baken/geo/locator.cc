#include "baken/geo/locator.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include "baken/geo/internal/crossing.h"

namespace baken::geo {
namespace {

// Margin around each cell: covers the rounding of a point into its cell and of the ray/edge
// intersection, so that edges classified as "never" or "always" crossing really are.
constexpr double kEps = 1e-3;

struct Edge {
  double ax, ay, bx, by;
  double min_x() const { return std::min(ax, bx); }
  double max_x() const { return std::max(ax, bx); }
  double min_y() const { return std::min(ay, by); }
  double max_y() const { return std::max(ay, by); }
};

struct Entry {
  uint32_t target;      // index into Impl::buurt/wijk
  uint32_t edge_begin;  // into Impl::edges
  uint32_t edge_count;  // 0: the cell lies entirely inside the target
  uint32_t base;        // parity of crossings by edges that always cross (right of the cell)
};

// Conservative segment-rectangle overlap (Liang-Barsky): never false when they overlap.
bool SegmentTouchesRect(const Edge& e, double x0, double y0, double x1, double y1) {
  double t0 = 0, t1 = 1;
  const double dx = e.bx - e.ax, dy = e.by - e.ay;
  const double p[4] = {-dx, dx, -dy, dy};
  const double q[4] = {e.ax - x0, x1 - e.ax, e.ay - y0, y1 - e.ay};
  for (int i = 0; i < 4; ++i) {
    if (p[i] == 0) {
      if (q[i] < 0) return false;
    } else {
      const double r = q[i] / p[i];
      if (p[i] < 0) {
        t0 = std::max(t0, r);
      } else {
        t1 = std::min(t1, r);
      }
      if (t0 > t1) return false;
    }
  }
  return true;
}

}  // namespace

struct Locator::Impl {
  std::vector<const Area*> buurt;  // per target; null when wijken are indexed
  std::vector<const Area*> wijk;   // per target
  double ox = 0, oy = 0, cell = 0, inv_cell = 0;
  int nx = 0, ny = 0;
  std::vector<uint32_t> cell_start;  // nx*ny + 1
  std::vector<Entry> entries;
  std::vector<Edge> edges;
};

Locator::Locator(std::unique_ptr<const Impl> impl) : impl_(std::move(impl)) {}
Locator::Locator(Locator&&) noexcept = default;
Locator& Locator::operator=(Locator&&) noexcept = default;
Locator::~Locator() = default;

StatusOr<Locator> Locator::Build(const AreaSet& areas, double cell_m) {
  if (!(cell_m >= 10 && cell_m <= 1000)) {
    return InvalidArgumentError("celgrootte moet tussen 10 en 1000 m liggen", "cell_m");
  }
  auto impl = std::make_unique<Impl>();
  std::vector<const Area*> targets = areas.List(Level::kNeighbourhood);
  const bool buurten = !targets.empty();
  if (!buurten) targets = areas.List(Level::kDistrict);
  if (targets.empty()) {
    return FailedPreconditionError("geen buurten of wijken om te zoeken");
  }
  RdBox box;
  for (const Area* a : targets) {
    box.Extend(BoundsOf(a->geometry));
    if (buurten) {
      const Area* w = areas.Find(a->parent_code);
      impl->buurt.push_back(a);
      impl->wijk.push_back(w != nullptr && w->level == Level::kDistrict ? w : nullptr);
    } else {
      impl->buurt.push_back(nullptr);
      impl->wijk.push_back(a);
    }
  }
  if (box.empty()) return FailedPreconditionError("gebieden zonder geometrie");
  // Keep the grid at most kMaxSide cells a side, bounding memory for country-sized inputs.
  constexpr double kMaxSide = 1024;
  const double span = std::max(box.max_x - box.min_x, box.max_y - box.min_y) + 2;
  cell_m = std::max(cell_m, span / kMaxSide);
  Impl& m = *impl;
  m.cell = cell_m;
  m.inv_cell = 1 / cell_m;
  m.ox = box.min_x - 1;
  m.oy = box.min_y - 1;
  m.nx = static_cast<int>(std::floor((box.max_x + 1 - m.ox) / cell_m)) + 1;
  m.ny = static_cast<int>(std::floor((box.max_y + 1 - m.oy) / cell_m)) + 1;

  struct Tmp {
    uint32_t target;
    uint32_t base;
    std::vector<Edge> edges;
  };
  std::vector<std::vector<Tmp>> cells(static_cast<size_t>(m.nx) * m.ny);
  std::vector<Edge> all, row;
  for (uint32_t t = 0; t < targets.size(); ++t) {
    const MultiPolygon& geom = targets[t]->geometry;
    all.clear();
    for (const Polygon& poly : geom) {
      for (const Ring& ring : poly.rings) {
        for (size_t i = 1; i < ring.size(); ++i) {
          all.push_back({ring[i - 1].x, ring[i - 1].y, ring[i].x, ring[i].y});
        }
      }
    }
    const RdBox b = BoundsOf(geom);
    const int cx0 = std::max(0, static_cast<int>((b.min_x - kEps - m.ox) * m.inv_cell));
    const int cx1 = std::min(m.nx - 1, static_cast<int>((b.max_x + kEps - m.ox) * m.inv_cell));
    const int cy0 = std::max(0, static_cast<int>((b.min_y - kEps - m.oy) * m.inv_cell));
    const int cy1 = std::min(m.ny - 1, static_cast<int>((b.max_y + kEps - m.oy) * m.inv_cell));
    for (int iy = cy0; iy <= cy1; ++iy) {
      const double y0 = m.oy + iy * m.cell - kEps, y1 = m.oy + (iy + 1) * m.cell + kEps;
      row.clear();
      for (const Edge& e : all) {
        if (e.max_y() >= y0 && e.min_y() <= y1) row.push_back(e);
      }
      for (int ix = cx0; ix <= cx1; ++ix) {
        const double x0 = m.ox + ix * m.cell - kEps, x1 = m.ox + (ix + 1) * m.cell + kEps;
        Tmp tmp{t, 0, {}};
        bool touches = false;
        for (const Edge& e : row) {
          if (e.max_x() < x0) continue;  // left of every point of the cell: never crosses
          if (e.min_x() > x1 && e.min_y() <= y0 && e.max_y() > y1) {
            tmp.base ^= 1;  // right of the cell and spanning its strip: always crosses
            continue;
          }
          tmp.edges.push_back(e);
          touches = touches || SegmentTouchesRect(e, x0, y0, x1, y1);
        }
        if (!tmp.edges.empty() && !touches) {
          // No edge near the cell: the whole cell is in or out, like its centre.
          const RdPoint c{m.ox + (ix + 0.5) * m.cell, m.oy + (iy + 0.5) * m.cell};
          tmp.base = Contains(geom, c) ? 1 : 0;
          tmp.edges.clear();
        }
        if (tmp.edges.empty() && tmp.base == 0) continue;
        cells[static_cast<size_t>(iy) * m.nx + ix].push_back(std::move(tmp));
      }
    }
  }
  m.cell_start.reserve(cells.size() + 1);
  for (auto& list : cells) {
    m.cell_start.push_back(static_cast<uint32_t>(m.entries.size()));
    for (Tmp& tmp : list) {
      m.entries.push_back({tmp.target, static_cast<uint32_t>(m.edges.size()),
                           static_cast<uint32_t>(tmp.edges.size()), tmp.base});
      m.edges.insert(m.edges.end(), tmp.edges.begin(), tmp.edges.end());
    }
  }
  m.cell_start.push_back(static_cast<uint32_t>(m.entries.size()));
  return Locator(std::move(impl));
}

LocateResult Locator::Locate(RdPoint p) const {
  const Impl& m = *impl_;
  const double fx = (p.x - m.ox) * m.inv_cell;
  const double fy = (p.y - m.oy) * m.inv_cell;
  // Outside the grid (or NaN): outside every area, since the grid has a 1 m margin.
  if (!(fx >= 0 && fy >= 0 && fx < m.nx && fy < m.ny)) return {};
  const size_t cell = static_cast<size_t>(static_cast<int>(fy)) * m.nx + static_cast<int>(fx);
  const Entry* e = m.entries.data() + m.cell_start[cell];
  const Entry* end = m.entries.data() + m.cell_start[cell + 1];
  for (; e != end; ++e) {
    uint32_t inside = e->base;
    const Edge* edge = m.edges.data() + e->edge_begin;
    for (uint32_t i = 0; i < e->edge_count; ++i, ++edge) {
      inside ^= internal::RayCrosses(edge->ax, edge->ay, edge->bx, edge->by, p.x, p.y) ? 1 : 0;
    }
    if (inside != 0) return {m.buurt[e->target], m.wijk[e->target]};
  }
  return {};
}

void Locator::LocateBatch(std::span<const RdPoint> in, std::span<LocateResult> out) const {
  const size_t n = std::min(in.size(), out.size());
  for (size_t i = 0; i < n; ++i) out[i] = Locate(in[i]);
}

LocatorStats Locator::stats() const {
  const Impl& m = *impl_;
  LocatorStats s;
  s.columns = m.nx;
  s.rows = m.ny;
  s.cell_m = m.cell;
  s.edges = m.edges.size();
  for (size_t c = 0; c + 1 < m.cell_start.size(); ++c) {
    bool partial = false;
    for (uint32_t e = m.cell_start[c]; e < m.cell_start[c + 1]; ++e) {
      partial = partial || m.entries[e].edge_count > 0;
    }
    if (m.cell_start[c + 1] > m.cell_start[c]) ++(partial ? s.partial_cells : s.full_cells);
  }
  return s;
}

}  // namespace baken::geo
