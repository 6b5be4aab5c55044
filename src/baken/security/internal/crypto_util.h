// Small helpers shared by the security module's sources: libsodium start-up, hex, BLAKE2b,
// length-prefixed canonical encoding. Internal; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "baken/base/status.h"

namespace baken::security::internal {

// Calls sodium_init() once; returns false if libsodium cannot start (no usable RNG).
bool EnsureSodium();

std::string HexEncode(std::string_view bytes);
// Lower or upper case hex, even length; kInvalidArgument otherwise.
StatusOr<std::string> HexDecode(std::string_view hex);

// BLAKE2b with an optional key (empty = unkeyed); out_len 16..64.
std::string Blake2b(std::string_view data, std::string_view key = {}, size_t out_len = 32);

// Appends an 8-byte big-endian length and the bytes: an unambiguous encoding of a field list.
void AppendField(std::string& out, std::string_view field);

// Constant-time comparison of equal-length strings (false when lengths differ).
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace baken::security::internal
