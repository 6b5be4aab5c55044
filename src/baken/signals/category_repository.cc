#include "baken/signals/category_repository.h"

#include <nlohmann/json.hpp>

namespace baken::signals {

namespace {

using Json = nlohmann::json;
using store::Transaction;

std::string Encode(const Category& c) {
  Json j = {{"code", c.code},
            {"main_code", c.main_code},
            {"name", c.name},
            {"public_name", c.public_name},
            {"description", c.description},
            {"department", c.department},
            {"unit", c.service_level.unit == ServiceLevel::Unit::kHours ? "hours" : "workdays"},
            {"amount", c.service_level.amount},
            {"handling_message", c.handling_message},
            {"on_public_map", c.on_public_map},
            {"sensitivity", std::string(security::SensitivityCode(c.sensitivity))},
            {"mor_main", c.mor_main},
            {"mor_sub", c.mor_sub},
            {"active", c.active}};
  return j.dump();
}

StatusOr<Category> Decode(const std::string& text) {
  Json j = Json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return InternalError("categorie-rij is geen JSON");
  try {
    Category c;
    c.code = j.at("code").get<std::string>();
    c.main_code = j.at("main_code").get<std::string>();
    c.name = j.at("name").get<std::string>();
    c.public_name = j.at("public_name").get<std::string>();
    c.description = j.at("description").get<std::string>();
    c.department = j.at("department").get<std::string>();
    c.service_level.unit = j.at("unit").get<std::string>() == "hours"
                               ? ServiceLevel::Unit::kHours
                               : ServiceLevel::Unit::kWorkDays;
    c.service_level.amount = j.at("amount").get<int>();
    c.handling_message = j.at("handling_message").get<std::string>();
    c.on_public_map = j.at("on_public_map").get<bool>();
    ASSIGN_OR_RETURN(c.sensitivity,
                     security::ParseSensitivity(j.at("sensitivity").get<std::string>()));
    c.mor_main = j.at("mor_main").get<std::string>();
    c.mor_sub = j.at("mor_sub").get<std::string>();
    c.active = j.at("active").get<bool>();
    return c;
  } catch (const Json::exception&) {
    return InternalError("categorie-rij is onvolledig");
  }
}

StatusOr<int> RaiseCatalogVersion(Transaction& txn, const std::string& tenant, Timestamp now) {
  ASSIGN_OR_RETURN(auto rs, txn.Query("INSERT INTO signal_catalogs (tenant, version, changed_at) "
                                      "VALUES (?, 1, ?) ON CONFLICT (tenant) DO UPDATE SET "
                                      "version = signal_catalogs.version + 1, changed_at = "
                                      "excluded.changed_at RETURNING version",
                                      {tenant, now}));
  return static_cast<int>(rs.rows.at(0).GetInt64(0));
}

// Stores `c` as a new version when it differs from the current one; returns whether it did.
StatusOr<bool> StoreVersion(Transaction& txn, const std::string& tenant, const Category& c,
                            const std::string& actor, Timestamp now) {
  const std::string definition = Encode(c);
  ASSIGN_OR_RETURN(auto cur, txn.Query("SELECT version, definition FROM signal_categories WHERE "
                                       "tenant = ? AND code = ? AND is_current = 1",
                                       {tenant, c.code}));
  int64_t version = 1;
  if (!cur.rows.empty()) {
    if (cur.rows[0].GetText(1) == definition) return false;
    version = cur.rows[0].GetInt64(0) + 1;
    RETURN_IF_ERROR(
        txn.Execute("UPDATE signal_categories SET is_current = 0 WHERE tenant = ? AND "
                    "code = ? AND is_current = 1",
                    {tenant, c.code}));
  }
  RETURN_IF_ERROR(
      txn.Execute("INSERT INTO signal_categories (tenant, code, version, is_current, "
                  "main_code, definition, changed_at, changed_by) VALUES (?, ?, ?, "
                  "1, ?, ?, ?, ?)",
                  {tenant, c.code, version, c.main_code, definition, now, actor}));
  return true;
}

}  // namespace

StatusOr<int> CategoryRepository::ImportTaxonomy(const CategoryCatalog& catalog,
                                                 const std::string& actor) {
  const Timestamp now = clock_.Now();
  const std::string& tenant = catalog.tenant();
  int version = 0;
  RETURN_IF_ERROR(db_.Write([&](Transaction& txn) -> Status {
    for (const Department& d : catalog.departments()) {
      RETURN_IF_ERROR(
          txn.Execute("INSERT INTO signal_departments (tenant, code, name) VALUES (?, "
                      "?, ?) ON CONFLICT (tenant, code) DO UPDATE SET name = "
                      "excluded.name",
                      {tenant, d.code, d.name}));
    }
    for (const MainCategory& m : catalog.mains()) {
      RETURN_IF_ERROR(txn.Execute(
          "INSERT INTO signal_main_categories (tenant, code, name, public_name) VALUES (?, ?, ?, "
          "?) ON CONFLICT (tenant, code) DO UPDATE SET name = excluded.name, public_name = "
          "excluded.public_name",
          {tenant, m.code, m.name, m.public_name}));
    }
    for (const Category& c : catalog.categories()) {
      RETURN_IF_ERROR(StoreVersion(txn, tenant, c, actor, now).status());
    }
    ASSIGN_OR_RETURN(version, RaiseCatalogVersion(txn, tenant, now));
    return Status::Ok();
  }));
  return version;
}

StatusOr<std::shared_ptr<const CategoryCatalog>> CategoryRepository::Current(
    const std::string& tenant) {
  std::shared_ptr<const CategoryCatalog> out;
  RETURN_IF_ERROR(db_.Read([&](Transaction& txn) -> Status {
    ASSIGN_OR_RETURN(auto v,
                     txn.Query("SELECT version FROM signal_catalogs WHERE tenant = ?", {tenant}));
    if (v.rows.empty()) return NotFoundError("Er zijn geen categorieën voor deze gemeente.");
    std::vector<Department> departments;
    ASSIGN_OR_RETURN(auto ds, txn.Query("SELECT code, name FROM signal_departments WHERE tenant = "
                                        "? ORDER BY code",
                                        {tenant}));
    for (const auto& r : ds.rows) departments.push_back({r.GetText(0), r.GetText(1)});
    std::vector<MainCategory> mains;
    ASSIGN_OR_RETURN(auto ms, txn.Query("SELECT code, name, public_name FROM "
                                        "signal_main_categories WHERE tenant = ? ORDER BY code",
                                        {tenant}));
    for (const auto& r : ms.rows) mains.push_back({r.GetText(0), r.GetText(1), r.GetText(2)});
    std::vector<Category> categories;
    ASSIGN_OR_RETURN(auto cs, txn.Query("SELECT definition, version FROM signal_categories WHERE "
                                        "tenant = ? AND is_current = 1 ORDER BY main_code, code",
                                        {tenant}));
    for (const auto& r : cs.rows) {
      ASSIGN_OR_RETURN(Category c, Decode(r.GetText(0)));
      c.version = static_cast<int>(r.GetInt64(1));
      categories.push_back(std::move(c));
    }
    out = std::make_shared<const CategoryCatalog>(tenant, static_cast<int>(v.rows[0].GetInt64(0)),
                                                  std::move(departments), std::move(mains),
                                                  std::move(categories));
    return Status::Ok();
  }));
  return out;
}

StatusOr<int> CategoryRepository::Update(const std::string& tenant, const Category& category,
                                         const std::string& actor) {
  return Update(tenant, category, actor, std::nullopt, {});
}

StatusOr<int> CategoryRepository::Update(const std::string& tenant, const Category& category,
                                         const std::string& actor,
                                         std::optional<int> expected_version,
                                         const CategoryUpdateHook& hook) {
  const Timestamp now = clock_.Now();
  int version = 0;
  RETURN_IF_ERROR(db_.Write([&](Transaction& txn) -> Status {
    ASSIGN_OR_RETURN(auto known, txn.Query("SELECT version, changed_at, changed_by, definition "
                                           "FROM signal_categories WHERE tenant = ? AND code = ? "
                                           "AND is_current = 1",
                                           {tenant, category.code}));
    if (known.rows.empty()) return NotFoundError("Onbekende categorie '" + category.code + "'.");
    CategoryVersion before;
    before.version = static_cast<int>(known.rows[0].GetInt64(0));
    before.changed_at = known.rows[0].GetTimestamp(1);
    before.changed_by = known.rows[0].GetText(2);
    ASSIGN_OR_RETURN(before.category, Decode(known.rows[0].GetText(3)));
    before.category.version = before.version;
    if (expected_version && *expected_version != before.version) {
      return Status(StatusCode::kFailedPrecondition,
                    "De categorie is intussen gewijzigd (nu versie " +
                        std::to_string(before.version) + "). Laad haar opnieuw.",
                    "If-Match");
    }
    ASSIGN_OR_RETURN(auto dep, txn.Query("SELECT 1 FROM signal_departments WHERE tenant = ? AND "
                                         "code = ?",
                                         {tenant, category.department}));
    if (dep.rows.empty()) {
      return InvalidArgumentError("Onbekende afdeling '" + category.department + "'.", "afdeling");
    }
    ASSIGN_OR_RETURN(auto main, txn.Query("SELECT 1 FROM signal_main_categories WHERE tenant = ? "
                                          "AND code = ?",
                                          {tenant, category.main_code}));
    if (main.rows.empty()) {
      return InvalidArgumentError("Onbekende hoofdcategorie '" + category.main_code + "'.",
                                  "hoofdcategorie");
    }
    ASSIGN_OR_RETURN(bool changed, StoreVersion(txn, tenant, category, actor, now));
    version = changed ? before.version + 1 : before.version;
    if (changed) {
      RETURN_IF_ERROR(RaiseCatalogVersion(txn, tenant, now).status());
      if (hook) RETURN_IF_ERROR(hook(txn, before, version));
    }
    return Status::Ok();
  }));
  return version;
}

StatusOr<std::shared_ptr<const CategoryCatalog>> CategoryRepository::Seed(
    const CategoryCatalog& shipped, const std::string& actor) {
  StatusOr<std::shared_ptr<const CategoryCatalog>> stored = Current(shipped.tenant());
  if (!stored.ok() && stored.status().code() != StatusCode::kNotFound) return stored.status();
  if (!stored.ok()) {
    RETURN_IF_ERROR(ImportTaxonomy(shipped, actor).status());
    return Current(shipped.tenant());
  }
  const CategoryCatalog& have = **stored;
  std::vector<Department> departments = have.departments();
  std::vector<MainCategory> mains = have.mains();
  std::vector<Category> categories;
  for (const Department& d : shipped.departments()) {
    if (have.FindDepartment(d.code) == nullptr) departments.push_back(d);
  }
  for (const MainCategory& m : shipped.mains()) {
    if (have.FindMain(m.code) == nullptr) mains.push_back(m);
  }
  for (const Category& c : shipped.categories()) {
    if (have.Find(c.code) == nullptr) categories.push_back(c);
  }
  if (departments.size() == have.departments().size() && mains.size() == have.mains().size() &&
      categories.empty()) {
    return stored;
  }
  // Only the missing categories go in: ImportTaxonomy leaves the others alone.
  RETURN_IF_ERROR(
      ImportTaxonomy(CategoryCatalog(shipped.tenant(), shipped.version(), std::move(departments),
                                     std::move(mains), std::move(categories)),
                     actor)
          .status());
  return Current(shipped.tenant());
}

StatusOr<std::vector<CategoryVersion>> CategoryRepository::History(const std::string& tenant,
                                                                   const std::string& code) {
  std::vector<CategoryVersion> out;
  RETURN_IF_ERROR(db_.Read([&](Transaction& txn) -> Status {
    ASSIGN_OR_RETURN(auto rs, txn.Query("SELECT version, changed_at, changed_by, definition FROM "
                                        "signal_categories WHERE tenant = ? AND code = ? ORDER "
                                        "BY version",
                                        {tenant, code}));
    for (const auto& r : rs.rows) {
      CategoryVersion v;
      v.version = static_cast<int>(r.GetInt64(0));
      v.changed_at = r.GetTimestamp(1);
      v.changed_by = r.GetText(2);
      ASSIGN_OR_RETURN(v.category, Decode(r.GetText(3)));
      v.category.version = v.version;
      out.push_back(std::move(v));
    }
    return Status::Ok();
  }));
  if (out.empty()) return NotFoundError("Onbekende categorie '" + code + "'.");
  return out;
}

Status CategoryRepository::SaveDepartment(const std::string& tenant, const Department& d,
                                          bool create, const DepartmentSaveHook& hook) {
  const Timestamp now = clock_.Now();
  return db_.Write([&](Transaction& txn) -> Status {
    ASSIGN_OR_RETURN(auto have, txn.Query("SELECT name FROM signal_departments WHERE tenant = ? "
                                          "AND code = ?",
                                          {tenant, d.code}));
    if (create && !have.rows.empty()) {
      return AlreadyExistsError("Er is al een afdeling met code '" + d.code + "'.", "code");
    }
    if (!create && have.rows.empty()) return NotFoundError("Onbekende afdeling '" + d.code + "'.");
    const std::string before = have.rows.empty() ? "" : have.rows[0].GetText(0);
    if (create) {
      RETURN_IF_ERROR(
          txn.Execute("INSERT INTO signal_departments (tenant, code, name) VALUES (?, ?, ?)",
                      {tenant, d.code, d.name}));
    } else {
      RETURN_IF_ERROR(
          txn.Execute("UPDATE signal_departments SET name = ? WHERE tenant = ? AND code = ?",
                      {d.name, tenant, d.code}));
    }
    RETURN_IF_ERROR(RaiseCatalogVersion(txn, tenant, now).status());
    return hook ? hook(txn, before) : Status::Ok();
  });
}

StatusOr<std::set<std::string>> CategoryRepository::DepartmentCodes(const std::string& tenant) {
  std::set<std::string> out;
  RETURN_IF_ERROR(db_.Read([&](Transaction& txn) -> Status {
    out.clear();
    ASSIGN_OR_RETURN(auto rs,
                     txn.Query("SELECT code FROM signal_departments WHERE tenant = ?", {tenant}));
    for (const auto& r : rs.rows) out.insert(r.GetText(0));
    return Status::Ok();
  }));
  return out;
}

}  // namespace baken::signals
