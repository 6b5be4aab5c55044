#include "baken/signals/category.h"

#include <fstream>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "baken/base/strings.h"
#include "baken/signals/internal/intake.h"

namespace baken::signals {
namespace {

using nlohmann::json;

// Reads one member of an object, naming the full path in errors.
class Reader {
 public:
  Reader(const json& j, std::string path) : j_(j), path_(std::move(path)) {}

  StatusOr<std::string> Text(const char* key, bool required = true) const {
    auto it = j_.find(key);
    if (it == j_.end() || it->is_null()) {
      if (!required) return std::string();
      return InvalidArgumentError("Dit veld ontbreekt.", Field(key));
    }
    if (!it->is_string()) return InvalidArgumentError("Dit veld moet tekst zijn.", Field(key));
    std::string s = it->get<std::string>();
    if (required && s.empty()) return InvalidArgumentError("Dit veld is leeg.", Field(key));
    return s;
  }
  StatusOr<bool> Bool(const char* key, bool fallback) const {
    auto it = j_.find(key);
    if (it == j_.end()) return fallback;
    if (!it->is_boolean()) {
      return InvalidArgumentError("Dit veld moet true of false zijn.", Field(key));
    }
    return it->get<bool>();
  }
  StatusOr<const json*> Array(const char* key) const {
    auto it = j_.find(key);
    if (it == j_.end() || !it->is_array()) {
      return InvalidArgumentError("Dit veld moet een lijst zijn.", Field(key));
    }
    return &*it;
  }
  std::string Field(const char* key) const { return path_.empty() ? key : path_ + "." + key; }
  const json& j() const { return j_; }

 private:
  const json& j_;
  std::string path_;
};

StatusOr<ServiceLevel> ParseServiceLevel(const json& j, const std::string& field) {
  if (!j.is_object()) {
    return InvalidArgumentError("De termijn moet {\"werkdagen\": N} of {\"uren\": N} zijn.", field);
  }
  ServiceLevel level;
  const bool days = j.contains("werkdagen");
  const bool hours = j.contains("uren");
  if (days == hours) {
    return InvalidArgumentError("Geef de termijn in werkdagen of in uren (precies een van beide).",
                                field);
  }
  const json& v = days ? j["werkdagen"] : j["uren"];
  if (!v.is_number_integer() || v.get<int64_t>() <= 0 || v.get<int64_t>() > 365) {
    return InvalidArgumentError("De termijn moet een geheel getal van 1 tot en met 365 zijn.",
                                field + (days ? ".werkdagen" : ".uren"));
  }
  level.unit = days ? ServiceLevel::Unit::kWorkDays : ServiceLevel::Unit::kHours;
  level.amount = static_cast<int>(v.get<int64_t>());
  return level;
}

Status CheckCode(const std::string& code, const std::string& field) {
  if (code.empty() || code.size() > 64) {
    return InvalidArgumentError("Een code heeft 1 tot 64 tekens.", field);
  }
  for (char c : code) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) {
      return InvalidArgumentError(
          "Een code bestaat uit kleine letters, cijfers, '-' en '_': '" + code + "'.", field);
    }
  }
  return Status::Ok();
}

}  // namespace

Timestamp ServiceLevel::DeadlineFrom(Timestamp received, const WorkCalendar& calendar) const {
  if (unit == Unit::kHours) return received + std::chrono::hours(amount);
  return calendar.AddWorkDays(received, amount);
}

std::string ServiceLevel::ToDutch() const {
  if (unit == Unit::kHours) return std::to_string(amount) + " uur";
  return std::to_string(amount) + (amount == 1 ? " werkdag" : " werkdagen");
}

CategoryCatalog::CategoryCatalog(std::string tenant, int version,
                                 std::vector<Department> departments,
                                 std::vector<MainCategory> mains, std::vector<Category> categories)
    : tenant_(std::move(tenant)),
      version_(version),
      departments_(std::move(departments)),
      mains_(std::move(mains)),
      categories_(std::move(categories)) {}

const Category* CategoryCatalog::Find(std::string_view code) const {
  for (const Category& c : categories_) {
    if (c.code == code) return &c;
  }
  return nullptr;
}

