#include "baken/security/accounts.h"

#include "baken/security/base32.h"
#include "baken/security/housekeeping.h"
#include "baken/security/internal/crypto_util.h"
#include "baken/security/sessions.h"
#include "baken/security/totp.h"
#include "baken/store/testing/test_database.h"
#include "gtest/gtest.h"

namespace baken::security {
namespace {

using std::chrono::minutes;

// Monday 21 September 2026, 12:00 UTC = 14:00 in Groningen (summer time).
const Timestamp kNoon = FromUnixMicros(1'789'992'000'000'000);

class AccountsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const Status opened = db_.Open();
    ASSERT_TRUE(opened.ok()) << opened.ToString();
    audit_ = std::make_unique<AuditLog>(*db_, clock_);
    AccountOptions options;
    options.server_key = std::string(32, 'k');
    options.hash_params = PasswordHashParams{1, size_t{8} << 20};  // cheap: tests, not security
    accounts_ = std::make_unique<AccountService>(*db_, clock_, *audit_, options);
    sessions_ = std::make_unique<SessionManager>(*db_, clock_);
  }
  void TearDown() override {
    sessions_.reset();
    accounts_.reset();
    audit_.reset();
    db_.Close();
  }

  User MakeUser(std::string username = "jjansen", Role role = Role::kBoa) {
    NewUser n{"GM0014",
              username,
              "Jan Jansen",
              "jan@example.nl",
              role,
              {"handhaving-centrum"},
              "Zomer-op-het-Wad-2026"};
    auto u = accounts_->CreateUser(n, "admin-1");
    EXPECT_TRUE(u.ok()) << u.status().ToString();
    return u.ok() ? *u : User{};
  }

  StatusOr<Principal> Login(std::string_view password,
                            std::optional<std::string_view> code = std::nullopt,
                            std::string_view address = "192.0.2.10",
                            std::string_view username = "jjansen") {
    return accounts_->Authenticate("GM0014", username, password, code, address);
  }

  int64_t CountAudit(std::string_view action) {
    int64_t n = 0;
    EXPECT_TRUE(db_->Read([&](store::Transaction& txn) -> Status {
                     ASSIGN_OR_RETURN(
                         store::Row r,
                         txn.QueryRow("SELECT COUNT(*) FROM audit_log WHERE action = ?",
                                      {std::string(action)}));
                     n = r.GetInt64(0);
                     return Status::Ok();
                   })
                    .ok());
    return n;
  }

