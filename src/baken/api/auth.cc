#include "baken/api/auth.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>

#include "baken/api/internal/audited_decision.h"
#include "baken/api/internal/http_input.h"
#include "baken/api/problem.h"
#include "baken/base/strings.h"
#include "baken/security/access.h"
#include "baken/security/pseudonym.h"

namespace baken::api {

namespace {

using security::Purpose;

bool IsUnsafe(const std::string& method) {
  return method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE";
}

std::string ApiKeyOf(const Request& request) {
  const std::string auth = request.Header("Authorization");
  constexpr std::string_view kBearer = "Bearer ";
  if (auth.size() > kBearer.size() && auth.compare(0, kBearer.size(), kBearer) == 0) {
    return std::string(Trim(std::string_view(auth).substr(kBearer.size())));
  }
  return std::string(Trim(request.Header("X-Api-Key")));
}

Response ProblemResponse(const Status& status, const Request& request) {
  Response r = Response::Json(ProblemJson(status, request.path), HttpStatusFor(status));
  r.content_type = std::string(kProblemContentType);
  return r;
}

bool KeyAllows(const Caller& caller, Purpose purpose) {
  return std::find(caller.api_key_purposes.begin(), caller.api_key_purposes.end(), purpose) !=
         caller.api_key_purposes.end();
}

constexpr std::string_view kPasswordChangeMessage =
    "Kies eerst een eigen wachtwoord: het huidige is door een beheerder ingesteld.";

constexpr std::string_view kTotpSetupMessage =
    "Stel eerst tweestapsverificatie (TOTP) in voordat u vertrouwelijke gegevens kunt zien.";

constexpr std::string_view kHsts = "max-age=31536000; includeSubDomains";

// 415 Unsupported Media Type as problem+json; Status has no code for it (only the gate answers it).
Response NotJson(const Request& request) {
  const Status status = InvalidArgumentError(
      "Stuur de gegevens als JSON, met de kop Content-Type: application/json.", "Content-Type");
  nlohmann::json body = nlohmann::json::parse(ProblemJson(status, request.path, "geen_json"));
  body["type"] = "https://baken.nl/problemen/unsupported_media_type";
  body["title"] = "Verkeerd gegevensformaat";
  body["status"] = 415;
  Response r = Response::Json(body.dump(), 415);
  r.content_type = std::string(kProblemContentType);
  return r;
}

// The JSON routes (/api/v1) take JSON only when a request may change state.
bool NeedsJsonBody(const GateRoute& route, const Request& request) {
  return IsUnsafe(request.method) && !request.body.empty() &&
         route.spec.pattern.rfind("/api/v1/", 0) == 0;
}

const Status& NotSignedIn() {
  static const Status kStatus =
      UnauthenticatedError("U bent niet aangemeld. Meld u aan of gebruik een geldige API-sleutel.");
  return kStatus;
}

// Every /api/ answer may hold personal data (meldingen, sessions, users, audit, exports), so no
// cache keeps it unless the route says otherwise: public static data (areas, the OpenAPI
// description, the public map) sets its own Cache-Control. One place, so no route can forget it.
void AddNoStoreByDefault(const std::string& pattern, Response& response) {
  if (pattern.rfind("/api/", 0) != 0 || response.headers.contains("Cache-Control")) return;
  response.headers.emplace("Cache-Control", "no-store");
}

}  // namespace

std::string EphemeralServerKey() {
  auto key = security::ServerKeyFromHex(security::Pseudonymizer::GenerateHexKey());
  return key.ok() ? *key : std::string();
}

SecurityServices::SecurityServices(store::Database& db_in, Clock& clock_in,
                                   SecurityOptions options_in)
    : db(db_in),
      clock(clock_in),
      options(std::move(options_in)),
      audit(db, clock),
      accounts(db, clock, audit,
               security::AccountOptions{.server_key = options.server_key,
                                        .hash_params = options.hash_params}),
      sessions(db, clock, options.sessions),
      api_keys(db, clock),
      changes(db, clock, audit) {}

struct AccessGate::State {
  explicit State(std::shared_ptr<SecurityServices> s) : owned(std::move(s)), services(*owned) {}

  const std::shared_ptr<SecurityServices> owned;
  SecurityServices& services;
  mutable std::mutex mu;
  std::map<std::string, std::shared_ptr<RateLimiter>> limiters;  // GUARDED_BY(mu)
  std::vector<GateRoute> routes;                                 // GUARDED_BY(mu)
  std::vector<RouteDecl> declarations;                           // GUARDED_BY(mu)

