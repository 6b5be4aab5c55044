#include "baken/analysis/spatial_stats.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

namespace baken::analysis {
namespace {

// One row of five 100 m cells with values 1, 2, 3, 4, 10: n = 5, mean 4, S = sqrt(130/5 - 16)
// = sqrt(10). Band 100 m: the cell and its left/right neighbours.
geo::Grid Row5() {
  return *geo::Grid::ForBounds(geo::RdBox{0, 0, 499, 99}, 100);
}
const std::vector<double> kRow = {1, 2, 3, 4, 10};

TEST(GiStarTest, RowByHand) {
  const auto z = GetisOrdGiStar(Row5(), kRow, 100);
  // Cell 4: sum 4 + 10 = 14 over w = 2: (14 - 4*2) / (sqrt(10) sqrt((5*2 - 4)/4)) = 6/sqrt(15).
  EXPECT_NEAR(z[4], 6 / std::sqrt(15.0), 1e-12);  // 1.549193
  // Cell 2: 2 + 3 + 4 = 9 over w = 3: (9 - 12) / (sqrt(10) sqrt((15 - 9)/4)) = -3/sqrt(15).
  EXPECT_NEAR(z[2], -3 / std::sqrt(15.0), 1e-12);  // -0.774597
  // Cell 0: 1 + 2 = 3 over w = 2: (3 - 8) / sqrt(15).
  EXPECT_NEAR(z[0], -5 / std::sqrt(15.0), 1e-12);
}

// The textbook Gi* (Ord & Getis 1995, eq. 14) with explicit weights, O(n^2).
std::vector<double> GiStarTextbook(const geo::Grid& g, const std::vector<double>& x, double band) {
  const auto& cells = g.study_cells();
  const double n = static_cast<double>(cells.size());
  double sum = 0, sum2 = 0;
  for (int64_t c : cells) {
    sum += x[c];
    sum2 += x[c] * x[c];
  }
  const double mean = sum / n, s = std::sqrt(sum2 / n - mean * mean);
  std::vector<double> z(x.size(), 0.0);
  for (int64_t i : cells) {
    double wx = 0, w = 0, w2 = 0;
    for (int64_t j : cells) {
      const geo::RdPoint a = g.CellCentre(i), b = g.CellCentre(j);
      const double wij = std::hypot(a.x - b.x, a.y - b.y) <= band + 1e-6 ? 1.0 : 0.0;
      wx += wij * x[j];
      w += wij;
      w2 += wij * wij;
    }
    z[i] = (wx - mean * w) / (s * std::sqrt((n * w2 - w * w) / (n - 1)));
  }
  return z;
}

TEST(GiStarTest, MatchesTheTextbookFormulaOnRandomGrids) {
  std::mt19937_64 rng(20260101);
  for (int trial = 0; trial < 5; ++trial) {
    const double cell = 50 + 50 * trial;
    auto g = geo::Grid::ForBounds({0, 0, cell * (7 + trial) - 1, cell * 9 - 1}, cell);
    ASSERT_TRUE(g.ok());
    std::poisson_distribution<int> counts(1.5 + trial);
    std::vector<double> x(static_cast<size_t>(g->cell_count()));
    for (double& v : x) v = counts(rng);
    const double band = cell * (1 + 0.7 * trial);
    const auto fast = GetisOrdGiStar(*g, x, band);
    const auto slow = GiStarTextbook(*g, x, band);
    for (size_t i = 0; i < x.size(); ++i) EXPECT_NEAR(fast[i], slow[i], 1e-9) << trial << " " << i;
  }
}

TEST(LocalMoranTest, RowByHand) {
  // Deviations -3 -2 -1 0 6, m2 = 50/5 = 10; row-standardised neighbours, self excluded.
  const auto m = LocalMoranI(Row5(), kRow, 100, 0, 1);
  EXPECT_NEAR(m.i[0], -3.0 / 10 * (-2.0), 1e-12);              // 0.6
  EXPECT_NEAR(m.i[1], -2.0 / 10 * ((-3.0 - 1.0) / 2), 1e-12);  // 0.4
  EXPECT_NEAR(m.i[2], -1.0 / 10 * ((-2.0 + 0.0) / 2), 1e-12);  // 0.1
  EXPECT_NEAR(m.i[3], 0.0, 1e-12);
  EXPECT_NEAR(m.i[4], 6.0 / 10 * 0.0, 1e-12);
}

TEST(LocalMoranTest, PermutationPValuesAreSeededAndFindAHotBlock) {
  auto g = geo::Grid::ForBounds({0, 0, 999, 999}, 100);  // 10 x 10
  ASSERT_TRUE(g.ok());
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> noise(0, 1);
  std::vector<double> x(100);
  for (double& v : x) v = noise(rng);
  for (int iy = 4; iy <= 6; ++iy) {
    for (int ix = 4; ix <= 6; ++ix) x[iy * 10 + ix] = 20;
  }
  const auto a = LocalMoranI(*g, x, 150, 999, 42);
  const auto b = LocalMoranI(*g, x, 150, 999, 42);
  const auto c = LocalMoranI(*g, x, 150, 999, 43);
  EXPECT_EQ(a.p, b.p);
  EXPECT_NE(a.p, c.p);
  EXPECT_GT(a.i[55], 0);
  EXPECT_LE(a.p[55], 0.01);  // the centre of the block: all 8 neighbours high
  EXPECT_GE(a.p[0], 0.05);   // a corner of plain noise
  for (double p : a.p) {
    EXPECT_GE(p, 1.0 / 1000);
    EXPECT_LE(p, 1.0);
  }
}

TEST(LocalMoranTest, ClassesAfterBenjaminiHochbergByHand) {
  // Values 1 2 3 4 10 (mean 4); I and p given. BH over 5 cells: four at p = 0.01 get
  // 0.01 * 5 / 4 = 0.0125, the one at 0.5 keeps 0.5.
  LocalMoran m{{0.6, -0.4, 0.1, 0.0, 0.5}, {0.01, 0.01, 0.5, 0.01, 0.01}};
  const LisaClasses c = ClassifyLocalMoran(Row5(), kRow, m);
  EXPECT_NEAR(c.q[0], 0.0125, 1e-12);
  EXPECT_NEAR(c.q[2], 0.5, 1e-12);
  EXPECT_EQ(c.klass[0], LisaClass::kLowLow);          // below the mean among low neighbours
  EXPECT_EQ(c.klass[1], LisaClass::kLowHigh);         // below the mean, I < 0: neighbours high
  EXPECT_EQ(c.klass[2], LisaClass::kNotSignificant);  // q 0.5
  EXPECT_EQ(c.klass[3], LisaClass::kNotSignificant);  // at the mean: no quadrant
  EXPECT_EQ(c.klass[4], LisaClass::kHighHigh);
  m.i[4] = -0.5;
  EXPECT_EQ(ClassifyLocalMoran(Row5(), kRow, m).klass[4], LisaClass::kHighLow);
  // With alpha 0.01 nothing survives the correction.
  for (LisaClass k : ClassifyLocalMoran(Row5(), kRow, m, 0.01).klass) {
    EXPECT_EQ(k, LisaClass::kNotSignificant);
  }
  EXPECT_EQ(LisaClassName(LisaClass::kHighHigh), "HH");
  EXPECT_EQ(LisaClassName(LisaClass::kNotSignificant), "niet significant");
}

TEST(LocalMoranTest, APlantedBlockIsHighHighAfterCorrection) {
  auto g = geo::Grid::ForBounds({0, 0, 999, 999}, 100);  // 10 x 10
  ASSERT_TRUE(g.ok());
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> noise(0, 1);
  std::vector<double> x(100);
  for (double& v : x) v = noise(rng);
  for (int iy = 4; iy <= 6; ++iy) {
    for (int ix = 4; ix <= 6; ++ix) x[iy * 10 + ix] = 20;
  }
  // 99 draws give p >= 0.01, which BH over 100 cells cannot use; the extreme cells draw on to
  // 9,999 and reach 1 / 10,000, the others stop at 99.
  const auto m = LocalMoranI(*g, x, 150, 99, 42, 9999);
  EXPECT_DOUBLE_EQ(m.p[55], 1.0 / 10000);
  EXPECT_GE(m.p[0], 1.0 / 100);
  const LisaClasses c = ClassifyLocalMoran(*g, x, m);
  EXPECT_EQ(c.klass[55], LisaClass::kHighHigh);
  EXPECT_LT(c.q[55], 0.05);
  for (int k = 0; k < 100; ++k) {
    if (c.klass[k] == LisaClass::kHighHigh) {
      EXPECT_GE(x[k], 20) << k;  // only block cells are HH
    }
  }
}

TEST(BenjaminiHochbergTest, ByHand) {
  // Sorted 0.01, 0.03, 0.04, 0.20 times m/rank: 0.04, 0.06, 0.0533, 0.20; then running minimum
  // from the top.
  const auto q = BenjaminiHochberg({0.01, 0.04, 0.03, 0.20});
  EXPECT_NEAR(q[0], 0.04, 1e-12);
  EXPECT_NEAR(q[1], 0.16 / 3, 1e-12);
  EXPECT_NEAR(q[2], 0.16 / 3, 1e-12);
  EXPECT_NEAR(q[3], 0.20, 1e-12);
}

TEST(HotColdClassesTest, ConfidenceLevels) {
  auto g = geo::Grid::ForBounds({0, 0, 599, 99}, 100);
  ASSERT_TRUE(g.ok());
  const std::vector<double> z = {2.7, 2.0, 1.7, 1.6, -2.0, -2.6};
  EXPECT_EQ(HotColdClasses(*g, z, false), (std::vector<int>{3, 2, 1, 0, -2, -3}));
  // With FDR over six tests: p = .0069 .0455 .0891 .1096 .0455 .0093; q = .0279 .0683 .1069
  // .1096 .0683 .0279 -> 2, 1, 0, 0, -1, -2.
  EXPECT_EQ(HotColdClasses(*g, z, true), (std::vector<int>{2, 1, 0, 0, -1, -2}));
  EXPECT_NEAR(TwoSidedP(1.959964), 0.05, 1e-6);
}

}  // namespace
}  // namespace baken::analysis
