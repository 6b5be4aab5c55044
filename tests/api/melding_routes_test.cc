// Meldingen over HTTP as a resident, a boa, an analyst and the trafficking coordinator meet them:
// a real server over a SQLite database holding Groningen's CBS wijken and buurten.
#include <set>

#include "api_test_env.h"
#include "baken/geo/geojson.h"
#include "baken/notify/outbox_worker.h"
#include "baken/notify/testing/smtp_sink.h"
#include "baken/store/area_repository.h"

namespace baken::api::testing {
namespace {

using nlohmann::json;
using security::Role;

// Grote Markt, in wijk Centrum (WK001400).

class MeldingRoutesTest : public ApiTestEnv {
 protected:
  void SetUp() override {
    ApiTestEnv::SetUp();
    ASSERT_NO_FATAL_FAILURE(LoadGroningenAreas());
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

TEST_F(MeldingRoutesTest, ReporterReceivesConfirmationStatusAndSatisfactionMails) {
  notify::testing::SmtpSink sink;
  ASSERT_TRUE(sink.Start().ok());
  notify::SmtpOptions smtp;
  smtp.port = sink.port();
  smtp.tls = notify::SmtpTls::kNone;  // the plain test sink
  smtp.from = "noreply@groningen.example";
  notify::OutboxWorker worker(*db_, clock_, smtp, notify::WorkerOptions{});

  auto created = PostPublic(Form("grofvuil"));
  ASSERT_EQ(created->status, 201) << created->body;
  const std::string number = Body(created)["nummer"];
  const std::string code = Body(created)["volgcode"];
  ASSERT_TRUE(worker.RunOnce().ok());
  ASSERT_EQ(sink.Count(), 1u);
  notify::testing::ReceivedMail confirmation = sink.Messages()[0];
  EXPECT_EQ(confirmation.rcpt_to.at(0).find("anna@example.nl") != std::string::npos, true);
  EXPECT_NE(confirmation.Body().find(number), std::string::npos) << confirmation.Body();
  EXPECT_NE(confirmation.Body().find("/volgen/" + code), std::string::npos);

  // A status change without a text for the reporter mails nothing; closing mails twice (the
  // text and the satisfaction question, since Anna agreed to be contacted).
  httplib::Headers h = As(boa_, "melding_afhandelen");
  ASSERT_EQ(client_
                ->Post("/api/v1/meldingen/" + number + "/statuswijzigingen", h,
                       json{{"status", "in_behandeling"}}.dump(), "application/json")
                ->status,
            200);
  ASSERT_EQ(
      client_
          ->Post("/api/v1/meldingen/" + number + "/statuswijzigingen", h,
                 json{{"status", "afgehandeld"}, {"tekst_melder", "De zakken zijn weg."}}.dump(),
                 "application/json")
          ->status,
      200);
  ASSERT_TRUE(worker.RunOnce().ok());
  ASSERT_EQ(sink.Count(), 3u);
  std::string bodies;
  for (const auto& m : sink.Messages()) bodies += m.Body();
  EXPECT_NE(bodies.find("De zakken zijn weg."), std::string::npos) << bodies;
  EXPECT_NE(bodies.find("#tevredenheid"), std::string::npos) << bodies;
  // Nothing is sent twice.
  ASSERT_TRUE(worker.RunOnce().ok());
  EXPECT_EQ(sink.Count(), 3u);
  sink.Stop();
}

TEST_F(MeldingRoutesTest, UnhappyReporterReopensTheMeldingOnce) {
  auto created = PostPublic(Form("grofvuil"));
  ASSERT_EQ(created->status, 201);
  const std::string code = Body(created)["volgcode"];
  const std::string number = Body(created)["nummer"];
  const std::string feedback = "/api/v1/publiek/meldingen/" + code + "/tevredenheid";
  // Not before it is closed.
  auto early = client_->Post(feedback, json{{"tevreden", false}}.dump(), "application/json");
  EXPECT_GE(early->status, 400) << early->body;

  httplib::Headers h = As(boa_, "melding_afhandelen");
  ASSERT_EQ(client_
                ->Post("/api/v1/meldingen/" + number + "/statuswijzigingen", h,
                       json{{"status", "afgehandeld"}, {"tekst_melder", "Opgehaald."}}.dump(),
                       "application/json")
                ->status,
            200);
  auto unhappy = client_->Post(
      feedback, json{{"tevreden", false}, {"toelichting", "Er ligt nog steeds afval."}}.dump(),
      "application/json");
  ASSERT_EQ(unhappy->status, 200) << unhappy->body;
  EXPECT_EQ(Body(unhappy)["status"]["code"], "heropend");
  auto follow = client_->Get("/api/v1/publiek/meldingen/" + code);
  EXPECT_EQ(Body(follow)["status"]["code"], "heropend");
  // The staff history shows the answer.
  auto history = client_->Get("/api/v1/meldingen/" + number + "/historie", h);
  EXPECT_NE(history->body.find("ontevreden"), std::string::npos) << history->body;
  EXPECT_NE(history->body.find("Er ligt nog steeds afval."), std::string::npos);
  EXPECT_EQ(client_->Post(feedback, json{{"tevreden", "ja"}}.dump(), "application/json")->status,
            400);
}

// The follow page asks the satisfaction question once a melding is closed, and only until the
// follow code's holder answered it; a second answer is refused.
TEST_F(MeldingRoutesTest, FollowSaysWhenToAskTheSatisfactionQuestion) {
  auto created = PostPublic(Form("grofvuil"));
  ASSERT_EQ(created->status, 201);
  const std::string code = Body(created)["volgcode"];
  const std::string number = Body(created)["nummer"];
  const std::string follow = "/api/v1/publiek/meldingen/" + code;
  EXPECT_EQ(Body(client_->Get(follow))["tevredenheid_vragen"], false);  // still open

  httplib::Headers h = As(boa_, "melding_afhandelen");
  ASSERT_EQ(client_
                ->Post("/api/v1/meldingen/" + number + "/statuswijzigingen", h,
                       json{{"status", "afgehandeld"}, {"tekst_melder", "Opgehaald."}}.dump(),
                       "application/json")
                ->status,
            200);
  EXPECT_EQ(Body(client_->Get(follow))["tevredenheid_vragen"], true);
  auto happy =
      client_->Post(follow + "/tevredenheid", json{{"tevreden", true}}.dump(), "application/json");
  ASSERT_EQ(happy->status, 200) << happy->body;
  EXPECT_EQ(Body(happy)["status"]["code"], "afgehandeld");
  EXPECT_EQ(Body(client_->Get(follow))["tevredenheid_vragen"], false);
  auto again =
      client_->Post(follow + "/tevredenheid", json{{"tevreden", false}}.dump(), "application/json");
  EXPECT_EQ(again->status, 409) << again->body;
  EXPECT_NE(again->body.find("al gegeven"), std::string::npos) << again->body;
  EXPECT_EQ(Body(client_->Get(follow))["status"]["code"], "afgehandeld");
}

TEST_F(MeldingRoutesTest, WithoutAModelACategoryMustBeChosen) {
  auto suggestion =
      client_->Post("/api/v1/publiek/categorie-suggestie",
                    json{{"tekst", "Hondenpoep op de stoep"}}.dump(), "application/json");
  ASSERT_EQ(suggestion->status, 200);
  EXPECT_EQ(Body(suggestion)["niveau"], "geen");
  json form = Form("");
  form.erase("categorie");
  auto res = PostPublic(form);
  ASSERT_EQ(res->status, 400) << res->body;
  EXPECT_EQ(Body(res)["invalid-params"][0]["name"], "categorie");
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
  // By number it answers as a missing melding: that the number is a signal is itself secret.
  auto direct = client_->Get("/api/v1/meldingen/" + number, As(boa_, "melding_afhandelen"));
  EXPECT_EQ(direct->status, 404) << direct->body;

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

TEST_F(MeldingRoutesTest, AlreadyReportedNearbyIsShownAtIntake) {
  const std::string similar = "/api/v1/publiek/vergelijkbare-meldingen?categorie=hondenpoep";
  auto first = PostPublic(Form("hondenpoep"));
  ASSERT_EQ(first->status, 201) << first->body;
  EXPECT_EQ(Body(first)["vergelijkbare_meldingen"], 0);

  // About 20 m north: the form can tell the resident it is already known, without text.
  auto near = client_->Get(similar + "&lon=6.5666&lat=53.2193");
  ASSERT_EQ(near->status, 200) << near->body;
  json n = Body(near);
  ASSERT_EQ(n["aantal"], 1) << n;
  EXPECT_EQ(n["meldingen"][0]["status"], "Gemeld") << n;
  EXPECT_FALSE(n["meldingen"][0].contains("tekst"));
  EXPECT_EQ(near->body.find("vuilniszakken"), std::string::npos) << "no text in the hint";
  // About 200 m away, or another category: nothing.
  EXPECT_EQ(Body(client_->Get(similar + "&lon=6.5666&lat=53.2209"))["aantal"], 0);
  EXPECT_EQ(Body(client_->Get("/api/v1/publiek/vergelijkbare-meldingen?categorie=grofvuil"
                              "&lon=6.5666&lat=53.2193"))["aantal"],
            0);

  auto second = PostPublic(Form("hondenpoep", 6.5666, 53.2193));
  ASSERT_EQ(second->status, 201) << second->body;
  EXPECT_EQ(Body(second)["vergelijkbare_meldingen"], 1);

  // Categories off the public map never tell a resident what others reported.
  ASSERT_EQ(PostPublic(Form("drugsoverlast"))->status, 201);
  auto again = PostPublic(Form("drugsoverlast"));
  ASSERT_EQ(again->status, 201);
  EXPECT_FALSE(Body(again).contains("vergelijkbare_meldingen")) << again->body;
  EXPECT_EQ(Body(client_->Get("/api/v1/publiek/vergelijkbare-meldingen?categorie=drugsoverlast"
                              "&lon=6.5666&lat=53.2191"))["aantal"],
            0);

  // Bad input names the field.
  auto no_lat = client_->Get(similar + "&lon=6.5666");
  ASSERT_EQ(no_lat->status, 400);
  EXPECT_EQ(Body(no_lat)["invalid-params"][0]["name"], "lat");
  auto unknown =
      client_->Get("/api/v1/publiek/vergelijkbare-meldingen?categorie=x&lon=6.5&lat=53.2");
  ASSERT_EQ(unknown->status, 400);
  EXPECT_EQ(Body(unknown)["invalid-params"][0]["name"], "categorie");

  // A boa entering one from the street gets both earlier numbers as possible duplicates.
  auto staff = client_->Post("/api/v1/meldingen", As(boa_, "melding_afhandelen"),
                             Form("hondenpoep", 6.5667, 53.2192).dump(), "application/json");
  ASSERT_EQ(staff->status, 201) << staff->body;
  json hints = Body(staff)["mogelijke_duplicaten"];
  ASSERT_EQ(hints.size(), 2u) << hints;
  std::set<std::string> numbers;
  for (const json& h : hints) {
    numbers.insert(h["nummer"].get<std::string>());
    EXPECT_LE(h["afstand_m"].get<double>(), 50.0);
  }
  EXPECT_TRUE(numbers.count(Body(first)["nummer"].get<std::string>())) << hints;
  EXPECT_TRUE(numbers.count(Body(second)["nummer"].get<std::string>())) << hints;
}

TEST_F(MeldingRoutesTest, StaffSplitsAMeldingAndFiltersOnTheirOwnQueue) {
  auto created = PostPublic(Form("grofvuil"));
  ASSERT_EQ(created->status, 201) << created->body;
  const std::string number = Body(created)["nummer"];
  const std::string item = "/api/v1/meldingen/" + number;
  httplib::Headers h = As(boa_, "melding_afhandelen");

  // Nobody is assigned yet; after "aan mij toewijzen" it is in the boa's own queue.
  auto unassigned = client_->Get("/api/v1/meldingen?behandelaar=-", h);
  ASSERT_EQ(unassigned->status, 200) << unassigned->body;
  EXPECT_EQ(Body(unassigned)["meldingen"].size(), 1u);
  EXPECT_EQ(Body(client_->Get("/api/v1/meldingen?behandelaar=boa", h))["meldingen"].size(), 0u);
  const int64_t version_before = Body(client_->Get(item, h))["versie"].get<int64_t>();
  // The boa works for toezicht: he takes it on there (a behandelaar is of the melding's
  // department).
  auto assigned = client_->Patch(
      item, h, json{{"afdeling", "toezicht"}, {"behandelaar", "boa"}}.dump(), "application/json");
  ASSERT_EQ(assigned->status, 200) << assigned->body;
  // An edit made on the version before the assignment is refused as stale: 412, not applied.
  httplib::Headers stale = h;
  stale.emplace("If-Match", "\"" + std::to_string(version_before) + "\"");
  auto late = client_->Patch(item, stale, json{{"prioriteit", "hoog"}}.dump(), "application/json");
  ASSERT_EQ(late->status, 412) << late->body;
  EXPECT_EQ(Body(late)["title"], "Versie verouderd");
  EXPECT_NE(Body(client_->Get(item, h))["prioriteit"], "hoog");
  json mine = Body(client_->Get("/api/v1/meldingen?behandelaar=boa", h))["meldingen"];
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_EQ(mine[0]["nummer"], number);
  EXPECT_EQ(Body(client_->Get("/api/v1/meldingen?behandelaar=-", h))["meldingen"].size(), 0u);

  // Splitting needs two parts; a boa may not create a trafficking signal by splitting either.
  auto one = client_->Post(
      item + "/splitsen", h,
      json{{"delen", {{{"categorie", "hondenpoep"}, {"tekst", "Hondenpoep"}}}}}.dump(),
      "application/json");
  ASSERT_EQ(one->status, 400) << one->body;
  EXPECT_EQ(Body(one)["invalid-params"][0]["name"], "delen");
  auto special = client_->Post(
      item + "/splitsen", h,
      json{{"delen",
            {{{"categorie", "hondenpoep"}, {"tekst", "Hondenpoep op de stoep bij de container."}},
             {{"categorie", "signaal-mensenhandel"},
              {"tekst", "Er lijken mensen in het pand te slapen."}}}}}
          .dump(),
      "application/json");
  EXPECT_EQ(special->status, 403) << special->body;

  auto split = client_->Post(
      item + "/splitsen", h,
      json{
          {"delen",
           {{{"categorie", "hondenpoep"}, {"tekst", "Hondenpoep op de stoep bij de container."}},
            {{"categorie", "foutparkeren"}, {"tekst", "Een busje staat op de stoep geparkeerd."}}}}}
          .dump(),
      "application/json");
  ASSERT_EQ(split->status, 201) << split->body;
  json parts = Body(split)["deelmeldingen"];
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_EQ(parts[0]["categorie"]["code"], "hondenpoep") << parts[0];
  EXPECT_FALSE(parts[1]["termijn"].get<std::string>().empty());
  EXPECT_EQ(Body(client_->Get(item, h))["status"]["code"], "gesplitst");

  // Staff see the departments with their names (for filters and reassigning); residents do not.
  json staff = Body(client_->Get("/api/v1/categorieen", h));
  ASSERT_TRUE(staff.contains("afdelingen")) << staff;
  EXPECT_GE(staff["afdelingen"].size(), 5u);
  EXPECT_FALSE(Body(client_->Get("/api/v1/categorieen")).contains("afdelingen"));
}

}  // namespace
}  // namespace baken::api::testing
