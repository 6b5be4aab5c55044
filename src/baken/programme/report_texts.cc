// Free texts of progress reports: see report_texts.h.
#include "baken/programme/report_texts.h"

#include <nlohmann/json.hpp>

namespace baken::programme {

using store::Transaction;

Status ReportTextStore::Put(const std::string& tenant, const std::string& programme,
                            const Period& period, const std::string& section,
                            const std::string& text, const ChangeContext& who) {
  if (text.size() > kMaxReportTextLength) {
    return InvalidArgumentError("Een tekst is ten hoogste 5.000 tekens lang.", "tekst");
  }
  return db_.Write([&](Transaction& txn) -> Status {
    ASSIGN_OR_RETURN(
        store::ResultSet known,
        txn.Query("SELECT 1 FROM programmes WHERE tenant = ? AND code = ?", {tenant, programme}));
    if (known.rows.empty()) return NotFoundError("Programma '" + programme + "' bestaat niet.");
    if (!section.empty()) {
      ASSIGN_OR_RETURN(store::ResultSet line,
                       txn.Query("SELECT 1 FROM programme_items WHERE tenant = ? AND programme = ? "
                                 "AND code = ? AND kind = 'actielijn'",
                                 {tenant, programme, section}));
      if (line.rows.empty()) {
        return InvalidArgumentError("Kies de inleiding of een actielijn van dit programma.",
                                    "sectie");
      }
    }
    const std::string when = FormatPeriod(period);
    ASSIGN_OR_RETURN(store::ResultSet before,
                     txn.Query("SELECT body, version FROM programme_report_texts WHERE tenant = ? "
                               "AND programme = ? AND period = ? AND section = ?",
                               {tenant, programme, when, section}));
    const std::string old = before.rows.empty() ? "" : before.rows[0].GetText(0);
    if (!before.rows.empty() && old == text) return Status::Ok();
    const Timestamp now = clock_.Now();
    if (before.rows.empty()) {
      RETURN_IF_ERROR(txn.Execute("INSERT INTO programme_report_texts (tenant, programme, period, "
                                  "section, body, version, updated_at, updated_by) VALUES "
                                  "(?, ?, ?, ?, ?, 1, ?, ?)",
                                  {tenant, programme, when, section, text, now, who.actor})
                          .status());
    } else {
      RETURN_IF_ERROR(txn.Execute("UPDATE programme_report_texts SET body = ?, version = version "
                                  "+ 1, updated_at = ?, updated_by = ? WHERE tenant = ? AND "
                                  "programme = ? AND period = ? AND section = ?",
                                  {text, now, who.actor, tenant, programme, when, section})
                          .status());
    }
    HistoryEntry entry;
    entry.at = now;
    entry.actor = who.actor;
    entry.item = section;
    entry.field = "tekst " + when;
    entry.old_value = old;
    entry.new_value = text;
    RETURN_IF_ERROR(internal::AppendHistory(txn, tenant, programme, entry));
    return internal::AppendAudit(txn, db_, clock_, tenant, who, "programma.tekst_wijzigen",
                                 programme + "/" + when,
                                 nlohmann::json{{"periode", when}, {"sectie", section}}.dump());
  });
}

StatusOr<std::map<std::string, std::string>> ReportTextStore::List(const std::string& tenant,
                                                                   const std::string& programme,
                                                                   const Period& period) {
  std::map<std::string, std::string> texts;
  RETURN_IF_ERROR(db_.Read([&](Transaction& txn) -> Status {
    texts.clear();
    ASSIGN_OR_RETURN(store::ResultSet rs,
                     txn.Query("SELECT section, body FROM programme_report_texts WHERE tenant = ? "
                               "AND programme = ? AND period = ? ORDER BY section",
                               {tenant, programme, FormatPeriod(period)}));
    for (const store::Row& row : rs.rows) {
      if (!row.GetText(1).empty()) texts[row.GetText(0)] = row.GetText(1);
    }
    return Status::Ok();
  }));
  return texts;
}

}  // namespace baken::programme
