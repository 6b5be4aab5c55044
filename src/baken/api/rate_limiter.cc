#include "baken/api/rate_limiter.h"

#include <algorithm>
#include <cmath>

namespace baken::api {

double RateLimiter::Refilled(const Bucket& bucket, Timestamp now) const {
  const double elapsed = std::chrono::duration<double>(now - bucket.updated).count();
  const double rate =
      static_cast<double>(limit_.requests) / static_cast<double>(limit_.per.count());
  return std::min(static_cast<double>(limit_.requests),
                  bucket.tokens + std::max(0.0, elapsed) * rate);
}

RateLimiter::Result RateLimiter::Take(const std::string& key) {
  const Timestamp now = clock_.Now();
  std::lock_guard lock(mu_);
  if (buckets_.size() >= max_keys_) {
    std::erase_if(buckets_, [&](const auto& entry) {
      return Refilled(entry.second, now) >= static_cast<double>(limit_.requests);
    });
  }
  auto [it, inserted] =
      buckets_.try_emplace(key, Bucket{static_cast<double>(limit_.requests), now});
  Bucket& bucket = it->second;
  bucket.tokens = Refilled(bucket, now);
  bucket.updated = now;
  if (bucket.tokens >= 1.0) {
    bucket.tokens -= 1.0;
    return {};
  }
  const double rate =
      static_cast<double>(limit_.requests) / static_cast<double>(limit_.per.count());
  const auto wait = static_cast<int64_t>(std::ceil((1.0 - bucket.tokens) / rate));
  return {false, std::chrono::seconds(std::max<int64_t>(1, wait))};
}

}  // namespace baken::api
