#include "baken/geo/wkb.h"

#include <bit>
#include <cstdint>
#include <cstring>

namespace baken::geo {

namespace {

constexpr uint32_t kWkbPolygon = 3;
constexpr uint32_t kWkbMultiPolygon = 6;
// A sanity bound: no municipality needs more; it stops a corrupt count from allocating gigabytes.
constexpr uint32_t kMaxCount = 50'000'000;

void PutU32(std::string& out, uint32_t v) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}

void PutDouble(std::string& out, double d) {
  uint64_t v;
  std::memcpy(&v, &d, sizeof v);
  for (int i = 0; i < 8; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}

void PutPolygon(std::string& out, const Polygon& polygon) {
  out.push_back(1);  // little-endian
  PutU32(out, kWkbPolygon);
  PutU32(out, static_cast<uint32_t>(polygon.rings.size()));
  for (const Ring& ring : polygon.rings) {
    PutU32(out, static_cast<uint32_t>(ring.size()));
    for (const RdPoint& p : ring) {
      PutDouble(out, p.x);
      PutDouble(out, p.y);
    }
  }
}

class Reader {
 public:
  explicit Reader(std::string_view bytes) : bytes_(bytes) {}

  Status ByteOrder() {
    if (pos_ >= bytes_.size()) return Truncated();
    const auto order = static_cast<uint8_t>(bytes_[pos_++]);
    if (order > 1) return InvalidArgumentError("WKB: onbekende bytevolgorde.", "geometrie");
    little_ = order == 1;
    return Status::Ok();
  }

  StatusOr<uint32_t> U32() {
    if (bytes_.size() - pos_ < 4) return Truncated();
    uint32_t v = 0;
    for (int i = 0; i < 4; ++i) {
      const auto b = static_cast<uint8_t>(bytes_[pos_ + (little_ ? i : 3 - i)]);
      v |= static_cast<uint32_t>(b) << (8 * i);
    }
    pos_ += 4;
    return v;
  }

  StatusOr<uint32_t> Count() {
    ASSIGN_OR_RETURN(uint32_t n, U32());
    if (n > kMaxCount || n > bytes_.size()) {
      return InvalidArgumentError("WKB: onmogelijk aantal elementen.", "geometrie");
    }
    return n;
  }

  StatusOr<double> Double() {
    if (bytes_.size() - pos_ < 8) return Truncated();
    uint64_t v = 0;
    for (int i = 0; i < 8; ++i) {
      const auto b = static_cast<uint8_t>(bytes_[pos_ + (little_ ? i : 7 - i)]);
      v |= static_cast<uint64_t>(b) << (8 * i);
    }
    pos_ += 8;
    double d;
    std::memcpy(&d, &v, sizeof d);
    return d;
  }

  StatusOr<Polygon> PolygonBody() {
    Polygon polygon;
    ASSIGN_OR_RETURN(uint32_t rings, Count());
    polygon.rings.reserve(rings);
    for (uint32_t r = 0; r < rings; ++r) {
      ASSIGN_OR_RETURN(uint32_t points, Count());
      Ring ring;
      ring.reserve(points);
      for (uint32_t i = 0; i < points; ++i) {
        ASSIGN_OR_RETURN(double x, Double());
        ASSIGN_OR_RETURN(double y, Double());
        ring.push_back({x, y});
      }
      polygon.rings.push_back(std::move(ring));
    }
    return polygon;
  }

  bool AtEnd() const { return pos_ == bytes_.size(); }

 private:
  static Status Truncated() {
    return InvalidArgumentError("WKB: de geometrie is afgebroken.", "geometrie");
  }

  std::string_view bytes_;
  size_t pos_ = 0;
  bool little_ = true;
};

}  // namespace

std::string EncodeWkb(const MultiPolygon& geometry) {
  std::string out;
  out.push_back(1);
  PutU32(out, kWkbMultiPolygon);
  PutU32(out, static_cast<uint32_t>(geometry.size()));
  for (const Polygon& polygon : geometry) PutPolygon(out, polygon);
  return out;
}

StatusOr<MultiPolygon> DecodeWkb(std::string_view bytes) {
  Reader reader(bytes);
  RETURN_IF_ERROR(reader.ByteOrder());
  ASSIGN_OR_RETURN(uint32_t type, reader.U32());
  MultiPolygon result;
  if (type == kWkbPolygon) {
    ASSIGN_OR_RETURN(Polygon polygon, reader.PolygonBody());
    result.push_back(std::move(polygon));
  } else if (type == kWkbMultiPolygon) {
    ASSIGN_OR_RETURN(uint32_t count, reader.Count());
    for (uint32_t i = 0; i < count; ++i) {
      RETURN_IF_ERROR(reader.ByteOrder());
      ASSIGN_OR_RETURN(uint32_t inner, reader.U32());
      if (inner != kWkbPolygon) {
        return InvalidArgumentError("WKB: een multipolygoon mag alleen polygonen bevatten.",
                                    "geometrie");
      }
      ASSIGN_OR_RETURN(Polygon polygon, reader.PolygonBody());
      result.push_back(std::move(polygon));
    }
  } else {
    return InvalidArgumentError("WKB: alleen (multi)polygonen worden ondersteund.", "geometrie");
  }
  if (!reader.AtEnd()) {
    return InvalidArgumentError("WKB: onverwachte bytes na de geometrie.", "geometrie");
  }
  return result;
}

}  // namespace baken::geo
