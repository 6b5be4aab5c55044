// The shipped starter set: big enough per category, consistent with the taxonomy, no duplicates.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "baken/classify/example.h"
#include "baken/classify/internal/test_data.h"
#include "baken/classify/normalize.h"
#include "baken/classify/suggester.h"

namespace baken::classify {
namespace {

TEST(StarterDataTest, EveryTaxonomyCodeHasAtLeastFortyExamplesAndNoOtherCodesAppear) {
  auto examples = ReadExamplesFile(testing::StarterPath());
  ASSERT_TRUE(examples.ok()) << examples.status().ToString();
  auto taxonomy = ReadCategoryMap(testing::TaxonomyPath());
  ASSERT_TRUE(taxonomy.ok()) << taxonomy.status().ToString();
  std::map<std::string, int> counts;
  for (const Example& e : *examples) {
    EXPECT_TRUE(taxonomy->contains(e.label)) << "onbekende code: " << e.label;
    counts[e.label]++;
  }
  for (const auto& [code, main] : *taxonomy) {
    EXPECT_GE(counts[code], 40) << code;
  }
}

TEST(StarterDataTest, NoDuplicateTexts) {
  auto examples = ReadExamplesFile(testing::StarterPath());
  ASSERT_TRUE(examples.ok());
  std::set<std::string> exact, normalized;
  for (const Example& e : *examples) {
    EXPECT_TRUE(exact.insert(e.text).second) << "dubbel: " << e.text;
    EXPECT_TRUE(normalized.insert(NormalizeText(e.text)).second) << "bijna dubbel: " << e.text;
  }
}

TEST(StarterDataTest, TextsAreBetweenFiveAndSixtyWords) {
  auto examples = ReadExamplesFile(testing::StarterPath());
  ASSERT_TRUE(examples.ok());
  for (const Example& e : *examples) {
    const std::string n = NormalizeText(e.text);
    const size_t words = static_cast<size_t>(std::count(n.begin(), n.end(), ' ')) + 1;
    EXPECT_GE(words, 5u) << e.text;
    EXPECT_LE(words, 60u) << e.text;
  }
}

}  // namespace
}  // namespace baken::classify
