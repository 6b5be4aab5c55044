// Charts and a choropleth map: see charts.h.
#include "baken/render/charts.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace baken::render {

namespace {

constexpr double kLabelSize = 7.5;

// Five steps of a sequential blue scale (light to dark), distinguishable in grey print too.
const Color kScale[] = {Hex(0xdbe6f4), Hex(0xa9c4e4), Hex(0x6c9bd0), Hex(0x3a6fb0), Hex(0x1f3b73)};

std::string Label(double value, bool percent, int decimals) {
  return percent ? DutchPercent(value, decimals) : DutchDecimal(value, decimals);
}

// A "nice" upper bound for an axis: 1, 2 or 5 times a power of ten at or above `v`.
double NiceMax(double v) {
  if (v <= 0) return 1;
  const double p = std::pow(10.0, std::floor(std::log10(v)));
  for (double m : {1.0, 2.0, 5.0, 10.0}) {
    if (m * p >= v) return m * p;
  }
  return 10 * p;
}

}  // namespace

void SetColor(cairo_t* cr, Color color) {
  cairo_set_source_rgb(cr, color.r, color.g, color.b);
}

void FillRect(cairo_t* cr, Rect r, Color color) {
  SetColor(cr, color);
  cairo_rectangle(cr, r.x, r.y, r.w, r.h);
  cairo_fill(cr);
}

void RoundedRect(cairo_t* cr, Rect r, double radius) {
  const double k = std::min(radius, std::min(r.w, r.h) / 2);
  cairo_new_sub_path(cr);
  cairo_arc(cr, r.x + r.w - k, r.y + k, k, -M_PI / 2, 0);
  cairo_arc(cr, r.x + r.w - k, r.y + r.h - k, k, 0, M_PI / 2);
  cairo_arc(cr, r.x + k, r.y + r.h - k, k, M_PI / 2, M_PI);
  cairo_arc(cr, r.x + k, r.y + k, k, M_PI, 3 * M_PI / 2);
  cairo_close_path(cr);
}

void DrawSparkline(cairo_t* cr, Rect r, const std::vector<std::optional<double>>& values,
                   std::optional<double> target, bool percent, int decimals) {
  double lo = std::numeric_limits<double>::infinity(), hi = -lo;
  int last = -1;
  for (size_t i = 0; i < values.size(); ++i) {
    if (!values[i]) continue;
    lo = std::min(lo, *values[i]);
    hi = std::max(hi, *values[i]);
    last = static_cast<int>(i);
  }
  if (target) {
    lo = std::min(lo, *target);
    hi = std::max(hi, *target);
  }
  TextStyle small{.size = kLabelSize, .color = palette::kMuted};
  if (last < 0) {
    DrawText(cr, r.x, r.y + r.h / 2 - 5, r.w, "geen gegevens", small);
    return;
  }
  lo = std::min(lo, 0.0);
  if (hi <= lo) hi = lo + 1;
  const double label_w = 44;
  Rect plot{r.x, r.y + 3, r.w - label_w, r.h - 6};
  auto px = [&](size_t i) {
    return values.size() < 2 ? plot.x + plot.w / 2
                             : plot.x + plot.w * static_cast<double>(i) / (values.size() - 1);
  };
  auto py = [&](double v) { return plot.y + plot.h - plot.h * (v - lo) / (hi - lo); };
  cairo_save(cr);
  SetColor(cr, palette::kRule);
  cairo_set_line_width(cr, 0.5);
  cairo_move_to(cr, plot.x, plot.y + plot.h);
  cairo_line_to(cr, plot.x + plot.w, plot.y + plot.h);
  cairo_stroke(cr);
  if (target) {
    SetColor(cr, palette::kAccent);
    const double dash[] = {2.0, 2.0};
    cairo_set_dash(cr, dash, 2, 0);
    cairo_set_line_width(cr, 0.8);
    cairo_move_to(cr, plot.x, py(*target));
    cairo_line_to(cr, plot.x + plot.w, py(*target));
    cairo_stroke(cr);
    cairo_set_dash(cr, nullptr, 0, 0);
  }
  SetColor(cr, palette::kPrimary);
  cairo_set_line_width(cr, 1.4);
  bool pen = false;
  for (size_t i = 0; i < values.size(); ++i) {
    if (!values[i]) {
      pen = false;
      continue;
    }
    if (pen) {
      cairo_line_to(cr, px(i), py(*values[i]));
    } else {
      cairo_move_to(cr, px(i), py(*values[i]));
      pen = true;
    }
  }
  cairo_stroke(cr);
  for (size_t i = 0; i < values.size(); ++i) {
    if (!values[i]) continue;
    cairo_arc(cr, px(i), py(*values[i]), static_cast<int>(i) == last ? 2.2 : 1.4, 0, 2 * M_PI);
    cairo_fill(cr);
  }
  cairo_restore(cr);
  TextStyle value_style{.size = 8, .bold = true, .color = palette::kInk};
  DrawText(cr, plot.x + plot.w + 4, py(*values[last]) - 5, label_w - 4,
           Label(*values[last], percent, decimals), value_style);
}

