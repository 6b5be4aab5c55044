#include "baken/store/sqlite/sqlite_database.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

#include "baken/store/sqlite/sqlite_connection.h"

namespace baken::store {

using sqlite_internal::Connection;

namespace {

// One queued Write() call; lives on the caller's stack until `done`.
struct PendingWrite {
  const std::function<Status(Transaction&)>* fn;
  Status result;
  bool done = false;  // guarded by Impl::mu
};

Status RunFn(const std::function<Status(Transaction&)>& fn, Transaction& txn) {
  try {
    return fn(txn);
  } catch (const std::exception&) {
    return InternalError("Interne fout tijdens een databasetransactie.");
  }
}

}  // namespace

struct SqliteDatabase::Impl {
  // Constant after construction.
  std::string path;
  DatabaseOptions options;
  std::unique_ptr<Connection> writer;  // used only by the writer thread
  std::vector<std::unique_ptr<Connection>> readers;

  mutable std::mutex mu;
  std::condition_variable writer_cv;      // queue not empty, or stopping
  std::condition_variable done_cv;        // some batch finished
  std::condition_variable reader_cv;      // a reader was returned
  std::deque<PendingWrite*> queue;        // guarded by mu
  bool stopping = false;                  // guarded by mu
  std::vector<Connection*> idle_readers;  // guarded by mu
  std::atomic<int64_t> commits{0};
  std::thread writer_thread;

