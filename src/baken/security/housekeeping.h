// Housekeeping of sign-in state: deletes sessions that can no longer be used and sign-in throttle
// rows that no longer count (sign_in_throttle.h), so neither table grows without bound. `baken
// serve` runs it every 10 minutes (app/serve_command.cc); it is safe to run at any time, from
// several servers at once.
//
// Not retention of case data or the audit log (those have their own rules). Thread-safe; store
// errors only.
#pragma once

#include <chrono>
#include <cstdint>

#include "baken/base/clock.h"
#include "baken/base/status.h"
#include "baken/security/sessions.h"
#include "baken/security/sign_in_throttle.h"
#include "baken/store/database.h"

namespace baken::security {

struct HousekeepingReport {
  int64_t sessions_deleted = 0;
  int64_t throttle_rows_deleted = 0;
};

// Deletes sessions that are revoked, past their absolute end, or idle for longer than
// sessions.idle_timeout, and sign_in_throttle rows whose failures are forgotten, whose block has
// passed and whose last success no longer exempts an address (`throttle`, as in AccountOptions).
StatusOr<HousekeepingReport> DeleteExpiredSignInState(store::Database& db, Clock& clock,
                                                      const SessionOptions& sessions = {},
                                                      const SignInThrottleOptions& throttle = {});

}  // namespace baken::security
