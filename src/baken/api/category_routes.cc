// Category management over HTTP: the functional administrator (role beheerder, purpose beheer,
// resource reference data) edits a sub category, and reads its versions.
//
// PUT /api/v1/categorieen/{code} replaces the editable fields (signals::ParseCategoryEdit) with
// If-Match (the category's version, also its ETag; a stale one is 412). The new version and its
// audit entry commit in one transaction; then the running MeldingService takes the new catalog
// into use, so the next melding gets the new deadline and department.
// GET /api/v1/categorieen/{code}/versies lists every version, oldest first, with who and when.
// Lowering a category's sensitivity is a four-eyes change (ADR 0011): the PUT then answers 202
// with the pending change, and the edit is stored as proposed once a second person approves it
// (412 then if the category changed meanwhile).
#include <map>

#include <nlohmann/json.hpp>

#include "baken/api/internal/http_input.h"
#include "baken/api/internal/pending_change.h"
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

constexpr char kChangeCategory[] = "categorie.wijzigen";

// Stores the edit as the next version (with its audit entry, in one transaction), then lets the
// running service use the new catalog before the answer goes out. `actor` made or approved it.
// What applying an edit needs. Held by the approved-change applier, which lives inside the
// SecurityServices: a pointer to them (not the gate, which owns them) avoids an ownership cycle.
struct EditTarget {
  SecurityServices* security;
  std::shared_ptr<signals::MeldingService> service;
  std::shared_ptr<signals::CategoryRepository> repository;
};

EditTarget TargetOf(const Context& ctx) {
  return {&ctx.gate.services(), ctx.service, ctx.repository};
}

StatusOr<Response> ApplyEdit(const EditTarget& ctx, const std::string& tenant,
                             const std::string& code, const signals::Category& edited,
                             std::optional<int> expected, const Caller& actor,
                             const std::string& from_address, const std::string& change_id) {
  SecurityServices& s = *ctx.security;
  auto audit = [&](store::Transaction& txn, const signals::CategoryVersion& previous,
                   int version) -> Status {
    security::AuditEntry e;
    e.tenant = tenant;
    e.actor = actor.ActorId();
    e.actor_role = std::string(security::RoleCode(actor.principal.role));
    e.action = "categorie.wijzigen";
    e.object_type = "categorie";
    e.object_id = code;
    e.purpose = std::string(security::PurposeCode(Purpose::kBeheer));
    e.sensitivity = std::string(security::SensitivityCode(Sensitivity::kInternal));
    e.from_address = from_address;
    json details = {{"van_versie", previous.version},
                    {"naar_versie", version},
                    {"velden", signals::ChangedCategoryFields(previous.category, edited)}};
    if (!change_id.empty()) details["wijziging"] = change_id;
    e.details = details.dump();
    return s.audit.Append(txn, std::move(e)).status();
  };
  ASSIGN_OR_RETURN(int version,
                   ctx.repository->Update(tenant, edited, actor.ActorId(), expected, audit));
  ASSIGN_OR_RETURN(std::shared_ptr<const signals::CategoryCatalog> current,
                   ctx.repository->Current(tenant));
  ctx.service->SetCatalog(current);
  const signals::Category* stored = current->Find(code);
  if (stored == nullptr) return InternalError("categorie verdwenen na wijzigen");
  signals::Category answer = *stored;
  answer.version = version;
  const signals::MainCategory* main = current->FindMain(answer.main_code);
  return CategoryResponse(answer, main != nullptr ? main->name : answer.main_code);
}

// An approved lower sensitivity: the edit as proposed, against the version it was made on (a
// category changed meanwhile makes it fail, 412, rather than overwrite the newer version).
StatusOr<std::string> ApplyApprovedEdit(const EditTarget& ctx, const security::PendingChange& c,
                                        const Caller& approver) {
  const json p = json::parse(c.payload, nullptr, false);
  ASSIGN_OR_RETURN(std::vector<signals::CategoryVersion> versions,
                   ctx.repository->History(c.tenant, c.target));
  ASSIGN_OR_RETURN(
      signals::Category edited,
      signals::ParseCategoryEdit(p.value("wijziging", json::object()).dump(),
                                 versions.back().category, *ctx.service->CurrentCatalog()));
  ASSIGN_OR_RETURN(Response r, ApplyEdit(ctx, c.tenant, c.target, edited, p.value("versie", 0),
                                         approver, "", c.id));
  return r.body;
}

void RegisterEdit(const Context& ctx) {
  AccessGate gate = ctx.gate;
  gate.services().appliers[kChangeCategory] =
      [target = TargetOf(ctx)](const security::PendingChange& c, const Caller& approver) {
        return ApplyApprovedEdit(target, c, approver);
      };
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
        const signals::CategoryVersion& before = versions.back();
        ASSIGN_OR_RETURN(signals::Category edited,
                         signals::ParseCategoryEdit(request.body, before.category, *catalog));
        const std::optional<int> expected = internal::IfMatchIntVersion(request.Header("If-Match"));
        if (security::SensitivityChangeNeedsSecondPerson(before.category.sensitivity,
                                                         edited.sensitivity)) {
          // Four eyes (ADR 0011): a lower class shows future meldingen to more roles.
          if (expected && *expected != before.version) {
            return Status(StatusCode::kFailedPrecondition,
                          "De categorie is intussen gewijzigd (nu versie " +
                              std::to_string(before.version) + "). Laad haar opnieuw.",
                          std::string(kIfMatchField));
          }
          return internal::ProposeChange(
              ctx.gate.services(), request, caller, kChangeCategory, code,
              "Gevoeligheid van categorie " + before.category.name + " verlagen van " +
                  std::string(security::SensitivityName(before.category.sensitivity)) + " naar " +
                  std::string(security::SensitivityName(edited.sensitivity)),
              {{"wijziging", json::parse(request.body, nullptr, false)},
               {"versie", before.version},
               {"van", std::string(security::SensitivityCode(before.category.sensitivity))},
               {"naar", std::string(security::SensitivityCode(edited.sensitivity))}});
        }
        return ApplyEdit(TargetOf(ctx), tenant, code, edited, expected, caller,
                         request.remote_address, "");
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
