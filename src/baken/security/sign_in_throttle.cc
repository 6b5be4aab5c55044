#include "baken/security/sign_in_throttle.h"

#include <algorithm>

#include "baken/base/encoding.h"
#include "baken/security/internal/crypto_util.h"

namespace baken::security {

namespace {

using store::Null;
using store::Value;

constexpr std::string_view kColumns =
    "throttle_key, failures, window_start, last_failure_at, blocked_until, last_success_at";

std::string Hashed(std::string_view scope, std::string_view key,
                   std::initializer_list<std::string_view> fields) {
  std::string data;
  for (std::string_view f : fields) internal::AppendField(data, f);
  return std::string(scope) + ":" + HexEncode(internal::Blake2b(data, key, 16));
}

Value Optional(const std::optional<Timestamp>& t) {
  return t ? Value(*t) : Null();
}

}  // namespace

SignInThrottle::SignInThrottle(std::string server_key, SignInThrottleOptions options)
    : key_(server_key.size() >= 16 && server_key.size() <= 64 ? std::move(server_key)
                                                              : std::string()),
      options_(options) {}

SignInThrottle::Keys SignInThrottle::KeysFor(std::string_view tenant, std::string_view username,
                                             std::string_view address) const {
  return Keys{Hashed("paar", key_, {tenant, username, address}), Hashed("adres", key_, {address}),
              Hashed("account", key_, {tenant, username})};
}

std::chrono::seconds SignInThrottle::BackOff(int64_t over, std::chrono::seconds first,
                                             std::chrono::seconds max) {
  if (over < 1) return std::chrono::seconds(0);
  std::chrono::seconds wait = first;
  for (int64_t i = 1; i < over && wait < max; ++i) wait *= 2;
  return std::min(wait, max);
}

StatusOr<std::optional<Timestamp>> SignInThrottle::BlockedUntil(store::Transaction& txn,
                                                                const Keys& keys,
                                                                Timestamp now) const {
  ASSIGN_OR_RETURN(store::ResultSet rs,
                   txn.Query("SELECT throttle_key, blocked_until, last_success_at FROM "
                             "sign_in_throttle WHERE throttle_key IN (?, ?, ?)",
                             {keys.pair, keys.address, keys.account}));
  std::optional<Timestamp> until;
  std::optional<Timestamp> account_until;
  bool known_address = false;
  for (const store::Row& r : rs.rows) {
    const std::string key = r.GetText(0);
    if (key == keys.pair && !r.IsNull(2) && r.GetTimestamp(2) + options_.known_address_for > now) {
      known_address = true;
    }
    if (r.IsNull(1) || r.GetTimestamp(1) <= now) continue;
    const Timestamp t = r.GetTimestamp(1);
    std::optional<Timestamp>& slot = key == keys.account ? account_until : until;
    slot = slot ? std::max(*slot, t) : t;
  }
  // The owner, signing in from where they did before, is not held up by guesses from elsewhere.
  if (account_until && !known_address) {
    until = std::max(until.value_or(*account_until), *account_until);
  }
  return until;
}

Status SignInThrottle::Count(store::Transaction& txn, const std::string& key, Timestamp now,
                             bool window, int free, std::chrono::seconds first,
                             std::chrono::seconds max) const {
  ASSIGN_OR_RETURN(store::ResultSet rs,
                   txn.Query("SELECT failures, window_start, last_failure_at, last_success_at "
                             "FROM sign_in_throttle WHERE throttle_key = ?",
                             {key}));
  int64_t failures = 1;
  Timestamp window_start = now;
  std::optional<Timestamp> last_success;
  if (!rs.rows.empty()) {
    const store::Row& r = rs.rows.front();
    if (!r.IsNull(3)) last_success = r.GetTimestamp(3);
    const bool live = window ? !r.IsNull(1) && r.GetTimestamp(1) + options_.address_window > now
                             : !r.IsNull(2) && r.GetTimestamp(2) + options_.forget_after > now;
    if (live) {
      failures = r.GetInt64(0) + 1;
      if (!r.IsNull(1)) window_start = r.GetTimestamp(1);
    }
  }
  std::optional<Timestamp> blocked;
  if (window && failures >= options_.address_max_failures) {
    blocked = now + options_.address_window;
  } else if (!window && failures > free) {
    blocked = now + BackOff(failures - free, first, max);
  }
  RETURN_IF_ERROR(txn.Execute("DELETE FROM sign_in_throttle WHERE throttle_key = ?", {key}));
  return txn
      .Execute(
          "INSERT INTO sign_in_throttle (" + std::string(kColumns) + ") VALUES (?, ?, ?, ?, ?, ?)",
          {key, failures, window_start, now, Optional(blocked), Optional(last_success)})
      .status();
}

Status SignInThrottle::RecordFailure(store::Transaction& txn, const Keys& keys,
                                     Timestamp now) const {
  RETURN_IF_ERROR(Count(txn, keys.pair, now, /*window=*/false, options_.pair_free_failures,
                        options_.pair_first_delay, options_.pair_max_delay));
  RETURN_IF_ERROR(Count(txn, keys.address, now, /*window=*/true, 0, {}, {}));
  return Count(txn, keys.account, now, /*window=*/false, options_.account_free_failures,
               std::chrono::seconds(1), options_.account_max_delay);
}

Status SignInThrottle::RecordSuccess(store::Transaction& txn, const Keys& keys,
                                     Timestamp now) const {
  RETURN_IF_ERROR(txn.Execute("DELETE FROM sign_in_throttle WHERE throttle_key = ?", {keys.pair}));
  return txn
      .Execute("INSERT INTO sign_in_throttle (" + std::string(kColumns) +
                   ") VALUES (?, 0, NULL, NULL, NULL, ?)",
               {keys.pair, now})
      .status();
}

StatusOr<int64_t> SignInThrottle::DeleteExpired(store::Transaction& txn, Timestamp now,
                                                const SignInThrottleOptions& options) {
  return txn.Execute(
      "DELETE FROM sign_in_throttle WHERE (blocked_until IS NULL OR blocked_until <= ?) AND "
      "(window_start IS NULL OR window_start <= ?) AND "
      "(last_failure_at IS NULL OR last_failure_at <= ?) AND "
      "(last_success_at IS NULL OR last_success_at <= ?)",
      {now, Timestamp(now - options.address_window), Timestamp(now - options.forget_after),
       Timestamp(now - options.known_address_for)});
}

}  // namespace baken::security
