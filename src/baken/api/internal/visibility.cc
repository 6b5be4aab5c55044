// What a caller may see in lists and counts: see visibility.h.
#include "baken/api/internal/visibility.h"

#include "baken/security/policy.h"

namespace baken::api::internal {

security::AccessRequest ReadAccessFor(const Caller& caller, security::Sensitivity sensitivity,
                                      std::optional<std::string> department) {
  security::AccessRequest r;
  r.principal = caller.principal;
  r.purpose = caller.purpose.value_or(security::Purpose::kMeldingAfhandelen);
  r.action = security::Action::kRead;
  r.sensitivity = sensitivity;
  r.record_tenant = caller.principal.tenant;
  r.record_department = std::move(department);
  r.resource = security::Resource::kCaseData;
  return r;
}

Visibility VisibilityFor(const Caller& caller) {
  const auto& deps = caller.principal.departments;
  const std::optional<std::string> own =
      deps.empty() ? std::nullopt : std::optional<std::string>(deps.front());
  Visibility v;
  for (security::Sensitivity s : security::kAllSensitivities) {
    if (security::Decide(ReadAccessFor(caller, s, own)).allowed) v.max_sensitivity = s;
  }
  if (v.max_sensitivity >= security::Sensitivity::kConfidential) {
    // A department no one works for: allowed only when the grant is not bound to departments.
    v.all_restricted_departments =
        security::Decide(ReadAccessFor(caller, v.max_sensitivity, std::string("\x01geen-afdeling")))
            .allowed;
    if (!v.all_restricted_departments) v.restricted_departments = deps;
  }
  return v;
}

}  // namespace baken::api::internal
