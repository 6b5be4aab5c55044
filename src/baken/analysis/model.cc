#include "baken/analysis/model.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numbers>

namespace baken::analysis {
namespace {

struct Tap {
  int dx, dy;
  double w;
};

// Offsets within `radius_m` of a cell centre, with the kernel value at that distance.
template <typename F>
std::vector<Tap> Stencil(double cell_m, double radius_m, F kernel) {
  std::vector<Tap> taps;
  const int r = static_cast<int>(std::floor(radius_m / cell_m));
  for (int dy = -r; dy <= r; ++dy) {
    for (int dx = -r; dx <= r; ++dx) {
      const double d = cell_m * std::sqrt(static_cast<double>(dx * dx + dy * dy));
      if (d > radius_m) continue;
      const double w = kernel(d);
      if (w > 0) taps.push_back({dx, dy, w});
    }
  }
  return taps;
}

// out[c] = sum over cells s of mass[s] * w(tap from s to c).
void Scatter(const geo::Grid& grid, const std::vector<double>& mass, const std::vector<Tap>& taps,
             std::vector<double>& out) {
  const int W = grid.width(), H = grid.height();
  out.assign(mass.size(), 0.0);
  for (int iy = 0; iy < H; ++iy) {
    for (int ix = 0; ix < W; ++ix) {
      const double m = mass[static_cast<size_t>(iy) * W + ix];
      if (m == 0) continue;
      for (const Tap& t : taps) {
        const int x = ix + t.dx, y = iy + t.dy;
        if (x < 0 || y < 0 || x >= W || y >= H) continue;
        out[static_cast<size_t>(y) * W + x] += m * t.w;
      }
    }
  }
}

int64_t CellOf(const geo::Grid& grid, double x, double y) {
  const geo::RdPoint o = grid.origin();
  const double fx = std::floor((x - o.x) / grid.cell_m());
  const double fy = std::floor((y - o.y) / grid.cell_m());
  if (!(fx >= 0 && fy >= 0 && fx < grid.width() && fy < grid.height())) return -1;
  return static_cast<int64_t>(fy) * grid.width() + static_cast<int64_t>(fx);
}

// Counts of the events with time in [t0, t1) per cell, each weighted by weight(time).
template <typename F>
void Bin(const EventSnapshot& events, const geo::Grid& grid, int64_t t0, int64_t t1, F weight,
         std::vector<double>& mass) {
  mass.assign(static_cast<size_t>(grid.cell_count()), 0.0);
  const auto [a, b] = events.Between(t0, t1);
  const auto xs = events.xs(), ys = events.ys();
  const auto ts = events.times();
  for (size_t i = a; i < b; ++i) {
    const int64_t c = CellOf(grid, xs[i], ys[i]);
    if (c >= 0) mass[static_cast<size_t>(c)] += weight(ts[i]);
  }
}

class Naive final : public Model {
 public:
  explicit Naive(const NaiveOptions& o) : o_(o) {}
  const std::string& name() const override { return name_; }
  std::string Settings() const override { return "days=" + std::to_string(o_.days); }
  void Predict(const EventSnapshot& events, const geo::Grid& grid, int64_t origin, int64_t,
               std::vector<double>& risk) const override {
    Bin(
        events, grid, origin - o_.days * kDay, origin, [](int64_t) { return 1.0; }, risk);
  }

 private:
  NaiveOptions o_;
  std::string name_ = "naive";
};

class Kde final : public Model {
 public:
  explicit Kde(const KdeOptions& o) : o_(o) {}
  const std::string& name() const override { return name_; }
  std::string Settings() const override {
    char buf[96];
    std::snprintf(buf, sizeof buf, "kernel=%s bandwidth=%gm days=%d",
                  o_.kernel == Kernel::kQuartic ? "quartic" : "gaussian", o_.bandwidth_m, o_.days);
    return buf;
  }
  void Predict(const EventSnapshot& events, const geo::Grid& grid, int64_t origin, int64_t,
               std::vector<double>& risk) const override {
    std::vector<double> mass;
    Bin(
        events, grid, origin - o_.days * kDay, origin, [](int64_t) { return 1.0; }, mass);
    const double h = o_.bandwidth_m;
    std::vector<Tap> taps;
    if (o_.kernel == Kernel::kQuartic) {
      taps = Stencil(grid.cell_m(), h, [h](double d) {
        const double u = 1 - d * d / (h * h);
        return d < h ? 3 / (std::numbers::pi * h * h) * u * u : 0.0;
      });
    } else {
      taps = Stencil(grid.cell_m(), 3 * h, [h](double d) {
        return std::exp(-d * d / (2 * h * h)) / (2 * std::numbers::pi * h * h);
      });
    }
    Scatter(grid, mass, taps, risk);
  }

