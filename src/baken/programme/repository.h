// ProgrammeRepository: stores a tenant's programmes (the tree of ambitions, action lines and
// actions with their indicators and targets) and every change to an action line or action.
//
// Create() stores a whole programme in one transaction. UpdateItem() changes the status (with a
// dated explanation), the milestones and/or the budget of one action line or action: with
// `expected_version` set, a different current version is refused with kFailedPrecondition (field
// "If-Match", checked inside the writing transaction). Each changed field appends one row to the
// append-only programme history, the item's new state is stored with its time (GetAsOf reads
// it back for a past date), and the change appends one audit entry, all in the same
// transaction: either everything is stored or nothing. Thread-safe like Database.
// Errors: kNotFound (Dutch) for an unknown programme or item, kAlreadyExists (field "code") for a
// programme code that is taken, kInvalidArgument (Dutch, naming the field) for invalid input;
// store errors pass through.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "baken/base/clock.h"
#include "baken/base/status.h"
#include "baken/programme/model.h"
#include "baken/store/database.h"

namespace baken::programme {

// Who makes a change and from where, for the history and the audit log.
struct ChangeContext {
  std::string actor;         // user id, "api:<client>" or "cli:<user>"
  std::string actor_role;    // security::RoleCode, or empty for the command line
  std::string from_address;  // client address, or empty
};

struct ProgrammeSummary {
  std::string code;
  std::string name;
  int start_year = 0;
  int end_year = 0;
  std::string owner;
  std::string department;  // Programme::department
  int action_lines = 0;
  int indicators = 0;
};

struct HistoryEntry {
  int64_t seq = 0;
  Timestamp at{};
  std::string actor;
  std::string item;   // action line or action code; empty: the programme or an indicator
  std::string field;  // "status", "mijlpalen", "budget", "programma", "indicator:<code>"
  std::string old_value;
  std::string new_value;
  std::string explanation;
};

// A change to one action line or action. Unset members stay as they are.
struct ItemUpdate {
  std::optional<ItemStatus> status;
  std::string explanation;                           // required with a status change
  std::optional<Date> status_date;                   // default: today in Amsterdam
  std::optional<std::vector<Milestone>> milestones;  // replaces the list
  std::optional<Budget> budget;
};

class ProgrammeRepository {
 public:
  ProgrammeRepository(store::Database& db, Clock& clock) : db_(db), clock_(clock) {}

  Status Create(const std::string& tenant, const Programme& programme,
                const std::vector<Indicator>& indicators, const ChangeContext& who);
  StatusOr<bool> Exists(const std::string& tenant, const std::string& code);
  // Sets the department of a programme that has none yet (programmes stored before departments
  // existed); a department already set is kept. kNotFound for an unknown programme.
  Status FillDepartment(const std::string& tenant, const std::string& code,
                        const std::string& department);
  StatusOr<std::vector<ProgrammeSummary>> List(const std::string& tenant);
  StatusOr<Programme> Get(const std::string& tenant, const std::string& code);
  // The programme as it stood at `as_of`: every action line and action with the status,
  // explanation, milestones and budget in force then (each change stores the item's new state
  // with its time). An item without a stored state at or before `as_of` shows its current one.
  StatusOr<Programme> GetAsOf(const std::string& tenant, const std::string& code, Timestamp as_of);
  // Returns the item's new version; an update that changes nothing stores nothing and returns
  // the current version.
  StatusOr<int> UpdateItem(const std::string& tenant, const std::string& programme,
                           const std::string& item, const ItemUpdate& update,
                           std::optional<int> expected_version, const ChangeContext& who);
  // Oldest first.
  StatusOr<std::vector<HistoryEntry>> History(const std::string& tenant,
                                              const std::string& programme);

 private:
  store::Database& db_;
  Clock& clock_;
};

namespace internal {
// Appends one history row inside `txn` (shared with the indicator store).
Status AppendHistory(store::Transaction& txn, const std::string& tenant,
                     const std::string& programme, const HistoryEntry& entry);
// Appends the audit entry of a programme change inside `txn`.
Status AppendAudit(store::Transaction& txn, store::Database& db, Clock& clock,
                   const std::string& tenant, const ChangeContext& who, const std::string& action,
                   const std::string& object_id, const std::string& details_json);
}  // namespace internal

}  // namespace baken::programme
