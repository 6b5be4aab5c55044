#include "baken/base/encoding.h"

#include <sodium.h>

namespace baken {

namespace {

int SodiumVariant(Base64Variant variant) {
  return variant == Base64Variant::kStandard ? sodium_base64_VARIANT_ORIGINAL
                                             : sodium_base64_VARIANT_URLSAFE_NO_PADDING;
}

unsigned char* Bytes(std::string& s) {
  return reinterpret_cast<unsigned char*>(s.data());
}
const unsigned char* Bytes(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

}  // namespace

std::string Base64Encode(std::string_view bytes, Base64Variant variant) {
  const int v = SodiumVariant(variant);
  // sodium_base64_ENCODED_LEN counts the terminating NUL that sodium_bin2base64 writes.
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), v), '\0');
  sodium_bin2base64(out.data(), out.size(), Bytes(bytes), bytes.size(), v);
  out.resize(out.size() - 1);
  return out;
}

std::optional<std::string> Base64Decode(std::string_view text, Base64Variant variant,
                                        std::string_view ignore) {
  // A NUL would match the end of `ignore` inside libsodium (strchr): never valid base64 anyway.
  if (text.find('\0') != std::string_view::npos) return std::nullopt;
  std::string out(text.size() / 4 * 3 + 3, '\0');
  const std::string ignore_z(ignore);  // sodium wants a NUL-terminated list
  size_t len = 0;
  const char* end = nullptr;
  if (sodium_base642bin(Bytes(out), out.size(), text.data(), text.size(),
                        ignore.empty() ? nullptr : ignore_z.c_str(), &len, &end,
                        SodiumVariant(variant)) != 0 ||
      end != text.data() + text.size()) {
    return std::nullopt;
  }
  out.resize(len);
  return out;
}

std::string HexEncode(std::string_view bytes) {
  std::string out(bytes.size() * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), Bytes(bytes), bytes.size());
  out.resize(out.size() - 1);
  return out;
}

std::optional<std::string> HexDecode(std::string_view text) {
  if (text.size() % 2 != 0) return std::nullopt;
  std::string out(text.size() / 2, '\0');
  size_t len = 0;
  const char* end = nullptr;
  if (sodium_hex2bin(Bytes(out), out.size(), text.data(), text.size(), nullptr, &len, &end) != 0 ||
      end != text.data() + text.size() || len != out.size()) {
    return std::nullopt;
  }
  return out;
}

}  // namespace baken
