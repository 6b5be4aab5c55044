// Fuzzes the query-string decoding the server applies to every request (percent escapes, '+',
// repeated and empty parameters): any bytes, never a crash, and decoding never grows the text.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "baken/api/internal/http_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  size_t total = 0;
  for (const auto& [key, value] : baken::api::internal::DecodeQuery(text)) {
    total += key.size() + value.size();
  }
  if (total > size) std::abort();
  return 0;
}
