// CSV import of meldingen from another system: which column holds which field (the mapping), and
// a streaming reader that turns rows into ImportItems for MeldingService::Import.
//
// The mapping is "field=column" pairs (from --map "time=datum,x=x_rd" or a file with one pair a
// line, '#' comments). Fields: time, x, y, category, text, id (required, with defaults) and
// occurred, name, email, phone, priority (optional). An unknown field or an empty column is
// kInvalidArgument naming it. CsvImportReader reads the header, checks that every mapped column is
// there (error naming the column), then reads at most `max` rows per ReadChunk, so a file of a
// million rows needs memory for one chunk only. A row with a missing or invalid value becomes an
// ImportRejection naming its line and column (Dutch); the service validates the rest. Categories
// may be given by code or by (staff or public) name, case-insensitively. Times are RFC 3339 or
// "YYYY-MM-DD HH:MM[:SS]" Amsterdam wall-clock time. Not thread-safe; the stream and the catalog
// must outlive the reader.
#pragma once

#include <functional>
#include <istream>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "baken/base/csv.h"
#include "baken/base/status.h"
#include "baken/base/tenant.h"
#include "baken/signals/category.h"
#include "baken/signals/melding.h"
#include "baken/signals/melding_service.h"

namespace baken::signals {

struct ImportMapping {
  // field -> CSV column name; starts with the defaults below.
  std::map<std::string, std::string> columns = {{"time", "datum"},
                                                {"x", "x"},
                                                {"y", "y"},
                                                {"category", "categorie"},
                                                {"text", "omschrijving"},
                                                {"id", "meldingnummer"}};
  GivenLocation::Crs crs = GivenLocation::Crs::kRd;
  Channel channel = Channel::kImport;
  std::string source = "import";  // "bron": source_id = source + ":" + the id column
  std::string tenant = kDefaultTenant;
  char delimiter = ',';
};

// The fields a mapping may name, in the order of the help text.
const std::vector<std::string_view>& ImportFields();

// Adds "field=column[,field=column...]" to `mapping` (later pairs win). `origin` names the flag or
// file in errors, e.g. "--map".
Status ParseColumnMap(std::string_view spec, ImportMapping& mapping,
                      std::string_view origin = "--map");
// Reads a mapping file: one "field=column" a line, blank lines and '#' comments ignored.
Status ReadMapFile(const std::string& path, ImportMapping& mapping);

class CsvImportReader {
 public:
  // Reads the header; kInvalidArgument naming the first mapped column that is missing.
  static StatusOr<std::unique_ptr<CsvImportReader>> Open(std::istream& in,
                                                         const ImportMapping& mapping,
                                                         const CategoryCatalog& catalog);

  // Reads up to `max` rows: the valid ones into `items` (cleared first), the bad ones appended to
  // `rejected`. Returns the number of rows read (valid and rejected); 0 at the end of the input. A
  // malformed CSV record (an open quote at the end) is an error for the whole import.
  StatusOr<int64_t> ReadChunk(size_t max, std::vector<ImportItem>& items,
                              std::vector<ImportRejection>& rejected);

  int64_t rows_read() const { return rows_; }

 private:
  CsvImportReader(std::istream& in, const ImportMapping& mapping, const CategoryCatalog& catalog);
  // Builds one item, or the rejection for the first bad value.
  Status BuildItem(const std::vector<std::string>& row, ImportItem& item) const;
  std::string ResolveCategory(const std::string& value) const;

  CsvReader reader_;
  ImportMapping mapping_;
  const CategoryCatalog& catalog_;
  std::map<std::string, size_t> index_;                            // field -> column index
  std::unordered_map<std::string, std::string> category_by_name_;  // lower-case name -> code
  std::vector<std::string> row_;
  int64_t rows_ = 0;
};

struct CsvImportTotals {
  int64_t rows = 0;
  int64_t stored = 0;
  int64_t already_present = 0;  // source_id seen before: nothing added
  int64_t rejected = 0;
};

struct CsvImportOptions {
  size_t chunk = 50'000;  // rows in memory at a time
  int batch = 5000;       // items per transaction (ImportOptions::batch)
  // After each service batch: rows of the file handled so far (read, stored or rejected).
  std::function<void(int64_t rows_done)> progress;
  // Every rejection (reader's and service's), in line order within a chunk.
  std::function<void(const ImportRejection&)> on_rejection;
  // Index maintenance during the import (MeldingService::StartBulkLoad): kAuto puts it off when
  // the first chunk is full and the file is large next to what is stored; kAlways, kNever force.
  enum class DeferIndexes { kAuto, kAlways, kNever };
  DeferIndexes defer_indexes = DeferIndexes::kAuto;
  // Called before deferred indexes are rebuilt at the end (this takes seconds per million rows).
  std::function<void()> on_rebuild;
};

// The whole import as `baken meldingen import` runs it: chunks from `reader` into
// service.Import; the next chunk is read on a second thread while the service stores the current
// one (callbacks still run on the calling thread). Errors only for what stops the import (a
// malformed CSV record, the database). Indexes deferred for the import are rebuilt before it
// returns, also when it stops on an error.
StatusOr<CsvImportTotals> RunCsvImport(CsvImportReader& reader, MeldingService& service,
                                       const Actor& actor, const CsvImportOptions& options);

// Parses a decimal number; a decimal comma is accepted when there is no point ("6,5").
bool ParseImportNumber(std::string_view text, double& out);
// RFC 3339, else "YYYY-MM-DD HH:MM[:SS]" in Amsterdam time (a time in the spring gap moves
// forward, one in the autumn overlap is the earlier).
StatusOr<Timestamp> ParseImportTime(std::string_view text, std::string_view field);

}  // namespace baken::signals
