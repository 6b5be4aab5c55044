// Text on a cairo context with fixed fonts, laid out by pango, and Dutch number and date forms.
//
// The fonts are DejaVu Sans (regular, bold, oblique) loaded from fixed files into a private
// fontconfig configuration, so what is installed on the machine never changes a report; hinting
// is off, so a text measures the same on PDF, SVG and PNG. FontsAvailable() says (in Dutch) which
// file is missing. Drawing functions must be called inside RenderPages() or MeasureContext()
// (they rely on its lock). Text is plain (no markup), wrapped at word boundaries to `width`.
#pragma once

#include <cairo.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "baken/base/status.h"

namespace baken::render {

struct Color {
  double r = 0, g = 0, b = 0;
};
Color Hex(uint32_t rgb);  // 0x1f3b73 → Color

enum class Align { kLeft, kCenter, kRight };

struct TextStyle {
  double size = 10;  // points
  bool bold = false;
  bool italic = false;
  Color color = {0.12, 0.12, 0.15};
  Align align = Align::kLeft;
  int max_lines = 0;  // 0: no limit; otherwise cut with an ellipsis
};

Status FontsAvailable();

// Height in points of `text` wrapped to `width`.
double TextHeight(cairo_t* cr, std::string_view text, double width, const TextStyle& style);
// Width in points of `text` on one line.
double TextWidth(cairo_t* cr, std::string_view text, const TextStyle& style);
// Draws with the top left of the text box at (x, y); returns the height used.
double DrawText(cairo_t* cr, double x, double y, double width, std::string_view text,
                const TextStyle& style);

// A context for measuring outside RenderPages (holds the render lock while alive).
class MeasureContext {
 public:
  MeasureContext();
  ~MeasureContext();
  MeasureContext(const MeasureContext&) = delete;
  MeasureContext& operator=(const MeasureContext&) = delete;
  cairo_t* get() const { return cr_; }

 private:
  cairo_surface_t* surface_;
  cairo_t* cr_;
};

// Dutch forms: 1234567 → "1.234.567"; (12.345, 1) → "12,3"; share 0.875 → "87,5%" (decimals 1)
// or "88%" (decimals 0); month 12 → "dec"; ("2025-12-31") → "31 december 2025" (an unreadable
// date comes back as it is). Full month names: DutchMonthName in base/dutch_dates.h.
std::string DutchInteger(int64_t value);
std::string DutchDecimal(double value, int decimals);
std::string DutchPercent(double share, int decimals = 0);
std::string_view DutchMonthShort(int month);  // "jan", "feb", ...
std::string DutchLongDate(std::string_view iso_date);

}  // namespace baken::render
