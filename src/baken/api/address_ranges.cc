#include "baken/api/internal/address_ranges.h"

#include <arpa/inet.h>

#include <algorithm>
#include <charconv>
#include <cstring>
#include <optional>

namespace baken::api::internal {

namespace {

using Bytes = std::array<uint8_t, 16>;

// The address as 16 bytes, IPv4 mapped into IPv6; whether it was written as IPv4 (for the
// prefix length) in `is_v4`.
std::optional<Bytes> ParseAddress(std::string_view text, bool& is_v4) {
  if (text.empty() || text.size() > 45) return std::nullopt;
  const std::string s(text);
  Bytes bytes{};
  in_addr v4{};
  if (inet_pton(AF_INET, s.c_str(), &v4) == 1) {
    bytes[10] = 0xff;
    bytes[11] = 0xff;
    std::memcpy(bytes.data() + 12, &v4, 4);
    is_v4 = true;
    return bytes;
  }
  in6_addr v6{};
  if (inet_pton(AF_INET6, s.c_str(), &v6) == 1) {
    std::memcpy(bytes.data(), &v6, 16);
    is_v4 = false;
    return bytes;
  }
  return std::nullopt;
}

bool SamePrefix(const Bytes& a, const Bytes& b, int bits) {
  const int whole = bits / 8;
  if (std::memcmp(a.data(), b.data(), static_cast<size_t>(whole)) != 0) return false;
  const int rest = bits % 8;
  if (rest == 0) return true;
  const uint8_t mask = static_cast<uint8_t>(0xff << (8 - rest));
  return (a[whole] & mask) == (b[whole] & mask);
}

Bytes Masked(Bytes a, int bits) {
  for (int i = 0; i < 16; ++i) {
    const int keep = std::clamp(bits - i * 8, 0, 8);
    a[i] &= static_cast<uint8_t>(keep == 0 ? 0 : 0xff << (8 - keep));
  }
  return a;
}

}  // namespace

StatusOr<AddressRanges> AddressRanges::Parse(const std::vector<std::string>& entries,
                                             std::string_view field) {
  AddressRanges set;
  for (const std::string& entry : entries) {
    const auto error = [&](const std::string& why) {
      return InvalidArgumentError("'" + entry + "' " + why, std::string(field));
    };
    const size_t slash = entry.find('/');
    bool is_v4 = false;
    const auto address = ParseAddress(std::string_view(entry).substr(0, slash), is_v4);
    if (!address) {
      return error(
          "is geen IP-adres of adresbereik (voorbeelden: 10.0.0.5, 10.0.0.0/8, fd00::/8).");
    }
    const int max_bits = is_v4 ? 32 : 128;
    int bits = max_bits;
    if (slash != std::string::npos) {
      const char* first = entry.data() + slash + 1;
      const char* last = entry.data() + entry.size();
      auto [end, ec] = std::from_chars(first, last, bits);
      if (first == last || ec != std::errc() || end != last || bits < 0 || bits > max_bits) {
        return error("heeft een ongeldige prefixlengte (0 tot en met " + std::to_string(max_bits) +
                     ").");
      }
    }
    const int prefix_bits = is_v4 ? bits + 96 : bits;
    if (Masked(*address, prefix_bits) != *address) {
      return error(
          "heeft bits buiten het bereik gezet; bedoelt u het netwerkadres van het bereik?");
    }
    set.ranges_.push_back(Range{*address, prefix_bits});
  }
  return set;
}

bool AddressRanges::IsAddress(std::string_view text) {
  bool is_v4 = false;
  return ParseAddress(text, is_v4).has_value();
}

bool AddressRanges::Contains(std::string_view address) const {
  if (ranges_.empty()) return false;
  bool is_v4 = false;
  const auto bytes = ParseAddress(address, is_v4);
  if (!bytes) return false;
  for (const Range& range : ranges_) {
    if (SamePrefix(*bytes, range.network, range.prefix_bits)) return true;
  }
  return false;
}

}  // namespace baken::api::internal
