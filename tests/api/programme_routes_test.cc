// Programme monitoring over HTTP as the council, analysts and street staff meet it: the shipped
// Groningen programmes seeded, 2025 computed from a handful of meldingen, then read, edited and
// audited through /api/v1/programmas.
#include "api_test_env.h"
#include "baken/base/time_zone.h"
#include "baken/programme/indicators.h"
#include "baken/programme/seed.h"

namespace baken::api::testing {
namespace {

using nlohmann::json;
using security::Role;

const std::string kLv = "/api/v1/programmas/leefbaarheid-veiligheid-2022-2024";
const std::string kMh = "/api/v1/programmas/mensenhandel-2022-2024";

class ProgrammeRoutesTest : public ApiTestEnv {
 protected:
  void SetUp() override {
    ApiTestEnv::SetUp();
    if (HasFatalFailure()) return;
    auto file = programme::ReadProgrammeFile(std::string(BAKEN_SOURCE_DIR) +
                                             "/data/programmas/groningen-2022-2024.json");
    ASSERT_TRUE(file.ok()) << file.status().ToString();
    programme::ProgrammeRepository repo(*db_, clock_);
    auto seeded = programme::Seed(repo, *file, {"cli:test", "", ""});
    ASSERT_TRUE(seeded.ok()) << seeded.status().ToString();
    // Two trafficking signals and one nuisance melding in 2025.
    AddMelding("signaal-mensenhandel", "mensenhandel", "2025-03-03 10:00:00");
    AddMelding("signaal-mensenhandel", "mensenhandel", "2025-09-09 10:00:00");
    AddMelding("hondenpoep", "afval", "2025-05-05 10:00:00");
    programme::IndicatorStore indicators(*db_, clock_);
    auto computed = indicators.ComputeAll("GM0014", {2025, 0}, "cli:test");
    ASSERT_TRUE(computed.ok()) << computed.status().ToString();
  }

  void AddMelding(const std::string& category, const std::string& main, const std::string& local) {
    const Timestamp at = *ParseLocal(local);
    const std::string id = "m-" + std::to_string(++count_);
    Status s = db_->Write([&](store::Transaction& txn) -> Status {
      return txn
          .Execute(
              "INSERT INTO meldingen (id, tenant, number, text, category, main_category, "
              "sensitivity, sensitivity_rank, x, y, lon, lat, cell_x, cell_y, buurt, wijk, "
              "occurred_at, received_at, channel, reporter_name, reporter_email, reporter_phone, "
              "reporter_consent, state, department, assignee, priority, deadline, closed_at, "
              "version, updated_at) VALUES (?, 'GM0014', ?, 'tekst', ?, ?, 'internal', 1, "
              "233000.0, 582000.0, 6.56, 53.21, 4660, 11640, 'BU00140100', 'WK001401', ?, ?, "
              "'web', '', '', '', 0, 'gemeld', 'stadsbeheer', '', 'normaal', ?, NULL, 1, ?)",
              {id, "M-2025-00000" + std::to_string(count_), category, main, at, at, at, at})
          .status();
    });
    ASSERT_TRUE(s.ok()) << s.ToString();
  }

  httplib::Headers As(Role role) {
    auto it = users_.find(role);
    if (it == users_.end()) {
      it = users_.emplace(role, MakeUser(std::string(security::RoleCode(role)), role)).first;
    }
    return CookieHeaders(SessionFor(it->second));
  }

  static const json* Find(const json& list, const std::string& code) {
    for (const json& j : list) {
      if (j["code"] == code) return &j;
    }
    return nullptr;
  }

  std::map<Role, security::User> users_;
  int count_ = 0;
};

TEST_F(ProgrammeRoutesTest, AnalystReadsTheTreeWithExactNumbers) {
  StartServer();
  auto res = client_->Get("/api/v1/programmas", As(Role::kAnalist));
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  json list = Body(res)["programmas"];
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0]["naam"], "Uitvoeringsprogramma Leefbaarheid en Veiligheid 2022-2024");
  EXPECT_EQ(list[0]["actielijnen"], 8);

