// RateLimiter: a token bucket per key (client address), refilled evenly over a window.
//
// A bucket holds `requests` tokens and gains requests/per tokens per second, so a client may burst
// up to the limit and then continues at the average rate. Take() answers whether a request may
// proceed and, when not, after how many whole seconds a token is back (for Retry-After). Time
// comes from the injected Clock. Thread-safe. Memory: one small entry per key; full buckets are
// dropped when the table grows past max_keys.
#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <string>

#include "baken/base/clock.h"

namespace baken::api {

struct RateLimit {
  int requests = 60;
  std::chrono::seconds per{3600};
};

class RateLimiter {
 public:
  struct Result {
    bool allowed = true;
    std::chrono::seconds retry_after{0};  // > 0 when not allowed
  };

  RateLimiter(Clock& clock, RateLimit limit, size_t max_keys = 100000)
      : clock_(clock), limit_(limit), max_keys_(max_keys) {}

  Result Take(const std::string& key);

 private:
  struct Bucket {
    double tokens = 0;
    Timestamp updated{};
  };
  double Refilled(const Bucket& bucket, Timestamp now) const;

  Clock& clock_;
  const RateLimit limit_;
  const size_t max_keys_;
  std::mutex mu_;
  std::map<std::string, Bucket> buckets_;  // GUARDED_BY(mu_)
};

}  // namespace baken::api
