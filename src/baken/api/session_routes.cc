// Sign in, who am I, sign out, sign out everywhere, change the own password, set up TOTP.
#include <algorithm>
#include <chrono>

#include <nlohmann/json.hpp>

#include "baken/api/auth.h"
#include "baken/api/internal/http_input.h"
#include "baken/api/problem.h"

namespace baken::api {

namespace {

using nlohmann::json;

// What the UI may offer this caller beyond reading, decided by the policy (not by role names in
// the UI): "categorieen.beheren" = edit categories (PUT /api/v1/categorieen/{code}).
json PermissionsOf(const Caller& caller) {
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

}  // namespace

void RegisterSessionRoutes(AccessGate& gate) {
  gate.Public(
      "POST", "/api/v1/sessies",
      [gate](const Request& request, const Caller&) -> StatusOr<Response> {
        ASSIGN_OR_RETURN(internal::SignInBody in, internal::DecodeSignInBody(request.body));
        const std::string& username = in.username;
        const std::string& password = in.password;
        const std::string& code = in.totp;
        std::string tenant = in.tenant;
        if (tenant.empty()) tenant = gate.services().options.tenant;
        std::chrono::seconds retry_after{0};
        StatusOr<security::Principal> authenticated = gate.services().accounts.Authenticate(
            tenant, username, password,
            code.empty() ? std::nullopt : std::optional<std::string_view>(code),
            request.remote_address, &retry_after);
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
                 {"tweede_factor_nodig", security::RoleRequiresSecondFactor(principal.role) &&
                                             !principal.second_factor_done},
                 {"totp_instellen_vereist", setup_required},
                 {"wachtwoord_wijzigen_vereist", principal.password_change_required}}
                .dump(),
            201);
        r.headers.emplace("Set-Cookie", gate.SessionCookie(session.token, max_age));
        r.headers.emplace("Cache-Control", "no-store");
        return r;
      },
      std::string(kRateSignIn));

  gate.SignedIn("GET", "/api/v1/sessies/huidig",
                [gate](const Request&, const Caller& caller) -> StatusOr<Response> {
                  const security::Principal& p = caller.principal;
                  json j = {{"gebruiker_id", p.user_id},
                            {"gemeente", p.tenant},
                            {"rol", std::string(security::RoleCode(p.role))},
                            {"rol_naam", std::string(security::RoleName(p.role))},
                            {"afdelingen", p.departments},
                            {"tweede_factor_gedaan", p.second_factor_done},
                            {"wachtwoord_wijzigen_vereist", p.password_change_required},
                            {"api_sleutel", !caller.api_client_id.empty()},
                            {"rechten", PermissionsOf(caller)}};
                  if (caller.api_client_id.empty()) {
                    ASSIGN_OR_RETURN(security::User user,
                                     gate.services().accounts.Get(p.tenant, p.user_id));
                    j["gebruiker"] = user.username;
                    j["naam"] = user.display_name;
                    j["csrf_token"] = caller.csrf_token;
                    j["totp_ingesteld"] = user.totp_enrolled;
                    j["totp_instellen_vereist"] = security::RoleRequiresSecondFactor(p.role) &&
                                                  !p.second_factor_done && !user.totp_enrolled;
                  }
                  Response r = Response::Json(j.dump());
                  r.headers.emplace("Cache-Control", "no-store");
                  return r;
                });

  gate.SignedIn(
      "DELETE", "/api/v1/sessies/huidig",
      [gate](const Request&, const Caller& caller) -> StatusOr<Response> {
        if (caller.session_token.empty()) {
          return InvalidArgumentError("Een API-sleutel heeft geen sessie om te beëindigen.");
        }
        RETURN_IF_ERROR(gate.services().sessions.Revoke(caller.session_token));
        Response r = Response::Json("", 204);
        r.headers.emplace("Set-Cookie", gate.SessionCookie("", std::chrono::seconds(0)));
        return r;
      });

  gate.SignedIn(
      "DELETE", "/api/v1/sessies",
      [gate](const Request&, const Caller& caller) -> StatusOr<Response> {
        if (caller.session_token.empty()) {
          return InvalidArgumentError("Een API-sleutel heeft geen sessies om te beëindigen.");
        }
        ASSIGN_OR_RETURN(int64_t ended, gate.services().sessions.RevokeAllForUser(
                                            caller.principal.tenant, caller.principal.user_id));
        Response r = Response::Json(json{{"beeindigde_sessies", ended}}.dump());
        r.headers.emplace("Set-Cookie", gate.SessionCookie("", std::chrono::seconds(0)));
        return r;
      });

  // The user replaces their own password (required after an administrator set it). Rate-limited
  // strictly (credential_check): the current password is checked.
  gate.SignedIn(
      "PUT", "/api/v1/sessies/huidig/wachtwoord",
      [gate](const Request& request, const Caller& caller) -> StatusOr<Response> {
        if (caller.session_token.empty()) {
          return InvalidArgumentError("Een API-sleutel heeft geen wachtwoord.");
        }
        const json body = json::parse(request.body, nullptr, false);
        if (body.is_discarded() || !body.is_object()) {
          return InvalidArgumentError(
              "Stuur een JSON-object met huidig_wachtwoord en nieuw_wachtwoord.",
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
      },
      std::string(kRateCredentialCheck));

  // TOTP enrolment: returns the secret once. Replacing an active TOTP needs a session that has
  // given the current one, so a stolen password alone cannot take over the second factor.
  gate.SignedIn(
      "POST", "/api/v1/sessies/huidig/totp",
      [gate](const Request&, const Caller& caller) -> StatusOr<Response> {
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
      });

  gate.SignedIn(
      "POST", "/api/v1/sessies/huidig/totp/bevestiging",
      [gate](const Request& request, const Caller& caller) -> StatusOr<Response> {
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
        RETURN_IF_ERROR(gate.services().accounts.ConfirmTotp(p.tenant, p.user_id, code,
                                                             request.remote_address));
        RETURN_IF_ERROR(gate.services().sessions.MarkSecondFactorDone(caller.session_token));
        Response r =
            Response::Json(json{{"totp_ingesteld", true}, {"tweede_factor_gedaan", true}}.dump());
        r.headers.emplace("Cache-Control", "no-store");
        return r;
      },
      std::string(kRateCredentialCheck));
}

}  // namespace baken::api