const MainCategory* CategoryCatalog::FindMain(std::string_view code) const {
  for (const MainCategory& m : mains_) {
    if (m.code == code) return &m;
  }
  return nullptr;
}

const Department* CategoryCatalog::FindDepartment(std::string_view code) const {
  for (const Department& d : departments_) {
    if (d.code == code) return &d;
  }
  return nullptr;
}

StatusOr<const Category*> CategoryCatalog::Require(std::string_view code,
                                                   std::string_view field) const {
  if (code.empty()) return InvalidArgumentError("Kies een categorie.", std::string(field));
  const Category* c = Find(code);
  if (c == nullptr) {
    if (FindMain(code) != nullptr) {
      return InvalidArgumentError(
          "'" + std::string(code) + "' is een hoofdcategorie; kies een subcategorie.",
          std::string(field));
    }
    return InvalidArgumentError("Onbekende categorie '" + std::string(code) + "'.",
                                std::string(field));
  }
  if (!c->active) {
    return InvalidArgumentError("De categorie '" + c->name + "' wordt niet meer gebruikt.",
                                std::string(field));
  }
  return c;
}

StatusOr<CategoryCatalog> ParseTaxonomy(std::string_view text) {
  json root = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (root.is_discarded() || !root.is_object()) {
    return InvalidArgumentError("De taxonomie is geen geldig JSON-object.", "taxonomie");
  }
  Reader top(root, "");
  ASSIGN_OR_RETURN(std::string tenant, top.Text("gemeente"));
  int version = 1;
  if (root.contains("versie")) {
    if (!root["versie"].is_number_integer() || root["versie"].get<int64_t>() < 1) {
      return InvalidArgumentError("De versie moet een positief geheel getal zijn.", "versie");
    }
    version = static_cast<int>(root["versie"].get<int64_t>());
  }

  std::vector<Department> departments;
  std::set<std::string> department_codes;
  ASSIGN_OR_RETURN(const json* deps, top.Array("afdelingen"));
  for (size_t i = 0; i < deps->size(); ++i) {
    Reader r((*deps)[i], "afdelingen[" + std::to_string(i) + "]");
    Department d;
    ASSIGN_OR_RETURN(d.code, r.Text("code"));
    RETURN_IF_ERROR(CheckCode(d.code, r.Field("code")));
    ASSIGN_OR_RETURN(d.name, r.Text("naam"));
    if (!department_codes.insert(d.code).second) {
      return InvalidArgumentError("De afdeling '" + d.code + "' staat er twee keer in.",
                                  r.Field("code"));
    }
    departments.push_back(std::move(d));
  }

  std::vector<MainCategory> mains;
  std::vector<Category> categories;
  std::set<std::string> codes;
  ASSIGN_OR_RETURN(const json* main_list, top.Array("hoofdcategorieen"));
  if (main_list->empty()) {
    return InvalidArgumentError("Er is geen enkele hoofdcategorie.", "hoofdcategorieen");
  }
  for (size_t i = 0; i < main_list->size(); ++i) {
    const std::string main_path = "hoofdcategorieen[" + std::to_string(i) + "]";
    Reader mr((*main_list)[i], main_path);
    MainCategory m;
    ASSIGN_OR_RETURN(m.code, mr.Text("code"));
    RETURN_IF_ERROR(CheckCode(m.code, mr.Field("code")));
    ASSIGN_OR_RETURN(m.name, mr.Text("naam"));
    ASSIGN_OR_RETURN(m.public_name, mr.Text("publieke_naam", false));
    if (m.public_name.empty()) m.public_name = m.name;
    if (!codes.insert(m.code).second) {
      return InvalidArgumentError("De code '" + m.code + "' is al gebruikt.", mr.Field("code"));
    }
    ASSIGN_OR_RETURN(const json* subs, mr.Array("subcategorieen"));
    if (subs->empty()) {
      return InvalidArgumentError("Een hoofdcategorie heeft minstens een subcategorie.",
                                  mr.Field("subcategorieen"));
    }
    for (size_t k = 0; k < subs->size(); ++k) {
      Reader r((*subs)[k], main_path + ".subcategorieen[" + std::to_string(k) + "]");
      Category c;
      c.main_code = m.code;
      ASSIGN_OR_RETURN(c.code, r.Text("code"));
      RETURN_IF_ERROR(CheckCode(c.code, r.Field("code")));
      if (!codes.insert(c.code).second) {
        return InvalidArgumentError("De code '" + c.code + "' is al gebruikt.", r.Field("code"));
      }
      ASSIGN_OR_RETURN(c.name, r.Text("naam"));
      ASSIGN_OR_RETURN(c.public_name, r.Text("publieke_naam", false));
      if (c.public_name.empty()) c.public_name = c.name;
      ASSIGN_OR_RETURN(c.description, r.Text("omschrijving", false));
      ASSIGN_OR_RETURN(c.department, r.Text("afdeling"));
      if (department_codes.count(c.department) == 0) {
        return InvalidArgumentError("Onbekende afdeling '" + c.department + "'.",
                                    r.Field("afdeling"));
      }
      if (!r.j().contains("termijn")) {
        return InvalidArgumentError("Dit veld ontbreekt.", r.Field("termijn"));
      }
      ASSIGN_OR_RETURN(c.service_level, ParseServiceLevel(r.j()["termijn"], r.Field("termijn")));
      ASSIGN_OR_RETURN(c.handling_message, r.Text("afhandelbericht"));
      ASSIGN_OR_RETURN(c.on_public_map, r.Bool("op_openbare_kaart", true));
      ASSIGN_OR_RETURN(c.active, r.Bool("actief", true));
      ASSIGN_OR_RETURN(std::string sensitivity, r.Text("gevoeligheid"));
      StatusOr<security::Sensitivity> s = security::ParseSensitivity(sensitivity);
      if (!s.ok()) {
        return InvalidArgumentError("Onbekende gevoeligheid '" + sensitivity +
                                        "' (public, internal, confidential of special).",
                                    r.Field("gevoeligheid"));
      }
      c.sensitivity = *s;
      if (c.sensitivity >= security::Sensitivity::kConfidential && c.on_public_map) {
        return InvalidArgumentError(
            "Een vertrouwelijke of bijzondere categorie kan niet op de openbare kaart.",
            r.Field("op_openbare_kaart"));
      }
      if (r.j().contains("mor")) {
        Reader mor(r.j()["mor"], r.Field("mor"));
        ASSIGN_OR_RETURN(c.mor_main, mor.Text("hoofd"));
        ASSIGN_OR_RETURN(c.mor_sub, mor.Text("sub"));
      }
      categories.push_back(std::move(c));
    }
    mains.push_back(std::move(m));
  }
  return CategoryCatalog(std::move(tenant), version, std::move(departments), std::move(mains),
                         std::move(categories));
}

