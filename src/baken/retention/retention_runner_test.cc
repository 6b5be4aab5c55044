// The retention runner on real meldingen (MeldingService), with outbox mails, notes, KTO answers
// and attachment files, on SQLite and PostgreSQL; and the meldingen sources of the subject export.
#include "baken/retention/retention_runner.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "baken/base/time_zone.h"
#include "baken/notify/outbox.h"
#include "baken/notify/outbox_subject_source.h"
#include "baken/security/audit_log.h"
#include "baken/signals/melding_service.h"
#include "baken/signals/subject_source.h"
#include "baken/signals/testing/test_service.h"
#include "baken/store/testing/test_database.h"

namespace baken::retention {
namespace {

using signals::Melding;
using signals::NewMelding;
using std::chrono::days;
using store::Dialect;

const std::string kPng = std::string("\x89PNG\r\n\x1A\n", 8) + "foto van de container";

class RetentionRunnerTest : public ::testing::TestWithParam<Dialect> {
 protected:
  void SetUp() override {
    const Status opened = db_.Open(GetParam(), "baken_test_retention");
    ASSERT_TRUE(opened.ok()) << opened.ToString();
    dir_ = db_.dir().path();
    service_ = signals::testing::MakeTestService(*db_, clock_, (dir_ / "bijlagen").string());
    retention_options_.attachment_dir = (dir_ / "bijlagen").string();
  }
  void TearDown() override {
    service_.reset();
    db_.Close();
  }

  // A melding by `email`, with a note and an outbox mail; closed now when `close`.
  signals::Created Create(const std::string& email, std::string category = "afvalbak",
                          bool close = true, bool photo = false) {
    NewMelding n;
    n.text = "De buurman op nummer 12 zet elke week zijn afval naast de bak.";
    n.category = std::move(category);
    n.location = {signals::GivenLocation::Crs::kWgs84, 6.5665, 53.2190};
    n.reporter.name = "Jan de Vries";
    n.reporter.email = email;
    n.reporter.phone = "06-12345678";
    if (photo) n.attachments.push_back({"foto.png", "image/png", kPng});
    auto c = service_->Create(n, actor_);
    EXPECT_TRUE(c.ok()) << c.status().ToString();
    if (!c.ok()) return {};
    EXPECT_TRUE(service_
                    ->AddNote("GM0014", c->melding.id, "Bewoner nr 12 is bekend bij de wijkagent.",
                              false, staff_)
                    .ok());
    EXPECT_TRUE(db_->Write([&](store::Transaction& txn) {
                     notify::Message m;
                     m.tenant = "GM0014";
                     m.melding_id = c->melding.id;
                     m.to_address = email;
                     m.subject = "Uw melding " + c->melding.number;
                     m.body_text = "Beste Jan de Vries, dank voor uw melding.";
                     m.dedupe_key = "bevestiging:" + c->melding.id;
                     return notify::Outbox(*db_, clock_).Enqueue(txn, m);
                   })
                    .ok());
    if (close) {
      signals::StatusChange change;
      change.to = signals::State::kAfgehandeld;
      change.reporter_text = "De bak is geleegd.";
      auto closed = service_->ChangeStatus("GM0014", c->melding.id, change, staff_);
      EXPECT_TRUE(closed.ok()) << closed.status().ToString();
    }
    return *c;
  }

  RetentionSummary Run(Timestamp now, bool dry_run = false) {
    RetentionRunner runner(*db_, clock_, RetentionRules::Defaults(), retention_options_);
    auto s = runner.Run(now, dry_run);
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    return s.ok() ? *s : RetentionSummary{};
  }

  int64_t Count(const std::string& sql, std::initializer_list<store::Value> params = {}) {
    int64_t n = -1;
    EXPECT_TRUE(db_->Read([&](store::Transaction& txn) -> Status {
                     ASSIGN_OR_RETURN(store::Row r, txn.QueryRow(sql, params));
                     n = r.GetInt64(0);
                     return Status::Ok();
                   })
                    .ok());
    return n;
  }

  void ExpectAuditChainIntact() {
    security::AuditLog audit(*db_, clock_);
    auto v = audit.Verify();
    ASSERT_TRUE(v.ok()) << v.status().ToString();
    EXPECT_TRUE(v->ok) << v->reason;
  }

