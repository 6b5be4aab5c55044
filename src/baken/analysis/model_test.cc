#include "baken/analysis/model.h"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

namespace baken::analysis {
namespace {

// 5 x 5 cells of 100 m from (0, 0); cell (ix, iy) has index iy * 5 + ix.
geo::Grid Grid5() {
  return *geo::Grid::ForBounds(geo::RdBox{0, 0, 499, 499}, 100);
}
constexpr int64_t kOrigin = 1000 * kDay;

TEST(NaiveModelTest, CountsTheLastNDaysBeforeTheOrigin) {
  EventSnapshot s;
  s.Append({kOrigin - 11 * kDay, 50, 50});  // too old for days=10
  s.Append({kOrigin - 10 * kDay, 50, 50});  // first second of the window
  s.Append({kOrigin - 1, 150, 50});         // last second
  s.Append({kOrigin - 1, 150, 60});         // same cell
  s.Append({kOrigin, 250, 50});             // at the origin: the future, not used
  std::vector<double> r;
  MakeNaive({.days = 10})->Predict(s, Grid5(), kOrigin, kDay, r);
  ASSERT_EQ(r.size(), 25u);
  EXPECT_EQ(r[0], 1);
  EXPECT_EQ(r[1], 2);
  EXPECT_EQ(r[2], 0);
}

TEST(KdeModelTest, QuarticAndGaussianByHand) {
  EventSnapshot s;
  s.Append({kOrigin - kDay, 250, 250});  // centre of cell 12
  std::vector<double> r;
  MakeKde({.kernel = Kernel::kQuartic, .bandwidth_m = 150, .days = 10})
      ->Predict(s, Grid5(), kOrigin, kDay, r);
  const double k0 = 3 / (std::numbers::pi * 150 * 150);
  EXPECT_NEAR(r[12], k0, 1e-15);
  EXPECT_NEAR(r[13], k0 * 25.0 / 81.0, 1e-15);  // (1 - 100^2/150^2)^2
  EXPECT_NEAR(r[18], k0 * 1.0 / 81.0, 1e-15);   // diagonal, d^2 = 20000
  EXPECT_EQ(r[14], 0);                          // 200 m > h

  MakeKde({.kernel = Kernel::kGaussian, .bandwidth_m = 100, .days = 10})
      ->Predict(s, Grid5(), kOrigin, kDay, r);
  const double g0 = 1 / (2 * std::numbers::pi * 100 * 100);
  EXPECT_NEAR(r[12], g0, 1e-15);
  EXPECT_NEAR(r[13], g0 * std::exp(-0.5), 1e-15);
  EXPECT_NEAR(r[14], g0 * std::exp(-2.0), 1e-15);
}

TEST(ProspectiveModelTest, BowersWeightsByHand) {
  EventSnapshot s;
  s.Append({kOrigin - 8 * kDay, 250, 250});  // 8 days ago: week 1, weight 1/2
  s.Append({kOrigin - 60 * kDay, 50, 50});   // older than 8 weeks: ignored
  std::vector<double> r;
  MakeProspective({.bandwidth_m = 200, .weeks = 8})->Predict(s, Grid5(), kOrigin, kDay, r);
  EXPECT_NEAR(r[12], 0.5, 1e-15);
  EXPECT_NEAR(r[13], 0.5 / 2, 1e-15);                     // one cell away
  EXPECT_NEAR(r[18], 0.5 / (1 + std::sqrt(2.0)), 1e-15);  // diagonal
  EXPECT_NEAR(r[14], 0.5 / 3, 1e-15);                     // two cells, 200 m: inside
  EXPECT_EQ(r[0], 0);
}

TEST(SeppModelTest, OneEmStepByHand) {
  // One cell, events at day 0 and day 1 of a 2-day window; start mu = n / (2T) = 0.5,
  // theta = 0.5, omega = 1. Event 2: A = e^-1, lambda = 0.5 + 0.5 e^-1, p_bg = 0.5 / lambda.
  EventSnapshot s;
  s.Append({kOrigin - 2 * kDay, 50, 50});
  s.Append({kOrigin - kDay, 50, 50});
  const geo::Grid g = Grid5();
  const SeppOptions o{.days = 2, .max_iterations = 1};
  const SeppFit fit = FitSepp(s, g, kOrigin - 2 * kDay, kOrigin, o);
  const double pbg = 0.5 / (0.5 + 0.5 * std::exp(-1.0));  // 0.731059
  EXPECT_NEAR(fit.mu[0], (1 + pbg) / 2, 1e-12);           // 0.865529
  EXPECT_NEAR(fit.theta, (1 - pbg) / 2, 1e-12);           // 0.134471
  EXPECT_NEAR(fit.omega, 1.0, 1e-12);
  EXPECT_EQ(fit.mu[1], 0);
  std::vector<double> r;
  MakeSepp(o)->Predict(s, g, kOrigin, kDay, r);
  // mu W + theta (1 - e^-omega W) (e^-2 + e^-1) = 0.908303
  const double expected =
      (1 + pbg) / 2 + (1 - pbg) / 2 * (1 - std::exp(-1.0)) * (std::exp(-2.0) + std::exp(-1.0));
  EXPECT_NEAR(r[0], expected, 1e-12);
  EXPECT_NEAR(r[0], 0.908303, 1e-6);
}

TEST(SeppModelTest, FindsTriggeringInBurstsAndNoneInARegularSeries) {
  const geo::Grid g = Grid5();
  EventSnapshot regular, bursts;
  for (int d = 0; d < 360; d += 6) regular.Append({kOrigin - 360 * kDay + d * kDay, 50, 50});
  for (int d = 0; d < 360; d += 30) {
    for (int k = 0; k < 4; ++k) {
      bursts.Append({kOrigin - 360 * kDay + d * kDay + k * 3 * 3600, 50, 50});
    }
  }
  const SeppOptions o{.days = 360};
  const SeppFit r = FitSepp(regular, g, kOrigin - 360 * kDay, kOrigin, o);
  const SeppFit b = FitSepp(bursts, g, kOrigin - 360 * kDay, kOrigin, o);
  EXPECT_LT(r.theta, 0.1);
  EXPECT_GT(b.theta, 0.5);  // 3 of 4 events in a burst are offspring
  EXPECT_GT(b.omega, 1.0);  // within hours, not days
}

TEST(BlendModelTest, WeightsTheNormalisedParts) {
  EventSnapshot s;
  s.Append({kOrigin - kDay, 50, 50});
  s.Append({kOrigin - kDay, 150, 50});
  s.Append({kOrigin - 20 * kDay, 150, 50});
  std::vector<std::unique_ptr<Model>> parts;
  parts.push_back(MakeNaive({.days = 10}));  // cells 0, 1: 1/2 each
  parts.push_back(MakeNaive({.days = 30}));  // cell 0: 1/3, cell 1: 2/3
  auto blend = MakeBlend(std::move(parts), {0.25, 0.75});
  std::vector<double> r;
  blend->Predict(s, Grid5(), kOrigin, kDay, r);
  EXPECT_NEAR(r[0], 0.25 * 0.5 + 0.75 / 3, 1e-15);
  EXPECT_NEAR(r[1], 0.25 * 0.5 + 0.75 * 2 / 3, 1e-15);
  EXPECT_EQ(blend->Settings(), "naive=0.25 naive=0.75");
}

}  // namespace
}  // namespace baken::analysis
