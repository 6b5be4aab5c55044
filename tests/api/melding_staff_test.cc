// What staff and merged reporters were missing, over HTTP: the street of a melding (detail, list,
// export and mail), duplicates seen from the older melding too, the follow page of a merged
// melding showing the melding it was merged into, and reassigning only to colleagues of the
// department, with people's names in the history.
#include <fstream>

#include "api_test_env.h"
#include "baken/geo/crs.h"
#include "baken/geo/gazetteer.h"
#include "baken/notify/outbox_worker.h"
#include "baken/notify/testing/smtp_sink.h"
#include "baken/store/area_repository.h"

namespace baken::api::testing {
namespace {

using nlohmann::json;
using security::Role;

// Grote Markt, in wijk Centrum.

class MeldingStaffTest : public ApiTestEnv {
 protected:
  void SetUp() override {
    ApiTestEnv::SetUp();
    ASSERT_NO_FATAL_FAILURE(LoadGroningenAreas());
    // The address table, as `baken areas streets` loads it.
    std::ifstream in(std::string(BAKEN_SHARED_DIR) + "/data/groningen/postcodes-pc6.csv",
                     std::ios::binary);
    StatusOr<std::vector<geo::StreetPoint>> points = geo::ReadStreetPointsCsv(in);
    ASSERT_TRUE(points.ok()) << points.status().ToString();
    streets_ = geo::Gazetteer::Build(*points);
    store::AreaRepository repo(*db_, clock_);
    ASSERT_TRUE(repo.ReplaceStreetPoints("GM0014", *points, "postcodes-pc6.csv").ok());
    StartServer();
    hanna_ = MakeUser("hanna", Role::kToezichthouder, {"toezicht", "stadsbeheer"});
    piet_ = MakeUser("piet", Role::kBoa, {"stadsbeheer"});
    kees_ = MakeUser("kees", Role::kBoa, {"toezicht"});
    weg_ = MakeUser("weg", Role::kBoa, {"stadsbeheer"});
    ASSERT_TRUE(services_->accounts.Disable("GM0014", weg_.id, "admin-1").ok());
    analist_ = MakeUser("analist", Role::kAnalist, {"stadsbeheer"});
  }

  static json Form(const std::string& category, double lon, double lat, const std::string& name,
                   const std::string& email) {
    return {{"tekst", "Er ligt al dagen een berg vuilniszakken naast de container."},
            {"categorie", category},
            {"locatie", {{"type", "Point"}, {"coordinates", {lon, lat}}}},
            {"melder", {{"naam", name}, {"email", email}, {"toestemming_contact", true}}}};
  }

  json PostPublic(const json& form) {
    auto res = client_->Post("/api/v1/publiek/meldingen", form.dump(), "application/json");
    EXPECT_EQ(res->status, 201) << res->body;
    return Body(res);
  }

  httplib::Headers As(const security::User& u, const std::string& purpose = "melding_afhandelen") {
    httplib::Headers h = CookieHeaders(SessionFor(u));
    h.emplace("X-Baken-Doel", purpose);
    return h;
  }

  httplib::Result Patch(const std::string& number, const json& body) {
    return client_->Patch("/api/v1/meldingen/" + number, As(hanna_), body.dump(),
                          "application/json");
  }

  geo::Gazetteer streets_;
  security::User hanna_, piet_, kees_, weg_, analist_;
};

TEST_F(MeldingStaffTest, StaffSeeTheNearestStreetInDetailListExportAndMail) {
  notify::testing::SmtpSink sink;
  ASSERT_TRUE(sink.Start().ok());
  notify::SmtpOptions smtp;
  smtp.port = sink.port();
  smtp.tls = notify::SmtpTls::kNone;
  smtp.from = "noreply@groningen.example";
  notify::OutboxWorker worker(*db_, clock_, smtp, notify::WorkerOptions{});

  const std::string number =
      PostPublic(Form("grofvuil", kLon, kLat, "Anna", "anna@example.nl"))["nummer"];
  const json detail = Body(client_->Get("/api/v1/meldingen/" + number, As(hanna_)));
  const geo::RdPoint rd{detail["rd"]["x"].get<double>(), detail["rd"]["y"].get<double>()};
  const std::optional<geo::NearestStreet> expected = streets_.Nearest(rd);
  ASSERT_TRUE(expected.has_value()) << "the Grote Markt has streets around it";
  EXPECT_EQ(detail["straat"], expected->street) << detail;
  EXPECT_EQ(detail["postcode"], expected->postcode) << detail;

  const json list = Body(client_->Get("/api/v1/meldingen", As(hanna_)))["meldingen"];
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0]["straat"], expected->street);

