#include "baken/security/base32.h"

#include <cstdint>

namespace baken::security {

std::string Base32Encode(std::string_view bytes, bool pad) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  std::string out;
  uint32_t buffer = 0;
  int bits = 0;
  for (unsigned char c : bytes) {
    buffer = (buffer << 8) | c;
    bits += 8;
    while (bits >= 5) {
      out += kAlphabet[(buffer >> (bits - 5)) & 0x1F];
      bits -= 5;
    }
  }
  if (bits > 0) out += kAlphabet[(buffer << (5 - bits)) & 0x1F];
  if (pad) {
    while (out.size() % 8 != 0) out += '=';
  }
  return out;
}

StatusOr<std::string> Base32Decode(std::string_view text) {
  while (!text.empty() && text.back() == '=') text.remove_suffix(1);
  std::string out;
  uint32_t buffer = 0;
  int bits = 0;
  for (char ch : text) {
    if (ch == ' ' || ch == '-') continue;
    int v;
    if (ch >= 'A' && ch <= 'Z') {
      v = ch - 'A';
    } else if (ch >= 'a' && ch <= 'z') {
      v = ch - 'a';
    } else if (ch >= '2' && ch <= '7') {
      v = ch - '2' + 26;
    } else {
      return InvalidArgumentError("Ongeldige base32-code: alleen A-Z en 2-7 zijn toegestaan");
    }
    buffer = (buffer << 5) | static_cast<uint32_t>(v);
    bits += 5;
    if (bits >= 8) {
      out += static_cast<char>((buffer >> (bits - 8)) & 0xFF);
      bits -= 8;
    }
  }
  // Leftover bits must be zero padding of fewer than 5 bits (else the text was truncated).
  if (bits >= 5 || (buffer & ((1u << bits) - 1)) != 0) {
    return InvalidArgumentError("Ongeldige base32-code: onvolledig");
  }
  return out;
}

}  // namespace baken::security
