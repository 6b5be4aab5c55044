// The Highlights sheet from stored figures: see programme_highlights.h.
#include "baken/render/programme_highlights.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "baken/base/time_zone.h"
#include "baken/geo/area_set.h"
#include "baken/programme/indicators.h"
#include "baken/programme/repository.h"
#include "baken/programme/tree.h"
#include "baken/render/progress_report.h"
#include "baken/render/text.h"
#include "baken/signals/category_repository.h"
#include "baken/store/area_repository.h"

namespace baken::render {

namespace {

using programme::Indicator;
using programme::IndicatorValue;
using programme::ItemStatus;
using programme::Period;

struct Found {
  const Indicator* indicator = nullptr;
};

// The first indicator computed by `query` in any of the trees.
const Indicator* ByQuery(const std::vector<programme::ProgrammeTree>& trees,
                         std::string_view query) {
  for (const programme::ProgrammeTree& t : trees) {
    for (const Indicator& ind : t.indicators) {
      if (ind.source == programme::ValueSource::kComputed && ind.query == query) return &ind;
    }
  }
  return nullptr;
}

// Sums the breakdown cells of the year's snapshots (the year's own, or its quarters) by key.
std::map<std::string, double> CellsByKey(const Indicator& ind, int year, bool second_key) {
  std::map<std::string, double> out;
  bool has_year = false;
  for (const IndicatorValue& v : ind.values) has_year |= v.period == Period{year, 0};
  for (const IndicatorValue& v : ind.values) {
    if (v.period.year != year || (has_year && v.period.quarter != 0)) continue;
    for (const programme::ValueCell& c : v.cells) out[second_key ? c.key2 : c.key1] += c.value;
  }
  return out;
}

std::string ChangeLine(double now, double before, int year, bool points) {
  const double delta = points ? now - before : (before != 0 ? (now - before) / before : 0);
  const std::string arrow = delta > 0 ? "▲ " : delta < 0 ? "▼ " : "= ";
  const std::string amount = points ? DutchDecimal(std::fabs(delta), 1) + " procentpunt"
                                    : DutchPercent(std::fabs(delta), 0);
  return arrow + amount + " t.o.v. " + std::to_string(year - 1);
}

KeyFigure::Tone ToneOf(const Indicator& ind, double now, double before) {
  if (now == before) return KeyFigure::Tone::kNeutral;
  const bool up = now > before;
  const bool good = ind.direction == programme::Direction::kUpIsGood ? up : !up;
  return good ? KeyFigure::Tone::kGood : KeyFigure::Tone::kBad;
}

// A category code as words when its name is not at hand: "signaal-mensenhandel" → "Signaal
// mensenhandel".
std::string Readable(std::string code) {
  std::replace(code.begin(), code.end(), '-', ' ');
  if (!code.empty() && code[0] >= 'a' && code[0] <= 'z') code[0] = static_cast<char>(code[0] - 32);
  return code;
}

Timestamp Newest(const Indicator* ind, int year) {
  Timestamp newest{};
  if (ind == nullptr) return newest;
  for (const IndicatorValue& v : ind->values) {
    if (v.period.year == year) newest = std::max(newest, v.recorded_at);
  }
  return newest;
}

}  // namespace

StatusOr<HighlightsData> LoadHighlights(store::Database& db, Clock& clock,
                                        const std::string& tenant, int year, Timestamp as_of,
                                        int suppression_threshold) {
  programme::ProgrammeRepository repo(db, clock);
  ASSIGN_OR_RETURN(std::vector<programme::ProgrammeSummary> summaries, repo.List(tenant));
  if (summaries.empty()) {
    return NotFoundError("Er zijn geen programma's vastgelegd voor deze gemeente.");
  }
  std::vector<programme::ProgrammeTree> trees;
  for (const programme::ProgrammeSummary& s : summaries) {
    ASSIGN_OR_RETURN(programme::ProgrammeTree tree, programme::LoadTree(db, tenant, s.code, as_of));
    trees.push_back(std::move(tree));
  }
  const programme::Suppression suppression{.enabled = true, .threshold = suppression_threshold};
  const Period this_year{year, 0}, last_year{year - 1, 0};
  const Indicator* meldingen = ByQuery(trees, "meldingen_per_categorie_per_wijk");
  const Indicator* on_time = ByQuery(trees, "aandeel_binnen_termijn");
  const Indicator* trafficking = ByQuery(trees, "signalen_mensenhandel");
  const std::optional<double> total = meldingen ? PeriodValue(*meldingen, this_year) : std::nullopt;
  if (!total) {
    return NotFoundError("Voor " + std::to_string(year) +
                         " zijn nog geen cijfers vastgelegd; bereken ze eerst (baken programma "
                         "compute --period " +
                         std::to_string(year) + ").");
  }
  HighlightsData out;
  HighlightsSheet& s = out.sheet;
  s.title = "Highlights " + std::to_string(year);
  for (const programme::ProgrammeTree& t : trees) {
    if (!s.subtitle.empty()) s.subtitle += " · ";
    s.subtitle += t.programme.name;
  }
  s.organisation = "Gemeente Groningen";

  // Key figures.
  KeyFigure received{.icon = "✉",
                     .value = DutchInteger(std::llround(*total)),
                     .label = "meldingen over leefbaarheid en veiligheid ontvangen"};
  if (auto before = PeriodValue(*meldingen, last_year)) {
    received.change = ChangeLine(*total, *before, year, false);
    received.tone = ToneOf(*meldingen, *total, *before);
  }
  s.figures.push_back(received);
  if (on_time) {
    if (auto share = PeriodValue(*on_time, this_year)) {
      KeyFigure f{.icon = "✓",
                  .value = DutchDecimal(*share, 0) + "%",
                  .label = "van de afgehandelde meldingen was binnen de termijn klaar"};
      if (auto before = PeriodValue(*on_time, last_year)) {
        f.change = ChangeLine(*share, *before, year, true);
        f.tone = ToneOf(*on_time, *share, *before);
      }
      s.figures.push_back(f);
    }
  }
  if (trafficking) {
    if (auto signals = PeriodValue(*trafficking, this_year)) {
      s.figures.push_back({.icon = "⚑",
                           .value = ShowValue(*trafficking, signals, suppression),
                           .label = "signalen van mensenhandel gemeld"});
    }
  }
  int lines = 0, active = 0;
  std::map<ItemStatus, int> by_status;
  for (const programme::ProgrammeTree& t : trees) {
    for (const programme::ActionLine& line : t.programme.action_lines) {
      ++lines;
      ++by_status[line.progress.status];
      if (line.progress.status == ItemStatus::kOngoing ||
          line.progress.status == ItemStatus::kCompleted) {
        ++active;
      }
    }
  }
  s.figures.push_back({.icon = "➜",
                       .value = std::to_string(active) + " van " + std::to_string(lines),
                       .label = "actielijnen lopen of zijn afgerond"});

  // The map: meldingen per 1,000 inhabitants per wijk.
  store::AreaRepository areas_repo(db, clock);
  ASSIGN_OR_RETURN(geo::AreaSet areas, areas_repo.Load(tenant));
  const std::map<std::string, double> per_wijk = CellsByKey(*meldingen, year, true);
  const geo::Area* busiest = nullptr;
  double busiest_rate = -1;
  for (const geo::Area* wijk : areas.List(geo::Level::kDistrict)) {
    MapArea area;
    for (const geo::Polygon& polygon : wijk->geometry) {
      for (const geo::Ring& ring : polygon.rings) {
        std::vector<std::pair<double, double>> points;
        points.reserve(ring.size());
        for (const geo::RdPoint& p : ring) points.emplace_back(p.x, p.y);
        area.rings.push_back(std::move(points));
      }
    }
    // Wijken with few inhabitants (industrial estates) would dominate a rate: no figure below 200.
    if (wijk->inhabitants >= 200) {
      auto it = per_wijk.find(wijk->code);
      const double count = it == per_wijk.end() ? 0 : it->second;
      area.value = 1000.0 * count / static_cast<double>(wijk->inhabitants);
      if (*area.value > busiest_rate) {
        busiest_rate = *area.value;
        busiest = wijk;
      }
    }
    s.map.push_back(std::move(area));
  }
  s.map_title = "Meldingen per 1.000 inwoners per wijk";
  s.map_legend = "meldingen per 1.000 inwoners (CBS 2017; grijs: < 200 inwoners)";

  // Meldingen per quarter.
  s.columns_title = "Meldingen per kwartaal";
  for (int q = 1; q <= 4; ++q) {
    s.column_labels.push_back("K" + std::to_string(q) + " " + std::to_string(year));
    double value = 0;
    for (const IndicatorValue& v : meldingen->values) {
      if (v.period == Period{year, q} && v.value) value = *v.value;
    }
    s.columns.push_back(value);
  }

  // What was reported most: subcategories by name.
  signals::CategoryRepository categories(db, clock);
  std::shared_ptr<const signals::CategoryCatalog> catalog;
  if (auto current = categories.Current(tenant); current.ok()) catalog = *current;
  std::vector<std::pair<std::string, double>> bars;
  for (const auto& [code, count] : CellsByKey(*meldingen, year, false)) {
    const signals::Category* c = catalog ? catalog->Find(code) : nullptr;
    bars.emplace_back(c ? c->public_name : Readable(code), count);
  }
  std::stable_sort(bars.begin(), bars.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  if (bars.size() > 5) bars.resize(5);
  s.bars_title = "Meest gemeld";
  s.bars = std::move(bars);

  // Action lines by status.
  s.status_title = "Actielijnen van de programma's";
  const std::pair<ItemStatus, Color> order[] = {{ItemStatus::kOngoing, palette::kPrimary},
                                                {ItemStatus::kCompleted, palette::kGood},
                                                {ItemStatus::kDelayed, palette::kWarn},
                                                {ItemStatus::kNotStarted, palette::kMuted},
                                                {ItemStatus::kStopped, palette::kBad}};
  for (const auto& [status, color] : order) {
    std::string label(programme::ItemStatusName(status));
    std::transform(label.begin(), label.begin() + 1, label.begin(), ::tolower);
    s.statuses.push_back({label, by_status[status], color});
  }

  // Texts from the same figures.
  if (busiest != nullptr) {
    s.texts.push_back({"Meeste meldingen per inwoner: " + busiest->name,
                       busiest->name + " had " + DutchDecimal(busiest_rate, 0) +
                           " meldingen per 1.000 inwoners, het meest van alle wijken."});
  }
  for (const programme::ProgrammeTree& t : trees) {
    for (const programme::Ambition& a : t.programme.ambitions) {
      if (a.priority && *a.priority == 1) {
        s.texts.push_back({"Eerste prioriteit: " + a.name,
                           "Uit het " + t.programme.name + "." +
                               (a.description.empty() ? "" : " " + a.description)});
      }
    }
  }
  for (const programme::ProgrammeTree& t : trees) {
    for (const programme::ActionLine& line : t.programme.action_lines) {
      if (line.progress.status == ItemStatus::kCompleted &&
          !line.progress.status_explanation.empty()) {
        s.texts.push_back({"Afgerond: " + line.name, line.progress.status_explanation});
      }
    }
  }

  const Timestamp newest =
      std::max({Newest(meldingen, year), Newest(on_time, year), Newest(trafficking, year)});
  out.date = FormatDate(AmsterdamDate(newest));
  s.source =
      "Bron: Baken (meldingen en programmamonitoring) en CBS Wijk- en buurtkaart 2017; cijfers "
      "vastgelegd op " +
      DutchLongDate(out.date) + ". Aantallen over personen onder de " +
      std::to_string(suppression_threshold) + " zijn afgeschermd.";
  return out;
}

}  // namespace baken::render
