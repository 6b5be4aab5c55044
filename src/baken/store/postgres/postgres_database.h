// PostgresDatabase: the PostgreSQL Database through libpqxx 6.4 (see database.h for the contract).
//
// A pool of `read_connections` connections, each with `SET TIME ZONE 'UTC'` and its own prepared
// statements (keyed by SQL text; `?` placeholders numbered $1..$n outside quotes and comments).
// Write() runs fn in a SERIALIZABLE transaction, so callers get the same guarantee as SQLite's
// single writer (read-modify-write is safe), and re-runs fn (short jittered back-off) up to
// kMaxAttempts times on a serialization failure or deadlock (SQLSTATE 40001/40P01). Read() uses
// REPEATABLE READ, READ ONLY for a consistent snapshot. A statement error aborts the transaction in
// PostgreSQL: fn should return the error rather than carry on. A broken connection is replaced on
// the next use.
//
// Thread-safe. libpqxx headers and exceptions stay inside store/postgres/.
#pragma once

#include <memory>
#include <string>

#include "baken/store/database.h"

namespace baken::store {

class PostgresDatabase final : public Database {
 public:
  // High because a loser of a conflict has no priority over fresh callers: with k writers on one
  // row, a caller loses n times in a row with probability ((k-1)/k)^n. Hot rows are better
  // locked up front (SELECT ... FOR UPDATE).
  static constexpr int kMaxAttempts = 50;

  // `conninfo` goes to libpq as is; `display` is the URL without password (for messages).
  // kUnavailable naming `display` when the server cannot be reached.
  static StatusOr<std::unique_ptr<PostgresDatabase>> Open(const std::string& conninfo,
                                                          const std::string& display,
                                                          const DatabaseOptions& options);
  ~PostgresDatabase() override;

  Dialect dialect() const override { return Dialect::kPostgres; }
  Status Write(const std::function<Status(Transaction&)>& fn) override;
  Status Read(const std::function<Status(Transaction&)>& fn) override;
  std::string DisplayUrl() const override;

 private:
  struct Impl;
  explicit PostgresDatabase(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace baken::store