  res = client_->Get(kMh, As(Role::kAnalist));
  ASSERT_EQ(res->status, 200) << res->body;
  json tree = Body(res);
  EXPECT_EQ(tree["kleine_aantallen_afgeschermd"], false);
  EXPECT_EQ(tree["ambities"].size(), 6u);
  EXPECT_EQ(tree["ambities"][1]["prioriteit"], 1);
  const json* signals = Find(tree["indicatoren"], "mh-signalen-mensenhandel");
  ASSERT_NE(signals, nullptr);
  EXPECT_EQ((*signals)["over_personen"], true);
  EXPECT_EQ((*signals)["streefwaarden"], json::array());
  ASSERT_EQ((*signals)["waarden"].size(), 1u);
  EXPECT_EQ((*signals)["waarden"][0]["periode"], "2025");
  EXPECT_EQ((*signals)["waarden"][0]["waarde"], 2);
  EXPECT_EQ((*signals)["waarden"][0]["weergave"], "2");
  EXPECT_EQ((*signals)["waarden"][0]["ingevoerd_door"], "cli:test");

  res = client_->Get(kLv, As(Role::kGebiedsmanager));
  ASSERT_EQ(res->status, 200) << res->body;
  tree = Body(res);
  const json* overlast = Find(tree["actielijnen"], "overlast-openbare-ruimte");
  ASSERT_NE(overlast, nullptr);
  EXPECT_EQ((*overlast)["indicatoren"], json::array({"lv-meldingen-per-wijk"}));
  EXPECT_EQ((*overlast)["status"]["code"], "niet_gestart");
  const json* per_wijk = Find(tree["indicatoren"], "lv-meldingen-per-wijk");
  ASSERT_EQ((*per_wijk)["waarden"].size(), 4u);  // per quarter
  EXPECT_EQ((*per_wijk)["waarden"][1]["periode"], "2025-Q2");
  EXPECT_EQ((*per_wijk)["waarden"][1]["waarde"], 1);  // the nuisance melding (not about persons)

  // Before the computation, nothing was recorded yet.
  res = client_->Get(kMh + "?peildatum=2025-12-31", As(Role::kAnalist));
  ASSERT_EQ(res->status, 200);
  EXPECT_EQ((*Find(Body(res)["indicatoren"], "mh-signalen-mensenhandel"))["waarden"],
            json::array());
  res = client_->Get(kMh + "?peildatum=gisteren", As(Role::kAnalist));
  EXPECT_EQ(res->status, 400);
  EXPECT_EQ(Body(res)["invalid-params"][0]["name"], "peildatum");
  EXPECT_EQ(client_->Get("/api/v1/programmas/onbekend", As(Role::kAnalist))->status, 404);
}

TEST_F(ProgrammeRoutesTest, CouncilMemberSeesSmallCountsAboutPersonsSuppressed) {
  StartServer();
  auto res = client_->Get(kMh, As(Role::kRaadslid));
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  json tree = Body(res);
  EXPECT_EQ(tree["kleine_aantallen_afgeschermd"], true);
  const json& value = (*Find(tree["indicatoren"], "mh-signalen-mensenhandel"))["waarden"][0];
  EXPECT_EQ(value["weergave"], "< 5");
  EXPECT_TRUE(value["waarde"].is_null());
  EXPECT_EQ(value["afgeschermd"], true);
  EXPECT_TRUE(value["ingevoerd_door"].is_null());
  EXPECT_EQ(value["uitsplitsing"][0]["weergave"], "< 5");
  EXPECT_TRUE(value["uitsplitsing"][0]["waarde"].is_null());
  EXPECT_EQ(res->body.find("\"waarde\":2"), std::string::npos) << res->body;

  // Counts that are not about persons are shown as they are.
  res = client_->Get(kLv, As(Role::kRaadslid));
  ASSERT_EQ(res->status, 200);
  const json lv = Body(res);
  const json& q2 = (*Find(lv["indicatoren"], "lv-meldingen-per-wijk"))["waarden"][1];
  EXPECT_EQ(q2["waarde"], 1);
  EXPECT_EQ(q2["afgeschermd"], false);

  // The council reads; it does not edit.
  httplib::Headers h = As(Role::kRaadslid);
  h.emplace("If-Match", "\"1\"");
  res = client_->Patch(kLv + "/onderdelen/parkeren", h,
                       json{{"status", "lopend"}, {"toelichting", "x"}}.dump(), "application/json");
  EXPECT_EQ(res->status, 403);
}

