// CategorySuggester: a loaded fastText model with the suggestion thresholds, shared by the routes
// (public suggestions while typing, intake without a chosen category). Immutable; thread-safe.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "baken/api/routes.h"
#include "baken/classify/classifier.h"
#include "baken/classify/suggester.h"
#include "baken/signals/category.h"

namespace baken::api {

class CategorySuggester {
 public:
  // Loads the model and maps its labels to the catalog's main categories.
  static StatusOr<std::shared_ptr<const CategorySuggester>> Load(
      const std::string& model_path, const signals::CategoryCatalog& catalog);

  classify::Suggestion Suggest(std::string_view text) const { return suggester_->Suggest(text); }

 private:
  CategorySuggester() = default;
  std::unique_ptr<classify::Classifier> classifier_;
  std::unique_ptr<classify::Suggester> suggester_;
};

}  // namespace baken::api
