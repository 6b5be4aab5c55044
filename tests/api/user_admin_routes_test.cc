// User and API-key administration over HTTP as the functioneel beheerder meets it: create an
// account (with a one-time password that works), change its role, disable it, reset its password;
// create an API key that works as a Bearer token until it is revoked. A beheerder cannot lock
// themselves out; other roles are refused. A password the administrator chose must be replaced by
// its owner before anything else. Giving an account or key rights to persons (a role that sees
// personal or special data, a beheer key) waits for a second beheerder (four eyes, ADR 0011).
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
    tweede_beheerder_ = MakeUser("beheer2", Role::kBeheerder, {});
    toezichthouder_ = MakeUser("toezicht", Role::kToezichthouder, {"toezicht"});
  }

  // The second beheerder approves a pending change; returns the result (password, key, ...).
  json ApproveAsSecond(const httplib::Result& proposed) {
    EXPECT_EQ(proposed->status, 202) << proposed->body;
    auto res =
        client_->Post("/api/v1/wijzigingen/" +
                          Body(proposed)["wijziging"]["id"].get<std::string>() + "/goedkeuring",
                      As(tweede_beheerder_), "{}", "application/json");
    EXPECT_EQ(res->status, 200) << res->body;
    return Body(res).value("resultaat", json::object());
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

  // An account without rights to persons (pseudonymised analysis): made at once, no second person.
  static json NewUserBody() {
    return {{"gebruikersnaam", "sanne"},
            {"naam", "Sanne Bakker"},
            {"email", "sanne@example.nl"},
            {"rol", "analist"},
            {"afdelingen", {"toezicht"}}};
  }

  security::User beheerder_;
  security::User tweede_beheerder_;
  security::User toezichthouder_;
};

TEST_F(UserAdminRoutesTest, CreatedUserSignsInWithTheOneTimePasswordUntilDisabled) {
  auto res = Create(beheerder_, NewUserBody());
  ASSERT_EQ(res->status, 201) << res->body;
  const json created = Body(res);
  const std::string password = created.value("tijdelijk_wachtwoord", "");
  ASSERT_GE(password.size(), 12u);
  EXPECT_EQ(created["gebruiker"]["rol"], "analist");
  EXPECT_EQ(created["gebruiker"]["afdelingen"], json({"toezicht"}));
  const std::string id = created["gebruiker"]["id"];

  auto sign_in = SignIn("sanne", password);
  ASSERT_EQ(sign_in->status, 201) << sign_in->body;

  // The list shows the new account.
  auto list = client_->Get("/api/v1/gebruikers", As(beheerder_));
  ASSERT_EQ(list->status, 200);
  EXPECT_NE(list->body.find("\"sanne\""), std::string::npos);

  // Role and departments change to a role that sees reporters: a second beheerder approves it,
  // and the answer shows the new values.
  json changed = ApproveAsSecond(
      Patch(beheerder_, id, {{"rol", "boa"}, {"afdelingen", {"toezicht", "stadsbeheer"}}}));
  EXPECT_EQ(changed["gebruiker"]["rol"], "boa");
  EXPECT_EQ(changed["gebruiker"]["afdelingen"], json({"toezicht", "stadsbeheer"}));

  auto disabled = Patch(beheerder_, id, {{"uitgeschakeld", true}});
  ASSERT_EQ(disabled->status, 200) << disabled->body;
  EXPECT_EQ(Body(disabled)["gebruiker"]["uitgeschakeld"], true);
  EXPECT_EQ(SignIn("sanne", password)->status, 401);

  // Enabled again and given a fresh temporary password (the boa has no second factor yet, so a
  // second beheerder approves the reset and hands it over): the old one no longer works.
  ASSERT_EQ(Patch(beheerder_, id, {{"uitgeschakeld", false}})->status, 200);
  const std::string fresh =
      ApproveAsSecond(client_->Post("/api/v1/gebruikers/" + id + "/wachtwoord", As(beheerder_),
                                    "{}", "application/json"))
          .value("tijdelijk_wachtwoord", "");
  ASSERT_FALSE(fresh.empty());
  EXPECT_NE(fresh, password);
  EXPECT_EQ(SignIn("sanne", password)->status, 401);
  EXPECT_EQ(SignIn("sanne", fresh)->status, 201);
}

// The session a real sign-in answered: its cookie and CSRF token.
security::NewSession SessionOf(const httplib::Result& sign_in) {
  security::NewSession s;
  const std::string cookie = sign_in->get_header_value("Set-Cookie");
  const std::string prefix = "baken_sessie=";
  const size_t start = cookie.find(prefix) + prefix.size();
  s.token = cookie.substr(start, cookie.find(';', start) - start);
  s.csrf_token = nlohmann::json::parse(sign_in->body).value("csrf_token", "");
  return s;
}

