// Retention rules (bewaarregels): how long a closed melding keeps its reporter's contact data,
// its free text about persons, and itself, chosen per category and sensitivity class.
//
// Rules come from a JSON file (data/retention/groningen.json, compiled in as the default):
//   {"versie": 1, "regels": [{"code": "standaard", "omschrijving": "...",
//     "klasse": "confidential" | "categorieen": ["verward-gedrag", "ondermijning"],
//     "contactgegevens_anonimiseren_na_dagen": 365, "tekst_verwijderen_na_dagen": 730,
//     "vernietigen_na_dagen": 1826}, ...]}
// Exactly one rule names neither klasse nor categorieen: the default. For a melding the first
// rule naming its sub or main category wins, else the rule for its class, else the default. A
// period that is absent means "never by this rule". Periods count in days from closing.
//
// Plain values, thread-safe once built. Errors: kInvalidArgument with a Dutch message that names
// the JSON path (e.g. "regels[2].vernietigen_na_dagen"), also as the status field.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "baken/base/status.h"
#include "baken/security/roles.h"

namespace baken::retention {

struct RetentionRule {
  std::string code;                                  // recorded in tombstones and the audit log
  std::string description;                           // Dutch
  std::optional<security::Sensitivity> sensitivity;  // "klasse"
  std::vector<std::string> categories;               // sub or main category codes
  std::optional<int> anonymise_contact_days;         // reporter name, e-mail, phone
  std::optional<int> redact_text_days;               // melding text, notes, KTO comments
  std::optional<int> destroy_days;                   // the melding and everything of it
  bool is_default() const { return !sensitivity && categories.empty(); }
};

class RetentionRules {
 public:
  // Parses the JSON text; `source` names it in errors (a file name, "ingebouwde regels").
  static StatusOr<RetentionRules> Parse(std::string_view json_text, std::string_view source);
  static StatusOr<RetentionRules> ReadFile(const std::string& path);
  // The shipped rules (data/retention/groningen.json).
  static const RetentionRules& Defaults();

  // The rule that governs a melding of this category and class (never null).
  const RetentionRule& For(std::string_view category, std::string_view main_category,
                           security::Sensitivity sensitivity) const;

  const std::vector<RetentionRule>& rules() const { return rules_; }
  // The shortest period of any rule (days), or nullopt when no rule does anything.
  std::optional<int> ShortestPeriod() const;

 private:
  std::vector<RetentionRule> rules_;
  size_t default_index_ = 0;
};

// The rules in Dutch for `baken retention rules`.
std::string FormatRules(const RetentionRules& rules);
// The rules as a Markdown table (docs/retention.md holds it; a test keeps the two equal).
std::string RulesMarkdownTable(const RetentionRules& rules);

}  // namespace baken::retention
