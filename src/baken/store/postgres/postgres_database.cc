#include "baken/store/postgres/postgres_database.h"

#include <algorithm>
#include <charconv>
#include <condition_variable>
#include <map>
#include <mutex>
#include <optional>
#include <pqxx/pqxx>
#include <random>
#include <thread>
#include <utility>
#include <vector>

#include "baken/store/postgres/pg_text.h"

namespace baken::store {
namespace {

using pg_internal::NumberPlaceholders;

// What a caught exception means for the transaction that saw it.
struct ErrorInfo {
  Status status;
  bool retryable = false;  // serialization failure or deadlock: run fn again
  bool broken = false;     // the connection is gone: replace it
  bool before_fn = false;  // failed before fn ran (e.g. BEGIN on a stale pooled connection)
};

ErrorInfo FromException(const std::exception& e, const std::string& display) {
  ErrorInfo info;
  auto unavailable = [&] {
    info.broken = true;
    info.status = UnavailableError("De database op " + display + " is niet bereikbaar.");
  };
  // In libpqxx 6.4 the transaction_rollback family derives from failure, not from sql_error.
  if (dynamic_cast<const pqxx::serialization_failure*>(&e) != nullptr ||
      dynamic_cast<const pqxx::deadlock_detected*>(&e) != nullptr) {
    info.retryable = true;
    info.status = UnavailableError("De database is tijdelijk bezet; probeer het later opnieuw.");
  } else if (dynamic_cast<const pqxx::broken_connection*>(&e) != nullptr ||
             dynamic_cast<const pqxx::statement_completion_unknown*>(&e) != nullptr ||
             dynamic_cast<const pqxx::in_doubt_error*>(&e) != nullptr) {
    unavailable();
  } else if (const auto* sql = dynamic_cast<const pqxx::sql_error*>(&e)) {
    const std::string& state = sql->sqlstate();
    if (state == "23505") {
      info.status = AlreadyExistsError("Dit gegeven bestaat al.");
    } else if (state.starts_with("23")) {
      info.status =
          FailedPreconditionError("De gegevens voldoen niet aan een voorwaarde van de database.");
    } else if (state == "40001" || state == "40P01") {
      info.retryable = true;
      info.status = UnavailableError("De database is tijdelijk bezet; probeer het later opnieuw.");
    } else if (state.starts_with("08") || state.starts_with("57P")) {
      unavailable();
    } else if (state == "53300") {
      info.status = UnavailableError("De database is tijdelijk niet beschikbaar.");
    } else {
      info.status = InternalError("Interne fout in de database (SQLSTATE " + state + ").");
    }
  } else {
    info.status = InternalError("Interne fout in de database.");
  }
  return info;
}

struct PreparedInfo {
  std::string name;
  int param_count = 0;
};

// One pooled connection with the statements prepared on it, keyed by SQL text.
struct PgConn {
  std::unique_ptr<pqxx::connection> conn;
  std::map<std::string, PreparedInfo, std::less<>> prepared;
};

std::string ToParamText(const Value& v, bool* ok) {
  *ok = true;
  if (const int64_t* n = std::get_if<int64_t>(&v)) return std::to_string(*n);
  if (const double* d = std::get_if<double>(&v)) {
    char buf[64];
    auto res = std::to_chars(buf, buf + sizeof(buf), *d);
    return std::string(buf, res.ptr);
  }
  if (const std::string* s = std::get_if<std::string>(&v)) {
    *ok = s->find('\0') == std::string::npos;  // libpq passes C strings
    return *s;
  }
  if (const Blob* b = std::get_if<Blob>(&v)) return pg_internal::EncodeBytea(b->bytes);
  if (const Timestamp* t = std::get_if<Timestamp>(&v)) return pg_internal::FormatTimestamp(*t);
  return {};
}

Value FromField(const pqxx::field& f, pqxx::oid type) {
  if (f.is_null()) return std::monostate{};
  std::string_view text(f.c_str(), f.size());
  switch (type) {
    case 16:  // bool
      return static_cast<int64_t>(text == "t" ? 1 : 0);
    case 17:  // bytea
      if (auto bytes = pg_internal::DecodeBytea(text)) return Blob{std::move(*bytes)};
      break;
    case 20:  // int8
    case 21:  // int2
    case 23:  // int4
    case 26:  // oid
    {
      int64_t n = 0;
      if (std::from_chars(text.data(), text.data() + text.size(), n).ec == std::errc()) return n;
      break;
    }
    case 700:   // float4
    case 701:   // float8
    case 1700:  // numeric
    {
      double d = 0;
      if (std::from_chars(text.data(), text.data() + text.size(), d).ec == std::errc()) return d;
      break;
    }
    case 1114:  // timestamp
    case 1184:  // timestamptz
      if (auto t = pg_internal::ParseTimestamp(text)) return *t;
      break;
    default: break;
  }
  return std::string(text);
}

Row ToRow(const pqxx::row& r, const pqxx::result& res) {
  std::vector<Value> values;
  values.reserve(r.size());
  for (pqxx::row::size_type c = 0; c < r.size(); ++c) {
    values.push_back(FromField(r[c], res.column_type(c)));
  }
  return Row(std::move(values));
}

class PgTransaction;

class PgStatement final : public Statement {
 public:
  PgStatement(PgTransaction& txn, std::string name, int param_count)
      : txn_(txn), name_(std::move(name)), param_count_(param_count) {}
  StatusOr<int64_t> Execute(Params params) override;
  StatusOr<ResultSet> Query(Params params) override;

