#include "baken/analysis/backtest.h"

#include <gtest/gtest.h>

#include <cmath>

namespace baken::analysis {
namespace {

constexpr int64_t kDay1 = 1000 * kDay;

// 2 x 2 cells of 100 m: 0 (SW), 1 (SE), 2 (NW), 3 (NE).
geo::Grid Grid2() {
  return *geo::Grid::ForBounds(geo::RdBox{0, 0, 199, 199}, 100);
}
const double kCx[] = {50, 150, 50, 150};
const double kCy[] = {50, 50, 150, 150};

void Add(EventSnapshot& s, int64_t t, int cell, int n = 1) {
  for (int i = 0; i < n; ++i) s.Append({t, kCx[cell], kCy[cell]});
}

// Training: cell 0 x3, cells 1 and 2 x2 (a tie), cell 3 none. Day 1: one event each in cells 1
// and 2, two in cell 3, one outside the grid. Day 2: one in cell 3.
EventSnapshot HandCase() {
  EventSnapshot s;
  Add(s, kDay1 - 5 * kDay, 0, 3);
  Add(s, kDay1 - 4 * kDay, 1, 2);
  Add(s, kDay1 - 4 * kDay, 2, 2);
  Add(s, kDay1 + 3600, 1);
  Add(s, kDay1 + 7200, 2);
  Add(s, kDay1 + 7200, 3, 2);
  s.Append({kDay1 + 7300, 900, 900});
  Add(s, kDay1 + kDay + 60, 3);
  return s;
}

BacktestOptions TwoDays(int threads) {
  BacktestOptions o;
  o.origins = {kDay1, kDay1 + kDay};
  o.ends = {kDay1 + kDay, kDay1 + 2 * kDay};
  o.coverage_pct = {25, 50, 100};
  o.threads = threads;
  return o;
}

TEST(BacktestTest, HitRateAndPaiByHand) {
  const EventSnapshot s = HandCase();
  const geo::Grid g = Grid2();
  auto naive = MakeNaive({.days = 30});
  const BacktestOptions o = TwoDays(1);
  auto scoring = Scoring::Prepare(s, g, o);
  ASSERT_TRUE(scoring.ok());
  EXPECT_EQ(scoring->setup().study_cells, 4);
  EXPECT_EQ(scoring->setup().scored_events, 5);
  EXPECT_EQ(scoring->setup().unscored_events, 1);
  const ModelScore m = RunBacktest(*naive, s, g, o, *scoring);
  ASSERT_EQ(m.coverage.size(), 3u);
  // 25 %: one cell. Day 1 flags cell 0 (3 events): no hit. Day 2: counts 3, 3, 3, 2: the tie
  // goes to cell 0 again; the event in cell 3 is missed.
  EXPECT_EQ(m.coverage[0].flagged_cells, 1);
  EXPECT_EQ(m.coverage[0].hits, 0);
  // 50 %: day 1 flags cells 0 and 1 (1 beats 2 on the tie): 1 of 4 events; day 2 flags 0, 1: 0/1.
  EXPECT_EQ(m.coverage[1].hits, 1);
  EXPECT_DOUBLE_EQ(m.coverage[1].hit_rate, 0.2);
  EXPECT_DOUBLE_EQ(m.coverage[1].pai, 0.4);
  EXPECT_DOUBLE_EQ(m.coverage[1].mean_daily_hit_rate, 0.125);
  EXPECT_NEAR(m.coverage[1].sd_daily_hit_rate, std::sqrt(2 * 0.125 * 0.125), 1e-15);
  // 100 %: everything scored is a hit, PAI 1.
  EXPECT_EQ(m.coverage[2].hits, 5);
  EXPECT_DOUBLE_EQ(m.coverage[2].pai, 1.0);
}

TEST(BacktestTest, ThreadsDoNotChangeTheResult) {
  const EventSnapshot s = HandCase();
  const geo::Grid g = Grid2();
  auto kde = MakeKde({.bandwidth_m = 150, .days = 30});
  const BacktestOptions one = TwoDays(1), two = TwoDays(2);
  auto scoring = Scoring::Prepare(s, g, one);
  ASSERT_TRUE(scoring.ok());
  const ModelScore a = RunBacktest(*kde, s, g, one, *scoring);
  const ModelScore b = RunBacktest(*kde, s, g, two, *scoring);
  for (size_t k = 0; k < a.coverage.size(); ++k) EXPECT_EQ(a.coverage[k].hits, b.coverage[k].hits);
}

TEST(BacktestTest, CoverageRoundsUpWithoutFloatingPointSurprises) {
  auto g = geo::Grid::ForBounds({0, 0, 999, 999}, 100);  // 100 cells
  ASSERT_TRUE(g.ok());
  EventSnapshot s;
  BacktestOptions o;
  o.origins = {0};
  o.ends = {kDay};
  o.coverage_pct = {1, 2.5, 5, 10, 20};
  auto scoring = Scoring::Prepare(s, *g, o);
  ASSERT_TRUE(scoring.ok());
  EXPECT_EQ(scoring->flagged(), (std::vector<int64_t>{1, 3, 5, 10, 20}));
  o.coverage_pct = {0};
  EXPECT_FALSE(Scoring::Prepare(s, *g, o).ok());
}

TEST(TopCellsTest, TiesGoToTheLowerIndex) {
  auto g = geo::Grid::ForBounds({0, 0, 499, 99}, 100);
  ASSERT_TRUE(g.ok());
  EXPECT_EQ(TopCells(*g, {1, 5, 5, 0, 5}, 3), (std::vector<int64_t>{1, 2, 4}));
  EXPECT_EQ(TopCells(*g, {1, 5, 5, 0, 5}, 2), (std::vector<int64_t>{1, 2}));
}

// A model that knows the future: the counts of [origin, origin + window).
class Oracle final : public Model {
 public:
  const std::string& name() const override { return name_; }
  std::string Settings() const override { return ""; }
  void Predict(const EventSnapshot& events, const geo::Grid& grid, int64_t origin, int64_t window_s,
               std::vector<double>& risk) const override {
    MakeNaive({.days = 1})->Predict(events, grid, origin + window_s, window_s, risk);
  }

 private:
  std::string name_ = "oracle";
};

TEST(BlendTest, LearnedWeightsScoreAtLeastAsWellAsEachPart) {
  const EventSnapshot s = HandCase();
  const geo::Grid g = Grid2();
  auto naive = MakeNaive({.days = 30});
  Oracle oracle;
  const BacktestOptions o = TwoDays(2);
  const std::vector<double> w = LearnBlendWeights({naive.get(), &oracle}, s, g, o, 4);
  ASSERT_EQ(w.size(), 2u);
  EXPECT_DOUBLE_EQ(w[0] + w[1], 1.0);
  std::vector<std::unique_ptr<Model>> parts;
  parts.push_back(MakeNaive({.days = 30}));
  parts.push_back(std::make_unique<Oracle>());
  auto blend = MakeBlend(std::move(parts), w);
  auto scoring = Scoring::Prepare(s, g, o);
  ASSERT_TRUE(scoring.ok());
  auto total = [&](const Model& m) {
    int64_t h = 0;
    for (const auto& c : RunBacktest(m, s, g, o, *scoring).coverage) h += c.hits;
    return h;
  };
  EXPECT_GE(total(*blend), total(*naive));
  EXPECT_GE(total(*blend), total(oracle));
  EXPECT_GT(w[1], 0);  // the oracle beats naive here, so it must carry weight
}

}  // namespace
}  // namespace baken::analysis
