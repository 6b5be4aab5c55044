// The `baken` program as a user runs it: import Groningen's areas, list them, locate points in
// both coordinate systems, serve them over HTTP, and get clear errors (and no half-done work)
// for bad input.
#include <httplib.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <thread>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "baken/base/csv.h"
#include "baken/geo/area_set.h"
#include "baken/geo/crs.h"
#include "baken/geo/geojson.h"
#include "baken/store/testing/test_database.h"
#include "run_process.h"

namespace baken {
namespace {

using testing::RunProcess;

const std::string kAreas = std::string(BAKEN_SHARED_DIR) + "/data/groningen/";

class BakenCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("baken_cli_" + std::to_string(getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    db_ = "sqlite:" + (dir_ / "baken.db").string();
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  testing::ProcessResult Baken(std::vector<std::string> args, const std::string& input = "") {
    return RunProcess(BAKEN_BINARY, args, input);
  }

  void ImportGroningen(const std::string& db) {
    auto w = Baken({"areas", "import", "--db", db, "--municipality", "GM0014", "--level", "wijk",
                    kAreas + "cbs-wijken-2017.geojson"});
    ASSERT_EQ(w.exit_code, 0) << w.err;
    EXPECT_NE(w.out.find("15 wijken van GM0014 (Groningen)"), std::string::npos) << w.out;
    auto b = Baken({"areas", "import", "--db", db, "--municipality", "GM0014", "--level", "buurt",
                    kAreas + "cbs-buurten-2017.geojson"});
    ASSERT_EQ(b.exit_code, 0) << b.err;
    EXPECT_NE(b.out.find("108 buurten"), std::string::npos) << b.out;
  }

  std::string WriteFile(const std::string& name, const std::string& text) {
    auto path = dir_ / name;
    std::ofstream(path) << text;
    return path.string();
  }

  std::filesystem::path dir_;
  std::string db_;
};

// Every buurt's own interior point, as RD and as WGS84 CSV rows with an id column.
struct InteriorPoints {
  std::string rd_csv = "id,x,y\n";
  std::string wgs_csv = "lon,lat,id\n";
  std::vector<std::string> codes;
};

InteriorPoints BuurtInteriorPoints() {
  InteriorPoints points;
  auto fc = geo::ReadGeoJsonFile(kAreas + "cbs-buurten-2017.geojson");
  EXPECT_TRUE(fc.ok());
  auto set = geo::ImportCbs(*fc, geo::Level::kNeighbourhood, "GM0014");
  EXPECT_TRUE(set.ok());
  char line[200];
  for (const geo::Area* b : set->List(geo::Level::kNeighbourhood)) {
    points.codes.push_back(b->code);
    std::snprintf(line, sizeof line, "%s,%.3f,%.3f\n", b->code.c_str(), b->interior_point.x,
                  b->interior_point.y);
    points.rd_csv += line;
    auto wgs = geo::RdToWgs(b->interior_point);
    EXPECT_TRUE(wgs.ok());
    std::snprintf(line, sizeof line, "%.8f,%.8f,%s\n", wgs->lon, wgs->lat, b->code.c_str());
    points.wgs_csv += line;
  }
  return points;
}

// Parses the output of `areas locate` into rows keyed by the value of column `key`.
std::map<std::string, std::vector<std::string>> ParseLocated(const std::string& csv,
                                                             const std::string& key,
                                                             std::vector<std::string>& header) {
  std::istringstream in(csv);
  CsvReader reader(in);
  std::map<std::string, std::vector<std::string>> rows;
  EXPECT_TRUE(*reader.Next(header));
  const size_t k = *FindColumn(header, key);
  std::vector<std::string> row;
  while (*reader.Next(row)) rows[row[k]] = row;
  return rows;
}

TEST_F(BakenCliTest, ImportListAndLocateEveryBuurtInBothCrs) {
  ImportGroningen(db_);
  auto list = Baken({"areas", "list", "--db", db_, "--level", "wijk"});
  ASSERT_EQ(list.exit_code, 0) << list.err;
  EXPECT_NE(list.out.find("WK001400    Centrum"), std::string::npos) << list.out;
  EXPECT_NE(list.out.find("15 gebieden, samen 202620 inwoners"), std::string::npos) << list.out;

  const InteriorPoints points = BuurtInteriorPoints();
  ASSERT_EQ(points.codes.size(), 108u);
  for (const bool rd : {true, false}) {
    SCOPED_TRACE(rd ? "rd" : "wgs84");
    auto located = Baken({"areas", "locate", "--db", db_, "--crs", rd ? "rd" : "wgs84"},
                         rd ? points.rd_csv : points.wgs_csv);
    ASSERT_EQ(located.exit_code, 0) << located.err;
    EXPECT_NE(located.err.find("108 punten, waarvan 0 buiten de gemeente"), std::string::npos)
        << located.err;
    std::vector<std::string> header;
    auto rows = ParseLocated(located.out, "id", header);
    ASSERT_EQ(rows.size(), 108u);
    const size_t buurt = *FindColumn(header, "buurt_code");
    const size_t wijk = *FindColumn(header, "wijk_code");
    const size_t wijk_name = *FindColumn(header, "wijk_name");
    for (const std::string& code : points.codes) {
      ASSERT_TRUE(rows.count(code)) << code;
      EXPECT_EQ(rows[code][buurt], code);
      // CBS buurt codes BU0014WWBB belong to wijk WK0014WW.
      EXPECT_EQ(rows[code][wijk], "WK" + code.substr(2, 6)) << code;
    }
    EXPECT_EQ(rows["BU00140000"][wijk_name], "Centrum");
  }
}

TEST_F(BakenCliTest, LocateKeepsOtherColumnsAndLeavesOutsidePointsEmpty) {
  ImportGroningen(db_);
  // The Martinitoren (inside) and Amersfoort's RD origin (far outside Groningen).
  auto located = Baken({"areas", "locate", "--db", db_},
                       "naam,x,y\n\"Martinitoren, Grote Markt\",233868,582021\nAmersfoort,155000,"
                       "463000\n");
  ASSERT_EQ(located.exit_code, 0) << located.err;
  EXPECT_NE(located.out.find("\"Martinitoren, Grote Markt\",233868,582021,BU00140"),
            std::string::npos)
      << located.out;
  EXPECT_NE(located.out.find("Amersfoort,155000,463000,,,,\n"), std::string::npos) << located.out;
  EXPECT_NE(located.err.find("2 punten, waarvan 1 buiten de gemeente"), std::string::npos);
}

TEST_F(BakenCliTest, BadRowsAreNamedAndNothingIsWritten) {
  ImportGroningen(db_);
  struct Case {
    std::string input;
    std::vector<std::string> extra;
    std::string message;
  } cases[] = {
      {"x,y\n233868,582021\n,\n", {}, "regel 3: de coördinaten x,y ontbreken"},
      {"x,y\n233868,582021\n6.5668,53.2194\n", {"--crs", "rd"}, "lijkt op WGS84"},
      {"lon,lat\n53.2194,6.5668\n", {"--crs", "wgs84"}, "verwisseld"},
      {"a,b\n1,2\n", {"--crs", "rd"}, "mist de kolommen x,y"},
      {"x,y\n\"233868,582021\n", {}, "aanhalingsteken"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.input);
    std::vector<std::string> args = {"areas", "locate", "--db", db_};
    args.insert(args.end(), c.extra.begin(), c.extra.end());
    auto r = Baken(args, c.input);
    EXPECT_NE(r.exit_code, 0);
    EXPECT_NE(r.err.find(c.message), std::string::npos) << r.err;
    EXPECT_EQ(r.out, "");  // nothing half-written
  }
}

TEST_F(BakenCliTest, BadGeoJsonIsRefusedAndTheDatabaseStaysAsItWas) {
  ImportGroningen(db_);
  const std::string open_ring = WriteFile(
      "open.geojson",
      R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{"WK_CODE":"WK001400","WK_NAAM":"X","GM_CODE":"GM0014"},"geometry":{"type":"Polygon","coordinates":[[[6.56,53.21],[6.57,53.21],[6.57,53.22],[6.56,53.22]]]}}]})");
  const std::string malformed = WriteFile("bad.geojson", R"({"type":"FeatureCollection",)");
  for (const auto& [file, message] :
       {std::pair{open_ring, "niet gesloten"}, std::pair{malformed, "byte"}}) {
    auto r = Baken(
        {"areas", "import", "--db", db_, "--municipality", "GM0014", "--level", "wijk", file});
    EXPECT_NE(r.exit_code, 0);
    EXPECT_NE(r.err.find(message), std::string::npos) << r.err;
  }
  auto wrong_level = Baken({"areas", "import", "--db", db_, "--municipality", "GM0014", "--level",
                            "straat", kAreas + "cbs-wijken-2017.geojson"});
  EXPECT_NE(wrong_level.exit_code, 0);
  EXPECT_NE(wrong_level.err.find("--level"), std::string::npos) << wrong_level.err;
  auto other_town = Baken({"areas", "import", "--db", db_, "--municipality", "GM0363", "--level",
                           "wijk", kAreas + "cbs-wijken-2017.geojson"});
  EXPECT_NE(other_town.exit_code, 0);

