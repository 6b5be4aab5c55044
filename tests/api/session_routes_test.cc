// Signing in and out over HTTP: cookie flags, Dutch errors, back-off, CSRF, sign-out everywhere,
// and the sign-in rate limit.
#include "api_test_env.h"

namespace baken::api::testing {
namespace {

using security::Role;

class SessionRoutesTest : public ApiTestEnv {};

std::string CookieToken(const std::string& set_cookie) {
  const size_t start = set_cookie.find('=') + 1;
  return set_cookie.substr(start, set_cookie.find(';') - start);
}

TEST_F(SessionRoutesTest, SignInSetsAHttpOnlyStrictCookieAndWhoAmIAnswers) {
  StartServer();
  MakeUser("jjansen", Role::kBoa);
  auto res = SignIn("jjansen", kPassword);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 201);
  const std::string cookie = res->get_header_value("Set-Cookie");
  EXPECT_EQ(cookie.rfind("baken_sessie=", 0), 0u) << cookie;
  EXPECT_NE(cookie.find("; HttpOnly"), std::string::npos) << cookie;
  EXPECT_NE(cookie.find("; SameSite=Strict"), std::string::npos) << cookie;
  EXPECT_NE(cookie.find("; Path=/"), std::string::npos) << cookie;
  EXPECT_EQ(cookie.find("Secure"), std::string::npos) << "plain HTTP without secure_cookie";
  EXPECT_EQ(res->get_header_value("Cache-Control"), "no-store");
  const auto body = Body(res);
  EXPECT_EQ(body["gebruiker"], "jjansen");
  EXPECT_EQ(body["rol"], "boa");
  EXPECT_EQ(body["csrf_token"].get<std::string>().size(), 64u);
  EXPECT_EQ(body["tweede_factor_nodig"], true);  // a boa sees confidential data: TOTP first

  auto me =
      client_->Get("/api/v1/sessies/huidig", {{"Cookie", "baken_sessie=" + CookieToken(cookie)}});
  ASSERT_TRUE(me);
  EXPECT_EQ(me->status, 200);
  EXPECT_EQ(Body(me)["gebruiker"], "jjansen");
  EXPECT_EQ(Body(me)["naam"], "Naam jjansen");
  EXPECT_EQ(Body(me)["csrf_token"], body["csrf_token"]);
}

TEST_F(SessionRoutesTest, SecureCookieWhenConfigured) {
  options_.secure_cookie = true;
  StartServer();
  MakeUser("jjansen", Role::kBoa);
  auto res = SignIn("jjansen", kPassword);
  ASSERT_TRUE(res);
  EXPECT_NE(res->get_header_value("Set-Cookie").find("; Secure"), std::string::npos);
}

TEST_F(SessionRoutesTest, WrongPasswordIs401InDutch) {
  StartServer();
  MakeUser("jjansen", Role::kBoa);
  auto res = SignIn("jjansen", "fout-wachtwoord");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 401);
  EXPECT_EQ(res->get_header_value("Content-Type"), "application/problem+json");
  EXPECT_EQ(Body(res)["detail"], "Gebruikersnaam, wachtwoord of code onjuist");
  EXPECT_TRUE(res->get_header_value("Set-Cookie").empty());
  // An unknown user gets exactly the same answer.
  auto unknown = SignIn("onbekend", "fout-wachtwoord");
  EXPECT_EQ(unknown->status, 401);
  EXPECT_EQ(Body(unknown)["detail"], Body(res)["detail"]);
}

