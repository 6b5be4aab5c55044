// LoadTree: everything a progress report needs about one programme, as of a date, in plain
// structs: the programme with its ambitions, action lines, actions (their status, milestones and
// budget as they stood at `as_of`) and its indicators with targets and, per period, the newest
// value snapshot recorded at or before `as_of` (so a report for a past date reads the same numbers
// later).
//
// Reads the programme and its indicators in separate read transactions (value snapshots are
// append-only and filtered on `as_of`, as are the item states); thread-safe like Database. Errors:
// kNotFound (Dutch) for an unknown programme; store errors pass through. Suppression of small
// numbers is the reader's choice at output time (indicators.h DisplayValue); the tree holds exact
// values.
#pragma once

#include <string>
#include <vector>

#include "baken/base/clock.h"
#include "baken/base/status.h"
#include "baken/programme/model.h"
#include "baken/store/database.h"

namespace baken::programme {

struct ProgrammeTree {
  Programme programme;
  std::vector<Indicator> indicators;  // with targets and values (latest snapshot per period)
  Timestamp as_of{};
};

StatusOr<ProgrammeTree> LoadTree(store::Database& db, const std::string& tenant,
                                 const std::string& programme_code, Timestamp as_of);

// The indicators linked to an action line (`action_line` empty: the programme-wide ones).
std::vector<const Indicator*> IndicatorsOf(const ProgrammeTree& tree,
                                           const std::string& action_line);

}  // namespace baken::programme
