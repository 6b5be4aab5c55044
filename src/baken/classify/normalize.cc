#include "baken/classify/normalize.h"

#include <cstdint>

#include "baken/base/utf8.h"

namespace baken::classify {
namespace {

// Decodes one UTF-8 code point at `s[i]`; returns its length, 0 when malformed.
size_t DecodeUtf8(std::string_view s, size_t i, char32_t& cp) {
  const auto b0 = static_cast<uint8_t>(s[i]);
  size_t len = 0;
  if (b0 < 0x80) {
    cp = b0;
    return 1;
  } else if ((b0 & 0xE0) == 0xC0) {
    len = 2;
    cp = b0 & 0x1F;
  } else if ((b0 & 0xF0) == 0xE0) {
    len = 3;
    cp = b0 & 0x0F;
  } else if ((b0 & 0xF8) == 0xF0) {
    len = 4;
    cp = b0 & 0x07;
  } else {
    return 0;
  }
  if (i + len > s.size()) return 0;
  for (size_t k = 1; k < len; ++k) {
    const auto b = static_cast<uint8_t>(s[i + k]);
    if ((b & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b & 0x3F);
  }
  // Overlong forms, surrogates and values past U+10FFFF are malformed.
  if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
      (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) {
    return 0;
  }
  return len;
}

// Base letters of U+00C0..U+00FF (lower case); '\0' for the two symbols × and ÷, 's' for ß ("ss").
constexpr char kLatin1Fold[64 + 1] =
    "aaaaaaaceeeeiiii"    // C0-CF: À Á Â Ã Ä Å Æ Ç È É Ê Ë Ì Í Î Ï
    "dnooooo\0ouuuuyts"   // D0-DF: Ð Ñ Ò Ó Ô Õ Ö × Ø Ù Ú Û Ü Ý Þ ß
    "aaaaaaaceeeeiiii"    // E0-EF
    "dnooooo\0ouuuuyty";  // F0-FF: ð ñ ò ó ô õ ö ÷ ø ù ú û ü ý þ ÿ

void AppendUtf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

}  // namespace

bool IsValidUtf8(std::string_view text) {
  return baken::IsValidUtf8(text);
}

std::string NormalizeText(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  auto emit = [&](std::string_view piece) {
    if (pending_space && !out.empty()) out += ' ';
    pending_space = false;
    out += piece;
  };
  for (size_t i = 0; i < text.size();) {
    char32_t cp;
    size_t len = DecodeUtf8(text, i, cp);
    if (len == 0) {  // a stray byte: a boundary
      pending_space = true;
      ++i;
      continue;
    }
    i += len;
    if (cp < 0x80) {
      const char c = static_cast<char>(cp);
      if (c >= 'A' && c <= 'Z') {
        emit(std::string(1, static_cast<char>(c - 'A' + 'a')));
      } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        emit(std::string(1, c));
      } else {
        pending_space = true;  // whitespace, punctuation, symbols
      }
    } else if (cp >= 0xC0 && cp <= 0xFF) {
      const char base = kLatin1Fold[cp - 0xC0];
      if (base == '\0') {
        pending_space = true;
      } else if (cp == 0xDF) {
        emit("ss");
      } else if (cp == 0xC6 || cp == 0xE6) {
        emit("ae");
      } else {
        emit(std::string(1, base));
      }
    } else if (cp == 0x132 || cp == 0x133) {  // Ĳ ĳ
      emit("ij");
    } else if (cp == 0x152 || cp == 0x153) {  // Œ œ
      emit("oe");
    } else if (cp >= 0x80 && cp <= 0xBF) {
      pending_space = true;  // Latin-1 punctuation: « » ¿ ¡ § ° and the like
    } else if ((cp >= 0x2000 && cp <= 0x206F) || (cp >= 0x20A0 && cp <= 0x20CF)) {
      pending_space = true;  // general punctuation (dashes, quotes, ellipsis) and currency signs
    } else {
      std::string piece;
      AppendUtf8(piece, cp);
      emit(piece);
    }
  }
  return out;
}

}  // namespace baken::classify
