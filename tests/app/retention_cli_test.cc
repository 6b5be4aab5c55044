// `baken retention run|rules` and `baken subject export` as an administrator runs them, on a
// SQLite database with real meldingen: a dry run changes nothing, contact data go after a year,
// the melding and its photo after the Archiefwet period, a second run does nothing, the audit
// log stays intact, and bad rules are refused with the JSON path named.

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "baken/base/clock.h"
#include "baken/base/time_zone.h"
#include "baken/signals/testing/test_service.h"
#include "baken/store/testing/test_database.h"
#include "run_process.h"

namespace baken {
namespace {

using testing::RunProcess;

class RetentionCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const Status opened = db_.Open(store::Dialect::kSqlite, "");
    ASSERT_TRUE(opened.ok()) << opened.ToString();
    dir_ = db_.dir().path();
    db_url_ = db_.url();
    attachments_ = (dir_ / "bijlagen").string();
    service_ = signals::testing::MakeTestService(*db_, clock_, attachments_);
  }
  void TearDown() override {
    service_.reset();
    db_.Close();
  }

  signals::Melding Create(const std::string& email, bool close) {
    signals::NewMelding n;
    n.text = "Er staat al dagen grofvuil naast de container.";
    n.category = "grofvuil";
    n.location = {signals::GivenLocation::Crs::kWgs84, 6.5665, 53.2190};
    n.reporter.name = "Jan de Vries";
    n.reporter.email = email;
    n.attachments.push_back({"foto.png", "image/png", std::string("\x89PNG\r\n\x1A\n", 8) + email});
    auto c = service_->Create(n, {"melder", "", "", "127.0.0.1"});
    EXPECT_TRUE(c.ok()) << c.status().ToString();
    if (!c.ok()) return {};
    if (close) {
      signals::StatusChange change;
      change.to = signals::State::kAfgehandeld;
      change.reporter_text = "Opgehaald.";
      EXPECT_TRUE(
          service_->ChangeStatus("GM0014", c->melding.id, change, {"u-1", "", "", ""}).ok());
    }
    return c->melding;
  }

  testing::ProcessResult Retention(const std::string& now, bool dry_run = false) {
    std::vector<std::string> args = {"retention", "run", "--db",       db_url_,
                                     "--now",     now,   "--bijlagen", attachments_};
    if (dry_run) args.push_back("--dry-run");
    return RunProcess(BAKEN_BINARY, args);
  }

  bool FileOf(const signals::Melding& m) {
    return std::filesystem::exists(std::filesystem::path(attachments_) / m.attachments[0].sha256);
  }

  std::filesystem::path dir_;
  std::string db_url_;
  std::string attachments_;
  FakeClock clock_{*ParseRfc3339("2025-01-10T10:00:00+01:00")};
  store::testing::TestDatabase db_{"baken_retention_cli"};
  std::unique_ptr<signals::MeldingService> service_;
};

