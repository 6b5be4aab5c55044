#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <ctime>
#include <limits>
#include <nlohmann/json.hpp>

#include "baken/api/internal/http_input.h"

#include "baken/base/strings.h"

namespace baken::api::internal {

namespace {

bool LooksLikeIp(std::string_view s) {
  if (s.empty() || s.size() > 45) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == '.' ||
           c == ':';
  });
}

StatusOr<std::string> TextMember(const nlohmann::json& body, const char* name, bool required) {
  auto it = body.find(name);
  if (it == body.end() || it->is_null()) {
    if (required) return InvalidArgumentError(std::string(name) + " ontbreekt.", name);
    return std::string();
  }
  if (!it->is_string()) return InvalidArgumentError(std::string(name) + " moet tekst zijn.", name);
  return it->get<std::string>();
}

bool IEqualsLower(std::string_view text, std::string_view lower) {
  return text.size() == lower.size() &&
         std::equal(text.begin(), text.end(), lower.begin(), [](char a, char b) {
           return std::tolower(static_cast<unsigned char>(a)) == b;
         });
}

// A weight ("1", "0.8", "1.000"); anything else (also beyond 1) is 0.
double Weight(std::string_view text) {
  if (text.empty() || text.size() > 5 || (text[0] != '0' && text[0] != '1')) return 0;
  if (text.size() > 1 &&
      (text[1] != '.' || text.find_first_not_of("0123456789", 2) != std::string_view::npos)) {
    return 0;
  }
  double value = text[0] - '0';
  double scale = 0.1;
  for (size_t i = 2; i < text.size(); ++i, scale /= 10) value += (text[i] - '0') * scale;
  return value > 1 ? 0 : value;
}

// The weight of one Accept-Encoding element's parameters (";q=0.5"); 1 without q.
double ElementWeight(std::string_view params) {
  double weight = 1;
  while (!params.empty()) {
    const size_t semi = params.find(';');
    const std::string_view param = Trim(params.substr(0, semi));
    params = semi == std::string_view::npos ? std::string_view() : params.substr(semi + 1);
    if (param.size() >= 2 && (param[0] == 'q' || param[0] == 'Q') && param[1] == '=') {
      weight = Weight(Trim(param.substr(2)));
    }
  }
  return weight;
}

constexpr std::array<std::string_view, 7> kDays = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
constexpr std::array<std::string_view, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

// Digits at text[at, at+n) as a number, or -1.
int Digits(std::string_view text, size_t at, size_t n) {
  if (at + n > text.size()) return -1;
  int value = 0;
  for (size_t i = at; i < at + n; ++i) {
    if (text[i] < '0' || text[i] > '9') return -1;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

}  // namespace

std::string ClientAddress(std::string_view peer, std::string_view forwarded_for,
                          const AddressRanges& trusted_proxies) {
  if (!trusted_proxies.Contains(peer)) return std::string(peer);
  std::string_view rest = forwarded_for;
  while (!rest.empty()) {
    const size_t comma = rest.rfind(',');
    const std::string_view hop =
        Trim(comma == std::string_view::npos ? rest : rest.substr(comma + 1));
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(0, comma);
    // What lies left of an entry that is no address was not written by a proxy we trust.
    if (!AddressRanges::IsAddress(hop)) break;
    if (!trusted_proxies.Contains(hop)) return std::string(hop);
  }
  return std::string(peer);
}

bool IsLoopback(std::string_view a) {
  if (a == "::1") return true;
  if (a.rfind("::ffff:", 0) == 0) a.remove_prefix(7);
  return a.rfind("127.", 0) == 0 && LooksLikeIp(a);
}

std::string CookieValue(std::string_view header, std::string_view name) {
  std::string_view rest(header);
  while (!rest.empty()) {
    const size_t semi = rest.find(';');
    const std::string_view part = Trim(rest.substr(0, semi));
    rest = semi == std::string_view::npos ? std::string_view() : rest.substr(semi + 1);
    const size_t eq = part.find('=');
    if (eq == name.size() && part.compare(0, eq, name) == 0) {
      return std::string(part.substr(eq + 1));
    }
  }
  return {};
}

namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string PercentDecode(std::string_view text, bool plus_is_space) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '%' && i + 2 < text.size()) {
      const int hi = HexValue(text[i + 1]);
      const int lo = HexValue(text[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out.push_back(static_cast<char>(hi * 16 + lo));
        i += 2;
        continue;
      }
    }
    out.push_back(plus_is_space && c == '+' ? ' ' : c);
  }
  return out;
}

