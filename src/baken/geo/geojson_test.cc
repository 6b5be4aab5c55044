#include "baken/geo/geojson.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "baken/geo/crs.h"
#include "baken/geo/testing/test_data.h"

namespace baken::geo {
namespace {

using ::testing::HasSubstr;

// A square of about 100 m near the Martinitoren, as WGS84 GeoJSON text.
std::string Collection(const std::string& geometry, const std::string& extra = "") {
  return R"({"type":"FeatureCollection",)" + extra +
         R"("features":[{"type":"Feature","properties":{"BU_CODE":"BU00140003","N":3},)"
         R"("geometry":)" +
         geometry + "}]}";
}
const char* kSquare =
    R"({"type":"Polygon","coordinates":[[[6.568,53.219],[6.5695,53.219],[6.5695,53.2199],)"
    R"([6.568,53.2199],[6.568,53.219]]]})";

std::string ErrorOf(const std::string& text) {
  auto r = ParseGeoJson(text);
  EXPECT_FALSE(r.ok());
  if (r.ok()) return "";
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  return r.status().message();
}

TEST(GeoJsonTest, ParsesWgsPolygonIntoRd) {
  auto fc = ParseGeoJson(Collection(kSquare));
  ASSERT_TRUE(fc.ok()) << fc.status().ToString();
  EXPECT_EQ(fc->source_crs, SourceCrs::kWgs84);
  ASSERT_EQ(fc->features.size(), 1u);
  const Feature& f = fc->features[0];
  EXPECT_EQ(PropertyString(f.properties, "BU_CODE"), "BU00140003");
  EXPECT_EQ(PropertyNumber(f.properties, "N"), 3.0);
  ASSERT_EQ(f.geometry.size(), 1u);
  ASSERT_EQ(f.geometry[0].rings[0].size(), 5u);
  RdPoint p = f.geometry[0].rings[0][0];
  EXPECT_NEAR(p.x, 233870, 150);  // near the Martinitoren
  EXPECT_NEAR(p.y, 581950, 150);
  EXPECT_EQ(f.geometry[0].rings[0].front(), f.geometry[0].rings[0].back());
}

TEST(GeoJsonTest, AcceptsRdByCrsMemberAndByValues) {
  const std::string rd =
      R"({"type":"Polygon","coordinates":[[[233000,582000],[233100,582000],[233100,582100],)"
      R"([233000,582000]]]})";
  auto by_values = ParseGeoJson(Collection(rd));
  ASSERT_TRUE(by_values.ok()) << by_values.status().ToString();
  EXPECT_EQ(by_values->source_crs, SourceCrs::kRdNew);
  EXPECT_EQ(by_values->features[0].geometry[0].rings[0][1], (RdPoint{233100, 582000}));
  auto by_member = ParseGeoJson(Collection(
      rd, R"("crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::28992"}},)"));
  ASSERT_TRUE(by_member.ok());
  EXPECT_EQ(by_member->source_crs, SourceCrs::kRdNew);
}

TEST(GeoJsonTest, MultiPolygonWithHole) {
  const std::string g =
      R"({"type":"MultiPolygon","coordinates":[[[[233000,582000],[234000,582000],)"
      R"([234000,583000],[233000,583000],[233000,582000]],[[233400,582400],[233600,582400],)"
      R"([233600,582600],[233400,582400]]],[[[235000,582000],[235100,582000],[235100,582100],)"
      R"([235000,582000]]]]})";
  auto fc = ParseGeoJson(Collection(g));
  ASSERT_TRUE(fc.ok()) << fc.status().ToString();
  const MultiPolygon& m = fc->features[0].geometry;
  ASSERT_EQ(m.size(), 2u);
  EXPECT_EQ(m[0].rings.size(), 2u);
  EXPECT_TRUE(Contains(m, {233100, 582100}));
  EXPECT_FALSE(Contains(m, {233550, 582450}));  // in the hole
  EXPECT_TRUE(Contains(m, {235080, 582010}));
}

TEST(GeoJsonTest, BadInputsNameFeatureAndProblem) {
  EXPECT_THAT(ErrorOf(R"({"type":"FeatureCollection","features":[)"),
              HasSubstr("geen geldige JSON (fout bij byte"));
  EXPECT_THAT(ErrorOf(R"({"type":"Feature"})"), HasSubstr("geen FeatureCollection"));
  EXPECT_THAT(ErrorOf(Collection("null")), HasSubstr("feature 0 (BU00140003): geen geometrie"));
  EXPECT_THAT(ErrorOf(Collection(R"({"type":"Point","coordinates":[6.5,53.2]})")),
              HasSubstr("feature 0 (BU00140003): geometrietype 'Point' wordt niet ondersteund"));
  EXPECT_THAT(
      ErrorOf(Collection(
          R"({"type":"Polygon","coordinates":[[[6.568,53.219],[6.5695,53.219],[6.568,53.219]]]})")),
      HasSubstr("feature 0 (BU00140003): ring 0 heeft 3 posities, minimaal 4 nodig"));
  EXPECT_THAT(
      ErrorOf(Collection(R"({"type":"Polygon","coordinates":[[[6.568,53.219],[6.5695,53.219],)"
                         R"([6.5695,53.2199],[6.568,53.2199]]]})")),
      HasSubstr("feature 0 (BU00140003): ring 0 is niet gesloten"));
  EXPECT_THAT(
      ErrorOf(Collection(R"({"type":"Polygon","coordinates":[[[6.568,53.219],["6.5695",53.219],)"
                         R"([6.5695,53.2199],[6.568,53.219]]]})")),
      HasSubstr("ring 0, positie 1: coördinaat is geen getallenpaar"));
  EXPECT_THAT(ErrorOf(Collection(R"({"type":"Polygon","coordinates":[[[2.35,48.85],[2.36,48.85],)"
                                 R"([2.36,48.86],[2.35,48.85]]]})")),
              HasSubstr("feature 0 (BU00140003): ring 0, positie 0: WGS84-coördinaat "
                        "(2.350000, 48.850000) ligt buiten Nederland"));
  EXPECT_THAT(
      ErrorOf(Collection(R"({"type":"Polygon","coordinates":[[[53.219,6.568],[53.219,6.5695],)"
                         R"([53.2199,6.5695],[53.219,6.568]]]})")),
      HasSubstr("lengte en breedte lijken verwisseld"));
  EXPECT_THAT(
      ErrorOf(Collection(R"({"type":"Polygon","coordinates":[[[6.568,53.219],[233100,582000],)"
                         R"([233100,582100],[6.568,53.219]]]})")),
      HasSubstr("mengen graden (WGS84) en meters (RD)"));
}

TEST(GeoJsonTest, SecondFeatureIsNamedByIndex) {
  std::string text = R"({"type":"FeatureCollection","features":[)"
                     R"({"type":"Feature","properties":{},"geometry":)" +
                     std::string(kSquare) +
                     R"(},{"type":"Feature","properties":{"WK_CODE":"WK001401"},"geometry":{}}]})";
  EXPECT_THAT(ErrorOf(text), HasSubstr("feature 1 (WK001401): geometrie heeft geen type"));
}

TEST(GeoJsonTest, WriterRoundTripsWithinCentimetres) {
  auto fc = ReadGeoJsonFile(testing::GroningenFile("cbs-wijken-2017.geojson"));
  ASSERT_TRUE(fc.ok()) << fc.status().ToString();
  auto text = WriteGeoJson(*fc);
  ASSERT_TRUE(text.ok());
  auto again = ParseGeoJson(*text);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  ASSERT_EQ(again->features.size(), fc->features.size());
  for (size_t i = 0; i < fc->features.size(); ++i) {
    EXPECT_EQ(again->features[i].properties, fc->features[i].properties);
    const Ring& a = fc->features[i].geometry[0].rings[0];
    const Ring& b = again->features[i].geometry[0].rings[0];
    ASSERT_EQ(a.size(), b.size());
    for (size_t k = 0; k < a.size(); ++k) {
      EXPECT_NEAR(a[k].x, b[k].x, 0.02);
      EXPECT_NEAR(a[k].y, b[k].y, 0.02);
    }
  }
}

}  // namespace
}  // namespace baken::geo
