#include "baken/base/ids.h"

#include <set>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "baken/base/time_zone.h"

namespace baken {
namespace {

const Timestamp kStart = *ParseRfc3339("2026-11-28T13:00:00.123Z");

TEST(UuidTest, V7HasVersionVariantTimeAndCanonicalText) {
  FakeClock clock(kStart);
  UuidV7Generator gen(clock, 42);
  const Uuid id = gen.Next();
  EXPECT_EQ(id.version(), 7);
  EXPECT_TRUE(id.HasRfcVariant());
  EXPECT_EQ(id.CreatedAt(), kStart);
  const std::string text = id.ToString();
  ASSERT_EQ(text.size(), 36u);
  for (size_t i = 0; i < text.size(); ++i) {
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      EXPECT_EQ(text[i], '-');
    } else {
      EXPECT_TRUE((text[i] >= '0' && text[i] <= '9') || (text[i] >= 'a' && text[i] <= 'f')) << text;
    }
  }
  EXPECT_EQ(text[14], '7');
  EXPECT_NE(std::string("89ab").find(text[19]), std::string::npos) << text;
  // 2026-11-28T13:00:00.123Z is 1795870800123 ms = 0x01a2223db8fb.
  EXPECT_EQ(text.substr(0, 13), "01a2223d-b8fb");
}

TEST(UuidTest, StrictlyIncreasingWithinOneMillisecondAndPastCounterOverflow) {
  FakeClock clock(kStart);
  UuidV7Generator gen(clock, 7);
  Uuid previous = gen.Next();
  for (int i = 0; i < 10000; ++i) {  // more than the 12-bit counter holds
    const Uuid next = gen.Next();
    ASSERT_LT(previous, next) << i;
    ASSERT_LT(previous.ToString(), next.ToString()) << i;  // text sorts like bytes
    previous = next;
  }
  EXPECT_GT(previous.CreatedAt(), kStart);  // borrowed later milliseconds
}

TEST(UuidTest, StaysIncreasingWhenTheClockStepsBack) {
  FakeClock clock(kStart);
  UuidV7Generator gen(clock, 7);
  const Uuid first = gen.Next();
  clock.Advance(std::chrono::seconds(-5));
  const Uuid second = gen.Next();
  EXPECT_LT(first, second);
  clock.Advance(std::chrono::seconds(10));
  const Uuid third = gen.Next();
  EXPECT_LT(second, third);
  EXPECT_EQ(third.CreatedAt(), kStart + std::chrono::seconds(5));
}

TEST(UuidTest, SameSeedAndClockGiveSameIds) {
  FakeClock clock(kStart);
  UuidV7Generator a(clock, 1);
  UuidV7Generator b(clock, 1);
  UuidV7Generator c(clock, 2);
  const Uuid from_a = a.Next();
  EXPECT_EQ(from_a, b.Next());
  EXPECT_NE(from_a, c.Next());
}

TEST(UuidTest, ThreadsNeverGetTheSameId) {
  FakeClock clock(kStart);
  UuidV7Generator gen(clock, 3);
  constexpr int kThreads = 4;
  constexpr int kPerThread = 2000;
  std::vector<std::vector<Uuid>> made(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) made[t].push_back(gen.Next());
    });
  }
  for (std::thread& t : threads) t.join();
  std::set<Uuid> all;
  for (const auto& ids : made) {
    for (size_t i = 1; i < ids.size(); ++i) EXPECT_LT(ids[i - 1], ids[i]);
    all.insert(ids.begin(), ids.end());
  }
  EXPECT_EQ(all.size(), static_cast<size_t>(kThreads * kPerThread));
}

TEST(UuidTest, ParsesRfc9562ExampleAndRoundTrips) {
  // RFC 9562 appendix A.6.
  const StatusOr<Uuid> id = Uuid::Parse("017F22E2-79B0-7CC3-98C4-DC0C0C07398F");
  ASSERT_TRUE(id.ok());
  EXPECT_EQ(id->version(), 7);
  EXPECT_TRUE(id->HasRfcVariant());
  EXPECT_EQ(FormatRfc3339(id->CreatedAt(), false), "2022-02-22T19:22:22Z");
  EXPECT_EQ(id->ToString(), "017f22e2-79b0-7cc3-98c4-dc0c0c07398f");
  EXPECT_EQ(*Uuid::Parse(id->ToString()), *id);
  EXPECT_TRUE(Uuid().IsNil());
  EXPECT_EQ(Uuid().ToString(), "00000000-0000-0000-0000-000000000000");
}

TEST(UuidTest, RejectsMalformedTextNamingTheField) {
  for (const char* bad :
       {"", "017f22e2-79b0-7cc3-98c4-dc0c0c07398", "017f22e2079b0-7cc3-98c4-dc0c0c07398f",
        "017f22e2-79b0-7cc3-98c4-dc0c0c07398g", "{017f22e2-79b0-7cc3-98c4-dc0c0c0739}"}) {
    const StatusOr<Uuid> r = Uuid::Parse(bad, "melding_id");
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(r.status().field(), "melding_id");
    EXPECT_NE(r.status().message().find("melding_id"), std::string::npos);
  }
  EXPECT_NE(Uuid::Parse("017f22e2-79b0-7cc3-98c4-dc0c0c07398g").status().message().find("'g'"),
            std::string::npos);
}

TEST(HumanNumberTest, PadsToSixDigitsAndGrowsBeyond) {
  EXPECT_EQ(FormatHumanNumber("M", 2026, 123), "M-2026-000123");
  EXPECT_EQ(FormatHumanNumber("MH", 2025, 1), "MH-2025-000001");
  EXPECT_EQ(FormatHumanNumber("M", 2026, 1234567), "M-2026-1234567");
}

}  // namespace
}  // namespace baken
