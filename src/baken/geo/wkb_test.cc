#include "baken/geo/wkb.h"

#include <cstring>
#include <utility>

#include <gtest/gtest.h>

namespace baken::geo {
namespace {

MultiPolygon SquareWithHole() {
  Polygon p;
  p.rings.push_back({{0, 0}, {100, 0}, {100, 100}, {0, 100}, {0, 0}});
  p.rings.push_back({{10, 10}, {20, 10}, {20, 20}, {10, 10}});
  Polygon q;
  q.rings.push_back(
      {{233883.125, 582065.5}, {233900, 582065.5}, {233900, 582100}, {233883.125, 582065.5}});
  return {p, q};
}

TEST(WkbTest, RoundTripIsExact) {
  const MultiPolygon original = SquareWithHole();
  const std::string bytes = EncodeWkb(original);
  auto decoded = DecodeWkb(bytes);
  ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
  EXPECT_EQ(*decoded, original);
}

TEST(WkbTest, HeaderIsStandardLittleEndianMultiPolygon) {
  const std::string bytes = EncodeWkb(SquareWithHole());
  ASSERT_GE(bytes.size(), 9u);
  EXPECT_EQ(bytes[0], 1);  // NDR
  EXPECT_EQ(bytes[1], 6);  // wkbMultiPolygon
  EXPECT_EQ(bytes[5], 2);  // two polygons
}

TEST(WkbTest, ReadsBigEndianPolygon) {
  // XDR Polygon with one ring of 4 points: (0 0, 1 0, 0 1, 0 0).
  std::string bytes;
  auto u32 = [&](uint32_t v) {
    for (int i = 3; i >= 0; --i) bytes.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
  };
  auto dbl = [&](double d) {
    uint64_t v;
    std::memcpy(&v, &d, 8);
    for (int i = 7; i >= 0; --i) bytes.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
  };
  bytes.push_back(0);
  u32(3);
  u32(1);
  u32(4);
  for (auto [x, y] : {std::pair{0.0, 0.0}, {1.0, 0.0}, {0.0, 1.0}, {0.0, 0.0}}) {
    dbl(x);
    dbl(y);
  }
  auto decoded = DecodeWkb(bytes);
  ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
  ASSERT_EQ(decoded->size(), 1u);
  EXPECT_EQ((*decoded)[0].rings[0][1], (RdPoint{1.0, 0.0}));
}

TEST(WkbTest, TruncatedOrForeignInputIsAClearError) {
  const std::string bytes = EncodeWkb(SquareWithHole());
  auto truncated = DecodeWkb(std::string_view(bytes).substr(0, bytes.size() - 3));
  ASSERT_FALSE(truncated.ok());
  EXPECT_NE(truncated.status().message().find("afgebroken"), std::string::npos);
  std::string point("\x01\x01\x00\x00\x00", 5);
  EXPECT_FALSE(DecodeWkb(point).ok());
  EXPECT_FALSE(DecodeWkb("").ok());
  std::string huge("\x01\x06\x00\x00\x00\xff\xff\xff\x7f", 9);
  EXPECT_FALSE(DecodeWkb(huge).ok());
}

}  // namespace
}  // namespace baken::geo
