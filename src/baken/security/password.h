// Password hashing (argon2id through libsodium's crypto_pwhash_str) and the password policy.
//
// Hashes are self-describing strings ("$argon2id$v=19$m=...,t=...,p=1$salt$hash"), so parameters
// can be raised later: PasswordNeedsRehash() tells the login code to store a fresh hash after a
// successful verify. Thread-safe. Hashing costs memlimit bytes of RAM and ~0.1-1 s of CPU per
// call; callers bound concurrency. Errors: kInvalidArgument (policy, Dutch message, field
// "password"), kResourceExhausted when the memory for hashing cannot be had.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "baken/base/status.h"

namespace baken::security {

struct PasswordHashParams {
  uint64_t opslimit;
  size_t memlimit;  // bytes

  // libsodium's INTERACTIVE limits (2 passes, 64 MiB): for tests and development.
  static PasswordHashParams Interactive();
  // For the server: 3 passes, 128 MiB. Between libsodium's INTERACTIVE and MODERATE, so a burst
  // of logins cannot exhaust memory while an offline guess still costs real work.
  static PasswordHashParams Server();
};

// Hashes `password` with a fresh random salt.
StatusOr<std::string> HashPassword(std::string_view password, const PasswordHashParams& params);

// True when `password` matches `hash`; false for a wrong password or a malformed hash.
bool VerifyPassword(std::string_view hash, std::string_view password);

// True when `hash` was made with other parameters (or another algorithm) than `params`.
bool PasswordNeedsRehash(std::string_view hash, const PasswordHashParams& params);

inline constexpr size_t kMinPasswordLength = 12;

// Ok, or kInvalidArgument with a Dutch explanation: at least 12 characters, not only one kind of
// character (lower case, upper case, digits, other), not the user name (ignoring case).
Status CheckPasswordPolicy(std::string_view password, std::string_view username);

}  // namespace baken::security
