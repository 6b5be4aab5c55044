#include "baken/store/testing/test_database.h"

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <fstream>

#include "baken/store/migrations.h"

namespace baken::store::testing {

TempDir::TempDir(std::string_view prefix) {
  static std::atomic<int> counter{0};
  path_ =
      std::filesystem::temp_directory_path() /
      (std::string(prefix) + "_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
  std::filesystem::remove_all(path_);
  std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

Status TestDatabase::Open() {
  const char* pg = std::getenv("BAKEN_TEST_POSTGRES_URL");
  return OpenUrl(pg != nullptr ? std::string(pg) : "sqlite:" + dir_.File("baken.db"));
}

Status TestDatabase::Open(Dialect dialect, const std::string& pg_database) {
  if (dialect == Dialect::kSqlite) return OpenUrl("sqlite:" + dir_.File("baken.db"));
  std::string url = PostgresTestUrl(pg_database);
  if (url.empty()) {
    return FailedPreconditionError("PostgreSQL test cluster not running (run through ctest)");
  }
  return OpenUrl(std::move(url));
}

Status TestDatabase::OpenUrl(std::string url) {
  db_.reset();
  ASSIGN_OR_RETURN(db_, OpenFreshMigratedDatabase(url));
  url_ = std::move(url);
  return Status::Ok();
}

std::string PostgresTestUrl(const std::string& database) {
  const char* file = std::getenv("BAKEN_TEST_POSTGRES_URL_FILE");
  if (file == nullptr) return {};
  std::ifstream in(file);
  std::string url;
  std::getline(in, url);
  const size_t slash = url.rfind('/');
  return slash == std::string::npos ? std::string() : url.substr(0, slash + 1) + database;
}

Status ResetSchema(Database& db) {
  if (db.dialect() != Dialect::kPostgres) return Status::Ok();
  return db.Write([](Transaction& txn) {
    return txn.ExecuteScript("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
  });
}

StatusOr<std::unique_ptr<Database>> OpenFreshMigratedDatabase(const std::string& url) {
  ASSIGN_OR_RETURN(std::unique_ptr<Database> db, OpenDatabase(url));
  RETURN_IF_ERROR(ResetSchema(*db));
  RETURN_IF_ERROR(Migrate(*db).status());
  return db;
}

}  // namespace baken::store::testing
