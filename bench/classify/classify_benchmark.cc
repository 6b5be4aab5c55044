// Classifier throughput on one core: Predict (top 1) and Suggest over the 1,549 starter texts,
// against a trivial keyword-vote classifier measured in the same run (each word of the text votes
// for the label it was seen with most often in the starter set). Prints texts/s and the ratios.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "baken/classify/classifier.h"
#include "baken/classify/example.h"
#include "baken/classify/normalize.h"
#include "baken/classify/suggester.h"

namespace baken::classify {
namespace {

class KeywordVote {
 public:
  explicit KeywordVote(const std::vector<Example>& examples) {
    std::unordered_map<std::string, std::map<std::string, int>> counts;
    for (const Example& e : examples) {
      for (const std::string& w : Words(NormalizeText(e.text))) counts[w][e.label]++;
    }
    for (const auto& [word, by_label] : counts) {
      auto best = by_label.begin();
      for (auto it = by_label.begin(); it != by_label.end(); ++it) {
        if (it->second > best->second) best = it;
      }
      vote_[word] = best->first;
    }
  }
  std::string Predict(std::string_view text) const {
    std::unordered_map<std::string_view, int> votes;
    std::string_view best;
    int best_n = 0;
    const std::string normalized = NormalizeText(text);
    for (const std::string& w : Words(normalized)) {
      auto it = vote_.find(w);
      if (it == vote_.end()) continue;
      if (int n = ++votes[it->second]; n > best_n) {
        best_n = n;
        best = it->second;
      }
    }
    return std::string(best);
  }

 private:
  static std::vector<std::string> Words(const std::string& s) {
    std::vector<std::string> words;
    size_t start = 0;
    while (start < s.size()) {
      size_t end = s.find(' ', start);
      if (end == std::string::npos) end = s.size();
      words.push_back(s.substr(start, end - start));
      start = end + 1;
    }
    return words;
  }
  std::unordered_map<std::string, std::string> vote_;
};

struct Fixture {
  std::vector<Example> examples;
  std::unique_ptr<Classifier> classifier;
  std::unique_ptr<Suggester> suggester;
  std::unique_ptr<KeywordVote> keywords;
};

const Fixture& Data() {
  static const Fixture* f = [] {
    auto* d = new Fixture();
    const std::string root = BAKEN_SOURCE_DIR;
    auto examples = ReadExamplesFile(root + "/data/classify/starter.tsv");
    auto categories = ReadCategoryMap(root + "/data/categories/groningen.json");
    if (!examples.ok() || !categories.ok()) std::abort();
    d->examples = std::move(*examples);
    auto c = Classifier::Train(d->examples);  // default options: what `baken classify train` does
    if (!c.ok()) std::abort();
    d->classifier = std::make_unique<Classifier>(std::move(*c));
    auto s = Suggester::Create(*d->classifier, std::move(*categories));
    if (!s.ok()) std::abort();
    d->suggester = std::make_unique<Suggester>(std::move(*s));
    d->keywords = std::make_unique<KeywordVote>(d->examples);
    return d;
  }();
  return *f;
}

void BM_Predict(benchmark::State& state) {
  const Fixture& d = Data();
  for (auto _ : state) {
    for (const Example& e : d.examples) benchmark::DoNotOptimize(d.classifier->Predict(e.text, 1));
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * d.examples.size()));
}
BENCHMARK(BM_Predict)->Unit(benchmark::kMillisecond)->MinTime(1.0);

void BM_Suggest(benchmark::State& state) {
  const Fixture& d = Data();
  for (auto _ : state) {
    for (const Example& e : d.examples) benchmark::DoNotOptimize(d.suggester->Suggest(e.text));
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * d.examples.size()));
}
BENCHMARK(BM_Suggest)->Unit(benchmark::kMillisecond)->MinTime(1.0);

void BM_KeywordVote(benchmark::State& state) {
  const Fixture& d = Data();
  for (auto _ : state) {
    for (const Example& e : d.examples) benchmark::DoNotOptimize(d.keywords->Predict(e.text));
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * d.examples.size()));
}
BENCHMARK(BM_KeywordVote)->Unit(benchmark::kMillisecond)->MinTime(1.0);

class RatioReporter : public benchmark::ConsoleReporter {
 public:
  void ReportRuns(const std::vector<Run>& runs) override {
    ConsoleReporter::ReportRuns(runs);
    for (const Run& r : runs) {
      auto it = r.counters.find("items_per_second");
      if (it != r.counters.end()) rate[r.benchmark_name()] = it->second.value;
    }
  }
  std::map<std::string, double> rate;
};

}  // namespace
}  // namespace baken::classify

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  baken::classify::RatioReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  const double predict = reporter.rate["BM_Predict/min_time:1.000"];
  const double suggest = reporter.rate["BM_Suggest/min_time:1.000"];
  const double keywords = reporter.rate["BM_KeywordVote/min_time:1.000"];
  std::printf("Predict (top 1): %.3g texts/s\nSuggest:         %.3g texts/s\n", predict, suggest);
  std::printf("keyword vote:    %.3g texts/s (baseline)\n", keywords);
  if (keywords > 0) {
    std::printf("ratio Predict/baseline: %.2fx, Suggest/baseline: %.2fx\n", predict / keywords,
                suggest / keywords);
  }
  benchmark::Shutdown();
  return 0;
}