  FakeClock clock_{kNoon};
  store::testing::TestDatabase db_;
  std::unique_ptr<AuditLog> audit_;
  std::unique_ptr<AccountService> accounts_;
  std::unique_ptr<SessionManager> sessions_;
};

TEST_F(AccountsTest, CreateUserEnforcesPolicyAndUniqueNamesPerTenant) {
  const User u = MakeUser();
  EXPECT_EQ(u.id.size(), 36u);
  NewUser weak{"GM0014", "piet", "Piet", "", Role::kBoa, {}, "kort"};
  EXPECT_EQ(accounts_->CreateUser(weak, "admin-1").status().field(), "password");
  NewUser dup{"GM0014", "jjansen", "Ander", "", Role::kBoa, {}, "Zomer-op-het-Wad-2026"};
  EXPECT_EQ(accounts_->CreateUser(dup, "admin-1").status().code(), StatusCode::kAlreadyExists);
  dup.tenant = "GM0034";  // another municipality may have its own jjansen
  EXPECT_TRUE(accounts_->CreateUser(dup, "admin-1").ok());
  auto list = accounts_->List("GM0014");
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ((*list)[0].departments, std::vector<std::string>{"handhaving-centrum"});
  EXPECT_EQ(CountAudit("user.create"), 2);
}

TEST_F(AccountsTest, PasswordLoginGivesPrincipalWithoutSecondFactor) {
  const User u = MakeUser();
  auto p = Login("Zomer-op-het-Wad-2026");
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(p->user_id, u.id);
  EXPECT_EQ(p->role, Role::kBoa);
  EXPECT_FALSE(p->second_factor_done);
  EXPECT_EQ(CountAudit("login.success"), 1);
  auto wrong = Login("Winter-op-het-Wad-2026");
  EXPECT_EQ(wrong.status().code(), StatusCode::kUnauthenticated);
  EXPECT_EQ(wrong.status().message(), "Gebruikersnaam, wachtwoord of code onjuist");
  EXPECT_EQ(Login("x", std::nullopt, "192.0.2.10", "onbekend").status().message(),
            wrong.status().message());
  EXPECT_EQ(CountAudit("login.failure"), 2);
}

// Regression: five wrong passwords from anywhere locked the account for everyone (anyone could
// lock any known account). Now the (name, address) pair backs off; the owner elsewhere signs in.
TEST_F(AccountsTest, FailuresBackOffThePairNotTheAccount) {
  MakeUser();
  for (int i = 0; i < 4; ++i) {
    Status s = Login("fout-wachtwoord").status();
    EXPECT_EQ(s.code(), StatusCode::kUnauthenticated) << i;
    EXPECT_EQ(s.message(), "Gebruikersnaam, wachtwoord of code onjuist");
  }
  std::chrono::seconds retry_after{0};
  Status backed_off = accounts_
                          ->Authenticate("GM0014", "jjansen", "Zomer-op-het-Wad-2026", std::nullopt,
                                         "192.0.2.10", &retry_after)
                          .status();
  EXPECT_EQ(backed_off.code(), StatusCode::kResourceExhausted);
  EXPECT_EQ(backed_off.message(),
            "Te veel mislukte pogingen. Probeer het over 2 seconden opnieuw.");
  EXPECT_EQ(retry_after, std::chrono::seconds(2));
  EXPECT_TRUE(Login("Zomer-op-het-Wad-2026", std::nullopt, "198.51.100.20").ok());
  // The waits double with every further failure.
  clock_.Advance(std::chrono::seconds(2));
  EXPECT_EQ(Login("fout-wachtwoord").status().code(), StatusCode::kUnauthenticated);
  EXPECT_EQ(Login("Zomer-op-het-Wad-2026").status().message(),
            "Te veel mislukte pogingen. Probeer het over 4 seconden opnieuw.");
  clock_.Advance(std::chrono::seconds(4));
  EXPECT_TRUE(Login("Zomer-op-het-Wad-2026").ok());
  // A success clears the pair: the next mistake is free again.
  EXPECT_EQ(Login("fout-wachtwoord").status().code(), StatusCode::kUnauthenticated);
  EXPECT_TRUE(Login("Zomer-op-het-Wad-2026").ok());
}

TEST_F(AccountsTest, BackOffIsExponentialAndCapped) {
  using std::chrono::seconds;
  EXPECT_EQ(SignInThrottle::BackOff(0, seconds(2), seconds(900)), seconds(0));
  EXPECT_EQ(SignInThrottle::BackOff(1, seconds(2), seconds(900)), seconds(2));
  EXPECT_EQ(SignInThrottle::BackOff(2, seconds(2), seconds(900)), seconds(4));
  EXPECT_EQ(SignInThrottle::BackOff(9, seconds(2), seconds(900)), seconds(512));
  EXPECT_EQ(SignInThrottle::BackOff(10, seconds(2), seconds(900)), seconds(900));
  EXPECT_EQ(SignInThrottle::BackOff(1'000'000, seconds(2), seconds(900)), seconds(900));
}

// Regression: an unknown name, a disabled account and a locked account each answered in their
// own words, so a guesser learnt which accounts exist. Now every refusal reads the same, and a
// throttled name reads the same whether or not the account exists.
TEST_F(AccountsTest, UnknownDisabledAndThrottledNamesAnswerAlike) {
  const User u = MakeUser();
  MakeUser("pdevries");
  ASSERT_TRUE(accounts_->Disable("GM0014", u.id, "admin-1").ok());
  const Status wrong = Login("fout-wachtwoord", std::nullopt, "192.0.2.10", "pdevries").status();
  const Status unknown = Login("fout-wachtwoord", std::nullopt, "192.0.2.10", "onbekend").status();
  const Status disabled = Login("Zomer-op-het-Wad-2026", std::nullopt, "192.0.2.11").status();
  for (const Status& s : {wrong, unknown, disabled}) {
    EXPECT_EQ(s.code(), StatusCode::kUnauthenticated);
    EXPECT_EQ(s.message(), "Gebruikersnaam, wachtwoord of code onjuist");
  }
  for (int i = 0; i < 3; ++i) {
    (void)Login("fout-wachtwoord", std::nullopt, "192.0.2.10", "pdevries");
    (void)Login("fout-wachtwoord", std::nullopt, "192.0.2.10", "onbekend");
  }
  const Status known_throttled =
      Login("Zomer-op-het-Wad-2026", std::nullopt, "192.0.2.10", "pdevries").status();
  const Status unknown_throttled =
      Login("Zomer-op-het-Wad-2026", std::nullopt, "192.0.2.10", "onbekend").status();
  EXPECT_EQ(known_throttled.code(), StatusCode::kResourceExhausted);
  EXPECT_EQ(known_throttled.code(), unknown_throttled.code());
  EXPECT_EQ(known_throttled.message(), unknown_throttled.message());
}

TEST_F(AccountsTest, GuessesFromManyAddressesSlowTheNameButNotTheOwnersKnownAddress) {
  MakeUser();
  ASSERT_TRUE(Login("Zomer-op-het-Wad-2026", std::nullopt, "192.0.2.10").ok());
  for (int i = 0; i < 21; ++i) {
    EXPECT_EQ(Login("geraden", std::nullopt, "198.51.100." + std::to_string(i)).status().code(),
              StatusCode::kUnauthenticated);
  }
  // Past the ceiling a new address waits (a second, doubling up to a minute) ...
  EXPECT_EQ(Login("Zomer-op-het-Wad-2026", std::nullopt, "203.0.113.5").status().code(),
            StatusCode::kResourceExhausted);
  // ... but the owner's address, where they signed in before, is not held up.
  EXPECT_TRUE(Login("Zomer-op-het-Wad-2026", std::nullopt, "192.0.2.10").ok());
  clock_.Advance(std::chrono::seconds(1));
  EXPECT_TRUE(Login("Zomer-op-het-Wad-2026", std::nullopt, "203.0.113.5").ok());
}

TEST_F(AccountsTest, HousekeepingDeletesEndedSessionsAndOldThrottleRows) {
  MakeUser();
  auto p = Login("Zomer-op-het-Wad-2026");
  ASSERT_TRUE(p.ok());
  auto revoked = sessions_->Create(*p, "192.0.2.10");
  auto active = sessions_->Create(*p, "192.0.2.10");
  auto idle = sessions_->Create(*p, "192.0.2.10");
  ASSERT_TRUE(revoked.ok() && active.ok() && idle.ok());
  ASSERT_TRUE(sessions_->Revoke(revoked->token).ok());
  (void)Login("geraden", std::nullopt, "198.51.100.1");
  auto count = [&](const char* table) {
    int64_t n = -1;
    EXPECT_TRUE(db_->Read([&](store::Transaction& txn) -> Status {
                     ASSIGN_OR_RETURN(store::Row r, txn.QueryRow(std::string("SELECT COUNT(*) "
                                                                             "FROM ") +
                                                                 table));
                     n = r.GetInt64(0);
                     return Status::Ok();
                   })
                    .ok());
    return n;
  };
  // The owner's success (pair) and the guess (pair, address, name).
  ASSERT_EQ(count("sign_in_throttle"), 4);

  auto report = DeleteExpiredSignInState(*db_, clock_);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->sessions_deleted, 1);  // the revoked one
  EXPECT_EQ(report->throttle_rows_deleted, 0);