StatusOr<CategoryCatalog> ReadTaxonomyFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return NotFoundError("Het taxonomiebestand '" + path + "' kan niet worden gelezen.");
  }
  std::stringstream buffer;
  buffer << in.rdbuf();
  StatusOr<CategoryCatalog> catalog = ParseTaxonomy(buffer.str());
  if (!catalog.ok()) {
    return Status(catalog.status().code(), path + ": " + catalog.status().message(),
                  catalog.status().field());
  }
  return catalog;
}

namespace {

// One text member of a category edit: present, a string, trimmed, not empty unless `optional`,
// at most `max` characters, and without control characters (line breaks only where `multiline`).
struct TextRule {
  const char* key;
  const char* label;  // "De naam": starts the Dutch messages
  size_t max;
  bool optional = false;
  bool multiline = false;
};

StatusOr<std::string> EditText(const json& body, const TextRule& rule) {
  const std::string label = rule.label;
  auto it = body.find(rule.key);
  if (it == body.end() || it->is_null()) {
    if (rule.optional) return std::string();
    return InvalidArgumentError(label + " ontbreekt.", rule.key);
  }
  if (!it->is_string()) return InvalidArgumentError(label + " moet tekst zijn.", rule.key);
  std::string text(Trim(it->get<std::string>()));
  if (text.empty() && !rule.optional) {
    return InvalidArgumentError(label + " is leeg; vul deze in.", rule.key);
  }
  const size_t length = internal::CodePoints(text);
  if (length > rule.max) {
    return InvalidArgumentError(label + " is te lang: " + std::to_string(length) +
                                    " tekens, hoogstens " + std::to_string(rule.max) + ".",
                                rule.key);
  }
  for (unsigned char c : text) {
    if ((c < 0x20 && !(rule.multiline && (c == '\n' || c == '\r' || c == '\t'))) || c == 0x7f) {
      return InvalidArgumentError(label + (rule.multiline ? " bevat stuurtekens."
                                                          : " mag geen regeleinden of stuurtekens "
                                                            "bevatten."),
                                  rule.key);
    }
  }
  return text;
}

}  // namespace

