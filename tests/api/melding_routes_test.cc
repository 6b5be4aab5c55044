// Meldingen over HTTP as a resident, a boa, an analyst and the trafficking coordinator meet them:
// a real server over a SQLite database holding Groningen's CBS wijken and buurten.
#include "api_test_env.h"
#include "baken/geo/geojson.h"
#include "baken/store/area_repository.h"

namespace baken::api::testing {
namespace {

using nlohmann::json;
using security::Role;

// Grote Markt, in wijk Centrum (WK001400).
constexpr double kLon = 6.5666, kLat = 53.2191;

class MeldingRoutesTest : public ApiTestEnv {
 protected:
  void SetUp() override {
    ApiTestEnv::SetUp();
    const std::string dir = std::string(BAKEN_SHARED_DIR) + "/data/groningen/";
    store::AreaRepository repo(*db_, clock_);
    for (auto [file, level] : {std::pair{"cbs-wijken-2017.geojson", geo::Level::kDistrict},
                               std::pair{"cbs-buurten-2017.geojson", geo::Level::kNeighbourhood}}) {
      auto fc = geo::ReadGeoJsonFile(dir + file);
      ASSERT_TRUE(fc.ok()) << fc.status().ToString();
      auto set = geo::ImportCbs(*fc, level, "GM0014");
      ASSERT_TRUE(set.ok()) << set.status().ToString();
      ASSERT_TRUE(repo.ReplaceLevel("GM0014", "Groningen", level, *set, file).ok());
    }
    StartServer();
    boa_ = MakeUser("boa", Role::kBoa, {"toezicht"});
    analist_ = MakeUser("analist", Role::kAnalist, {});
    coordinator_ = MakeUser("coordinator", Role::kCoordinatorMensenhandel, {"mensenhandel"});
  }

  static json Form(const std::string& category, double lon = kLon, double lat = kLat) {
    return {
        {"tekst", "Er ligt al dagen een berg vuilniszakken naast de container."},
        {"categorie", category},
        {"locatie", {{"type", "Point"}, {"coordinates", {lon, lat}}}},
        {"melder",
         {{"naam", "Anna de Vries"}, {"email", "anna@example.nl"}, {"toestemming_contact", true}}}};
  }

  httplib::Result PostPublic(const json& form, const std::string& key = "") {
    httplib::Headers h;
    if (!key.empty()) h.emplace("Idempotency-Key", key);
    return client_->Post("/api/v1/publiek/meldingen", h, form.dump(), "application/json");
  }

  httplib::Headers As(const security::User& u, const std::string& purpose) {
    httplib::Headers h = CookieHeaders(SessionFor(u));
    h.emplace("X-Baken-Doel", purpose);
    return h;
  }

