#include "baken/api/internal/audited_decision.h"

namespace baken::api::internal {

StatusOr<security::Decision> DecideAudited(SecurityServices& services,
                                           const security::AccessRequest& access,
                                           const security::AccessContext& context) {
  security::Decision decision = security::Decide(access);
  if (!security::MustAudit(access, decision)) return decision;
  RETURN_IF_ERROR(services.db.Write([&](store::Transaction& txn) -> Status {
    ASSIGN_OR_RETURN(decision, security::Authorize(services.audit, txn, access, context));
    return Status::Ok();
  }));
  return decision;
}

}  // namespace baken::api::internal
