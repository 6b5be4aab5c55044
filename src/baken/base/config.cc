#include "baken/base/config.h"

#include <unistd.h>  // environ

#include <algorithm>
#include <cctype>
#include <charconv>
#include <fstream>
#include <limits>
#include <sstream>

#include "baken/base/strings.h"

namespace baken {
namespace {

bool ValidKey(std::string_view key) {
  if (key.empty() || key.front() == '.' || key.back() == '.') return false;
  return std::all_of(key.begin(), key.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.';
  });
}

Status KeyError(std::string_view key, const std::string& detail) {
  return InvalidArgumentError("Instelling '" + std::string(key) + "' " + detail, std::string(key));
}

// "db.password" -> "BAKEN_DB_PASSWORD".
std::string VariableFor(std::string_view key) {
  std::string out = "BAKEN_";
  for (char c : key) {
    out += (c == '.' || c == '-') ? '_'
                                  : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return out;
}

}  // namespace

std::string_view ConfigSourceName(ConfigSource source) {
  switch (source) {
    case ConfigSource::kDefault: return "standaard";
    case ConfigSource::kFile: return "bestand";
    case ConfigSource::kEnvironment: return "omgeving";
    case ConfigSource::kFlag: return "optie";
  }
  return "onbekend";
}

bool Config::IsSecretKey(std::string_view key) {
  const std::string k = ToLowerAscii(key);
  for (std::string_view word : {"password", "secret", "token", "key"}) {
    if (k.find(word) != std::string::npos) return true;
  }
  return false;
}

void Config::Set(std::string_view key, ConfigSource source, std::string_view value,
                 std::string_view origin) {
  values_[ToLowerAscii(key)][static_cast<size_t>(source)] =
      Layer{std::string(value), std::string(origin)};
}

void Config::SetDefault(std::string_view key, std::string_view value) {
  Set(key, ConfigSource::kDefault, value, "");
}

Status Config::LoadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFoundError("Configuratiebestand '" + path + "' kan niet worden gelezen.");
  std::ostringstream text;
  text << in.rdbuf();
  return LoadText(text.str(), path);
}

Status Config::LoadText(std::string_view text, std::string_view origin) {
  std::string section;
  int line_number = 0;
  std::vector<std::pair<std::string, std::pair<std::string, std::string>>> parsed;
  while (!text.empty()) {
    const size_t end = text.find('\n');
    std::string_view line = Trim(text.substr(0, end));
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    ++line_number;
    const std::string where = std::string(origin) + ":" + std::to_string(line_number);
    if (line.empty() || line.front() == '#' || line.front() == ';') continue;
    if (line.front() == '[') {
      const size_t close = line.find(']');
      const std::string name =
          ToLowerAscii(Trim(line.substr(1, close == std::string_view::npos ? 0 : close - 1)));
      if (close == std::string_view::npos || !ValidKey(name) ||
          !Trim(line.substr(close + 1)).empty()) {
        return InvalidArgumentError("Regel " + std::to_string(line_number) + " van " +
                                    std::string(origin) + ": ongeldige sectie, verwacht [naam].");
      }
      section = name + ".";
      continue;
    }
    const size_t eq = line.find('=');
    if (eq == std::string_view::npos) {
      return InvalidArgumentError("Regel " + std::to_string(line_number) + " van " +
                                  std::string(origin) + ": verwacht 'sleutel = waarde'.");
    }
    const std::string key = section + ToLowerAscii(Trim(line.substr(0, eq)));
    if (!ValidKey(key) || Trim(line.substr(0, eq)).empty()) {
      return InvalidArgumentError("Regel " + std::to_string(line_number) + " van " +
                                      std::string(origin) + ": ongeldige sleutel '" + key +
                                      "' (toegestaan: a-z, 0-9, _, - en .).",
                                  key);
    }
    std::string_view value = Trim(line.substr(eq + 1));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
      value = value.substr(1, value.size() - 2);
    }
    parsed.push_back({key, {std::string(value), where}});
  }
  // Only apply a file that parsed completely, so a bad file leaves the config unchanged.
  for (const auto& [key, value_where] : parsed) {
    Set(key, ConfigSource::kFile, value_where.first, value_where.second);
  }
  return Status::Ok();
}

std::string Config::EnvironmentKey(std::string_view variable) const {
  for (const auto& [key, layers] : values_) {
    if (VariableFor(key) == variable) return key;
  }
  std::string key = ToLowerAscii(variable.substr(6));  // without "BAKEN_"
  const size_t underscore = key.find('_');
  if (underscore != std::string::npos) key[underscore] = '.';
  return key;
}

void Config::LoadEnvironment(const std::vector<std::string>& name_values) {
  for (const std::string& nv : name_values) {
    const size_t eq = nv.find('=');
    if (eq == std::string::npos || eq <= 6 || nv.compare(0, 6, "BAKEN_") != 0) continue;
    const std::string_view name = std::string_view(nv).substr(0, eq);
    const std::string key = EnvironmentKey(name);
    if (!ValidKey(key)) continue;
    Set(key, ConfigSource::kEnvironment, std::string_view(nv).substr(eq + 1), name);
  }
}

