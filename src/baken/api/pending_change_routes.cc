// Four eyes over HTTP (ADR 0011): the list of proposed changes, and their approval or rejection
// by a second person.
//
// GET  /api/v1/wijzigingen[?status=wachtend|goedgekeurd|afgewezen|mislukt]  newest first.
// POST /api/v1/wijzigingen/{id}/goedkeuring  {"notitie"?}: approves and applies the change (the
//      applier registered for its kind in SecurityServices::appliers); answers the change and
//      the result (a one-time password or key is answered here, once, to the approver).
// POST /api/v1/wijzigingen/{id}/afwijzing    {"notitie"?}: rejects it.
// Only a person decides (an API key cannot), never the proposer (403, audited), and a change is
// decided once (409). A category change needs the right to administer reference data as well.
#include <nlohmann/json.hpp>

#include "baken/api/auth.h"
#include "baken/api/internal/http_input.h"
#include "baken/api/internal/pending_change.h"
#include "baken/base/time_zone.h"

namespace baken::api {

namespace internal {

nlohmann::json PendingChangeJson(const security::PendingChange& c) {
  nlohmann::json payload = nlohmann::json::parse(c.payload, nullptr, false);
  if (payload.is_discarded()) payload = nullptr;
  return {{"id", c.id},
          {"soort", c.kind},
          {"doel", c.target},
          {"samenvatting", c.summary},
          {"inhoud", std::move(payload)},
          {"ingediend_door", c.proposed_by},
          {"ingediend_op", FormatRfc3339(c.proposed_at)},
          {"status", std::string(security::ChangeStatusCode(c.status))},
          {"beslist_door",
           c.decided_by.empty() ? nlohmann::json(nullptr) : nlohmann::json(c.decided_by)},
          {"beslist_op",
           c.decided_at ? nlohmann::json(FormatRfc3339(*c.decided_at)) : nlohmann::json(nullptr)},
          {"notitie", c.note}};
}

security::ChangeActor ChangeActorOf(const Caller& caller, const Request& request) {
  return {caller.ActorId(), caller.principal.role, request.remote_address};
}

StatusOr<Response> ProposeChange(SecurityServices& services, const Request& request,
                                 const Caller& caller, std::string_view kind,
                                 std::string_view target, std::string_view summary,
                                 const nlohmann::json& payload) {
  ASSIGN_OR_RETURN(security::PendingChange change,
                   services.changes.Propose(caller.principal.tenant, kind, target, summary,
                                            payload.dump(), ChangeActorOf(caller, request)));
  // No Cache-Control here: the gate marks every /api/ answer no-store.
  return Response::Json(nlohmann::json{{"wijziging", PendingChangeJson(change)},
                                       {"melding", std::string(kAwaitingSecondPerson)}}
                            .dump(),
                        202);
}

}  // namespace internal

namespace {

using nlohmann::json;
using security::Action;
using security::Purpose;
using security::Resource;
using security::Sensitivity;

constexpr char kIdPattern[] = "([0-9A-Za-z_-]{1,64})";

RouteSpec DecideSpec(std::string suffix, std::string audit_action) {
  return {"POST",
          std::string("/api/v1/wijzigingen/") + kIdPattern + "/" + suffix,
          Resource::kUserAdmin,
          Action::kAdminister,
          Sensitivity::kInternal,
          {Purpose::kBeheer},
          std::move(audit_action)};
}

StatusOr<std::string> NoteOf(const Request& request) {
  if (request.body.empty()) return std::string();
  ASSIGN_OR_RETURN(json body, internal::ParseJsonObject(request.body));
  auto it = body.find("notitie");
  if (it == body.end() || it->is_null()) return std::string();
  if (!it->is_string() || it->get<std::string>().size() > 500) {
    return InvalidArgumentError("notitie moet tekst zijn van hoogstens 500 tekens.", "notitie");
  }
  return it->get<std::string>();
}

// A person decides, not a key; a category change also needs the right to administer categories
// (the functioneel beheerder).
Status MayDecide(const Caller& caller, const security::PendingChange& change) {
  if (!caller.api_client_id.empty()) {
    return PermissionDeniedError(
        "Een wijziging wordt goedgekeurd of afgewezen door een persoon, niet met een "
        "API-sleutel.");
  }
  if (change.kind.starts_with("categorie.")) {
    security::AccessRequest r;
    r.principal = caller.principal;
    r.purpose = Purpose::kBeheer;
    r.action = Action::kAdminister;
    r.resource = Resource::kReferenceData;
    r.record_tenant = caller.principal.tenant;
    return security::Check(r);
  }
  return Status::Ok();
}

// The change a decision is about, once the caller may decide it (not the proposer's own, still
// pending; MayDecide says why not).
StatusOr<security::PendingChange> ChangeToDecide(const Request& request, const Caller& caller,
                                                 SecurityServices& s) {
  ASSIGN_OR_RETURN(security::PendingChange change,
                   s.changes.Get(caller.principal.tenant, request.path_params.at(0)));
  RETURN_IF_ERROR(MayDecide(caller, change));
  return change;
}

void RegisterList(AccessGate& gate) {
  gate.Protected(
      {"GET",
       "/api/v1/wijzigingen",
       Resource::kUserAdmin,
       Action::kRead,
       Sensitivity::kInternal,
       {Purpose::kBeheer},
       "wijzigingen.lijst"},
      [gate](const Request& request, const Caller& caller) -> StatusOr<Response> {
        std::optional<security::ChangeStatus> status;
        const std::string asked = request.Query("status");
        if (!asked.empty()) {
          for (auto s : {security::ChangeStatus::kPending, security::ChangeStatus::kApproved,
                         security::ChangeStatus::kRejected, security::ChangeStatus::kFailed}) {
            if (security::ChangeStatusCode(s) == asked) status = s;
          }
          if (!status) {
            return InvalidArgumentError("Kies status wachtend, goedgekeurd, afgewezen of mislukt.",
                                        "status");
          }
        }
        ASSIGN_OR_RETURN(std::vector<security::PendingChange> changes,
                         gate.services().changes.List(caller.principal.tenant, status));
        json items = json::array();
        for (const security::PendingChange& c : changes) {
          json j = internal::PendingChangeJson(c);
          j["eigen_voorstel"] = c.proposed_by == caller.ActorId();
          items.push_back(std::move(j));
        }
        return Response::Json(json{{"wijzigingen", std::move(items)}}.dump());
      });
}

void RegisterDecisions(AccessGate& gate) {
  gate.Protected(
      DecideSpec("goedkeuring", "wijziging.goedkeuren"),
      [gate](const Request& request, const Caller& caller) -> StatusOr<Response> {
        SecurityServices& s = gate.services();
        const std::string& tenant = caller.principal.tenant;
        const std::string& id = request.path_params.at(0);
        ASSIGN_OR_RETURN(std::string note, NoteOf(request));
        ASSIGN_OR_RETURN(security::PendingChange change, ChangeToDecide(request, caller, s));
        auto applier = s.appliers.find(change.kind);
        if (applier == s.appliers.end()) {
          return InternalError("geen uitvoerder voor wijziging van soort " + change.kind);
        }
        ASSIGN_OR_RETURN(
            security::PendingChange approved,
            s.changes.Approve(tenant, id, internal::ChangeActorOf(caller, request), note));
        StatusOr<std::string> result = applier->second(approved, caller);
        if (!result.ok()) {
          (void)s.changes.MarkFailed(tenant, id, result.status().message());
          return result.status();
        }
        json out = {{"wijziging", internal::PendingChangeJson(approved)},
                    {"resultaat", json::parse(*result, nullptr, false)}};
        return Response::Json(out.dump());
      });

  gate.Protected(
      DecideSpec("afwijzing", "wijziging.afwijzen"),
      [gate](const Request& request, const Caller& caller) -> StatusOr<Response> {
        SecurityServices& s = gate.services();
        const std::string& tenant = caller.principal.tenant;
        const std::string& id = request.path_params.at(0);
        ASSIGN_OR_RETURN(std::string note, NoteOf(request));
        ASSIGN_OR_RETURN(security::PendingChange change, ChangeToDecide(request, caller, s));
        ASSIGN_OR_RETURN(
            security::PendingChange rejected,
            s.changes.Reject(tenant, id, internal::ChangeActorOf(caller, request), note));
        return Response::Json(json{{"wijziging", internal::PendingChangeJson(rejected)}}.dump());
      });
}

}  // namespace

void RegisterPendingChangeRoutes(AccessGate& gate) {
  RegisterList(gate);
  RegisterDecisions(gate);
}

}  // namespace baken::api
