// Test-only helpers: load the real Groningen buurten/wijken from BAKEN_SHARED_DIR once per process.
#pragma once

#include <string>

#include "baken/geo/area_set.h"
#include "baken/geo/geojson.h"

namespace baken::geo::testing {

inline std::string GroningenFile(const std::string& name) {
  return std::string(BAKEN_SHARED_DIR) + "/data/groningen/" + name;
}

// Buurten and wijken of GM0014 in one set; aborts the test binary if the data do not load.
inline const AreaSet& GroningenAreas() {
  static const AreaSet* set = [] {
    auto* s = new AreaSet();
    auto buurten = ReadGeoJsonFile(GroningenFile("cbs-buurten-2017.geojson"));
    auto wijken = ReadGeoJsonFile(GroningenFile("cbs-wijken-2017.geojson"));
    if (!buurten.ok() || !wijken.ok()) std::abort();
    auto b = ImportCbs(*buurten, Level::kNeighbourhood, "GM0014");
    auto w = ImportCbs(*wijken, Level::kDistrict, "GM0014");
    if (!b.ok() || !w.ok()) std::abort();
    if (!s->Merge(std::move(*b)).ok() || !s->Merge(std::move(*w)).ok()) std::abort();
    return s;
  }();
  return *set;
}

}  // namespace baken::geo::testing
