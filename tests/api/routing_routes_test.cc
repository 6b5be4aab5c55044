// Routing rules and departments over HTTP as the functioneel beheerder meets them: read the
// ordered rules with their version, replace them (If-Match; a stale version is 412; an unknown
// department or category names rule and field), and the next melding is routed by the new rule
// without a restart. Departments are added and renamed; other roles are refused.
#include <sstream>

#include "api_test_env.h"

namespace baken::api::testing {
namespace {

using nlohmann::json;
using security::Role;

// Grote Markt, in wijk Centrum (WK001400).

class RoutingRoutesTest : public ApiTestEnv {
 protected:
  void SetUp() override {
    ApiTestEnv::SetUp();
    ASSERT_NO_FATAL_FAILURE(LoadGroningenAreas());
    StartServer();
    beheerder_ = MakeUser("beheer", Role::kBeheerder, {});
    toezichthouder_ = MakeUser("toezicht", Role::kToezichthouder, {"toezicht"});
  }

  httplib::Headers As(const security::User& u) { return CookieHeaders(SessionFor(u)); }

  httplib::Result Put(const security::User& u, const json& rules, const std::string& if_match) {
    httplib::Headers h = As(u);
    if (!if_match.empty()) h.emplace("If-Match", "\"" + if_match + "\"");
    return client_->Put("/api/v1/routeringsregels", h, json{{"regels", rules}}.dump(),
                        "application/json");
  }

  static std::string Field(const httplib::Result& res) {
    const json body = Body(res);
    if (!body.contains("invalid-params")) return "";
    return body["invalid-params"][0].value("name", "");
  }

  // A resident's melding of `category` at the Grote Markt; returns its department.
  std::string ReportedDepartment(const std::string& category) {
    json form = {{"tekst", "Elke ochtend ligt er hondenpoep voor de deur van de winkel."},
                 {"categorie", category},
                 {"locatie", {{"type", "Point"}, {"coordinates", {kLon, kLat}}}}};
    auto res = client_->Post("/api/v1/publiek/meldingen", form.dump(), "application/json");
    EXPECT_EQ(res->status, 201) << res->body;
    httplib::Headers h = As(toezichthouder_);
    h.emplace("X-Baken-Doel", "melding_afhandelen");
    auto got = client_->Get("/api/v1/meldingen/" + Body(res).value("nummer", ""), h);
    EXPECT_EQ(got->status, 200) << got->body;
    return Body(got).value("afdeling", "");
  }

