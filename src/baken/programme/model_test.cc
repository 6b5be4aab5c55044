#include "baken/programme/model.h"

#include <gtest/gtest.h>

#include "baken/base/time_zone.h"
#include "baken/programme/indicators.h"

namespace baken::programme {
namespace {

using namespace std::chrono;

TEST(ModelTest, CodesRoundTripAndDutchNames) {
  for (Partner p : kAllPartners) EXPECT_EQ(*ParsePartner(PartnerCode(p)), p);
  for (ItemStatus s : kAllItemStatuses) EXPECT_EQ(*ParseItemStatus(ItemStatusCode(s)), s);
  for (Direction d : kAllDirections) EXPECT_EQ(*ParseDirection(DirectionCode(d)), d);
  for (ValueSource s : kAllValueSources) EXPECT_EQ(*ParseValueSource(ValueSourceCode(s)), s);
  EXPECT_EQ(ItemStatusCode(ItemStatus::kNotStarted), "niet_gestart");
  EXPECT_EQ(ItemStatusName(ItemStatus::kDelayed), "Vertraagd");
  EXPECT_EQ(PartnerName(Partner::kOm), "Openbaar Ministerie");
  EXPECT_EQ(DirectionCode(Direction::kDownIsGood), "down_is_good");
}

TEST(ModelTest, ParseErrorsAreDutchAndNameTheField) {
  StatusOr<ItemStatus> s = ParseItemStatus("klaar");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.status().field(), "status");
  EXPECT_EQ(s.status().message(),
            "Onbekende status 'klaar'; kies uit: niet_gestart, lopend, vertraagd, afgerond, "
            "gestopt.");
  StatusOr<Partner> p = ParsePartner("brandweer", "partners[2]");
  EXPECT_EQ(p.status().field(), "partners[2]");
  EXPECT_NE(p.status().message().find("riec"), std::string::npos);
  EXPECT_EQ(ParseDirection("omhoog").status().field(), "richting");
}

TEST(ModelTest, PeriodsParseFormatAndSpanAmsterdamTime) {
  EXPECT_EQ(*ParsePeriod("2025"), (Period{2025, 0}));
  EXPECT_EQ(*ParsePeriod("2025-Q3"), (Period{2025, 3}));
  EXPECT_EQ(FormatPeriod(Period{2024, 4}), "2024-Q4");
  EXPECT_EQ(FormatPeriod(Period{2024, 0}), "2024");
  for (const char* bad : {"", "25", "2025-Q5", "2025-Q0", "2025Q1", "twee", "2025-K1"}) {
    StatusOr<Period> p = ParsePeriod(bad);
    EXPECT_FALSE(p.ok()) << bad;
    EXPECT_EQ(p.status().field(), "periode") << bad;
  }
  // 1 January 2025 00:00 in Amsterdam is 31 December 2024 23:00 UTC.
  EXPECT_EQ(FormatRfc3339(PeriodStart(Period{2025, 0}), false), "2024-12-31T23:00:00Z");
  EXPECT_EQ(FormatRfc3339(PeriodEnd(Period{2025, 0}), false), "2025-12-31T23:00:00Z");
  // Q2 starts 1 April (summer time: UTC+2) and ends at the start of 1 July.
  EXPECT_EQ(FormatRfc3339(PeriodStart(Period{2025, 2}), false), "2025-03-31T22:00:00Z");
  EXPECT_EQ(FormatRfc3339(PeriodEnd(Period{2025, 2}), false), "2025-06-30T22:00:00Z");
  EXPECT_EQ(PeriodEnd(Period{2025, 4}), PeriodEnd(Period{2025, 0}));
}

Programme SmallProgramme() {
  Programme p;
  p.code = "proef";
  p.name = "Proefprogramma";
  p.start_year = 2022;
  p.end_year = 2024;
  p.ambitions = {{"signaleren", "Goed signaleren", "", true, 1}};
  ActionLine line;
  line.code = "overlast";
  line.name = "Overlast";
  line.actions = {Action{"koppels", "Koppels", "", Partner::kPolitie, {}, {}}};
  p.action_lines = {line};
  return p;
}

TEST(ModelTest, ValidateNamesTheOffendingField) {
  Programme p = SmallProgramme();
  EXPECT_TRUE(Validate(p).ok());
  p.end_year = 2021;
  EXPECT_EQ(Validate(p).field(), "looptijd");
  p = SmallProgramme();
  p.action_lines[0].actions[0].code = "overlast";  // same code as its action line
  EXPECT_EQ(Validate(p).field(), "actielijnen[0].acties[0].code");
  p = SmallProgramme();
  p.action_lines[0].ambition = "bestaat-niet";
  EXPECT_EQ(Validate(p).field(), "actielijnen[0].ambitie");
  p = SmallProgramme();
  p.action_lines[0].progress.milestones = {Milestone{"", 2023y / 1 / 1, {}}};
  EXPECT_EQ(Validate(p).field(), "actielijnen[0].mijlpalen[0]");
  p = SmallProgramme();
  p.action_lines[0].code = "Hoofd Letters";
  EXPECT_EQ(Validate(p).code(), StatusCode::kInvalidArgument);

  Indicator ind;
  ind.code = "i1";
  ind.name = "Indicator";
  ind.source = ValueSource::kComputed;
  EXPECT_EQ(Validate(SmallProgramme(), {ind}).field(), "indicatoren[0].query");
  ind.query = "signalen_mensenhandel";
  ind.action_line = "parkeren";
  EXPECT_EQ(Validate(SmallProgramme(), {ind}).field(), "indicatoren[0].actielijn");
  ind.action_line = "overlast";
  ind.targets = {Target{{2023, 0}, 1}, Target{{2023, 0}, 2}};
  EXPECT_EQ(Validate(SmallProgramme(), {ind}).field(), "indicatoren[0].streefwaarden");
  ind.targets = {};
  EXPECT_TRUE(Validate(SmallProgramme(), {ind}).ok());
}

TEST(SuppressionTest, SmallCountsBelowTheThresholdRead_LessThan) {
  EXPECT_EQ(SuppressSmallCount(0), "< 5");
  EXPECT_EQ(SuppressSmallCount(4), "< 5");
  EXPECT_EQ(SuppressSmallCount(5), "5");
  EXPECT_EQ(SuppressSmallCount(123), "123");
  EXPECT_EQ(SuppressSmallCount(9, 10), "< 10");
  EXPECT_EQ(SuppressSmallCount(10, 10), "10");

  Indicator persons;
  persons.about_persons = true;
  persons.unit = "aantal";
  Indicator places = persons;
  places.about_persons = false;
  const Suppression on{true, 5};
  const Suppression off{};
  EXPECT_EQ(DisplayValue(persons, 3, on), "< 5");
  EXPECT_EQ(DisplayValue(persons, 3, off), "3");
  EXPECT_EQ(DisplayValue(places, 3, on), "3");
  EXPECT_EQ(DisplayValue(persons, 7, on), "7");
  EXPECT_EQ(DisplayValue(persons, 7, Suppression{true, 10}), "< 10");
  Indicator share = persons;
  share.unit = "%";
  EXPECT_EQ(DisplayValue(share, 87.5, on), "87.5");
}

}  // namespace
}  // namespace baken::programme
