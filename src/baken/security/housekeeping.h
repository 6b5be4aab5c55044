// Housekeeping of sign-in state: deletes sessions that can no longer be used and login_throttle
// rows whose window and lock have passed, so neither table grows without bound. `baken serve`
// runs it every 10 minutes (app/serve_command.cc); it is safe to run at any time, from several
// servers at once.
//
// Not retention of case data or the audit log (those have their own rules). Thread-safe; store
// errors only.
#pragma once

#include <chrono>
#include <cstdint>

#include "baken/base/clock.h"
#include "baken/base/status.h"
#include "baken/security/sessions.h"
#include "baken/store/database.h"

namespace baken::security {

struct HousekeepingReport {
  int64_t sessions_deleted = 0;
  int64_t throttle_rows_deleted = 0;
};

// Deletes sessions that are revoked, past their absolute end, or idle for longer than
// sessions.idle_timeout, and login_throttle rows whose window (`address_window`, as in
// AccountOptions) has passed and that are not locked now.
StatusOr<HousekeepingReport> DeleteExpiredSignInState(
    store::Database& db, Clock& clock, const SessionOptions& sessions = {},
    std::chrono::minutes address_window = std::chrono::minutes(15));

}  // namespace baken::security