TEST_F(ProgrammeRoutesTest, TheCoordinatorKeepsTheTraffickingProgrammeAndOnlyReadsTheOther) {
  StartServer();
  const httplib::Headers coordinator = CookieHeaders(
      SessionFor(MakeUser("coordinator", Role::kCoordinatorMensenhandel, {"mensenhandel"})));
  // The list and the tree say per programme whether the caller may change it.
  auto res = client_->Get("/api/v1/programmas", coordinator);
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  json list = Body(res)["programmas"];
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ((*Find(list, "mensenhandel-2022-2024"))["afdeling"], "mensenhandel");
  EXPECT_EQ((*Find(list, "mensenhandel-2022-2024"))["mag_wijzigen"], true);
  EXPECT_EQ((*Find(list, "leefbaarheid-veiligheid-2022-2024"))["afdeling"], "veiligheid");
  EXPECT_EQ((*Find(list, "leefbaarheid-veiligheid-2022-2024"))["mag_wijzigen"], false);
  EXPECT_EQ(Body(client_->Get(kMh, coordinator))["mag_wijzigen"], true);
  EXPECT_EQ(Body(client_->Get(kLv, coordinator))["mag_wijzigen"], false);
  // The analyst keeps both, the council neither.
  // (Bodies kept in variables: a range-for over a temporary's member would dangle.)
  const json analyst = Body(client_->Get("/api/v1/programmas", As(Role::kAnalist)));
  for (const json& p : analyst["programmas"]) EXPECT_EQ(p["mag_wijzigen"], true) << p["code"];
  const json council = Body(client_->Get("/api/v1/programmas", As(Role::kRaadslid)));
  for (const json& p : council["programmas"]) EXPECT_EQ(p["mag_wijzigen"], false) << p["code"];

  // The own programme: status, and a text for the progress report.
  httplib::Headers h = coordinator;
  h.emplace("If-Match", "\"1\"");
  res = client_->Patch(kMh + "/onderdelen/arbeidsuitbuiting", h,
                       json{{"status", "lopend"}, {"toelichting", "Eerste controles."}}.dump(),
                       "application/json");
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(Body(res)["status"]["code"], "lopend");
  res = client_->Put(kMh + "/teksten/2025/inleiding", coordinator,
                     json{{"tekst", "Meer signalen dan vorig jaar."}}.dump(), "application/json");
  EXPECT_EQ(res->status, 200) << res->body;

  // The other programme: refused with the reason, nothing changed, the refusal audited.
  res = client_->Patch(kLv + "/onderdelen/vastgoed-intensieve-controle", h,
                       json{{"status", "lopend"}, {"toelichting", "Gestart."}}.dump(),
                       "application/json");
  ASSERT_EQ(res->status, 403) << res->body;
  EXPECT_NE(Body(res)["detail"].get<std::string>().find("eigen afdeling"), std::string::npos)
      << res->body;
  res = client_->Put(kLv + "/teksten/2025/inleiding", coordinator,
                     json{{"tekst", "Niet van mij."}}.dump(), "application/json");
  EXPECT_EQ(res->status, 403) << res->body;
  json tree = Body(client_->Get(kLv, As(Role::kAnalist)));
  EXPECT_EQ(
      (*Find(tree["actielijnen"][0]["acties"], "vastgoed-intensieve-controle"))["status"]["code"],
      "niet_gestart");
  EXPECT_EQ(Body(client_->Get(kLv + "/teksten/2025", As(Role::kAnalist)))["teksten"],
            json::object());
  int64_t denials = 0;
  ASSERT_TRUE(db_->Read([&](store::Transaction& txn) -> Status {
                   ASSIGN_OR_RETURN(store::Row r,
                                    txn.QueryRow("SELECT count(*) FROM audit_log WHERE outcome = "
                                                 "'deny' AND object_type = 'programma' AND "
                                                 "object_id = 'leefbaarheid-veiligheid-2022-2024'",
                                                 {}));
                   denials = r.GetInt64(0);
                   return Status::Ok();
                 })
                  .ok());
  EXPECT_EQ(denials, 2);
  // An unknown programme is still unknown, not refused.
  res = client_->Patch("/api/v1/programmas/onbekend/onderdelen/x", h,
                       json{{"status", "lopend"}, {"toelichting", "x"}}.dump(), "application/json");
  EXPECT_EQ(res->status, 404) << res->body;
}

// The progress report for everyone: the PDF links its HTML version on the address the caller used,
// and that HTML opens in the browser with its own style block allowed and nothing able to run.
TEST_F(ProgrammeRoutesTest, ThePdfLinksItsAccessibleHtmlVersionWhichOpensStyled) {
  StartServer();
  const std::string base = "/api/v1/programmas/leefbaarheid-veiligheid-2022-2024/voortgang";
  auto pdf = client_->Get(base + "?periode=2025&formaat=pdf", As(Role::kAnalist));
  ASSERT_EQ(pdf->status, 200) << pdf->body;
  EXPECT_NE(pdf->body.find("/URI (http://127.0.0.1:" + std::to_string(server_->port()) + base +
                           "?periode=2025&formaat=html)"),
            std::string::npos);
  EXPECT_NE(pdf->body.find("/StructTreeRoot"), std::string::npos);
  auto html = client_->Get(base + "?periode=2025&formaat=html", As(Role::kAnalist));
  ASSERT_EQ(html->status, 200) << html->body;
  EXPECT_NE(html->body.find("<style>"), std::string::npos);
  const std::string csp = html->get_header_value("Content-Security-Policy");
  EXPECT_NE(csp.find("default-src 'none'"), std::string::npos) << csp;
  EXPECT_NE(csp.find("style-src 'unsafe-inline'"), std::string::npos) << csp;
  EXPECT_EQ(csp.find("script"), std::string::npos) << csp;
  // Every other answer keeps the strict default.
  auto json_answer = client_->Get("/api/v1/programmas", As(Role::kAnalist));
  EXPECT_EQ(json_answer->get_header_value("Content-Security-Policy").find("unsafe-inline"),
            std::string::npos);
}

