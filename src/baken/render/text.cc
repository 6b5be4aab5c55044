// Fixed fonts, pango layout and Dutch forms: see text.h.
#include "baken/render/text.h"

#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <mutex>

#include "baken/base/dutch_dates.h"
#include "baken/base/time_zone.h"
#include "baken/render/internal/lock.h"

namespace baken::render {

namespace internal {
std::recursive_mutex& RenderMutex() {
  static std::recursive_mutex mutex;
  return mutex;
}
}  // namespace internal

namespace {

constexpr std::array<const char*, 3> kFontFiles = {
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Oblique.ttf",
};

PangoContext* Context();

// Gives the fonts back at exit, so leak checkers see only real leaks.
void ReleaseFonts();

// The font map with only our fonts; built once, released at exit.
PangoFontMap* FontMap() {
  static PangoFontMap* map = [] {
    FcConfig* config = FcConfigCreate();
    for (const char* file : kFontFiles) {
      FcConfigAppFontAddFile(config, reinterpret_cast<const FcChar8*>(file));
    }
    PangoFontMap* m = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
    pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(m), config);
    FcConfigDestroy(config);  // the font map keeps its own reference
    std::atexit(ReleaseFonts);
    return m;
  }();
  return map;
}

PangoContext* context_for_release = nullptr;

PangoContext* Context() {
  static PangoContext* context = [] {
    PangoContext* c = pango_font_map_create_context(FontMap());
    cairo_font_options_t* options = cairo_font_options_create();
    cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
    cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_antialias(options, CAIRO_ANTIALIAS_GRAY);
    pango_cairo_context_set_font_options(c, options);
    cairo_font_options_destroy(options);
    pango_context_set_language(c, pango_language_from_string("nl"));
    context_for_release = c;
    return c;
  }();
  return context;
}

void ReleaseFonts() {
  std::lock_guard<std::recursive_mutex> lock(internal::RenderMutex());
  if (context_for_release != nullptr) g_object_unref(context_for_release);
  context_for_release = nullptr;
  g_object_unref(FontMap());
  cairo_debug_reset_static_data();
  FcFini();
}

// A layout for `text`; the caller unrefs it.
PangoLayout* Layout(std::string_view text, double width, const TextStyle& style) {
  PangoLayout* layout = pango_layout_new(Context());
  PangoFontDescription* font = pango_font_description_new();
  pango_font_description_set_family_static(font, "DejaVu Sans");
  pango_font_description_set_weight(font, style.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_font_description_set_style(font, style.italic ? PANGO_STYLE_OBLIQUE : PANGO_STYLE_NORMAL);
  pango_font_description_set_absolute_size(font, style.size * PANGO_SCALE);
  pango_layout_set_font_description(layout, font);
  pango_font_description_free(font);
  if (width > 0) {
    pango_layout_set_width(layout, static_cast<int>(width * PANGO_SCALE));
    pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
  }
  if (style.max_lines > 0) {
    pango_layout_set_height(layout, -style.max_lines);
    pango_layout_set_ellipsize(layout, PANGO_ELLIPSIZE_END);
  }
  switch (style.align) {
    case Align::kLeft: pango_layout_set_alignment(layout, PANGO_ALIGN_LEFT); break;
    case Align::kCenter: pango_layout_set_alignment(layout, PANGO_ALIGN_CENTER); break;
    case Align::kRight: pango_layout_set_alignment(layout, PANGO_ALIGN_RIGHT); break;
  }
  pango_layout_set_text(layout, text.data(), static_cast<int>(text.size()));
  return layout;
}

}  // namespace

Color Hex(uint32_t rgb) {
  return {((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0, (rgb & 0xff) / 255.0};
}

Status FontsAvailable() {
  for (const char* file : kFontFiles) {
    if (!std::filesystem::exists(file)) {
      return FailedPreconditionError(std::string("Lettertype ontbreekt: ") + file +
                                     " (installeer het Debian-pakket fonts-dejavu-core).");
    }
  }
  return Status::Ok();
}

double TextHeight(cairo_t* cr, std::string_view text, double width, const TextStyle& style) {
  (void)cr;
  PangoLayout* layout = Layout(text, width, style);
  int w = 0, h = 0;
  pango_layout_get_size(layout, &w, &h);
  g_object_unref(layout);
  return static_cast<double>(h) / PANGO_SCALE;
}

double TextWidth(cairo_t* cr, std::string_view text, const TextStyle& style) {
  (void)cr;
  PangoLayout* layout = Layout(text, 0, style);
  int w = 0, h = 0;
  pango_layout_get_size(layout, &w, &h);
  g_object_unref(layout);
  return static_cast<double>(w) / PANGO_SCALE;
}

double DrawText(cairo_t* cr, double x, double y, double width, std::string_view text,
                const TextStyle& style) {
  PangoLayout* layout = Layout(text, width, style);
  int w = 0, h = 0;
  pango_layout_get_size(layout, &w, &h);
  cairo_save(cr);
  cairo_set_source_rgb(cr, style.color.r, style.color.g, style.color.b);
  cairo_move_to(cr, x, y);
  pango_cairo_show_layout(cr, layout);
  cairo_restore(cr);
  g_object_unref(layout);
  return static_cast<double>(h) / PANGO_SCALE;
}

MeasureContext::MeasureContext() {
  internal::RenderMutex().lock();
  surface_ = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 1, 1);
  cr_ = cairo_create(surface_);
}

MeasureContext::~MeasureContext() {
  cairo_destroy(cr_);
  cairo_surface_destroy(surface_);
  internal::RenderMutex().unlock();
}

std::string DutchInteger(int64_t value) {
  const bool negative = value < 0;
  std::string digits = std::to_string(negative ? -value : value);
  std::string out;
  const int n = static_cast<int>(digits.size());
  for (int i = 0; i < n; ++i) {
    if (i > 0 && (n - i) % 3 == 0) out += '.';
    out += digits[i];
  }
  return negative ? "-" + out : out;
}

std::string DutchDecimal(double value, int decimals) {
  if (decimals <= 0) return DutchInteger(std::llround(value));
  decimals = std::min(decimals, 6);
  const double factor = std::pow(10.0, decimals);
  const long long scaled = std::llround(std::fabs(value) * factor);
  const long long whole = scaled / static_cast<long long>(factor);
  const long long frac = scaled % static_cast<long long>(factor);
  std::string tail = std::to_string(frac);
  tail.insert(
      0, static_cast<size_t>(decimals) - std::min(tail.size(), static_cast<size_t>(decimals)), '0');
  return (value < 0 && scaled != 0 ? "-" : "") + DutchInteger(whole) + "," + tail;
}

std::string DutchPercent(double share, int decimals) {
  return DutchDecimal(share * 100.0, decimals) + "%";
}

std::string_view DutchMonthShort(int month) {
  static constexpr std::array<std::string_view, 12> kNames = {
      "jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"};
  return month >= 1 && month <= 12 ? kNames[month - 1] : std::string_view("?");
}

std::string DutchLongDate(std::string_view iso_date) {
  StatusOr<std::chrono::year_month_day> date = ParseDate(iso_date);
  return date.ok() ? DutchDate(*date) : std::string(iso_date);
}

}  // namespace baken::render
