#include "baken/analysis/backtest.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <thread>

namespace baken::analysis {
namespace {

int64_t Flagged(double pct, size_t n) {
  // ceil(c * n), guarded against 0.05 * 100 = 5.000000000000001.
  return static_cast<int64_t>(std::ceil(pct * static_cast<double>(n) / 100.0 - 1e-9));
}

// Runs f(i, worker) for i in [0, n) on `threads` threads, taking indexes one at a time.
template <typename F>
void ParallelFor(size_t n, int threads, F f) {
  std::atomic<size_t> next{0};
  auto work = [&](int worker) {
    for (size_t i = next++; i < n; i = next++) f(i, worker);
  };
  const int t = std::max(1, std::min<int>(threads, static_cast<int>(n)));
  std::vector<std::thread> pool;
  for (int w = 1; w < t; ++w) pool.emplace_back(work, w);
  work(0);
  for (auto& th : pool) th.join();
}

// Hits at each coverage level for one prediction: `rank` holds each cell's rank (or a large
// number); it is set for the top cells and cleared again.
void CountHits(const geo::Grid& grid, const std::vector<double>& risk,
               const std::vector<int64_t>& event_cells, const std::vector<int64_t>& flagged,
               std::vector<int32_t>& rank, int64_t* hits) {
  const std::vector<int64_t> top = TopCells(grid, risk, static_cast<size_t>(flagged.back()));
  for (size_t r = 0; r < top.size(); ++r) rank[top[r]] = static_cast<int32_t>(r);
  for (int64_t c : event_cells) {
    const int32_t r = rank[c];
    for (size_t k = 0; k < flagged.size(); ++k) hits[k] += r < flagged[k] ? 1 : 0;
  }
  for (int64_t c : top) rank[c] = INT32_MAX;
}

}  // namespace

std::vector<int64_t> TopCells(const geo::Grid& grid, const std::vector<double>& risk, size_t k) {
  std::vector<int64_t> cells = grid.study_cells();
  k = std::min(k, cells.size());
  auto before = [&](int64_t a, int64_t b) {
    return risk[a] > risk[b] || (risk[a] == risk[b] && a < b);
  };
  if (k < cells.size()) {
    std::nth_element(cells.begin(), cells.begin() + static_cast<std::ptrdiff_t>(k), cells.end(),
                     before);
  }
  cells.resize(k);
  std::sort(cells.begin(), cells.end(), before);
  return cells;
}

StatusOr<Scoring> Scoring::Prepare(const EventSnapshot& events, const geo::Grid& grid,
                                   const BacktestOptions& options) {
  if (options.origins.empty() || options.origins.size() != options.ends.size()) {
    return InvalidArgumentError("geen of ongelijke voorspelmomenten", "--from");
  }
  if (options.coverage_pct.empty()) return InvalidArgumentError("geen dekking", "--coverage");
  std::vector<double> pct = options.coverage_pct;
  if (!std::is_sorted(pct.begin(), pct.end())) {
    return InvalidArgumentError("dekkingen oplopend opgeven", "--coverage");
  }
  Scoring s;
  const size_t n = grid.study_cells().size();
  if (n == 0) return InvalidArgumentError("het studiegebied bevat geen cellen", "--region");
  for (double p : pct) {
    if (!(p > 0 && p <= 100)) {
      return InvalidArgumentError("dekking moet tussen 0 en 100 % liggen", "--coverage");
    }
    s.flagged_.push_back(Flagged(p, n));
  }
  std::vector<char> study(static_cast<size_t>(grid.cell_count()), 0);
  for (int64_t c : grid.study_cells()) study[c] = 1;
  s.setup_.study_cells = static_cast<int64_t>(n);
  s.setup_.predictions = static_cast<int64_t>(options.origins.size());
  s.cells_.resize(options.origins.size());
  std::vector<int64_t> cells;
  for (size_t i = 0; i < options.origins.size(); ++i) {
    const auto [a, b] = events.Between(options.origins[i], options.ends[i]);
    CellsOf(events, grid, a, b, cells);
    for (int64_t c : cells) {
      if (c >= 0 && study[c]) {
        s.cells_[i].push_back(c);
      } else {
        ++s.setup_.unscored_events;
      }
    }
    s.setup_.scored_events += static_cast<int64_t>(s.cells_[i].size());
    s.setup_.days_with_events += s.cells_[i].empty() ? 0 : 1;
  }
  return s;
}

ModelScore RunBacktest(const Model& model, const EventSnapshot& events, const geo::Grid& grid,
                       const BacktestOptions& options, const Scoring& scoring) {
  const auto start = std::chrono::steady_clock::now();
  const size_t days = options.origins.size(), levels = scoring.flagged().size();
  std::vector<int64_t> hits(days * levels, 0);
  const int threads = std::max(1, options.threads);
  std::vector<std::vector<double>> risk(threads);
  std::vector<std::vector<int32_t>> rank(
      threads, std::vector<int32_t>(static_cast<size_t>(grid.cell_count()), INT32_MAX));
  ParallelFor(days, threads, [&](size_t i, int w) {
    model.Predict(events, grid, options.origins[i], options.ends[i] - options.origins[i], risk[w]);
    CountHits(grid, risk[w], scoring.cells(i), scoring.flagged(), rank[w], &hits[i * levels]);
  });

  ModelScore out;
  out.name = model.name();
  out.settings = model.Settings();
  const double n = static_cast<double>(scoring.setup().study_cells);
  const double scored = static_cast<double>(scoring.setup().scored_events);
  for (size_t k = 0; k < levels; ++k) {
    CoverageScore c;
    c.pct = options.coverage_pct[k];
    c.flagged_cells = scoring.flagged()[k];
    double sum = 0, sum2 = 0;
    int m = 0;
    for (size_t i = 0; i < days; ++i) {
      c.hits += hits[i * levels + k];
      const size_t e = scoring.cells(i).size();
      if (e == 0) continue;
      const double h = static_cast<double>(hits[i * levels + k]) / static_cast<double>(e);
      sum += h;
      sum2 += h * h;
      ++m;
    }
    c.hit_rate = scored > 0 ? static_cast<double>(c.hits) / scored : 0;
    // PAI against the share of cells actually flagged (ceil makes it a little above pct).
    c.pai = c.hit_rate / (static_cast<double>(c.flagged_cells) / n);
    if (m > 0) {
      c.mean_daily_hit_rate = sum / m;
      c.sd_daily_hit_rate =
          m > 1 ? std::sqrt(std::max(0.0, (sum2 - sum * sum / m) / (m - 1))) : 0.0;
    }
    out.coverage.push_back(c);
  }
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return out;
}

std::vector<double> LearnBlendWeights(const std::vector<const Model*>& parts,
                                      const EventSnapshot& events, const geo::Grid& grid,
                                      const BacktestOptions& validation, int steps) {
  const size_t m = parts.size();
  // Every weight vector with entries k / steps summing to 1.
  std::vector<std::vector<double>> combos;
  std::vector<int> k(m, 0);
  auto rec = [&](auto&& self, size_t i, int left) -> void {
    if (i + 1 == m) {
      k[i] = left;
      std::vector<double> w(m);
      for (size_t j = 0; j < m; ++j) w[j] = static_cast<double>(k[j]) / steps;
      combos.push_back(std::move(w));
      return;
    }
    for (int v = left; v >= 0; --v) {
      k[i] = v;
      self(self, i + 1, left - v);
    }
  };
  if (m == 0) return {};
  rec(rec, 0, steps);

  auto scoring = Scoring::Prepare(events, grid, validation);
  if (!scoring.ok()) return combos.front();
  const size_t days = validation.origins.size(), levels = scoring->flagged().size();
  const int threads = std::max(1, validation.threads);
  std::vector<std::vector<int64_t>> hits(threads, std::vector<int64_t>(combos.size() * levels, 0));
  std::vector<std::vector<int32_t>> rank(
      threads, std::vector<int32_t>(static_cast<size_t>(grid.cell_count()), INT32_MAX));
  ParallelFor(days, threads, [&](size_t i, int w) {
    if (scoring->cells(i).empty()) return;
    std::vector<std::vector<double>> surfaces(m);
    for (size_t j = 0; j < m; ++j) {
      parts[j]->Predict(events, grid, validation.origins[i],
                        validation.ends[i] - validation.origins[i], surfaces[j]);
      double sum = 0;
      for (double v : surfaces[j]) sum += v;
      if (sum > 0) {
        for (double& v : surfaces[j]) v /= sum;
      }
    }
    std::vector<double> blend(static_cast<size_t>(grid.cell_count()));
    for (size_t c = 0; c < combos.size(); ++c) {
      std::fill(blend.begin(), blend.end(), 0.0);
      for (size_t j = 0; j < m; ++j) {
        if (combos[c][j] == 0) continue;
        for (int64_t cell : grid.study_cells()) blend[cell] += combos[c][j] * surfaces[j][cell];
      }
      CountHits(grid, blend, scoring->cells(i), scoring->flagged(), rank[w], &hits[w][c * levels]);
    }
  });
  size_t best = 0;
  int64_t best_hits = -1;
  for (size_t c = 0; c < combos.size(); ++c) {
    int64_t total = 0;
    for (int w = 0; w < threads; ++w) {
      for (size_t l = 0; l < levels; ++l) total += hits[w][c * levels + l];
    }
    if (total > best_hits) {  // ties keep the earlier combination (more weight on the first part)
      best_hits = total;
      best = c;
    }
  }
  return combos[best];
}

}  // namespace baken::analysis