 private:
  PgTransaction& txn_;
  std::string name_;
  int param_count_;
};

class PgTransaction final : public Transaction {
 public:
  PgTransaction(pqxx::transaction_base& txn, PgConn& conn, const std::string& display)
      : txn_(txn), conn_(conn), display_(display) {}

  Dialect dialect() const override { return Dialect::kPostgres; }

  StatusOr<std::unique_ptr<Statement>> Prepare(std::string_view sql) override {
    auto it = conn_.prepared.find(sql);
    if (it == conn_.prepared.end()) {
      PreparedInfo info{"baken_" + std::to_string(conn_.prepared.size())};
      std::string numbered = NumberPlaceholders(sql, &info.param_count);
      RETURN_IF_ERROR(Guard([&] { conn_.conn->prepare(info.name, numbered); }));
      it = conn_.prepared.emplace(std::string(sql), std::move(info)).first;
    }
    return std::unique_ptr<Statement>(
        new PgStatement(*this, it->second.name, it->second.param_count));
  }

  Status ForEach(std::string_view sql, Params params, const RowCallback& fn) override {
    int count = 0;
    std::string numbered = NumberPlaceholders(sql, &count);
    std::vector<std::string> texts;
    std::vector<const char*> ptrs;
    RETURN_IF_ERROR(ToParams(params, count, &texts, &ptrs));
    const std::string cursor = "baken_cursor_" + std::to_string(++cursors_);
    RETURN_IF_ERROR(Guard([&] {
      txn_.exec_params("DECLARE " + cursor + " NO SCROLL CURSOR FOR " + numbered,
                       pqxx::prepare::make_dynamic_params(ptrs));
    }));
    while (true) {
      pqxx::result chunk;
      RETURN_IF_ERROR(Guard([&] { chunk = txn_.exec("FETCH FORWARD 512 FROM " + cursor); }));
      for (const pqxx::row& r : chunk) RETURN_IF_ERROR(fn(ToRow(r, chunk)));
      if (chunk.size() < 512) break;
    }
    return Guard([&] { txn_.exec("CLOSE " + cursor); });
  }

  Status ExecuteScript(std::string_view sql) override {
    return Guard([&] { txn_.exec(std::string(sql)); });
  }

  StatusOr<pqxx::result> Run(const std::string& name, int count, Params params) {
    std::vector<std::string> texts;
    std::vector<const char*> ptrs;
    RETURN_IF_ERROR(ToParams(params, count, &texts, &ptrs));
    pqxx::result res;
    RETURN_IF_ERROR(
        Guard([&] { res = txn_.exec_prepared(name, pqxx::prepare::make_dynamic_params(ptrs)); }));
    return res;
  }

  // Runs `body`, turning a pqxx exception into a Status. The first failure is remembered: in
  // PostgreSQL it aborts the transaction, so the transaction must not report success.
  template <typename F>
  Status Guard(F&& body) {
    if (!first_error_.status.ok()) return first_error_.status;
    try {
      body();
      return Status::Ok();
    } catch (const std::exception& e) {
      first_error_ = FromException(e, display_);
      return first_error_.status;
    }
  }

  const ErrorInfo& first_error() const { return first_error_; }

 private:
  static Status ToParams(Params params, int count, std::vector<std::string>* texts,
                         std::vector<const char*>* ptrs) {
    if (static_cast<int>(params.size()) != count) {
      return InternalError("Interne fout: verkeerd aantal parameters voor de database.");
    }
    texts->reserve(params.size());
    for (const Value& v : params) {
      bool ok = true;
      texts->push_back(ToParamText(v, &ok));
      if (!ok) return InvalidArgumentError("Tekst met een nul-teken kan niet worden opgeslagen.");
    }
    for (size_t i = 0; i < params.size(); ++i) {
      ptrs->push_back(IsNull(params[i]) ? nullptr : (*texts)[i].c_str());
    }
    return Status::Ok();
  }

  pqxx::transaction_base& txn_;
  PgConn& conn_;
  const std::string& display_;
  ErrorInfo first_error_;
  int cursors_ = 0;
};

StatusOr<int64_t> PgStatement::Execute(Params params) {
  ASSIGN_OR_RETURN(pqxx::result res, txn_.Run(name_, param_count_, params));
  return static_cast<int64_t>(res.affected_rows());
}

StatusOr<ResultSet> PgStatement::Query(Params params) {
  ASSIGN_OR_RETURN(pqxx::result res, txn_.Run(name_, param_count_, params));
  ResultSet rs;
  for (pqxx::row::size_type c = 0; c < res.columns(); ++c)
    rs.columns.emplace_back(res.column_name(c));
  rs.rows.reserve(res.size());
  for (const pqxx::row& r : res) rs.rows.push_back(ToRow(r, res));
  return rs;
}

}  // namespace

struct PostgresDatabase::Impl {
  // Constant after construction.
  std::string conninfo;
  std::string display;
  DatabaseOptions options;

