// AccessGate: authentication, authorisation, CSRF and rate limits for every /api/v1 route, so a
// route handler only decodes, calls and encodes.
//
// A module declares its routes (route_spec.h) and registers them on the gate, not on the Server:
//   gate.Route({.method = "GET", .pattern = "/api/v1/gebruikers", ..., .access =
//               RouteAccess::kPolicy, .policy = {...}}, handler);
// or, for routes not yet declared (they are documented by openapi.cc's remaining table):
//   gate.Protected({"GET", "/api/v1/gebruikers", Resource::kUserAdmin, Action::kRead,
//                   Sensitivity::kInternal, {Purpose::kBeheer}, "gebruikers.lijst"}, handler);
//   gate.SignedIn("GET", "/api/v1/sessies/huidig", handler);      // any signed-in caller
//   gate.Public("POST", "/api/v1/sessies", handler, "aanmelden");  // anyone, rate-limited
// The caller is resolved from the session cookie `baken_sessie` (SessionManager) or an API key
// (`Authorization: Bearer bk_...` or `X-Api-Key`, ApiKeys). The purpose comes from the header
// `X-Baken-Doel` or the query parameter `doel` (a PurposeCode), else the first of the route's
// purposes the role (or key) may use. For Protected routes the decision is security::Decide's,
// through Authorize when the policy wants an audit entry (denials, confidential data); a purpose
// outside the route's list or the API key's is denied and audited too. Unsafe methods with a
// session cookie need `X-CSRF-Token`; API-key requests are exempt. Unsafe requests with a body to
// an /api/v1 route must say `Content-Type: application/json` (a cross-site HTML form cannot), or
// get 415 (problem+json, Dutch); Open311's form posts are outside /api/v1. Answers: 401 not
// signed in, 403 denied (Dutch reason), 415 not JSON, 429 with Retry-After when a rate group's
// limit is reached. With SecurityOptions::hsts every answer of the gate carries
// Strict-Transport-Security (unless the server adds it itself). Every successful answer of an
// /api/ route carries `Cache-Control: no-store` unless the route sets its own Cache-Control
// (public static data such as the areas).
// A signed-in user whose role requires a second factor but who has not set up TOTP yet gets 403
// with "code": "totp_instellen_vereist" on every Protected route (audited), until enrolment is
// confirmed (POST /api/v1/sessies/huidig/totp and .../totp/bevestiging).
//
// Thread-safe after registration. Copies of a gate share its state; the handlers it registers
// keep the state and the services alive, so a gate may go out of scope after registration. The
// Database and Clock inside the services must outlive the Server.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "baken/api/rate_limiter.h"
#include "baken/api/route_spec.h"
#include "baken/api/server.h"
#include "baken/base/tenant.h"
#include "baken/security/accounts.h"
#include "baken/security/audit_log.h"
#include "baken/security/pending_changes.h"
#include "baken/security/policy.h"
#include "baken/security/sessions.h"

namespace baken::api {

inline constexpr std::string_view kSessionCookie = "baken_sessie";

// The security services of one server, built from the database, the clock and the options.
struct SecurityOptions {
  std::string server_key;               // 32 raw bytes (security::ServerKeyFromHex); required
  std::string tenant = kDefaultTenant;  // default municipality for sign-in without "gemeente"
  bool secure_cookie = false;           // add Secure without TLS (behind a TLS-terminating proxy)
  bool hsts = false;  // Strict-Transport-Security without own TLS (the public address is https)
  security::SessionOptions sessions;
  security::PasswordHashParams hash_params = security::PasswordHashParams::Server();
  // Every sign-in request per client address, successful or not: only a guard against floods
  // (each attempt costs an argon2 computation). Failures are throttled per account and address by
  // AccountService (ADR 0012), so colleagues behind one NAT address do not block each other.
  RateLimit sign_in{600, std::chrono::minutes(15)};
  // Checks of a password or code by a signed-in user (changing the own password, confirming a
  // TOTP enrolment), per client address: strict, as before ADR 0012.
  RateLimit credential_check{10, std::chrono::minutes(15)};
  RateLimit public_intake{60, std::chrono::hours(1)};  // like Signalen
};

// A fresh random server key (32 bytes), for a server started without a configured one: TOTP
// enrolments made under it are unusable after a restart.
std::string EphemeralServerKey();

struct Caller;

// Applies an approved pending change (four eyes, ADR 0011) with the approver as the actor; returns
// the result as JSON text for the approver (e.g. a one-time password or key, shown once).
using ChangeApplier =
    std::function<StatusOr<std::string>(const security::PendingChange&, const Caller& approver)>;

struct SecurityServices {
  SecurityServices(store::Database& db, Clock& clock, SecurityOptions options);