 private:
  KdeOptions o_;
  std::string name_ = "kde";
};

class Prospective final : public Model {
 public:
  explicit Prospective(const ProspectiveOptions& o) : o_(o) {}
  const std::string& name() const override { return name_; }
  std::string Settings() const override {
    char buf[64];
    std::snprintf(buf, sizeof buf, "bandwidth=%gm weeks=%d", o_.bandwidth_m, o_.weeks);
    return buf;
  }
  void Predict(const EventSnapshot& events, const geo::Grid& grid, int64_t origin, int64_t,
               std::vector<double>& risk) const override {
    constexpr int64_t kWeek = 7 * kDay;
    std::vector<double> mass;
    Bin(
        events, grid, origin - o_.weeks * kWeek, origin,
        [origin](int64_t t) { return 1.0 / (1.0 + static_cast<double>((origin - t - 1) / kWeek)); },
        mass);
    const double s = grid.cell_m();
    Scatter(grid, mass, Stencil(s, o_.bandwidth_m, [s](double d) { return 1.0 / (1.0 + d / s); }),
            risk);
  }

 private:
  ProspectiveOptions o_;
  std::string name_ = "prospective";
};

class Sepp final : public Model {
 public:
  explicit Sepp(const SeppOptions& o) : o_(o) {}
  const std::string& name() const override { return name_; }
  std::string Settings() const override {
    return "days=" + std::to_string(o_.days) + " em<=" + std::to_string(o_.max_iterations);
  }
  void Predict(const EventSnapshot& events, const geo::Grid& grid, int64_t origin, int64_t window_s,
               std::vector<double>& risk) const override {
    const SeppFit fit = FitSepp(events, grid, origin - o_.days * kDay, origin, o_);
    const double w = static_cast<double>(window_s) / kDay;
    const double carry = fit.theta * (1 - std::exp(-fit.omega * w));
    // Expected count in the window: background plus what the past still triggers.
    Bin(
        events, grid, origin - o_.days * kDay, origin,
        [&](int64_t t) {
          return carry * std::exp(-fit.omega * static_cast<double>(origin - t) / kDay);
        },
        risk);
    for (size_t c = 0; c < risk.size(); ++c) risk[c] += fit.mu[c] * w;
  }

 private:
  SeppOptions o_;
  std::string name_ = "seppexp";
};

class Blend final : public Model {
 public:
  Blend(std::vector<std::unique_ptr<Model>> parts, std::vector<double> weights)
      : parts_(std::move(parts)), weights_(std::move(weights)) {}
  const std::string& name() const override { return name_; }
  std::string Settings() const override {
    std::string s;
    for (size_t i = 0; i < parts_.size(); ++i) {
      char buf[64];
      std::snprintf(buf, sizeof buf, "%s%s=%.2f", i ? " " : "", parts_[i]->name().c_str(),
                    weights_[i]);
      s += buf;
    }
    return s;
  }
  void Predict(const EventSnapshot& events, const geo::Grid& grid, int64_t origin, int64_t window_s,
               std::vector<double>& risk) const override {
    risk.assign(static_cast<size_t>(grid.cell_count()), 0.0);
    std::vector<double> part;
    for (size_t i = 0; i < parts_.size(); ++i) {
      if (weights_[i] == 0) continue;
      parts_[i]->Predict(events, grid, origin, window_s, part);
      double sum = 0;
      for (double v : part) sum += v;
      if (sum <= 0) continue;
      const double f = weights_[i] / sum;
      for (size_t c = 0; c < risk.size(); ++c) risk[c] += f * part[c];
    }
  }

