// Identifiers: time-ordered UUID v7 (RFC 9562) and human-readable case numbers ("M-2026-000123").
//
// Uuid is a 16-byte value type; comparing two Uuids compares their bytes, which for v7 ids orders
// them by creation time. UuidV7Generator is thread-safe: ids from one generator are strictly
// increasing, also within one millisecond (a 12-bit counter in rand_a, RFC 9562 section 6.2
// method 1) and when the clock steps back. Its randomness is a seeded PRNG so tests are
// reproducible: v7 ids are unique and ordered, not secret; never use one as a token.
// Parsing returns InvalidArgument with a Dutch message naming the field; nothing throws.
#pragma once

#include <array>
#include <compare>
#include <cstdint>
#include <mutex>
#include <random>
#include <string>
#include <string_view>

#include "baken/base/clock.h"
#include "baken/base/status.h"

namespace baken {

class Uuid {
 public:
  Uuid() = default;  // the nil UUID
  explicit Uuid(const std::array<uint8_t, 16>& bytes) : bytes_(bytes) {}

  // Accepts the canonical 8-4-4-4-12 hex form, upper or lower case.
  static StatusOr<Uuid> Parse(std::string_view text, std::string_view field = "id");

  // Canonical lower-case, 36 characters: "018f3c1e-7b2a-7c3d-8e4f-0123456789ab".
  std::string ToString() const;

  const std::array<uint8_t, 16>& bytes() const { return bytes_; }
  int version() const { return bytes_[6] >> 4; }
  // True for the RFC 9562 variant (bits 10 in the top of byte 8).
  bool HasRfcVariant() const { return (bytes_[8] & 0xC0) == 0x80; }
  bool IsNil() const { return bytes_ == std::array<uint8_t, 16>{}; }
  // For a v7 id: the millisecond it was made (its first 48 bits).
  Timestamp CreatedAt() const;

  friend auto operator<=>(const Uuid&, const Uuid&) = default;

 private:
  std::array<uint8_t, 16> bytes_{};
};

class UuidV7Generator {
 public:
  // `clock` must outlive the generator. Equal seeds and clock readings give equal ids.
  UuidV7Generator(const Clock& clock, uint64_t seed);

  // A seed from the operating system, for production (std::random_device).
  static uint64_t SeedFromSystem();

  Uuid Next();

 private:
  const Clock& clock_;
  std::mutex mu_;
  std::mt19937_64 rng_;   // guarded by mu_
  int64_t last_ms_ = -1;  // guarded by mu_
  uint32_t counter_ = 0;  // guarded by mu_; 12 bits
};

// "M-2026-000123": prefix, year, and the sequence number padded to at least six digits.
std::string FormatHumanNumber(std::string_view prefix, int year, int64_t sequence);

}  // namespace baken
