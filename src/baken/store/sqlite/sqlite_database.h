// SqliteDatabase: the embedded Database (see database.h for the contract).
//
// WAL journal, synchronous=FULL, foreign_keys=ON. One writer connection is owned by a writer
// thread; Write() queues `fn` and blocks until the batch holding it is committed (group commit:
// BEGIN IMMEDIATE, one SAVEPOINT per fn so a failing fn is undone alone, one COMMIT and one fsync
// for the batch; a failed COMMIT fails every caller of the batch). `fn` runs on the writer thread
// and must not call Write() itself (refused with kInternal rather than deadlocking). Read() borrows
// one of `read_connections` query_only connections and runs fn in BEGIN ... COMMIT for a snapshot.
//
// Thread-safe. The sqlite3 headers stay out of this header (pimpl).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "baken/store/database.h"

namespace baken::store {

class SqliteDatabase final : public Database {
 public:
  // Opens or creates the file at `path`; kUnavailable naming the file when that fails.
  static StatusOr<std::unique_ptr<SqliteDatabase>> Open(const std::string& path,
                                                        const DatabaseOptions& options);
  ~SqliteDatabase() override;  // drains queued writes, then stops the writer thread

  Dialect dialect() const override { return Dialect::kSqlite; }
  Status Write(const std::function<Status(Transaction&)>& fn) override;
  Status Read(const std::function<Status(Transaction&)>& fn) override;
  std::string DisplayUrl() const override;

  // Online backup (sqlite3_backup) into `path` while reads and writes continue; the copy is
  // written beside `path` and renamed into place, so `path` is never a half-written file.
  Status BackupTo(const std::string& path);

  // For tests and metrics: COMMITs issued by the writer thread, Write() calls waiting in the queue.
  int64_t commit_count() const;
  int pending_writes() const;

 private:
  struct Impl;
  explicit SqliteDatabase(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace baken::store
