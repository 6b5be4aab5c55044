// `baken backtest`, `baken hotspots` and `baken patterns` as an analyst runs them: on the real
// Chicago events (shared/data/events: district 11, 150 m cells, daily predictions over 2019, 365
// days of history), clipped to a study region written here, on small event files with numbers
// worked out by hand, and on a SQLite database with Groningen's areas and a demo year.
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

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

// A folder for the files of one test, removed afterwards.
class TempDir {
 public:
  explicit TempDir(const std::string& name)
      : path_(std::filesystem::temp_directory_path() /
              ("baken_analysis_cli_" + name + "_" + std::to_string(getpid()))) {
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  std::string Write(const std::string& name, const std::string& text) const {
    const std::string file = (path_ / name).string();
    std::ofstream(file) << text;
    return file;
  }
  std::string File(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

// A box in district 11 (lon -87.73..-87.71, lat 41.87..41.89), as an analyst draws a study region.
constexpr double kWest = -87.73, kEast = -87.71, kSouth = 41.87, kNorth = 41.89;

std::string BoxGeoJson() {
  std::ostringstream g;
  g.precision(10);
  g << R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{"naam":"vak"},)"
    << R"("geometry":{"type":"Polygon","coordinates":[[[)" << kWest << "," << kSouth << "],["
    << kEast << "," << kSouth << "],[" << kEast << "," << kNorth << "],[" << kWest << "," << kNorth
    << "],[" << kWest << "," << kSouth << "]]]}}]}";
  return g.str();
}

TEST(AnalysisCliTest, HotspotsWithARegionLeaveOutCellsOutsideIt) {
  TempDir dir("region");
  const std::string region = dir.Write("vak.geojson", BoxGeoJson());
  auto whole = RunProcess(BAKEN_BINARY, Args("hotspots", {"--model", "naive", "--from",
                                                          "2019-01-01", "--to", "2019-12-31"}));
  ASSERT_EQ(whole.exit_code, 0) << whole.err;
  auto r = RunProcess(BAKEN_BINARY, Args("hotspots", {"--model", "naive", "--from", "2019-01-01",
                                                      "--to", "2019-12-31", "--region", region}));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto fc = nlohmann::json::parse(r.out);
  ASSERT_GT(fc["features"].size(), 5u);
  EXPECT_LT(fc["features"].size(), nlohmann::json::parse(whole.out)["features"].size());
  for (const auto& f : fc["features"]) {
    // A study cell has its centre inside the region.
    double lon = 0, lat = 0;
    const auto& ring = f["geometry"]["coordinates"][0];
    for (size_t k = 0; k < 4; ++k) {
      lon += ring[k][0].get<double>() / 4;
      lat += ring[k][1].get<double>() / 4;
    }
    EXPECT_GT(lon, kWest - 1e-4) << f.dump();
    EXPECT_LT(lon, kEast + 1e-4) << f.dump();
    EXPECT_GT(lat, kSouth - 1e-4) << f.dump();
    EXPECT_LT(lat, kNorth + 1e-4) << f.dump();
  }
}

TEST(AnalysisCliTest, BacktestWithARegionScoresOnlyItsCells) {
  TempDir dir("region_bt");
  const std::string region = dir.Write("vak.geojson", BoxGeoJson());
  const std::vector<std::string> period = {"--from",   "2019-06-01", "--to",     "2019-06-30",
                                           "--models", "naive",      "--format", "json"};
  auto whole = RunProcess(BAKEN_BINARY, Args("backtest", period));
  ASSERT_EQ(whole.exit_code, 0) << whole.err;
  std::vector<std::string> clipped = period;
  clipped.insert(clipped.end(), {"--region", region});
  auto r = RunProcess(BAKEN_BINARY, Args("backtest", clipped));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto a = nlohmann::json::parse(whole.out), b = nlohmann::json::parse(r.out);
  EXPECT_EQ(b["predictions"], 30);
  // 0.02 x 0.02 degrees is about 1.66 x 2.2 km: some 160 cells of 150 m, fewer than the box of
  // the whole district; the events of June outside the region are counted as unscored.
  EXPECT_GT(b["study_cells"].get<int>(), 100);
  EXPECT_LT(b["study_cells"].get<int>(), a["study_cells"].get<int>());
  EXPECT_EQ(b["scored_events"].get<int>() + b["unscored_events"].get<int>(),
            a["scored_events"].get<int>() + a["unscored_events"].get<int>());
  EXPECT_GT(b["unscored_events"].get<int>(), 0);
}

// One row of a CSV without quoted fields, split on commas.
std::vector<std::string> Fields(const std::string& line) {
  std::vector<std::string> out;
  std::stringstream in(line);
  for (std::string f; std::getline(in, f, ',');) out.push_back(f);
  return out;
}

// A 2 x 2 km square of 100 m cells in RD with a little background in most cells and a block of
// 3 x 3 cells with twelve events more each: Local Moran's I marks the block HH (after BH over
// the 400 cells). A busy background cell right next to the block may be HH too (high among
// high neighbours); nothing further away is.
TEST(AnalysisCliTest, HotspotsMarkAPlantedClusterHighHighInLocalMoran) {
  TempDir dir("cluster");
  std::ostringstream csv;
  csv << "tijd,x,y\n";
  int n = 0;
  for (int ix = 0; ix < 20; ++ix) {
    for (int iy = 0; iy < 20; ++iy) {
      int count = (ix * 7 + iy * 3) % 3;
      if (ix >= 8 && ix <= 10 && iy >= 8 && iy <= 10) count += 12;
      for (int k = 0; k < count; ++k, ++n) {
        csv << "2025-" << (n % 12 < 9 ? "0" : "") << (n % 12 + 1) << "-1" << (k % 9) << " 1"
            << (k % 10) << ":00," << 233050 + ix * 100 + k << "," << 581050 + iy * 100 - k << "\n";
      }
    }
  }
  const std::string events = dir.Write("events.csv", csv.str());
  auto r = RunProcess(BAKEN_BINARY, {"hotspots", "--events", events, "--map", "time=tijd,x=x,y=y",
                                     "--cell", "100", "--model", "naive", "--from", "2025-01-01",
                                     "--to", "2025-12-31", "--format", "csv"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::stringstream out(r.out);
  std::string line;
  std::getline(out, line);
  EXPECT_EQ(line,
            "cel,x,y,lon,lat,risico,aantal,gi_z,gi_klasse,moran_i,moran_p,moran_q,moran_klasse");
  int hh = 0, rows = 0, total = 0;
  bool centre_hh = false;
  while (std::getline(out, line)) {
    const std::vector<std::string> f = Fields(line);
    ASSERT_EQ(f.size(), 13u) << line;
    ++rows;
    total += std::stoi(f[6]);
    const int ix = static_cast<int>((std::stod(f[1]) - 233000) / 100);
    const int iy = static_cast<int>((std::stod(f[2]) - 581000) / 100);
    const bool in_block = ix >= 8 && ix <= 10 && iy >= 8 && iy <= 10;
    const bool near_block = ix >= 7 && ix <= 11 && iy >= 7 && iy <= 11;
    if (f[12] == "HH") {
      hh += in_block ? 1 : 0;
      EXPECT_TRUE(near_block) << line;
      EXPECT_LT(std::stod(f[11]), 0.05) << line;
      if (ix == 9 && iy == 9) centre_hh = true;
    }
  }
  EXPECT_EQ(total, n);
  EXPECT_TRUE(centre_hh);
  EXPECT_GE(hh, 5);      // of the nine block cells
  EXPECT_GT(rows, 250);  // the cells with events (two columns in three) and the block
}

// Hand-made meldingen in four Groningen buurten (three wijken), June 2025 against the 30 days
// before it (2 - 31 May).
std::string PatternEvents() {
  std::ostringstream csv;
  csv << "tijd,x,y,soort,buurt\n";
  auto add = [&](const std::string& when, const std::string& buurt, int n) {
    for (int i = 0; i < n; ++i) csv << when << ",233500,582500,overlast," << buurt << "\n";
  };
  add("2025-06-06 22:15", "BU00140000", 10);  // Friday 22h; WK001400: 10 against 0
  add("2025-06-02 09:00", "BU00140101", 3);   // Monday 09h; WK001401: 3 against 7
  add("2025-05-20 12:00", "BU00140102", 7);
  add("2025-05-10 12:00", "BU00140500", 12);  // WK001405: 0 against 12
  add("2025-05-01 12:00", "BU00140500", 5);   // before both periods
  add("2025-07-01 00:00", "BU00140000", 5);   // after
  return csv.str();
}

const std::vector<std::string> kPatternMap = {
    "--map",     "time=tijd,x=x,y=y,category=soort,area=buurt", "--from", "2025-06-01", "--to",
    "2025-06-30"};

std::vector<std::string> PatternArgs(const std::string& events, std::vector<std::string> extra) {
  std::vector<std::string> args = {"patterns", "--events", events};
  args.insert(args.end(), kPatternMap.begin(), kPatternMap.end());
  args.insert(args.end(), extra.begin(), extra.end());
  return args;
}

TEST(AnalysisCliTest, PatternsJsonByHand) {
  TempDir dir("patterns");
  const std::string events = dir.Write("events.csv", PatternEvents());
  auto r = RunProcess(BAKEN_BINARY, PatternArgs(events, {"--format", "json"}));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["meldingen"], 13);
  EXPECT_EQ(j["vorige_van"], "2025-05-02");
  EXPECT_EQ(j["vorige_tot"], "2025-05-31");
  EXPECT_EQ(j["uur_van_week"]["aantal"][4 * 24 + 22], 10);
  EXPECT_EQ(j["uur_van_week"]["aantal"][9], 3);
  EXPECT_NEAR(j["uur_van_week"]["aandeel"][9].get<double>(), 3.0 / 13, 1e-6);
  EXPECT_EQ(j["maanden"][5]["aantal"], 13);
  EXPECT_NEAR(j["maanden"][5]["index"].get<double>(), 1.0, 1e-9);
  // Three wijken tested; p = 2/2^12, 2/2^10 and 2 (1 + 10 + 45 + 120) / 2^10; BH q = p * 3 / rank.
  const auto& t = j["trend"];
  ASSERT_EQ(t.size(), 3u);
  std::map<std::string, nlohmann::json> by_code;
  for (const auto& row : t) by_code[row["code"]] = row;
  EXPECT_EQ(t[0]["code"], "WK001400");  // busiest first
  EXPECT_EQ(by_code["WK001400"]["aantal"], 10);
  EXPECT_EQ(by_code["WK001400"]["vorige"], 0);
  EXPECT_TRUE(by_code["WK001400"]["verandering_pct"].is_null());
  EXPECT_DOUBLE_EQ(by_code["WK001400"]["p"].get<double>(), 2.0 / 1024);
  EXPECT_DOUBLE_EQ(by_code["WK001400"]["q"].get<double>(), 3.0 / 1024);
  EXPECT_EQ(by_code["WK001400"]["klasse"], "stijging");
  EXPECT_EQ(by_code["WK001401"]["aantal"], 3);
  EXPECT_EQ(by_code["WK001401"]["vorige"], 7);
  EXPECT_NEAR(by_code["WK001401"]["verandering_pct"].get<double>(), -57.1, 1e-9);
  EXPECT_NEAR(by_code["WK001401"]["p"].get<double>(), 352.0 / 1024, 1e-14);
  EXPECT_NEAR(by_code["WK001401"]["q"].get<double>(), 352.0 / 1024, 1e-14);
  EXPECT_EQ(by_code["WK001401"]["klasse"], "geen significante verandering");
  EXPECT_DOUBLE_EQ(by_code["WK001405"]["p"].get<double>(), 2.0 / 4096);
  EXPECT_DOUBLE_EQ(by_code["WK001405"]["q"].get<double>(), 6.0 / 4096);
  EXPECT_DOUBLE_EQ(by_code["WK001405"]["verandering_pct"].get<double>(), -100.0);
  EXPECT_EQ(by_code["WK001405"]["klasse"], "daling");
  // Per buurt: the two buurten of WK001401 apart.
  auto b = RunProcess(BAKEN_BINARY, PatternArgs(events, {"--format", "json", "--by", "buurt"}));
  ASSERT_EQ(b.exit_code, 0) << b.err;
  const auto jb = nlohmann::json::parse(b.out);
  EXPECT_EQ(jb["trend"].size(), 4u);
  EXPECT_EQ(jb["niveau"], "buurt");
  // A category filter that leaves nothing is an error, not an empty report.
  auto none = RunProcess(BAKEN_BINARY, PatternArgs(events, {"--category", "geluid"}));
  EXPECT_EQ(none.exit_code, 1);
  EXPECT_NE(none.err.find("geen bruikbare gebeurtenissen"), std::string::npos) << none.err;
}

TEST(AnalysisCliTest, PatternsTableAndCsv) {
  TempDir dir("patterns_table");
  const std::string events = dir.Write("events.csv", PatternEvents());
  auto t = RunProcess(BAKEN_BINARY, PatternArgs(events, {}));
  ASSERT_EQ(t.exit_code, 0) << t.err;
  EXPECT_NE(t.out.find("Tijdpatronen 2025-06-01 .. 2025-06-30"), std::string::npos) << t.out;
  EXPECT_NE(t.out.find("vorige periode 2025-05-02 .. 2025-05-31"), std::string::npos) << t.out;
  EXPECT_NE(t.out.find("stijging"), std::string::npos) << t.out;
  EXPECT_NE(t.out.find("daling"), std::string::npos) << t.out;
  // The Friday row has the ten at 22h.
  std::stringstream lines(t.out);
  std::string line;
  bool friday = false;
  while (std::getline(lines, line)) {
    if (line.rfind("vr ", 0) == 0) {
      friday = true;
      std::stringstream cells(line.substr(3));
      std::vector<int> v;
      for (int x; cells >> x;) v.push_back(x);
      ASSERT_EQ(v.size(), 24u) << line;
      EXPECT_EQ(v[22], 10) << line;
    }
  }
  EXPECT_TRUE(friday) << t.out;

  auto c = RunProcess(BAKEN_BINARY, PatternArgs(events, {"--format", "csv"}));
  ASSERT_EQ(c.exit_code, 0) << c.err;
  std::stringstream rows(c.out);
  std::getline(rows, line);
  EXPECT_EQ(line, "onderdeel,sleutel,naam,aantal,vorige,verandering_pct,p,q,klasse,aandeel,index");
  std::map<std::string, int> parts;
  std::string wk001405;
  while (std::getline(rows, line)) {
    const auto f = Fields(line);
    ++parts[f[0]];
    if (f.size() > 1 && f[1] == "WK001405") wk001405 = line;
    if (f.size() > 1 && f[1] == "vr 22") {
      EXPECT_EQ(f[3], "10") << line;
    }
  }
  EXPECT_EQ(parts["uur_van_week"], 168);
  EXPECT_EQ(parts["maand"], 12);
  EXPECT_EQ(parts["trend"], 3);
  EXPECT_EQ(wk001405, "trend,WK001405,WK001405,0,12,-100.0,0.0004883,0.001465,daling,,");
}

TEST(AnalysisCliTest, PatternsWithoutAreasNameTheOption) {
  TempDir dir("patterns_noarea");
  const std::string events = dir.Write("events.csv", PatternEvents());
  auto r = RunProcess(BAKEN_BINARY, {"patterns", "--events", events, "--map", "time=tijd,x=x,y=y",
                                     "--from", "2025-06-01", "--to", "2025-06-30"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("area=.."), std::string::npos) << r.err;
  auto bad = RunProcess(BAKEN_BINARY, PatternArgs(events, {"--by", "provincie"}));
  EXPECT_NE(bad.exit_code, 0);
  auto date = RunProcess(BAKEN_BINARY,
                         {"patterns", "--events", events, "--map", "time=tijd,x=x,y=y,area=buurt",
                          "--from", "2025-06-31", "--to", "2025-06-30"});
  EXPECT_EQ(date.exit_code, 1);
  EXPECT_NE(date.err.find("--from"), std::string::npos) << date.err;
}

// The meldingen of a demo year in SQLite with the CBS areas of Groningen: the same commands with
// --db instead of a file. One database for the whole suite (filling it takes a while).
class AnalysisDbTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir("db");
    db_ = "sqlite:" + dir_->File("baken.db");
    const std::string areas = std::string(BAKEN_SHARED_DIR) + "/data/groningen/";
    for (const char* level : {"wijk", "buurt"}) {
      auto r =
          RunProcess(BAKEN_BINARY,
                     {"areas", "import", "--db", db_, "--municipality", "GM0014", "--level", level,
                      areas + (std::string(level) == "wijk" ? "cbs-wijken-2017.geojson"
                                                            : "cbs-buurten-2017.geojson")});
      ASSERT_EQ(r.exit_code, 0) << r.err;
    }
    auto demo = RunProcess(
        BAKEN_BINARY,
        {"demo", "--db", db_, "--year", "2025", "--seed", "7", "--scale", "2000", "--categories",
         std::string(BAKEN_SOURCE_DIR) + "/data/categories/groningen.json", "--routing",
         std::string(BAKEN_SOURCE_DIR) + "/data/routing/groningen.json"});
    ASSERT_EQ(demo.exit_code, 0) << demo.err;
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }
  static TempDir* dir_;
  static std::string db_;
};

TempDir* AnalysisDbTest::dir_ = nullptr;
std::string AnalysisDbTest::db_;

TEST_F(AnalysisDbTest, HotspotsFromTheDatabaseCoverTheBuurten) {
  auto r = RunProcess(BAKEN_BINARY, {"hotspots", "--db", db_, "--cell", "250", "--model", "naive",
                                     "--from", "2025-01-01", "--to", "2025-12-31"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto fc = nlohmann::json::parse(r.out);
  ASSERT_GT(fc["features"].size(), 50u);
  int64_t events = 0;
  for (const auto& f : fc["features"]) {
    events += f["properties"]["aantal"].get<int64_t>();
    const auto& sw = f["geometry"]["coordinates"][0][0];
    EXPECT_NEAR(sw[0].get<double>(), 6.6, 0.25) << f.dump();  // Groningen, WGS84
    EXPECT_NEAR(sw[1].get<double>(), 53.23, 0.1) << f.dump();
    EXPECT_TRUE(f["properties"].contains("moran_klasse"));
  }
  EXPECT_GT(events, 1000);  // the demo year's public and internal meldingen (about 2,000)
  EXPECT_LE(events, 2000);
}

TEST_F(AnalysisDbTest, BacktestFromTheDatabase) {
  auto r =
      RunProcess(BAKEN_BINARY, {"backtest", "--db", db_, "--cell", "250", "--models", "naive,kde",
                                "--train-days", "300", "--from", "2025-12-01", "--to", "2025-12-14",
                                "--coverage", "5,20", "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["predictions"], 14);
  EXPECT_EQ(j["epsg"], 28992);
  EXPECT_GT(j["scored_events"].get<int>(), 20);
  ASSERT_EQ(j["models"].size(), 2u);
  EXPECT_EQ(j["models"][0]["model"], "naive");
  EXPECT_GE(j["models"][0]["coverage"][1]["hit_rate"].get<double>(),
            j["models"][0]["coverage"][0]["hit_rate"].get<double>());
}

TEST_F(AnalysisDbTest, PatternsFromTheDatabaseNameTheWijken) {
  auto r = RunProcess(BAKEN_BINARY, {"patterns", "--db", db_, "--from", "2025-07-01", "--to",
                                     "2025-12-31", "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  const int64_t n = j["meldingen"];
  EXPECT_GT(n, 500);
  int64_t hours = 0, months_in = 0, months_out = 0, in_wijken = 0, previous = 0;
  for (const auto& h : j["uur_van_week"]["aantal"]) hours += h.get<int64_t>();
  for (int m = 0; m < 12; ++m) {
    (m >= 6 ? months_in : months_out) += j["maanden"][m]["aantal"].get<int64_t>();
  }
  EXPECT_EQ(hours, n);
  EXPECT_EQ(months_in, n);
  EXPECT_EQ(months_out, 0);
  bool centrum = false;
  for (const auto& row : j["trend"]) {
    EXPECT_EQ(row["code"].get<std::string>().substr(0, 6), "WK0014") << row.dump();
    in_wijken += row["aantal"].get<int64_t>();
    previous += row["vorige"].get<int64_t>();
    if (row["code"] == "WK001400") centrum = row["naam"] == "Centrum";
  }
  EXPECT_TRUE(centrum);
  EXPECT_EQ(in_wijken + j["buiten_gebieden"].get<int64_t>(), n);
  EXPECT_GT(previous, 0);  // the first half of 2025
}

}  // namespace
}  // namespace baken
