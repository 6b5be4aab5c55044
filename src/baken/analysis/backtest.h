// The backtest of shared/reference/backtest-protocol.md: rolling-origin predictions scored by hit
// rate and PAI at fixed coverage levels.
//
// For each prediction i the model sees only events before origins[i] and is scored on the events
// in [origins[i], ends[i]) whose cell is a study cell (others are counted as unscored). Coverage c
// flags the top ceil(c * n) study cells by risk; ties go to the lower cell index. Pooled hit rate =
// events in flagged cells / scored events; PAI = hit rate / coverage; the mean and standard
// deviation of the daily hit rate are over predictions with at least one scored event.
// Predictions run on `threads` std::threads (days split dynamically); results do not depend on it.
// Models must be thread-safe for const use (every Model is). Errors: kInvalidArgument for empty or
// mismatched origins/ends or a coverage outside (0, 100].
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "baken/analysis/event_snapshot.h"
#include "baken/analysis/model.h"
#include "baken/base/status.h"
#include "baken/geo/grid.h"

namespace baken::analysis {

struct BacktestOptions {
  std::vector<int64_t> origins;  // prediction instants (UTC seconds), ascending
  std::vector<int64_t> ends;     // end of each scored window (exclusive)
  std::vector<double> coverage_pct = {1, 2, 5, 10, 20};
  int threads = 2;
};

struct CoverageScore {
  double pct = 0;
  int64_t flagged_cells = 0;  // ceil(pct / 100 * n)
  int64_t hits = 0;
  double hit_rate = 0;  // pooled
  double pai = 0;
  double mean_daily_hit_rate = 0;
  double sd_daily_hit_rate = 0;
};

struct ModelScore {
  std::string name;
  std::string settings;
  std::vector<CoverageScore> coverage;
  double seconds = 0;  // wall time of the whole backtest of this model
};

struct BacktestSetup {
  int64_t study_cells = 0;
  int64_t scored_events = 0;
  int64_t unscored_events = 0;  // in the scored windows but outside the study cells
  int64_t predictions = 0;
  int64_t days_with_events = 0;
};

// The scored events of each window, prepared once and shared by all models.
class Scoring {
 public:
  static StatusOr<Scoring> Prepare(const EventSnapshot& events, const geo::Grid& grid,
                                   const BacktestOptions& options);
  const BacktestSetup& setup() const { return setup_; }
  // Study cells of the scored events of prediction i.
  const std::vector<int64_t>& cells(size_t i) const { return cells_[i]; }
  // flagged cells for each coverage level.
  const std::vector<int64_t>& flagged() const { return flagged_; }

 private:
  BacktestSetup setup_;
  std::vector<std::vector<int64_t>> cells_;
  std::vector<int64_t> flagged_;
};

ModelScore RunBacktest(const Model& model, const EventSnapshot& events, const geo::Grid& grid,
                       const BacktestOptions& options, const Scoring& scoring);

// Weights for MakeBlend(parts, weights): a grid search over the simplex in steps of 1/`steps`
// that maximises the sum of the pooled hit rates at the coverage levels on the predictions in
// `validation` (which should end before the test period starts, so nothing leaks).
std::vector<double> LearnBlendWeights(const std::vector<const Model*>& parts,
                                      const EventSnapshot& events, const geo::Grid& grid,
                                      const BacktestOptions& validation, int steps = 4);

// Indexes of the study cells by descending risk, ties to the lower index, the first k of them.
std::vector<int64_t> TopCells(const geo::Grid& grid, const std::vector<double>& risk, size_t k);

}  // namespace baken::analysis
