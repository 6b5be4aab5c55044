#include "baken/signals/setup.h"

#include <fstream>
#include <sstream>

#include "baken/signals/category_repository.h"
#include "baken/signals/defaults.h"
#include "baken/signals/routing_repository.h"
#include "baken/store/area_repository.h"
#include "baken/store/bulk_load.h"

namespace baken::signals {

StatusOr<std::shared_ptr<MeldingService>> OpenMeldingService(store::Database& db, Clock& clock,
                                                             const SetupOptions& options) {
  CategoryCatalog catalog;
  if (options.taxonomy_file.empty()) {
    ASSIGN_OR_RETURN(catalog, ParseTaxonomy(DefaultTaxonomyJson()));
  } else {
    ASSIGN_OR_RETURN(catalog, ReadTaxonomyFile(options.taxonomy_file));
  }
  if (catalog.tenant() != options.tenant) {
    return InvalidArgumentError(
        "De taxonomie in " +
            (options.taxonomy_file.empty() ? std::string("Baken") : options.taxonomy_file) +
            " is van gemeente " + catalog.tenant() + ", niet van " + options.tenant + ".",
        "gemeente");
  }
  // The database holds the catalog staff edit (versioned); the taxonomy file seeds it and adds
  // what is new in it, without undoing an edit.
  CategoryRepository categories(db, clock);
  ASSIGN_OR_RETURN(std::shared_ptr<const CategoryCatalog> shared_catalog,
                   categories.Seed(catalog, "systeem"));

  std::vector<RoutingRule> rules;
  if (options.routing_file.empty()) {
    ASSIGN_OR_RETURN(rules, ParseRoutingRules(DefaultRoutingJson()));
  } else if (options.routing_file != "-") {
    std::ifstream in(options.routing_file, std::ios::binary);
    if (!in) {
      return NotFoundError("Het routeringsbestand '" + options.routing_file +
                           "' kan niet worden gelezen.");
    }
    std::stringstream text;
    text << in.rdbuf();
    StatusOr<std::vector<RoutingRule>> parsed = ParseRoutingRules(text.str());
    if (!parsed.ok()) {
      return Status(parsed.status().code(), options.routing_file + ": " + parsed.status().message(),
                    parsed.status().field());
    }
    rules = std::move(*parsed);
  }
  // The database holds the rules staff edit; the file (or the shipped default) seeds them.
  RoutingRepository routing(db, clock);
  ASSIGN_OR_RETURN(StoredRouting stored, routing.Seed(options.tenant, rules));
  StatusOr<Router> built = Router::Build(std::move(stored.rules), *shared_catalog);
  if (!built.ok()) {
    return Status(built.status().code(),
                  "De routeringsregels in de database (versie " + std::to_string(stored.version) +
                      "): " + std::string(built.status().message()),
                  std::string(built.status().field()));
  }
  Router router = std::move(*built);

  // Indexes put off by a bulk import that did not finish (killed) come back before anything
  // reads or writes meldingen.
  RETURN_IF_ERROR(store::RestoreDeferred(db, "meldingen").status());

  store::AreaRepository areas_repo(db, clock);
  ASSIGN_OR_RETURN(geo::AreaSet areas, areas_repo.Load(options.tenant));
  std::shared_ptr<const geo::Locator> locator;
  if (areas.size() > 0) {
    ASSIGN_OR_RETURN(geo::Locator built, geo::Locator::Build(areas));
    locator = std::make_shared<const geo::Locator>(std::move(built));
  }
  auto shared_areas = std::make_shared<const geo::AreaSet>(std::move(areas));

  ServiceOptions service_options;
  service_options.attachment_dir = options.attachment_dir;
  ASSIGN_OR_RETURN(std::vector<geo::StreetPoint> street_points,
                   areas_repo.LoadStreetPoints(options.tenant));
  if (!street_points.empty()) {
    service_options.streets =
        std::make_shared<const geo::Gazetteer>(geo::Gazetteer::Build(std::move(street_points)));
  }
  return std::make_shared<MeldingService>(db, clock, std::move(shared_catalog),
                                          std::move(shared_areas), std::move(locator),
                                          std::move(router), WorkCalendar(), service_options);
}

}  // namespace baken::signals
