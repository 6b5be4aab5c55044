// Free texts of progress reports: stored per programme, period and section, with history; on
// SQLite here and on PostgreSQL through programme_postgres_test.
#include "baken/programme/report_texts.h"

#include <gtest/gtest.h>

#include "baken/programme/seed.h"
#include "baken/programme/testing/programme_test_env.h"

namespace baken::programme {
namespace {

constexpr char kProgramme[] = "leefbaarheid-veiligheid-2022-2024";

class ReportTextsTest : public testing::ProgrammeStoreTest {
 protected:
  void SetUp() override {
    ProgrammeStoreTest::SetUp();
    StatusOr<ProgrammeFile> file = ReadProgrammeFile(std::string(BAKEN_SOURCE_DIR) +
                                                     "/data/programmas/groningen-2022-2024.json");
    ASSERT_TRUE(file.ok()) << file.status().ToString();
    ProgrammeRepository repo(*db_, clock_);
    ASSERT_TRUE(Seed(repo, *file, who_).ok());
  }

  size_t TextChanges() {
    ProgrammeRepository repo(*db_, clock_);
    auto history = repo.History("GM0014", kProgramme);
    EXPECT_TRUE(history.ok());
    size_t n = 0;
    for (const HistoryEntry& e : *history) n += e.field.rfind("tekst", 0) == 0;
    return n;
  }

  ChangeContext who_{"u-analist", "analist", "127.0.0.1"};
};

TEST_F(ReportTextsTest, TextsArePerPeriodAndSectionAndEveryChangeIsInTheHistory) {
  ReportTextStore texts(*db_, clock_);
  ASSERT_TRUE(texts.Put("GM0014", kProgramme, {2025, 0}, "", "Een jaar van opbouw.", who_).ok());
  ASSERT_TRUE(
      texts.Put("GM0014", kProgramme, {2025, 0}, "parkeren", "Meer handhaving.", who_).ok());
  ASSERT_TRUE(texts.Put("GM0014", kProgramme, {2024, 0}, "", "Het jaar ervoor.", who_).ok());
  auto y2025 = texts.List("GM0014", kProgramme, {2025, 0});
  ASSERT_TRUE(y2025.ok()) << y2025.status().ToString();
  EXPECT_EQ(*y2025, (std::map<std::string, std::string>{{"", "Een jaar van opbouw."},
                                                        {"parkeren", "Meer handhaving."}}));
  EXPECT_EQ(TextChanges(), 3u);

  // Replacing keeps one text; the history keeps what it said before.
  ASSERT_TRUE(texts.Put("GM0014", kProgramme, {2025, 0}, "", "Een jaar van groei.", who_).ok());
  EXPECT_EQ(texts.List("GM0014", kProgramme, {2025, 0})->at(""), "Een jaar van groei.");
  EXPECT_EQ(TextChanges(), 4u);
  ProgrammeRepository repo(*db_, clock_);
  const HistoryEntry last = repo.History("GM0014", kProgramme)->back();
  EXPECT_EQ(last.old_value, "Een jaar van opbouw.");
  EXPECT_EQ(last.new_value, "Een jaar van groei.");
  EXPECT_EQ(last.actor, "u-analist");

  // The same text again stores nothing.
  ASSERT_TRUE(texts.Put("GM0014", kProgramme, {2025, 0}, "", "Een jaar van groei.", who_).ok());
  EXPECT_EQ(TextChanges(), 4u);
}

TEST_F(ReportTextsTest, UnknownSectionsProgrammesAndLongTextsAreRefused) {
  ReportTextStore texts(*db_, clock_);
  Status section = texts.Put("GM0014", kProgramme, {2025, 0}, "bestaat-niet", "x", who_);
  EXPECT_EQ(section.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(section.field(), "sectie");
  // An action (not an action line) has no section of its own.
  EXPECT_EQ(
      texts.Put("GM0014", kProgramme, {2025, 0}, "vastgoed-intensieve-controle", "x", who_).field(),
      "sectie");
  EXPECT_EQ(texts.Put("GM0014", "geen", {2025, 0}, "", "x", who_).code(), StatusCode::kNotFound);
  Status long_text = texts.Put("GM0014", kProgramme, {2025, 0}, "", std::string(5001, 'a'), who_);
  EXPECT_EQ(long_text.field(), "tekst");
  EXPECT_TRUE(texts.List("GM0014", kProgramme, {2025, 0})->empty());
  EXPECT_EQ(TextChanges(), 0u);
}

}  // namespace
}  // namespace baken::programme
