// Findings 5 and 8 of the review, sent over HTTP to a real server (ADR 0011):
//  5. reporter contact data without the second factor: a boa with TOTP who signed in with the
//     password only, an API key, and a beheerder who reset a boa's password all read reporters'
//     names, e-mail addresses and phone numbers;
//  8. the beheerder gave itself case data: a coordinator account, a toezichthouder API key, a
//     lower sensitivity for the trafficking category, all without a second person.
#include <set>

#include "../api/api_test_env.h"
#include "baken/security/base32.h"
#include "baken/security/totp.h"

namespace baken::api::testing {
namespace {

using nlohmann::json;
using security::Role;

// Grote Markt, in wijk Centrum.
constexpr char kReporterName[] = "Anna de Vries";
constexpr char kReporterEmail[] = "anna@example.nl";
constexpr char kReporterPhone[] = "0612345678";

class RightsTest : public ApiTestEnv {
 protected:
  void SetUp() override {
    ApiTestEnv::SetUp();
    ASSERT_NO_FATAL_FAILURE(LoadGroningenAreas());
    options_.sign_in = RateLimit{1000, std::chrono::seconds(60)};
    StartServer();
    beheerder_ = MakeUser("beheer", Role::kBeheerder);
    tweede_beheerder_ = MakeUser("beheer2", Role::kBeheerder);
  }

  // A resident's melding (an internal category) with a reporter who may be contacted.
  std::string PublicMelding() {
    json form = {{"tekst", "Er ligt al dagen een berg vuilniszakken naast de container."},
                 {"categorie", "grofvuil"},
                 {"locatie", {{"type", "Point"}, {"coordinates", {kLon, kLat}}}},
                 {"melder",
                  {{"naam", kReporterName},
                   {"email", kReporterEmail},
                   {"telefoon", kReporterPhone},
                   {"toestemming_contact", true}}}};
    auto res = client_->Post("/api/v1/publiek/meldingen", form.dump(), "application/json");
    EXPECT_TRUE(res);
    if (!res) return "";
    EXPECT_EQ(res->status, 201) << res->body;
    return Body(res)["nummer"].get<std::string>();
  }

  // Enrols and confirms TOTP for the user; returns the raw secret.
  std::string EnrolTotp(const security::User& u) {
    auto enrolment = services_->accounts.EnrolTotp(u.tenant, u.id);
    EXPECT_TRUE(enrolment.ok());
    const std::string secret = *security::Base32Decode(enrolment->secret_base32);
    EXPECT_TRUE(
        services_->accounts.ConfirmTotp(u.tenant, u.id, security::TotpCode(secret, clock_.Now()))
            .ok());
    clock_.Advance(std::chrono::seconds(30));  // the confirming code is used up
    return secret;
  }

  // Signs in over HTTP like the UI; returns cookie and CSRF headers.
  httplib::Headers SignInHeaders(const std::string& username, const std::string& password,
                                 const std::string& totp = "") {
    json body{{"gebruikersnaam", username}, {"wachtwoord", password}};
    if (!totp.empty()) body["totp"] = totp;
    auto res = client_->Post("/api/v1/sessies", body.dump(), "application/json");
    EXPECT_TRUE(res);
    if (!res) return {};
    EXPECT_EQ(res->status, 201) << res->body;
    const std::string cookie = res->get_header_value("Set-Cookie");
    return {{"Cookie", cookie.substr(0, cookie.find(';'))},
            {"X-CSRF-Token", Body(res)["csrf_token"].get<std::string>()}};
  }

  httplib::Headers As(const security::User& u) { return CookieHeaders(SessionFor(u)); }

  static bool ShowsReporter(const std::string& body) {
    return body.find(kReporterName) != std::string::npos ||
           body.find(kReporterEmail) != std::string::npos ||
           body.find(kReporterPhone) != std::string::npos;
  }

