// Parsing of database URLs for OpenDatabase: "sqlite:PATH" and "postgresql://..." (or postgres://).
//
// Only the shape is checked here (scheme, port digits); reaching the database is the dialect's job.
// Errors are kInvalidArgument with a Dutch message that never repeats a password.
#pragma once

#include <string>
#include <string_view>

#include "baken/base/status.h"
#include "baken/store/database.h"

namespace baken::store::internal {

struct ParsedUrl {
  Dialect dialect = Dialect::kSqlite;
  std::string sqlite_path;  // kSqlite: the file
  std::string conninfo;     // kPostgres: the URL as given, for libpq
  std::string display;      // without password or query, for logs and messages
};

StatusOr<ParsedUrl> ParseDatabaseUrl(std::string_view url);

}  // namespace baken::store::internal
