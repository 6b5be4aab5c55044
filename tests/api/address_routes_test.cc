// The place search of the reporting form over HTTP, as a resident's phone uses it: no account,
// streets and postcodes from the loaded address table, each with its point and the buurt and wijk
// it lies in; a bad `aantal` is a 400 naming it; without an address table the answer is empty.
#include <fstream>

#include "api_test_env.h"

namespace baken::api::testing {
namespace {

using nlohmann::json;

class AddressRoutesTest : public ApiTestEnv {
 protected:
  void LoadStreets() {
    std::ifstream in(std::string(BAKEN_SHARED_DIR) + "/data/groningen/postcodes-pc6.csv",
                     std::ios::binary);
    auto points = geo::ReadStreetPointsCsv(in);
    ASSERT_TRUE(points.ok()) << points.status().ToString();
    store::AreaRepository repo(*db_, clock_);
    auto stored = repo.ReplaceStreetPoints("GM0014", *points, "postcodes-pc6.csv");
    ASSERT_TRUE(stored.ok()) << stored.status().ToString();
    EXPECT_EQ(*stored, 5496);
  }
};

TEST_F(AddressRoutesTest, AResidentFindsAStreetWithItsBuurtWithoutAnAccount) {
  ASSERT_NO_FATAL_FAILURE(LoadGroningenAreas());
  ASSERT_NO_FATAL_FAILURE(LoadStreets());
  StartServer();
  auto res = client_->Get("/api/v1/adressen?q=oude%20boter");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  const json first = Body(res)["adressen"].at(0);
  EXPECT_EQ(first["naam"], "Oude Boteringestraat");
  EXPECT_EQ(first["straat"], "Oude Boteringestraat");
  EXPECT_TRUE(first["postcode"].is_null());
  // In the binnenstad of Groningen: RD and WGS84 agree, and the buurt is in wijk Centrum.
  EXPECT_NEAR(first["x"].get<double>(), 233670, 300);
  EXPECT_NEAR(first["lat"].get<double>(), 53.22, 0.01);
  EXPECT_NEAR(first["lon"].get<double>(), 6.565, 0.01);
  EXPECT_EQ(first["wijk"]["code"], "WK001400");
  EXPECT_EQ(first["buurt"]["code"].get<std::string>().substr(0, 8), "BU001400");

  auto postcode = client_->Get("/api/v1/adressen?q=9712%20gh");
  ASSERT_EQ(postcode->status, 200);
  const json pc = Body(postcode)["adressen"];
  ASSERT_EQ(pc.size(), 1u);
  EXPECT_EQ(pc[0]["postcode"], "9712GH");
  EXPECT_EQ(pc[0]["naam"].get<std::string>().substr(0, 7), "9712 GH");

  auto many = client_->Get("/api/v1/adressen?q=straat&aantal=3");
  EXPECT_EQ(Body(many)["adressen"].size(), 3u);
}

TEST_F(AddressRoutesTest, ABadCountIsRefusedByName) {
  ASSERT_NO_FATAL_FAILURE(LoadGroningenAreas());
  StartServer();
  for (const char* n : {"0", "51", "abc", "-1"}) {
    auto res = client_->Get(std::string("/api/v1/adressen?q=markt&aantal=") + n);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 400) << n;
    EXPECT_NE(res->body.find("aantal"), std::string::npos) << res->body;
  }
}

TEST_F(AddressRoutesTest, WithoutAnAddressTableTheAnswerIsEmpty) {
  ASSERT_NO_FATAL_FAILURE(LoadGroningenAreas());
  StartServer();
  auto res = client_->Get("/api/v1/adressen?q=vismarkt");
  ASSERT_EQ(res->status, 200);
  EXPECT_TRUE(Body(res)["adressen"].empty());
}

TEST_F(AddressRoutesTest, StreetPointsNeedTheMunicipalitysAreasFirstAndAreReplacedWhole) {
  store::AreaRepository repo(*db_, clock_);
  std::vector<geo::StreetPoint> points = {{"9711LV", "Grote Markt", {233877.2, 581942.1}}};
  EXPECT_EQ(repo.ReplaceStreetPoints("GM0014", points, "t").status().code(),
            StatusCode::kFailedPrecondition);
  ASSERT_NO_FATAL_FAILURE(LoadGroningenAreas());
  ASSERT_NO_FATAL_FAILURE(LoadStreets());
  // A postcode twice: refused, and the table loaded before stays whole.
  points.push_back(points[0]);
  StatusOr<int> twice = repo.ReplaceStreetPoints("GM0014", points, "t");
  EXPECT_EQ(twice.status().field(), "postcode");
  EXPECT_EQ(repo.LoadStreetPoints("GM0014")->size(), 5496u);
  points.pop_back();
  ASSERT_EQ(*repo.ReplaceStreetPoints("GM0014", points, "t"), 1);
  EXPECT_EQ(repo.LoadStreetPoints("GM0014")->size(), 1u);
}

}  // namespace
}  // namespace baken::api::testing
