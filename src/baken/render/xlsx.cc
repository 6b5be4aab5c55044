// Tables to XLSX bytes: see xlsx.h.
#include "baken/render/xlsx.h"

#include <unistd.h>
#include <xlsxwriter.h>

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace baken::render {

namespace {

std::string SheetName(const std::string& name, int index) {
  std::string out;
  for (char c : name) {
    if (std::string_view("[]:*?/\\").find(c) == std::string_view::npos) out += c;
  }
  if (out.empty()) out = "Blad " + std::to_string(index + 1);
  // 31 characters; cut on a UTF-8 boundary.
  size_t cut = out.size();
  size_t chars = 0;
  for (size_t i = 0; i < out.size(); ++i) {
    if ((static_cast<unsigned char>(out[i]) & 0xC0) != 0x80 && ++chars > 31) {
      cut = i;
      break;
    }
  }
  return out.substr(0, cut);
}

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
  std::string path =
      (std::filesystem::temp_directory_path() / "baken-rapport-XXXXXX.xlsx").string();
  const int fd = mkstemps(path.data(), 5);
  if (fd < 0) return InternalError("Geen tijdelijk bestand voor de XLSX.");
  ::close(fd);
  lxw_workbook* book = workbook_new(path.c_str());
  if (book == nullptr) {
    std::filesystem::remove(path);
    return InternalError("XLSX aanmaken mislukt.");
  }
  // libxlsxwriter takes char* but only reads them; copies keep the strings alive until close.
  std::string title = info.title, subject = info.subject, author = info.author;
  lxw_doc_properties properties{};
  properties.title = title.data();
  properties.subject = subject.data();
  properties.author = author.data();
  properties.company = author.data();
  properties.created = CreatedAt(info.date);
  workbook_set_properties(book, &properties);
  lxw_format* bold = workbook_add_format(book);
  format_set_bold(bold);
  format_set_bg_color(bold, 0xF1F3F8);
  format_set_bottom(bold, LXW_BORDER_THIN);
  lxw_format* share = workbook_add_format(book);
  format_set_num_format(share, "0.0%");
  for (size_t s = 0; s < sheets.size(); ++s) {
    const XlsxSheet& sheet = sheets[s];
    const std::string name = SheetName(sheet.name, static_cast<int>(s));
    lxw_worksheet* ws = workbook_add_worksheet(book, name.c_str());
    for (size_t c = 0; c < sheet.header.size(); ++c) {
      const double width = c < sheet.widths.size() ? sheet.widths[c] : 14;
      worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), width,
                           nullptr);
      worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), sheet.header[c].c_str(), bold);
    }
    worksheet_freeze_panes(ws, 1, 0);
    for (size_t r = 0; r < sheet.rows.size(); ++r) {
      const auto row = static_cast<lxw_row_t>(r + 1);
      for (size_t c = 0; c < sheet.rows[r].size(); ++c) {
        const XlsxCell& cell = sheet.rows[r][c];
        const auto col = static_cast<lxw_col_t>(c);
        switch (cell.kind) {
          case XlsxCell::Kind::kEmpty: break;
          case XlsxCell::Kind::kText:
            worksheet_write_string(ws, row, col, cell.text.c_str(), nullptr);
            break;
          case XlsxCell::Kind::kNumber:
            worksheet_write_number(ws, row, col, cell.number, nullptr);
            break;
          case XlsxCell::Kind::kShare:
            worksheet_write_number(ws, row, col, cell.number, share);
            break;
        }
      }
    }
  }
  const lxw_error closed = workbook_close(book);
  std::string bytes;
  if (closed == LXW_NO_ERROR) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream buffer;
    buffer << in.rdbuf();
    bytes = buffer.str();
  }
  std::filesystem::remove(path);
  if (closed != LXW_NO_ERROR) {
    return InternalError(std::string("XLSX schrijven mislukt: ") + lxw_strerror(closed));
  }
  return bytes;
}

}  // namespace baken::render
