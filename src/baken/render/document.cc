// A flowing A4 report with contents and page numbers: see document.h.
#include "baken/render/document.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace baken::render {

namespace {

using internal::FlowBlock;
using Kind = FlowBlock::Kind;

constexpr PageSize kPage = kA4Portrait;
constexpr double kLeft = 62, kRight = 62, kTop = 72, kBottom = 64;
constexpr double kWidth = kPage.width - kLeft - kRight;
constexpr double kContentBottom = kPage.height - kBottom;
constexpr double kCellPad = 4;

TextStyle HeadingStyle(int level) {
  return TextStyle{.size = level == 1 ? 15.0 : 11.5, .bold = true, .color = palette::kPrimary};
}
double SpaceBefore(int level) {
  return level == 1 ? 16 : 10;
}
constexpr double kSpaceAfterHeading = 5;
constexpr double kParagraphGap = 6;
const TextStyle kCellStyle{.size = 8.5};
const TextStyle kHeaderStyle{.size = 8, .bold = true, .color = palette::kMuted};

// What lands where: one heading, paragraph, figure, or one table row (row -1 = header).
struct Placed {
  int page = 0;
  double y = 0;
  double height = 0;
  size_t block = 0;
  int row = 0;
};

std::vector<double> ColumnWidths(const Table& t) {
  double total = 0;
  for (const TableColumn& c : t.columns) total += c.weight;
  std::vector<double> w;
  for (const TableColumn& c : t.columns) w.push_back(kWidth * c.weight / (total > 0 ? total : 1));
  return w;
}

double RowHeight(cairo_t* cr, const Table& t, int row) {
  const std::vector<double> widths = ColumnWidths(t);
  double h = 0;
  for (size_t c = 0; c < t.columns.size(); ++c) {
    if (row < 0) {
      h = std::max(h, TextHeight(cr, t.columns[c].title, widths[c] - 2 * kCellPad, kHeaderStyle));
      continue;
    }
    const std::vector<TableCell>& cells = t.rows[row];
    if (c >= cells.size()) continue;
    if (cells[c].draw) {
      h = std::max(h, t.drawn_row_height - 2 * kCellPad);
    } else {
      TextStyle style = kCellStyle;
      style.bold = cells[c].bold;
      h = std::max(h, TextHeight(cr, cells[c].text, widths[c] - 2 * kCellPad, style));
    }
  }
  return h + 2 * kCellPad;
}

// Contents entries of the title page: one line per heading.
constexpr double kTocStartFirst = 300, kTocLine = 15;
int TocPages(size_t headings) {
  const double first = (kContentBottom - kTocStartFirst) / kTocLine;
  if (headings <= first) return 1;
  const double per_page = (kContentBottom - kTop) / kTocLine;
  return 1 + static_cast<int>(std::ceil((headings - first) / per_page));
}

std::vector<Placed> Layout(cairo_t* cr, const std::vector<FlowBlock>& blocks, int first_page,
                           int& pages) {
  std::vector<Placed> placed;
  int page = first_page;
  double y = kTop;
  auto new_page = [&] {
    ++page;
    y = kTop;
  };
  auto fits = [&](double h) { return y + h <= kContentBottom || y == kTop; };
  for (size_t b = 0; b < blocks.size(); ++b) {
    const FlowBlock& block = blocks[b];
    switch (block.kind) {
      case Kind::kPageBreak:
        if (y > kTop) new_page();
        break;
      case Kind::kHeading: {
        const double before = y == kTop ? 0 : SpaceBefore(block.level);
        const double h = TextHeight(cr, block.text, kWidth, HeadingStyle(block.level));
        if (!fits(before + h + kSpaceAfterHeading + 60)) new_page();
        if (y > kTop) y += before;
        placed.push_back({page, y, h, b, 0});
        y += h + kSpaceAfterHeading;
        break;
      }
      case Kind::kParagraph: {
        const double h = TextHeight(cr, block.text, kWidth, block.style);
        if (!fits(h)) new_page();
        placed.push_back({page, y, h, b, 0});
        y += h + kParagraphGap;
        break;
      }
      case Kind::kFigure: {
        const double caption = block.figure.caption.empty()
                                   ? 0
                                   : TextHeight(cr, block.figure.caption, kWidth,
                                                TextStyle{.size = 8, .italic = true}) +
                                         3;
        const double h = block.figure.height + caption;
        if (!fits(h)) new_page();
        placed.push_back({page, y, h, b, 0});
        y += h + kParagraphGap;
        break;
      }
      case Kind::kTable: {
        const double header = RowHeight(cr, block.table, -1);
        const int n = static_cast<int>(block.table.rows.size());
        if (!fits(header + (n > 0 ? RowHeight(cr, block.table, 0) : 0))) new_page();
        placed.push_back({page, y, header, b, -1});
        y += header;
        for (int r = 0; r < n; ++r) {
          const double h = RowHeight(cr, block.table, r);
          if (y + h > kContentBottom) {
            new_page();
            placed.push_back({page, y, header, b, -1});
            y += header;
          }
          placed.push_back({page, y, h, b, r});
          y += h;
        }
        y += kParagraphGap + 2;
        break;
      }
    }
  }
  pages = page + 1;
  return placed;
}

void DrawRow(cairo_t* cr, const Table& t, int row, double y, double h) {
  const std::vector<double> widths = ColumnWidths(t);
  double x = kLeft;
  if (row < 0) FillRect(cr, {kLeft, y, kWidth, h}, palette::kPanel);
  for (size_t c = 0; c < t.columns.size(); ++c) {
    const Rect cell{x + kCellPad, y + kCellPad, widths[c] - 2 * kCellPad, h - 2 * kCellPad};
    if (row < 0) {
      TextStyle style = kHeaderStyle;
      style.align = t.columns[c].align;
      DrawText(cr, cell.x, cell.y, cell.w, t.columns[c].title, style);
    } else if (c < t.rows[row].size()) {
      const TableCell& value = t.rows[row][c];
      if (value.draw) {
        value.draw(cr, cell);
      } else {
        TextStyle style = kCellStyle;
        style.align = t.columns[c].align;
        style.bold = value.bold;
        style.color = value.color;
        DrawText(cr, cell.x, cell.y, cell.w, value.text, style);
      }
    }
    x += widths[c];
  }
  SetColor(cr, palette::kRule);
  cairo_set_line_width(cr, 0.5);
  cairo_move_to(cr, kLeft, y + h);
  cairo_line_to(cr, kLeft + kWidth, y + h);
  cairo_stroke(cr);
}

}  // namespace

