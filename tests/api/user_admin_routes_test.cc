// User and API-key administration over HTTP as the functioneel beheerder meets it: create an
// account (with a one-time password that works), change its role, disable it, reset its password;
// create an API key that works as a Bearer token until it is revoked. A beheerder cannot lock
// themselves out; other roles are refused.
#include "api_test_env.h"

namespace baken::api::testing {
namespace {

using nlohmann::json;
using security::Role;

class UserAdminRoutesTest : public ApiTestEnv {
 protected:
  void SetUp() override {
    ApiTestEnv::SetUp();
    StartServer();
    beheerder_ = MakeUser("beheer", Role::kBeheerder, {});
    toezichthouder_ = MakeUser("toezicht", Role::kToezichthouder, {"toezicht"});
  }

  httplib::Headers As(const security::User& u) { return CookieHeaders(SessionFor(u)); }

  httplib::Result Create(const security::User& as, const json& body) {
    return client_->Post("/api/v1/gebruikers", As(as), body.dump(), "application/json");
  }

  httplib::Result Patch(const security::User& as, const std::string& id, const json& body) {
    return client_->Patch("/api/v1/gebruikers/" + id, As(as), body.dump(), "application/json");
  }

  // The field a problem answer names.
  static std::string Field(const httplib::Result& res) {
    const json body = Body(res);
    if (!body.contains("invalid-params")) return "";
    return body["invalid-params"][0].value("name", "");
  }

  static json NewUserBody() {
    return {{"gebruikersnaam", "sanne"},
            {"naam", "Sanne Bakker"},
            {"email", "sanne@example.nl"},
            {"rol", "toezichthouder"},
            {"afdelingen", {"toezicht"}}};
  }

