#include "baken/retention/rules.h"

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "baken/retention/internal/embedded_rules.h"

namespace baken::retention {

namespace {

using nlohmann::json;

constexpr int kMaxDays = 36500;  // a hundred years: anything longer is a typing error

// kInvalidArgument naming the source and the JSON path, the path also as the field.
Status Bad(std::string_view source, const std::string& path, const std::string& what) {
  return InvalidArgumentError(std::string(source) + ": " + path + ": " + what, path);
}

StatusOr<std::optional<int>> Days(const json& rule, const std::string& path, const char* key,
                                  std::string_view source) {
  auto it = rule.find(key);
  if (it == rule.end() || it->is_null()) return std::optional<int>();
  if (!it->is_number_integer() || it->get<int64_t>() < 1 || it->get<int64_t>() > kMaxDays) {
    return Bad(source, path + "." + key,
               "moet een geheel aantal dagen van 1 tot en met " + std::to_string(kMaxDays) +
                   " zijn (of ontbreken: nooit)");
  }
  return std::optional<int>(static_cast<int>(it->get<int64_t>()));
}

StatusOr<RetentionRule> ParseRule(const json& r, const std::string& path, std::string_view source) {
  if (!r.is_object()) return Bad(source, path, "moet een object zijn");
  static const std::set<std::string> kKnown = {"code",
                                               "omschrijving",
                                               "klasse",
                                               "categorieen",
                                               "contactgegevens_anonimiseren_na_dagen",
                                               "tekst_verwijderen_na_dagen",
                                               "vernietigen_na_dagen"};
  for (const auto& [key, value] : r.items()) {
    if (!kKnown.contains(key)) return Bad(source, path + "." + key, "onbekend veld");
  }
  RetentionRule rule;
  auto code = r.find("code");
  if (code == r.end() || !code->is_string() || code->get<std::string>().empty()) {
    return Bad(source, path + ".code", "elke regel heeft een code (tekst)");
  }
  rule.code = code->get<std::string>();
  if (auto d = r.find("omschrijving"); d != r.end()) {
    if (!d->is_string()) return Bad(source, path + ".omschrijving", "moet tekst zijn");
    rule.description = d->get<std::string>();
  }
  if (auto k = r.find("klasse"); k != r.end() && !k->is_null()) {
    auto s = k->is_string() ? security::ParseSensitivity(k->get<std::string>())
                            : StatusOr<security::Sensitivity>(InvalidArgumentError(""));
    if (!s.ok()) {
      return Bad(source, path + ".klasse", "moet public, internal, confidential of special zijn");
    }
    rule.sensitivity = *s;
  }
  if (auto c = r.find("categorieen"); c != r.end() && !c->is_null()) {
    if (!c->is_array() || c->empty()) {
      return Bad(source, path + ".categorieen", "moet een niet-lege lijst van codes zijn");
    }
    for (size_t i = 0; i < c->size(); ++i) {
      const json& item = (*c)[i];
      if (!item.is_string() || item.get<std::string>().empty()) {
        return Bad(source, path + ".categorieen[" + std::to_string(i) + "]",
                   "moet een categoriecode zijn");
      }
      rule.categories.push_back(item.get<std::string>());
    }
  }
  if (rule.sensitivity && !rule.categories.empty()) {
    return Bad(source, path, "een regel noemt een klasse of categorieen, niet allebei");
  }
  ASSIGN_OR_RETURN(rule.anonymise_contact_days,
                   Days(r, path, "contactgegevens_anonimiseren_na_dagen", source));
  ASSIGN_OR_RETURN(rule.redact_text_days, Days(r, path, "tekst_verwijderen_na_dagen", source));
  ASSIGN_OR_RETURN(rule.destroy_days, Days(r, path, "vernietigen_na_dagen", source));
  if (rule.destroy_days) {
    for (auto [days, key] :
         {std::pair{rule.anonymise_contact_days, "contactgegevens_anonimiseren_na_dagen"},
          std::pair{rule.redact_text_days, "tekst_verwijderen_na_dagen"}}) {
      if (days && *days > *rule.destroy_days) {
        return Bad(source, path + "." + key, "mag niet later vallen dan vernietigen_na_dagen");
      }
    }
  }
  return rule;
}

std::string DaysText(const std::optional<int>& days) {
  if (!days) return "nooit";
  return std::to_string(*days) + " dagen";
}

// "alle overige meldingen", "klasse confidential", "categorie verward-gedrag, ..."
std::string AppliesTo(const RetentionRule& r) {
  if (r.is_default()) return "alle overige meldingen";
  if (r.sensitivity) return "klasse " + std::string(security::SensitivityCode(*r.sensitivity));
  std::string out = "categorie ";
  for (size_t i = 0; i < r.categories.size(); ++i) out += (i ? ", " : "") + r.categories[i];
  return out;
}

}  // namespace

StatusOr<RetentionRules> RetentionRules::Parse(std::string_view json_text,
                                               std::string_view source) {
  json doc = json::parse(json_text, nullptr, false);
  if (doc.is_discarded()) return Bad(source, "$", "geen geldige JSON");
  if (!doc.is_object()) return Bad(source, "$", "moet een object zijn");
  if (auto v = doc.find("versie"); v == doc.end() || *v != 1) {
    return Bad(source, "versie", "moet 1 zijn");
  }
  auto list = doc.find("regels");
  if (list == doc.end() || !list->is_array() || list->empty()) {
    return Bad(source, "regels", "moet een niet-lege lijst van regels zijn");
  }
  RetentionRules out;
  std::set<std::string> codes;
  std::optional<size_t> default_index;
  for (size_t i = 0; i < list->size(); ++i) {
    const std::string path = "regels[" + std::to_string(i) + "]";
    ASSIGN_OR_RETURN(RetentionRule rule, ParseRule((*list)[i], path, source));
    if (!codes.insert(rule.code).second) {
      return Bad(source, path + ".code", "de code '" + rule.code + "' komt twee keer voor");
    }
    if (rule.is_default()) {
      if (default_index) {
        return Bad(source, path,
                   "er is al een standaardregel (zonder klasse of categorieen): regels[" +
                       std::to_string(*default_index) + "]");
      }
      default_index = i;
    }
    out.rules_.push_back(std::move(rule));
  }
  if (!default_index) {
    return Bad(source, "regels",
               "er moet precies één standaardregel zijn (zonder klasse of categorieen)");
  }
  out.default_index_ = *default_index;
  return out;
}

StatusOr<RetentionRules> RetentionRules::ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return InvalidArgumentError("Kan het bestand met bewaarregels niet lezen: " + path);
  std::stringstream text;
  text << in.rdbuf();
  return Parse(text.str(), path);
}

