// Which meldingen a principal may see in lists and counts, decided once from the policy (Decide):
// the highest sensitivity class it may read under its purpose and, for confidential and special
// records, whether that holds for every department or only for its own. The melding list, the
// wijkbeeld counts and every other query over meldingen take this one answer and its one SQL
// condition, so a list and the counts behind it show the same meldingen.
//
// VisibilityCondition writes the answer over a table with an integer sensitivity rank (public 0 ..
// special 3, the order of Sensitivity) and a department column. Pure; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "baken/security/policy.h"
#include "baken/security/roles.h"
#include "baken/store/sql_dialect.h"

namespace baken::security {

struct Visibility {
  Sensitivity max_sensitivity = Sensitivity::kPublic;
  // For confidential and special records: every department, or only these.
  bool all_restricted_departments = false;
  std::vector<std::string> restricted_departments;
};

// The read of a melding's case data of class `sensitivity` in `department`, under `purpose`.
AccessRequest ReadAccessFor(const Principal& principal, Purpose purpose, Sensitivity sensitivity,
                            std::optional<std::string> department);

Visibility VisibilityFor(const Principal& principal, Purpose purpose);

// "(rank <= ? AND (rank < ? OR department IN (?, ...)))" with its parameters; the department part
// only when the visibility reaches confidential and is bound to departments.
store::SqlCondition VisibilityCondition(const Visibility& visibility,
                                        std::string_view rank_column = "sensitivity_rank",
                                        std::string_view department_column = "department");

// Whether a record of class `sensitivity` in `department` is inside `visibility` (the same rule
// as VisibilityCondition, for one record in memory).
bool IsVisible(const Visibility& visibility, Sensitivity sensitivity,
               const std::string& department);

}  // namespace baken::security
