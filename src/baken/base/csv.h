// CSV reading and writing (RFC 4180): quoted fields, doubled quotes, embedded commas and newlines,
// CRLF or LF line ends, an optional UTF-8 byte-order mark. Used by every import and export.
//
// CsvReader pulls one record at a time from an istream, so files of millions of rows stream in
// constant memory. It reports the 1-based line on which the current record starts (for errors
// such as "regel 12: ..."). A quote left open at the end of the input is kInvalidArgument.
// Not thread-safe; one reader per stream.
#pragma once

#include <istream>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "baken/base/status.h"

namespace baken {

class CsvReader {
 public:
  explicit CsvReader(std::istream& in, char delimiter = ',') : in_(in), delimiter_(delimiter) {}

  // Reads the next record into `fields`. Returns false at the end of the input, an error for a
  // malformed record. Blank lines are skipped.
  StatusOr<bool> Next(std::vector<std::string>& fields);

  // Line (1-based) where the record last returned by Next() starts.
  int64_t line() const { return record_line_; }

 private:
  std::istream& in_;
  const char delimiter_;
  int64_t next_line_ = 1;
  int64_t record_line_ = 0;
  bool first_ = true;
};

// Writes one record, quoting fields that need it (delimiter, quote, CR or LF, leading space).
void WriteCsvRecord(std::ostream& out, const std::vector<std::string>& fields,
                    char delimiter = ',');
std::string CsvEscape(std::string_view field, char delimiter = ',');

// A field for a file a person opens in a spreadsheet (every export: meldingen, audit log): a value
// that starts with =, +, -, @, tab or CR would run as a formula (CSV injection), so it gets a
// leading apostrophe, which spreadsheets show as text; then escaped as CsvEscape does. The one
// writer for such cells, so no export can forget it.
std::string CsvSpreadsheetCell(std::string_view field, char delimiter = ',');

// Index of `name` in a header (exact, then case-insensitive); nullopt when absent.
std::optional<size_t> FindColumn(const std::vector<std::string>& header, std::string_view name);

}  // namespace baken
