#include "baken/api/auth.h"

#include <algorithm>
#include <map>
#include <mutex>

#include "baken/api/internal/audited_decision.h"
#include "baken/api/internal/http_input.h"
#include "baken/api/problem.h"
#include "baken/security/access.h"
#include "baken/security/pseudonym.h"

namespace baken::api {

namespace {

using security::Purpose;

bool IsUnsafe(const std::string& method) {
  return method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE";
}

std::string Trim(std::string_view s) {
  const size_t b = s.find_first_not_of(" \t");
  if (b == std::string_view::npos) return {};
  const size_t e = s.find_last_not_of(" \t");
  return std::string(s.substr(b, e - b + 1));
}

std::string ApiKeyOf(const Request& request) {
  const std::string auth = request.Header("Authorization");
  constexpr std::string_view kBearer = "Bearer ";
  if (auth.size() > kBearer.size() && auth.compare(0, kBearer.size(), kBearer) == 0) {
    return Trim(std::string_view(auth).substr(kBearer.size()));
  }
  return Trim(request.Header("X-Api-Key"));
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

const Status& NotSignedIn() {
  static const Status kStatus =
      UnauthenticatedError("U bent niet aangemeld. Meld u aan of gebruik een geldige API-sleutel.");
  return kStatus;
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

  StatusOr<Response> Handle(const GateRoute& route, const GuardedHandler& handler,
                            const Request& request) {
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
  SetRateLimit(std::string(kRatePublicIntake), state_->services.options.public_intake);
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
  server_->Handle(spec.method, spec.pattern,
                  [state = state_, route, handler = std::move(handler)](const Request& request) {
                    return state->Handle(route, handler, request);
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
