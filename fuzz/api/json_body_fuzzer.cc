// Fuzzes the check every JSON request body passes before any route parses it (UTF-8, nesting at
// most 64) and ParseJsonObject behind it: any bytes, never a crash, and a body the check accepts
// never makes the parser go deeper than the limit.
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "baken/api/internal/http_input.h"

namespace {

int Depth(const nlohmann::json& j) {
  int deepest = 0;
  if (j.is_array() || j.is_object()) {
    for (const auto& child : j) deepest = std::max(deepest, Depth(child));
    return deepest + 1;
  }
  return 0;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const bool accepted = baken::api::internal::CheckJsonText(text).ok();
  auto parsed = baken::api::internal::ParseJsonObject(text);
  if (parsed.ok() && (!accepted || Depth(*parsed) > baken::api::internal::kMaxJsonDepth)) {
    std::abort();
  }
  return 0;
}