FlowDocument::FlowDocument(DocumentInfo info, std::string running_title)
    : info_(std::move(info)), running_title_(std::move(running_title)) {}

void FlowDocument::Title(std::string title, std::string subtitle, std::string note) {
  title_ = std::move(title);
  subtitle_ = std::move(subtitle);
  note_ = std::move(note);
}

void FlowDocument::Heading(int level, const std::string& text) {
  FlowBlock b;
  b.kind = Kind::kHeading;
  b.level = level <= 1 ? 1 : 2;
  if (b.level == 1) {
    ++chapter_;
    section_ = 0;
    b.text = std::to_string(chapter_) + " " + text;
  } else {
    ++section_;
    b.text = std::to_string(chapter_) + "." + std::to_string(section_) + " " + text;
  }
  blocks_.push_back(std::move(b));
}

void FlowDocument::Paragraph(std::string text, TextStyle style) {
  FlowBlock b;
  b.kind = Kind::kParagraph;
  b.text = std::move(text);
  b.style = style;
  blocks_.push_back(std::move(b));
}

void FlowDocument::AddTable(Table table) {
  FlowBlock b;
  b.kind = Kind::kTable;
  b.table = std::move(table);
  blocks_.push_back(std::move(b));
}

void FlowDocument::AddFigure(Figure figure) {
  FlowBlock b;
  b.kind = Kind::kFigure;
  b.figure = std::move(figure);
  blocks_.push_back(std::move(b));
}

