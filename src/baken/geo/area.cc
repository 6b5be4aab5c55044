#include "baken/geo/area.h"

#include <geos_c.h>

#include <memory>
#include <vector>

namespace baken::geo {
namespace {

// One GEOS context per call: GEOS contexts are not thread-safe, and creating one is cheap
// compared to validating a polygon.
class GeosContext {
 public:
  GeosContext() : ctx_(GEOS_init_r()) {}
  ~GeosContext() { GEOS_finish_r(ctx_); }
  GeosContext(const GeosContext&) = delete;
  GeosContext& operator=(const GeosContext&) = delete;
  GEOSContextHandle_t get() const { return ctx_; }

 private:
  GEOSContextHandle_t ctx_;
};

struct GeomDeleter {
  GEOSContextHandle_t ctx;
  void operator()(GEOSGeometry* g) const { GEOSGeom_destroy_r(ctx, g); }
};
using GeomPtr = std::unique_ptr<GEOSGeometry, GeomDeleter>;

GEOSGeometry* MakeRing(GEOSContextHandle_t ctx, const Ring& ring) {
  GEOSCoordSequence* seq = GEOSCoordSeq_create_r(ctx, static_cast<unsigned>(ring.size()), 2);
  if (seq == nullptr) return nullptr;
  for (size_t i = 0; i < ring.size(); ++i) {
    GEOSCoordSeq_setXY_r(ctx, seq, static_cast<unsigned>(i), ring[i].x, ring[i].y);
  }
  return GEOSGeom_createLinearRing_r(ctx, seq);  // takes ownership of seq, also on failure
}

// Builds a GEOS MultiPolygon; nullptr when GEOS refuses (e.g. a ring with < 4 points).
GeomPtr ToGeos(GEOSContextHandle_t ctx, const MultiPolygon& geometry) {
  std::vector<GEOSGeometry*> polys;
  bool failed = false;
  for (const Polygon& poly : geometry) {
    if (poly.rings.empty()) {
      failed = true;
      break;
    }
    std::vector<GEOSGeometry*> rings;
    for (const Ring& ring : poly.rings) {
      GEOSGeometry* r = ring.size() >= 4 ? MakeRing(ctx, ring) : nullptr;
      if (r == nullptr) {
        failed = true;
        break;
      }
      rings.push_back(r);
    }
    if (failed) {
      for (GEOSGeometry* r : rings) GEOSGeom_destroy_r(ctx, r);
      break;
    }
    GEOSGeometry* p = GEOSGeom_createPolygon_r(ctx, rings[0], rings.data() + 1,
                                               static_cast<unsigned>(rings.size() - 1));
    if (p == nullptr) {
      failed = true;
      break;
    }
    polys.push_back(p);
  }
  if (failed) {
    for (GEOSGeometry* p : polys) GEOSGeom_destroy_r(ctx, p);
    return GeomPtr(nullptr, GeomDeleter{ctx});
  }
  GEOSGeometry* multi = GEOSGeom_createCollection_r(ctx, GEOS_MULTIPOLYGON, polys.data(),
                                                    static_cast<unsigned>(polys.size()));
  return GeomPtr(multi, GeomDeleter{ctx});
}

}  // namespace

std::string_view LevelName(Level level) {
  switch (level) {
    case Level::kMunicipality: return "gemeente";
    case Level::kDistrict: return "wijk";
    case Level::kNeighbourhood: return "buurt";
  }
  return "?";
}

Status ValidateGeometry(const MultiPolygon& geometry) {
  if (geometry.empty()) return InvalidArgumentError("geometrie is leeg");
  GeosContext ctx;
  GeomPtr g = ToGeos(ctx.get(), geometry);
  if (!g) return InvalidArgumentError("geometrie is ongeldig: ring met minder dan 4 posities");
  char valid = GEOSisValid_r(ctx.get(), g.get());
  if (valid == 1) return Status::Ok();
  std::string reason = "onbekende reden";
  if (char* r = GEOSisValidReason_r(ctx.get(), g.get()); r != nullptr) {
    reason = r;
    GEOSFree_r(ctx.get(), r);
  }
  return InvalidArgumentError("geometrie is ongeldig: " + reason);
}

StatusOr<RdPoint> InteriorPoint(const MultiPolygon& geometry) {
  if (geometry.empty()) return InvalidArgumentError("geometrie is leeg");
  GeosContext ctx;
  GeomPtr g = ToGeos(ctx.get(), geometry);
  if (!g) return InvalidArgumentError("geometrie is ongeldig: ring met minder dan 4 posities");
  GeomPtr pt(GEOSPointOnSurface_r(ctx.get(), g.get()), GeomDeleter{ctx.get()});
  RdPoint out;
  if (!pt || GEOSisEmpty_r(ctx.get(), pt.get()) != 0 ||
      GEOSGeomGetX_r(ctx.get(), pt.get(), &out.x) == 0 ||
      GEOSGeomGetY_r(ctx.get(), pt.get(), &out.y) == 0) {
    return InvalidArgumentError("geometrie heeft geen binnenpunt");
  }
  return out;
}

}  // namespace baken::geo
