// Fuzz target: the programme file parser (data/programmas/*.json, `baken programma seed --file`)
// and the period parser (API and command line). Any input must give a value or a Status, never a
// crash, leak or sanitizer report.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "baken/programme/seed.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace baken::programme;  // NOLINT(google-build-using-namespace)
  if (size > (1u << 20)) return 0;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)ParsePeriod(text);
  auto file = ParseProgrammeFile(text);
  if (!file.ok()) return 0;
  for (const ProgrammeDefinition& d : file->programmes) {
    (void)Validate(d.programme, d.indicators);
    for (const Indicator& ind : d.indicators) {
      for (const Target& t : ind.targets) (void)FormatPeriod(t.period);
    }
  }
  return 0;
}
