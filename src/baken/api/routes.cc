#include "baken/api/routes.h"

namespace baken::api {

Status RegisterRoutes(Server& server, store::Database& db, Clock& clock, SecurityOptions security,
                      signals::SetupOptions signals) {
  if (security.server_key.size() != 32) {
    return InvalidArgumentError("De serversleutel moet 32 bytes zijn (64 hexadecimale tekens).",
                                "server_key");
  }
  AccessGate gate(server, std::make_shared<SecurityServices>(db, clock, std::move(security)));
  RegisterSessionRoutes(gate);
  RegisterAdminRoutes(gate);
  RETURN_IF_ERROR(RegisterAreaRoutes(gate, db, clock));
  signals.tenant = gate.services().options.tenant;
  ASSIGN_OR_RETURN(std::shared_ptr<signals::MeldingService> meldingen,
                   signals::OpenMeldingService(db, clock, signals));
  RegisterMeldingRoutes(gate, meldingen);
  RegisterOpen311Routes(gate, std::move(meldingen));
  RegisterOpenApiRoute(gate);
  return Status::Ok();
}

}  // namespace baken::api
