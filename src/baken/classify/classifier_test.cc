#include "baken/classify/classifier.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <thread>

#include "baken/classify/internal/test_data.h"

namespace baken::classify {
namespace {

TrainOptions Fast() {
  TrainOptions o;
  o.epochs = 30;
  o.dim = 16;
  return o;
}

class ClassifierTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("baken_classifier_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path dir_;
};

TEST_F(ClassifierTest, LearnsTheTinySetAndRanksAllLabels) {
  auto c = Classifier::Train(testing::TinySet(), Fast());
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  auto p = c->Predict("Er ligt HONDENPOEP op de stoep!", 0);
  ASSERT_EQ(p.size(), 3u);
  EXPECT_EQ(p[0].label, "hondenpoep");
  EXPECT_GT(p[0].probability, p[1].probability);
  double sum = 0;
  for (const auto& x : p) sum += x.probability;
  EXPECT_NEAR(sum, 1.0, 1e-3);
  EXPECT_EQ(c->Predict("de lantaarnpaal is kapot", 1).at(0).label, "straatverlichting");
  EXPECT_EQ(c->Predict("tags op de muur", 1).at(0).label, "graffiti");
}

TEST_F(ClassifierTest, SameSeedSameProbabilities) {
  auto a = Classifier::Train(testing::TinySet(), Fast());
  auto b = Classifier::Train(testing::TinySet(), Fast());
  ASSERT_TRUE(a.ok() && b.ok());
  auto pa = a->Predict("lamp knippert bij de speeltuin", 0);
  auto pb = b->Predict("lamp knippert bij de speeltuin", 0);
  ASSERT_EQ(pa.size(), pb.size());
  for (size_t i = 0; i < pa.size(); ++i) {
    EXPECT_EQ(pa[i].label, pb[i].label);
    EXPECT_DOUBLE_EQ(pa[i].probability, pb[i].probability);
  }
}

TEST_F(ClassifierTest, SaveAndLoadGiveTheSamePredictions) {
  auto c = Classifier::Train(testing::TinySet(), Fast());
  ASSERT_TRUE(c.ok());
  const std::string path = (dir_ / "sub" / "model.bin").string();
  ASSERT_TRUE(c->Save(path).ok());
  auto loaded = Classifier::Load(path);
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  auto before = c->Predict("graffiti op de brug", 0);
  auto after = loaded->Predict("graffiti op de brug", 0);
  ASSERT_EQ(before.size(), after.size());
  EXPECT_EQ(before[0].label, after[0].label);
  EXPECT_NEAR(before[0].probability, after[0].probability, 1e-6);
  auto labels = loaded->Labels();
  std::sort(labels.begin(), labels.end());
  EXPECT_EQ(labels, (std::vector<std::string>{"graffiti", "hondenpoep", "straatverlichting"}));
}

TEST_F(ClassifierTest, LoadRefusesMissingAndGarbageFiles) {
  auto missing = Classifier::Load((dir_ / "none.bin").string());
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  const auto garbage = dir_ / "garbage.bin";
  std::ofstream(garbage) << "dit is geen model";
  auto bad = Classifier::Load(garbage.string());
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
}

TEST_F(ClassifierTest, RefusesUnusableTrainingInput) {
  EXPECT_EQ(Classifier::Train({}, Fast()).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(Classifier::Train({{"hondenpoep op de stoep", "hondenpoep"}}, Fast()).status().code(),
            StatusCode::kInvalidArgument);
  TrainOptions bad = Fast();
  bad.epochs = 0;
  EXPECT_EQ(Classifier::Train(testing::TinySet(), bad).status().code(),
            StatusCode::kInvalidArgument);
}

TEST_F(ClassifierTest, TrainingLeavesNoTemporaryFilesBehind) {
  auto count = [] {
    int n = 0;
    for (const auto& e :
         std::filesystem::directory_iterator(std::filesystem::temp_directory_path()))
      if (e.path().filename().string().starts_with("baken_classify_" + std::to_string(::getpid())))
        ++n;
    return n;
  };
  const int before = count();
  ASSERT_TRUE(Classifier::Train(testing::TinySet(), Fast()).ok());
  EXPECT_EQ(count(), before);
}

TEST_F(ClassifierTest, EmptyOrUnknownTextGivesNoPrediction) {
  auto c = Classifier::Train(testing::TinySet(), Fast());
  ASSERT_TRUE(c.ok());
  EXPECT_TRUE(c->Predict("?!", 3).empty());
}

TEST_F(ClassifierTest, ConcurrentPredictionsAgreeWithSequentialOnes) {
  auto c = Classifier::Train(testing::TinySet(), Fast());
  ASSERT_TRUE(c.ok());
  const std::vector<std::string> texts = {"hondenpoep op straat", "lantaarnpaal uit",
                                          "graffiti op de gevel", "drollen in het gras"};
  std::vector<std::string> expected;
  for (const auto& t : texts) expected.push_back(c->Predict(t, 1).at(0).label);
  std::vector<std::thread> threads;
  std::atomic<int> mismatches{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 200; ++i) {
        const size_t k = static_cast<size_t>(i) % texts.size();
        if (c->Predict(texts[k], 1).at(0).label != expected[k]) ++mismatches;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(mismatches.load(), 0);
}

}  // namespace
}  // namespace baken::classify
