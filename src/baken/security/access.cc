#include "baken/security/access.h"

#include <string>

namespace baken::security {

bool MustAudit(const AccessRequest& r, const Decision& d) {
  return !d.allowed || r.sensitivity >= Sensitivity::kConfidential || r.action == Action::kExport ||
         r.action == Action::kReadPersonalData || r.resource == Resource::kAuditLog;
}

StatusOr<Decision> Authorize(AuditLog& audit, store::Transaction& txn, const AccessRequest& r,
                             const AccessContext& c) {
  Decision d = Decide(r);
  if (MustAudit(r, d)) {
    RETURN_IF_ERROR(audit.Append(
        txn, AuditEntryForDecision(r, d, std::string(c.action), std::string(c.object_type),
                                   std::string(c.object_id), std::string(c.from_address))));
  }
  return d;
}

Status ToStatus(const Decision& d) {
  return d.allowed ? Status::Ok() : PermissionDeniedError(d.reason);
}

}  // namespace baken::security
