#include "baken/classify/training_examples.h"

#include <gtest/gtest.h>

#include "baken/store/testing/test_database.h"

namespace baken::classify {
namespace {

// Monday 21 September 2026, 12:00 UTC.
const Timestamp kNoon = FromUnixMicros(1'789'992'000'000'000);

class TrainingExamplesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const Status opened = db_.Open();
    ASSERT_TRUE(opened.ok()) << opened.ToString();
    for (const char* tenant : {"GM0014", "GM0034"}) {
      ASSERT_TRUE(db_->Write([&](store::Transaction& txn) -> Status {
                       return txn
                           .Execute("INSERT INTO tenants (code, name, created_at) VALUES (?, ?, ?)",
                                    {std::string(tenant), std::string("gemeente"), kNoon})
                           .status();
                     })
                      .ok());
    }
    repo_ = std::make_unique<TrainingExamples>(*db_, clock_);
  }
  void TearDown() override {
    repo_.reset();
    db_.Close();
  }

  FakeClock clock_{kNoon};
  store::testing::TestDatabase db_;
  std::unique_ptr<TrainingExamples> repo_;
};

TEST_F(TrainingExamplesTest, CorrectionsAreStoredPerTenantOldestFirst) {
  auto first = repo_->AddCorrection("GM0014", "Hondenpoep bij de école", "hondenpoep", "M-2026-1");
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  clock_.Advance(std::chrono::minutes(5));
  auto second = repo_->AddCorrection("GM0014", "Tags op de brug", "graffiti", std::nullopt);
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  ASSERT_TRUE(
      repo_->Add("GM0034", {"Lamp kapot", "straatverlichting"}, ExampleSource::kImport).ok());
  EXPECT_LT(*first, *second);

  auto all = repo_->All("GM0014");
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  ASSERT_EQ(all->size(), 2u);
  const StoredExample& a = (*all)[0];
  EXPECT_EQ(a.id, *first);
  EXPECT_EQ(a.tenant, "GM0014");
  EXPECT_EQ(a.example, (Example{"Hondenpoep bij de école", "hondenpoep"}));
  EXPECT_EQ(a.source, ExampleSource::kCorrection);
  EXPECT_EQ(a.melding_id, std::optional<std::string>("M-2026-1"));
  EXPECT_EQ(a.created_at, kNoon);
  EXPECT_EQ((*all)[1].melding_id, std::nullopt);
  EXPECT_EQ((*all)[1].created_at, kNoon + std::chrono::minutes(5));

  auto other = repo_->All("GM0034");
  ASSERT_TRUE(other.ok());
  ASSERT_EQ(other->size(), 1u);
  EXPECT_EQ((*other)[0].source, ExampleSource::kImport);
  EXPECT_TRUE(repo_->All("GM9999")->empty());
}

TEST_F(TrainingExamplesTest, RefusesEmptyFieldsAndUnknownTenants) {
  auto empty_text = repo_->AddCorrection("GM0014", " ?! ", "graffiti", std::nullopt);
  EXPECT_EQ(empty_text.status().field(), "tekst");
  auto empty_code = repo_->AddCorrection("GM0014", "Tags op de brug", "", std::nullopt);
  EXPECT_EQ(empty_code.status().field(), "categorie");
  auto tenant = repo_->AddCorrection("GM9999", "Tags op de brug", "graffiti", std::nullopt);
  EXPECT_EQ(tenant.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_TRUE(repo_->All("GM0014")->empty());
}

}  // namespace
}  // namespace baken::classify
