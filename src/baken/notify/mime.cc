#include "baken/notify/mime.h"

#include <cstdint>
#include <cstdio>
#include <string_view>

#include "baken/base/encoding.h"
#include "baken/base/time_zone.h"

namespace baken::notify {

namespace {

bool IsPrintableAscii(std::string_view s) {
  for (char c : s) {
    if (c < 0x20 || c > 0x7E) return false;
  }
  return true;
}

bool IsAscii(std::string_view s) {
  for (char c : s) {
    if (static_cast<unsigned char>(c) > 0x7F) return false;
  }
  return true;
}

// Text with every line end made CRLF, ending in CRLF.
std::string ToCrlf(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r') {
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
      out += "\r\n";
    } else if (text[i] == '\n') {
      out += "\r\n";
    } else {
      out += text[i];
    }
  }
  if (out.size() < 2 || out.compare(out.size() - 2, 2, "\r\n") != 0) out += "\r\n";
  return out;
}

bool HasLongLine(std::string_view crlf_text) {
  size_t start = 0;
  while (start < crlf_text.size()) {
    size_t end = crlf_text.find("\r\n", start);
    if (end == std::string_view::npos) end = crlf_text.size();
    if (end - start > 998) return true;
    start = end + 2;
  }
  return false;
}

std::string Rfc5322Date(Timestamp t) {
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const LocalDateTime local = ToAmsterdam(t);
  const int offset = AmsterdamOffsetMinutes(t);
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%s, %u %s %d %02d:%02d:%02d +%02d%02d",
                kDays[AmsterdamWeekday(t).c_encoding()], static_cast<unsigned>(local.date.day()),
                kMonths[static_cast<unsigned>(local.date.month()) - 1],
                static_cast<int>(local.date.year()), local.hour, local.minute, local.second,
                offset / 60, offset % 60);
  return buf;
}

}  // namespace

std::string EncodeHeaderValue(const std::string& text) {
  if (IsPrintableAscii(text)) return text;
  // Encoded-words of at most 75 characters: 45 bytes of UTF-8 give 60 base64 characters plus
  // 12 for "=?UTF-8?B?" and "?=". A character is never split over two words (RFC 2047 5).
  std::string out;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = std::min(text.size(), start + 45);
    while (end < text.size() && end > start && (static_cast<uint8_t>(text[end]) & 0xC0) == 0x80) {
      --end;
    }
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + Base64Encode(std::string_view(text).substr(start, end - start)) + "?=";
    start = end;
  }
  return out;
}

std::string QuotedPrintable(const std::string& text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  const std::string crlf = ToCrlf(text);
  size_t start = 0;
  while (start < crlf.size()) {
    const size_t end = crlf.find("\r\n", start);
    std::string line;
    size_t width = 0;
    for (size_t i = start; i < end; ++i) {
      const auto c = static_cast<uint8_t>(crlf[i]);
      const bool last = i + 1 == end;
      std::string piece;
      if ((c >= 33 && c <= 126 && c != '=') || ((c == ' ' || c == '\t') && !last)) {
        piece = std::string(1, static_cast<char>(c));
      } else {
        piece = {'=', kHex[c >> 4], kHex[c & 15]};
      }
      if (width + piece.size() > 75) {  // soft line break: at most 76 characters with the '='
        line += "=\r\n";
        width = 0;
      }
      line += piece;
      width += piece.size();
    }
    out += line + "\r\n";
    start = end + 2;
  }
  return out;
}

std::string FormatMessage(const Message& message, const std::string& from, Timestamp date,
                          const std::string& message_id, bool allow_8bit) {
  const std::string body = ToCrlf(message.body_text);
  std::string encoding = "7bit";
  std::string encoded_body = body;
  if (!IsAscii(body) || HasLongLine(body)) {
    if (allow_8bit && !HasLongLine(body)) {
      encoding = "8bit";
    } else {
      encoding = "quoted-printable";
      encoded_body = QuotedPrintable(message.body_text);
    }
  }
  std::string out;
  out += "Date: " + Rfc5322Date(date) + "\r\n";
  out += "From: " + from + "\r\n";
  out += "To: " + message.to_address + "\r\n";
  out += "Subject: " + EncodeHeaderValue(message.subject) + "\r\n";
  out += "Message-ID: <" + message_id + ">\r\n";
  out += "MIME-Version: 1.0\r\n";
  out += "Content-Type: text/plain; charset=UTF-8\r\n";
  out += "Content-Transfer-Encoding: " + encoding + "\r\n";
  out += "Auto-Submitted: auto-generated\r\n";
  out += "\r\n";
  out += encoded_body;
  return out;
}

}  // namespace baken::notify
