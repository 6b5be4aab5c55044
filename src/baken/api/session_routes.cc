// Sign in, who am I, sign out, sign out everywhere.
#include <nlohmann/json.hpp>

#include "baken/api/auth.h"

namespace baken::api {

namespace {

using nlohmann::json;

StatusOr<std::string> TextMember(const json& body, const char* name, bool required) {
  auto it = body.find(name);
  if (it == body.end() || it->is_null()) {
    if (required) return InvalidArgumentError(std::string(name) + " ontbreekt.", name);
    return std::string();
  }
  if (!it->is_string()) return InvalidArgumentError(std::string(name) + " moet tekst zijn.", name);
  return it->get<std::string>();
}

}  // namespace

void RegisterSessionRoutes(AccessGate& gate) {
  gate.Public(
      "POST", "/api/v1/sessies",
      [gate](const Request& request, const Caller&) -> StatusOr<Response> {
        const json body = json::parse(request.body, nullptr, false);
        if (body.is_discarded() || !body.is_object()) {
          return InvalidArgumentError("Stuur een JSON-object met gebruikersnaam en wachtwoord.");
        }
        ASSIGN_OR_RETURN(std::string username, TextMember(body, "gebruikersnaam", true));
        ASSIGN_OR_RETURN(std::string password, TextMember(body, "wachtwoord", true));
        ASSIGN_OR_RETURN(std::string code, TextMember(body, "totp", false));
        ASSIGN_OR_RETURN(std::string tenant, TextMember(body, "gemeente", false));
        if (tenant.empty()) tenant = gate.services().options.tenant;
        ASSIGN_OR_RETURN(security::Principal principal,
                         gate.services().accounts.Authenticate(
                             tenant, username, password,
                             code.empty() ? std::nullopt : std::optional<std::string_view>(code),
                             request.remote_address));
        ASSIGN_OR_RETURN(security::NewSession session,
                         gate.services().sessions.Create(principal, request.remote_address));
        const auto max_age = std::chrono::duration_cast<std::chrono::seconds>(
            session.expires_at - gate.services().clock.Now());
        Response r = Response::Json(
            json{{"gebruiker", username},
                 {"rol", std::string(security::RoleCode(principal.role))},
                 {"csrf_token", session.csrf_token},
                 {"tweede_factor_nodig", security::RoleRequiresSecondFactor(principal.role) &&
                                             !principal.second_factor_done}}
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
                            {"api_sleutel", !caller.api_client_id.empty()}};
                  if (caller.api_client_id.empty()) {
                    ASSIGN_OR_RETURN(security::User user,
                                     gate.services().accounts.Get(p.tenant, p.user_id));
                    j["gebruiker"] = user.username;
                    j["naam"] = user.display_name;
                    j["csrf_token"] = caller.csrf_token;
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
}

}  // namespace baken::api
