#include "baken/signals/routing.h"

#include <gtest/gtest.h>

#include "baken/base/time_zone.h"

namespace baken::signals {
namespace {

CategoryCatalog Catalog() {
  StatusOr<CategoryCatalog> c =
      ReadTaxonomyFile(std::string(BAKEN_SOURCE_DIR) + "/data/categories/groningen.json");
  EXPECT_TRUE(c.ok()) << c.status().ToString();
  return *c;
}

Timestamp Local(int y, unsigned m, unsigned d, int hour) {
  return *FromAmsterdam({std::chrono::year{y} / m / d, hour, 0, 0, 0});
}

constexpr std::string_view kRules = R"([
  {"volgorde": 20, "naam": "Hondenpoep Vinkhuizen", "categorieen": ["hondenpoep"],
   "gebieden": ["WK001410"], "afdeling": "stadsbeheer"},
  {"volgorde": 10, "naam": "Binnenstad weekendnacht", "categorieen": ["geluid", "drankoverlast"],
   "gebieden": ["WK001400"], "van": "22:00", "tot": "06:00", "weekdagen": [5, 6],
   "afdeling": "toezicht"},
  {"volgorde": 30, "naam": "Boa-meldingen", "kanalen": ["boa"], "afdeling": "toezicht"}
])";

TEST(Routing, FirstMatchingRuleInOrderWins) {
  CategoryCatalog catalog = Catalog();
  StatusOr<std::vector<RoutingRule>> rules = ParseRoutingRules(kRules);
  ASSERT_TRUE(rules.ok()) << rules.status().ToString();
  StatusOr<Router> router = Router::Build(*rules, catalog);
  ASSERT_TRUE(router.ok()) << router.status().ToString();
  EXPECT_EQ(router->rules().front().name, "Binnenstad weekendnacht");

  // Saturday 2026-06-13 01:00 is still Friday night: the night rule applies to the main category.
  RoutingInput in{"geluid-horeca", "geluid", "BU00140001",
                  "WK001400",      "web",    Local(2026, 6, 13, 1)};
  RoutingDecision d = router->Route(in, catalog);
  EXPECT_EQ(d.department, "toezicht");
  EXPECT_EQ(d.rule, "Binnenstad weekendnacht");

  // Wednesday night: no rule, the category's department.
  in.received = Local(2026, 6, 10, 23);
  d = router->Route(in, catalog);
  EXPECT_EQ(d.department, "vergunningen");
  EXPECT_EQ(d.rule, "categorie");

  // Sunday 01:00 belongs to Saturday night (weekday 6).
  in.received = Local(2026, 6, 14, 1);
  EXPECT_EQ(router->Route(in, catalog).rule, "Binnenstad weekendnacht");
  // Friday 21:00 is before the window.
  in.received = Local(2026, 6, 12, 21);
  EXPECT_EQ(router->Route(in, catalog).rule, "categorie");

  RoutingInput boa{"foutparkeren", "parkeren", "BU00140500",
                   "WK001405",     "boa",      Local(2026, 6, 10, 10)};
  EXPECT_EQ(router->Route(boa, catalog).rule, "Boa-meldingen");
}

TEST(Routing, BadRulesAreRefusedWithTheirName) {
  CategoryCatalog catalog = Catalog();
  RoutingRule r;
  r.name = "Fout";
  r.department = "geheime-dienst";
  StatusOr<Router> router = Router::Build({r}, catalog);
  ASSERT_FALSE(router.ok());
  EXPECT_EQ(router.status().field(), "regels[0] (Fout).afdeling");

  r.department = "toezicht";
  r.categories = {"ufo"};
  EXPECT_EQ(Router::Build({r}, catalog).status().field(), "regels[0] (Fout).categorieen");

  r.categories = {};
  r.from = std::chrono::minutes(60);
  EXPECT_EQ(Router::Build({r}, catalog).status().field(), "regels[0] (Fout).van");

  EXPECT_EQ(ParseRoutingRules(R"([{"naam": "x", "afdeling": "toezicht", "van": "25:00"}])")
                .status()
                .field(),
            "regels[0].van");
  EXPECT_FALSE(ParseRoutingRules("{}").ok());
}

}  // namespace
}  // namespace baken::signals
