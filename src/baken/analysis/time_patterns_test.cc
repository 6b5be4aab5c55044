#include "baken/analysis/time_patterns.h"

#include <gtest/gtest.h>

#include <cmath>

namespace baken::analysis {
namespace {

const ZoneRules& Amsterdam() {
  return ZoneRules::Amsterdam();
}

// UTC seconds of a UTC civil time.
int64_t Utc(int y, unsigned m, unsigned d, int h = 0, int min = 0) {
  return CivilSeconds(y, m, d, h, min);
}

// UTC seconds of an Amsterdam wall-clock time.
int64_t Local(int y, unsigned m, unsigned d, int h = 0, int min = 0) {
  return Amsterdam().LocalToUtc(CivilSeconds(y, m, d, h, min));
}

TEST(TimePatternsTest, HourOfWeekStartsOnMondayInLocalTime) {
  // 2026-01-05 is a Monday. 00:30 CET is 23:30 UTC on Sunday: Monday's first bin.
  EXPECT_EQ(HourOfWeek(Utc(2026, 1, 4, 23, 30), Amsterdam()), 0);
  // Sunday 2026-01-11 23:59 CET = 22:59 UTC: the last bin.
  EXPECT_EQ(HourOfWeek(Utc(2026, 1, 11, 22, 59), Amsterdam()), 167);
  // Monday 2026-07-06 14:00 CEST = 12:00 UTC: bin 14, not 12.
  EXPECT_EQ(HourOfWeek(Utc(2026, 7, 6, 12, 0), Amsterdam()), 14);
  // Sunday 2026-03-29, the spring change: 00:30 UTC is 01:30 CET (bin 6*24+1 = 145), 01:30 UTC is
  // 03:30 CEST (bin 147); the local hour 02 does not exist that day.
  EXPECT_EQ(HourOfWeek(Utc(2026, 3, 29, 0, 30), Amsterdam()), 145);
  EXPECT_EQ(HourOfWeek(Utc(2026, 3, 29, 1, 30), Amsterdam()), 147);
  // Before 1970 too: Monday 1969-12-29 10:00 CET = 09:00 UTC.
  EXPECT_EQ(HourOfWeek(Utc(1969, 12, 29, 9, 0), Amsterdam()), 10);
}

TEST(TimePatternsTest, HourOfWeekProfileCountsAndSharesInThePeriodOnly) {
  EventSnapshot s;
  s.Append({Local(2026, 1, 5, 0, 30), 0, 0, -1, -1});    // Mon 00h
  s.Append({Local(2026, 1, 5, 0, 45), 0, 0, -1, -1});    // Mon 00h
  s.Append({Local(2026, 1, 9, 22, 10), 0, 0, -1, -1});   // Fri 22h: 4*24+22 = 118
  s.Append({Local(2026, 1, 11, 23, 59), 0, 0, -1, -1});  // Sun 23h
  s.Append({Local(2026, 1, 12, 0, 0), 0, 0, -1, -1});    // outside [Jan 5, Jan 12)
  const HourOfWeekProfile p =
      HourOfWeekCounts(s, Amsterdam(), Local(2026, 1, 5), Local(2026, 1, 12));
  EXPECT_EQ(p.total, 4);
  EXPECT_EQ(p.counts[0], 2);
  EXPECT_EQ(p.counts[118], 1);
  EXPECT_EQ(p.counts[167], 1);
  EXPECT_DOUBLE_EQ(p.share[0], 0.5);
  EXPECT_DOUBLE_EQ(p.share[118], 0.25);
  EXPECT_DOUBLE_EQ(p.share[1], 0.0);
  const HourOfWeekProfile empty = HourOfWeekCounts(s, Amsterdam(), 0, 1);
  EXPECT_EQ(empty.total, 0);
  EXPECT_DOUBLE_EQ(empty.share[0], 0.0);
}

TEST(TimePatternsTest, WijkOfBuurtFollowsTheCbsCode) {
  EXPECT_EQ(WijkOfBuurt("BU00140105"), "WK001401");
  EXPECT_EQ(WijkOfBuurt("BU00140000"), "WK001400");
  EXPECT_EQ(WijkOfBuurt("WK001401"), "");
  EXPECT_EQ(WijkOfBuurt("BU0014010X"), "");
  EXPECT_EQ(WijkOfBuurt(""), "");
}

TEST(TimePatternsTest, HourOfWeekPerWijk) {
  EventSnapshot s;
  const int32_t b1 = s.AreaId("BU00140000"), b2 = s.AreaId("BU00140001"),
                b3 = s.AreaId("BU00140100");
  s.Append({Local(2026, 1, 6, 8, 15), 0, 0, -1, b1});   // Tue 08h = 32
  s.Append({Local(2026, 1, 6, 8, 20), 0, 0, -1, b2});   // Tue 08h, same wijk
  s.Append({Local(2026, 1, 10, 23, 5), 0, 0, -1, b3});  // Sat 23h = 143
  s.Append({Local(2026, 1, 10, 23, 6), 0, 0, -1, -1});  // no area: in no group
  std::vector<std::string> wijk;
  for (const std::string& b : s.area_names()) wijk.push_back(WijkOfBuurt(b));
  const AreaGroups g = MakeAreaGroups(wijk);
  ASSERT_EQ(g.codes, (std::vector<std::string>{"WK001400", "WK001401"}));
  EXPECT_EQ(g.group_of_area, (std::vector<int32_t>{0, 0, 1}));
  // A wijk without events can be added; the groups stay in code order.
  const AreaGroups all = MakeAreaGroups(wijk, {"WK001402", "WK001399", ""});
  EXPECT_EQ(all.codes, (std::vector<std::string>{"WK001399", "WK001400", "WK001401", "WK001402"}));
  EXPECT_EQ(all.group_of_area, (std::vector<int32_t>{1, 1, 2}));
  const auto p = HourOfWeekByGroup(s, Amsterdam(), Local(2026, 1, 5), Local(2026, 1, 12), g);
  ASSERT_EQ(p.size(), 2u);
  EXPECT_EQ(p[0].total, 2);
  EXPECT_EQ(p[0].counts[32], 2);
  EXPECT_DOUBLE_EQ(p[0].share[32], 1.0);
  EXPECT_EQ(p[1].total, 1);
  EXPECT_EQ(p[1].counts[143], 1);
}

TEST(TimePatternsTest, MonthProfileOverTwoWholeYears) {
  EventSnapshot s;
  for (int i = 0; i < 3; ++i) s.Append({Local(2024, 1, 10 + i, 12), 0, 0, -1, -1});
  s.Append({Local(2024, 2, 29, 23, 30), 0, 0, -1, -1});  // leap day, late evening: February
  s.Append({Local(2024, 2, 1, 0, 10), 0, 0, -1, -1});    // 23:10 UTC on Jan 31: February locally
  s.Append({Local(2025, 1, 31, 12), 0, 0, -1, -1});
  s.Append({Local(2025, 7, 1, 9), 0, 0, -1, -1});
  s.Append({Local(2025, 7, 31, 23, 59), 0, 0, -1, -1});
  s.Append({Local(2026, 1, 1, 0, 0), 0, 0, -1, -1});  // outside
  const MonthProfile m = MonthOfYear(s, Amsterdam(), Local(2024, 1, 1), Local(2026, 1, 1));
  EXPECT_EQ(m.total, 8);
  for (int i = 0; i < 12; ++i) EXPECT_NEAR(m.exposure[i], 2.0, 1e-12) << i;
  // 8 events over 24 months: 1/3 a month. January (3 + 1) / 2 = 2 a year: index 6. February
  // 2 / 2 = 1: index 3. July 1: index 3. March 0.
  EXPECT_NEAR(m.overall_mean, 1.0 / 3.0, 1e-12);
  EXPECT_EQ(m.counts[0], 4);
  EXPECT_EQ(m.counts[1], 2);
  EXPECT_EQ(m.counts[6], 2);
  EXPECT_NEAR(m.mean[0], 2.0, 1e-12);
  EXPECT_NEAR(m.index[0], 6.0, 1e-12);
  EXPECT_NEAR(m.index[1], 3.0, 1e-12);
  EXPECT_NEAR(m.index[6], 3.0, 1e-12);
  EXPECT_DOUBLE_EQ(m.index[2], 0.0);
}

TEST(TimePatternsTest, MonthProfileOfAPartialMonthIsScaledToAWholeOne) {
  EventSnapshot s;
  for (int i = 0; i < 3; ++i) s.Append({Local(2025, 1, 2 + i, 12), 0, 0, -1, -1});
  // 1..15 January: 15 of 31 days, so 3 events are 3 * 31 / 15 = 6.2 per month.
  const MonthProfile m = MonthOfYear(s, Amsterdam(), Local(2025, 1, 1), Local(2025, 1, 16));
  EXPECT_NEAR(m.exposure[0], 15.0 / 31.0, 1e-12);
  EXPECT_NEAR(m.mean[0], 6.2, 1e-12);
  EXPECT_NEAR(m.overall_mean, 6.2, 1e-12);
  EXPECT_NEAR(m.index[0], 1.0, 1e-12);
  EXPECT_DOUBLE_EQ(m.exposure[1], 0.0);
  EXPECT_DOUBLE_EQ(m.index[1], 0.0);
}

TEST(TimePatternsTest, ConditionalPoissonTestByHand) {
  // 10 against 0: both tails of Binomial(10, 1/2) at the extremes, 2 / 2^10.
  EXPECT_DOUBLE_EQ(ConditionalPoissonP(10, 0), 2.0 / 1024);
  EXPECT_DOUBLE_EQ(ConditionalPoissonP(0, 10), 2.0 / 1024);
  // 7 against 3: 2 (C(10,0) + C(10,1) + C(10,2) + C(10,3)) / 2^10 = 2 * 176 / 1024.
  EXPECT_NEAR(ConditionalPoissonP(7, 3), 352.0 / 1024, 1e-14);
  EXPECT_NEAR(ConditionalPoissonP(3, 7), 352.0 / 1024, 1e-14);
  // 20 against 5: 2 (1 + 25 + 300 + 2300 + 12650 + 53130) / 2^25.
  EXPECT_NEAR(ConditionalPoissonP(20, 5), 2.0 * 68406 / 33554432, 1e-15);
  // Equal counts, a single event, nothing at all: no evidence of change.
  EXPECT_DOUBLE_EQ(ConditionalPoissonP(5, 5), 1.0);
  EXPECT_DOUBLE_EQ(ConditionalPoissonP(1, 0), 1.0);
  EXPECT_DOUBLE_EQ(ConditionalPoissonP(0, 0), 1.0);
  // Large n without overflow: 5100 against 4900 is the normal z = 2 with continuity correction;
  // the exact value (summed with Python's integers) is 0.0465855277049...
  EXPECT_NEAR(ConditionalPoissonP(5100, 4900), 0.04658552770494739, 1e-11);
  EXPECT_DOUBLE_EQ(ConditionalPoissonP(1'000'000, 1'000'000), 1.0);
  EXPECT_LT(ConditionalPoissonP(1'010'000, 1'000'000), 1e-10);
}

TEST(TimePatternsTest, TrendPerWijkWithBenjaminiHochberg) {
  EventSnapshot s;
  const int32_t up = s.AreaId("BU00140000"), up2 = s.AreaId("BU00140003"),
                mild = s.AreaId("BU00140100"), flat = s.AreaId("BU00140200"),
                down = s.AreaId("BU00140400");
  s.AreaId("BU00140300");                                          // a wijk without any event
  const int64_t from = Local(2026, 2, 1), to = Local(2026, 3, 1);  // 28 days
  const int64_t before = from - 14 * 86400, during = from + 14 * 86400;
  auto add = [&](int64_t t, int32_t area, int n) {
    for (int i = 0; i < n; ++i) s.Append({t + i, 0, 0, -1, area});
  };
  add(before - 15 * 86400, up, 3);  // before the previous period: not counted
  add(during, up, 6);
  add(during, up2, 4);  // WK001400: 10 against 0
  add(before, mild, 3);
  add(during, mild, 7);  // WK001401: 7 against 3
  add(before, flat, 5);
  add(during, flat, 5);   // WK001402: 5 against 5
  add(before, down, 10);  // WK001404: 0 against 10
  add(to, down, 4);       // after the period: not counted
  add(during, -1, 9);     // outside every wijk
  std::vector<std::string> wijk;
  for (const std::string& b : s.area_names()) wijk.push_back(WijkOfBuurt(b));
  const AreaGroups g = MakeAreaGroups(wijk);
  ASSERT_EQ(g.codes,
            (std::vector<std::string>{"WK001400", "WK001401", "WK001402", "WK001403", "WK001404"}));
  const std::vector<TrendRow> rows = TrendByGroup(s, from, to, g);
  ASSERT_EQ(rows.size(), 5u);
  EXPECT_EQ(rows[0].count, 10);
  EXPECT_EQ(rows[0].previous, 0);
  EXPECT_TRUE(std::isnan(rows[0].change_pct));
  EXPECT_NEAR(rows[1].change_pct, 100.0 * 4 / 3, 1e-12);
  EXPECT_DOUBLE_EQ(rows[2].change_pct, 0.0);
  EXPECT_DOUBLE_EQ(rows[4].change_pct, -100.0);
  // Four wijken tested (WK001403 has nothing in either period). Sorted p: 2/1024, 2/1024,
  // 352/1024, 1; q = p * 4 / rank, made monotone: 4/1024, 4/1024, 352/768, 1.
  EXPECT_DOUBLE_EQ(rows[0].p, 2.0 / 1024);
  EXPECT_DOUBLE_EQ(rows[0].q, 4.0 / 1024);
  EXPECT_DOUBLE_EQ(rows[4].q, 4.0 / 1024);
  EXPECT_NEAR(rows[1].q, 352.0 / 768, 1e-14);
  EXPECT_DOUBLE_EQ(rows[2].q, 1.0);
  EXPECT_DOUBLE_EQ(rows[3].p, 1.0);
  EXPECT_DOUBLE_EQ(rows[3].q, 1.0);
  EXPECT_EQ(rows[0].trend, TrendClass::kIncrease);
  EXPECT_EQ(rows[1].trend, TrendClass::kNoSignificantChange);
  EXPECT_EQ(rows[2].trend, TrendClass::kNoSignificantChange);
  EXPECT_EQ(rows[3].trend, TrendClass::kNoSignificantChange);
  EXPECT_EQ(rows[4].trend, TrendClass::kDecrease);
  EXPECT_EQ(TrendClassName(rows[0].trend), "stijging");
  EXPECT_EQ(TrendClassName(rows[4].trend), "daling");
  EXPECT_EQ(TrendClassName(rows[2].trend), "geen significante verandering");
}

}  // namespace
}  // namespace baken::analysis
