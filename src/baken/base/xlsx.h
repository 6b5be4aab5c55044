// XlsxWriter: the one wrapper around libxlsxwriter, for the meldingen export (row by row, any
// size) and the figures behind reports (render/xlsx.h).
//
// A workbook is written to a temporary file (libxlsxwriter needs a file) that Finish copies out
// and that the destructor removes in any case. Each sheet has a bold, frozen header row and column
// widths (characters, 14 when not given); cells are typed: text, number, or a share shown as a
// percentage. Sheet names lose the characters Excel refuses ([]:*?/\) and are cut to Excel's 31
// characters on a UTF-8 boundary. With `created` set, the same cells give the same bytes.
// Errors (no temporary file, disk full, more rows than a sheet holds) come back as kInternal or
// kInvalidArgument with a Dutch message. Not thread-safe: one writer per export.
#pragma once

#include <ctime>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "baken/base/status.h"

namespace baken {

struct XlsxCell {
  enum class Kind { kEmpty, kText, kNumber, kShare } kind = Kind::kEmpty;
  std::string text;
  double number = 0;

  static XlsxCell Text(std::string t) { return {Kind::kText, std::move(t), 0}; }
  static XlsxCell Number(double n) { return {Kind::kNumber, {}, n}; }
  static XlsxCell Share(double s) { return {Kind::kShare, {}, s}; }
};

struct XlsxProperties {
  std::string title;
  std::string subject;
  std::string author;                  // also the company
  std::optional<std::time_t> created;  // unset: now
};

class XlsxWriter {
 public:
  // Rows a sheet holds below its header row (Excel's 1,048,576 minus one).
  static constexpr int64_t kMaxRows = 1'048'575;

  static StatusOr<std::unique_ptr<XlsxWriter>> Create(const XlsxProperties& properties = {});
  ~XlsxWriter();
  XlsxWriter(const XlsxWriter&) = delete;
  XlsxWriter& operator=(const XlsxWriter&) = delete;

  // Starts a sheet (the next rows go there) with its header row.
  Status AddSheet(const std::string& name, const std::vector<std::string>& header,
                  const std::vector<double>& widths = {});
  // The next row of the current sheet; kInvalidArgument past kMaxRows.
  Status AddRow(const std::vector<XlsxCell>& cells);
  int64_t rows() const { return rows_; }  // rows of the current sheet below the header
  // An autofilter over the header and the rows of the current sheet.
  void AddAutofilter();

  // Closes the workbook and writes its bytes to `out` / returns them. Call once.
  Status Finish(std::ostream& out);
  StatusOr<std::string> Finish();

 private:
  struct Book;
  explicit XlsxWriter(std::unique_ptr<Book> book);

  std::unique_ptr<Book> book_;
  int sheets_ = 0;
  int64_t rows_ = 0;
  size_t columns_ = 0;
};

}  // namespace baken
