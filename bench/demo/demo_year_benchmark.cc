// The demo year for Groningen (40,000 meldingen, seed 1): how long `baken demo` and `make run`
// spend generating it, before the import. Prints meldingen/s and seconds per year. There is no
// faster way to compare with; the figure is there to notice when generation gets slow.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>

#include "baken/demo/demo_year.h"
#include "baken/geo/testing/test_data.h"

namespace baken::demo {
namespace {

const signals::CategoryCatalog& Catalog() {
  static const signals::CategoryCatalog* catalog = [] {
    auto c = signals::ReadTaxonomyFile(std::string(BAKEN_SOURCE_DIR) +
                                       "/data/categories/groningen.json");
    if (!c.ok()) std::abort();
    return new signals::CategoryCatalog(std::move(*c));
  }();
  return *catalog;
}

void BM_GenerateYear(benchmark::State& state) {
  const geo::AreaSet& areas = geo::testing::GroningenAreas();
  size_t items = 0;
  for (auto _ : state) {
    auto year = GenerateYear(DemoOptions{}, areas, Catalog());
    if (!year.ok()) std::abort();
    items += year->size();
    benchmark::DoNotOptimize(year->data());
  }
  state.SetItemsProcessed(static_cast<int64_t>(items));
  state.counters["per_year_s"] =
      benchmark::Counter(static_cast<double>(state.iterations()),
                         benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}
BENCHMARK(BM_GenerateYear)->Unit(benchmark::kMillisecond)->MinTime(2.0);

}  // namespace
}  // namespace baken::demo

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
