// Pseudonyms: stable, keyed, domain-separated stand-ins for personal identifiers, so analyses can
// count and link "the same person" without seeing who it is.
//
// Pseudonym = "<domain>:" + base32(BLAKE2b-160(key, len-prefixed(version, domain, kind,
// normalised value))), lower case. Different domains (e.g. "analyse", "mensenhandel") give
// unlinkable pseudonyms for the same person; without the key, pseudonyms cannot be recomputed
// from a guess. The key is 32 bytes, loaded from hex (config or a file); it is wiped on
// destruction and never printed (no accessor, no operator<<). Thread-safe (const after
// construction). Errors: kInvalidArgument for a bad key or domain, kNotFound for a missing file.
#pragma once

#include <array>
#include <string>
#include <string_view>

#include "baken/base/status.h"

namespace baken::security {

enum class IdentifierKind { kEmail, kPhone, kName, kPostcode, kBsn, kOther };

// Normalisation applied before hashing, exposed for tests and for callers that compare values.
// Trim and collapse inner whitespace to one space (all kinds); e-mail and names lower case;
// phone numbers digits only with "+31"/"0031" turned into "0"; postcodes upper case without
// spaces ("9712 cp" -> "9712CP").
std::string NormalizeIdentifier(IdentifierKind kind, std::string_view value);

class Pseudonymizer {
 public:
  static constexpr size_t kKeyBytes = 32;

  // `hex_key`: 64 hex digits (surrounding whitespace ignored).
  static StatusOr<Pseudonymizer> FromHexKey(std::string_view hex_key);
  // A file holding the hex key (as written by GenerateHexKey), readable by the server only.
  static StatusOr<Pseudonymizer> FromKeyFile(const std::string& path);
  // A fresh random key in hex, for `baken keys init`.
  static std::string GenerateHexKey();

  Pseudonymizer(const Pseudonymizer& other) = default;
  Pseudonymizer& operator=(const Pseudonymizer& other) = default;
  ~Pseudonymizer();

  // `domain`: lower case letters, digits, '_' or '-', 1..32 characters.
  StatusOr<std::string> Pseudonym(std::string_view domain, IdentifierKind kind,
                                  std::string_view value) const;

 private:
  explicit Pseudonymizer(const std::array<unsigned char, kKeyBytes>& key) : key_(key) {}
  std::array<unsigned char, kKeyBytes> key_;
};

}  // namespace baken::security
