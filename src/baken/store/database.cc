#include "baken/store/database.h"

#include <cmath>
#include <string>
#include <variant>

#include "baken/base/utf8.h"
#include "baken/store/internal/url.h"
#include "baken/store/postgres/postgres_database.h"
#include "baken/store/sqlite/sqlite_database.h"

namespace baken::store {
namespace {

template <class... Ts>
struct Overloaded : Ts... {
  using Ts::operator()...;
};
template <class... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;

}  // namespace

// Accessors convert leniently between compatible types (an INTEGER column read as a Timestamp in
// SQLite, a bool read as int64 in PostgreSQL) and return a default for NULL.

int64_t Row::GetInt64(size_t i) const {
  return std::visit(Overloaded{
                        [](std::monostate) -> int64_t { return 0; },
                        [](int64_t v) { return v; },
                        [](double v) { return static_cast<int64_t>(std::llround(v)); },
                        [](const std::string& v) -> int64_t {
                          try {
                            return std::stoll(v);
                          } catch (...) {
                            return 0;
                          }
                        },
                        [](const Blob&) -> int64_t { return 0; },
                        [](Timestamp t) { return ToUnixMicros(t); },
                    },
                    values_.at(i));
}

double Row::GetDouble(size_t i) const {
  return std::visit(Overloaded{
                        [](std::monostate) { return 0.0; },
                        [](int64_t v) { return static_cast<double>(v); },
                        [](double v) { return v; },
                        [](const std::string& v) {
                          try {
                            return std::stod(v);
                          } catch (...) {
                            return 0.0;
                          }
                        },
                        [](const Blob&) { return 0.0; },
                        [](Timestamp t) { return static_cast<double>(ToUnixMicros(t)); },
                    },
                    values_.at(i));
}

// Text comes back as well-formed UTF-8 whatever was stored (an old row, a hand repair): every
// JSON answer serialises it, and one stray byte would otherwise fail the whole response.
std::string Row::GetText(size_t i) const {
  return std::visit(Overloaded{
                        [](std::monostate) { return std::string(); },
                        [](int64_t v) { return std::to_string(v); },
                        [](double v) { return std::to_string(v); },
                        [](const std::string& v) { return ToValidUtf8(v); },
                        [](const Blob& v) { return v.bytes; },
                        [](Timestamp t) { return std::to_string(ToUnixMicros(t)); },
                    },
                    values_.at(i));
}

Blob Row::GetBlob(size_t i) const {
  const Value& v = values_.at(i);
  if (const Blob* b = std::get_if<Blob>(&v)) return *b;
  if (const std::string* s = std::get_if<std::string>(&v)) return Blob{*s};
  return Blob{};
}

Timestamp Row::GetTimestamp(size_t i) const {
  const Value& v = values_.at(i);
  if (const Timestamp* t = std::get_if<Timestamp>(&v)) return *t;
  return FromUnixMicros(GetInt64(i));
}

StatusOr<int64_t> Transaction::Execute(std::string_view sql, Params params) {
  ASSIGN_OR_RETURN(std::unique_ptr<Statement> stmt, Prepare(sql));
  return stmt->Execute(params);
}

StatusOr<int64_t> Transaction::Execute(std::string_view sql, std::initializer_list<Value> params) {
  return Execute(sql, Params(params.begin(), params.size()));
}

StatusOr<ResultSet> Transaction::Query(std::string_view sql, Params params) {
  ASSIGN_OR_RETURN(std::unique_ptr<Statement> stmt, Prepare(sql));
  return stmt->Query(params);
}

StatusOr<ResultSet> Transaction::Query(std::string_view sql, std::initializer_list<Value> params) {
  return Query(sql, Params(params.begin(), params.size()));
}

StatusOr<Row> Transaction::QueryRow(std::string_view sql, std::initializer_list<Value> params) {
  ASSIGN_OR_RETURN(ResultSet rs, Query(sql, params));
  if (rs.rows.empty()) return NotFoundError("Het gevraagde gegeven bestaat niet.");
  return std::move(rs.rows.front());
}

StatusOr<std::unique_ptr<Database>> OpenDatabase(std::string_view url,
                                                 const DatabaseOptions& options) {
  ASSIGN_OR_RETURN(internal::ParsedUrl parsed, internal::ParseDatabaseUrl(url));
  if (options.read_connections < 1 || options.max_batch < 1 || options.busy_timeout_ms < 0) {
    return InvalidArgumentError("De database-instellingen zijn ongeldig.", "database_options");
  }
  if (parsed.dialect == Dialect::kSqlite) {
    ASSIGN_OR_RETURN(std::unique_ptr<SqliteDatabase> db,
                     SqliteDatabase::Open(parsed.sqlite_path, options));
    return std::unique_ptr<Database>(std::move(db));
  }
  ASSIGN_OR_RETURN(std::unique_ptr<PostgresDatabase> db,
                   PostgresDatabase::Open(parsed.conninfo, parsed.display, options));
  return std::unique_ptr<Database>(std::move(db));
}

}  // namespace baken::store
