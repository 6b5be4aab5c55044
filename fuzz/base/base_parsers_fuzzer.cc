// Fuzzes the base parsers that read outside input (timestamps and dates in JSON and CSV imports,
// ids in URLs, configuration files). The first byte picks the parser; the rest is the text.
// Besides not crashing, every accepted value must survive a format/parse round trip.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "baken/base/config.h"
#include "baken/base/ids.h"
#include "baken/base/time_zone.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  switch (data[0] % 5) {
    case 0: {
      const baken::StatusOr<baken::Timestamp> t = baken::ParseRfc3339(text);
      if (t.ok()) {
        if (*baken::ParseRfc3339(baken::FormatRfc3339(*t)) != *t) std::abort();
        if (*baken::ParseRfc3339(baken::FormatRfc3339(*t, false)) != *t) std::abort();
      }
      break;
    }
    case 1: {
      const baken::StatusOr<baken::Timestamp> t = baken::ParseLocal(text);
      if (t.ok()) {
        std::string expected(text.substr(0, 16));
        expected[10] = ' ';  // 'T' is accepted as separator too
        if (baken::FormatLocal(*t).substr(0, 16) != expected) std::abort();
      }
      break;
    }
    case 2: {
      const auto d = baken::ParseDate(text);
      if (d.ok() && baken::FormatDate(*d) != text) std::abort();
      break;
    }
    case 3: {
      const baken::StatusOr<baken::Uuid> id = baken::Uuid::Parse(text);
      if (id.ok() && *baken::Uuid::Parse(id->ToString()) != *id) std::abort();
      break;
    }
    default: {
      baken::Config config;
      if (config.LoadText(text, "fuzz").ok()) {
        for (const baken::ConfigEntry& e : config.Entries()) {
          (void)config.GetInt(e.key);
          (void)config.GetBool(e.key);
          (void)config.GetDuration(e.key);
        }
      }
      break;
    }
  }
  return 0;
}