  for (int i = 0; i < 3; ++i) {
    clock_.Advance(minutes(10));
    ASSERT_TRUE(sessions_->Validate(active->token).ok());
  }
  clock_.Advance(minutes(1));  // 31 minutes: the idle session is over
  report = DeleteExpiredSignInState(*db_, clock_);
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->sessions_deleted, 1);
  EXPECT_EQ(report->throttle_rows_deleted, 0);  // failures count for a day
  EXPECT_EQ(count("sessions"), 1);
  EXPECT_TRUE(sessions_->Validate(active->token).ok());

  // After the absolute end, the last session goes too.
  for (int i = 0; i < 12 * 3; ++i) {
    clock_.Advance(minutes(20));
    (void)sessions_->Validate(active->token);
  }
  report = DeleteExpiredSignInState(*db_, clock_);
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->sessions_deleted, 1);
  EXPECT_EQ(count("sessions"), 0);

  // A day after the guess its rows go; the owner's address stays known for 30 days.
  clock_.Advance(std::chrono::hours(12));
  report = DeleteExpiredSignInState(*db_, clock_);
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->throttle_rows_deleted, 3);
  EXPECT_EQ(count("sign_in_throttle"), 1);
  clock_.Advance(std::chrono::hours(24 * 30));
  report = DeleteExpiredSignInState(*db_, clock_);
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->throttle_rows_deleted, 1);
  EXPECT_EQ(count("sign_in_throttle"), 0);
}