  int64_t AuditHead() {
    security::AuditLog audit(*db_, clock_);
    auto h = audit.Head();
    EXPECT_TRUE(h.ok());
    return h.ok() ? h->seq : -1;
  }

  std::filesystem::path dir_;
  FakeClock clock_{*ParseRfc3339("2026-03-03T10:00:00+01:00")};
  store::testing::TestDatabase db_;
  std::unique_ptr<signals::MeldingService> service_;
  RetentionOptions retention_options_;
  signals::Actor actor_{"melder", "", "", "127.0.0.1"};
  signals::Actor staff_{"u-1", "gebiedsmanager", "melding_afhandelen", "10.0.0.1"};
};

TEST_P(RetentionRunnerTest, NothingHappensBeforeThePeriod) {
  const Melding m = Create("jan@example.nl").melding;
  const int64_t head = AuditHead();
  RetentionSummary s = Run(clock_.Now() + days(364));
  EXPECT_EQ(s.total(), 0);
  auto again = service_->Get("GM0014", m.id);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->reporter.email, "jan@example.nl");
  EXPECT_EQ(AuditHead(), head);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM retention_tombstones"), 0);
}

TEST_P(RetentionRunnerTest, AnonymisationAfterAYearRemovesContactDataButKeepsTheMelding) {
  const Melding m = Create("jan@example.nl").melding;
  const Melding open = Create("piet@example.nl", "afvalbak", /*close=*/false).melding;
  RetentionSummary s = Run(clock_.Now() + days(366));
  EXPECT_EQ(s.anonymised, 1);
  EXPECT_EQ(s.destroyed, 0);
  EXPECT_EQ(s.redacted, 0);  // the standard rule keeps the text

  auto kept = service_->Get("GM0014", m.id);
  ASSERT_TRUE(kept.ok()) << kept.status().ToString();
  EXPECT_TRUE(kept->reporter.anonymous());
  EXPECT_FALSE(kept->reporter.consent_to_contact);
  EXPECT_EQ(kept->text, m.text);
  EXPECT_EQ(kept->state, signals::State::kAfgehandeld);
  EXPECT_GT(kept->version, m.version);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM outbox WHERE melding_id = ?", {m.id}), 0);
  // The open melding keeps everything.
  auto still = service_->Get("GM0014", open.id);
  ASSERT_TRUE(still.ok());
  EXPECT_EQ(still->reporter.email, "piet@example.nl");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM outbox WHERE melding_id = ?", {open.id}), 1);

  EXPECT_EQ(Count("SELECT COUNT(*) FROM retention_tombstones WHERE melding_number = ? AND action "
                  "= 'contact_geanonimiseerd' AND rule = 'standaard'",
                  {m.number}),
            1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'retentie.contact_geanonimiseerd' "
                  "AND object_id = ?",
                  {m.id}),
            1);
  ExpectAuditChainIntact();
}

TEST_P(RetentionRunnerTest, SecondRunDoesNothing) {
  Create("jan@example.nl");
  Create("kees@example.nl", "drugsoverlast");
  const Timestamp later = clock_.Now() + days(800);
  RetentionSummary first = Run(later);
  EXPECT_EQ(first.total(), 3);  // two anonymised, the confidential text redacted
  const int64_t head = AuditHead();
  RetentionSummary second = Run(later);
  EXPECT_EQ(second.total(), 0);
  EXPECT_EQ(second.files_deleted, 0);
  EXPECT_EQ(AuditHead(), head);
  ExpectAuditChainIntact();
}