void DrawColumns(cairo_t* cr, Rect r, const std::vector<std::string>& labels,
                 const std::vector<double>& values, Color color, bool show_values) {
  if (values.empty()) return;
  const double top = show_values ? 11 : 0;
  const double bottom = 12;
  const double max = NiceMax(*std::max_element(values.begin(), values.end()));
  const double slot = r.w / values.size();
  const double bar = slot * 0.7;
  const double plot_h = r.h - top - bottom;
  TextStyle small{.size = kLabelSize, .color = palette::kMuted, .align = Align::kCenter};
  for (size_t i = 0; i < values.size(); ++i) {
    const double h = values[i] <= 0 ? 0 : plot_h * values[i] / max;
    const double x = r.x + i * slot + (slot - bar) / 2;
    FillRect(cr, {x, r.y + top + plot_h - h, bar, h}, color);
    if (i < labels.size())
      DrawText(cr, r.x + i * slot, r.y + r.h - bottom + 2, slot, labels[i], small);
    if (show_values) {
      DrawText(cr, r.x + i * slot - 4, r.y + top + plot_h - h - 10, slot + 8,
               DutchDecimal(values[i], 0), small);
    }
  }
  SetColor(cr, palette::kRule);
  cairo_set_line_width(cr, 0.5);
  cairo_move_to(cr, r.x, r.y + top + plot_h);
  cairo_line_to(cr, r.x + r.w, r.y + top + plot_h);
  cairo_stroke(cr);
}

void DrawBars(cairo_t* cr, Rect r, const std::vector<std::pair<std::string, double>>& rows,
              Color color) {
  if (rows.empty()) return;
  double max = 0;
  for (const auto& [label, v] : rows) max = std::max(max, v);
  if (max <= 0) max = 1;
  const double row_h = r.h / rows.size();
  const double label_w = r.w * 0.42, value_w = 40;
  const double bar_w = r.w - label_w - value_w - 6;
  TextStyle label_style{.size = 8, .color = palette::kInk, .max_lines = 1};
  TextStyle value_style{.size = 8, .bold = true, .color = palette::kInk};
  for (size_t i = 0; i < rows.size(); ++i) {
    const double y = r.y + i * row_h;
    const double bh = std::min(row_h * 0.6, 10.0);
    DrawText(cr, r.x, y + (row_h - 10) / 2, label_w - 4, rows[i].first, label_style);
    const double w = bar_w * rows[i].second / max;
    FillRect(cr, {r.x + label_w, y + (row_h - bh) / 2, w, bh}, color);
    DrawText(cr, r.x + label_w + w + 4, y + (row_h - 10) / 2, value_w,
             DutchDecimal(rows[i].second, 0), value_style);
  }
}

