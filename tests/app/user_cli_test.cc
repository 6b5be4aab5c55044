// `baken secrets`, `baken user` and `baken audit` as an administrator runs them: accounts made
// from the command line can log in, changes land in a verifiable audit log, tampering is named,
// and no key ever shows up in what the commands print.
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include <gtest/gtest.h>

#include "baken/base/clock.h"
#include "baken/base/time_zone.h"
#include "baken/security/accounts.h"
#include "baken/security/audit_log.h"
#include "baken/security/sessions.h"
#include "baken/store/database.h"
#include "run_process.h"

namespace baken {
namespace {

using testing::RunProcess;

class UserCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("baken_user_cli_" + std::to_string(getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    db_path_ = (dir_ / "baken.db").string();
    db_ = "sqlite:" + db_path_;
    secrets_ = (dir_ / "secrets").string();
    auto init = Baken({"secrets", "init", "--secrets", secrets_});
    ASSERT_EQ(init.exit_code, 0) << init.err;
    ASSERT_EQ(Baken({"migrate", "--db", db_}).exit_code, 0);
  }

  void TearDown() override {
    // Whatever a test ran, no command may have printed a key.
    for (const char* file : {"server.key", "pseudonym.key", "audit.key"}) {
      const std::string key = ReadKey(file);
      if (key.empty()) continue;
      for (const std::string& text : printed_) {
        EXPECT_EQ(text.find(key), std::string::npos) << file << " was printed";
      }
    }
    std::filesystem::remove_all(dir_);
  }

  testing::ProcessResult Baken(std::vector<std::string> args, const std::string& input = "") {
    auto r = RunProcess(BAKEN_BINARY, args, input);
    printed_.push_back(r.out);
    printed_.push_back(r.err);
    return r;
  }

  // `baken user SUB --db --secrets --tenant GM0014 ARGS...`
  testing::ProcessResult User(const std::string& sub, std::vector<std::string> args = {},
                              const std::string& input = "") {
    std::vector<std::string> all = {"user",      sub,      "--db",     db_,
                                    "--secrets", secrets_, "--tenant", "GM0014"};
    all.insert(all.end(), args.begin(), args.end());
    return Baken(all, input);
  }

  testing::ProcessResult AddAnalist(const std::string& username, const std::string& input = "") {
    std::vector<std::string> args = {"--username",   username,  "--name",
                                     "Sanne Bakker", "--email", username + "@groningen.nl",
                                     "--role",       "analist", "--department",
                                     "veiligheid"};
    if (!input.empty()) args.push_back("--password-stdin");
    return User("add", args, input);
  }

  std::string ReadKey(const char* file) {
    std::ifstream in(std::filesystem::path(secrets_) / file);
    std::string key;
    std::getline(in, key);
    return key;
  }

  // Logs in in-process against the same SQLite file, as the server would.
  StatusOr<security::Principal> LogIn(const std::string& username, const std::string& password) {
    auto db = store::OpenDatabase(db_);
    if (!db.ok()) return db.status();
    security::AuditLog audit(**db, SystemClock::Instance());
    security::AccountOptions options;
    auto key = security::ServerKeyFromHex(ReadKey("server.key"));
    if (!key.ok()) return key.status();
    options.server_key = *key;
    security::AccountService accounts(**db, SystemClock::Instance(), audit, options);
    return accounts.Authenticate("GM0014", username, password, std::nullopt, "127.0.0.1");
  }

  static std::string PasswordIn(const std::string& out) {
    std::smatch m;
    static const std::regex kLine("Wachtwoord:\\s+(\\S+)");
    return std::regex_search(out, m, kLine) ? m[1].str() : "";
  }

  static size_t Count(const std::string& text, const std::string& needle) {
    size_t n = 0;
    for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) {
      ++n;
    }
    return n;
  }

