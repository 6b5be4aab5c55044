#include "baken/demo/internal/streets.h"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <map>

namespace baken::demo::internal {

namespace {

Status BadLine(int line, const std::string& what) {
  return InvalidArgumentError("Straattabel, regel " + std::to_string(line) + ": " + what + ".",
                              "straten");
}

bool ReadNumber(std::string_view text, double& out) {
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && end == text.data() + text.size() && !text.empty();
}

// Splits one line on tabs.
std::vector<std::string_view> Fields(std::string_view line) {
  std::vector<std::string_view> out;
  size_t start = 0;
  for (size_t tab; (tab = line.find('\t', start)) != std::string_view::npos; start = tab + 1) {
    out.push_back(line.substr(start, tab - start));
  }
  out.push_back(line.substr(start));
  return out;
}

const StreetTable& Embedded() {
  static const StreetTable table = [] {
    StatusOr<StreetTable> parsed = ParseStreetTable(EmbeddedStreetTable());
    if (!parsed.ok()) {
      std::fprintf(stderr, "%s\n", parsed.status().ToString().c_str());
      std::abort();  // a build with a broken data file: demo_test fails on it first
    }
    return *std::move(parsed);
  }();
  return table;
}

}  // namespace

StatusOr<StreetTable> ParseStreetTable(std::string_view tsv) {
  std::vector<std::pair<std::string_view, std::pair<double, double>>> rows;
  bool header = false;
  int line_number = 0;
  for (size_t start = 0; start < tsv.size();) {
    size_t end = tsv.find('\n', start);
    if (end == std::string_view::npos) end = tsv.size();
    std::string_view line = tsv.substr(start, end - start);
    start = end + 1;
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    const std::vector<std::string_view> f = Fields(line);
    if (!header) {
      if (f != std::vector<std::string_view>{"straat", "x_rd", "y_rd"}) {
        return BadLine(line_number, "verwacht de kopregel straat, x_rd, y_rd (tab-gescheiden)");
      }
      header = true;
      continue;
    }
    if (f.size() != 3)
      return BadLine(line_number, "verwacht 3 velden, gevonden " + std::to_string(f.size()));
    if (f[0].empty()) return BadLine(line_number, "de straat ontbreekt");
    double x = 0, y = 0;
    if (!ReadNumber(f[1], x) || !ReadNumber(f[2], y)) {
      return BadLine(line_number, "de coördinaat is geen getal");
    }
    rows.push_back({f[0], {x, y}});
  }
  if (!header) return BadLine(line_number, "de kopregel ontbreekt");
  StreetTable table;
  std::map<std::string_view, int> index;
  for (const auto& row : rows) index.emplace(row.first, 0);
  for (auto& [name, i] : index) {
    i = static_cast<int>(table.names.size());
    table.names.emplace_back(name);
  }
  table.points.reserve(rows.size());
  for (const auto& [name, xy] : rows) table.points.push_back({xy.first, xy.second, index[name]});
  return table;
}

const std::vector<std::string>& StreetNames() {
  return Embedded().names;
}
const std::vector<StreetPoint>& StreetPoints() {
  return Embedded().points;
}

}  // namespace baken::demo::internal
