// The progress report of a programme: see progress_report.h.
#include "baken/render/progress_report.h"
#include "baken/base/encoding.h"

#include <algorithm>
#include <cmath>

#include "baken/base/time_zone.h"
#include "baken/programme/report_texts.h"
#include "baken/render/charts.h"
#include "baken/render/document.h"
#include "baken/render/text.h"
#include "baken/render/xlsx.h"

namespace baken::render {

namespace {

using programme::ActionLine;
using programme::Indicator;
using programme::IndicatorValue;
using programme::ItemStatus;
using programme::Period;

bool IsShare(const Indicator& indicator) {
  return indicator.unit == "%";
}

std::string IsoDate(Timestamp t) {
  return FormatDate(AmsterdamDate(t));
}

std::string DateText(const std::optional<programme::Date>& d) {
  if (!d) return "";
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(d->year()),
                static_cast<unsigned>(d->month()), static_cast<unsigned>(d->day()));
  return DutchLongDate(buffer);
}

Color StatusColor(ItemStatus s) {
  switch (s) {
    case ItemStatus::kNotStarted: return palette::kMuted;
    case ItemStatus::kOngoing: return palette::kPrimary;
    case ItemStatus::kDelayed: return palette::kWarn;
    case ItemStatus::kCompleted: return palette::kGood;
    case ItemStatus::kStopped: return palette::kBad;
  }
  return palette::kInk;
}

// The values of the indicator up to and including the report's period, oldest first (at most 8).
std::vector<const IndicatorValue*> Trend(const Indicator& indicator, const Period& period) {
  std::vector<const IndicatorValue*> out;
  const Period last = period.quarter == 0 ? Period{period.year, 4} : period;
  for (const IndicatorValue& v : indicator.values) {
    const Period p = v.period;
    const bool within = p.quarter == 0 ? p.year <= period.year : p <= last;
    if (within) out.push_back(&v);
  }
  std::sort(out.begin(), out.end(),
            [](const IndicatorValue* a, const IndicatorValue* b) { return a->period < b->period; });
  if (out.size() > 8) out.erase(out.begin(), out.end() - 8);
  return out;
}

// An indicator's trend as a sparkline; shares are stored as 0..100 and drawn as shares.
void DrawTrend(cairo_t* cr, Rect rect, std::vector<std::optional<double>> series,
               std::optional<double> target, bool share) {
  if (share) {
    for (auto& v : series) {
      if (v) *v /= 100.0;
    }
    if (target) *target /= 100.0;
  }
  DrawSparkline(cr, rect, series, target, share, 0);
}

// "op koers" / "niet op koers" against the target, with its colour; empty without a target.
std::pair<std::string, Color> Assessment(const Indicator& indicator, std::optional<double> value,
                                         std::optional<double> target) {
  if (!target) return {"geen streefwaarde", palette::kMuted};
  if (!value) return {"nog geen waarde", palette::kMuted};
  const bool good = indicator.direction == programme::Direction::kUpIsGood ? *value >= *target
                                                                           : *value <= *target;
  return good ? std::pair{std::string("op koers"), palette::kGood}
              : std::pair{std::string("niet op koers"), palette::kBad};
}

// A status code as its Dutch name ("niet_gestart" → "Niet gestart"); other values as they are.
// "1250000" cents as "€ 12.500,00".
std::string Euros(int64_t cents) {
  return "€ " + DutchDecimal(static_cast<double>(cents) / 100.0, 2);
}

// The history's "gepland 2500000 ct, besteed 125050 ct" as the reader wants it: every "N ct"
// becomes "€ 25.000,00"; other text stays as it is.
std::string MoneyInText(const std::string& value) {
  std::string out;
  size_t i = 0;
  while (i < value.size()) {
    size_t j = i;
    while (j < value.size() && value[j] >= '0' && value[j] <= '9') ++j;
    if (j > i && value.compare(j, 3, " ct") == 0 &&
        (j + 3 == value.size() || value[j + 3] == ',')) {
      out += Euros(std::stoll(value.substr(i, j - i)));
      i = j + 3;
    } else if (j > i) {
      out += value.substr(i, j - i);
      i = j;
    } else {
      out += value[i++];
    }
  }
  return out;
}

std::string StatusWord(const std::string& field, const std::string& value) {
  if (field == "budget") return MoneyInText(value);
  if (field != "status") return value;
  auto status = programme::ParseItemStatus(value);
  return status.ok() ? std::string(programme::ItemStatusName(*status)) : value;
}

std::string ChangeText(const programme::HistoryEntry& e) {
  std::string what = e.item.empty() ? e.field : e.item + ": " + e.field;
  std::string text = DutchLongDate(IsoDate(e.at)) + " — " + what;
  if (!e.old_value.empty() || !e.new_value.empty()) {
    text += " van '" + StatusWord(e.field, e.old_value) + "' naar '" +
            StatusWord(e.field, e.new_value) + "'";
  }
  if (!e.explanation.empty()) text += ". " + e.explanation;
  return text;
}

std::string Partners(const std::vector<programme::Partner>& partners) {
  std::string out;
  for (programme::Partner p : partners) {
    if (!out.empty()) out += ", ";
    out += std::string(programme::PartnerName(p));
  }
  return out;
}

std::string Title(const ProgressReport& r) {
  return "Voortgangsrapportage " + programme::FormatPeriod(r.period);
}

Table IndicatorTable(const ProgressReport& r, const std::vector<const Indicator*>& indicators) {
  Table t;
  t.columns = {{"Indicator", 3.2},
               {"Streefwaarde", 1.1, Align::kRight},
               {"Waarde", 1.1, Align::kRight},
               {"Verloop", 2.0},
               {"Beoordeling", 1.3}};
  for (const Indicator* ind : indicators) {
    const std::optional<double> value = PeriodValue(*ind, r.period);
    const std::optional<double> target = PeriodTarget(*ind, r.period);
    auto [assessment, color] = Assessment(*ind, value, target);
    std::vector<std::optional<double>> series;
    bool hidden = false;
    for (const IndicatorValue* v : Trend(*ind, r.period)) {
      if (v->value && programme::IsSuppressed(*ind, *v->value, r.suppression)) hidden = true;
      series.push_back(v->value);
    }
    TableCell trend;
    if (hidden) {
      trend.text = "afgeschermd (kleine aantallen)";
      trend.color = palette::kMuted;
    } else {
      const bool share = IsShare(*ind);
      trend.draw = [series, target, share](cairo_t* cr, Rect rect) {
        DrawTrend(cr, rect, series, target, share);
      };
    }
    t.rows.push_back({{.text = ind->name + (ind->unit.empty() ? "" : " (" + ind->unit + ")")},
                      {.text = target ? ShowValue(*ind, target, {}) : "—"},
                      {.text = ShowValue(*ind, value, r.suppression), .bold = true},
                      std::move(trend),
                      {.text = assessment, .color = color}});
  }
  return t;
}

void ActionLineSection(FlowDocument& doc, const ProgressReport& r, const ActionLine& line) {
  doc.Heading(2, line.name);
  const programme::Progress& p = line.progress;
  std::string status = "Status: " + std::string(programme::ItemStatusName(p.status));
  if (p.status_date) status += " (sinds " + DateText(p.status_date) + ")";
  doc.Paragraph(status, TextStyle{.size = 9.5, .bold = true, .color = StatusColor(p.status)});
  if (!p.status_explanation.empty()) doc.Paragraph(p.status_explanation);
  std::string who = "Trekker: " + std::string(programme::PartnerName(line.lead));
  if (!line.partners.empty()) who += "; met " + Partners(line.partners);
  doc.Paragraph(who, TextStyle{.size = 8.5, .color = palette::kMuted});
  if (!line.description.empty()) doc.Paragraph(line.description, TextStyle{.size = 9});
  if (auto text = r.texts.find(line.code); text != r.texts.end() && !text->second.empty()) {
    doc.Paragraph(text->second);
  }
  if (!line.actions.empty()) {
    Table actions;
    actions.columns = {{"Actie of project", 4}, {"Trekker", 1.4}, {"Status", 1.2}};
    for (const programme::Action& a : line.actions) {
      actions.rows.push_back({{.text = a.name + (a.progress.status_explanation.empty()
                                                     ? ""
                                                     : "\n" + a.progress.status_explanation)},
                              {.text = std::string(programme::PartnerName(a.lead))},
                              {.text = std::string(programme::ItemStatusName(a.progress.status)),
                               .color = StatusColor(a.progress.status),
                               .bold = true}});
    }
    doc.AddTable(std::move(actions));
  }
  if (!p.milestones.empty()) {
    Table milestones;
    milestones.columns = {{"Mijlpaal", 4}, {"Gepland", 1.5}, {"Gereed", 1.5}};
    for (const programme::Milestone& m : p.milestones) {
      milestones.rows.push_back({{.text = m.title},
                                 {.text = DateText(m.due)},
                                 {.text = m.done ? DateText(m.done) : "—"}});
    }
    doc.AddTable(std::move(milestones));
  }
  if (p.budget) {
    doc.Paragraph("Budget: € " + DutchDecimal(p.budget->planned_cents / 100.0, 0) + " gepland, € " +
                      DutchDecimal(p.budget->spent_cents / 100.0, 0) + " besteed.",
                  TextStyle{.size = 9});
  }
  std::vector<const Indicator*> indicators = programme::IndicatorsOf(r.tree, line.code);
  if (!indicators.empty()) doc.AddTable(IndicatorTable(r, indicators));
}

}  // namespace