TEST_F(AccountsTest, ManyFailuresFromOneAddressBlockThatAddress) {
  MakeUser();
  AccountOptions options;
  options.server_key = std::string(32, 'k');
  options.hash_params = PasswordHashParams{1, size_t{8} << 20};
  options.throttle.address_max_failures = 10;
  AccountService accounts(*db_, clock_, *audit_, options);
  for (int i = 0; i < 10; ++i) {
    (void)accounts.Authenticate("GM0014", "gebruiker" + std::to_string(i), "geraden", std::nullopt,
                                "198.51.100.7");
  }
  Status blocked =
      accounts
          .Authenticate("GM0014", "jjansen", "Zomer-op-het-Wad-2026", std::nullopt, "198.51.100.7")
          .status();
  EXPECT_EQ(blocked.code(), StatusCode::kResourceExhausted);
  EXPECT_EQ(blocked.message(), "Te veel mislukte pogingen. Probeer het over 15 minuten opnieuw.");
  EXPECT_TRUE(
      accounts
          .Authenticate("GM0014", "jjansen", "Zomer-op-het-Wad-2026", std::nullopt, "192.0.2.10")
          .ok());
  EXPECT_EQ(AccountOptions().throttle.address_max_failures, 100);  // generous by default
}

TEST_F(AccountsTest, TotpCompletesTheSecondFactorOnceAndIsStoredEncrypted) {
  const User u = MakeUser();
  auto enrolment = accounts_->EnrolTotp("GM0014", u.id);
  ASSERT_TRUE(enrolment.ok()) << enrolment.status().ToString();
  const std::string& uri = enrolment->uri;
  const size_t at = uri.find("secret=") + 7;
  const std::string secret = *Base32Decode(uri.substr(at, uri.find('&', at) - at));
  ASSERT_EQ(secret.size(), 20u);
  EXPECT_EQ(*Base32Decode(enrolment->secret_base32), secret);
  // Pending until confirmed: a code does not complete a sign-in yet.
  EXPECT_FALSE(accounts_->Get("GM0014", u.id)->totp_enrolled);
  EXPECT_EQ(Login("Zomer-op-het-Wad-2026", TotpCode(secret, clock_.Now())).status().code(),
            StatusCode::kUnauthenticated);
  clock_.Advance(std::chrono::seconds(30));
  EXPECT_EQ(accounts_->ConfirmTotp("GM0014", u.id, "000000").code(), StatusCode::kInvalidArgument);
  ASSERT_TRUE(accounts_->ConfirmTotp("GM0014", u.id, TotpCode(secret, clock_.Now())).ok());
  EXPECT_TRUE(accounts_->Get("GM0014", u.id)->totp_enrolled);
  EXPECT_EQ(accounts_->ConfirmTotp("GM0014", u.id, TotpCode(secret, clock_.Now())).code(),
            StatusCode::kFailedPrecondition);
  // The confirming code is used up.
  EXPECT_EQ(Login("Zomer-op-het-Wad-2026", TotpCode(secret, clock_.Now())).status().code(),
            StatusCode::kUnauthenticated);
  clock_.Advance(std::chrono::seconds(30));
  ASSERT_TRUE(db_->Read([&](store::Transaction& txn) -> Status {
                   ASSIGN_OR_RETURN(store::Row r, txn.QueryRow("SELECT totp_secret FROM users"));
                   EXPECT_EQ(r.GetBlob(0).bytes.find(secret), std::string::npos);
                   return Status::Ok();
                 })
                  .ok());
  const std::string code = TotpCode(secret, clock_.Now());
  auto p = Login("Zomer-op-het-Wad-2026", code);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_TRUE(p->second_factor_done);
  // The same code a second later (shoulder surfing, replay) is refused.
  clock_.Advance(std::chrono::seconds(1));
  EXPECT_EQ(Login("Zomer-op-het-Wad-2026", code).status().code(), StatusCode::kUnauthenticated);
  EXPECT_EQ(Login("Zomer-op-het-Wad-2026", std::string_view("000000")).status().code(),
            StatusCode::kUnauthenticated);
}

