#include "baken/security/masking.h"

#include "gtest/gtest.h"

namespace baken::security {
namespace {

TEST(MaskingTest, Email) {
  EXPECT_EQ(MaskEmail("jan.jansen@example.nl"), "j***@e***.nl");
  EXPECT_EQ(MaskEmail("a@b"), "a***@b***");
  EXPECT_EQ(MaskEmail("@groningen.nl"), "***@g***.nl");
  EXPECT_EQ(MaskEmail(""), "");
}

TEST(MaskingTest, PhoneKeepsOnlyLastTwoDigits) {
  EXPECT_EQ(MaskPhone("06-12345678"), "********78");
  EXPECT_EQ(MaskPhone("+31 50 367 00 00"), "*********00");
  EXPECT_EQ(MaskPhone("112"), "***");
  EXPECT_EQ(MaskPhone(""), "");
}

TEST(MaskingTest, NameKeepsInitialsWholeInUtf8) {
  EXPECT_EQ(MaskName("Jan de Vries"), "J*** d*** V***");
  EXPECT_EQ(MaskName("  Ömer   Çelik "), "Ö*** Ç***");
  EXPECT_EQ(MaskName(""), "");
}

TEST(MaskingTest, FreeTextIsHiddenCompletely) {
  EXPECT_EQ(MaskFreeText("Buurman J. de Vries (06-1234) dealt op de hoek"), "[afgeschermd]");
  EXPECT_EQ(MaskFreeText(""), "");
}

}  // namespace
}  // namespace baken::security
