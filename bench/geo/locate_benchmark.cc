// Locator vs brute force: 1,000,000 random RD points (fixed seed) in the bounding box of the 108
// Groningen buurten. Prints points/s of both, measured in the same run, and their ratio.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "baken/geo/locator.h"
#include "baken/geo/testing/test_data.h"

namespace baken::geo {
namespace {

constexpr size_t kPoints = 1'000'000;

struct Fixture {
  std::vector<const Area*> buurten;
  std::vector<RdBox> boxes;
  std::vector<RdPoint> points;
  std::unique_ptr<Locator> locator;
};

const Fixture& Data() {
  static const Fixture* f = [] {
    auto* d = new Fixture();
    const AreaSet& set = testing::GroningenAreas();
    d->buurten = set.List(Level::kNeighbourhood);
    RdBox box;
    for (const Area* a : d->buurten) {
      d->boxes.push_back(BoundsOf(a->geometry));
      box.Extend(d->boxes.back());
    }
    std::mt19937_64 rng(12345);
    std::uniform_real_distribution<double> x(box.min_x, box.max_x), y(box.min_y, box.max_y);
    d->points.resize(kPoints);
    for (RdPoint& p : d->points) p = {x(rng), y(rng)};
    auto loc = Locator::Build(set);
    if (!loc.ok()) std::abort();
    d->locator = std::make_unique<Locator>(std::move(*loc));
    return d;
  }();
  return *f;
}

void BM_Locator(benchmark::State& state) {
  const Fixture& d = Data();
  std::vector<LocateResult> out(d.points.size());
  for (auto _ : state) {
    d.locator->LocateBatch(d.points, out);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * d.points.size()));
}
BENCHMARK(BM_Locator)->Unit(benchmark::kMillisecond)->MinTime(1.0);

void BM_BruteForce(benchmark::State& state) {
  const Fixture& d = Data();
  size_t found = 0;
  for (auto _ : state) {
    for (const RdPoint& p : d.points) {
      for (size_t i = 0; i < d.buurten.size(); ++i) {
        if (d.boxes[i].Contains(p) && Contains(d.buurten[i]->geometry, p)) {
          ++found;
          break;
        }
      }
    }
    benchmark::DoNotOptimize(found);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * d.points.size()));
}
BENCHMARK(BM_BruteForce)->Unit(benchmark::kMillisecond)->MinTime(1.0);

// Console output plus a note of items/s per benchmark, for the ratio line.
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
}  // namespace baken::geo

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  baken::geo::RatioReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  const double loc = reporter.rate["BM_Locator/min_time:1.000"];
  const double brute = reporter.rate["BM_BruteForce/min_time:1.000"];
  const baken::geo::LocatorStats s = baken::geo::Data().locator->stats();
  std::printf("grid %dx%d cells of %.0f m: %zu full, %zu partial, %zu edge copies\n", s.columns,
              s.rows, s.cell_m, s.full_cells, s.partial_cells, s.edges);
  std::printf("Locator:     %.3g points/s\nBrute force: %.3g points/s\nratio:       %.1fx\n", loc,
              brute, brute > 0 ? loc / brute : 0.0);
  benchmark::Shutdown();
  return 0;
}
