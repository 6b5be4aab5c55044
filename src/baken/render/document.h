// A flowing A4 report: title page with a table of contents, numbered headings, paragraphs,
// tables that continue on the next page with their header repeated, and figures drawn by the
// caller; every page but the first has a running title and "Pagina N van M" in the footer.
//
// Build it block by block, then RenderPdf(). Layout runs twice: once to learn on which page each
// heading lands (for the contents, with links and PDF bookmarks) and once to draw. Headings are
// kept with what follows; figures are never split. Pure layout on plain data: the same blocks give
// the same bytes (see canvas.h).
#pragma once

#include <cairo.h>

#include <functional>
#include <string>
#include <vector>

#include "baken/base/status.h"
#include "baken/render/canvas.h"
#include "baken/render/charts.h"
#include "baken/render/text.h"

namespace baken::render {

struct TableColumn {
  std::string title;
  double weight = 1;  // share of the width, relative to the other columns
  Align align = Align::kLeft;
};

// A cell may hold text, or be drawn by a function (e.g. a sparkline) when `draw` is set.
struct TableCell {
  std::string text;
  std::function<void(cairo_t*, Rect)> draw;
  Color color = palette::kInk;
  bool bold = false;
};

struct Table {
  std::vector<TableColumn> columns;
  std::vector<std::vector<TableCell>> rows;
  double drawn_row_height = 22;  // rows with a drawn cell are at least this high
};

struct Figure {
  double height = 120;  // points
  std::function<void(cairo_t*, Rect)> draw;
  std::string caption;
};

namespace internal {
struct FlowBlock {
  enum class Kind { kHeading, kParagraph, kTable, kFigure, kPageBreak } kind = Kind::kParagraph;
  int level = 0;
  std::string text;  // heading (with its number) or paragraph
  TextStyle style;
  Table table;
  Figure figure;
};
}  // namespace internal

class FlowDocument {
 public:
  // `running_title` is shown at the top of every page but the first.
  FlowDocument(DocumentInfo info, std::string running_title);

  void Title(std::string title, std::string subtitle, std::string note);
  // Level 1 or 2, numbered "2" and "2.3"; both levels appear in the contents.
  void Heading(int level, const std::string& text);
  void Paragraph(std::string text, TextStyle style = {});
  void AddTable(Table table);
  void AddFigure(Figure figure);
  void PageBreak();

  StatusOr<std::string> RenderPdf() const;

 private:
  DocumentInfo info_;
  std::string running_title_;
  std::string title_, subtitle_, note_;
  std::vector<internal::FlowBlock> blocks_;
  int chapter_ = 0, section_ = 0;
};

}  // namespace baken::render
