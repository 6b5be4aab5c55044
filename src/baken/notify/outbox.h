// Outbox: the table of e-mails to send, written in the transaction of the change they are about.
//
// Transactional outbox: the signals service calls Enqueue/EnqueueForEvent with its own Transaction,
// so a melding change and its e-mail commit (or roll back) together; the OutboxWorker sends later,
// and a mail server that is down loses nothing. Each Message has a dedupe key: enqueueing the same
// key again (a replayed request or event) is ok and changes nothing.
//
// Claiming uses a lease: Claim() sets next_attempt_at = now + lease and claimed_by in one write,
// and only takes rows that are due, so two workers (also in two processes) never hold the same
// row; a worker that dies leaves its rows due again when the lease runs out.
//
// Thread-safe (like Database). Errors are the store's; Dutch messages name the field.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "baken/base/clock.h"
#include "baken/base/ids.h"
#include "baken/base/status.h"
#include "baken/notify/message.h"
#include "baken/notify/templates.h"
#include "baken/store/database.h"

namespace baken::notify {

// A row of the outbox.
struct OutboxEntry {
  std::string id;
  Message message;
  Timestamp created_at;
  int64_t attempts = 0;
  Timestamp next_attempt_at;
  std::optional<Timestamp> sent_at;
  std::optional<Timestamp> failed_at;  // given up; last_error says why
  std::string last_error;
};

enum class OutboxFilter { kPending, kFailed, kSent, kAll };

class Outbox {
 public:
  // `db`, `clock` and `templates` must outlive the Outbox. Without templates (the worker, the
  // command line) EnqueueForEvent is kFailedPrecondition.
  Outbox(store::Database& db, const Clock& clock, const Templates& templates);
  Outbox(store::Database& db, const Clock& clock);

  // Stores `message` for sending in `txn`. A dedupe key already present is ok (nothing changes).
  Status Enqueue(store::Transaction& txn, const Message& message);

  // Composes the mail for `event` (templates.h decides whether one is due) and enqueues it.
  Status EnqueueForEvent(store::Transaction& txn, const EventForMail& event);

  // Takes up to `limit` due messages for `worker` until now + `lease`.
  StatusOr<std::vector<OutboxEntry>> Claim(const std::string& worker, int limit,
                                           std::chrono::microseconds lease);

  // Marks a claimed message sent and blanks the follow code of its links in the stored body
  // (also when given up below), so the outbox keeps no usable token. kFailedPrecondition if
  // `worker` no longer holds it.
  Status MarkSent(const std::string& id, const std::string& worker);

  // Records a failed attempt: attempts + 1 and the next attempt after `retry_after`, or, when
  // `give_up` is true, failed_at = now. `error` is stored as last_error (shortened).
  Status MarkAttemptFailed(const std::string& id, const std::string& worker,
                           const std::string& error, std::chrono::microseconds retry_after,
                           bool give_up);

  // Gives a claimed message back unsent: due now, attempts unchanged (a worker that ran out of
  // lease time for its batch). kFailedPrecondition if `worker` no longer holds it.
  Status Release(const std::string& id, const std::string& worker);

  // Newest first, at most `limit` rows.
  StatusOr<std::vector<OutboxEntry>> List(OutboxFilter filter, int limit = 100) const;

 private:
  store::Database& db_;
  const Clock& clock_;
  const Templates* templates_;  // may be null
  UuidV7Generator ids_;
};

}  // namespace baken::notify
