// Category management over HTTP as the functional administrator meets it: edit a sub category
// (If-Match, Dutch errors per field), see its versions, and the running server using the new
// definition for the next melding while stored meldingen keep theirs.
#include "api_test_env.h"

namespace baken::api::testing {
namespace {

using nlohmann::json;
using security::Role;

// Grote Markt, in wijk Centrum (WK001400).
constexpr char kCategory[] = "hondenpoep";

class CategoryRoutesTest : public ApiTestEnv {
 protected:
  void SetUp() override {
    ApiTestEnv::SetUp();
    ASSERT_NO_FATAL_FAILURE(LoadGroningenAreas());
    StartServer();
    beheerder_ = MakeUser("beheer", Role::kBeheerder, {});
    toezichthouder_ = MakeUser("toezicht", Role::kToezichthouder, {"toezicht"});
  }

  httplib::Headers As(const security::User& u) { return CookieHeaders(SessionFor(u)); }

  // The staff view of one sub category from GET /api/v1/categorieen.
  json StaffCategory(const std::string& code) {
    auto res = client_->Get("/api/v1/categorieen", As(beheerder_));
    EXPECT_EQ(res->status, 200);
    const json body = Body(res);
    for (const json& m : body["hoofdcategorieen"]) {
      for (const json& s : m["subcategorieen"]) {
        if (s["code"] == code) return s;
      }
    }
    ADD_FAILURE() << "no category " << code;
    return json::object();
  }

  // A complete, valid edit body: the category as it is now.
  json EditOf(const json& staff) {
    return {{"naam", staff["naam"]},
            {"publieke_naam", staff["publieke_naam"]},
            {"omschrijving", staff["omschrijving"]},
            {"afdeling", staff["afdeling"]},
            {"termijn", staff["termijn"]},
            {"afhandelbericht", staff["afhandelbericht"]},
            {"op_openbare_kaart", staff["op_openbare_kaart"]},
            {"gevoeligheid", staff["gevoeligheid"]}};
  }

  httplib::Result Put(const security::User& u, const json& body, const std::string& if_match,
                      const std::string& code = kCategory) {
    httplib::Headers h = As(u);
    if (!if_match.empty()) h.emplace("If-Match", "\"" + if_match + "\"");
    return client_->Put("/api/v1/categorieen/" + code, h, body.dump(), "application/json");
  }

  json Versions(const std::string& code = kCategory) {
    auto res = client_->Get("/api/v1/categorieen/" + code + "/versies", As(beheerder_));
    EXPECT_EQ(res->status, 200) << res->body;
    return Body(res);
  }

  // A resident's melding of `category` at the Grote Markt; returns its number.
  std::string Report(const std::string& category) {
    json form = {{"tekst", "Elke ochtend ligt er hondenpoep voor de deur van de winkel."},
                 {"categorie", category},
                 {"locatie", {{"type", "Point"}, {"coordinates", {kLon, kLat}}}}};
    auto res = client_->Post("/api/v1/publiek/meldingen", form.dump(), "application/json");
    EXPECT_EQ(res->status, 201) << res->body;
    return Body(res).value("nummer", "");
  }

  json Melding(const std::string& number) {
    httplib::Headers h = As(toezichthouder_);
    h.emplace("X-Baken-Doel", "melding_afhandelen");
    auto res = client_->Get("/api/v1/meldingen/" + number, h);
    EXPECT_EQ(res->status, 200) << res->body;
    return Body(res);
  }

