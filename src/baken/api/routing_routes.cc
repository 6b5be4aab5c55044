// Routing rules and departments over HTTP for the functioneel beheerder (resource reference data,
// purpose beheer; the same access as category editing).
//
// GET /api/v1/routeringsregels answers the ordered rules with their version (also the ETag).
// PUT /api/v1/routeringsregels replaces the whole list ({"regels": [...]}, the routing file's
// format) with If-Match on that version (412 when stale). The rules are checked with
// signals::Router::Build against the current catalog (an unknown department or category, a bad
// window: 400 naming rule and field); the new version and its audit entry commit together, then
// the running MeldingService routes the next melding with the new rules.
// POST /api/v1/afdelingen (code, naam) adds a department, PATCH /api/v1/afdelingen/{code} (naam)
// renames one; both audited, and the service's catalog is reloaded. There is no delete: meldingen,
// categories and users refer to department codes.
#include <nlohmann/json.hpp>

#include "baken/api/internal/http_input.h"
#include "baken/api/problem.h"
#include "baken/api/routes.h"
#include "baken/base/time_zone.h"
#include "baken/signals/category_repository.h"
#include "baken/signals/routing_repository.h"

namespace baken::api {
namespace {

using nlohmann::json;
using security::Action;
using security::Purpose;
using security::Resource;
using security::Sensitivity;

constexpr char kDepartmentPattern[] = "([a-z0-9_-]{1,64})";

struct Context {
  AccessGate gate;
  std::shared_ptr<signals::MeldingService> service;
  std::shared_ptr<signals::RoutingRepository> routing;
  std::shared_ptr<signals::CategoryRepository> categories;
};

security::AuditEntry Entry(const Request& request, const Caller& caller, std::string action,
                           std::string object_type, std::string object_id, const json& details) {
  security::AuditEntry e;
  e.tenant = caller.principal.tenant;
  e.actor = caller.ActorId();
  e.actor_role = std::string(security::RoleCode(caller.principal.role));
  e.action = std::move(action);
  e.object_type = std::move(object_type);
  e.object_id = std::move(object_id);
  e.purpose = std::string(security::PurposeCode(Purpose::kBeheer));
  e.sensitivity = std::string(security::SensitivityCode(Sensitivity::kInternal));
  e.from_address = request.remote_address;
  e.details = details.dump();
  return e;
}

Status RequireOwnTenant(const Context& ctx, const Caller& caller) {
  if (caller.principal.tenant != ctx.service->catalog().tenant()) {
    return NotFoundError("Deze gemeente heeft hier geen gegevens.");
  }
  return Status::Ok();
}

Response RoutingResponse(const signals::StoredRouting& stored) {
  json j = {{"versie", stored.version},
            {"regels", json::parse(signals::RoutingRulesJson(stored.rules))},
            {"gewijzigd_op", FormatRfc3339(stored.changed_at)},
            {"gewijzigd_door", stored.changed_by}};
  Response r = Response::Json(j.dump());
  r.headers.emplace("ETag", "\"" + std::to_string(stored.version) + "\"");
  r.headers.emplace("Cache-Control", "no-store");
  return r;
}

void RegisterRouting(const Context& ctx) {
  AccessGate gate = ctx.gate;
  gate.Protected({"GET",
                  "/api/v1/routeringsregels",
                  Resource::kReferenceData,
                  Action::kRead,
                  Sensitivity::kInternal,
                  {Purpose::kBeheer},
                  "routering.lezen"},
                 [ctx](const Request&, const Caller& caller) -> StatusOr<Response> {
                   RETURN_IF_ERROR(RequireOwnTenant(ctx, caller));
                   ASSIGN_OR_RETURN(signals::StoredRouting stored,
                                    ctx.routing->Current(caller.principal.tenant));
                   return RoutingResponse(stored);
                 });

  gate.Protected(
      {"PUT",
       "/api/v1/routeringsregels",
       Resource::kReferenceData,
       Action::kAdminister,
       Sensitivity::kInternal,
       {Purpose::kBeheer},
       "routering.wijzigen"},
      [ctx](const Request& request, const Caller& caller) -> StatusOr<Response> {
        RETURN_IF_ERROR(RequireOwnTenant(ctx, caller));
        const std::string& tenant = caller.principal.tenant;
        json body = json::parse(request.body, nullptr, false);
        if (body.is_discarded() || !body.is_object() || !body.contains("regels")) {
          return InvalidArgumentError("Stuur {\"regels\": [...]}, de hele lijst in volgorde.",
                                      "regels");
        }
        ASSIGN_OR_RETURN(std::vector<signals::RoutingRule> rules,
                         signals::ParseRoutingRules(body["regels"].dump()));
        // The list's order is the routing order, whatever "volgorde" said.
        for (size_t i = 0; i < rules.size(); ++i) rules[i].order = static_cast<int>(i + 1) * 10;
        const std::shared_ptr<const signals::CategoryCatalog> catalog =
            ctx.service->CurrentCatalog();
        ASSIGN_OR_RETURN(signals::Router router, signals::Router::Build(rules, *catalog));
        SecurityServices& s = ctx.gate.services();
        auto audit = [&](store::Transaction& txn, const signals::StoredRouting& before,
                         int version) -> Status {
          return s.audit
              .Append(txn, Entry(request, caller, "routering.wijzigen", "routering", tenant,
                                 {{"van_versie", before.version},
                                  {"naar_versie", version},
                                  {"regels", rules.size()}}))
              .status();
        };
        ASSIGN_OR_RETURN(
            int version,
            ctx.routing->Replace(tenant, rules, caller.ActorId(),
                                 internal::IfMatchIntVersion(request.Header("If-Match")), audit));
        (void)version;
        ctx.service->SetRouter(std::move(router));
        ASSIGN_OR_RETURN(signals::StoredRouting stored, ctx.routing->Current(tenant));
        return RoutingResponse(stored);
      });
}

StatusOr<std::string> NameMember(const json& body) {
  auto it = body.find("naam");
  if (it == body.end() || !it->is_string() || it->get<std::string>().empty()) {
    return InvalidArgumentError("Geef de naam van de afdeling.", "naam");
  }
  std::string name = it->get<std::string>();
  if (name.size() > 100) {
    return InvalidArgumentError("De naam is te lang (hoogstens 100 tekens).", "naam");
  }
  return name;
}

// Stores the department (insert or rename) with its audit entry, raises the catalog version and
// gives the service the new catalog.
StatusOr<Response> SaveDepartment(const Context& ctx, const Request& request, const Caller& caller,
                                  const std::string& code, const std::string& name, bool create) {
  const std::string& tenant = caller.principal.tenant;
  SecurityServices& s = ctx.gate.services();
  RETURN_IF_ERROR(ctx.categories->SaveDepartment(
      tenant, {code, name}, create,
      [&](store::Transaction& txn, const std::string& before) -> Status {
        json details = {{"naam", name}};
        if (!create) details["was"] = before;
        return s.audit
            .Append(txn, Entry(request, caller, create ? "afdeling.aanmaken" : "afdeling.wijzigen",
                               "afdeling", code, details))
            .status();
      }));
  ASSIGN_OR_RETURN(std::shared_ptr<const signals::CategoryCatalog> current,
                   ctx.categories->Current(tenant));
  ctx.service->SetCatalog(current);
  Response r = Response::Json(json{{"code", code}, {"naam", name}}.dump(), create ? 201 : 200);
  r.headers.emplace("Cache-Control", "no-store");
  return r;
}

void RegisterDepartments(const Context& ctx) {
  AccessGate gate = ctx.gate;
  gate.Protected(
      {"POST",
       "/api/v1/afdelingen",
       Resource::kReferenceData,
       Action::kAdminister,
       Sensitivity::kInternal,
       {Purpose::kBeheer},
       "afdeling.aanmaken"},
      [ctx](const Request& request, const Caller& caller) -> StatusOr<Response> {
        RETURN_IF_ERROR(RequireOwnTenant(ctx, caller));
        json body = json::parse(request.body, nullptr, false);
        if (body.is_discarded() || !body.is_object()) {
          return InvalidArgumentError("Stuur {\"code\": ..., \"naam\": ...}.", "code");
        }
        auto it = body.find("code");
        std::string code = it != body.end() && it->is_string() ? it->get<std::string>() : "";
        if (code.empty() || code.size() > 64 ||
            code.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_-") != std::string::npos) {
          return InvalidArgumentError(
              "De code is 1 tot 64 kleine letters, cijfers, - of _ (bijvoorbeeld "
              "stadsbeheer).",
              "code");
        }
        ASSIGN_OR_RETURN(std::string name, NameMember(body));
        return SaveDepartment(ctx, request, caller, code, name, /*create=*/true);
      });

  gate.Protected({"PATCH",
                  std::string("/api/v1/afdelingen/") + kDepartmentPattern,
                  Resource::kReferenceData,
                  Action::kAdminister,
                  Sensitivity::kInternal,
                  {Purpose::kBeheer},
                  "afdeling.wijzigen"},
                 [ctx](const Request& request, const Caller& caller) -> StatusOr<Response> {
                   RETURN_IF_ERROR(RequireOwnTenant(ctx, caller));
                   json body = json::parse(request.body, nullptr, false);
                   if (body.is_discarded() || !body.is_object()) {
                     return InvalidArgumentError("Stuur {\"naam\": ...}.", "naam");
                   }
                   ASSIGN_OR_RETURN(std::string name, NameMember(body));
                   return SaveDepartment(ctx, request, caller, request.path_params.at(0), name,
                                         /*create=*/false);
                 });
}

}  // namespace

void RegisterRoutingRoutes(AccessGate& gate, std::shared_ptr<signals::MeldingService> service) {
  SecurityServices& s = gate.services();
  Context ctx{gate, std::move(service), std::make_shared<signals::RoutingRepository>(s.db, s.clock),
              std::make_shared<signals::CategoryRepository>(s.db, s.clock)};
  RegisterRouting(ctx);
  RegisterDepartments(ctx);
}

}  // namespace baken::api
