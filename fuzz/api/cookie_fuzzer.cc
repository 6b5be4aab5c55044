// Fuzzes the Cookie header parsing and the client-address resolution behind trusted proxies: any
// bytes, never a crash; a found cookie value is part of the header, and the client address is the
// peer or an untrusted address among the forwarded entries (never another trusted one). The same
// bytes as a trusted-proxy entry: an error or a range; as a Content-Type: JSON or not. As the
// Accept-Encoding, If-None-Match and If-Modified-Since of a static file: a coding among those
// that exist, a match only for a tag the header holds, a date or none. Never a crash.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "baken/api/internal/http_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const std::string value = baken::api::internal::CookieValue(text, "baken_sessie");
  if (!value.empty() && text.find(value) == std::string_view::npos) std::abort();
  using baken::api::internal::AddressRanges;
  static const AddressRanges trusted =
      *AddressRanges::Parse({"10.0.0.5", "10.0.0.6", "10.1.0.0/16", "fd00::/8"}, "fuzz");
  const std::string client = baken::api::internal::ClientAddress("10.0.0.5", text, trusted);
  if (client != "10.0.0.5" && text.find(client) == std::string_view::npos) std::abort();
  if (client != "10.0.0.5" && trusted.Contains(client)) std::abort();
  (void)baken::api::internal::IsJsonContentType(text);
  (void)baken::api::internal::IsLoopback(text);
  using baken::api::internal::ContentCoding;
  if (baken::api::internal::ChooseContentCoding(text, false, false) != ContentCoding::kIdentity ||
      baken::api::internal::ChooseContentCoding(text, false, true) == ContentCoding::kBrotli) {
    std::abort();
  }
  (void)baken::api::internal::ChooseContentCoding(text, true, true);
  if (baken::api::internal::IfNoneMatchMatches(text, "\"5f.1-2a\"") &&
      text.find("\"5f.1-2a\"") == std::string_view::npos &&
      text.find('*') == std::string_view::npos) {
    std::abort();
  }
  if (auto date = baken::api::internal::ParseHttpDate(text)) {
    (void)baken::api::internal::FormatHttpDate(*date);
  }
  if (auto entry = AddressRanges::Parse({std::string(text)}, "fuzz"); entry.ok()) {
    (void)entry->Contains(text);
  }
  return 0;
}
