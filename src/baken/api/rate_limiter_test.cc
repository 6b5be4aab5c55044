#include "baken/api/rate_limiter.h"

#include <gtest/gtest.h>

namespace baken::api {
namespace {

using std::chrono::seconds;

TEST(RateLimiterTest, AllowsTheLimitThenAsksToWaitUntilATokenIsBack) {
  FakeClock clock(FromUnixMicros(0));
  RateLimiter limiter(clock, RateLimit{60, seconds(3600)});  // one token per minute
  for (int i = 0; i < 60; ++i) EXPECT_TRUE(limiter.Take("192.0.2.1").allowed) << i;
  RateLimiter::Result refused = limiter.Take("192.0.2.1");
  EXPECT_FALSE(refused.allowed);
  EXPECT_EQ(refused.retry_after, seconds(60));

  clock.Advance(seconds(30));
  EXPECT_EQ(limiter.Take("192.0.2.1").retry_after, seconds(30));
  clock.Advance(seconds(30));
  EXPECT_TRUE(limiter.Take("192.0.2.1").allowed);
  EXPECT_FALSE(limiter.Take("192.0.2.1").allowed);
}

TEST(RateLimiterTest, EachAddressHasItsOwnBucket) {
  FakeClock clock(FromUnixMicros(0));
  RateLimiter limiter(clock, RateLimit{1, seconds(60)});
  EXPECT_TRUE(limiter.Take("192.0.2.1").allowed);
  EXPECT_FALSE(limiter.Take("192.0.2.1").allowed);
  EXPECT_TRUE(limiter.Take("192.0.2.2").allowed);
}

TEST(RateLimiterTest, DroppingIdleBucketsDoesNotForgetBusyOnes) {
  FakeClock clock(FromUnixMicros(0));
  RateLimiter limiter(clock, RateLimit{1, seconds(60)}, /*max_keys=*/2);
  EXPECT_TRUE(limiter.Take("a").allowed);
  EXPECT_TRUE(limiter.Take("b").allowed);
  EXPECT_TRUE(limiter.Take("c").allowed);  // table full: only full buckets may go; none are
  EXPECT_FALSE(limiter.Take("a").allowed);
}

}  // namespace
}  // namespace baken::api
