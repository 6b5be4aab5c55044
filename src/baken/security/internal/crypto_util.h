// Small helpers shared by the security module's sources: libsodium start-up, hex decoding, BLAKE2b,
// length-prefixed canonical encoding. Internal; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "baken/base/clock.h"
#include "baken/base/status.h"

namespace baken::security::internal {

// Calls sodium_init() once; returns false if libsodium cannot start (no usable RNG).
bool EnsureSodium();

// baken::HexDecode (base/encoding.h) with a Status: kInvalidArgument for odd length or non-hex.
StatusOr<std::string> HexDecode(std::string_view hex);

// BLAKE2b with an optional key (empty = unkeyed); out_len 16..64.
std::string Blake2b(std::string_view data, std::string_view key = {}, size_t out_len = 32);

// Appends an 8-byte big-endian length and the bytes: an unambiguous encoding of a field list.
void AppendField(std::string& out, std::string_view field);

// Constant-time comparison of equal-length strings (false when lengths differ).
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace baken::security::internal

namespace baken::security::internal {

// `n` random bytes from libsodium.
std::string RandomBytes(size_t n);

// A time-ordered id (UUID version 7 text form) from `now` and 74 random bits.
std::string NewUuidV7(Timestamp now);

// crypto_secretbox under a 32-byte key: nonce || ciphertext. Open fails with kInternal (a wrong
// key or a changed row is a broken invariant, not a user error).
StatusOr<std::string> SealWithKey(std::string_view key, std::string_view plaintext);
StatusOr<std::string> OpenWithKey(std::string_view key, std::string_view sealed);

// "14:35" in Europe/Amsterdam (CET/CEST by the EU rule), for messages like "probeer het na ...".
std::string AmsterdamHourMinute(Timestamp t);

}  // namespace baken::security::internal
