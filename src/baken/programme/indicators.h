// Indicators of a programme: definitions with targets, the fixed registry of computed queries over
// the meldingen, value snapshots, and the suppression of small numbers about persons.
//
// A computed indicator names one query of NamedQueries(); Compute() runs it for a period on the
// tenant's meldingen and stores the result as a new snapshot (recorded_at = the clock), in one
// transaction per indicator. A query with quarterly granularity computes each quarter of a year
// period. Nothing is overwritten: ValuesAsOf() returns, per period, the newest snapshot recorded at
// or before `as_of`, so a report made for a date reads the same numbers later. EnterManual()
// stores a value entered by a person with its source document, with a history row and an audit
// entry in the same transaction. Thread-safe like Database. Errors: kNotFound (Dutch) for an
// unknown indicator, kInvalidArgument naming the field ("periode", "waarde", "bron", "indicator");
// kFailedPrecondition for computing a manual indicator or entering a computed one.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "baken/base/clock.h"
#include "baken/base/status.h"
#include "baken/programme/model.h"
#include "baken/programme/repository.h"
#include "baken/store/database.h"

namespace baken::programme {

// A computed query of the registry. Codes are stable (they are stored with indicators).
struct NamedQuery {
  std::string_view code;
  std::string_view name;        // Dutch
  std::string_view definition;  // Dutch: exactly what is counted
  std::string_view unit;        // "aantal", "%"
  bool quarterly = false;       // computed per quarter (a year period gives four snapshots)
  std::string_view key1;        // name of the breakdown's first key ("categorie"), or empty
  std::string_view key2;        // name of the breakdown's second key ("wijk"), or empty
};

// meldingen_per_categorie_per_wijk, aandeel_binnen_termijn, signalen_mensenhandel.
const std::vector<NamedQuery>& NamedQueries();
const NamedQuery* FindNamedQuery(std::string_view code);

// Small numbers about persons in public output. A count below the threshold reads "< 5".
struct Suppression {
  bool enabled = false;
  int threshold = 5;
};
// "< 5" for a count below `threshold`, else the count ("12").
std::string SuppressSmallCount(int64_t count, int threshold = 5);
// What a reader sees of `value` of an indicator: suppressed when `suppression.enabled` and the
// indicator is about persons and counts (unit "aantal"); otherwise the number ("12", "87.5").
std::string DisplayValue(const Indicator& indicator, double value, const Suppression& suppression);
bool IsSuppressed(const Indicator& indicator, double value, const Suppression& suppression);

class IndicatorStore {
 public:
  IndicatorStore(store::Database& db, Clock& clock) : db_(db), clock_(clock) {}

  // Definitions with targets (no values), in the programme's order.
  StatusOr<std::vector<Indicator>> List(const std::string& tenant, const std::string& programme);
  StatusOr<Indicator> Get(const std::string& tenant, const std::string& code);

  // Computes one computed indicator for `period` and stores the snapshot(s); returns them.
  StatusOr<std::vector<IndicatorValue>> Compute(const std::string& tenant, const std::string& code,
                                                const Period& period, const std::string& actor);
  // Every computed indicator of the tenant (all programmes), in one call; returns all snapshots.
  StatusOr<std::vector<IndicatorValue>> ComputeAll(const std::string& tenant, const Period& period,
                                                   const std::string& actor);
  // A value entered by a person; `source_document` is required.
  StatusOr<IndicatorValue> EnterManual(const std::string& tenant, const std::string& code,
                                       const Period& period, double value,
                                       const std::string& source_document,
                                       const ChangeContext& who);
  // Per period (ascending), the newest snapshot recorded at or before `as_of`.
  StatusOr<std::vector<IndicatorValue>> ValuesAsOf(const std::string& tenant,
                                                   const std::string& code, Timestamp as_of);

 private:
  store::Database& db_;
  Clock& clock_;
};

}  // namespace baken::programme
