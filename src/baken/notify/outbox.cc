#include "baken/notify/outbox.h"

#include <cctype>
#include <string_view>

namespace baken::notify {

namespace {

using store::Value;

constexpr const char* kColumns =
    "SELECT id, tenant, melding_id, kind, to_address, subject, body_text, dedupe_key, created_at, "
    "attempts, next_attempt_at, sent_at, failed_at, last_error FROM outbox ";

constexpr size_t kMaxErrorLength = 500;

StatusOr<OutboxEntry> EntryFromRow(const store::Row& row) {
  OutboxEntry e;
  e.id = row.GetText(0);
  e.message.tenant = row.GetText(1);
  e.message.melding_id = row.GetText(2);
  ASSIGN_OR_RETURN(e.message.kind, ParseMailKind(row.GetText(3)));
  e.message.to_address = row.GetText(4);
  e.message.subject = row.GetText(5);
  e.message.body_text = row.GetText(6);
  e.message.dedupe_key = row.GetText(7);
  e.created_at = row.GetTimestamp(8);
  e.attempts = row.GetInt64(9);
  e.next_attempt_at = row.GetTimestamp(10);
  if (!row.IsNull(11)) e.sent_at = row.GetTimestamp(11);
  if (!row.IsNull(12)) e.failed_at = row.GetTimestamp(12);
  if (!row.IsNull(13)) e.last_error = row.GetText(13);
  return e;
}

// The body with the follow code of every "/volgen/<code>" link replaced by [verwijderd]: once a
// mail has left (or is given up), the outbox keeps no usable token to the reporter's melding.
std::string RedactFollowLinks(const std::string& body) {
  static constexpr std::string_view kPath = "/volgen/";
  std::string out;
  size_t from = 0;
  for (size_t at = body.find(kPath); at != std::string::npos; at = body.find(kPath, from)) {
    const size_t code = at + kPath.size();
    size_t end = code;
    while (end < body.size() && (std::isalnum(static_cast<unsigned char>(body[end])) ||
                                 body[end] == '-' || body[end] == '_')) {
      ++end;
    }
    out.append(body, from, code - from);
    if (end > code) out += "[verwijderd]";
    from = end;
  }
  out.append(body, from, std::string::npos);
  return out;
}

Status RedactStoredBody(store::Transaction& txn, const std::string& id) {
  ASSIGN_OR_RETURN(store::ResultSet rows,
                   txn.Query("SELECT body_text FROM outbox WHERE id = ?", {id}));
  if (rows.rows.empty()) return Status::Ok();
  const std::string body = rows.rows[0].GetText(0);
  const std::string redacted = RedactFollowLinks(body);
  if (redacted == body) return Status::Ok();
  return txn.Execute("UPDATE outbox SET body_text = ? WHERE id = ?", {redacted, id}).status();
}

// Cuts at a UTF-8 boundary so the database never gets half a character.
std::string Shorten(const std::string& s) {
  if (s.size() <= kMaxErrorLength) return s;
  size_t n = kMaxErrorLength;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return s.substr(0, n) + "...";
}

}  // namespace

Outbox::Outbox(store::Database& db, const Clock& clock, const Templates& templates)
    : db_(db),
      clock_(clock),
      templates_(&templates),
      ids_(clock, UuidV7Generator::SeedFromSystem()) {}

Outbox::Outbox(store::Database& db, const Clock& clock)
    : db_(db), clock_(clock), templates_(nullptr), ids_(clock, UuidV7Generator::SeedFromSystem()) {}

Status Outbox::Enqueue(store::Transaction& txn, const Message& message) {
  if (message.to_address.empty()) {
    return InvalidArgumentError("Het e-mailadres ontbreekt.", "aan");
  }
  if (message.dedupe_key.empty()) {
    return InvalidArgumentError("De sleutel tegen dubbel versturen ontbreekt.", "dedupe_key");
  }
  const Timestamp now = clock_.Now();
  // ON CONFLICT DO NOTHING (SQLite and PostgreSQL): a taken key does not abort the caller's
  // transaction, which a failed INSERT would on PostgreSQL.
  return txn
      .Execute(
          "INSERT INTO outbox (id, tenant, melding_id, kind, to_address, subject, body_text, "
          "created_at, attempts, next_attempt_at, dedupe_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, "
          "?, "
          "?) ON CONFLICT (dedupe_key) DO NOTHING",
          {ids_.Next().ToString(), message.tenant, message.melding_id,
           std::string(MailKindCode(message.kind)), message.to_address, message.subject,
           message.body_text, now, now, message.dedupe_key})
      .status();
}

Status Outbox::EnqueueForEvent(store::Transaction& txn, const EventForMail& event) {
  if (templates_ == nullptr)
    return InternalError("Outbox zonder sjablonen kan geen e-mail opstellen.");
  ASSIGN_OR_RETURN(std::optional<Message> message, templates_->Compose(event));
  if (!message) return Status::Ok();
  return Enqueue(txn, *message);
}

StatusOr<std::vector<OutboxEntry>> Outbox::Claim(const std::string& worker, int limit,
                                                 std::chrono::microseconds lease) {
  std::vector<OutboxEntry> claimed;
  Status status = db_.Write([&](store::Transaction& txn) -> Status {
    claimed.clear();
    const Timestamp now = clock_.Now();
    ASSIGN_OR_RETURN(store::ResultSet due,
                     txn.Query(std::string(kColumns) +
                                   "WHERE sent_at IS NULL AND failed_at IS NULL AND "
                                   "next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?",
                               {now, int64_t{limit}}));
    for (const store::Row& row : due.rows) {
      ASSIGN_OR_RETURN(OutboxEntry entry, EntryFromRow(row));
      // The condition is checked again by the UPDATE: under PostgreSQL's read committed a
      // concurrent claimer that committed first makes this change no rows.
      ASSIGN_OR_RETURN(int64_t changed,
                       txn.Execute("UPDATE outbox SET next_attempt_at = ?, claimed_by = ? "
                                   "WHERE id = ? AND sent_at IS NULL AND failed_at IS NULL AND "
                                   "next_attempt_at <= ?",
                                   {now + lease, worker, entry.id, now}));
      if (changed == 1) claimed.push_back(std::move(entry));
    }
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return claimed;
}

Status Outbox::MarkSent(const std::string& id, const std::string& worker) {
  return db_.Write([&](store::Transaction& txn) -> Status {
    ASSIGN_OR_RETURN(int64_t changed,
                     txn.Execute("UPDATE outbox SET sent_at = ?, attempts = attempts + 1, "
                                 "last_error = NULL, claimed_by = NULL WHERE id = ? AND "
                                 "claimed_by = ? AND sent_at IS NULL",
                                 {clock_.Now(), id, worker}));
    if (changed != 1) {
      return FailedPreconditionError("Het bericht is niet (meer) door deze verzender geclaimd.");
    }
    return RedactStoredBody(txn, id);
  });
}

Status Outbox::MarkAttemptFailed(const std::string& id, const std::string& worker,
                                 const std::string& error, std::chrono::microseconds retry_after,
                                 bool give_up) {
  return db_.Write([&](store::Transaction& txn) -> Status {
    const Timestamp now = clock_.Now();
    const Value failed_at = give_up ? Value(now) : store::Null();
    ASSIGN_OR_RETURN(
        int64_t changed,
        txn.Execute("UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?, "
                    "failed_at = ?, last_error = ?, claimed_by = NULL WHERE id = ? AND "
                    "claimed_by = ? AND sent_at IS NULL",
                    {now + retry_after, failed_at, Shorten(error), id, worker}));
    if (changed != 1) {
      return FailedPreconditionError("Het bericht is niet (meer) door deze verzender geclaimd.");
    }
    return give_up ? RedactStoredBody(txn, id) : Status::Ok();
  });
}

Status Outbox::Release(const std::string& id, const std::string& worker) {
  return db_.Write([&](store::Transaction& txn) -> Status {
    ASSIGN_OR_RETURN(int64_t changed,
                     txn.Execute("UPDATE outbox SET next_attempt_at = ?, claimed_by = NULL "
                                 "WHERE id = ? AND claimed_by = ? AND sent_at IS NULL",
                                 {clock_.Now(), id, worker}));
    if (changed != 1) {
      return FailedPreconditionError("Het bericht is niet (meer) door deze verzender geclaimd.");
    }
    return Status::Ok();
  });
}

StatusOr<std::vector<OutboxEntry>> Outbox::List(OutboxFilter filter, int limit) const {
  std::string where;
  switch (filter) {
    case OutboxFilter::kPending: where = "WHERE sent_at IS NULL AND failed_at IS NULL "; break;
    case OutboxFilter::kFailed: where = "WHERE failed_at IS NOT NULL "; break;
    case OutboxFilter::kSent: where = "WHERE sent_at IS NOT NULL "; break;
    case OutboxFilter::kAll: break;
  }
  std::vector<OutboxEntry> entries;
  RETURN_IF_ERROR(db_.Read([&](store::Transaction& txn) -> Status {
    ASSIGN_OR_RETURN(store::ResultSet rs, txn.Query(std::string(kColumns) + where +
                                                        "ORDER BY created_at DESC, id DESC LIMIT ?",
                                                    {int64_t{limit}}));
    for (const store::Row& row : rs.rows) {
      ASSIGN_OR_RETURN(OutboxEntry e, EntryFromRow(row));
      entries.push_back(std::move(e));
    }
    return Status::Ok();
  }));
  return entries;
}

}  // namespace baken::notify
