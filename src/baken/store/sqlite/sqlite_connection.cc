#include "baken/store/sqlite/sqlite_connection.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace baken::store::sqlite_internal {

Status StatusFromSqlite(int rc) {
  switch (rc) {
    case SQLITE_OK:
    case SQLITE_DONE:
    case SQLITE_ROW: return Status::Ok();
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY: return AlreadyExistsError("Dit gegeven bestaat al.");
    default: break;
  }
  switch (rc & 0xff) {
    case SQLITE_CONSTRAINT:
      return FailedPreconditionError(
          "De gegevens voldoen niet aan een voorwaarde van de database.");
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_CANTOPEN:
    case SQLITE_IOERR:
    case SQLITE_FULL:
      return UnavailableError(
          "De database is tijdelijk niet beschikbaar; probeer het later opnieuw.");
    default: return InternalError("Interne fout in de database (code " + std::to_string(rc) + ").");
  }
}

namespace {

void MakeOwnerOnly(const std::string& path) {
  if (path.empty() || path == ":memory:" || path.rfind("file:", 0) == 0) return;
  // Create the file 0600 before SQLite does (it would use 0644 under the usual umask): SQLite
  // gives the -wal and -shm files the mode of the database file.
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd >= 0) ::close(fd);
  // Files of an older installation may be 0644: make them owner-only too.
  for (const char* suffix : {"", "-wal", "-shm"}) {
    const std::string file = path + suffix;
    struct stat st {};
    if (::stat(file.c_str(), &st) == 0 && (st.st_mode & 0077) != 0) ::chmod(file.c_str(), 0600);
  }
}

}  // namespace

StatusOr<std::unique_ptr<Connection>> Connection::Open(const std::string& path, Mode mode,
                                                       int busy_timeout_ms) {
  sqlite3* db = nullptr;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
  if (mode == Mode::kWriter) {
    flags |= SQLITE_OPEN_CREATE;
    MakeOwnerOnly(path);
  }
  int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  std::unique_ptr<Connection> conn(new Connection(db));  // closes db even when open failed
  auto unavailable = [&path] {
    return UnavailableError("Het databasebestand " + path + " kan niet worden geopend.");
  };
  if (rc != SQLITE_OK) return unavailable();
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, busy_timeout_ms);
  if (mode == Mode::kWriter) {
    MakeOwnerOnly(path);  // the -wal and -shm files exist now
    // journal_mode returns the resulting mode; anything but "wal" means the file cannot do WAL.
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db, "PRAGMA journal_mode=WAL", -1, &stmt, nullptr) != SQLITE_OK) {
      return unavailable();
    }
    bool wal = sqlite3_step(stmt) == SQLITE_ROW &&
               std::string(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0))) == "wal";
    sqlite3_finalize(stmt);
    if (!wal) return unavailable();
  }
  // A page cache of 64 MiB for the writer (SQLite's default is 2 MiB): with a dozen indexes on
  // meldingen, a large import otherwise spends most of its time re-reading index pages.
  // secure_delete: freed pages are zeroed, so text removed by the retention rules (AVG) does not
  // linger in the file, its WAL or a backup made from it.
  std::string pragmas = "PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA secure_delete=ON;";
  pragmas += mode == Mode::kWriter ? " PRAGMA cache_size=-65536;"
                                   : " PRAGMA query_only=1; PRAGMA cache_size=-16384;";
  if (sqlite3_exec(db, pragmas.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) {
    return unavailable();
  }
  return conn;
}

Connection::~Connection() {
  for (auto& [sql, stmt] : cache_) sqlite3_finalize(stmt);
  sqlite3_close_v2(db_);
}

Status Connection::Exec(std::string_view sql) {
  return StatusFromSqlite(sqlite3_exec(db_, std::string(sql).c_str(), nullptr, nullptr, nullptr));
}

StatusOr<sqlite3_stmt*> Connection::GetStatement(std::string_view sql, sqlite3_stmt** owned) {
  *owned = nullptr;
  auto it = cache_.find(sql);
  if (it != cache_.end() && !sqlite3_stmt_busy(it->second)) return it->second;
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                              SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
  if (rc != SQLITE_OK) {
    sqlite3_finalize(stmt);
    return StatusFromSqlite(rc);
  }
  if (stmt == nullptr) return InternalError("Interne fout: lege opdracht voor de database.");
  if (it == cache_.end()) {
    cache_.emplace(std::string(sql), stmt);
  } else {
    *owned = stmt;
  }
  return stmt;
}

