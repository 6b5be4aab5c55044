// Which meldingen a caller may see in lists and counts, decided once from the policy: the highest
// sensitivity class it may read and, above internal, whether that holds for every department or
// only for its own. Shared by the melding list and the wijkbeeld, so both show the same meldingen.
// Pure; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "baken/api/auth.h"
#include "baken/security/roles.h"

namespace baken::api::internal {

struct Visibility {
  security::Sensitivity max_sensitivity = security::Sensitivity::kPublic;
  // For confidential and special meldingen: every department, or only these.
  bool all_restricted_departments = false;
  std::vector<std::string> restricted_departments;
};

// The read access to a melding of class `sensitivity` in `department`, under the caller's purpose.
security::AccessRequest ReadAccessFor(const Caller& caller, security::Sensitivity sensitivity,
                                      std::optional<std::string> department);

Visibility VisibilityFor(const Caller& caller);

}  // namespace baken::api::internal