TEST_F(AccountsTest, DisabledUserCannotLogInAndLosesSessions) {
  const User u = MakeUser();
  auto p = Login("Zomer-op-het-Wad-2026");
  ASSERT_TRUE(p.ok());
  auto s = sessions_->Create(*p, "192.0.2.10");
  ASSERT_TRUE(s.ok());
  ASSERT_TRUE(accounts_->Disable("GM0014", u.id, "admin-1").ok());
  EXPECT_EQ(Login("Zomer-op-het-Wad-2026").status().code(), StatusCode::kUnauthenticated);
  EXPECT_EQ(sessions_->Validate(s->token).status().code(), StatusCode::kUnauthenticated);
  EXPECT_EQ(accounts_->Disable("GM0034", u.id, "admin-1").code(), StatusCode::kNotFound);
}

TEST_F(AccountsTest, ResetPasswordReplacesTheOldOne) {
  const User u = MakeUser();
  EXPECT_FALSE(Login("Zomer-op-het-Wad-2026")->password_change_required);
  ASSERT_TRUE(accounts_->ResetPassword("GM0014", u.id, "Nieuw-Wachtwoord-2027", "admin-1").ok());
  EXPECT_FALSE(Login("Zomer-op-het-Wad-2026").ok());
  auto p = Login("Nieuw-Wachtwoord-2027");
  ASSERT_TRUE(p.ok());
  // The administrator knows this one: the user must choose their own.
  EXPECT_TRUE(p->password_change_required);
  auto s = sessions_->Create(*p, "192.0.2.10");
  ASSERT_TRUE(s.ok());
  EXPECT_TRUE(sessions_->Validate(s->token)->principal.password_change_required);
  ASSERT_TRUE(accounts_
                  ->ChangePassword("GM0014", u.id, "Nieuw-Wachtwoord-2027", "Eigen-Keuze-Wad-2027",
                                   s->token, "192.0.2.10")
                  .ok());
  EXPECT_FALSE(sessions_->Validate(s->token)->principal.password_change_required);
  EXPECT_FALSE(Login("Eigen-Keuze-Wad-2027")->password_change_required);
  EXPECT_EQ(accounts_->ResetPassword("GM0014", u.id, "jjansen-12345", "admin-1").message(),
            "Het wachtwoord mag uw gebruikersnaam niet bevatten");
}