  store::Database& db;
  Clock& clock;
  const SecurityOptions options;
  security::AuditLog audit;
  security::AccountService accounts;
  security::SessionManager sessions;
  security::ApiKeys api_keys;
  security::PendingChanges changes;
  // One applier per pending-change kind, registered by the route modules before the server
  // starts and only read afterwards.
  std::map<std::string, ChangeApplier, std::less<>> appliers;
};

// Rate groups known to every gate.
inline constexpr std::string_view kRateSignIn = "aanmelden";
inline constexpr std::string_view kRateCredentialCheck = "controle";
inline constexpr std::string_view kRatePublicIntake = "publiek";

// Machine-readable problem code: the role needs a second factor that is not set up yet.
inline constexpr std::string_view kTotpSetupRequired = "totp_instellen_vereist";
// Machine-readable problem code: the password was set by an administrator and must be replaced
// (PUT /api/v1/sessies/huidig/wachtwoord) before anything else.
inline constexpr std::string_view kPasswordChangeRequired = "wachtwoord_wijzigen_vereist";

// Who is calling, as the handler sees it.
struct Caller {
  bool signed_in = false;  // false: anonymous (only on Public routes)
  security::Principal principal;
  std::optional<security::Purpose> purpose;  // set on Protected routes
  security::Decision decision;               // set on Protected routes (mask_personal_data)
  std::string session_token;                 // empty for API keys and anonymous callers
  std::string csrf_token;
  std::string api_client_id;  // set for API keys
  std::vector<security::Purpose> api_key_purposes;

  // Who did it, for history and audit: the user id, or "api:<client>" for an API key.
  std::string ActorId() const {
    return api_client_id.empty() ? principal.user_id : "api:" + api_client_id;
  }
};

using GuardedHandler = std::function<StatusOr<Response>(const Request&, const Caller&)>;

struct GateRoute {
  RouteAccess access = RouteAccess::kPublic;
  RouteSpec spec;
};

class AccessGate {
 public:
  AccessGate(Server& server, std::shared_ptr<SecurityServices> services);

  SecurityServices& services() const;
  Server& server() const { return *server_; }

  // Registers a declared route (route_spec.h): the access it declares decides which of the three
  // below it is, and the declaration is kept for the OpenAPI document.
  void Route(RouteDecl decl, GuardedHandler handler);

  void Protected(RouteSpec spec, GuardedHandler handler);
  void SignedIn(const std::string& method, const std::string& pattern, GuardedHandler handler,
                std::string rate_group = {});
  void Public(const std::string& method, const std::string& pattern, GuardedHandler handler,
              std::string rate_group = {});

  // Adds or replaces a rate group.
  void SetRateLimit(const std::string& group, RateLimit limit);

  // Routes registered through this gate, in order.
  std::vector<GateRoute> routes() const;
  // Whether the gate would let this caller through to the route registered as `method` `pattern`
  // (the policy's route-level decision with the first purpose the caller may use; no record, no
  // audit entry): what the UI may offer. False for an unknown route.
  bool MayCall(const Caller& caller, std::string_view method, std::string_view pattern) const;

  // The declarations of the routes registered with Route(), in order.
  std::vector<RouteDecl> declarations() const;

  // "baken_sessie=...; Path=/; HttpOnly; SameSite=Strict[; Secure]; Max-Age=..." for a new
  // session, or the expiring cookie for sign-out.
  std::string SessionCookie(const std::string& token, std::chrono::seconds max_age) const;

 private:
  struct State;
  void Add(RouteAccess access, RouteSpec spec, GuardedHandler handler);

  Server* server_;
  std::shared_ptr<State> state_;
};

// Whether the public address (`--publiek-adres`, server.publiek_adres) is https: the browser then
// reaches Baken over TLS (perhaps terminated by a proxy), so the session cookie gets Secure and
// answers carry Strict-Transport-Security.
bool IsHttpsAddress(std::string_view public_base_url);

// Session routes: POST /api/v1/sessies, GET and DELETE /api/v1/sessies/huidig,
// DELETE /api/v1/sessies, POST /api/v1/sessies/huidig/totp (start TOTP enrolment) and
// POST /api/v1/sessies/huidig/totp/bevestiging (confirm it; completes the session's second
// factor).
void RegisterSessionRoutes(AccessGate& gate);

// Administrative routes: GET /api/v1/gebruikers (beheer), GET /api/v1/audit/hoofd (auditor).
void RegisterAdminRoutes(AccessGate& gate);

// Four eyes (pending_change_routes.cc, ADR 0011): GET /api/v1/wijzigingen (?status=wachtend),
// POST /api/v1/wijzigingen/{id}/goedkeuring and .../afwijzing. Only a person other than the
// proposer decides; approving applies the change through services().appliers.
void RegisterPendingChangeRoutes(AccessGate& gate);

// User and API-key administration (user_admin_routes.cc): POST /api/v1/gebruikers,
// PATCH /api/v1/gebruikers/{id}, POST /api/v1/gebruikers/{id}/wachtwoord, GET and POST
// /api/v1/api-sleutels, DELETE /api/v1/api-sleutels/{id}.
void RegisterUserAdminRoutes(AccessGate& gate);

}  // namespace baken::api