TEST_P(RetentionRunnerTest, DestructionRemovesMeldingHistoryNotesAttachmentsAndLeavesATombstone) {
  const signals::Created created = Create("jan@example.nl", "afvalbak", true, /*photo=*/true);
  const Melding& m = created.melding;
  ASSERT_EQ(m.attachments.size(), 1u);
  const std::filesystem::path file = dir_ / "bijlagen" / m.attachments[0].sha256;
  ASSERT_TRUE(std::filesystem::exists(file));
  auto feedback = service_->RecordFeedback(created.follow_token, true, "Snel geregeld, dank!");
  ASSERT_TRUE(feedback.ok()) << feedback.status().ToString();
  ASSERT_TRUE(db_->Write([&](store::Transaction& txn) -> Status {
                   RETURN_IF_ERROR(txn.Execute("INSERT INTO tenants (code, name, created_at) "
                                               "VALUES ('GM0014', 'Groningen', ?) ON CONFLICT "
                                               "(code) DO NOTHING",
                                               {clock_.Now()})
                                       .status());
                   return txn
                       .Execute(
                           "INSERT INTO training_examples (tenant, text, category_code, "
                           "source, melding_id, created_at) VALUES ('GM0014', ?, "
                           "'afvalbak', 'correctie', ?, ?)",
                           {m.text, m.id, clock_.Now()})
                       .status();
                 })
                  .ok());
  ASSERT_GT(Count("SELECT COUNT(*) FROM melding_history WHERE melding_id = ?", {m.id}), 2);

  RetentionSummary s = Run(clock_.Now() + days(1827));
  EXPECT_EQ(s.destroyed, 1);
  EXPECT_EQ(s.anonymised, 0);  // destroyed outright, not first anonymised
  EXPECT_EQ(s.files_deleted, 1);
  EXPECT_EQ(service_->Get("GM0014", m.number).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM meldingen"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM melding_history WHERE melding_id = ?", {m.id}), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM melding_attachments WHERE melding_id = ?", {m.id}), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM outbox WHERE melding_id = ?", {m.id}), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM training_examples WHERE melding_id = ?", {m.id}), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM retention_file_deletions"), 0);
  EXPECT_FALSE(std::filesystem::exists(file));

  // The tombstone says what, when and by which rule, and holds nothing about the person.
  ASSERT_TRUE(db_->Read([&](store::Transaction& txn) -> Status {
                   ASSIGN_OR_RETURN(store::ResultSet rs,
                                    txn.Query("SELECT * FROM retention_tombstones"));
                   EXPECT_EQ(rs.rows.size(), 1u);
                   for (const store::Row& r : rs.rows) {
                     for (size_t i = 0; i < r.size(); ++i) {
                       if (r.IsNull(i) || !std::holds_alternative<std::string>(r.at(i))) continue;
                       const std::string v = r.GetText(i);
                       EXPECT_EQ(v.find("jan@"), std::string::npos);
                       EXPECT_EQ(v.find("Vries"), std::string::npos);
                       EXPECT_EQ(v.find("buurman"), std::string::npos);
                     }
                   }
                   ASSIGN_OR_RETURN(store::Row t,
                                    txn.QueryRow("SELECT melding_number, action, rule, category, "
                                                 "sensitivity FROM retention_tombstones"));
                   EXPECT_EQ(t.GetText(0), m.number);
                   EXPECT_EQ(t.GetText(1), "vernietigd");
                   EXPECT_EQ(t.GetText(2), "standaard");
                   EXPECT_EQ(t.GetText(3), "afvalbak");
                   EXPECT_EQ(t.GetText(4), "internal");
                   return Status::Ok();
                 })
                  .ok());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'retentie.vernietigd'"), 1);
  ExpectAuditChainIntact();
  EXPECT_EQ(Run(clock_.Now() + days(1827)).total(), 0);
}

TEST_P(RetentionRunnerTest, AFileAnotherMeldingStillUsesIsKept) {
  const Melding old = Create("jan@example.nl", "afvalbak", true, true).melding;
  clock_.Advance(days(1000));
  const Melding recent = Create("piet@example.nl", "afvalbak", true, true).melding;
  ASSERT_EQ(old.attachments[0].sha256, recent.attachments[0].sha256);
  RetentionSummary s = Run(clock_.Now() + days(900));  // old: 1900 days, recent: 900
  EXPECT_EQ(s.destroyed, 1);
  EXPECT_EQ(s.files_deleted, 0);
  EXPECT_TRUE(std::filesystem::exists(dir_ / "bijlagen" / recent.attachments[0].sha256));
  auto read = service_->ReadAttachment("GM0014", recent.id, recent.attachments[0].id);
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_EQ(*read, kPng);
}

// A run that stopped after committing a destruction but before removing the file: the next run
// removes it.
TEST_P(RetentionRunnerTest, AFileLeftByACrashedRunIsRemovedByTheNext) {
  const std::string sha(64, 'a');
  std::filesystem::create_directories(dir_ / "bijlagen");
  std::ofstream(dir_ / "bijlagen" / sha) << "oud";
  ASSERT_TRUE(db_->Write([&](store::Transaction& txn) {
                   return txn
                       .Execute(
                           "INSERT INTO retention_file_deletions (sha256, queued_at) VALUES "
                           "(?, ?)",
                           {sha, clock_.Now()})
                       .status();
                 })
                  .ok());
  RetentionSummary dry = Run(clock_.Now(), /*dry_run=*/true);
  EXPECT_TRUE(std::filesystem::exists(dir_ / "bijlagen" / sha));
  RetentionSummary s = Run(clock_.Now());
  EXPECT_EQ(s.files_deleted, 1);
  EXPECT_FALSE(std::filesystem::exists(dir_ / "bijlagen" / sha));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM retention_file_deletions"), 0);
}

