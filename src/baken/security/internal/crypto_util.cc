#include "baken/security/internal/crypto_util.h"

#include <sodium.h>

#include <chrono>
#include <cstdio>
#include <optional>

#include "baken/base/encoding.h"

namespace baken::security::internal {

bool EnsureSodium() {
  static const bool ok = sodium_init() >= 0;
  return ok;
}

StatusOr<std::string> HexDecode(std::string_view hex) {
  std::optional<std::string> bytes = baken::HexDecode(hex);
  if (!bytes) return InvalidArgumentError("Ongeldige hexadecimale waarde");
  return *std::move(bytes);
}

std::string Blake2b(std::string_view data, std::string_view key, size_t out_len) {
  std::string out(out_len, '\0');
  crypto_generichash(reinterpret_cast<unsigned char*>(out.data()), out.size(),
                     reinterpret_cast<const unsigned char*>(data.data()), data.size(),
                     key.empty() ? nullptr : reinterpret_cast<const unsigned char*>(key.data()),
                     key.size());
  return out;
}

void AppendField(std::string& out, std::string_view field) {
  const uint64_t n = field.size();
  for (int shift = 56; shift >= 0; shift -= 8) out += static_cast<char>((n >> shift) & 0xFF);
  out.append(field);
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace baken::security::internal

namespace baken::security::internal {

std::string RandomBytes(size_t n) {
  EnsureSodium();
  std::string out(n, '\0');
  randombytes_buf(out.data(), out.size());
  return out;
}

std::string NewUuidV7(Timestamp now) {
  const uint64_t ms = static_cast<uint64_t>(ToUnixMicros(now) / 1000);
  std::string b = RandomBytes(16);
  for (int i = 0; i < 6; ++i) b[i] = static_cast<char>((ms >> (8 * (5 - i))) & 0xFF);
  b[6] = static_cast<char>((b[6] & 0x0F) | 0x70);  // version 7
  b[8] = static_cast<char>((b[8] & 0x3F) | 0x80);  // variant 10
  const std::string hex = HexEncode(b);
  return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" +
         hex.substr(16, 4) + "-" + hex.substr(20);
}

StatusOr<std::string> SealWithKey(std::string_view key, std::string_view plaintext) {
  if (key.size() != crypto_secretbox_KEYBYTES) {
    return InternalError("De serversleutel heeft niet de juiste lengte");
  }
  std::string out = RandomBytes(crypto_secretbox_NONCEBYTES);
  out.resize(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + plaintext.size());
  auto* u = reinterpret_cast<unsigned char*>(out.data());
  crypto_secretbox_easy(u + crypto_secretbox_NONCEBYTES,
                        reinterpret_cast<const unsigned char*>(plaintext.data()), plaintext.size(),
                        u, reinterpret_cast<const unsigned char*>(key.data()));
  return out;
}

StatusOr<std::string> OpenWithKey(std::string_view key, std::string_view sealed) {
  if (key.size() != crypto_secretbox_KEYBYTES ||
      sealed.size() < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES) {
    return InternalError("Versleuteld gegeven kan niet worden geopend");
  }
  std::string out(sealed.size() - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES, '\0');
  const auto* s = reinterpret_cast<const unsigned char*>(sealed.data());
  if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char*>(out.data()),
                                 s + crypto_secretbox_NONCEBYTES,
                                 sealed.size() - crypto_secretbox_NONCEBYTES, s,
                                 reinterpret_cast<const unsigned char*>(key.data())) != 0) {
    return InternalError("Versleuteld gegeven kan niet worden geopend");
  }
  return out;
}

std::string AmsterdamHourMinute(Timestamp t) {
  using namespace std::chrono;
  const year y = year_month_day(floor<days>(t)).year();
  auto last_sunday = [&](month m) {
    const sys_days last{y / m / std::chrono::last};
    return last - (weekday(last) - Sunday);
  };
  const auto summer_start = last_sunday(March) + hours(1);  // 01:00 UTC
  const auto summer_end = last_sunday(October) + hours(1);
  const bool summer = t >= summer_start && t < summer_end;
  const auto local = t + hours(summer ? 2 : 1);
  const hh_mm_ss hms(local - floor<days>(local));
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d:%02d", static_cast<int>(hms.hours().count()),
                static_cast<int>(hms.minutes().count()));
  return buf;
}

}  // namespace baken::security::internal
