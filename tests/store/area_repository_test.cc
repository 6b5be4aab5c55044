// AreaRepository on both databases with Groningen's real CBS wijken and buurten.
#include "baken/store/area_repository.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include "baken/geo/area_set.h"
#include "baken/geo/geojson.h"
#include "baken/geo/locator.h"
#include "baken/store/testing/test_database.h"

namespace baken::store {
namespace {

geo::AreaSet LoadCbs(const std::string& file, geo::Level level) {
  auto fc = geo::ReadGeoJsonFile(std::string(BAKEN_SHARED_DIR) + "/data/groningen/" + file);
  EXPECT_TRUE(fc.ok()) << fc.status().ToString();
  auto set = geo::ImportCbs(*fc, level, "GM0014");
  EXPECT_TRUE(set.ok()) << set.status().ToString();
  return std::move(*set);
}

class AreaRepositoryTest : public ::testing::TestWithParam<Dialect> {
 protected:
  void SetUp() override {
    std::string url = GetParam() == Dialect::kSqlite ? "sqlite:" + tmp_.File("areas.db")
                                                     : testing::PostgresTestUrl("baken_test_areas");
    ASSERT_FALSE(url.empty()) << "PostgreSQL test cluster not running (run through ctest)";
    auto db = testing::OpenFreshMigratedDatabase(url);
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    db_ = std::move(*db);
  }

  testing::TempDir tmp_;
  FakeClock clock_{FromUnixMicros(1'780'000'000'000'000)};
  std::unique_ptr<Database> db_;
};

TEST_P(AreaRepositoryTest, StoresAndLoadsGroningenExactly) {
  AreaRepository repo(*db_, clock_);
  geo::AreaSet wijken = LoadCbs("cbs-wijken-2017.geojson", geo::Level::kDistrict);
  geo::AreaSet buurten = LoadCbs("cbs-buurten-2017.geojson", geo::Level::kNeighbourhood);
  auto stored_w = repo.ReplaceLevel("GM0014", "Groningen", geo::Level::kDistrict, wijken, "w");
  ASSERT_TRUE(stored_w.ok()) << stored_w.status().ToString();
  EXPECT_EQ(*stored_w, 15);
  auto stored_b =
      repo.ReplaceLevel("GM0014", "Groningen", geo::Level::kNeighbourhood, buurten, "b");
  ASSERT_TRUE(stored_b.ok()) << stored_b.status().ToString();
  EXPECT_EQ(*stored_b, 108);

  auto loaded = repo.Load("GM0014");
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  EXPECT_EQ(loaded->size(), 123u);
  const geo::Area* binnenstad = loaded->Find("BU00140000");
  ASSERT_NE(binnenstad, nullptr);
  EXPECT_EQ(binnenstad->name, "Binnenstad-Noord");
  EXPECT_EQ(binnenstad->parent_code, "WK001400");
  EXPECT_EQ(binnenstad->inhabitants, 4440);
  EXPECT_EQ(binnenstad->geometry, buurten.Find("BU00140000")->geometry);  // bit-exact

  // The loaded set locates as well as the imported one: every buurt's interior point.
  auto locator = geo::Locator::Build(*loaded);
  ASSERT_TRUE(locator.ok());
  for (const geo::Area* b : loaded->List(geo::Level::kNeighbourhood)) {
    auto hit = locator->Locate(b->interior_point);
    ASSERT_NE(hit.buurt, nullptr) << b->code;
    EXPECT_EQ(hit.buurt->code, b->code);
    ASSERT_NE(hit.wijk, nullptr) << b->code;
    EXPECT_EQ(hit.wijk->code, b->parent_code);
  }
}

TEST_P(AreaRepositoryTest, ReimportReplacesTheLevelAndListsSummaries) {
  AreaRepository repo(*db_, clock_);
  geo::AreaSet wijken = LoadCbs("cbs-wijken-2017.geojson", geo::Level::kDistrict);
  ASSERT_TRUE(repo.ReplaceLevel("GM0014", "Groningen", geo::Level::kDistrict, wijken, "a").ok());
  ASSERT_TRUE(repo.ReplaceLevel("GM0014", "Groningen", geo::Level::kDistrict, wijken, "b").ok());
  auto list = repo.List("GM0014", geo::Level::kDistrict);
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 15u);
  EXPECT_EQ((*list)[0].code, "WK001400");
  EXPECT_EQ((*list)[0].name, "Centrum");
  EXPECT_EQ((*list)[0].inhabitants, 22635);
  auto tenants = repo.Tenants();
  ASSERT_TRUE(tenants.ok());
  EXPECT_EQ(*tenants, std::vector<std::string>{"GM0014"});
}

TEST_P(AreaRepositoryTest, ImportOfTheWrongLevelChangesNothing) {
  AreaRepository repo(*db_, clock_);
  geo::AreaSet wijken = LoadCbs("cbs-wijken-2017.geojson", geo::Level::kDistrict);
  ASSERT_TRUE(repo.ReplaceLevel("GM0014", "Groningen", geo::Level::kDistrict, wijken, "a").ok());
  auto wrong = repo.ReplaceLevel("GM0014", "Groningen", geo::Level::kNeighbourhood, wijken, "a");
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.status().code(), StatusCode::kInvalidArgument);
  auto list = repo.List("GM0014", std::nullopt);
  ASSERT_TRUE(list.ok());
  EXPECT_EQ(list->size(), 15u);
}

INSTANTIATE_TEST_SUITE_P(BothDatabases, AreaRepositoryTest,
                         ::testing::Values(Dialect::kSqlite, Dialect::kPostgres),
                         [](const auto& info) {
                           return info.param == Dialect::kSqlite ? "Sqlite" : "Postgres";
                         });

}  // namespace
}  // namespace baken::store
