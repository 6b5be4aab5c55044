#include "baken/geo/crs.h"

#include <proj.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

namespace baken::geo {
namespace {

std::string Fmt(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6f", v);
  return buf;
}

bool InWgsBounds(double lon, double lat) {
  return lon >= kWgsMinLon && lon <= kWgsMaxLon && lat >= kWgsMinLat && lat <= kWgsMaxLat;
}
bool InRdBounds(double x, double y) {
  return x >= kRdMinX && x <= kRdMaxX && y >= kRdMinY && y <= kRdMaxY;
}

}  // namespace

struct CrsTransformer::Impl {
  PJ_CONTEXT* ctx = nullptr;
  PJ* pj = nullptr;  // forward: RD -> WGS84 (lon, lat)
  ~Impl() {
    if (pj != nullptr) proj_destroy(pj);
    if (ctx != nullptr) proj_context_destroy(ctx);
  }
};

CrsTransformer::CrsTransformer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
CrsTransformer::CrsTransformer(CrsTransformer&&) noexcept = default;
CrsTransformer& CrsTransformer::operator=(CrsTransformer&&) noexcept = default;
CrsTransformer::~CrsTransformer() = default;

StatusOr<CrsTransformer> CrsTransformer::Create() {
  auto impl = std::make_unique<Impl>();
  impl->ctx = proj_context_create();
  if (impl->ctx == nullptr) return InternalError("PROJ-context kon niet worden aangemaakt");
  proj_log_level(impl->ctx, PJ_LOG_NONE);
  PJ* raw = proj_create_crs_to_crs(impl->ctx, "EPSG:28992", "EPSG:4326", nullptr);
  if (raw == nullptr) return InternalError("PROJ kent de transformatie RD New -> WGS84 niet");
  impl->pj = proj_normalize_for_visualization(impl->ctx, raw);
  proj_destroy(raw);
  if (impl->pj == nullptr) return InternalError("PROJ: normaliseren van de assen mislukt");
  return CrsTransformer(std::move(impl));
}

StatusOr<WgsPoint> CrsTransformer::ToWgs(RdPoint p) const {
  WgsPoint out;
  RETURN_IF_ERROR(ToWgs(std::span<const RdPoint>(&p, 1), std::span<WgsPoint>(&out, 1)));
  return out;
}

StatusOr<RdPoint> CrsTransformer::ToRd(WgsPoint p) const {
  RdPoint out;
  RETURN_IF_ERROR(ToRd(std::span<const WgsPoint>(&p, 1), std::span<RdPoint>(&out, 1)));
  return out;
}

namespace {
// Both point types are two doubles; transform in place with proj_trans_generic.
Status TransformXy(PJ* pj, PJ_DIRECTION dir, double* xy, size_t n) {
  if (n == 0) return Status::Ok();
  for (size_t i = 0; i < 2 * n; ++i) {
    if (!std::isfinite(xy[i])) {
      return InvalidArgumentError("punt " + std::to_string(i / 2) + ": coördinaat is geen getal");
    }
  }
  proj_errno_reset(pj);
  proj_trans_generic(pj, dir, xy, 2 * sizeof(double), n, xy + 1, 2 * sizeof(double), n, nullptr, 0,
                     0, nullptr, 0, 0);
  for (size_t i = 0; i < 2 * n; ++i) {
    if (!std::isfinite(xy[i]) || xy[i] == HUGE_VAL) {
      return InvalidArgumentError("punt " + std::to_string(i / 2) +
                                  ": coördinaat kan niet worden omgerekend");
    }
  }
  return Status::Ok();
}
static_assert(sizeof(RdPoint) == 2 * sizeof(double) && sizeof(WgsPoint) == 2 * sizeof(double));
}  // namespace

Status CrsTransformer::ToWgs(std::span<const RdPoint> in, std::span<WgsPoint> out) const {
  if (in.size() != out.size()) return InternalError("ToWgs: in en out verschillen in lengte");
  for (size_t i = 0; i < in.size(); ++i) out[i] = WgsPoint{in[i].x, in[i].y};
  return TransformXy(impl_->pj, PJ_FWD, reinterpret_cast<double*>(out.data()), out.size());
}

Status CrsTransformer::ToRd(std::span<const WgsPoint> in, std::span<RdPoint> out) const {
  if (in.size() != out.size()) return InternalError("ToRd: in en out verschillen in lengte");
  for (size_t i = 0; i < in.size(); ++i) out[i] = RdPoint{in[i].lon, in[i].lat};
  return TransformXy(impl_->pj, PJ_INV, reinterpret_cast<double*>(out.data()), out.size());
}

namespace {
StatusOr<const CrsTransformer*> ThreadTransformer() {
  thread_local StatusOr<CrsTransformer> transformer = CrsTransformer::Create();
  if (!transformer.ok()) return transformer.status();
  return &*transformer;
}
}  // namespace

StatusOr<WgsPoint> RdToWgs(RdPoint p) {
  ASSIGN_OR_RETURN(const CrsTransformer* t, ThreadTransformer());
  return t->ToWgs(p);
}
StatusOr<RdPoint> WgsToRd(WgsPoint p) {
  ASSIGN_OR_RETURN(const CrsTransformer* t, ThreadTransformer());
  return t->ToRd(p);
}
Status RdToWgs(std::span<const RdPoint> in, std::span<WgsPoint> out) {
  ASSIGN_OR_RETURN(const CrsTransformer* t, ThreadTransformer());
  return t->ToWgs(in, out);
}
Status WgsToRd(std::span<const WgsPoint> in, std::span<RdPoint> out) {
  ASSIGN_OR_RETURN(const CrsTransformer* t, ThreadTransformer());
  return t->ToRd(in, out);
}

struct MetricProjection::Impl {
  PJ_CONTEXT* ctx = nullptr;
  PJ* pj = nullptr;  // forward: WGS84 (lon, lat) -> metric
  ~Impl() {
    if (pj != nullptr) proj_destroy(pj);
    if (ctx != nullptr) proj_context_destroy(ctx);
  }
};

MetricProjection::MetricProjection(std::unique_ptr<Impl> impl, int epsg)
    : impl_(std::move(impl)), epsg_(epsg) {}
MetricProjection::MetricProjection(MetricProjection&&) noexcept = default;
MetricProjection& MetricProjection::operator=(MetricProjection&&) noexcept = default;
MetricProjection::~MetricProjection() = default;

int UtmEpsg(WgsPoint p) {
  int zone = static_cast<int>(std::floor((p.lon + 180.0) / 6.0)) + 1;
  zone = std::clamp(zone, 1, 60);
  return (p.lat >= 0 ? 32600 : 32700) + zone;
}

StatusOr<MetricProjection> MetricProjection::ForPoint(WgsPoint p) {
  if (!std::isfinite(p.lon) || !std::isfinite(p.lat) || std::abs(p.lat) > 84) {
    return InvalidArgumentError("geen metrische projectie voor dit punt");
  }
  return ForEpsg(CheckWgs(p).ok() ? 28992 : UtmEpsg(p));
}

StatusOr<MetricProjection> MetricProjection::ForEpsg(int epsg) {
  auto impl = std::make_unique<Impl>();
  impl->ctx = proj_context_create();
  if (impl->ctx == nullptr) return InternalError("PROJ-context kon niet worden aangemaakt");
  proj_log_level(impl->ctx, PJ_LOG_NONE);
  const std::string target = "EPSG:" + std::to_string(epsg);
  PJ* raw = proj_create_crs_to_crs(impl->ctx, "EPSG:4326", target.c_str(), nullptr);
  if (raw == nullptr) return InvalidArgumentError("PROJ kent " + target + " niet", "epsg");
  impl->pj = proj_normalize_for_visualization(impl->ctx, raw);
  proj_destroy(raw);
  if (impl->pj == nullptr) return InternalError("PROJ: normaliseren van de assen mislukt");
  return MetricProjection(std::move(impl), epsg);
}

Status MetricProjection::ToMetric(std::span<const WgsPoint> in, std::span<RdPoint> out) const {
  if (in.size() != out.size()) return InternalError("ToMetric: in en out verschillen in lengte");
  for (size_t i = 0; i < in.size(); ++i) out[i] = RdPoint{in[i].lon, in[i].lat};
  return TransformXy(impl_->pj, PJ_FWD, reinterpret_cast<double*>(out.data()), out.size());
}

Status MetricProjection::ToWgs(std::span<const RdPoint> in, std::span<WgsPoint> out) const {
  if (in.size() != out.size()) return InternalError("ToWgs: in en out verschillen in lengte");
  for (size_t i = 0; i < in.size(); ++i) out[i] = WgsPoint{in[i].x, in[i].y};
  return TransformXy(impl_->pj, PJ_INV, reinterpret_cast<double*>(out.data()), out.size());
}

Status CheckRd(RdPoint p) {
  const std::string where = "(" + Fmt(p.x) + ", " + Fmt(p.y) + ")";
  if (!std::isfinite(p.x) || !std::isfinite(p.y)) {
    return InvalidArgumentError("RD-coördinaat is geen getal");
  }
  if (InRdBounds(p.x, p.y)) return Status::Ok();
  if (InWgsBounds(p.x, p.y) || InWgsBounds(p.y, p.x)) {
    return InvalidArgumentError("RD-coördinaat " + where +
                                " lijkt op WGS84 (lengte/breedte), geen RD");
  }
  if (InRdBounds(p.y, p.x)) {
    return InvalidArgumentError("RD-coördinaat " + where + ": x en y lijken verwisseld");
  }
  return InvalidArgumentError("RD-coördinaat " + where + " ligt buiten Nederland");
}

Status CheckWgs(WgsPoint p) {
  const std::string where = "(" + Fmt(p.lon) + ", " + Fmt(p.lat) + ")";
  if (!std::isfinite(p.lon) || !std::isfinite(p.lat)) {
    return InvalidArgumentError("WGS84-coördinaat is geen getal");
  }
  if (InWgsBounds(p.lon, p.lat)) return Status::Ok();
  if (InWgsBounds(p.lat, p.lon)) {
    return InvalidArgumentError("WGS84-coördinaat " + where +
                                ": lengte en breedte lijken verwisseld");
  }
  if (InRdBounds(p.lon, p.lat)) {
    return InvalidArgumentError("WGS84-coördinaat " + where + " lijkt op RD (meters), geen WGS84");
  }
  return InvalidArgumentError("WGS84-coördinaat " + where + " ligt buiten Nederland");
}

}  // namespace baken::geo
