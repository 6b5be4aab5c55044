// Routing: ordered rules decide the department (and optionally a person) for a melding.
//
// A rule matches on any combination of category (sub or main code), area (wijk or buurt code),
// local time of day window (Europe/Amsterdam; a window may pass midnight, 22:00-06:00), weekdays
// and channel; an empty condition matches everything. Rules are tried in `order`; the first match
// wins; when none matches, the category's own department is used (rule name "categorie").
// Route() is pure and thread-safe; the service stores every decision in the history with the rule
// that made it, and re-runs it when the category or the location changes.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "baken/base/clock.h"
#include "baken/base/status.h"
#include "baken/signals/category.h"

namespace baken::signals {

struct RoutingRule {
  int order = 0;
  std::string name;                          // shown in the history: "Binnenstad weekendnacht"
  std::vector<std::string> categories;       // sub or main codes; empty: any
  std::vector<std::string> areas;            // wijk or buurt codes; empty: any
  std::optional<std::chrono::minutes> from;  // local time of day window [from, until)
  std::optional<std::chrono::minutes> until;
  std::vector<int> weekdays;          // 0 = Sunday ... 6 = Saturday (chrono::weekday::c_encoding)
  std::vector<std::string> channels;  // channel codes; empty: any
  std::string department;             // required
  std::string assignee;               // optional user id
  bool active = true;
};

struct RoutingInput {
  std::string category;  // sub code
  std::string main_category;
  std::string buurt;
  std::string wijk;
  std::string channel;
  Timestamp received;
};

struct RoutingDecision {
  std::string department;
  std::string assignee;
  std::string rule;  // rule name, or "categorie" for the category's default
};

class Router {
 public:
  Router() = default;
  // kInvalidArgument naming the rule and field for an unknown department or category code, a
  // window with only one end, a weekday outside 0..6.
  static StatusOr<Router> Build(std::vector<RoutingRule> rules, const CategoryCatalog& catalog);

  RoutingDecision Route(const RoutingInput& input, const CategoryCatalog& catalog) const;
  const std::vector<RoutingRule>& rules() const { return rules_; }

 private:
  std::vector<RoutingRule> rules_;  // sorted by order
};

// Rules as JSON (an array of objects with volgorde, naam, categorieen, gebieden, van, tot
// ("22:00"), weekdagen, kanalen, afdeling, behandelaar), for files and the API.
StatusOr<std::vector<RoutingRule>> ParseRoutingRules(std::string_view text);

// The inverse of ParseRoutingRules: the rules as that JSON array (empty lists and absent windows
// left out), so ParseRoutingRules(RoutingRulesJson(r)) gives `r` back.
std::string RoutingRulesJson(const std::vector<RoutingRule>& rules);

}  // namespace baken::signals