TEST_P(RetentionRunnerTest, DryRunChangesNothing) {
  const Melding m = Create("jan@example.nl", "afvalbak", true, true).melding;
  const int64_t head = AuditHead();
  RetentionSummary s = Run(clock_.Now() + days(1827), /*dry_run=*/true);
  EXPECT_TRUE(s.dry_run);
  EXPECT_EQ(s.destroyed, 1);
  ASSERT_EQ(s.actions.size(), 1u);
  EXPECT_EQ(s.actions[0].number, m.number);
  EXPECT_NE(FormatSummary(s).find("niets veranderd"), std::string::npos);
  EXPECT_EQ(AuditHead(), head);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM meldingen"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM retention_tombstones"), 0);
  EXPECT_TRUE(std::filesystem::exists(dir_ / "bijlagen" / m.attachments[0].sha256));
  auto kept = service_->Get("GM0014", m.id);
  ASSERT_TRUE(kept.ok());
  EXPECT_EQ(kept->reporter.email, "jan@example.nl");
}

TEST_P(RetentionRunnerTest, ConfidentialFreeTextIsRedactedAfterTwoYears) {
  const Melding m = Create("kees@example.nl", "drugsoverlast").melding;
  const int64_t history =
      Count("SELECT COUNT(*) FROM melding_history WHERE melding_id = ?", {m.id});
  RetentionSummary s = Run(clock_.Now() + days(731));
  EXPECT_EQ(s.redacted, 1);
  EXPECT_EQ(s.anonymised, 1);
  EXPECT_EQ(s.per_rule["vertrouwelijk"], 2);
  auto kept = service_->Get("GM0014", m.id);
  ASSERT_TRUE(kept.ok());
  EXPECT_EQ(kept->text, "[verwijderd]");
  EXPECT_EQ(kept->category, "drugsoverlast");
  auto h = service_->History("GM0014", m.id);
  ASSERT_TRUE(h.ok());
  EXPECT_EQ(static_cast<int64_t>(h->size()), history);  // the entries stay, their texts go
  for (const signals::HistoryEntry& e : *h) {
    EXPECT_TRUE(e.text.empty() || e.text == "[verwijderd]") << e.text;
  }
  ExpectAuditChainIntact();
}

TEST_P(RetentionRunnerTest, RedactedWordsAreGoneFromTheFullTextIndex) {
  // The word sorts first, so FTS5 stores it whole (later terms share a prefix with the one before).
  NewMelding n;
  n.text = "Aardappelschilmesje gevonden bij de bank, er wordt hier gedeald.";
  n.category = "drugsoverlast";
  n.location = {signals::GivenLocation::Crs::kWgs84, 6.5665, 53.2190};
  auto c = service_->Create(n, actor_);
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  signals::StatusChange change;
  change.to = signals::State::kAfgehandeld;
  change.reporter_text = "Doorgegeven aan de politie.";
  ASSERT_TRUE(service_->ChangeStatus("GM0014", c->melding.id, change, staff_).ok());

  const bool sqlite = GetParam() == Dialect::kSqlite;
  const std::string found =
      sqlite ? "SELECT COUNT(*) FROM meldingen_fts WHERE meldingen_fts MATCH 'aardappelschilmesje'"
             : "SELECT COUNT(*) FROM meldingen WHERE search @@ "
               "plainto_tsquery('dutch', 'aardappelschilmesje')";
  // FTS5 only marks the tokens of a changed text deleted; they stay in its segments until merged.
  const std::string in_segments =
      "SELECT COUNT(*) FROM meldingen_fts_data WHERE "
      "instr(block, CAST('aardappelschilmesje' AS BLOB)) > 0";
  ASSERT_EQ(Count(found), 1);
  if (sqlite) ASSERT_GT(Count(in_segments), 0);
  ASSERT_EQ(Run(clock_.Now() + days(731)).redacted, 1);
  EXPECT_EQ(Count(found), 0);
  if (sqlite) EXPECT_EQ(Count(in_segments), 0);
}