void Config::LoadProcessEnvironment() {
  std::vector<std::string> name_values;
  for (char** e = environ; e != nullptr && *e != nullptr; ++e) name_values.emplace_back(*e);
  LoadEnvironment(name_values);
}

Status Config::SetFlag(std::string_view assignment) {
  const size_t eq = assignment.find('=');
  const std::string key = ToLowerAscii(Trim(assignment.substr(0, eq)));
  if (eq == std::string_view::npos || !ValidKey(key)) {
    return InvalidArgumentError("Optie '--set " + std::string(assignment.substr(0, eq)) +
                                    "' heeft de vorm sleutel=waarde nodig.",
                                "set");
  }
  SetFlag(key, assignment.substr(eq + 1));
  return Status::Ok();
}

void Config::SetFlag(std::string_view key, std::string_view value) {
  Set(key, ConfigSource::kFlag, value, "--set");
}

std::optional<ConfigEntry> Config::Find(std::string_view key) const {
  const auto it = values_.find(ToLowerAscii(key));
  if (it == values_.end()) return std::nullopt;
  for (int source = 3; source >= 0; --source) {
    const std::optional<Layer>& layer = it->second[source];
    if (layer) {
      return ConfigEntry{it->first, layer->value, static_cast<ConfigSource>(source), layer->origin,
                         IsSecretKey(it->first)};
    }
  }
  return std::nullopt;
}

bool Config::Has(std::string_view key) const {
  return Find(key).has_value();
}

StatusOr<std::string> Config::GetString(std::string_view key) const {
  std::optional<ConfigEntry> entry = Find(key);
  if (!entry) {
    return KeyError(key, "ontbreekt; zet hem in het configuratiebestand of in " +
                             VariableFor(ToLowerAscii(key)) + ".");
  }
  return std::move(entry->value);
}

StatusOr<int64_t> Config::GetInt(std::string_view key) const {
  ASSIGN_OR_RETURN(const std::string text, GetString(key));
  const std::string_view t = Trim(text);
  int64_t value = 0;
  const auto [ptr, ec] = std::from_chars(t.data(), t.data() + t.size(), value);
  if (t.empty() || ec != std::errc() || ptr != t.data() + t.size()) {
    return KeyError(key, "moet een geheel getal zijn, niet '" +
                             (IsSecretKey(key) ? std::string("***") : text) + "'.");
  }
  return value;
}

StatusOr<bool> Config::GetBool(std::string_view key) const {
  ASSIGN_OR_RETURN(const std::string text, GetString(key));
  const std::string t = ToLowerAscii(Trim(text));
  for (std::string_view yes : {"true", "ja", "yes", "on", "aan", "1"}) {
    if (t == yes) return true;
  }
  for (std::string_view no : {"false", "nee", "no", "off", "uit", "0"}) {
    if (t == no) return false;
  }
  return KeyError(key, "moet ja of nee (true/false) zijn, niet '" +
                           (IsSecretKey(key) ? std::string("***") : text) + "'.");
}

StatusOr<std::chrono::microseconds> Config::GetDuration(std::string_view key) const {
  ASSIGN_OR_RETURN(const std::string text, GetString(key));
  const std::string_view t = Trim(text);
  int64_t amount = 0;
  const auto [ptr, ec] = std::from_chars(t.data(), t.data() + t.size(), amount);
  const std::string_view unit(ptr, t.data() + t.size() - ptr);
  Status bad = KeyError(key, "moet een duur zijn zoals 30s, 15m, 12h of 365d (ook ms), niet '" +
                                 (IsSecretKey(key) ? std::string("***") : text) + "'.");
  if (t.empty() || ec != std::errc() || amount < 0) return bad;
  int64_t micros_per_unit = 0;
  if (unit == "ms") {
    micros_per_unit = 1000;
  } else if (unit == "s") {
    micros_per_unit = 1000000;
  } else if (unit == "m") {
    micros_per_unit = 60LL * 1000000;
  } else if (unit == "h") {
    micros_per_unit = 3600LL * 1000000;
  } else if (unit == "d") {
    micros_per_unit = 86400LL * 1000000;
  } else {
    return bad;
  }
  if (amount > std::numeric_limits<int64_t>::max() / micros_per_unit) {
    return KeyError(key, "is een te lange duur.");
  }
  return std::chrono::microseconds(amount * micros_per_unit);
}

std::vector<ConfigEntry> Config::Entries() const {
  std::vector<ConfigEntry> out;
  for (const auto& [key, layers] : values_) {
    if (std::optional<ConfigEntry> e = Find(key)) out.push_back(std::move(*e));
  }
  return out;
}

std::string Config::Show() const {
  std::string out;
  for (const ConfigEntry& e : Entries()) {
    out += e.key + " = " + e.DisplayValue() + "  (" + std::string(ConfigSourceName(e.source));
    if (!e.origin.empty()) out += ": " + e.origin;
    out += ")\n";
  }
  return out;
}

}  // namespace baken
