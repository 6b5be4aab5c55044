#include "baken/base/xlsx.h"

#include <unistd.h>
#include <xlsxwriter.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string_view>

namespace baken {

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

}  // namespace

struct XlsxWriter::Book {
  std::string path;
  lxw_workbook* workbook = nullptr;
  lxw_worksheet* sheet = nullptr;
  lxw_format* header = nullptr;
  lxw_format* share = nullptr;
  // libxlsxwriter takes char* but only reads them; the copies live until the workbook closes.
  XlsxProperties properties;
  ~Book() {
    if (workbook != nullptr) workbook_close(workbook);  // frees it; the file is removed below
    if (!path.empty()) std::filesystem::remove(path);
  }
};

XlsxWriter::XlsxWriter(std::unique_ptr<Book> book) : book_(std::move(book)) {}
XlsxWriter::~XlsxWriter() = default;

StatusOr<std::unique_ptr<XlsxWriter>> XlsxWriter::Create(const XlsxProperties& properties) {
  auto book = std::make_unique<Book>();
  std::string path = (std::filesystem::temp_directory_path() / "baken-XXXXXX.xlsx").string();
  const int fd = mkstemps(path.data(), 5);
  if (fd < 0) return InternalError("Geen tijdelijk bestand voor de XLSX.");
  ::close(fd);
  book->path = path;
  book->workbook = workbook_new(path.c_str());
  if (book->workbook == nullptr) return InternalError("XLSX aanmaken mislukt.");
  book->properties = properties;
  XlsxProperties& p = book->properties;
  lxw_doc_properties doc{};
  doc.title = p.title.data();
  doc.subject = p.subject.data();
  doc.author = p.author.data();
  doc.company = p.author.data();
  if (p.created) doc.created = *p.created;
  workbook_set_properties(book->workbook, &doc);
  book->header = workbook_add_format(book->workbook);
  format_set_bold(book->header);
  format_set_bg_color(book->header, 0xF1F3F8);
  format_set_bottom(book->header, LXW_BORDER_THIN);
  book->share = workbook_add_format(book->workbook);
  format_set_num_format(book->share, "0.0%");
  return std::unique_ptr<XlsxWriter>(new XlsxWriter(std::move(book)));
}

Status XlsxWriter::AddSheet(const std::string& name, const std::vector<std::string>& header,
                            const std::vector<double>& widths) {
  if (book_->workbook == nullptr) return InternalError("De XLSX is al afgesloten.");
  lxw_worksheet* ws = workbook_add_worksheet(book_->workbook, SheetName(name, sheets_).c_str());
  if (ws == nullptr) return InternalError("XLSX-blad aanmaken mislukt.");
  ++sheets_;
  for (size_t c = 0; c < header.size(); ++c) {
    const auto col = static_cast<lxw_col_t>(c);
    worksheet_set_column(ws, col, col, c < widths.size() ? widths[c] : 14, nullptr);
    worksheet_write_string(ws, 0, col, header[c].c_str(), book_->header);
  }
  worksheet_freeze_panes(ws, 1, 0);
  book_->sheet = ws;
  rows_ = 0;
  columns_ = header.size();
  return Status::Ok();
}

Status XlsxWriter::AddRow(const std::vector<XlsxCell>& cells) {
  if (book_->sheet == nullptr) return InternalError("De XLSX heeft nog geen blad.");
  if (rows_ >= kMaxRows) {
    return InvalidArgumentError("Een XLSX-blad heeft hoogstens 1.048.575 rijen.");
  }
  const auto row = static_cast<lxw_row_t>(++rows_);
  for (size_t c = 0; c < cells.size(); ++c) {
    const XlsxCell& cell = cells[c];
    const auto col = static_cast<lxw_col_t>(c);
    switch (cell.kind) {
      case XlsxCell::Kind::kEmpty: break;
      case XlsxCell::Kind::kText:
        if (!cell.text.empty())
          worksheet_write_string(book_->sheet, row, col, cell.text.c_str(), nullptr);
        break;
      case XlsxCell::Kind::kNumber:
        worksheet_write_number(book_->sheet, row, col, cell.number, nullptr);
        break;
      case XlsxCell::Kind::kShare:
        worksheet_write_number(book_->sheet, row, col, cell.number, book_->share);
        break;
    }
  }
  return Status::Ok();
}

void XlsxWriter::AddAutofilter() {
  if (book_->sheet == nullptr || columns_ == 0) return;
  worksheet_autofilter(book_->sheet, 0, 0, static_cast<lxw_row_t>(rows_),
                       static_cast<lxw_col_t>(columns_ - 1));
}

Status XlsxWriter::Finish(std::ostream& out) {
  if (book_->workbook == nullptr) return InternalError("De XLSX is al afgesloten.");
  const lxw_error closed = workbook_close(book_->workbook);
  book_->workbook = nullptr;
  if (closed != LXW_NO_ERROR) {
    return InternalError(std::string("XLSX schrijven mislukt: ") + lxw_strerror(closed));
  }
  std::ifstream in(book_->path, std::ios::binary);
  out << in.rdbuf();
  if (!in || !out) return InternalError("XLSX schrijven mislukt: het bestand is niet gelezen.");
  return Status::Ok();
}

StatusOr<std::string> XlsxWriter::Finish() {
  std::ostringstream bytes;
  RETURN_IF_ERROR(Finish(bytes));
  return bytes.str();
}

}  // namespace baken
