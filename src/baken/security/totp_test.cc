#include "baken/security/totp.h"

#include "baken/security/base32.h"
#include "gtest/gtest.h"

namespace baken::security {
namespace {

using std::chrono::seconds;

Timestamp At(int64_t unix_seconds) {
  return Timestamp(seconds(unix_seconds));
}

const std::string kRfcSecret = "12345678901234567890";

TEST(Base32Test, Rfc4648Vectors) {
  EXPECT_EQ(Base32Encode(""), "");
  EXPECT_EQ(Base32Encode("f", true), "MY======");
  EXPECT_EQ(Base32Encode("fo", true), "MZXQ====");
  EXPECT_EQ(Base32Encode("foo", true), "MZXW6===");
  EXPECT_EQ(Base32Encode("foob", true), "MZXW6YQ=");
  EXPECT_EQ(Base32Encode("fooba", true), "MZXW6YTB");
  EXPECT_EQ(Base32Encode("foobar", true), "MZXW6YTBOI======");
  EXPECT_EQ(Base32Encode("foobar"), "MZXW6YTBOI");
  for (std::string s : {"", "f", "fo", "foo", "foob", "fooba", "foobar"}) {
    EXPECT_EQ(*Base32Decode(Base32Encode(s, true)), s);
    EXPECT_EQ(*Base32Decode(Base32Encode(s)), s);
  }
  EXPECT_EQ(*Base32Decode("mzxw 6ytb-oi"), "foobar");
  EXPECT_FALSE(Base32Decode("MZXW1").ok());      // '1' is not in the alphabet
  EXPECT_FALSE(Base32Decode("MZXW6YTBO").ok());  // a dangling character
}

TEST(TotpTest, Rfc4226HotpVectors) {
  const char* expected[] = {"755224", "287082", "359152", "969429", "338314",
                            "254676", "287922", "162583", "399871", "520489"};
  for (uint64_t i = 0; i < 10; ++i) EXPECT_EQ(HotpCode(kRfcSecret, i), expected[i]) << i;
}

TEST(TotpTest, Rfc6238AppendixBSha1Vectors) {
  TotpParams eight;
  eight.digits = 8;
  EXPECT_EQ(TotpCode(kRfcSecret, At(59), eight), "94287082");
  EXPECT_EQ(TotpCode(kRfcSecret, At(1111111109), eight), "07081804");
  EXPECT_EQ(TotpCode(kRfcSecret, At(1111111111), eight), "14050471");
  EXPECT_EQ(TotpCode(kRfcSecret, At(1234567890), eight), "89005924");
  EXPECT_EQ(TotpCode(kRfcSecret, At(2000000000), eight), "69279037");
}

TEST(TotpTest, AcceptsOneStepOfClockDriftButNotTwo) {
  const Timestamp now = At(1111111111);
  const int64_t step = TotpStep(now);
  EXPECT_EQ(*VerifyTotp(kRfcSecret, TotpCode(kRfcSecret, now), now, std::nullopt), step);
  EXPECT_EQ(*VerifyTotp(kRfcSecret, TotpCode(kRfcSecret, now - seconds(30)), now, std::nullopt),
            step - 1);
  EXPECT_EQ(*VerifyTotp(kRfcSecret, TotpCode(kRfcSecret, now + seconds(30)), now, std::nullopt),
            step + 1);
  StatusOr<int64_t> old =
      VerifyTotp(kRfcSecret, TotpCode(kRfcSecret, now - seconds(60)), now, std::nullopt);
  EXPECT_EQ(old.status().code(), StatusCode::kUnauthenticated);
  EXPECT_EQ(old.status().message(), "De code is onjuist of al gebruikt");
  EXPECT_FALSE(VerifyTotp(kRfcSecret, "000000", now, std::nullopt).ok());
  EXPECT_FALSE(VerifyTotp(kRfcSecret, "12345", now, std::nullopt).ok());
}

TEST(TotpTest, ACodeIsAcceptedOnlyOnce) {
  const Timestamp now = At(1234567890);
  const std::string code = TotpCode(kRfcSecret, now);
  StatusOr<int64_t> first = VerifyTotp(kRfcSecret, code, now, std::nullopt);
  ASSERT_TRUE(first.ok());
  EXPECT_FALSE(VerifyTotp(kRfcSecret, code, now + seconds(10), *first).ok());
  // An older code from the window is refused after a newer one was used.
  EXPECT_FALSE(VerifyTotp(kRfcSecret, TotpCode(kRfcSecret, now - seconds(30)), now, *first).ok());
  // The next step's code still works, and spaces are ignored.
  std::string next = TotpCode(kRfcSecret, now + seconds(30));
  next.insert(3, " ");
  EXPECT_EQ(*VerifyTotp(kRfcSecret, next, now + seconds(30), *first), *first + 1);
}

TEST(TotpTest, SecretsAreRandom20Bytes) {
  const std::string a = GenerateTotpSecret();
  const std::string b = GenerateTotpSecret();
  EXPECT_EQ(a.size(), 20u);
  EXPECT_NE(a, b);
}

TEST(TotpTest, UriForAuthenticatorApps) {
  EXPECT_EQ(TotpUri("j.jansen", kRfcSecret),
            "otpauth://totp/Baken:j.jansen?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
            "&issuer=Baken&algorithm=SHA1&digits=6&period=30");
  EXPECT_NE(TotpUri("jan jansen:x", kRfcSecret).find("Baken:jan%20jansen%3Ax?"), std::string::npos);
}

}  // namespace
}  // namespace baken::security