  auto list = Baken({"areas", "list", "--db", db_, "--format", "csv"});
  ASSERT_EQ(list.exit_code, 0);
  EXPECT_EQ(std::count(list.out.begin(), list.out.end(), '\n'), 1 + 15 + 108);
}

TEST_F(BakenCliTest, WrongOrUnreachableDatabaseIsAClearError) {
  auto bad_url = Baken({"areas", "list", "--db", "mysql://x"});
  EXPECT_NE(bad_url.exit_code, 0);
  EXPECT_NE(bad_url.err.find("baken: "), std::string::npos);
  auto unreachable = Baken({"migrate", "--db", "postgresql://baken:geheim@127.0.0.1:1/baken"});
  EXPECT_NE(unreachable.exit_code, 0);
  EXPECT_NE(unreachable.err.find("127.0.0.1:1"), std::string::npos) << unreachable.err;
  EXPECT_EQ(unreachable.err.find("geheim"), std::string::npos) << "password leaked";
  auto no_dir = Baken({"migrate", "--db", "sqlite:/bestaat/niet/baken.db"});
  EXPECT_NE(no_dir.exit_code, 0);
  auto unmigrated = Baken({"areas", "list", "--db", db_});
  EXPECT_NE(unmigrated.exit_code, 0);
  EXPECT_NE(unmigrated.err.find("baken migrate"), std::string::npos) << unmigrated.err;
  ASSERT_EQ(Baken({"migrate", "--db", db_}).exit_code, 0);
  auto empty = Baken({"areas", "list", "--db", db_});
  EXPECT_NE(empty.exit_code, 0);
  EXPECT_NE(empty.err.find("nog geen gebieden"), std::string::npos) << empty.err;
}

