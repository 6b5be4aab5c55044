// SessionManager: server-side login sessions, stored in the database so several stateless server
// processes can share them.
//
// Create() returns a random 32-byte bearer token (hex) and a CSRF token; only BLAKE2b-256 of the
// bearer token is stored, so a copy of the database does not let anyone log in. A session ends
// after `idle_timeout` without use, after `absolute_timeout` in any case, when revoked, or when
// its user is disabled. Validate() slides the idle timeout and rebuilds the Principal from the
// user's current role and departments (a role change applies at once).
//
// ApiKeys: long-lived keys for systems (apps, partner systems), hashed the same way, each with a
// client name, tenant, role and allowed purposes; revocable.
//
// Thread-safe. Errors: kUnauthenticated (unknown, expired or revoked; one Dutch message),
// kNotFound for revoking what does not exist, store errors.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "baken/base/clock.h"
#include "baken/base/status.h"
#include "baken/security/policy.h"
#include "baken/store/database.h"

namespace baken::security {

// BLAKE2b-256 of a bearer token: what the sessions table stores instead of the token.
store::Blob SessionTokenHash(std::string_view token);

struct SessionOptions {
  std::chrono::minutes idle_timeout{30};
  std::chrono::hours absolute_timeout{12};
};

struct NewSession {
  std::string token;       // give to the client (cookie: HttpOnly, Secure, SameSite=Strict)
  std::string csrf_token;  // give to the page; require it on every state-changing request
  Timestamp expires_at{};  // absolute end
};

struct Session {
  Principal principal;
  std::string csrf_token;
  Timestamp created_at{};
  Timestamp expires_at{};
};

class SessionManager {
 public:
  SessionManager(store::Database& db, Clock& clock, SessionOptions options = {})
      : db_(db), clock_(clock), options_(options) {}

  StatusOr<NewSession> Create(const Principal& principal, std::string_view from_address);
  StatusOr<Session> Validate(std::string_view token);
  // Constant-time check of a presented CSRF token against the session's.
  static bool CsrfMatches(const Session& session, std::string_view presented);
  Status Revoke(std::string_view token);
  // Records that the session's user has now also given a valid TOTP code (after confirming an
  // enrolment). kUnauthenticated for an unknown, expired or revoked session.
  Status MarkSecondFactorDone(std::string_view token);
  // Ends every session of the user (logout everywhere, password reset, suspected theft).
  StatusOr<int64_t> RevokeAllForUser(std::string_view tenant, std::string_view user_id);

 private:
  store::Database& db_;
  Clock& clock_;
  SessionOptions options_;
};

struct ApiClient {
  std::string id;
  std::string tenant;
  std::string client_name;
  Role role = Role::kResident;
  std::vector<Purpose> purposes;
  // The explicit grant to see reporter contact data (Principal::reporter_contact_grant), given at
  // creation only; the caller audits it and, over the API, has it approved by a second person.
  bool reporter_contact = false;
  Timestamp created_at{};               // set by List
  std::optional<Timestamp> revoked_at;  // set by List

  bool AllowsPurpose(Purpose p) const;
  // The principal the policy sees: user_id "api:<id>", no departments, no second factor (so a
  // key never reaches confidential or special data), the reporter-contact grant if it has one.
  Principal AsPrincipal() const;
};

class ApiKeys {
 public:
  ApiKeys(store::Database& db, Clock& clock) : db_(db), clock_(clock) {}

  // Returns the key ("bk_" + 64 hex digits) once; only its hash is stored.
  StatusOr<std::string> Create(std::string_view tenant, std::string_view client_name, Role role,
                               const std::vector<Purpose>& purposes, std::string* id = nullptr,
                               bool reporter_contact = false);
  StatusOr<ApiClient> Authenticate(std::string_view key);
  Status Revoke(std::string_view tenant, std::string_view id);
  // Every key of the tenant, revoked ones included, oldest first; never the key itself (only
  // its hash is stored).
  StatusOr<std::vector<ApiClient>> List(std::string_view tenant);

 private:
  store::Database& db_;
  Clock& clock_;
};

}  // namespace baken::security
