// The progress report (voortgangsrapportage) of one programme over one period, as a PDF (A4,
// contents, page numbers), an XLSX with the figures, and a self-contained accessible HTML page.
//
// LoadProgressReport() gathers what the report shows: the programme tree with its indicators and
// their value snapshots recorded up to `as_of`, the changes in the programme's history since the
// period began (up to `as_of`), and the free texts per section. Per action line the report gives
// its status with the dated explanation, its actions, milestones and budget, and a table of its
// indicators against their targets with a small trend chart; programme-wide indicators come first.
// Suppression (small counts about persons shown as "< 5") applies to every format when enabled, as
// for council members and anything public. The document date is the newest snapshot shown (or the
// period's end), never the time of rendering: the same data gives the same bytes.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "baken/base/clock.h"
#include "baken/base/status.h"
#include "baken/programme/indicators.h"
#include "baken/programme/model.h"
#include "baken/programme/repository.h"
#include "baken/programme/tree.h"
#include "baken/store/database.h"

namespace baken::render {

struct ProgressReport {
  programme::ProgrammeTree tree;
  programme::Period period;
  std::vector<programme::HistoryEntry> changes;  // since the period began, oldest first
  std::map<std::string, std::string> texts;      // section ("" = inleiding, or an action line code)
  programme::Suppression suppression;
  std::string organisation = "Gemeente Groningen";
  std::string date;      // "YYYY-MM-DD": the newest snapshot shown, or the period's last day
  std::string html_url;  // the same report as an accessible web page; the PDF links it
};

StatusOr<ProgressReport> LoadProgressReport(store::Database& db, Clock& clock,
                                            const std::string& tenant,
                                            const std::string& programme_code,
                                            const programme::Period& period, Timestamp as_of,
                                            programme::Suppression suppression);

// One indicator's figure for the report's period: the period's own value, or for quarterly
// indicators the sum (counts) or mean (shares) of the period's quarters; nullopt when none.
std::optional<double> PeriodValue(const programme::Indicator& indicator,
                                  const programme::Period& period);
std::optional<double> PeriodTarget(const programme::Indicator& indicator,
                                   const programme::Period& period);
// "87,5%" or "1.234", or "< 5" when suppressed; "—" when there is no value.
std::string ShowValue(const programme::Indicator& indicator, std::optional<double> value,
                      const programme::Suppression& suppression);

StatusOr<std::string> ProgressReportPdf(const ProgressReport& report);
StatusOr<std::string> ProgressReportXlsx(const ProgressReport& report);
std::string ProgressReportHtml(const ProgressReport& report);

}  // namespace baken::render