  // Every (action, outcome) in the audit log.
  std::multiset<std::pair<std::string, std::string>> AuditActions() {
    std::multiset<std::pair<std::string, std::string>> out;
    EXPECT_TRUE(db_->Read([&](store::Transaction& txn) -> Status {
                     ASSIGN_OR_RETURN(auto rs,
                                      txn.Query("SELECT action, outcome FROM audit_log", {}));
                     for (const auto& r : rs.rows) out.emplace(r.GetText(0), r.GetText(1));
                     return Status::Ok();
                   })
                    .ok());
    return out;
  }

  httplib::Result Approve(const security::User& u, const std::string& change_id) {
    return client_->Post("/api/v1/wijzigingen/" + change_id + "/goedkeuring", As(u), "{}",
                         "application/json");
  }

  security::User beheerder_, tweede_beheerder_;
};

TEST_F(RightsTest, PasswordOnlySessionOfATotpUserSeesTheReporterMasked) {
  const security::User boa = MakeUser("boa", Role::kBoa, {"toezicht"});
  const std::string secret = EnrolTotp(boa);
  const std::string id = PublicMelding();

  const httplib::Headers password_only = SignInHeaders("boa", kPassword);
  auto res = client_->Get("/api/v1/meldingen/" + id, password_only);
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_FALSE(ShowsReporter(res->body)) << res->body;
  EXPECT_EQ(Body(res)["afscherming"]["code"], "tweede_factor_nodig");
  EXPECT_NE(Body(res)["afscherming"]["reden"].get<std::string>().find("tweede factor"),
            std::string::npos);
  // Not through the list, nor through the answer to a change either.
  auto list = client_->Get("/api/v1/meldingen", password_only);
  ASSERT_EQ(list->status, 200);
  EXPECT_FALSE(ShowsReporter(list->body)) << list->body;
  auto changed = client_->Patch("/api/v1/meldingen/" + id, password_only,
                                json{{"prioriteit", "hoog"}}.dump(), "application/json");
  ASSERT_EQ(changed->status, 200) << changed->body;
  EXPECT_FALSE(ShowsReporter(changed->body)) << changed->body;

  // With the code in the same sign-in, the reporter is there.
  const httplib::Headers with_code =
      SignInHeaders("boa", kPassword, security::TotpCode(secret, clock_.Now()));
  res = client_->Get("/api/v1/meldingen/" + id, with_code);
  ASSERT_EQ(res->status, 200);
  EXPECT_EQ(Body(res)["melder"]["naam"], kReporterName);
  EXPECT_EQ(Body(res)["melder"]["email"], kReporterEmail);
  EXPECT_TRUE(Body(res)["afscherming"].is_null());
}

TEST_F(RightsTest, AnApiKeyWithoutTheReporterGrantGetsTheReporterMasked) {
  const std::string id = PublicMelding();
  auto plain = services_->api_keys.Create("GM0014", "meldingen-app", Role::kToezichthouder,
                                          {security::Purpose::kMeldingAfhandelen});
  ASSERT_TRUE(plain.ok());
  auto res = client_->Get("/api/v1/meldingen/" + id, {{"X-Api-Key", *plain}});
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_FALSE(ShowsReporter(res->body)) << res->body;
  EXPECT_FALSE(Body(res)["afscherming"].is_null());
  res = client_->Get("/api/v1/meldingen", {{"X-Api-Key", *plain}});
  EXPECT_FALSE(ShowsReporter(res->body)) << res->body;

  // A key given the grant explicitly (here through the store, as the CLI does) sees it.
  auto granted = services_->api_keys.Create("GM0014", "zaaksysteem", Role::kToezichthouder,
                                            {security::Purpose::kMeldingAfhandelen}, nullptr, true);
  ASSERT_TRUE(granted.ok());
  res = client_->Get("/api/v1/meldingen/" + id, {{"X-Api-Key", *granted}});
  ASSERT_EQ(res->status, 200);
  EXPECT_EQ(Body(res)["melder"]["telefoon"], kReporterPhone);
}

TEST_F(RightsTest, APasswordResetByTheBeheerderGivesNoSessionThatSeesTheReporter) {
  const security::User boa = MakeUser("boa", Role::kBoa, {"toezicht"});
  EnrolTotp(boa);
  const std::string id = PublicMelding();

  auto reset = client_->Post("/api/v1/gebruikers/" + boa.id + "/wachtwoord", As(beheerder_), "{}",
                             "application/json");
  ASSERT_EQ(reset->status, 200) << reset->body;
  const std::string temporary = Body(reset)["tijdelijk_wachtwoord"];
  // The beheerder signs in as the boa, chooses a password and reads the melding.
  const httplib::Headers h = SignInHeaders("boa", temporary);
  const std::string own = "Eigen-Wachtwoord-Van-Beheer-1";
  auto changed = client_->Put(
      "/api/v1/sessies/huidig/wachtwoord", h,
      json{{"huidig_wachtwoord", temporary}, {"nieuw_wachtwoord", own}}.dump(), "application/json");
  ASSERT_EQ(changed->status, 200) << changed->body;
  auto res = client_->Get("/api/v1/meldingen/" + id, h);
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_FALSE(ShowsReporter(res->body)) << res->body;
  res = client_->Get("/api/v1/meldingen/" + id, SignInHeaders("boa", own));
  EXPECT_FALSE(ShowsReporter(res->body)) << res->body;
  // The second factor survived the reset and cannot be replaced without it.
  EXPECT_EQ(client_->Post("/api/v1/sessies/huidig/totp", h, "", "application/json")->status, 403);

  // A boa without a second factor: whoever knows a reset password could set one up, so the reset
  // waits for a second person and the beheerder learns no password.
  const security::User new_boa = MakeUser("boa2", Role::kBoa, {"toezicht"});
  reset = client_->Post("/api/v1/gebruikers/" + new_boa.id + "/wachtwoord", As(beheerder_), "{}",
                        "application/json");
  ASSERT_EQ(reset->status, 202) << reset->body;
  EXPECT_FALSE(Body(reset).contains("tijdelijk_wachtwoord"));
  EXPECT_EQ(SignIn("boa2", kPassword)->status, 201) << "the old password still works";
}

TEST_F(RightsTest, TheBeheerderCannotCreateACoordinatorWithoutASecondPerson) {
  auto res = client_->Post("/api/v1/gebruikers", As(beheerder_),
                           json{{"gebruikersnaam", "mijzelf"},
                                {"naam", "Ook Ik"},
                                {"rol", "coordinator_mensenhandel"},
                                {"afdelingen", json::array()},
                                {"wachtwoord", "Zelf-Gekozen-Wachtwoord-9"}}
                               .dump(),
                           "application/json");
  ASSERT_EQ(res->status, 202) << res->body;
  EXPECT_EQ(Body(res)["melding"], "Wacht op goedkeuring door een tweede persoon.");
  const std::string change = Body(res)["wijziging"]["id"];
  EXPECT_EQ(Body(res)["wijziging"]["status"], "wachtend");
  EXPECT_EQ(SignIn("mijzelf", "Zelf-Gekozen-Wachtwoord-9")->status, 401) << "no account yet";

  // The proposer cannot approve it; the attempt is on the record.
  auto own = Approve(beheerder_, change);
  ASSERT_EQ(own->status, 403) << own->body;
  EXPECT_EQ(AuditActions().count({"wijziging.goedkeuren", "deny"}), 1u);
  auto listed = client_->Get("/api/v1/wijzigingen?status=wachtend", As(beheerder_));
  ASSERT_EQ(listed->status, 200);
  ASSERT_EQ(Body(listed)["wijzigingen"].size(), 1u);
  EXPECT_EQ(Body(listed)["wijzigingen"][0]["eigen_voorstel"], true);

  // A second beheerder approves: then the account exists, with a password only they saw.
  auto approved = Approve(tweede_beheerder_, change);
  ASSERT_EQ(approved->status, 200) << approved->body;
  EXPECT_EQ(Body(approved)["wijziging"]["status"], "goedgekeurd");
  EXPECT_EQ(Body(approved)["resultaat"]["gebruiker"]["rol"], "coordinator_mensenhandel");
  const std::string temporary = Body(approved)["resultaat"]["tijdelijk_wachtwoord"];
  EXPECT_EQ(SignIn("mijzelf", "Zelf-Gekozen-Wachtwoord-9")->status, 401);
  EXPECT_EQ(SignIn("mijzelf", temporary)->status, 201);
  EXPECT_EQ(Approve(tweede_beheerder_, change)->status, 409) << "decided once";

  const auto audit = AuditActions();
  EXPECT_EQ(audit.count({"wijziging.voorstel", "allow"}), 1u);
  EXPECT_EQ(audit.count({"wijziging.goedkeuren", "allow"}), 1u);
}

TEST_F(RightsTest, TheBeheerderCannotGiveAnAccountACoordinatorRoleWithoutASecondPerson) {
  const security::User analist = MakeUser("analist", Role::kAnalist, {});
  auto res = client_->Patch("/api/v1/gebruikers/" + analist.id, As(beheerder_),
                            json{{"rol", "coordinator_mensenhandel"}}.dump(), "application/json");
  ASSERT_EQ(res->status, 202) << res->body;
  EXPECT_EQ(services_->accounts.Get("GM0014", analist.id)->role, Role::kAnalist);
  auto approved = Approve(tweede_beheerder_, Body(res)["wijziging"]["id"]);
  ASSERT_EQ(approved->status, 200) << approved->body;
  EXPECT_EQ(services_->accounts.Get("GM0014", analist.id)->role, Role::kCoordinatorMensenhandel);
}

TEST_F(RightsTest, TheBeheerderCannotMintAPersonalDataKeyWithoutASecondPerson) {
  auto res = client_->Post("/api/v1/api-sleutels", As(beheerder_),
                           json{{"client", "eigen-script"},
                                {"rol", "toezichthouder"},
                                {"doelen", {"melding_afhandelen"}},
                                {"melder_contactgegevens", true}}
                               .dump(),
                           "application/json");
  ASSERT_EQ(res->status, 202) << res->body;
  EXPECT_FALSE(Body(res).contains("sleutel"));
  const std::string change = Body(res)["wijziging"]["id"];
  EXPECT_TRUE(Body(client_->Get("/api/v1/api-sleutels", As(beheerder_)))["sleutels"].empty());

  // The second beheerder rejects it: no key, and the rejection is audited.
  auto rejected =
      client_->Post("/api/v1/wijzigingen/" + change + "/afwijzing", As(tweede_beheerder_),
                    json{{"notitie", "Niet nodig"}}.dump(), "application/json");
  ASSERT_EQ(rejected->status, 200) << rejected->body;
  EXPECT_EQ(Body(rejected)["wijziging"]["status"], "afgewezen");
  EXPECT_EQ(Approve(tweede_beheerder_, change)->status, 409);
  EXPECT_TRUE(Body(client_->Get("/api/v1/api-sleutels", As(beheerder_)))["sleutels"].empty());
  EXPECT_EQ(AuditActions().count({"wijziging.afwijzen", "allow"}), 1u);

  // A key without personal data (pseudonymised analysis) needs no second person.
  res = client_->Post(
      "/api/v1/api-sleutels", As(beheerder_),
      json{{"client", "dashboard"}, {"rol", "analist"}, {"doelen", {"analyse"}}}.dump(),
      "application/json");
  ASSERT_EQ(res->status, 201) << res->body;
}

TEST_F(RightsTest, TheBeheerderCannotLowerTheTraffickingSensitivityWithoutASecondPerson) {
  const json categories = Body(client_->Get("/api/v1/categorieen", As(beheerder_)));
  json staff;
  for (const json& m : categories["hoofdcategorieen"]) {
    for (const json& s : m["subcategorieen"]) {
      if (s["code"] == "signaal-mensenhandel") staff = s;
    }
  }
  ASSERT_EQ(staff["gevoeligheid"], "special");
  json edit = {{"naam", staff["naam"]},
               {"publieke_naam", staff["publieke_naam"]},
               {"omschrijving", staff["omschrijving"]},
               {"afdeling", staff["afdeling"]},
               {"termijn", staff["termijn"]},
               {"afhandelbericht", staff["afhandelbericht"]},
               {"op_openbare_kaart", false},
               {"gevoeligheid", "internal"}};
  httplib::Headers h = As(beheerder_);
  h.emplace("If-Match", "\"1\"");
  auto res =
      client_->Put("/api/v1/categorieen/signaal-mensenhandel", h, edit.dump(), "application/json");
  ASSERT_EQ(res->status, 202) << res->body;
  auto versions = client_->Get("/api/v1/categorieen/signaal-mensenhandel/versies", As(beheerder_));
  EXPECT_EQ(Body(versions)["versies"].size(), 1u) << "nothing changed yet";

  // A new trafficking signal stays out of a boa's reach meanwhile.
  const security::User boa = MakeUser("boa", Role::kBoa, {"toezicht"});
  json form = {
      {"tekst", "Er wonen veel mannen in een klein huis en ze worden 's nachts opgehaald."},
      {"categorie", "signaal-mensenhandel"},
      {"locatie", {{"type", "Point"}, {"coordinates", {kLon, kLat}}}}};
  auto signal = client_->Post("/api/v1/publiek/meldingen", form.dump(), "application/json");
  ASSERT_EQ(signal->status, 201) << signal->body;
  // 404, as for a number that does not exist: a boa may not learn that this is a signal (ADR 0013).
  EXPECT_EQ(client_->Get("/api/v1/meldingen/" + Body(signal)["nummer"].get<std::string>(), As(boa))
                ->status,
            404);

  EXPECT_EQ(Approve(beheerder_, Body(res)["wijziging"]["id"])->status, 403);
  auto approved = Approve(tweede_beheerder_, Body(res)["wijziging"]["id"]);
  ASSERT_EQ(approved->status, 200) << approved->body;
  EXPECT_EQ(Body(approved)["resultaat"]["gevoeligheid"], "internal");
  versions = client_->Get("/api/v1/categorieen/signaal-mensenhandel/versies", As(beheerder_));
  EXPECT_EQ(Body(versions)["versies"].size(), 2u);
}

}  // namespace
}  // namespace baken::api::testing

