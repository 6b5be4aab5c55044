// The canonical serialisation and hash of an audit entry. Internal; exposed for tests that forge
// entries the way an attacker would. Changing this breaks every stored chain: don't, or add a
// version. Pure, thread-safe.
#pragma once

#include <string>

#include "baken/security/audit_log.h"

namespace baken::security::internal {

// "baken.audit.v1" (unkeyed) or "baken.audit.v2" (keyed), seq, at (unix micros), tenant, actor,
// actor_role, action, object_type, object_id, purpose, sensitivity, from_address, outcome, details,
// prev_hash: each as an 8-byte big-endian length and its bytes (numbers as decimal text).
std::string CanonicalAuditBytes(const AuditEntry& entry, bool keyed = false);

// The old unkeyed chain: BLAKE2b-256 of CanonicalAuditBytes (32 raw bytes). Anyone can recompute
// it; kept to verify entries written before an installation had an audit key.
std::string AuditHash(const AuditEntry& entry);

// The keyed chain: BLAKE2b-256 keyed with the 32-byte audit key over the v2 bytes.
std::string AuditMac(const AuditEntry& entry, std::string_view key);

// The MAC of a checkpoint line (audit_anchor.h) under the audit key.
std::string CheckpointMac(const AuditCheckpoint& checkpoint, std::string_view key);

}  // namespace baken::security::internal
