// Hot spot analysis over HTTP as an analyst meets it: a GeoJSON grid of the municipality with
// risk, counts and Gi* classes, counts per wijk, a backtest beside the naive baseline; nothing in
// it that could carry text or a person; other roles 403; bad parameters 400 naming the parameter.
#include <chrono>
#include <cmath>
#include <iostream>
#include <set>

#include "api_test_env.h"
#include "baken/base/time_zone.h"

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

  // `when`: the tijdstip (RFC 3339), empty for now.
  void Report(const std::string& category, double lon, double lat, const std::string& text,
              const std::string& when = "") {
    json form = {{"tekst", text},
                 {"categorie", category},
                 {"melder", {{"naam", "Jan Jansen"}, {"email", "melder@example.nl"}}},
                 {"locatie", {{"type", "Point"}, {"coordinates", {lon, lat}}}}};
    if (!when.empty()) form["tijdstip"] = when;
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
const std::set<std::string> kCellProperties = {
    "cel", "risico", "aantal", "gi_z", "klasse", "moran_i", "moran_p", "moran_q", "moran_klasse"};
// The LISA classes, the one property that is text.
const std::set<std::string> kLisaClasses = {"HH", "LL", "HL", "LH", "niet significant"};

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
  ASSERT_TRUE(res) << httplib::to_string(res.error());
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
      if (key == "moran_klasse") {
        EXPECT_TRUE(kLisaClasses.count(value.get<std::string>())) << value;
      } else {
        EXPECT_TRUE(value.is_number()) << key;
      }
    }
    EXPECT_EQ(f["properties"].size(), kCellProperties.size());
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

// A block of 3 x 3 cells of 100 m around the Grote Markt with four meldingen each, among thousands
// of empty cells: Local Moran's I calls its centre a high-high cluster after Benjamini-Hochberg,
// while a single busy cell elsewhere is at most an outlier (HL), never HH.
TEST_F(AnalysisRoutesTest, APlantedClusterIsHighHighInLocalMoran) {
  // 100 m is about 0.0015 degrees east and 0.0009 north here.
  for (int dx = -1; dx <= 1; ++dx) {
    for (int dy = -1; dy <= 1; ++dy) {
      for (int k = 0; k < 4; ++k) {
        ASSERT_NO_FATAL_FAILURE(
            Report("hondenpoep", 6.5666 + dx * 0.0015, 53.2191 + dy * 0.0009, "Hondenpoep"));
      }
    }
  }
  for (int k = 0; k < 4; ++k) {
    ASSERT_NO_FATAL_FAILURE(Report("afvalbak", 6.5390, 53.2380, "Afvalbak vol"));
  }
  auto res = Get(analist_, "/api/v1/analyse/hotspots?model=naive&cel=100");
  ASSERT_EQ(res->status, 200) << res->body;
  const json fc = Body(res);
  EXPECT_EQ(fc["properties"]["moran_permutaties"], 999);
  int hh = 0;
  for (const json& f : fc["features"]) {
    const json& p = f["properties"];
    const double lon = f["geometry"]["coordinates"][0][0][0];
    const double lat = f["geometry"]["coordinates"][0][0][1];
    const bool in_block = std::abs(lon - 6.5666) < 0.004 && std::abs(lat - 53.2191) < 0.0025;
    if (p["moran_klasse"] == "HH") {
      ++hh;
      EXPECT_TRUE(in_block) << f.dump();
      EXPECT_LT(p["moran_q"].get<double>(), 0.05);
      EXPECT_GT(p["moran_i"].get<double>(), 0);
    }
    if (!in_block && p["aantal"] == 4) {
      EXPECT_NE(p["moran_klasse"], "HH") << f.dump();  // Paddepoel: busy but alone
    }
  }
  EXPECT_GE(hh, 1);
}

