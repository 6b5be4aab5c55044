#include "baken/security/audit_log.h"

#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "baken/security/internal/audit_hash.h"
#include "baken/store/testing/test_database.h"
#include "gtest/gtest.h"

namespace baken::security {
namespace {

using std::chrono::hours;

const Timestamp kStart = FromUnixMicros(1'790'000'000'000'000);  // 2026-09-21

class AuditLogTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const Status opened = db_.Open();
    ASSERT_TRUE(opened.ok()) << opened.ToString();
    log_ = std::make_unique<AuditLog>(*db_, clock_);
  }
  void TearDown() override {
    log_.reset();
    db_.Close();
  }

  static AuditEntry Entry(int i, std::string tenant = "GM0014") {
    AuditEntry e;
    e.tenant = std::move(tenant);
    e.actor = "user-" + std::to_string(i % 7);
    e.actor_role = "boa";
    e.action = "melding.read";
    e.object_type = "melding";
    e.object_id = "M-2026-" + std::to_string(100000 + i);
    e.purpose = "toezicht_handhaving";
    e.sensitivity = "confidential";
    e.from_address = "10.0.0." + std::to_string(i % 250);
    e.details = R"({"i":)" + std::to_string(i) + "}";
    return e;
  }

  // Appends n entries in one transaction, the clock one hour apart.
  void AppendMany(int n) {
    ASSERT_TRUE(db_->Write([&](store::Transaction& txn) -> Status {
                     for (int i = 1; i <= n; ++i) {
                       RETURN_IF_ERROR(log_->Append(txn, Entry(i)));
                       clock_.Advance(hours(1));
                     }
                     return Status::Ok();
                   })
                    .ok());
  }

  void Tamper(const std::string& sql, std::initializer_list<store::Value> params = {}) {
    // An attacker with file access first removes the append-only triggers.
    Status s = db_->Write([&](store::Transaction& txn) -> Status {
      RETURN_IF_ERROR(txn.ExecuteScript(
          txn.dialect() == store::Dialect::kPostgres
              ? "ALTER TABLE audit_log DISABLE TRIGGER USER;"
              : "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;"));
      return txn.Execute(sql, params).status();
    });
    ASSERT_TRUE(s.ok()) << s.ToString();
  }

  AuditVerifyResult MustVerify() {
    auto r = log_->Verify();
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : AuditVerifyResult{};
  }

  FakeClock clock_{kStart};
  store::testing::TestDatabase db_;
  std::unique_ptr<AuditLog> log_;
};

TEST_F(AuditLogTest, ChainOfThousandEntriesVerifies) {
  AppendMany(1000);
  const AuditVerifyResult r = MustVerify();
  EXPECT_TRUE(r.ok) << r.reason;
  EXPECT_EQ(r.entries_checked, 1000);
  auto head = log_->Head();
  ASSERT_TRUE(head.ok());
  EXPECT_EQ(head->seq, 1000);
  EXPECT_EQ(head->hash.size(), 32u);
}

TEST_F(AuditLogTest, EmptyLogVerifies) {
  const AuditVerifyResult r = MustVerify();
  EXPECT_TRUE(r.ok);
  EXPECT_EQ(r.entries_checked, 0);
}

TEST_F(AuditLogTest, DatabaseRefusesUpdateAndDelete) {
  AppendMany(3);
  EXPECT_FALSE(
      db_->Write([](store::Transaction& txn) {
           return txn.Execute("UPDATE audit_log SET details = '{}' WHERE seq = 2").status();
         })
          .ok());
  EXPECT_FALSE(db_->Write([](store::Transaction& txn) {
                    return txn.Execute("DELETE FROM audit_log WHERE seq = 2").status();
                  })
                   .ok());
  EXPECT_TRUE(MustVerify().ok);
}

TEST_F(AuditLogTest, ChangedDetailsAreDetectedAtThatEntry) {
  AppendMany(1000);
  Tamper("UPDATE audit_log SET details = ? WHERE seq = 500", {std::string(R"({"i":0})")});
  const AuditVerifyResult r = MustVerify();
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.first_bad_seq, 500);
  EXPECT_EQ(r.problem, AuditProblem::kHashMismatch);
  EXPECT_EQ(r.entries_checked, 499);
  EXPECT_EQ(r.reason, "Regel 500 is gewijzigd (hash klopt niet)");
}

TEST_F(AuditLogTest, ForgedEntryWithRecomputedHashBreaksTheNextLink) {
  AppendMany(20);
  AuditEntry forged = Entry(10);
  ASSERT_TRUE(db_->Read([&](store::Transaction& txn) -> Status {
                   ASSIGN_OR_RETURN(
                       store::Row row,
                       txn.QueryRow("SELECT at, prev_hash FROM audit_log WHERE seq = 10"));
                   forged.seq = 10;
                   forged.at = row.GetTimestamp(0);
                   forged.prev_hash = row.GetBlob(1).bytes;
                   return Status::Ok();
                 })
                  .ok());
  forged.actor = "someone-else";
  forged.hash = internal::AuditHash(forged);
  Tamper("UPDATE audit_log SET actor = ?, hash = ? WHERE seq = 10",
         {forged.actor, store::Blob{forged.hash}});
  const AuditVerifyResult r = MustVerify();
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.first_bad_seq, 11);
  EXPECT_EQ(r.problem, AuditProblem::kBrokenLink);
}

