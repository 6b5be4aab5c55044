#include "baken/security/access.h"

#include <sstream>

#include "baken/store/testing/test_database.h"
#include "gtest/gtest.h"

namespace baken::security {
namespace {

class AccessTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const Status opened = db_.Open();
    ASSERT_TRUE(opened.ok()) << opened.ToString();
    audit_ = std::make_unique<AuditLog>(*db_, clock_);
  }
  void TearDown() override {
    audit_.reset();
    db_.Close();
  }

  // Runs Authorize in a write that then fails or succeeds like the caller's own change would.
  Decision Run(const AccessRequest& r, bool change_ok = true) {
    Decision d;
    (void)db_->Write([&](store::Transaction& txn) -> Status {
      ASSIGN_OR_RETURN(d,
                       Authorize(*audit_, txn, r, {"melding.read", "melding", "M-1", "10.0.0.1"}));
      return change_ok ? Status::Ok() : InternalError("change failed");
    });
    return d;
  }

  int64_t Entries() { return audit_->Head()->seq; }

  FakeClock clock_{FromUnixMicros(1'789'992'000'000'000)};
  store::testing::TestDatabase db_;
  std::unique_ptr<AuditLog> audit_;
};

AccessRequest Boa(Sensitivity s, Action a = Action::kRead) {
  return AccessRequest{Principal{"u1", "GM0014", Role::kBoa, {"centrum"}, true},
                       Purpose::kToezichtHandhaving,
                       a,
                       s,
                       "GM0014",
                       std::string("centrum")};
}

TEST_F(AccessTest, AuditsConfidentialReadsDenialsAndExportsButNotRoutineReads) {
  EXPECT_TRUE(Run(Boa(Sensitivity::kInternal)).allowed);
  EXPECT_EQ(Entries(), 0);
  EXPECT_TRUE(Run(Boa(Sensitivity::kConfidential)).allowed);
  EXPECT_EQ(Entries(), 1);
  EXPECT_FALSE(Run(Boa(Sensitivity::kSpecial)).allowed);
  EXPECT_EQ(Entries(), 2);
  EXPECT_FALSE(Run(Boa(Sensitivity::kInternal, Action::kExport)).allowed);
  EXPECT_EQ(Entries(), 3);
  std::ostringstream out;
  ASSERT_TRUE(audit_
                  ->Export("GM0014", clock_.Now(), clock_.Now() + std::chrono::seconds(1), out,
                           AuditExportFormat::kJsonLines)
                  .ok());
  EXPECT_NE(out.str().find("\"outcome\":\"deny\""), std::string::npos);
  EXPECT_NE(out.str().find("\"object_id\":\"M-1\""), std::string::npos);
}

TEST_F(AccessTest, AuditEntryRollsBackWithTheFailedChange) {
  EXPECT_TRUE(Run(Boa(Sensitivity::kConfidential), /*change_ok=*/false).allowed);
  EXPECT_EQ(Entries(), 0);
}

TEST_F(AccessTest, ToStatusCarriesTheReason) {
  const Decision d = Decide(Boa(Sensitivity::kSpecial));
  EXPECT_EQ(ToStatus(d).code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(ToStatus(d).message(), d.reason);
  EXPECT_TRUE(ToStatus(Decide(Boa(Sensitivity::kInternal))).ok());
}

}  // namespace
}  // namespace baken::security
