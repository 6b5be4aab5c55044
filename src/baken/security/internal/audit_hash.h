// The canonical serialisation and hash of an audit entry. Internal; exposed for tests that forge
// entries the way an attacker would. Changing this breaks every stored chain: don't, or add a
// version. Pure, thread-safe.
#pragma once

#include <string>

#include "baken/security/audit_log.h"

namespace baken::security::internal {

// "baken.audit.v1", seq, at (unix micros), tenant, actor, actor_role, action, object_type,
// object_id, purpose, sensitivity, from_address, outcome, details, prev_hash: each as an 8-byte
// big-endian length and its bytes (numbers as decimal text).
std::string CanonicalAuditBytes(const AuditEntry& entry);

// BLAKE2b-256 of CanonicalAuditBytes (32 raw bytes).
std::string AuditHash(const AuditEntry& entry);

}  // namespace baken::security::internal
