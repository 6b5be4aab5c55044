// Schema migrations: numbered SQL scripts per dialect, applied in order, each in its own Write().
//
// The scripts live in src/baken/store/migrations/{sqlite,postgres}/NNNN_name.sql and are embedded
// into the binary at build time (any module adds its own NNNN file to both folders). The runner
// creates `schema_migrations(version, name, checksum, applied_at)` itself and records each script
// there in the same transaction as the script, so a migration is applied entirely or not at all.
//
// Migrate() is idempotent. A script whose text changed after it was applied is refused with
// kFailedPrecondition naming it (fix forward with a new number instead). The checksum is FNV-1a
// 64 of the SQL text: it detects edits, it is not a security measure. Thread-safe like Database;
// two processes migrating at once are serialised by the database (the loser sees kAlreadyExists).
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "baken/base/status.h"
#include "baken/store/database.h"

namespace baken::store {

struct Migration {
  int version = 0;   // NNNN of the file name; unique, ascending
  std::string name;  // rest of the file name, e.g. "core"
  std::string sql;
};

// The migrations built into this binary for `dialect`, ordered by version.
std::vector<Migration> EmbeddedMigrations(Dialect dialect);

// Applies the pending embedded migrations for db's dialect; returns how many were applied.
StatusOr<int> Migrate(Database& db);
// Same with an explicit list (tests); must be ordered by version without duplicates.
StatusOr<int> Migrate(Database& db, std::span<const Migration> migrations);

struct MigrationState {
  int version = 0;
  std::string name;
  bool applied = false;
  std::optional<Timestamp> applied_at;
};

struct MigrationStatus {
  std::vector<MigrationState> migrations;  // every known or applied version, ascending
  int pending = 0;                         // known but not applied
  bool ok() const { return pending == 0; }
};

// For /readyz: which of the embedded (or given) migrations are applied. Changed checksums are
// reported as kFailedPrecondition like in Migrate().
StatusOr<MigrationStatus> GetMigrationStatus(Database& db);
StatusOr<MigrationStatus> GetMigrationStatus(Database& db, std::span<const Migration> migrations);

// FNV-1a 64 of `sql` as 16 hex digits.
std::string MigrationChecksum(const std::string& sql);

}  // namespace baken::store
