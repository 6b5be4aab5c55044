// AccountService: user accounts, their passwords and second factor, and logging in.
//
// Users belong to one tenant; user names are unique per tenant. Passwords are argon2id hashes
// (password.h); TOTP secrets are stored encrypted (crypto_secretbox under the server key) with
// the last used time step, so a code works once. Authenticate() throttles failures per (user
// name, client address) pair with exponential back-off, per address and per name across
// addresses (SignInThrottle, ADR 0012; no account is ever locked), and writes "login.success" /
// "login.failure" audit entries in the same transaction as the counters. It never tells an
// unknown name, a wrong password or code, and a disabled account apart: one answer and one
// argon2 verification each. Administrative changes are audited too.
//
// Thread-safe (state lives in the database). Password hashing runs outside write transactions,
// so a login does not hold the SQLite writer for the length of an argon2 computation.
// Errors: kInvalidArgument (validation, Dutch message with field), kAlreadyExists (user name
// taken), kNotFound, kUnauthenticated (wrong credentials, unknown or disabled account: one
// message whatever was wrong), kResourceExhausted (throttled; the message says how long to wait),
// store errors.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "baken/base/clock.h"
#include "baken/base/status.h"
#include "baken/security/audit_log.h"
#include "baken/security/password.h"
#include "baken/security/policy.h"
#include "baken/security/sign_in_throttle.h"
#include "baken/store/database.h"

namespace baken::security {

// Decodes the server key from 64 hex digits (config or key file contents; whitespace around it
// is ignored). kInvalidArgument otherwise, without echoing the input.
StatusOr<std::string> ServerKeyFromHex(std::string_view hex);

struct AccountOptions {
  std::string server_key;  // 32 raw bytes; encrypts TOTP secrets. Never log it.
  PasswordHashParams hash_params = PasswordHashParams::Server();
  SignInThrottleOptions throttle;
};

struct User {
  std::string id;
  std::string tenant;
  std::string username;
  std::string display_name;
  std::string email;
  Role role = Role::kResident;
  std::vector<std::string> departments;
  bool disabled = false;
  bool totp_enrolled = false;
  bool must_change_password = false;      // see Principal::password_change_required
  int failed_count = 0;                   // unused since ADR 0012 (no account locks)
  std::optional<Timestamp> locked_until;  // unused since ADR 0012
  Timestamp created_at{};
};

struct TotpEnrolment {
  std::string uri;            // otpauth://totp/Baken:USER?secret=...
  std::string secret_base32;  // the same secret, for typing into the app
};

struct NewUser {
  std::string tenant;
  std::string username;
  std::string display_name;
  std::string email;
  Role role = Role::kResident;
  std::vector<std::string> departments;
  std::string password;
  bool must_change_password = false;  // true when an administrator chose the password
};

class AccountService {
 public:
  AccountService(store::Database& db, Clock& clock, AuditLog& audit, AccountOptions options);

  // `actor` is the administrator's user id (or "system"), for the audit log.
  StatusOr<User> CreateUser(const NewUser& n, std::string_view actor);
  Status Disable(std::string_view tenant, std::string_view user_id, std::string_view actor);
  // Undoes Disable (the user signs in again with the password they had). Audited
  // ("user.enable").
  Status Enable(std::string_view tenant, std::string_view user_id, std::string_view actor);
  // Sets a password chosen by an administrator: the user must replace it at the next sign-in,
  // and every session of the user ends. Audited ("user.password_reset").
  Status ResetPassword(std::string_view tenant, std::string_view user_id,
                       std::string_view new_password, std::string_view actor);
  // The user replaces their own password: `current` must be right (kInvalidArgument, field
  // "huidig_wachtwoord", otherwise), the new one must meet the policy and differ from it (field
  // "nieuw_wachtwoord"). Clears must_change_password and ends every other session of the user
  // (`keep_session_token` stays). Audited ("user.password_change", allow or deny).
  Status ChangePassword(std::string_view tenant, std::string_view user_id, std::string_view current,
                        std::string_view new_password, std::string_view keep_session_token,
                        std::string_view from_address);
  Status SetRole(std::string_view tenant, std::string_view user_id, Role role,
                 std::vector<std::string> departments, std::string_view actor);
  StatusOr<User> Get(std::string_view tenant, std::string_view user_id);
  StatusOr<std::vector<User>> List(std::string_view tenant);
  // Who a melding of `department` (of class `sensitivity`) may be assigned to: the tenant's
  // enabled users who work for that department and whom the policy lets handle such a record
  // (update case data for one of their purposes). By display name.
  StatusOr<std::vector<User>> Assignable(std::string_view tenant, std::string_view department,
                                         Sensitivity sensitivity = Sensitivity::kInternal);

  // Starts a TOTP enrolment: generates a new secret and stores it as pending (an active secret
  // stays in force until the new one is confirmed). Returns the otpauth:// URI to show as a QR
  // code and the base32 secret to type in; neither is retrievable later. Audited
  // ("user.totp_enrol").
  StatusOr<TotpEnrolment> EnrolTotp(std::string_view tenant, std::string_view user_id);

  // Confirms the pending secret with a code from the app: on success the secret becomes the
  // active one (totp_enrolled is true from then on) and the code's time step is used up. Audited
  // ("user.totp_confirm", allow or deny). kFailedPrecondition without a pending enrolment,
  // kInvalidArgument (field "code") for a wrong, stale or replayed code.
  Status ConfirmTotp(std::string_view tenant, std::string_view user_id, std::string_view code,
                     std::string_view from_address = {});

  // Checks the password and, when the user has enrolled TOTP and gives a code, the code. Without
  // a code the principal has second_factor_done == false (the policy then withholds
  // confidential and special data). A wrong code counts as a failed login. When the attempt is
  // throttled (kResourceExhausted), `retry_after` (if given) gets the wait in whole seconds.
  StatusOr<Principal> Authenticate(std::string_view tenant, std::string_view username,
                                   std::string_view password,
                                   std::optional<std::string_view> totp_code,
                                   std::string_view from_address,
                                   std::chrono::seconds* retry_after = nullptr);

 private:
  store::Database& db_;
  Clock& clock_;
  AuditLog& audit_;
  AccountOptions options_;
  SignInThrottle throttle_;
};

}  // namespace baken::security
