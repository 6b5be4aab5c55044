// The outbox and its worker on SQLite and PostgreSQL, delivering to the test SMTP sink.
#include "baken/notify/outbox.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <set>
#include <thread>

#include "baken/base/time_zone.h"
#include "baken/notify/outbox_worker.h"
#include "baken/notify/testing/fake_mailer.h"
#include "baken/notify/testing/smtp_sink.h"
#include "baken/store/testing/test_database.h"

namespace baken::notify {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using store::Dialect;

class OutboxTest : public ::testing::TestWithParam<Dialect> {
 protected:
  void SetUp() override {
    const Status opened = db_.Open(GetParam(), "baken_test_notify");
    ASSERT_TRUE(opened.ok()) << opened.ToString();
    auto templates = Templates::Create("https://meldingen.groningen.nl");
    ASSERT_TRUE(templates.ok());
    templates_ = std::make_unique<Templates>(*templates);
    outbox_ = std::make_unique<Outbox>(*db_, clock_, *templates_);
    ASSERT_TRUE(sink_.Start().ok());
  }
  void TearDown() override {
    sink_.Stop();
    outbox_.reset();
    db_.Close();
  }

  SmtpOptions Smtp() {
    SmtpOptions o;
    o.port = sink_.port();
    o.tls = SmtpTls::kNone;  // the plain sink; encryption: curl_mailer_tls_test.cc
    o.from = "noreply@groningen.nl";
    o.timeout = std::chrono::milliseconds(3000);
    return o;
  }
  WorkerOptions Worker(const std::string& id) {
    WorkerOptions w;
    w.worker_id = id;
    return w;
  }

  EventForMail Intake(int i) {
    EventForMail e;
    e.kind = MailKind::kConfirmation;
    e.tenant = "GM0014";
    e.melding_id = "melding-" + std::to_string(i);
    e.number = "M-2026-" + std::to_string(100000 + i);
    e.reporter_email = "melder" + std::to_string(i) + "@example.nl";
    e.category_public_name = "Container vol of kapot";
    e.handling_message = "Wij legen of repareren de container meestal binnen drie werkdagen.";
    e.deadline = clock_.Now() + hours(72);
    e.follow_code = "code" + std::to_string(i);
    return e;
  }

  Status EnqueueEvent(const EventForMail& e) {
    return db_->Write([&](store::Transaction& txn) { return outbox_->EnqueueForEvent(txn, e); });
  }

  std::vector<OutboxEntry> List(OutboxFilter f) {
    auto l = outbox_->List(f);
    EXPECT_TRUE(l.ok()) << l.status().ToString();
    return l.ok() ? *l : std::vector<OutboxEntry>{};
  }

