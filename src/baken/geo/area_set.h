// AreaSet: a registry of areas (buurten, wijken, gemeenten) by code, and the CBS importer.
//
// Areas are owned by the set and have stable addresses: pointers returned by Find/List (and held
// by a Locator) stay valid while the set lives, also after Add/Merge. Not thread-safe to mutate;
// concurrent const use is safe. Errors: kAlreadyExists for a duplicate code, kInvalidArgument (in
// Dutch, naming the feature) from ImportCbs.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "baken/base/status.h"
#include "baken/geo/area.h"
#include "baken/geo/geojson.h"

namespace baken::geo {

class AreaSet {
 public:
  AreaSet() = default;
  AreaSet(AreaSet&&) = default;
  AreaSet& operator=(AreaSet&&) = default;
  AreaSet(const AreaSet&) = delete;
  AreaSet& operator=(const AreaSet&) = delete;

  // Adds an area; kAlreadyExists when its code is taken, kInvalidArgument when the code is empty.
  Status Add(Area area);
  // Moves all areas of `other` into this set (all or nothing on duplicate codes).
  Status Merge(AreaSet&& other);

  const Area* Find(std::string_view code) const;     // nullptr when absent
  std::vector<const Area*> List(Level level) const;  // in insertion order
  const std::vector<std::unique_ptr<Area>>& areas() const { return areas_; }
  size_t size() const { return areas_.size(); }
  bool empty() const { return areas_.empty(); }

 private:
  std::vector<std::unique_ptr<Area>> areas_;
  std::unordered_map<std::string, const Area*> by_code_;
};

// Imports areas of one level from a CBS wijk- en buurtkaart FeatureCollection, keeping features
// with GM_CODE == municipality (error when none match). Attributes: buurt BU_CODE, BU_NAAM,
// WK_CODE (parent); wijk WK_CODE, WK_NAAM, GM_CODE (parent); gemeente GM_CODE, GM_NAAM.
// AANT_INW and OPP_TOT: negative CBS secrecy values (e.g. -99999999) become unknown. Geometry is
// validated with GEOS; the interior point is computed.
StatusOr<AreaSet> ImportCbs(const FeatureCollection& collection, Level level,
                            std::string_view municipality);

}  // namespace baken::geo
