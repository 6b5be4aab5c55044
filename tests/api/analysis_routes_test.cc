// Hot spot analysis over HTTP as an analyst meets it: a GeoJSON grid of the municipality with
// risk, counts and Gi* classes, counts per wijk, a backtest beside the naive baseline; nothing in
// it that could carry text or a person; other roles 403; bad parameters 400 naming the parameter.
#include <set>

#include "api_test_env.h"

namespace baken::api::testing {
namespace {

using nlohmann::json;
using security::Role;

class AnalysisRoutesTest : public ApiTestEnv {
 protected:
  void SetUp() override {
    ApiTestEnv::SetUp();
    ASSERT_NO_FATAL_FAILURE(LoadGroningenAreas());
    StartServer();
    analist_ = MakeUser("analist", Role::kAnalist, {});
    gebiedsmanager_ = MakeUser("gm", Role::kGebiedsmanager, {"centrum"});
    toezichthouder_ = MakeUser("toezicht", Role::kToezichthouder, {"toezicht"});
    riec_ = MakeUser("riec", Role::kRiec, {"riec"});
  }

  void Report(const std::string& category, double lon, double lat, const std::string& text) {
    json form = {{"tekst", text},
                 {"categorie", category},
                 {"melder", {{"naam", "Jan Jansen"}, {"email", "melder@example.nl"}}},
                 {"locatie", {{"type", "Point"}, {"coordinates", {lon, lat}}}}};
    auto res = client_->Post("/api/v1/publiek/meldingen", form.dump(), "application/json");
    ASSERT_EQ(res->status, 201) << res->body;
  }

  httplib::Result Get(const security::User& u, const std::string& path) {
    httplib::Headers h = CookieHeaders(SessionFor(u));
    h.emplace("X-Baken-Doel", "analyse");
    return client_->Get(path, h);
  }