namespace {

Status Bind(sqlite3_stmt* stmt, Params params) {
  if (static_cast<int>(params.size()) != sqlite3_bind_parameter_count(stmt)) {
    return InternalError("Interne fout: verkeerd aantal parameters voor de database.");
  }
  for (size_t i = 0; i < params.size(); ++i) {
    int idx = static_cast<int>(i) + 1;
    const Value& v = params[i];
    int rc = SQLITE_OK;
    if (IsNull(v)) {
      rc = sqlite3_bind_null(stmt, idx);
    } else if (const int64_t* n = std::get_if<int64_t>(&v)) {
      rc = sqlite3_bind_int64(stmt, idx, *n);
    } else if (const double* d = std::get_if<double>(&v)) {
      rc = sqlite3_bind_double(stmt, idx, *d);
    } else if (const std::string* s = std::get_if<std::string>(&v)) {
      rc = sqlite3_bind_text64(stmt, idx, s->data(), s->size(), SQLITE_STATIC, SQLITE_UTF8);
    } else if (const Blob* b = std::get_if<Blob>(&v)) {
      rc = sqlite3_bind_blob64(stmt, idx, b->bytes.data(), b->bytes.size(), SQLITE_STATIC);
    } else if (const Timestamp* t = std::get_if<Timestamp>(&v)) {
      rc = sqlite3_bind_int64(stmt, idx, ToUnixMicros(*t));
    }
    if (rc != SQLITE_OK) return StatusFromSqlite(rc);
  }
  return Status::Ok();
}

Row ReadRow(sqlite3_stmt* stmt) {
  int n = sqlite3_column_count(stmt);
  std::vector<Value> values;
  values.reserve(n);
  for (int c = 0; c < n; ++c) {
    switch (sqlite3_column_type(stmt, c)) {
      case SQLITE_INTEGER:
        values.emplace_back(static_cast<int64_t>(sqlite3_column_int64(stmt, c)));
        break;
      case SQLITE_FLOAT: values.emplace_back(sqlite3_column_double(stmt, c)); break;
      case SQLITE_TEXT: {
        const char* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt, c));
        values.emplace_back(std::string(p, sqlite3_column_bytes(stmt, c)));
        break;
      }
      case SQLITE_BLOB: {
        const char* p = static_cast<const char*>(sqlite3_column_blob(stmt, c));
        int len = sqlite3_column_bytes(stmt, c);
        values.emplace_back(Blob{p == nullptr ? std::string() : std::string(p, len)});
        break;
      }
      default: values.emplace_back(std::monostate{});
    }
  }
  return Row(std::move(values));
}

// Resets the statement and clears its bindings on every exit, so a cached statement never keeps
// a read transaction open or points at a caller's freed parameter memory.
class ResetGuard {
 public:
  explicit ResetGuard(sqlite3_stmt* stmt) : stmt_(stmt) {}
  ~ResetGuard() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }

 private:
  sqlite3_stmt* stmt_;
};

// Runs `stmt` with `params`, handing each row to `fn`.
Status Run(sqlite3_stmt* stmt, Params params, const RowCallback& fn) {
  ResetGuard guard(stmt);
  RETURN_IF_ERROR(Bind(stmt, params));
  while (true) {
    int rc = sqlite3_step(stmt);
    if (rc == SQLITE_DONE) return Status::Ok();
    if (rc != SQLITE_ROW)
      return StatusFromSqlite(sqlite3_extended_errcode(sqlite3_db_handle(stmt)));
    if (fn) RETURN_IF_ERROR(fn(ReadRow(stmt)));
  }
}

class SqliteStatement final : public Statement {
 public:
  SqliteStatement(sqlite3_stmt* stmt, sqlite3_stmt* owned) : stmt_(stmt), owned_(owned) {}
  ~SqliteStatement() override { sqlite3_finalize(owned_); }

  StatusOr<int64_t> Execute(Params params) override {
    RETURN_IF_ERROR(Run(stmt_, params, nullptr));
    return static_cast<int64_t>(sqlite3_changes64(sqlite3_db_handle(stmt_)));
  }

  StatusOr<ResultSet> Query(Params params) override {
    ResultSet rs;
    int n = sqlite3_column_count(stmt_);
    for (int c = 0; c < n; ++c) rs.columns.emplace_back(sqlite3_column_name(stmt_, c));
    RETURN_IF_ERROR(Run(stmt_, params, [&rs](const Row& row) {
      rs.rows.push_back(row);
      return Status::Ok();
    }));
    return rs;
  }

  Status ForEach(Params params, const RowCallback& fn) { return Run(stmt_, params, fn); }

 private:
  sqlite3_stmt* stmt_;   // cached by the connection, or == owned_
  sqlite3_stmt* owned_;  // finalized here; null when stmt_ is cached
};

class SqliteTransaction final : public Transaction {
 public:
  explicit SqliteTransaction(Connection& conn) : conn_(conn) {}

  Dialect dialect() const override { return Dialect::kSqlite; }

  StatusOr<std::unique_ptr<Statement>> Prepare(std::string_view sql) override {
    ASSIGN_OR_RETURN(std::unique_ptr<SqliteStatement> stmt, PrepareConcrete(sql));
    return std::unique_ptr<Statement>(std::move(stmt));
  }

  Status ForEach(std::string_view sql, Params params, const RowCallback& fn) override {
    ASSIGN_OR_RETURN(std::unique_ptr<SqliteStatement> stmt, PrepareConcrete(sql));
    return stmt->ForEach(params, fn);
  }

  Status ExecuteScript(std::string_view sql) override { return conn_.Exec(sql); }

 private:
  StatusOr<std::unique_ptr<SqliteStatement>> PrepareConcrete(std::string_view sql) {
    sqlite3_stmt* owned = nullptr;
    ASSIGN_OR_RETURN(sqlite3_stmt * stmt, conn_.GetStatement(sql, &owned));
    return std::make_unique<SqliteStatement>(stmt, owned);
  }

  Connection& conn_;
};

}  // namespace

std::unique_ptr<Transaction> MakeTransaction(Connection& conn) {
  return std::make_unique<SqliteTransaction>(conn);
}

}  // namespace baken::store::sqlite_internal