TEST_F(BakenCliTest, MigrateIsIdempotentAndBackupIsUsable) {
  auto first = Baken({"migrate", "--db", db_});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_EQ(first.out.find("NOG NIET"), std::string::npos);
  auto again = Baken({"migrate", "--db", db_});
  ASSERT_EQ(again.exit_code, 0);
  EXPECT_NE(again.out.find("0 migratie(s) uitgevoerd"), std::string::npos) << again.out;
  ImportGroningen(db_);
  const std::string copy = (dir_ / "kopie.db").string();
  auto backup = Baken({"backup", "--db", db_, "--to", copy});
  ASSERT_EQ(backup.exit_code, 0) << backup.err;
  auto list = Baken({"areas", "list", "--db", "sqlite:" + copy, "--level", "buurt"});
  ASSERT_EQ(list.exit_code, 0) << list.err;
  EXPECT_NE(list.out.find("108 gebieden"), std::string::npos) << list.out;
}

TEST_F(BakenCliTest, ImportListAndLocateOnPostgres) {
  const std::string url = store::testing::PostgresTestUrl("baken_test_app");
  ASSERT_FALSE(url.empty()) << "run through ctest: the 'postgres' fixture starts the cluster";
  ImportGroningen(url);
  ImportGroningen(url);  // re-import replaces, never duplicates
  auto list = Baken({"areas", "list", "--db", url, "--format", "csv"});
  ASSERT_EQ(list.exit_code, 0) << list.err;
  EXPECT_EQ(std::count(list.out.begin(), list.out.end(), '\n'), 1 + 15 + 108);
  auto located = Baken({"areas", "locate", "--db", url}, "x,y\n233868,582021\n");
  ASSERT_EQ(located.exit_code, 0) << located.err;
  EXPECT_NE(located.out.find(",WK001400,Centrum"), std::string::npos) << located.out;
}

