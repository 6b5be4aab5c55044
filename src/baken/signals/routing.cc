#include "baken/signals/routing.h"

#include <algorithm>
#include <cstdio>

#include <nlohmann/json.hpp>

#include "baken/base/time_zone.h"

namespace baken::signals {
namespace {

bool Contains(const std::vector<std::string>& list, const std::string& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

bool Matches(const RoutingRule& rule, const RoutingInput& in) {
  if (!rule.active) return false;
  if (!rule.categories.empty() && !Contains(rule.categories, in.category) &&
      !Contains(rule.categories, in.main_category)) {
    return false;
  }
  if (!rule.areas.empty() && !Contains(rule.areas, in.buurt) && !Contains(rule.areas, in.wijk)) {
    return false;
  }
  if (!rule.channels.empty() && !Contains(rule.channels, in.channel)) return false;
  if (!rule.weekdays.empty() || rule.from) {
    const LocalDateTime local = ToAmsterdam(in.received);
    const std::chrono::minutes minute(local.hour * 60 + local.minute);
    // A night window (22:00-06:00) belongs to the evening it starts on: Saturday 02:00 is part
    // of Friday night.
    std::chrono::weekday day{std::chrono::sys_days(local.date)};
    bool in_window = true;
    if (rule.from && rule.until) {
      const auto from = *rule.from;
      const auto until = *rule.until;
      if (from <= until) {
        in_window = minute >= from && minute < until;
      } else {
        in_window = minute >= from || minute < until;
        if (minute < until) day = day - std::chrono::days(1);
      }
    }
    if (!in_window) return false;
    if (!rule.weekdays.empty() &&
        std::find(rule.weekdays.begin(), rule.weekdays.end(), static_cast<int>(day.c_encoding())) ==
            rule.weekdays.end()) {
      return false;
    }
  }
  return true;
}

StatusOr<std::chrono::minutes> ParseClock(const nlohmann::json& j, const std::string& field) {
  if (!j.is_string()) return InvalidArgumentError("Geef een tijd als \"22:00\".", field);
  const std::string s = j.get<std::string>();
  int h = -1, m = -1;
  if (s.size() == 5 && s[2] == ':' && std::isdigit(s[0]) && std::isdigit(s[1]) &&
      std::isdigit(s[3]) && std::isdigit(s[4])) {
    h = (s[0] - '0') * 10 + (s[1] - '0');
    m = (s[3] - '0') * 10 + (s[4] - '0');
  }
  if (h < 0 || h > 24 || m < 0 || m > 59 || (h == 24 && m != 0)) {
    return InvalidArgumentError("Ongeldige tijd '" + s + "'; gebruik UU:MM, bijvoorbeeld 22:00.",
                                field);
  }
  return std::chrono::minutes(h * 60 + m);
}

StatusOr<std::vector<std::string>> Strings(const nlohmann::json& obj, const char* key,
                                           const std::string& path) {
  std::vector<std::string> out;
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return out;
  if (!it->is_array()) return InvalidArgumentError("Dit veld moet een lijst zijn.", path + key);
  for (const auto& v : *it) {
    if (!v.is_string()) {
      return InvalidArgumentError("Deze lijst mag alleen tekst bevatten.", path + key);
    }
    out.push_back(v.get<std::string>());
  }
  return out;
}

}  // namespace

StatusOr<Router> Router::Build(std::vector<RoutingRule> rules, const CategoryCatalog& catalog) {
  for (size_t i = 0; i < rules.size(); ++i) {
    const RoutingRule& r = rules[i];
    const std::string path =
        "regels[" + std::to_string(i) + "]" + (r.name.empty() ? "" : " (" + r.name + ")") + ".";
    if (r.name.empty()) return InvalidArgumentError("Geef de regel een naam.", path + "naam");
    if (catalog.FindDepartment(r.department) == nullptr) {
      return InvalidArgumentError("Onbekende afdeling '" + r.department + "'.", path + "afdeling");
    }
    for (const std::string& c : r.categories) {
      if (catalog.Find(c) == nullptr && catalog.FindMain(c) == nullptr) {
        return InvalidArgumentError("Onbekende categorie '" + c + "'.", path + "categorieen");
      }
    }
    if (r.from.has_value() != r.until.has_value()) {
      return InvalidArgumentError("Een tijdvenster heeft een begin en een eind.", path + "van");
    }
    if (r.from && *r.from == *r.until) {
      return InvalidArgumentError("Begin en eind van het tijdvenster zijn gelijk.", path + "tot");
    }
    for (int d : r.weekdays) {
      if (d < 0 || d > 6) {
        return InvalidArgumentError("Een weekdag is 0 (zondag) tot en met 6 (zaterdag).",
                                    path + "weekdagen");
      }
    }
    for (const std::string& ch : r.channels) {
      static constexpr std::string_view kKnown[] = {"web", "app",     "telefoon",
                                                    "boa", "partner", "import"};
      if (std::find(std::begin(kKnown), std::end(kKnown), ch) == std::end(kKnown)) {
        return InvalidArgumentError("Onbekend kanaal '" + ch + "'.", path + "kanalen");
      }
    }
  }
  std::stable_sort(rules.begin(), rules.end(),
                   [](const RoutingRule& a, const RoutingRule& b) { return a.order < b.order; });
  Router router;
  router.rules_ = std::move(rules);
  return router;
}

RoutingDecision Router::Route(const RoutingInput& input, const CategoryCatalog& catalog) const {
  for (const RoutingRule& rule : rules_) {
    if (Matches(rule, input)) return {rule.department, rule.assignee, rule.name};
  }
  const Category* c = catalog.Find(input.category);
  return {c != nullptr ? c->department : std::string(), std::string(), "categorie"};
}

StatusOr<std::vector<RoutingRule>> ParseRoutingRules(std::string_view text) {
  nlohmann::json root = nlohmann::json::parse(text, nullptr, false);
  if (root.is_discarded() || !root.is_array()) {
    return InvalidArgumentError("De routeringsregels moeten een JSON-lijst zijn.", "regels");
  }
  std::vector<RoutingRule> rules;
  for (size_t i = 0; i < root.size(); ++i) {
    const nlohmann::json& j = root[i];
    const std::string path = "regels[" + std::to_string(i) + "].";
    if (!j.is_object()) return InvalidArgumentError("Een regel is een object.", path);
    RoutingRule r;
    r.order = static_cast<int>(i);
    if (j.contains("volgorde")) {
      if (!j["volgorde"].is_number_integer()) {
        return InvalidArgumentError("De volgorde is een geheel getal.", path + "volgorde");
      }
      r.order = j["volgorde"].get<int>();
    }
    if (!j.contains("naam") || !j["naam"].is_string()) {
      return InvalidArgumentError("Geef de regel een naam.", path + "naam");
    }
    r.name = j["naam"].get<std::string>();
    if (!j.contains("afdeling") || !j["afdeling"].is_string()) {
      return InvalidArgumentError("Geef de afdeling.", path + "afdeling");
    }
    r.department = j["afdeling"].get<std::string>();
    if (j.contains("behandelaar") && j["behandelaar"].is_string()) {
      r.assignee = j["behandelaar"].get<std::string>();
    }
    ASSIGN_OR_RETURN(r.categories, Strings(j, "categorieen", path));
    ASSIGN_OR_RETURN(r.areas, Strings(j, "gebieden", path));
    ASSIGN_OR_RETURN(r.channels, Strings(j, "kanalen", path));
    if (j.contains("van")) {
      ASSIGN_OR_RETURN(r.from, ParseClock(j["van"], path + "van"));
    }
    if (j.contains("tot")) {
      ASSIGN_OR_RETURN(r.until, ParseClock(j["tot"], path + "tot"));
    }
    if (j.contains("weekdagen")) {
      if (!j["weekdagen"].is_array()) {
        return InvalidArgumentError("Dit veld moet een lijst zijn.", path + "weekdagen");
      }
      for (const auto& d : j["weekdagen"]) {
        if (!d.is_number_integer()) {
          return InvalidArgumentError("Een weekdag is een getal 0-6.", path + "weekdagen");
        }
        r.weekdays.push_back(d.get<int>());
      }
    }
    if (j.contains("actief") && j["actief"].is_boolean()) r.active = j["actief"].get<bool>();
    rules.push_back(std::move(r));
  }
  return rules;
}

namespace {
std::string ClockText(std::chrono::minutes m) {
  const int total = static_cast<int>(m.count());
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d:%02d", total / 60, total % 60);
  return buf;
}
}  // namespace

std::string RoutingRulesJson(const std::vector<RoutingRule>& rules) {
  nlohmann::json out = nlohmann::json::array();
  for (const RoutingRule& r : rules) {
    nlohmann::json j = {{"volgorde", r.order}, {"naam", r.name}, {"afdeling", r.department}};
    if (!r.categories.empty()) j["categorieen"] = r.categories;
    if (!r.areas.empty()) j["gebieden"] = r.areas;
    if (r.from) j["van"] = ClockText(*r.from);
    if (r.until) j["tot"] = ClockText(*r.until);
    if (!r.weekdays.empty()) j["weekdagen"] = r.weekdays;
    if (!r.channels.empty()) j["kanalen"] = r.channels;
    if (!r.assignee.empty()) j["behandelaar"] = r.assignee;
    if (!r.active) j["actief"] = false;
    out.push_back(std::move(j));
  }
  return out.dump();
}

}  // namespace baken::signals
