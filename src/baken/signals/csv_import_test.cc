#include "baken/signals/csv_import.h"

#include <sstream>

#include <gtest/gtest.h>

#include "baken/base/time_zone.h"
#include "baken/signals/defaults.h"

namespace baken::signals {
namespace {

CategoryCatalog Catalog() {
  StatusOr<CategoryCatalog> c = ParseTaxonomy(DefaultTaxonomyJson());
  EXPECT_TRUE(c.ok()) << c.status().ToString();
  return *c;
}

TEST(ColumnMap, PairsOverrideTheDefaults) {
  ImportMapping m;
  ASSERT_TRUE(ParseColumnMap("time=Datum melding, x=x_rd,y=y_rd ,id=nr", m).ok());
  EXPECT_EQ(m.columns["time"], "Datum melding");
  EXPECT_EQ(m.columns["x"], "x_rd");
  EXPECT_EQ(m.columns["y"], "y_rd");
  EXPECT_EQ(m.columns["id"], "nr");
  EXPECT_EQ(m.columns["category"], "categorie");  // default kept
}

TEST(ColumnMap, UnknownFieldIsNamed) {
  ImportMapping m;
  Status s = ParseColumnMap("tijd=datum", m);
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(s.message().find("Onbekend veld 'tijd'"), std::string::npos) << s.message();
  EXPECT_EQ(s.field(), "--map");
}

TEST(ColumnMap, PairWithoutColumnOrEqualsIsRefused) {
  ImportMapping m;
  EXPECT_NE(ParseColumnMap("time=", m).message().find("geen kolomnaam"), std::string::npos);
  EXPECT_NE(ParseColumnMap("time", m).message().find("veld=kolom"), std::string::npos);
}

TEST(CsvImportReader, MissingColumnIsNamedAtOpen) {
  std::istringstream in("datum,x,y,categorie,meldingnummer\n");
  ImportMapping m;
  CategoryCatalog catalog = Catalog();
  auto r = CsvImportReader::Open(in, m, catalog);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().field(), "omschrijving");
  EXPECT_NE(r.status().message().find("'omschrijving' (voor text)"), std::string::npos)
      << r.status().message();
}

TEST(CsvImportReader, RowsBecomeItemsAndBadRowsNameLineAndColumn) {
  std::istringstream in(
      "nr;wanneer;x_rd;y_rd;soort;tekst\n"
      "1;2024-03-01 14:30;233500;582000;hondenpoep;Hondenpoep op de stoep\n"
      "2;2024-03-02T10:00:00Z;233600,5;582100;Container vol of kapot;De container is vol\n"
      "3;2024-03-03 09:00;abc;582000;hondenpoep;Coördinaat kapot\n"
      "4;gisteren;233500;582000;hondenpoep;Tijd kapot hier\n"
      "5;2024-03-03 09:00;233500;582000;bestaat-niet;Categorie kapot\n"
      "6;2024-03-03 09:00;233500;582000;hondenpoep;\n");
  ImportMapping m;
  m.delimiter = ';';
  m.source = "oud";
  ASSERT_TRUE(ParseColumnMap("id=nr,time=wanneer,x=x_rd,y=y_rd,category=soort,text=tekst", m).ok());
  CategoryCatalog catalog = Catalog();
  auto r = CsvImportReader::Open(in, m, catalog);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  std::vector<ImportItem> items;
  std::vector<ImportRejection> rejected;
  auto n = (*r)->ReadChunk(100, items, rejected);
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(*n, 6);
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].melding.source_id, "oud:1");
  EXPECT_EQ(items[0].melding.channel, Channel::kImport);
  EXPECT_EQ(items[0].line, 2);
  EXPECT_EQ(FormatRfc3339(items[0].received_at), "2024-03-01T14:30:00+01:00");
  EXPECT_EQ(items[1].melding.category, "afvalcontainer");   // public name accepted
  EXPECT_DOUBLE_EQ(items[1].melding.location.a, 233600.5);  // decimal comma
  ASSERT_EQ(rejected.size(), 4u);
  EXPECT_EQ(rejected[0].line, 4);
  EXPECT_EQ(rejected[0].field, "x_rd");
  EXPECT_NE(rejected[0].message.find("'abc' is geen getal"), std::string::npos)
      << rejected[0].message;
  EXPECT_EQ(rejected[1].field, "wanneer");
  EXPECT_EQ(rejected[2].field, "soort");
  EXPECT_NE(rejected[2].message.find("Onbekende categorie 'bestaat-niet'"), std::string::npos);
  EXPECT_EQ(rejected[3].line, 7);
  EXPECT_EQ(rejected[3].field, "tekst");
  EXPECT_NE(rejected[3].message.find("De waarde ontbreekt"), std::string::npos);
  EXPECT_EQ(*(*r)->ReadChunk(100, items, rejected), 0);
}

TEST(CsvImportReader, TextNotUtf8IsARejectedRowNamingTheColumn) {
  std::istringstream in(
      "nr;wanneer;x_rd;y_rd;soort;tekst\n"
      "1;2024-03-01 14:30;233500;582000;hondenpoep;Kapot \xFF\xFE op de stoep\n"
      "2;2024-03-01 14:30;233500;582000;hondenpoep;Hondenpoep op de stoep\n");
  ImportMapping m;
  m.delimiter = ';';
  ASSERT_TRUE(ParseColumnMap("id=nr,time=wanneer,x=x_rd,y=y_rd,category=soort,text=tekst", m).ok());
  CategoryCatalog catalog = Catalog();
  auto r = CsvImportReader::Open(in, m, catalog);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  std::vector<ImportItem> items;
  std::vector<ImportRejection> rejected;
  ASSERT_TRUE((*r)->ReadChunk(100, items, rejected).ok());
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].melding.source_id, "import:2");
  ASSERT_EQ(rejected.size(), 1u);
  EXPECT_EQ(rejected[0].line, 2);
  EXPECT_EQ(rejected[0].field, "tekst");
  EXPECT_NE(rejected[0].message.find("UTF-8"), std::string::npos) << rejected[0].message;
}

TEST(CsvImportReader, ChunksAreBounded) {
  std::string csv = "datum,x,y,categorie,omschrijving,meldingnummer\n";
  for (int i = 0; i < 25; ++i) {
    csv += "2024-01-01 10:00,233500,582000,hondenpoep,Hondenpoep hier," + std::to_string(i) + "\n";
  }
  std::istringstream in(csv);
  CategoryCatalog catalog = Catalog();
  auto r = CsvImportReader::Open(in, ImportMapping{}, catalog);
  ASSERT_TRUE(r.ok());
  std::vector<ImportItem> items;
  std::vector<ImportRejection> rejected;
  EXPECT_EQ(*(*r)->ReadChunk(10, items, rejected), 10);
  EXPECT_EQ(items.size(), 10u);
  EXPECT_EQ(*(*r)->ReadChunk(10, items, rejected), 10);
  EXPECT_EQ(*(*r)->ReadChunk(10, items, rejected), 5);
  EXPECT_EQ(items.back().melding.source_id, "import:24");
  EXPECT_EQ((*r)->rows_read(), 25);
}

TEST(ImportTime, SpringGapMovesForwardAndGarbageIsNamed) {
  auto t = ParseImportTime("2024-03-31 02:30", "datum");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(FormatRfc3339(*t), "2024-03-31T03:30:00+02:00");
  auto bad = ParseImportTime("31-03-2024", "datum");
  EXPECT_EQ(bad.status().field(), "datum");
}

}  // namespace
}  // namespace baken::signals
