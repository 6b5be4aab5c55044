#include "baken/store/migrations.h"

#include <cstdio>
#include <map>
#include <string_view>

#include "baken/store/internal/embedded_migrations.h"

namespace baken::store {
namespace {

constexpr std::string_view kCreateSqlite =
    "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT "
    "NULL, checksum TEXT NOT NULL, applied_at INTEGER NOT NULL)";
constexpr std::string_view kCreatePostgres =
    "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT "
    "NULL, checksum TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL)";
// The database's own clock stamps applied_at, so migrating needs no Clock.
constexpr std::string_view kInsertSqlite =
    "INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, "
    "CAST((julianday('now') - 2440587.5) * 86400000000.0 AS INTEGER))";
constexpr std::string_view kInsertPostgres =
    "INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, now())";

struct Applied {
  std::string name;
  std::string checksum;
  Timestamp applied_at;
};

std::string Label(int version, const std::string& name) {
  char buf[16];
  std::snprintf(buf, sizeof(buf), "%04d", version);
  return std::string(buf) + "_" + name;
}

StatusOr<std::map<int, Applied>> ReadApplied(Database& db) {
  std::map<int, Applied> applied;
  RETURN_IF_ERROR(db.Read([&](Transaction& txn) -> Status {
    std::string_view exists =
        db.dialect() == Dialect::kSqlite
            ? "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = "
              "'schema_migrations'"
            : "SELECT count(*) FROM information_schema.tables WHERE table_schema = "
              "current_schema() AND table_name = 'schema_migrations'";
    ASSIGN_OR_RETURN(Row row, txn.QueryRow(exists));
    if (row.GetInt64(0) == 0) return Status::Ok();
    return txn.ForEach(
        "SELECT version, name, checksum, applied_at FROM schema_migrations ORDER BY version", {},
        [&](const Row& r) {
          applied[static_cast<int>(r.GetInt64(0))] =
              Applied{r.GetText(1), r.GetText(2), r.GetTimestamp(3)};
          return Status::Ok();
        });
  }));
  return applied;
}

Status CheckList(std::span<const Migration> migrations) {
  for (size_t i = 1; i < migrations.size(); ++i) {
    if (migrations[i].version <= migrations[i - 1].version) {
      return InternalError("Interne fout: migraties staan niet op volgorde.");
    }
  }
  return Status::Ok();
}

Status CheckUnchanged(const Migration& m, const std::map<int, Applied>& applied) {
  auto it = applied.find(m.version);
  if (it != applied.end() && it->second.checksum != MigrationChecksum(m.sql)) {
    return FailedPreconditionError("Migratie " + Label(m.version, m.name) +
                                   " is gewijzigd nadat ze is toegepast; voeg een nieuwe "
                                   "migratie toe in plaats van een oude te wijzigen.");
  }
  return Status::Ok();
}

}  // namespace

std::string MigrationChecksum(const std::string& sql) {
  uint64_t h = 14695981039346656037ull;
  for (unsigned char c : sql) {
    h ^= c;
    h *= 1099511628211ull;
  }
  char buf[17];
  std::snprintf(buf, sizeof(buf), "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

std::vector<Migration> EmbeddedMigrations(Dialect dialect) {
  std::string_view folder = dialect == Dialect::kSqlite ? "sqlite" : "postgres";
  std::vector<Migration> out;
  for (size_t i = 0; i < internal::kEmbeddedMigrationFileCount; ++i) {
    const auto& f = internal::kEmbeddedMigrationFiles[i];
    if (folder == f.dialect) out.push_back(Migration{f.version, f.name, f.sql});
  }
  return out;  // the generator emits files sorted by path, so by version within a dialect
}

StatusOr<int> Migrate(Database& db) {
  std::vector<Migration> migrations = EmbeddedMigrations(db.dialect());
  return Migrate(db, migrations);
}

StatusOr<int> Migrate(Database& db, std::span<const Migration> migrations) {
  RETURN_IF_ERROR(CheckList(migrations));
  const bool sqlite = db.dialect() == Dialect::kSqlite;
  RETURN_IF_ERROR(db.Write([&](Transaction& txn) {
    return txn.ExecuteScript(sqlite ? kCreateSqlite : kCreatePostgres);
  }));
  ASSIGN_OR_RETURN(auto applied, ReadApplied(db));
  for (const Migration& m : migrations) RETURN_IF_ERROR(CheckUnchanged(m, applied));
  int count = 0;
  for (const Migration& m : migrations) {
    if (applied.contains(m.version)) continue;
    Status s = db.Write([&](Transaction& txn) -> Status {
      RETURN_IF_ERROR(txn.ExecuteScript(m.sql));
      const std::string checksum = MigrationChecksum(m.sql);
      return txn
          .Execute(sqlite ? kInsertSqlite : kInsertPostgres,
                   {Value(int64_t{m.version}), Value(m.name), Value(checksum)})
          .status();
    });
    if (!s.ok()) {
      return Status(s.code(), "Migratie " + Label(m.version, m.name) + " mislukt: " + s.message());
    }
    ++count;
  }
  return count;
}

StatusOr<MigrationStatus> GetMigrationStatus(Database& db) {
  std::vector<Migration> migrations = EmbeddedMigrations(db.dialect());
  return GetMigrationStatus(db, migrations);
}

StatusOr<MigrationStatus> GetMigrationStatus(Database& db, std::span<const Migration> migrations) {
  ASSIGN_OR_RETURN(auto applied, ReadApplied(db));
  std::map<int, MigrationState> states;
  for (const auto& [version, a] : applied) {
    states[version] = MigrationState{version, a.name, true, a.applied_at};
  }
  MigrationStatus status;
  for (const Migration& m : migrations) {
    RETURN_IF_ERROR(CheckUnchanged(m, applied));
    if (!applied.contains(m.version)) {
      states[m.version] = MigrationState{m.version, m.name, false, std::nullopt};
      ++status.pending;
    }
  }
  for (auto& [version, state] : states) status.migrations.push_back(std::move(state));
  return status;
}

}  // namespace baken::store
