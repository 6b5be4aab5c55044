// User and API-key administration over HTTP for the functioneel beheerder (resource user admin,
// action administer, purpose beheer; the policy asks a second factor for it).
//
// POST  /api/v1/gebruikers                  creates an account; without "wachtwoord" the server
//                                           generates a temporary one and answers it once.
// PATCH /api/v1/gebruikers/{id}             rol, afdelingen, uitgeschakeld.
// POST  /api/v1/gebruikers/{id}/wachtwoord  sets a generated temporary password, answered once.
// A password an administrator chose (created or reset) must be replaced by its owner at the next
// sign-in: until then the gate answers only the session routes (403 wachtwoord_wijzigen_vereist).
// GET/POST /api/v1/api-sleutels, DELETE /api/v1/api-sleutels/{id}: keys for other systems; the
// key itself is answered once by POST and never stored (only its hash).
// A beheerder cannot disable themselves or take away their own beheerder role (409), so a
// municipality never locks itself out by accident. Account changes are audited by
// AccountService; key changes get an audit entry here.
// Four eyes (ADR 0011): creating an account with, or changing one to, a role that sees personal
// or special data or administers (security::AccountChangeNeedsSecondPerson), resetting the
// password of such an account that has no second factor yet, and an API key with personal-data
// purposes or the reporter-contact grant ("melder_contactgegevens": true) answer 202 with a
// pending change instead; a second beheerder approves it (pending_change_routes.cc), and the
// one-time password or key is then answered to the approver. A supplied "wachtwoord" is not kept
// in a proposal: the account gets a temporary one when it is approved.
#include <sodium.h>

#include <algorithm>
#include <set>

#include <nlohmann/json.hpp>

#include "baken/api/auth.h"
#include "baken/api/internal/http_input.h"
#include "baken/api/internal/pending_change.h"
#include "baken/base/time_zone.h"
#include "baken/signals/category_repository.h"

