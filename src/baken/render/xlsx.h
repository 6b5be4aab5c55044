// Workbooks of plain tables as XLSX bytes (libxlsxwriter), for the figures behind reports.
//
// Each sheet has a bold, frozen header row, column widths and typed cells (text, number, share
// shown as a percentage). Sheet names are cut to Excel's 31 characters and stripped of the
// characters Excel refuses. The file carries DocumentInfo::date as its creation date, so the same
// sheets give the same bytes. Errors (disk full in the temporary directory) come back as Status.
#pragma once

#include <string>
#include <vector>

#include "baken/base/status.h"
#include "baken/render/canvas.h"

namespace baken::render {

struct XlsxCell {
  enum class Kind { kEmpty, kText, kNumber, kShare } kind = Kind::kEmpty;
  std::string text;
  double number = 0;

  static XlsxCell Text(std::string t) { return {Kind::kText, std::move(t), 0}; }
  static XlsxCell Number(double n) { return {Kind::kNumber, {}, n}; }
  static XlsxCell Share(double s) { return {Kind::kShare, {}, s}; }
};

struct XlsxSheet {
  std::string name;
  std::vector<std::string> header;
  std::vector<double> widths;  // characters; missing columns get 14
  std::vector<std::vector<XlsxCell>> rows;
};

StatusOr<std::string> WriteXlsx(const std::vector<XlsxSheet>& sheets, const DocumentInfo& info);

}  // namespace baken::render
