// The shipped programmes (data/programmas/*.json) and their loader.
//
// ParseProgrammeFile() reads the Dutch JSON format of data/programmas/groningen-2022-2024.json
// into programmes with their indicators; errors are kInvalidArgument in Dutch naming the member
// (e.g. "programmas[1].actielijnen[0].trekker"). Seed() stores each programme the tenant does not
// have yet and leaves existing ones alone (staff edits win), so seeding twice changes nothing;
// the one exception is an existing programme without a department ("afdeling"), which gets the
// file's.
// Pure parsing; Seed is thread-safe like Database.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "baken/base/status.h"
#include "baken/programme/model.h"
#include "baken/programme/repository.h"

namespace baken::programme {

struct ProgrammeDefinition {
  Programme programme;
  std::vector<Indicator> indicators;
};

struct ProgrammeFile {
  std::string tenant;  // "gemeente"
  std::string source;  // "bron": where the content comes from
  std::vector<ProgrammeDefinition> programmes;
};

StatusOr<ProgrammeFile> ParseProgrammeFile(std::string_view json_text);
StatusOr<ProgrammeFile> ReadProgrammeFile(const std::string& path);

struct SeedResult {
  std::vector<std::string> created;  // programme codes stored now
  std::vector<std::string> kept;     // already present, left alone
};

StatusOr<SeedResult> Seed(ProgrammeRepository& repository, const ProgrammeFile& file,
                          const ChangeContext& who);

}  // namespace baken::programme
