#include "baken/api/internal/address_ranges.h"

#include <gtest/gtest.h>

namespace baken::api::internal {
namespace {

AddressRanges Ranges(const std::vector<std::string>& entries) {
  auto ranges = AddressRanges::Parse(entries, "--trusted-proxy");
  EXPECT_TRUE(ranges.ok()) << ranges.status().message();
  return ranges.ok() ? *ranges : AddressRanges();
}

TEST(AddressRangesTest, AnExactAddressContainsOnlyItself) {
  const AddressRanges set = Ranges({"10.0.0.5", "2001:db8::7"});
  EXPECT_TRUE(set.Contains("10.0.0.5"));
  EXPECT_FALSE(set.Contains("10.0.0.6"));
  EXPECT_TRUE(set.Contains("2001:db8::7"));
  EXPECT_TRUE(set.Contains("2001:0db8:0:0::0007"));  // another spelling of the same address
  EXPECT_FALSE(set.Contains("2001:db8::8"));
}

TEST(AddressRangesTest, CidrRangesOfBothFamilies) {
  const AddressRanges set = Ranges({"10.0.0.0/8", "192.168.4.0/22", "fd00::/8"});
  EXPECT_TRUE(set.Contains("10.255.3.1"));
  EXPECT_FALSE(set.Contains("11.0.0.1"));
  EXPECT_TRUE(set.Contains("192.168.4.1"));
  EXPECT_TRUE(set.Contains("192.168.7.254"));  // /22: .4 up to .7
  EXPECT_FALSE(set.Contains("192.168.8.1"));
  EXPECT_FALSE(set.Contains("192.168.3.255"));
  EXPECT_TRUE(set.Contains("fd12:3456::1"));
  EXPECT_FALSE(set.Contains("fe80::1"));
}

TEST(AddressRangesTest, IPv4AndItsMappedIPv6FormAreTheSameAddress) {
  const AddressRanges set = Ranges({"10.0.0.0/8"});
  EXPECT_TRUE(set.Contains("::ffff:10.1.2.3"));
  EXPECT_FALSE(set.Contains("::ffff:11.1.2.3"));
  EXPECT_TRUE(Ranges({"::ffff:10.0.0.5"}).Contains("10.0.0.5"));
  // An IPv4 range does not reach into plain IPv6.
  EXPECT_FALSE(Ranges({"0.0.0.0/0"}).Contains("2001:db8::1"));
  EXPECT_TRUE(Ranges({"0.0.0.0/0"}).Contains("203.0.113.9"));
}

TEST(AddressRangesTest, WhatIsNotAnAddressIsNeverContained) {
  const AddressRanges set = Ranges({"::/0", "0.0.0.0/0"});
  for (const char* text : {"", "localhost", "10.0.0", "10.0.0.5/8", "1.2.3.4 ", "<script>",
                           "::ffff:10.0.0.500", "2001:db8::1%eth0x"}) {
    EXPECT_FALSE(set.Contains(text)) << text;
  }
  EXPECT_FALSE(AddressRanges().Contains("10.0.0.5"));
  EXPECT_TRUE(AddressRanges().empty());
}

TEST(AddressRangesTest, AWrongEntryIsRefusedNamingTheFieldAndTheEntry) {
  struct Case {
    const char* entry;
    const char* says;
  };
  for (const Case& c :
       {Case{"proxy.example", "is geen IP-adres"}, Case{"10.0.0", "is geen IP-adres"},
        Case{"", "is geen IP-adres"}, Case{"10.0.0.0/33", "prefixlengte (0 tot en met 32)"},
        Case{"10.0.0.0/", "prefixlengte"}, Case{"10.0.0.0/8x", "prefixlengte"},
        Case{"10.0.0.0/-1", "prefixlengte"}, Case{"fd00::/129", "prefixlengte (0 tot en met 128)"},
        Case{"10.0.0.5/8", "bits buiten het bereik"},
        Case{"fd00::1/8", "bits buiten het bereik"}}) {
    auto parsed = AddressRanges::Parse({"10.0.0.1", c.entry}, "--trusted-proxy");
    ASSERT_FALSE(parsed.ok()) << c.entry;
    const Status status = parsed.status();  // status() returns a copy: keep it
    EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
    const std::string& message = status.message();
    EXPECT_EQ(status.field(), "--trusted-proxy");
    EXPECT_EQ(message.rfind(std::string("'") + c.entry + "'", 0), 0u) << message;
    EXPECT_NE(message.find(c.says), std::string::npos) << message;
  }
  // Prefix lengths at the edges are fine.
  EXPECT_TRUE(AddressRanges::Parse({"0.0.0.0/0", "10.0.0.5/32", "::/0", "fd00::1/128"}, "x").ok());
}

TEST(AddressRangesTest, IsAddressAcceptsBareAddressesOnly) {
  for (const char* text : {"10.0.0.5", "::1", "2001:db8::7", "::ffff:10.0.0.5"}) {
    EXPECT_TRUE(AddressRanges::IsAddress(text)) << text;
  }
  for (const char* text : {"", "unknown", "10.0.0.5:80", "[::1]", "[::1]:80", "10.0.0.0/8",
                           "1.2.3.4 ", "fe80::1%eth0"}) {
    EXPECT_FALSE(AddressRanges::IsAddress(text)) << text;
  }
}

}  // namespace
}  // namespace baken::api::internal
