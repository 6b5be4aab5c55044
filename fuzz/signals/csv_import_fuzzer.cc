// Fuzz target: the CSV import of meldingen (column mapping, streaming reader, number and time
// parsing, category lookup by code or name). Input: an optional mapping spec, a NUL byte, then the
// CSV; without a NUL byte the whole input is the CSV with the default mapping. The first byte of
// the spec part also picks the delimiter and the coordinate system. Any input must give items,
// rejections or a Status, never a crash, leak or sanitizer report.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "baken/signals/csv_import.h"
#include "baken/signals/defaults.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace baken::signals;  // NOLINT(google-build-using-namespace)
  if (size > (1u << 20)) return 0;
  static const CategoryCatalog* catalog = [] {
    auto parsed = ParseTaxonomy(DefaultTaxonomyJson());
    return parsed.ok() ? new CategoryCatalog(std::move(*parsed)) : nullptr;
  }();
  if (catalog == nullptr) __builtin_trap();  // the compiled-in taxonomy must parse

  std::string_view input(reinterpret_cast<const char*>(data), size);
  ImportMapping mapping;
  const size_t nul = input.find('\0');
  if (nul != std::string_view::npos) {
    std::string_view spec = input.substr(0, nul);
    if (!spec.empty()) {
      mapping.delimiter = (spec[0] & 1) != 0 ? ';' : ',';
      mapping.crs = (spec[0] & 2) != 0 ? GivenLocation::Crs::kWgs84 : GivenLocation::Crs::kRd;
      spec.remove_prefix(1);
    }
    if (!ParseColumnMap(spec, mapping).ok()) return 0;
    input.remove_prefix(nul + 1);
  }
  std::istringstream in{std::string(input)};
  auto reader = CsvImportReader::Open(in, mapping, *catalog);
  if (!reader.ok()) return 0;
  std::vector<ImportItem> items;
  std::vector<ImportRejection> rejected;
  for (int chunk = 0; chunk < 1000; ++chunk) {
    rejected.clear();
    auto read = (*reader)->ReadChunk(7, items, rejected);
    if (!read.ok() || *read == 0) break;
    // Every row read is either an item or a rejection, and a chunk holds at most 7 rows.
    if (*read > 7 || static_cast<size_t>(*read) != items.size() + rejected.size()) {
      __builtin_trap();
    }
  }
  return 0;
}