  const security::User manager = MakeUser("gm", Role::kGebiedsmanager, {"stadsbeheer"});
  auto csv = client_->Get("/api/v1/meldingen/export?formaat=csv", As(manager));
  ASSERT_EQ(csv->status, 200) << csv->body;
  EXPECT_NE(csv->body.find(",straat,postcode,"), std::string::npos) << csv->body.substr(0, 300);
  EXPECT_NE(csv->body.find(expected->street + "," + expected->postcode), std::string::npos)
      << csv->body;

  // The reporter's confirmation says where too.
  ASSERT_TRUE(worker.RunOnce().ok());
  ASSERT_EQ(sink.Count(), 1u);
  const std::string pc = expected->postcode.substr(0, 4) + " " + expected->postcode.substr(4);
  EXPECT_NE(sink.Messages()[0].Body().find("Plek: bij " + expected->street + ", " + pc),
            std::string::npos)
      << sink.Messages()[0].Body();
  sink.Stop();
}

TEST_F(MeldingStaffTest, TheOlderOfTwoMeldingen3MetresApartListsTheNewerAsPossibleDuplicate) {
  const std::string older =
      PostPublic(Form("grofvuil", kLon, kLat, "Anna", "anna@example.nl"))["nummer"];
  clock_.Advance(std::chrono::hours(26));
  // About 3 m east.
  const std::string newer =
      PostPublic(Form("grofvuil", kLon + 0.000045, kLat, "Bert", "bert@example.nl"))["nummer"];
  auto numbers_near = [&](const std::string& number) {
    auto res = client_->Get("/api/v1/meldingen/" + number + "/duplicaten", As(hanna_));
    EXPECT_EQ(res->status, 200) << res->body;
    std::vector<std::string> out;
    const json body = Body(res);
    for (const json& d : body["duplicaten"]) {
      out.push_back(d["nummer"]);
      EXPECT_LE(d["afstand_m"].get<double>(), 5) << d;
    }
    return out;
  };
  EXPECT_EQ(numbers_near(newer), std::vector<std::string>{older});
  EXPECT_EQ(numbers_near(older), std::vector<std::string>{newer});
}

TEST_F(MeldingStaffTest, AMergedMeldingsFollowPageShowsTheMainOneAndItsReporterHearsOfTheClose) {
  notify::testing::SmtpSink sink;
  ASSERT_TRUE(sink.Start().ok());
  notify::SmtpOptions smtp;
  smtp.port = sink.port();
  smtp.tls = notify::SmtpTls::kNone;
  smtp.from = "noreply@groningen.example";
  notify::OutboxWorker worker(*db_, clock_, smtp, notify::WorkerOptions{});

  const json main = PostPublic(Form("grofvuil", kLon, kLat, "Anna Hoofd", "anna@example.nl"));
  const json dup =
      PostPublic(Form("grofvuil", kLon + 0.00002, kLat, "Bert Dubbel", "bert@example.nl"));
  const std::string main_number = main["nummer"];
  const std::string dup_code = dup["volgcode"];
  auto merged =
      client_->Post("/api/v1/meldingen/" + dup["nummer"].get<std::string>() + "/samenvoegen",
                    As(hanna_), json{{"origineel", main_number}}.dump(), "application/json");
  ASSERT_EQ(merged->status, 200) << merged->body;
  ASSERT_TRUE(worker.RunOnce().ok());
  const size_t confirmations = sink.Count();

  auto follow = client_->Get("/api/v1/publiek/meldingen/" + dup_code);
  ASSERT_EQ(follow->status, 200) << follow->body;
  json f = Body(follow);
  EXPECT_EQ(f["status"]["code"], "samengevoegd");
  ASSERT_TRUE(f["samengevoegd_met"].is_object()) << f;
  EXPECT_EQ(f["samengevoegd_met"]["nummer"], main_number);
  EXPECT_EQ(f["samengevoegd_met"]["status"]["code"], "gemeld");
  // Exactly what the main melding's own follow page shows: no persons, departments or notes.
  auto main_follow =
      client_->Get("/api/v1/publiek/meldingen/" + main["volgcode"].get<std::string>());
  EXPECT_EQ(f["samengevoegd_met"], Body(main_follow));
  EXPECT_EQ(follow->body.find("Anna"), std::string::npos) << follow->body;
  EXPECT_EQ(follow->body.find("stadsbeheer"), std::string::npos) << follow->body;
  EXPECT_EQ(follow->body.find("hanna"), std::string::npos) << follow->body;

  // The main melding is closed with a message: the merged one's page shows it, and Bert is mailed.
  ASSERT_EQ(client_
                ->Post("/api/v1/meldingen/" + main_number + "/notities", As(hanna_),
                       json{{"tekst", "Intern: Anna belde nog."}}.dump(), "application/json")
                ->status,
            201);
  auto closed = client_->Post(
      "/api/v1/meldingen/" + main_number + "/statuswijzigingen", As(hanna_),
      json{{"status", "afgehandeld"}, {"tekst_melder", "Het grofvuil is opgehaald."}}.dump(),
      "application/json");
  ASSERT_EQ(closed->status, 200) << closed->body;
  f = Body(client_->Get("/api/v1/publiek/meldingen/" + dup_code));
  EXPECT_EQ(f["samengevoegd_met"]["status"]["code"], "afgehandeld") << f;
  EXPECT_NE(f.dump().find("Het grofvuil is opgehaald."), std::string::npos) << f;
  EXPECT_EQ(f.dump().find("Anna belde"), std::string::npos) << "internal notes stay internal";

  ASSERT_TRUE(worker.RunOnce().ok());
  bool bert_told = false;
  const std::vector<notify::testing::ReceivedMail> mails = sink.Messages();
  for (size_t i = confirmations; i < mails.size(); ++i) {
    const notify::testing::ReceivedMail& m = mails[i];
    if (m.rcpt_to.at(0).find("bert@example.nl") != std::string::npos &&
        m.Body().find("Het grofvuil is opgehaald.") != std::string::npos) {
      bert_told = true;
    }
  }
  EXPECT_TRUE(bert_told) << "the merged melding's reporter hears that the main one is closed";
  sink.Stop();
}