std::optional<double> PeriodValue(const Indicator& indicator, const Period& period) {
  std::vector<double> quarters;
  for (const IndicatorValue& v : indicator.values) {
    if (v.period == period) return v.value;
    if (period.quarter == 0 && v.period.year == period.year && v.period.quarter > 0 && v.value) {
      quarters.push_back(*v.value);
    }
  }
  if (quarters.empty()) return std::nullopt;
  double sum = 0;
  for (double q : quarters) sum += q;
  return IsShare(indicator) ? sum / quarters.size() : sum;
}

std::optional<double> PeriodTarget(const Indicator& indicator, const Period& period) {
  for (const programme::Target& t : indicator.targets) {
    if (t.period == period) return t.value;
  }
  return std::nullopt;
}

std::string ShowValue(const Indicator& indicator, std::optional<double> value,
                      const programme::Suppression& suppression) {
  if (!value) return "—";
  if (programme::IsSuppressed(indicator, *value, suppression)) {
    return "< " + std::to_string(suppression.threshold);
  }
  if (IsShare(indicator)) return DutchDecimal(*value, 1) + "%";
  const bool whole = std::fabs(*value - std::round(*value)) < 1e-9;
  return whole ? DutchInteger(std::llround(*value)) : DutchDecimal(*value, 1);
}

