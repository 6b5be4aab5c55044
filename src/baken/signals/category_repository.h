// CategoryRepository: stores a tenant's category catalog with a version row per category change.
//
// ImportTaxonomy() stores departments, main categories and categories from a parsed taxonomy in
// one transaction; a category whose definition differs from its current row gets a new version
// (the old row stays, no longer current), unchanged ones are left alone. Update() is the staff
// edit: a new version of one category. Every import or update raises the catalog version of the
// tenant, which Current() returns with the catalog. History() lists all versions of one category,
// oldest first. Thread-safe like Database. Errors: kNotFound for an unknown tenant or category,
// kInvalidArgument (Dutch, naming the field) for a category that refers to an unknown department
// or main category; store errors pass through.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "baken/base/clock.h"
#include "baken/base/status.h"
#include "baken/signals/category.h"
#include "baken/store/database.h"

namespace baken::signals {

struct CategoryVersion {
  int version = 0;
  Timestamp changed_at;
  std::string changed_by;
  Category category;
};

class CategoryRepository {
 public:
  CategoryRepository(store::Database& db, Clock& clock) : db_(db), clock_(clock) {}

  // Returns the new catalog version.
  StatusOr<int> ImportTaxonomy(const CategoryCatalog& catalog, const std::string& actor);
  StatusOr<std::shared_ptr<const CategoryCatalog>> Current(const std::string& tenant);
  // Stores `category` (matched on code) as its next version; returns that version.
  StatusOr<int> Update(const std::string& tenant, const Category& category,
                       const std::string& actor);
  StatusOr<std::vector<CategoryVersion>> History(const std::string& tenant,
                                                 const std::string& code);

 private:
  store::Database& db_;
  Clock& clock_;
};

}  // namespace baken::signals
