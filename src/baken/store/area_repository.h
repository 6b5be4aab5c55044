// AreaRepository: stores and loads a municipality's areas (gemeente, wijken, buurten).
//
// ReplaceLevel() swaps all areas of one level of a tenant in one transaction: either the whole new
// set is stored, or nothing changes (an import never leaves half a map). The tenant row is made
// when missing. Geometry is stored as WKB in RD New. ReplaceStreetPoints() does the same for the
// address table the gazetteer searches (one point per postcode, with its street). Thread-safe
// like Database.
#pragma once

#include <string>
#include <vector>

#include "baken/base/clock.h"
#include "baken/base/status.h"
#include "baken/geo/area_set.h"
#include "baken/geo/gazetteer.h"
#include "baken/store/database.h"

namespace baken::store {

struct AreaSummary {
  std::string code;
  std::string name;
  geo::Level level = geo::Level::kNeighbourhood;
  std::string parent_code;
  int64_t inhabitants = geo::kUnknownInhabitants;
  double area_ha = -1;
};

class AreaRepository {
 public:
  AreaRepository(Database& db, Clock& clock) : db_(db), clock_(clock) {}

  // Replaces every area of `level` for `tenant` by those of `areas` with that level. Returns how
  // many were stored. kInvalidArgument when `areas` holds none of that level.
  StatusOr<int> ReplaceLevel(const std::string& tenant, const std::string& tenant_name,
                             geo::Level level, const geo::AreaSet& areas,
                             const std::string& source);

  // All areas of a tenant with geometry (wijken first, then buurten, by code).
  StatusOr<geo::AreaSet> Load(const std::string& tenant);

  // Without geometry, for lists; `level` empty for all levels.
  StatusOr<std::vector<AreaSummary>> List(const std::string& tenant,
                                          std::optional<geo::Level> level);

  // Replaces the tenant's street points (postcode, street, point); the tenant must have areas
  // already (kFailedPrecondition otherwise, so a table is never loaded for a typo). Returns how
  // many were stored; kInvalidArgument for an empty list or a postcode given twice.
  StatusOr<int> ReplaceStreetPoints(const std::string& tenant,
                                    const std::vector<geo::StreetPoint>& points,
                                    const std::string& source);
  // The tenant's street points by postcode; empty when none were loaded.
  StatusOr<std::vector<geo::StreetPoint>> LoadStreetPoints(const std::string& tenant);

  // The tenants that have areas (the municipalities this installation serves).
  StatusOr<std::vector<std::string>> Tenants();

 private:
  Database& db_;
  Clock& clock_;
};

// "gemeente" / "wijk" / "buurt" <-> Level; kInvalidArgument naming `field` for anything else.
StatusOr<geo::Level> ParseLevel(const std::string& text, const std::string& field = "niveau");

}  // namespace baken::store
