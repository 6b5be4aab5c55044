// Database, Transaction, Statement: the one seam between Baken and its SQL store.
//
// Two implementations stand behind it and pass one conformance suite: SQLite (embedded default;
// WAL, synchronous=FULL, one writer connection that commits concurrent Write() calls in batches,
// a pool of read connections) and PostgreSQL (libpqxx, a connection pool).
//
// SQL is written once with `?` placeholders; the PostgreSQL implementation numbers them. Schema
// differences between dialects live in per-dialect migrations, not in callers.
//
// Threading: Database is thread-safe; Write() and Read() may be called from any thread. A
// Transaction and the Statements made from it belong to the one call that received it and must not
// outlive it or be used from another thread.
//
// Durability: when Write() returns ok, the transaction is committed and on disk (fsync'ed); when it
// returns an error, nothing of `fn` is visible. `fn` may be run again after a transient conflict
// (PostgreSQL serialization failure), so it must not have side effects outside the transaction.
//
// Errors: library exceptions never cross this interface. Unique violations map to kAlreadyExists,
// other constraint violations (foreign key, check, not null) to kFailedPrecondition, a busy or
// unreachable database to kUnavailable, SQL errors to kInternal (messages name no SQL to users).
#pragma once

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "baken/base/status.h"
#include "baken/store/value.h"

namespace baken::store {

enum class Dialect { kSqlite, kPostgres };

// One row of a result. Accessors return an error-free default for NULL; check IsNull first when
// NULL is meaningful.
class Row {
 public:
  Row() = default;
  explicit Row(std::vector<Value> values) : values_(std::move(values)) {}

  size_t size() const { return values_.size(); }
  const Value& at(size_t i) const { return values_.at(i); }
  bool IsNull(size_t i) const { return store::IsNull(values_.at(i)); }
  int64_t GetInt64(size_t i) const;
  double GetDouble(size_t i) const;
  std::string GetText(size_t i) const;
  Blob GetBlob(size_t i) const;
  Timestamp GetTimestamp(size_t i) const;

 private:
  std::vector<Value> values_;
};

struct ResultSet {
  std::vector<std::string> columns;
  std::vector<Row> rows;
};

using Params = std::span<const Value>;
using RowCallback = std::function<Status(const Row&)>;

// A prepared statement, valid within the Transaction that made it.
class Statement {
 public:
  virtual ~Statement() = default;
  // Runs a statement that returns no rows; returns the number of rows changed.
  virtual StatusOr<int64_t> Execute(Params params = {}) = 0;
  virtual StatusOr<ResultSet> Query(Params params = {}) = 0;
};

class Transaction {
 public:
  virtual ~Transaction() = default;

  virtual Dialect dialect() const = 0;

  // Prepares `sql` (cached per connection, so preparing the same text again is cheap).
  virtual StatusOr<std::unique_ptr<Statement>> Prepare(std::string_view sql) = 0;

  // One-shot helpers on top of Prepare.
  StatusOr<int64_t> Execute(std::string_view sql, Params params = {});
  StatusOr<int64_t> Execute(std::string_view sql, std::initializer_list<Value> params);
  StatusOr<ResultSet> Query(std::string_view sql, Params params = {});
  StatusOr<ResultSet> Query(std::string_view sql, std::initializer_list<Value> params);
  // Returns the single row of a query, kNotFound if there is none.
  StatusOr<Row> QueryRow(std::string_view sql, std::initializer_list<Value> params = {});

  // Streams rows to `fn` without materialising them all (large scans). Stops at fn's first error.
  virtual Status ForEach(std::string_view sql, Params params, const RowCallback& fn) = 0;

  // Runs a script of several statements without parameters (migrations).
  virtual Status ExecuteScript(std::string_view sql) = 0;
};

struct DatabaseOptions {
  int read_connections = 4;    // SQLite readers / PostgreSQL pool size
  int busy_timeout_ms = 5000;  // SQLite busy handler
  int max_batch = 256;         // SQLite: Write() calls committed together at most
};

class Database {
 public:
  virtual ~Database() = default;

  virtual Dialect dialect() const = 0;

  // Runs `fn` in a read-write transaction: commits when fn returns ok, rolls back otherwise.
  virtual Status Write(const std::function<Status(Transaction&)>& fn) = 0;

  // Runs `fn` in a read-only transaction with a consistent snapshot.
  virtual Status Read(const std::function<Status(Transaction&)>& fn) = 0;

  // A URL without password, for logs: "sqlite:/var/lib/baken/baken.db", "postgresql://host/db".
  virtual std::string DisplayUrl() const = 0;
};

// Opens "sqlite:PATH" (PATH may be relative; ":memory:" is refused: readers could not see it) or
// "postgresql://user:pass@host:port/db?..." / "postgres://...". kInvalidArgument for a malformed
// URL, kUnavailable when the database cannot be reached or opened.
StatusOr<std::unique_ptr<Database>> OpenDatabase(std::string_view url,
                                                 const DatabaseOptions& options = {});

}  // namespace baken::store
