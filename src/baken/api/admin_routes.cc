// Administrative routes: the user list for beheerders, the audit-log head for auditors.
#include <nlohmann/json.hpp>

#include "baken/api/auth.h"
#include "baken/base/encoding.h"

namespace baken::api {

void RegisterAdminRoutes(AccessGate& gate) {
  using security::Action;
  using security::Purpose;
  using security::Resource;
  using security::Sensitivity;

  gate.Protected({"GET",
                  "/api/v1/gebruikers",
                  Resource::kUserAdmin,
                  Action::kRead,
                  Sensitivity::kInternal,
                  {Purpose::kBeheer},
                  "gebruikers.lijst"},
                 [gate](const Request&, const Caller& caller) -> StatusOr<Response> {
                   ASSIGN_OR_RETURN(auto users,
                                    gate.services().accounts.List(caller.principal.tenant));
                   nlohmann::json items = nlohmann::json::array();
                   for (const security::User& u : users) {
                     nlohmann::json j = {{"id", u.id},
                                         {"gebruikersnaam", u.username},
                                         {"rol", std::string(security::RoleCode(u.role))},
                                         {"afdelingen", u.departments},
                                         {"uitgeschakeld", u.disabled},
                                         {"tweede_factor", u.totp_enrolled},
                                         {"wachtwoord_wijzigen_vereist", u.must_change_password}};
                     if (!caller.decision.mask_personal_data) {
                       j["naam"] = u.display_name;
                       j["email"] = u.email;
                     }
                     items.push_back(std::move(j));
                   }
                   return Response::Json(nlohmann::json{{"gebruikers", std::move(items)}}.dump());
                 });

  gate.Protected(
      {"GET",
       "/api/v1/audit/hoofd",
       Resource::kAuditLog,
       Action::kRead,
       Sensitivity::kConfidential,
       {Purpose::kVerantwoording},
       "audit.hoofd"},
      [gate](const Request&, const Caller&) -> StatusOr<Response> {
        ASSIGN_OR_RETURN(security::AuditHead head, gate.services().audit.Head());
        return Response::Json(
            nlohmann::json{{"volgnummer", head.seq}, {"hash", HexEncode(head.hash)}}.dump());
      });
}

}  // namespace baken::api