StatusOr<ProgressReport> LoadProgressReport(store::Database& db, Clock& clock,
                                            const std::string& tenant,
                                            const std::string& programme_code, const Period& period,
                                            Timestamp as_of, programme::Suppression suppression) {
  ProgressReport r;
  r.period = period;
  r.suppression = suppression;
  ASSIGN_OR_RETURN(r.tree, programme::LoadTree(db, tenant, programme_code, as_of));
  programme::ProgrammeRepository repo(db, clock);
  ASSIGN_OR_RETURN(std::vector<programme::HistoryEntry> history,
                   repo.History(tenant, programme_code));
  // What changed since the period began, up to the moment the report is made for (a report on
  // 2025 made in January 2026 also lists January's changes).
  const Timestamp from = programme::PeriodStart(period), to = programme::PeriodEnd(period);
  for (programme::HistoryEntry& e : history) {
    if (e.at >= from && e.at <= as_of) r.changes.push_back(std::move(e));
  }
  programme::ReportTextStore texts(db, clock);
  ASSIGN_OR_RETURN(r.texts, texts.List(tenant, programme_code, period));
  // The document's date: the newest figure shown, else the period's last day.
  Timestamp newest{};
  for (const Indicator& ind : r.tree.indicators) {
    for (const IndicatorValue& v : ind.values) {
      if (v.period.year == period.year && v.recorded_at > newest) newest = v.recorded_at;
    }
  }
  r.date = newest != Timestamp{} ? IsoDate(newest) : IsoDate(to - std::chrono::seconds(1));
  return r;
}

