#include "baken/api/routes.h"

namespace baken::api {

Status RegisterRoutes(Server& server, store::Database& db, Clock& clock, SecurityOptions security) {
  if (security.server_key.size() != 32) {
    return InvalidArgumentError("De serversleutel moet 32 bytes zijn (64 hexadecimale tekens).",
                                "server_key");
  }
  AccessGate gate(server, std::make_shared<SecurityServices>(db, clock, std::move(security)));
  RegisterSessionRoutes(gate);
  RegisterAdminRoutes(gate);
  RETURN_IF_ERROR(RegisterAreaRoutes(gate, db, clock));
  return Status::Ok();
}

}  // namespace baken::api