  std::shared_ptr<RateLimiter> Limiter(const std::string& group) {
    std::lock_guard lock(mu);
    auto it = limiters.find(group);
    return it == limiters.end() ? nullptr : it->second;
  }

  // The caller from cookie or API key; nullopt when the request carries neither. A credential
  // that is present but invalid is an error (kUnauthenticated).
  StatusOr<std::optional<Caller>> Resolve(const Request& request) {
    const std::string key = ApiKeyOf(request);
    if (!key.empty()) {
      ASSIGN_OR_RETURN(security::ApiClient client, services.api_keys.Authenticate(key));
      Caller caller;
      caller.signed_in = true;
      caller.principal = client.AsPrincipal();
      caller.api_client_id = client.id;
      caller.api_key_purposes = client.purposes;
      return std::optional<Caller>(std::move(caller));
    }
    const std::string token = internal::CookieValue(request.Header("Cookie"), kSessionCookie);
    if (token.empty()) return std::optional<Caller>();
    ASSIGN_OR_RETURN(security::Session session, services.sessions.Validate(token));
    if (IsUnsafe(request.method) &&
        !security::SessionManager::CsrfMatches(session, request.Header("X-CSRF-Token"))) {
      return PermissionDeniedError(
          "De beveiligingscode (X-CSRF-Token) ontbreekt of klopt niet. Laad de pagina opnieuw.");
    }
    Caller caller;
    caller.signed_in = true;
    caller.principal = std::move(session.principal);
    caller.session_token = token;
    caller.csrf_token = std::move(session.csrf_token);
    return std::optional<Caller>(std::move(caller));
  }

  Status AuditDeny(const security::AccessRequest& access, const RouteSpec& spec,
                   const Request& request, std::string reason) {
    security::Decision deny;
    deny.reason = std::move(reason);
    RETURN_IF_ERROR(
        services.audit
            .Append(security::AuditEntryForDecision(access, deny, spec.audit_action, "route",
                                                    request.path, request.remote_address))
            .status());
    return PermissionDeniedError(deny.reason);
  }

  // Chooses the purpose and asks the policy. Ok with the decision when allowed.
  StatusOr<security::Decision> Decide(const RouteSpec& spec, const Request& request,
                                      Caller& caller) {
    security::AccessRequest access;
    access.principal = caller.principal;
    access.action = spec.action;
    access.sensitivity = spec.sensitivity;
    access.resource = spec.resource;
    access.record_tenant = caller.principal.tenant;

    const std::vector<Purpose> route_purposes =
        spec.purposes.empty()
            ? std::vector<Purpose>(security::kAllPurposes.begin(), security::kAllPurposes.end())
            : spec.purposes;
    std::string asked = request.Header("X-Baken-Doel");
    if (asked.empty()) asked = request.Query("doel");
    if (!asked.empty()) {
      auto parsed = security::ParsePurpose(asked);
      if (!parsed.ok()) {
        std::string codes;
        for (Purpose p : security::kAllPurposes) {
          codes += (codes.empty() ? "" : ", ") + std::string(security::PurposeCode(p));
        }
        return InvalidArgumentError("Onbekend doel. Kies een van: " + codes + ".", "doel");
      }
      access.purpose = *parsed;
      if (std::find(route_purposes.begin(), route_purposes.end(), *parsed) ==
          route_purposes.end()) {
        return AuditDeny(access, spec, request,
                         "Het doel '" + std::string(security::PurposeName(*parsed)) +
                             "' hoort niet bij deze gegevens.");
      }
    } else {
      access.purpose = route_purposes.front();
      for (Purpose p : route_purposes) {
        if (caller.api_client_id.empty() ? security::RoleMayUsePurpose(caller.principal.role, p)
                                         : KeyAllows(caller, p)) {
          access.purpose = p;
          break;
        }
      }
    }
    caller.purpose = access.purpose;
    if (!caller.api_client_id.empty() && !KeyAllows(caller, access.purpose)) {
      return AuditDeny(access, spec, request,
                       "Deze API-sleutel is niet uitgegeven voor het doel '" +
                           std::string(security::PurposeName(access.purpose)) + "'.");
    }

    ASSIGN_OR_RETURN(
        security::Decision decision,
        internal::DecideAudited(
            services, access, {spec.audit_action, "route", request.path, request.remote_address}));
    RETURN_IF_ERROR(security::ToStatus(decision));
    return decision;
  }

