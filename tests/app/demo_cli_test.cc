// `baken demo` as `make run` uses it: a fresh SQLite database with Groningen's areas gets a demo
// year; running it again adds nothing, and --if-empty then does not even try.
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <regex>

#include <gtest/gtest.h>

#include "run_process.h"

namespace baken {
namespace {

using testing::RunProcess;

const std::string kAreas = std::string(BAKEN_SHARED_DIR) + "/data/groningen/";
const std::string kCategories = std::string(BAKEN_SOURCE_DIR) + "/data/categories/groningen.json";
const std::string kRouting = std::string(BAKEN_SOURCE_DIR) + "/data/routing/groningen.json";

class DemoCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("baken_demo_cli_" + std::to_string(getpid()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    db_ = "sqlite:" + (dir_ / "baken.db").string();
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  testing::ProcessResult Baken(std::vector<std::string> args) {
    return RunProcess(BAKEN_BINARY, args);
  }
  testing::ProcessResult Demo(std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"demo",      "--db",      db_,       "--year", "2025",
                                     "--seed",    "7",         "--scale", "2000",   "--categories",
                                     kCategories, "--routing", kRouting};
    args.insert(args.end(), extra.begin(), extra.end());
    return Baken(args);
  }

  std::filesystem::path dir_;
  std::string db_;
};

int64_t Number(const std::string& out, const std::string& what) {
  std::smatch m;
  if (!std::regex_search(out, m, std::regex("([0-9.]+) " + what))) return -1;
  std::string digits = m[1];
  digits.erase(std::remove(digits.begin(), digits.end(), '.'), digits.end());
  return std::stoll(digits);
}

TEST_F(DemoCliTest, FillsAFreshDatabaseOnceAndASecondRunAddsNothing) {
  for (const char* level : {"wijk", "buurt"}) {
    auto r = Baken({"areas", "import", "--db", db_, "--municipality", "GM0014", "--level", level,
                    kAreas + (std::string(level) == "wijk" ? "cbs-wijken-2017.geojson"
                                                           : "cbs-buurten-2017.geojson")});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }

  auto first = Demo();
  ASSERT_EQ(first.exit_code, 0) << first.err << first.out;
  EXPECT_NE(first.out.find("Demojaar 2025 (seed 7) voor GM0014"), std::string::npos) << first.out;
  const int64_t stored = Number(first.out, "meldingen opgeslagen");
  EXPECT_GT(stored, 1900) << first.out;
  EXPECT_LE(stored, 2000) << first.out;
  EXPECT_EQ(Number(first.out, "al aanwezig"), 0) << first.out;
  EXPECT_EQ(Number(first.out, "afgewezen"), 0) << first.out;
  EXPECT_NE(first.err.find("100%"), std::string::npos) << first.err;

  auto second = Demo();
  ASSERT_EQ(second.exit_code, 0) << second.err << second.out;
  EXPECT_EQ(Number(second.out, "meldingen opgeslagen"), 0) << second.out;
  EXPECT_EQ(Number(second.out, "al aanwezig"), stored) << second.out;

  auto skipped = Demo({"--if-empty"});
  ASSERT_EQ(skipped.exit_code, 0) << skipped.err;
  EXPECT_NE(skipped.out.find("bevat al meldingen"), std::string::npos) << skipped.out;
}

TEST_F(DemoCliTest, WithoutAreasItSaysWhatToDoFirst) {
  ASSERT_EQ(Baken({"migrate", "--db", db_}).exit_code, 0);
  auto r = Demo();
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("baken areas import"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace baken