namespace baken::api {
namespace {

using nlohmann::json;
using security::Action;
using security::Purpose;
using security::Resource;
using security::Role;
using security::Sensitivity;

constexpr char kIdPattern[] = "([0-9A-Za-z_-]{1,64})";

// A temporary password that passes the password policy: four groups of five characters from an
// alphabet without look-alikes (0/O, 1/l/I), each group with an upper case letter and a digit.
std::string TemporaryPassword() {
  static constexpr char kLower[] = "abcdefghijkmnpqrstuvwxyz";
  static constexpr char kUpper[] = "ABCDEFGHJKLMNPQRSTUVWXYZ";
  static constexpr char kDigit[] = "23456789";
  auto pick = [](const char* set, size_t n) { return set[randombytes_uniform(n)]; };
  std::string out;
  for (int group = 0; group < 4; ++group) {
    if (group > 0) out += '-';
    std::string g;
    g += pick(kUpper, sizeof(kUpper) - 1);
    g += pick(kDigit, sizeof(kDigit) - 1);
    for (int i = 0; i < 3; ++i) g += pick(kLower, sizeof(kLower) - 1);
    // Shuffle so the upper case letter and the digit are not always in front.
    for (size_t i = g.size() - 1; i > 0; --i) {
      std::swap(g[i], g[randombytes_uniform(static_cast<uint32_t>(i + 1))]);
    }
    out += g;
  }
  return out;
}

StatusOr<std::string> Text(const json& body, const char* name, bool required, size_t max = 200) {
  auto it = body.find(name);
  if (it == body.end() || it->is_null()) {
    if (required) return InvalidArgumentError(std::string(name) + " ontbreekt.", name);
    return std::string();
  }
  if (!it->is_string()) return InvalidArgumentError(std::string(name) + " moet tekst zijn.", name);
  std::string v = it->get<std::string>();
  if (required && v.empty()) return InvalidArgumentError(std::string(name) + " is leeg.", name);
  if (v.size() > max) {
    return InvalidArgumentError(
        std::string(name) + " is te lang (hoogstens " + std::to_string(max) + " tekens).", name);
  }
  return v;
}

StatusOr<Role> RoleMember(const json& body) {
  ASSIGN_OR_RETURN(std::string code, Text(body, "rol", true, 64));
  StatusOr<Role> role = security::ParseRole(code);
  if (!role.ok()) return InvalidArgumentError("Onbekende rol '" + code + "'.", "rol");
  return *role;
}

// The departments of the tenant (signals' catalog), to check "afdelingen" against.
StatusOr<std::set<std::string>> KnownDepartments(SecurityServices& s, const std::string& tenant) {
  return signals::CategoryRepository(s.db, s.clock).DepartmentCodes(tenant);
}

StatusOr<std::vector<std::string>> DepartmentsMember(const json& body, SecurityServices& s,
                                                     const std::string& tenant) {
  auto it = body.find("afdelingen");
  if (it == body.end() || it->is_null()) return std::vector<std::string>{};
  if (!it->is_array()) {
    return InvalidArgumentError("afdelingen moet een lijst van afdelingscodes zijn.", "afdelingen");
  }
  ASSIGN_OR_RETURN(std::set<std::string> known, KnownDepartments(s, tenant));
  std::vector<std::string> out;
  for (const json& d : *it) {
    if (!d.is_string()) {
      return InvalidArgumentError("afdelingen moet een lijst van afdelingscodes zijn.",
                                  "afdelingen");
    }
    const std::string code = d.get<std::string>();
    if (!known.contains(code)) {
      return InvalidArgumentError("Onbekende afdeling '" + code + "'.", "afdelingen");
    }
    if (std::find(out.begin(), out.end(), code) == out.end()) out.push_back(code);
  }
  return out;
}

// AccountService names fields in English; the API speaks the Dutch names of its JSON.
Status DutchField(Status s) {
  if (s.ok()) return s;
  std::string field(s.field());
  if (field == "username") field = "gebruikersnaam";
  if (field == "password") field = "wachtwoord";
  return Status(s.code(), std::string(s.message()), field);
}

json UserJson(const security::User& u) {
  return {{"id", u.id},
          {"gebruikersnaam", u.username},
          {"naam", u.display_name},
          {"email", u.email},
          {"rol", std::string(security::RoleCode(u.role))},
          {"afdelingen", u.departments},
          {"uitgeschakeld", u.disabled},
          {"tweede_factor", u.totp_enrolled},
          {"wachtwoord_wijzigen_vereist", u.must_change_password}};
}

RouteSpec AdminSpec(std::string method, std::string pattern, std::string audit_action) {
  return {std::move(method),      std::move(pattern), Resource::kUserAdmin,   Action::kAdminister,
          Sensitivity::kInternal, {Purpose::kBeheer}, std::move(audit_action)};
}

constexpr char kCreateUser[] = "gebruiker.aanmaken";
constexpr char kChangeUser[] = "gebruiker.wijzigen";
constexpr char kResetPassword[] = "gebruiker.wachtwoord";
constexpr char kCreateKey[] = "api_sleutel.aanmaken";

// The account a POST /api/v1/gebruikers body describes (without its password).
StatusOr<security::NewUser> NewUserOf(const json& body, SecurityServices& s, const Caller& caller) {
  security::NewUser n;
  n.tenant = caller.principal.tenant;
  ASSIGN_OR_RETURN(n.username, Text(body, "gebruikersnaam", true, 64));
  ASSIGN_OR_RETURN(n.display_name, Text(body, "naam", true));
  ASSIGN_OR_RETURN(n.email, Text(body, "email", false));
  if (!n.email.empty() && n.email.find('@') == std::string::npos) {
    return InvalidArgumentError("Dit is geen e-mailadres.", "email");
  }
  ASSIGN_OR_RETURN(n.role, RoleMember(body));
  ASSIGN_OR_RETURN(n.departments, DepartmentsMember(body, s, n.tenant));
  return n;
}

json NewUserPayload(const security::NewUser& n) {
  return {{"gebruikersnaam", n.username},
          {"naam", n.display_name},
          {"email", n.email},
          {"rol", std::string(security::RoleCode(n.role))},
          {"afdelingen", n.departments}};
}

// A proposal for a taken user name would only fail when approved: say so now.
Status RequireFreeUsername(SecurityServices& s, const std::string& tenant,
                           const std::string& username) {
  ASSIGN_OR_RETURN(std::vector<security::User> users, s.accounts.List(tenant));
  for (const security::User& u : users) {
    if (u.username == username) {
      return AlreadyExistsError("Deze gebruikersnaam bestaat al.", "gebruikersnaam");
    }
  }
  return Status::Ok();
}

// Creates the account; without a password, a generated temporary one is answered once. The
// administrator (or approver) knows this password: its owner replaces it first.
StatusOr<Response> CreateUser(SecurityServices& s, security::NewUser n, const std::string& actor,
                              int status = 201) {
  const bool generated = n.password.empty();
  if (generated) n.password = TemporaryPassword();
  n.must_change_password = true;
  StatusOr<security::User> user = s.accounts.CreateUser(n, actor);
  if (!user.ok()) return DutchField(user.status());
  json out = {{"gebruiker", UserJson(*user)}};
  if (generated) out["tijdelijk_wachtwoord"] = n.password;
  Response r = Response::Json(out.dump(), status);
  r.headers.emplace("Cache-Control", "no-store");
  return r;
}

StatusOr<std::string> ApplyCreateUser(SecurityServices& s, const security::PendingChange& c,
                                      const Caller& approver) {
  const json p = json::parse(c.payload, nullptr, false);
  security::NewUser n;
  n.tenant = c.tenant;
  n.username = p.value("gebruikersnaam", "");
  n.display_name = p.value("naam", "");
  n.email = p.value("email", "");
  ASSIGN_OR_RETURN(n.role, security::ParseRole(p.value("rol", "")));
  n.departments = p.value("afdelingen", std::vector<std::string>{});
  ASSIGN_OR_RETURN(Response r, CreateUser(s, std::move(n), approver.ActorId()));
  return r.body;
}

StatusOr<std::string> ApplyChangeUser(SecurityServices& s, const security::PendingChange& c,
                                      const Caller& approver) {
  const json p = json::parse(c.payload, nullptr, false);
  ASSIGN_OR_RETURN(Role role, security::ParseRole(p.value("rol", "")));
  RETURN_IF_ERROR(s.accounts.SetRole(c.tenant, c.target, role,
                                     p.value("afdelingen", std::vector<std::string>{}),
                                     approver.ActorId()));
  ASSIGN_OR_RETURN(security::User updated, s.accounts.Get(c.tenant, c.target));
  return json{{"gebruiker", UserJson(updated)}}.dump();
}

StatusOr<std::string> ApplyResetPassword(SecurityServices& s, const security::PendingChange& c,
                                         const Caller& approver) {
  const std::string password = TemporaryPassword();
  RETURN_IF_ERROR(s.accounts.ResetPassword(c.tenant, c.target, password, approver.ActorId()));
  return json{{"tijdelijk_wachtwoord", password}}.dump();
}

void RegisterUserEdits(AccessGate& gate) {
  gate.Protected(AdminSpec("POST", "/api/v1/gebruikers", "gebruiker.aanmaken"),
                 [gate](const Request& request, const Caller& caller) -> StatusOr<Response> {
                   SecurityServices& s = gate.services();
                   ASSIGN_OR_RETURN(json body, internal::ParseJsonObject(request.body));
                   ASSIGN_OR_RETURN(security::NewUser n, NewUserOf(body, s, caller));
                   if (security::AccountChangeNeedsSecondPerson(std::nullopt, n.role, false)) {
                     RETURN_IF_ERROR(RequireFreeUsername(s, n.tenant, n.username));
                     return internal::ProposeChange(s, request, caller, kCreateUser, "",
                                                    "Account " + n.username + " aanmaken met rol " +
                                                        std::string(security::RoleName(n.role)),
                                                    NewUserPayload(n));
                   }
                   ASSIGN_OR_RETURN(n.password, Text(body, "wachtwoord", false));
                   return CreateUser(s, std::move(n), caller.ActorId());
                 });

  gate.Protected(
      AdminSpec("PATCH", std::string("/api/v1/gebruikers/") + kIdPattern, "gebruiker.wijzigen"),
      [gate](const Request& request, const Caller& caller) -> StatusOr<Response> {
        SecurityServices& s = gate.services();
        const std::string& tenant = caller.principal.tenant;
        const std::string& id = request.path_params.at(0);
        ASSIGN_OR_RETURN(json body, internal::ParseJsonObject(request.body));
        StatusOr<security::User> found = s.accounts.Get(tenant, id);
        if (!found.ok()) return NotFoundError("Onbekende gebruiker.");
        security::User user = *found;
        Role role = user.role;
        std::vector<std::string> departments = user.departments;
        if (body.contains("rol")) {
          ASSIGN_OR_RETURN(role, RoleMember(body));
        }
        if (body.contains("afdelingen")) {
          ASSIGN_OR_RETURN(departments, DepartmentsMember(body, s, tenant));
        }
        std::optional<bool> disabled;
        if (auto it = body.find("uitgeschakeld"); it != body.end() && !it->is_null()) {
          if (!it->is_boolean()) {
            return InvalidArgumentError("uitgeschakeld moet true of false zijn.", "uitgeschakeld");
          }
          disabled = it->get<bool>();
        }
        const bool self = caller.api_client_id.empty() && id == caller.principal.user_id;
        if (self && disabled.value_or(false)) {
          return Status(StatusCode::kFailedPrecondition,
                        "U kunt uw eigen account niet uitschakelen. Laat een andere beheerder dat "
                        "doen.",
                        "uitgeschakeld");
        }
        if (self && user.role == Role::kBeheerder && role != Role::kBeheerder) {
          return Status(StatusCode::kFailedPrecondition,
                        "U kunt uzelf de rol beheerder niet afnemen. Laat een andere beheerder "
                        "dat doen.",
                        "rol");
        }
        const bool rights_changed = role != user.role || departments != user.departments;
        const bool four_eyes =
            rights_changed && security::AccountChangeNeedsSecondPerson(
                                  user.role, role, departments != user.departments);
        if (rights_changed && !four_eyes) {
          RETURN_IF_ERROR(s.accounts.SetRole(tenant, id, role, departments, caller.ActorId()));
        }
        if (disabled && *disabled != user.disabled) {
          RETURN_IF_ERROR(*disabled ? s.accounts.Disable(tenant, id, caller.ActorId())
                                    : s.accounts.Enable(tenant, id, caller.ActorId()));
        }
        if (four_eyes) {
          return internal::ProposeChange(s, request, caller, kChangeUser, id,
                                         "Account " + user.username + ": rol " +
                                             std::string(security::RoleName(role)) +
                                             ", afdelingen " + json(departments).dump(),
                                         {{"gebruikersnaam", user.username},
                                          {"rol", std::string(security::RoleCode(role))},
                                          {"afdelingen", departments}});
        }
        ASSIGN_OR_RETURN(security::User updated, s.accounts.Get(tenant, id));
        return Response::Json(json{{"gebruiker", UserJson(updated)}}.dump());
      });

  gate.Protected(AdminSpec("POST", std::string("/api/v1/gebruikers/") + kIdPattern + "/wachtwoord",
                           "gebruiker.wachtwoord"),
                 [gate](const Request& request, const Caller& caller) -> StatusOr<Response> {
                   SecurityServices& s = gate.services();
                   const std::string& id = request.path_params.at(0);
                   StatusOr<security::User> user = s.accounts.Get(caller.principal.tenant, id);
                   if (!user.ok()) return NotFoundError("Onbekende gebruiker.");
                   // A reset never touches the second factor. Without one, whoever knows the
                   // temporary password could set it up and act as the user: four eyes then.
                   if (security::RoleChangeNeedsSecondPerson(user->role) && !user->totp_enrolled) {
                     return internal::ProposeChange(
                         s, request, caller, kResetPassword, id,
                         "Wachtwoord van " + user->username + " (zonder tweede factor) herstellen",
                         {{"gebruikersnaam", user->username}});
                   }
                   const std::string password = TemporaryPassword();
                   RETURN_IF_ERROR(s.accounts.ResetPassword(caller.principal.tenant, id, password,
                                                            caller.ActorId()));
                   Response r = Response::Json(json{{"tijdelijk_wachtwoord", password}}.dump());
                   r.headers.emplace("Cache-Control", "no-store");
                   return r;
                 });
  SecurityServices& s = gate.services();
  s.appliers[kCreateUser] = [&s](const security::PendingChange& c, const Caller& approver) {
    return ApplyCreateUser(s, c, approver);
  };
  s.appliers[kChangeUser] = [&s](const security::PendingChange& c, const Caller& approver) {
    return ApplyChangeUser(s, c, approver);
  };
  s.appliers[kResetPassword] = [&s](const security::PendingChange& c, const Caller& approver) {
    return ApplyResetPassword(s, c, approver);
  };
}

Status AuditKey(SecurityServices& s, const std::string& from_address, const Caller& caller,
                std::string action, const std::string& id, json details) {
  security::AuditEntry e;
  e.tenant = caller.principal.tenant;
  e.actor = caller.ActorId();
  e.actor_role = std::string(security::RoleCode(caller.principal.role));
  e.action = std::move(action);
  e.object_type = "api_sleutel";
  e.object_id = id;
  e.purpose = std::string(security::PurposeCode(Purpose::kBeheer));
  e.sensitivity = std::string(security::SensitivityCode(Sensitivity::kInternal));
  e.from_address = from_address;
  e.details = details.dump();
  return s.audit.Append(std::move(e)).status();
}

json PurposesJson(const std::vector<Purpose>& purposes) {
  json out = json::array();
  for (Purpose p : purposes) out.push_back(std::string(security::PurposeCode(p)));
  return out;
}

struct NewKey {
  std::string client;
  Role role = Role::kResident;
  std::vector<Purpose> purposes;
  bool reporter_contact = false;  // the explicit grant to see reporter contact data
};

StatusOr<NewKey> NewKeyOf(const json& body) {
  NewKey k;
  ASSIGN_OR_RETURN(k.client, Text(body, "client", true, 100));
  ASSIGN_OR_RETURN(k.role, RoleMember(body));
  auto it = body.find("doelen");
  if (it == body.end() || !it->is_array() || it->empty()) {
    return InvalidArgumentError("Kies minstens één doel voor de sleutel.", "doelen");
  }
  for (const json& p : *it) {
    StatusOr<Purpose> purpose = p.is_string()
                                    ? security::ParsePurpose(p.get<std::string>())
                                    : StatusOr<Purpose>(InvalidArgumentError("", "doelen"));
    if (!purpose.ok()) return InvalidArgumentError("Onbekend doel " + p.dump() + ".", "doelen");
    if (!security::RoleMayUsePurpose(k.role, *purpose)) {
      return InvalidArgumentError("Rol " + std::string(security::RoleName(k.role)) +
                                      " mag niet werken voor doel " +
                                      std::string(security::PurposeName(*purpose)) + ".",
                                  "doelen");
    }
    if (std::find(k.purposes.begin(), k.purposes.end(), *purpose) == k.purposes.end()) {
      k.purposes.push_back(*purpose);
    }
  }
  if (auto g = body.find("melder_contactgegevens"); g != body.end() && !g->is_null()) {
    if (!g->is_boolean()) {
      return InvalidArgumentError("melder_contactgegevens moet true of false zijn.",
                                  "melder_contactgegevens");
    }
    k.reporter_contact = g->get<bool>();
  }
  return k;
}

json NewKeyJson(const NewKey& k) {
  return {{"client", k.client},
          {"rol", std::string(security::RoleCode(k.role))},
          {"doelen", PurposesJson(k.purposes)},
          {"melder_contactgegevens", k.reporter_contact}};
}

// Creates the key and its audit entry (with the pending change it came from, if any); the key is
// answered once.
StatusOr<Response> CreateKey(SecurityServices& s, const NewKey& k, const Caller& caller,
                             const std::string& from_address, const std::string& change_id) {
  std::string id;
  ASSIGN_OR_RETURN(std::string key, s.api_keys.Create(caller.principal.tenant, k.client, k.role,
                                                      k.purposes, &id, k.reporter_contact));
  json details = NewKeyJson(k);
  if (!change_id.empty()) details["wijziging"] = change_id;
  RETURN_IF_ERROR(AuditKey(s, from_address, caller, "api_sleutel.aanmaken", id, details));
  json out = NewKeyJson(k);
  out["id"] = id;
  out["sleutel"] = key;
  out["melding"] = "Kopieer de sleutel nu: hij wordt niet meer getoond.";
  Response r = Response::Json(out.dump(), 201);
  r.headers.emplace("Cache-Control", "no-store");
  return r;
}

void RegisterApiKeys(AccessGate& gate) {
  SecurityServices& services = gate.services();
  services.appliers[kCreateKey] = [&services](const security::PendingChange& c,
                                              const Caller& approver) -> StatusOr<std::string> {
    ASSIGN_OR_RETURN(NewKey k, NewKeyOf(json::parse(c.payload, nullptr, false)));
    ASSIGN_OR_RETURN(Response r, CreateKey(services, k, approver, "", c.id));
    return r.body;
  };
  gate.Protected({"GET",
                  "/api/v1/api-sleutels",
                  Resource::kUserAdmin,
                  Action::kRead,
                  Sensitivity::kInternal,
                  {Purpose::kBeheer},
                  "api_sleutels.lijst"},
                 [gate](const Request&, const Caller& caller) -> StatusOr<Response> {
                   ASSIGN_OR_RETURN(std::vector<security::ApiClient> keys,
                                    gate.services().api_keys.List(caller.principal.tenant));
                   json items = json::array();
                   for (const security::ApiClient& k : keys) {
                     json j = {{"id", k.id},
                               {"client", k.client_name},
                               {"rol", std::string(security::RoleCode(k.role))},
                               {"doelen", PurposesJson(k.purposes)},
                               {"melder_contactgegevens", k.reporter_contact},
                               {"aangemaakt_op", FormatRfc3339(k.created_at)}};
                     j["ingetrokken_op"] =
                         k.revoked_at ? json(FormatRfc3339(*k.revoked_at)) : json(nullptr);
                     items.push_back(std::move(j));
                   }
                   Response r = Response::Json(json{{"sleutels", std::move(items)}}.dump());
                   r.headers.emplace("Cache-Control", "no-store");
                   return r;
                 });

  gate.Protected(AdminSpec("POST", "/api/v1/api-sleutels", "api_sleutel.aanmaken"),
                 [gate](const Request& request, const Caller& caller) -> StatusOr<Response> {
                   SecurityServices& s = gate.services();
                   ASSIGN_OR_RETURN(json body, internal::ParseJsonObject(request.body));
                   ASSIGN_OR_RETURN(NewKey k, NewKeyOf(body));
                   if (security::ApiKeyNeedsSecondPerson(k.role, k.purposes, k.reporter_contact)) {
                     return internal::ProposeChange(
                         s, request, caller, kCreateKey, "",
                         "API-sleutel voor " + k.client + " (rol " +
                             std::string(security::RoleName(k.role)) + ", doelen " +
                             PurposesJson(k.purposes).dump() +
                             (k.reporter_contact ? ", met contactgegevens van melders)" : ")"),
                         NewKeyJson(k));
                   }
                   return CreateKey(s, k, caller, request.remote_address, "");
                 });

  gate.Protected(AdminSpec("DELETE", std::string("/api/v1/api-sleutels/") + kIdPattern,
                           "api_sleutel.intrekken"),
                 [gate](const Request& request, const Caller& caller) -> StatusOr<Response> {
                   SecurityServices& s = gate.services();
                   const std::string& id = request.path_params.at(0);
                   RETURN_IF_ERROR(s.api_keys.Revoke(caller.principal.tenant, id));
                   RETURN_IF_ERROR(AuditKey(s, request.remote_address, caller,
                                            "api_sleutel.intrekken", id, json::object()));
                   Response r;
                   r.status = 204;
                   return r;
                 });
}

}  // namespace

void RegisterUserAdminRoutes(AccessGate& gate) {
  RegisterUserEdits(gate);
  RegisterApiKeys(gate);
}

}  // namespace baken::api
