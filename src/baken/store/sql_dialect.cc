// The dialect differences: see sql_dialect.h.
#include "baken/store/sql_dialect.h"

#include <cctype>

namespace baken::store {
namespace {

// Words of the text as an FTS5 expression: every word must match ("a" "b").
std::string FtsExpression(std::string_view text) {
  std::string out, word;
  auto flush = [&] {
    if (!word.empty()) out += (out.empty() ? "\"" : " \"") + word + "\"";
    word.clear();
  };
  for (char c : text) {
    if (std::isalnum(static_cast<unsigned char>(c)) || (static_cast<unsigned char>(c) & 0x80)) {
      word += c;
    } else {
      flush();
    }
  }
  flush();
  return out;
}

}  // namespace

std::string_view LockRowsClause(Dialect dialect) {
  return dialect == Dialect::kPostgres ? " FOR UPDATE" : "";
}

std::string EpochHourExpression(Dialect dialect, std::string_view column) {
  const std::string c(column);
  // SQLite stores a timestamp as microseconds since the epoch (value.h).
  if (dialect == Dialect::kSqlite) return "(" + c + " / 3600000000)";
  return "CAST(FLOOR(EXTRACT(EPOCH FROM " + c + ") / 3600) AS BIGINT)";
}

std::optional<SqlCondition> FullTextMatch(Dialect dialect, const FullTextIndex& index,
                                          std::string_view text) {
  const std::string expr = FtsExpression(text);
  if (expr.empty()) return std::nullopt;
  SqlCondition c;
  if (dialect == Dialect::kSqlite) {
    const std::string table(index.sqlite_fts_table);
    c.sql = std::string(index.key_column) + " IN (SELECT rowid FROM " + table + " WHERE " + table +
            " MATCH ?)";
    c.params.push_back(expr);
  } else {
    c.sql = std::string(index.tsvector_column) + " @@ plainto_tsquery('" +
            std::string(index.ts_config) + "', ?)";
    c.params.push_back(std::string(text));
  }
  return c;
}

Status CompactFullTextIndex(Transaction& txn, const FullTextIndex& index) {
  if (txn.dialect() != Dialect::kSqlite) return Status::Ok();
  const std::string table(index.sqlite_fts_table);
  return txn.Execute("INSERT INTO " + table + " (" + table + ") VALUES ('optimize')").status();
}

bool DefersIndexes(Dialect dialect) {
  return dialect == Dialect::kSqlite;
}

}  // namespace baken::store
