// Tests of the render module: Dutch number and date forms, a multi-page PDF read back with
// pdftotext (contents, headings, page numbers, a long table's header repeated), PNG size and
// content, and the same bytes for the same drawing in PDF, SVG, PNG and XLSX.
#include <cairo.h>
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "baken/render/canvas.h"
#include "baken/render/charts.h"
#include "baken/render/document.h"
#include "baken/render/highlights.h"
#include "baken/render/testing/pdf_text.h"
#include "baken/render/text.h"
#include "baken/render/xlsx.h"

namespace baken::render {
namespace {

int Count(const std::string& haystack, const std::string& needle) {
  int n = 0;
  for (size_t at = haystack.find(needle); at != std::string::npos;
       at = haystack.find(needle, at + 1)) {
    ++n;
  }
  return n;
}

// The text of a PDF as pdftotext (poppler) reads it, in reading order.
struct Pixels {
  int width = 0, height = 0;
  int64_t dark = 0;  // pixels clearly darker than the white background
};

Pixels ReadPng(const std::string& png) {
  struct Source {
    const std::string* bytes;
    size_t at;
  } source{&png, 0};
  cairo_surface_t* image = cairo_image_surface_create_from_png_stream(
      [](void* closure, unsigned char* data, unsigned int length) {
        auto* s = static_cast<Source*>(closure);
        if (s->at + length > s->bytes->size()) return CAIRO_STATUS_READ_ERROR;
        std::copy_n(s->bytes->data() + s->at, length, data);
        s->at += length;
        return CAIRO_STATUS_SUCCESS;
      },
      &source);
  Pixels p;
  if (cairo_surface_status(image) == CAIRO_STATUS_SUCCESS) {
    p.width = cairo_image_surface_get_width(image);
    p.height = cairo_image_surface_get_height(image);
    const int stride = cairo_image_surface_get_stride(image);
    const unsigned char* data = cairo_image_surface_get_data(image);
    for (int y = 0; y < p.height; ++y) {
      for (int x = 0; x < p.width; ++x) {
        const uint32_t px = *reinterpret_cast<const uint32_t*>(data + y * stride + x * 4);
        const int luma = ((px >> 16) & 0xff) + ((px >> 8) & 0xff) + (px & 0xff);
        if (luma < 3 * 160) ++p.dark;
      }
    }
  }
  cairo_surface_destroy(image);
  return p;
}

TEST(DutchForms, NumbersAndDatesAreWrittenTheDutchWay) {
  EXPECT_EQ(DutchInteger(0), "0");
  EXPECT_EQ(DutchInteger(999), "999");
  EXPECT_EQ(DutchInteger(1234567), "1.234.567");
  EXPECT_EQ(DutchInteger(-4500), "-4.500");
  EXPECT_EQ(DutchDecimal(12.345, 1), "12,3");
  EXPECT_EQ(DutchDecimal(1234.5, 2), "1.234,50");
  EXPECT_EQ(DutchDecimal(-0.04, 1), "0,0");
  EXPECT_EQ(DutchPercent(0.875, 1), "87,5%");
  EXPECT_EQ(DutchPercent(0.875), "88%");
  EXPECT_EQ(DutchLongDate("2025-12-31"), "31 december 2025");
  EXPECT_EQ(DutchLongDate("2026-03-01"), "1 maart 2026");
  EXPECT_EQ(DutchMonthShort(10), "okt");
}

TEST(Formats, UnknownFormatIsRefusedInDutchNamingTheField) {
  auto bad = ParseFormat("docx");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().field(), "formaat");
  EXPECT_EQ(bad.status().message(), "Kies pdf, svg of png.");
  EXPECT_EQ(*ParseFormat("png"), Format::kPng);
}

TEST(QuantileBreaks, SplitTheValuesInEqualGroups) {
  EXPECT_EQ(QuantileBreaks({1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 5),
            (std::vector<double>{2, 4, 6, 8, 10}));
  // Ties collapse: fewer classes than asked rather than empty ones.
  EXPECT_EQ(QuantileBreaks({3, 3, 3, 3, 9}, 5), (std::vector<double>{3, 9}));
  EXPECT_TRUE(QuantileBreaks({}, 5).empty());
}

FlowDocument LongReport() {
  DocumentInfo info{.title = "Voortgangsrapportage 2025",
                    .author = "Gemeente Groningen",
                    .subject = "Uitvoeringsprogramma",
                    .date = "2025-12-31"};
  FlowDocument doc(info, "Voortgangsrapportage 2025 · Uitvoeringsprogramma");
  doc.Title("Voortgangsrapportage 2025", "Uitvoeringsprogramma Leefbaarheid en Veiligheid",
            "Cijfers tot en met 31 december 2025.");
  doc.Heading(1, "Samenvatting");
  doc.Paragraph("Zeven van de acht actielijnen lopen volgens plan.");
  doc.Heading(1, "Actielijnen");
  doc.Heading(2, "Overlast in de openbare ruimte");
  Table t;
  t.columns = {{"Wijk", 3}, {"Meldingen", 1, Align::kRight}, {"Trend", 2}};
  for (int i = 0; i < 120; ++i) {
    TableCell trend;
    trend.draw = [i](cairo_t* cr, Rect r) {
      DrawSparkline(cr, r, {1.0 * i, 2.0 * i, std::nullopt, 3.0 * i}, 2.0 * i, false);
    };
    t.rows.push_back({{.text = "Wijk " + std::to_string(i + 1)},
                      {.text = DutchInteger(1000 + i * 37)},
                      std::move(trend)});
  }
  doc.AddTable(std::move(t));
  doc.Heading(2, "Gronings Toezichtmodel");
  doc.AddFigure(
      {.height = 140,
       .draw =
           [](cairo_t* cr, Rect r) {
             DrawColumns(cr, r, {"jan", "feb", "mrt"}, {120, 80, 95}, palette::kPrimary, true);
           },
       .caption = "Figuur 1. Koppeldiensten per maand."});
  return doc;
}

TEST(FlowDocument, LongReportHasContentsPageNumbersAndRepeatedTableHeader) {
  auto pdf = LongReport().RenderPdf();
  ASSERT_TRUE(pdf.ok()) << pdf.status().ToString();
  ASSERT_EQ(pdf->rfind("%PDF-1.5", 0), 0u);
  const std::string text = testing::PdfText(*pdf, testing::PdfLayout::kColumns);
  ASSERT_FALSE(text.empty()) << "pdftotext gaf niets";
  EXPECT_NE(text.find("Inhoud"), std::string::npos) << text.substr(0, 3000);
  EXPECT_NE(text.find("1 Samenvatting"), std::string::npos);
  EXPECT_NE(text.find("2.1 Overlast in de openbare ruimte"), std::string::npos);
  EXPECT_NE(text.find("2.2 Gronings Toezichtmodel"), std::string::npos);
  EXPECT_NE(text.find("Peildatum 31 december 2025"), std::string::npos);
  EXPECT_NE(text.find("5.403"), std::string::npos);  // 1000 + 119 * 37, Dutch thousands
  // 120 rows do not fit on one page: the header comes back on every page the table runs over.
  const int pages = Count(text, "\f") + (text.back() == '\f' ? 0 : 1);
  EXPECT_GE(pages, 4);
  EXPECT_NE(text.find("Pagina 1 van " + std::to_string(pages)), std::string::npos) << pages;
  EXPECT_NE(text.find("Pagina " + std::to_string(pages) + " van " + std::to_string(pages)),
            std::string::npos);
  EXPECT_GE(Count(text, "Meldingen"), 3);
  // Every heading appears twice: in the contents and in the text.
  EXPECT_EQ(Count(text, "Gronings Toezichtmodel"), 2);
}

// Tagged PDF: headings, paragraphs, the table (one Table per page it runs over, a TR per row),
// the figure with its caption as its text, the contents as TOC items; the title and the language
// in the catalog. A table split over pages keeps the tags balanced: the PDF stays readable.
TEST(FlowDocument, LongReportIsTaggedForScreenReaders) {
  auto pdf = LongReport().RenderPdf();
  ASSERT_TRUE(pdf.ok()) << pdf.status().ToString();
  for (const char* expected :
       {"/StructTreeRoot", "/MarkInfo << /Marked true >>", "/S /H1", "/S /H2", "/S /H3", "/S /P",
        "/S /Table", "/S /TR", "/S /Figure", "/S /Caption", "/S /TOC", "/S /TOCI", "/Lang (nl-NL)",
        "/Title (Voortgangsrapportage 2025)"}) {
    EXPECT_NE(pdf->find(expected), std::string::npos) << expected;
  }
  // The table runs over at least three pages: as many Table elements as pages it is on.
  EXPECT_GE(Count(*pdf, "/S /Table"), 3);
  EXPECT_NE(testing::PdfText(*pdf).find("Figuur 1. Koppeldiensten per maand."), std::string::npos);
}

TEST(FlowDocument, SameBlocksGiveTheSameBytes) {
  auto a = LongReport().RenderPdf();
  auto b = LongReport().RenderPdf();
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(*a, *b);
}

void DrawSample(cairo_t* cr, int) {
  DrawText(cr, 40, 40, 400, "Highlights 2025", TextStyle{.size = 28, .bold = true});
  MapArea square{.rings = {{{0, 0}, {1000, 0}, {1000, 1000}, {0, 1000}}}, .value = 5};
  MapArea next{.rings = {{{1000, 0}, {2000, 0}, {2000, 1000}, {1000, 1000}}}, .value = 50};
  DrawChoropleth(cr, {40, 100, 300, 200}, {square, next}, "Meldingen per 1.000 inwoners");
}

TEST(RenderPages, PngHasTheAskedSizeAndIsNotBlank) {
  DocumentInfo info{.title = "Proef", .date = "2025-12-31", .png_dpi = 96};
  auto png = RenderPages(Format::kPng, kA4Landscape, 1, info, DrawSample);
  ASSERT_TRUE(png.ok()) << png.status().ToString();
  const Pixels p = ReadPng(*png);
  EXPECT_EQ(p.width, 1123);  // 841.89 pt at 96 dpi
  EXPECT_EQ(p.height, 794);
  EXPECT_GT(p.dark, 2000);  // the title and the dark map class
  auto blank = RenderPages(Format::kPng, kA4Landscape, 1, info, [](cairo_t*, int) {});
  ASSERT_TRUE(blank.ok());
  EXPECT_EQ(ReadPng(*blank).dark, 0);
}

TEST(RenderPages, SvgAndPdfAreTheSameBytesEveryTime) {
  DocumentInfo info{.title = "Proef", .date = "2025-12-31"};
  for (Format f : {Format::kSvg, Format::kPdf, Format::kPng}) {
    auto a = RenderPages(f, kA4Landscape, 1, info, DrawSample);
    auto b = RenderPages(f, kA4Landscape, 1, info, DrawSample);
    ASSERT_TRUE(a.ok() && b.ok());
    EXPECT_EQ(*a, *b) << FormatExtension(f);
  }
  auto svg = RenderPages(Format::kSvg, kA4Landscape, 1, info, DrawSample);
  EXPECT_NE(svg->find("<svg"), std::string::npos);
  EXPECT_NE(svg->find("id=\"surface1\""), std::string::npos);
}

TEST(RenderPages, OnlyPdfHoldsMorePages) {
  auto svg = RenderPages(Format::kSvg, kA4Portrait, 2, {}, DrawSample);
  ASSERT_FALSE(svg.ok());
  EXPECT_EQ(svg.status().field(), "formaat");
}

TEST(Xlsx, SheetsAreWrittenTheSameEveryTime) {
  DocumentInfo info{.title = "Cijfers", .author = "Gemeente Groningen", .date = "2025-12-31"};
  XlsxSheet sheet{
      .name = "Indicatoren [2025]: alles/overzicht van het jaar",
      .header = {"Indicator", "Waarde", "Aandeel"},
      .widths = {40, 12, 12},
      .rows = {{XlsxCell::Text("Meldingen"), XlsxCell::Number(1234), XlsxCell::Share(0.8)}}};
  auto a = WriteXlsx({sheet}, info);
  auto b = WriteXlsx({sheet}, info);
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(a->rfind("PK", 0), 0u);
  EXPECT_EQ(*a, *b);
}

HighlightsSheet Sheet() {
  HighlightsSheet s;
  s.title = "Highlights 2025";
  s.subtitle = "Leefbaarheid en Veiligheid";
  s.organisation = "Gemeente Groningen";
  s.figures = {{"✉", "38.412", "meldingen", "▲ 6% t.o.v. 2024", KeyFigure::Tone::kNeutral},
               {"✓", "87%", "op tijd afgehandeld", "▲ 3 procentpunt", KeyFigure::Tone::kGood},
               {"⚑", "< 5", "signalen mensenhandel", "", KeyFigure::Tone::kNeutral}};
  s.map_title = "Meldingen per 1.000 inwoners";
  s.map_legend = "per 1.000 inwoners";
  s.map = {{.rings = {{{0, 0}, {10, 0}, {10, 10}, {0, 10}}}, .value = 12.5},
           {.rings = {{{10, 0}, {20, 0}, {20, 10}, {10, 10}}}, .value = 80}};
  s.columns_title = "Meldingen per kwartaal";
  s.column_labels = {"K1", "K2", "K3", "K4"};
  s.columns = {9100, 10240, 11003, 8069};
  s.bars_title = "Meest gemeld";
  s.bars = {{"Afval", 120}, {"Parkeren", 80}};
  s.status_title = "Actielijnen";
  s.statuses = {{"lopend", 5, palette::kPrimary}, {"afgerond", 2, palette::kGood}};
  s.texts = {{"Binnenstad", "De meeste meldingen per inwoner kwamen uit de binnenstad."}};
  s.source = "Bron: Baken, peildatum 31 december 2025";
  return s;
}

TEST(Highlights, OnePageWithTheFiguresInEveryFormatAndTheSameBytesTwice) {
  DocumentInfo info{.title = "Highlights 2025", .date = "2025-12-31", .png_dpi = 110};
  auto pdf = RenderHighlights(Sheet(), Format::kPdf, SheetSize::kA4Landscape, info);
  ASSERT_TRUE(pdf.ok()) << pdf.status().ToString();
  const std::string text = testing::PdfText(*pdf, testing::PdfLayout::kColumns);
  // pdftotext may drop the thin space in "< 5".
  EXPECT_TRUE(text.find("< 5") != std::string::npos || text.find("<5") != std::string::npos);
  for (const char* expected :
       {"Highlights 2025", "38.412", "87%", "op tijd afgehandeld", "5 lopend", "2 afgerond",
        "Meest gemeld", "Binnenstad", "peildatum 31 december 2025"}) {
    EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n" << text;
  }
  auto png = RenderHighlights(Sheet(), Format::kPng, SheetSize::kA4Landscape, info);
  ASSERT_TRUE(png.ok());
  const Pixels p = ReadPng(*png);
  EXPECT_EQ(p.width, 1286);                    // A4 landscape at 110 dpi
  EXPECT_GT(p.dark, p.width * p.height / 50);  // the band, tiles, map and text: not blank
  auto screen = RenderHighlights(Sheet(), Format::kPng, SheetSize::kScreen, info);
  ASSERT_TRUE(screen.ok());
  const Pixels sp = ReadPng(*screen);
  EXPECT_NEAR(sp.width * 9.0 / (sp.height * 16.0), 1.0, 0.002);  // 16:9
  for (Format f : {Format::kPdf, Format::kSvg, Format::kPng}) {
    auto a = RenderHighlights(Sheet(), f, SheetSize::kA4Landscape, info);
    auto b = RenderHighlights(Sheet(), f, SheetSize::kA4Landscape, info);
    ASSERT_TRUE(a.ok() && b.ok());
    EXPECT_EQ(*a, *b) << FormatExtension(f);
  }
}

}  // namespace
}  // namespace baken::render
