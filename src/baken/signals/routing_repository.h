// RoutingRepository: a tenant's routing rules in the database (signal_routing_rules), so staff
// edit them through the API and a restart keeps the edit.
//
// One row per tenant holds the rules (the JSON of ParseRoutingRules) with a version, who changed
// them and when. Seed() is the start of a server: it stores the rules from the routing file (or the
// shipped default) when the tenant has none, and follows a changed file for as long as no person
// has edited the rules (changed_by "systeem"); after a staff edit the database wins. Replace() is
// the staff edit, with an optional expected version (kFailedPrecondition, field "If-Match", when
// stale, checked inside the writing transaction) and a hook that runs in the same transaction (the
// audit entry). The rules are not validated here: callers build a Router first.
// Thread-safe like Database. Errors: kNotFound for a tenant without rules, store errors.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "baken/base/clock.h"
#include "baken/base/status.h"
#include "baken/signals/routing.h"
#include "baken/store/database.h"

namespace baken::signals {

struct StoredRouting {
  int version = 0;
  std::vector<RoutingRule> rules;
  Timestamp changed_at{};
  std::string changed_by;
};

// Runs inside Replace's transaction after the new rules are stored; an error rolls back.
using RoutingReplaceHook =
    std::function<Status(store::Transaction&, const StoredRouting& before, int new_version)>;

inline constexpr char kRoutingSystemActor[] = "systeem";

class RoutingRepository {
 public:
  RoutingRepository(store::Database& db, Clock& clock) : db_(db), clock_(clock) {}

  StatusOr<StoredRouting> Current(const std::string& tenant);
  StatusOr<StoredRouting> Seed(const std::string& tenant, const std::vector<RoutingRule>& shipped);
  // Returns the new version.
  StatusOr<int> Replace(const std::string& tenant, const std::vector<RoutingRule>& rules,
                        const std::string& actor, std::optional<int> expected_version,
                        const RoutingReplaceHook& hook);

 private:
  store::Database& db_;
  Clock& clock_;
};

}  // namespace baken::signals
