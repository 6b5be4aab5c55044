#include "baken/base/ids.h"

#include <chrono>

namespace baken {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

constexpr uint32_t kCounterMask = 0xFFF;
// A new millisecond starts its counter below this, leaving at least 2048 ids before it overflows.
constexpr uint32_t kCounterStartLimit = 0x800;

}  // namespace

StatusOr<Uuid> Uuid::Parse(std::string_view text, std::string_view field) {
  const std::string f(field);
  if (text.size() != 36) {
    return InvalidArgumentError("Ongeldige waarde voor '" + f + "': een UUID heeft 36 tekens (" +
                                    std::to_string(text.size()) + " gegeven).",
                                f);
  }
  std::array<uint8_t, 16> bytes{};
  int nibble = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const bool dash_position = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash_position) {
      if (text[i] != '-') {
        return InvalidArgumentError("Ongeldige waarde voor '" + f +
                                        "': verwacht een '-' op positie " + std::to_string(i + 1) +
                                        " (vorm xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx).",
                                    f);
      }
      continue;
    }
    const int v = HexValue(text[i]);
    if (v < 0) {
      return InvalidArgumentError("Ongeldige waarde voor '" + f + "': teken '" +
                                      std::string(1, text[i]) + "' op positie " +
                                      std::to_string(i + 1) + " is geen hexadecimaal cijfer.",
                                  f);
    }
    bytes[nibble / 2] = static_cast<uint8_t>(bytes[nibble / 2] | (v << (nibble % 2 ? 0 : 4)));
    ++nibble;
  }
  return Uuid(bytes);
}

std::string Uuid::ToString() const {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(36);
  for (size_t i = 0; i < bytes_.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
    out += kHex[bytes_[i] >> 4];
    out += kHex[bytes_[i] & 0xF];
  }
  return out;
}

Timestamp Uuid::CreatedAt() const {
  int64_t ms = 0;
  for (int i = 0; i < 6; ++i) ms = (ms << 8) | bytes_[i];
  return Timestamp(std::chrono::milliseconds(ms));
}

UuidV7Generator::UuidV7Generator(const Clock& clock, uint64_t seed) : clock_(clock), rng_(seed) {}

uint64_t UuidV7Generator::SeedFromSystem() {
  std::random_device device;
  return (static_cast<uint64_t>(device()) << 32) ^ device();
}

Uuid UuidV7Generator::Next() {
  const int64_t now_ms =
      std::chrono::floor<std::chrono::milliseconds>(clock_.Now()).time_since_epoch().count();
  std::lock_guard<std::mutex> lock(mu_);
  if (now_ms > last_ms_) {
    last_ms_ = now_ms;
    counter_ = static_cast<uint32_t>(rng_() % kCounterStartLimit);
  } else if (++counter_ > kCounterMask) {
    // Same millisecond (or the clock stepped back) and the counter is spent: borrow the next
    // millisecond so ids stay strictly increasing.
    ++last_ms_;
    counter_ = static_cast<uint32_t>(rng_() % kCounterStartLimit);
  }
  const uint64_t rand_b = rng_();
  std::array<uint8_t, 16> b{};
  const uint64_t ms = static_cast<uint64_t>(last_ms_) & 0xFFFFFFFFFFFFull;
  for (int i = 0; i < 6; ++i) b[i] = static_cast<uint8_t>(ms >> (8 * (5 - i)));
  b[6] = static_cast<uint8_t>(0x70 | (counter_ >> 8));
  b[7] = static_cast<uint8_t>(counter_ & 0xFF);
  for (int i = 8; i < 16; ++i) b[i] = static_cast<uint8_t>(rand_b >> (8 * (15 - i)));
  b[8] = static_cast<uint8_t>(0x80 | (b[8] & 0x3F));
  return Uuid(b);
}

std::string FormatHumanNumber(std::string_view prefix, int year, int64_t sequence) {
  std::string digits = std::to_string(sequence < 0 ? 0 : sequence);
  if (digits.size() < 6) digits.insert(0, 6 - digits.size(), '0');
  return std::string(prefix) + "-" + std::to_string(year) + "-" + digits;
}

}  // namespace baken