std::vector<double> QuantileBreaks(std::vector<double> values, int classes) {
  std::vector<double> breaks;
  if (values.empty() || classes < 1) return breaks;
  std::sort(values.begin(), values.end());
  for (int c = 1; c <= classes; ++c) {
    const size_t rank = static_cast<size_t>(std::ceil(values.size() * c / double(classes)));
    const size_t at = std::min(values.size() - 1, rank == 0 ? 0 : rank - 1);
    const double b = values[at];
    if (breaks.empty() || b > breaks.back()) breaks.push_back(b);
  }
  return breaks;
}

void DrawChoropleth(cairo_t* cr, Rect r, const std::vector<MapArea>& areas,
                    const std::string& legend, int classes, int decimals) {
  double minx = std::numeric_limits<double>::infinity(), miny = minx, maxx = -minx, maxy = -minx;
  std::vector<double> values;
  for (const MapArea& a : areas) {
    if (a.value) values.push_back(*a.value);
    for (const auto& ring : a.rings) {
      for (auto [x, y] : ring) {
        minx = std::min(minx, x);
        maxx = std::max(maxx, x);
        miny = std::min(miny, y);
        maxy = std::max(maxy, y);
      }
    }
  }
  if (!(maxx > minx && maxy > miny)) return;
  const double legend_h = 26;
  Rect map{r.x, r.y, r.w, r.h - legend_h};
  const double scale = std::min(map.w / (maxx - minx), map.h / (maxy - miny));
  const double ox = map.x + (map.w - (maxx - minx) * scale) / 2;
  const double oy = map.y + (map.h - (maxy - miny) * scale) / 2;
  const std::vector<double> breaks = QuantileBreaks(values, std::min(classes, 5));
  auto class_of = [&](double v) {
    for (size_t i = 0; i < breaks.size(); ++i) {
      if (v <= breaks[i]) return i;
    }
    return breaks.size() - 1;
  };
  // Spread the used classes over the scale, so two classes are light and dark, not two lights.
  auto color_of = [&](size_t cls) {
    const size_t n = breaks.size();
    const size_t step = n <= 1 ? 4 : cls * 4 / (n - 1);
    return kScale[std::min<size_t>(step, 4)];
  };
  cairo_save(cr);
  cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
  cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
  for (const MapArea& a : areas) {
    cairo_new_path(cr);
    for (const auto& ring : a.rings) {
      for (size_t i = 0; i < ring.size(); ++i) {
        const double x = ox + (ring[i].first - minx) * scale;
        const double y = oy + (maxy - ring[i].second) * scale;
        if (i == 0) {
          cairo_move_to(cr, x, y);
        } else {
          cairo_line_to(cr, x, y);
        }
      }
      cairo_close_path(cr);
    }
    SetColor(cr, a.value ? color_of(class_of(*a.value)) : Hex(0xe5e5e5));
    cairo_fill_preserve(cr);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_set_line_width(cr, 0.6);
    cairo_stroke(cr);
  }
  cairo_restore(cr);
  // Legend: one swatch per class with its range.
  TextStyle title{.size = 7.5, .bold = true, .color = palette::kInk, .max_lines = 1};
  TextStyle small{.size = 7, .color = palette::kMuted};
  const double ly = r.y + r.h - legend_h + 2;
  DrawText(cr, r.x, ly, r.w, legend, title);
  double x = r.x;
  double lower = values.empty() ? 0 : *std::min_element(values.begin(), values.end());
  for (size_t i = 0; i < breaks.size(); ++i) {
    FillRect(cr, {x, ly + 12, 10, 8}, color_of(i));
    const std::string range = DutchDecimal(lower, decimals) +
                              (breaks[i] > lower ? "–" + DutchDecimal(breaks[i], decimals) : "");
    const double w = TextWidth(cr, range, small);
    DrawText(cr, x + 12, ly + 11.5, w + 2, range, small);
    x += 12 + w + 8;
    lower = breaks[i];
  }
}

}  // namespace baken::render
