// Categories of meldingen: two levels (main, sub), loaded from the taxonomy data file
// (data/categories/groningen.json) and kept, versioned, in the database.
//
// A sub category carries everything handling needs: the responsible department, the deadline
// (afhandeltermijn, in work days or hours), the text a reporter reads about handling, whether it
// shows on the public map, and its sensitivity class (which decides who may see its meldingen).
// Codes are stable lower-case slugs ("hondenpoep"), unique over all levels of one tenant.
//
// ParseTaxonomy() validates the whole file and names the first wrong field in Dutch
// ("hoofdcategorieen[2].subcategorieen[0].termijn: ..."); it never returns half a catalog.
// CategoryCatalog is an immutable value, cheap to share (shared_ptr) and thread-safe to read.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "baken/base/clock.h"
#include "baken/base/status.h"
#include "baken/base/work_calendar.h"
#include "baken/security/roles.h"

namespace baken::signals {

struct Department {
  std::string code;  // "toezicht"
  std::string name;  // "Toezicht en Handhaving"
};

// Afhandeltermijn: a number of work days (counted with the Dutch work calendar) or of hours
// (clock hours, for urgent categories such as verward gedrag and gladheid).
struct ServiceLevel {
  enum class Unit { kWorkDays, kHours };
  Unit unit = Unit::kWorkDays;
  int amount = 10;  // > 0

  // The deadline of a melding of this category received at `received`.
  Timestamp DeadlineFrom(Timestamp received, const WorkCalendar& calendar) const;
  // "5 werkdagen", "4 uur"
  std::string ToDutch() const;
};

struct Category {
  std::string code;         // sub code, "hondenpoep"
  std::string main_code;    // "dieren"
  std::string name;         // staff name
  std::string public_name;  // what a resident sees
  std::string description;
  std::string department;  // Department::code
  ServiceLevel service_level;
  std::string handling_message;  // shown and mailed to the reporter after intake
  bool on_public_map = true;
  security::Sensitivity sensitivity = security::Sensitivity::kInternal;
  std::string mor_main;  // VNG MOR reference (may be empty)
  std::string mor_sub;
  bool active = true;
  int version = 0;  // the stored version (CategoryRepository), 0 when not from the database
};

struct MainCategory {
  std::string code;
  std::string name;
  std::string public_name;
};

class CategoryCatalog {
 public:
  CategoryCatalog() = default;
  CategoryCatalog(std::string tenant, int version, std::vector<Department> departments,
                  std::vector<MainCategory> mains, std::vector<Category> categories);

  const std::string& tenant() const { return tenant_; }
  int version() const { return version_; }
  const std::vector<Department>& departments() const { return departments_; }
  const std::vector<MainCategory>& mains() const { return mains_; }
  const std::vector<Category>& categories() const { return categories_; }

  // nullptr when unknown.
  const Category* Find(std::string_view code) const;
  const MainCategory* FindMain(std::string_view code) const;
  const Department* FindDepartment(std::string_view code) const;
  // The sub category, or kInvalidArgument "Onbekende categorie 'x'" naming `field`; inactive
  // categories are refused for new meldingen with their own message.
  StatusOr<const Category*> Require(std::string_view code,
                                    std::string_view field = "categorie") const;

 private:
  std::string tenant_;
  int version_ = 0;
  std::vector<Department> departments_;
  std::vector<MainCategory> mains_;
  std::vector<Category> categories_;
};

// Parses the taxonomy JSON (see data/categories/groningen.json): gemeente, versie, afdelingen,
// hoofdcategorieen[].subcategorieen[] with code, naam, publieke_naam, omschrijving, afdeling,
// termijn {werkdagen|uren}, afhandelbericht, op_openbare_kaart, gevoeligheid, mor {hoofd, sub}.
StatusOr<CategoryCatalog> ParseTaxonomy(std::string_view text);
StatusOr<CategoryCatalog> ReadTaxonomyFile(const std::string& path);

// A staff edit of one sub category (PUT /api/v1/categorieen/{code}), in the taxonomy's names:
// naam, publieke_naam, omschrijving (may be left out: empty), afdeling, termijn {werkdagen|uren},
// afhandelbericht, op_openbare_kaart, gevoeligheid. Returns `current` with those fields replaced
// (texts trimmed); code, main category, MOR reference and `active` stay. Every wrong field gives
// kInvalidArgument with a Dutch message that names it, and the field (e.g. "termijn.werkdagen"):
// missing or empty, too long, control characters in a name, a department not in `catalog`, a
// deadline outside 1..365, an unknown sensitivity, a confidential category on the public map.
StatusOr<Category> ParseCategoryEdit(std::string_view text, const Category& current,
                                     const CategoryCatalog& catalog);

// The edit fields (names as in ParseCategoryEdit) in which `before` and `after` differ.
std::vector<std::string> ChangedCategoryFields(const Category& before, const Category& after);

}  // namespace baken::signals
