#include "baken/geo/locator.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <thread>

#include "baken/geo/crs.h"
#include "baken/geo/testing/test_data.h"

namespace baken::geo {
namespace {

// Reference: first buurt (in set order) whose crossing-number test contains p; the bounding-box
// precheck only keeps the sanitizer build fast (outside the box the crossing count is even).
class BruteForce {
 public:
  explicit BruteForce(std::vector<const Area*> buurten) : buurten_(std::move(buurten)) {
    for (const Area* a : buurten_) boxes_.push_back(BoundsOf(a->geometry));
  }
  const Area* operator()(RdPoint p) const {
    for (size_t i = 0; i < buurten_.size(); ++i) {
      if (boxes_[i].Contains(p) && Contains(buurten_[i]->geometry, p)) return buurten_[i];
    }
    return nullptr;
  }

 private:
  std::vector<const Area*> buurten_;
  std::vector<RdBox> boxes_;
};

TEST(LocatorTest, EveryBuurtInteriorPointIsLocatedInThatBuurt) {
  const AreaSet& set = testing::GroningenAreas();
  auto locator = Locator::Build(set);
  ASSERT_TRUE(locator.ok()) << locator.status().ToString();
  for (const Area* b : set.List(Level::kNeighbourhood)) {
    LocateResult r = locator->Locate(b->interior_point);
    ASSERT_EQ(r.buurt, b) << b->code;
    ASSERT_NE(r.wijk, nullptr);
    EXPECT_EQ(r.wijk->code, b->parent_code);
    // The same point as a citizen's app would send it: WGS84, then to RD.
    auto wgs = RdToWgs(b->interior_point);
    ASSERT_TRUE(wgs.ok());
    WgsPoint rounded{std::round(wgs->lon * 1e7) / 1e7, std::round(wgs->lat * 1e7) / 1e7};
    auto rd = WgsToRd(rounded);
    ASSERT_TRUE(rd.ok());
    EXPECT_EQ(locator->Locate(*rd).buurt, b) << b->code;
  }
}

TEST(LocatorTest, MatchesBruteForceOnRandomPoints) {
  const AreaSet& set = testing::GroningenAreas();
  const auto buurten = set.List(Level::kNeighbourhood);
  const BruteForce brute_force(buurten);
  RdBox box;
  for (const Area* b : buurten) box.Extend(BoundsOf(b->geometry));
  for (double cell : {37.0, 100.0, 250.0}) {
    auto locator = Locator::Build(set, cell);
    ASSERT_TRUE(locator.ok());
    std::mt19937_64 rng(20261128);
    std::uniform_real_distribution<double> x(box.min_x - 500, box.max_x + 500);
    std::uniform_real_distribution<double> y(box.min_y - 500, box.max_y + 500);
    const int n = cell == 100.0 ? 200000 : 50000;
    int disagreements = 0, inside = 0;
    for (int i = 0; i < n; ++i) {
      RdPoint p{x(rng), y(rng)};
      const Area* want = brute_force(p);
      if (locator->Locate(p).buurt != want) ++disagreements;
      if (want != nullptr) ++inside;
    }
    EXPECT_EQ(disagreements, 0) << "cell " << cell;
    EXPECT_GT(inside, n / 5);  // the sample really exercises the buurten
  }
}

TEST(LocatorTest, PointsOnVerticesAndEdgesMatchBruteForce) {
  // The hardest points for the cell logic: exactly on vertices and edge midpoints.
  const AreaSet& set = testing::GroningenAreas();
  const auto buurten = set.List(Level::kNeighbourhood);
  const BruteForce brute_force(buurten);
  auto locator = Locator::Build(set);
  ASSERT_TRUE(locator.ok());
  int disagreements = 0;
  for (const Area* b : buurten) {
    for (const Ring& ring : b->geometry[0].rings) {
      for (size_t i = 1; i < ring.size(); ++i) {
        for (RdPoint p :
             {ring[i], RdPoint{(ring[i - 1].x + ring[i].x) / 2, (ring[i - 1].y + ring[i].y) / 2}}) {
          if (locator->Locate(p).buurt != brute_force(p)) ++disagreements;
        }
      }
    }
  }
  EXPECT_EQ(disagreements, 0);
}

TEST(LocatorTest, OutsideTheMunicipality) {
  auto locator = Locator::Build(testing::GroningenAreas());
  ASSERT_TRUE(locator.ok());
  LocateResult amersfoort = locator->Locate({155000, 463000});
  EXPECT_EQ(amersfoort.buurt, nullptr);
  EXPECT_EQ(amersfoort.wijk, nullptr);
  EXPECT_EQ(locator->Locate({std::nan(""), 582000}).buurt, nullptr);
  EXPECT_EQ(locator->Locate({1e300, -1e300}).buurt, nullptr);
}

TEST(LocatorTest, WijkenOnlyAndBatchAndThreads) {
  const AreaSet& all = testing::GroningenAreas();
  AreaSet wijken;
  for (const Area* w : all.List(Level::kDistrict)) ASSERT_TRUE(wijken.Add(*w).ok());
  auto by_wijk = Locator::Build(wijken);
  auto by_buurt = Locator::Build(all);
  ASSERT_TRUE(by_wijk.ok() && by_buurt.ok());
  std::vector<RdPoint> points;
  for (const Area* b : all.List(Level::kNeighbourhood)) points.push_back(b->interior_point);
  std::vector<LocateResult> out(points.size());
  by_wijk->LocateBatch(points, out);
  for (size_t i = 0; i < points.size(); ++i) {
    EXPECT_EQ(out[i].buurt, nullptr);
    ASSERT_NE(out[i].wijk, nullptr);
    EXPECT_EQ(out[i].wijk->code, by_buurt->Locate(points[i]).wijk->code);
  }
  std::vector<int> bad(4, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int rep = 0; rep < 50; ++rep) {
        for (const RdPoint& p : points) {
          if (by_buurt->Locate(p).buurt == nullptr) ++bad[t];
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(bad, std::vector<int>(4, 0));
}

Ring Square(double x, double y, double s) {
  return {{x, y}, {x + s, y}, {x + s, y + s}, {x, y + s}, {x, y}};
}

TEST(LocatorTest, HolesMultiPolygonsAndOverlapsMatchBruteForce) {
  constexpr double kX = 200000, kY = 500000;
  AreaSet set;
  Area a;  // a square with a square hole
  a.code = "BU_A";
  a.parent_code = "WK_X";
  Ring hole = Square(kX + 300, kY + 300, 400);
  std::reverse(hole.begin(), hole.end());
  a.geometry = {Polygon{{Square(kX, kY, 1000), hole}}};
  Area b;  // fills the hole, plus an island further east
  b.code = "BU_B";
  b.parent_code = "WK_X";
  b.geometry = {Polygon{{Square(kX + 300, kY + 300, 400)}}, Polygon{{Square(kX + 1200, kY, 200)}}};
  Area c;  // overlaps A (A comes first and wins), its wijk is not loaded
  c.code = "BU_C";
  c.parent_code = "WK_MISSING";
  c.geometry = {Polygon{
      {{{kX + 800, kY + 100}, {kX + 1100, kY + 130}, {kX + 950, kY + 900}, {kX + 800, kY + 100}}}}};
  Area w;
  w.code = "WK_X";
  w.level = Level::kDistrict;
  w.geometry = {Polygon{{Square(kX, kY, 1400)}}};
  for (Area* x : {&a, &b, &c, &w}) ASSERT_TRUE(set.Add(*x).ok());
  const auto buurten = set.List(Level::kNeighbourhood);
  for (double cell : {10.0, 37.0, 100.0, 1000.0}) {
    auto locator = Locator::Build(set, cell);
    ASSERT_TRUE(locator.ok());
    LocateResult in_hole = locator->Locate({kX + 500, kY + 500});
    ASSERT_NE(in_hole.buurt, nullptr);
    EXPECT_EQ(in_hole.buurt->code, "BU_B");
    ASSERT_NE(in_hole.wijk, nullptr);
    EXPECT_EQ(in_hole.wijk->code, "WK_X");
    EXPECT_EQ(locator->Locate({kX + 1300, kY + 100}).buurt->code, "BU_B");
    EXPECT_EQ(locator->Locate({kX + 900, kY + 500}).buurt->code, "BU_A");
    LocateResult only_c = locator->Locate({kX + 1050, kY + 200});
    ASSERT_NE(only_c.buurt, nullptr);
    EXPECT_EQ(only_c.buurt->code, "BU_C");
    EXPECT_EQ(only_c.wijk, nullptr);
    std::mt19937_64 rng(7);
    std::uniform_real_distribution<double> x(kX - 100, kX + 1500), y(kY - 100, kY + 1100);
    int disagreements = 0;
    for (int i = 0; i < 50000; ++i) {
      RdPoint p{x(rng), y(rng)};
      const Area* want = nullptr;
      for (const Area* ar : buurten) {
        if (Contains(ar->geometry, p)) {
          want = ar;
          break;
        }
      }
      if (locator->Locate(p).buurt != want) ++disagreements;
    }
    EXPECT_EQ(disagreements, 0) << "cell " << cell;
  }
}

TEST(LocatorTest, RejectsEmptySetAndBadCellSize) {
  AreaSet empty;
  EXPECT_EQ(Locator::Build(empty).status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(Locator::Build(testing::GroningenAreas(), 1).status().code(),
            StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace baken::geo
