#include "baken/app/command.h"

#include <CLI/CLI.hpp>

#include <cstdio>
#include <cstdlib>

#include "baken/store/migrations.h"

namespace baken::app {

void AddDatabaseOption(CLI::App& command, std::string& url) {
  const char* env = std::getenv("BAKEN_DB");
  url = env != nullptr && *env != '\0' ? env : "sqlite:baken.db";
  command.add_option("--db", url,
                     "Database: sqlite:PAD of postgresql://gebruiker@host/naam "
                     "(standaard $BAKEN_DB, anders sqlite:baken.db)");
}

std::unique_ptr<store::Database> OpenOrReport(const std::string& url) {
  auto db = store::OpenDatabase(url);
  if (!db.ok()) {
    Report(db.status());
    return nullptr;
  }
  return std::move(db).value();
}

StatusOr<std::unique_ptr<store::Database>> OpenMigrated(const std::string& url) {
  ASSIGN_OR_RETURN(std::unique_ptr<store::Database> db, store::OpenDatabase(url));
  ASSIGN_OR_RETURN(store::MigrationStatus status, store::GetMigrationStatus(*db));
  if (!status.ok()) {
    return FailedPreconditionError("De database " + db->DisplayUrl() + " is nog niet ingericht (" +
                                   std::to_string(status.pending) +
                                   " migratie(s) open). Voer eerst uit: baken migrate --db " +
                                   db->DisplayUrl());
  }
  return db;
}

std::unique_ptr<store::Database> OpenMigratedOrReport(const std::string& url) {
  auto db = OpenMigrated(url);
  if (!db.ok()) {
    Report(db.status());
    return nullptr;
  }
  return std::move(db).value();
}

int Report(const Status& status) {
  if (status.ok()) return 0;
  if (status.field().empty()) {
    std::fprintf(stderr, "baken: %s\n", status.message().c_str());
  } else {
    std::fprintf(stderr, "baken: %s: %s\n", status.field().c_str(), status.message().c_str());
  }
  return 1;
}

}  // namespace baken::app
