// Sign in, who am I, sign out, sign out everywhere, change the own password, set up TOTP.
#include <algorithm>
#include <chrono>

#include <nlohmann/json.hpp>

#include "baken/api/auth.h"
#include "baken/api/internal/http_input.h"
#include "baken/api/internal/schema.h"
#include "baken/api/problem.h"

namespace baken::api {

namespace {

using nlohmann::json;

// What the UI may offer this caller, decided by the policy (not by role names in the UI):
// "categorieen.beheren" = edit categories (PUT /api/v1/categorieen/{code}), "gebruikers.beheren"
// = manage users, and for each route in kRouteCapabilities its code when the gate would let the
// caller call that route (AccessGate::MayCall: the same purposes and policy, without a record).
const std::vector<std::pair<const char*, std::pair<const char*, const char*>>> kRouteCapabilities =
    {{"meldingen.lijst", {"GET", "/api/v1/meldingen"}},
     {"meldingen.exporteren", {"GET", "/api/v1/meldingen/export"}},
     {"meldingen.aanmaken", {"POST", "/api/v1/meldingen"}},
     {"wijkbeeld", {"GET", "/api/v1/wijkbeeld"}},
     {"analyse", {"GET", "/api/v1/analyse/gebieden"}},
     {"programmas.lezen", {"GET", "/api/v1/programmas"}}};

std::vector<std::string> CapabilityCodes() {
  std::vector<std::string> codes = {"categorieen.beheren", "gebruikers.beheren"};
  for (const auto& [code, route] : kRouteCapabilities) codes.emplace_back(code);
  return codes;
}

json PermissionsOf(const AccessGate& gate, const Caller& caller) {
  json out = json::array();
  security::AccessRequest r;
  r.principal = caller.principal;
  r.purpose = security::Purpose::kBeheer;
  r.action = security::Action::kAdminister;
  r.resource = security::Resource::kReferenceData;
  r.record_tenant = caller.principal.tenant;
  const bool key_allows = caller.api_client_id.empty() ||
                          std::find(caller.api_key_purposes.begin(), caller.api_key_purposes.end(),
                                    security::Purpose::kBeheer) != caller.api_key_purposes.end();
  if (key_allows && security::Decide(r).allowed) out.push_back("categorieen.beheren");
  r.resource = security::Resource::kUserAdmin;
  if (key_allows && security::Decide(r).allowed) out.push_back("gebruikers.beheren");
  for (const auto& [code, route] : kRouteCapabilities) {
    if (gate.MayCall(caller, route.first, route.second)) out.push_back(code);
  }
  return out;
}

StatusOr<std::string> TextMember(const json& body, const char* name, bool required) {
  auto it = body.find(name);
  if (it == body.end() || it->is_null()) {
    if (required) return InvalidArgumentError(std::string(name) + " ontbreekt.", name);
    return std::string();
  }
  if (!it->is_string()) return InvalidArgumentError(std::string(name) + " moet tekst zijn.", name);
  return it->get<std::string>();
}

// A refused sign-in; a throttled one (429) says in Retry-After when to try again.
StatusOr<Response> SignInRefused(const Status& status, const Request& request,
                                 std::chrono::seconds retry_after) {
  if (status.code() != StatusCode::kResourceExhausted || retry_after.count() <= 0) return status;
  Response r = Response::Json(ProblemJson(status, request.path), HttpStatusFor(status));
  r.content_type = std::string(kProblemContentType);
  r.headers.emplace("Retry-After", std::to_string(retry_after.count()));
  return r;
}

StatusOr<Response> SignIn(const AccessGate& gate, const Request& request,
                          const Caller& /*caller*/) {
  ASSIGN_OR_RETURN(internal::SignInBody in, internal::DecodeSignInBody(request.body));
  const std::string& username = in.username;
  const std::string& password = in.password;
  const std::string& code = in.totp;
  std::string tenant = in.tenant;
  if (tenant.empty()) tenant = gate.services().options.tenant;
  std::chrono::seconds retry_after{0};
  StatusOr<security::Principal> authenticated = gate.services().accounts.Authenticate(
      tenant, username, password,
      code.empty() ? std::nullopt : std::optional<std::string_view>(code), request.remote_address,
      &retry_after);
  if (!authenticated.ok()) return SignInRefused(authenticated.status(), request, retry_after);
  security::Principal principal = *std::move(authenticated);
  ASSIGN_OR_RETURN(security::NewSession session,
                   gate.services().sessions.Create(principal, request.remote_address));
  bool setup_required = false;
  if (security::RoleRequiresSecondFactor(principal.role) && !principal.second_factor_done) {
    ASSIGN_OR_RETURN(security::User user,
                     gate.services().accounts.Get(principal.tenant, principal.user_id));
    setup_required = !user.totp_enrolled;
  }
  const auto max_age = std::chrono::duration_cast<std::chrono::seconds>(
      session.expires_at - gate.services().clock.Now());
  Response r = Response::Json(
      json{{"gebruiker", username},
           {"rol", std::string(security::RoleCode(principal.role))},
           {"csrf_token", session.csrf_token},
           {"tweede_factor_nodig",
            security::RoleRequiresSecondFactor(principal.role) && !principal.second_factor_done},
           {"totp_instellen_vereist", setup_required},
           {"wachtwoord_wijzigen_vereist", principal.password_change_required}}
          .dump(),
      201);
  r.headers.emplace("Set-Cookie", gate.SessionCookie(session.token, max_age));
  r.headers.emplace("Cache-Control", "no-store");
  return r;
}

StatusOr<Response> WhoAmI(const AccessGate& gate, const Request& /*request*/,
                          const Caller& caller) {
  const security::Principal& p = caller.principal;
  json j = {{"gebruiker_id", p.user_id},
            {"gemeente", p.tenant},
            {"rol", std::string(security::RoleCode(p.role))},
            {"rol_naam", std::string(security::RoleName(p.role))},
            {"afdelingen", p.departments},
            {"tweede_factor_gedaan", p.second_factor_done},
            {"wachtwoord_wijzigen_vereist", p.password_change_required},
            {"api_sleutel", !caller.api_client_id.empty()},
            {"rechten", PermissionsOf(gate, caller)}};
  if (caller.api_client_id.empty()) {
    ASSIGN_OR_RETURN(security::User user, gate.services().accounts.Get(p.tenant, p.user_id));
    j["gebruiker"] = user.username;
    j["naam"] = user.display_name;
    j["csrf_token"] = caller.csrf_token;
    j["totp_ingesteld"] = user.totp_enrolled;
    j["totp_instellen_vereist"] =
        security::RoleRequiresSecondFactor(p.role) && !p.second_factor_done && !user.totp_enrolled;
  }
  Response r = Response::Json(j.dump());
  r.headers.emplace("Cache-Control", "no-store");
  return r;
}

StatusOr<Response> SignOut(const AccessGate& gate, const Request& /*request*/,
                           const Caller& caller) {
  if (caller.session_token.empty()) {
    return InvalidArgumentError("Een API-sleutel heeft geen sessie om te beëindigen.");
  }
  RETURN_IF_ERROR(gate.services().sessions.Revoke(caller.session_token));
  Response r = Response::Json("", 204);
  r.headers.emplace("Set-Cookie", gate.SessionCookie("", std::chrono::seconds(0)));
  return r;
}

StatusOr<Response> SignOutEverywhere(const AccessGate& gate, const Request& /*request*/,
                                     const Caller& caller) {
  if (caller.session_token.empty()) {
    return InvalidArgumentError("Een API-sleutel heeft geen sessies om te beëindigen.");
  }
  ASSIGN_OR_RETURN(int64_t ended, gate.services().sessions.RevokeAllForUser(
                                      caller.principal.tenant, caller.principal.user_id));
  Response r = Response::Json(json{{"beeindigde_sessies", ended}}.dump());
  r.headers.emplace("Set-Cookie", gate.SessionCookie("", std::chrono::seconds(0)));
  return r;
}

// The user replaces their own password (required after an administrator set it). Rate-limited
// strictly (credential_check): the current password is checked.
StatusOr<Response> ChangeOwnPassword(const AccessGate& gate, const Request& request,
                                     const Caller& caller) {
  if (caller.session_token.empty()) {
    return InvalidArgumentError("Een API-sleutel heeft geen wachtwoord.");
  }
  const json body = json::parse(request.body, nullptr, false);
  if (body.is_discarded() || !body.is_object()) {
    return InvalidArgumentError("Stuur een JSON-object met huidig_wachtwoord en nieuw_wachtwoord.",
                                "huidig_wachtwoord");
  }
  ASSIGN_OR_RETURN(std::string current, TextMember(body, "huidig_wachtwoord", true));
  ASSIGN_OR_RETURN(std::string next, TextMember(body, "nieuw_wachtwoord", true));
  const security::Principal& p = caller.principal;
  RETURN_IF_ERROR(gate.services().accounts.ChangePassword(
      p.tenant, p.user_id, current, next, caller.session_token, request.remote_address));
  Response r = Response::Json(json{{"wachtwoord_wijzigen_vereist", false}}.dump());
  r.headers.emplace("Cache-Control", "no-store");
  return r;
}

// TOTP enrolment: returns the secret once. Replacing an active TOTP needs a session that has
// given the current one, so a stolen password alone cannot take over the second factor.
StatusOr<Response> StartTotp(const AccessGate& gate, const Request& /*request*/,
                             const Caller& caller) {
  if (caller.session_token.empty()) {
    return InvalidArgumentError(
        "Tweestapsverificatie hoort bij een persoon, niet bij een "
        "API-sleutel.");
  }
  const security::Principal& p = caller.principal;
  ASSIGN_OR_RETURN(security::User user, gate.services().accounts.Get(p.tenant, p.user_id));
  if (user.totp_enrolled && !p.second_factor_done) {
    return PermissionDeniedError(
        "U heeft al tweestapsverificatie. Meld u aan met uw code om een nieuwe in te "
        "stellen.");
  }
  ASSIGN_OR_RETURN(security::TotpEnrolment enrolment,
                   gate.services().accounts.EnrolTotp(p.tenant, p.user_id));
  Response r = Response::Json(
      json{{"otpauth_uri", enrolment.uri}, {"geheim", enrolment.secret_base32}}.dump(), 201);
  r.headers.emplace("Cache-Control", "no-store");
  return r;
}

StatusOr<Response> ConfirmTotp(const AccessGate& gate, const Request& request,
                               const Caller& caller) {
  if (caller.session_token.empty()) {
    return InvalidArgumentError(
        "Tweestapsverificatie hoort bij een persoon, niet bij een "
        "API-sleutel.");
  }
  const json body = json::parse(request.body, nullptr, false);
  if (body.is_discarded() || !body.is_object()) {
    return InvalidArgumentError("Stuur een JSON-object met de code uit de app.", "code");
  }
  ASSIGN_OR_RETURN(std::string code, TextMember(body, "code", true));
  const security::Principal& p = caller.principal;
  RETURN_IF_ERROR(
      gate.services().accounts.ConfirmTotp(p.tenant, p.user_id, code, request.remote_address));
  RETURN_IF_ERROR(gate.services().sessions.MarkSecondFactorDone(caller.session_token));
  Response r =
      Response::Json(json{{"totp_ingesteld", true}, {"tweede_factor_gedaan", true}}.dump());
  r.headers.emplace("Cache-Control", "no-store");
  return r;
}

// ---- Schemas of the bodies above (route_spec.h). ----

using namespace internal::schema;  // NOLINT: the schema builders read as a grammar

json SignInRequestBody() {
  return Obj({{"gebruikersnaam", Str()},
              {"wachtwoord", Str()},
              {"totp", Str("de code uit de app, voor rollen met een tweede factor")},
              {"gemeente", Str("CBS-code (GM0014); standaard die van de server")}},
             {"gebruikersnaam", "wachtwoord"});
}
json SignedInBody() {
  return Full({{"gebruiker", Str()},
               {"rol", Str()},
               {"csrf_token", Str()},
               {"tweede_factor_nodig", Bool()},
               {"totp_instellen_vereist", Bool()},
               {"wachtwoord_wijzigen_vereist", Bool()}});
}
json CurrentSessionBody() {
  return Obj(
      {{"gebruiker_id", Str()},
       {"gemeente", Str()},
       {"rol", Str()},
       {"rol_naam", Str()},
       {"afdelingen", Arr(Str())},
       {"tweede_factor_gedaan", Bool()},
       {"wachtwoord_wijzigen_vereist", Bool()},
       {"api_sleutel", Bool()},
       {"rechten", Described(Arr(Enum(CapabilityCodes())),
                             "wat het beleid deze gebruiker toestaat; de menu's volgen dit")},
       {"gebruiker", Str("niet bij een API-sleutel")},
       {"naam", Str("niet bij een API-sleutel")},
       {"csrf_token", Str("niet bij een API-sleutel")},
       {"totp_ingesteld", Bool()},
       {"totp_instellen_vereist", Bool()}},
      {"gebruiker_id", "gemeente", "rol", "rol_naam", "afdelingen", "tweede_factor_gedaan",
       "wachtwoord_wijzigen_vereist", "api_sleutel", "rechten"});
}
json EndedBody() {
  return Full({{"beeindigde_sessies", Int()}});
}
json PasswordRequestBody() {
  return Full({{"huidig_wachtwoord", Str()}, {"nieuw_wachtwoord", Str()}});
}
json PasswordChangedBody() {
  return Full({{"wachtwoord_wijzigen_vereist", Bool()}});
}
json TotpEnrolmentBody() {
  return Full({{"otpauth_uri", Str()}, {"geheim", Str("base32")}});
}
json TotpCodeBody() {
  return Full({{"code", Str()}});
}
json TotpConfirmedBody() {
  return Full({{"totp_ingesteld", Bool()}, {"tweede_factor_gedaan", Bool()}});
}

#define BAKEN_SCHEMA(fn, name, body)           \
  const SchemaDef& fn() {                      \
    static const SchemaDef s{name, &body, {}}; \
    return s;                                  \
  }
BAKEN_SCHEMA(SignInRequestSchema, "Aanmelding", SignInRequestBody)
BAKEN_SCHEMA(SignedInSchema, "Sessie", SignedInBody)
BAKEN_SCHEMA(CurrentSessionSchema, "HuidigeSessie", CurrentSessionBody)
BAKEN_SCHEMA(EndedSchema, "SessiesBeeindigd", EndedBody)
BAKEN_SCHEMA(PasswordRequestSchema, "WachtwoordWijziging", PasswordRequestBody)
BAKEN_SCHEMA(PasswordChangedSchema, "WachtwoordGewijzigd", PasswordChangedBody)
BAKEN_SCHEMA(TotpEnrolmentSchema, "TotpInstelling", TotpEnrolmentBody)
BAKEN_SCHEMA(TotpCodeSchema, "TotpCode", TotpCodeBody)
BAKEN_SCHEMA(TotpConfirmedSchema, "TotpBevestigd", TotpConfirmedBody)
#undef BAKEN_SCHEMA

using SessionHandler = StatusOr<Response> (*)(const AccessGate&, const Request&, const Caller&);

RouteDecl SessionRoute(std::string method, std::string pattern, RouteAccess access,
                       std::string summary, std::vector<ResponseDecl> responses,
                       const SchemaDef* request = nullptr, std::string rate_group = {}) {
  RouteDecl d;
  d.method = std::move(method);
  d.pattern = std::move(pattern);
  d.tag = "sessies";
  d.summary = std::move(summary);
  d.access = access;
  d.request = request;
  d.responses = std::move(responses);
  d.policy.rate_group = std::move(rate_group);
  return d;
}

void Add(AccessGate& gate, RouteDecl decl, SessionHandler handler) {
  gate.Route(std::move(decl), [gate, handler](const Request& request, const Caller& caller) {
    return handler(gate, request, caller);
  });
}

}  // namespace

void RegisterSessionRoutes(AccessGate& gate) {
  const std::string current = "/api/v1/sessies/huidig";
  Add(gate,
      SessionRoute(
          "POST", "/api/v1/sessies", RouteAccess::kPublic, "Aanmelden",
          {{201, "aangemeld; de sessie staat in de cookie baken_sessie", &SignedInSchema()}},
          &SignInRequestSchema(), std::string(kRateSignIn)),
      SignIn);
  Add(gate,
      SessionRoute("GET", current, RouteAccess::kSignedIn,
                   "Wie ben ik (huidige sessie), met wat het beleid mij toestaat (rechten)",
                   {{200, "de sessie", &CurrentSessionSchema()}}),
      WhoAmI);
  Add(gate,
      SessionRoute("DELETE", current, RouteAccess::kSignedIn, "Afmelden",
                   {{204, "afgemeld", nullptr, ""}}),
      SignOut);
  Add(gate,
      SessionRoute("DELETE", "/api/v1/sessies", RouteAccess::kSignedIn, "Overal afmelden",
                   {{200, "alle sessies beëindigd", &EndedSchema()}}),
      SignOutEverywhere);
  // Rate-limited strictly (credential_check): the current password is checked.
  Add(gate,
      SessionRoute("PUT", current + "/wachtwoord", RouteAccess::kSignedIn,
                   "Eigen wachtwoord wijzigen; verplicht na een wachtwoord dat een beheerder "
                   "instelde; beëindigt de andere sessies",
                   {{200, "gewijzigd", &PasswordChangedSchema()}}, &PasswordRequestSchema(),
                   std::string(kRateCredentialCheck)),
      ChangeOwnPassword);
  Add(gate,
      SessionRoute("POST", current + "/totp", RouteAccess::kSignedIn,
                   "Tweestapsverificatie (TOTP) instellen: de otpauth-URI en het geheim, één keer",
                   {{201, "het geheim, één keer", &TotpEnrolmentSchema()}}),
      StartTotp);
  Add(gate,
      SessionRoute("POST", current + "/totp/bevestiging", RouteAccess::kSignedIn,
                   "TOTP bevestigen met een code; daarna heeft de sessie de tweede factor",
                   {{200, "bevestigd", &TotpConfirmedSchema()}}, &TotpCodeSchema(),
                   std::string(kRateCredentialCheck)),
      ConfirmTotp);
}

}  // namespace baken::api
