#include "baken/api/internal/http_input.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace baken::api::internal {
namespace {

AddressRanges Ranges(const std::vector<std::string>& entries) {
  return *AddressRanges::Parse(entries, "--trusted-proxy");
}

TEST(ClientAddressTest, ForwardedForIsIgnoredFromAnUntrustedPeer) {
  EXPECT_EQ(ClientAddress("203.0.113.9", "198.51.100.1", Ranges({})), "203.0.113.9");
  EXPECT_EQ(ClientAddress("203.0.113.9", "198.51.100.1", Ranges({"10.0.0.5"})), "203.0.113.9");
}

TEST(ClientAddressTest, RightmostUntrustedAddressBehindTrustedProxies) {
  const AddressRanges trusted = Ranges({"10.0.0.5", "10.0.0.6"});
  EXPECT_EQ(ClientAddress("10.0.0.5", "198.51.100.1", trusted), "198.51.100.1");
  // A client that sends its own X-Forwarded-For cannot choose its address: the proxy appends.
  EXPECT_EQ(ClientAddress("10.0.0.5", "1.2.3.4, 198.51.100.1", trusted), "198.51.100.1");
  EXPECT_EQ(ClientAddress("10.0.0.5", "1.2.3.4, 198.51.100.1, 10.0.0.6", trusted), "198.51.100.1");
  EXPECT_EQ(ClientAddress("10.0.0.5", " 2001:db8::7 ", trusted), "2001:db8::7");
  // Nothing forwarded: the peer.
  EXPECT_EQ(ClientAddress("10.0.0.5", "", trusted), "10.0.0.5");
}

// Regression: a client inside the trusted range sent X-Forwarded-For with another trusted address
// (or garbage) and became that address: a fresh rate-limit bucket per request and a forged
// address in the audit log. Now only an untrusted address found by the walk is believed.
TEST(ClientAddressTest, AClientInsideTheTrustedRangeCannotChooseItsAddress) {
  const AddressRanges trusted = Ranges({"10.0.0.5", "10.0.0.6"});
  EXPECT_EQ(ClientAddress("10.0.0.5", "10.0.0.6", trusted), "10.0.0.5");
  EXPECT_EQ(ClientAddress("10.0.0.5", "10.0.0.6, 10.0.0.5", trusted), "10.0.0.5");
  // Garbage stops the walk; what was trusted before it is not believed either.
  EXPECT_EQ(ClientAddress("10.0.0.5", "<script>", trusted), "10.0.0.5");
  EXPECT_EQ(ClientAddress("10.0.0.5", "x', 10.0.0.6", trusted), "10.0.0.5");
  EXPECT_EQ(ClientAddress("10.0.0.5", "1.2.3.4:80", trusted), "10.0.0.5");
  EXPECT_EQ(ClientAddress("10.0.0.5", "1.2.3.4, ", trusted), "10.0.0.5");
  const AddressRanges loopback = Ranges({"127.0.0.0/8"});
  for (int i = 1; i < 5; ++i) {
    EXPECT_EQ(ClientAddress("127.0.0.1", "127.0.0." + std::to_string(10 + i), loopback),
              "127.0.0.1");
  }
}

TEST(ClientAddressTest, ProxiesInATrustedRangeAreSkippedLikeSingleAddresses) {
  // A load balancer pool in 10.1.0.0/16 in front of a proxy tier in fd00::/8.
  const AddressRanges trusted = Ranges({"10.1.0.0/16", "fd00::/8"});
  EXPECT_EQ(ClientAddress("10.1.4.20", "198.51.100.1, fd00::17", trusted), "198.51.100.1");
  EXPECT_EQ(ClientAddress("::ffff:10.1.0.9", "198.51.100.1", trusted), "198.51.100.1");
  EXPECT_EQ(ClientAddress("10.1.4.20", "10.1.7.7, fd00::17", trusted), "10.1.4.20");
  // A peer just outside the range is the client, whatever it forwards.
  EXPECT_EQ(ClientAddress("10.2.0.1", "198.51.100.1", trusted), "10.2.0.1");
}

TEST(IsJsonContentTypeTest, OnlyApplicationJsonWithOrWithoutParameters) {
  for (const char* v : {"application/json", "Application/JSON", "application/json; charset=utf-8",
                        " application/json ;charset=UTF-8"}) {
    EXPECT_TRUE(IsJsonContentType(v)) << v;
  }
  // What an HTML form can send cross-site without a preflight, and near misses.
  for (const char* v : {"", "text/plain", "text/plain; charset=utf-8", "multipart/form-data",
                        "application/x-www-form-urlencoded", "application/jsonx", "text/json",
                        "application/json-seq", ";application/json"}) {
    EXPECT_FALSE(IsJsonContentType(v)) << v;
  }
}

TEST(IfMatchVersionTest, QuotedOrBareDigitsAreAVersion) {
  EXPECT_EQ(IfMatchVersion(""), std::nullopt);
  EXPECT_EQ(IfMatchVersion("\"\""), std::nullopt);
  EXPECT_EQ(IfMatchVersion("7"), 7);
  EXPECT_EQ(IfMatchVersion("\"12\""), 12);
  EXPECT_EQ(IfMatchVersion(" 3 "), 3);
  EXPECT_EQ(IfMatchVersion("123456789012345678"), 123456789012345678);
}

TEST(IfMatchVersionTest, AnythingElseNeverMatches) {
  EXPECT_EQ(IfMatchVersion("abc"), -1);
  EXPECT_EQ(IfMatchVersion("W/\"3\""), -1);
  EXPECT_EQ(IfMatchVersion("*"), -1);
  EXPECT_EQ(IfMatchVersion("-1"), -1);
  EXPECT_EQ(IfMatchVersion("1234567890123456789"), -1);  // would overflow
  EXPECT_EQ(IfMatchIntVersion("2147483647"), 2147483647);
  EXPECT_EQ(IfMatchIntVersion("2147483648"), -1);
  EXPECT_EQ(IfMatchIntVersion(""), std::nullopt);
}

TEST(IsLoopbackTest, Addresses) {
  EXPECT_TRUE(IsLoopback("127.0.0.1"));
  EXPECT_TRUE(IsLoopback("127.1.2.3"));
  EXPECT_TRUE(IsLoopback("::1"));
  EXPECT_TRUE(IsLoopback("::ffff:127.0.0.1"));
  EXPECT_FALSE(IsLoopback("10.0.0.1"));
  EXPECT_FALSE(IsLoopback("127.example.org"));
  EXPECT_FALSE(IsLoopback(""));
}

TEST(CookieValueTest, FindsTheNamedCookieOnly) {
  EXPECT_EQ(CookieValue("a=1; baken_sessie=abc; b=2", "baken_sessie"), "abc");
  EXPECT_EQ(CookieValue("xbaken_sessie=abc", "baken_sessie"), "");
  EXPECT_EQ(CookieValue("baken_sessie=", "baken_sessie"), "");
  EXPECT_EQ(CookieValue(";;;", "baken_sessie"), "");
}

TEST(DecodeQueryTest, PercentAndPlus) {
  auto q = DecodeQuery("doel=beheer&naam=Caf%C3%A9+de+Wit&leeg=");
  EXPECT_EQ(q.find("doel")->second, "beheer");
  EXPECT_EQ(q.find("naam")->second, "Café de Wit");
  EXPECT_EQ(q.count("leeg"), 1u);
}

TEST(DecodeSignInBodyTest, FieldsAndDutchErrors) {
  auto b = DecodeSignInBody(R"({"gebruikersnaam":"a","wachtwoord":"b","totp":"123456"})");
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(b->totp, "123456");
  EXPECT_EQ(DecodeSignInBody("[]").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(DecodeSignInBody(R"({"gebruikersnaam":"a"})").status().field(), "wachtwoord");
  EXPECT_EQ(DecodeSignInBody(R"({"gebruikersnaam":1,"wachtwoord":"b"})").status().message(),
            "gebruikersnaam moet tekst zijn.");
}

TEST(CheckJsonTextTest, NestingUpTo64IsAcceptedDeeperIsRefusedInDutch) {
  EXPECT_TRUE(CheckJsonText(std::string(64, '[') + std::string(64, ']')).ok());
  const Status deep = CheckJsonText(std::string(65, '[') + std::string(65, ']'));
  EXPECT_EQ(deep.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(deep.field(), "body");
  EXPECT_NE(deep.message().find("te diep genest"), std::string::npos) << deep.message();
  // Objects count as well, mixed with arrays.
  std::string mixed;
  for (int i = 0; i < 40; ++i) mixed += "{\"a\":[";
  EXPECT_FALSE(CheckJsonText(mixed).ok());
}

TEST(CheckJsonTextTest, BracketsInsideStringsDoNotCount) {
  const std::string text =
      "{\"tekst\":\"" + std::string(500, '[') + "\\\"" + std::string(500, '{') + "\"}";
  EXPECT_TRUE(CheckJsonText(text).ok());
}

TEST(CheckJsonTextTest, InvalidUtf8IsRefusedInDutch) {
  const Status bad = CheckJsonText("{\"tekst\":\"caf\xE9\"}");
  EXPECT_EQ(bad.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(bad.message().find("UTF-8"), std::string::npos);
  EXPECT_TRUE(CheckJsonText("{\"tekst\":\"caf\xC3\xA9\"}").ok());
}

TEST(ParseJsonObjectTest, ATooDeepBodyIsRefusedBeforeParsing) {
  auto parsed = ParseJsonObject(std::string(1'000'000, '['));
  ASSERT_FALSE(parsed.ok());
  EXPECT_NE(parsed.status().message().find("te diep genest"), std::string::npos);
  EXPECT_FALSE(DecodeSignInBody(std::string(100'000, '{')).ok());
}

TEST(IsValidUtf8Test, RefusesOverlongSurrogatesAndTruncation) {
  EXPECT_TRUE(IsValidUtf8("Caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80"));
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xE0\x80\xAF"));      // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));      // surrogate
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // beyond U+10FFFF
  EXPECT_FALSE(IsValidUtf8("abc\xE2\x82"));       // truncated
  EXPECT_FALSE(IsValidUtf8("\x80"));
}

TEST(PercentDecodeTest, PathsKeepPlusQueriesDoNot) {
  EXPECT_EQ(PercentDecode("/a+b/%2e%2E/%zz%4", false), "/a+b/../%zz%4");
  EXPECT_EQ(PercentDecode("a+b%20c", true), "a b c");
}

TEST(ContentCodingTest, BrotliFirstThenGzipAsTheClientWeighsThem) {
  using enum ContentCoding;
  EXPECT_EQ(ChooseContentCoding("gzip, deflate, br, zstd", true, true), kBrotli);
  EXPECT_EQ(ChooseContentCoding("gzip, deflate, br", false, true), kGzip);
  EXPECT_EQ(ChooseContentCoding("gzip, deflate, br", false, false), kIdentity);
  EXPECT_EQ(ChooseContentCoding("GZIP", true, true), kGzip);
  EXPECT_EQ(ChooseContentCoding("x-gzip", true, true), kGzip);
  EXPECT_EQ(ChooseContentCoding("br;q=0.5, gzip;q=0.8", true, true), kGzip);
  EXPECT_EQ(ChooseContentCoding("br;q=0.8, gzip;q=0.8", true, true), kBrotli);
  EXPECT_EQ(ChooseContentCoding("br ; Q=0.9 , gzip ; q=1.0", true, true), kGzip);
  EXPECT_EQ(ChooseContentCoding("*", true, true), kBrotli);
  EXPECT_EQ(ChooseContentCoding("gzip;q=0.1, *", true, true), kBrotli);
  EXPECT_EQ(ChooseContentCoding("", true, true), kIdentity);
  EXPECT_EQ(ChooseContentCoding("identity", true, true), kIdentity);
  EXPECT_EQ(ChooseContentCoding("deflate", true, true), kIdentity);
}

TEST(ContentCodingTest, ZeroOrBrokenWeightsRuleACodingOut) {
  using enum ContentCoding;
  EXPECT_EQ(ChooseContentCoding("br;q=0, gzip", true, true), kGzip);
  EXPECT_EQ(ChooseContentCoding("br;q=0.000, gzip;q=0", true, true), kIdentity);
  EXPECT_EQ(ChooseContentCoding("*;q=0", true, true), kIdentity);
  EXPECT_EQ(ChooseContentCoding("gzip, *;q=0", true, true), kGzip);
  EXPECT_EQ(ChooseContentCoding("br;q=2, gzip", true, true), kGzip);
  EXPECT_EQ(ChooseContentCoding("br;q=abc, gzip;q=-1", true, true), kIdentity);
  EXPECT_EQ(ChooseContentCoding("br;q=1.0001", true, true), kIdentity);
  EXPECT_EQ(ChooseContentCoding("br, br;q=0", true, true), kIdentity);  // the last weight counts
  EXPECT_EQ(ChooseContentCoding(",,;;q=,br;", true, true), kBrotli);
}

TEST(IfNoneMatchTest, WeakComparisonOverAList) {
  EXPECT_TRUE(IfNoneMatchMatches("\"a1-2\"", "\"a1-2\""));
  EXPECT_TRUE(IfNoneMatchMatches("\"x\", W/\"a1-2\"", "\"a1-2\""));
  EXPECT_TRUE(IfNoneMatchMatches(" \"a1-2\" ", "W/\"a1-2\""));
  EXPECT_TRUE(IfNoneMatchMatches("*", "\"a1-2\""));
  EXPECT_FALSE(IfNoneMatchMatches("\"a1-2-br\"", "\"a1-2\""));
  EXPECT_FALSE(IfNoneMatchMatches("a1-2", "\"a1-2\""));
  EXPECT_FALSE(IfNoneMatchMatches("", "\"a1-2\""));
  EXPECT_FALSE(IfNoneMatchMatches(",", "\"a1-2\""));
}

TEST(HttpDateTest, FormatsAndParsesImfFixdate) {
  EXPECT_EQ(FormatHttpDate(784111777), "Sun, 06 Nov 1994 08:49:37 GMT");
  EXPECT_EQ(ParseHttpDate("Sun, 06 Nov 1994 08:49:37 GMT"), 784111777);
  EXPECT_EQ(ParseHttpDate(FormatHttpDate(1796688000)), 1796688000);
  EXPECT_EQ(ParseHttpDate("Sunday, 06-Nov-94 08:49:37 GMT"), std::nullopt);
  EXPECT_EQ(ParseHttpDate("Sun, 06 Nox 1994 08:49:37 GMT"), std::nullopt);
  EXPECT_EQ(ParseHttpDate("Sun, 06 Nov 1994 28:49:37 GMT"), std::nullopt);
  EXPECT_EQ(ParseHttpDate("Sun, 0x Nov 1994 08:49:37 GMT"), std::nullopt);
  EXPECT_EQ(ParseHttpDate(""), std::nullopt);
}

}  // namespace
}  // namespace baken::api::internal