TEST_F(AuditLogTest, DeletedEntryIsDetectedAsGap) {
  AppendMany(1000);
  Tamper("DELETE FROM audit_log WHERE seq = 300");
  const AuditVerifyResult r = MustVerify();
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.first_bad_seq, 300);
  EXPECT_EQ(r.problem, AuditProblem::kGap);
  EXPECT_EQ(r.reason, "Regel 300 ontbreekt (verwijderd?)");
}

TEST_F(AuditLogTest, DeletedTailIsDetectedThroughTheHead) {
  AppendMany(50);
  Tamper("DELETE FROM audit_log WHERE seq > 45");
  const AuditVerifyResult r = MustVerify();
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.first_bad_seq, 46);
  EXPECT_EQ(r.problem, AuditProblem::kHeadMismatch);
}

TEST_F(AuditLogTest, EntryRollsBackWithTheCallersTransaction) {
  AppendMany(2);
  Status s = db_->Write([&](store::Transaction& txn) -> Status {
    RETURN_IF_ERROR(log_->Append(txn, Entry(3)));
    return FailedPreconditionError("de wijziging zelf mislukt");
  });
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(log_->Head()->seq, 2);
  EXPECT_EQ(*log_->Append(Entry(4)), 3);
  EXPECT_TRUE(MustVerify().ok);
}

TEST_F(AuditLogTest, ConcurrentWritersKeepOneChain) {
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 25; ++i) {
        auto r = log_->Append(Entry(t * 100 + i));
        if (!r.ok() && failures++ == 0) ADD_FAILURE() << r.status().ToString();
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  const AuditVerifyResult r = MustVerify();
  EXPECT_TRUE(r.ok) << r.reason;
  EXPECT_EQ(r.entries_checked, 100);
}

TEST_F(AuditLogTest, RejectsIncompleteEntriesAndNonJsonDetails) {
  AuditEntry e = Entry(1);
  e.details = "not json";
  EXPECT_EQ(log_->Append(e).status().code(), StatusCode::kInvalidArgument);
  e = Entry(1);
  e.action.clear();
  EXPECT_EQ(log_->Append(e).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(log_->Head()->seq, 0);
}

TEST_F(AuditLogTest, ExportFiltersByTimeAndTenant) {
  AppendMany(10);                                       // entry i at kStart + (i-1) h
  ASSERT_TRUE(log_->Append(Entry(11, "GM0034")).ok());  // at kStart + 10 h
  std::ostringstream json;
  ASSERT_TRUE(
      log_->Export("", kStart + hours(2), kStart + hours(5), json, AuditExportFormat::kJsonLines)
          .ok());
  std::istringstream lines(json.str());
  std::vector<nlohmann::json> rows;
  for (std::string line; std::getline(lines, line);) rows.push_back(nlohmann::json::parse(line));
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0]["seq"], 3);
  EXPECT_EQ(rows[2]["seq"], 5);
  EXPECT_EQ(rows[0]["details"]["i"], 3);
  EXPECT_EQ(rows[0]["at"], "2026-09-21T16:13:20.000000Z");
  EXPECT_EQ(rows[0]["hash"].get<std::string>().size(), 64u);

  std::ostringstream other;
  ASSERT_TRUE(
      log_->Export("GM0034", kStart, kStart + hours(24), other, AuditExportFormat::kCsv).ok());
  const std::string csv = other.str();
  EXPECT_TRUE(csv.starts_with("seq,at,tenant,actor,"));
  EXPECT_NE(csv.find("\r\n11,2026-09-22T00:13:20.000000Z,GM0034,user-4,boa,melding.read,"),
            std::string::npos)
      << csv;
  EXPECT_EQ(csv.find("GM0014"), std::string::npos);
  EXPECT_NE(csv.find(R"(,"{""i"":11}",)"), std::string::npos) << csv;
}

TEST_F(AuditLogTest, CsvCellsCannotRunAsSpreadsheetFormulas) {
  AuditEntry e = Entry(1);
  e.object_id = "=HYPERLINK(\"http://x\")";
  ASSERT_TRUE(log_->Append(e).ok());
  std::ostringstream out;
  ASSERT_TRUE(log_->Export("", kStart, kStart + hours(1), out, AuditExportFormat::kCsv).ok());
  EXPECT_NE(out.str().find(R"x(,"'=HYPERLINK(""http://x"")",)x"), std::string::npos) << out.str();
}

TEST(AuditEntryTest, DecisionEntryRecordsWhoWhyAndOutcome) {
  AccessRequest r{Principal{"u7", "GM0014", Role::kAnalist, {}, true}, Purpose::kAnalyse,
                  Action::kReadPersonalData, Sensitivity::kInternal, "GM0014"};
  const Decision d = Decide(r);
  AuditEntry e = AuditEntryForDecision(r, d, "melding.read", "melding", "M-1", "192.0.2.1");
  EXPECT_EQ(e.outcome, AuditOutcome::kDeny);
  EXPECT_EQ(e.actor, "u7");
  EXPECT_EQ(e.actor_role, "analist");
  EXPECT_EQ(e.purpose, "analyse");
  EXPECT_EQ(nlohmann::json::parse(e.details)["reason"], d.reason);
}

TEST(AuditHashTest, SerialisationIsUnambiguous) {
  AuditEntry a, b;
  a.tenant = "GM0014";
  a.actor = "ab";
  a.actor_role = "c";
  b.tenant = "GM0014";
  b.actor = "a";
  b.actor_role = "bc";
  EXPECT_NE(internal::AuditHash(a), internal::AuditHash(b));
}

}  // namespace
}  // namespace baken::security