  security::User boa_, analist_, coordinator_;
};

TEST_F(MeldingRoutesTest, ResidentReportsAndFollowsBoaHandles) {
  auto created = PostPublic(Form("grofvuil"));
  ASSERT_TRUE(created);
  ASSERT_EQ(created->status, 201) << created->body;
  json c = Body(created);
  EXPECT_EQ(c["nummer"].get<std::string>().rfind("M-2026-", 0), 0u) << c;
  const std::string code = c["volgcode"];
  EXPECT_FALSE(c["afhandelbericht"].get<std::string>().empty());

  auto follow = client_->Get("/api/v1/publiek/meldingen/" + code);
  ASSERT_EQ(follow->status, 200) << follow->body;
  EXPECT_EQ(Body(follow)["status"]["code"], "gemeld");
  EXPECT_EQ(follow->body.find("Anna"), std::string::npos) << "no personal data on the follow page";

  // The boa finds it in the list, in wijk Centrum, routed to a department with a deadline.
  auto list = client_->Get("/api/v1/meldingen?wijk=WK001400", As(boa_, "melding_afhandelen"));
  ASSERT_EQ(list->status, 200) << list->body;
  json items = Body(list)["meldingen"];
  ASSERT_EQ(items.size(), 1u);
  const std::string id = items[0]["id"];
  EXPECT_EQ(items[0]["nummer"], c["nummer"]);
  EXPECT_FALSE(items[0]["afdeling"].get<std::string>().empty());
  EXPECT_FALSE(items[0]["termijn"].get<std::string>().empty());
  EXPECT_EQ(items[0]["melder"]["naam"], "Anna de Vries");

  // The analyst sees the same melding without the person.
  auto analysed = client_->Get("/api/v1/meldingen/" + id, As(analist_, "analyse"));
  ASSERT_EQ(analysed->status, 200) << analysed->body;
  EXPECT_EQ(analysed->body.find("Anna de Vries"), std::string::npos);
  EXPECT_EQ(analysed->body.find("anna@example.nl"), std::string::npos);

  // Closing needs a text for the reporter.
  httplib::Headers h = As(boa_, "melding_afhandelen");
  auto refused = client_->Post("/api/v1/meldingen/" + id + "/statuswijzigingen", h,
                               json{{"status", "afgehandeld"}}.dump(), "application/json");
  ASSERT_EQ(refused->status, 400) << refused->body;
  EXPECT_EQ(Body(refused)["invalid-params"][0]["name"], "tekst_melder");
  auto closed = client_->Post(
      "/api/v1/meldingen/" + id + "/statuswijzigingen", h,
      json{{"status", "afgehandeld"}, {"tekst_melder", "De zakken zijn opgehaald."}}.dump(),
      "application/json");
  ASSERT_EQ(closed->status, 200) << closed->body;
  EXPECT_EQ(Body(closed)["status"]["code"], "afgehandeld");

  follow = client_->Get("/api/v1/publiek/meldingen/" + code);
  EXPECT_EQ(Body(follow)["status"]["code"], "afgehandeld");
  EXPECT_NE(follow->body.find("De zakken zijn opgehaald."), std::string::npos) << follow->body;

  auto history = client_->Get("/api/v1/meldingen/" + id + "/historie", h);
  ASSERT_EQ(history->status, 200);
  EXPECT_GE(Body(history)["historie"].size(), 2u);
}

TEST_F(MeldingRoutesTest, BadInputIsNamedAndNothingIsStored) {
  auto outside = PostPublic(Form("grofvuil", 4.8952, 52.3702));  // Amsterdam, Dam
  ASSERT_EQ(outside->status, 400) << outside->body;
  EXPECT_EQ(Body(outside)["invalid-params"][0]["name"], "locatie");
  auto unknown = PostPublic(Form("ufo-landing"));
  ASSERT_EQ(unknown->status, 400);
  EXPECT_EQ(Body(unknown)["invalid-params"][0]["name"], "categorie");
  json no_location = Form("grofvuil");
  no_location.erase("locatie");
  EXPECT_EQ(Body(PostPublic(no_location))["invalid-params"][0]["name"], "locatie");
  auto list = client_->Get("/api/v1/meldingen", As(boa_, "melding_afhandelen"));
  EXPECT_TRUE(Body(list)["meldingen"].empty());
}

TEST_F(MeldingRoutesTest, SameIdempotencyKeyGivesTheSameMelding) {
  auto first = PostPublic(Form("grofvuil"), "formulier-42");
  auto again = PostPublic(Form("grofvuil"), "formulier-42");
  ASSERT_EQ(first->status, 201) << first->body;
  ASSERT_EQ(again->status, 200) << again->body;
  EXPECT_EQ(Body(first)["nummer"], Body(again)["nummer"]);
  auto list = client_->Get("/api/v1/meldingen", As(boa_, "melding_afhandelen"));
  EXPECT_EQ(Body(list)["meldingen"].size(), 1u);
}

TEST_F(MeldingRoutesTest, TraffickingSignalsAreNeedToKnowAndEveryReadIsAudited) {
  auto created = PostPublic(Form("signaal-mensenhandel"));
  ASSERT_EQ(created->status, 201) << created->body;
  const std::string number = Body(created)["nummer"];

  // The boa does not see it, not in the list and not by number.
  auto list = client_->Get("/api/v1/meldingen", As(boa_, "melding_afhandelen"));
  EXPECT_TRUE(Body(list)["meldingen"].empty()) << list->body;
  auto direct = client_->Get("/api/v1/meldingen/" + number, As(boa_, "melding_afhandelen"));
  EXPECT_EQ(direct->status, 403) << direct->body;

  // The coordinator does, and both reads are in the audit log with purpose and number.
  httplib::Headers h = As(coordinator_, "zorgcoordinatie");
  list = client_->Get("/api/v1/meldingen", h);
  ASSERT_EQ(list->status, 200) << list->body;
  ASSERT_EQ(Body(list)["meldingen"].size(), 1u);
  auto read = client_->Get("/api/v1/meldingen/" + number, h);
  ASSERT_EQ(read->status, 200) << read->body;
  EXPECT_EQ(Body(read)["gevoeligheid"], "special");

  std::ostringstream out;
  ASSERT_TRUE(services_->audit
                  .Export("GM0014", kNoon - std::chrono::hours(1), kNoon + std::chrono::hours(1),
                          out, security::AuditExportFormat::kJsonLines)
                  .ok());
  const std::string log = out.str();
  EXPECT_NE(log.find("melding.lezen"), std::string::npos) << log;
  EXPECT_NE(log.find("melding.lijst"), std::string::npos) << log;
  EXPECT_NE(log.find(coordinator_.id), std::string::npos);
  EXPECT_NE(log.find(number), std::string::npos);
  EXPECT_NE(log.find("zorgcoordinatie"), std::string::npos);
}

TEST_F(MeldingRoutesTest, ExportFollowsTheListRulesMasksAndAuditsConfidentialRecords) {
  auto grofvuil = PostPublic(Form("grofvuil"));
  ASSERT_EQ(grofvuil->status, 201) << grofvuil->body;
  const std::string public_number = Body(grofvuil)["nummer"];
  auto mh = PostPublic(Form("signaal-mensenhandel"));
  ASSERT_EQ(mh->status, 201) << mh->body;
  const std::string special_number = Body(mh)["nummer"];

  // The analyst gets a CSV attachment without persons and without the special signal.
  auto csv = client_->Get("/api/v1/meldingen/export?formaat=csv", As(analist_, "analyse"));
  ASSERT_EQ(csv->status, 200) << csv->body;
  EXPECT_EQ(csv->get_header_value("Content-Type"), "text/csv; charset=utf-8");
  EXPECT_EQ(csv->get_header_value("Content-Disposition"), "attachment; filename=\"meldingen.csv\"");
  EXPECT_EQ(csv->body.rfind("\xEF\xBB\xBFnummer,", 0), 0u);
  EXPECT_NE(csv->body.find(public_number), std::string::npos);
  EXPECT_EQ(csv->body.find(special_number), std::string::npos);
  EXPECT_EQ(csv->body.find("Anna de Vries"), std::string::npos);
  EXPECT_EQ(csv->body.find("anna@example.nl"), std::string::npos);

  // A boa may read but not export.
  auto boa = client_->Get("/api/v1/meldingen/export", As(boa_, "melding_afhandelen"));
  EXPECT_EQ(boa->status, 403) << boa->body;

  // The coordinator exports the special signal (GeoJSON, filtered), and the export is audited.
  auto geo = client_->Get("/api/v1/meldingen/export?formaat=geojson&categorie=signaal-mensenhandel",
                          As(coordinator_, "zorgcoordinatie"));
  ASSERT_EQ(geo->status, 200) << geo->body;
  EXPECT_EQ(geo->get_header_value("Content-Type"), "application/geo+json");
  json doc = json::parse(geo->body);
  ASSERT_EQ(doc["features"].size(), 1u);
  EXPECT_EQ(doc["features"][0]["properties"]["nummer"], special_number);
  std::ostringstream out;
  ASSERT_TRUE(services_->audit
                  .Export("GM0014", kNoon - std::chrono::hours(1), kNoon + std::chrono::hours(1),
                          out, security::AuditExportFormat::kJsonLines)
                  .ok());
  EXPECT_NE(out.str().find("meldingen.export"), std::string::npos) << out.str();
  EXPECT_NE(out.str().find(special_number), std::string::npos);

  // Open data: never the special signal, never text or persons, even for the coordinator.
  auto mor = client_->Get("/api/v1/meldingen/export?formaat=mor", As(coordinator_, "analyse"));
  ASSERT_EQ(mor->status, 200) << mor->body;
  EXPECT_NE(mor->body.find("identificatie,zaaktype,kanaal"), std::string::npos);
  EXPECT_EQ(mor->body.find(special_number), std::string::npos);
  EXPECT_EQ(mor->body.find("vuilniszakken"), std::string::npos);

  auto xlsx = client_->Get("/api/v1/meldingen/export?formaat=xlsx", As(analist_, "analyse"));
  ASSERT_EQ(xlsx->status, 200);
  EXPECT_EQ(xlsx->body.substr(0, 4), std::string("PK\x03\x04", 4));

  auto bad = client_->Get("/api/v1/meldingen/export?formaat=pdf", As(analist_, "analyse"));
  ASSERT_EQ(bad->status, 400) << bad->body;
  EXPECT_EQ(Body(bad)["invalid-params"][0]["name"], "formaat");
}

TEST_F(MeldingRoutesTest, PublicMapShowsOnlyPublicCategoriesOnCoarseCells) {
  ASSERT_EQ(PostPublic(Form("grofvuil"))->status, 201);
  ASSERT_EQ(PostPublic(Form("drugsoverlast"))->status, 201);
  auto map = client_->Get("/api/v1/publiek/kaart");
  ASSERT_EQ(map->status, 200);
  EXPECT_EQ(map->get_header_value("Content-Type"), "application/geo+json");
  json fc = Body(map);
  ASSERT_EQ(fc["features"].size(), 1u) << fc;
  const json& f = fc["features"][0];
  EXPECT_EQ(f["properties"]["categorie"], "Grofvuil naast container");
  EXPECT_FALSE(f["properties"].contains("tekst"));
  // Coarsened: not the exact point given.
  EXPECT_NE(f["geometry"]["coordinates"][0].get<double>(), kLon);

  auto categories = client_->Get("/api/v1/categorieen");
  ASSERT_EQ(categories->status, 200);
  EXPECT_GE(Body(categories)["hoofdcategorieen"].size(), 10u);
  EXPECT_EQ(categories->body.find("\"afdeling\""), std::string::npos)
      << "departments are for staff";
}

}  // namespace
}  // namespace baken::api::testing