TEST_F(RetentionCliTest, RunAnonymisesThenDestroysAndASecondRunDoesNothing) {
  const signals::Melding closed = Create("jan@example.nl", true);
  const signals::Melding open = Create("piet@example.nl", false);

  auto exported =
      RunProcess(BAKEN_BINARY, {"subject", "export", "--db", db_url_, "--email", "JAN@example.nl"});
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  EXPECT_NE(exported.out.find(closed.number), std::string::npos) << exported.out;
  EXPECT_EQ(exported.out.find(open.number), std::string::npos);

  auto dry = Retention("2031-01-01T00:00:00Z", /*dry_run=*/true);
  ASSERT_EQ(dry.exit_code, 0) << dry.err;
  EXPECT_NE(dry.out.find("Proefdraai"), std::string::npos) << dry.out;
  EXPECT_NE(dry.out.find(closed.number + " (GM0014): vernietigd volgens standaard"),
            std::string::npos)
      << dry.out;
  EXPECT_TRUE(service_->Get("GM0014", closed.id).ok());
  EXPECT_TRUE(FileOf(closed));

  auto early = Retention("2025-06-01T00:00:00Z");
  ASSERT_EQ(early.exit_code, 0) << early.err;
  EXPECT_NE(early.out.find("Niets te doen."), std::string::npos) << early.out;

  auto year = Retention("2026-01-12T00:00:00+01:00");
  ASSERT_EQ(year.exit_code, 0) << year.err;
  EXPECT_NE(year.out.find("contactgegevens geanonimiseerd: 1"), std::string::npos) << year.out;
  auto anonymised = service_->Get("GM0014", closed.id);
  ASSERT_TRUE(anonymised.ok());
  EXPECT_TRUE(anonymised->reporter.anonymous());
  exported =
      RunProcess(BAKEN_BINARY, {"subject", "export", "--db", db_url_, "--email", "jan@example.nl"});
  EXPECT_EQ(exported.out.find(closed.number), std::string::npos) << exported.out;

  auto archive = Retention("2031-01-01T00:00:00Z");
  ASSERT_EQ(archive.exit_code, 0) << archive.err;
  EXPECT_NE(archive.out.find("meldingen vernietigd:           1"), std::string::npos)
      << archive.out;
  EXPECT_NE(archive.out.find("bijlagebestanden verwijderd:    1"), std::string::npos)
      << archive.out;
  EXPECT_EQ(service_->Get("GM0014", closed.id).status().code(), StatusCode::kNotFound);
  EXPECT_FALSE(FileOf(closed));
  EXPECT_TRUE(service_->Get("GM0014", open.id).ok());
  EXPECT_TRUE(FileOf(open));

  auto again = Retention("2031-01-01T00:00:00Z");
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.out.find("Niets te doen."), std::string::npos) << again.out;

  // Verifying needs the audit key (ADR 0014): without one the command refuses to say "intact".
  const std::string secrets = (dir_ / "secrets").string();
  ASSERT_EQ(RunProcess(BAKEN_BINARY, {"secrets", "init", "--secrets", secrets}).exit_code, 0);
  auto verify =
      RunProcess(BAKEN_BINARY, {"audit", "verify", "--db", db_url_, "--secrets", secrets});
  EXPECT_EQ(verify.exit_code, 0) << verify.err;
  EXPECT_NE(verify.out.find("Auditlog intact"), std::string::npos);
}

TEST_F(RetentionCliTest, RulesArePrintedAndBadRulesAreRefusedWithTheJsonPath) {
  auto rules = RunProcess(BAKEN_BINARY, {"retention", "rules"});
  ASSERT_EQ(rules.exit_code, 0) << rules.err;
  for (const char* code : {"standaard", "vertrouwelijk", "bijzonder", "verward-gedrag"}) {
    EXPECT_NE(rules.out.find(code), std::string::npos) << code;
  }
  EXPECT_NE(rules.out.find("1826 dagen"), std::string::npos);

  const std::string bad = (dir_ / "regels.json").string();
  std::ofstream(bad) << R"({"versie": 1, "regels": [{"code": "a", "vernietigen_na_dagen": -5}]})";
  auto refused = RunProcess(BAKEN_BINARY, {"retention", "rules", "--regels", bad});
  EXPECT_NE(refused.exit_code, 0);
  EXPECT_NE(refused.err.find("regels[0].vernietigen_na_dagen"), std::string::npos) << refused.err;
  auto not_run = RunProcess(BAKEN_BINARY, {"retention", "run", "--db", db_url_, "--regels", bad});
  EXPECT_NE(not_run.exit_code, 0);
  auto bad_now = RunProcess(BAKEN_BINARY, {"retention", "run", "--db", db_url_, "--now", "morgen"});
  EXPECT_NE(bad_now.exit_code, 0);
  EXPECT_NE(bad_now.err.find("baken: "), std::string::npos) << bad_now.err;
}

}  // namespace
}  // namespace baken