TEST_F(BakenCliTest, ConfigFileEnvironmentAndFlagsInThatOrder) {
  const std::string conf =
      WriteFile("baken.conf", "# Baken\ndb = " + db_ +
                                  "\n[server]\nlisten = 127.0.0.1:9123\n[smtp]\npassword = "
                                  "geheim123\n");
  auto shown = Baken({"--config", conf, "config", "show"});
  ASSERT_EQ(shown.exit_code, 0) << shown.err;
  EXPECT_NE(shown.out.find("server.listen = 127.0.0.1:9123"), std::string::npos) << shown.out;
  EXPECT_EQ(shown.out.find("geheim123"), std::string::npos) << "secret shown";
  auto flagged =
      Baken({"--config", conf, "--set", "server.listen=127.0.0.1:9999", "config", "show"});
  EXPECT_NE(flagged.out.find("server.listen = 127.0.0.1:9999"), std::string::npos) << flagged.out;
  // The db from the file is the default of --db: migrate works on it without naming it.
  ASSERT_EQ(Baken({"--config", conf, "migrate"}).exit_code, 0);
  ImportGroningen(db_);
  auto list = Baken({"--config", conf, "areas", "list", "--level", "wijk"});
  EXPECT_EQ(list.exit_code, 0) << list.err;
  EXPECT_NE(list.out.find("Centrum"), std::string::npos);
  auto missing = Baken({"--config", (dir_ / "bestaat-niet.conf").string(), "config", "show"});
  EXPECT_NE(missing.exit_code, 0);
  auto bad = Baken({"--set", "geen-toewijzing", "config", "show"});
  EXPECT_NE(bad.exit_code, 0);
}

TEST_F(BakenCliTest, EveryCommandHasDutchHelp) {
  for (std::vector<std::string> args : {std::vector<std::string>{"--help"},
                                        {"serve", "--help"},
                                        {"areas", "locate", "--help"},
                                        {"migrate", "--help"},
                                        {"backup", "--help"},
                                        {"areas", "import", "--help"}}) {
    auto r = Baken(args);
    EXPECT_EQ(r.exit_code, 0) << args[0];
    EXPECT_NE(r.out.find("--"), std::string::npos);
  }
  EXPECT_NE(Baken({"--help"}).out.find("Wijken en buurten"), std::string::npos);
}