  std::mutex mu;
  std::condition_variable cv;
  std::vector<std::unique_ptr<PgConn>> idle;  // guarded by mu

  Status Connect(PgConn& c) {
    try {
      c.prepared.clear();
      c.conn.reset();
      auto conn = std::make_unique<pqxx::connection>(conninfo);
      pqxx::nontransaction setup(*conn);
      setup.exec("SET TIME ZONE 'UTC'");
      setup.commit();
      c.conn = std::move(conn);
      return Status::Ok();
    } catch (const std::exception& e) {
      ErrorInfo info = FromException(e, display);
      if (dynamic_cast<const pqxx::sql_error*>(&e) == nullptr) {
        return UnavailableError("De database op " + display + " is niet bereikbaar.");
      }
      return info.status;
    }
  }

  std::unique_ptr<PgConn> Acquire() {
    std::unique_lock lock(mu);
    cv.wait(lock, [this] { return !idle.empty(); });
    std::unique_ptr<PgConn> c = std::move(idle.back());
    idle.pop_back();
    return c;
  }

  void Release(std::unique_ptr<PgConn> c) {
    {
      std::lock_guard lock(mu);
      idle.push_back(std::move(c));
    }
    cv.notify_one();
  }

  // One attempt of fn in a transaction opened with `begin`.
  ErrorInfo RunOnce(PgConn& c, const char* begin, const std::function<Status(Transaction&)>& fn) {
    if (c.conn == nullptr || !c.conn->is_open()) {
      Status s = Connect(c);
      if (!s.ok()) return ErrorInfo{s, false, true};
    }
    bool started = false;
    try {
      pqxx::nontransaction txn(*c.conn);
      txn.exec(begin);
      PgTransaction t(txn, c, display);
      Status result;
      started = true;
      try {
        result = fn(t);
      } catch (const std::exception&) {
        result = InternalError("Interne fout tijdens een databasetransactie.");
      }
      if (result.ok() && !t.first_error().status.ok()) {
        result = t.first_error().status;  // fn swallowed an error that aborted the transaction
      }
      if (!result.ok()) {
        ErrorInfo info = t.first_error().status == result ? t.first_error() : ErrorInfo{result};
        txn.exec("ROLLBACK");
        txn.commit();
        return info;
      }
      txn.exec("COMMIT");
      txn.commit();
      return ErrorInfo{};
    } catch (const std::exception& e) {
      ErrorInfo info = FromException(e, display);
      info.before_fn = !started;
      if (!info.broken) {
        try {
          pqxx::nontransaction cleanup(*c.conn);
          cleanup.exec("ROLLBACK");
        } catch (const std::exception&) {
          info.broken = true;
        }
      }
      return info;
    }
  }

  Status Run(const char* begin, const std::function<Status(Transaction&)>& fn) {
    std::unique_ptr<PgConn> c = Acquire();
    ErrorInfo info;
    bool reconnected = false;
    for (int attempt = 1; attempt <= kMaxAttempts; ++attempt) {
      info = RunOnce(*c, begin, fn);
      if (info.broken) c->conn.reset();
      if (info.broken && info.before_fn && !reconnected) {
        reconnected = true;  // a pooled connection went stale: one fresh try, fn never ran
        continue;
      }
      if (!info.retryable) break;
      // Back off a little, with jitter so the conflicting callers do not collide again in step.
      thread_local std::minstd_rand jitter(
          static_cast<unsigned>(std::hash<std::thread::id>()(std::this_thread::get_id())));
      std::this_thread::sleep_for(
          std::chrono::microseconds(std::min(attempt, 5) * 500 + jitter() % 3000));
    }
    Release(std::move(c));
    return info.status;
  }
};

StatusOr<std::unique_ptr<PostgresDatabase>> PostgresDatabase::Open(const std::string& conninfo,
                                                                   const std::string& display,
                                                                   const DatabaseOptions& options) {
  auto impl = std::make_unique<Impl>();
  impl->conninfo = conninfo;
  impl->display = display;
  impl->options = options;
  for (int i = 0; i < options.read_connections; ++i) {
    auto c = std::make_unique<PgConn>();
    RETURN_IF_ERROR(impl->Connect(*c));
    impl->idle.push_back(std::move(c));
  }
  return std::unique_ptr<PostgresDatabase>(new PostgresDatabase(std::move(impl)));
}

PostgresDatabase::PostgresDatabase(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
PostgresDatabase::~PostgresDatabase() = default;

Status PostgresDatabase::Write(const std::function<Status(Transaction&)>& fn) {
  return impl_->Run("BEGIN ISOLATION LEVEL SERIALIZABLE", fn);
}

Status PostgresDatabase::Read(const std::function<Status(Transaction&)>& fn) {
  return impl_->Run("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY", fn);
}

std::string PostgresDatabase::DisplayUrl() const {
  return impl_->display;
}

}  // namespace baken::store