const RetentionRules& RetentionRules::Defaults() {
  static const RetentionRules* rules = [] {
    auto parsed = Parse(internal::EmbeddedRulesJson(), "ingebouwde bewaarregels");
    // The shipped file is checked by the tests; a broken build must not start at all.
    if (!parsed.ok()) std::abort();
    return new RetentionRules(std::move(*parsed));
  }();
  return *rules;
}

const RetentionRule& RetentionRules::For(std::string_view category, std::string_view main_category,
                                         security::Sensitivity sensitivity) const {
  for (const RetentionRule& r : rules_) {
    for (const std::string& c : r.categories) {
      if (c == category || c == main_category) return r;
    }
  }
  for (const RetentionRule& r : rules_) {
    if (r.sensitivity == sensitivity) return r;
  }
  return rules_[default_index_];
}

std::optional<int> RetentionRules::ShortestPeriod() const {
  std::optional<int> shortest;
  for (const RetentionRule& r : rules_) {
    for (const auto& d : {r.anonymise_contact_days, r.redact_text_days, r.destroy_days}) {
      if (d && (!shortest || *d < *shortest)) shortest = d;
    }
  }
  return shortest;
}

std::string FormatRules(const RetentionRules& rules) {
  std::ostringstream out;
  out << "Bewaarregels (termijnen na afsluiten van de melding; de eerste regel die de categorie\n"
         "noemt geldt, anders die voor de klasse, anders de standaardregel):\n";
  for (const RetentionRule& r : rules.rules()) {
    out << "\n"
        << r.code << "  geldt voor: " << AppliesTo(r)
        << "\n  contactgegevens melder anonimiseren: " << DaysText(r.anonymise_contact_days)
        << "\n  vrije tekst verwijderen:             " << DaysText(r.redact_text_days)
        << "\n  melding vernietigen:                 " << DaysText(r.destroy_days) << "\n";
    if (!r.description.empty()) out << "  " << r.description << "\n";
  }
  return out.str();
}

std::string RulesMarkdownTable(const RetentionRules& rules) {
  std::ostringstream out;
  out << "| regel | geldt voor | contactgegevens anonimiseren | vrije tekst verwijderen | "
         "vernietigen | toelichting |\n|---|---|---|---|---|---|\n";
  for (const RetentionRule& r : rules.rules()) {
    out << "| `" << r.code << "` | " << AppliesTo(r) << " | " << DaysText(r.anonymise_contact_days)
        << " | " << DaysText(r.redact_text_days) << " | " << DaysText(r.destroy_days) << " | "
        << r.description << " |\n";
  }
  return out.str();
}

}  // namespace baken::retention
