// Internal to the SQLite dialect: one sqlite3 connection with its statement cache, and the
// Transaction handed to Write()/Read() callbacks. Not thread-safe: a connection is used by one
// thread at a time (the writer thread, or the reader that borrowed it from the pool).
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "baken/store/database.h"

struct sqlite3;
struct sqlite3_stmt;

namespace baken::store::sqlite_internal {

// Maps an (extended) SQLite result code to a Status with a Dutch message naming no SQL.
Status StatusFromSqlite(int rc);

class Connection {
 public:
  enum class Mode { kWriter, kReader };
  // Opens `path` with the durability settings of the contract; kUnavailable if it cannot.
  static StatusOr<std::unique_ptr<Connection>> Open(const std::string& path, Mode mode,
                                                    int busy_timeout_ms);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  sqlite3* db() const { return db_; }
  // Runs statements without parameters or results (BEGIN, SAVEPOINT, scripts).
  Status Exec(std::string_view sql);
  // Returns a cached statement for `sql`, or a fresh one owned by `owned` if the cached one is
  // in use (a ForEach still stepping through it).
  StatusOr<sqlite3_stmt*> GetStatement(std::string_view sql, sqlite3_stmt** owned);

 private:
  explicit Connection(sqlite3* db) : db_(db) {}
  sqlite3* db_;
  std::map<std::string, sqlite3_stmt*, std::less<>> cache_;
};

// The Transaction for one fn call on `conn`; BEGIN/COMMIT are the caller's business.
std::unique_ptr<Transaction> MakeTransaction(Connection& conn);

}  // namespace baken::store::sqlite_internal