// No account lock any more (ADR 0012): failures from one address back off that (name, address)
// pair, and the answer says how long to wait.
TEST_F(SessionRoutesTest, RepeatedFailuresBackOffWithRetryAfter) {
  StartServer();
  MakeUser("jjansen", Role::kBoa);
  for (int i = 0; i < 4; ++i) EXPECT_EQ(SignIn("jjansen", "fout-wachtwoord")->status, 401);
  auto res = SignIn("jjansen", kPassword);  // even the right password waits
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 429);
  EXPECT_EQ(res->get_header_value("Retry-After"), "2");
  EXPECT_EQ(res->get_header_value("Content-Type"), "application/problem+json");
  EXPECT_EQ(Body(res)["detail"], "Te veel mislukte pogingen. Probeer het over 2 seconden opnieuw.");
  EXPECT_TRUE(res->get_header_value("Set-Cookie").empty());
  clock_.Advance(std::chrono::seconds(2));
  EXPECT_EQ(SignIn("jjansen", kPassword)->status, 201);
}

TEST_F(SessionRoutesTest, UnsafeRequestWithoutCsrfTokenIs403) {
  StartServer();
  const auto user = MakeUser("jjansen", Role::kBoa);
  const auto session = SessionFor(user);
  auto res = client_->Delete("/api/v1/sessies/huidig", CookieHeaders(session, false));
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 403);
  EXPECT_NE(Body(res)["detail"].get<std::string>().find("X-CSRF-Token"), std::string::npos);
  httplib::Headers wrong = CookieHeaders(session, false);
  wrong.emplace("X-CSRF-Token", std::string(64, 'a'));
  EXPECT_EQ(client_->Delete("/api/v1/sessies/huidig", wrong)->status, 403);
  // The session is still there; with the token, sign-out works and clears the cookie.
  EXPECT_EQ(client_->Get("/api/v1/sessies/huidig", CookieHeaders(session, false))->status, 200);
  res = client_->Delete("/api/v1/sessies/huidig", CookieHeaders(session));
  EXPECT_EQ(res->status, 204);
  EXPECT_NE(res->get_header_value("Set-Cookie").find("Max-Age=0"), std::string::npos);
  EXPECT_EQ(client_->Get("/api/v1/sessies/huidig", CookieHeaders(session, false))->status, 401);
}

TEST_F(SessionRoutesTest, SignOutEverywhereEndsTheOtherSessions) {
  StartServer();
  const auto user = MakeUser("jjansen", Role::kBoa);
  const auto other_user = MakeUser("pdevries", Role::kBoa);
  const auto laptop = SessionFor(user);
  const auto phone = SessionFor(user);
  const auto colleague = SessionFor(other_user);
  auto res = client_->Delete("/api/v1/sessies", CookieHeaders(laptop));
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(Body(res)["beeindigde_sessies"], 2);
  EXPECT_EQ(client_->Get("/api/v1/sessies/huidig", CookieHeaders(phone))->status, 401);
  EXPECT_EQ(client_->Get("/api/v1/sessies/huidig", CookieHeaders(laptop))->status, 401);
  EXPECT_EQ(client_->Get("/api/v1/sessies/huidig", CookieHeaders(colleague))->status, 200);
}

TEST_F(SessionRoutesTest, SignInIsRateLimitedPerAddressWithRetryAfter) {
  options_.sign_in = RateLimit{3, std::chrono::seconds(60)};
  StartServer();
  MakeUser("jjansen", Role::kBoa);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(SignIn("onbekend", "x")->status, 401);
  auto res = SignIn("jjansen", kPassword);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 429);
  EXPECT_EQ(res->get_header_value("Retry-After"), "20");
  EXPECT_EQ(res->get_header_value("Content-Type"), "application/problem+json");
  EXPECT_NE(Body(res)["detail"].get<std::string>().find("20 seconden"), std::string::npos);
  clock_.Advance(std::chrono::seconds(20));
  EXPECT_EQ(SignIn("jjansen", kPassword)->status, 201);
}

TEST_F(SessionRoutesTest, MalformedSignInIs400) {
  StartServer();
  auto res = client_->Post("/api/v1/sessies", "{niet json", "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400);
  res = client_->Post("/api/v1/sessies", R"({"gebruikersnaam":"x"})", "application/json");
  EXPECT_EQ(res->status, 400);
  EXPECT_EQ(Body(res)["invalid-params"][0]["name"], "wachtwoord");
}

}  // namespace
}  // namespace baken::api::testing
