#include "baken/base/encoding.h"

#include <gtest/gtest.h>

#include <string>

namespace baken {
namespace {

// RFC 4648 section 10 test vectors.
TEST(EncodingTest, Base64MatchesTheRfcVectors) {
  const std::pair<std::string, std::string> vectors[] = {{"", ""},
                                                         {"f", "Zg=="},
                                                         {"fo", "Zm8="},
                                                         {"foo", "Zm9v"},
                                                         {"foob", "Zm9vYg=="},
                                                         {"fooba", "Zm9vYmE="},
                                                         {"foobar", "Zm9vYmFy"}};
  for (const auto& [bytes, text] : vectors) {
    EXPECT_EQ(Base64Encode(bytes), text);
    EXPECT_EQ(Base64Decode(text), bytes) << text;
  }
}

TEST(EncodingTest, Base64RoundTripsEveryByteInBothVariants) {
  std::string all;
  for (int c = 0; c < 256; ++c) all += static_cast<char>(c);
  for (auto variant : {Base64Variant::kStandard, Base64Variant::kUrlSafeNoPadding}) {
    for (size_t n = 0; n <= all.size(); n += 37) {
      const std::string bytes = all.substr(0, n);
      EXPECT_EQ(Base64Decode(Base64Encode(bytes, variant), variant), bytes) << n;
    }
  }
}

TEST(EncodingTest, UrlSafeVariantHasNoPlusSlashOrPadding) {
  const std::string bytes = "\xfb\xff\xbf";  // "+/+/" in the standard alphabet
  EXPECT_EQ(Base64Encode(bytes), "+/+/");
  EXPECT_EQ(Base64Encode(bytes, Base64Variant::kUrlSafeNoPadding), "-_-_");
  EXPECT_EQ(Base64Encode("f", Base64Variant::kUrlSafeNoPadding), "Zg");
  EXPECT_EQ(Base64Decode("Zg", Base64Variant::kUrlSafeNoPadding), "f");
}

TEST(EncodingTest, Base64RefusesWhatIsNotExactlyBase64) {
  EXPECT_EQ(Base64Decode("Zm9v!"), std::nullopt);      // a character outside the alphabet
  EXPECT_EQ(Base64Decode("Zg="), std::nullopt);        // padding cut short
  EXPECT_EQ(Base64Decode("Zg"), std::nullopt);         // padding missing
  EXPECT_EQ(Base64Decode("Zg==="), std::nullopt);      // padding too long
  EXPECT_EQ(Base64Decode("Zh=="), std::nullopt);       // trailing bits set
  EXPECT_EQ(Base64Decode("Zm9v Zm9v"), std::nullopt);  // a space, not allowed unless ignored
  EXPECT_EQ(Base64Decode(std::string("Zm9v\0Zm9v", 9), Base64Variant::kStandard, " "),
            std::nullopt);
  EXPECT_EQ(Base64Decode("-_-_"), std::nullopt);  // URL alphabet in the standard variant
  EXPECT_EQ(Base64Decode("+/+/", Base64Variant::kUrlSafeNoPadding), std::nullopt);
  EXPECT_EQ(Base64Decode("Zg==", Base64Variant::kUrlSafeNoPadding), std::nullopt);
}

TEST(EncodingTest, Base64SkipsOnlyTheIgnoredCharacters) {
  EXPECT_EQ(Base64Decode("Zm9v\r\nYmFy\r\n", Base64Variant::kStandard, " \r\n"), "foobar");
  EXPECT_EQ(Base64Decode("Zm9v\tYmFy", Base64Variant::kStandard, " \r\n"), std::nullopt);
}

TEST(EncodingTest, HexRoundTripsAndRefusesBadDigits) {
  EXPECT_EQ(HexEncode(std::string("\x00\x0f\xa5\xff", 4)), "000fa5ff");
  EXPECT_EQ(HexEncode(""), "");
  EXPECT_EQ(HexDecode("000fa5ff"), std::string("\x00\x0f\xa5\xff", 4));
  EXPECT_EQ(HexDecode("000FA5FF"), std::string("\x00\x0f\xa5\xff", 4));
  EXPECT_EQ(HexDecode(""), "");
  EXPECT_EQ(HexDecode("abc"), std::nullopt);   // odd length
  EXPECT_EQ(HexDecode("zz"), std::nullopt);    // not hex
  EXPECT_EQ(HexDecode("00 1"), std::nullopt);  // a space
}

}  // namespace
}  // namespace baken
