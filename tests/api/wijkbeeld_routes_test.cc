// The wijk dashboard over HTTP as a staff member meets it: a handful of meldingen in known wijken,
// categories and weeks, counted by hand; what the caller may not read stays out of every count
// (and the answer says something was left out); residents and strangers get nothing; bad
// parameters are a 400 naming the parameter.
#include "api_test_env.h"
#include "baken/base/time_zone.h"

namespace baken::api::testing {
namespace {

using nlohmann::json;
using security::Role;

// Grote Markt: wijk Centrum (WK001400, 22,635 inhabitants), buurt Binnenstad-Noord
// (BU00140000). Zernike: wijk Noordwest (WK001410, 18,170 inhabitants).
constexpr double kMarktLon = 6.5666, kMarktLat = 53.2191;
constexpr double kZernikeLon = 6.5390, kZernikeLat = 53.2380;

Timestamp At(const std::string& rfc3339) {
  return *ParseRfc3339(rfc3339);
}

class WijkbeeldRoutesTest : public ApiTestEnv {
 protected:
  void SetUp() override {
    ApiTestEnv::SetUp();
    ASSERT_NO_FATAL_FAILURE(LoadGroningenAreas());
    StartServer();
    boa_ = MakeUser("boa", Role::kBoa, {"stadsbeheer"});
    toezicht_ = MakeUser("toezicht", Role::kToezichthouder, {"toezicht"});
    coordinator_ = MakeUser("coordinator", Role::kCoordinatorMensenhandel, {"mensenhandel"});
    resident_ = MakeUser("bewoner", Role::kResident, {});
  }

  // A melding received at `when`; returns its number.
  std::string Report(const std::string& when, const std::string& category, double lon, double lat) {
    clock_.Set(At(when));
    json form = {{"tekst", "Overlast bij Piet Geheim"},
                 {"categorie", category},
                 {"melder", {{"naam", "Jan Jansen"}, {"email", "melder@example.nl"}}},
                 {"locatie", {{"type", "Point"}, {"coordinates", {lon, lat}}}}};
    auto res = client_->Post("/api/v1/publiek/meldingen", form.dump(), "application/json");
    EXPECT_EQ(res->status, 201) << res->body;
    return Body(res)["nummer"];
  }

  void Close(const std::string& number, const std::string& when) {
    clock_.Set(At(when));
    httplib::Headers h = As(toezicht_, "melding_afhandelen");
    auto res = client_->Post("/api/v1/meldingen/" + number + "/statuswijzigingen", h,
                             json{{"status", "afgehandeld"}, {"tekst_melder", "Opgelost."}}.dump(),
                             "application/json");
    ASSERT_EQ(res->status, 200) << res->body;
  }

  httplib::Headers As(const security::User& u, const std::string& purpose) {
    httplib::Headers h = CookieHeaders(SessionFor(u));
    h.emplace("X-Baken-Doel", purpose);
    return h;
  }

  httplib::Result Get(const security::User& u, const std::string& purpose,
                      const std::string& query) {
    return client_->Get("/api/v1/wijkbeeld?" + query, As(u, purpose));
  }

  // March 2026: three in Centrum (two hondenpoep, week 10; one afvalbak, week 10), one afvalbak
  // in Noordwest (week 11), one confidential drugsoverlast in Centrum (week 11, department
  // toezicht). One hondenpoep on 27 February, just before the period. One hondenpoep closed
  // within its term, the Centrum afvalbak closed two weeks late; the rest stays open, and on
  // 1 April (now) both open ones are past their term.
  void MakeMarch() {
    const std::string poep1 =
        Report("2026-03-02T10:00:00+01:00", "hondenpoep", kMarktLon, kMarktLat);
    Report("2026-03-02T11:00:00+01:00", "hondenpoep", kMarktLon, kMarktLat);
    const std::string bak = Report("2026-03-04T09:00:00+01:00", "afvalbak", kMarktLon, kMarktLat);
    Report("2026-03-10T14:00:00+01:00", "afvalbak", kZernikeLon, kZernikeLat);
    Report("2026-03-11T22:00:00+01:00", "drugsoverlast", kMarktLon, kMarktLat);
    Report("2026-02-27T12:00:00+01:00", "hondenpoep", kMarktLon, kMarktLat);
    ASSERT_NO_FATAL_FAILURE(Close(poep1, "2026-03-02T15:00:00+01:00"));
    ASSERT_NO_FATAL_FAILURE(Close(bak, "2026-03-20T10:00:00+01:00"));
    clock_.Set(At("2026-04-01T12:00:00+02:00"));
  }

