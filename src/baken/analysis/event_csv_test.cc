#include "baken/analysis/event_csv.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>

#include "baken/base/zone_rules.h"

namespace baken::analysis {
namespace {

using ::testing::HasSubstr;

LoadOptions ChicagoOptions() {
  LoadOptions o;
  o.map = *ParseColumnMap("time=date,lon=longitude,lat=latitude,category=loc_cat,area=district");
  o.tz = "America/Chicago";
  return o;
}

StatusOr<LoadReport> Load(const std::string& text, const LoadOptions& o) {
  std::istringstream in(text);
  return LoadEventsCsv(in, o);
}

constexpr char kChicago[] =
    "date,loc_cat,longitude,latitude,district\n"
    "2019-07-01 12:00,street,-87.6277,41.7922,2\n"
    "2019-01-01 00:05,residence,-87.6683,41.7513,11\n"
    "2019-07-02 08:00,street,-87.7100,41.8800,11\n";

TEST(EventCsvTest, LoadsMappedColumnsInTimeOrderInUtm) {
  auto r = Load(kChicago, ChicagoOptions());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->rows, 3);
  EXPECT_EQ(r->bad, 0);
  ASSERT_EQ(r->events.size(), 3u);
  EXPECT_EQ(r->events.epsg(), 32616);
  // Sorted by time although the file is not; local CST/CDT read as UTC.
  EXPECT_EQ(r->events.at(0).time, CivilSeconds(2019, 1, 1, 6, 5));
  EXPECT_EQ(r->events.at(1).time, CivilSeconds(2019, 7, 1, 17, 0));
  EXPECT_EQ(r->events.category_names()[r->events.at(0).category], "residence");
  EXPECT_EQ(r->events.area_names()[r->events.at(0).area], "11");
  // UTM 16N: about 440 km east, 4,630 km north.
  EXPECT_NEAR(r->events.at(0).x, 444500, 3000);
  EXPECT_NEAR(r->events.at(0).y, 4622700, 3000);
}

TEST(EventCsvTest, FiltersOnColumnCategoryAndPeriod) {
  LoadOptions o = ChicagoOptions();
  ASSERT_TRUE(ParseFilter("district=11", o.filter).ok());
  auto r = Load(kChicago, o);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->events.size(), 2u);
  EXPECT_EQ(r->filtered, 1);
  o.filter.categories = {"street"};
  o.filter.from = CivilSeconds(2019, 7, 2, 0, 0);
  r = Load(kChicago, o);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->events.size(), 1u);
  EXPECT_EQ(r->events.at(0).time, CivilSeconds(2019, 7, 2, 13, 0));
}

TEST(EventCsvTest, BadRowsAreNamedCountedAndSkipped) {
  auto r = Load(
      "date,loc_cat,longitude,latitude,district\n"
      "2019-07-01 12:00,street,-87.6277,abc,2\n"
      "2019-02-30 12:00,street,-87.6277,41.79,2\n"
      "2019-07-01 12:00,street,,41.79,2\n"
      "gisteren,street,-87.6277,41.79,2\n"
      "2019-07-01 12:00,street,-87.6277,91.5,2\n"
      "2019-07-01 12:00,street,-87.6277,41.79,2\n",
      ChicagoOptions());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->rows, 6);
  EXPECT_EQ(r->bad, 5);
  EXPECT_EQ(r->events.size(), 1u);
  ASSERT_EQ(r->errors.size(), 5u);
  EXPECT_EQ(r->errors[0], "regel 2, kolom 'latitude': geen getal: 'abc'");
  EXPECT_THAT(r->errors[1], HasSubstr("regel 3, kolom 'date': datum of tijd bestaat niet"));
  EXPECT_EQ(r->errors[2], "regel 4, kolom 'longitude': geen getal: ''");
  EXPECT_THAT(r->errors[3], HasSubstr("regel 5, kolom 'date'"));
  EXPECT_THAT(r->errors[4], HasSubstr("regel 6, kolom 'latitude': breedtegraad buiten bereik"));
}

TEST(EventCsvTest, CategoryOrAreaNotUtf8IsARefusedRowNotAStoredName) {
  auto r = Load(
      "date,loc_cat,longitude,latitude,district\n"
      "2019-07-01 12:00,str\xFF\xFE"
      "et,-87.6277,41.79,2\n"
      "2019-07-01 12:00,street,-87.6277,41.79,\xC3\n"
      "2019-07-01 12:00,straße,-87.6277,41.79,2\n",
      ChicagoOptions());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->bad, 2);
  EXPECT_EQ(r->events.size(), 1u);
  ASSERT_EQ(r->errors.size(), 2u);
  EXPECT_EQ(r->errors[0], "regel 2, kolom 'loc_cat': geen geldige UTF-8-tekst");
  EXPECT_EQ(r->errors[1], "regel 3, kolom 'district': geen geldige UTF-8-tekst");
}

TEST(EventCsvTest, MappingErrorsStopTheLoad) {
  EXPECT_EQ(ParseColumnMap("lon=a,lat=b").status().message(), "time=KOLOM ontbreekt");
  EXPECT_THAT(ParseColumnMap("time=t,lon=a").status().message(), HasSubstr("lon=...,lat=..."));
  EXPECT_THAT(ParseColumnMap("time=t,x=a,y=b,lon=c,lat=d").status().message(),
              HasSubstr("niet beide"));
  EXPECT_THAT(ParseColumnMap("time=t,x=a,y=b,colour=c").status().message(),
              HasSubstr("onbekend veld 'colour'"));
  LoadOptions o = ChicagoOptions();
  o.map.lat = "lat";
  auto r = Load(kChicago, o);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "kolom 'lat' staat niet in de kopregel");
  EXPECT_EQ(r.status().field(), "--map");
}

TEST(EventCsvTest, RdColumnsAndAmsterdamTime) {
  LoadOptions o;
  o.map = *ParseColumnMap("time=tijd,x=x,y=y");
  auto r = Load("tijd,x,y\n2026-03-29 02:30,233000,582000\n2026-01-05 10:00,52.2,6.5\n", o);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->events.size(), 1u);
  EXPECT_EQ(r->events.epsg(), 28992);
  // The spring gap in Amsterdam: 02:30 is read as 03:30 CEST = 01:30 UTC.
  EXPECT_EQ(r->events.at(0).time, CivilSeconds(2026, 3, 29, 1, 30));
  EXPECT_EQ(r->bad, 1);
  EXPECT_THAT(r->errors[0], HasSubstr("lijkt op WGS84"));
}

TEST(EventSnapshotTest, AppendKeepsTimeOrder) {
  EventSnapshot s;
  s.Append({100, 1, 1});
  s.Append({300, 3, 3});
  s.Append({200, 2, 2});  // late: inserted in place
  s.Append({300, 4, 4});  // same time: after the earlier one
  ASSERT_EQ(s.size(), 4u);
  EXPECT_EQ(s.at(1).x, 2);
  EXPECT_EQ(s.at(3).x, 4);
  EXPECT_EQ(s.Between(150, 300), std::make_pair(size_t{1}, size_t{2}));
  EXPECT_EQ(s.Between(0, 1000), std::make_pair(size_t{0}, size_t{4}));
}

}  // namespace
}  // namespace baken::analysis
