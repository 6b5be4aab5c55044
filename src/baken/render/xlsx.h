// Workbooks of plain tables as XLSX bytes, for the figures behind reports: whole sheets at once
// through base/xlsx.h (XlsxWriter, the one libxlsxwriter wrapper; header row, widths, typed cells
// and sheet names are its rules). The file carries DocumentInfo::date as its creation date, so the
// same sheets give the same bytes. Errors (disk full in the temporary directory) come back as
// Status.
#pragma once

#include <string>
#include <vector>

#include "baken/base/status.h"
#include "baken/base/xlsx.h"
#include "baken/render/canvas.h"

namespace baken::render {

using XlsxCell = baken::XlsxCell;

struct XlsxSheet {
  std::string name;
  std::vector<std::string> header;
  std::vector<double> widths;  // characters; missing columns get 14
  std::vector<std::vector<XlsxCell>> rows;
};

StatusOr<std::string> WriteXlsx(const std::vector<XlsxSheet>& sheets, const DocumentInfo& info);

}  // namespace baken::render
