#include "baken/base/xlsx.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>

namespace baken {
namespace {

StatusOr<std::string> Workbook(const std::vector<std::vector<XlsxCell>>& rows) {
  ASSIGN_OR_RETURN(std::unique_ptr<XlsxWriter> book,
                   XlsxWriter::Create({"Meldingen", "Export", "Gemeente Groningen", 1767225600}));
  RETURN_IF_ERROR(book->AddSheet("Meldingen: 2025/2026 [alle wijken en buurten van de stad]",
                                 {"nummer", "aantal", "aandeel"}, {20}));
  for (const auto& row : rows) RETURN_IF_ERROR(book->AddRow(row));
  EXPECT_EQ(book->rows(), static_cast<int64_t>(rows.size()));
  book->AddAutofilter();
  return book->Finish();
}

TEST(XlsxTest, TheSameCellsGiveTheSameZipBytes) {
  const std::vector<std::vector<XlsxCell>> rows = {
      {XlsxCell::Text("M-2025-000001"), XlsxCell::Number(3), XlsxCell::Share(0.25)},
      {XlsxCell::Text("M-2025-000002"), XlsxCell{}, XlsxCell::Share(0.75)}};
  StatusOr<std::string> a = Workbook(rows);
  StatusOr<std::string> b = Workbook(rows);
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(a->substr(0, 4), std::string("PK\x03\x04", 4));
  EXPECT_EQ(*a, *b);
  StatusOr<std::string> other = Workbook({{XlsxCell::Text("M-2025-000003")}});
  ASSERT_TRUE(other.ok());
  EXPECT_NE(*a, *other);
}

TEST(XlsxTest, WritesToAStreamAndLeavesNoTemporaryFile) {
  auto count_temp = [] {
    int n = 0;
    for (const auto& e :
         std::filesystem::directory_iterator(std::filesystem::temp_directory_path())) {
      if (e.path().filename().string().starts_with("baken-") && e.path().extension() == ".xlsx")
        ++n;
    }
    return n;
  };
  const int before = count_temp();
  {
    auto book = XlsxWriter::Create();
    ASSERT_TRUE(book.ok());
    ASSERT_TRUE((*book)->AddSheet("Blad", {"a"}).ok());
    ASSERT_TRUE((*book)->AddRow({XlsxCell::Text("x")}).ok());
    std::ostringstream out;
    ASSERT_TRUE((*book)->Finish(out).ok());
    EXPECT_EQ(out.str().substr(0, 2), "PK");
    // Once closed, the workbook takes nothing more.
    EXPECT_FALSE((*book)->Finish(out).ok());
    EXPECT_FALSE((*book)->AddSheet("Nog een", {"b"}).ok());
  }
  {
    auto abandoned = XlsxWriter::Create();  // never finished: the destructor cleans up
    ASSERT_TRUE(abandoned.ok());
  }
  EXPECT_EQ(count_temp(), before);
}

TEST(XlsxTest, RowsNeedASheet) {
  auto book = XlsxWriter::Create();
  ASSERT_TRUE(book.ok());
  EXPECT_EQ((*book)->AddRow({XlsxCell::Number(1)}).code(), StatusCode::kInternal);
}

}  // namespace
}  // namespace baken