TEST_F(MeldingStaffTest, ReassigningOffersTheDepartmentsColleaguesAndRefusesAnyoneElse) {
  auto list = client_->Get("/api/v1/afdelingen/stadsbeheer/behandelaars", As(hanna_));
  ASSERT_EQ(list->status, 200) << list->body;
  const json b = Body(list);
  EXPECT_EQ(b["afdeling"]["code"], "stadsbeheer");
  std::vector<std::string> usernames;
  for (const json& u : b["behandelaars"]) {
    usernames.push_back(u["gebruikersnaam"]);
    EXPECT_EQ(u["naam"], "Naam " + u["gebruikersnaam"].get<std::string>());
    EXPECT_EQ(u.size(), 2u) << "names only: " << u;
  }
  // Hanna and Piet work there; Kees works elsewhere, Weg is disabled, the analyst handles nothing.
  EXPECT_EQ(usernames, (std::vector<std::string>{"hanna", "piet"}));
  EXPECT_EQ(client_->Get("/api/v1/afdelingen/bestaatniet/behandelaars", As(hanna_))->status, 404);

  const std::string number =
      PostPublic(Form("grofvuil", kLon, kLat, "Anna", "anna@example.nl"))["nummer"];
  for (const std::string& who : {"jansen", "kees", "weg"}) {
    auto refused = Patch(number, {{"behandelaar", who}});
    ASSERT_EQ(refused->status, 422) << who << ": " << refused->body;
    const json p = Body(refused);
    EXPECT_EQ(p["invalid-params"][0]["name"], "behandelaar") << p;
    EXPECT_NE(p["detail"].get<std::string>().find("'" + who + "' is geen medewerker van"),
              std::string::npos)
        << p;
  }
  EXPECT_TRUE(
      Body(client_->Get("/api/v1/meldingen/" + number, As(hanna_)))["behandelaar"].is_null())
      << "nothing was saved";
  // Moving to another department with someone of the old one is refused too.
  auto moved = Patch(number, {{"afdeling", "toezicht"}, {"behandelaar", "piet"}});
  EXPECT_EQ(moved->status, 422) << moved->body;

  auto assigned = Patch(number, {{"behandelaar", "piet"}});
  ASSERT_EQ(assigned->status, 200) << assigned->body;
  EXPECT_EQ(Body(assigned)["behandelaar"], "piet");
  auto cleared = Patch(number, {{"behandelaar", nullptr}});
  ASSERT_EQ(cleared->status, 200) << cleared->body;

  // The history names people, not ids.
  auto history = client_->Get("/api/v1/meldingen/" + number + "/historie", As(hanna_));
  ASSERT_EQ(history->status, 200) << history->body;
  EXPECT_EQ(history->body.find(hanna_.id), std::string::npos) << history->body;
  bool named = false;
  const json entries = Body(history)["historie"];
  for (const json& h : entries) {
    if (h["soort"] == "behandelaar" && h["naar"] == "Naam piet") {
      EXPECT_EQ(h["door"], "Naam hanna") << h;
      named = true;
    }
    if (h["soort"] == "aangemaakt") EXPECT_EQ(h["door"], "de melder") << h;
  }
  EXPECT_TRUE(named) << history->body;
}

}  // namespace
}  // namespace baken::api::testing
