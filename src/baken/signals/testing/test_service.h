// Test-only: a MeldingService on the real Groningen buurten and wijken (BAKEN_SHARED_DIR) and the
// shipped taxonomy (BAKEN_SOURCE_DIR), for tests outside signals that need real meldingen.
// Header-only; the areas and catalog are loaded once per process (aborts if they do not load).
#pragma once

#include <cstdlib>
#include <memory>
#include <string>

#include "baken/geo/locator.h"
#include "baken/geo/testing/test_data.h"
#include "baken/signals/melding_service.h"

namespace baken::signals::testing {

inline std::unique_ptr<MeldingService> MakeTestService(store::Database& db, Clock& clock,
                                                       const std::string& attachment_dir) {
  struct Shared {
    std::shared_ptr<const geo::AreaSet> areas;
    std::shared_ptr<const geo::Locator> locator;
    std::shared_ptr<const CategoryCatalog> catalog;
  };
  static const Shared* shared = [] {
    auto* s = new Shared;
    // Not owned: GroningenAreas() lives as long as the process.
    s->areas = std::shared_ptr<const geo::AreaSet>(&geo::testing::GroningenAreas(),
                                                   [](const geo::AreaSet*) {});
    auto locator = geo::Locator::Build(*s->areas);
    auto catalog =
        ReadTaxonomyFile(std::string(BAKEN_SOURCE_DIR) + "/data/categories/groningen.json");
    if (!locator.ok() || !catalog.ok()) std::abort();
    s->locator = std::make_shared<const geo::Locator>(std::move(*locator));
    s->catalog = std::make_shared<const CategoryCatalog>(std::move(*catalog));
    return s;
  }();
  ServiceOptions options;
  options.attachment_dir = attachment_dir;
  return std::make_unique<MeldingService>(db, clock, shared->catalog, shared->areas,
                                          shared->locator, Router(), WorkCalendar(), options);
}

}  // namespace baken::signals::testing
