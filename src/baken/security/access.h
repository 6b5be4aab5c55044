// Authorize(): the one call routes and services make before touching a record. It asks the
// policy (policy.h) and writes the audit entry the law asks for, in the caller's transaction, so
// the read or change and its audit entry commit together.
//
// Audited: every deny, and every allowed access to confidential or special data, every export
// and every unmasked view of personal data. Routine access to public and internal data is not
// audited (it would drown the log the auditor has to read). Thread-safe like AuditLog.
// Returns the Decision (a deny is a value, not an error; use ToStatus for kPermissionDenied);
// an error only when the audit entry cannot be written, in which case the caller must not
// proceed.
#pragma once

#include <string_view>

#include "baken/base/status.h"
#include "baken/security/audit_log.h"
#include "baken/security/policy.h"
#include "baken/store/database.h"

namespace baken::security {

struct AccessContext {
  std::string_view action;       // audit action, e.g. "melding.read"
  std::string_view object_type;  // "melding"
  std::string_view object_id;    // "M-2026-000123"
  std::string_view from_address;
};

// True when the policy requires an audit entry for this request and decision.
bool MustAudit(const AccessRequest& request, const Decision& decision);

StatusOr<Decision> Authorize(AuditLog& audit, store::Transaction& txn, const AccessRequest& request,
                             const AccessContext& context);

// Ok for an allowed decision, kPermissionDenied with the Dutch reason otherwise.
Status ToStatus(const Decision& decision);

}  // namespace baken::security
