// The routes of every module, registered on a Server. api/ is thin: decode, call, encode.
//
// RegisterRoutes loads what the routes need at start (e.g. the areas of each municipality, kept
// in memory: they change only by import) and registers /api/v1/... on the server. The Database
// must outlive the Server. Errors at start (database unreadable) are returned, not thrown.
#pragma once

#include "baken/api/server.h"
#include "baken/store/database.h"

namespace baken::api {

Status RegisterRoutes(Server& server, store::Database& db, Clock& clock);

// GET /api/v1/gebieden[?niveau=wijk|buurt][&formaat=geojson], GET /api/v1/gebieden/{code}.
Status RegisterAreaRoutes(Server& server, store::Database& db, Clock& clock);

}  // namespace baken::api
