#include "baken/base/csv.h"

#include <sstream>

#include <gtest/gtest.h>

namespace baken {
namespace {

std::vector<std::vector<std::string>> ReadAll(const std::string& text) {
  std::istringstream in(text);
  CsvReader reader(in);
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> fields;
  while (true) {
    auto more = reader.Next(fields);
    EXPECT_TRUE(more.ok()) << more.status().ToString();
    if (!more.ok() || !*more) break;
    rows.push_back(fields);
  }
  return rows;
}

TEST(CsvTest, PlainQuotedAndEmbedded) {
  auto rows =
      ReadAll("x,y,omschrijving\r\n233883,582065,\"Markt, \"\"oost\"\"\"\n1,2,\"twee\nregels\"\n");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[1][2], "Markt, \"oost\"");
  EXPECT_EQ(rows[2][2], "twee\nregels");
}

TEST(CsvTest, EmptyFieldsBlankLinesAndBom) {
  auto rows = ReadAll(
      "\xEF\xBB\xBF"
      "a,b\n\n,\n3,\n");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0][0], "a");
  EXPECT_EQ(rows[1], (std::vector<std::string>{"", ""}));
  EXPECT_EQ(rows[2], (std::vector<std::string>{"3", ""}));
}

TEST(CsvTest, LastLineWithoutNewline) {
  auto rows = ReadAll("a\nb");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1][0], "b");
}

TEST(CsvTest, LineNumbersCountEmbeddedNewlines) {
  std::istringstream in("h\n\"a\nb\"\nc\n");
  CsvReader reader(in);
  std::vector<std::string> f;
  ASSERT_TRUE(*reader.Next(f));
  EXPECT_EQ(reader.line(), 1);
  ASSERT_TRUE(*reader.Next(f));
  EXPECT_EQ(reader.line(), 2);
  ASSERT_TRUE(*reader.Next(f));
  EXPECT_EQ(reader.line(), 4);
}

TEST(CsvTest, UnclosedQuoteIsAnErrorNamingTheLine) {
  std::istringstream in("a\n\"open\n");
  CsvReader reader(in);
  std::vector<std::string> f;
  ASSERT_TRUE(*reader.Next(f));
  auto bad = reader.Next(f);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("regel 2"), std::string::npos);
}

TEST(CsvTest, WriterQuotesOnlyWhenNeeded) {
  std::ostringstream out;
  WriteCsvRecord(out, {"BU00140000", "Binnenstad-Noord", "a,b", "zei \"hoi\"", ""});
  EXPECT_EQ(out.str(), "BU00140000,Binnenstad-Noord,\"a,b\",\"zei \"\"hoi\"\"\",\n");
  auto rows = ReadAll(out.str());
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0][3], "zei \"hoi\"");
}

TEST(CsvTest, SpreadsheetCellsStartingWithAFormulaCharacterAreText) {
  EXPECT_EQ(CsvSpreadsheetCell("=HYPERLINK(\"http://x\")"), "\"'=HYPERLINK(\"\"http://x\"\")\"");
  EXPECT_EQ(CsvSpreadsheetCell("+31 6 1234"), "'+31 6 1234");
  EXPECT_EQ(CsvSpreadsheetCell("-1+2"), "'-1+2");
  EXPECT_EQ(CsvSpreadsheetCell("@SUM(A1)"), "'@SUM(A1)");
  EXPECT_EQ(CsvSpreadsheetCell("\t=1"), "'\t=1");
  EXPECT_EQ(CsvSpreadsheetCell("\r=1"), "\"'\r=1\"");
  EXPECT_EQ(CsvSpreadsheetCell("Kapotte lamp, = kapot"), "\"Kapotte lamp, = kapot\"");
  EXPECT_EQ(CsvSpreadsheetCell(""), "");
}

TEST(CsvTest, FindColumnIgnoresCase) {
  std::vector<std::string> header = {"Lon", "lat", "id"};
  EXPECT_EQ(FindColumn(header, "lon"), 0u);
  EXPECT_EQ(FindColumn(header, "lat"), 1u);
  EXPECT_FALSE(FindColumn(header, "x").has_value());
}

}  // namespace
}  // namespace baken