TEST_P(RetentionRunnerTest, AReopenedMeldingIsNotTouched) {
  const Melding m = Create("jan@example.nl").melding;
  signals::StatusChange reopen;
  reopen.to = signals::State::kHeropend;
  reopen.reporter_text = "We kijken opnieuw.";
  ASSERT_TRUE(service_->ChangeStatus("GM0014", m.id, reopen, staff_).ok());
  EXPECT_EQ(Run(clock_.Now() + days(4000)).total(), 0);
  EXPECT_TRUE(service_->Get("GM0014", m.id).ok());
}

TEST_P(RetentionRunnerTest, HistoryOfALiveMeldingStaysAppendOnly) {
  const Melding m = Create("jan@example.nl").melding;
  Status del = db_->Write([&](store::Transaction& txn) {
    return txn.Execute("DELETE FROM melding_history WHERE melding_id = ?", {m.id}).status();
  });
  EXPECT_FALSE(del.ok());
  Status edit = db_->Write([&](store::Transaction& txn) {
    return txn
        .Execute("UPDATE melding_history SET text = 'iets anders' WHERE melding_id = ?", {m.id})
        .status();
  });
  EXPECT_FALSE(edit.ok());
  Status sneaky = db_->Write([&](store::Transaction& txn) {
    return txn
        .Execute(
            "UPDATE melding_history SET text = '[verwijderd]', actor = 'x' WHERE "
            "melding_id = ?",
            {m.id})
        .status();
  });
  EXPECT_FALSE(sneaky.ok());
}

TEST_P(RetentionRunnerTest, SubjectExportFindsAReportersMeldingenMailsAndKtoAnswers) {
  const signals::Created mine = Create("Jan@Example.nl");
  const Melding other = Create("piet@example.nl").melding;
  ASSERT_TRUE(service_->RecordFeedback(mine.follow_token, false, "Het ligt er nog steeds.").ok());
  security::SubjectSourceRegistry registry;
  ASSERT_TRUE(registry.Add(signals::MeldingenSubjectSource(*db_)).ok());
  ASSERT_TRUE(registry.Add(signals::FeedbackSubjectSource(*db_)).ok());
  ASSERT_TRUE(registry.Add(notify::OutboxSubjectSource(*db_)).ok());
  auto doc = registry.Export({"jan@example.nl", std::string("GM0014")}, clock_.Now());
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  auto j = nlohmann::json::parse(*doc);
  ASSERT_EQ(j["bronnen"].size(), 3u);
  const auto& meldingen = j["bronnen"][0]["records"];
  ASSERT_EQ(meldingen.size(), 1u);
  EXPECT_EQ(meldingen[0]["nummer"], mine.melding.number);
  EXPECT_EQ(meldingen[0]["melder"]["telefoon"], "06-12345678");
  EXPECT_EQ(meldingen[0]["berichten_aan_melder"][0]["tekst"], "De bak is geleegd.");
  EXPECT_EQ(doc->find(other.number), std::string::npos);
  EXPECT_EQ(doc->find("wijkagent"), std::string::npos);  // internal notes stay out
  const auto& kto = j["bronnen"][1]["records"];
  ASSERT_EQ(kto.size(), 1u);
  EXPECT_EQ(kto[0]["antwoord"], "ontevreden");
  EXPECT_EQ(kto[0]["toelichting"], "Het ligt er nog steeds.");
  const auto& mails = j["bronnen"][2]["records"];
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_EQ(mails[0]["melding"], mine.melding.number);
  // Another municipality holds nothing on them.
  auto elsewhere = registry.Export({"jan@example.nl", std::string("GM0363")}, clock_.Now());
  ASSERT_TRUE(elsewhere.ok());
  EXPECT_EQ(nlohmann::json::parse(*elsewhere)["bronnen"][0]["records"].size(), 0u);
}

INSTANTIATE_TEST_SUITE_P(Stores, RetentionRunnerTest,
                         ::testing::Values(Dialect::kSqlite, Dialect::kPostgres),
                         [](const auto& info) {
                           return info.param == Dialect::kSqlite ? "Sqlite" : "Postgres";
                         });

}  // namespace
}  // namespace baken::retention
