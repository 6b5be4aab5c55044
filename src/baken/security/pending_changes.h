// PendingChanges: the four-eyes record (ADR 0011). A change that would give someone personal or
// special data (an account with such a role, an API key with personal-data purposes, a lower
// category sensitivity) is proposed here instead of made; another authorised person approves or
// rejects it, and only an approved change is applied (by the caller, which knows how).
//
// Propose(), Approve() and Reject() write their audit entry ("wijziging.voorstel",
// "wijziging.goedkeuren", "wijziging.afwijzen") in the same transaction as the record. The
// proposer can never decide on their own change: that attempt is refused and audited as a deny.
// A change is decided once: Approve() claims it (pending -> approved) so two approvers cannot
// apply it twice; when applying then fails, MarkFailed() records why.
//
// The payload is JSON chosen by the caller; never put passwords, codes or keys in it.
// Thread-safe (state lives in the database). Errors: kNotFound (unknown id or other tenant),
// kFailedPrecondition (already decided), kPermissionDenied (own change), store errors.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "baken/base/clock.h"
#include "baken/base/status.h"
#include "baken/security/audit_log.h"
#include "baken/security/roles.h"
#include "baken/store/database.h"

namespace baken::security {

enum class ChangeStatus { kPending, kApproved, kRejected, kFailed };

// "wachtend", "goedgekeurd", "afgewezen", "mislukt".
std::string_view ChangeStatusCode(ChangeStatus status);

struct PendingChange {
  std::string id;
  std::string tenant;
  std::string kind;     // e.g. "gebruiker.aanmaken"
  std::string target;   // user id, category code; empty for something new
  std::string summary;  // Dutch, one line
  std::string payload;  // JSON text
  std::string proposed_by;
  Timestamp proposed_at{};
  ChangeStatus status = ChangeStatus::kPending;
  std::string decided_by;  // empty while pending
  std::optional<Timestamp> decided_at;
  std::string note;  // the decider's note, or why applying failed
};

// Who proposes or decides, for the record and the audit log.
struct ChangeActor {
  std::string id;  // user id or "api:<key id>"
  Role role = Role::kBeheerder;
  std::string from_address;
};

class PendingChanges {
 public:
  PendingChanges(store::Database& db, Clock& clock, AuditLog& audit)
      : db_(db), clock_(clock), audit_(audit) {}

  StatusOr<PendingChange> Propose(std::string_view tenant, std::string_view kind,
                                  std::string_view target, std::string_view summary,
                                  std::string_view payload, const ChangeActor& by);
  StatusOr<PendingChange> Get(std::string_view tenant, std::string_view id);
  // Newest first; `status` unset: all.
  StatusOr<std::vector<PendingChange>> List(std::string_view tenant,
                                            std::optional<ChangeStatus> status);
  StatusOr<PendingChange> Approve(std::string_view tenant, std::string_view id,
                                  const ChangeActor& by, std::string_view note);
  StatusOr<PendingChange> Reject(std::string_view tenant, std::string_view id,
                                 const ChangeActor& by, std::string_view note);
  // An approved change could not be applied (e.g. the user name was taken meanwhile).
  Status MarkFailed(std::string_view tenant, std::string_view id, std::string_view why);

 private:
  StatusOr<PendingChange> Decide(std::string_view tenant, std::string_view id,
                                 const ChangeActor& by, std::string_view note, ChangeStatus to);

  store::Database& db_;
  Clock& clock_;
  AuditLog& audit_;
};

}  // namespace baken::security