StatusOr<Category> ParseCategoryEdit(std::string_view text, const Category& current,
                                     const CategoryCatalog& catalog) {
  json body = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (body.is_discarded() || !body.is_object()) {
    return InvalidArgumentError("Stuur de categorie als JSON-object.", "body");
  }
  Category c = current;
  ASSIGN_OR_RETURN(c.name, EditText(body, {"naam", "De naam", 100}));
  ASSIGN_OR_RETURN(c.public_name, EditText(body, {"publieke_naam", "De publieke naam", 100}));
  ASSIGN_OR_RETURN(c.description,
                   EditText(body, {"omschrijving", "De omschrijving", 1000, true, true}));
  ASSIGN_OR_RETURN(c.department, EditText(body, {"afdeling", "De afdeling", 64}));
  if (catalog.FindDepartment(c.department) == nullptr) {
    return InvalidArgumentError(
        "Onbekende afdeling '" + c.department + "'; kies een afdeling uit de lijst.", "afdeling");
  }
  if (!body.contains("termijn") || body["termijn"].is_null()) {
    return InvalidArgumentError("De termijn ontbreekt.", "termijn");
  }
  ASSIGN_OR_RETURN(c.service_level, ParseServiceLevel(body["termijn"], "termijn"));
  ASSIGN_OR_RETURN(c.handling_message,
                   EditText(body, {"afhandelbericht", "Het afhandelbericht", 2000, false, true}));
  auto map = body.find("op_openbare_kaart");
  if (map == body.end() || !map->is_boolean()) {
    return InvalidArgumentError("Geef bij 'op de openbare kaart' true of false.",
                                "op_openbare_kaart");
  }
  c.on_public_map = map->get<bool>();
  ASSIGN_OR_RETURN(std::string sensitivity,
                   EditText(body, {"gevoeligheid", "De gevoeligheid", 32}));
  StatusOr<security::Sensitivity> s = security::ParseSensitivity(sensitivity);
  if (!s.ok()) {
    return InvalidArgumentError(
        "Onbekende gevoeligheid '" + sensitivity + "' (public, internal, confidential of special).",
        "gevoeligheid");
  }
  c.sensitivity = *s;
  if (c.sensitivity >= security::Sensitivity::kConfidential && c.on_public_map) {
    return InvalidArgumentError(
        "Een vertrouwelijke of bijzondere categorie kan niet op de openbare kaart.",
        "op_openbare_kaart");
  }
  return c;
}

std::vector<std::string> ChangedCategoryFields(const Category& before, const Category& after) {
  std::vector<std::string> out;
  if (before.name != after.name) out.push_back("naam");
  if (before.public_name != after.public_name) out.push_back("publieke_naam");
  if (before.description != after.description) out.push_back("omschrijving");
  if (before.department != after.department) out.push_back("afdeling");
  if (before.service_level.unit != after.service_level.unit ||
      before.service_level.amount != after.service_level.amount) {
    out.push_back("termijn");
  }
  if (before.handling_message != after.handling_message) out.push_back("afhandelbericht");
  if (before.on_public_map != after.on_public_map) out.push_back("op_openbare_kaart");
  if (before.sensitivity != after.sensitivity) out.push_back("gevoeligheid");
  return out;
}

}  // namespace baken::signals
