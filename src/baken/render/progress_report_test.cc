// The progress report and the Highlights from a real database: the shipped Groningen programmes,
// CBS wijken, a hand-counted set of meldingen and indicators computed from them. The PDFs are read
// back with pdftotext; the PNG is decoded; everything is rendered twice and compared byte for byte.
#include <cairo.h>
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "baken/geo/geojson.h"
#include "baken/programme/indicators.h"
#include "baken/programme/report_texts.h"
#include "baken/programme/seed.h"
#include "baken/programme/testing/programme_test_env.h"
#include "baken/render/programme_highlights.h"
#include "baken/render/progress_report.h"
#include "baken/render/testing/pdf_text.h"
#include "baken/store/area_repository.h"

namespace baken::render {
namespace {

using programme::Period;

constexpr char kLv[] = "leefbaarheid-veiligheid-2022-2024";
constexpr char kMh[] = "mensenhandel-2022-2024";

class ReportsTest : public programme::testing::ProgrammeStoreTest {
 protected:
  void SetUp() override {
    ProgrammeStoreTest::SetUp();
    if (HasFatalFailure()) return;
    // The wijken of Groningen, as `baken areas import` stores them.
    auto fc = geo::ReadGeoJsonFile(std::string(BAKEN_SHARED_DIR) +
                                   "/data/groningen/cbs-wijken-2017.geojson");
    ASSERT_TRUE(fc.ok()) << fc.status().ToString();
    auto wijken = geo::ImportCbs(*fc, geo::Level::kDistrict, "GM0014");
    ASSERT_TRUE(wijken.ok()) << wijken.status().ToString();
    store::AreaRepository areas(*db_, clock_);
    ASSERT_TRUE(
        areas.ReplaceLevel("GM0014", "Groningen", geo::Level::kDistrict, *wijken, "t").ok());
    // The shipped programmes.
    auto file = programme::ReadProgrammeFile(std::string(BAKEN_SOURCE_DIR) +
                                             "/data/programmas/groningen-2022-2024.json");
    ASSERT_TRUE(file.ok()) << file.status().ToString();
    programme::ProgrammeRepository repo(*db_, clock_);
    ASSERT_TRUE(programme::Seed(repo, *file, who_).ok());
    // 2025: seven meldingen; two closed, one of them in time; one trafficking signal.
    AddMelding({"hondenpoep", "afval", "WK001400", "2025-01-10 09:00:00", "afgehandeld",
                "2025-01-15 17:00:00", "2025-01-12 10:00:00"});
    AddMelding({"hondenpoep", "afval", "WK001400", "2025-02-03 09:00:00"});
    AddMelding({"hondenpoep", "afval", "WK001400", "2025-03-20 09:00:00"});
    AddMelding({"foutparkeren", "parkeren", "WK001401", "2025-05-05 09:00:00", "afgehandeld",
                "2025-05-10 17:00:00", "2025-05-20 10:00:00"});
    AddMelding({"foutparkeren", "parkeren", "WK001401", "2025-06-06 09:00:00"});
    AddMelding({"signaal-mensenhandel", "mensenhandel", "WK001400", "2025-08-01 09:00:00"});
    AddMelding({"jeugdoverlast", "overlast", "WK001402", "2025-11-11 23:00:00"});
    // 2024: four meldingen.
    for (const char* day : {"2024-02-01", "2024-04-01", "2024-07-01", "2024-10-01"}) {
      AddMelding({"hondenpoep", "afval", "WK001400", std::string(day) + " 12:00:00"});
    }
    programme::IndicatorStore indicators(*db_, clock_);
    ASSERT_TRUE(indicators.ComputeAll("GM0014", {2024, 0}, "t").ok());
    ASSERT_TRUE(indicators.ComputeAll("GM0014", {2025, 0}, "t").ok());
    // The council was told parking enforcement is behind; the analyst wrote an introduction.
    clock_.Advance(std::chrono::hours(24));
    programme::ItemUpdate update;
    update.status = programme::ItemStatus::kDelayed;
    update.explanation = "Te weinig handhavers in de zomer.";
    auto v = repo.UpdateItem("GM0014", kLv, "parkeren", update, {}, who_);
    ASSERT_TRUE(v.ok()) << v.status().ToString();
    programme::ReportTextStore texts(*db_, clock_);
    ASSERT_TRUE(
        texts.Put("GM0014", kLv, {2025, 0}, "", "Een jaar van opbouw & samenwerking.", who_).ok());
  }

  ProgressReport Load(const std::string& code, bool suppress) {
    auto r = LoadProgressReport(*db_, clock_, "GM0014", code, {2025, 0}, clock_.Now(),
                                {.enabled = suppress});
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : ProgressReport{};
  }

