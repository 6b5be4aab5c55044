// `baken backtest` and `baken hotspots` as an analyst runs them, on the real Chicago events
// (shared/data/events): district 11, 150 m cells, daily predictions over 2019, 365 days of history.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "run_process.h"

namespace baken {
namespace {

using testing::RunProcess;

const std::string kEvents =
    std::string(BAKEN_SHARED_DIR) + "/data/events/chicago-aggravated-assaults-2010-2019.csv.gz";
const std::vector<std::string> kCommon = {
    "--events", kEvents,
    "--map",    "time=date,lon=longitude,lat=latitude,category=loc_cat",
    "--tz",     "America/Chicago",
    "--filter", "district=11",
    "--cell",   "150"};

std::vector<std::string> Args(std::string command, std::vector<std::string> extra) {
  std::vector<std::string> args = {std::move(command)};
  args.insert(args.end(), kCommon.begin(), kCommon.end());
  args.insert(args.end(), extra.begin(), extra.end());
  return args;
}

TEST(AnalysisCliTest, BacktestDistrict11Of2019) {
  auto r = RunProcess(
      BAKEN_BINARY,
      Args("backtest", {"--train-days", "365", "--from", "2019-01-01", "--to", "2019-12-31",
                        "--window", "1d", "--models", "naive,kde,prospective,seppexp,blend",
                        "--coverage", "1,5,10,20", "--format", "json"}));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["predictions"], 365);
  EXPECT_EQ(j["epsg"], 32616);
  // Every district-11 event dated 2019 on the Chicago clock is in one of the 365 windows (1,390
  // rows in the file); none falls outside the grid of the events' bounding box.
  EXPECT_EQ(j["scored_events"].get<int>() + j["unscored_events"].get<int>(), 1390);
  ASSERT_EQ(j["models"].size(), 5u);
  EXPECT_EQ(j["models"][0]["model"], "naive");
  for (const auto& m : j["models"]) {
    SCOPED_TRACE(m["model"].get<std::string>());
    ASSERT_EQ(m["coverage"].size(), 4u);
    double last = 0;
    for (const auto& c : m["coverage"]) {
      EXPECT_GE(c["hit_rate"].get<double>(), last);  // more cells never catch fewer events
      last = c["hit_rate"];
      // Assaults cluster: every model beats flagging cells at random, but none is magic.
      EXPECT_GT(c["pai"].get<double>(), 1.0) << c.dump();
      EXPECT_LT(c["pai"].get<double>(), 30.0) << c.dump();
    }
  }
  // The naive baseline at 1 % coverage on real data: clearly above 1.
  EXPECT_GT(j["models"][0]["coverage"][0]["pai"].get<double>(), 2.0);
}

TEST(AnalysisCliTest, HotspotsGeoJsonInWgs84WithGiClasses) {
  auto r = RunProcess(BAKEN_BINARY, Args("hotspots", {"--model", "kde", "--from", "2019-01-01",
                                                      "--to", "2019-12-31"}));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto fc = nlohmann::json::parse(r.out);
  ASSERT_GT(fc["features"].size(), 50u);
  int hot99 = 0, events = 0;
  for (const auto& f : fc["features"]) {
    const auto& p = f["properties"];
    hot99 += p["gi_klasse"] == 3 ? 1 : 0;
    events += p["aantal"].get<int>();
    const auto& sw = f["geometry"]["coordinates"][0][0];
    EXPECT_NEAR(sw[0].get<double>(), -87.72, 0.1);  // district 11, West Side
    EXPECT_NEAR(sw[1].get<double>(), 41.88, 0.1);
  }
  EXPECT_EQ(events, 1390);
  EXPECT_GT(hot99, 0);
}

TEST(AnalysisCliTest, AMappingToAMissingColumnIsNamed) {
  auto r = RunProcess(BAKEN_BINARY, {"backtest", "--events", kEvents, "--map",
                                     "time=datum,lon=longitude,lat=latitude", "--from",
                                     "2019-01-01", "--to", "2019-01-31"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("kolom 'datum' staat niet in de kopregel"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace baken