  void WriterLoop();
  void CommitBatch(std::vector<PendingWrite*>& batch);
  Connection* AcquireReader();
  void ReleaseReader(Connection* conn);
};

void SqliteDatabase::Impl::WriterLoop() {
  std::vector<PendingWrite*> batch;
  while (true) {
    {
      std::unique_lock lock(mu);
      writer_cv.wait(lock, [this] { return stopping || !queue.empty(); });
      if (queue.empty()) return;  // stopping and drained
      while (!queue.empty() && static_cast<int>(batch.size()) < options.max_batch) {
        batch.push_back(queue.front());
        queue.pop_front();
      }
    }
    CommitBatch(batch);
    {
      std::lock_guard lock(mu);
      for (PendingWrite* p : batch) p->done = true;
    }
    done_cv.notify_all();
    batch.clear();
  }
}

void SqliteDatabase::Impl::CommitBatch(std::vector<PendingWrite*>& batch) {
  Status begin = writer->Exec("BEGIN IMMEDIATE");
  if (!begin.ok()) {
    for (PendingWrite* p : batch) p->result = begin;
    return;
  }
  std::unique_ptr<Transaction> txn = sqlite_internal::MakeTransaction(*writer);
  bool any_ok = false;
  for (PendingWrite* p : batch) {
    Status sp = writer->Exec("SAVEPOINT baken_write");
    if (!sp.ok()) {
      p->result = sp;
      continue;
    }
    p->result = RunFn(*p->fn, *txn);
    if (p->result.ok()) {
      p->result = writer->Exec("RELEASE baken_write");
    }
    if (!p->result.ok()) {
      // Undo only this fn; its neighbours in the batch keep their work.
      (void)writer->Exec("ROLLBACK TO baken_write");
      (void)writer->Exec("RELEASE baken_write");
    } else {
      any_ok = true;
    }
  }
  if (!any_ok) {
    (void)writer->Exec("ROLLBACK");
    return;
  }
  Status commit = writer->Exec("COMMIT");
  commits.fetch_add(1, std::memory_order_relaxed);
  if (!commit.ok()) {
    (void)writer->Exec("ROLLBACK");
    for (PendingWrite* p : batch) {
      if (p->result.ok()) p->result = commit;
    }
  }
}

Connection* SqliteDatabase::Impl::AcquireReader() {
  std::unique_lock lock(mu);
  reader_cv.wait(lock, [this] { return !idle_readers.empty(); });
  Connection* conn = idle_readers.back();
  idle_readers.pop_back();
  return conn;
}

void SqliteDatabase::Impl::ReleaseReader(Connection* conn) {
  {
    std::lock_guard lock(mu);
    idle_readers.push_back(conn);
  }
  reader_cv.notify_one();
}

StatusOr<std::unique_ptr<SqliteDatabase>> SqliteDatabase::Open(const std::string& path,
                                                               const DatabaseOptions& options) {
  auto impl = std::make_unique<Impl>();
  impl->path = path;
  impl->options = options;
  ASSIGN_OR_RETURN(impl->writer,
                   Connection::Open(path, Connection::Mode::kWriter, options.busy_timeout_ms));
  for (int i = 0; i < options.read_connections; ++i) {
    ASSIGN_OR_RETURN(std::unique_ptr<Connection> reader,
                     Connection::Open(path, Connection::Mode::kReader, options.busy_timeout_ms));
    impl->idle_readers.push_back(reader.get());
    impl->readers.push_back(std::move(reader));
  }
  Impl* raw = impl.get();
  impl->writer_thread = std::thread([raw] { raw->WriterLoop(); });
  return std::unique_ptr<SqliteDatabase>(new SqliteDatabase(std::move(impl)));
}

SqliteDatabase::SqliteDatabase(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

SqliteDatabase::~SqliteDatabase() {
  {
    std::lock_guard lock(impl_->mu);
    impl_->stopping = true;
  }
  impl_->writer_cv.notify_all();
  impl_->writer_thread.join();
}

Status SqliteDatabase::Write(const std::function<Status(Transaction&)>& fn) {
  if (std::this_thread::get_id() == impl_->writer_thread.get_id()) {
    // Called from inside another Write's fn: it would wait for its own batch forever.
    return InternalError("Interne fout: geneste schrijftransactie.");
  }
  PendingWrite pending{&fn, Status::Ok()};
  std::unique_lock lock(impl_->mu);
  if (impl_->stopping) return UnavailableError("De database wordt afgesloten.");
  impl_->queue.push_back(&pending);
  impl_->writer_cv.notify_one();
  impl_->done_cv.wait(lock, [&pending] { return pending.done; });
  return pending.result;
}

Status SqliteDatabase::Read(const std::function<Status(Transaction&)>& fn) {
  Connection* conn = impl_->AcquireReader();
  Status result = conn->Exec("BEGIN");
  if (result.ok()) {
    std::unique_ptr<Transaction> txn = sqlite_internal::MakeTransaction(*conn);
    result = RunFn(fn, *txn);
    Status end = conn->Exec(result.ok() ? "COMMIT" : "ROLLBACK");
    if (result.ok()) result = end;
  }
  impl_->ReleaseReader(conn);
  return result;
}

std::string SqliteDatabase::DisplayUrl() const {
  return "sqlite:" + impl_->path;
}

Status SqliteDatabase::BackupTo(const std::string& path) {
  const std::string tmp = path + ".tmp";
  std::remove(tmp.c_str());
  // A backup holds everything the database holds: owner-only from the start (and SQLite gives
  // its journal the same mode).
  if (const int fd = ::open(tmp.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600); fd >= 0) {
    ::close(fd);
  }
  sqlite3* dest = nullptr;
  int rc = sqlite3_open_v2(tmp.c_str(), &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  Status result;
  if (rc != SQLITE_OK) {
    result = UnavailableError("Het back-upbestand " + path + " kan niet worden gemaakt.");
  } else {
    Connection* src = impl_->AcquireReader();
    sqlite3_backup* backup = sqlite3_backup_init(dest, "main", src->db(), "main");
    if (backup == nullptr) {
      result = sqlite_internal::StatusFromSqlite(sqlite3_extended_errcode(dest));
    } else {
      // One step copies everything within one read snapshot; WAL lets writers go on meanwhile.
      rc = sqlite3_backup_step(backup, -1);
      sqlite3_backup_finish(backup);
      if (rc != SQLITE_DONE) result = sqlite_internal::StatusFromSqlite(rc);
    }
    impl_->ReleaseReader(src);
    if (result.ok()) {
      rc = sqlite3_exec(dest, "PRAGMA wal_checkpoint(TRUNCATE)", nullptr, nullptr, nullptr);
      if (rc != SQLITE_OK) result = sqlite_internal::StatusFromSqlite(rc);
    }
  }
  sqlite3_close_v2(dest);
  if (result.ok() && std::rename(tmp.c_str(), path.c_str()) != 0) {
    result = UnavailableError("Het back-upbestand " + path + " kan niet worden gemaakt.");
  }
  if (!result.ok()) std::remove(tmp.c_str());
  return result;
}

int64_t SqliteDatabase::commit_count() const {
  return impl_->commits.load(std::memory_order_relaxed);
}

int SqliteDatabase::pending_writes() const {
  std::lock_guard lock(impl_->mu);
  return static_cast<int>(impl_->queue.size());
}

}  // namespace baken::store
