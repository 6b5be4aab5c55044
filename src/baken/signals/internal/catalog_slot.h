// Internal to signals: the category catalog MeldingService works with, replaceable while the
// service runs (a staff edit of a category takes effect for the next melding).
//
// Reads take the current catalog; Set() swaps in a newer one and ignores an older version (two
// edits finishing in the other order). Every catalog ever set stays alive as long as the slot, so
// a reference obtained through operator* or operator-> (held e.g. through a whole import) never
// dangles; catalogs are small and edits rare. Thread-safe.
#pragma once

#include <memory>
#include <mutex>
#include <vector>

#include "baken/signals/category.h"

namespace baken::signals::internal {

class CatalogSlot {
 public:
  explicit CatalogSlot(std::shared_ptr<const CategoryCatalog> catalog) {
    kept_.push_back(catalog);
    current_ = std::move(catalog);
  }
  CatalogSlot(const CatalogSlot&) = delete;
  CatalogSlot& operator=(const CatalogSlot&) = delete;

  std::shared_ptr<const CategoryCatalog> Get() const {
    std::lock_guard lock(mu_);
    return current_;
  }
  // Returns whether `catalog` became the current one.
  bool Set(std::shared_ptr<const CategoryCatalog> catalog) {
    if (!catalog) return false;
    std::lock_guard lock(mu_);
    if (current_ && catalog->version() < current_->version()) return false;
    kept_.push_back(catalog);
    current_ = std::move(catalog);
    return true;
  }

  const CategoryCatalog& operator*() const { return *Get(); }
  const CategoryCatalog* operator->() const { return Get().get(); }
  operator std::shared_ptr<const CategoryCatalog>() const { return Get(); }  // NOLINT

 private:
  mutable std::mutex mu_;
  std::shared_ptr<const CategoryCatalog> current_;  // guarded by mu_
  std::vector<std::shared_ptr<const CategoryCatalog>>
      kept_;  // guarded by mu_; keeps references valid
};

}  // namespace baken::signals::internal
