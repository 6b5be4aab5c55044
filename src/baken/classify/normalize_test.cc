#include "baken/classify/normalize.h"

#include <gtest/gtest.h>

namespace baken::classify {
namespace {

TEST(NormalizeTextTest, LowerCasesAndSplitsPunctuation) {
  EXPECT_EQ(NormalizeText("Hondenpoep!!Bij de Vismarkt."), "hondenpoep bij de vismarkt");
  EXPECT_EQ(NormalizeText("  Lantaarnpaal,   kapot?  "), "lantaarnpaal kapot");
  EXPECT_EQ(NormalizeText("wild-plassen (weer)"), "wild plassen weer");
}

TEST(NormalizeTextTest, FoldsDutchDiacriticsSoSpellingsMeet) {
  EXPECT_EQ(NormalizeText("Café"), NormalizeText("cafe"));
  EXPECT_EQ(NormalizeText("ÉÉN ruïne, twee cafés"), "een ruine twee cafes");
  EXPECT_EQ(NormalizeText("coördinatie"), "coordinatie");
  EXPECT_EQ(NormalizeText("\xC4\xB2SSELMEER"), "ijsselmeer");  // the ligature Ĳ
  EXPECT_EQ(NormalizeText("straße"), "strasse");
}

TEST(NormalizeTextTest, KeepsDigitsAndTreatsQuotesAndDashesAsBoundaries) {
  EXPECT_EQ(NormalizeText("om 5 uur\u2014\u201Cweer\u201D 112"), "om 5 uur weer 112");
  EXPECT_EQ(NormalizeText("\xA7 3 \xC2\xAB"), "3");  // stray byte and guillemet
}

TEST(NormalizeTextTest, EmptyForOnlyPunctuation) {
  EXPECT_EQ(NormalizeText("?!... --"), "");
  EXPECT_EQ(NormalizeText(""), "");
}

TEST(NormalizeTextTest, Utf8Validation) {
  EXPECT_TRUE(IsValidUtf8("één brug"));
  EXPECT_FALSE(IsValidUtf8("\xC3"));
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));  // overlong '/'
}

}  // namespace
}  // namespace baken::classify
