// Attacks on signing in, over HTTP against a real server (findings 12, 13 and part of 15 of the
// server review): a sign-in limit that colleagues behind one address exhausted, account locks
// anyone could set, answers that told which accounts exist, client addresses chosen through
// X-Forwarded-For from inside the trusted range, a session cookie without Secure behind an https
// address, and sign-in by a cross-site text/plain form (login CSRF).
#include <set>

#include "../api/api_test_env.h"

namespace baken::api::testing {
namespace {

using nlohmann::json;
using security::Role;

class SignInAttackTest : public ApiTestEnv {
 protected:
  httplib::Result SignInFrom(const std::string& address, const std::string& username,
                             const std::string& password) {
    return client_->Post("/api/v1/sessies", httplib::Headers{{"X-Forwarded-For", address}},
                         json{{"gebruikersnaam", username}, {"wachtwoord", password}}.dump(),
                         "application/json");
  }

  std::vector<std::string> AuditAddresses(const std::string& action) {
    std::vector<std::string> out;
    const store::Value params[] = {action};
    EXPECT_TRUE(db_->Read([&](store::Transaction& txn) -> Status {
                     out.clear();
                     return txn.ForEach(
                         "SELECT from_address FROM audit_log WHERE action = ? ORDER BY seq", params,
                         [&](const store::Row& r) {
                           out.push_back(r.GetText(0));
                           return Status::Ok();
                         });
                   })
                    .ok());
    return out;
  }
};

// Finding 12: the 11th correct sign-in from one address was refused, so staff behind one NAT
// address blocked each other (and the browser test ran close to the limit).
TEST_F(SignInAttackTest, ElevenCorrectSignInsOfDifferentUsersFromOneAddressAllSucceed) {
  StartServer();
  for (int i = 0; i < 11; ++i) MakeUser("collega" + std::to_string(i), Role::kBoa);
  for (int i = 0; i < 11; ++i) {
    auto res = SignIn("collega" + std::to_string(i), kPassword);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 201) << "sign-in " << i + 1 << ": " << res->body;
  }
}

// Finding 12: five wrong passwords from anywhere locked the account for its owner too.
TEST_F(SignInAttackTest, AWrongPasswordSeriesBacksOffThePairButTheOwnerElsewhereSignsIn) {
  ServerOptions server;
  server.trusted_proxies = {"127.0.0.1"};
  StartServer(server);
  MakeUser("jjansen", Role::kBoa);
  for (int i = 0; i < 6; ++i) {
    auto res = SignInFrom("198.51.100.66", "jjansen", "geraden-" + std::to_string(i));
    ASSERT_TRUE(res);
    EXPECT_TRUE(res->status == 401 || res->status == 429) << res->status;
  }
  // The guesser's pair waits, even with the right password ...
  auto guesser = SignInFrom("198.51.100.66", "jjansen", kPassword);
  ASSERT_TRUE(guesser);
  EXPECT_EQ(guesser->status, 429);
  EXPECT_FALSE(guesser->get_header_value("Retry-After").empty());
  EXPECT_TRUE(guesser->get_header_value("Set-Cookie").empty());
  // ... the owner, at another address, is not locked out.
  auto owner = SignInFrom("203.0.113.9", "jjansen", kPassword);
  ASSERT_TRUE(owner);
  EXPECT_EQ(owner->status, 201) << owner->body;
}

// Finding 12: an unknown name, a disabled account and a locked account answered differently.
TEST_F(SignInAttackTest, UnknownDisabledAndLockedAnswersAreIdentical) {
  ServerOptions server;
  server.trusted_proxies = {"127.0.0.1"};
  StartServer(server);
  MakeUser("pdevries", Role::kBoa);
  const security::User disabled = MakeUser("uitgeschakeld", Role::kBoa);
  ASSERT_TRUE(services_->accounts.Disable("GM0014", disabled.id, "admin-1").ok());

  auto wrong = SignInFrom("192.0.2.1", "pdevries", "geraden");
  auto unknown = SignInFrom("192.0.2.2", "niemand", "geraden");
  auto disabled_right = SignInFrom("192.0.2.3", "uitgeschakeld", kPassword);
  ASSERT_TRUE(wrong && unknown && disabled_right);
  for (const auto* res : {&wrong, &unknown, &disabled_right}) {
    EXPECT_EQ((*res)->status, 401);
    EXPECT_EQ((*res)->body, wrong->body);
    EXPECT_EQ((*res)->get_header_value("Content-Type"), "application/problem+json");
  }

  // After the same series of failures, an existing, an unknown and a disabled name are held up
  // alike: the throttled answer does not depend on whether the account exists.
  std::vector<httplib::Result> locked;
  for (const char* name : {"pdevries", "niemand", "uitgeschakeld"}) {
    for (int i = 0; i < 4; ++i) (void)SignInFrom("192.0.2.50", name, "geraden");
    locked.push_back(SignInFrom("192.0.2.50", name, kPassword));
    ASSERT_TRUE(locked.back());
  }
  for (const auto& res : locked) {
    EXPECT_EQ(res->status, 429);
    EXPECT_EQ(res->body, locked.front()->body);
    EXPECT_EQ(res->get_header_value("Retry-After"),
              locked.front()->get_header_value("Retry-After"));
  }
  EXPECT_EQ(Body(locked.front())["detail"],
            "Te veel mislukte pogingen. Probeer het over 2 seconden opnieuw.");
}

// Finding 13: a client inside the trusted proxy range sent X-Forwarded-For with other addresses of
// that range and got a fresh rate-limit bucket per request, and a forged address in the audit log.
TEST_F(SignInAttackTest, AClientInsideTheTrustedRangeCannotPickItsAddress) {
  options_.sign_in = RateLimit{3, std::chrono::seconds(60)};
  ServerOptions server;
  server.trusted_proxies = {"127.0.0.0/8"};
  StartServer(server);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(SignInFrom("127.0.0." + std::to_string(10 + i), "niemand", "x")->status, 401);
  }
  auto res = SignInFrom("127.0.0.99", "niemand", "x");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 429) << "the rate limit bites: the client is its peer";
  for (const std::string& address : AuditAddresses("login.failure")) {
    EXPECT_EQ(address, "127.0.0.1");
  }
  EXPECT_EQ(AuditAddresses("login.failure").size(), 3u);
}