StatusOr<std::string> ProgressReportPdf(const ProgressReport& r) {
  const programme::Programme& p = r.tree.programme;
  DocumentInfo info{.title = Title(r) + " — " + p.name,
                    .author = r.organisation,
                    .subject = p.name,
                    .date = r.date,
                    .html_url = r.html_url};
  FlowDocument doc(info, Title(r) + " · " + p.name);
  doc.Title(Title(r), p.name,
            r.organisation + ". Cijfers zoals vastgelegd op " + DutchLongDate(r.date) + "." +
                (r.suppression.enabled
                     ? " Aantallen over personen onder de " +
                           std::to_string(r.suppression.threshold) + " zijn afgeschermd."
                     : ""));
  doc.Heading(1, "Inleiding");
  if (!p.description.empty()) doc.Paragraph(p.description);
  if (auto text = r.texts.find(""); text != r.texts.end() && !text->second.empty()) {
    doc.Paragraph(text->second);
  }
  // The action lines at a glance.
  Table overview;
  overview.columns = {{"Actielijn", 4}, {"Trekker", 1.5}, {"Status", 1.3}};
  for (const ActionLine& line : p.action_lines) {
    overview.rows.push_back({{.text = line.name},
                             {.text = std::string(programme::PartnerName(line.lead))},
                             {.text = std::string(programme::ItemStatusName(line.progress.status)),
                              .color = StatusColor(line.progress.status),
                              .bold = true}});
  }
  doc.AddTable(std::move(overview));
  std::vector<const Indicator*> general = programme::IndicatorsOf(r.tree, "");
  if (!general.empty()) {
    doc.Heading(1, "Indicatoren van het hele programma");
    doc.AddTable(IndicatorTable(r, general));
  }
  doc.Heading(1, "Actielijnen");
  for (const ActionLine& line : p.action_lines) ActionLineSection(doc, r, line);
  doc.Heading(
      1, "Wat is er veranderd sinds " + DutchLongDate(IsoDate(programme::PeriodStart(r.period))));
  if (r.changes.empty()) {
    doc.Paragraph("In deze periode is niets aan het programma gewijzigd.");
  } else {
    for (const programme::HistoryEntry& e : r.changes)
      doc.Paragraph(ChangeText(e), TextStyle{.size = 9});
  }
  return doc.RenderPdf();
}