  // A session user whose role needs a second factor, who has not given one and has no TOTP.
  StatusOr<bool> TotpSetupRequired(const Caller& caller) {
    if (!caller.api_client_id.empty() || caller.principal.second_factor_done ||
        !security::RoleRequiresSecondFactor(caller.principal.role)) {
      return false;
    }
    ASSIGN_OR_RETURN(security::User user,
                     services.accounts.Get(caller.principal.tenant, caller.principal.user_id));
    return !user.totp_enrolled;
  }

  // Handle, and Strict-Transport-Security on every answer when configured (errors become their
  // problem+json here, so they carry it too).
  StatusOr<Response> HandleWithHeaders(const GateRoute& route, const GuardedHandler& handler,
                                       const Request& request, bool hsts) {
    StatusOr<Response> result = Handle(route, handler, request);
    if (!hsts) return result;
    Response r = result.ok() ? *std::move(result) : ProblemResponse(result.status(), request);
    r.headers.emplace("Strict-Transport-Security", std::string(kHsts));
    return r;
  }

  StatusOr<Response> Handle(const GateRoute& route, const GuardedHandler& handler,
                            const Request& request) {
    if (NeedsJsonBody(route, request) &&
        !internal::IsJsonContentType(request.Header("Content-Type"))) {
      return NotJson(request);
    }
    if (!route.spec.rate_group.empty()) {
      if (auto limiter = Limiter(route.spec.rate_group)) {
        const RateLimiter::Result taken =
            limiter->Take(route.spec.rate_group + "|" + request.remote_address);
        if (!taken.allowed) {
          Response r =
              ProblemResponse(ResourceExhaustedError("Te veel verzoeken. Probeer het over " +
                                                     std::to_string(taken.retry_after.count()) +
                                                     " seconden opnieuw."),
                              request);
          r.headers.emplace("Retry-After", std::to_string(taken.retry_after.count()));
          return r;
        }
      }
    }
    StatusOr<std::optional<Caller>> resolved = Resolve(request);
    Caller caller;
    if (resolved.ok() && resolved->has_value()) {
      caller = std::move(**resolved);
    } else if (route.access != RouteAccess::kPublic) {
      // Public routes go on anonymously: a stale cookie or missing CSRF token only means the
      // request does not act with the session's authority.
      if (!resolved.ok()) return resolved.status();
      return NotSignedIn();
    }
    if (route.access == RouteAccess::kPolicy) {
      if (caller.api_client_id.empty() && caller.principal.password_change_required) {
        return SetUpFirst(route, request, caller, kPasswordChangeMessage, kPasswordChangeRequired);
      }
      ASSIGN_OR_RETURN(bool setup_required, TotpSetupRequired(caller));
      if (setup_required) {
        return SetUpFirst(route, request, caller, kTotpSetupMessage, kTotpSetupRequired);
      }
      ASSIGN_OR_RETURN(caller.decision, Decide(route.spec, request, caller));
    }
    return handler(request, caller);
  }

