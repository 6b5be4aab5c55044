// Subject access (security/subject_access.h) for the outbox: the e-mails Baken sent or holds
// for sending to an address (case-insensitive), with their subject and text, when they were made
// and sent or given up. No worker ids, leases or mail-server replies (those are about the
// server, not the person).
//
// Thread-safe; `db` must outlive the source. Errors: store errors.
#pragma once

#include "baken/security/subject_access.h"
#include "baken/store/database.h"

namespace baken::notify {

security::SubjectSource OutboxSubjectSource(store::Database& db);

}  // namespace baken::notify
