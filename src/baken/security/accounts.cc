#include "baken/security/accounts.h"

#include <algorithm>
#include <cctype>
#include <mutex>
#include <nlohmann/json.hpp>
#include <tuple>
#include <utility>

#include "baken/base/encoding.h"
#include "baken/security/base32.h"
#include "baken/security/internal/crypto_util.h"
#include "baken/security/sessions.h"
#include "baken/security/totp.h"

namespace baken::security {
namespace {

using store::Blob;
using store::Row;
using store::Transaction;
using store::Value;

constexpr std::string_view kUserColumns =
    "id, tenant, username, display_name, email, role, departments, disabled, failed_count, "
    "locked_until, created_at, password_hash, totp_secret, totp_last_step, must_change_password";

constexpr std::string_view kWrongCredentials = "Gebruikersnaam, wachtwoord of code onjuist";

struct StoredUser {
  User user;
  std::string password_hash;
  std::string sealed_totp;  // empty when not enrolled
  std::optional<int64_t> totp_last_step;
};

StoredUser FromRow(const Row& r) {
  StoredUser s;
  User& u = s.user;
  u.id = r.GetText(0);
  u.tenant = r.GetText(1);
  u.username = r.GetText(2);
  u.display_name = r.GetText(3);
  u.email = r.GetText(4);
  u.role = ParseRole(r.GetText(5)).ok() ? *ParseRole(r.GetText(5)) : Role::kResident;
  const auto deps = nlohmann::json::parse(r.GetText(6), nullptr, false);
  if (deps.is_array()) {
    for (const auto& d : deps) {
      if (d.is_string()) u.departments.push_back(d.get<std::string>());
    }
  }
  u.disabled = r.GetInt64(7) != 0;
  u.failed_count = static_cast<int>(r.GetInt64(8));
  if (!r.IsNull(9)) u.locked_until = r.GetTimestamp(9);
  u.created_at = r.GetTimestamp(10);
  s.password_hash = r.GetText(11);
  if (!r.IsNull(12)) s.sealed_totp = r.GetBlob(12).bytes;
  u.totp_enrolled = !s.sealed_totp.empty();
  if (!r.IsNull(13)) s.totp_last_step = r.GetInt64(13);
  u.must_change_password = r.GetInt64(14) != 0;
  return s;
}

std::string DepartmentsJson(const std::vector<std::string>& deps) {
  return nlohmann::json(deps).dump();
}

StatusOr<StoredUser> LoadUser(Transaction& txn, std::string_view where,
                              std::initializer_list<Value> params) {
  ASSIGN_OR_RETURN(store::ResultSet rs, txn.Query("SELECT " + std::string(kUserColumns) +
                                                      " FROM users WHERE " + std::string(where),
                                                  params));
  if (rs.rows.empty()) return NotFoundError("Gebruiker niet gevonden");
  return FromRow(rs.rows.front());
}

AuditEntry AdminEntry(std::string_view tenant, std::string_view actor, std::string action,
                      std::string_view user_id,
                      const nlohmann::json& details = nlohmann::json::object()) {
  AuditEntry e;
  e.tenant = std::string(tenant);
  e.actor = std::string(actor);
  e.action = std::move(action);
  e.object_type = "user";
  e.object_id = std::string(user_id);
  e.purpose = std::string(PurposeCode(Purpose::kBeheer));
  e.sensitivity = std::string(SensitivityCode(Sensitivity::kInternal));
  e.details = details.dump();
  return e;
}

}  // namespace

StatusOr<std::string> ServerKeyFromHex(std::string_view hex) {
  while (!hex.empty() && std::isspace(static_cast<unsigned char>(hex.front())))
    hex.remove_prefix(1);
  while (!hex.empty() && std::isspace(static_cast<unsigned char>(hex.back()))) hex.remove_suffix(1);
  auto key = internal::HexDecode(hex);
  if (!key.ok() || key->size() != 32) {
    return InvalidArgumentError("De serversleutel moet 64 hexadecimale tekens zijn", "server_key");
  }
  return *key;
}

AccountService::AccountService(store::Database& db, Clock& clock, AuditLog& audit,
                               AccountOptions options)
    : db_(db),
      clock_(clock),
      audit_(audit),
      options_(std::move(options)),
      throttle_(options_.server_key, options_.throttle) {}

StatusOr<User> AccountService::CreateUser(const NewUser& n, std::string_view actor) {
  if (n.tenant.empty()) return InvalidArgumentError("Gemeente ontbreekt", "tenant");
  if (n.username.size() < 2 || n.username.size() > 64 ||
      n.username.find_first_of(" \t\r\n") != std::string::npos) {
    return InvalidArgumentError("Gebruikersnaam moet 2 tot 64 tekens zijn, zonder spaties",
                                "username");
  }
  RETURN_IF_ERROR(CheckPasswordPolicy(n.password, n.username));
  ASSIGN_OR_RETURN(std::string hash, HashPassword(n.password, options_.hash_params));
  User u;
  u.id = internal::NewUuidV7(clock_.Now());
  u.tenant = n.tenant;
  u.username = n.username;
  u.display_name = n.display_name;
  u.email = n.email;
  u.role = n.role;
  u.departments = n.departments;
  u.must_change_password = n.must_change_password;
  u.created_at = clock_.Now();
  RETURN_IF_ERROR(db_.Write([&](Transaction& txn) -> Status {
    const Value params[] = {u.id,
                            u.tenant,
                            u.username,
                            u.display_name,
                            u.email,
                            std::string(RoleCode(u.role)),
                            DepartmentsJson(u.departments),
                            hash,
                            u.created_at,
                            int64_t{u.must_change_password ? 1 : 0}};
    auto inserted = txn.Execute(
        "INSERT INTO users (id, tenant, username, display_name, email, role, departments, "
        "password_hash, disabled, failed_count, created_at, must_change_password) VALUES (?, ?, "
        "?, ?, ?, ?, ?, ?, 0, 0, ?, ?)",
        params);
    if (inserted.status().code() == StatusCode::kAlreadyExists) {
      return AlreadyExistsError("Deze gebruikersnaam is al in gebruik", "username");
    }
    RETURN_IF_ERROR(inserted);
    return audit_
        .Append(txn, AdminEntry(u.tenant, actor, "user.create", u.id,
                                {{"username", u.username}, {"role", RoleCode(u.role)}}))
        .status();
  }));
  return u;
}

Status AccountService::Disable(std::string_view tenant, std::string_view user_id,
                               std::string_view actor) {
  return db_.Write([&](Transaction& txn) -> Status {
    ASSIGN_OR_RETURN(int64_t n,
                     txn.Execute("UPDATE users SET disabled = 1 WHERE tenant = ? AND id = ?",
                                 {std::string(tenant), std::string(user_id)}));
    if (n == 0) return NotFoundError("Gebruiker niet gevonden");
    RETURN_IF_ERROR(
        txn.Execute("UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND "
                    "revoked_at IS NULL",
                    {clock_.Now(), std::string(user_id)}));
    return audit_.Append(txn, AdminEntry(tenant, actor, "user.disable", user_id)).status();
  });
}

Status AccountService::Enable(std::string_view tenant, std::string_view user_id,
                              std::string_view actor) {
  return db_.Write([&](Transaction& txn) -> Status {
    ASSIGN_OR_RETURN(int64_t n,
                     txn.Execute("UPDATE users SET disabled = 0 WHERE tenant = ? AND id = ?",
                                 {std::string(tenant), std::string(user_id)}));
    if (n == 0) return NotFoundError("Gebruiker niet gevonden");
    return audit_.Append(txn, AdminEntry(tenant, actor, "user.enable", user_id)).status();
  });
}

Status AccountService::ResetPassword(std::string_view tenant, std::string_view user_id,
                                     std::string_view new_password, std::string_view actor) {
  ASSIGN_OR_RETURN(User u, Get(tenant, user_id));
  RETURN_IF_ERROR(CheckPasswordPolicy(new_password, u.username));
  ASSIGN_OR_RETURN(std::string hash, HashPassword(new_password, options_.hash_params));
  return db_.Write([&](Transaction& txn) -> Status {
    RETURN_IF_ERROR(
        txn.Execute("UPDATE users SET password_hash = ?, failed_count = 0, locked_until = NULL, "
                    "must_change_password = 1 WHERE tenant = ? AND id = ?",
                    {hash, std::string(tenant), std::string(user_id)}));
    // A new password ends every session that the old one opened.
    RETURN_IF_ERROR(
        txn.Execute("UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND "
                    "revoked_at IS NULL",
                    {clock_.Now(), std::string(user_id)}));
    return audit_.Append(txn, AdminEntry(tenant, actor, "user.password_reset", user_id)).status();
  });
}

Status AccountService::ChangePassword(std::string_view tenant, std::string_view user_id,
                                      std::string_view current, std::string_view new_password,
                                      std::string_view keep_session_token,
                                      std::string_view from_address) {
  std::optional<StoredUser> stored;
  RETURN_IF_ERROR(db_.Read([&](Transaction& txn) -> Status {
    ASSIGN_OR_RETURN(stored, LoadUser(txn, "tenant = ? AND id = ?",
                                      {std::string(tenant), std::string(user_id)}));
    return Status::Ok();
  }));
  auto entry = [&](AuditOutcome outcome, std::string_view reason) {
    AuditEntry e = AdminEntry(tenant, user_id, "user.password_change", user_id,
                              {{"reason", std::string(reason)}});
    e.actor_role = std::string(RoleCode(stored->user.role));
    e.from_address = std::string(from_address);
    e.outcome = outcome;
    return e;
  };
  if (!VerifyPassword(stored->password_hash, current)) {
    (void)audit_.Append(entry(AuditOutcome::kDeny, "wrong_current_password"));
    return InvalidArgumentError("Uw huidige wachtwoord klopt niet.", "huidig_wachtwoord");
  }
  if (new_password == current) {
    return InvalidArgumentError("Kies een ander wachtwoord dan het huidige.", "nieuw_wachtwoord");
  }
  Status policy = CheckPasswordPolicy(new_password, stored->user.username);
  if (!policy.ok()) return InvalidArgumentError(policy.message(), "nieuw_wachtwoord");
  ASSIGN_OR_RETURN(std::string hash, HashPassword(new_password, options_.hash_params));
  return db_.Write([&](Transaction& txn) -> Status {
    RETURN_IF_ERROR(
        txn.Execute("UPDATE users SET password_hash = ?, must_change_password = 0 "
                    "WHERE tenant = ? AND id = ?",
                    {hash, std::string(tenant), std::string(user_id)}));
    // Whoever else is signed in with the old password is signed out; this session goes on.
    RETURN_IF_ERROR(
        txn.Execute("UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND "
                    "revoked_at IS NULL AND token_hash <> ?",
                    {clock_.Now(), std::string(user_id), SessionTokenHash(keep_session_token)}));
    return audit_.Append(txn, entry(AuditOutcome::kAllow, "")).status();
  });
}

Status AccountService::SetRole(std::string_view tenant, std::string_view user_id, Role role,
                               std::vector<std::string> departments, std::string_view actor) {
  return db_.Write([&](Transaction& txn) -> Status {
    ASSIGN_OR_RETURN(int64_t n,
                     txn.Execute("UPDATE users SET role = ?, departments = ? "
                                 "WHERE tenant = ? AND id = ?",
                                 {std::string(RoleCode(role)), DepartmentsJson(departments),
                                  std::string(tenant), std::string(user_id)}));
    if (n == 0) return NotFoundError("Gebruiker niet gevonden");
    return audit_
        .Append(txn, AdminEntry(tenant, actor, "user.set_role", user_id,
                                {{"role", RoleCode(role)}, {"departments", departments}}))
        .status();
  });
}

StatusOr<User> AccountService::Get(std::string_view tenant, std::string_view user_id) {
  User u;
  RETURN_IF_ERROR(db_.Read([&](Transaction& txn) -> Status {
    ASSIGN_OR_RETURN(StoredUser s, LoadUser(txn, "tenant = ? AND id = ?",
                                            {std::string(tenant), std::string(user_id)}));
    u = std::move(s.user);
    return Status::Ok();
  }));
  return u;
}

StatusOr<std::vector<User>> AccountService::List(std::string_view tenant) {
  std::vector<User> users;
  RETURN_IF_ERROR(db_.Read([&](Transaction& txn) -> Status {
    users.clear();
    const Value params[] = {std::string(tenant)};
    return txn.ForEach(
        "SELECT " + std::string(kUserColumns) + " FROM users WHERE tenant = ? ORDER BY username",
        params, [&](const Row& r) {
          users.push_back(FromRow(r).user);
          return Status::Ok();
        });
  }));
  return users;
}

StatusOr<std::vector<User>> AccountService::Assignable(std::string_view tenant,
                                                       std::string_view department,
                                                       Sensitivity sensitivity) {
  ASSIGN_OR_RETURN(std::vector<User> users, List(tenant));
  std::erase_if(users, [&](const User& u) {
    if (u.disabled ||
        std::find(u.departments.begin(), u.departments.end(), department) == u.departments.end()) {
      return true;
    }
    AccessRequest r;
    r.principal = Principal{u.id, u.tenant, u.role, u.departments, /*second_factor_done=*/true};
    r.action = Action::kUpdate;
    r.sensitivity = sensitivity;
    r.record_tenant = std::string(tenant);
    r.record_department = std::string(department);
    r.resource = Resource::kCaseData;
    for (Purpose p : kAllPurposes) {
      r.purpose = p;
      if (Decide(r).allowed) return false;
    }
    return true;
  });
  std::sort(users.begin(), users.end(), [](const User& a, const User& b) {
    return std::tie(a.display_name, a.username) < std::tie(b.display_name, b.username);
  });
  return users;
}

StatusOr<TotpEnrolment> AccountService::EnrolTotp(std::string_view tenant,
                                                  std::string_view user_id) {
  ASSIGN_OR_RETURN(User u, Get(tenant, user_id));
  const std::string secret = GenerateTotpSecret();
  ASSIGN_OR_RETURN(std::string sealed, internal::SealWithKey(options_.server_key, secret));
  RETURN_IF_ERROR(db_.Write([&](Transaction& txn) -> Status {
    RETURN_IF_ERROR(txn.Execute("UPDATE users SET totp_pending = ? WHERE tenant = ? AND id = ?",
                                {Blob{sealed}, std::string(tenant), std::string(user_id)}));
    return audit_.Append(txn, AdminEntry(tenant, u.id, "user.totp_enrol", user_id)).status();
  }));
  return TotpEnrolment{TotpUri(u.username, secret), Base32Encode(secret)};
}

Status AccountService::ConfirmTotp(std::string_view tenant, std::string_view user_id,
                                   std::string_view code, std::string_view from_address) {
  std::string sealed_pending;
  std::optional<int64_t> last_step;
  RETURN_IF_ERROR(db_.Read([&](Transaction& txn) -> Status {
    ASSIGN_OR_RETURN(store::ResultSet rs,
                     txn.Query("SELECT totp_pending, totp_last_step FROM users "
                               "WHERE tenant = ? AND id = ?",
                               {std::string(tenant), std::string(user_id)}));
    if (rs.rows.empty()) return NotFoundError("Gebruiker niet gevonden");
    sealed_pending = rs.rows[0].IsNull(0) ? std::string() : rs.rows[0].GetBlob(0).bytes;
    last_step.reset();
    if (!rs.rows[0].IsNull(1)) last_step = rs.rows[0].GetInt64(1);
    return Status::Ok();
  }));
  if (sealed_pending.empty()) {
    return FailedPreconditionError(
        "Er is geen tweestapsverificatie in voorbereiding; start eerst het instellen.");
  }
  ASSIGN_OR_RETURN(std::string secret, internal::OpenWithKey(options_.server_key, sealed_pending));
  auto entry = [&](AuditOutcome outcome, std::string_view reason) {
    AuditEntry e = AdminEntry(tenant, user_id, "user.totp_confirm", user_id,
                              {{"reason", std::string(reason)}});
    e.from_address = std::string(from_address);
    e.outcome = outcome;
    return e;
  };
  // Not const: the return below moves it.
  Status wrong = InvalidArgumentError(
      "De code klopt niet of is al gebruikt. Voer de code in die de app nu toont.", "code");
  auto step = VerifyTotp(secret, code, clock_.Now(), last_step);
  if (!step.ok()) {
    (void)audit_.Append(entry(AuditOutcome::kDeny, "wrong_totp"));
    return wrong;
  }
  Status written = db_.Write([&](Transaction& txn) -> Status {
    // Only the enrolment that was checked is activated, and a step is never used twice.
    ASSIGN_OR_RETURN(
        int64_t n, txn.Execute("UPDATE users SET totp_secret = totp_pending, totp_pending = NULL, "
                               "totp_last_step = ? WHERE tenant = ? AND id = ? AND "
                               "totp_pending = ? AND (totp_last_step IS NULL OR "
                               "totp_last_step < ?)",
                               {*step, std::string(tenant), std::string(user_id),
                                Blob{sealed_pending}, *step}));
    if (n == 0) return InvalidArgumentError(std::string(wrong.message()), "code");
    return audit_.Append(txn, entry(AuditOutcome::kAllow, "confirmed")).status();
  });
  if (written.code() == StatusCode::kInvalidArgument) {
    (void)audit_.Append(entry(AuditOutcome::kDeny, "totp_replay"));
  }
  return written;
}

namespace {

// A hash of a random password, verified when the user name is unknown, so the answer takes as
// long as for a known user and timing does not reveal which user names exist.
const std::string& DummyHash(const PasswordHashParams& params) {
  static std::once_flag once;
  static std::string hash;
  std::call_once(
      once, [&] { hash = HashPassword(HexEncode(internal::RandomBytes(16)), params).value(); });
  return hash;
}

// "Te veel mislukte pogingen" with the wait, the same for every user name (ADR 0012).
Status Throttled(Timestamp until, Timestamp now, std::chrono::seconds* retry_after) {
  const int64_t seconds =
      std::max<int64_t>(1, std::chrono::ceil<std::chrono::seconds>(until - now).count());
  if (retry_after != nullptr) *retry_after = std::chrono::seconds(seconds);
  const std::string wait = seconds < 120 ? std::to_string(seconds) + " seconden"
                                         : std::to_string((seconds + 59) / 60) + " minuten";
  return ResourceExhaustedError("Te veel mislukte pogingen. Probeer het over " + wait +
                                " opnieuw.");
}

}  // namespace

StatusOr<Principal> AccountService::Authenticate(std::string_view tenant, std::string_view username,
                                                 std::string_view password,
                                                 std::optional<std::string_view> totp_code,
                                                 std::string_view from_address,
                                                 std::chrono::seconds* retry_after) {
  const Timestamp now = clock_.Now();
  const std::string address(from_address);
  const SignInThrottle::Keys keys = throttle_.KeysFor(tenant, username, address);

  // Everything read first, outside the writer; argon2 runs without holding a write transaction.
  std::optional<StoredUser> stored;
  std::optional<Timestamp> blocked_until;
  RETURN_IF_ERROR(db_.Read([&](Transaction& txn) -> Status {
    stored.reset();
    ASSIGN_OR_RETURN(blocked_until, throttle_.BlockedUntil(txn, keys, now));
    auto s =
        LoadUser(txn, "tenant = ? AND username = ?", {std::string(tenant), std::string(username)});
    if (s.ok()) {
      stored = std::move(*s);
    } else if (s.status().code() != StatusCode::kNotFound) {
      return s.status();
    }
    return Status::Ok();
  }));

  auto audit_entry = [&](std::string action, AuditOutcome outcome, std::string reason) {
    AuditEntry e;
    e.tenant = std::string(tenant);
    e.actor = stored ? stored->user.id : "anonymous";
    e.actor_role = stored ? std::string(RoleCode(stored->user.role)) : "";
    e.action = std::move(action);
    e.object_type = "user";
    e.object_id = stored ? stored->user.id : "";
    e.from_address = address;
    e.outcome = outcome;
    e.details = nlohmann::json{{"username", username}, {"reason", std::move(reason)}}.dump();
    return e;
  };

  // One argon2 verification whatever happens next (a dummy hash for an unknown name or a
  // throttled attempt), so the time taken does not tell those apart from a wrong password.
  const bool checkable = stored.has_value() && !blocked_until.has_value();
  const bool password_ok =
      VerifyPassword(checkable ? stored->password_hash : DummyHash(options_.hash_params),
                     password) &&
      checkable;

  if (blocked_until) {
    (void)audit_.Append(audit_entry("login.failure", AuditOutcome::kDeny, "throttled"));
    return Throttled(*blocked_until, now, retry_after);
  }

  // Records a failure (throttle counters, audit entry); the answer is the same for every reason.
  auto fail = [&](std::string reason) -> Status {
    RETURN_IF_ERROR(db_.Write([&](Transaction& txn) -> Status {
      RETURN_IF_ERROR(throttle_.RecordFailure(txn, keys, now));
      return audit_.Append(txn, audit_entry("login.failure", AuditOutcome::kDeny, reason)).status();
    }));
    return UnauthenticatedError(std::string(kWrongCredentials));
  };

  if (!stored) return fail("unknown_user");
  if (!password_ok) return fail("wrong_password");
  const User& u = stored->user;
  if (u.disabled) return fail("disabled");
  std::optional<int64_t> step;
  if (totp_code) {
    if (stored->sealed_totp.empty()) return fail("totp_not_enrolled");
    ASSIGN_OR_RETURN(std::string secret,
                     internal::OpenWithKey(options_.server_key, stored->sealed_totp));
    auto verified = VerifyTotp(secret, *totp_code, now, stored->totp_last_step);
    if (!verified.ok()) return fail("wrong_totp");
    step = *verified;
  }
  std::optional<std::string> rehash;
  if (PasswordNeedsRehash(stored->password_hash, options_.hash_params)) {
    auto h = HashPassword(password, options_.hash_params);
    if (h.ok()) rehash = *h;
  }
  Status written = db_.Write([&](Transaction& txn) -> Status {
    if (step) {
      // Guards against two logins racing with the same code: only one moves the step.
      ASSIGN_OR_RETURN(int64_t n, txn.Execute("UPDATE users SET totp_last_step = ? WHERE id = ? "
                                              "AND (totp_last_step IS NULL OR totp_last_step < ?)",
                                              {*step, u.id, *step}));
      if (n == 0) return UnauthenticatedError(std::string(kWrongCredentials));
    }
    RETURN_IF_ERROR(throttle_.RecordSuccess(txn, keys, now));
    if (rehash) {
      RETURN_IF_ERROR(
          txn.Execute("UPDATE users SET password_hash = ? WHERE id = ?", {*rehash, u.id}));
    }
    return audit_
        .Append(txn, audit_entry("login.success", AuditOutcome::kAllow,
                                 step ? "password_totp" : "password"))
        .status();
  });
  if (written.code() == StatusCode::kUnauthenticated) return fail("totp_replay");
  RETURN_IF_ERROR(written);
  Principal principal{u.id, u.tenant, u.role, u.departments, step.has_value()};
  principal.password_change_required = u.must_change_password;
  return principal;
}

}  // namespace baken::security
