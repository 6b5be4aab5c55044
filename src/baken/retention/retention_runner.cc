#include "baken/retention/retention_runner.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <nlohmann/json.hpp>
#include <sstream>

#include "baken/base/time_zone.h"
#include "baken/security/audit_log.h"
#include "baken/signals/melding_text_index.h"
#include "baken/store/sql_dialect.h"

namespace baken::retention {

namespace {

// What replaces free text; the melding_history triggers (migration 0008) allow exactly this.
constexpr const char* kRedacted = "[verwijderd]";

bool IsSha256Hex(const std::string& s) {
  if (s.size() != 64) return false;
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

bool Due(const std::optional<int>& days, Timestamp closed_at, Timestamp now) {
  return days && closed_at <= now - std::chrono::days(*days);
}

}  // namespace

std::string_view ActionCode(ActionKind kind) {
  switch (kind) {
    case ActionKind::kAnonymiseContact: return "contact_geanonimiseerd";
    case ActionKind::kRedactText: return "tekst_verwijderd";
    case ActionKind::kDestroy: return "vernietigd";
  }
  return "?";
}

RetentionRunner::RetentionRunner(store::Database& db, Clock& clock, const RetentionRules& rules,
                                 RetentionOptions options)
    : db_(db), clock_(clock), rules_(rules), options_(std::move(options)) {}

StatusOr<std::vector<RetentionAction>> RetentionRunner::Plan(Timestamp now) {
  std::vector<RetentionAction> plan;
  const std::optional<int> shortest = rules_.ShortestPeriod();
  if (!shortest) return plan;
  const Timestamp cutoff = now - std::chrono::days(*shortest);
  RETURN_IF_ERROR(db_.Read([&](store::Transaction& txn) -> Status {
    plan.clear();
    const store::Value params[] = {std::string(ActionCode(ActionKind::kRedactText)), cutoff};
    return txn.ForEach(
        "SELECT m.id, m.tenant, m.number, m.category, m.main_category, m.sensitivity, "
        "m.closed_at, CASE WHEN m.reporter_name <> '' OR m.reporter_email <> '' OR "
        "m.reporter_phone <> '' THEN 1 ELSE 0 END, CASE WHEN EXISTS (SELECT 1 FROM "
        "retention_tombstones t WHERE t.melding_id = m.id AND t.action = ?) THEN 1 ELSE 0 END "
        "FROM meldingen m WHERE m.closed_at IS NOT NULL AND m.closed_at <= ? "
        "ORDER BY m.closed_at, m.id",
        params, [&](const store::Row& r) -> Status {
          auto sensitivity = security::ParseSensitivity(r.GetText(5));
          // An unknown class is treated as the strictest, so the special rule (if any) applies.
          const security::Sensitivity s =
              sensitivity.ok() ? *sensitivity : security::Sensitivity::kSpecial;
          const RetentionRule& rule = rules_.For(r.GetText(3), r.GetText(4), s);
          RetentionAction a;
          a.tenant = r.GetText(1);
          a.melding_id = r.GetText(0);
          a.number = r.GetText(2);
          a.rule = rule.code;
          a.category = r.GetText(3);
          a.sensitivity = r.GetText(5);
          a.closed_at = r.GetTimestamp(6);
          if (Due(rule.destroy_days, a.closed_at, now)) {
            a.kind = ActionKind::kDestroy;
            plan.push_back(a);
            return Status::Ok();
          }
          if (r.GetInt64(7) != 0 && Due(rule.anonymise_contact_days, a.closed_at, now)) {
            a.kind = ActionKind::kAnonymiseContact;
            plan.push_back(a);
          }
          if (r.GetInt64(8) == 0 && Due(rule.redact_text_days, a.closed_at, now)) {
            a.kind = ActionKind::kRedactText;
            plan.push_back(a);
          }
          return Status::Ok();
        });
  }));
  return plan;
}

namespace {

// SQLite's FTS5 index only marks the old tokens of a changed or deleted text as deleted; they
// stay in its segments (meldingen_fts_data) until a merge. Merging everything now drops them, so
// removed words cannot be read back from the index (secure_delete zeroes the freed pages).
// PostgreSQL recomputes the tsvector column with the row.
Status PurgeFullTextIndex(store::Transaction& txn, int64_t removed_texts) {
  if (removed_texts == 0) return Status::Ok();
  return store::CompactFullTextIndex(txn, signals::kMeldingTextIndex);
}

}  // namespace

Status RetentionRunner::ApplyBatch(const std::vector<RetentionAction>& batch, Timestamp now,
                                   RetentionSummary& summary) {
  // Counted inside the transaction, merged only after it commits (Write may run fn again).
  RetentionSummary done;
  security::AuditLog audit(db_, clock_);
  RETURN_IF_ERROR(db_.Write([&](store::Transaction& txn) -> Status {
    done = RetentionSummary{};
    const Timestamp at = clock_.Now();
    for (const RetentionAction& a : batch) {
      // The melding may have been reopened (or destroyed by another server) since the plan.
      ASSIGN_OR_RETURN(store::ResultSet current,
                       txn.Query("SELECT closed_at FROM meldingen WHERE id = ?", {a.melding_id}));
      if (current.rows.empty() || current.rows[0].IsNull(0) ||
          current.rows[0].GetTimestamp(0) != a.closed_at) {
        continue;
      }
      switch (a.kind) {
        case ActionKind::kAnonymiseContact:
          RETURN_IF_ERROR(txn.Execute("UPDATE meldingen SET reporter_name = '', reporter_email = "
                                      "'', reporter_phone = '', reporter_consent = 0, version = "
                                      "version + 1, updated_at = ? WHERE id = ?",
                                      {at, a.melding_id})
                              .status());
          break;
        case ActionKind::kRedactText:
          RETURN_IF_ERROR(txn.Execute("UPDATE meldingen SET text = ?, version = version + 1, "
                                      "updated_at = ? WHERE id = ?",
                                      {std::string(kRedacted), at, a.melding_id})
                              .status());
          RETURN_IF_ERROR(
              txn.Execute("UPDATE melding_history SET text = ? WHERE melding_id = ? "
                          "AND text <> '' AND text <> ?",
                          {std::string(kRedacted), a.melding_id, std::string(kRedacted)})
                  .status());
          RETURN_IF_ERROR(
              txn.Execute("DELETE FROM training_examples WHERE melding_id = ?", {a.melding_id})
                  .status());
          break;
        case ActionKind::kDestroy: {
          ASSIGN_OR_RETURN(
              store::ResultSet files,
              txn.Query("SELECT DISTINCT sha256 FROM melding_attachments WHERE melding_id = ?",
                        {a.melding_id}));
          for (const store::Row& f : files.rows) {
            RETURN_IF_ERROR(txn.Execute("INSERT INTO retention_file_deletions (sha256, "
                                        "queued_at) VALUES (?, ?) ON CONFLICT (sha256) DO NOTHING",
                                        {f.GetText(0), at})
                                .status());
          }
          RETURN_IF_ERROR(
              txn.Execute("DELETE FROM melding_attachments WHERE melding_id = ?", {a.melding_id})
                  .status());
          RETURN_IF_ERROR(
              txn.Execute("DELETE FROM meldingen WHERE id = ?", {a.melding_id}).status());
          // Allowed by the history trigger only now that the melding row is gone.
          RETURN_IF_ERROR(
              txn.Execute("DELETE FROM melding_history WHERE melding_id = ?", {a.melding_id})
                  .status());
          RETURN_IF_ERROR(
              txn.Execute("DELETE FROM training_examples WHERE melding_id = ?", {a.melding_id})
                  .status());
          break;
        }
      }
      // Mails to the reporter carry their address and often their name and the text.
      RETURN_IF_ERROR(txn.Execute("DELETE FROM outbox WHERE tenant = ? AND melding_id = ?",
                                  {a.tenant, a.melding_id})
                          .status());

      security::AuditEntry e;
      e.tenant = a.tenant;
      e.actor = options_.actor;
      e.action = "retentie." + std::string(ActionCode(a.kind));
      e.object_type = "melding";
      e.object_id = a.melding_id;
      e.purpose = std::string(security::PurposeCode(security::Purpose::kBeheer));
      e.sensitivity = a.sensitivity;
      e.details = nlohmann::json{{"nummer", a.number},
                                 {"regel", a.rule},
                                 {"categorie", a.category},
                                 {"afgesloten", FormatRfc3339(a.closed_at)},
                                 {"peildatum", FormatRfc3339(now)}}
                      .dump();
      ASSIGN_OR_RETURN(int64_t seq, audit.Append(txn, e));
      RETURN_IF_ERROR(
          txn.Execute("INSERT INTO retention_tombstones (tenant, melding_id, "
                      "melding_number, action, rule, category, sensitivity, "
                      "closed_at, done_at, audit_seq) VALUES (?, ?, ?, ?, ?, ?, ?, "
                      "?, ?, ?)",
                      {a.tenant, a.melding_id, a.number, std::string(ActionCode(a.kind)), a.rule,
                       a.category, a.sensitivity, a.closed_at, at, seq})
              .status());
      switch (a.kind) {
        case ActionKind::kAnonymiseContact: ++done.anonymised; break;
        case ActionKind::kRedactText: ++done.redacted; break;
        case ActionKind::kDestroy: ++done.destroyed; break;
      }
      ++done.per_rule[a.rule];
      done.actions.push_back(a);
    }
    return PurgeFullTextIndex(txn, done.redacted + done.destroyed);
  }));
  summary.anonymised += done.anonymised;
  summary.redacted += done.redacted;
  summary.destroyed += done.destroyed;
  for (const auto& [rule, n] : done.per_rule) summary.per_rule[rule] += n;
  summary.actions.insert(summary.actions.end(), done.actions.begin(), done.actions.end());
  return Status::Ok();
}

StatusOr<int64_t> RetentionRunner::DrainFileQueue() {
  std::vector<std::pair<std::string, bool>> queued;  // sha256, still used by a melding
  RETURN_IF_ERROR(db_.Read([&](store::Transaction& txn) -> Status {
    queued.clear();
    return txn.ForEach(
        "SELECT q.sha256, CASE WHEN EXISTS (SELECT 1 FROM melding_attachments a WHERE a.sha256 = "
        "q.sha256) THEN 1 ELSE 0 END FROM retention_file_deletions q ORDER BY q.sha256",
        {}, [&](const store::Row& r) {
          queued.emplace_back(r.GetText(0), r.GetInt64(1) != 0);
          return Status::Ok();
        });
  }));
  int64_t removed = 0;
  for (const auto& [sha256, in_use] : queued) {
    if (!in_use && IsSha256Hex(sha256)) {
      const std::string path = options_.attachment_dir + "/" + sha256;
      if (::unlink(path.c_str()) == 0) {
        ++removed;
      } else if (errno != ENOENT) {
        return InternalError("Kan bijlage " + sha256 +
                             " niet verwijderen: " + std::strerror(errno));
      }
    }
    RETURN_IF_ERROR(db_.Write([&](store::Transaction& txn) -> Status {
      return txn.Execute("DELETE FROM retention_file_deletions WHERE sha256 = ?", {sha256})
          .status();
    }));
  }
  return removed;
}

StatusOr<RetentionSummary> RetentionRunner::Run(Timestamp now, bool dry_run) {
  RetentionSummary summary;
  summary.dry_run = dry_run;
  summary.now = now;
  if (!dry_run) {
    // Files left by a run that stopped between a commit and the removal.
    ASSIGN_OR_RETURN(int64_t removed, DrainFileQueue());
    summary.files_deleted += removed;
  }
  ASSIGN_OR_RETURN(std::vector<RetentionAction> plan, Plan(now));
  if (dry_run) {
    for (const RetentionAction& a : plan) {
      switch (a.kind) {
        case ActionKind::kAnonymiseContact: ++summary.anonymised; break;
        case ActionKind::kRedactText: ++summary.redacted; break;
        case ActionKind::kDestroy: ++summary.destroyed; break;
      }
      ++summary.per_rule[a.rule];
    }
    summary.actions = std::move(plan);
    return summary;
  }
  const size_t batch_size = static_cast<size_t>(std::max(1, options_.batch));
  std::vector<RetentionAction> batch;
  for (size_t i = 0; i < plan.size(); ++i) {
    batch.push_back(plan[i]);
    // Never split the actions on one melding over two transactions.
    const bool last = i + 1 == plan.size();
    if (last || (batch.size() >= batch_size && plan[i + 1].melding_id != plan[i].melding_id)) {
      RETURN_IF_ERROR(ApplyBatch(batch, now, summary));
      batch.clear();
      ASSIGN_OR_RETURN(int64_t removed, DrainFileQueue());
      summary.files_deleted += removed;
    }
  }
  return summary;
}

std::string FormatSummary(const RetentionSummary& s) {
  std::ostringstream out;
  out << (s.dry_run ? "Proefdraai bewaarregels" : "Bewaarregels toegepast") << " (peildatum "
      << FormatRfc3339(s.now) << ")\n"
      << "  contactgegevens geanonimiseerd: " << s.anonymised << "\n"
      << "  vrije tekst verwijderd:         " << s.redacted << "\n"
      << "  meldingen vernietigd:           " << s.destroyed << "\n";
  if (!s.dry_run) out << "  bijlagebestanden verwijderd:    " << s.files_deleted << "\n";
  for (const auto& [rule, n] : s.per_rule) {
    out << "  regel " << rule << ": " << n << (n == 1 ? " handeling" : " handelingen") << "\n";
  }
  if (s.dry_run) {
    for (const RetentionAction& a : s.actions) {
      out << "  " << a.number << " (" << a.tenant << "): " << ActionCode(a.kind) << " volgens "
          << a.rule << "\n";
    }
    out << "Er is niets veranderd (--dry-run).\n";
  } else if (s.total() == 0) {
    out << "Niets te doen.\n";
  }
  return out.str();
}

}  // namespace baken::retention
