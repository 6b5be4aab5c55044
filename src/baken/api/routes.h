// The routes of every module, registered on a Server. api/ is thin: decode, call, encode.
//
// RegisterRoutes builds the security services (accounts, sessions, API keys, audit log) from the
// Database, the Clock and the SecurityOptions (the caller supplies the server key), puts an
// AccessGate (auth.h) in front of every /api/v1 route, and loads what the routes need at start
// (e.g. the areas of each municipality, kept in memory: they change only by import). The
// Database and Clock must outlive the Server. Errors at start (database unreadable, no server
// key) are returned, not thrown.
#pragma once

#include "baken/api/auth.h"
#include "baken/api/server.h"
#include "baken/store/database.h"

namespace baken::api {

Status RegisterRoutes(Server& server, store::Database& db, Clock& clock, SecurityOptions security);

// GET /api/v1/gebieden[?niveau=wijk|buurt][&formaat=geojson], GET /api/v1/gebieden/{code}.
// Public: areas are open CBS data.
Status RegisterAreaRoutes(AccessGate& gate, store::Database& db, Clock& clock);

}  // namespace baken::api