TEST_F(AccountsTest, SessionsExpireWhenIdleAndAfterTwelveHours) {
  MakeUser();
  auto p = Login("Zomer-op-het-Wad-2026");
  ASSERT_TRUE(p.ok());
  auto s = sessions_->Create(*p, "192.0.2.10");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->token.size(), 64u);
  auto v = sessions_->Validate(s->token);
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  EXPECT_EQ(v->principal.user_id, p->user_id);
  EXPECT_TRUE(SessionManager::CsrfMatches(*v, s->csrf_token));
  EXPECT_FALSE(SessionManager::CsrfMatches(*v, s->token));
  // Used every 29 minutes it stays alive ... until the absolute limit of 12 hours.
  for (int i = 0; i < 24; ++i) {
    clock_.Advance(minutes(29));
    ASSERT_TRUE(sessions_->Validate(s->token).ok()) << i;
  }
  clock_.Advance(minutes(29));  // 12 h 25 min after creation
  EXPECT_EQ(sessions_->Validate(s->token).status().message(),
            "Uw sessie is verlopen of beëindigd; log opnieuw in");
  auto s2 = sessions_->Create(*p, "192.0.2.10");
  clock_.Advance(minutes(30));
  EXPECT_FALSE(sessions_->Validate(s2->token).ok());
  // Only the hash of the token is stored.
  ASSERT_TRUE(db_->Read([&](store::Transaction& txn) -> Status {
                   ASSIGN_OR_RETURN(store::ResultSet rs,
                                    txn.Query("SELECT token_hash FROM sessions"));
                   for (const auto& r : rs.rows) {
                     EXPECT_NE(r.GetBlob(0).bytes, *internal::HexDecode(s->token));
                     EXPECT_EQ(r.GetBlob(0).bytes.size(), 32u);
                   }
                   return Status::Ok();
                 })
                  .ok());
}

TEST_F(AccountsTest, LastSeenIsWrittenAtMostOncePerMinute) {
  MakeUser();
  auto p = Login("Zomer-op-het-Wad-2026");
  ASSERT_TRUE(p.ok());
  auto s = sessions_->Create(*p, "192.0.2.10");
  ASSERT_TRUE(s.ok());
  auto last_seen = [&] {
    Timestamp t{};
    EXPECT_TRUE(db_->Read([&](store::Transaction& txn) -> Status {
                     ASSIGN_OR_RETURN(store::Row r,
                                      txn.QueryRow("SELECT last_seen_at FROM sessions"));
                     t = r.GetTimestamp(0);
                     return Status::Ok();
                   })
                    .ok());
    return t;
  };
  const Timestamp created = last_seen();
  clock_.Advance(std::chrono::seconds(30));
  ASSERT_TRUE(sessions_->Validate(s->token).ok());
  EXPECT_EQ(last_seen(), created);
  clock_.Advance(std::chrono::seconds(31));
  ASSERT_TRUE(sessions_->Validate(s->token).ok());
  EXPECT_EQ(last_seen(), clock_.Now());
}

