#include "baken/security/sessions.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "baken/base/encoding.h"
#include "baken/security/internal/crypto_util.h"

namespace baken::security {

store::Blob SessionTokenHash(std::string_view token) {
  return store::Blob{internal::Blake2b(token, {}, 32)};
}

namespace {

using store::Blob;
using store::Row;
using store::Transaction;

constexpr std::string_view kExpired = "Uw sessie is verlopen of beëindigd; log opnieuw in";

Blob TokenHash(std::string_view token) {
  return SessionTokenHash(token);
}

std::vector<std::string> ParseStrings(const std::string& json) {
  std::vector<std::string> out;
  const auto j = nlohmann::json::parse(json, nullptr, false);
  if (!j.is_array()) return out;
  for (const auto& v : j) {
    if (v.is_string()) out.push_back(v.get<std::string>());
  }
  return out;
}

}  // namespace

StatusOr<NewSession> SessionManager::Create(const Principal& p, std::string_view from_address) {
  const Timestamp now = clock_.Now();
  NewSession s{HexEncode(internal::RandomBytes(32)), HexEncode(internal::RandomBytes(32)),
               now + options_.absolute_timeout};
  RETURN_IF_ERROR(db_.Write([&](Transaction& txn) -> Status {
    const store::Value params[] = {TokenHash(s.token),
                                   p.tenant,
                                   p.user_id,
                                   s.csrf_token,
                                   int64_t{p.second_factor_done ? 1 : 0},
                                   std::string(from_address),
                                   now,
                                   now,
                                   s.expires_at};
    return txn
        .Execute(
            "INSERT INTO sessions (token_hash, tenant, user_id, csrf_token, "
            "second_factor_done, from_address, created_at, last_seen_at, expires_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            params)
        .status();
  }));
  return s;
}

StatusOr<Session> SessionManager::Validate(std::string_view token) {
  const Timestamp now = clock_.Now();
  const Blob hash = TokenHash(token);
  Session session;
  Timestamp last_seen{};
  // Checked in a read; last_seen_at is written at most once a minute, so ordinary requests do
  // not queue for the (single SQLite) writer.
  RETURN_IF_ERROR(db_.Read([&](Transaction& txn) -> Status {
    ASSIGN_OR_RETURN(
        store::ResultSet rs,
        txn.Query("SELECT s.tenant, s.user_id, s.csrf_token, s.second_factor_done, s.created_at, "
                  "s.last_seen_at, s.expires_at, s.revoked_at, u.role, u.departments, u.disabled, "
                  "u.must_change_password "
                  "FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?",
                  {hash}));
    if (rs.rows.empty()) return UnauthenticatedError(std::string(kExpired));
    const Row& r = rs.rows[0];
    last_seen = r.GetTimestamp(5);
    if (!r.IsNull(7) || r.GetInt64(10) != 0 || r.GetTimestamp(6) <= now ||
        last_seen + options_.idle_timeout <= now) {
      return UnauthenticatedError(std::string(kExpired));
    }
    auto role = ParseRole(r.GetText(8));
    if (!role.ok()) return UnauthenticatedError(std::string(kExpired));
    session.principal = Principal{r.GetText(1), r.GetText(0), *role, ParseStrings(r.GetText(9)),
                                  r.GetInt64(3) != 0};
    session.principal.password_change_required = r.GetInt64(11) != 0;
    session.csrf_token = r.GetText(2);
    session.created_at = r.GetTimestamp(4);
    session.expires_at = r.GetTimestamp(6);
    return Status::Ok();
  }));
  if (now - last_seen >= std::chrono::minutes(1)) {
    RETURN_IF_ERROR(db_.Write([&](Transaction& txn) -> Status {
      return txn
          .Execute("UPDATE sessions SET last_seen_at = ? WHERE token_hash = ? AND last_seen_at < ?",
                   {now, hash, now})
          .status();
    }));
  }
  return session;
}

bool SessionManager::CsrfMatches(const Session& session, std::string_view presented) {
  return !session.csrf_token.empty() && internal::ConstantTimeEquals(session.csrf_token, presented);
}

Status SessionManager::Revoke(std::string_view token) {
  return db_.Write([&](Transaction& txn) -> Status {
    ASSIGN_OR_RETURN(int64_t n, txn.Execute("UPDATE sessions SET revoked_at = ? WHERE token_hash = "
                                            "? AND revoked_at IS NULL",
                                            {clock_.Now(), TokenHash(token)}));
    if (n == 0) return NotFoundError("Sessie niet gevonden");
    return Status::Ok();
  });
}

Status SessionManager::MarkSecondFactorDone(std::string_view token) {
  const Timestamp now = clock_.Now();
  return db_.Write([&](Transaction& txn) -> Status {
    ASSIGN_OR_RETURN(int64_t n,
                     txn.Execute("UPDATE sessions SET second_factor_done = 1 WHERE token_hash = ? "
                                 "AND revoked_at IS NULL AND expires_at > ?",
                                 {TokenHash(token), now}));
    if (n == 0) return UnauthenticatedError(std::string(kExpired));
    return Status::Ok();
  });
}

StatusOr<int64_t> SessionManager::RevokeAllForUser(std::string_view tenant,
                                                   std::string_view user_id) {
  int64_t n = 0;
  RETURN_IF_ERROR(db_.Write([&](Transaction& txn) -> Status {
    ASSIGN_OR_RETURN(n, txn.Execute("UPDATE sessions SET revoked_at = ? WHERE tenant = ? AND "
                                    "user_id = ? AND revoked_at IS NULL",
                                    {clock_.Now(), std::string(tenant), std::string(user_id)}));
    return Status::Ok();
  }));
  return n;
}

bool ApiClient::AllowsPurpose(Purpose p) const {
  return std::find(purposes.begin(), purposes.end(), p) != purposes.end();
}

Principal ApiClient::AsPrincipal() const {
  Principal p{"api:" + id, tenant, role, {}, false};
  p.reporter_contact_grant = reporter_contact;
  return p;
}

StatusOr<std::string> ApiKeys::Create(std::string_view tenant, std::string_view client_name,
                                      Role role, const std::vector<Purpose>& purposes,
                                      std::string* id_out, bool reporter_contact) {
  if (tenant.empty() || client_name.empty()) {
    return InvalidArgumentError("Gemeente en naam van de client zijn verplicht", "client_name");
  }
  nlohmann::json codes = nlohmann::json::array();
  for (Purpose p : purposes) {
    if (!RoleMayUsePurpose(role, p)) {
      return InvalidArgumentError("Rol " + std::string(RoleName(role)) +
                                      " mag niet werken voor doel " + std::string(PurposeName(p)),
                                  "purposes");
    }
    codes.push_back(PurposeCode(p));
  }
  const std::string key = "bk_" + HexEncode(internal::RandomBytes(32));
  const std::string id = internal::NewUuidV7(clock_.Now());
  RETURN_IF_ERROR(db_.Write([&](Transaction& txn) -> Status {
    const store::Value params[] = {id,
                                   std::string(tenant),
                                   std::string(client_name),
                                   TokenHash(key),
                                   std::string(RoleCode(role)),
                                   codes.dump(),
                                   int64_t{reporter_contact ? 1 : 0},
                                   clock_.Now()};
    return txn
        .Execute(
            "INSERT INTO api_keys (id, tenant, client_name, key_hash, role, purposes, "
            "reporter_contact, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            params)
        .status();
  }));
  if (id_out != nullptr) *id_out = id;
  return key;
}

StatusOr<ApiClient> ApiKeys::Authenticate(std::string_view key) {
  ApiClient client;
  RETURN_IF_ERROR(db_.Read([&](Transaction& txn) -> Status {
    ASSIGN_OR_RETURN(store::ResultSet rs,
                     txn.Query("SELECT id, tenant, client_name, role, purposes, revoked_at, "
                               "reporter_contact FROM api_keys WHERE key_hash = ?",
                               {TokenHash(key)}));
    if (rs.rows.empty() || !rs.rows[0].IsNull(5)) {
      return UnauthenticatedError("Ongeldige of ingetrokken API-sleutel");
    }
    const Row& r = rs.rows[0];
    auto role = ParseRole(r.GetText(3));
    if (!role.ok()) return UnauthenticatedError("Ongeldige of ingetrokken API-sleutel");
    client = ApiClient{r.GetText(0), r.GetText(1), r.GetText(2), *role, {}};
    client.reporter_contact = r.GetInt64(6) != 0;
    for (const std::string& code : ParseStrings(r.GetText(4))) {
      auto p = ParsePurpose(code);
      if (p.ok()) client.purposes.push_back(*p);
    }
    return Status::Ok();
  }));
  return client;
}

Status ApiKeys::Revoke(std::string_view tenant, std::string_view id) {
  return db_.Write([&](Transaction& txn) -> Status {
    ASSIGN_OR_RETURN(int64_t n, txn.Execute("UPDATE api_keys SET revoked_at = ? WHERE tenant = ? "
                                            "AND id = ? AND revoked_at IS NULL",
                                            {clock_.Now(), std::string(tenant), std::string(id)}));
    if (n == 0) return NotFoundError("API-sleutel niet gevonden");
    return Status::Ok();
  });
}

StatusOr<std::vector<ApiClient>> ApiKeys::List(std::string_view tenant) {
  std::vector<ApiClient> out;
  RETURN_IF_ERROR(db_.Read([&](Transaction& txn) -> Status {
    out.clear();
    const store::Value params[] = {std::string(tenant)};
    return txn.ForEach(
        "SELECT id, tenant, client_name, role, purposes, created_at, revoked_at, "
        "reporter_contact FROM api_keys WHERE tenant = ? ORDER BY created_at, id",
        params, [&](const Row& r) {
          ApiClient c{r.GetText(0), r.GetText(1), r.GetText(2), Role::kResident, {}};
          if (auto role = ParseRole(r.GetText(3)); role.ok()) c.role = *role;
          for (const std::string& code : ParseStrings(r.GetText(4))) {
            if (auto p = ParsePurpose(code); p.ok()) c.purposes.push_back(*p);
          }
          c.created_at = r.GetTimestamp(5);
          if (!r.IsNull(6)) c.revoked_at = r.GetTimestamp(6);
          c.reporter_contact = r.GetInt64(7) != 0;
          out.push_back(std::move(c));
          return Status::Ok();
        });
  }));
  return out;
}

}  // namespace baken::security
