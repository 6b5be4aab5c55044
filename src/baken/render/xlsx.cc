// Tables to XLSX bytes: see xlsx.h.
#include "baken/render/xlsx.h"

#include <cstdio>
#include <ctime>

namespace baken::render {

namespace {

// "2025-12-31" as a UTC time_t (midnight), 2000-01-01 when unreadable.
time_t CreatedAt(const std::string& date) {
  std::tm tm{};
  if (date.size() != 10 ||
      std::sscanf(date.c_str(), "%4d-%2d-%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday) != 3) {
    return 946684800;
  }
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  return timegm(&tm);
}

}  // namespace

StatusOr<std::string> WriteXlsx(const std::vector<XlsxSheet>& sheets, const DocumentInfo& info) {
  ASSIGN_OR_RETURN(
      std::unique_ptr<XlsxWriter> book,
      XlsxWriter::Create({info.title, info.subject, info.author, CreatedAt(info.date)}));
  for (const XlsxSheet& sheet : sheets) {
    RETURN_IF_ERROR(book->AddSheet(sheet.name, sheet.header, sheet.widths));
    for (const std::vector<XlsxCell>& row : sheet.rows) RETURN_IF_ERROR(book->AddRow(row));
  }
  return book->Finish();
}

}  // namespace baken::render
