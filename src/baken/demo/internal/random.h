// Portable random draws on std::mt19937_64 for the demo generator.
//
// The engine's output is fixed by the C++ standard, but std::*_distribution is not: libstdc++ and
// libc++ (and their versions) turn the same engine output into different numbers. These helpers
// only use integer arithmetic and exact floating-point operations (no log, exp, sin), so one seed
// gives the same demo year everywhere. Not thread-safe (like the engine).
#pragma once

#include <algorithm>
#include <cstdint>
#include <random>
#include <vector>

namespace baken::demo::internal {

class Random {
 public:
  explicit Random(uint64_t seed) : engine_(seed) {}

  // Uniform in [0, 1) with 53 random bits.
  double Uniform() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }
  double Uniform(double lo, double hi) { return lo + (hi - lo) * Uniform(); }
  // Uniform integer in [0, n), n > 0 (IEEE multiplication is exact-rounded: same everywhere).
  int Below(int n) { return std::min(n - 1, static_cast<int>(Uniform() * n)); }
  bool Chance(double p) { return Uniform() < p; }
  template <typename T>
  const T& Pick(const std::vector<T>& v) {
    return v[Below(static_cast<int>(v.size()))];
  }

 private:
  std::mt19937_64 engine_;
};

// A discrete distribution by cumulative weights (binary search), built once, drawn often.
class Weighted {
 public:
  Weighted() = default;
  explicit Weighted(const std::vector<double>& weights) {
    cumulative_.reserve(weights.size());
    double sum = 0;
    for (double w : weights) {
      sum += w > 0 ? w : 0;
      cumulative_.push_back(sum);
    }
  }
  double total() const { return cumulative_.empty() ? 0 : cumulative_.back(); }
  bool empty() const { return total() <= 0; }
  // An index with probability weight / total; requires !empty().
  int Draw(Random& random) const {
    const double u = random.Uniform() * total();
    auto it = std::upper_bound(cumulative_.begin(), cumulative_.end(), u);
    if (it == cumulative_.end()) --it;
    return static_cast<int>(it - cumulative_.begin());
  }

 private:
  std::vector<double> cumulative_;
};

}  // namespace baken::demo::internal