TEST_F(AnalysisRoutesTest, PatternsPerHourOfWeekMonthAndWijkTrend) {
  // This week (Mon 14 - Sun 20 September): seven on Saturday night at the Grote Markt, one on
  // Tuesday morning in Paddepoel. The week before: two in Paddepoel. Plus a confidential one.
  for (int i = 0; i < 7; ++i) {
    ASSERT_NO_FATAL_FAILURE(Report("hondenpoep", 6.5666, 53.2191, "Hondenpoep bij Piet Geheim",
                                   "2026-09-19T23:30:00+02:00"));
  }
  ASSERT_NO_FATAL_FAILURE(
      Report("afvalbak", 6.5390, 53.2380, "Afvalbak vol", "2026-09-15T08:10:00+02:00"));
  for (int i = 0; i < 2; ++i) {
    ASSERT_NO_FATAL_FAILURE(
        Report("afvalbak", 6.5390, 53.2380, "Afvalbak vol", "2026-09-08T10:00:00+02:00"));
  }
  ASSERT_NO_FATAL_FAILURE(Report("drugsoverlast", 6.5666, 53.2191, "Dealen bij Piet Geheim",
                                 "2026-09-19T23:00:00+02:00"));

  auto res =
      Get(gebiedsmanager_, "/api/v1/analyse/patronen?van=2026-09-14&tot=2026-09-20&niveau=wijk");
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(res->body.find("Piet"), std::string::npos);
  const json body = Body(res);
  EXPECT_EQ(body["meldingen"], 8);  // the confidential one stays out
  EXPECT_EQ(body["vorige_van"], "2026-09-07");
  EXPECT_EQ(body["vorige_tot"], "2026-09-13");
  const json& hours = body["uur_van_week"]["aantal"];
  ASSERT_EQ(hours.size(), 168u);
  EXPECT_EQ(hours[5 * 24 + 23], 7);  // Saturday 23h local time (21:30 UTC)
  EXPECT_EQ(hours[1 * 24 + 8], 1);   // Tuesday 08h
  int64_t sum = 0;
  for (const json& h : hours) sum += h.get<int64_t>();
  EXPECT_EQ(sum, 8);
  EXPECT_EQ(body["uur_van_week"]["dagen"][0], "ma");
  // September: 8 in 7 of its 30 days; the only month covered, so its index is 1.
  const json& sep = body["maanden"][8];
  EXPECT_EQ(sep["naam"], "sep");
  EXPECT_EQ(sep["aantal"], 8);
  EXPECT_NEAR(sep["blootstelling"].get<double>(), 7.0 / 30, 1e-4);
  EXPECT_NEAR(sep["index"].get<double>(), 1.0, 1e-9);
  EXPECT_EQ(body["maanden"][0]["index"], 0);

  // Trend: Centrum 7 against 0, p = 2 / 2^7; Paddepoel's wijk 1 against 2, p = 1. BH over these
  // two: q = 2 * 0.015625 = 0.03125 < 0.05, so Centrum rises.
  const json& trend = body["trend"];
  ASSERT_GT(trend.size(), 5u);  // every wijk of Groningen has a row
  const json& centrum = trend[0];
  EXPECT_EQ(centrum["code"], "WK001400");
  EXPECT_EQ(centrum["naam"], "Centrum");
  EXPECT_EQ(centrum["aantal"], 7);
  EXPECT_EQ(centrum["vorige"], 0);
  EXPECT_TRUE(centrum["verandering_pct"].is_null());
  EXPECT_DOUBLE_EQ(centrum["p"].get<double>(), 0.015625);
  EXPECT_DOUBLE_EQ(centrum["q"].get<double>(), 0.03125);
  EXPECT_EQ(centrum["klasse"], "stijging");
  int paddepoel = 0, quiet = 0;
  for (const json& row : trend) {
    if (row["vorige"] == 2) {
      ++paddepoel;
      EXPECT_EQ(row["aantal"], 1);
      EXPECT_DOUBLE_EQ(row["verandering_pct"].get<double>(), -50.0);
      EXPECT_DOUBLE_EQ(row["p"].get<double>(), 1.0);
      EXPECT_EQ(row["klasse"], "geen significante verandering");
    } else if (row["aantal"] == 0 && row["vorige"] == 0) {
      ++quiet;
      EXPECT_EQ(row["klasse"], "geen significante verandering");
    }
  }
  EXPECT_EQ(paddepoel, 1);
  EXPECT_EQ(quiet, static_cast<int>(trend.size()) - 2);

  // Per buurt: buurt codes, and the same eight.
  auto buurten =
      Get(analist_, "/api/v1/analyse/patronen?van=2026-09-14&tot=2026-09-20&niveau=buurt");
  ASSERT_EQ(buurten->status, 200) << buurten->body;
  EXPECT_EQ(Body(buurten)["trend"][0]["code"].get<std::string>().substr(0, 2), "BU");
  EXPECT_EQ(Body(buurten)["trend"][0]["aantal"], 7);
  // A category filter: only the afvalbak ones.
  auto afval =
      Get(analist_, "/api/v1/analyse/patronen?van=2026-09-14&tot=2026-09-20&categorie=afvalbak");
  ASSERT_EQ(afval->status, 200) << afval->body;
  EXPECT_EQ(Body(afval)["meldingen"], 1);
}

