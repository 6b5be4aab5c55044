// The policy's decision with the audit entry the law asks for: one call for the route gate and for
// the record checks in route handlers (a melding, a programme), so every one of them audits the
// same way.
//
// Not part of the module's interface: only the api module includes this. Thread-safe like
// SecurityServices.
#pragma once

#include "baken/api/auth.h"
#include "baken/security/access.h"

namespace baken::api::internal {

// security::Decide, and when security::MustAudit says so, security::Authorize in a write
// transaction of its own (the audit entry commits before the caller acts). A deny is a value in
// the Decision, not an error; an error only when the audit entry cannot be written, in which case
// the caller must not proceed.
StatusOr<security::Decision> DecideAudited(SecurityServices& services,
                                           const security::AccessRequest& access,
                                           const security::AccessContext& context);

}  // namespace baken::api::internal