 private:
  std::vector<std::unique_ptr<Model>> parts_;
  std::vector<double> weights_;
  std::string name_ = "blend";
};

}  // namespace

void CellsOf(const EventSnapshot& events, const geo::Grid& grid, size_t first, size_t last,
             std::vector<int64_t>& cells) {
  cells.resize(last - first);
  const auto xs = events.xs(), ys = events.ys();
  for (size_t i = first; i < last; ++i) cells[i - first] = CellOf(grid, xs[i], ys[i]);
}

SeppFit FitSepp(const EventSnapshot& events, const geo::Grid& grid, int64_t t0, int64_t t1,
                const SeppOptions& options) {
  SeppFit fit;
  const size_t ncell = static_cast<size_t>(grid.cell_count());
  fit.mu.assign(ncell, 0.0);
  const auto [a, b] = events.Between(t0, t1);
  // Events grouped by cell, in time order within a cell (counting sort keeps the order).
  std::vector<int64_t> cell;
  CellsOf(events, grid, a, b, cell);
  std::vector<uint32_t> start(ncell + 1, 0);
  for (int64_t c : cell) {
    if (c >= 0) ++start[static_cast<size_t>(c) + 1];
  }
  for (size_t c = 0; c < ncell; ++c) start[c + 1] += start[c];
  const size_t n = start[ncell];
  if (n == 0) return fit;
  std::vector<double> t(n);
  {
    std::vector<uint32_t> fill(start.begin(), start.end() - 1);
    const auto ts = events.times();
    for (size_t i = a; i < b; ++i) {
      const int64_t c = cell[i - a];
      if (c >= 0) t[fill[static_cast<size_t>(c)]++] = static_cast<double>(ts[i] - t0) / kDay;
    }
  }
  const double T = static_cast<double>(t1 - t0) / kDay;
  std::vector<size_t> used;  // cells with events
  for (size_t c = 0; c < ncell; ++c) {
    if (start[c + 1] > start[c]) {
      used.push_back(c);
      fit.mu[c] = (start[c + 1] - start[c]) / (2 * T);
    }
  }
  double theta = 0.5, omega = 1.0;
  for (int it = 0; it < options.max_iterations; ++it) {
    double trig = 0, trig_dt = 0;
    for (size_t c : used) {
      double A = 0, B = 0, bg = 0;
      const double mu = fit.mu[c];
      for (uint32_t i = start[c]; i < start[c + 1]; ++i) {
        if (i > start[c]) {
          const double d = t[i] - t[i - 1];
          const double e = std::exp(-omega * d);
          B = e * (d * (A + 1) + B);
          A = e * (A + 1);
        }
        const double lambda = mu + theta * omega * A;
        bg += mu / lambda;
        trig += theta * omega * A / lambda;
        trig_dt += theta * omega * B / lambda;
      }
      fit.mu[c] = bg / T;
    }
    const double new_theta = std::min(trig / static_cast<double>(n), 0.99);
    // A mean trigger delay between one hour and a year; repeated timestamps would push omega up.
    const double new_omega = trig_dt > 0 ? std::clamp(trig / trig_dt, 1.0 / 365, 24.0) : omega;
    const double change = std::max(std::abs(new_theta - theta) / std::max(theta, 1e-12),
                                   std::abs(new_omega - omega) / omega);
    theta = new_theta;
    omega = new_omega;
    fit.iterations = it + 1;
    if (change < options.tolerance) break;
  }
  fit.theta = theta;
  fit.omega = omega;
  return fit;
}

std::unique_ptr<Model> MakeNaive(const NaiveOptions& options) {
  return std::make_unique<Naive>(options);
}
std::unique_ptr<Model> MakeKde(const KdeOptions& options) {
  return std::make_unique<Kde>(options);
}
std::unique_ptr<Model> MakeProspective(const ProspectiveOptions& options) {
  return std::make_unique<Prospective>(options);
}
std::unique_ptr<Model> MakeSepp(const SeppOptions& options) {
  return std::make_unique<Sepp>(options);
}
std::unique_ptr<Model> MakeBlend(std::vector<std::unique_ptr<Model>> parts,
                                 std::vector<double> weights) {
  return std::make_unique<Blend>(std::move(parts), std::move(weights));
}

}  // namespace baken::analysis
