// A set of IP addresses written as exact addresses or CIDR ranges: "10.0.0.5", "10.0.0.0/8",
// "2001:db8::7", "fd00::/8". Used for the reverse proxies whose X-Forwarded-For the server
// believes: behind a load balancer or a container platform the proxy's address is one of a
// range, not one fixed address.
//
// IPv4 addresses and their IPv4-mapped IPv6 form ("::ffff:10.0.0.5") are the same address, so a
// listener on "::" that reports IPv4 peers in mapped form still matches "10.0.0.0/8".
//
// Not part of the module's interface: only the api module, its tests and the fuzzers include this.
// Immutable after Parse; Contains is thread-safe and never throws, whatever the input.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "baken/base/status.h"

namespace baken::api::internal {

class AddressRanges {
 public:
  AddressRanges() = default;  // empty: contains nothing

  // Each entry is an address or address/prefix-length. kInvalidArgument with a Dutch message
  // naming the entry, and `field` as the status's field, when one is neither, when the prefix
  // length is out of range (0-32 for IPv4, 0-128 for IPv6), or when the range has host bits set
  // ("10.0.0.5/8": probably a typo for 10.0.0.0/8 or for the single address).
  static StatusOr<AddressRanges> Parse(const std::vector<std::string>& entries,
                                       std::string_view field);

  // True when `address` (as a socket or a proxy reports it) falls in one of the ranges. Anything
  // that is not an IP address is not contained.
  bool Contains(std::string_view address) const;
  bool empty() const { return ranges_.empty(); }

  // True when `text` is an IPv4 or IPv6 address (no port, no brackets, no zone).
  static bool IsAddress(std::string_view text);

 private:
  struct Range {
    std::array<uint8_t, 16> network;  // IPv6, IPv4 as ::ffff:a.b.c.d
    int prefix_bits;                  // 0-128
  };
  std::vector<Range> ranges_;
};

}  // namespace baken::api::internal
