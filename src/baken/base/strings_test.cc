#include "baken/base/strings.h"

#include <gtest/gtest.h>

namespace baken {
namespace {

TEST(StringsTest, TrimRemovesAsciiWhiteSpaceAtBothEndsOnly) {
  EXPECT_EQ(Trim("  Vismarkt 1\t\r\n"), "Vismarkt 1");
  EXPECT_EQ(Trim("\f\vGrote Markt"), "Grote Markt");
  EXPECT_EQ(Trim("Oude  Ebbinge"), "Oude  Ebbinge");  // inside stays
  EXPECT_EQ(Trim(" \t\r\n"), "");
  EXPECT_EQ(Trim(""), "");
  EXPECT_EQ(Trim("\xC2\xA0x\xC2\xA0"), "\xC2\xA0x\xC2\xA0");  // no-break space is not ASCII
}

TEST(StringsTest, ToLowerAsciiFoldsOnlyAToZ) {
  EXPECT_EQ(ToLowerAscii("Content-Type"), "content-type");
  EXPECT_EQ(ToLowerAscii("JAN@Example.NL"), "jan@example.nl");
  EXPECT_EQ(ToLowerAscii("ÉÉN Straat"), "ÉÉn straat");  // the UTF-8 É is untouched
  EXPECT_EQ(ToLowerAscii(""), "");
}

}  // namespace
}  // namespace baken