  security::User analist_, gebiedsmanager_, toezichthouder_, riec_;
};

// Every property name a hot spot cell may carry: counts and statistics, nothing free-form.
const std::set<std::string> kCellProperties = {"cel", "risico", "aantal", "gi_z", "klasse"};

TEST_F(AnalysisRoutesTest, AnalystGetsHotspotCellsWithoutTextOrPersons) {
  // Eight at the Grote Markt, one in Paddepoel, one of a confidential category.
  for (int i = 0; i < 8; ++i) {
    ASSERT_NO_FATAL_FAILURE(
        Report("hondenpoep", 6.5666, 53.2191, "Hondenpoep bij de deur van Piet Geheim"));
  }
  ASSERT_NO_FATAL_FAILURE(Report("afvalbak", 6.5390, 53.2380, "Afvalbak vol bij Piet Geheim"));
  ASSERT_NO_FATAL_FAILURE(
      Report("drugsoverlast", 6.5666, 53.2191, "Dealen in het portiek van Piet Geheim"));

  auto res = Get(analist_, "/api/v1/analyse/hotspots?model=kde&cel=100");
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(res->get_header_value("Content-Type"), "application/geo+json");
  EXPECT_EQ(res->body.find("Piet"), std::string::npos);
  EXPECT_EQ(res->body.find("melder@example.nl"), std::string::npos);
  EXPECT_EQ(res->body.find("M-2026"), std::string::npos);
  const json fc = Body(res);
  EXPECT_EQ(fc["type"], "FeatureCollection");
  ASSERT_FALSE(fc["features"].empty());
  EXPECT_EQ(fc["properties"]["meldingen"], 9);  // the confidential one stays out
  EXPECT_EQ(fc["properties"]["tot"], "2026-09-21");
  EXPECT_GT(fc["properties"]["studiecellen"].get<int>(), 5000);  // the buurten at 100 m
  int64_t total = 0, top = 0, hottest_class = 0;
  for (const json& f : fc["features"]) {
    EXPECT_EQ(f["geometry"]["type"], "Polygon");
    const double lon = f["geometry"]["coordinates"][0][0][0],
                 lat = f["geometry"]["coordinates"][0][0][1];
    EXPECT_NEAR(lon, 6.56, 0.2);  // WGS84, not RD metres
    EXPECT_NEAR(lat, 53.22, 0.1);
    for (const auto& [key, value] : f["properties"].items()) {
      EXPECT_TRUE(kCellProperties.count(key)) << key;
      EXPECT_TRUE(value.is_number()) << key;
    }
    const int64_t n = f["properties"]["aantal"];
    total += n;
    if (n > top) {
      top = n;
      hottest_class = f["properties"]["klasse"];
    }
  }
  EXPECT_EQ(total, 9);
  EXPECT_EQ(top, 8);
  EXPECT_EQ(hottest_class, 3);  // eight in one cell among thousands of empty ones

  // The naive baseline over the same period, for beside the chosen model.
  auto naive =
      Get(gebiedsmanager_, "/api/v1/analyse/hotspots?model=naive&cel=250&categorie=dieren");
  ASSERT_EQ(naive->status, 200) << naive->body;
  EXPECT_EQ(Body(naive)["properties"]["meldingen"], 8);
  EXPECT_EQ(Body(naive)["properties"]["model"], "naive");
}

TEST_F(AnalysisRoutesTest, CountsPerWijkAndPerThousandInhabitants) {
  for (int i = 0; i < 3; ++i) {
    ASSERT_NO_FATAL_FAILURE(Report("hondenpoep", 6.5666, 53.2191, "Hondenpoep"));
  }
  auto res = Get(analist_, "/api/v1/analyse/gebieden?niveau=wijk&van=2026-01-01&tot=2026-12-31");
  ASSERT_EQ(res->status, 200) << res->body;
  const json body = Body(res);
  EXPECT_EQ(body["meldingen"], 3);
  const json& first = body["gebieden"][0];
  EXPECT_EQ(first["code"], "WK001400");  // Centrum, most meldingen first
  EXPECT_EQ(first["aantal"], 3);
  ASSERT_TRUE(first["inwoners"].is_number());
  EXPECT_NEAR(first["per_1000_inwoners"].get<double>(), 3000.0 / first["inwoners"].get<double>(),
              0.01);
  EXPECT_GT(body["gebieden"].size(), 5u);
  auto buurten = Get(analist_, "/api/v1/analyse/gebieden?niveau=buurt");
  ASSERT_EQ(buurten->status, 200);
  EXPECT_EQ(Body(buurten)["gebieden"][0]["code"].get<std::string>().substr(0, 2), "BU");
}

TEST_F(AnalysisRoutesTest, BacktestShowsNaiveFirst) {
  ASSERT_NO_FATAL_FAILURE(Report("hondenpoep", 6.5666, 53.2191, "Hondenpoep"));
  auto res =
      Get(analist_, "/api/v1/analyse/backtest?model=kde&cel=250&van=2026-09-14&tot=2026-09-21");
  ASSERT_EQ(res->status, 200) << res->body;
  const json body = Body(res);
  ASSERT_EQ(body["modellen"].size(), 2u);
  EXPECT_EQ(body["modellen"][0]["model"], "naive");
  EXPECT_EQ(body["modellen"][1]["model"], "kde");
  EXPECT_EQ(body["voorspellingen"], 8);
  EXPECT_EQ(body["modellen"][0]["dekkingen"].size(), 4u);
  auto long_one = Get(analist_, "/api/v1/analyse/backtest?van=2026-01-01&tot=2026-09-21");
  EXPECT_EQ(long_one->status, 400);
  EXPECT_EQ(Body(long_one)["invalid-params"][0]["name"], "van");
}

TEST_F(AnalysisRoutesTest, OtherRolesAreRefused) {
  EXPECT_EQ(Get(toezichthouder_, "/api/v1/analyse/hotspots")->status, 403);
  EXPECT_EQ(Get(riec_, "/api/v1/analyse/hotspots")->status, 403);
  EXPECT_EQ(client_->Get("/api/v1/analyse/hotspots")->status, 401);
}

TEST_F(AnalysisRoutesTest, BadParametersAre400NamingTheParameter) {
  for (const auto& [query, field] :
       std::vector<std::pair<std::string, std::string>>{{"cel=20", "cel"},
                                                        {"cel=abc", "cel"},
                                                        {"cel=600", "cel"},
                                                        {"model=magie", "model"},
                                                        {"van=2026-13-01", "van"},
                                                        {"tot=gisteren", "tot"},
                                                        {"van=2026-09-10&tot=2026-09-01", "tot"},
                                                        {"categorie=bestaat-niet", "categorie"}}) {
    auto res = Get(analist_, "/api/v1/analyse/hotspots?" + query);
    ASSERT_EQ(res->status, 400) << query << " " << res->body;
    EXPECT_EQ(res->get_header_value("Content-Type"), "application/problem+json") << query;
    EXPECT_EQ(Body(res)["invalid-params"][0]["name"], field) << query << " " << res->body;
  }
  auto res = Get(analist_, "/api/v1/analyse/gebieden?niveau=provincie");
  EXPECT_EQ(res->status, 400);
  EXPECT_EQ(Body(res)["invalid-params"][0]["name"], "niveau");
}

}  // namespace
}  // namespace baken::api::testing
