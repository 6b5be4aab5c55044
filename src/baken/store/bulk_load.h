// Bulk loads: a table's index maintenance put off while a large import runs, and restored after.
//
// Inserting a million rows into a table with secondary indexes and a full-text trigger costs
// random B-tree writes for every row and index; building the same indexes once afterwards is a
// sort. DeferIndexes() drops `table`'s secondary indexes (every index that is not UNIQUE, so
// constraints keep holding during the load) and the named triggers, and records the SQL that
// recreates them, plus `after` statements (e.g. a full-text rebuild), in store_deferred, all in
// one transaction. RestoreDeferred() runs every recorded statement (indexes, then triggers, then
// the follow-ups) and deletes the records in one transaction; on SQLite it lets the index sorts
// use every core (PRAGMA threads, for that transaction only).
//
// Crash safety: the records are committed with the drops, so a load killed half-way leaves them,
// and the next RestoreDeferred() (callers run it at start-up; it is cheap when nothing is
// recorded) finishes the job. Calling DeferIndexes() twice is harmless.
//
// While deferred, queries still answer correctly, only slower, and rows written meanwhile by other
// writers get their index entries when the indexes are rebuilt.
//
// SQLite only: PostgreSQL keeps its indexes (DeferIndexes returns false and records nothing).
// Errors: store errors pass through; kNotFound when a named trigger does not exist.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "baken/base/status.h"
#include "baken/store/database.h"

namespace baken::store {

struct DeferredFollowUp {
  std::string name;       // unique label, e.g. "meldingen_fts_rebuild"
  std::string statement;  // run after the indexes and triggers are back
};

// Returns true when indexes were deferred (or already were), false on PostgreSQL.
StatusOr<bool> DeferIndexes(Database& db, std::string_view table,
                            std::span<const std::string> triggers,
                            std::span<const DeferredFollowUp> after);

// Recreates what is recorded for `table` (or for every table when empty); returns how many
// statements ran.
StatusOr<int> RestoreDeferred(Database& db, std::string_view table = {});

}  // namespace baken::store
