#include "baken/security/masking.h"

#include <cctype>

namespace baken::security {
namespace {

// Length in bytes of the UTF-8 sequence that starts with `lead` (1 for invalid lead bytes).
size_t Utf8Length(unsigned char lead) {
  if (lead >= 0xF0 && lead < 0xF8) return 4;
  if (lead >= 0xE0) return lead < 0xF0 ? 3 : 1;
  if (lead >= 0xC0) return 2;
  return 1;
}

std::string FirstLetterStars(std::string_view word) {
  if (word.empty()) return "";
  size_t n = Utf8Length(static_cast<unsigned char>(word[0]));
  if (n > word.size()) n = 1;
  return std::string(word.substr(0, n)) + "***";
}

}  // namespace

std::string MaskName(std::string_view name) {
  std::string out;
  size_t i = 0;
  while (i < name.size()) {
    while (i < name.size() && std::isspace(static_cast<unsigned char>(name[i]))) ++i;
    size_t start = i;
    while (i < name.size() && !std::isspace(static_cast<unsigned char>(name[i]))) ++i;
    if (i > start) {
      if (!out.empty()) out += ' ';
      out += FirstLetterStars(name.substr(start, i - start));
    }
  }
  return out;
}

std::string MaskEmail(std::string_view email) {
  const size_t at = email.rfind('@');
  if (at == std::string_view::npos) return MaskName(email);
  std::string_view local = email.substr(0, at);
  std::string_view domain = email.substr(at + 1);
  std::string out = local.empty() ? "***" : FirstLetterStars(local);
  out += '@';
  const size_t dot = domain.rfind('.');
  if (dot == std::string_view::npos || dot == 0) {
    out += domain.empty() ? "***" : FirstLetterStars(domain);
  } else {
    out += FirstLetterStars(domain.substr(0, dot)) + std::string(domain.substr(dot));
  }
  return out;
}

std::string MaskPhone(std::string_view phone) {
  std::string digits;
  for (char c : phone) {
    if (c >= '0' && c <= '9') digits += c;
  }
  if (digits.empty() && phone.empty()) return "";
  if (digits.size() < 6) return "***";
  return std::string(digits.size() - 2, '*') + digits.substr(digits.size() - 2);
}

std::string MaskFreeText(std::string_view text) {
  return text.empty() ? std::string() : std::string(kMaskedText);
}

}  // namespace baken::security
