// Test support: a temporary folder and a fresh, migrated database for tests on SQLite and on the
// throwaway PostgreSQL cluster. One fixture instead of a copy per suite.
//
// The CTest fixture "postgres" (tests/store, scripts/test-postgres) writes the cluster's URL to a
// file named by BAKEN_TEST_POSTGRES_URL_FILE and creates one database per test suite, so suites run
// in parallel. A suite runs on PostgreSQL in one of two ways:
//   - parameterised over Dialect: Open(dialect, "baken_test_<suite>") reads the URL file;
//   - as a second CTest entry that sets BAKEN_TEST_POSTGRES_URL: Open() uses that URL.
// A missing cluster is an error (the test fails, never skips). Linked only into tests (target
// baken::store_testing). Not thread-safe to set up; the Database itself is as thread-safe as ever.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "baken/base/status.h"
#include "baken/store/database.h"

namespace baken::store::testing {

// A new, empty folder <temp>/<prefix>_<pid>_<n>, removed with everything in it on destruction.
class TempDir {
 public:
  explicit TempDir(std::string_view prefix = "baken_test");
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  // `name` inside the folder, as a string (the file need not exist).
  std::string File(std::string_view name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

// A temporary folder plus an empty, fully migrated database; use as a test fixture member in place
// of std::unique_ptr<Database> (`*db_`, `db_->Write(...)` work unchanged). The database is closed
// before the folder is removed.
class TestDatabase {
 public:
  explicit TestDatabase(std::string_view prefix = "baken_test") : dir_(prefix) {}

  // PostgreSQL at BAKEN_TEST_POSTGRES_URL when that is set, else SQLite file baken.db in dir().
  Status Open();
  // `dialect` as a test parameter: kPostgres opens `pg_database` in the throwaway cluster.
  Status Open(Dialect dialect, const std::string& pg_database);
  // Closes the database (before services that use it are gone, say); the folder stays.
  void Close() { db_.reset(); }

  Database& operator*() const { return *db_; }
  Database* operator->() const { return db_.get(); }
  Database* get() const { return db_.get(); }
  const std::string& url() const { return url_; }
  const TempDir& dir() const { return dir_; }

 private:
  Status OpenUrl(std::string url);

  TempDir dir_;
  std::string url_;
  std::unique_ptr<Database> db_;  // declared after dir_: destroyed first
};

// URL of `database` in the throwaway cluster; empty when the fixture's URL file is not there
// (callers fail the test then, never skip it).
std::string PostgresTestUrl(const std::string& database);

// PostgreSQL: drops and recreates the public schema, so each test starts empty. SQLite: nothing
// (tests use a fresh file).
Status ResetSchema(Database& db);

// Opens `url`, empties it (ResetSchema) and applies every embedded migration.
StatusOr<std::unique_ptr<Database>> OpenFreshMigratedDatabase(const std::string& url);

}  // namespace baken::store::testing
