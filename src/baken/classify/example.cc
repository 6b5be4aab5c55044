#include "baken/classify/example.h"

#include <fstream>
#include <sstream>

#include "baken/base/strings.h"
#include "baken/classify/normalize.h"

namespace baken::classify {
namespace {

bool IsValidCode(std::string_view code) {
  if (code.empty()) return false;
  for (char c : code) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) return false;
  }
  return true;
}

}  // namespace

StatusOr<std::vector<Example>> ParseExamples(std::string_view contents, std::string_view source) {
  std::vector<Example> examples;
  size_t line_number = 0;
  size_t pos = 0;
  while (pos < contents.size()) {
    size_t end = contents.find('\n', pos);
    if (end == std::string_view::npos) end = contents.size();
    std::string_view line = contents.substr(pos, end - pos);
    pos = end + 1;
    ++line_number;
    const std::string where = std::string(source) + " regel " + std::to_string(line_number);
    if (line_number == 1 && line.starts_with("\xEF\xBB\xBF")) line.remove_prefix(3);  // BOM
    if (Trim(line).empty() || Trim(line).front() == '#') continue;
    const size_t tab = line.find('\t');
    if (tab == std::string_view::npos) {
      return InvalidArgumentError(
          where + ": verwacht 'categoriecode<TAB>tekst', maar er staat geen tab in de regel",
          "categorie");
    }
    const std::string_view code = Trim(line.substr(0, tab));
    const std::string_view text = Trim(line.substr(tab + 1));
    if (!IsValidCode(code)) {
      return InvalidArgumentError(where + ": de categoriecode '" + std::string(code) +
                                      "' is leeg of bevat andere tekens dan a-z, 0-9 en '-'",
                                  "categorie");
    }
    if (!IsValidUtf8(text)) {
      return InvalidArgumentError(where + ": de tekst is geen geldige UTF-8", "tekst");
    }
    if (NormalizeText(text).empty()) {
      return InvalidArgumentError(where + ": de tekst is leeg", "tekst");
    }
    examples.push_back(Example{std::string(text), std::string(code)});
  }
  return examples;
}

StatusOr<std::vector<Example>> ReadExamplesFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return NotFoundError("het bestand met voorbeelden '" + path + "' kan niet worden geopend");
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  const size_t slash = path.find_last_of('/');
  return ParseExamples(buffer.str(), slash == std::string::npos ? path : path.substr(slash + 1));
}

}  // namespace baken::classify
