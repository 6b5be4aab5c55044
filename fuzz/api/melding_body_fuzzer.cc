// Fuzzes the decoding of a melding body (POST /api/v1/publiek/meldingen and the staff create
// route): any bytes, never a crash; an error is a Dutch message, and an accepted body gives a
// melding whose every text is valid UTF-8 (it is stored and later served as JSON) and whose
// location has finite coordinates.
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string>

#include <nlohmann/json.hpp>

#include "baken/api/internal/melding_json.h"

namespace {
void RequireUtf8(const std::string& text) {
  try {
    (void)nlohmann::json(text).dump();  // throws type_error 316 on invalid UTF-8
  } catch (const nlohmann::json::exception&) {
    std::abort();
  }
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string body(reinterpret_cast<const char*>(data), size);
  const auto m = baken::api::internal::DecodeNewMelding(body);
  if (!m.ok()) {
    if (m.status().message().empty()) std::abort();
    return 0;
  }
  for (const std::string* text :
       {&m->text, &m->category, &m->reporter.name, &m->reporter.email, &m->reporter.phone}) {
    RequireUtf8(*text);
  }
  for (const auto& attachment : m->attachments) RequireUtf8(attachment.file_name);
  if (!std::isfinite(m->location.a) || !std::isfinite(m->location.b)) std::abort();
  return 0;
}
