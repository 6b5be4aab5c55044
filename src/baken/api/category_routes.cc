// Category management over HTTP: the functional administrator (role beheerder, purpose beheer,
// resource reference data) edits a sub category, and reads its versions.
//
// PUT /api/v1/categorieen/{code} replaces the editable fields (signals::ParseCategoryEdit) with
// If-Match (the category's version, also its ETag; a stale one is 412). The new version and its
// audit entry commit in one transaction; then the running MeldingService takes the new catalog
// into use, so the next melding gets the new deadline and department.
// GET /api/v1/categorieen/{code}/versies lists every version, oldest first, with who and when.
#include <map>

#include <nlohmann/json.hpp>

#include "baken/api/internal/http_input.h"
#include "baken/api/problem.h"
#include "baken/api/routes.h"
#include "baken/base/time_zone.h"
#include "baken/signals/category_repository.h"

namespace baken::api {
namespace {

using nlohmann::json;
using security::Action;
using security::Purpose;
using security::Resource;
using security::Sensitivity;

constexpr char kCodePattern[] = "([a-z0-9_-]{1,64})";

struct Context {
  AccessGate gate;
  std::shared_ptr<signals::MeldingService> service;
  std::shared_ptr<signals::CategoryRepository> repository;
};

json TermJson(const signals::ServiceLevel& level) {
  return {{level.unit == signals::ServiceLevel::Unit::kHours ? "uren" : "werkdagen", level.amount}};
}

// The editable definition, in the names PUT takes.
json DefinitionJson(const signals::Category& c) {
  return {{"naam", c.name},
          {"publieke_naam", c.public_name},
          {"omschrijving", c.description},
          {"afdeling", c.department},
          {"termijn", TermJson(c.service_level)},
          {"afhandeltermijn", c.service_level.ToDutch()},
          {"afhandelbericht", c.handling_message},
          {"op_openbare_kaart", c.on_public_map},
          {"gevoeligheid", std::string(security::SensitivityCode(c.sensitivity))}};
}

Response CategoryResponse(const signals::Category& c, const std::string& main_name) {
  json j = DefinitionJson(c);
  j["code"] = c.code;
  j["hoofdcategorie"] = {{"code", c.main_code}, {"naam", main_name}};
  j["versie"] = c.version;
  Response r = Response::Json(j.dump());
  r.headers.emplace("ETag", "\"" + std::to_string(c.version) + "\"");
  r.headers.emplace("Cache-Control", "no-store");
  return r;
}

// The If-Match header as a category version; absent: no check. Anything unreadable never matches.
Status RequireOwnTenant(const Context& ctx, const Caller& caller, const std::string& code) {
  if (caller.principal.tenant != ctx.service->catalog().tenant()) {
    return NotFoundError("Onbekende categorie '" + code + "'.");
  }
  return Status::Ok();
}

void RegisterEdit(const Context& ctx) {
  AccessGate gate = ctx.gate;
  gate.Protected(
      {"PUT",
       std::string("/api/v1/categorieen/") + kCodePattern,
       Resource::kReferenceData,
       Action::kAdminister,
       Sensitivity::kInternal,
       {Purpose::kBeheer},
       "categorie.wijzigen"},
      [ctx](const Request& request, const Caller& caller) -> StatusOr<Response> {
        const std::string& code = request.path_params.at(0);
        RETURN_IF_ERROR(RequireOwnTenant(ctx, caller, code));
        const std::string& tenant = caller.principal.tenant;
        ASSIGN_OR_RETURN(std::vector<signals::CategoryVersion> versions,
                         ctx.repository->History(tenant, code));
        const std::shared_ptr<const signals::CategoryCatalog> catalog =
            ctx.service->CurrentCatalog();
        ASSIGN_OR_RETURN(
            signals::Category edited,
            signals::ParseCategoryEdit(request.body, versions.back().category, *catalog));
        const std::optional<int> expected = internal::IfMatchIntVersion(request.Header("If-Match"));
        SecurityServices& s = ctx.gate.services();
        auto audit = [&](store::Transaction& txn, const signals::CategoryVersion& before,
                         int version) -> Status {
          security::AuditEntry e;
          e.tenant = tenant;
          e.actor = caller.ActorId();
          e.actor_role = std::string(security::RoleCode(caller.principal.role));
          e.action = "categorie.wijzigen";
          e.object_type = "categorie";
          e.object_id = code;
          e.purpose = std::string(security::PurposeCode(Purpose::kBeheer));
          e.sensitivity = std::string(security::SensitivityCode(Sensitivity::kInternal));
          e.from_address = request.remote_address;
          e.details = json{{"van_versie", before.version},
                           {"naar_versie", version},
                           {"velden", signals::ChangedCategoryFields(before.category, edited)}}
                          .dump();
          return s.audit.Append(txn, std::move(e)).status();
        };
        ASSIGN_OR_RETURN(int version,
                         ctx.repository->Update(tenant, edited, caller.ActorId(), expected, audit));
        // The running service takes the new definition into use before the answer goes out.
        ASSIGN_OR_RETURN(std::shared_ptr<const signals::CategoryCatalog> current,
                         ctx.repository->Current(tenant));
        ctx.service->SetCatalog(current);
        const signals::Category* stored = current->Find(code);
        if (stored == nullptr) return InternalError("categorie verdwenen na wijzigen");
        signals::Category answer = *stored;
        answer.version = version;
        const signals::MainCategory* main = current->FindMain(answer.main_code);
        return CategoryResponse(answer, main != nullptr ? main->name : answer.main_code);
      });
}

void RegisterVersions(const Context& ctx) {
  AccessGate gate = ctx.gate;
  gate.Protected(
      {"GET",
       std::string("/api/v1/categorieen/") + kCodePattern + "/versies",
       Resource::kReferenceData,
       Action::kRead,
       Sensitivity::kInternal,
       {Purpose::kBeheer},
       "categorie.versies"},
      [ctx](const Request& request, const Caller& caller) -> StatusOr<Response> {
        const std::string& code = request.path_params.at(0);
        RETURN_IF_ERROR(RequireOwnTenant(ctx, caller, code));
        const std::string& tenant = caller.principal.tenant;
        ASSIGN_OR_RETURN(std::vector<signals::CategoryVersion> versions,
                         ctx.repository->History(tenant, code));
        // Who changed it: the account's user name where the actor is a user of this tenant.
        std::map<std::string, std::string> usernames;
        json items = json::array();
        const signals::Category* previous = nullptr;
        for (const signals::CategoryVersion& v : versions) {
          auto [it, fresh] = usernames.try_emplace(v.changed_by);
          if (fresh) {
            StatusOr<security::User> user = ctx.gate.services().accounts.Get(tenant, v.changed_by);
            if (user.ok()) it->second = user->username;
          }
          json by = {{"id", v.changed_by}};
          by["gebruikersnaam"] = it->second.empty() ? json(nullptr) : json(it->second);
          json item = {{"versie", v.version},
                       {"gewijzigd_op", FormatRfc3339(v.changed_at)},
                       {"gewijzigd_door", std::move(by)},
                       {"waarden", DefinitionJson(v.category)}};
          item["gewijzigde_velden"] =
              previous == nullptr ? json::array()
                                  : json(signals::ChangedCategoryFields(*previous, v.category));
          items.push_back(std::move(item));
          previous = &v.category;
        }
        Response r = Response::Json(json{
            {"code", code},
            {"huidige_versie", versions.back().version},
            {"versies",
             std::move(items)}}.dump());
        r.headers.emplace("ETag", "\"" + std::to_string(versions.back().version) + "\"");
        r.headers.emplace("Cache-Control", "no-store");
        return r;
      });
}

}  // namespace

void RegisterCategoryRoutes(AccessGate& gate, std::shared_ptr<signals::MeldingService> service) {
  SecurityServices& s = gate.services();
  Context ctx{gate, std::move(service),
              std::make_shared<signals::CategoryRepository>(s.db, s.clock)};
  RegisterEdit(ctx);
  RegisterVersions(ctx);
}

}  // namespace baken::api
