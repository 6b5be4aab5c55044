#include "baken/base/zone_rules.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "baken/base/time_zone.h"

namespace baken {
namespace {

using Kind = ZoneRules::Resolution::Kind;

TEST(ZoneRulesTest, ChicagoStandardSummerGapAndOverlap) {
  auto z = ZoneRules::Load("America/Chicago");
  ASSERT_TRUE(z.ok()) << z.status().ToString();
  // CST is UTC-6, CDT UTC-5.
  EXPECT_EQ(z->LocalToUtc(CivilSeconds(2019, 1, 15, 0, 0)), CivilSeconds(2019, 1, 15, 6, 0));
  EXPECT_EQ(z->LocalToUtc(CivilSeconds(2019, 7, 1, 12, 0)), CivilSeconds(2019, 7, 1, 17, 0));
  // 2019-03-10 02:30 does not exist (clocks jump 02:00 -> 03:00): read as 03:30 CDT.
  EXPECT_EQ(z->LocalToUtc(CivilSeconds(2019, 3, 10, 2, 30)), CivilSeconds(2019, 3, 10, 8, 30));
  EXPECT_EQ(z->Resolve(CivilSeconds(2019, 3, 10, 2, 30)).kind, Kind::kGap);
  // 2019-11-03 01:30 happens twice: the earlier one, CDT.
  EXPECT_EQ(z->LocalToUtc(CivilSeconds(2019, 11, 3, 1, 30)), CivilSeconds(2019, 11, 3, 6, 30));
  const ZoneRules::Resolution twice = z->Resolve(CivilSeconds(2019, 11, 3, 1, 30));
  EXPECT_EQ(twice.kind, Kind::kOverlap);
  EXPECT_EQ(twice.later, CivilSeconds(2019, 11, 3, 7, 30));
  EXPECT_EQ(z->OffsetAt(CivilSeconds(2019, 11, 3, 7, 30)), -6 * 3600);
}

TEST(ZoneRulesTest, AmsterdamIsBuiltInAndNeedsNoDatabase) {
  auto z = ZoneRules::Load("Europe/Amsterdam", "/bestaat/niet");
  ASSERT_TRUE(z.ok()) << z.status().ToString();
  EXPECT_EQ(z->name(), "Europe/Amsterdam");
  // 2026-03-29 02:30 does not exist; 2026-10-25 02:30 happens twice (CEST, then CET).
  const ZoneRules::Resolution gap = z->Resolve(CivilSeconds(2026, 3, 29, 2, 30));
  EXPECT_EQ(gap.kind, Kind::kGap);
  EXPECT_EQ(gap.earlier, CivilSeconds(2026, 3, 29, 1, 30));  // 03:30 CEST
  const ZoneRules::Resolution twice = z->Resolve(CivilSeconds(2026, 10, 25, 2, 30));
  EXPECT_EQ(twice.kind, Kind::kOverlap);
  EXPECT_EQ(twice.earlier, CivilSeconds(2026, 10, 25, 0, 30));
  EXPECT_EQ(twice.later, CivilSeconds(2026, 10, 25, 1, 30));
  // Past the 2037 end of the tz database's explicit transitions the rule still holds.
  EXPECT_EQ(z->OffsetAt(CivilSeconds(2050, 7, 1)), 7200);
  EXPECT_EQ(z->OffsetAt(CivilSeconds(2050, 12, 1)), 3600);
  EXPECT_EQ(z->OffsetAt(CivilSeconds(2150, 7, 1)), 7200);  // past the table: the rule itself
  EXPECT_EQ(z->OffsetAt(CivilSeconds(1960, 7, 1)), 7200);
}

// The built-in zone keeps the rule's transitions of 1980-2100 as a table: it must say what
// AmsterdamOffsetMinutes (the rule) says at every instant, inside the table and at its edges.
TEST(ZoneRulesTest, AmsterdamTableAgreesWithTheRuleEverywhere) {
  const ZoneRules& z = ZoneRules::Amsterdam();
  for (int64_t t = CivilSeconds(1968, 1, 1); t < CivilSeconds(2103, 1, 1);
       t += 3 * 3600 + 17 * 60) {
    ASSERT_EQ(z.OffsetAt(t), AmsterdamOffsetMinutes(FromUnixMicros(t * 1'000'000)) * 60) << t;
  }
  for (int y : {1980, 2100}) {
    for (Timestamp edge :
         {SummerTimeStart(std::chrono::year(y)), SummerTimeEnd(std::chrono::year(y))}) {
      const int64_t t = ToUnixMicros(edge) / 1'000'000;
      EXPECT_EQ(z.OffsetAt(t - 1), AmsterdamOffsetMinutes(edge - std::chrono::seconds(1)) * 60);
      EXPECT_EQ(z.OffsetAt(t), AmsterdamOffsetMinutes(edge) * 60);
    }
  }
}

// The EU rule against the tz database's own Europe/Amsterdam (Debian tzdata), read as a file so
// that the built-in zone is not what is compared: every hour around every transition and every
// quarter hour of every transition day from 1996 to 2037 must agree, in both directions.
TEST(ZoneRulesTest, BuiltInAmsterdamAgreesWithTheTzDatabase1996To2037) {
  std::ifstream in("/usr/share/zoneinfo/Europe/Amsterdam", std::ios::binary);
  ASSERT_TRUE(in) << "tzdata is not installed";
  std::ostringstream bytes;
  bytes << in.rdbuf();
  auto file = ZoneRules::Parse("Europe/Amsterdam", bytes.str());
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  const ZoneRules& rule = ZoneRules::Amsterdam();
  int transition_days = 0;
  for (int y = 1996; y <= 2037; ++y) {
    for (unsigned m : {3u, 10u}) {
      for (unsigned d = 25; d <= 31; ++d) {
        const int64_t midnight = CivilSeconds(y, m, d);
        if (rule.OffsetAt(midnight) == rule.OffsetAt(midnight + 86400)) continue;
        ++transition_days;
        for (int64_t t = midnight - 86400; t < midnight + 2 * 86400; t += 900) {
          ASSERT_EQ(rule.OffsetAt(t), file->OffsetAt(t)) << y << "-" << m << "-" << d << " " << t;
          ASSERT_EQ(rule.LocalToUtc(t), file->LocalToUtc(t)) << y << "-" << m << "-" << d;
          ASSERT_EQ(rule.Resolve(t).later, file->Resolve(t).later) << y << "-" << m << "-" << d;
        }
      }
    }
  }
  EXPECT_EQ(transition_days, 2 * (2037 - 1996 + 1));
}

TEST(ZoneRulesTest, FromAmsterdamUsesTheSameResolution) {
  for (int64_t local = CivilSeconds(2010, 1, 1); local < CivilSeconds(2030, 1, 1);
       local += 86400 * 7 + 3671) {
    const auto days = std::chrono::sys_days(std::chrono::days(local / 86400));
    const int64_t rest = local % 86400;
    LocalDateTime l{std::chrono::year_month_day(days), static_cast<int>(rest / 3600),
                    static_cast<int>(rest / 60 % 60), static_cast<int>(rest % 60)};
    auto expected = FromAmsterdam(l, {Ambiguity::Gap::kShiftForward, Ambiguity::Overlap::kEarlier});
    ASSERT_TRUE(expected.ok());
    EXPECT_EQ(ZoneRules::Amsterdam().LocalToUtc(local), ToUnixMicros(*expected) / 1'000'000)
        << FormatLocal(*expected);
  }
}

TEST(ZoneRulesTest, UnknownAndMalformedZones) {
  EXPECT_EQ(ZoneRules::Load("Mars/Olympus").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(ZoneRules::Load("../etc/passwd").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(ZoneRules::Parse("x", "TZif2 but too short").status().code(),
            StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace baken