  // 403 with a problem `code` for a signed-in user who must finish setting up their account
  // (own password, second factor) before the route answers; the refusal is audited.
  StatusOr<Response> SetUpFirst(const GateRoute& route, const Request& request,
                                const Caller& caller, std::string_view message,
                                std::string_view code) {
    security::AuditEntry e;
    e.tenant = caller.principal.tenant;
    e.actor = caller.principal.user_id;
    e.actor_role = std::string(security::RoleCode(caller.principal.role));
    e.action = route.spec.audit_action;
    e.object_type = "route";
    e.object_id = request.path;
    e.from_address = request.remote_address;
    e.outcome = security::AuditOutcome::kDeny;
    e.details = R"({"reason":")" + std::string(code) + R"("})";  // a constant code, no escaping
    RETURN_IF_ERROR(services.audit.Append(e).status());
    Response r = Response::Json(
        ProblemJson(PermissionDeniedError(std::string(message)), request.path, code), 403);
    r.content_type = std::string(kProblemContentType);
    return r;
  }
};

AccessGate::AccessGate(Server& server, std::shared_ptr<SecurityServices> services)
    : server_(&server), state_(std::make_shared<State>(std::move(services))) {
  SetRateLimit(std::string(kRateSignIn), state_->services.options.sign_in);
  SetRateLimit(std::string(kRateCredentialCheck), state_->services.options.credential_check);
  SetRateLimit(std::string(kRatePublicIntake), state_->services.options.public_intake);
}

bool IsHttpsAddress(std::string_view url) {
  constexpr std::string_view kHttps = "https://";
  return url.size() > kHttps.size() &&
         std::equal(kHttps.begin(), kHttps.end(), url.begin(), [](char a, char b) {
           return a == std::tolower(static_cast<unsigned char>(b));
         });
}

SecurityServices& AccessGate::services() const {
  return state_->services;
}

void AccessGate::SetRateLimit(const std::string& group, RateLimit limit) {
  std::lock_guard lock(state_->mu);
  state_->limiters[group] = std::make_shared<RateLimiter>(state_->services.clock, limit);
}

std::vector<GateRoute> AccessGate::routes() const {
  std::lock_guard lock(state_->mu);
  return state_->routes;
}

std::vector<RouteDecl> AccessGate::declarations() const {
  std::lock_guard lock(state_->mu);
  return state_->declarations;
}

bool AccessGate::MayCall(const Caller& caller, std::string_view method,
                         std::string_view pattern) const {
  std::optional<GateRoute> route;
  {
    std::lock_guard lock(state_->mu);
    for (const GateRoute& r : state_->routes) {
      if (r.spec.method == method && r.spec.pattern == pattern) route = r;
    }
  }
  if (!route) return false;
  if (route->access == RouteAccess::kPublic) return true;
  if (!caller.signed_in) return false;
  if (route->access == RouteAccess::kSignedIn) return true;
  const RouteSpec& spec = route->spec;
  const std::vector<Purpose> purposes =
      spec.purposes.empty()
          ? std::vector<Purpose>(security::kAllPurposes.begin(), security::kAllPurposes.end())
          : spec.purposes;
  for (Purpose p : purposes) {
    const bool usable = caller.api_client_id.empty()
                            ? security::RoleMayUsePurpose(caller.principal.role, p)
                            : KeyAllows(caller, p);
    if (!usable) continue;
    security::AccessRequest access;
    access.principal = caller.principal;
    access.purpose = p;
    access.action = spec.action;
    access.sensitivity = spec.sensitivity;
    access.resource = spec.resource;
    access.record_tenant = caller.principal.tenant;
    return security::Decide(access).allowed;
  }
  return false;
}

void AccessGate::Route(RouteDecl decl, GuardedHandler handler) {
  RouteSpec spec = decl.policy;
  spec.method = decl.method;
  spec.pattern = decl.pattern;
  const RouteAccess access = decl.access;
  {
    std::lock_guard lock(state_->mu);
    state_->declarations.push_back(std::move(decl));
  }
  Add(access, std::move(spec), std::move(handler));
}

std::string AccessGate::SessionCookie(const std::string& token,
                                      std::chrono::seconds max_age) const {
  std::string cookie =
      std::string(kSessionCookie) + "=" + token +
      "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + std::to_string(max_age.count());
  if (server_->options().tls() || state_->services.options.secure_cookie) cookie += "; Secure";
  return cookie;
}

void AccessGate::Add(RouteAccess access, RouteSpec spec, GuardedHandler handler) {
  if (spec.audit_action.empty()) spec.audit_action = spec.method + " " + spec.pattern;
  GateRoute route{access, spec};
  {
    std::lock_guard lock(state_->mu);
    state_->routes.push_back(route);
  }
  // With its own TLS, or told to (ServerOptions::hsts), the server sends it on every response.
  const bool hsts =
      state_->services.options.hsts && !server_->options().tls() && !server_->options().hsts;
  server_->Handle(
      spec.method, spec.pattern,
      [state = state_, route, hsts, handler = std::move(handler)](const Request& request) {
        StatusOr<Response> result = state->HandleWithHeaders(route, handler, request, hsts);
        if (result.ok()) AddNoStoreByDefault(route.spec.pattern, *result);
        return result;
      });
}

void AccessGate::Protected(RouteSpec spec, GuardedHandler handler) {
  Add(RouteAccess::kPolicy, std::move(spec), std::move(handler));
}

void AccessGate::SignedIn(const std::string& method, const std::string& pattern,
                          GuardedHandler handler, std::string rate_group) {
  RouteSpec spec;
  spec.method = method;
  spec.pattern = pattern;
  spec.rate_group = std::move(rate_group);
  Add(RouteAccess::kSignedIn, std::move(spec), std::move(handler));
}

void AccessGate::Public(const std::string& method, const std::string& pattern,
                        GuardedHandler handler, std::string rate_group) {
  RouteSpec spec;
  spec.method = method;
  spec.pattern = pattern;
  spec.rate_group = std::move(rate_group);
  Add(RouteAccess::kPublic, std::move(spec), std::move(handler));
}

}  // namespace baken::api
