// Value: one SQL parameter or result cell, the same for every dialect.
//
// Text is UTF-8. Blob is raw bytes (kept apart from text so each dialect binds it as binary).
// Timestamp is a UTC instant with microseconds: SQLite stores it as INTEGER microseconds since the
// Unix epoch, PostgreSQL as timestamptz; both read back as the same Timestamp.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <variant>

#include "baken/base/clock.h"

namespace baken::store {

struct Blob {
  std::string bytes;
  friend bool operator==(const Blob&, const Blob&) = default;
};

using Value = std::variant<std::monostate, int64_t, double, std::string, Blob, Timestamp>;

inline Value Null() {
  return std::monostate{};
}
inline bool IsNull(const Value& v) {
  return std::holds_alternative<std::monostate>(v);
}

}  // namespace baken::store