  FakeClock clock_{*ParseRfc3339("2026-11-28T13:00:00Z")};
  store::testing::TestDatabase db_;
  std::unique_ptr<Templates> templates_;
  std::unique_ptr<Outbox> outbox_;
  testing::SmtpSink sink_;
};

TEST_P(OutboxTest, EnqueueInARolledBackTransactionLeavesNothing) {
  Status s = db_->Write([&](store::Transaction& txn) -> Status {
    RETURN_IF_ERROR(outbox_->EnqueueForEvent(txn, Intake(1)));
    return FailedPreconditionError("de meldingwijziging mislukt");
  });
  EXPECT_EQ(s.code(), StatusCode::kFailedPrecondition);
  EXPECT_TRUE(List(OutboxFilter::kAll).empty());
  OutboxWorker worker(*db_, clock_, Smtp(), Worker("w1"));
  auto round = worker.RunOnce();
  ASSERT_TRUE(round.ok());
  EXPECT_EQ(round->claimed, 0);
  EXPECT_EQ(sink_.Count(), 0u);
}

TEST_P(OutboxTest, WorkerDeliversToTheSinkAndMarksSent) {
  EventForMail e = Intake(1);
  e.reporter_name = "Jan de Vries";
  e.handling_message = ".Wij komen zo snel mogelijk.";  // a line starting with '.'
  ASSERT_TRUE(EnqueueEvent(e).ok());
  EventForMail change = Intake(1);
  change.kind = MailKind::kStatusChange;
  change.follow_code.clear();
  change.state = signals::State::kInBehandeling;
  change.reporter_text = "Een medewerker gaat ermee aan de slag.";
  change.event_seq = 2;
  ASSERT_TRUE(EnqueueEvent(change).ok());
  ASSERT_EQ(List(OutboxFilter::kPending).size(), 2u);

  OutboxWorker worker(*db_, clock_, Smtp(), Worker("w1"));
  auto round = worker.RunOnce();
  ASSERT_TRUE(round.ok()) << round.status().ToString();
  EXPECT_EQ(round->sent, 2);
  ASSERT_EQ(sink_.Count(), 2u);
  const auto mails = sink_.Messages();
  const auto& confirmation = mails[0];
  EXPECT_EQ(confirmation.Header("To"), "melder1@example.nl");
  EXPECT_EQ(confirmation.Header("Subject"), "Uw melding M-2026-100001 is ontvangen");
  EXPECT_NE(confirmation.Body().find("\r\n.Wij komen zo snel mogelijk.\r\n"), std::string::npos)
      << confirmation.Body();
  EXPECT_NE(confirmation.Body().find("https://meldingen.groningen.nl/volgen/code1\r\n"),
            std::string::npos);
  const auto& status = mails[1];
  EXPECT_EQ(status.Header("Subject"), "Uw melding M-2026-100001: In behandeling");
  EXPECT_EQ(status.Header("Content-Transfer-Encoding"), "7bit");

  const auto sent = List(OutboxFilter::kSent);
  ASSERT_EQ(sent.size(), 2u);
  for (const OutboxEntry& entry : sent) {
    ASSERT_TRUE(entry.sent_at.has_value());
    EXPECT_EQ(*entry.sent_at, clock_.Now());
    EXPECT_EQ(entry.attempts, 1);
  }
  EXPECT_EQ(worker.RunOnce()->claimed, 0);
  EXPECT_EQ(sink_.Count(), 2u);
}

TEST_P(OutboxTest, SentMailKeepsNoUsableFollowCode) {
  ASSERT_TRUE(EnqueueEvent(Intake(1)).ok());
  const auto pending = List(OutboxFilter::kPending);
  ASSERT_EQ(pending.size(), 1u);
  ASSERT_NE(pending[0].message.body_text.find("/volgen/code1"), std::string::npos);
  OutboxWorker worker(*db_, clock_, Smtp(), Worker("w1"));
  ASSERT_EQ(worker.RunOnce()->sent, 1);
  // The reporter got the link; the stored copy no longer opens their melding.
  ASSERT_EQ(sink_.Count(), 1u);
  EXPECT_NE(sink_.Messages()[0].Body().find("/volgen/code1"), std::string::npos);
  const auto sent = List(OutboxFilter::kSent);
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0].message.body_text.find("code1"), std::string::npos)
      << sent[0].message.body_text;
  EXPECT_NE(sent[0].message.body_text.find("/volgen/[verwijderd]"), std::string::npos)
      << sent[0].message.body_text;
}

TEST_P(OutboxTest, PasswordWithoutEncryptionSendsNothingAndTheOutboxSaysWhy) {
  ASSERT_TRUE(EnqueueEvent(Intake(1)).ok());
  SmtpOptions o = Smtp();
  o.user = "baken";
  o.password = "geheim-wachtwoord";
  OutboxWorker worker(*db_, clock_, o, Worker("w1"));
  auto round = worker.RunOnce();
  ASSERT_TRUE(round.ok());
  EXPECT_EQ(round->sent, 0);
  EXPECT_EQ(sink_.Count(), 0u);
  const auto pending = List(OutboxFilter::kPending);
  ASSERT_EQ(pending.size(), 1u);
  EXPECT_NE(pending[0].last_error.find("niet versleuteld"), std::string::npos)
      << pending[0].last_error;
  EXPECT_EQ(pending[0].last_error.find("geheim-wachtwoord"), std::string::npos);
}

