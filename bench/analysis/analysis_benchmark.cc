// Risk surfaces for 1,000,000 events on a 100 m grid of a 30 x 30 km city (90,000 cells), single
// core: naive and KDE (quartic, 300 m) against two baselines in the same run: the bare binning
// loop (the least any surface costs) and an exact per-event KDE at the events' true positions.
// Also one snapshot refresh (Append of one new event). Prints ms per model and the ratios.
#include <benchmark/benchmark.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <random>

#include "baken/analysis/model.h"

namespace baken::analysis {
namespace {

constexpr size_t kEvents = 1'000'000;
constexpr double kSide = 30000;
constexpr int64_t kOrigin = 400 * kDay;

struct Fixture {
  EventSnapshot events;
  geo::Grid grid = *geo::Grid::ForBounds({0, 0, kSide - 1, kSide - 1}, 100);
};

// Half the events around 200 Gaussian hot spots (sd 150 m), half uniform; times over 365 days.
const Fixture& Data() {
  static const Fixture* f = [] {
    auto* d = new Fixture();
    std::mt19937_64 rng(2026);
    std::uniform_real_distribution<double> u(0, kSide), day(0, 365 * kDay);
    std::normal_distribution<double> n(0, 150);
    std::vector<std::pair<double, double>> hot(200);
    for (auto& h : hot) h = {u(rng), u(rng)};
    std::vector<Event> ev(kEvents);
    for (size_t i = 0; i < kEvents; ++i) {
      double x = u(rng), y = u(rng);
      if (i % 2 == 0) {
        const auto& h = hot[i % hot.size()];
        x = std::clamp(h.first + n(rng), 0.0, kSide - 1);
        y = std::clamp(h.second + n(rng), 0.0, kSide - 1);
      }
      ev[i] = {kOrigin - 365 * kDay + static_cast<int64_t>(day(rng)), x, y};
    }
    std::sort(ev.begin(), ev.end(), [](const Event& a, const Event& b) { return a.time < b.time; });
    d->events.Reserve(kEvents + 1000000);
    for (const Event& e : ev) d->events.Append(e);
    return d;
  }();
  return *f;
}

double g_ms[4];

template <typename F>
void Timed(benchmark::State& state, int slot, F f) {
  std::vector<double> out;
  double best = 1e300;
  for (auto _ : state) {
    const auto t0 = std::chrono::steady_clock::now();
    f(out);
    benchmark::DoNotOptimize(out.data());
    best = std::min(
        best,
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
  }
  g_ms[slot] = best;
  state.counters["ms"] = best;
}

void BM_BaselineBinning(benchmark::State& state) {
  const Fixture& d = Data();
  Timed(state, 0, [&](std::vector<double>& out) {
    out.assign(static_cast<size_t>(d.grid.cell_count()), 0.0);
    const auto xs = d.events.xs(), ys = d.events.ys();
    for (size_t i = 0; i < xs.size(); ++i) {
      const int ix = static_cast<int>(xs[i] / 100), iy = static_cast<int>(ys[i] / 100);
      out[static_cast<size_t>(iy) * d.grid.width() + ix] += 1;
    }
  });
}

void BM_BaselineExactKde(benchmark::State& state) {
  const Fixture& d = Data();
  const double h = 300, s = 100;
  Timed(state, 1, [&](std::vector<double>& out) {
    out.assign(static_cast<size_t>(d.grid.cell_count()), 0.0);
    const auto xs = d.events.xs(), ys = d.events.ys();
    const int W = d.grid.width(), H = d.grid.height();
    for (size_t i = 0; i < xs.size(); ++i) {
      const int x0 = std::max(0, static_cast<int>((xs[i] - h) / s));
      const int x1 = std::min(W - 1, static_cast<int>((xs[i] + h) / s));
      const int y0 = std::max(0, static_cast<int>((ys[i] - h) / s));
      const int y1 = std::min(H - 1, static_cast<int>((ys[i] + h) / s));
      for (int iy = y0; iy <= y1; ++iy) {
        for (int ix = x0; ix <= x1; ++ix) {
          const double dx = (ix + 0.5) * s - xs[i], dy = (iy + 0.5) * s - ys[i];
          const double u = 1 - (dx * dx + dy * dy) / (h * h);
          if (u > 0) out[static_cast<size_t>(iy) * W + ix] += u * u;
        }
      }
    }
  });
}

void BM_Naive(benchmark::State& state) {
  const Fixture& d = Data();
  auto m = MakeNaive({.days = 365});
  Timed(state, 2,
        [&](std::vector<double>& out) { m->Predict(d.events, d.grid, kOrigin, kDay, out); });
}

void BM_KdeQuartic300(benchmark::State& state) {
  const Fixture& d = Data();
  auto m = MakeKde({.kernel = Kernel::kQuartic, .bandwidth_m = 300, .days = 365});
  Timed(state, 3,
        [&](std::vector<double>& out) { m->Predict(d.events, d.grid, kOrigin, kDay, out); });
}

// One new event (a new melding) into a snapshot of a million: the refresh cost.
void BM_AppendOneEvent(benchmark::State& state) {
  EventSnapshot s = Data().events;
  int64_t t = kOrigin;
  for (auto _ : state) s.Append({t++, 1000, 1000});
}

BENCHMARK(BM_BaselineBinning)->Unit(benchmark::kMillisecond)->Iterations(10);
BENCHMARK(BM_BaselineExactKde)->Unit(benchmark::kMillisecond)->Iterations(5);
BENCHMARK(BM_Naive)->Unit(benchmark::kMillisecond)->Iterations(10);
BENCHMARK(BM_KdeQuartic300)->Unit(benchmark::kMillisecond)->Iterations(10);
BENCHMARK(BM_AppendOneEvent)->Unit(benchmark::kNanosecond);

}  // namespace
}  // namespace baken::analysis

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  using baken::analysis::g_ms;
  std::printf(
      "\n1,000,000 events, 100 m grid (90,000 cells), best of runs, one core:\n"
      "  baseline binning loop  %7.1f ms\n  naive                  %7.1f ms  (%.2fx baseline)\n"
      "  exact per-event KDE    %7.1f ms\n  kde quartic 300 m      %7.1f ms  (%.2fx exact KDE)\n",
      g_ms[0], g_ms[2], g_ms[2] / g_ms[0], g_ms[1], g_ms[3], g_ms[3] / g_ms[1]);
  benchmark::Shutdown();
  return 0;
}
