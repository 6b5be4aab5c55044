#include "baken/analysis/spatial_stats.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

namespace baken::analysis {
namespace {

struct Offset {
  int dx, dy;
};

std::vector<Offset> Band(double cell_m, double band_m, bool self) {
  std::vector<Offset> out;
  const int r = static_cast<int>(std::floor(band_m / cell_m));
  for (int dy = -r; dy <= r; ++dy) {
    for (int dx = -r; dx <= r; ++dx) {
      if (dx == 0 && dy == 0 && !self) continue;
      // Compare squared distances in cell units, with a hair of slack for band_m = k * cell_m.
      if (cell_m * cell_m * (dx * dx + dy * dy) <= band_m * band_m * (1 + 1e-12)) {
        out.push_back({dx, dy});
      }
    }
  }
  return out;
}

// Calls f(j) for each study-cell neighbour j of cell c.
template <typename F>
void ForNeighbours(const geo::Grid& grid, const std::vector<char>& study,
                   const std::vector<Offset>& band, int64_t c, F f) {
  const int W = grid.width(), H = grid.height();
  const int ix = static_cast<int>(c % W), iy = static_cast<int>(c / W);
  for (const Offset& o : band) {
    const int x = ix + o.dx, y = iy + o.dy;
    if (x < 0 || y < 0 || x >= W || y >= H) continue;
    const int64_t j = static_cast<int64_t>(y) * W + x;
    if (study[static_cast<size_t>(j)]) f(j);
  }
}

std::vector<char> StudyMask(const geo::Grid& grid) {
  std::vector<char> m(static_cast<size_t>(grid.cell_count()), 0);
  for (int64_t c : grid.study_cells()) m[static_cast<size_t>(c)] = 1;
  return m;
}

}  // namespace

std::vector<double> GetisOrdGiStar(const geo::Grid& grid, const std::vector<double>& values,
                                   double band_m) {
  std::vector<double> z(values.size(), 0.0);
  const auto& cells = grid.study_cells();
  const double n = static_cast<double>(cells.size());
  if (cells.size() < 2) return z;
  double sum = 0, sum2 = 0;
  for (int64_t c : cells) {
    sum += values[c];
    sum2 += values[c] * values[c];
  }
  const double mean = sum / n;
  const double s = std::sqrt(std::max(sum2 / n - mean * mean, 0.0));
  if (s == 0) return z;
  const std::vector<char> study = StudyMask(grid);
  const std::vector<Offset> band = Band(grid.cell_m(), band_m, /*self=*/true);
  for (int64_t c : cells) {
    double local = 0, w = 0;  // binary weights: sum of w_ij equals sum of w_ij^2
    ForNeighbours(grid, study, band, c, [&](int64_t j) {
      local += values[j];
      w += 1;
    });
    const double denom = s * std::sqrt((n * w - w * w) / (n - 1));
    z[c] = denom > 0 ? (local - mean * w) / denom : 0.0;
  }
  return z;
}

LocalMoran LocalMoranI(const geo::Grid& grid, const std::vector<double>& values, double band_m,
                       int permutations, uint64_t seed, int max_permutations) {
  LocalMoran out;
  out.i.assign(values.size(), 0.0);
  out.p.assign(values.size(), 1.0);
  const auto& cells = grid.study_cells();
  const size_t n = cells.size();
  if (n < 3) return out;
  double mean = 0;
  for (int64_t c : cells) mean += values[c];
  mean /= static_cast<double>(n);
  std::vector<double> zs(n);  // deviations of the study cells, for permutation draws
  double m2 = 0;
  for (size_t k = 0; k < n; ++k) {
    zs[k] = values[cells[k]] - mean;
    m2 += zs[k] * zs[k];
  }
  m2 /= static_cast<double>(n);
  if (m2 == 0) return out;
  const std::vector<char> study = StudyMask(grid);
  const std::vector<Offset> band = Band(grid.cell_m(), band_m, /*self=*/false);
  std::mt19937_64 rng(seed);
  std::vector<size_t> pool(n);
  for (size_t k = 0; k < n; ++k) {
    const int64_t c = cells[k];
    double lag = 0;
    int nb = 0;
    ForNeighbours(grid, study, band, c, [&](int64_t j) {
      lag += values[j] - mean;
      ++nb;
    });
    if (nb == 0) continue;
    const double zi = zs[k];
    const double observed = zi / m2 * lag / nb;
    out.i[c] = observed;
    if (permutations <= 0) continue;
    // Draw nb of the other n - 1 cells without replacement (partial Fisher-Yates over a pool
    // that leaves k out), R times.
    std::iota(pool.begin(), pool.end(), size_t{0});
    std::swap(pool[k], pool[n - 1]);
    int larger = 0, smaller = 0, r = 0;
    const auto draw = [&] {
      double s = 0;
      for (int d = 0; d < nb; ++d) {
        const size_t range = n - 1 - static_cast<size_t>(d);
        const size_t pick = d + static_cast<size_t>(rng() % range);
        std::swap(pool[d], pool[pick]);
        s += zs[pool[d]];
      }
      const double ip = zi / m2 * s / nb;
      if (ip >= observed) ++larger;
      if (ip <= observed) ++smaller;
    };
    for (; r < permutations; ++r) draw();
    if (std::min(larger, smaller) == 0) {
      for (; r < max_permutations; ++r) draw();
    }
    const int m = std::min(larger, smaller);
    out.p[c] = (m + 1.0) / (r + 1.0);
  }
  return out;
}

std::string_view LisaClassName(LisaClass c) {
  switch (c) {
    case LisaClass::kHighHigh: return "HH";
    case LisaClass::kLowLow: return "LL";
    case LisaClass::kHighLow: return "HL";
    case LisaClass::kLowHigh: return "LH";
    case LisaClass::kNotSignificant: break;
  }
  return "niet significant";
}

LisaClasses ClassifyLocalMoran(const geo::Grid& grid, const std::vector<double>& values,
                               const LocalMoran& moran, double alpha) {
  LisaClasses out;
  out.q.assign(values.size(), 1.0);
  out.klass.assign(values.size(), LisaClass::kNotSignificant);
  const auto& cells = grid.study_cells();
  if (cells.empty()) return out;
  double mean = 0;
  std::vector<double> p(cells.size());
  for (size_t k = 0; k < cells.size(); ++k) {
    mean += values[cells[k]];
    p[k] = moran.p[cells[k]];
  }
  mean /= static_cast<double>(cells.size());
  const std::vector<double> q = BenjaminiHochberg(p);
  for (size_t k = 0; k < cells.size(); ++k) {
    const int64_t c = cells[k];
    out.q[c] = q[k];
    const double i = moran.i[c], dev = values[c] - mean;
    if (q[k] >= alpha || i == 0 || dev == 0) continue;
    if (i > 0) {
      out.klass[c] = dev > 0 ? LisaClass::kHighHigh : LisaClass::kLowLow;
    } else {
      out.klass[c] = dev > 0 ? LisaClass::kHighLow : LisaClass::kLowHigh;
    }
  }
  return out;
}

std::vector<double> BenjaminiHochberg(const std::vector<double>& p) {
  const size_t m = p.size();
  std::vector<size_t> order(m);
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return p[a] < p[b]; });
  std::vector<double> q(m);
  double running = 1.0;
  for (size_t r = m; r-- > 0;) {
    running = std::min(running, p[order[r]] * static_cast<double>(m) / static_cast<double>(r + 1));
    q[order[r]] = running;
  }
  return q;
}

double TwoSidedP(double z) {
  return std::erfc(std::abs(z) / std::sqrt(2.0));
}

std::vector<int> HotColdClasses(const geo::Grid& grid, const std::vector<double>& z, bool fdr) {
  std::vector<int> cls(z.size(), 0);
  const auto& cells = grid.study_cells();
  std::vector<double> p(cells.size());
  for (size_t k = 0; k < cells.size(); ++k) p[k] = TwoSidedP(z[cells[k]]);
  const std::vector<double> q = fdr ? BenjaminiHochberg(p) : p;
  for (size_t k = 0; k < cells.size(); ++k) {
    const int level = q[k] < 0.01 ? 3 : q[k] < 0.05 ? 2 : q[k] < 0.10 ? 1 : 0;
    cls[cells[k]] = z[cells[k]] > 0 ? level : -level;
  }
  return cls;
}

}  // namespace baken::analysis