TEST_P(OutboxTest, Utf8SubjectTravelsEncoded) {
  Message m;
  m.tenant = "GM0014";
  m.melding_id = "m1";
  m.to_address = "melder@example.nl";
  m.subject = "Uw melding: geluidsoverlast café – één week";
  m.body_text = "Tekst met é.\n";
  m.dedupe_key = "test:1";
  ASSERT_TRUE(db_->Write([&](store::Transaction& txn) { return outbox_->Enqueue(txn, m); }).ok());
  OutboxWorker worker(*db_, clock_, Smtp(), Worker("w1"));
  ASSERT_EQ(worker.RunOnce()->sent, 1);
  const auto mail = sink_.Messages().at(0);
  EXPECT_EQ(mail.Header("Subject").rfind("=?UTF-8?B?", 0), 0u);
  // libcurl does not announce BODY=8BITMIME, so non-ASCII text travels quoted-printable.
  EXPECT_EQ(mail.Header("Content-Transfer-Encoding"), "quoted-printable");
  EXPECT_EQ(mail.Body(), "Tekst met =C3=A9.\r\n");
}

TEST_P(OutboxTest, DedupeKeyPreventsADoubleMail) {
  ASSERT_TRUE(EnqueueEvent(Intake(1)).ok());
  ASSERT_TRUE(EnqueueEvent(Intake(1)).ok()) << "a replay is ok and changes nothing";
  // Also when the replay comes after sending.
  OutboxWorker worker(*db_, clock_, Smtp(), Worker("w1"));
  ASSERT_EQ(worker.RunOnce()->sent, 1);
  ASSERT_TRUE(EnqueueEvent(Intake(1)).ok());
  // In one transaction with other work, the taken key does not abort it (PostgreSQL).
  ASSERT_TRUE(db_->Write([&](store::Transaction& txn) -> Status {
                   RETURN_IF_ERROR(outbox_->EnqueueForEvent(txn, Intake(1)));
                   return outbox_->EnqueueForEvent(txn, Intake(2));
                 })
                  .ok());
  EXPECT_EQ(worker.RunOnce()->sent, 1);
  EXPECT_EQ(List(OutboxFilter::kAll).size(), 2u);
  EXPECT_EQ(sink_.Count(), 2u);
}

TEST_P(OutboxTest, WhileTheServerIsDownMessagesWaitWithBackOffAndGoOutWhenItIsBack) {
  ASSERT_TRUE(EnqueueEvent(Intake(1)).ok());
  sink_.Stop();
  OutboxWorker worker(*db_, clock_, Smtp(), Worker("w1"));
  const Timestamp start = clock_.Now();

  auto round = worker.RunOnce();
  ASSERT_TRUE(round.ok()) << round.status().ToString();
  EXPECT_EQ(round->retrying, 1);
  auto pending = List(OutboxFilter::kPending);
  ASSERT_EQ(pending.size(), 1u);
  EXPECT_EQ(pending[0].attempts, 1);
  EXPECT_EQ(pending[0].next_attempt_at, start + minutes(1));
  EXPECT_FALSE(pending[0].last_error.empty());

  EXPECT_EQ(worker.RunOnce()->claimed, 0) << "not due before its back-off";
  clock_.Advance(minutes(1));
  EXPECT_EQ(worker.RunOnce()->retrying, 1);
  EXPECT_EQ(List(OutboxFilter::kPending)[0].next_attempt_at, start + minutes(1) + minutes(2));
  clock_.Advance(minutes(2));
  sink_.SetRefuse(true);  // back, but refusing for now (4xx)
  ASSERT_TRUE(sink_.Start().ok());
  EXPECT_EQ(worker.RunOnce()->retrying, 1);
  pending = List(OutboxFilter::kPending);
  EXPECT_EQ(pending[0].attempts, 3);
  EXPECT_NE(pending[0].last_error.find("451"), std::string::npos) << pending[0].last_error;
  EXPECT_EQ(pending[0].next_attempt_at, clock_.Now() + minutes(4));

  sink_.SetRefuse(false);
  clock_.Advance(minutes(4));
  EXPECT_EQ(worker.RunOnce()->sent, 1);
  EXPECT_EQ(sink_.Count(), 1u);
  EXPECT_TRUE(List(OutboxFilter::kPending).empty());
  EXPECT_EQ(List(OutboxFilter::kSent).at(0).attempts, 4);
}

