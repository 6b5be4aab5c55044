#include "baken/geo/gazetteer.h"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <set>
#include <sstream>

namespace baken::geo {
namespace {

const std::string kTable = std::string(BAKEN_SHARED_DIR) + "/data/groningen/postcodes-pc6.csv";

class GazetteerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    std::ifstream in(kTable, std::ios::binary);
    ASSERT_TRUE(in) << kTable;
    StatusOr<std::vector<StreetPoint>> points = ReadStreetPointsCsv(in);
    ASSERT_TRUE(points.ok()) << points.status().ToString();
    rows_ = points->size();
    gazetteer_ = new Gazetteer(Gazetteer::Build(std::move(*points)));
  }
  static void TearDownTestSuite() { delete gazetteer_; }

  static std::vector<std::string> Labels(std::string_view q, size_t limit = 8) {
    std::vector<std::string> out;
    for (const PlaceMatch& m : gazetteer_->Search(q, limit)) out.push_back(m.label);
    return out;
  }

  static inline Gazetteer* gazetteer_ = nullptr;
  static inline size_t rows_ = 0;
};

TEST_F(GazetteerTest, TheShippedTableHasEveryPostcodeAndStreet) {
  EXPECT_EQ(rows_, 5496u);
  EXPECT_EQ(gazetteer_->postcodes(), 5496u);
  EXPECT_EQ(gazetteer_->streets(), 999u);  // distinct names (a few names share spellings)
}

TEST_F(GazetteerTest, StreetsThatStartWithTheQueryComeFirst) {
  const std::vector<std::string> labels = Labels("oude boter");
  ASSERT_FALSE(labels.empty());
  EXPECT_EQ(labels[0], "Oude Boteringestraat");
  // Case and a trailing house number do not matter.
  EXPECT_EQ(Labels("GROTE MARKT 1").at(0), "Grote Markt");
  EXPECT_EQ(Labels("vismarkt 12a").at(0), "Vismarkt");
  EXPECT_EQ(Labels("vismarkt 12 a").at(0), "Vismarkt");
  // A word inside the name ("A.J. Lutulistraat"), and accents folded ("À").
  EXPECT_EQ(Labels("lutuli").at(0), "A.J. Lutulistraat");
  EXPECT_EQ(Labels("thomassen a thuessink").at(0), "E. Thomassen À Thuessinklaan");
  EXPECT_EQ(Labels("'t kloost").at(0), "'t Klooster");
}

TEST_F(GazetteerTest, AStreetsPointIsOneOfItsOwnPostcodePoints) {
  const std::vector<PlaceMatch> m = gazetteer_->Search("Grote Markt", 1);
  ASSERT_EQ(m.size(), 1u);
  // The nine postcodes of the Grote Markt in the table; the medoid is the one in the middle of
  // the square (9712 HN), not a corner.
  const std::set<std::pair<double, double>> own = {
      {233877.2, 581942.1}, {233839.5, 581916.8}, {233804.6, 581913.2},
      {233816.0, 581988.9}, {233750.5, 582009.6}, {233796.9, 582033.9},
      {233900.5, 581998.9}, {233727.5, 582023.3}, {233765.7, 581996.8}};
  EXPECT_TRUE(own.count({m[0].point.x, m[0].point.y})) << m[0].point.x << " " << m[0].point.y;
  EXPECT_DOUBLE_EQ(m[0].point.x, 233816.0);
  EXPECT_DOUBLE_EQ(m[0].point.y, 581988.9);
  EXPECT_TRUE(m[0].postcode.empty());
}

TEST_F(GazetteerTest, PostcodesAreFoundByTheirFirstCharacters) {
  const std::vector<PlaceMatch> m = gazetteer_->Search("9712 gh");
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].postcode, "9712GH");
  EXPECT_EQ(m[0].label.substr(0, 7), "9712 GH");
  const std::vector<PlaceMatch> area = gazetteer_->Search("9711", 20);
  ASSERT_EQ(area.size(), 20u);
  for (size_t i = 0; i < area.size(); ++i) {
    EXPECT_EQ(area[i].postcode.substr(0, 4), "9711");
    if (i > 0) {
      EXPECT_LT(area[i - 1].postcode, area[i].postcode);
    }
  }
  EXPECT_TRUE(gazetteer_->Search("1234 ZZ").empty());
}

TEST_F(GazetteerTest, ShortOrUnknownQueriesFindNothingAndTheLimitHolds) {
  EXPECT_TRUE(Labels("").empty());
  EXPECT_TRUE(Labels("a").empty());
  EXPECT_TRUE(Labels("zzzqqq").empty());
  EXPECT_EQ(Labels("straat", 5).size(), 5u);
  EXPECT_EQ(Labels("straat", 500).size(), 50u);
}

