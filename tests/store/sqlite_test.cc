// SQLite-only behaviour: group commit, per-fn rollback inside a batch, online backup under load,
// and durability of acknowledged writes across a killed process.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <set>
#include <thread>
#include <utility>
#include <vector>

#include "baken/store/backup.h"
#include "baken/store/bulk_load.h"
#include "baken/store/database.h"
#include "baken/store/migrations.h"
#include "baken/store/sqlite/sqlite_database.h"
#include "baken/store/testing/test_database.h"

namespace baken::store {
namespace {

std::unique_ptr<SqliteDatabase> OpenSqlite(const std::string& path) {
  auto db = SqliteDatabase::Open(path, DatabaseOptions{});
  EXPECT_TRUE(db.ok()) << db.status().ToString();
  return db.ok() ? std::move(*db) : nullptr;
}

Status CreateTable(Database& db) {
  return db.Write([](Transaction& txn) {
    return txn.ExecuteScript("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)");
  });
}

Status InsertRow(Database& db, int64_t id) {
  return db.Write([id](Transaction& txn) {
    return txn.Execute("INSERT INTO t (id, v) VALUES (?, 'x')", {id}).status();
  });
}

int64_t CountRows(Database& db) {
  int64_t n = -1;
  EXPECT_TRUE(db.Read([&](Transaction& txn) -> Status {
                  ASSIGN_OR_RETURN(Row r, txn.QueryRow("SELECT count(*) FROM t"));
                  n = r.GetInt64(0);
                  return Status::Ok();
                }).ok());
  return n;
}

// Blocks the writer thread inside a first Write until `others` more calls are queued behind it,
// then runs `others` through `make_fn` concurrently; returns their statuses.
std::vector<Status> QueueBehindBlockedWrite(
    SqliteDatabase& db, int others, const std::function<Status(int, Transaction&)>& make_fn) {
  std::atomic<bool> first_running{false};
  std::thread first([&] {
    EXPECT_TRUE(db.Write([&](Transaction& txn) -> Status {
                    first_running = true;
                    for (int i = 0; i < 10000 && db.pending_writes() < others; ++i) {
                      std::this_thread::sleep_for(std::chrono::milliseconds(1));
                    }
                    return txn.Execute("INSERT INTO t (id, v) VALUES (-1, 'first')").status();
                  }).ok());
  });
  while (!first_running) std::this_thread::yield();
  std::vector<Status> results(others);
  std::vector<std::thread> threads;
  for (int i = 0; i < others; ++i) {
    threads.emplace_back(
        [&, i] { results[i] = db.Write([&, i](Transaction& txn) { return make_fn(i, txn); }); });
  }
  for (auto& t : threads) t.join();
  first.join();
  return results;
}

TEST(SqliteGroupCommit, ConcurrentWritesShareOneCommit) {
  testing::TempDir tmp;
  auto db = OpenSqlite(tmp.File("db"));
  ASSERT_TRUE(CreateTable(*db).ok());
  const int64_t before = db->commit_count();
  auto results = QueueBehindBlockedWrite(*db, 10, [](int i, Transaction& txn) {
    return txn.Execute("INSERT INTO t (id, v) VALUES (?, 'x')", {int64_t{i}}).status();
  });
  for (const Status& s : results) EXPECT_TRUE(s.ok()) << s.ToString();
  // One COMMIT for the blocked write, one for the ten queued behind it.
  EXPECT_EQ(db->commit_count() - before, 2);
  EXPECT_EQ(CountRows(*db), 11);
}

TEST(SqliteGroupCommit, FailingFnDoesNotUndoItsNeighbours) {
  testing::TempDir tmp;
  auto db = OpenSqlite(tmp.File("db"));
  ASSERT_TRUE(CreateTable(*db).ok());
  const int64_t before = db->commit_count();
  auto results = QueueBehindBlockedWrite(*db, 6, [](int i, Transaction& txn) -> Status {
    RETURN_IF_ERROR(txn.Execute("INSERT INTO t (id, v) VALUES (?, 'x')", {int64_t{i}}));
    if (i == 2) return InvalidArgumentError("fout in nummer 2");
    if (i == 4) {  // a constraint error half-way through its own work; -1 is committed already,
                   // so the outcome does not depend on the order the threads queue in
      return txn.Execute("INSERT INTO t (id, v) VALUES (-1, 'dubbel')").status();
    }
    return Status::Ok();
  });
  EXPECT_EQ(results[2].message(), "fout in nummer 2");
  EXPECT_EQ(results[4].code(), StatusCode::kAlreadyExists);
  for (int i : {0, 1, 3, 5}) EXPECT_TRUE(results[i].ok()) << i << results[i].ToString();
  EXPECT_EQ(db->commit_count() - before, 2);
  EXPECT_EQ(CountRows(*db), 5);  // -1, 0, 1, 3, 5
  Status s = db->Read([](Transaction& txn) -> Status {
    ASSIGN_OR_RETURN(ResultSet rs, txn.Query("SELECT id FROM t WHERE id IN (2, 4)"));
    EXPECT_TRUE(rs.rows.empty());
    return Status::Ok();
  });
  EXPECT_TRUE(s.ok());
}

TEST(SqliteGroupCommit, NestedWriteIsRefusedNotDeadlocked) {
  testing::TempDir tmp;
  auto db = OpenSqlite(tmp.File("db"));
  ASSERT_TRUE(CreateTable(*db).ok());
  Status inner;
  Status outer = db->Write([&](Transaction&) {
    inner = InsertRow(*db, 1);
    return Status::Ok();
  });
  EXPECT_TRUE(outer.ok());
  EXPECT_EQ(inner.code(), StatusCode::kInternal);
}

TEST(SqliteBackup, CopyOpensWithTheDataWhileWritesContinue) {
  testing::TempDir tmp;
  auto db = OpenSqlite(tmp.File("db"));
  ASSERT_TRUE(CreateTable(*db).ok());
  for (int64_t i = 0; i < 500; ++i) ASSERT_TRUE(InsertRow(*db, i).ok());
  std::atomic<bool> stop{false};
  std::atomic<int64_t> next{1000};
  std::thread writer([&] {
    while (!stop) EXPECT_TRUE(InsertRow(*db, next++).ok());
  });
  Status s = BackupDatabase(*db, tmp.File("backup.db"));
  stop = true;
  writer.join();
  ASSERT_TRUE(s.ok()) << s.ToString();
  auto copy = OpenDatabase("sqlite:" + tmp.File("backup.db"));
  ASSERT_TRUE(copy.ok()) << copy.status().ToString();
  const int64_t copied = CountRows(**copy);
  EXPECT_GE(copied, 500);
  EXPECT_LE(copied, 500 + (next - 1000));
  // The copy holds a consistent prefix: rows 0..499 and then a gap-free run from 1000.
  Status check = (*copy)->Read([&](Transaction& txn) -> Status {
    ASSIGN_OR_RETURN(Row r, txn.QueryRow("SELECT count(*) FROM t WHERE id < 500"));
    EXPECT_EQ(r.GetInt64(0), 500);
    return Status::Ok();
  });
  EXPECT_TRUE(check.ok());
  EXPECT_FALSE(BackupDatabase(*db, tmp.File("no/such/dir/backup.db")).ok());
}

TEST(SqliteDurability, AcknowledgedWritesSurviveSigkill) {
  testing::TempDir tmp;
  const std::string path = tmp.File("db");
  {
    auto db = OpenSqlite(path);
    ASSERT_TRUE(CreateTable(*db).ok());
  }
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    close(fds[0]);
    auto db = SqliteDatabase::Open(path, DatabaseOptions{});
    if (!db.ok()) _exit(2);
    std::vector<std::thread> threads;
    for (int w = 0; w < 4; ++w) {
      threads.emplace_back([&, w] {
        for (int64_t i = 0; i < 1000000; ++i) {
          int64_t id = i * 4 + w;
          if (!InsertRow(**db, id).ok()) _exit(3);
          if (write(fds[1], &id, sizeof(id)) != sizeof(id)) _exit(4);  // acknowledge
        }
      });
    }
    for (auto& t : threads) t.join();
    _exit(0);
  }
  close(fds[1]);
  std::set<int64_t> acked;
  int64_t id;
  while (acked.size() < 300 && read(fds[0], &id, sizeof(id)) == sizeof(id)) acked.insert(id);
  ASSERT_EQ(kill(child, SIGKILL), 0);
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFSIGNALED(status)) << "child exited early with " << WEXITSTATUS(status);
  while (read(fds[0], &id, sizeof(id)) == sizeof(id)) acked.insert(id);
  close(fds[0]);
  ASSERT_GE(acked.size(), 300u);
  auto db = OpenSqlite(path);
  std::set<int64_t> present;
  ASSERT_TRUE(db->Read([&](Transaction& txn) {
                  return txn.ForEach("SELECT id FROM t", {}, [&](const Row& r) {
                    present.insert(r.GetInt64(0));
                    return Status::Ok();
                  });
                }).ok());
  for (int64_t a : acked) EXPECT_TRUE(present.contains(a)) << "acknowledged row lost: " << a;
}

