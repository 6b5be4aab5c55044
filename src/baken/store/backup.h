// Online backup of the database to a file, while reads and writes go on.
//
// SQLite: a consistent copy (sqlite3 backup API) written to `path` atomically (temp file + rename);
// the copy opens as a normal Baken database. PostgreSQL: kFailedPrecondition, because a server
// database is backed up with pg_dump / pg_basebackup by its administrator. kUnavailable when the
// file cannot be written. Thread-safe.
#pragma once

#include <string>

#include "baken/base/status.h"
#include "baken/store/database.h"

namespace baken::store {

Status BackupDatabase(Database& db, const std::string& path);

}  // namespace baken::store