TEST_F(UserAdminRoutesTest, APasswordTheAdministratorChoseMustBeReplacedBeforeAnythingElse) {
  auto res = Create(beheerder_, NewUserBody());
  ASSERT_EQ(res->status, 201) << res->body;
  EXPECT_EQ(Body(res)["gebruiker"]["wachtwoord_wijzigen_vereist"], true);
  const std::string temporary = Body(res).value("tijdelijk_wachtwoord", "");
  const std::string id = Body(res)["gebruiker"]["id"];

  auto sign_in = SignIn("sanne", temporary);
  ASSERT_EQ(sign_in->status, 201) << sign_in->body;
  EXPECT_EQ(Body(sign_in)["wachtwoord_wijzigen_vereist"], true);
  const security::NewSession session = SessionOf(sign_in);
  const security::NewSession other = SessionOf(SignIn("sanne", temporary));  // a second device

  // Work is refused until the password is the user's own; the session routes answer.
  auto refused = client_->Get("/api/v1/meldingen", CookieHeaders(session));
  ASSERT_EQ(refused->status, 403) << refused->body;
  EXPECT_EQ(Body(refused)["code"], "wachtwoord_wijzigen_vereist");
  EXPECT_NE(Body(refused).value("detail", "").find("eigen wachtwoord"), std::string::npos);
  auto me = client_->Get("/api/v1/sessies/huidig", CookieHeaders(session));
  ASSERT_EQ(me->status, 200);
  EXPECT_EQ(Body(me)["wachtwoord_wijzigen_vereist"], true);

  auto change = [&](const std::string& current, const std::string& next) {
    return client_->Put("/api/v1/sessies/huidig/wachtwoord", CookieHeaders(session),
                        json{{"huidig_wachtwoord", current}, {"nieuw_wachtwoord", next}}.dump(),
                        "application/json");
  };
  auto wrong = change("niet-het-wachtwoord", "Fietsenstalling-2026");
  EXPECT_EQ(wrong->status, 400);
  EXPECT_EQ(Field(wrong), "huidig_wachtwoord");
  auto same = change(temporary, temporary);
  EXPECT_EQ(same->status, 400);
  EXPECT_EQ(Field(same), "nieuw_wachtwoord");
  auto weak = change(temporary, "kort1");
  EXPECT_EQ(weak->status, 400);
  EXPECT_EQ(Field(weak), "nieuw_wachtwoord");
  EXPECT_EQ(client_->Get("/api/v1/meldingen", CookieHeaders(session))->status, 403);

  auto changed = change(temporary, "Fietsenstalling-2026");
  ASSERT_EQ(changed->status, 200) << changed->body;
  // Past the password; a toezichthouder's next step is setting up the second factor.
  auto next_step = client_->Get("/api/v1/meldingen", CookieHeaders(session));
  EXPECT_EQ(next_step->status, 403);
  EXPECT_EQ(Body(next_step)["code"], "totp_instellen_vereist");
  // The other device signed in with the administrator's password is signed out.
  EXPECT_EQ(client_->Get("/api/v1/sessies/huidig", CookieHeaders(other))->status, 401);
  EXPECT_EQ(SignIn("sanne", temporary)->status, 401);
  auto again = SignIn("sanne", "Fietsenstalling-2026");
  ASSERT_EQ(again->status, 201);
  EXPECT_EQ(Body(again)["wachtwoord_wijzigen_vereist"], false);

  int64_t audited = 0;
  ASSERT_TRUE(db_->Read([&](store::Transaction& txn) -> Status {
                   ASSIGN_OR_RETURN(store::Row r,
                                    txn.QueryRow("SELECT count(*) FROM audit_log WHERE action = "
                                                 "'user.password_change' AND object_id = ?",
                                                 {id}));
                   audited = r.GetInt64(0);
                   return Status::Ok();
                 })
                  .ok());
  EXPECT_EQ(audited, 2);  // the refused attempt with a wrong password and the change

  // A reset by the administrator asks for a new own password again.
  ASSERT_EQ(client_
                ->Post("/api/v1/gebruikers/" + id + "/wachtwoord", As(beheerder_), "{}",
                       "application/json")
                ->status,
            200);
  auto list = client_->Get("/api/v1/gebruikers", As(beheerder_));
  ASSERT_EQ(list->status, 200);
  bool flagged = false;
  const json listed = Body(list);
  for (const json& u : listed["gebruikers"]) {
    if (u.value("id", "") == id) flagged = u.value("wachtwoord_wijzigen_vereist", false);
  }
  EXPECT_TRUE(flagged) << list->body;
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
  // The session tells the UI who may administer users (from the policy); "rechten" also names
  // the pages the user may open, so only the administration rights are compared here.
  auto administers = [&](const security::User& u) {
    const json me = Body(client_->Get("/api/v1/sessies/huidig", As(u)));
    json out = json::array();
    for (const json& r : me["rechten"]) {
      if (r == "categorieen.beheren" || r == "gebruikers.beheren") out.push_back(r);
    }
    return out;
  };
  EXPECT_EQ(administers(beheerder_), json({"categorieen.beheren", "gebruikers.beheren"}));
  EXPECT_EQ(administers(toezichthouder_), json::array());
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
  EXPECT_FALSE(services_->accounts.List("GM0014")->size() > 3);
}

TEST_F(UserAdminRoutesTest, ApiKeyWorksAsBearerUntilRevoked) {
  // A key that administers waits for a second beheerder, who receives it.
  const json created = ApproveAsSecond(client_->Post(
      "/api/v1/api-sleutels", As(beheerder_),
      json{{"client", "Zaaksysteem"}, {"rol", "beheerder"}, {"doelen", {"beheer"}}}.dump(),
      "application/json"));
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
