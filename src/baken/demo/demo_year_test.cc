// The demo year as an analyst would notice it: the same year for the same seed, points in the
// buurten they claim, lifecycles the workflow allows, weekend nights in the binnenstad, winter
// gladheid, summer parks, hot spots to find, and deadlines mostly but not always met.
#include "baken/demo/demo_year.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <set>

#include <gtest/gtest.h>

#include "baken/base/time_zone.h"
#include "baken/base/work_calendar.h"
#include "baken/geo/locator.h"
#include "baken/geo/testing/test_data.h"
#include "baken/signals/workflow.h"

namespace baken::demo {
namespace {

using signals::State;

const signals::CategoryCatalog& Catalog() {
  static const signals::CategoryCatalog* catalog = [] {
    auto c = signals::ReadTaxonomyFile(std::string(BAKEN_SOURCE_DIR) +
                                       "/data/categories/groningen.json");
    if (!c.ok()) {
      ADD_FAILURE() << c.status().ToString();
      std::abort();
    }
    return new signals::CategoryCatalog(std::move(*c));
  }();
  return *catalog;
}

// The full demo year of seed 1, made once for all tests.
const DemoYear& Year() {
  static const DemoYear* year = [] {
    auto y = GenerateDemoYear(DemoOptions{}, geo::testing::GroningenAreas(), Catalog());
    if (!y.ok()) {
      ADD_FAILURE() << y.status().ToString();
      std::abort();
    }
    return new DemoYear(std::move(*y));
  }();
  return *year;
}

bool IsCentre(const std::string& buurt) {
  const geo::Area* a = geo::testing::GroningenAreas().Find(buurt);
  return a != nullptr && a->parent_code == "WK001400";
}

TEST(DemoYearTest, SameSeedSameYearOtherSeedOtherYear) {
  DemoOptions options;
  options.scale = 3000;
  options.seed = 7;
  auto a = GenerateYear(options, geo::testing::GroningenAreas(), Catalog());
  auto b = GenerateYear(options, geo::testing::GroningenAreas(), Catalog());
  options.seed = 8;
  auto c = GenerateYear(options, geo::testing::GroningenAreas(), Catalog());
  ASSERT_TRUE(a.ok() && b.ok() && c.ok()) << a.status().ToString();
  ASSERT_EQ(a->size(), b->size());
  ASSERT_GT(a->size(), 2900u);
  int differences = 0;
  for (size_t i = 0; i < a->size(); ++i) {
    const auto& x = (*a)[i];
    const auto& y = (*b)[i];
    EXPECT_EQ(x.melding.text, y.melding.text);
    EXPECT_EQ(x.melding.category, y.melding.category);
    EXPECT_EQ(x.melding.location.a, y.melding.location.a);
    EXPECT_EQ(x.melding.location.b, y.melding.location.b);
    EXPECT_EQ(x.received_at, y.received_at);
    EXPECT_EQ(x.melding.source_id, y.melding.source_id);
    EXPECT_EQ(x.steps.size(), y.steps.size());
    if (i < c->size() && ((*c)[i].melding.text != x.melding.text ||
                          (*c)[i].melding.location.a != x.melding.location.a)) {
      ++differences;
    }
  }
  EXPECT_GT(differences, static_cast<int>(a->size()) * 9 / 10);
}

TEST(DemoYearTest, EveryPointLiesInTheMunicipalityAndInItsBuurt) {
  auto locator = geo::Locator::Build(geo::testing::GroningenAreas());
  ASSERT_TRUE(locator.ok());
  for (const DemoMelding& m : Year().meldingen) {
    const auto& loc = m.item.melding.location;
    ASSERT_EQ(loc.crs, signals::GivenLocation::Crs::kRd);
    geo::LocateResult hit = locator->Locate({loc.a, loc.b});
    ASSERT_NE(hit.buurt, nullptr) << m.item.melding.source_id << " ligt buiten de gemeente";
    EXPECT_EQ(hit.buurt->code, m.buurt) << m.item.melding.source_id;
  }
}

TEST(DemoYearTest, SizeMixSourceIdsReportersAndTexts) {
  const auto& ms = Year().meldingen;
  EXPECT_GT(ms.size(), 39000u);
  EXPECT_LE(ms.size(), 40000u);
  std::map<std::string, int> per_category;
  std::set<std::string> ids;
  int named = 0;
  for (size_t i = 0; i < ms.size(); ++i) {
    const signals::NewMelding& n = ms[i].item.melding;
    ASSERT_NE(Catalog().Find(n.category), nullptr) << n.category;
    ++per_category[n.category];
    EXPECT_EQ(n.source_id, "demo-2025-" + std::to_string(i + 1));
    ids.insert(n.source_id);
    EXPECT_GE(n.text.size(), 10u);
    EXPECT_EQ(n.text.find('{'), std::string::npos) << n.text;
    EXPECT_EQ(n.tenant, "GM0014");
    if (!n.reporter.anonymous()) {
      ++named;
      EXPECT_TRUE(n.reporter.email.ends_with("@example.nl")) << n.reporter.email;
      EXPECT_FALSE(n.reporter.name.empty());
    }
    if (i > 0) {
      EXPECT_LE(ms[i - 1].item.received_at, ms[i].item.received_at);
    }
  }
  EXPECT_EQ(ids.size(), ms.size());
  EXPECT_NEAR(static_cast<double>(named) / ms.size(), 0.2, 0.05);
  // The big three themes, a few hundred verward gedrag, tens of ondermijning and mensenhandel.
  EXPECT_GT(per_category["afvalcontainer"], per_category["hondenpoep"]);
  EXPECT_GT(per_category["foutparkeren"], per_category["jeugdoverlast"]);
  EXPECT_GT(per_category["verward-gedrag"], 150);
  EXPECT_LT(per_category["verward-gedrag"], 600);
  EXPECT_GT(per_category["signaal-mensenhandel"], 10);
  EXPECT_LT(per_category["signaal-mensenhandel"], 100);
  const int ondermijning = per_category["vermoeden-ondermijning"] + per_category["drugslab-hennep"];
  EXPECT_GT(ondermijning, 20);
  EXPECT_LT(ondermijning, 150);
  EXPECT_EQ(per_category.size(), Catalog().categories().size());
}

TEST(DemoYearTest, EveryLifecyclePassesTheWorkflowInTimeOrder) {
  int closed = 0;
  for (const DemoMelding& m : Year().meldingen) {
    const signals::ImportItem& item = m.item;
    ASSERT_TRUE(item.melding.occurred_at.has_value());
    EXPECT_LE(*item.melding.occurred_at, item.received_at);
    State from = State::kGemeld;
    Timestamp at = item.received_at;
    for (const signals::LifecycleStep& step : item.steps) {
      EXPECT_TRUE(signals::CheckTransition(from, step.to, step.reporter_text).ok())
          << item.melding.source_id << ": " << signals::StateCode(from) << " -> "
          << signals::StateCode(step.to);
      EXPECT_GE(step.at, at) << item.melding.source_id;
      from = step.to;
      at = step.at;
    }
    if (signals::IsClosed(from)) ++closed;
  }
  EXPECT_GT(closed, static_cast<int>(Year().meldingen.size()) * 9 / 10);
}

TEST(DemoYearTest, LastWeeksStillOpenJanuaryAllClosed) {
  int late_december = 0, late_december_open = 0;
  for (const DemoMelding& m : Year().meldingen) {
    const auto date = AmsterdamDate(m.item.received_at);
    const bool closed = !m.item.steps.empty() && signals::IsClosed(m.item.steps.back().to);
    if (date.month() == std::chrono::January) {
      EXPECT_TRUE(closed) << m.item.melding.source_id;
    }
    if (date.month() == std::chrono::December && date.day() >= std::chrono::day(22)) {
      ++late_december;
      if (!closed) ++late_december_open;
    }
  }
  ASSERT_GT(late_december, 300);
  EXPECT_GT(late_december_open, late_december / 3);
}

TEST(DemoYearTest, LateShareBetweenEightAndTwentyFivePercent) {
  const WorkCalendar calendar;
  int closed = 0, late = 0, very_late = 0;
  for (const DemoMelding& m : Year().meldingen) {
    if (m.item.steps.empty() || m.item.steps.back().to != State::kAfgehandeld) continue;
    const signals::Category* c = Catalog().Find(m.item.melding.category);
    const Timestamp deadline = c->service_level.DeadlineFrom(m.item.received_at, calendar);
    const Timestamp done = m.item.steps.back().at;
    ++closed;
    if (done > deadline) ++late;
    if (done - m.item.received_at > 3 * (deadline - m.item.received_at)) ++very_late;
  }
  const double share = static_cast<double>(late) / closed;
  EXPECT_GE(share, 0.08);
  EXPECT_LE(share, 0.25);
  EXPECT_GT(very_late, 0);
  EXPECT_LT(very_late, late / 2);
}

TEST(DemoYearTest, BinnenstadHorecaPeaksOnWeekendNights) {
  // Meldingen per night hour (22:00-04:00): Friday and Saturday nights against the other five.
  int weekend = 0, weekday = 0;
  for (const DemoMelding& m : Year().meldingen) {
    const std::string& c = m.item.melding.category;
    if ((c != "horeca" && c != "geluid-horeca") || !IsCentre(m.buurt)) continue;
    const LocalDateTime local = ToAmsterdam(*m.item.melding.occurred_at);
    if (local.hour >= 4 && local.hour < 22) continue;
    // The night belongs to the evening it started on.
    auto evening = std::chrono::sys_days(local.date);
    if (local.hour < 4) evening -= std::chrono::days(1);
    const unsigned wd = std::chrono::weekday(evening).c_encoding();
    if (wd == 5 || wd == 6) {
      ++weekend;
    } else {
      ++weekday;
    }
  }
  const double weekend_rate = weekend / 2.0;
  const double weekday_rate = weekday / 5.0;
  EXPECT_GT(weekend, 100);
  EXPECT_GT(weekend_rate, 2.5 * weekday_rate) << weekend << " vs " << weekday;
}

TEST(DemoYearTest, GladheidOnlyInWinterParksPeakInSummer) {
  std::map<unsigned, int> park_months;
  int gladheid = 0;
  for (const DemoMelding& m : Year().meldingen) {
    const unsigned month =
        static_cast<unsigned>(AmsterdamDate(*m.item.melding.occurred_at).month());
    if (m.item.melding.category == "gladheid") {
      ++gladheid;
      EXPECT_TRUE(month >= 11 || month <= 3) << "gladheid in maand " << month;
    }
    if (m.item.melding.category == "overlast-groen") ++park_months[month];
  }
  EXPECT_GT(gladheid, 100);
  int summer = park_months[6] + park_months[7] + park_months[8];
  int total = 0;
  for (const auto& [month, n] : park_months) total += n;
  EXPECT_GT(summer, total / 2);
  for (unsigned month = 1; month <= 12; ++month) {
    if (month >= 6 && month <= 8) continue;
    EXPECT_LT(park_months[month], park_months[7]) << "maand " << month;
  }
}

TEST(DemoYearTest, AtLeastTwentyRecurringClusters) {
  // Found without knowing the hot spots: per category, points with >= 20 of the same category
  // within 75 m, taken greedily and at least 150 m apart.
  constexpr double kRadius = 75;
  std::map<std::string, std::vector<std::pair<double, double>>> by_category;
  for (const DemoMelding& m : Year().meldingen) {
    by_category[m.item.melding.category].push_back(
        {m.item.melding.location.a, m.item.melding.location.b});
  }
  int clusters = 0;
  for (const auto& [category, points] : by_category) {
    std::map<std::pair<int64_t, int64_t>, std::vector<int>> grid;
    auto cell = [&](double v) { return static_cast<int64_t>(std::floor(v / kRadius)); };
    for (int i = 0; i < static_cast<int>(points.size()); ++i) {
      grid[{cell(points[i].first), cell(points[i].second)}].push_back(i);
    }
    std::vector<std::pair<int, int>> counts;  // (neighbours, index)
    for (int i = 0; i < static_cast<int>(points.size()); ++i) {
      int n = 0;
      const int64_t cx = cell(points[i].first), cy = cell(points[i].second);
      for (int64_t gx = cx - 1; gx <= cx + 1; ++gx) {
        for (int64_t gy = cy - 1; gy <= cy + 1; ++gy) {
          auto it = grid.find({gx, gy});
          if (it == grid.end()) continue;
          for (int j : it->second) {
            const double dx = points[i].first - points[j].first;
            const double dy = points[i].second - points[j].second;
            if (dx * dx + dy * dy <= kRadius * kRadius) ++n;
          }
        }
      }
      if (n >= 20) counts.push_back({n, i});
    }
    std::sort(counts.rbegin(), counts.rend());
    std::vector<int> centres;
    for (const auto& [n, i] : counts) {
      bool near = false;
      for (int c : centres) {
        const double dx = points[i].first - points[c].first;
        const double dy = points[i].second - points[c].second;
        if (dx * dx + dy * dy < 4 * kRadius * kRadius) near = true;
      }
      if (!near) centres.push_back(i);
    }
    clusters += static_cast<int>(centres.size());
  }
  EXPECT_GE(clusters, 20);
  EXPECT_EQ(Year().hot_spots.size(), 30u);
}

TEST(DemoYearTest, NothingAfterNowAndClearErrors) {
  DemoOptions options;
  options.scale = 2000;
  options.now = StartOfAmsterdamDay(
      std::chrono::year_month_day{std::chrono::year{2025}, std::chrono::July, std::chrono::day{1}});
  auto items = GenerateYear(options, geo::testing::GroningenAreas(), Catalog());
  ASSERT_TRUE(items.ok());
  EXPECT_GT(items->size(), 700u);
  EXPECT_LT(items->size(), 1300u);
  for (const auto& item : *items) {
    EXPECT_LT(item.received_at, *options.now);
    for (const auto& step : item.steps) EXPECT_LE(step.at, *options.now);
  }

  options.scale = -1;
  EXPECT_EQ(GenerateYear(options, geo::testing::GroningenAreas(), Catalog()).status().field(),
            "schaal");
  geo::AreaSet empty;
  EXPECT_EQ(GenerateYear(DemoOptions{}, empty, Catalog()).status().code(),
            StatusCode::kFailedPrecondition);
}

}  // namespace
}  // namespace baken::demo
