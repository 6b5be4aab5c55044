// Europe/Amsterdam conversions on the hot paths: CSV imports read local times (ParseLocal ->
// FromAmsterdam), the analysis buckets events by local hour (ZoneRules::OffsetAt), reports start
// days (StartOfAmsterdamDay). Inputs: a year of instants 61 minutes and 7 seconds apart, so every
// hour of the day and both transitions are crossed. America/Chicago (tz database) is the control.
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "baken/base/time_zone.h"
#include "baken/base/zone_rules.h"

namespace {

using baken::ZoneRules;

constexpr int64_t kStart = 1'767'225'600;  // 2026-01-01T00:00:00Z
constexpr int64_t kStep = 61 * 60 + 7;

std::vector<int64_t> Instants() {
  std::vector<int64_t> out;
  for (int64_t t = kStart; t < kStart + 365 * 86400; t += kStep) out.push_back(t);
  return out;
}

void BM_ParseLocal(benchmark::State& state) {
  std::vector<std::string> texts;
  for (int64_t t : Instants())
    texts.push_back(baken::FormatLocal(baken::FromUnixMicros(t * 1'000'000)));
  size_t i = 0;
  for (auto _ : state) {
    auto parsed = baken::ParseLocal(texts[i++ % texts.size()]);
    benchmark::DoNotOptimize(parsed);
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_StartOfAmsterdamDay(benchmark::State& state) {
  std::vector<std::chrono::year_month_day> days;
  for (int64_t t : Instants())
    days.push_back(baken::AmsterdamDate(baken::FromUnixMicros(t * 1'000'000)));
  size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(baken::StartOfAmsterdamDay(days[i++ % days.size()]));
  }
  state.SetItemsProcessed(state.iterations());
}

void ZoneOffsetAt(benchmark::State& state, const char* zone) {
  const ZoneRules rules = *ZoneRules::Load(zone);
  const std::vector<int64_t> instants = Instants();
  size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(rules.OffsetAt(instants[i++ % instants.size()]));
  state.SetItemsProcessed(state.iterations());
}

void ZoneLocalToUtc(benchmark::State& state, const char* zone) {
  const ZoneRules rules = *ZoneRules::Load(zone);
  const std::vector<int64_t> instants = Instants();
  size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(rules.LocalToUtc(instants[i++ % instants.size()]));
  state.SetItemsProcessed(state.iterations());
}

}  // namespace

BENCHMARK(BM_ParseLocal);
BENCHMARK(BM_StartOfAmsterdamDay);
BENCHMARK_CAPTURE(ZoneOffsetAt, Amsterdam, "Europe/Amsterdam");
BENCHMARK_CAPTURE(ZoneOffsetAt, Chicago, "America/Chicago");
BENCHMARK_CAPTURE(ZoneLocalToUtc, Amsterdam, "Europe/Amsterdam");
BENCHMARK_CAPTURE(ZoneLocalToUtc, Chicago, "America/Chicago");
BENCHMARK_MAIN();