TEST_F(BakenCliTest, ServeAnswersHealthReadinessMetricsAndAreas) {
  ImportGroningen(db_);
  const std::string secrets = (dir_ / "secrets").string();
  auto no_secrets = Baken({"serve", "--db", db_, "--listen", "127.0.0.1:0", "--secrets", secrets});
  EXPECT_NE(no_secrets.exit_code, 0);
  EXPECT_NE(no_secrets.err.find("baken secrets init"), std::string::npos) << no_secrets.err;
  ASSERT_EQ(Baken({"secrets", "init", "--secrets", secrets}).exit_code, 0);
  const std::string log = (dir_ / "serve.log").string();
  const int pid = testing::StartProcess(
      BAKEN_BINARY, {"serve", "--db", db_, "--listen", "127.0.0.1:0", "--secrets", secrets}, log);
  int port = 0;
  std::regex listening("luistert op http://127\\.0\\.0\\.1:(\\d+)");
  for (int i = 0; i < 200 && port == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    std::ifstream in(log);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::smatch m;
    if (std::regex_search(text, m, listening)) port = std::stoi(m[1]);
  }
  ASSERT_GT(port, 0) << "server did not start";
  httplib::Client client("127.0.0.1", port);
  EXPECT_EQ(client.Get("/healthz")->status, 200);
  EXPECT_EQ(client.Get("/readyz")->status, 200);
  auto wijken = client.Get("/api/v1/gebieden?niveau=wijk");
  ASSERT_TRUE(wijken);
  ASSERT_EQ(wijken->status, 200);
  auto body = nlohmann::json::parse(wijken->body);
  ASSERT_EQ(body["gebieden"].size(), 15u);
  EXPECT_EQ(body["gebieden"][0]["naam"], "Centrum");
  auto geojson = client.Get("/api/v1/gebieden/BU00140000?formaat=geojson");
  ASSERT_TRUE(geojson);
  EXPECT_EQ(geojson->get_header_value("Content-Type"), "application/geo+json");
  EXPECT_NE(geojson->body.find("Binnenstad-Noord"), std::string::npos);
  EXPECT_EQ(client.Get("/api/v1/gebieden/BU99999999")->status, 404);
  EXPECT_EQ(client.Get("/api/v1/gebieden?niveau=straat")->status, 400);
  auto metrics = client.Get("/metrics");
  ASSERT_TRUE(metrics);
  EXPECT_NE(metrics->body.find("baken_areas_loaded 123"), std::string::npos) << metrics->body;
  // Protected routes need a session: anonymous callers get a Dutch 401.
  auto users = client.Get("/api/v1/gebruikers");
  ASSERT_TRUE(users);
  EXPECT_EQ(users->status, 401);

  kill(pid, SIGTERM);
  int status = 0;
  waitpid(pid, &status, 0);
  EXPECT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
}

