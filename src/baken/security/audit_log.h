// AuditLog: the append-only, hash-chained record of who did or saw what, why, and with what
// outcome.
//
// Each entry's hash is a MAC: keyed BLAKE2b-256 (the audit key, audit.key in the secrets folder,
// never in the database) over a length-prefixed serialisation of every field (see
// internal/audit_hash.h) followed by the previous entry's hash; the first entry links to 32 zero
// bytes. Changing, removing or reordering any stored entry therefore breaks the chain from that
// point, and Verify() names the first broken entry; without the key nobody can recompute it.
// Entries written before an installation had a key carry the old unkeyed hash; the chain is keyed
// from the first entry after that (keyed_from, recorded in the checkpoints). The head (last seq +
// MAC) is kept in audit_head and, now and then, in signed checkpoints outside the database
// (audit_anchor.h), which make a cut tail or a moved head visible. ADR 0014.
//
// Append(txn, ...) writes inside the caller's transaction, so a change and its audit entry commit
// or roll back together. Concurrent appenders are serialised: SQLite has one writer; on
// PostgreSQL the head row is locked FOR UPDATE. AuditLog is thread-safe (it holds only references,
// which must outlive it). Errors: kInvalidArgument for an incomplete entry or details that are not
// JSON; store errors pass through.
#pragma once

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "baken/base/clock.h"
#include "baken/base/status.h"
#include "baken/security/policy.h"
#include "baken/store/database.h"

namespace baken::security {

enum class AuditOutcome { kAllow, kDeny };

struct AuditEntry {
  int64_t seq = 0;               // set by Append
  Timestamp at{};                // set by Append from the clock
  std::string tenant;            // required
  std::string actor = "system";  // user id, API client id or "system"
  std::string actor_role;        // RoleCode(), or empty for system/anonymous
  std::string action;            // required: "login.success", "melding.read", "record.update"
  std::string object_type;       // "melding", "user", "support_case", ...
  std::string object_id;
  std::string purpose;       // PurposeCode(), or empty
  std::string sensitivity;   // SensitivityCode(), or empty
  std::string from_address;  // client IP address, or empty
  AuditOutcome outcome = AuditOutcome::kAllow;
  std::string details = "{}";  // JSON text; never put passwords, codes or tokens in it
  std::string prev_hash;       // 32 raw bytes, set by Append
  std::string hash;            // 32 raw bytes, set by Append
};

// An entry for a policy decision about one object, filled from the request and the decision
// (outcome, the reason in details).
AuditEntry AuditEntryForDecision(const AccessRequest& request, const Decision& decision,
                                 std::string action, std::string object_type, std::string object_id,
                                 std::string from_address = {});

enum class AuditProblem {
  kNone,
  kHashMismatch,
  kBrokenLink,
  kGap,
  kHeadMismatch,
  kCheckpointMissing,   // the database no longer reaches a checkpoint (tail cut, head moved)
  kCheckpointMismatch,  // the entry at a checkpoint's seq has another MAC (chain rewritten)
  kCheckpointForged,    // a checkpoint line whose MAC is wrong
};

struct AuditVerifyResult {
  bool ok = true;
  int64_t entries_checked = 0;
  int64_t first_bad_seq = 0;  // 0 when ok; for kGap the first missing seq
  AuditProblem problem = AuditProblem::kNone;
  std::string reason;  // Dutch, for the auditor's report
};

struct AuditHead {
  int64_t seq = 0;
  std::string hash;  // 32 raw bytes
};

// A signed checkpoint: the head at some moment, kept outside the database (audit_anchor.h).
struct AuditCheckpoint {
  int64_t seq = 0;         // last entry at that moment (0: empty log)
  std::string head;        // its MAC, 32 raw bytes
  Timestamp at{};          // when the checkpoint was written
  int64_t keyed_from = 1;  // first entry with a keyed MAC; earlier ones are unkeyed (legacy)
};

struct AuditVerifyOptions {
  std::string key;  // 32 bytes; empty: check the unkeyed hashes only (no key available)
  // Checkpoints in the order written, their own MACs already checked (audit_anchor.h). Each must
  // still be reached by the database: entry `seq` exists with MAC `head`.
  std::vector<AuditCheckpoint> checkpoints;
};

enum class AuditExportFormat { kJsonLines, kCsv };

// The audit key of this process (32 bytes), installed once at start-up by the program from the
// secrets folder. AuditLogs built without an explicit key use it; without one, entries get the
// old unkeyed hash (tests, tools run without secrets). Thread-safe.
void SetProcessAuditKey(std::string key);
std::string ProcessAuditKey();

class AuditLog {
 public:
  // Uses the process audit key (SetProcessAuditKey) at each append.
  AuditLog(store::Database& db, Clock& clock) : db_(db), clock_(clock) {}
  // Uses `key` (32 bytes; empty = unkeyed).
  AuditLog(store::Database& db, Clock& clock, std::string key)
      : db_(db), clock_(clock), key_(std::move(key)) {}

  // Appends inside `txn`; returns the entry's seq.
  StatusOr<int64_t> Append(store::Transaction& txn, AuditEntry entry);
  // Appends in a Write() of its own.
  StatusOr<int64_t> Append(AuditEntry entry);

  // Streams the whole chain (one read transaction) and checks seq continuity, links, hashes and
  // the head. A broken chain is an ok StatusOr with result.ok == false. Verify() checks with this
  // log's key and no checkpoints; an entry past keyed_from without a valid keyed MAC (a chain
  // recomputed the old unkeyed way) is kHashMismatch.
  StatusOr<AuditVerifyResult> Verify();
  StatusOr<AuditVerifyResult> Verify(const AuditVerifyOptions& options);

  // The first seq from which every entry carries a valid MAC under `key` (head.seq + 1 when the
  // last entry is unkeyed), for the first checkpoint of an installation that gets its key now.
  StatusOr<int64_t> KeyedFrom(const std::string& key);

  StatusOr<AuditHead> Head();

  // Writes entries with from <= at < to, ordered by seq; `tenant` empty = all tenants. JSON lines
  // or CSV (RFC 4180, header row; cells that spreadsheets would run as formulas are prefixed
  // with '). Hashes as hex, times as ISO 8601 UTC.
  Status Export(std::string_view tenant, Timestamp from, Timestamp to, std::ostream& out,
                AuditExportFormat format);

 private:
  std::string Key() const { return key_ ? *key_ : ProcessAuditKey(); }

  store::Database& db_;
  Clock& clock_;
  const std::optional<std::string> key_;
};

}  // namespace baken::security
