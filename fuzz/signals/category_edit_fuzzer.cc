// Fuzz target: the body of a staff category edit (PUT /api/v1/categorieen/{code},
// baken/signals/category.h ParseCategoryEdit), applied to the shipped "hondenpoep". Any input must
// give a category or a Status naming a field, never a crash, leak or sanitizer report; an accepted
// edit keeps the code and main category and has a deadline of 1..365.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "baken/signals/category.h"
#include "baken/signals/defaults.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace baken::signals;  // NOLINT(google-build-using-namespace)
  if (size > (1u << 16)) return 0;
  static const CategoryCatalog* catalog = [] {
    auto parsed = ParseTaxonomy(DefaultTaxonomyJson());
    return parsed.ok() ? new CategoryCatalog(std::move(*parsed)) : nullptr;
  }();
  if (catalog == nullptr || catalog->Find("hondenpoep") == nullptr) __builtin_trap();
  const Category& current = *catalog->Find("hondenpoep");
  auto edited = ParseCategoryEdit(std::string_view(reinterpret_cast<const char*>(data), size),
                                  current, *catalog);
  if (!edited.ok()) {
    if (edited.status().field().empty()) __builtin_trap();  // every refusal names its field
    return 0;
  }
  if (edited->code != current.code || edited->main_code != current.main_code ||
      edited->service_level.amount < 1 || edited->service_level.amount > 365 ||
      edited->name.empty() || catalog->FindDepartment(edited->department) == nullptr) {
    __builtin_trap();
  }
  (void)ChangedCategoryFields(current, *edited);
  return 0;
}
