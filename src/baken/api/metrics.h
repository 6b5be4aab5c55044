// Metrics: request counters and latency histograms per route, plus gauges supplied by callbacks,
// rendered in the Prometheus text exposition format (version 0.0.4) for /metrics.
//
// Thread-safe: ObserveRequest may be called from every server thread. Route labels are the
// registered route patterns (never raw paths, so ids do not explode the label space).
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace baken::api {

class Metrics {
 public:
  Metrics();

  void ObserveRequest(const std::string& method, const std::string& route, int status,
                      std::chrono::microseconds duration);

  // A gauge whose value is read when /metrics is rendered (e.g. number of areas loaded).
  void AddGauge(std::string name, std::string help, std::function<double()> read);

  std::string RenderPrometheus() const;

 private:
  struct Series {
    uint64_t count = 0;
    double sum_seconds = 0;
    std::vector<uint64_t> buckets;  // cumulative counts per upper bound in bucket_bounds_
  };
  struct Gauge {
    std::string name;
    std::string help;
    std::function<double()> read;
  };

  // Constant after construction.
  const std::vector<double> bucket_bounds_;
  const std::chrono::steady_clock::time_point started_;

  mutable std::mutex mu_;
  std::map<std::string, uint64_t> request_counts_;  // GUARDED_BY(mu_), key: method|route|status
  std::map<std::string, Series> latency_;           // GUARDED_BY(mu_), key: method|route
  std::vector<Gauge> gauges_;                       // GUARDED_BY(mu_)
};

}  // namespace baken::api
