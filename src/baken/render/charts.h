// Small charts and a choropleth map drawn on a cairo context (points), for reports and the
// Highlights infographic. Everything is drawn inside the given Rect; labels use text.h (Dutch
// number forms). Colours come from one palette that stays apart for colour-blind readers and
// keeps text contrast at WCAG AA. Missing values (nullopt) are gaps, never zeros.
#pragma once

#include <cairo.h>

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "baken/render/text.h"

namespace baken::render {

struct Rect {
  double x = 0, y = 0, w = 0, h = 0;
};

namespace palette {
inline const Color kInk = Hex(0x1e1e26);
inline const Color kMuted = Hex(0x5a5a66);  // 6.6:1 on white
inline const Color kRule = Hex(0xc8c8d0);
inline const Color kPrimary = Hex(0x1f3b73);  // dark blue
inline const Color kAccent = Hex(0xc2410c);   // dark orange
inline const Color kGood = Hex(0x166534);     // dark green
inline const Color kBad = Hex(0xb91c1c);      // dark red
inline const Color kWarn = Hex(0x92400e);     // brown-orange
inline const Color kPanel = Hex(0xf1f3f8);
}  // namespace palette

void SetColor(cairo_t* cr, Color color);
void FillRect(cairo_t* cr, Rect r, Color color);
void RoundedRect(cairo_t* cr, Rect r, double radius);

// A trend line over periods with dots, the target as a dashed line, the last value labelled.
// `decimals` for the label; `percent` when values are shares (0..1).
void DrawSparkline(cairo_t* cr, Rect r, const std::vector<std::optional<double>>& values,
                   std::optional<double> target, bool percent, int decimals = 0);

// Vertical columns with the labels below and, if `show_values`, the value on top.
void DrawColumns(cairo_t* cr, Rect r, const std::vector<std::string>& labels,
                 const std::vector<double>& values, Color color, bool show_values);

// Horizontal bars: label on the left, value on the right (ordered as given).
void DrawBars(cairo_t* cr, Rect r, const std::vector<std::pair<std::string, double>>& rows,
              Color color);

// One area of a choropleth: outer rings and holes in planar metres (RD), y pointing north.
struct MapArea {
  std::vector<std::vector<std::pair<double, double>>> rings;
  std::optional<double> value;  // nullopt: no figure (drawn hatched grey)
};

// The areas fitted into `r` (north up, aspect kept), coloured in `classes` quantile classes of
// a sequential blue scale, with a legend titled `legend` under or beside the map.
void DrawChoropleth(cairo_t* cr, Rect r, const std::vector<MapArea>& areas,
                    const std::string& legend, int classes = 5, int decimals = 0);

// The class breaks DrawChoropleth uses (upper bounds, ascending; quantiles of the values).
std::vector<double> QuantileBreaks(std::vector<double> values, int classes);

}  // namespace baken::render
