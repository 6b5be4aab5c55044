#include "baken/analysis/zone_rules.h"

#include <gtest/gtest.h>

#include "baken/base/time_zone.h"

namespace baken::analysis {
namespace {

TEST(ZoneRulesTest, ChicagoStandardSummerGapAndOverlap) {
  auto z = ZoneRules::Load("America/Chicago");
  ASSERT_TRUE(z.ok()) << z.status().ToString();
  // CST is UTC-6, CDT UTC-5.
  EXPECT_EQ(z->LocalToUtc(CivilSeconds(2019, 1, 15, 0, 0)), CivilSeconds(2019, 1, 15, 6, 0));
  EXPECT_EQ(z->LocalToUtc(CivilSeconds(2019, 7, 1, 12, 0)), CivilSeconds(2019, 7, 1, 17, 0));
  // 2019-03-10 02:30 does not exist (clocks jump 02:00 -> 03:00): read as 03:30 CDT.
  EXPECT_EQ(z->LocalToUtc(CivilSeconds(2019, 3, 10, 2, 30)), CivilSeconds(2019, 3, 10, 8, 30));
  // 2019-11-03 01:30 happens twice: the earlier one, CDT.
  EXPECT_EQ(z->LocalToUtc(CivilSeconds(2019, 11, 3, 1, 30)), CivilSeconds(2019, 11, 3, 6, 30));
  EXPECT_EQ(z->OffsetAt(CivilSeconds(2019, 11, 3, 7, 30)), -6 * 3600);
}

TEST(ZoneRulesTest, AmsterdamAgreesWithTheRuleInBase) {
  auto z = ZoneRules::Load("Europe/Amsterdam");
  ASSERT_TRUE(z.ok());
  for (int64_t local = CivilSeconds(2010, 1, 1); local < CivilSeconds(2030, 1, 1);
       local += 86400 * 7 + 3671) {
    const auto days = std::chrono::sys_days(std::chrono::days(local / 86400));
    const std::chrono::year_month_day ymd(days);
    const int64_t rest = local % 86400;
    LocalDateTime l{ymd, static_cast<int>(rest / 3600), static_cast<int>(rest / 60 % 60),
                    static_cast<int>(rest % 60)};
    auto expected = FromAmsterdam(l, {Ambiguity::Gap::kShiftForward, Ambiguity::Overlap::kEarlier});
    ASSERT_TRUE(expected.ok());
    EXPECT_EQ(z->LocalToUtc(local), ToUnixMicros(*expected) / 1'000'000) << FormatLocal(*expected);
  }
}

TEST(ZoneRulesTest, UnknownAndMalformedZones) {
  EXPECT_EQ(ZoneRules::Load("Mars/Olympus").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(ZoneRules::Load("../etc/passwd").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(ZoneRules::Parse("x", "TZif2 but too short").status().code(),
            StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace baken::analysis