TEST_F(ProgrammeRoutesTest, StreetStaffAndResidentsAreRefused) {
  StartServer();
  for (Role role : {Role::kResident, Role::kToezichthouder, Role::kBoa, Role::kAuditor}) {
    SCOPED_TRACE(std::string(security::RoleCode(role)));
    auto res = client_->Get(kMh, As(role));
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 403);
    EXPECT_EQ(Body(res)["title"], "Geen toegang");
    EXPECT_EQ(client_->Get("/api/v1/programmas", As(role))->status, 403);
    EXPECT_EQ(client_->Get(kMh + "/historie", As(role))->status, 403);
  }
  EXPECT_EQ(client_->Get(kMh)->status, 401);
}

TEST_F(ProgrammeRoutesTest, StatusChangeWithIfMatchHistoryAndStaleVersion) {
  StartServer();
  httplib::Headers h = As(Role::kAnalist);
  h.emplace("If-Match", "\"1\"");
  const std::string item = kLv + "/onderdelen/vastgoed-intensieve-controle";
  auto res = client_->Patch(item, h,
                            json{{"status", "lopend"},
                                 {"toelichting", "Eerste controles uitgevoerd."},
                                 {"datum", "2026-09-14"},
                                 {"budget", {{"gepland_cent", 5000000}, {"besteed_cent", 0}}}}
                                .dump(),
                            "application/json");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(res->get_header_value("ETag"), "\"2\"");
  json body = Body(res);
  EXPECT_EQ(body["status"]["code"], "lopend");
  EXPECT_EQ(body["status"]["naam"], "Lopend");
  EXPECT_EQ(body["status"]["datum"], "2026-09-14");
  EXPECT_EQ(body["budget"]["gepland_cent"], 5000000);
  EXPECT_EQ(body["versie"], 2);

  // The same If-Match again is stale: 412, and nothing changes.
  res = client_->Patch(item, h, json{{"status", "afgerond"}, {"toelichting", "Klaar."}}.dump(),
                       "application/json");
  EXPECT_EQ(res->status, 412) << res->body;
  EXPECT_EQ(Body(res)["title"], "Versie verouderd");

  // Dutch field errors.
  res = client_->Patch(item, As(Role::kAnalist), json{{"status", "klaar"}}.dump(),
                       "application/json");
  EXPECT_EQ(res->status, 400);
  EXPECT_EQ(Body(res)["invalid-params"][0]["name"], "status");
  EXPECT_NE(Body(res)["detail"].get<std::string>().find("Onbekende status 'klaar'"),
            std::string::npos);
  res = client_->Patch(item, As(Role::kAnalist), json{{"status", "gestopt"}}.dump(),
                       "application/json");
  EXPECT_EQ(res->status, 400);
  EXPECT_EQ(Body(res)["invalid-params"][0]["name"], "toelichting");
  res = client_->Patch(
      item, As(Role::kAnalist),
      json{{"mijlpalen", {{{"titel", "Rapport"}, {"streefdatum", "31-12-2026"}}}}}.dump(),
      "application/json");
  EXPECT_EQ(res->status, 400);
  EXPECT_EQ(Body(res)["invalid-params"][0]["name"], "mijlpalen[0].streefdatum");
  res = client_->Patch(kLv + "/onderdelen/bestaat-niet", As(Role::kAnalist),
                       json{{"status", "lopend"}, {"toelichting", "x"}}.dump(), "application/json");
  EXPECT_EQ(res->status, 404);

  // The tree and the history show the change; the history hides staff from the council.
  res = client_->Get(kLv, As(Role::kAnalist));
  const json after = Body(res);
  const json* ondermijning = Find(after["actielijnen"], "ondermijning");
  EXPECT_EQ((*Find((*ondermijning)["acties"], "vastgoed-intensieve-controle"))["status"]["code"],
            "lopend");
  res = client_->Get(kLv + "/historie", As(Role::kAnalist));
  ASSERT_EQ(res->status, 200);
  json changes = Body(res)["wijzigingen"];
  ASSERT_GE(changes.size(), 3u);
  const json& status = changes[changes.size() - 2];
  EXPECT_EQ(status["veld"], "status");
  EXPECT_EQ(status["oud"], "niet_gestart");
  EXPECT_EQ(status["nieuw"], "lopend");
  EXPECT_EQ(status["toelichting"], "Eerste controles uitgevoerd.");
  EXPECT_EQ(status["door"], users_[Role::kAnalist].id);
  EXPECT_EQ(changes.back()["veld"], "budget");
  res = client_->Get(kLv + "/historie", As(Role::kRaadslid));
  ASSERT_EQ(res->status, 200);
  EXPECT_TRUE(Body(res)["wijzigingen"].back()["door"].is_null());
}

