// Suggester: turns the classifier's probabilities into one suggestion for a new melding.
//
// The classifier knows subcategories; a main category's probability is the sum over its subs.
//   - top sub probability >= sub_threshold          -> level kSub: that sub (and its main)
//   - else best main's summed probability >= main_threshold -> level kMain: only the main
//   - else                                           -> level kNone: let a person choose
// A sub missing from the category map counts as its own main category (code ""), so a model and
// a taxonomy that drifted apart degrade to kNone/kSub, never to a wrong main category.
// Immutable after construction; Suggest is thread-safe. Borrows the Classifier (must outlive it).
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "baken/base/status.h"
#include "baken/classify/classifier.h"

namespace baken::classify {

// Subcategory code -> main category code, from the taxonomy (data/categories/*.json).
using CategoryMap = std::map<std::string, std::string, std::less<>>;

// Reads `hoofdcategorieen[].code` and their `subcategorieen[].code` from a taxonomy JSON file.
// kNotFound when the file cannot be read, kInvalidArgument (Dutch, naming the member) otherwise.
StatusOr<CategoryMap> ReadCategoryMap(const std::string& path);
StatusOr<CategoryMap> ParseCategoryMap(std::string_view text);

struct SuggestOptions {
  double sub_threshold = 0.5;
  double main_threshold = 0.4;
};

enum class SuggestionLevel { kSub, kMain, kNone };
std::string_view SuggestionLevelName(SuggestionLevel level);  // "sub", "hoofd", "geen"

struct Suggestion {
  SuggestionLevel level = SuggestionLevel::kNone;
  std::string category_code;  // the sub (kSub); empty otherwise
  std::string main_code;      // the main category (kSub, kMain); empty for kNone
  double confidence = 0;      // the sub's probability (kSub), the main's sum (kMain), else top sub
};

class Suggester {
 public:
  // kInvalidArgument when a threshold is outside [0, 1].
  static StatusOr<Suggester> Create(const Classifier& classifier, CategoryMap categories,
                                    SuggestOptions options = {});

  Suggestion Suggest(std::string_view text) const;

 private:
  Suggester(const Classifier& classifier, CategoryMap categories, SuggestOptions options)
      : classifier_(&classifier), categories_(std::move(categories)), options_(options) {}

  const Classifier* classifier_;
  CategoryMap categories_;
  SuggestOptions options_;
};

}  // namespace baken::classify