// The worker sends through whatever Mailer it is given (the seam of ADR 0015): the product's
// CurlMailer or, here, the fake; its reasons land in the outbox.
TEST_P(OutboxTest, WorkerSendsThroughTheMailerItIsGivenAndKeepsItsReason) {
  ASSERT_TRUE(EnqueueEvent(Intake(1)).ok());
  testing::FakeMailer mailer;
  mailer.SetFailure(FailedPreconditionError("De mailserver biedt geen STARTTLS aan."));
  OutboxWorker worker(*db_, clock_, mailer, Worker("w1"));
  EXPECT_EQ(worker.RunOnce()->retrying, 1);
  auto pending = List(OutboxFilter::kPending);
  ASSERT_EQ(pending.size(), 1u);
  EXPECT_EQ(pending[0].last_error, "De mailserver biedt geen STARTTLS aan.");

  mailer.SetFailure(Status::Ok());
  clock_.Advance(minutes(1));
  EXPECT_EQ(worker.RunOnce()->sent, 1);
  const auto sent = mailer.Sent();
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0].message.to_address, "melder1@example.nl");
  EXPECT_EQ(sent[0].message_id, pending[0].id);
  EXPECT_NE(sent[0].message.body_text.find("https://meldingen.groningen.nl/volgen/code1"),
            std::string::npos);
  EXPECT_EQ(sink_.Count(), 0u);  // nothing went past the seam

  mailer.SetFailure(InvalidArgumentError("Ongeldig e-mailadres.", "aan"));
  ASSERT_TRUE(EnqueueEvent(Intake(2)).ok());
  EXPECT_EQ(worker.RunOnce()->given_up, 1);  // an unusable address is not retried
  EXPECT_EQ(List(OutboxFilter::kFailed).size(), 1u);
}

TEST_P(OutboxTest, GivesUpAfter48HoursAndShowsWhy) {
  ASSERT_TRUE(EnqueueEvent(Intake(1)).ok());
  sink_.Stop();
  OutboxWorker worker(*db_, clock_, Smtp(), Worker("w1"));
  const Timestamp start = clock_.Now();
  int rounds = 0;
  while (List(OutboxFilter::kFailed).empty() && rounds < 400) {
    ASSERT_TRUE(worker.RunOnce().ok());
    clock_.Advance(minutes(10));
    ++rounds;
  }
  const auto failed = List(OutboxFilter::kFailed);
  ASSERT_EQ(failed.size(), 1u);
  ASSERT_TRUE(failed[0].failed_at.has_value());
  EXPECT_GE(*failed[0].failed_at - start, hours(48));
  EXPECT_LT(*failed[0].failed_at - start, hours(49));
  EXPECT_EQ(failed[0].last_error.rfind("Opgegeven na ", 0), 0u) << failed[0].last_error;
  // Back-off capped at an hour: 1+2+4+...+32 minutes, then hourly: about 52 attempts in 48 h.
  EXPECT_GT(failed[0].attempts, 45);
  EXPECT_LT(failed[0].attempts, 60);
  EXPECT_TRUE(List(OutboxFilter::kPending).empty());
  ASSERT_TRUE(sink_.Start().ok());
  clock_.Advance(hours(2));
  EXPECT_EQ(worker.RunOnce()->claimed, 0) << "given up is final";
}