std::multimap<std::string, std::string> DecodeQuery(std::string_view query) {
  std::multimap<std::string, std::string> params;
  while (!query.empty()) {
    const size_t amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (pair.empty()) continue;
    const size_t eq = pair.find('=');
    const std::string_view key = pair.substr(0, eq);
    if (key.empty()) continue;
    const std::string_view value =
        eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1);
    params.emplace(PercentDecode(key, true), PercentDecode(value, true));
  }
  return params;
}

bool IsValidUtf8(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t extra = 0;
    uint32_t code = 0;
    if (c >= 0xC2 && c <= 0xDF) {
      extra = 1;
      code = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
      extra = 2;
      code = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      extra = 3;
      code = c & 0x07;
    } else {
      return false;  // a continuation byte first, an overlong lead (C0, C1) or beyond U+10FFFF
    }
    if (text.size() - i <= extra) return false;
    for (size_t k = 1; k <= extra; ++k) {
      const auto cc = static_cast<unsigned char>(text[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      code = (code << 6) | (cc & 0x3F);
    }
    const bool overlong = (extra == 2 && code < 0x800) || (extra == 3 && code < 0x10000);
    const bool surrogate = code >= 0xD800 && code <= 0xDFFF;
    if (overlong || surrogate || code > 0x10FFFF) return false;
    i += extra + 1;
  }
  return true;
}

Status CheckJsonText(std::string_view body) {
  if (!IsValidUtf8(body)) {
    return InvalidArgumentError("De inhoud van het verzoek is geen geldige UTF-8-tekst.", "body");
  }
  int depth = 0;
  bool in_string = false;
  bool escaped = false;
  for (const char c : body) {
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > kMaxJsonDepth) {
        return InvalidArgumentError(
            "De JSON is te diep genest (meer dan " + std::to_string(kMaxJsonDepth) + " niveaus).",
            "body");
      }
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return Status::Ok();
}

std::optional<int64_t> IfMatchVersion(std::string_view header) {
  std::string_view v = Trim(header);
  if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
  if (v.empty()) return std::nullopt;
  if (v.size() > 18 || v.find_first_not_of("0123456789") != std::string_view::npos) return -1;
  int64_t version = 0;
  for (char c : v) version = version * 10 + (c - '0');
  return version;
}

std::optional<int> IfMatchIntVersion(std::string_view header) {
  const std::optional<int64_t> v = IfMatchVersion(header);
  if (!v) return std::nullopt;
  return *v > std::numeric_limits<int>::max() ? -1 : static_cast<int>(*v);
}

bool IsJsonContentType(std::string_view header) {
  const std::string_view type = Trim(header.substr(0, header.find(';')));
  constexpr std::string_view kJson = "application/json";
  return type.size() == kJson.size() &&
         std::equal(type.begin(), type.end(), kJson.begin(), [](char a, char b) {
           return std::tolower(static_cast<unsigned char>(a)) == b;
         });
}

ContentCoding ChooseContentCoding(std::string_view accept_encoding, bool have_brotli,
                                  bool have_gzip) {
  double brotli = -1, gzip = -1, any = -1;  // -1: not named
  std::string_view rest = accept_encoding;
  while (!rest.empty()) {
    const size_t comma = rest.find(',');
    const std::string_view element = rest.substr(0, comma);
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    const size_t semi = element.find(';');
    const std::string_view coding = Trim(element.substr(0, semi));
    const double weight =
        semi == std::string_view::npos ? 1 : ElementWeight(element.substr(semi + 1));
    if (IEqualsLower(coding, "br")) brotli = weight;
    if (IEqualsLower(coding, "gzip") || IEqualsLower(coding, "x-gzip")) gzip = weight;
    if (coding == "*") any = weight;
  }
  if (brotli < 0) brotli = any;
  if (gzip < 0) gzip = any;
  if (!have_brotli) brotli = 0;
  if (!have_gzip) gzip = 0;
  if (brotli > 0 && brotli >= gzip) return ContentCoding::kBrotli;
  if (gzip > 0) return ContentCoding::kGzip;
  return ContentCoding::kIdentity;
}

bool IfNoneMatchMatches(std::string_view header, std::string_view etag) {
  auto strong = [](std::string_view tag) {
    tag = Trim(tag);
    if (tag.rfind("W/", 0) == 0) tag.remove_prefix(2);
    return tag;
  };
  etag = strong(etag);
  if (Trim(header) == "*") return !etag.empty();
  std::string_view rest = header;
  while (!rest.empty()) {
    const size_t comma = rest.find(',');
    if (const std::string_view tag = strong(rest.substr(0, comma)); !tag.empty() && tag == etag) {
      return true;
    }
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
  }
  return false;
}

std::string FormatHttpDate(int64_t unix_seconds) {
  const time_t t = static_cast<time_t>(unix_seconds);
  tm utc{};
  gmtime_r(&t, &utc);
  char out[40];
  std::snprintf(out, sizeof out, "%s, %02d %s %04d %02d:%02d:%02d GMT",
                kDays[utc.tm_wday % 7].data(), utc.tm_mday, kMonths[utc.tm_mon % 12].data(),
                utc.tm_year + 1900, utc.tm_hour, utc.tm_min, utc.tm_sec);
  return out;
}

std::optional<int64_t> ParseHttpDate(std::string_view text) {
  text = Trim(text);
  // "Sun, 06 Nov 1994 08:49:37 GMT": every field at a fixed place.
  if (text.size() != 29 || text.substr(3, 2) != ", " || text[7] != ' ' || text[11] != ' ' ||
      text[16] != ' ' || text[19] != ':' || text[22] != ':' || text.substr(25) != " GMT") {
    return std::nullopt;
  }
  const auto month = std::find(kMonths.begin(), kMonths.end(), text.substr(8, 3));
  tm utc{};
  utc.tm_mday = Digits(text, 5, 2);
  utc.tm_year = Digits(text, 12, 4) - 1900;
  utc.tm_hour = Digits(text, 17, 2);
  utc.tm_min = Digits(text, 20, 2);
  utc.tm_sec = Digits(text, 23, 2);
  if (month == kMonths.end() || utc.tm_mday < 1 || utc.tm_mday > 31 || utc.tm_year < 70 ||
      utc.tm_hour < 0 || utc.tm_hour > 23 || utc.tm_min < 0 || utc.tm_min > 59 || utc.tm_sec < 0 ||
      utc.tm_sec > 60) {
    return std::nullopt;
  }
  utc.tm_mon = static_cast<int>(month - kMonths.begin());
  return static_cast<int64_t>(timegm(&utc));
}

StatusOr<nlohmann::json> ParseJsonObject(const std::string& body) {
  RETURN_IF_ERROR(CheckJsonText(body));
  nlohmann::json j = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) {
    return InvalidArgumentError("Stuur een geldig JSON-object.", "body");
  }
  return j;
}

StatusOr<SignInBody> DecodeSignInBody(std::string_view text) {
  RETURN_IF_ERROR(CheckJsonText(text));
  const nlohmann::json body = nlohmann::json::parse(text, nullptr, false);
  if (body.is_discarded() || !body.is_object()) {
    return InvalidArgumentError("Stuur een JSON-object met gebruikersnaam en wachtwoord.");
  }
  SignInBody b;
  ASSIGN_OR_RETURN(b.username, TextMember(body, "gebruikersnaam", true));
  ASSIGN_OR_RETURN(b.password, TextMember(body, "wachtwoord", true));
  ASSIGN_OR_RETURN(b.totp, TextMember(body, "totp", false));
  ASSIGN_OR_RETURN(b.tenant, TextMember(body, "gemeente", false));
  return b;
}

}  // namespace baken::api::internal
