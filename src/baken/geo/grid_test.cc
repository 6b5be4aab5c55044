#include "baken/geo/grid.h"

#include <gtest/gtest.h>

#include <cmath>

#include "baken/geo/locator.h"
#include "baken/geo/testing/test_data.h"

namespace baken::geo {
namespace {

TEST(GridTest, ForBoundsHandChecked) {
  // Box 1030..1390 x 2010..2090 with 100 m cells: origin (1000, 2000), 4 x 1 cells.
  auto g = Grid::ForBounds(RdBox{1030, 2010, 1390, 2090}, 100);
  ASSERT_TRUE(g.ok()) << g.status().ToString();
  EXPECT_EQ(g->origin(), (RdPoint{1000, 2000}));
  EXPECT_EQ(g->width(), 4);
  EXPECT_EQ(g->height(), 1);
  EXPECT_EQ(g->study_cells().size(), 4u);
  EXPECT_EQ(g->CellOf({1030, 2010}), 0);
  EXPECT_EQ(g->CellOf({1100, 2050}), 1);  // half-open: a west edge belongs to the cell
  EXPECT_EQ(g->CellOf({1399.99, 2099.99}), 3);
  EXPECT_EQ(g->CellOf({1400, 2050}), std::nullopt);
  EXPECT_EQ(g->CellOf({999.99, 2050}), std::nullopt);
  EXPECT_EQ(g->CellCentre(2), (RdPoint{1250, 2050}));
  Ring sq = g->CellSquare(2);
  ASSERT_EQ(sq.size(), 5u);
  EXPECT_EQ(sq[0], (RdPoint{1200, 2000}));
  EXPECT_EQ(sq[2], (RdPoint{1300, 2100}));
  EXPECT_EQ(sq.front(), sq.back());
}

TEST(GridTest, IndexRunsRowByRowFromTheSouthWest) {
  // Negative coordinates floor downwards: -120 -> -200.
  auto g = Grid::ForBounds(RdBox{-120, -60, 130, 140}, 100);
  ASSERT_TRUE(g.ok());
  EXPECT_EQ(g->origin(), (RdPoint{-200, -100}));
  EXPECT_EQ(g->width(), 4);   // -200..200
  EXPECT_EQ(g->height(), 3);  // -100..200
  EXPECT_EQ(g->CellOf({-150, -50}), 0);
  EXPECT_EQ(g->CellOf({150, -50}), 3);
  EXPECT_EQ(g->CellOf({-150, 50}), 4);
  EXPECT_EQ(g->CellOf({150, 150}), 11);
  for (int64_t i = 0; i < g->cell_count(); ++i) EXPECT_EQ(g->CellOf(g->CellCentre(i)), i);
}

TEST(GridTest, ValidatesCellSize) {
  EXPECT_FALSE(Grid::ForBounds(RdBox{0, 0, 1000, 1000}, 49).ok());
  EXPECT_FALSE(Grid::ForBounds(RdBox{0, 0, 1000, 1000}, 501).ok());
  EXPECT_FALSE(Grid::ForBounds(RdBox{}, 100).ok());
  EXPECT_TRUE(Grid::ForBounds(RdBox{0, 0, 1000, 1000}, 50).ok());
}

TEST(GridTest, SmallRegionStudyCellsByCentre) {
  // A triangle: only cells whose centre is inside are study cells.
  AreaSet set;
  Area a;
  a.code = "BU1";
  a.geometry = {Polygon{{{{1000, 1000}, {1400, 1000}, {1000, 1400}, {1000, 1000}}}}};
  ASSERT_TRUE(set.Add(a).ok());
  auto g = Grid::ForRegion(set, 100);
  ASSERT_TRUE(g.ok()) << g.status().ToString();
  EXPECT_EQ(g->width(), 5);  // 1000..1500: the east corner 1400 is in column 4
  // Centres (x+50, y+50) with x+y < 2400 - 100, i.e. ix + iy <= 2 (centre sum 2100 + 100*(ix+iy)).
  std::vector<int64_t> want;
  for (int iy = 0; iy < 5; ++iy) {
    for (int ix = 0; ix < 5; ++ix) {
      if (ix + iy <= 2) want.push_back(iy * 5 + ix);
    }
  }
  EXPECT_EQ(g->study_cells(), want);
  EXPECT_TRUE(g->IsStudyCell(0));
  EXPECT_FALSE(g->IsStudyCell(3));
}

TEST(GridTest, GroningenAt500Metres) {
  const AreaSet& set = testing::GroningenAreas();
  auto g = Grid::ForRegion(set, 500);
  ASSERT_TRUE(g.ok());
  EXPECT_EQ(std::fmod(g->origin().x, 500), 0);
  EXPECT_EQ(std::fmod(g->origin().y, 500), 0);
  // OPP_TOT sums to 10,149 ha = 406 cells of 25 ha; centre sampling lands close to that.
  const double n = static_cast<double>(g->study_cells().size());
  EXPECT_NEAR(n, 406, 25);
  RecordProperty("study_cells_500m", static_cast<int>(n));
  auto locator = Locator::Build(set);
  ASSERT_TRUE(locator.ok());
  for (int64_t c : g->study_cells()) EXPECT_NE(locator->Locate(g->CellCentre(c)).buurt, nullptr);
}

TEST(GridTest, ForPolygonKeepsCellsWhoseCentreIsInside) {
  // The triangle (0,0)-(310,0)-(0,310) on 100 m cells: the box 0..310 gives 4 x 4 cells; a centre
  // (x, y) is inside when x + y < 310: (50,50) (150,50) (250,50) (50,150) (150,150) (50,250).
  MultiPolygon triangle = {Polygon{{Ring{{0, 0}, {310, 0}, {0, 310}, {0, 0}}}}};
  auto g = Grid::ForPolygon(triangle, 100);
  ASSERT_TRUE(g.ok()) << g.status().ToString();
  EXPECT_EQ(g->width(), 4);
  std::vector<int64_t> expected = {0, 1, 2, 4, 5, 8};
  EXPECT_EQ(g->study_cells(), expected);
}

}  // namespace
}  // namespace baken::geo
