// Configuration from defaults, a file, the environment and command-line flags.
//
// Precedence, per key: flag > environment > file > default, whatever the order of loading.
//
// File format (UTF-8, one setting per line):
//   # a comment (also "; comment"); only whole-line comments, so values may contain '#'
//   db = sqlite:/var/lib/baken/baken.db
//   [server]                  # section header: following keys become "server.<key>"
//   listen = 127.0.0.1:8080   -> key "server.listen" (this trailing text would be part of the
//   value) motd = "  spaces kept  "  -> surrounding double quotes are removed
// Keys consist of a-z, 0-9, '_', '-' and '.', and are case-insensitive (stored lower-case).
//
// Environment: BAKEN_<KEY> with '.' written as '_', upper-case. BAKEN_DB -> db,
// BAKEN_SERVER_LISTEN -> server.listen. A variable that matches a key already known (from defaults
// or the file) maps to that key, so BAKEN_SERVER_MAX_BODY -> server.max_body; otherwise the first
// '_' becomes the section dot.
//
// Keys whose name contains "password", "secret", "token" or "key" are secret: DisplayValue and
// error messages show "***" instead of the value.
//
// Not thread-safe to load; safe to read concurrently once loading is done. Errors are
// InvalidArgument (or NotFound for a missing file) with a Dutch message naming the key.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "baken/base/status.h"

namespace baken {

enum class ConfigSource { kDefault = 0, kFile = 1, kEnvironment = 2, kFlag = 3 };

// Dutch, for `baken config show`: "standaard", "bestand", "omgeving", "optie".
std::string_view ConfigSourceName(ConfigSource source);

struct ConfigEntry {
  std::string key;
  std::string value;
  ConfigSource source = ConfigSource::kDefault;
  std::string origin;  // "baken.conf:12", "BAKEN_DB", "--set", or empty for a default
  bool secret = false;

  // The value, or "***" for a secret key.
  std::string DisplayValue() const { return secret ? "***" : value; }
};

class Config {
 public:
  static bool IsSecretKey(std::string_view key);

  void SetDefault(std::string_view key, std::string_view value);

  // Reads `path` (see the format above). A file that cannot be read is NotFound.
  Status LoadFile(const std::string& path);
  // Parses file text; `origin` names it in errors and in ConfigEntry::origin.
  Status LoadText(std::string_view text, std::string_view origin);

  // Takes BAKEN_* variables from "NAME=value" strings; other variables are ignored.
  void LoadEnvironment(const std::vector<std::string>& name_values);
  // Same, from the process environment (for main() only; tests use the overload above).
  void LoadProcessEnvironment();

  // A flag such as `--set server.listen=0.0.0.0:80`: "key=value".
  Status SetFlag(std::string_view assignment);
  void SetFlag(std::string_view key, std::string_view value);

  bool Has(std::string_view key) const;
  std::optional<ConfigEntry> Find(std::string_view key) const;

  // Missing keys are an error; give defaults with SetDefault.
  StatusOr<std::string> GetString(std::string_view key) const;
  StatusOr<int64_t> GetInt(std::string_view key) const;
  // true/false, ja/nee, yes/no, on/off, aan/uit, 1/0 (any case).
  StatusOr<bool> GetBool(std::string_view key) const;
  // A whole number with unit: "500ms", "30s", "15m", "12h", "365d".
  StatusOr<std::chrono::microseconds> GetDuration(std::string_view key) const;

  // Every effective setting, sorted by key.
  std::vector<ConfigEntry> Entries() const;
  // One line per setting: "server.listen = 127.0.0.1:8080  (omgeving: BAKEN_SERVER_LISTEN)".
  std::string Show() const;

 private:
  struct Layer {
    std::string value;
    std::string origin;
  };
  using Layers = std::array<std::optional<Layer>, 4>;  // indexed by ConfigSource

  void Set(std::string_view key, ConfigSource source, std::string_view value,
           std::string_view origin);
  std::string EnvironmentKey(std::string_view variable) const;

  std::map<std::string, Layers, std::less<>> values_;
};

}  // namespace baken
