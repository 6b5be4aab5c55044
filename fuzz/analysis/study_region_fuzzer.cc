// Fuzz target: the study-region GeoJSON parser (FeatureCollection, Feature or bare geometry,
// WGS84 anywhere on earth, projected to RD New or a UTM zone). The first byte picks the CRS, the
// rest is the document. Any input must give a MultiPolygon or a Status, never a crash, an
// uncaught exception, a leak or a sanitizer report. Small regions are also gridded.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "baken/analysis/study_region.h"
#include "baken/geo/grid.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1 || size > (1u << 20)) return 0;
  const int epsg = (data[0] & 1) != 0 ? 32616 : 28992;
  const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  auto region = baken::analysis::ParseRegion(text, epsg);
  if (!region.ok()) return 0;
  if (region->empty()) __builtin_trap();  // an empty region is an error, not a value
  // Grid only regions up to 20 x 20 km (1,600 cells of 500 m): the fuzzer is not a memory test.
  double x0 = 1e300, y0 = 1e300, x1 = -1e300, y1 = -1e300;
  for (const auto& polygon : *region) {
    for (const auto& ring : polygon.rings) {
      for (const auto& p : ring) {
        x0 = std::min(x0, p.x);
        y0 = std::min(y0, p.y);
        x1 = std::max(x1, p.x);
        y1 = std::max(y1, p.y);
      }
    }
  }
  if (x1 - x0 <= 20000 && y1 - y0 <= 20000) (void)baken::geo::Grid::ForPolygon(*region, 500);
  return 0;
}