TEST_F(ProgrammeRoutesTest, ManualValuesOnlyForManualIndicators) {
  programme::Programme p;
  p.code = "proef";
  p.name = "Proefprogramma";
  p.start_year = 2025;
  p.end_year = 2026;
  programme::Indicator manual;
  manual.code = "voorlichtingen";
  manual.name = "Gegeven voorlichtingen";
  manual.definition = "Aantal voorlichtingsbijeenkomsten";
  manual.unit = "aantal";
  programme::ProgrammeRepository repo(*db_, clock_);
  ASSERT_TRUE(repo.Create("GM0014", p, {manual}, {"cli:test", "", ""}).ok());
  StartServer();
  auto entered = client_->Post(
      "/api/v1/programmas/proef/indicatoren/voorlichtingen/waarden", As(Role::kGebiedsmanager),
      json{{"periode", "2025-Q4"}, {"waarde", 12}, {"bron", "Verslag voorlichtingen 2025"}}.dump(),
      "application/json");
  ASSERT_TRUE(entered);
  ASSERT_EQ(entered->status, 201) << entered->body;
  EXPECT_EQ(Body(entered)["waarde"], 12);
  EXPECT_EQ(Body(entered)["brondocument"], "Verslag voorlichtingen 2025");
  EXPECT_EQ(Body(entered)["ingevoerd_door"], users_[Role::kGebiedsmanager].id);
  auto tree = client_->Get("/api/v1/programmas/proef", As(Role::kRaadslid));
  ASSERT_EQ(tree->status, 200);
  EXPECT_EQ(Body(tree)["indicatoren"][0]["waarden"][0]["waarde"], 12);
  EXPECT_EQ(Body(tree)["indicatoren"][0]["waarden"][0]["bron"], "manual");
  auto missing = client_->Post("/api/v1/programmas/proef/indicatoren/voorlichtingen/waarden",
                               As(Role::kAnalist), json{{"periode", "2025"}, {"waarde", 1}}.dump(),
                               "application/json");
  EXPECT_EQ(missing->status, 400);
  EXPECT_EQ(Body(missing)["invalid-params"][0]["name"], "bron");

  auto res =
      client_->Post(kMh + "/indicatoren/mh-signalen-mensenhandel/waarden", As(Role::kBeheerder),
                    json{{"periode", "2025"}, {"waarde", 9}, {"bron", "eigen telling"}}.dump(),
                    "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 409) << res->body;
  EXPECT_EQ(Body(res)["invalid-params"][0]["name"], "indicator");
  res = client_->Post(kMh + "/indicatoren/mh-signalen-mensenhandel/waarden", As(Role::kAnalist),
                      json{{"periode", "2025-Q5"}, {"waarde", 9}, {"bron", "x"}}.dump(),
                      "application/json");
  EXPECT_EQ(res->status, 400);
  EXPECT_EQ(Body(res)["invalid-params"][0]["name"], "periode");
  res = client_->Post(kMh + "/indicatoren/lv-aandeel-binnen-termijn/waarden", As(Role::kAnalist),
                      json{{"periode", "2025"}, {"waarde", 9}, {"bron", "x"}}.dump(),
                      "application/json");
  EXPECT_EQ(res->status, 404);  // an indicator of the other programme
  res = client_->Post(kMh + "/indicatoren/mh-signalen-mensenhandel/waarden", As(Role::kRaadslid),
                      json{{"periode", "2025"}, {"waarde", 9}, {"bron", "x"}}.dump(),
                      "application/json");
  EXPECT_EQ(res->status, 403);
}

}  // namespace
}  // namespace baken::api::testing
