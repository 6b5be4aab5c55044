#include "baken/api/internal/category_suggester.h"

namespace baken::api {

StatusOr<std::shared_ptr<const CategorySuggester>> CategorySuggester::Load(
    const std::string& model_path, const signals::CategoryCatalog& catalog) {
  StatusOr<classify::Classifier> loaded = classify::Classifier::Load(model_path);
  if (!loaded.ok()) {
    return Status(loaded.status().code(),
                  "Het classificatiemodel '" + model_path + "': " + loaded.status().message(),
                  "classificatiemodel");
  }
  std::shared_ptr<CategorySuggester> s(new CategorySuggester());
  s->classifier_ = std::make_unique<classify::Classifier>(std::move(*loaded));
  classify::CategoryMap map;
  for (const signals::Category& c : catalog.categories()) map[c.code] = c.main_code;
  ASSIGN_OR_RETURN(classify::Suggester suggester,
                   classify::Suggester::Create(*s->classifier_, std::move(map)));
  s->suggester_ = std::make_unique<classify::Suggester>(std::move(suggester));
  return std::shared_ptr<const CategorySuggester>(std::move(s));
}

}  // namespace baken::api
