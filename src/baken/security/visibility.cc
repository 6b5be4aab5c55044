// Which meldingen a principal may see: see visibility.h.
#include "baken/security/visibility.h"

#include <algorithm>

namespace baken::security {

AccessRequest ReadAccessFor(const Principal& principal, Purpose purpose, Sensitivity sensitivity,
                            std::optional<std::string> department) {
  AccessRequest r;
  r.principal = principal;
  r.purpose = purpose;
  r.action = Action::kRead;
  r.sensitivity = sensitivity;
  r.record_tenant = principal.tenant;
  r.record_department = std::move(department);
  r.resource = Resource::kCaseData;
  return r;
}

Visibility VisibilityFor(const Principal& principal, Purpose purpose) {
  const auto& deps = principal.departments;
  const std::optional<std::string> own =
      deps.empty() ? std::nullopt : std::optional<std::string>(deps.front());
  Visibility v;
  for (Sensitivity s : kAllSensitivities) {
    if (Decide(ReadAccessFor(principal, purpose, s, own)).allowed) v.max_sensitivity = s;
  }
  if (v.max_sensitivity >= Sensitivity::kConfidential) {
    // A department no one works for: allowed only when the grant is not bound to departments.
    v.all_restricted_departments = Decide(ReadAccessFor(principal, purpose, v.max_sensitivity,
                                                        std::string("\x01geen-afdeling")))
                                       .allowed;
    if (!v.all_restricted_departments) v.restricted_departments = deps;
  }
  return v;
}

store::SqlCondition VisibilityCondition(const Visibility& v, std::string_view rank_column,
                                        std::string_view department_column) {
  const std::string rank(rank_column);
  store::SqlCondition c;
  c.sql = "(" + rank + " <= ?";
  c.params.push_back(int64_t{static_cast<int>(v.max_sensitivity)});
  if (v.max_sensitivity >= Sensitivity::kConfidential && !v.all_restricted_departments) {
    c.sql += " AND (" + rank + " < ?";
    c.params.push_back(int64_t{static_cast<int>(Sensitivity::kConfidential)});
    if (!v.restricted_departments.empty()) {
      c.sql += " OR " + std::string(department_column) + " IN (";
      for (size_t i = 0; i < v.restricted_departments.size(); ++i) {
        c.sql += i == 0 ? "?" : ", ?";
        c.params.push_back(v.restricted_departments[i]);
      }
      c.sql += ")";
    }
    c.sql += ")";
  }
  c.sql += ")";
  return c;
}

bool IsVisible(const Visibility& v, Sensitivity sensitivity, const std::string& department) {
  if (sensitivity > v.max_sensitivity) return false;
  if (sensitivity < Sensitivity::kConfidential || v.all_restricted_departments) return true;
  const auto& deps = v.restricted_departments;
  return std::find(deps.begin(), deps.end(), department) != deps.end();
}

}  // namespace baken::security
