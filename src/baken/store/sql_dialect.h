// Where SQLite and PostgreSQL differ, said once: the other modules build their SQL with these
// pieces instead of asking which database they run on (docs/architecture.md, "Where SQL may live").
//
//   LockRowsClause        " FOR UPDATE" on PostgreSQL, "" on SQLite (a write transaction there
//                         already holds the database's write lock).
//   EpochHourExpression   whole UTC hours since 1970 of a timestamp column, as an integer.
//   FullTextMatch         "every word of the text occurs" against a full-text index: FTS5 on
//                         SQLite, a tsvector column on PostgreSQL.
//   CompactFullTextIndex  drops what FTS5 still keeps of deleted or changed texts; nothing to do
//                         on PostgreSQL, which recomputes the tsvector with the row.
//   DefersIndexes         whether DeferIndexes (bulk_load.h) can put index upkeep off (SQLite).
//
// Pure functions (CompactFullTextIndex runs in the caller's transaction); thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "baken/base/status.h"
#include "baken/store/database.h"

namespace baken::store {

std::string_view LockRowsClause(Dialect dialect);

std::string EpochHourExpression(Dialect dialect, std::string_view column);

// A full-text index of a table: on SQLite an FTS5 table whose rowid is `key_column` of the
// indexed table; on PostgreSQL a tsvector column of the table with its text search configuration.
struct FullTextIndex {
  std::string_view sqlite_fts_table;  // "meldingen_fts"
  std::string_view key_column;        // "seq"
  std::string_view tsvector_column;   // "search"
  std::string_view ts_config;         // "dutch"
};

// A WHERE condition with its parameters, in order.
struct SqlCondition {
  std::string sql;
  std::vector<Value> params;
};

// nullopt when `text` holds no word (letters, digits or non-ASCII), so the caller can say so.
std::optional<SqlCondition> FullTextMatch(Dialect dialect, const FullTextIndex& index,
                                          std::string_view text);

Status CompactFullTextIndex(Transaction& txn, const FullTextIndex& index);

bool DefersIndexes(Dialect dialect);

}  // namespace baken::store