  security::User boa_, toezicht_, coordinator_, resident_;
};

const json* Row(const json& rows, const std::string& code) {
  for (const json& r : rows) {
    if (r["code"] == code) return &r;
  }
  return nullptr;
}

TEST_F(WijkbeeldRoutesTest, CountsPerWijkWeekAndCategoryAsCountedByHand) {
  ASSERT_NO_FATAL_FAILURE(MakeMarch());
  auto res = Get(boa_, "melding_afhandelen", "van=2026-03-01&tot=2026-03-31");
  ASSERT_EQ(res->status, 200) << res->body;
  // Counts only: no text, no reporter, no numbers.
  EXPECT_EQ(res->body.find("Piet"), std::string::npos);
  EXPECT_EQ(res->body.find("melder@example.nl"), std::string::npos);
  EXPECT_EQ(res->body.find("M-2026"), std::string::npos);
  const json b = Body(res);
  EXPECT_EQ(b["van"], "2026-03-01");
  EXPECT_EQ(b["tot"], "2026-03-31");
  // The boa of stadsbeheer may not read the confidential drugsoverlast of toezicht.
  EXPECT_EQ(b["afgeschermd"], true);
  const json& t = b["totaal"];
  EXPECT_EQ(t["meldingen"], 4);
  EXPECT_EQ(t["open"], 2);
  EXPECT_EQ(t["afgehandeld"], 2);
  EXPECT_EQ(t["binnen_termijn"], 1);
  EXPECT_EQ(t["binnen_termijn_pct"], 50.0);
  EXPECT_EQ(t["te_laat"], 2);
  EXPECT_EQ(b["buiten_wijken"], 0);

  // Every stored wijk has a row; the two with meldingen as counted.
  EXPECT_GT(b["wijken"].size(), 5u);
  int64_t sum = 0;
  for (const json& w : b["wijken"]) sum += w["meldingen"].get<int64_t>();
  EXPECT_EQ(sum, 4);
  const json* centrum = Row(b["wijken"], "WK001400");
  ASSERT_NE(centrum, nullptr);
  EXPECT_EQ((*centrum)["naam"], "Centrum");
  EXPECT_EQ((*centrum)["inwoners"], 22635);
  EXPECT_EQ((*centrum)["meldingen"], 3);
  EXPECT_EQ((*centrum)["per_1000_inwoners"], 0.13);  // 3 / 22.635
  EXPECT_EQ((*centrum)["open"], 1);
  EXPECT_EQ((*centrum)["binnen_termijn_pct"], 50.0);
  EXPECT_EQ((*centrum)["te_laat"], 1);
  const json* noordwest = Row(b["wijken"], "WK001410");
  ASSERT_NE(noordwest, nullptr);
  EXPECT_EQ((*noordwest)["meldingen"], 1);
  EXPECT_EQ((*noordwest)["per_1000_inwoners"], 0.06);         // 1 / 18.17
  EXPECT_TRUE((*noordwest)["binnen_termijn_pct"].is_null());  // nothing closed yet
  EXPECT_EQ((*noordwest)["te_laat"], 1);
  EXPECT_FALSE(b.contains("buurten"));  // only for chosen wijken

  // ISO weeks 9 to 14 (1 March is a Sunday, 31 March a Tuesday), the empty ones too; the
  // February melding in week 9 is outside the period.
  const json& weeks = b["weken"];
  ASSERT_EQ(weeks.size(), 6u) << weeks.dump();
  EXPECT_EQ(weeks[0]["week"], "2026-W09");
  EXPECT_EQ(weeks[0]["start"], "2026-02-23");
  EXPECT_EQ(weeks[0]["meldingen"], 0);
  EXPECT_EQ(weeks[1]["week"], "2026-W10");
  EXPECT_EQ(weeks[1]["meldingen"], 3);
  EXPECT_EQ(weeks[2]["start"], "2026-03-09");
  EXPECT_EQ(weeks[2]["meldingen"], 1);
  EXPECT_EQ(weeks[5]["week"], "2026-W14");

  // Main categories, most first (a tie keeps code order: afval before dieren).
  const json& mix = b["hoofdcategorieen"];
  ASSERT_EQ(mix.size(), 2u) << mix.dump();
  EXPECT_EQ(mix[0]["code"], "afval");
  EXPECT_EQ(mix[0]["naam"], "Afval");
  EXPECT_EQ(mix[0]["meldingen"], 2);
  EXPECT_EQ(mix[0]["aandeel_pct"], 50.0);
  EXPECT_EQ(mix[1]["code"], "dieren");
  EXPECT_EQ(mix[1]["meldingen"], 2);
}

TEST_F(WijkbeeldRoutesTest, WhoMayReadConfidentialMeldingenSeesThemCounted) {
  ASSERT_NO_FATAL_FAILURE(MakeMarch());
  // The coordinator mensenhandel reads every class of the municipality.
  auto res = Get(coordinator_, "zorgcoordinatie", "van=2026-03-01&tot=2026-03-31");
  ASSERT_EQ(res->status, 200) << res->body;
  const json b = Body(res);
  EXPECT_EQ(b["afgeschermd"], false);
  EXPECT_EQ(b["totaal"]["meldingen"], 5);
  EXPECT_EQ((*Row(b["wijken"], "WK001400"))["meldingen"], 4);
  EXPECT_EQ((*Row(b["hoofdcategorieen"], "overlast-personen"))["meldingen"], 1);
}

TEST_F(WijkbeeldRoutesTest, CategoryAndWijkNarrowTheSelectionAndGiveTheBuurten) {
  ASSERT_NO_FATAL_FAILURE(MakeMarch());
  // A main category code and a sub code both work.
  auto afval = Get(boa_, "melding_afhandelen", "van=2026-03-01&tot=2026-03-31&categorie=afval");
  ASSERT_EQ(afval->status, 200) << afval->body;
  EXPECT_EQ(Body(afval)["totaal"]["meldingen"], 2);
  EXPECT_EQ(Body(afval)["categorieen"], json::array({"afval"}));
  auto poep = Get(boa_, "melding_afhandelen", "van=2026-03-01&tot=2026-03-31&categorie=hondenpoep");
  EXPECT_EQ(Body(poep)["totaal"]["meldingen"], 2);
  EXPECT_EQ(Body(poep)["totaal"]["binnen_termijn_pct"], 100.0);
  // Only the confidential category: nothing to count, and the answer says why.
  auto drugs =
      Get(boa_, "melding_afhandelen", "van=2026-03-01&tot=2026-03-31&categorie=drugsoverlast");
  ASSERT_EQ(drugs->status, 200) << drugs->body;
  EXPECT_EQ(Body(drugs)["totaal"]["meldingen"], 0);
  EXPECT_EQ(Body(drugs)["afgeschermd"], true);

  auto centrum = Get(boa_, "melding_afhandelen", "van=2026-03-01&tot=2026-03-31&wijk=WK001400");
  ASSERT_EQ(centrum->status, 200) << centrum->body;
  const json b = Body(centrum);
  EXPECT_EQ(b["totaal"]["meldingen"], 3);
  ASSERT_EQ(b["wijken"].size(), 1u);
  EXPECT_EQ(b["wijken"][0]["code"], "WK001400");
  ASSERT_TRUE(b.contains("buurten"));
  EXPECT_GT(b["buurten"].size(), 3u);
  int64_t sum = 0;
  for (const json& r : b["buurten"]) {
    EXPECT_EQ(r["wijk"], "WK001400");
    sum += r["meldingen"].get<int64_t>();
  }
  EXPECT_EQ(sum, 3);
  const json* noord = Row(b["buurten"], "BU00140000");
  ASSERT_NE(noord, nullptr);
  EXPECT_EQ((*noord)["naam"], "Binnenstad-Noord");
  EXPECT_EQ((*noord)["meldingen"], 3);
  EXPECT_EQ((*noord)["inwoners"], 4440);
  EXPECT_EQ(b["weken"][1]["meldingen"], 3);
  EXPECT_EQ(b["weken"][2]["meldingen"], 0);  // the week-11 one is in Noordwest
}

TEST_F(WijkbeeldRoutesTest, ResidentsAndStrangersGetNothing) {
  ASSERT_NO_FATAL_FAILURE(MakeMarch());
  auto resident = Get(resident_, "melding_afhandelen", "van=2026-03-01&tot=2026-03-31");
  EXPECT_EQ(resident->status, 403) << resident->body;
  EXPECT_EQ(resident->body.find("\"meldingen\""), std::string::npos);
  auto stranger = client_->Get("/api/v1/wijkbeeld?van=2026-03-01&tot=2026-03-31");
  EXPECT_EQ(stranger->status, 401);
}

TEST_F(WijkbeeldRoutesTest, BadParametersAre400NamingTheParameterInDutch) {
  for (const auto& [query, field, words] :
       std::vector<std::tuple<std::string, std::string, std::string>>{
           {"van=2026-02-30&tot=2026-03-31", "van", "dag 30 bestaat niet"},
           {"van=2026-03-01&tot=morgen", "tot", "tot"},
           {"van=2026-03-10&tot=2026-03-01", "tot",
            "De einddatum (tot) ligt vóór de begindatum (van)"},
           {"van=2022-01-01&tot=2025-01-01", "tot", "hooguit drie jaar"},
           {"categorie=bestaat-niet", "categorie", "Onbekende categorie 'bestaat-niet'"},
           {"wijk=WK009999", "wijk", "Onbekende wijk 'WK009999'"},
           {"wijk=BU00140000", "wijk", "Onbekende wijk"}}) {
    auto res = Get(boa_, "melding_afhandelen", query);
    ASSERT_EQ(res->status, 400) << query << " " << res->body;
    EXPECT_EQ(res->get_header_value("Content-Type"), "application/problem+json") << query;
    const json problem = Body(res);
    EXPECT_EQ(problem["invalid-params"][0]["name"], field) << res->body;
    EXPECT_NE(problem["invalid-params"][0]["reason"].get<std::string>().find(words),
              std::string::npos)
        << res->body;
  }
  // Exactly three years is allowed.
  EXPECT_EQ(Get(boa_, "melding_afhandelen", "van=2023-01-01&tot=2025-12-31")->status, 200);
}

}  // namespace
}  // namespace baken::api::testing