TEST_F(GazetteerTest, TheNearestStreetIsThatOfTheNearestPostcodePointWithAStreet) {
  // Each postcode point of the table finds its own street and postcode, at distance 0 (or
  // another postcode point at the very same spot).
  size_t checked = 0;
  for (const std::string q : {"9712GH", "9711", "9725"}) {
    for (const PlaceMatch& m : gazetteer_->Search(q, 20)) {
      if (m.street.empty()) continue;
      const std::optional<NearestStreet> n = gazetteer_->Nearest(m.point);
      ASSERT_TRUE(n.has_value()) << m.label;
      EXPECT_EQ(n->distance_m, 0) << m.label;
      if (n->postcode == m.postcode) {
        EXPECT_EQ(n->street, m.street) << m.label;
      }
      ++checked;
    }
  }
  EXPECT_GT(checked, 10u);
  // Twenty metres east of a point: the same street unless another point is nearer.
  const PlaceMatch gh = gazetteer_->Search("9712GH", 1).at(0);
  const std::optional<NearestStreet> near = gazetteer_->Nearest({gh.point.x + 20, gh.point.y});
  ASSERT_TRUE(near.has_value());
  EXPECT_LE(near->distance_m, 20);
  // Far outside the city (and with a tiny radius) there is none.
  EXPECT_FALSE(gazetteer_->Nearest({100000, 400000}).has_value());
  EXPECT_FALSE(gazetteer_->Nearest({gh.point.x + 20, gh.point.y}, 1).has_value());
  EXPECT_FALSE(Gazetteer().Nearest(gh.point).has_value());
}

TEST_F(GazetteerTest, NearestMatchesABruteForceSearch) {
  std::ifstream in(kTable, std::ios::binary);
  std::vector<StreetPoint> all = ReadStreetPointsCsv(in).value();
  std::erase_if(all, [](const StreetPoint& p) { return p.street.empty(); });
  ASSERT_GT(all.size(), 1000u);
  int found = 0;
  for (int i = 0; i < 300; ++i) {
    const RdPoint p{all[i * 17 % all.size()].point.x + (i * 37 % 400) - 200,
                    all[i * 17 % all.size()].point.y + (i * 53 % 400) - 200};
    const std::optional<NearestStreet> n = gazetteer_->Nearest(p);
    if (!n) continue;
    ++found;
    // No point of the sample is nearer than the answer.
    for (const StreetPoint& q : all) {
      EXPECT_GE(std::hypot(q.point.x - p.x, q.point.y - p.y) + 1e-9, n->distance_m);
    }
  }
  EXPECT_GT(found, 250);  // within 200 m of a street point, nearly always one within 250 m
}

TEST(NormalisePostcodeTest, FullAndPartialPostcodes) {
  EXPECT_EQ(NormalisePostcode("9712 gh"), "9712GH");
  EXPECT_EQ(NormalisePostcode("9712"), "9712");
  EXPECT_EQ(NormalisePostcode("9712G"), "9712G");
  EXPECT_EQ(NormalisePostcode("0712GH"), "");
  EXPECT_EQ(NormalisePostcode("971"), "");
  EXPECT_EQ(NormalisePostcode("9712GHX"), "");
  EXPECT_EQ(NormalisePostcode("Vismarkt"), "");
}

TEST(ReadStreetPointsCsvTest, BadRowsAreRefusedWithLineAndField) {
  auto read = [](const std::string& text) {
    std::istringstream in(text);
    return ReadStreetPointsCsv(in);
  };
  StatusOr<std::vector<StreetPoint>> ok =
      read("x,y,straat,postcode\n233877.2,581942.1,Grote Markt,9711 lv\n");
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ(ok->at(0).postcode, "9711LV");

  StatusOr<std::vector<StreetPoint>> bad_code =
      read("postcode,straat,x,y\n9711LV,Grote Markt,233877.2,581942.1\n97,X,1,2\n");
  ASSERT_FALSE(bad_code.ok());
  EXPECT_EQ(bad_code.status().field(), "postcode");
  EXPECT_NE(bad_code.status().message().find("regel 3"), std::string::npos);

  StatusOr<std::vector<StreetPoint>> bad_x = read("postcode,straat,x,y\n9711LV,A,abc,581942.1\n");
  ASSERT_FALSE(bad_x.ok());
  EXPECT_EQ(bad_x.status().field(), "x");

  StatusOr<std::vector<StreetPoint>> outside = read("postcode,straat,x,y\n9711LV,A,9000000,1\n");
  EXPECT_FALSE(outside.ok());

  StatusOr<std::vector<StreetPoint>> no_column = read("postcode,x,y\n9711LV,1,2\n");
  ASSERT_FALSE(no_column.ok());
  EXPECT_EQ(no_column.status().field(), "straat");
}

}  // namespace
}  // namespace baken::geo