StatusOr<std::string> ProgressReportXlsx(const ProgressReport& r) {
  const programme::Programme& p = r.tree.programme;
  XlsxSheet lines{
      .name = "Actielijnen",
      .header = {"Code", "Actielijn", "Trekker", "Partners", "Status", "Toelichting", "Sinds"},
      .widths = {24, 48, 16, 28, 14, 60, 14}};
  for (const ActionLine& line : p.action_lines) {
    lines.rows.push_back(
        {XlsxCell::Text(line.code), XlsxCell::Text(line.name),
         XlsxCell::Text(std::string(programme::PartnerName(line.lead))),
         XlsxCell::Text(Partners(line.partners)),
         XlsxCell::Text(std::string(programme::ItemStatusName(line.progress.status))),
         XlsxCell::Text(line.progress.status_explanation),
         XlsxCell::Text(DateText(line.progress.status_date))});
  }
  XlsxSheet figures{.name = "Indicatoren",
                    .header = {"Indicator", "Actielijn", "Eenheid", "Periode", "Waarde",
                               "Streefwaarde", "Vastgelegd op", "Bron"},
                    .widths = {48, 24, 10, 10, 12, 12, 14, 30}};
  XlsxSheet cells{.name = "Uitsplitsing",
                  .header = {"Indicator", "Periode", "Sleutel 1", "Sleutel 2", "Waarde"},
                  .widths = {40, 10, 28, 14, 10}};
  for (const Indicator& ind : r.tree.indicators) {
    for (const IndicatorValue& v : ind.values) {
      XlsxCell value = XlsxCell::Text("—");
      if (v.value) {
        value = programme::IsSuppressed(ind, *v.value, r.suppression)
                    ? XlsxCell::Text(ShowValue(ind, v.value, r.suppression))
                    : XlsxCell::Number(*v.value);
      }
      const std::optional<double> target = PeriodTarget(ind, v.period);
      figures.rows.push_back(
          {XlsxCell::Text(ind.name), XlsxCell::Text(ind.action_line), XlsxCell::Text(ind.unit),
           XlsxCell::Text(programme::FormatPeriod(v.period)), value,
           target ? XlsxCell::Number(*target) : XlsxCell{}, XlsxCell::Text(IsoDate(v.recorded_at)),
           XlsxCell::Text(v.source == programme::ValueSource::kManual ? v.source_document
                                                                      : "berekend in Baken")});
      for (const programme::ValueCell& c : v.cells) {
        cells.rows.push_back({XlsxCell::Text(ind.name),
                              XlsxCell::Text(programme::FormatPeriod(v.period)),
                              XlsxCell::Text(c.key1), XlsxCell::Text(c.key2),
                              programme::IsSuppressed(ind, c.value, r.suppression)
                                  ? XlsxCell::Text(ShowValue(ind, c.value, r.suppression))
                                  : XlsxCell::Number(c.value)});
      }
    }
  }
  XlsxSheet changes{.name = "Wijzigingen",
                    .header = {"Datum", "Onderdeel", "Veld", "Was", "Werd", "Toelichting"},
                    .widths = {12, 28, 16, 24, 24, 60}};
  for (const programme::HistoryEntry& e : r.changes) {
    changes.rows.push_back(
        {XlsxCell::Text(IsoDate(e.at)), XlsxCell::Text(e.item), XlsxCell::Text(e.field),
         XlsxCell::Text(StatusWord(e.field, e.old_value)),
         XlsxCell::Text(StatusWord(e.field, e.new_value)), XlsxCell::Text(e.explanation)});
  }
  DocumentInfo info{.title = Title(r) + " — " + p.name,
                    .author = r.organisation,
                    .subject = p.name,
                    .date = r.date};
  return WriteXlsx({lines, figures, cells, changes}, info);
}

}  // namespace baken::render

