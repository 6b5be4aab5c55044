#include "baken/security/subject_access.h"

#include <set>

#include <nlohmann/json.hpp>

#include "baken/security/accounts.h"
#include "baken/security/audit_log.h"
#include "baken/store/testing/test_database.h"
#include "gtest/gtest.h"

namespace baken::security {
namespace {

const Timestamp kNoon = FromUnixMicros(1'789'992'000'000'000);

class SubjectAccessTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const Status opened = db_.Open();
    ASSERT_TRUE(opened.ok()) << opened.ToString();
    audit_ = std::make_unique<AuditLog>(*db_, clock_);
    AccountOptions options;
    options.server_key = std::string(32, 'k');
    options.hash_params = PasswordHashParams{1, size_t{8} << 20};
    accounts_ = std::make_unique<AccountService>(*db_, clock_, *audit_, options);
  }
  void TearDown() override {
    accounts_.reset();
    audit_.reset();
    db_.Close();
  }

  User Make(const std::string& tenant, const std::string& username, const std::string& email) {
    auto u = accounts_->CreateUser(
        {tenant, username, "Naam " + username, email, Role::kAnalist, {}, "Zomer-op-het-Wad-2026"},
        "admin-1");
    EXPECT_TRUE(u.ok()) << u.status().ToString();
    return u.ok() ? *u : User{};
  }

  FakeClock clock_{kNoon};
  store::testing::TestDatabase db_;
  std::unique_ptr<AuditLog> audit_;
  std::unique_ptr<AccountService> accounts_;
};

TEST_F(SubjectAccessTest, AccountsAndAuditEntriesOfThatAddressOnly) {
  const User sanne = Make("GM0014", "sbakker", "S.Bakker@groningen.nl");
  const User other = Make("GM0014", "pjansen", "p.jansen@groningen.nl");
  const User elsewhere = Make("GM0034", "sbakker", "s.bakker@groningen.nl");
  ASSERT_TRUE(
      accounts_
          ->Authenticate("GM0014", "sbakker", "Zomer-op-het-Wad-2026", std::nullopt, "192.0.2.10")
          .ok());

  SubjectSourceRegistry registry;
  ASSERT_TRUE(registry.Add(AccountsSubjectSource(*db_)).ok());
  ASSERT_TRUE(registry.Add(AuditSubjectSource(*db_)).ok());
  EXPECT_EQ(registry.Add(AuditSubjectSource(*db_)).code(), StatusCode::kInvalidArgument);

  auto text = registry.Export({"s.bakker@groningen.nl", std::string("GM0014")}, kNoon);
  ASSERT_TRUE(text.ok()) << text.status().ToString();
  EXPECT_EQ(text->find("argon2"), std::string::npos);
  EXPECT_EQ(text->find(other.id), std::string::npos);
  EXPECT_EQ(text->find(elsewhere.id), std::string::npos);
  const auto doc = nlohmann::json::parse(*text);
  ASSERT_EQ(doc["bronnen"].size(), 2u);
  EXPECT_EQ(doc["bronnen"][0]["naam"], "accounts");
  ASSERT_EQ(doc["bronnen"][0]["records"].size(), 1u);
  EXPECT_EQ(doc["bronnen"][0]["records"][0]["id"], sanne.id);
  EXPECT_EQ(doc["bronnen"][0]["records"][0]["tweestapsverificatie"], false);
  EXPECT_EQ(doc["bronnen"][1]["naam"], "audit");
  std::set<std::string> actions;
  for (const auto& r : doc["bronnen"][1]["records"]) actions.insert(r["actie"]);
  EXPECT_EQ(actions, (std::set<std::string>{"user.create", "login.success"}));

  // Without a tenant: both municipalities.
  auto all = registry.Export({"s.bakker@groningen.nl", std::nullopt}, kNoon);
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(nlohmann::json::parse(*all)["bronnen"][0]["records"].size(), 2u);

  EXPECT_EQ(registry.Export({"", std::nullopt}, kNoon).status().field(), "email");
}

TEST_F(SubjectAccessTest, AnotherModuleAddsItsOwnSource) {
  SubjectSourceRegistry registry;
  ASSERT_TRUE(
      registry
          .Add({"meldingen", "Uw meldingen",
                [](const SubjectQuery& q) -> StatusOr<std::vector<std::string>> {
                  return std::vector<std::string>{nlohmann::json{{"melder", q.email}}.dump()};
                }})
          .ok());
  auto text = registry.Export({"a@b.nl", std::nullopt}, kNoon);
  ASSERT_TRUE(text.ok());
  EXPECT_EQ(nlohmann::json::parse(*text)["bronnen"][0]["records"][0]["melder"], "a@b.nl");
  ASSERT_TRUE(registry
                  .Add({"kapot", "x",
                        [](const SubjectQuery&) -> StatusOr<std::vector<std::string>> {
                          return UnavailableError("database weg");
                        }})
                  .ok());
  EXPECT_EQ(registry.Export({"a@b.nl", std::nullopt}, kNoon).status().code(),
            StatusCode::kUnavailable);
}

}  // namespace
}  // namespace baken::security
