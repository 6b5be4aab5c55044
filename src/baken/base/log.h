// Structured logging: one logfmt line per event, written through spdlog.
//
//   baken::log::Info("server.started", {{"listen", addr}, {"areas", 123}});
//   -> ts=2026-11-28T13:00:00.123Z level=info event=server.started listen=127.0.0.1:8080 areas=123
//
// Values are strings, integers, doubles or bools. A value is quoted (with \" \\ \n escapes) when it
// is empty or contains a space, '=', '"' or a control character. A field whose key contains
// password, secret, token, cookie, authorization or api_key (any case) is always written as ***,
// so secrets never reach a log. Keys and event names are reduced to [A-Za-z0-9_.-].
//
// Thread-safe: logging may run concurrently with itself and with the Set*/LogTo* functions, which
// configure one process-wide logger (default: level info, stderr, SystemClock). Logging never
// fails or throws; LogToFile reports an unusable file as a Status. spdlog stays out of this header.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <iosfwd>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>

#include "baken/base/clock.h"
#include "baken/base/status.h"

namespace baken {
class Config;
}  // namespace baken

namespace baken::log {

enum class Level { kDebug = 0, kInfo = 1, kWarn = 2, kError = 3, kOff = 4 };

// "debug", "info", "warn" (or "warning"), "error", "off"; Dutch error naming `field`.
StatusOr<Level> ParseLevel(std::string_view text, std::string_view field = "log.level");
std::string_view LevelName(Level level);

struct Field {
  using Value = std::variant<std::string, int64_t, double, bool>;

  Field(std::string_view k, std::string_view v) : key(k), value(std::string(v)) {}
  Field(std::string_view k, const char* v) : key(k), value(std::string(v)) {}
  Field(std::string_view k, const std::string& v) : key(k), value(v) {}
  Field(std::string_view k, bool v) : key(k), value(v) {}
  Field(std::string_view k, double v) : key(k), value(v) {}
  template <typename T>
  requires(std::is_integral_v<T> && !std::is_same_v<T, bool>) Field(std::string_view k, T v)
      : key(k), value(static_cast<int64_t>(v)) {}

  std::string key;
  Value value;
};

// True for keys whose values are always redacted.
bool IsSecretKey(std::string_view key);

// The line (without newline) for an event; pure, used by the functions below.
std::string FormatLine(Timestamp ts, Level level, std::string_view event,
                       std::initializer_list<Field> fields);

void Log(Level level, std::string_view event, std::initializer_list<Field> fields = {});
inline void Debug(std::string_view event, std::initializer_list<Field> fields = {}) {
  Log(Level::kDebug, event, fields);
}
inline void Info(std::string_view event, std::initializer_list<Field> fields = {}) {
  Log(Level::kInfo, event, fields);
}
inline void Warn(std::string_view event, std::initializer_list<Field> fields = {}) {
  Log(Level::kWarn, event, fields);
}
inline void Error(std::string_view event, std::initializer_list<Field> fields = {}) {
  Log(Level::kError, event, fields);
}

// Events below `level` are dropped.
void SetLevel(Level level);
Level GetLevel();
bool Enabled(Level level);

// The clock for "ts="; must outlive its use. Tests pass a FakeClock.
void SetClock(const Clock& clock);

void LogToStderr();
// Appends to `path` (spdlog creates missing folders); flushed at warn and above and by Flush().
// The previous output stays in use if the file cannot be opened.
Status LogToFile(const std::string& path);
// Writes to `out` (tests); `out` must outlive its use. Every line is flushed.
void LogToStream(std::ostream& out);
void Flush();

// Applies "log.level" (default info) and "log.file" (empty or absent: stderr) from `config`.
// On error nothing changes.
Status Configure(const Config& config);

}  // namespace baken::log