namespace baken::render {

namespace {

std::string Escape(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

// The indicator rows of the HTML page, each with its trend as an SVG image and a text alternative.
std::string HtmlIndicators(const ProgressReport& r, const std::vector<const Indicator*>& indicators,
                           const std::string& caption) {
  if (indicators.empty()) return "";
  std::string html = "<table><caption>" + Escape(caption) +
                     "</caption><thead><tr><th scope=\"col\">Indicator</th><th scope=\"col\">"
                     "Streefwaarde</th><th scope=\"col\">Waarde</th><th scope=\"col\">Verloop</th>"
                     "<th scope=\"col\">Beoordeling</th></tr></thead><tbody>";
  for (const Indicator* ind : indicators) {
    const std::optional<double> value = PeriodValue(*ind, r.period);
    const std::optional<double> target = PeriodTarget(*ind, r.period);
    std::string trend_alt, trend_img;
    std::vector<std::optional<double>> series;
    bool hidden = false;
    for (const IndicatorValue* v : Trend(*ind, r.period)) {
      if (v->value && programme::IsSuppressed(*ind, *v->value, r.suppression)) hidden = true;
      series.push_back(v->value);
      if (!trend_alt.empty()) trend_alt += ", ";
      trend_alt += programme::FormatPeriod(v->period) + ": " + ShowValue(*ind, v->value, {});
    }
    if (hidden) {
      trend_img = "afgeschermd (kleine aantallen)";
    } else if (!series.empty()) {
      const bool share = IsShare(*ind);
      auto svg = RenderPages(Format::kSvg, PageSize{150, 30}, 1, {}, [&](cairo_t* cr, int) {
        DrawTrend(cr, {2, 2, 146, 26}, series, target, share);
      });
      if (svg.ok()) {
        trend_img = "<img width=\"150\" height=\"30\" src=\"data:image/svg+xml;base64," +
                    Base64Encode(*svg) + "\" alt=\"Verloop: " + Escape(trend_alt) + "\">";
      }
    }
    auto [assessment, color] = Assessment(*ind, value, target);
    (void)color;
    html += "<tr><th scope=\"row\">" + Escape(ind->name) + "</th><td>" +
            Escape(target ? ShowValue(*ind, target, {}) : "—") + "</td><td><strong>" +
            Escape(ShowValue(*ind, value, r.suppression)) + "</strong></td><td>" + trend_img +
            "</td><td>" + Escape(assessment) + "</td></tr>";
  }
  return html + "</tbody></table>";
}

}  // namespace

std::string ProgressReportHtml(const ProgressReport& r) {
  const programme::Programme& p = r.tree.programme;
  std::string html =
      "<!doctype html>\n<html lang=\"nl\"><head><meta charset=\"utf-8\"><title>" +
      Escape(Title(r) + " — " + p.name) +
      "</title><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><style>"
      "body{font-family:'DejaVu Sans',system-ui,sans-serif;color:#1e1e26;max-width:60rem;"
      "margin:2rem auto;padding:0 1rem;line-height:1.5}h1,h2,h3{color:#1f3b73}table{border-"
      "collapse:collapse;width:100%;margin:1rem 0}th,td{text-align:left;padding:.3rem .5rem;"
      "border-bottom:1px solid #c8c8d0;vertical-align:top}caption{text-align:left;font-weight:"
      "bold;color:#5a5a66}.status{font-weight:bold}.meta{color:#5a5a66}</style></head><body>"
      "<main><h1>" +
      Escape(Title(r)) + "</h1><p class=\"meta\">" + Escape(p.name) + ". " +
      Escape(r.organisation) + ", cijfers zoals vastgelegd op " + Escape(DutchLongDate(r.date)) +
      ".</p>";
  if (!p.description.empty()) html += "<p>" + Escape(p.description) + "</p>";
  if (auto text = r.texts.find(""); text != r.texts.end())
    html += "<p>" + Escape(text->second) + "</p>";
  html +=
      HtmlIndicators(r, programme::IndicatorsOf(r.tree, ""), "Indicatoren van het hele programma");
  html += "<h2>Actielijnen</h2>";
  for (const ActionLine& line : p.action_lines) {
    html +=
        "<section><h3>" + Escape(line.name) + "</h3><p class=\"status\">Status: " +
        Escape(std::string(programme::ItemStatusName(line.progress.status))) +
        (line.progress.status_date ? " (sinds " + Escape(DateText(line.progress.status_date)) + ")"
                                   : "") +
        "</p>";
    if (!line.progress.status_explanation.empty()) {
      html += "<p>" + Escape(line.progress.status_explanation) + "</p>";
    }
    if (auto text = r.texts.find(line.code); text != r.texts.end()) {
      html += "<p>" + Escape(text->second) + "</p>";
    }
    if (!line.actions.empty()) {
      html += "<ul>";
      for (const programme::Action& a : line.actions) {
        html += "<li>" + Escape(a.name) + " — " +
                Escape(std::string(programme::ItemStatusName(a.progress.status))) + "</li>";
      }
      html += "</ul>";
    }
    html += HtmlIndicators(r, programme::IndicatorsOf(r.tree, line.code),
                           "Indicatoren van " + line.name);
    html += "</section>";
  }
  html += "<h2>Wat is er veranderd sinds " +
          Escape(DutchLongDate(IsoDate(programme::PeriodStart(r.period)))) + "</h2>";
  if (r.changes.empty()) {
    html += "<p>In deze periode is niets aan het programma gewijzigd.</p>";
  } else {
    html += "<ul>";
    for (const programme::HistoryEntry& e : r.changes)
      html += "<li>" + Escape(ChangeText(e)) + "</li>";
    html += "</ul>";
  }
  return html + "</main></body></html>\n";
}

}  // namespace baken::render