TEST_P(OutboxTest, ALeaseKeepsOtherWorkersOffUntilItRunsOut) {
  ASSERT_TRUE(EnqueueEvent(Intake(1)).ok());
  auto claimed = outbox_->Claim("dead-worker", 10, minutes(10));
  ASSERT_TRUE(claimed.ok());
  ASSERT_EQ(claimed->size(), 1u);
  OutboxWorker other(*db_, clock_, Smtp(), Worker("w2"));
  EXPECT_EQ(other.RunOnce()->claimed, 0);
  clock_.Advance(minutes(10));
  EXPECT_EQ(other.RunOnce()->sent, 1);
  EXPECT_EQ(outbox_->MarkSent(claimed->at(0).id, "dead-worker").code(),
            StatusCode::kFailedPrecondition);
  EXPECT_EQ(sink_.Count(), 1u);
}

TEST_P(OutboxTest, AReleasedMessageIsDueAgainWithoutCountingAnAttempt) {
  ASSERT_TRUE(EnqueueEvent(Intake(1)).ok());
  auto claimed = outbox_->Claim("slow-worker", 10, minutes(10));
  ASSERT_TRUE(claimed.ok());
  ASSERT_EQ(claimed->size(), 1u);
  ASSERT_TRUE(outbox_->Release(claimed->at(0).id, "slow-worker").ok());
  EXPECT_EQ(outbox_->Release(claimed->at(0).id, "slow-worker").code(),
            StatusCode::kFailedPrecondition);
  OutboxWorker other(*db_, clock_, Smtp(), Worker("w2"));
  EXPECT_EQ(other.RunOnce()->sent, 1);
  EXPECT_EQ(List(OutboxFilter::kSent).at(0).attempts, 1);
}

TEST_P(OutboxTest, TwoWorkersNeverSendOneMessageTwice) {
  constexpr int kMessages = 40;
  for (int i = 0; i < kMessages; ++i) ASSERT_TRUE(EnqueueEvent(Intake(i)).ok());
  WorkerOptions a = Worker("a");
  WorkerOptions b = Worker("b");
  a.batch_size = b.batch_size = 3;
  OutboxWorker wa(*db_, clock_, Smtp(), a);
  OutboxWorker wb(*db_, clock_, Smtp(), b);
  auto drain = [](OutboxWorker& w, int& sent) {
    for (;;) {
      auto r = w.RunOnce();
      ASSERT_TRUE(r.ok()) << r.status().ToString();
      sent += r->sent;
      if (r->claimed == 0) return;
    }
  };
  int sent_a = 0, sent_b = 0;
  std::thread ta([&] { drain(wa, sent_a); });
  std::thread tb([&] { drain(wb, sent_b); });
  ta.join();
  tb.join();
  EXPECT_EQ(sent_a + sent_b, kMessages);
  ASSERT_EQ(sink_.Count(), static_cast<size_t>(kMessages));
  std::set<std::string> ids, recipients;
  for (const auto& m : sink_.Messages()) {
    ids.insert(m.Header("Message-ID"));
    recipients.insert(m.Header("To"));
  }
  EXPECT_EQ(ids.size(), static_cast<size_t>(kMessages));
  EXPECT_EQ(recipients.size(), static_cast<size_t>(kMessages));
}

TEST_P(OutboxTest, StartAndStopRunTheBackgroundThread) {
  ASSERT_TRUE(EnqueueEvent(Intake(1)).ok());
  WorkerOptions w = Worker("bg");
  w.poll_interval = std::chrono::milliseconds(20);
  OutboxWorker worker(*db_, clock_, Smtp(), w);
  worker.Start();
  EXPECT_TRUE(sink_.WaitForCount(1, std::chrono::seconds(10)));
  ASSERT_TRUE(EnqueueEvent(Intake(2)).ok());
  EXPECT_TRUE(sink_.WaitForCount(2, std::chrono::seconds(10)));
  worker.Stop();
  worker.Stop();  // twice is fine
  EXPECT_EQ(List(OutboxFilter::kSent).size(), 2u);
}

INSTANTIATE_TEST_SUITE_P(Dialects, OutboxTest,
                         ::testing::Values(Dialect::kSqlite, Dialect::kPostgres),
                         [](const auto& info) {
                           return info.param == Dialect::kSqlite ? "Sqlite" : "Postgres";
                         });

}  // namespace
}  // namespace baken::notify