// Meldingen from another system: RD and WGS84 files, a bad row named with its line and column,
// a re-import that adds nothing, and exports of what came in.
TEST_F(BakenCliTest, MeldingenImportAndExport) {
  ImportGroningen(db_);
  auto rd = geo::WgsToRd({6.5666, 53.2191});  // Grote Markt
  ASSERT_TRUE(rd.ok());
  const std::string rd_csv =
      WriteFile("oud.csv",
                "meldingnummer,datum,x_rd,y_rd,categorie,omschrijving,naam\n"
                "A1,2025-03-01 14:30," +
                    std::to_string(rd->x) + "," + std::to_string(rd->y) +
                    ",hondenpoep,Hondenpoep op de stoep bij de markt,Piet Paulusma\n"
                    "A2,2025-03-02T10:00:00+01:00," +
                    std::to_string(rd->x + 20) + "," + std::to_string(rd->y) +
                    ",Container vol of kapot,De container zit helemaal vol,\n"
                    "A3,2025-03-03 09:00,geen-getal," +
                    std::to_string(rd->y) + ",hondenpoep,Coördinaat ontbreekt hier,\n");
  auto first = Baken({"meldingen", "import", rd_csv, "--db", db_, "--bron", "oud", "--map",
                      "x=x_rd,y=y_rd,name=naam"});
  ASSERT_EQ(first.exit_code, 0) << first.err << first.out;
  EXPECT_NE(first.out.find("opgeslagen:   2"), std::string::npos) << first.out;
  EXPECT_NE(first.out.find("afgewezen:    1"), std::string::npos) << first.out;
  EXPECT_NE(first.out.find("regel 4, x_rd: 'geen-getal' is geen getal"), std::string::npos)
      << first.out;
  EXPECT_NE(first.err.find("voortgang:"), std::string::npos) << "plain progress when piped";
  std::ifstream rejected_file(rd_csv + ".afgewezen.csv");
  std::stringstream rejected;
  rejected << rejected_file.rdbuf();
  EXPECT_NE(rejected.str().find("regel,veld,reden"), std::string::npos);
  EXPECT_NE(rejected.str().find("4,x_rd,"), std::string::npos) << rejected.str();

  auto again = Baken({"meldingen", "import", rd_csv, "--db", db_, "--bron", "oud", "--map",
                      "x=x_rd,y=y_rd,name=naam"});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.out.find("opgeslagen:   0"), std::string::npos) << again.out;
  EXPECT_NE(again.out.find("al aanwezig:  2"), std::string::npos) << again.out;

  const std::string wgs_csv =
      WriteFile("app.csv",
                "id;tijd;lon;lat;soort;tekst\n"
                "7;2025-04-01 08:15;6,5668;53,2190;zwerfafval;Zwerfafval rond de bankjes\n");
  auto wgs =
      Baken({"meldingen", "import", wgs_csv, "--db", db_, "--crs", "wgs84", "--scheiding", ";",
             "--kanaal", "partner", "--map", "id=id,time=tijd,category=soort,text=tekst"});
  ASSERT_EQ(wgs.exit_code, 0) << wgs.err;
  EXPECT_NE(wgs.out.find("opgeslagen:   1"), std::string::npos) << wgs.out;

  auto unknown = Baken({"meldingen", "import", rd_csv, "--db", db_, "--map", "tijd=datum"});
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_NE(unknown.err.find("Onbekend veld 'tijd'"), std::string::npos) << unknown.err;
  auto missing = Baken({"meldingen", "import", rd_csv, "--db", db_});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find("'x' (voor x)"), std::string::npos) << missing.err;

  // Exports: all three in CSV, masked by default; the open data file without persons or text.
  const std::string csv_out = (dir_ / "uit.csv").string();
  auto csv = Baken({"meldingen", "export", "--db", db_, "--formaat", "csv", "--uit", csv_out});
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  EXPECT_NE(csv.out.find("3 meldingen"), std::string::npos) << csv.out;
  std::ifstream csv_in(csv_out);
  std::stringstream csv_text;
  csv_text << csv_in.rdbuf();
  EXPECT_EQ(csv_text.str().rfind("\xEF\xBB\xBFnummer,", 0), 0u);
  EXPECT_NE(csv_text.str().find("oud:A1"), std::string::npos);
  EXPECT_EQ(csv_text.str().find("Piet Paulusma"), std::string::npos) << "masked by default";

  const std::string only = (dir_ / "honden.geojson").string();
  auto geojson = Baken({"meldingen", "export", "--db", db_, "--formaat", "geojson", "--uit", only,
                        "--categorie", "hondenpoep", "--van", "2025-03-01", "--tot", "2025-03-31"});
  ASSERT_EQ(geojson.exit_code, 0) << geojson.err;
  std::ifstream gj(only);
  auto doc = nlohmann::json::parse(gj);
  ASSERT_EQ(doc["features"].size(), 1u);
  EXPECT_EQ(doc["features"][0]["properties"]["bron_id"], "oud:A1");

  const std::string mor = (dir_ / "mor.csv").string();
  ASSERT_EQ(Baken({"meldingen", "export", "--db", db_, "--formaat", "mor", "--uit", mor,
                   "--met-persoonsgegevens"})
                .exit_code,
            0);
  std::ifstream mor_in(mor);
  std::stringstream mor_text;
  mor_text << mor_in.rdbuf();
  EXPECT_NE(mor_text.str().find("identificatie,zaaktype,kanaal"), std::string::npos);
  EXPECT_EQ(mor_text.str().find("Piet"), std::string::npos);
  EXPECT_EQ(mor_text.str().find("stoep"), std::string::npos);

  const std::string xlsx = (dir_ / "uit.xlsx").string();
  ASSERT_EQ(
      Baken({"meldingen", "export", "--db", db_, "--formaat", "xlsx", "--uit", xlsx}).exit_code, 0);
  std::ifstream xin(xlsx, std::ios::binary);
  char magic[4] = {};
  xin.read(magic, 4);
  EXPECT_EQ(std::string(magic, 4), std::string("PK\x03\x04", 4));
}

}  // namespace
}  // namespace baken
