// OpenMeldingService: builds a ready MeldingService for one municipality from the database (its
// areas) and the taxonomy and routing files, for `baken serve`, `baken demo` and imports.
//
// The areas come from store::AreaRepository (imported with `baken areas import`); when the
// database holds none for the tenant the service still starts, and intake answers that the map
// is missing. The taxonomy and routing rules are the shipped ones unless files are given (routing
// "-": no rules, so each category's own department). The taxonomy seeds the database's versioned
// catalog (CategoryRepository::Seed): staff edits made through the API are kept across restarts,
// categories new in the file are added. The routing rules seed the database the same way
// (RoutingRepository::Seed): once staff edit them through the API, the database wins.
// Errors name the file and the field.
// Indexes of the meldingen table that a killed bulk import left deferred are rebuilt here first
// (MeldingService::StartBulkLoad), which may take seconds on a large table.
#pragma once

#include <memory>
#include <string>

#include "baken/base/clock.h"
#include "baken/base/status.h"
#include "baken/base/tenant.h"
#include "baken/signals/melding_service.h"
#include "baken/store/database.h"

namespace baken::signals {

struct SetupOptions {
  std::string tenant = kDefaultTenant;
  std::string taxonomy_file;  // empty: the shipped Groningen taxonomy (defaults.h)
  std::string routing_file;   // empty: the shipped rules; "-": no rules
  std::string attachment_dir = "var/bijlagen";
  // A trained fastText model (`baken classify train`); empty: no category suggestions. Loaded by
  // api::RegisterRoutes, which also records staff re-categorisations as training examples.
  std::string classifier_model;
  // Public address of the follow pages in reporter e-mails (api::RegisterRoutes queues them).
  std::string public_base_url = "http://127.0.0.1:8080";
};

StatusOr<std::shared_ptr<MeldingService>> OpenMeldingService(store::Database& db, Clock& clock,
                                                             const SetupOptions& options);

}  // namespace baken::signals
