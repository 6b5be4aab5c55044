// Fuzzes the Open311 service request form (POST /open311/v2/requests): any bytes, never a crash;
// an error is a Dutch message naming the field, and an accepted form gives a melding whose every
// text is valid UTF-8 (it is stored and later served as JSON and XML) with finite coordinates.
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "baken/api/internal/open311_format.h"
#include "baken/api/internal/open311_request.h"
#include "baken/base/utf8.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string body(reinterpret_cast<const char*>(data), size);
  const auto form = baken::api::internal::ParseFormBody(body);
  const auto m = baken::api::internal::DecodeOpen311Melding(form, "GM0014");
  if (!m.ok()) {
    if (m.status().message().empty() || m.status().field().empty()) std::abort();
    return 0;
  }
  for (const std::string* text :
       {&m->text, &m->category, &m->reporter.name, &m->reporter.email, &m->reporter.phone}) {
    if (!baken::IsValidUtf8(*text)) std::abort();
  }
  if (m->category.empty()) std::abort();
  if (!std::isfinite(m->location.a) || !std::isfinite(m->location.b)) std::abort();
  return 0;
}
