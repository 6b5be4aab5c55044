// The yearly Highlights infographic: one page a council member reads in a minute.
//
// A band with the title, a row of key-figure tiles (icon, big figure, label, change against last
// year coloured by whether that change is good), a map of the municipality coloured by an
// indicator, meldingen per period, what was reported most, the action lines by status, and a few
// short texts. The same drawing code makes the A4 landscape page (PDF, PNG, SVG) and the screen
// version (16:9); positions scale with the page. The caller supplies finished figures and texts
// (numbers already suppressed where they are about few persons); nothing here reads a clock, so
// the same sheet gives the same bytes.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "baken/base/status.h"
#include "baken/render/canvas.h"
#include "baken/render/charts.h"

namespace baken::render {

struct KeyFigure {
  std::string icon;    // one symbol of DejaVu Sans, e.g. "✉"
  std::string value;   // "38.412", "87%", "< 5"
  std::string label;   // "meldingen over de openbare ruimte"
  std::string change;  // "▲ 6% t.o.v. 2024"; empty: none
  enum class Tone { kNeutral, kGood, kBad } tone = Tone::kNeutral;
};

struct StatusCount {
  std::string label;  // "lopend"
  int count = 0;
  Color color;
};

struct HighlightsSheet {
  std::string title;         // "Highlights 2025"
  std::string subtitle;      // "Leefbaarheid en Veiligheid · Naar een gemeente zonder uitbuiting"
  std::string organisation;  // "Gemeente Groningen"
  std::vector<KeyFigure> figures;  // 3 to 5 fit
  std::string map_title;
  std::string map_legend;
  std::vector<MapArea> map;
  std::string columns_title;               // e.g. "Meldingen per kwartaal"
  std::vector<std::string> column_labels;  // "K1", ...
  std::vector<double> columns;
  std::string bars_title;
  std::vector<std::pair<std::string, double>> bars;  // at most 5 shown
  std::string status_title;
  std::vector<StatusCount> statuses;
  std::vector<std::pair<std::string, std::string>> texts;  // headline, one or two sentences
  std::string source;  // "Bron: Baken, peildatum 31 december 2025"
};

enum class SheetSize { kA4Landscape, kScreen };

StatusOr<std::string> RenderHighlights(const HighlightsSheet& sheet, Format format, SheetSize size,
                                       const DocumentInfo& info);

}  // namespace baken::render