TEST_F(AccountsTest, RevokeOneOrAllAndRoleChangesApplyAtOnce) {
  const User u = MakeUser();
  auto p = Login("Zomer-op-het-Wad-2026");
  ASSERT_TRUE(p.ok());
  auto a = sessions_->Create(*p, "192.0.2.10");
  auto b = sessions_->Create(*p, "192.0.2.11");
  auto c = sessions_->Create(*p, "192.0.2.12");
  ASSERT_TRUE(a.ok() && b.ok() && c.ok());
  ASSERT_TRUE(
      accounts_->SetRole("GM0014", u.id, Role::kGebiedsmanager, {"WK001400"}, "admin-1").ok());
  auto v = sessions_->Validate(a->token);
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->principal.role, Role::kGebiedsmanager);
  EXPECT_EQ(v->principal.departments, std::vector<std::string>{"WK001400"});
  ASSERT_TRUE(sessions_->Revoke(a->token).ok());
  EXPECT_FALSE(sessions_->Validate(a->token).ok());
  EXPECT_TRUE(sessions_->Validate(b->token).ok());
  EXPECT_EQ(*sessions_->RevokeAllForUser("GM0014", u.id), 2);
  EXPECT_FALSE(sessions_->Validate(b->token).ok());
  EXPECT_FALSE(sessions_->Validate(c->token).ok());
  EXPECT_EQ(sessions_->Revoke(a->token).code(), StatusCode::kNotFound);
}

TEST_F(AccountsTest, ApiKeysAuthenticateUntilRevoked) {
  ApiKeys keys(*db_, clock_);
  std::string id;
  auto key = keys.Create("GM0014", "MeldApp", Role::kResident, {Purpose::kMeldingAfhandelen}, &id);
  ASSERT_TRUE(key.ok()) << key.status().ToString();
  EXPECT_TRUE(key->starts_with("bk_"));
  auto client = keys.Authenticate(*key);
  ASSERT_TRUE(client.ok());
  EXPECT_EQ(client->client_name, "MeldApp");
  EXPECT_EQ(client->purposes, std::vector<Purpose>{Purpose::kMeldingAfhandelen});
  EXPECT_TRUE(client->AllowsPurpose(Purpose::kMeldingAfhandelen));
  EXPECT_FALSE(client->AllowsPurpose(Purpose::kAnalyse));
  const Principal as = client->AsPrincipal();
  EXPECT_EQ(as.user_id, "api:" + id);
  EXPECT_FALSE(as.second_factor_done);
  EXPECT_FALSE(keys.Authenticate(*key + "0").ok());
  EXPECT_EQ(keys.Revoke("GM0034", id).code(), StatusCode::kNotFound);
  ASSERT_TRUE(keys.Revoke("GM0014", id).ok());
  EXPECT_EQ(keys.Authenticate(*key).status().code(), StatusCode::kUnauthenticated);
  EXPECT_EQ(keys.Create("GM0014", "x", Role::kRaadslid, {Purpose::kAnalyse}).status().field(),
            "purposes");
}

TEST_F(AccountsTest, AuditChainStaysIntactThroughLogins) {
  MakeUser();
  (void)Login("fout-wachtwoord");
  (void)Login("Zomer-op-het-Wad-2026");
  auto r = audit_->Verify();
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->ok) << r->reason;
  EXPECT_EQ(r->entries_checked, 3);
}

TEST(ServerKeyTest, DecodesExactly32BytesOfHex) {
  auto key = ServerKeyFromHex(" " + std::string(64, 'A') + "\n");
  ASSERT_TRUE(key.ok());
  EXPECT_EQ(*key, std::string(32, '\xaa'));
  EXPECT_EQ(ServerKeyFromHex("abcd").status().message(),
            "De serversleutel moet 64 hexadecimale tekens zijn");
}

TEST(AmsterdamTimeTest, FollowsSummerAndWinterTime) {
  EXPECT_EQ(internal::AmsterdamHourMinute(kNoon), "14:00");
  // 15 January 2026 12:00 UTC: winter time.
  EXPECT_EQ(internal::AmsterdamHourMinute(FromUnixMicros(1'768'478'400'000'000)), "13:00");
  // Summer time starts 29 March 2026 at 01:00 UTC.
  EXPECT_EQ(internal::AmsterdamHourMinute(FromUnixMicros(1'774'745'940'000'000)), "01:59");
  EXPECT_EQ(internal::AmsterdamHourMinute(FromUnixMicros(1'774'746'000'000'000)), "03:00");
}

}  // namespace
}  // namespace baken::security
