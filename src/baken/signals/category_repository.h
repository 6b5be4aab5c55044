// CategoryRepository: stores a tenant's category catalog with a version row per category change.
//
// ImportTaxonomy() stores departments, main categories and categories from a parsed taxonomy in
// one transaction; a category whose definition differs from its current row gets a new version
// (the old row stays, no longer current), unchanged ones are left alone. Update() is the staff
// edit: a new version of one category. Every import or update raises the catalog version of the
// tenant, which Current() returns with the catalog. History() lists all versions of one category,
// oldest first. Seed() is the start of a server: it stores what the database lacks from the
// shipped taxonomy and keeps staff edits. Thread-safe like Database. Errors: kNotFound for an
// unknown tenant or category, kInvalidArgument (Dutch, naming the field) for a category that refers
// to an unknown department or main category; store errors pass through.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <set>
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

// Runs inside Update's transaction once a new version is stored (e.g. to append the audit entry
// that belongs to the change); an error rolls the change back.
using CategoryUpdateHook =
    std::function<Status(store::Transaction&, const CategoryVersion& before, int new_version)>;

// Runs inside SaveDepartment's transaction once the department is stored, with its name before
// ("" for a new one); an error rolls the change back.
using DepartmentSaveHook =
    std::function<Status(store::Transaction&, const std::string& name_before)>;

class CategoryRepository {
 public:
  CategoryRepository(store::Database& db, Clock& clock) : db_(db), clock_(clock) {}

  // Returns the new catalog version.
  StatusOr<int> ImportTaxonomy(const CategoryCatalog& catalog, const std::string& actor);
  StatusOr<std::shared_ptr<const CategoryCatalog>> Current(const std::string& tenant);
  // Stores `category` (matched on code) as its next version; returns that version.
  StatusOr<int> Update(const std::string& tenant, const Category& category,
                       const std::string& actor);
  // The same, refused with kFailedPrecondition (field "If-Match") when `expected_version` is set
  // and the current version differs, checked in the writing transaction. `hook` runs only when
  // something changed; an unchanged definition stores nothing and returns the current version.
  StatusOr<int> Update(const std::string& tenant, const Category& category,
                       const std::string& actor, std::optional<int> expected_version,
                       const CategoryUpdateHook& hook);
  // For a starting server: imports `shipped` when the tenant has no catalog yet; otherwise adds
  // only the departments, main categories and categories the database lacks (staff edits win).
  // Returns the current catalog; writes nothing when nothing is missing.
  StatusOr<std::shared_ptr<const CategoryCatalog>> Seed(const CategoryCatalog& shipped,
                                                        const std::string& actor);
  StatusOr<std::vector<CategoryVersion>> History(const std::string& tenant,
                                                 const std::string& code);

  // Adds (`create`) or renames a department of the tenant and raises the catalog version, with
  // `hook` in the same transaction. kAlreadyExists (field "code") when creating an existing code,
  // kNotFound when renaming an unknown one.
  Status SaveDepartment(const std::string& tenant, const Department& department, bool create,
                        const DepartmentSaveHook& hook);
  // The codes of the tenant's departments.
  StatusOr<std::set<std::string>> DepartmentCodes(const std::string& tenant);

 private:
  store::Database& db_;
  Clock& clock_;
};

}  // namespace baken::signals
