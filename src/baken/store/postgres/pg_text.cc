#include "baken/store/postgres/pg_text.h"

#include <cctype>
#include <chrono>
#include <cstdio>

#include "baken/base/encoding.h"

namespace baken::store::pg_internal {

std::string NumberPlaceholders(std::string_view sql, int* count) {
  std::string out;
  out.reserve(sql.size() + 16);
  int n = 0;
  size_t i = 0;
  auto copy_until = [&](std::string_view end) {  // copies through the next `end` (inclusive)
    size_t stop = sql.find(end, i);
    stop = stop == std::string_view::npos ? sql.size() : stop + end.size();
    out.append(sql.substr(i, stop - i));
    i = stop;
  };
  while (i < sql.size()) {
    char c = sql[i];
    if (c == '\'' || c == '"') {
      // '' and "" inside are escapes; scanning to the next quote twice handles them.
      out.push_back(c);
      ++i;
      copy_until(std::string_view(&sql[i - 1], 1));
    } else if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
      copy_until("\n");
    } else if (c == '/' && i + 1 < sql.size() && sql[i + 1] == '*') {
      out.append("/*");
      i += 2;
      copy_until("*/");
    } else if (c == '$' && (i == 0 || !std::isalnum(static_cast<unsigned char>(sql[i - 1])))) {
      size_t close = sql.find('$', i + 1);
      bool tag = close != std::string_view::npos;
      for (size_t k = i + 1; tag && k < close; ++k) {
        tag = std::isalnum(static_cast<unsigned char>(sql[k])) || sql[k] == '_';
      }
      if (tag && close > i + 1 && std::isdigit(static_cast<unsigned char>(sql[i + 1]))) tag = false;
      if (tag) {
        std::string delim(sql.substr(i, close - i + 1));
        out.append(delim);
        i = close + 1;
        copy_until(delim);
      } else {
        out.push_back(c);
        ++i;
      }
    } else if (c == '?') {
      out.append("$" + std::to_string(++n));
      ++i;
    } else {
      out.push_back(c);
      ++i;
    }
  }
  if (count != nullptr) *count = n;
  return out;
}

std::string FormatTimestamp(Timestamp t) {
  using namespace std::chrono;
  sys_days day = floor<days>(t);
  year_month_day ymd(day);
  microseconds in_day = t - day;
  hh_mm_ss<microseconds> hms(in_day);
  int y = static_cast<int>(ymd.year());
  bool bc = y <= 0;
  char buf[80];
  std::snprintf(buf, sizeof(buf), "%04d-%02u-%02u %02d:%02d:%02d.%06lld+00%s", bc ? 1 - y : y,
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                static_cast<int>(hms.seconds().count()),
                static_cast<long long>(hms.subseconds().count()), bc ? " BC" : "");
  return buf;
}

namespace {

// Reads exactly `width` digits (or, if width is 0, one or more) at *pos.
bool Digits(std::string_view s, size_t* pos, size_t width, long long* value) {
  size_t start = *pos;
  long long v = 0;
  while (*pos < s.size() && std::isdigit(static_cast<unsigned char>(s[*pos])) &&
         (width == 0 || *pos - start < width)) {
    v = v * 10 + (s[*pos] - '0');
    ++*pos;
  }
  if (*pos == start || (width != 0 && *pos - start != width)) return false;
  *value = v;
  return true;
}

bool Expect(std::string_view s, size_t* pos, char c) {
  if (*pos >= s.size() || s[*pos] != c) return false;
  ++*pos;
  return true;
}

}  // namespace

std::optional<Timestamp> ParseTimestamp(std::string_view s) {
  using namespace std::chrono;
  size_t p = 0;
  long long y, mo, d, h, mi, sec, frac = 0;
  if (!Digits(s, &p, 0, &y) || !Expect(s, &p, '-') || !Digits(s, &p, 2, &mo) ||
      !Expect(s, &p, '-') || !Digits(s, &p, 2, &d) || !Expect(s, &p, ' ') ||
      !Digits(s, &p, 2, &h) || !Expect(s, &p, ':') || !Digits(s, &p, 2, &mi) ||
      !Expect(s, &p, ':') || !Digits(s, &p, 2, &sec)) {
    return std::nullopt;
  }
  if (p < s.size() && s[p] == '.') {
    ++p;
    size_t start = p;
    if (!Digits(s, &p, 0, &frac) || p - start > 6) return std::nullopt;
    for (size_t k = p - start; k < 6; ++k) frac *= 10;
  }
  long long offset_s = 0;
  if (p < s.size() && (s[p] == '+' || s[p] == '-')) {
    int sign = s[p] == '-' ? -1 : 1;
    ++p;
    long long oh = 0, om = 0, os = 0;
    if (!Digits(s, &p, 2, &oh)) return std::nullopt;
    if (Expect(s, &p, ':')) {
      if (!Digits(s, &p, 2, &om)) return std::nullopt;
      if (Expect(s, &p, ':') && !Digits(s, &p, 2, &os)) return std::nullopt;
    }
    offset_s = sign * (oh * 3600 + om * 60 + os);
  }
  if (s.substr(p) == " BC") {
    y = 1 - y;
    p = s.size();
  }
  if (p != s.size()) return std::nullopt;
  year_month_day ymd{year(static_cast<int>(y)), month(static_cast<unsigned>(mo)),
                     day(static_cast<unsigned>(d))};
  if (!ymd.ok() || h > 24 || mi > 59 || sec > 60) return std::nullopt;
  Timestamp t = sys_days(ymd) + hours(h) + minutes(mi) + seconds(sec) + microseconds(frac);
  return t - seconds(offset_s);
}

std::string EncodeBytea(std::string_view bytes) {
  return "\\x" + HexEncode(bytes);
}

std::optional<std::string> DecodeBytea(std::string_view text) {
  if (!text.starts_with("\\x")) return std::nullopt;
  return HexDecode(text.substr(2));
}

}  // namespace baken::store::pg_internal
