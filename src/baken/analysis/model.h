// Hot spot models: each turns the events before a forecast origin into a risk surface on a grid.
//
// One interface (Model) for the backtest and the hotspots command; a model is configured once and
// then only read, so Predict() is const and safe to call from several threads at once. Predict
// writes one value per grid cell (grid.cell_count(), also cells outside the study region); higher
// means more events expected in [origin, origin + window). Only events with time < origin are used.
// Events are binned to cells first (position rounded to the cell centre, at most half a cell
// diagonal off): that is what makes a surface over a million events cost milliseconds.
// The models and what they assume are described in docs/analysis.md.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "baken/analysis/event_snapshot.h"
#include "baken/geo/grid.h"

namespace baken::analysis {

inline constexpr int64_t kDay = 86400;

class Model {
 public:
  virtual ~Model() = default;
  virtual const std::string& name() const = 0;
  // The settings in one line, for reports ("kernel=quartic bandwidth=300m days=365").
  virtual std::string Settings() const = 0;
  virtual void Predict(const EventSnapshot& events, const geo::Grid& grid, int64_t origin,
                       int64_t window_s, std::vector<double>& risk) const = 0;
};

// Count of events per cell in the last `days` days (the baseline of backtest-protocol.md).
struct NaiveOptions {
  int days = 365;
};

enum class Kernel { kQuartic, kGaussian };

// Kernel density over the last `days` days. Quartic: K(d) = 3/(pi h^2) (1 - d^2/h^2)^2 for d < h;
// Gaussian: K(d) = 1/(2 pi h^2) exp(-d^2 / (2 h^2)), cut off at 3h.
struct KdeOptions {
  Kernel kernel = Kernel::kQuartic;
  double bandwidth_m = 300;
  int days = 365;
};

// Prospective hot spotting (Bowers, Johnson & Pease 2004): each event within `bandwidth_m` and
// `weeks` weighs 1 / (1 + d) * 1 / (1 + w), d the distance in cell widths, w whole weeks ago.
struct ProspectiveOptions {
  double bandwidth_m = 400;
  int weeks = 8;
};

// Self-exciting point process on the grid (Mohler et al. 2015): per cell
// lambda_c(t) = mu_c + sum over earlier events j in c of theta * omega * exp(-omega (t - t_j)),
// fitted by EM on the last `days` days before each origin (time in days).
struct SeppOptions {
  int days = 365;
  int max_iterations = 60;
  double tolerance = 1e-6;  // relative change of theta and omega that ends EM
};

struct SeppFit {
  std::vector<double> mu;  // background rate per cell, events per day
  double theta = 0;        // expected offspring per event
  double omega = 0;        // decay per day (mean trigger delay 1/omega days)
  int iterations = 0;
};

std::unique_ptr<Model> MakeNaive(const NaiveOptions& options);
std::unique_ptr<Model> MakeKde(const KdeOptions& options);
std::unique_ptr<Model> MakeProspective(const ProspectiveOptions& options);
std::unique_ptr<Model> MakeSepp(const SeppOptions& options);
// Weighted sum of the parts' surfaces, each first scaled to sum 1 over the grid.
std::unique_ptr<Model> MakeBlend(std::vector<std::unique_ptr<Model>> parts,
                                 std::vector<double> weights);

// Fits the grid SEPP on the events in [t0, t1) (exposed for tests and reports).
SeppFit FitSepp(const EventSnapshot& events, const geo::Grid& grid, int64_t t0, int64_t t1,
                const SeppOptions& options);

// Cell of each event in [first, last), -1 outside the grid. Used by models and the backtest.
void CellsOf(const EventSnapshot& events, const geo::Grid& grid, size_t first, size_t last,
             std::vector<int64_t>& cells);

}  // namespace baken::analysis
