#include "baken/api/metrics.h"

#include <fmt/format.h>

namespace baken::api {

namespace {
// Splits "a|b|c" keys back into labels.
std::vector<std::string> SplitKey(const std::string& key) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (true) {
    size_t bar = key.find('|', start);
    parts.push_back(key.substr(start, bar - start));
    if (bar == std::string::npos) break;
    start = bar + 1;
  }
  return parts;
}

std::string EscapeLabel(const std::string& value) {
  std::string out;
  for (char c : value) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}
}  // namespace

Metrics::Metrics()
    : bucket_bounds_{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5},
      started_(std::chrono::steady_clock::now()) {}

void Metrics::ObserveRequest(const std::string& method, const std::string& route, int status,
                             std::chrono::microseconds duration) {
  const double seconds = static_cast<double>(duration.count()) / 1e6;
  std::lock_guard lock(mu_);
  ++request_counts_[method + "|" + route + "|" + std::to_string(status)];
  Series& series = latency_[method + "|" + route];
  if (series.buckets.empty()) series.buckets.assign(bucket_bounds_.size(), 0);
  ++series.count;
  series.sum_seconds += seconds;
  for (size_t i = 0; i < bucket_bounds_.size(); ++i) {
    if (seconds <= bucket_bounds_[i]) ++series.buckets[i];
  }
}

void Metrics::AddGauge(std::string name, std::string help, std::function<double()> read) {
  std::lock_guard lock(mu_);
  gauges_.push_back({std::move(name), std::move(help), std::move(read)});
}

std::string Metrics::RenderPrometheus() const {
  std::string out;
  const double uptime =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
  out += "# HELP baken_uptime_seconds Seconds since the server started.\n";
  out += "# TYPE baken_uptime_seconds gauge\n";
  out += fmt::format("baken_uptime_seconds {:.3f}\n", uptime);

  std::lock_guard lock(mu_);
  out += "# HELP baken_http_requests_total HTTP requests by method, route and status.\n";
  out += "# TYPE baken_http_requests_total counter\n";
  for (const auto& [key, count] : request_counts_) {
    auto parts = SplitKey(key);
    out += fmt::format("baken_http_requests_total{{method=\"{}\",route=\"{}\",status=\"{}\"}} {}\n",
                       parts[0], EscapeLabel(parts[1]), parts[2], count);
  }
  out += "# HELP baken_http_request_duration_seconds HTTP request latency by method and route.\n";
  out += "# TYPE baken_http_request_duration_seconds histogram\n";
  for (const auto& [key, series] : latency_) {
    auto parts = SplitKey(key);
    const std::string labels =
        fmt::format("method=\"{}\",route=\"{}\"", parts[0], EscapeLabel(parts[1]));
    for (size_t i = 0; i < bucket_bounds_.size(); ++i) {
      out += fmt::format("baken_http_request_duration_seconds_bucket{{{},le=\"{}\"}} {}\n", labels,
                         bucket_bounds_[i], series.buckets[i]);
    }
    out += fmt::format("baken_http_request_duration_seconds_bucket{{{},le=\"+Inf\"}} {}\n", labels,
                       series.count);
    out += fmt::format("baken_http_request_duration_seconds_sum{{{}}} {:.6f}\n", labels,
                       series.sum_seconds);
    out +=
        fmt::format("baken_http_request_duration_seconds_count{{{}}} {}\n", labels, series.count);
  }
  for (const Gauge& gauge : gauges_) {
    out += fmt::format("# HELP {} {}\n# TYPE {} gauge\n{} {}\n", gauge.name, gauge.help, gauge.name,
                       gauge.name, gauge.read());
  }
  return out;
}

}  // namespace baken::api