TEST_F(AnalysisRoutesTest, PatternsAreForAnalystsOnlyAndNameABadDate) {
  EXPECT_EQ(Get(toezichthouder_, "/api/v1/analyse/patronen")->status, 403);
  EXPECT_EQ(Get(riec_, "/api/v1/analyse/patronen")->status, 403);
  EXPECT_EQ(client_->Get("/api/v1/analyse/patronen")->status, 401);
  for (const auto& [query, field] :
       std::vector<std::pair<std::string, std::string>>{{"van=2026-02-30", "van"},
                                                        {"tot=morgen", "tot"},
                                                        {"niveau=provincie", "niveau"},
                                                        {"categorie=bestaat-niet", "categorie"}}) {
    auto res = Get(analist_, "/api/v1/analyse/patronen?" + query);
    ASSERT_EQ(res->status, 400) << query << " " << res->body;
    EXPECT_EQ(res->get_header_value("Content-Type"), "application/problem+json") << query;
    const json problem = Body(res);
    EXPECT_EQ(problem["invalid-params"][0]["name"], field) << res->body;
    if (field == "van") {
      // Dutch, naming the field and what is wrong with the date.
      EXPECT_NE(problem["invalid-params"][0]["reason"].get<std::string>().find(
                    "Ongeldige waarde voor 'van': dag 30 bestaat niet in die maand"),
                std::string::npos)
          << res->body;
    }
  }
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

// A hot spot map takes seconds to compute. The same question again answers from the cache in
// well under a second and says when its picture was computed; a new melding shows after at most
// the ten minutes the answer promises, not on every request; without new meldings the picture
// stays.
TEST_F(AnalysisRoutesTest, HotspotsAnswerFromCacheAndSayHowOldThePictureIs) {
  for (int i = 0; i < 8; ++i) {
    ASSERT_NO_FATAL_FAILURE(Report("hondenpoep", 6.5666, 53.2191, "Hondenpoep"));
  }
  const std::string path = "/api/v1/analyse/hotspots?model=kde&cel=100";
  double first_s = 0, second_s = 0, ignored = 0;
  auto timed = [&](double& seconds) {
    const auto t0 = std::chrono::steady_clock::now();
    auto res = Get(analist_, path);
    seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return res;
  };
  auto first = timed(first_s);
  ASSERT_EQ(first->status, 200) << first->body;
  EXPECT_EQ(Body(first)["properties"]["berekend_op"], FormatRfc3339(kNoon));
  EXPECT_EQ(Body(first)["properties"]["ververst_na_minuten"], 10);
  EXPECT_EQ(first->get_header_value("Age"), "0");

  clock_.Advance(std::chrono::minutes(2));
  auto second = timed(second_s);
  ASSERT_EQ(second->status, 200);
  EXPECT_LT(second_s, 1.0) << "eerste keer " << first_s << " s";
  EXPECT_EQ(second->body, first->body);
  EXPECT_EQ(second->get_header_value("Age"), "120");
  EXPECT_EQ(second->get_header_value("Content-Type"), "application/geo+json");
  std::cout << "hotspots: eerste keer " << first_s << " s, uit de cache " << second_s << " s\n";

  // A new melding: the picture of two minutes ago still answers ...
  ASSERT_NO_FATAL_FAILURE(Report("hondenpoep", 6.5666, 53.2191, "Hondenpoep"));
  auto third = timed(ignored);
  EXPECT_EQ(Body(third)["properties"]["meldingen"], 8);
  // ... until it is ten minutes old: then it is computed again, with the new one.
  clock_.Advance(std::chrono::minutes(8));
  auto fourth = timed(ignored);
  EXPECT_EQ(Body(fourth)["properties"]["meldingen"], 9);
  EXPECT_EQ(Body(fourth)["properties"]["berekend_op"],
            FormatRfc3339(kNoon + std::chrono::minutes(10)));
  // Nothing new: an hour later the same picture, and it says how old it is.
  clock_.Advance(std::chrono::hours(1));
  auto fifth = timed(ignored);
  EXPECT_EQ(fifth->body, fourth->body);
  EXPECT_EQ(fifth->get_header_value("Age"), "3600");
  // Another question (other cell size) is its own answer.
  auto other = Get(analist_, "/api/v1/analyse/hotspots?model=kde&cel=250");
  EXPECT_EQ(Body(other)["properties"]["cel_m"], 250);
  EXPECT_EQ(Body(other)["properties"]["meldingen"], 9);
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
