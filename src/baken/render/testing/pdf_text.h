// Test helper: the text of a PDF as a reader's tool sees it, by running poppler's `pdftotext`
// (Debian package poppler-utils) on it. Runs of spaces become one space; line and page breaks
// stay, so a test can look for headings and figures. Empty when pdftotext is missing or fails;
// tests assert on non-empty text first. For tests only (writes a file in the temp directory).
#pragma once

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

namespace baken::render::testing {

enum class PdfLayout { kReadingOrder, kColumns };  // pdftotext's default, or its -layout

inline std::string PdfText(const std::string& pdf, PdfLayout layout = PdfLayout::kReadingOrder) {
  static int counter = 0;
  const std::filesystem::path path =
      std::filesystem::temp_directory_path() /
      ("baken_pdf_text_" + std::to_string(::getpid()) + "_" + std::to_string(++counter) + ".pdf");
  std::ofstream(path, std::ios::binary) << pdf;
  const std::string command = std::string("pdftotext ") +
                              (layout == PdfLayout::kColumns ? "-layout " : "") + "'" +
                              path.string() + "' - 2>&1";
  std::string text;
  if (FILE* p = ::popen(command.c_str(), "r")) {
    char buffer[4096];
    size_t n;
    while ((n = std::fread(buffer, 1, sizeof buffer, p)) > 0) text.append(buffer, n);
    ::pclose(p);
  }
  std::filesystem::remove(path);
  std::string squeezed;
  for (char c : text) {
    if (c == ' ' && !squeezed.empty() && squeezed.back() == ' ') continue;
    squeezed += c;
  }
  return squeezed;
}

}  // namespace baken::render::testing
