#include "baken/signals/internal/melding_store.h"

#include <cmath>

namespace baken::signals::internal {

using store::Null;
using store::Value;

const char* const kMeldingColumns =
    "id, tenant, number, text, category, main_category, sensitivity, x, y, lon, lat, buurt, "
    "wijk, occurred_at, received_at, channel, reporter_name, reporter_email, reporter_phone, "
    "reporter_consent, state, department, assignee, priority, deadline, closed_at, parent_id, "
    "duplicate_of, source_id, version";

namespace {

constexpr const char* kInsertColumns =
    "INSERT INTO meldingen (id, tenant, number, text, category, main_category, sensitivity, x, "
    "y, lon, lat, buurt, wijk, occurred_at, received_at, channel, reporter_name, reporter_email, "
    "reporter_phone, reporter_consent, state, department, assignee, priority, deadline, "
    "closed_at, parent_id, duplicate_of, source_id, version, sensitivity_rank, cell_x, cell_y, "
    "idempotency_key, follow_token_hash, updated_at, idempotency_scope, idempotency_request_hash) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
    "?, "
    "?, ?, ?, ?, ?, ?, ?, ?, ?)";

Value TextOrNull(const std::string& s) {
  return s.empty() ? Null() : Value(s);
}
Value TimeOrNull(const std::optional<Timestamp>& t) {
  return t ? Value(*t) : Null();
}

std::vector<Value> InsertParams(const Melding& m, const IdempotencyRecord& idempotency,
                                const std::string& follow_hash, Timestamp now) {
  return {m.id,
          m.tenant,
          m.number,
          m.text,
          m.category,
          m.main_category,
          std::string(security::SensitivityCode(m.sensitivity)),
          m.x,
          m.y,
          m.lon,
          m.lat,
          m.buurt,
          m.wijk,
          m.occurred_at,
          m.received_at,
          std::string(ChannelCode(m.channel)),
          m.reporter.name,
          m.reporter.email,
          m.reporter.phone,
          int64_t{m.reporter.consent_to_contact ? 1 : 0},
          std::string(StateCode(m.state)),
          m.department,
          m.assignee,
          std::string(PriorityCode(m.priority)),
          m.deadline,
          TimeOrNull(m.closed_at),
          TextOrNull(m.parent_id),
          TextOrNull(m.duplicate_of),
          TextOrNull(m.source_id),
          m.version,
          int64_t{SensitivityRank(m.sensitivity)},
          static_cast<int64_t>(std::floor(m.x / kCellMetres)),
          static_cast<int64_t>(std::floor(m.y / kCellMetres)),
          TextOrNull(idempotency.key),
          follow_hash.empty() ? Null() : Value(store::Blob{follow_hash}),
          now,
          idempotency.key.empty() ? Null() : Value(idempotency.scope),
          idempotency.key.empty() ? Null() : Value(idempotency.request_hash)};
}

std::string OptText(const store::Row& row, size_t i) {
  return row.IsNull(i) ? std::string() : row.GetText(i);
}

}  // namespace

int SensitivityRank(security::Sensitivity s) {
  return static_cast<int>(s);
}

StatusOr<HistoryKind> ParseHistoryKind(std::string_view code) {
  for (int i = 0; i <= static_cast<int>(HistoryKind::kFeedback); ++i) {
    if (HistoryKindCode(static_cast<HistoryKind>(i)) == code) return static_cast<HistoryKind>(i);
  }
  return InternalError("onbekende soort historie '" + std::string(code) + "'");
}

StatusOr<Melding> MeldingFromRow(const store::Row& row) {
  Melding m;
  m.id = row.GetText(0);
  m.tenant = row.GetText(1);
  m.number = row.GetText(2);
  m.text = row.GetText(3);
  m.category = row.GetText(4);
  m.main_category = row.GetText(5);
  ASSIGN_OR_RETURN(m.sensitivity, security::ParseSensitivity(row.GetText(6)));
  m.x = row.GetDouble(7);
  m.y = row.GetDouble(8);
  m.lon = row.GetDouble(9);
  m.lat = row.GetDouble(10);
  m.buurt = row.GetText(11);
  m.wijk = row.GetText(12);
  m.occurred_at = row.GetTimestamp(13);
  m.received_at = row.GetTimestamp(14);
  ASSIGN_OR_RETURN(m.channel, ParseChannel(row.GetText(15)));
  m.reporter.name = row.GetText(16);
  m.reporter.email = row.GetText(17);
  m.reporter.phone = row.GetText(18);
  m.reporter.consent_to_contact = row.GetInt64(19) != 0;
  ASSIGN_OR_RETURN(m.state, ParseState(row.GetText(20)));
  m.department = row.GetText(21);
  m.assignee = row.GetText(22);
  ASSIGN_OR_RETURN(m.priority, ParsePriority(row.GetText(23)));
  m.deadline = row.GetTimestamp(24);
  if (!row.IsNull(25)) m.closed_at = row.GetTimestamp(25);
  m.parent_id = OptText(row, 26);
  m.duplicate_of = OptText(row, 27);
  m.source_id = OptText(row, 28);
  m.version = row.GetInt64(29);
  return m;
}

StatusOr<bool> MeldingWriter::Insert(const Melding& m, const IdempotencyRecord& idempotency,
                                     const std::string& follow_token_hash, Timestamp now,
                                     bool if_new_source) {
  std::unique_ptr<store::Statement>& stmt = if_new_source ? insert_if_new_ : insert_;
  if (!stmt) {
    std::string sql = kInsertColumns;
    if (if_new_source) {
      sql += " ON CONFLICT (tenant, channel, source_id) WHERE source_id IS NOT NULL DO NOTHING";
    }
    ASSIGN_OR_RETURN(stmt, txn_.Prepare(sql));
  }
  const std::vector<Value> params = InsertParams(m, idempotency, follow_token_hash, now);
  ASSIGN_OR_RETURN(int64_t changed, stmt->Execute(params));
  if (changed == 0) return false;
  if (!m.attachments.empty() && !attachment_) {
    ASSIGN_OR_RETURN(attachment_, txn_.Prepare("INSERT INTO melding_attachments (id, melding_id, "
                                               "tenant, file_name, content_type, size, sha256, "
                                               "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
  }
  for (const Attachment& a : m.attachments) {
    const Value p[] = {a.id, m.id, m.tenant, a.file_name, a.content_type, a.size, a.sha256, now};
    RETURN_IF_ERROR(attachment_->Execute(p));
  }
  return true;
}

Status MeldingWriter::AppendHistory(const std::string& tenant, const std::string& melding_id,
                                    const HistoryEntry& e) {
  if (!history_) {
    ASSIGN_OR_RETURN(history_,
                     txn_.Prepare("INSERT INTO melding_history (melding_id, tenant, at, actor, "
                                  "kind, from_value, to_value, text, for_reporter, rule) VALUES "
                                  "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  }
  const Value p[] = {melding_id,
                     tenant,
                     e.at,
                     e.actor,
                     std::string(HistoryKindCode(e.kind)),
                     e.from,
                     e.to,
                     e.text,
                     int64_t{e.for_reporter ? 1 : 0},
                     e.rule};
  return history_->Execute(p).status();
}

Status UpdateMelding(store::Transaction& txn, const Melding& m, Timestamp now) {
  return txn
      .Execute(
          "UPDATE meldingen SET text = ?, category = ?, main_category = ?, sensitivity = ?, "
          "sensitivity_rank = ?, state = ?, department = ?, assignee = ?, priority = ?, "
          "deadline = ?, closed_at = ?, parent_id = ?, duplicate_of = ?, version = ?, "
          "updated_at = ? WHERE tenant = ? AND id = ?",
          {m.text, m.category, m.main_category,
           std::string(security::SensitivityCode(m.sensitivity)),
           int64_t{SensitivityRank(m.sensitivity)}, std::string(StateCode(m.state)), m.department,
           m.assignee, std::string(PriorityCode(m.priority)), m.deadline, TimeOrNull(m.closed_at),
           TextOrNull(m.parent_id), TextOrNull(m.duplicate_of), m.version, now, m.tenant, m.id})
      .status();
}

StatusOr<int64_t> TakeNumbers(store::Transaction& txn, const std::string& tenant, int year,
                              int64_t count) {
  ASSIGN_OR_RETURN(store::ResultSet rs,
                   txn.Query("INSERT INTO melding_numbers (tenant, year, last) VALUES (?, ?, ?) "
                             "ON CONFLICT (tenant, year) DO UPDATE SET last = melding_numbers.last "
                             "+ excluded.last RETURNING last",
                             {tenant, int64_t{year}, count}));
  if (rs.rows.size() != 1) return InternalError("geen volgnummer gekregen");
  return rs.rows[0].GetInt64(0) - count + 1;
}

StatusOr<std::optional<Melding>> FindByKey(store::Transaction& txn, const std::string& where_sql,
                                           std::initializer_list<store::Value> params) {
  ASSIGN_OR_RETURN(store::ResultSet rs, txn.Query(std::string("SELECT ") + kMeldingColumns +
                                                      " FROM meldingen WHERE " + where_sql,
                                                  params));
  if (rs.rows.empty()) return std::optional<Melding>();
  ASSIGN_OR_RETURN(Melding m, MeldingFromRow(rs.rows[0]));
  ASSIGN_OR_RETURN(m.attachments, LoadAttachments(txn, m.id));
  return std::optional<Melding>(std::move(m));
}

StatusOr<std::optional<Melding>> FindMelding(store::Transaction& txn, const std::string& tenant,
                                             const std::string& id_or_number) {
  if (id_or_number.rfind("M-", 0) == 0) {
    return FindByKey(txn, "tenant = ? AND number = ?", {tenant, id_or_number});
  }
  return FindByKey(txn, "tenant = ? AND id = ?", {tenant, id_or_number});
}

StatusOr<std::optional<IdempotentMelding>> FindByIdempotencyKey(store::Transaction& txn,
                                                                const std::string& tenant,
                                                                const std::string& scope,
                                                                const std::string& key) {
  ASSIGN_OR_RETURN(store::ResultSet rs,
                   txn.Query("SELECT id, idempotency_request_hash FROM meldingen WHERE tenant = ? "
                             "AND idempotency_scope = ? AND idempotency_key = ?",
                             {tenant, scope, key}));
  if (rs.rows.empty()) return std::optional<IdempotentMelding>();
  const std::string id = rs.rows[0].GetText(0);
  std::string hash = OptText(rs.rows[0], 1);
  ASSIGN_OR_RETURN(std::optional<Melding> m, FindByKey(txn, "tenant = ? AND id = ?", {tenant, id}));
  if (!m) return std::optional<IdempotentMelding>();
  return std::optional<IdempotentMelding>(IdempotentMelding{std::move(*m), std::move(hash)});
}

StatusOr<std::vector<Attachment>> LoadAttachments(store::Transaction& txn,
                                                  const std::string& melding_id) {
  ASSIGN_OR_RETURN(store::ResultSet rs,
                   txn.Query("SELECT id, file_name, content_type, size, sha256 FROM "
                             "melding_attachments WHERE melding_id = ? ORDER BY id",
                             {melding_id}));
  std::vector<Attachment> out;
  for (const store::Row& r : rs.rows) {
    out.push_back({r.GetText(0), r.GetText(1), r.GetText(2), r.GetInt64(3), r.GetText(4)});
  }
  return out;
}

StatusOr<std::vector<HistoryEntry>> LoadHistory(store::Transaction& txn, const std::string& tenant,
                                                const std::string& melding_id) {
  ASSIGN_OR_RETURN(store::ResultSet rs,
                   txn.Query("SELECT seq, at, actor, kind, from_value, to_value, text, "
                             "for_reporter, rule FROM melding_history WHERE melding_id = ? AND "
                             "tenant = ? ORDER BY seq",
                             {melding_id, tenant}));
  std::vector<HistoryEntry> out;
  for (const store::Row& r : rs.rows) {
    HistoryEntry e;
    e.seq = r.GetInt64(0);
    e.at = r.GetTimestamp(1);
    e.actor = r.GetText(2);
    ASSIGN_OR_RETURN(e.kind, ParseHistoryKind(r.GetText(3)));
    e.from = r.GetText(4);
    e.to = r.GetText(5);
    e.text = r.GetText(6);
    e.for_reporter = r.GetInt64(7) != 0;
    e.rule = r.GetText(8);
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace baken::signals::internal