// A bulk load: secondary indexes and the full-text trigger are gone while it runs, unique ones
// stay (so duplicates are still refused), and everything is back afterwards, also when the process
// stopped half-way and only a new start restores it.
std::vector<std::string> Schema(Database& db, const char* type) {
  std::vector<std::string> names;
  EXPECT_TRUE(db.Read([&](Transaction& txn) -> Status {
                  ASSIGN_OR_RETURN(ResultSet rs,
                                   txn.Query("SELECT name FROM sqlite_master WHERE type = ? AND "
                                             "tbl_name = 'docs' AND sql IS NOT NULL ORDER BY name",
                                             {std::string(type)}));
                  for (const Row& r : rs.rows) names.push_back(r.GetText(0));
                  return Status::Ok();
                }).ok());
  return names;
}

int64_t SearchHits(Database& db, const std::string& word) {
  int64_t n = -1;
  EXPECT_TRUE(db.Read([&](Transaction& txn) -> Status {
                  ASSIGN_OR_RETURN(Row r, txn.QueryRow("SELECT count(*) FROM docs_fts WHERE "
                                                       "docs_fts MATCH ?",
                                                       {word}));
                  n = r.GetInt64(0);
                  return Status::Ok();
                }).ok());
  return n;
}

Status CreateDocs(Database& db) {
  return db.Write([](Transaction& txn) {
    return txn.ExecuteScript(
        "CREATE TABLE docs (seq INTEGER PRIMARY KEY, code TEXT NOT NULL, body TEXT NOT NULL, "
        "at INTEGER NOT NULL);"
        "CREATE INDEX docs_at ON docs (at, seq);"
        "CREATE INDEX docs_code_partial ON docs (code) WHERE code <> '';"
        "CREATE UNIQUE INDEX docs_code ON docs (code);"
        "CREATE VIRTUAL TABLE docs_fts USING fts5(body, content='docs', content_rowid='seq');"
        "CREATE TRIGGER docs_fts_insert AFTER INSERT ON docs BEGIN "
        "INSERT INTO docs_fts (rowid, body) VALUES (new.seq, new.body); END;");
  });
}

