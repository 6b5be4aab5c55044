// Base64 and hexadecimal text for bytes, through libsodium's constant-time codecs
// (sodium_bin2base64, sodium_base642bin, sodium_bin2hex, sodium_hex2bin): the one implementation
// for MIME mail, data: URLs in reports, attachments in JSON, list cursors and key fingerprints.
//
// Decoders refuse anything that is not exactly the encoding (a wrong character, a missing or
// stray '=', trailing bits) with std::nullopt, so callers word their own error for their field.
// Characters listed in `ignore` (say " \r\n" for wrapped MIME lines) are skipped. Pure functions,
// thread-safe (libsodium's codecs need no sodium_init), never throw.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace baken {

enum class Base64Variant {
  kStandard,         // RFC 4648 section 4: A-Z a-z 0-9 + /, padded with '='
  kUrlSafeNoPadding  // RFC 4648 section 5 without padding: - and _ (URLs, cursors)
};

std::string Base64Encode(std::string_view bytes, Base64Variant variant = Base64Variant::kStandard);
std::optional<std::string> Base64Decode(std::string_view text,
                                        Base64Variant variant = Base64Variant::kStandard,
                                        std::string_view ignore = {});

// Lower-case hexadecimal, two digits per byte.
std::string HexEncode(std::string_view bytes);
// Accepts upper and lower case; refuses an odd length or a non-hex character.
std::optional<std::string> HexDecode(std::string_view text);

}  // namespace baken