namespace baken::api::testing {

// Who else may decide a pending change: a beheerder of another municipality neither sees nor
// decides it (404, as a change that does not exist), and an API key, even with the beheer
// purpose, never decides (403); the change stays pending.
TEST_F(RightsTest, NoOtherMunicipalityNorAnApiKeyDecidesAPendingChange) {
  auto res = client_->Post("/api/v1/gebruikers", As(beheerder_),
                           json{{"gebruikersnaam", "coordinator"},
                                {"naam", "Co Ordinator"},
                                {"rol", "coordinator_mensenhandel"},
                                {"afdelingen", json::array()}}
                               .dump(),
                           "application/json");
  ASSERT_EQ(res->status, 202) << res->body;
  const std::string change = Body(res)["wijziging"]["id"];

  security::NewUser other{
      "GM0017", "beheer-haren", "Beheer Haren", "beheer@haren.nl", Role::kBeheerder, {}, kPassword};
  auto elsewhere = services_->accounts.CreateUser(other, "admin-1");
  ASSERT_TRUE(elsewhere.ok()) << elsewhere.status().ToString();
  auto listed = client_->Get("/api/v1/wijzigingen", As(*elsewhere));
  ASSERT_EQ(listed->status, 200) << listed->body;
  EXPECT_TRUE(Body(listed)["wijzigingen"].empty()) << listed->body;
  EXPECT_EQ(Approve(*elsewhere, change)->status, 404);

  auto key = services_->api_keys.Create("GM0014", "beheer-script", Role::kBeheerder,
                                        {security::Purpose::kBeheer});
  ASSERT_TRUE(key.ok()) << key.status().ToString();
  auto by_key = client_->Post("/api/v1/wijzigingen/" + change + "/goedkeuring",
                              {{"X-Api-Key", *key}}, "{}", "application/json");
  EXPECT_EQ(by_key->status, 403) << by_key->body;

  auto still = client_->Get("/api/v1/wijzigingen?status=wachtend", As(tweede_beheerder_));
  ASSERT_EQ(Body(still)["wijzigingen"].size(), 1u);
  EXPECT_EQ(SignIn("coordinator", kPassword)->status, 401) << "no account was made";
}

}  // namespace baken::api::testing