Status InsertDocs(Database& db, int from, int to) {
  return db.Write([&](Transaction& txn) -> Status {
    for (int i = from; i < to; ++i) {
      RETURN_IF_ERROR(txn.Execute("INSERT INTO docs (code, body, at) VALUES (?, ?, ?)",
                                  {"c" + std::to_string(i), std::string(i % 2 ? "fiets" : "afval"),
                                   int64_t{1000 - i}})
                          .status());
    }
    return Status::Ok();
  });
}

TEST(SqliteBulkLoad, IndexesAndTriggersComeBackAndUniquenessHoldsMeanwhile) {
  testing::TempDir tmp;
  auto db = OpenSqlite(tmp.File("db"));
  ASSERT_TRUE(Migrate(*db).ok());
  ASSERT_TRUE(CreateDocs(*db).ok());
  ASSERT_TRUE(InsertDocs(*db, 0, 10).ok());
  const std::vector<std::string> indexes = Schema(*db, "index");
  ASSERT_EQ(indexes, (std::vector<std::string>{"docs_at", "docs_code", "docs_code_partial"}));

  const std::vector<std::string> triggers{"docs_fts_insert"};
  const std::vector<DeferredFollowUp> after{
      {"docs_fts_rebuild", "INSERT INTO docs_fts (docs_fts) VALUES ('rebuild')"}};
  auto deferred = DeferIndexes(*db, "docs", triggers, after);
  ASSERT_TRUE(deferred.ok()) << deferred.status().ToString();
  EXPECT_TRUE(*deferred);
  EXPECT_EQ(Schema(*db, "index"), (std::vector<std::string>{"docs_code"}));
  EXPECT_TRUE(Schema(*db, "trigger").empty());
  // A second call (a load that restarts) changes nothing and loses nothing.
  ASSERT_TRUE(DeferIndexes(*db, "docs", triggers, after).ok());

  ASSERT_TRUE(InsertDocs(*db, 10, 110).ok());
  EXPECT_EQ(InsertDocs(*db, 5, 6).code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(SearchHits(*db, "fiets"), 5);  // the index lags behind during the load

  auto ran = RestoreDeferred(*db, "docs");
  ASSERT_TRUE(ran.ok()) << ran.status().ToString();
  EXPECT_EQ(*ran, 4);
  EXPECT_EQ(Schema(*db, "index"), indexes);
  EXPECT_EQ(Schema(*db, "trigger"), triggers);
  EXPECT_EQ(SearchHits(*db, "fiets"), 55);
  ASSERT_TRUE(InsertDocs(*db, 110, 112).ok());
  EXPECT_EQ(SearchHits(*db, "fiets"), 56);  // the trigger works again
  EXPECT_EQ(*RestoreDeferred(*db), 0);      // nothing left to do
}

// The writer's sorter settings (PRAGMA threads, cache_size), as a Write sees them.
std::pair<int64_t, int64_t> WriterSorter(Database& db) {
  std::pair<int64_t, int64_t> out{-1, -1};
  EXPECT_TRUE(db.Write([&](Transaction& txn) -> Status {
                  ASSIGN_OR_RETURN(Row threads, txn.QueryRow("PRAGMA threads"));
                  ASSIGN_OR_RETURN(Row cache, txn.QueryRow("PRAGMA cache_size"));
                  out = {threads.GetInt64(0), cache.GetInt64(0)};
                  return Status::Ok();
                }).ok());
  return out;
}

TEST(SqliteBulkLoad, TheRebuildPutsTheWritersSettingsBackAlsoWhenItFails) {
  testing::TempDir tmp;
  auto db = OpenSqlite(tmp.File("db"));
  ASSERT_TRUE(Migrate(*db).ok());
  ASSERT_TRUE(CreateDocs(*db).ok());
  const std::pair<int64_t, int64_t> before = WriterSorter(*db);
  EXPECT_EQ(before.first, 0);  // SQLite's default: sort on the calling thread
  const std::vector<std::string> triggers{"docs_fts_insert"};
  const std::vector<DeferredFollowUp> broken{
      {"docs_broken", "INSERT INTO no_such_table VALUES (1)"}};
  ASSERT_TRUE(DeferIndexes(*db, "docs", triggers, broken).ok());
  ASSERT_TRUE(InsertDocs(*db, 0, 2000).ok());

  // A statement that fails undoes the whole rebuild: nothing half-restored, all still recorded.
  EXPECT_FALSE(RestoreDeferred(*db, "docs").ok());
  EXPECT_EQ(Schema(*db, "index"), (std::vector<std::string>{"docs_code"}));
  EXPECT_EQ(WriterSorter(*db), before);

  ASSERT_TRUE(
      db->Write([](Transaction& txn) {
          return txn.Execute("DELETE FROM store_deferred WHERE name = 'docs_broken'").status();
        }).ok());
  auto ran = RestoreDeferred(*db, "docs");
  ASSERT_TRUE(ran.ok()) << ran.status().ToString();
  EXPECT_EQ(*ran, 3);
  EXPECT_EQ(Schema(*db, "index"),
            (std::vector<std::string>{"docs_at", "docs_code", "docs_code_partial"}));
  EXPECT_EQ(SearchHits(*db, "fiets"), 0);  // no rebuild follow-up was recorded this time
  EXPECT_EQ(WriterSorter(*db), before);
}

TEST(SqliteBulkLoad, ALoadThatStoppedHalfWayIsRestoredAtTheNextStart) {
  testing::TempDir tmp;
  const std::string path = tmp.File("db");
  {
    auto db = OpenSqlite(path);
    ASSERT_TRUE(Migrate(*db).ok());
    ASSERT_TRUE(CreateDocs(*db).ok());
    const std::vector<std::string> triggers{"docs_fts_insert"};
    const std::vector<DeferredFollowUp> after{
        {"docs_fts_rebuild", "INSERT INTO docs_fts (docs_fts) VALUES ('rebuild')"}};
    ASSERT_TRUE(DeferIndexes(*db, "docs", triggers, after).ok());
    ASSERT_TRUE(InsertDocs(*db, 0, 20).ok());
  }  // closed without restoring, like a killed import
  auto db = OpenSqlite(path);
  EXPECT_EQ(Schema(*db, "index"), (std::vector<std::string>{"docs_code"}));
  auto ran = RestoreDeferred(*db);
  ASSERT_TRUE(ran.ok()) << ran.status().ToString();
  EXPECT_EQ(*ran, 4);
  EXPECT_EQ(Schema(*db, "index"),
            (std::vector<std::string>{"docs_at", "docs_code", "docs_code_partial"}));
  EXPECT_EQ(SearchHits(*db, "afval"), 10);
}

}  // namespace
}  // namespace baken::store
