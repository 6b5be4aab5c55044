// Bulk loads: see bulk_load.h.
#include "baken/store/bulk_load.h"

#include <algorithm>
#include <optional>
#include <thread>
#include <vector>

namespace baken::store {

namespace {

constexpr int kStageIndex = 1;
constexpr int kStageTrigger = 2;
constexpr int kStageFollowUp = 3;

Status Record(Transaction& txn, const std::string& name, int stage, std::string_view table,
              const std::string& statement) {
  return txn
      .Execute(
          "INSERT INTO store_deferred (name, stage, tbl, statement) VALUES (?, ?, ?, ?) "
          "ON CONFLICT (name) DO NOTHING",
          {name, int64_t{stage}, std::string(table), statement})
      .status();
}

std::string Quoted(const std::string& name) {
  return "\"" + name + "\"";
}

// The writer connection's sorter settings, to put back after a rebuild.
struct SorterSettings {
  int64_t threads = 0;
  int64_t cache_size = 0;
};

// CREATE INDEX sorts every key of the table. SQLite sorts in runs of at most the page cache's
// size and, with PRAGMA threads, sorts and merges those runs on helper threads while the main
// thread reads the table. A smaller cache gives several runs, so the other cores take part:
// at a million meldingen the rebuild took 28.7 s on one core and 21.9 s with two (ADR 0006).
StatusOr<std::optional<SorterSettings>> UseParallelSorter(Transaction& txn) {
  if (txn.dialect() != Dialect::kSqlite) return std::optional<SorterSettings>();
  SorterSettings saved;
  ASSIGN_OR_RETURN(Row threads, txn.QueryRow("PRAGMA threads"));
  ASSIGN_OR_RETURN(Row cache, txn.QueryRow("PRAGMA cache_size"));
  saved.threads = threads.GetInt64(0);
  saved.cache_size = cache.GetInt64(0);
  const int64_t helpers =
      std::clamp<int64_t>(static_cast<int64_t>(std::thread::hardware_concurrency()), 1, 4);
  RETURN_IF_ERROR(txn.Execute("PRAGMA threads = " + std::to_string(helpers)).status());
  RETURN_IF_ERROR(txn.Execute("PRAGMA cache_size = -16384").status());
  return std::optional<SorterSettings>(saved);
}

Status RestoreSorter(Transaction& txn, const SorterSettings& saved) {
  RETURN_IF_ERROR(txn.Execute("PRAGMA threads = " + std::to_string(saved.threads)).status());
  return txn.Execute("PRAGMA cache_size = " + std::to_string(saved.cache_size)).status();
}

}  // namespace

StatusOr<bool> DeferIndexes(Database& db, std::string_view table,
                            std::span<const std::string> triggers,
                            std::span<const DeferredFollowUp> after) {
  if (db.dialect() != Dialect::kSqlite) return false;
  RETURN_IF_ERROR(db.Write([&](Transaction& txn) -> Status {
    // Every index of the table with its own SQL (implicit ones of UNIQUE/PRIMARY KEY have none)
    // that is not UNIQUE: uniqueness is a constraint and must hold during the load.
    ASSIGN_OR_RETURN(ResultSet indexes,
                     txn.Query("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND "
                               "tbl_name = ? AND sql IS NOT NULL AND "
                               "upper(sql) NOT LIKE 'CREATE UNIQUE%' ORDER BY name",
                               {std::string(table)}));
    for (const Row& row : indexes.rows) {
      RETURN_IF_ERROR(Record(txn, row.GetText(0), kStageIndex, table, row.GetText(1)));
      RETURN_IF_ERROR(txn.Execute("DROP INDEX " + Quoted(row.GetText(0))).status());
    }
    for (const std::string& trigger : triggers) {
      ASSIGN_OR_RETURN(ResultSet found,
                       txn.Query("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND "
                                 "name = ? AND tbl_name = ?",
                                 {trigger, std::string(table)}));
      if (found.rows.empty()) {
        ASSIGN_OR_RETURN(Row recorded, txn.QueryRow("SELECT count(*) FROM store_deferred WHERE "
                                                    "name = ? AND stage = ?",
                                                    {trigger, int64_t{kStageTrigger}}));
        if (recorded.GetInt64(0) == 0)
          return NotFoundError("Trigger " + trigger + " bestaat niet.");
        continue;  // deferred by an earlier load that did not finish
      }
      RETURN_IF_ERROR(Record(txn, trigger, kStageTrigger, table, found.rows[0].GetText(0)));
      RETURN_IF_ERROR(txn.Execute("DROP TRIGGER " + Quoted(trigger)).status());
    }
    for (const DeferredFollowUp& f : after) {
      RETURN_IF_ERROR(Record(txn, f.name, kStageFollowUp, table, f.statement));
    }
    return Status::Ok();
  }));
  return true;
}

StatusOr<int> RestoreDeferred(Database& db, std::string_view table) {
  int ran = 0;
  RETURN_IF_ERROR(db.Write([&](Transaction& txn) -> Status {
    ran = 0;
    ASSIGN_OR_RETURN(ResultSet pending,
                     txn.Query("SELECT name, statement FROM store_deferred WHERE ? = '' OR "
                               "tbl = ? ORDER BY stage, name",
                               {std::string(table), std::string(table)}));
    if (pending.rows.empty()) return Status::Ok();
    ASSIGN_OR_RETURN(std::optional<SorterSettings> saved, UseParallelSorter(txn));
    Status result = Status::Ok();
    for (const Row& row : pending.rows) {
      result = txn.ExecuteScript(row.GetText(1));
      if (result.ok()) {
        result =
            txn.Execute("DELETE FROM store_deferred WHERE name = ?", {row.GetText(0)}).status();
      }
      if (!result.ok()) break;
      ++ran;
    }
    if (saved) {
      Status restored = RestoreSorter(txn, *saved);
      if (result.ok()) result = restored;
    }
    return result;
  }));
  return ran;
}

}  // namespace baken::store