void FlowDocument::PageBreak() {
  FlowBlock b;
  b.kind = Kind::kPageBreak;
  blocks_.push_back(std::move(b));
}

namespace {

// A figure with its caption, tagged: the caption is the figure's text for screen readers.
void DrawFigure(cairo_t* cr, const Figure& figure, double y) {
  BeginStructure(cr, "Figure");
  figure.draw(cr, {kLeft, y, kWidth, figure.height});
  if (!figure.caption.empty()) {
    BeginStructure(cr, "Caption");
    DrawText(cr, kLeft, y + figure.height + 3, kWidth, figure.caption,
             TextStyle{.size = 8, .italic = true, .color = palette::kMuted});
    EndStructure(cr, "Caption");
  }
  EndStructure(cr, "Figure");
}

// "Ook als toegankelijke webpagina: <url>" on the title page, the address a link.
void DrawHtmlLink(cairo_t* cr, double y, const std::string& url) {
  BeginStructure(cr, "P");
  const TextStyle style{.size = 9.5};
  const double h = DrawText(cr, kLeft, y, kWidth,
                            "Deze rapportage is er ook als toegankelijke webpagina (HTML), "
                            "geschikt voor een schermlezer:",
                            style);
  BeginUriLink(cr, url);  // cairo's link tag is also the Link structure element
  DrawText(cr, kLeft, y + h + 2, kWidth, url, TextStyle{.size = 9.5, .color = palette::kPrimary});
  EndLink(cr);
  EndStructure(cr, "P");
}

}  // namespace

