// AuditLog: the append-only, hash-chained record of who did or saw what, why, and with what
// outcome.
//
// Each entry's hash is BLAKE2b-256 over a length-prefixed serialisation of every field (see
// internal/audit_hash.h) followed by the previous entry's hash; the first entry links to 32 zero
// bytes. Changing, removing or reordering any stored entry therefore breaks the chain from that
// point, and Verify() names the first broken entry. The head (last seq + hash) is kept in
// audit_head; publishing Head() elsewhere now and then (e.g. in a signed report) also makes a
// wholesale rewrite of the chain visible.
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

enum class AuditProblem { kNone, kHashMismatch, kBrokenLink, kGap, kHeadMismatch };

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

enum class AuditExportFormat { kJsonLines, kCsv };

class AuditLog {
 public:
  AuditLog(store::Database& db, Clock& clock) : db_(db), clock_(clock) {}

  // Appends inside `txn`; returns the entry's seq.
  StatusOr<int64_t> Append(store::Transaction& txn, AuditEntry entry);
  // Appends in a Write() of its own.
  StatusOr<int64_t> Append(AuditEntry entry);

  // Streams the whole chain (one read transaction) and checks seq continuity, links, hashes and
  // the head. A broken chain is an ok StatusOr with result.ok == false.
  StatusOr<AuditVerifyResult> Verify();

  StatusOr<AuditHead> Head();

  // Writes entries with from <= at < to, ordered by seq; `tenant` empty = all tenants. JSON lines
  // or CSV (RFC 4180, header row; cells that spreadsheets would run as formulas are prefixed
  // with '). Hashes as hex, times as ISO 8601 UTC.
  Status Export(std::string_view tenant, Timestamp from, Timestamp to, std::ostream& out,
                AuditExportFormat format);

 private:
  store::Database& db_;
  Clock& clock_;
};

}  // namespace baken::security