  std::filesystem::path dir_;
  std::string db_path_;
  std::string db_;
  std::string secrets_;
  std::vector<std::string> printed_;
};

TEST_F(UserCliTest, AddedUserIsListedAndTheGeneratedPasswordIsShownOnceAndWorks) {
  auto add = AddAnalist("sbakker");
  ASSERT_EQ(add.exit_code, 0) << add.err;
  const std::string password = PasswordIn(add.out);
  ASSERT_GE(password.size(), 20u) << add.out;
  EXPECT_EQ(Count(add.out, password), 1u) << add.out;
  EXPECT_EQ(add.err.find(password), std::string::npos);

  auto list = User("list");
  ASSERT_EQ(list.exit_code, 0) << list.err;
  EXPECT_TRUE(std::regex_search(list.out,
                                std::regex("sbakker +Sanne Bakker +analist +veiligheid +nee +nee")))
      << list.out;
  EXPECT_NE(list.out.find("1 gebruiker(s) in GM0014"), std::string::npos) << list.out;
  EXPECT_EQ(list.out.find(password), std::string::npos);

  auto principal = LogIn("sbakker", password);
  ASSERT_TRUE(principal.ok()) << principal.status().ToString();
  EXPECT_EQ(principal->role, security::Role::kAnalist);
  EXPECT_FALSE(LogIn("sbakker", password + "x").ok());
}

TEST_F(UserCliTest, UnknownRoleIsADutchErrorNamingTheFlagAndCreatesNothing) {
  auto add = User("add", {"--username", "x1", "--name", "X", "--email", "x@groningen.nl", "--role",
                          "superuser"});
  EXPECT_NE(add.exit_code, 0);
  EXPECT_NE(add.err.find("--role"), std::string::npos) << add.err;
  EXPECT_NE(add.err.find("onbekende rol 'superuser'"), std::string::npos) << add.err;
  EXPECT_NE(add.err.find("analist"), std::string::npos) << "valid roles listed: " << add.err;
  EXPECT_EQ(add.out.find("Wachtwoord"), std::string::npos);
  EXPECT_NE(User("list").out.find("0 gebruiker(s)"), std::string::npos);
}

TEST_F(UserCliTest, PasswordFromStdinIsNotPrintedAndWeakOnesAreRefused) {
  auto weak = AddAnalist("zwak", "kort\n");
  EXPECT_NE(weak.exit_code, 0);
  EXPECT_NE(weak.err.find("12"), std::string::npos) << weak.err;
  auto add = AddAnalist("jdevries", "Zonnebloem-Martini-2026\n");
  ASSERT_EQ(add.exit_code, 0) << add.err;
  EXPECT_EQ(add.out.find("Zonnebloem"), std::string::npos) << add.out;
  EXPECT_TRUE(LogIn("jdevries", "Zonnebloem-Martini-2026").ok());
}

TEST_F(UserCliTest, DisableResetPasswordAndRoleChangeWhatTheUserCanDo) {
  ASSERT_EQ(AddAnalist("sbakker").exit_code, 0);
  ASSERT_EQ(AddAnalist("pjansen").exit_code, 0);

  auto reset = User("reset-password", {"--username", "pjansen"});
  ASSERT_EQ(reset.exit_code, 0) << reset.err;
  const std::string fresh = PasswordIn(reset.out);
  ASSERT_FALSE(fresh.empty()) << reset.out;
  EXPECT_TRUE(LogIn("pjansen", fresh).ok());

  auto role = User("role", {"--username", "pjansen", "--role", "gebiedsmanager"});
  ASSERT_EQ(role.exit_code, 0) << role.err;
  auto bad_role = User("role", {"--username", "pjansen", "--role", "koning"});
  EXPECT_NE(bad_role.exit_code, 0);
  EXPECT_NE(bad_role.err.find("--role"), std::string::npos);

  auto disable = User("disable", {"--username", "sbakker"});
  ASSERT_EQ(disable.exit_code, 0) << disable.err;
  auto missing = User("disable", {"--username", "niemand"});
  EXPECT_NE(missing.exit_code, 0);
  EXPECT_NE(missing.err.find("niemand"), std::string::npos) << missing.err;

  auto list = User("list");
  EXPECT_TRUE(std::regex_search(list.out, std::regex("sbakker .* analist +veiligheid +ja +nee")))
      << list.out;
  EXPECT_TRUE(std::regex_search(list.out, std::regex("pjansen .* gebiedsmanager +veiligheid +nee")))
      << list.out;
  auto principal = LogIn("pjansen", fresh);
  ASSERT_TRUE(principal.ok());
  EXPECT_EQ(principal->role, security::Role::kGebiedsmanager);
}

TEST_F(UserCliTest, AuditVerifyIsIntactAfterChangesAndNamesATamperedEntry) {
  ASSERT_EQ(AddAnalist("sbakker").exit_code, 0);
  ASSERT_EQ(AddAnalist("pjansen").exit_code, 0);
  ASSERT_EQ(User("disable", {"--username", "pjansen"}).exit_code, 0);
  auto verify = Baken({"audit", "verify", "--db", db_, "--secrets", secrets_});
  ASSERT_EQ(verify.exit_code, 0) << verify.err;
  EXPECT_NE(verify.out.find("Auditlog intact: 3 regels"), std::string::npos) << verify.out;

  {
    // An attacker with file access drops the append-only triggers and rewrites entry 2.
    auto db = store::OpenDatabase(db_);
    ASSERT_TRUE(db.ok());
    Status s = (*db)->Write([](store::Transaction& txn) -> Status {
      RETURN_IF_ERROR(
          txn.ExecuteScript("DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;"));
      return txn.Execute("UPDATE audit_log SET actor = 'iemand-anders' WHERE seq = 2").status();
    });
    ASSERT_TRUE(s.ok()) << s.ToString();
  }
  auto broken = Baken({"audit", "verify", "--db", db_, "--secrets", secrets_});
  EXPECT_EQ(broken.exit_code, 1);
  EXPECT_NE(broken.err.find("NIET intact: eerste fout bij regel 2"), std::string::npos)
      << broken.err;
}

TEST_F(UserCliTest, AuditVerifyNamesATailCutWithTheHeadMovedBackAfterACheckpoint) {
  ASSERT_EQ(AddAnalist("sbakker").exit_code, 0);
  ASSERT_EQ(AddAnalist("pjansen").exit_code, 0);
  ASSERT_EQ(User("disable", {"--username", "pjansen"}).exit_code, 0);
  auto checkpoint = Baken({"audit", "checkpoint", "--db", db_, "--secrets", secrets_});
  ASSERT_EQ(checkpoint.exit_code, 0) << checkpoint.err;
  EXPECT_NE(checkpoint.out.find("Ankerpunt bij regel 3"), std::string::npos) << checkpoint.out;
  struct stat st {};
  ASSERT_EQ(::stat((std::filesystem::path(secrets_) / "audit-ankers.jsonl").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  {
    // Before the fix this was "intact": the head row agreed with the shortened chain.
    auto db = store::OpenDatabase(db_);
    ASSERT_TRUE(db.ok());
    Status s = (*db)->Write([](store::Transaction& txn) -> Status {
      RETURN_IF_ERROR(
          txn.ExecuteScript("DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;"));
      RETURN_IF_ERROR(txn.Execute("DELETE FROM audit_log WHERE seq = 3").status());
      return txn
          .Execute(
              "UPDATE audit_head SET seq = 2, hash = (SELECT hash FROM audit_log WHERE seq "
              "= 2) WHERE id = 1")
          .status();
    });
    ASSERT_TRUE(s.ok()) << s.ToString();
  }
  auto broken = Baken({"audit", "verify", "--db", db_, "--secrets", secrets_});
  EXPECT_EQ(broken.exit_code, 1);
  EXPECT_NE(broken.err.find("NIET intact: eerste fout bij regel 3"), std::string::npos)
      << broken.err;
  EXPECT_NE(broken.err.find("ankerpunt"), std::string::npos) << broken.err;

  // Without the audit key there is no verdict at all, certainly not "intact".
  const std::string elsewhere = (dir_ / "leeg").string();
  auto keyless = Baken({"audit", "verify", "--db", db_, "--secrets", elsewhere});
  EXPECT_EQ(keyless.exit_code, 1);
  EXPECT_EQ(keyless.out.find("intact"), std::string::npos) << keyless.out;
}

TEST_F(UserCliTest, AuditExportCoversTheGivenAmsterdamDaysOnly) {
  ASSERT_EQ(AddAnalist("sbakker").exit_code, 0);
  const auto today = AmsterdamDate(SystemClock::Instance().Now());
  const std::string t = FormatDate(today);
  const std::string yesterday =
      FormatDate(std::chrono::year_month_day{std::chrono::sys_days(today) - std::chrono::days(1)});

  auto jsonl = Baken({"audit", "export", "--db", db_, "--from", t, "--to", t});
  ASSERT_EQ(jsonl.exit_code, 0) << jsonl.err;
  EXPECT_EQ(Count(jsonl.out, "\n"), 1u) << jsonl.out;
  EXPECT_NE(jsonl.out.find("\"user.create\""), std::string::npos) << jsonl.out;
  EXPECT_NE(jsonl.out.find("sbakker"), std::string::npos) << jsonl.out;

  auto csv = Baken({"audit", "export", "--db", db_, "--from", t, "--to", t, "--format", "csv",
                    "--tenant", "GM0014"});
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  EXPECT_EQ(Count(csv.out, "user.create"), 1u) << csv.out;

  auto before = Baken({"audit", "export", "--db", db_, "--from", "2020-01-01", "--to", yesterday});
  ASSERT_EQ(before.exit_code, 0) << before.err;
  EXPECT_EQ(before.out, "");
  auto other_tenant =
      Baken({"audit", "export", "--db", db_, "--from", t, "--to", t, "--tenant", "GM0363"});
  EXPECT_EQ(other_tenant.out, "");

  auto bad_date = Baken({"audit", "export", "--db", db_, "--from", "2026-13-01", "--to", t});
  EXPECT_NE(bad_date.exit_code, 0);
  EXPECT_NE(bad_date.err.find("--from"), std::string::npos) << bad_date.err;
  auto reversed = Baken({"audit", "export", "--db", db_, "--from", t, "--to", "2020-01-01"});
  EXPECT_NE(reversed.exit_code, 0);
  EXPECT_NE(reversed.err.find("--to"), std::string::npos) << reversed.err;
}

TEST_F(UserCliTest, SecretsAreOwnerOnlyNeverOverwrittenAndMissingOnesAreExplained) {
  const std::string server_key = ReadKey("server.key");
  ASSERT_EQ(server_key.size(), 64u);
  EXPECT_NE(ReadKey("pseudonym.key"), server_key);
  for (const char* file : {"server.key", "pseudonym.key", "audit.key"}) {
    struct stat st {};
    ASSERT_EQ(::stat((std::filesystem::path(secrets_) / file).c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600u) << file;
  }
  auto again = Baken({"secrets", "init", "--secrets", secrets_});
  EXPECT_NE(again.exit_code, 0);
  EXPECT_NE(again.err.find("bestaat al"), std::string::npos) << again.err;
  EXPECT_EQ(ReadKey("server.key"), server_key);

  const std::string elsewhere = (dir_ / "leeg").string();
  auto missing = Baken({"user", "list", "--db", db_, "--secrets", elsewhere, "--tenant", "GM0014"});
  EXPECT_NE(missing.exit_code, 0);
  EXPECT_NE(missing.err.find("baken secrets init"), std::string::npos) << missing.err;
}

TEST_F(UserCliTest, BootstrapAdminCreatesOneAdministratorOnlyOnce) {
  auto first = User("bootstrap-admin");
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_NE(first.out.find("Gebruikersnaam: beheerder"), std::string::npos) << first.out;
  const std::string password = PasswordIn(first.out);
  ASSERT_FALSE(password.empty());
  auto second = User("bootstrap-admin");
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_EQ(second.out.find("Wachtwoord"), std::string::npos) << second.out;

  auto list = User("list");
  EXPECT_NE(list.out.find("1 gebruiker(s)"), std::string::npos) << list.out;
  EXPECT_TRUE(std::regex_search(list.out, std::regex("beheerder .* beheerder ")));
  auto principal = LogIn("beheerder", password);
  ASSERT_TRUE(principal.ok()) << principal.status().ToString();
  EXPECT_EQ(principal->role, security::Role::kBeheerder);
}

TEST_F(UserCliTest, ApiKeyAddShowsTheKeyOnceListNeverAndRevokeEndsIt) {
  auto add = Baken({"apikey", "add", "--db", db_, "--client", "meldingen-app", "--role", "boa",
                    "--purpose", "melding_afhandelen", "--purpose", "toezicht_handhaving"});
  ASSERT_EQ(add.exit_code, 0) << add.err;
  std::smatch m;
  ASSERT_TRUE(std::regex_search(add.out, m, std::regex("Sleutel: (bk_[0-9a-f]{64})"))) << add.out;
  const std::string key = m[1].str();
  EXPECT_EQ(Count(add.out, key), 1u);
  ASSERT_TRUE(std::regex_search(add.out, m, std::regex("\\(id ([0-9a-f-]+)\\)"))) << add.out;
  const std::string id = m[1].str();

  auto db = store::OpenDatabase(db_);
  ASSERT_TRUE(db.ok());
  security::ApiKeys keys(**db, SystemClock::Instance());
  auto client = keys.Authenticate(key);
  ASSERT_TRUE(client.ok()) << client.status().ToString();
  EXPECT_EQ(client->client_name, "meldingen-app");
  EXPECT_EQ(client->purposes.size(), 2u);

  auto list = Baken({"apikey", "list", "--db", db_});
  ASSERT_EQ(list.exit_code, 0) << list.err;
  EXPECT_NE(list.out.find(id), std::string::npos) << list.out;
  EXPECT_TRUE(std::regex_search(
      list.out, std::regex("meldingen-app +boa +melding_afhandelen,toezicht_handhaving .* nee")))
      << list.out;
  EXPECT_EQ(list.out.find(key), std::string::npos);
  EXPECT_EQ(list.out.find(key.substr(3)), std::string::npos);

  auto revoke = Baken({"apikey", "revoke", "--db", db_, id});
  ASSERT_EQ(revoke.exit_code, 0) << revoke.err;
  EXPECT_EQ(keys.Authenticate(key).status().code(), StatusCode::kUnauthenticated);
  EXPECT_EQ(Baken({"apikey", "revoke", "--db", db_, id}).exit_code, 1);

  auto bad = Baken(
      {"apikey", "add", "--db", db_, "--client", "x", "--role", "koning", "--purpose", "beheer"});
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(bad.err.find("onbekende rol 'koning'"), std::string::npos) << bad.err;
  auto not_allowed = Baken({"apikey", "add", "--db", db_, "--client", "x", "--role", "raadslid",
                            "--purpose", "zorgcoordinatie"});
  EXPECT_EQ(not_allowed.exit_code, 1);

  const std::string t = FormatDate(AmsterdamDate(SystemClock::Instance().Now()));
  auto exported = Baken({"audit", "export", "--db", db_, "--from", t, "--to", t});
  EXPECT_NE(exported.out.find("apikey.create"), std::string::npos) << exported.err;
  EXPECT_NE(exported.out.find("apikey.revoke"), std::string::npos);
  EXPECT_EQ(exported.out.find(key), std::string::npos);
}

TEST_F(UserCliTest, SubjectExportListsAccountAndAuditEntriesAndIsAudited) {
  ASSERT_EQ(AddAnalist("sbakker").exit_code, 0);
  ASSERT_EQ(AddAnalist("pjansen").exit_code, 0);
  auto exp = Baken(
      {"subject", "export", "--db", db_, "--email", "SBAKKER@groningen.nl", "--tenant", "GM0014"});
  ASSERT_EQ(exp.exit_code, 0) << exp.err;
  EXPECT_NE(exp.out.find("\"gebruikersnaam\":\"sbakker\""), std::string::npos) << exp.out;
  EXPECT_NE(exp.out.find("\"actie\":\"user.create\""), std::string::npos) << exp.out;
  EXPECT_EQ(exp.out.find("pjansen"), std::string::npos) << exp.out;
  EXPECT_EQ(exp.out.find("argon2"), std::string::npos);

  const std::string t = FormatDate(AmsterdamDate(SystemClock::Instance().Now()));
  auto log = Baken({"audit", "export", "--db", db_, "--from", t, "--to", t});
  EXPECT_NE(log.out.find("subject.export"), std::string::npos) << log.out;

  auto missing = Baken({"subject", "export", "--db", db_, "--email", "geen-adres"});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find("e-mailadres"), std::string::npos) << missing.err;
}

}  // namespace
}  // namespace baken
