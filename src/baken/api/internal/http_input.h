// Parsers of outside HTTP input, kept as small pure functions so unit tests and the fuzz targets
// (fuzz/api) call exactly what the server runs: client address behind trusted proxies, the
// Cookie header, the query string, the If-Match header, the sign-in body, and the Accept-Encoding,
// If-None-Match and If-Modified-Since headers of static files.
//
// Not part of the module's interface: only the api module, its tests and the fuzzers include this.
// All functions are pure and thread-safe; none throws, whatever the input.
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "baken/api/internal/address_ranges.h"
#include "baken/base/status.h"

namespace baken::api::internal {

// The client's address for rate limits and the audit log. X-Forwarded-For is honoured only when
// the direct peer is in `trusted_proxies` (addresses or ranges): the list is walked from the
// right, skipping trusted proxies, and the first address outside them is the client. When there
// is none (every hop is trusted, or the walk meets an entry that is not an IP address before an
// untrusted one), none of the header is believed and the peer is the client: a client that sits
// inside a trusted range itself cannot choose its address by sending X-Forwarded-For with other
// addresses of that range.
std::string ClientAddress(std::string_view peer, std::string_view forwarded_for,
                          const AddressRanges& trusted_proxies);

// True for 127.0.0.0/8, ::1 and ::ffff:127.x.y.z.
bool IsLoopback(std::string_view address);

// The value of cookie `name` in a Cookie header ("a=1; b=2"), or empty.
std::string CookieValue(std::string_view cookie_header, std::string_view name);

// Decodes percent escapes ("%C3%A9"); a '%' not followed by two hex digits stays as it is. With
// plus_is_space (query strings), '+' becomes a space; in a path it stays '+'.
std::string PercentDecode(std::string_view text, bool plus_is_space);

// Decodes a query string ("a=1&b=%C3%A9+x") as the server does: pairs split at '&', key and value
// at the first '=', percent escapes and '+' as space decoded; pairs with an empty key are dropped.
// The result is not checked for UTF-8 (the server does that, IsValidUtf8).
std::multimap<std::string, std::string> DecodeQuery(std::string_view query);

// True when `text` is well-formed UTF-8 (no overlong forms, no surrogates, at most U+10FFFF).
bool IsValidUtf8(std::string_view text);

// The deepest nesting of arrays and objects a JSON request body may have.
inline constexpr int kMaxJsonDepth = 64;

// The check every JSON request body passes before it is parsed (the server runs it on each body
// that looks like JSON, ParseJsonObject and DecodeSignInBody run it too): the text is valid UTF-8
// and nests at most kMaxJsonDepth arrays/objects. One linear scan without allocation, so a body
// of 16 MB of '[' costs no memory. kInvalidArgument (field "body", Dutch) otherwise.
Status CheckJsonText(std::string_view body);

// The version in an If-Match header value ("7" or "\"7\""), for optimistic concurrency on
// every edited resource. Absent or empty: std::nullopt (no check). Anything that is not 1 to 18
// decimal digits gives -1, which never matches a stored version, so the client is told the
// resource changed instead of the edit going through unchecked.
std::optional<int64_t> IfMatchVersion(std::string_view header);
// The same for resources whose version is an int (categories, programme items): a value beyond
// int's range is -1 too.
std::optional<int> IfMatchIntVersion(std::string_view header);

// True when a Content-Type header value names JSON: "application/json", in any case, with or
// without parameters ("; charset=utf-8"). A browser form cannot send it without CORS preflight, so
// requiring it on state-changing JSON routes stops cross-site form posts (login CSRF).
bool IsJsonContentType(std::string_view header);

// A request body that must be one JSON object; kInvalidArgument (field "body", Dutch) otherwise.
StatusOr<nlohmann::json> ParseJsonObject(const std::string& body);

// A content coding the server can send a static file in (precompressed at build time).
enum class ContentCoding { kIdentity, kGzip, kBrotli };

// The coding to send, from an Accept-Encoding header value ("gzip, deflate, br;q=0.9"), among
// those that exist for the file (identity always does). A coding counts when the client names it
// (or "*") with a weight above 0: "br;q=0" or "*;q=0" without br listed rules brotli out; a weight
// that is not a number from 0 to 1 counts as 0; a coding named twice counts with its last weight.
// The higher weight wins, brotli on a tie (smaller). No or an empty header: identity. "x-gzip" is
// gzip.
ContentCoding ChooseContentCoding(std::string_view accept_encoding, bool have_brotli,
                                  bool have_gzip);

// True when an If-None-Match header value (`"a", W/"b"` or `*`) names `etag`, compared
// weakly (RFC 9110 13.1.2: a W/ prefix on either side is ignored).
bool IfNoneMatchMatches(std::string_view header, std::string_view etag);

// An HTTP date (IMF-fixdate, "Sun, 06 Nov 1994 08:49:37 GMT") for a Unix time, and back. Parsing
// accepts only IMF-fixdate (what browsers send back); anything else gives std::nullopt.
std::string FormatHttpDate(int64_t unix_seconds);
std::optional<int64_t> ParseHttpDate(std::string_view text);

struct SignInBody {
  std::string username;  // "gebruikersnaam", required
  std::string password;  // "wachtwoord", required
  std::string totp;      // "totp", optional
  std::string tenant;    // "gemeente", optional
};

// Decodes the JSON body of POST /api/v1/sessies; kInvalidArgument with a Dutch message naming the
// field otherwise.
StatusOr<SignInBody> DecodeSignInBody(std::string_view text);

}  // namespace baken::api::internal
