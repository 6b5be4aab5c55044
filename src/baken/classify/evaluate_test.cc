#include "baken/classify/evaluate.h"

#include <gtest/gtest.h>

#include <map>

#include "baken/classify/internal/test_data.h"

namespace baken::classify {
namespace {

std::vector<Example> Numbered(const std::string& label, int n) {
  std::vector<Example> v;
  for (int i = 0; i < n; ++i) v.push_back({label + " voorbeeld " + std::to_string(i), label});
  return v;
}

TEST(SplitStratifiedTest, TakesTheFractionOfEveryLabelDeterministically) {
  std::vector<Example> all = Numbered("a", 40);
  auto b = Numbered("b", 10);
  all.insert(all.end(), b.begin(), b.end());
  auto s1 = SplitStratified(all, 0.2, 7);
  auto s2 = SplitStratified(all, 0.2, 7);
  auto s3 = SplitStratified(all, 0.2, 8);
  ASSERT_TRUE(s1.ok() && s2.ok() && s3.ok());
  std::map<std::string, int> held;
  for (const auto& e : s1->held_out) held[e.label]++;
  EXPECT_EQ(held["a"], 8);
  EXPECT_EQ(held["b"], 2);
  EXPECT_EQ(s1->train.size() + s1->held_out.size(), all.size());
  EXPECT_EQ(s1->held_out, s2->held_out);
  EXPECT_NE(s1->held_out, s3->held_out);
}

TEST(SplitStratifiedTest, KeepsAtLeastOneForTrainingAndRefusesBadFractions) {
  auto s = SplitStratified(Numbered("a", 2), 0.9, 1);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->train.size(), 1u);
  EXPECT_EQ(SplitStratified(Numbered("a", 5), 0, 1).status().field(), "holdout");
  EXPECT_EQ(SplitStratified(Numbered("a", 5), 1, 1).status().field(), "holdout");
}

TEST(ScoreTest, ComputesPerLabelAndMacroScores) {
  TrainOptions o;
  o.epochs = 30;
  o.dim = 16;
  auto c = Classifier::Train(testing::TinySet(), o);
  ASSERT_TRUE(c.ok());
  // The third text is labelled hondenpoep on purpose but will be predicted graffiti: hondenpoep
  // gets a false negative (recall 1/2, precision 1), graffiti a false positive but no support.
  std::vector<Example> held = {{"hondenpoep op de stoep", "hondenpoep"},
                               {"lantaarnpaal brandt niet", "straatverlichting"},
                               {"graffiti op de muur", "hondenpoep"}};
  Evaluation ev = Score(*c, held);
  EXPECT_EQ(ev.held_out_size, 3);
  EXPECT_NEAR(ev.accuracy, 2.0 / 3, 1e-9);
  ASSERT_EQ(ev.per_label.size(), 2u);  // graffiti is only predicted, never asked
  EXPECT_EQ(ev.per_label[0].label, "hondenpoep");
  EXPECT_EQ(ev.per_label[0].support, 2);
  EXPECT_NEAR(ev.per_label[0].precision, 1.0, 1e-9);
  EXPECT_NEAR(ev.per_label[0].recall, 0.5, 1e-9);
  EXPECT_NEAR(ev.per_label[0].f1, 2.0 / 3, 1e-9);
  EXPECT_NEAR(ev.per_label[1].f1, 1.0, 1e-9);
  EXPECT_NEAR(ev.macro_f1, (2.0 / 3 + 1.0) / 2, 1e-9);
}

}  // namespace
}  // namespace baken::classify
