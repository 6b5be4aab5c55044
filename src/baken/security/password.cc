#include "baken/security/password.h"

#include <sodium.h>

#include <cctype>

#include "baken/base/strings.h"
#include "baken/security/internal/crypto_util.h"

namespace baken::security {
namespace {

// Counts UTF-8 code points, so "één" is three characters.
size_t CodePoints(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) {
    if ((c & 0xC0) != 0x80) ++n;
  }
  return n;
}

}  // namespace

PasswordHashParams PasswordHashParams::Interactive() {
  return {crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE};
}

PasswordHashParams PasswordHashParams::Server() {
  return {3, size_t{128} << 20};
}

StatusOr<std::string> HashPassword(std::string_view password, const PasswordHashParams& params) {
  if (!internal::EnsureSodium()) return InternalError("libsodium kon niet starten");
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), params.opslimit, params.memlimit,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return ResourceExhaustedError("Het wachtwoord kon nu niet worden verwerkt; probeer het later");
  }
  return std::string(out);
}

bool VerifyPassword(std::string_view hash, std::string_view password) {
  if (!internal::EnsureSodium()) return false;
  if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) return false;
  const std::string h(hash);  // NUL-terminated for libsodium
  return crypto_pwhash_str_verify(h.c_str(), password.data(), password.size()) == 0;
}

bool PasswordNeedsRehash(std::string_view hash, const PasswordHashParams& params) {
  if (!internal::EnsureSodium()) return true;
  if (hash.size() >= crypto_pwhash_STRBYTES) return true;
  const std::string h(hash);
  return crypto_pwhash_str_needs_rehash(h.c_str(), params.opslimit, params.memlimit) != 0;
}

Status CheckPasswordPolicy(std::string_view password, std::string_view username) {
  if (CodePoints(password) < kMinPasswordLength) {
    return InvalidArgumentError(
        "Het wachtwoord moet minstens " + std::to_string(kMinPasswordLength) + " tekens lang zijn",
        "password");
  }
  bool lower = false, upper = false, digit = false, other = false;
  for (unsigned char c : password) {
    if (std::islower(c)) {
      lower = true;
    } else if (std::isupper(c)) {
      upper = true;
    } else if (std::isdigit(c)) {
      digit = true;
    } else {
      other = true;
    }
  }
  if (int{lower} + int{upper} + int{digit} + int{other} < 2) {
    return InvalidArgumentError(
        "Het wachtwoord moet meer dan één soort teken bevatten (kleine letters, hoofdletters, "
        "cijfers of leestekens)",
        "password");
  }
  // Containing the user name counts too, unless the name is too short to mean anything.
  const std::string pw = ToLowerAscii(password), user = ToLowerAscii(username);
  if (!user.empty() && (pw == user || (user.size() >= 3 && pw.find(user) != std::string::npos))) {
    return InvalidArgumentError("Het wachtwoord mag uw gebruikersnaam niet bevatten", "password");
  }
  return Status::Ok();
}

}  // namespace baken::security
