// `baken programma seed|list|compute|value` as an administrator runs them on a fresh SQLite
// database: seeding twice stores the programmes once, computing 2025 stores snapshots, and bad
// input is refused in Dutch naming the flag.

#include <filesystem>
#include <fstream>
#include <iterator>

#include <gtest/gtest.h>

#include "baken/store/database.h"
#include "baken/store/testing/test_database.h"
#include "run_process.h"

namespace baken {
namespace {

using testing::RunProcess;

const std::string kFile =
    std::string(BAKEN_SOURCE_DIR) + "/data/programmas/groningen-2022-2024.json";

class ProgrammeCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const Status opened = db_.Open(store::Dialect::kSqlite, "");
    ASSERT_TRUE(opened.ok()) << opened.ToString();
    db_.Close();  // the program under test opens it
    dir_ = db_.dir().path();
    db_url_ = db_.url();
  }

  testing::ProcessResult Baken(std::vector<std::string> args) {
    args.insert(args.begin(), "programma");
    args.push_back("--db");
    args.push_back(db_url_);
    return RunProcess(BAKEN_BINARY, args);
  }

  store::testing::TestDatabase db_{"baken_programme_cli"};
  std::filesystem::path dir_;
  std::string db_url_;
};

TEST_F(ProgrammeCliTest, SeedTwiceComputeListAndRefuseBadInput) {
  testing::ProcessResult first = Baken({"seed", "--file", kFile});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_NE(first.out.find("vastgelegd: leefbaarheid-veiligheid-2022-2024"), std::string::npos);
  EXPECT_NE(first.out.find("vastgelegd: mensenhandel-2022-2024"), std::string::npos);
  testing::ProcessResult second = Baken({"seed", "--file", kFile});
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_EQ(second.out.find("vastgelegd:"), std::string::npos) << second.out;
  EXPECT_NE(second.out.find("al aanwezig, ongewijzigd: mensenhandel-2022-2024"), std::string::npos);

  // Four quarters of meldingen per wijk, one share within the deadline, one count of signals.
  testing::ProcessResult compute = Baken({"compute", "--period", "2025"});
  ASSERT_EQ(compute.exit_code, 0) << compute.err;
  EXPECT_NE(compute.out.find("6 waarden berekend en vastgelegd voor 2025"), std::string::npos)
      << compute.out;

  testing::ProcessResult list = Baken({"list"});
  ASSERT_EQ(list.exit_code, 0) << list.err;
  EXPECT_NE(list.out.find("actielijn gronings-toezichtmodel"), std::string::npos) << list.out;
  EXPECT_NE(list.out.find("mh-signalen-mensenhandel"), std::string::npos);
  EXPECT_NE(list.out.find("2025-Q1: 0"), std::string::npos) << list.out;

  testing::ProcessResult bad_period = Baken({"compute", "--period", "2025-Q9"});
  EXPECT_EQ(bad_period.exit_code, 1);
  EXPECT_NE(bad_period.err.find("--period"), std::string::npos) << bad_period.err;
  EXPECT_NE(bad_period.err.find("Ongeldige periode"), std::string::npos) << bad_period.err;

  testing::ProcessResult computed =
      Baken({"value", "--indicator", "lv-aandeel-binnen-termijn", "--period", "2025", "--value",
             "80", "--source", "eigen telling"});
  EXPECT_EQ(computed.exit_code, 1);
  EXPECT_NE(computed.err.find("wordt berekend"), std::string::npos) << computed.err;
  testing::ProcessResult unknown = Baken({"value", "--indicator", "bestaat-niet", "--period",
                                          "2025", "--value", "1", "--source", "x"});
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_NE(unknown.err.find("Onbekende indicator 'bestaat-niet'"), std::string::npos);
}

}  // namespace
}  // namespace baken

namespace baken {
namespace {

std::string ReadAll(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// `baken report progress|highlights` on the seeded programmes: every format is written, twice
// gives the same bytes, and bad input names the flag.
TEST_F(ProgrammeCliTest, ReportsAreWrittenInEveryFormatTheSameTwice) {
  ASSERT_EQ(Baken({"seed", "--file", kFile}).exit_code, 0);
  ASSERT_EQ(Baken({"compute", "--period", "2025"}).exit_code, 0);
  auto report = [&](std::vector<std::string> args) {
    args.insert(args.begin(), "report");
    args.push_back("--db");
    args.push_back(db_url_);
    return RunProcess(BAKEN_BINARY, args);
  };
  const std::string pdf = (dir_ / "voortgang.pdf").string();
  testing::ProcessResult made =
      report({"progress", "--programme", "leefbaarheid-veiligheid-2022-2024", "--period", "2025",
              "--format", "pdf", "--out", pdf, "--peildatum", "2030-01-01T00:00:00Z"});
  ASSERT_EQ(made.exit_code, 0) << made.err;
  EXPECT_NE(made.out.find("Voortgangsrapportage 2025"), std::string::npos) << made.out;
  EXPECT_EQ(ReadAll(pdf).rfind("%PDF-", 0), 0u);
  const std::string again = (dir_ / "opnieuw.pdf").string();
  ASSERT_EQ(
      report({"progress", "--programme", "leefbaarheid-veiligheid-2022-2024", "--period", "2025",
              "--format", "pdf", "--out", again, "--peildatum", "2030-01-01T00:00:00Z"})
          .exit_code,
      0);
  EXPECT_EQ(ReadAll(pdf), ReadAll(again));
  for (const char* format : {"xlsx", "html"}) {
    const std::string out = (dir_ / (std::string("voortgang.") + format)).string();
    testing::ProcessResult r = report({"progress", "--programme", "mensenhandel-2022-2024",
                                       "--period", "2025", "--format", format, "--out", out});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_GT(std::filesystem::file_size(out), 1000u) << format;
  }
  EXPECT_NE(ReadAll(dir_ / "voortgang.html").find("Naar een gemeente zonder uitbuiting"),
            std::string::npos);

  const std::string png = (dir_ / "highlights.png").string();
  testing::ProcessResult h =
      report({"highlights", "--year", "2025", "--format", "png", "--out", png});
  ASSERT_EQ(h.exit_code, 0) << h.err;
  EXPECT_EQ(ReadAll(png).substr(1, 3), "PNG");
  const std::string png2 = (dir_ / "highlights2.png").string();
  ASSERT_EQ(report({"highlights", "--year", "2025", "--format", "png", "--out", png2}).exit_code,
            0);
  EXPECT_EQ(ReadAll(png), ReadAll(png2));

  testing::ProcessResult bad = report(
      {"highlights", "--year", "2025", "--format", "gif", "--out", (dir_ / "x.gif").string()});
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(bad.err.find("--format: Kies pdf, svg of png."), std::string::npos) << bad.err;
  EXPECT_FALSE(std::filesystem::exists(dir_ / "x.gif"));
  testing::ProcessResult none = report(
      {"highlights", "--year", "2019", "--format", "svg", "--out", (dir_ / "2019.svg").string()});
  EXPECT_EQ(none.exit_code, 1);
  EXPECT_NE(none.err.find("baken programma compute --period 2019"), std::string::npos) << none.err;
}

}  // namespace
}  // namespace baken
