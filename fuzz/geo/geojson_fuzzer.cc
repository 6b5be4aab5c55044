// Fuzz target: GeoJSON parser, CBS import (GEOS validation), Locator build and the writer.
// Any input must give a value or a Status, never a crash, leak or sanitizer report.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "baken/geo/area_set.h"
#include "baken/geo/geojson.h"
#include "baken/geo/locator.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace baken::geo;  // NOLINT(google-build-using-namespace)
  if (size > (1u << 20)) return 0;
  auto fc = ParseGeoJson(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!fc.ok()) return 0;
  auto written = WriteGeoJson(*fc);
  if (written.ok()) (void)ParseGeoJson(*written);
  for (Level level : {Level::kNeighbourhood, Level::kDistrict}) {
    auto set = ImportCbs(*fc, level, "GM0014");
    if (!set.ok()) continue;
    auto locator = Locator::Build(*set);
    if (!locator.ok()) continue;
    for (const auto& area : set->areas()) (void)locator->Locate(area->interior_point);
  }
  return 0;
}
