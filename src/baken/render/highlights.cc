// The Highlights infographic: see highlights.h.
#include "baken/render/highlights.h"

#include <algorithm>
#include <cmath>

#include "baken/render/text.h"

namespace baken::render {

namespace {

constexpr PageSize kScreen{960, 540};  // 16:9, drawn at 2× in PNG by the caller's dpi

Color ToneColor(KeyFigure::Tone tone) {
  switch (tone) {
    case KeyFigure::Tone::kGood: return palette::kGood;
    case KeyFigure::Tone::kBad: return palette::kBad;
    case KeyFigure::Tone::kNeutral: return palette::kMuted;
  }
  return palette::kMuted;
}

void SectionTitle(cairo_t* cr, double x, double y, double w, const std::string& text, double k) {
  DrawText(cr, x, y, w, text, TextStyle{.size = 10 * k, .bold = true, .color = palette::kPrimary});
}

void DrawTile(cairo_t* cr, Rect r, const KeyFigure& f, double k) {
  SetColor(cr, palette::kPanel);
  RoundedRect(cr, r, 6 * k);
  cairo_fill(cr);
  const double icon = 26 * k;
  SetColor(cr, palette::kPrimary);
  cairo_arc(cr, r.x + 10 * k + icon / 2, r.y + 12 * k + icon / 2, icon / 2, 0, 2 * M_PI);
  cairo_fill(cr);
  DrawText(cr, r.x + 10 * k, r.y + 12 * k + 4 * k, icon, f.icon,
           TextStyle{.size = 13 * k, .color = Hex(0xffffff), .align = Align::kCenter});
  const double tx = r.x + 16 * k + icon, tw = r.w - (tx - r.x) - 8 * k;
  DrawText(cr, tx, r.y + 6 * k, tw, f.value,
           TextStyle{.size = 22 * k, .bold = true, .color = palette::kPrimary, .max_lines = 1});
  DrawText(cr, tx, r.y + 38 * k, tw, f.label,
           TextStyle{.size = 8.5 * k, .color = palette::kInk, .max_lines = 3});
  if (!f.change.empty()) {
    DrawText(cr, r.x + 10 * k, r.y + r.h - 17 * k, r.w - 20 * k, f.change,
             TextStyle{.size = 8 * k, .bold = true, .color = ToneColor(f.tone), .max_lines = 1});
  }
}

void DrawStatuses(cairo_t* cr, Rect r, const std::vector<StatusCount>& statuses, double k) {
  int total = 0;
  for (const StatusCount& s : statuses) total += s.count;
  if (total == 0) return;
  // One bar split by status, then a legend line per status.
  double x = r.x;
  const double bar_h = 14 * k;
  for (const StatusCount& s : statuses) {
    const double w = r.w * s.count / total;
    FillRect(cr, {x, r.y, w, bar_h}, s.color);
    x += w;
  }
  double y = r.y + bar_h + 6 * k;
  for (const StatusCount& s : statuses) {
    if (s.count == 0) continue;
    FillRect(cr, {r.x, y + 2 * k, 9 * k, 9 * k}, s.color);
    DrawText(cr, r.x + 14 * k, y, r.w - 14 * k, std::to_string(s.count) + " " + s.label,
             TextStyle{.size = 8.5 * k});
    y += 13 * k;
  }
}

void DrawSheet(cairo_t* cr, const HighlightsSheet& s, PageSize page) {
  // Everything is laid out on the A4 landscape grid and scaled by k for other sizes.
  const double k = std::min(page.width / kA4Landscape.width, page.height / kA4Landscape.height);
  const double W = page.width, H = page.height, m = 28 * k;
  // Title band.
  FillRect(cr, {0, 0, W, 66 * k}, palette::kPrimary);
  DrawText(cr, m, 12 * k, W * 0.6, s.title,
           TextStyle{.size = 24 * k, .bold = true, .color = Hex(0xffffff)});
  DrawText(cr, m, 44 * k, W * 0.7, s.subtitle,
           TextStyle{.size = 10 * k, .color = Hex(0xffffff), .max_lines = 1});
  DrawText(cr, W * 0.6, 22 * k, W * 0.4 - m, s.organisation,
           TextStyle{.size = 11 * k, .bold = true, .color = Hex(0xffffff), .align = Align::kRight});
  // Key figures.
  const size_t n = std::min<size_t>(s.figures.size(), 5);
  if (n > 0) {
    const double gap = 10 * k;
    const double tw = (W - 2 * m - gap * (n - 1)) / n;
    for (size_t i = 0; i < n; ++i) {
      DrawTile(cr, {m + i * (tw + gap), 80 * k, tw, 96 * k}, s.figures[i], k);
    }
  }
  // Three columns below: map | meldingen per period and most reported | action lines and texts.
  const double top = 192 * k, bottom = H - 34 * k;
  const double col1 = (W - 2 * m) * 0.38, col2 = (W - 2 * m) * 0.32;
  const double gap = 16 * k;
  const double x1 = m, x2 = x1 + col1 + gap, x3 = x2 + col2 + gap;
  const double col3 = W - m - x3;
  SectionTitle(cr, x1, top, col1, s.map_title, k);
  DrawChoropleth(cr, {x1, top + 18 * k, col1, bottom - top - 18 * k}, s.map, s.map_legend, 5, 1);
  SectionTitle(cr, x2, top, col2, s.columns_title, k);
  const double chart_h = (bottom - top) * 0.42;
  DrawColumns(cr, {x2, top + 18 * k, col2, chart_h}, s.column_labels, s.columns, palette::kPrimary,
              s.columns.size() <= 6);
  const double bars_top = top + 18 * k + chart_h + 16 * k;
  SectionTitle(cr, x2, bars_top, col2, s.bars_title, k);
  std::vector<std::pair<std::string, double>> bars(
      s.bars.begin(), s.bars.begin() + std::min<size_t>(s.bars.size(), 5));
  DrawBars(cr, {x2, bars_top + 18 * k, col2, bottom - bars_top - 18 * k}, bars, palette::kAccent);
  SectionTitle(cr, x3, top, col3, s.status_title, k);
  DrawStatuses(cr, {x3, top + 20 * k, col3, 90 * k}, s.statuses, k);
  double y = top + 20 * k + 14 * k + 13 * k * s.statuses.size() + 14 * k;
  for (const auto& [headline, text] : s.texts) {
    if (y > bottom - 30 * k) break;
    y += DrawText(cr, x3, y, col3, headline,
                  TextStyle{.size = 9 * k, .bold = true, .color = palette::kInk});
    y += DrawText(cr, x3, y + 1 * k, col3, text,
                  TextStyle{.size = 8.5 * k, .color = palette::kInk, .max_lines = 4}) +
         9 * k;
  }
  // Source.
  SetColor(cr, palette::kRule);
  cairo_set_line_width(cr, 0.5);
  cairo_move_to(cr, m, H - 24 * k);
  cairo_line_to(cr, W - m, H - 24 * k);
  cairo_stroke(cr);
  DrawText(cr, m, H - 20 * k, W - 2 * m, s.source,
           TextStyle{.size = 7.5 * k, .color = palette::kMuted});
}

}  // namespace

StatusOr<std::string> RenderHighlights(const HighlightsSheet& sheet, Format format, SheetSize size,
                                       const DocumentInfo& info) {
  RETURN_IF_ERROR(FontsAvailable());
  const PageSize page = size == SheetSize::kScreen ? kScreen : kA4Landscape;
  return RenderPages(format, page, 1, info, [&](cairo_t* cr, int) { DrawSheet(cr, sheet, page); });
}

}  // namespace baken::render
