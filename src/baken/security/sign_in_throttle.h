// SignInThrottle: how often a sign-in may fail, kept in the database (table sign_in_throttle) so
// every server of one installation sees the same counts (ADR 0012).
//
// Failures are counted under three keys, each a keyed BLAKE2b hash (the server key) of what it
// counts, so the table holds no user names or passwords typed into the name field:
//   pair     (tenant, user name as typed, client address): exponential back-off after a few
//            failures; a success from the pair clears it. This is what a guesser meets.
//   address  (client address, any names): a generous ceiling against spraying many names.
//   account  (tenant, user name as typed, any address): a ceiling across addresses that only
//            slows a distributed guesser (the back-off is capped at a minute) and does not apply
//            to an address the account signed in from successfully in the last 30 days.
// The keys are the name as typed, not the account: unknown and existing names are throttled
// alike, so a throttled answer says nothing about whether an account exists.
//
// Thread-safe (state lives in the database; the object is constant after construction). Store
// errors only.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "baken/base/clock.h"
#include "baken/base/status.h"
#include "baken/store/database.h"

namespace baken::security {

struct SignInThrottleOptions {
  int pair_free_failures = 3;  // then the pair waits first_delay, doubling up to pair_max_delay
  std::chrono::seconds pair_first_delay{2};
  std::chrono::seconds pair_max_delay{15 * 60};
  int address_max_failures = 100;  // failures from one address within address_window
  std::chrono::minutes address_window{15};
  int account_free_failures = 20;  // then 1 s, doubling up to account_max_delay
  std::chrono::seconds account_max_delay{60};
  std::chrono::hours forget_after{24};            // failures of a pair or name after a quiet day
  std::chrono::hours known_address_for{24 * 30};  // a success exempts the address from the ceiling
};

class SignInThrottle {
 public:
  struct Keys {
    std::string pair;
    std::string address;
    std::string account;
  };

  // `server_key`: 16 to 64 bytes keys the hashes (otherwise they are unkeyed).
  SignInThrottle(std::string server_key, SignInThrottleOptions options);

  Keys KeysFor(std::string_view tenant, std::string_view username, std::string_view address) const;

  // Until when an attempt under these keys is refused without looking at the password; nullopt
  // when it may go ahead.
  StatusOr<std::optional<Timestamp>> BlockedUntil(store::Transaction& txn, const Keys& keys,
                                                  Timestamp now) const;
  Status RecordFailure(store::Transaction& txn, const Keys& keys, Timestamp now) const;
  Status RecordSuccess(store::Transaction& txn, const Keys& keys, Timestamp now) const;

  // The wait after the `over`-th failure beyond the free ones (over >= 1): first * 2^(over-1),
  // at most `max`.
  static std::chrono::seconds BackOff(int64_t over, std::chrono::seconds first,
                                      std::chrono::seconds max);

  // Rows whose failures are forgotten, whose block has passed and whose success no longer
  // matters; for housekeeping.
  static StatusOr<int64_t> DeleteExpired(store::Transaction& txn, Timestamp now,
                                         const SignInThrottleOptions& options);

  const SignInThrottleOptions& options() const { return options_; }

 private:
  Status Count(store::Transaction& txn, const std::string& key, Timestamp now, bool window,
               int free, std::chrono::seconds first, std::chrono::seconds max) const;

  const std::string key_;
  const SignInThrottleOptions options_;
};

}  // namespace baken::security