StatusOr<std::string> FlowDocument::RenderPdf() const {
  RETURN_IF_ERROR(FontsAvailable());
  const size_t headings = static_cast<size_t>(std::count_if(
      blocks_.begin(), blocks_.end(), [](const FlowBlock& b) { return b.kind == Kind::kHeading; }));
  const int toc_pages = TocPages(headings);
  int pages = 0;
  std::vector<Placed> placed;
  {
    MeasureContext measure;
    placed = Layout(measure.get(), blocks_, toc_pages, pages);
  }
  std::vector<const Placed*> toc;
  for (const Placed& p : placed) {
    if (blocks_[p.block].kind == Kind::kHeading) toc.push_back(&p);
  }
  const std::string total = std::to_string(pages);
  return RenderPages(Format::kPdf, kPage, pages, info_, [&](cairo_t* cr, int page) {
    const TextStyle muted{.size = 7.5, .color = palette::kMuted};
    if (page > 0) {
      DrawText(cr, kLeft, 36, kWidth, running_title_, muted);
      SetColor(cr, palette::kRule);
      cairo_set_line_width(cr, 0.5);
      cairo_move_to(cr, kLeft, 50);
      cairo_line_to(cr, kLeft + kWidth, 50);
      cairo_stroke(cr);
    }
    DrawText(cr, kLeft, kPage.height - 40, kWidth / 2, "Peildatum " + DutchLongDate(info_.date),
             muted);
    TextStyle right = muted;
    right.align = Align::kRight;
    DrawText(cr, kLeft + kWidth / 2, kPage.height - 40, kWidth / 2,
             "Pagina " + std::to_string(page + 1) + " van " + total, right);
    // Title page and contents.
    double toc_y = kTop;
    size_t toc_from = 0, toc_to = 0;
    if (page == 0) {
      FillRect(cr, {0, 0, kPage.width, 8}, palette::kPrimary);
      double y = 110;
      BeginStructure(cr, "H1");
      y += DrawText(cr, kLeft, y, kWidth, title_,
                    TextStyle{.size = 24, .bold = true, .color = palette::kPrimary});
      EndStructure(cr, "H1");
      BeginStructure(cr, "P");
      y += 8 + DrawText(cr, kLeft, y + 8, kWidth, subtitle_, TextStyle{.size = 13});
      EndStructure(cr, "P");
      if (!note_.empty()) {
        BeginStructure(cr, "P");
        y += 10 + DrawText(cr, kLeft, y + 10, kWidth, note_,
                           TextStyle{.size = 9, .color = palette::kMuted});
        EndStructure(cr, "P");
      }
      if (!info_.html_url.empty()) DrawHtmlLink(cr, y + 16, info_.html_url);
      BeginStructure(cr, "H2");
      DrawText(cr, kLeft, kTocStartFirst - 26, kWidth, "Inhoud", HeadingStyle(1));
      EndStructure(cr, "H2");
      toc_y = kTocStartFirst;
      toc_to =
          std::min(toc.size(), static_cast<size_t>((kContentBottom - kTocStartFirst) / kTocLine));
    } else if (page < toc_pages) {
      const size_t first = static_cast<size_t>((kContentBottom - kTocStartFirst) / kTocLine);
      const size_t per = static_cast<size_t>((kContentBottom - kTop) / kTocLine);
      toc_from = std::min(toc.size(), first + (page - 1) * per);
      toc_to = std::min(toc.size(), toc_from + per);
    }
    if (toc_from < toc_to) BeginStructure(cr, "TOC");
    for (size_t i = toc_from; i < toc_to; ++i) {
      const FlowBlock& h = blocks_[toc[i]->block];
      const double indent = h.level == 1 ? 0 : 18;
      TextStyle entry{.size = 9.5, .bold = h.level == 1, .max_lines = 1};
      BeginStructure(cr, "TOCI");
      BeginLink(cr, toc[i]->page, toc[i]->y);
      DrawText(cr, kLeft + indent, toc_y, kWidth - indent - 40, h.text, entry);
      entry.align = Align::kRight;
      DrawText(cr, kLeft + kWidth - 40, toc_y, 40, std::to_string(toc[i]->page + 1), entry);
      EndLink(cr);
      EndStructure(cr, "TOCI");
      toc_y += kTocLine;
    }
    if (toc_from < toc_to) EndStructure(cr, "TOC");
    // Content.
    int chapter_outline = 0;
    int64_t open_table = -1;
    for (const Placed& p : placed) {
      const FlowBlock& b = blocks_[p.block];
      if (b.kind == Kind::kHeading && page == 0) {
        // Bookmarks are added once (on the first page drawn), pointing at their own pages.
        const int id = AddOutline(cr, b.level == 1 ? 0 : chapter_outline, b.text, p.page, p.y);
        if (b.level == 1) chapter_outline = id;
      }
      if (p.page != page) continue;
      // The rows of one table on this page are one Table element.
      if (open_table >= 0 &&
          (b.kind != Kind::kTable || static_cast<int64_t>(p.block) != open_table)) {
        EndStructure(cr, "Table");
        open_table = -1;
      }
      switch (b.kind) {
        case Kind::kHeading: {
          // The title is H1: chapters are H2, sections H3.
          const char* tag = b.level == 1 ? "H2" : "H3";
          BeginStructure(cr, tag);
          DrawText(cr, kLeft, p.y, kWidth, b.text, HeadingStyle(b.level));
          EndStructure(cr, tag);
          break;
        }
        case Kind::kParagraph:
          BeginStructure(cr, "P");
          DrawText(cr, kLeft, p.y, kWidth, b.text, b.style);
          EndStructure(cr, "P");
          break;
        case Kind::kFigure: DrawFigure(cr, b.figure, p.y); break;
        case Kind::kTable:
          if (open_table < 0) {
            BeginStructure(cr, "Table");
            open_table = static_cast<int64_t>(p.block);
          }
          BeginStructure(cr, "TR");
          DrawRow(cr, b.table, p.row, p.y, p.height);
          EndStructure(cr, "TR");
          break;
        case Kind::kPageBreak: break;
      }
    }
    if (open_table >= 0) EndStructure(cr, "Table");
  });
}

}  // namespace baken::render