  security::User beheerder_, toezichthouder_;
};

TEST_F(CategoryRoutesTest, BeheerderChangesTheDeadlineAndTheNextMeldingGetsIt) {
  const std::string before_number = Report(kCategory);
  const json before = Melding(before_number);

  json staff = StaffCategory(kCategory);
  ASSERT_EQ(staff["versie"], 1) << staff;
  ASSERT_NE(staff["termijn"], json({{"werkdagen", 2}})) << "pick a deadline it does not have yet";
  ASSERT_NE(staff["afdeling"], "stadsbeheer") << staff;
  json edit = EditOf(staff);
  edit["termijn"] = {{"werkdagen", 2}};
  edit["afdeling"] = "stadsbeheer";
  edit["afhandelbericht"] = "Wij sturen binnen twee werkdagen iemand langs.";

  auto res = Put(beheerder_, edit, "1");
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(res->get_header_value("ETag"), "\"2\"");
  EXPECT_EQ(Body(res)["versie"], 2);
  EXPECT_EQ(Body(res)["afhandeltermijn"], "2 werkdagen");
  EXPECT_EQ(StaffCategory(kCategory)["afhandeltermijn"], "2 werkdagen");

  // A melding made after the edit: the new deadline (Monday noon + 2 work days = Wednesday) and
  // department, without a restart.
  const json after = Melding(Report(kCategory));
  EXPECT_EQ(after["afdeling"], "stadsbeheer") << after;
  EXPECT_EQ(after["termijn"].get<std::string>().substr(0, 10), "2026-09-23") << after;
  // The melding from before keeps what it had.
  const json again = Melding(before_number);
  EXPECT_EQ(again["termijn"], before["termijn"]);
  EXPECT_EQ(again["afdeling"], before["afdeling"]);
  EXPECT_NE(before["termijn"], after["termijn"]);

  // Both versions, oldest first, with who changed what.
  const json versions = Versions();
  EXPECT_EQ(versions["huidige_versie"], 2);
  ASSERT_EQ(versions["versies"].size(), 2u) << versions;
  const json& v1 = versions["versies"][0];
  const json& v2 = versions["versies"][1];
  EXPECT_EQ(v1["versie"], 1);
  EXPECT_EQ(v1["gewijzigd_door"]["id"], "systeem");
  EXPECT_EQ(v1["waarden"]["termijn"], staff["termijn"]);
  EXPECT_EQ(v2["versie"], 2);
  EXPECT_EQ(v2["gewijzigd_door"]["id"], beheerder_.id);
  EXPECT_EQ(v2["gewijzigd_door"]["gebruikersnaam"], "beheer");
  EXPECT_EQ(v2["waarden"]["termijn"], json({{"werkdagen", 2}}));
  EXPECT_EQ(v2["waarden"]["afdeling"], "stadsbeheer");
  EXPECT_EQ(v2["gewijzigde_velden"], json({"afdeling", "termijn", "afhandelbericht"}));
  EXPECT_FALSE(v2["gewijzigd_op"].get<std::string>().empty());

  // The change is in the audit log, with the actor and the fields.
  std::ostringstream log;
  ASSERT_TRUE(services_->audit
                  .Export("GM0014", kNoon - std::chrono::hours(1), kNoon + std::chrono::hours(1),
                          log, security::AuditExportFormat::kJsonLines)
                  .ok());
  EXPECT_NE(log.str().find("categorie.wijzigen"), std::string::npos) << log.str();
  EXPECT_NE(log.str().find(beheerder_.id), std::string::npos);
}

TEST_F(CategoryRoutesTest, EditsSurviveARestartOfTheServer) {
  json edit = EditOf(StaffCategory(kCategory));
  edit["termijn"] = {{"uren", 48}};
  ASSERT_EQ(Put(beheerder_, edit, "1")->status, 200);
  client_.reset();
  server_->Stop();
  StartServer();  // seeds from the shipped taxonomy again: the edit must win
  EXPECT_EQ(StaffCategory(kCategory)["termijn"], json({{"uren", 48}}));
  EXPECT_EQ(Versions()["versies"].size(), 2u);
}

TEST_F(CategoryRoutesTest, OnlyTheFunctionalAdministratorMayEdit) {
  const json edit = EditOf(StaffCategory(kCategory));
  json changed = edit;
  changed["termijn"] = {{"werkdagen", 1}};
  auto res = Put(toezichthouder_, changed, "1");
  EXPECT_EQ(res->status, 403) << res->body;
  EXPECT_EQ(Body(res)["title"], "Geen toegang");
  const security::User boa = MakeUser("boa", Role::kBoa, {"toezicht"});
  EXPECT_EQ(Put(boa, changed, "1")->status, 403);
  const security::User gebiedsmanager = MakeUser("gm", Role::kGebiedsmanager, {"centrum"});
  EXPECT_EQ(Put(gebiedsmanager, changed, "1")->status, 403);
  auto versions = client_->Get("/api/v1/categorieen/hondenpoep/versies", As(toezichthouder_));
  EXPECT_EQ(versions->status, 403);
  // Without a session: 401; without the CSRF token: refused too.
  EXPECT_EQ(
      client_->Put("/api/v1/categorieen/hondenpoep", changed.dump(), "application/json")->status,
      401);
  auto no_csrf =
      client_->Put("/api/v1/categorieen/hondenpoep", CookieHeaders(SessionFor(beheerder_), false),
                   changed.dump(), "application/json");
  EXPECT_EQ(no_csrf->status, 403);
  // Nothing changed.
  EXPECT_EQ(Versions()["versies"].size(), 1u);
  EXPECT_EQ(StaffCategory(kCategory)["termijn"], edit["termijn"]);

  // The session tells the UI who may edit (from the policy); "rechten" also names the pages the
  // user may open (session_routes.cc), so only the editing rights are compared here.
  auto editing = [&](const security::User& u) {
    json out = json::array();
    const json me = Body(client_->Get("/api/v1/sessies/huidig", As(u)));
    for (const json& r : me["rechten"]) {
      if (r == "categorieen.beheren" || r == "gebruikers.beheren") out.push_back(r);
    }
    return out;
  };
  EXPECT_EQ(editing(beheerder_), json({"categorieen.beheren", "gebruikers.beheren"}));
  EXPECT_EQ(editing(toezichthouder_), json::array());
}

TEST_F(CategoryRoutesTest, EveryWrongFieldIsNamedInDutchAndNothingChanges) {
  const json staff = StaffCategory(kCategory);
  const json valid = EditOf(staff);
  struct Case {
    std::string member;
    json value;  // null: leave the member out
    std::string field;
    std::string message;  // part of the Dutch detail
  };
  const std::vector<Case> cases = {
      {"naam", "", "naam", "De naam is leeg"},
      {"naam", "   ", "naam", "De naam is leeg"},
      {"naam", std::string(101, 'x'), "naam", "De naam is te lang: 101 tekens, hoogstens 100"},
      {"naam", "Twee\nregels", "naam", "De naam mag geen regeleinden"},
      {"naam", 42, "naam", "De naam moet tekst zijn"},
      {"publieke_naam", nullptr, "publieke_naam", "De publieke naam ontbreekt"},
      {"omschrijving", std::string(1001, 'o'), "omschrijving", "De omschrijving is te lang"},
      {"afdeling", "nergens", "afdeling", "Onbekende afdeling 'nergens'"},
      {"termijn", {{"werkdagen", -3}}, "termijn.werkdagen", "1 tot en met 365"},
      {"termijn", {{"werkdagen", 0}}, "termijn.werkdagen", "1 tot en met 365"},
      {"termijn", {{"uren", 400}}, "termijn.uren", "1 tot en met 365"},
      {"termijn", {{"werkdagen", 2}, {"uren", 4}}, "termijn", "precies een van beide"},
      {"termijn", "vijf", "termijn", "De termijn moet"},
      {"termijn", nullptr, "termijn", "De termijn ontbreekt"},
      {"afhandelbericht", "", "afhandelbericht", "Het afhandelbericht is leeg"},
      {"afhandelbericht", std::string(2001, 'a'), "afhandelbericht",
       "Het afhandelbericht is te lang"},
      {"op_openbare_kaart", "ja", "op_openbare_kaart", "true of false"},
      {"gevoeligheid", "geheim", "gevoeligheid", "Onbekende gevoeligheid 'geheim'"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.member + " = " + c.value.dump());
    json body = valid;
    if (c.value.is_null()) {
      body.erase(c.member);
    } else {
      body[c.member] = c.value;
    }
    auto res = Put(beheerder_, body, "1");
    ASSERT_EQ(res->status, 400) << res->body;
    EXPECT_EQ(res->get_header_value("Content-Type"), "application/problem+json");
    const json problem = Body(res);
    EXPECT_EQ(problem["invalid-params"][0]["name"], c.field) << problem;
    EXPECT_NE(problem["detail"].get<std::string>().find(c.message), std::string::npos) << problem;
  }
  // A confidential category cannot be on the public map.
  json secret = valid;
  secret["gevoeligheid"] = "confidential";
  secret["op_openbare_kaart"] = true;
  auto res = Put(beheerder_, secret, "1");
  ASSERT_EQ(res->status, 400);
  EXPECT_EQ(Body(res)["invalid-params"][0]["name"], "op_openbare_kaart");
  // Not JSON at all.
  res = client_->Put("/api/v1/categorieen/hondenpoep", As(beheerder_), "{", "application/json");
  EXPECT_EQ(res->status, 400);

  EXPECT_EQ(Versions()["versies"].size(), 1u);
  EXPECT_EQ(StaffCategory(kCategory), staff);
}

TEST_F(CategoryRoutesTest, AStaleVersionIsRefusedWith412) {
  json edit = EditOf(StaffCategory(kCategory));
  edit["termijn"] = {{"werkdagen", 3}};
  ASSERT_EQ(Put(beheerder_, edit, "1")->status, 200);

  // A second administrator still looking at version 1.
  edit["termijn"] = {{"werkdagen", 7}};
  auto stale = Put(beheerder_, edit, "1");
  ASSERT_EQ(stale->status, 412) << stale->body;
  EXPECT_EQ(stale->get_header_value("Content-Type"), "application/problem+json");
  EXPECT_EQ(Body(stale)["title"], "Versie verouderd");
  EXPECT_NE(Body(stale)["detail"].get<std::string>().find("intussen gewijzigd"), std::string::npos);
  EXPECT_EQ(Put(beheerder_, edit, "nonsens")->status, 412);
  EXPECT_EQ(StaffCategory(kCategory)["termijn"], json({{"werkdagen", 3}}));
  EXPECT_EQ(Versions()["versies"].size(), 2u);

  // With the current version it goes through.
  auto fresh = Put(beheerder_, edit, "2");
  ASSERT_EQ(fresh->status, 200) << fresh->body;
  EXPECT_EQ(Body(fresh)["versie"], 3);

  // Saving the same values again stores no new version.
  auto same = Put(beheerder_, edit, "3");
  ASSERT_EQ(same->status, 200) << same->body;
  EXPECT_EQ(Body(same)["versie"], 3);
  EXPECT_EQ(Versions()["versies"].size(), 3u);
}

TEST_F(CategoryRoutesTest, UnknownCategoryIsNotFound) {
  const json edit = EditOf(StaffCategory(kCategory));
  EXPECT_EQ(Put(beheerder_, edit, "", "bestaat-niet")->status, 404);
  auto res = client_->Get("/api/v1/categorieen/bestaat-niet/versies", As(beheerder_));
  EXPECT_EQ(res->status, 404);
}

}  // namespace
}  // namespace baken::api::testing
