#include "baken/signals/category_repository.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include "baken/store/testing/test_database.h"
#include "gtest/gtest.h"

namespace baken::signals {
namespace {

class CategoryRepositoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("baken_categories_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    const char* pg = std::getenv("BAKEN_TEST_POSTGRES_URL");
    auto db = store::testing::OpenFreshMigratedDatabase(
        pg != nullptr ? std::string(pg) : "sqlite:" + (dir_ / "baken.db").string());
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    db_ = std::move(*db);
    auto catalog =
        ReadTaxonomyFile(std::string(BAKEN_SOURCE_DIR) + "/data/categories/groningen.json");
    ASSERT_TRUE(catalog.ok()) << catalog.status().ToString();
    catalog_ = std::move(*catalog);
  }
  void TearDown() override {
    db_.reset();
    std::filesystem::remove_all(dir_);
  }

  std::filesystem::path dir_;
  FakeClock clock_{FromUnixMicros(1'790'000'000'000'000)};
  std::unique_ptr<store::Database> db_;
  CategoryCatalog catalog_;
};

TEST_F(CategoryRepositoryTest, ImportUpdateAndHistory) {
  CategoryRepository repo(*db_, clock_);
  EXPECT_EQ(repo.Current("GM0014").status().code(), StatusCode::kNotFound);
  auto v1 = repo.ImportTaxonomy(catalog_, "beheerder");
  ASSERT_TRUE(v1.ok()) << v1.status().ToString();
  auto current = repo.Current("GM0014");
  ASSERT_TRUE(current.ok()) << current.status().ToString();
  EXPECT_EQ((*current)->categories().size(), catalog_.categories().size());
  EXPECT_EQ((*current)->departments().size(), catalog_.departments().size());
  const Category* poep = (*current)->Find("hondenpoep");
  ASSERT_NE(poep, nullptr);
  EXPECT_EQ(poep->department, catalog_.Find("hondenpoep")->department);
  EXPECT_EQ(poep->service_level.amount, catalog_.Find("hondenpoep")->service_level.amount);

  // Importing the same file again changes no category.
  ASSERT_TRUE(repo.ImportTaxonomy(catalog_, "beheerder").ok());
  EXPECT_EQ(repo.History("GM0014", "hondenpoep")->size(), 1u);

  Category changed = *poep;
  changed.service_level.amount = 5;
  changed.department = "stadsbeheer";
  clock_.Advance(std::chrono::hours(1));
  auto v = repo.Update("GM0014", changed, "sbakker");
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  EXPECT_EQ(*v, 2);
  auto history = repo.History("GM0014", "hondenpoep");
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->size(), 2u);
  EXPECT_EQ((*history)[0].category.service_level.amount, 10);
  EXPECT_EQ((*history)[1].category.service_level.amount, 5);
  EXPECT_EQ((*history)[1].changed_by, "sbakker");
  auto after = repo.Current("GM0014");
  ASSERT_TRUE(after.ok());
  EXPECT_EQ((*after)->Find("hondenpoep")->department, "stadsbeheer");
  EXPECT_GT((*after)->version(), (*current)->version());

  changed.department = "nergens";
  EXPECT_EQ(repo.Update("GM0014", changed, "sbakker").status().field(), "afdeling");
  changed.code = "bestaat-niet";
  EXPECT_EQ(repo.Update("GM0014", changed, "sbakker").status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace baken::signals
