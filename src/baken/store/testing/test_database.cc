#include "baken/store/testing/test_database.h"

#include <cstdlib>
#include <fstream>

#include "baken/store/migrations.h"

namespace baken::store::testing {

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
