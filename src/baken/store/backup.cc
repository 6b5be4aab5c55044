#include "baken/store/backup.h"

#include "baken/store/sqlite/sqlite_database.h"

namespace baken::store {

Status BackupDatabase(Database& db, const std::string& path) {
  if (auto* sqlite = dynamic_cast<SqliteDatabase*>(&db)) return sqlite->BackupTo(path);
  return FailedPreconditionError(
      "Een PostgreSQL-database maakt u een back-up van met pg_dump of pg_basebackup.");
}

}  // namespace baken::store