// Behind a trusted proxy the client's public address still counts (tests/security/sqlmap.sh
// relies on it: trusted 127.0.0.1 and a random public X-Forwarded-For per request).
TEST_F(SignInAttackTest, APublicAddressForwardedByATrustedProxyIsStillTheClient) {
  options_.sign_in = RateLimit{3, std::chrono::seconds(60)};
  ServerOptions server;
  server.trusted_proxies = {"127.0.0.1"};
  StartServer(server);
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(SignInFrom("198.51.100." + std::to_string(i), "niemand", "x")->status, 401);
  }
  const std::vector<std::string> audited = AuditAddresses("login.failure");
  EXPECT_EQ(std::set<std::string>(audited.begin(), audited.end()).size(), 5u);
}

// Finding 15: the cookie lacked Secure behind an https public address unless a flag was set.
TEST_F(SignInAttackTest, SecureCookieAndHstsWithAnHttpsPublicAddress) {
  signals_options_.public_base_url = "https://meldingen.groningen.nl";
  StartServer();
  MakeUser("jjansen", Role::kBoa);
  auto res = SignIn("jjansen", kPassword);
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 201);
  const std::string cookie = res->get_header_value("Set-Cookie");
  EXPECT_NE(cookie.find("; Secure"), std::string::npos) << cookie;
  EXPECT_NE(cookie.find("; HttpOnly"), std::string::npos) << cookie;
  EXPECT_NE(cookie.find("; SameSite=Strict"), std::string::npos) << cookie;
  EXPECT_EQ(res->get_header_value("Strict-Transport-Security"),
            "max-age=31536000; includeSubDomains");
  auto refused = SignIn("jjansen", "geraden");
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 401);
  EXPECT_FALSE(refused->get_header_value("Strict-Transport-Security").empty());
}

TEST_F(SignInAttackTest, NoSecureCookieOrHstsWithAPlainHttpPublicAddress) {
  signals_options_.public_base_url = "http://127.0.0.1:8080";
  StartServer();
  MakeUser("jjansen", Role::kBoa);
  auto res = SignIn("jjansen", kPassword);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->get_header_value("Set-Cookie").find("Secure"), std::string::npos);
  EXPECT_TRUE(res->get_header_value("Strict-Transport-Security").empty());
}

// Finding 15: sign-in accepted a text/plain body, which any site can post with an HTML form
// (login CSRF: the victim is signed in as the attacker).
TEST_F(SignInAttackTest, TextPlainSignInIs415) {
  StartServer();
  MakeUser("jjansen", Role::kBoa);
  const std::string body = json{{"gebruikersnaam", "jjansen"}, {"wachtwoord", kPassword}}.dump();
  // (multipart/form-data, the third type a form may send, is refused by the HTTP layer, or has
  // no JSON body: 400 either way.)
  for (const char* type :
       {"text/plain", "text/plain; charset=utf-8", "application/x-www-form-urlencoded"}) {
    auto res = client_->Post("/api/v1/sessies", body, type);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 415) << type;
    EXPECT_EQ(res->get_header_value("Content-Type"), "application/problem+json");
    EXPECT_TRUE(res->get_header_value("Set-Cookie").empty()) << type;
    EXPECT_EQ(Body(res)["status"], 415);
    EXPECT_NE(Body(res)["detail"].get<std::string>().find("JSON"), std::string::npos);
    EXPECT_EQ(Body(res)["invalid-params"][0]["name"], "Content-Type");
  }
  auto json_with_charset =
      client_->Post("/api/v1/sessies", body, "application/json; charset=utf-8");
  ASSERT_TRUE(json_with_charset);
  EXPECT_EQ(json_with_charset->status, 201);
}

TEST_F(SignInAttackTest, EveryStateChangingJsonRouteRefusesOtherContentTypes) {
  StartServer();
  const security::User user = MakeUser("jjansen", Role::kBoa);
  const security::NewSession session = SessionFor(user);
  auto res = client_->Put("/api/v1/sessies/huidig/wachtwoord", CookieHeaders(session),
                          R"({"huidig_wachtwoord":"x","nieuw_wachtwoord":"y"})", "text/plain");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 415);
  res = client_->Post("/api/v1/publiek/meldingen", R"({"tekst":"x"})", "text/plain");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 415);
  // A bodiless unsafe request (sign out) needs no content type; the CSRF token guards it.
  res = client_->Delete("/api/v1/sessies/huidig", CookieHeaders(session));
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 204);
  // Open311 takes form posts by its standard (and an API key): not refused for its type.
  res = client_->Post("/open311/v2/requests.json", "service_code=x&api_key=ongeldig",
                      "application/x-www-form-urlencoded");
  ASSERT_TRUE(res);
  EXPECT_NE(res->status, 415);
}

}  // namespace
}  // namespace baken::api::testing