  security::User beheerder_;
  security::User toezichthouder_;
};

TEST_F(UserAdminRoutesTest, CreatedUserSignsInWithTheOneTimePasswordUntilDisabled) {
  auto res = Create(beheerder_, NewUserBody());
  ASSERT_EQ(res->status, 201) << res->body;
  const json created = Body(res);
  const std::string password = created.value("tijdelijk_wachtwoord", "");
  ASSERT_GE(password.size(), 12u);
  EXPECT_EQ(created["gebruiker"]["rol"], "toezichthouder");
  EXPECT_EQ(created["gebruiker"]["afdelingen"], json({"toezicht"}));
  const std::string id = created["gebruiker"]["id"];

  auto sign_in = SignIn("sanne", password);
  ASSERT_EQ(sign_in->status, 201) << sign_in->body;

  // The list shows the new account.
  auto list = client_->Get("/api/v1/gebruikers", As(beheerder_));
  ASSERT_EQ(list->status, 200);
  EXPECT_NE(list->body.find("\"sanne\""), std::string::npos);

  // Role and departments change; the answer shows the new values.
  auto changed =
      Patch(beheerder_, id, {{"rol", "boa"}, {"afdelingen", {"toezicht", "stadsbeheer"}}});
  ASSERT_EQ(changed->status, 200) << changed->body;
  EXPECT_EQ(Body(changed)["gebruiker"]["rol"], "boa");
  EXPECT_EQ(Body(changed)["gebruiker"]["afdelingen"], json({"toezicht", "stadsbeheer"}));

  auto disabled = Patch(beheerder_, id, {{"uitgeschakeld", true}});
  ASSERT_EQ(disabled->status, 200) << disabled->body;
  EXPECT_EQ(Body(disabled)["gebruiker"]["uitgeschakeld"], true);
  EXPECT_EQ(SignIn("sanne", password)->status, 401);

  // Enabled again and given a fresh temporary password: the old one no longer works.
  ASSERT_EQ(Patch(beheerder_, id, {{"uitgeschakeld", false}})->status, 200);
  auto reset = client_->Post("/api/v1/gebruikers/" + id + "/wachtwoord", As(beheerder_), "{}",
                             "application/json");
  ASSERT_EQ(reset->status, 200) << reset->body;
  const std::string fresh = Body(reset).value("tijdelijk_wachtwoord", "");
  ASSERT_FALSE(fresh.empty());
  EXPECT_NE(fresh, password);
  EXPECT_EQ(SignIn("sanne", password)->status, 401);
  EXPECT_EQ(SignIn("sanne", fresh)->status, 201);
}

TEST_F(UserAdminRoutesTest, InvalidInputNamesTheField) {
  json body = NewUserBody();
  body["rol"] = "koning";
  auto res = Create(beheerder_, body);
  EXPECT_EQ(res->status, 400);
  EXPECT_EQ(Field(res), "rol") << res->body;

  body = NewUserBody();
  body["afdelingen"] = {"bestaat_niet"};
  res = Create(beheerder_, body);
  EXPECT_EQ(res->status, 400);
  EXPECT_EQ(Field(res), "afdelingen") << res->body;

  body = NewUserBody();
  body["gebruikersnaam"] = "beheer";  // taken
  res = Create(beheerder_, body);
  EXPECT_EQ(res->status, 409);
  EXPECT_EQ(Field(res), "gebruikersnaam") << res->body;
}

TEST_F(UserAdminRoutesTest, BeheerderCannotDisableThemselvesOrDropTheirOwnRole) {
  auto res = Patch(beheerder_, beheerder_.id, {{"uitgeschakeld", true}});
  EXPECT_EQ(res->status, 409) << res->body;
  EXPECT_NE(res->body.find("eigen account niet uitschakelen"), std::string::npos) << res->body;
  res = Patch(beheerder_, beheerder_.id, {{"rol", "analist"}});
  EXPECT_EQ(res->status, 409) << res->body;
  EXPECT_EQ(Field(res), "rol");
  // Still a working beheerder.
  auto me = services_->accounts.Get("GM0014", beheerder_.id);
  ASSERT_TRUE(me.ok());
  EXPECT_EQ(me->role, Role::kBeheerder);
  EXPECT_FALSE(me->disabled);
  // Departments of one's own account may change.
  EXPECT_EQ(Patch(beheerder_, beheerder_.id, {{"afdelingen", {"toezicht"}}})->status, 200);
}

TEST_F(UserAdminRoutesTest, OtherRolesAreRefused) {
  // The session tells the UI who may administer users (from the policy).
  auto me = client_->Get("/api/v1/sessies/huidig", As(beheerder_));
  EXPECT_EQ(Body(me)["rechten"], json({"categorieen.beheren", "gebruikers.beheren"}));
  me = client_->Get("/api/v1/sessies/huidig", As(toezichthouder_));
  EXPECT_EQ(Body(me)["rechten"], json::array());
  EXPECT_EQ(Create(toezichthouder_, NewUserBody())->status, 403);
  EXPECT_EQ(Patch(toezichthouder_, toezichthouder_.id, {{"rol", "beheerder"}})->status, 403);
  EXPECT_EQ(client_
                ->Post("/api/v1/gebruikers/" + beheerder_.id + "/wachtwoord", As(toezichthouder_),
                       "{}", "application/json")
                ->status,
            403);
  EXPECT_EQ(client_->Get("/api/v1/api-sleutels", As(toezichthouder_))->status, 403);
  EXPECT_EQ(client_
                ->Post("/api/v1/api-sleutels", As(toezichthouder_),
                       json{{"client", "x"}, {"rol", "beheerder"}, {"doelen", {"beheer"}}}.dump(),
                       "application/json")
                ->status,
            403);
  // A beheerder without a second factor may not administer either.
  httplib::Headers no_totp = CookieHeaders(SessionFor(beheerder_, /*second_factor=*/false));
  EXPECT_EQ(client_->Post("/api/v1/gebruikers", no_totp, NewUserBody().dump(), "application/json")
                ->status,
            403);
  EXPECT_FALSE(services_->accounts.List("GM0014")->size() > 2);
}

TEST_F(UserAdminRoutesTest, ApiKeyWorksAsBearerUntilRevoked) {
  auto res = client_->Post(
      "/api/v1/api-sleutels", As(beheerder_),
      json{{"client", "Zaaksysteem"}, {"rol", "beheerder"}, {"doelen", {"beheer"}}}.dump(),
      "application/json");
  ASSERT_EQ(res->status, 201) << res->body;
  const json created = Body(res);
  const std::string key = created.value("sleutel", "");
  const std::string id = created.value("id", "");
  ASSERT_EQ(key.rfind("bk_", 0), 0u);
  EXPECT_NE(created.value("melding", "").find("niet meer getoond"), std::string::npos);

  const httplib::Headers bearer = {{"Authorization", "Bearer " + key}};
  EXPECT_EQ(client_->Get("/api/v1/gebruikers", bearer)->status, 200);

  // The list never shows the key itself.
  auto list = client_->Get("/api/v1/api-sleutels", As(beheerder_));
  ASSERT_EQ(list->status, 200);
  EXPECT_EQ(list->body.find(key), std::string::npos);
  ASSERT_EQ(Body(list)["sleutels"].size(), 1u);
  EXPECT_EQ(Body(list)["sleutels"][0]["client"], "Zaaksysteem");
  EXPECT_EQ(Body(list)["sleutels"][0]["ingetrokken_op"], nullptr);

  auto revoked = client_->Delete("/api/v1/api-sleutels/" + id, As(beheerder_));
  ASSERT_EQ(revoked->status, 204) << revoked->body;
  EXPECT_EQ(client_->Get("/api/v1/gebruikers", bearer)->status, 401);
  EXPECT_EQ(client_->Delete("/api/v1/api-sleutels/" + id, As(beheerder_))->status, 404);

  // Bad input names the field.
  auto bad = client_->Post("/api/v1/api-sleutels", As(beheerder_),
                           json{{"client", "X"}, {"rol", "boa"}, {"doelen", json::array()}}.dump(),
                           "application/json");
  EXPECT_EQ(bad->status, 400);
  EXPECT_EQ(Field(bad), "doelen");
}

}  // namespace
}  // namespace baken::api::testing
