#include "baken/classify/suggester.h"

#include <gtest/gtest.h>

#include "baken/classify/internal/test_data.h"

namespace baken::classify {
namespace {

const CategoryMap kMap = {{"hondenpoep", "dieren"},
                          {"straatverlichting", "openbare-ruimte"},
                          {"graffiti", "openbare-ruimte"}};

class SuggesterTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    TrainOptions o;
    o.epochs = 300;  // 18 short texts: many passes before the probabilities are confident
    o.learning_rate = 1.0;
    o.dim = 16;
    auto c = Classifier::Train(testing::TinySet(), o);
    ASSERT_TRUE(c.ok());
    classifier_ = new Classifier(std::move(*c));
  }
  static void TearDownTestSuite() { delete classifier_; }
  static Classifier* classifier_;
};
Classifier* SuggesterTest::classifier_ = nullptr;

TEST_F(SuggesterTest, ConfidentSubGivesSubAndItsMain) {
  auto s = Suggester::Create(*classifier_, kMap);
  ASSERT_TRUE(s.ok());
  Suggestion g = s->Suggest("hondenpoep op de stoep voor de school");
  EXPECT_EQ(g.level, SuggestionLevel::kSub);
  EXPECT_EQ(g.category_code, "hondenpoep");
  EXPECT_EQ(g.main_code, "dieren");
  EXPECT_GE(g.confidence, 0.5);
}

TEST_F(SuggesterTest, UnsureSubButSureMainGivesOnlyTheMain) {
  // No sub reaches 1.0 on a mixed text, but the two openbare-ruimte subs together exceed 0.4 for
  // this text.
  auto s = Suggester::Create(*classifier_, kMap, SuggestOptions{1.0, 0.4});
  ASSERT_TRUE(s.ok());
  auto top = classifier_->Predict("lantaarnpaal beklad met graffiti", 0);
  ASSERT_FALSE(top.empty());
  Suggestion g = s->Suggest("lantaarnpaal beklad met graffiti");
  ASSERT_LT(top[0].probability, 1.0);
  EXPECT_EQ(g.level, SuggestionLevel::kMain);
  EXPECT_EQ(g.main_code, "openbare-ruimte");
  EXPECT_TRUE(g.category_code.empty());
  double sum = 0;
  for (const auto& p : top)
    if (p.label != "hondenpoep") sum += p.probability;
  EXPECT_NEAR(g.confidence, sum, 1e-9);
}

TEST_F(SuggesterTest, NothingSureGivesNone) {
  // A text that mixes two main categories: neither can reach certainty.
  auto s = Suggester::Create(*classifier_, kMap, SuggestOptions{1.0, 1.0});
  ASSERT_TRUE(s.ok());
  Suggestion g = s->Suggest("hondenpoep naast de graffiti op de muur");
  EXPECT_EQ(g.level, SuggestionLevel::kNone);
  EXPECT_TRUE(g.main_code.empty());
  EXPECT_EQ(s->Suggest("?!").level, SuggestionLevel::kNone);
  EXPECT_EQ(SuggestionLevelName(g.level), "geen");
}

TEST_F(SuggesterTest, ThresholdsOutsideZeroOneAreRefused) {
  auto s = Suggester::Create(*classifier_, kMap, SuggestOptions{1.5, 0.4});
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().field(), "drempel-sub");
  EXPECT_EQ(Suggester::Create(*classifier_, kMap, SuggestOptions{0.5, -0.1}).status().field(),
            "drempel-hoofd");
}

TEST(CategoryMapTest, ReadsTheGroningenTaxonomy) {
  auto map = ReadCategoryMap(testing::TaxonomyPath());
  ASSERT_TRUE(map.ok()) << map.status().ToString();
  EXPECT_EQ(map->size(), 37u);
  EXPECT_EQ(map->at("hondenpoep"), "dieren");
  EXPECT_EQ(map->at("signaal-mensenhandel"), "mensenhandel");
  EXPECT_EQ(map->at("jeugdoverlast"), "overlast-personen");
}

TEST(CategoryMapTest, RejectsMalformedTaxonomies) {
  EXPECT_EQ(ParseCategoryMap("{").status().field(), "categorieen");
  EXPECT_EQ(ParseCategoryMap("{}").status().field(), "hoofdcategorieen");
  EXPECT_EQ(ParseCategoryMap(R"({"hoofdcategorieen":[{"code":"a","subcategorieen":[{}]}]})")
                .status()
                .field(),
            "subcategorieen.code");
  EXPECT_FALSE(ParseCategoryMap(R"({"hoofdcategorieen":[{"code":"a","subcategorieen":[)"
                                R"({"code":"x"}]},{"code":"b","subcategorieen":[{"code":"x"}]}]})")
                   .ok());
  EXPECT_EQ(ReadCategoryMap("/nonexistent.json").status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace baken::classify
