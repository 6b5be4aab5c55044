#include "baken/base/log.h"

#include <atomic>
#include <memory>
#include <mutex>

#include <fmt/format.h>
#include <spdlog/logger.h>
#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/sinks/stdout_sinks.h>

#include "baken/base/config.h"
#include "baken/base/time_zone.h"

namespace baken::log {
namespace {

struct State {
  std::mutex mu;
  std::shared_ptr<spdlog::logger> logger;  // guarded by mu
  std::atomic<const Clock*> clock{&SystemClock::Instance()};
  std::atomic<int> level{static_cast<int>(Level::kInfo)};
};

std::shared_ptr<spdlog::logger> MakeLogger(spdlog::sink_ptr sink, bool flush_every_line) {
  auto logger = std::make_shared<spdlog::logger>("baken", std::move(sink));
  logger->set_pattern("%v");  // the line is fully formatted by FormatLine
  logger->set_level(spdlog::level::trace);
  logger->flush_on(flush_every_line ? spdlog::level::trace : spdlog::level::warn);
  return logger;
}

State& GetState() {
  static State* state = [] {
    auto* s = new State();  // never destroyed: logging may happen during static destruction
    s->logger = MakeLogger(std::make_shared<spdlog::sinks::stderr_sink_mt>(), true);
    return s;
  }();
  return *state;
}

std::shared_ptr<spdlog::logger> CurrentLogger() {
  State& s = GetState();
  std::lock_guard<std::mutex> lock(s.mu);
  return s.logger;
}

void Replace(std::shared_ptr<spdlog::logger> logger) {
  State& s = GetState();
  std::shared_ptr<spdlog::logger> old;
  {
    std::lock_guard<std::mutex> lock(s.mu);
    old = std::move(s.logger);
    s.logger = std::move(logger);
  }
  if (old) old->flush();
}

void AppendName(std::string& out, std::string_view name) {
  if (name.empty()) {
    out += '_';
    return;
  }
  for (char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '_' || c == '.' || c == '-';
    out += ok ? c : '_';
  }
}

void AppendText(std::string& out, std::string_view text) {
  bool quote = text.empty();
  for (char c : text) {
    if (c == ' ' || c == '=' || c == '"' || c == '\\' || static_cast<unsigned char>(c) < 0x20 ||
        c == 0x7f) {
      quote = true;
      break;
    }
  }
  if (!quote) {
    out += text;
    return;
  }
  out += '"';
  for (char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
          out += fmt::format("\\x{:02x}", static_cast<unsigned char>(c));
        } else {
          out += c;
        }
    }
  }
  out += '"';
}

void AppendValue(std::string& out, const Field::Value& value) {
  if (const auto* s = std::get_if<std::string>(&value)) {
    AppendText(out, *s);
  } else if (const auto* i = std::get_if<int64_t>(&value)) {
    out += std::to_string(*i);
  } else if (const auto* d = std::get_if<double>(&value)) {
    out += fmt::format("{}", *d);
  } else {
    out += std::get<bool>(value) ? "true" : "false";
  }
}

}  // namespace

StatusOr<Level> ParseLevel(std::string_view text, std::string_view field) {
  if (text == "debug") return Level::kDebug;
  if (text == "info") return Level::kInfo;
  if (text == "warn" || text == "warning") return Level::kWarn;
  if (text == "error") return Level::kError;
  if (text == "off") return Level::kOff;
  return InvalidArgumentError(
      "Ongeldige waarde voor '" + std::string(field) + "': kies debug, info, warn, error of off.",
      std::string(field));
}

std::string_view LevelName(Level level) {
  switch (level) {
    case Level::kDebug: return "debug";
    case Level::kInfo: return "info";
    case Level::kWarn: return "warn";
    case Level::kError: return "error";
    case Level::kOff: return "off";
  }
  return "info";
}

bool IsSecretKey(std::string_view key) {
  std::string lower(key);
  for (char& c : lower) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  for (std::string_view word :
       {"password", "secret", "token", "cookie", "authorization", "api_key", "apikey"}) {
    if (lower.find(word) != std::string::npos) return true;
  }
  return false;
}

std::string FormatLine(Timestamp ts, Level level, std::string_view event,
                       std::initializer_list<Field> fields) {
  std::string out;
  out.reserve(96 + 24 * fields.size());
  out += "ts=";
  out += FormatRfc3339UtcMillis(ts);
  out += " level=";
  out += LevelName(level);
  out += " event=";
  AppendName(out, event);
  for (const Field& f : fields) {
    out += ' ';
    AppendName(out, f.key);
    out += '=';
    if (IsSecretKey(f.key)) {
      out += "***";
    } else {
      AppendValue(out, f.value);
    }
  }
  return out;
}

void Log(Level level, std::string_view event, std::initializer_list<Field> fields) {
  if (!Enabled(level) || level == Level::kOff) return;
  State& s = GetState();
  const std::string line = FormatLine(s.clock.load()->Now(), level, event, fields);
  try {
    CurrentLogger()->log(spdlog::level::info, line);
  } catch (...) {  // logging must never take the caller down
  }
}

void SetLevel(Level level) {
  GetState().level.store(static_cast<int>(level));
}

Level GetLevel() {
  return static_cast<Level>(GetState().level.load());
}

bool Enabled(Level level) {
  return static_cast<int>(level) >= GetState().level.load();
}

void SetClock(const Clock& clock) {
  GetState().clock.store(&clock);
}

void LogToStderr() {
  Replace(MakeLogger(std::make_shared<spdlog::sinks::stderr_sink_mt>(), true));
}

Status LogToFile(const std::string& path) {
  try {
    Replace(MakeLogger(std::make_shared<spdlog::sinks::basic_file_sink_mt>(path, false), false));
  } catch (const std::exception&) {
    return InvalidArgumentError("Logbestand '" + path + "' kan niet worden geopend.", "log.file");
  }
  return Status::Ok();
}

void LogToStream(std::ostream& out) {
  Replace(MakeLogger(std::make_shared<spdlog::sinks::ostream_sink_mt>(out, true), true));
}

void Flush() {
  CurrentLogger()->flush();
}

Status Configure(const Config& config) {
  Level level = Level::kInfo;
  if (config.Has("log.level")) {
    ASSIGN_OR_RETURN(const std::string text, config.GetString("log.level"));
    ASSIGN_OR_RETURN(level, ParseLevel(text, "log.level"));
  }
  const std::string file = config.Has("log.file") ? *config.GetString("log.file") : "";
  if (file.empty()) {
    LogToStderr();
  } else {
    RETURN_IF_ERROR(LogToFile(file));
  }
  SetLevel(level);
  return Status::Ok();
}

}  // namespace baken::log
