#include "baken/geo/crs.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <random>
#include <thread>
#include <vector>

namespace baken::geo {
namespace {

using ::testing::HasSubstr;

TEST(CrsTest, AmersfoortOrigin) {
  auto wgs = RdToWgs(RdPoint{155000, 463000});
  ASSERT_TRUE(wgs.ok()) << wgs.status().ToString();
  EXPECT_NEAR(wgs->lat, 52.15517, 2e-5);
  EXPECT_NEAR(wgs->lon, 5.38721, 2e-5);
  auto rd = WgsToRd(WgsPoint{5.38720621, 52.15517440});
  ASSERT_TRUE(rd.ok());
  EXPECT_NEAR(rd->x, 155000, 1.0);
  EXPECT_NEAR(rd->y, 463000, 1.0);
}

TEST(CrsTest, Martinitoren) {
  // Martinitoren, Groningen: RD about (233 883, 582 065), WGS84 about 53.21938 N, 6.56820 E.
  auto wgs = RdToWgs(RdPoint{233883, 582065});
  ASSERT_TRUE(wgs.ok());
  EXPECT_NEAR(wgs->lat, 53.21938, 3e-5);
  EXPECT_NEAR(wgs->lon, 6.56820, 3e-5);
}

TEST(CrsTest, RoundTripsWithinOneCentimetre) {
  std::mt19937_64 rng(42);
  std::uniform_real_distribution<double> x(10000, 280000), y(300000, 620000);
  std::vector<RdPoint> rd(1000);
  for (RdPoint& p : rd) p = {x(rng), y(rng)};
  std::vector<WgsPoint> wgs(rd.size());
  std::vector<RdPoint> back(rd.size());
  ASSERT_TRUE(RdToWgs(rd, wgs).ok());
  ASSERT_TRUE(WgsToRd(wgs, back).ok());
  for (size_t i = 0; i < rd.size(); ++i) {
    EXPECT_NEAR(back[i].x, rd[i].x, 0.01);
    EXPECT_NEAR(back[i].y, rd[i].y, 0.01);
    auto single = RdToWgs(rd[i]);
    ASSERT_TRUE(single.ok());
    EXPECT_EQ(*single, wgs[i]);  // batch and single agree exactly
  }
}

TEST(CrsTest, EachThreadHasItsOwnTransformer) {
  std::vector<std::thread> threads;
  std::vector<int> bad(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([t, &bad] {
      for (int i = 0; i < 500; ++i) {
        RdPoint p{200000.0 + t * 1000 + i, 500000.0 + i};
        auto w = RdToWgs(p);
        auto r = w.ok() ? WgsToRd(*w) : StatusOr<RdPoint>(w.status());
        if (!r.ok() || std::abs(r->x - p.x) > 0.01 || std::abs(r->y - p.y) > 0.01) ++bad[t];
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_THAT(bad, ::testing::Each(0));
}

TEST(CrsTest, NonFiniteInputIsAnError) {
  EXPECT_FALSE(RdToWgs(RdPoint{std::nan(""), 1}).ok());
}

TEST(CrsCheckTest, AcceptsDutchCoordinates) {
  EXPECT_TRUE(CheckRd({233883, 582065}).ok());
  EXPECT_TRUE(CheckWgs({6.5682, 53.2194}).ok());
}

TEST(CrsCheckTest, DetectsCommonMistakes) {
  Status s = CheckRd({6.5682, 53.2194});
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(s.message(), HasSubstr("lijkt op WGS84 (lengte/breedte), geen RD"));
  EXPECT_THAT(CheckRd({53.2194, 6.5682}).message(), HasSubstr("lijkt op WGS84"));
  EXPECT_THAT(CheckRd({582065, 233883}).message(), HasSubstr("x en y lijken verwisseld"));
  EXPECT_THAT(CheckRd({900000, 100}).message(), HasSubstr("buiten Nederland"));
  EXPECT_THAT(CheckWgs({53.2194, 6.5682}).message(),
              HasSubstr("lengte en breedte lijken verwisseld"));
  EXPECT_THAT(CheckWgs({233883, 582065}).message(), HasSubstr("lijkt op RD"));
  EXPECT_THAT(CheckWgs({2.35, 48.85}).message(), HasSubstr("buiten Nederland"));  // Paris
}

TEST(MetricProjectionTest, PicksRdInTheNetherlandsAndUtmElsewhere) {
  auto nl = MetricProjection::ForPoint({6.5665, 53.2194});
  ASSERT_TRUE(nl.ok()) << nl.status().ToString();
  EXPECT_EQ(nl->epsg(), 28992);
  auto chicago = MetricProjection::ForPoint({-87.6359, 41.8789});
  ASSERT_TRUE(chicago.ok()) << chicago.status().ToString();
  EXPECT_EQ(chicago->epsg(), 32616);  // UTM zone 16N: 90W..84W
  EXPECT_EQ(UtmEpsg({-87.6, -33.9}), 32716);
}

TEST(MetricProjectionTest, UtmIsMetricAndRoundTrips) {
  auto utm = MetricProjection::ForEpsg(32616);
  ASSERT_TRUE(utm.ok());
  // On the central meridian (87W) the easting is the false easting, 500,000 m; 0.01 degree of
  // latitude there is 1,110.4 m on the ellipsoid, times the scale factor 0.9996.
  std::vector<WgsPoint> in = {{-87.0, 41.87}, {-87.0, 41.88}};
  std::vector<RdPoint> out(2);
  ASSERT_TRUE(utm->ToMetric(in, out).ok());
  EXPECT_NEAR(out[0].x, 500000.0, 0.01);
  EXPECT_NEAR(out[1].y - out[0].y, 1110.4 * 0.9996, 1.0);
  std::vector<WgsPoint> back(2);
  ASSERT_TRUE(utm->ToWgs(out, back).ok());
  EXPECT_NEAR(back[1].lat, 41.88, 1e-9);
  EXPECT_NEAR(back[1].lon, -87.0, 1e-9);
}

}  // namespace
}  // namespace baken::geo
