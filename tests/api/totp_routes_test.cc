// TOTP set-up over HTTP: a role that needs a second factor is sent to set it up first (403 with
// "code": "totp_instellen_vereist" on every Protected route), enrols, confirms with a code from
// the returned secret, and then reaches the route; wrong and replayed codes are refused.
#include "api_test_env.h"
#include "baken/security/base32.h"
#include "baken/security/totp.h"

namespace baken::api::testing {
namespace {

using security::Role;

class TotpRoutesTest : public ApiTestEnv {
 protected:
  // Signs in over HTTP; returns cookie headers with the CSRF token.
  httplib::Headers SignInHeaders(const std::string& username, const std::string& totp = "") {
    nlohmann::json body{{"gebruikersnaam", username}, {"wachtwoord", kPassword}};
    if (!totp.empty()) body["totp"] = totp;
    auto res = client_->Post("/api/v1/sessies", body.dump(), "application/json");
    EXPECT_TRUE(res);
    if (!res) return {};
    EXPECT_EQ(res->status, 201) << res->body;
    const std::string cookie = res->get_header_value("Set-Cookie");
    return {{"Cookie", cookie.substr(0, cookie.find(';'))},
            {"X-CSRF-Token", Body(res)["csrf_token"].get<std::string>()}};
  }

  httplib::Result Confirm(const httplib::Headers& headers, const std::string& code) {
    return client_->Post("/api/v1/sessies/huidig/totp/bevestiging", headers,
                         nlohmann::json{{"code", code}}.dump(), "application/json");
  }
};

TEST_F(TotpRoutesTest, CoordinatorWithoutTotpIsSentToSetItUp) {
  StartServer();
  MakeUser("coordinator", Role::kCoordinatorMensenhandel);
  const httplib::Headers h = SignInHeaders("coordinator");
  auto res = client_->Get("/api/v1/gebruikers", h);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 403);
  EXPECT_EQ(res->get_header_value("Content-Type"), "application/problem+json");
  EXPECT_EQ(Body(res)["code"], "totp_instellen_vereist");
  EXPECT_EQ(Body(res)["detail"],
            "Stel eerst tweestapsverificatie (TOTP) in voordat u vertrouwelijke gegevens kunt "
            "zien.");
  auto me = client_->Get("/api/v1/sessies/huidig", h);
  ASSERT_TRUE(me);
  EXPECT_EQ(Body(me)["totp_instellen_vereist"], true);
  EXPECT_EQ(Body(me)["totp_ingesteld"], false);
}

TEST_F(TotpRoutesTest, FullFlowEnrolConfirmThenAllowedAndReplayRefused) {
  StartServer();
  const security::User admin = MakeUser("beheer", Role::kBeheerder);
  const httplib::Headers h = SignInHeaders("beheer");
  auto res = client_->Get("/api/v1/gebruikers", h);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 403);
  EXPECT_EQ(Body(res)["code"], "totp_instellen_vereist");

  auto enrol = client_->Post("/api/v1/sessies/huidig/totp", h, "", "application/json");
  ASSERT_TRUE(enrol);
  ASSERT_EQ(enrol->status, 201) << enrol->body;
  EXPECT_EQ(enrol->get_header_value("Cache-Control"), "no-store");
  EXPECT_EQ(Body(enrol)["otpauth_uri"].get<std::string>().rfind("otpauth://totp/", 0), 0u);
  const std::string secret = *security::Base32Decode(Body(enrol)["geheim"].get<std::string>());
  ASSERT_EQ(secret.size(), 20u);

  // Still blocked before confirmation; a wrong code is refused.
  EXPECT_EQ(client_->Get("/api/v1/gebruikers", h)->status, 403);
  auto wrong = Confirm(h, "000000");
  ASSERT_TRUE(wrong);
  EXPECT_EQ(wrong->status, 400);
  EXPECT_EQ(Body(wrong)["invalid-params"][0]["name"], "code");

  const std::string code = security::TotpCode(secret, clock_.Now());
  auto ok = Confirm(h, code);
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 200) << ok->body;
  EXPECT_EQ(Body(ok)["tweede_factor_gedaan"], true);

  res = client_->Get("/api/v1/gebruikers", h);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200) << res->body;
  auto me = client_->Get("/api/v1/sessies/huidig", h);
  EXPECT_EQ(Body(me)["tweede_factor_gedaan"], true);
  EXPECT_EQ(Body(me)["totp_ingesteld"], true);
  EXPECT_EQ(Body(me)["totp_instellen_vereist"], false);

  // Replay: the confirming code does not work again, neither to confirm nor to sign in.
  EXPECT_EQ(Confirm(h, code)->status, 409);
  auto replay = client_->Post(
      "/api/v1/sessies",
      nlohmann::json{{"gebruikersnaam", "beheer"}, {"wachtwoord", kPassword}, {"totp", code}}
          .dump(),
      "application/json");
  ASSERT_TRUE(replay);
  EXPECT_EQ(replay->status, 401);

  // A later code completes a new sign-in; without a code the user is not sent to set-up again
  // but lacks the second factor.
  clock_.Advance(std::chrono::seconds(30));
  const httplib::Headers later = SignInHeaders("beheer", security::TotpCode(secret, clock_.Now()));
  EXPECT_EQ(client_->Get("/api/v1/gebruikers", later)->status, 200);
  const httplib::Headers password_only = SignInHeaders("beheer");
  auto again = client_->Get("/api/v1/gebruikers", password_only);
  EXPECT_NE(Body(again)["code"], "totp_instellen_vereist");
  // Replacing an active TOTP needs the second factor.
  EXPECT_EQ(
      client_->Post("/api/v1/sessies/huidig/totp", password_only, "", "application/json")->status,
      403);

  // Enrolment and confirmation are audited.
  std::ostringstream out;
  ASSERT_TRUE(services_->audit
                  .Export("GM0014", kNoon - std::chrono::hours(1), kNoon + std::chrono::hours(1),
                          out, security::AuditExportFormat::kJsonLines)
                  .ok());
  EXPECT_NE(out.str().find("user.totp_enrol"), std::string::npos);
  EXPECT_NE(out.str().find("user.totp_confirm"), std::string::npos);
  EXPECT_NE(out.str().find(admin.id), std::string::npos);
}

}  // namespace
}  // namespace baken::api::testing
