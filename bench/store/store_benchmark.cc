// Store write throughput: 200-byte rows into SQLite (WAL, synchronous=FULL) through the Database
// interface, against a bare sqlite3 C API loop with the same settings in the same run.
//
//   store_benchmark [DIR]   (DIR: where the database files go; default the temp folder. Use the
//                            disk the service will run on: the figures are fsync-bound.)
//
// Prints rows/s per scenario and the ratio to its bare-C baseline.
#include <sqlite3.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "baken/store/database.h"
#include "baken/store/sqlite/sqlite_database.h"

namespace {

using baken::Status;
using baken::store::Database;
using baken::store::Transaction;
using baken::store::Value;

const std::string kPayload(200, 'x');
constexpr char kCreate[] = "CREATE TABLE t (id INTEGER PRIMARY KEY, payload TEXT NOT NULL)";
constexpr char kInsert[] = "INSERT INTO t (id, payload) VALUES (?, ?)";

std::string FreshPath(const std::string& dir, const std::string& name) {
  std::string path = dir + "/baken_bench_" + std::to_string(getpid()) + "_" + name + ".db";
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
  return path;
}

void Cleanup(const std::string& path) {
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
}

double Seconds(const std::function<void()>& body) {
  auto start = std::chrono::steady_clock::now();
  body();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// Bare C API: the same pragmas, `per_txn` rows per BEGIN..COMMIT.
double BareSqlite(const std::string& dir, int rows, int per_txn) {
  std::string path = FreshPath(dir, "bare");
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;",
               nullptr, nullptr, nullptr);
  sqlite3_exec(db, kCreate, nullptr, nullptr, nullptr);
  sqlite3_stmt* stmt = nullptr;
  sqlite3_prepare_v2(db, kInsert, -1, &stmt, nullptr);
  double s = Seconds([&] {
    for (int i = 0; i < rows;) {
      sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
      for (int k = 0; k < per_txn && i < rows; ++k, ++i) {
        sqlite3_bind_int64(stmt, 1, i);
        sqlite3_bind_text(stmt, 2, kPayload.data(), static_cast<int>(kPayload.size()),
                          SQLITE_STATIC);
        if (sqlite3_step(stmt) != SQLITE_DONE) std::abort();
        sqlite3_reset(stmt);
      }
      if (sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK) std::abort();
    }
  });
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  Cleanup(path);
  return rows / s;
}

// Through Database: `threads` callers, each Write() inserting `per_write` rows.
double ThroughDatabase(const std::string& dir, int rows, int per_write, int threads,
                       int64_t* commits) {
  std::string path = FreshPath(dir, "db");
  double rate = 0;
  {
    auto opened = baken::store::SqliteDatabase::Open(path, baken::store::DatabaseOptions{});
    if (!opened.ok()) std::abort();
    auto& db = **opened;
    if (!db.Write([](Transaction& t) { return t.ExecuteScript(kCreate); }).ok()) std::abort();
    const int64_t before = db.commit_count();
    std::atomic<int> next{0};
    double s = Seconds([&] {
      std::vector<std::thread> pool;
      for (int w = 0; w < threads; ++w) {
        pool.emplace_back([&] {
          while (true) {
            int first = next.fetch_add(per_write);
            if (first >= rows) return;
            Status st = db.Write([&](Transaction& t) -> Status {
              ASSIGN_OR_RETURN(auto stmt, t.Prepare(kInsert));
              for (int i = first; i < first + per_write && i < rows; ++i) {
                Value params[] = {Value(int64_t{i}), Value(kPayload)};
                RETURN_IF_ERROR(stmt->Execute(params));
              }
              return Status::Ok();
            });
            if (!st.ok()) std::abort();
          }
        });
      }
      for (auto& t : pool) t.join();
    });
    *commits = db.commit_count() - before;
    rate = rows / s;
  }
  Cleanup(path);
  return rate;
}

}  // namespace

int main(int argc, char** argv) {
  std::string dir = argc > 1 ? argv[1] : std::filesystem::temp_directory_path().string();
  std::printf("SQLite WAL synchronous=FULL, 200-byte rows, files in %s\n\n", dir.c_str());
  std::printf("%-44s %12s %10s %14s\n", "scenario", "rows/s", "commits", "vs bare C");
  const double bare1 = BareSqlite(dir, 2000, 1);
  const double bare100 = BareSqlite(dir, 50000, 100);
  std::printf("%-44s %12.0f %10d %14s\n", "bare C, 1 row per transaction", bare1, 2000, "1.00");
  std::printf("%-44s %12.0f %10d %14s\n", "bare C, 100 rows per transaction", bare100, 500, "1.00");
  struct Case {
    const char* name;
    int rows, per_write, threads;
    double baseline;
  };
  const Case cases[] = {
      {"Database, 1 thread, 1 row per Write", 2000, 1, 1, bare1},
      {"Database, 1 thread, 100 rows per Write", 50000, 100, 1, bare100},
      {"Database, 8 threads, 1 row per Write", 10000, 1, 8, bare1},
      {"Database, 64 threads, 1 row per Write", 30000, 1, 64, bare1},
  };
  for (const Case& c : cases) {
    int64_t commits = 0;
    double rate = ThroughDatabase(dir, c.rows, c.per_write, c.threads, &commits);
    std::printf("%-44s %12.0f %10lld %13.2fx\n", c.name, rate, static_cast<long long>(commits),
                rate / c.baseline);
  }
  std::printf(
      "\nMulti-threaded rows are compared with bare C at 1 row per transaction: each Write()\n"
      "is its own durable transaction to its caller, group commit shares the fsyncs.\n");
  return 0;
}
