#include "baken/base/csv.h"

#include <algorithm>
#include <cctype>

namespace baken {

StatusOr<bool> CsvReader::Next(std::vector<std::string>& fields) {
  while (true) {
    fields.clear();
    record_line_ = next_line_;
    std::string field;
    bool in_quotes = false;
    bool any = false;  // anything read for this record
    bool was_quoted = false;
    int c;
    while ((c = in_.get()) != EOF) {
      any = true;
      if (first_) {
        first_ = false;
        // Skip a UTF-8 byte-order mark at the very start.
        if (c == 0xEF && in_.peek() == 0xBB) {
          in_.get();
          if (in_.peek() == 0xBF) {
            in_.get();
            continue;
          }
        }
      }
      const char ch = static_cast<char>(c);
      if (in_quotes) {
        if (ch == '"') {
          if (in_.peek() == '"') {
            in_.get();
            field.push_back('"');
          } else {
            in_quotes = false;
          }
        } else {
          if (ch == '\n') ++next_line_;
          field.push_back(ch);
        }
        continue;
      }
      if (ch == '"' && field.empty() && !was_quoted) {
        in_quotes = true;
        was_quoted = true;
      } else if (ch == delimiter_) {
        fields.push_back(std::move(field));
        field.clear();
        was_quoted = false;
      } else if (ch == '\r') {
        if (in_.peek() == '\n') continue;
        break;
      } else if (ch == '\n') {
        break;
      } else {
        field.push_back(ch);
      }
    }
    if (in_quotes) {
      return InvalidArgumentError("regel " + std::to_string(record_line_) +
                                  ": een aanhalingsteken wordt niet gesloten.");
    }
    if (c == '\n' || c == '\r') ++next_line_;
    if (!any) return false;
    fields.push_back(std::move(field));
    if (fields.size() == 1 && fields[0].empty() && !was_quoted) {
      if (c == EOF) return false;
      continue;  // blank line
    }
    return true;
  }
}

std::string CsvEscape(std::string_view field, char delimiter) {
  const bool needs_quotes =
      field.find_first_of(std::string{delimiter, '"', '\r', '\n'}) != std::string_view::npos ||
      (!field.empty() && field.front() == ' ');
  if (!needs_quotes) return std::string(field);
  std::string out = "\"";
  for (char c : field) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

std::string CsvSpreadsheetCell(std::string_view field, char delimiter) {
  if (!field.empty() &&
      std::string_view("=+-@\t\r").find(field.front()) != std::string_view::npos) {
    return CsvEscape("'" + std::string(field), delimiter);
  }
  return CsvEscape(field, delimiter);
}

void WriteCsvRecord(std::ostream& out, const std::vector<std::string>& fields, char delimiter) {
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out.put(delimiter);
    out << CsvEscape(fields[i], delimiter);
  }
  out.put('\n');
}

std::optional<size_t> FindColumn(const std::vector<std::string>& header, std::string_view name) {
  for (size_t i = 0; i < header.size(); ++i) {
    if (header[i] == name) return i;
  }
  auto lower = [](std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
  };
  const std::string wanted = lower(name);
  for (size_t i = 0; i < header.size(); ++i) {
    if (lower(header[i]) == wanted) return i;
  }
  return std::nullopt;
}

}  // namespace baken
