#include "baken/geo/area_set.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>

#include "baken/geo/testing/test_data.h"

namespace baken::geo {
namespace {

using ::testing::HasSubstr;

FeatureCollection OneSquare(Properties props, Ring ring) {
  FeatureCollection fc;
  fc.features.push_back({std::move(props), {Polygon{{std::move(ring)}}}});
  return fc;
}
Ring Square(double x, double y, double s) {
  return {{x, y}, {x + s, y}, {x + s, y + s}, {x, y + s}, {x, y}};
}

TEST(AreaSetTest, ImportsGroningenBuurtenAndWijken) {
  const AreaSet& set = testing::GroningenAreas();
  const auto buurten = set.List(Level::kNeighbourhood);
  const auto wijken = set.List(Level::kDistrict);
  EXPECT_EQ(buurten.size(), 108u);
  EXPECT_EQ(wijken.size(), 15u);
  const Area* binnenstad = set.Find("BU00140000");
  ASSERT_NE(binnenstad, nullptr);
  EXPECT_EQ(binnenstad->name, "Binnenstad-Noord");
  EXPECT_EQ(binnenstad->parent_code, "WK001400");
  EXPECT_EQ(binnenstad->inhabitants, 4440);
  const Area* wijk = set.Find("WK001400");
  ASSERT_NE(wijk, nullptr);
  EXPECT_EQ(wijk->parent_code, "GM0014");
  EXPECT_EQ(wijk->level, Level::kDistrict);
  int64_t sum_buurt = 0, sum_wijk = 0;
  double ha = 0;
  std::set<std::string> parents;
  for (const Area* b : buurten) {
    if (b->inhabitants > 0) sum_buurt += b->inhabitants;
    ha += b->area_ha;
    parents.insert(b->parent_code);
    EXPECT_NE(set.Find(b->parent_code), nullptr) << b->code;
  }
  for (const Area* w : wijken) sum_wijk += w->inhabitants;
  EXPECT_EQ(sum_buurt, 202515);  // CBS 2017: rounded per buurt, hence not the wijk total
  EXPECT_EQ(sum_wijk, 202620);
  EXPECT_NEAR(ha, 10149, 1);
  EXPECT_EQ(parents.size(), 15u);
}

TEST(AreaSetTest, InteriorPointLiesInItsOwnArea) {
  for (const auto& a : testing::GroningenAreas().areas()) {
    EXPECT_TRUE(Contains(a->geometry, a->interior_point)) << a->code;
  }
}

TEST(AreaSetTest, SecretCbsValuesBecomeUnknown) {
  auto fc = OneSquare({{"BU_CODE", "BU00149999"},
                       {"BU_NAAM", "Geheim"},
                       {"WK_CODE", "WK001499"},
                       {"GM_CODE", "GM0014"},
                       {"AANT_INW", int64_t{-99999999}},
                       {"OPP_TOT", -99999999.0}},
                      Square(233000, 582000, 100));
  auto set = ImportCbs(fc, Level::kNeighbourhood, "GM0014");
  ASSERT_TRUE(set.ok()) << set.status().ToString();
  const Area* a = set->Find("BU00149999");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->inhabitants, kUnknownInhabitants);
  EXPECT_LT(a->area_ha, 0);
  EXPECT_NEAR(a->interior_point.x, 233050, 50);
}

TEST(AreaSetTest, OtherMunicipalityOnlyIsAnError) {
  auto fc = OneSquare({{"BU_CODE", "BU03630000"}, {"WK_CODE", "WK036300"}, {"GM_CODE", "GM0363"}},
                      Square(120000, 487000, 100));
  auto set = ImportCbs(fc, Level::kNeighbourhood, "GM0014");
  ASSERT_FALSE(set.ok());
  EXPECT_THAT(set.status().message(), HasSubstr("geen enkel gebied met GM_CODE GM0014"));
}

TEST(AreaSetTest, InvalidGeometryIsReportedWithReason) {
  // A bow tie: the ring crosses itself.
  Ring bow = {
      {233000, 582000}, {233100, 582100}, {233100, 582000}, {233000, 582100}, {233000, 582000}};
  auto fc =
      OneSquare({{"BU_CODE", "BU00140001"}, {"WK_CODE", "WK001400"}, {"GM_CODE", "GM0014"}}, bow);
  auto set = ImportCbs(fc, Level::kNeighbourhood, "GM0014");
  ASSERT_FALSE(set.ok());
  EXPECT_THAT(set.status().message(),
              HasSubstr("feature 0 (BU00140001): geometrie is ongeldig: Self-intersection"));
}

TEST(AreaSetTest, MissingCodeAndDuplicates) {
  auto fc = OneSquare({{"GM_CODE", "GM0014"}, {"WK_CODE", "WK001400"}}, Square(0, 300000, 10));
  EXPECT_THAT(ImportCbs(fc, Level::kNeighbourhood, "GM0014").status().message(),
              HasSubstr("feature 0: BU_CODE ontbreekt"));
  AreaSet set;
  Area a;
  a.code = "BU1";
  ASSERT_TRUE(set.Add(a).ok());
  EXPECT_EQ(set.Add(a).code(), StatusCode::kAlreadyExists);
  const Area* before = set.Find("BU1");
  AreaSet other;
  a.code = "BU2";
  ASSERT_TRUE(other.Add(a).ok());
  ASSERT_TRUE(set.Merge(std::move(other)).ok());
  EXPECT_EQ(set.Find("BU1"), before);  // addresses are stable
  EXPECT_NE(set.Find("BU2"), nullptr);
  EXPECT_EQ(set.Find("BU3"), nullptr);
}

}  // namespace
}  // namespace baken::geo