  security::User beheerder_, toezichthouder_;
};

TEST_F(RoutingRoutesTest, ShippedRulesAreSeededAndANewRuleRoutesTheNextMelding) {
  auto res = client_->Get("/api/v1/routeringsregels", As(beheerder_));
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(res->get_header_value("ETag"), "\"1\"");
  json rules = Body(res)["regels"];
  ASSERT_EQ(rules.size(), 3u) << rules;
  EXPECT_EQ(rules[0]["naam"], "Centrum weekendnacht");
  EXPECT_EQ(rules[0]["van"], "22:00");

  // Before: hondenpoep goes to its category's department.
  ASSERT_EQ(ReportedDepartment("hondenpoep"), "toezicht");

  rules.insert(rules.begin(), json{{"naam", "Hondenpoep naar Stadsbeheer"},
                                   {"categorieen", {"hondenpoep"}},
                                   {"afdeling", "stadsbeheer"}});
  auto put = Put(beheerder_, rules, "1");
  ASSERT_EQ(put->status, 200) << put->body;
  EXPECT_EQ(put->get_header_value("ETag"), "\"2\"");
  EXPECT_EQ(Body(put)["regels"].size(), 4u);
  EXPECT_EQ(Body(put)["regels"][0]["naam"], "Hondenpoep naar Stadsbeheer");
  EXPECT_EQ(Body(put)["gewijzigd_door"], beheerder_.id);

  // After, without a restart: the new first rule decides.
  EXPECT_EQ(ReportedDepartment("hondenpoep"), "stadsbeheer");

  // The change is in the audit log.
  std::ostringstream log;
  ASSERT_TRUE(services_->audit
                  .Export("GM0014", kNoon - std::chrono::hours(1), kNoon + std::chrono::hours(1),
                          log, security::AuditExportFormat::kJsonLines)
                  .ok());
  EXPECT_NE(log.str().find("routering.wijzigen"), std::string::npos) << log.str();
}

TEST_F(RoutingRoutesTest, StaffEditSurvivesARestart) {
  json rules = json::array({{{"naam", "Alles naar Wonen"}, {"afdeling", "wonen"}}});
  ASSERT_EQ(Put(beheerder_, rules, "1")->status, 200);
  // A second server over the same database: the edit wins over the shipped file.
  Server second({}, clock_);
  ASSERT_TRUE(RegisterRoutes(second, *db_, clock_, options_, signals_options_).ok());
  auto res = client_->Get("/api/v1/routeringsregels", As(beheerder_));
  ASSERT_EQ(res->status, 200);
  EXPECT_EQ(Body(res)["versie"], 2);
  ASSERT_EQ(Body(res)["regels"].size(), 1u);
  EXPECT_EQ(Body(res)["regels"][0]["naam"], "Alles naar Wonen");
}

TEST_F(RoutingRoutesTest, BadRulesNameRuleAndFieldAndStaleVersionIs412) {
  json unknown_department = json::array({{{"naam", "Eerste"}, {"afdeling", "toezicht"}},
                                         {{"naam", "Tweede"}, {"afdeling", "bestaat-niet"}}});
  auto res = Put(beheerder_, unknown_department, "1");
  EXPECT_EQ(res->status, 400) << res->body;
  EXPECT_EQ(Field(res), "regels[1] (Tweede).afdeling") << res->body;
  EXPECT_NE(Body(res)["detail"].get<std::string>().find("bestaat-niet"), std::string::npos);

  json unknown_category =
      json::array({{{"naam", "Eerste"}, {"categorieen", {"kabouters"}}, {"afdeling", "toezicht"}}});
  res = Put(beheerder_, unknown_category, "1");
  EXPECT_EQ(res->status, 400);
  EXPECT_EQ(Field(res), "regels[0] (Eerste).categorieen");

  json half_window = json::array({{{"naam", "Nacht"}, {"van", "22:00"}, {"afdeling", "toezicht"}}});
  res = Put(beheerder_, half_window, "1");
  EXPECT_EQ(res->status, 400);
  EXPECT_EQ(Field(res), "regels[0] (Nacht).van");

  // Nothing was stored by the refused attempts.
  EXPECT_EQ(client_->Get("/api/v1/routeringsregels", As(beheerder_))->get_header_value("ETag"),
            "\"1\"");

  json ok = json::array({{{"naam", "Alles naar Toezicht"}, {"afdeling", "toezicht"}}});
  ASSERT_EQ(Put(beheerder_, ok, "1")->status, 200);
  res = Put(beheerder_, ok, "1");  // read before the change above
  EXPECT_EQ(res->status, 412) << res->body;
}

TEST_F(RoutingRoutesTest, DepartmentsAreAddedAndRenamedAndUsableInRules) {
  auto res =
      client_->Post("/api/v1/afdelingen", As(beheerder_),
                    json{{"code", "groen"}, {"naam", "Groenbeheer"}}.dump(), "application/json");
  ASSERT_EQ(res->status, 201) << res->body;
  res = client_->Post("/api/v1/afdelingen", As(beheerder_),
                      json{{"code", "groen"}, {"naam", "Nog eens"}}.dump(), "application/json");
  EXPECT_EQ(res->status, 409);
  res = client_->Post("/api/v1/afdelingen", As(beheerder_),
                      json{{"code", "Met Spatie"}, {"naam", "X"}}.dump(), "application/json");
  EXPECT_EQ(res->status, 400);
  EXPECT_EQ(Field(res), "code");

  res = client_->Patch("/api/v1/afdelingen/groen", As(beheerder_),
                       json{{"naam", "Groen en bomen"}}.dump(), "application/json");
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(client_
                ->Patch("/api/v1/afdelingen/onbekend", As(beheerder_), json{{"naam", "X"}}.dump(),
                        "application/json")
                ->status,
            404);

  // The staff category list names the new department; a rule may route to it at once.
  auto categories = client_->Get("/api/v1/categorieen", As(beheerder_));
  EXPECT_NE(categories->body.find("Groen en bomen"), std::string::npos);
  json rules =
      json::array({{{"naam", "Bomen"}, {"categorieen", {"hondenpoep"}}, {"afdeling", "groen"}}});
  ASSERT_EQ(Put(beheerder_, rules, "1")->status, 200);
  EXPECT_EQ(ReportedDepartment("hondenpoep"), "groen");
}

TEST_F(RoutingRoutesTest, OtherRolesAreRefused) {
  json rules = json::array({{{"naam", "Alles naar Wonen"}, {"afdeling", "wonen"}}});
  EXPECT_EQ(Put(toezichthouder_, rules, "1")->status, 403);
  EXPECT_EQ(client_->Get("/api/v1/routeringsregels", As(toezichthouder_))->status, 403);
  EXPECT_EQ(client_
                ->Post("/api/v1/afdelingen", As(toezichthouder_),
                       json{{"code", "groen"}, {"naam", "Groen"}}.dump(), "application/json")
                ->status,
            403);
  EXPECT_EQ(client_
                ->Patch("/api/v1/afdelingen/toezicht", As(toezichthouder_),
                        json{{"naam", "X"}}.dump(), "application/json")
                ->status,
            403);
}

}  // namespace
}  // namespace baken::api::testing
