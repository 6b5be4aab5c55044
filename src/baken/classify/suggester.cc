#include "baken/classify/suggester.h"

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace baken::classify {

StatusOr<CategoryMap> ParseCategoryMap(std::string_view text) {
  nlohmann::json doc = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded() || !doc.is_object()) {
    return InvalidArgumentError("het categoriebestand is geen geldige JSON", "categorieen");
  }
  const auto mains = doc.find("hoofdcategorieen");
  if (mains == doc.end() || !mains->is_array()) {
    return InvalidArgumentError("het categoriebestand mist de lijst 'hoofdcategorieen'",
                                "hoofdcategorieen");
  }
  CategoryMap map;
  for (const auto& main : *mains) {
    if (!main.is_object() || !main.contains("code") || !main["code"].is_string()) {
      return InvalidArgumentError("een hoofdcategorie heeft geen 'code'", "hoofdcategorieen.code");
    }
    const std::string main_code = main["code"].get<std::string>();
    const auto subs = main.find("subcategorieen");
    if (subs == main.end() || !subs->is_array()) {
      return InvalidArgumentError(
          "hoofdcategorie '" + main_code + "' mist de lijst 'subcategorieen'", "subcategorieen");
    }
    for (const auto& sub : *subs) {
      if (!sub.is_object() || !sub.contains("code") || !sub["code"].is_string()) {
        return InvalidArgumentError("een subcategorie van '" + main_code + "' heeft geen 'code'",
                                    "subcategorieen.code");
      }
      if (!map.emplace(sub["code"].get<std::string>(), main_code).second) {
        return InvalidArgumentError(
            "subcategorie '" + sub["code"].get<std::string>() + "' komt twee keer voor",
            "subcategorieen.code");
      }
    }
  }
  if (map.empty()) {
    return InvalidArgumentError("het categoriebestand bevat geen subcategorieën", "subcategorieen");
  }
  return map;
}

StatusOr<CategoryMap> ReadCategoryMap(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFoundError("het categoriebestand '" + path + "' kan niet worden geopend");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return ParseCategoryMap(buffer.str());
}

std::string_view SuggestionLevelName(SuggestionLevel level) {
  switch (level) {
    case SuggestionLevel::kSub: return "sub";
    case SuggestionLevel::kMain: return "hoofd";
    case SuggestionLevel::kNone: break;
  }
  return "geen";
}

StatusOr<Suggester> Suggester::Create(const Classifier& classifier, CategoryMap categories,
                                      SuggestOptions options) {
  auto in_range = [](double v) { return v >= 0 && v <= 1; };
  if (!in_range(options.sub_threshold)) {
    return InvalidArgumentError("de drempel voor een subcategorie moet tussen 0 en 1 liggen",
                                "drempel-sub");
  }
  if (!in_range(options.main_threshold)) {
    return InvalidArgumentError("de drempel voor een hoofdcategorie moet tussen 0 en 1 liggen",
                                "drempel-hoofd");
  }
  return Suggester(classifier, std::move(categories), options);
}

Suggestion Suggester::Suggest(std::string_view text) const {
  Suggestion s;
  const std::vector<Prediction> all = classifier_->Predict(text, /*k=*/0);
  if (all.empty()) return s;
  const Prediction& top = all.front();
  s.confidence = top.probability;
  auto main_of = [&](const std::string& sub) -> std::string {
    auto it = categories_.find(sub);
    return it == categories_.end() ? std::string() : it->second;
  };
  if (top.probability >= options_.sub_threshold) {
    s.level = SuggestionLevel::kSub;
    s.category_code = top.label;
    s.main_code = main_of(top.label);
    return s;
  }
  std::map<std::string, double, std::less<>> sums;
  for (const Prediction& p : all) {
    const std::string main = main_of(p.label);
    if (!main.empty()) sums[main] += p.probability;
  }
  const std::pair<const std::string, double>* best = nullptr;
  for (const auto& entry : sums) {  // ties go to the alphabetically first code: deterministic
    if (best == nullptr || entry.second > best->second) best = &entry;
  }
  if (best != nullptr && best->second >= options_.main_threshold) {
    s.level = SuggestionLevel::kMain;
    s.main_code = best->first;
    s.confidence = best->second;
  }
  return s;
}

}  // namespace baken::classify
