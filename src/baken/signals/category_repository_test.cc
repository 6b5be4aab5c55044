#include "baken/signals/category_repository.h"

#include "baken/store/testing/test_database.h"
#include "gtest/gtest.h"

namespace baken::signals {
namespace {

class CategoryRepositoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const Status opened = db_.Open();
    ASSERT_TRUE(opened.ok()) << opened.ToString();
    auto catalog =
        ReadTaxonomyFile(std::string(BAKEN_SOURCE_DIR) + "/data/categories/groningen.json");
    ASSERT_TRUE(catalog.ok()) << catalog.status().ToString();
    catalog_ = std::move(*catalog);
  }
  void TearDown() override { db_.Close(); }

  FakeClock clock_{FromUnixMicros(1'790'000'000'000'000)};
  store::testing::TestDatabase db_;
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

TEST_F(CategoryRepositoryTest, UpdateChecksTheVersionAndRollsBackWithItsHook) {
  CategoryRepository repo(*db_, clock_);
  ASSERT_TRUE(repo.ImportTaxonomy(catalog_, "systeem").ok());
  Category changed = *catalog_.Find("hondenpoep");
  changed.service_level.amount = 3;

  // A stale version is refused inside the transaction, naming the If-Match header.
  auto stale = repo.Update("GM0014", changed, "sbakker", 7, {});
  EXPECT_EQ(stale.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(stale.status().field(), "If-Match");

  // A failing hook (e.g. the audit entry) rolls the new version back.
  auto failed = repo.Update("GM0014", changed, "sbakker", 1,
                            [](store::Transaction&, const CategoryVersion&, int) -> Status {
                              return InternalError("audit kapot");
                            });
  EXPECT_EQ(failed.status().code(), StatusCode::kInternal);
  EXPECT_EQ(repo.History("GM0014", "hondenpoep")->size(), 1u);

  int hooked = 0;
  int before_amount = 0;
  auto ok = repo.Update("GM0014", changed, "sbakker", 1,
                        [&](store::Transaction&, const CategoryVersion& before, int v) -> Status {
                          hooked = v;
                          before_amount = before.category.service_level.amount;
                          return Status::Ok();
                        });
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ(*ok, 2);
  EXPECT_EQ(hooked, 2);
  EXPECT_EQ(before_amount, 10);
  EXPECT_EQ((*repo.Current("GM0014"))->Find("hondenpoep")->version, 2);

  // Saving the same definition stores nothing and does not call the hook.
  hooked = 0;
  auto same = repo.Update("GM0014", changed, "sbakker", 2,
                          [&](store::Transaction&, const CategoryVersion&, int v) -> Status {
                            hooked = v;
                            return Status::Ok();
                          });
  ASSERT_TRUE(same.ok());
  EXPECT_EQ(*same, 2);
  EXPECT_EQ(hooked, 0);
}

TEST_F(CategoryRepositoryTest, SeedKeepsStaffEditsAndAddsWhatIsNew) {
  CategoryRepository repo(*db_, clock_);
  // First start: the whole taxonomy.
  auto first = repo.Seed(catalog_, "systeem");
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ((*first)->categories().size(), catalog_.categories().size());

  Category changed = *catalog_.Find("hondenpoep");
  changed.service_level = {ServiceLevel::Unit::kHours, 48};
  ASSERT_TRUE(repo.Update("GM0014", changed, "sbakker").ok());
  const int version = (*repo.Current("GM0014"))->version();

  // A restart with the same file: the edit stays, nothing is written.
  auto again = repo.Seed(catalog_, "systeem");
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ((*again)->Find("hondenpoep")->service_level.amount, 48);
  EXPECT_EQ((*again)->version(), version);

  // A file with a new category adds it and still keeps the edit.
  std::vector<Category> categories = catalog_.categories();
  Category added = categories.front();
  added.code = "nieuwe-categorie";
  added.name = "Nieuw";
  categories.push_back(added);
  CategoryCatalog newer(catalog_.tenant(), catalog_.version() + 1, catalog_.departments(),
                        catalog_.mains(), categories);
  auto grown = repo.Seed(newer, "systeem");
  ASSERT_TRUE(grown.ok()) << grown.status().ToString();
  ASSERT_NE((*grown)->Find("nieuwe-categorie"), nullptr);
  EXPECT_EQ((*grown)->Find("hondenpoep")->service_level.amount, 48);
  EXPECT_EQ(repo.History("GM0014", "hondenpoep")->size(), 2u);
}

}  // namespace
}  // namespace baken::signals
