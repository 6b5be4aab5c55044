#include "baken/analysis/study_region.h"

#include <gtest/gtest.h>

namespace baken::analysis {
namespace {

constexpr char kBox[] =
    R"({"type":"Polygon","coordinates":[[[6.55,53.21],[6.58,53.21],[6.58,53.23],[6.55,53.23],)"
    R"([6.55,53.21]]]})";

TEST(StudyRegionTest, ABoxInGroningenIsProjectedToRd) {
  auto region = ParseRegion(kBox, 28992);
  ASSERT_TRUE(region.ok()) << region.status().message();
  ASSERT_EQ(region->size(), 1u);
  const geo::RdPoint sw = (*region)[0].rings[0][0];
  EXPECT_NEAR(sw.x, 233000, 2000);  // RD metres, not degrees
  EXPECT_NEAR(sw.y, 581000, 2000);
}

// Seen while writing the study_region fuzzer: a JSON document that is not an object (or a
// feature, or a "type" that is not a string) made nlohmann::json::value() throw out of the parser.
TEST(StudyRegionTest, ANonObjectDocumentIsAnErrorNotAnException) {
  for (const char* text : {"[1,2]", "7", R"("Polygon")", R"({"type":7})",
                           R"({"type":"FeatureCollection","features":[1]})"}) {
    auto region = ParseRegion(text, 28992);
    ASSERT_FALSE(region.ok()) << text;
    EXPECT_EQ(region.status().code(), StatusCode::kInvalidArgument) << text;
    EXPECT_EQ(region.status().field(), "--region") << text;
  }
}

}  // namespace
}  // namespace baken::analysis