  programme::ChangeContext who_{"u-analist", "analist", "127.0.0.1"};
};

TEST_F(ReportsTest, ProgressReportPdfShowsEveryActionLineItsStatusAndTheFigures) {
  const ProgressReport report = Load(kLv, false);
  // The figures for 2025: 7 meldingen over the four quarters, half closed in time.
  const programme::Indicator* per_wijk = nullptr;
  const programme::Indicator* on_time = nullptr;
  for (const auto& ind : report.tree.indicators) {
    if (ind.query == "meldingen_per_categorie_per_wijk") per_wijk = &ind;
    if (ind.query == "aandeel_binnen_termijn") on_time = &ind;
  }
  ASSERT_NE(per_wijk, nullptr);
  ASSERT_NE(on_time, nullptr);
  EXPECT_EQ(PeriodValue(*per_wijk, {2025, 0}), std::optional<double>(7));
  EXPECT_EQ(PeriodValue(*per_wijk, {2024, 0}), std::optional<double>(4));
  EXPECT_EQ(PeriodValue(*on_time, {2025, 0}), std::optional<double>(50));

  auto pdf = ProgressReportPdf(report);
  ASSERT_TRUE(pdf.ok()) << pdf.status().ToString();
  const std::string text = testing::PdfText(*pdf);
  for (const programme::ActionLine& line : report.tree.programme.action_lines) {
    EXPECT_NE(text.find(line.name), std::string::npos) << line.name;
  }
  for (const char* expected :
       {"Voortgangsrapportage 2025", "Inhoud", "Status: Vertraagd",
        "Te weinig handhavers in de zomer.", "Een jaar van opbouw & samenwerking.", "Pagina 1 van",
        "Wat is er veranderd sinds 1 januari 2025", "50,0%", "Gronings Toezichtmodel"}) {
    EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n" << text.substr(0, 3000);
  }
  // The status change made since the period began is listed with its old and new value.
  EXPECT_NE(text.find("parkeren: status van 'Niet gestart' naar 'Vertraagd'"), std::string::npos)
      << text;
  // Same data, same bytes; also for the XLSX.
  EXPECT_EQ(*pdf, *ProgressReportPdf(Load(kLv, false)));
  auto xlsx = ProgressReportXlsx(report);
  ASSERT_TRUE(xlsx.ok()) << xlsx.status().ToString();
  EXPECT_EQ(xlsx->rfind("PK", 0), 0u);
  EXPECT_EQ(*xlsx, *ProgressReportXlsx(Load(kLv, false)));
}

// Reports for everyone: the PDF is tagged (a structure tree with headings, paragraphs, figures
// and tables, so a screen reader can follow it), carries its title and language, links its
// accessible HTML version, and shows a budget change in euros, not in cents.
TEST_F(ReportsTest, ProgressReportPdfIsTaggedAndLinksItsAccessibleHtmlVersion) {
  programme::ProgrammeRepository repo(*db_, clock_);
  programme::ItemUpdate update;
  update.budget = programme::Budget{.planned_cents = 1250000, .spent_cents = 125050};
  ASSERT_TRUE(repo.UpdateItem("GM0014", kLv, "parkeren", update, {}, who_).ok());
  ProgressReport report = Load(kLv, false);
  report.html_url = "https://baken.example.nl/api/v1/programmas/" + std::string(kLv) +
                    "/voortgang?periode=2025&formaat=html";
  auto pdf = ProgressReportPdf(report);
  ASSERT_TRUE(pdf.ok()) << pdf.status().ToString();
  // (This report has no figure blocks; render_test checks Figure and Caption.)
  for (const char* expected :
       {"/StructTreeRoot", "/MarkInfo << /Marked true >>", "/S /H1", "/S /H2", "/S /P", "/S /Table",
        "/S /TR", "/S /TOCI", "/Subtype /Link", "/Lang (nl-NL)"}) {
    EXPECT_NE(pdf->find(expected), std::string::npos) << expected;
  }
  EXPECT_NE(pdf->find("/URI (" + report.html_url + ")"), std::string::npos);
  // pdfinfo reads the title and sees a tagged PDF (so the incremental update is valid PDF).
  const std::filesystem::path path = std::filesystem::temp_directory_path() /
                                     ("baken_tagged_" + std::to_string(::getpid()) + ".pdf");
  std::ofstream(path, std::ios::binary) << *pdf;
  FILE* p = ::popen(("pdfinfo " + path.string() + " 2>&1").c_str(), "r");
  ASSERT_NE(p, nullptr);
  std::string info;
  char buf[512];
  while (std::fgets(buf, sizeof buf, p) != nullptr) info += buf;
  ::pclose(p);
  std::filesystem::remove(path);
  EXPECT_NE(info.find("Voortgangsrapportage 2025 — Uitvoeringsprogramma"), std::string::npos)
      << info;
  EXPECT_NE(info.find("Tagged:          yes"), std::string::npos) << info;
  EXPECT_EQ(info.find("Syntax Error"), std::string::npos) << info;

  const std::string text = testing::PdfText(*pdf);
  EXPECT_NE(text.find("toegankelijke webpagina"), std::string::npos) << text.substr(0, 2000);
  EXPECT_NE(text.find("gepland € 12.500,00, besteed € 1.250,50"), std::string::npos) << text;
  EXPECT_EQ(text.find(" ct"), std::string::npos) << text;
  EXPECT_NE(ProgressReportHtml(report).find("€ 12.500,00"), std::string::npos);
}

TEST_F(ReportsTest, AReportAsOfAnEarlierDateShowsTheStatusOfThatDate) {
  // Parking was set to "vertraagd" a day after the figures were computed; a report as of that
  // first day still says what the council was told then, also after the change.
  const Timestamp before_change = clock_.Now() - std::chrono::hours(2);
  auto r = LoadProgressReport(*db_, clock_, "GM0014", kLv, {2025, 0}, before_change, {});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const programme::ActionLine* parking = programme::FindActionLine(r->tree.programme, "parkeren");
  ASSERT_NE(parking, nullptr);
  EXPECT_EQ(parking->progress.status, programme::ItemStatus::kNotStarted);
  auto pdf = ProgressReportPdf(*r);
  ASSERT_TRUE(pdf.ok()) << pdf.status().ToString();
  const std::string text = testing::PdfText(*pdf);
  EXPECT_EQ(text.find("Te weinig handhavers in de zomer."), std::string::npos) << text;
  EXPECT_EQ(text.find("Status: Vertraagd"), std::string::npos);
  // And the same report as of now has the change.
  EXPECT_NE(testing::PdfText(*ProgressReportPdf(Load(kLv, false))).find("Status: Vertraagd"),
            std::string::npos);
}

TEST_F(ReportsTest, SuppressedReportsShowSmallCountsAboutPersonsAsLessThanFive) {
  const ProgressReport open = Load(kMh, false);
  const ProgressReport council = Load(kMh, true);
  const std::string exact = ProgressReportHtml(open);
  const std::string suppressed = ProgressReportHtml(council);
  EXPECT_NE(suppressed.find("&lt; 5"), std::string::npos);
  EXPECT_EQ(exact.find("&lt; 5"), std::string::npos);
  EXPECT_NE(suppressed.find("<html lang=\"nl\">"), std::string::npos);
  EXPECT_NE(suppressed.find("<caption>"), std::string::npos);
  auto pdf = ProgressReportPdf(council);
  ASSERT_TRUE(pdf.ok());
  const std::string text = testing::PdfText(*pdf);
  EXPECT_TRUE(text.find("< 5") != std::string::npos || text.find("<5") != std::string::npos)
      << text.substr(0, 3000);
  EXPECT_NE(text.find("zijn afgeschermd"), std::string::npos);
}

TEST_F(ReportsTest, HighlightsCarryTheYearsFiguresAndAreTheSameEveryTime) {
  auto data = LoadHighlights(*db_, clock_, "GM0014", 2025, clock_.Now());
  ASSERT_TRUE(data.ok()) << data.status().ToString();
  const HighlightsSheet& s = data->sheet;
  ASSERT_GE(s.figures.size(), 4u);
  EXPECT_EQ(s.figures[0].value, "7");
  EXPECT_EQ(s.figures[0].change, "▲ 75% t.o.v. 2024");  // 4 → 7
  EXPECT_EQ(s.figures[1].value, "50%");
  EXPECT_EQ(s.figures[2].value, "< 5");  // one trafficking signal, about persons
  EXPECT_EQ(s.columns, (std::vector<double>{3, 2, 1, 1}));
  ASSERT_FALSE(s.bars.empty());
  EXPECT_EQ(s.bars[0], (std::pair<std::string, double>{"Hondenpoep", 3}));
  EXPECT_EQ(s.map.size(), 15u);  // Groningen's wijken in the CBS 2017 map
  int vertraagd = 0;
  for (const StatusCount& c : s.statuses) {
    if (c.label == "vertraagd") vertraagd = c.count;
  }
  EXPECT_EQ(vertraagd, 1);
  DocumentInfo info{.title = s.title, .date = data->date, .png_dpi = 96};
  auto png = RenderHighlights(s, Format::kPng, SheetSize::kA4Landscape, info);
  ASSERT_TRUE(png.ok()) << png.status().ToString();
  EXPECT_GT(png->size(), 20'000u);
  auto again = LoadHighlights(*db_, clock_, "GM0014", 2025, clock_.Now());
  EXPECT_EQ(*png, *RenderHighlights(again->sheet, Format::kPng, SheetSize::kA4Landscape, info));
  auto pdf = RenderHighlights(s, Format::kPdf, SheetSize::kA4Landscape, info);
  const std::string text = testing::PdfText(*pdf);
  EXPECT_NE(text.find("Highlights 2025"), std::string::npos);
  EXPECT_NE(text.find("Centrum"), std::string::npos) << text;  // most meldingen per inwoner
}

TEST_F(ReportsTest, AYearWithoutStoredFiguresIsAClearError) {
  auto none = LoadHighlights(*db_, clock_, "GM0014", 2023, clock_.Now());
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.status().code(), StatusCode::kNotFound);
  EXPECT_NE(none.status().message().find("baken programma compute --period 2023"),
            std::string::npos);
  auto unknown =
      LoadProgressReport(*db_, clock_, "GM0014", "bestaat-niet", {2025, 0}, clock_.Now(), {});
  EXPECT_EQ(unknown.status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace baken::render
