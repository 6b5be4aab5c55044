#include "baken/security/housekeeping.h"

namespace baken::security {

StatusOr<HousekeepingReport> DeleteExpiredSignInState(store::Database& db, Clock& clock,
                                                      const SessionOptions& sessions,
                                                      const SignInThrottleOptions& throttle) {
  const Timestamp now = clock.Now();
  HousekeepingReport report;
  RETURN_IF_ERROR(db.Write([&](store::Transaction& txn) -> Status {
    ASSIGN_OR_RETURN(report.sessions_deleted,
                     txn.Execute("DELETE FROM sessions WHERE revoked_at IS NOT NULL OR "
                                 "expires_at <= ? OR last_seen_at <= ?",
                                 {now, now - sessions.idle_timeout}));
    ASSIGN_OR_RETURN(report.throttle_rows_deleted,
                     SignInThrottle::DeleteExpired(txn, now, throttle));
    return Status::Ok();
  }));
  return report;
}

}  // namespace baken::security
