#include "baken/demo/internal/streets.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>

namespace baken::demo::internal {
namespace {

// Figures of the table as it was compiled in (streets.cc before it became data/demo/*.tsv): the
// embedded file must give the demo the same streets at the same points, in the same order.
TEST(StreetTableTest, EmbeddedFileAnswersAsTheCompiledTableDid) {
  const auto& names = StreetNames();
  const auto& points = StreetPoints();
  ASSERT_EQ(names.size(), 999u);
  ASSERT_EQ(points.size(), 2959u);
  EXPECT_TRUE(std::is_sorted(names.begin(), names.end()));
  EXPECT_EQ(names.front(), "'t Klooster");
  EXPECT_EQ(names[1], "16 Aprillaan");
  EXPECT_EQ(names[points.front().street], "Praediniussingel");
  EXPECT_EQ(points.front().x, 233452.0);
  EXPECT_EQ(points.front().y, 581420.8);
  EXPECT_EQ(names[points.back().street], "Zernikeplein");
  EXPECT_EQ(points.back().x, 231425.9);
  EXPECT_EQ(points.back().y, 584415.1);
  double sum_x = 0, sum_y = 0;
  std::map<std::string, int> per_street;
  for (const StreetPoint& p : points) {
    ASSERT_GE(p.street, 0);
    ASSERT_LT(p.street, static_cast<int>(names.size()));
    sum_x += p.x;
    sum_y += p.y;
    ++per_street[names[p.street]];
  }
  EXPECT_NEAR(sum_x, 691576039.0, 0.01);
  EXPECT_NEAR(sum_y, 1722683998.5, 0.01);
  EXPECT_EQ(per_street.size(), names.size());  // every name has a point
  EXPECT_EQ(per_street["Paterswoldseweg"], 28);
  EXPECT_EQ(per_street["Gorechtkade"], 23);
  EXPECT_EQ(per_street["Korreweg"], 22);
}

TEST(StreetTableTest, ParsesCommentsHeaderAndRows) {
  auto t = ParseStreetTable(
      "# bron\nstraat\tx_rd\ty_rd\r\nVismarkt\t233700.5\t582100\nGrote Markt\t233800\t582000.25\n"
      "Vismarkt\t233710\t582110\n");
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  ASSERT_EQ(t->names, (std::vector<std::string>{"Grote Markt", "Vismarkt"}));
  ASSERT_EQ(t->points.size(), 3u);
  EXPECT_EQ(t->points[0].street, 1);
  EXPECT_EQ(t->points[0].x, 233700.5);
  EXPECT_EQ(t->points[1].street, 0);
  EXPECT_EQ(t->points[1].y, 582000.25);
  EXPECT_EQ(t->points[2].street, 1);
}

TEST(StreetTableTest, RefusesABrokenFileNamingTheLine) {
  const std::pair<const char*, const char*> cases[] = {
      {"Vismarkt\t1\t2\n", "regel 1"},                                 // no header
      {"straat\tx_rd\ty_rd\nVismarkt\t1\n", "regel 2"},                // a field missing
      {"straat\tx_rd\ty_rd\n\t1\t2\n", "straat ontbreekt"},            // no street
      {"straat\tx_rd\ty_rd\nVismarkt\t1\t2\nA\t1,5\t2\n", "regel 3"},  // a comma
      {"", "kopregel ontbreekt"},
  };
  for (const auto& [tsv, expected] : cases) {
    auto t = ParseStreetTable(tsv);
    ASSERT_FALSE(t.ok()) << tsv;
    EXPECT_EQ(t.status().code(), StatusCode::kInvalidArgument);
    EXPECT_NE(t.status().message().find(expected), std::string::npos) << t.status().message();
  }
}

}  // namespace
}  // namespace baken::demo::internal
