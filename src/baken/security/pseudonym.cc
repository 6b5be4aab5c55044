#include "baken/security/pseudonym.h"

#include <sodium.h>

#include <cctype>
#include <fstream>
#include <sstream>

#include "baken/base/encoding.h"
#include "baken/security/base32.h"
#include "baken/security/internal/crypto_util.h"

namespace baken::security {
namespace {

bool IsSpace(char c) {
  return std::isspace(static_cast<unsigned char>(c)) != 0;
}

std::string CollapseSpaces(std::string_view s) {
  std::string out;
  bool pending_space = false;
  for (char c : s) {
    if (IsSpace(c)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    out += c;
  }
  return out;
}

std::string AsciiLower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

constexpr std::string_view kKindCodes[] = {"email", "phone", "name", "postcode", "bsn", "other"};

}  // namespace

std::string NormalizeIdentifier(IdentifierKind kind, std::string_view value) {
  std::string s = CollapseSpaces(value);
  switch (kind) {
    case IdentifierKind::kEmail:
    case IdentifierKind::kName: return AsciiLower(std::move(s));
    case IdentifierKind::kPhone: {
      std::string digits;
      for (char c : s) {
        if (std::isdigit(static_cast<unsigned char>(c))) digits += c;
      }
      const bool plus = !s.empty() && s[0] == '+';
      if (plus && digits.starts_with("31")) return "0" + digits.substr(2);
      if (digits.starts_with("0031")) return "0" + digits.substr(4);
      return digits;
    }
    case IdentifierKind::kPostcode:
    case IdentifierKind::kBsn: {
      std::string out;
      for (char c : s) {
        if (!IsSpace(c)) out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      }
      return out;
    }
    case IdentifierKind::kOther: return s;
  }
  return s;
}

StatusOr<Pseudonymizer> Pseudonymizer::FromHexKey(std::string_view hex_key) {
  while (!hex_key.empty() && IsSpace(hex_key.front())) hex_key.remove_prefix(1);
  while (!hex_key.empty() && IsSpace(hex_key.back())) hex_key.remove_suffix(1);
  StatusOr<std::string> raw = internal::HexDecode(hex_key);
  if (!raw.ok() || raw->size() != kKeyBytes) {
    return InvalidArgumentError("De pseudonimiseringssleutel moet 64 hexadecimale tekens zijn",
                                "pseudonym_key");
  }
  std::array<unsigned char, kKeyBytes> key;
  std::copy(raw->begin(), raw->end(), key.begin());
  sodium_memzero(raw->data(), raw->size());
  Pseudonymizer p(key);
  sodium_memzero(key.data(), key.size());
  return p;
}

StatusOr<Pseudonymizer> Pseudonymizer::FromKeyFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFoundError("Het sleutelbestand voor pseudonimisering is niet gevonden");
  std::stringstream ss;
  ss << in.rdbuf();
  std::string text = ss.str();
  StatusOr<Pseudonymizer> p = FromHexKey(text);
  sodium_memzero(text.data(), text.size());
  return p;
}

std::string Pseudonymizer::GenerateHexKey() {
  internal::EnsureSodium();
  std::string key(kKeyBytes, '\0');
  randombytes_buf(key.data(), key.size());
  std::string hex = HexEncode(key);
  sodium_memzero(key.data(), key.size());
  return hex;
}

Pseudonymizer::~Pseudonymizer() {
  sodium_memzero(key_.data(), key_.size());
}

StatusOr<std::string> Pseudonymizer::Pseudonym(std::string_view domain, IdentifierKind kind,
                                               std::string_view value) const {
  if (domain.empty() || domain.size() > 32) {
    return InvalidArgumentError("Ongeldig pseudonimiseringsdomein", "domain");
  }
  for (char c : domain) {
    if (!(std::islower(static_cast<unsigned char>(c)) ||
          std::isdigit(static_cast<unsigned char>(c)) || c == '_' || c == '-')) {
      return InvalidArgumentError("Ongeldig pseudonimiseringsdomein", "domain");
    }
  }
  std::string input;
  internal::AppendField(input, "baken.pseudonym.v1");
  internal::AppendField(input, domain);
  internal::AppendField(input, kKindCodes[static_cast<size_t>(kind)]);
  internal::AppendField(input, NormalizeIdentifier(kind, value));
  const std::string digest = internal::Blake2b(
      input, std::string_view(reinterpret_cast<const char*>(key_.data()), key_.size()), 20);
  return std::string(domain) + ":" + AsciiLower(Base32Encode(digest));
}

}  // namespace baken::security
