#include "baken/security/totp.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <sodium.h>

#include <cctype>

#include "baken/security/base32.h"
#include "baken/security/internal/crypto_util.h"

namespace baken::security {
namespace {

std::string PercentEncode(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '@') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
    }
  }
  return out;
}

}  // namespace

std::string GenerateTotpSecret() {
  internal::EnsureSodium();
  std::string secret(20, '\0');
  randombytes_buf(secret.data(), secret.size());
  return secret;
}

std::string HotpCode(std::string_view secret, uint64_t counter, int digits) {
  unsigned char msg[8];
  for (int i = 7; i >= 0; --i) {
    msg[i] = static_cast<unsigned char>(counter & 0xFF);
    counter >>= 8;
  }
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int mac_len = 0;
  HMAC(EVP_sha1(), secret.data(), static_cast<int>(secret.size()), msg, sizeof msg, mac, &mac_len);
  const int offset = mac[mac_len - 1] & 0x0F;
  const uint32_t binary = (static_cast<uint32_t>(mac[offset] & 0x7F) << 24) |
                          (static_cast<uint32_t>(mac[offset + 1]) << 16) |
                          (static_cast<uint32_t>(mac[offset + 2]) << 8) |
                          static_cast<uint32_t>(mac[offset + 3]);
  uint32_t modulus = 1;
  for (int i = 0; i < digits; ++i) modulus *= 10;
  std::string code = std::to_string(binary % modulus);
  return std::string(static_cast<size_t>(digits) - code.size(), '0') + code;
}

int64_t TotpStep(Timestamp at, const TotpParams& params) {
  const int64_t seconds = std::chrono::floor<std::chrono::seconds>(at.time_since_epoch()).count();
  const int64_t step = params.step.count();
  return seconds >= 0 ? seconds / step : (seconds - step + 1) / step;
}

std::string TotpCode(std::string_view secret, Timestamp at, const TotpParams& params) {
  return HotpCode(secret, static_cast<uint64_t>(TotpStep(at, params)), params.digits);
}

StatusOr<int64_t> VerifyTotp(std::string_view secret, std::string_view code, Timestamp now,
                             std::optional<int64_t> last_used_step, const TotpParams& params) {
  std::string digits;
  for (char c : code) {
    if (c != ' ') digits += c;
  }
  Status wrong = UnauthenticatedError("De code is onjuist of al gebruikt");  // not const: moved
  if (digits.size() != static_cast<size_t>(params.digits)) return wrong;
  const int64_t current = TotpStep(now, params);
  std::optional<int64_t> matched;
  // Compare every candidate (no early exit) so timing does not reveal which step matched.
  for (int64_t step = current - params.window; step <= current + params.window; ++step) {
    if (step < 0 || (last_used_step && step <= *last_used_step)) continue;
    const std::string expected = HotpCode(secret, static_cast<uint64_t>(step), params.digits);
    if (internal::ConstantTimeEquals(expected, digits) && !matched) matched = step;
  }
  if (!matched) return wrong;
  return *matched;
}

std::string TotpUri(std::string_view account_name, std::string_view secret, std::string_view issuer,
                    const TotpParams& params) {
  return "otpauth://totp/" + PercentEncode(issuer) + ":" + PercentEncode(account_name) +
         "?secret=" + Base32Encode(secret) + "&issuer=" + PercentEncode(issuer) +
         "&algorithm=SHA1&digits=" + std::to_string(params.digits) +
         "&period=" + std::to_string(params.step.count());
}

}  // namespace baken::security
