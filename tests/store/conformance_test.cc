// One suite, two databases: every case runs against SQLite (temp file) and PostgreSQL (the
// throwaway cluster of the CTest fixture "postgres"; its URL file is named by
// BAKEN_TEST_POSTGRES_URL_FILE). A missing PostgreSQL fails the PostgreSQL cases, never skips them.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <thread>
#include <vector>

#include "baken/store/backup.h"
#include "baken/store/bulk_load.h"
#include "baken/store/database.h"
#include "baken/store/migrations.h"
#include "baken/store/testing/test_database.h"

namespace baken::store {
namespace {

using namespace std::chrono;

class ConformanceTest : public ::testing::TestWithParam<Dialect> {
 protected:
  void SetUp() override {
    std::string url;
    if (GetParam() == Dialect::kSqlite) {
      url = "sqlite:" + tmp_.File("test.db");
    } else {
      url = testing::PostgresTestUrl("baken_test");
      ASSERT_FALSE(url.empty())
          << "PostgreSQL test cluster not running: no URL in $BAKEN_TEST_POSTGRES_URL_FILE. Run "
             "the tests with ctest (fixture 'postgres' starts scripts/test-postgres).";
    }
    auto db = OpenDatabase(url, {.read_connections = 4});
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    db_ = std::move(*db);
    // Each case starts from an empty schema.
    ASSERT_TRUE(testing::ResetSchema(*db_).ok());
  }

  void Script(const std::string& sql) {
    Status s = db_->Write([&](Transaction& txn) { return txn.ExecuteScript(sql); });
    ASSERT_TRUE(s.ok()) << s.ToString();
  }

  int64_t Count(const std::string& table) {
    int64_t n = -1;
    Status s = db_->Read([&](Transaction& txn) -> Status {
      ASSIGN_OR_RETURN(Row row, txn.QueryRow("SELECT count(*) FROM " + table));
      n = row.GetInt64(0);
      return Status::Ok();
    });
    EXPECT_TRUE(s.ok()) << s.ToString();
    return n;
  }

  Status Insert(const std::string& sql, std::initializer_list<Value> params) {
    return db_->Write([&](Transaction& txn) { return txn.Execute(sql, params).status(); });
  }

  bool pg() const { return GetParam() == Dialect::kPostgres; }
  std::string TimestampType() const { return pg() ? "TIMESTAMPTZ" : "INTEGER"; }
  std::string BlobType() const { return pg() ? "BYTEA" : "BLOB"; }
  std::string DoubleType() const { return pg() ? "DOUBLE PRECISION" : "REAL"; }

  testing::TempDir tmp_;
  std::unique_ptr<Database> db_;
};

TEST_P(ConformanceTest, CommittedWriteIsVisible) {
  Script("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)");
  EXPECT_EQ(db_->dialect(), GetParam());
  ASSERT_TRUE(Insert("INSERT INTO t (id, v) VALUES (?, ?)", {int64_t{1}, std::string("a")}).ok());
  EXPECT_EQ(Count("t"), 1);
  Status s = db_->Read([](Transaction& txn) -> Status {
    ASSIGN_OR_RETURN(Row row, txn.QueryRow("SELECT v FROM t WHERE id = ?", {int64_t{1}}));
    EXPECT_EQ(row.GetText(0), "a");
    auto missing = txn.QueryRow("SELECT v FROM t WHERE id = ?", {int64_t{2}});
    EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
    return Status::Ok();
  });
  EXPECT_TRUE(s.ok()) << s.ToString();
}

TEST_P(ConformanceTest, ErrorRollsBackEverything) {
  Script("CREATE TABLE t (id INTEGER PRIMARY KEY)");
  Status s = db_->Write([](Transaction& txn) -> Status {
    RETURN_IF_ERROR(txn.Execute("INSERT INTO t (id) VALUES (?)", {int64_t{1}}));
    RETURN_IF_ERROR(txn.Execute("INSERT INTO t (id) VALUES (?)", {int64_t{2}}));
    return InvalidArgumentError("afgebroken");
  });
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.message(), "afgebroken");
  EXPECT_EQ(Count("t"), 0);
}

TEST_P(ConformanceTest, ConstraintViolationsMapToCodes) {
  Script(
      "CREATE TABLE parent (id INTEGER PRIMARY KEY, code TEXT UNIQUE);"
      "CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER NOT NULL REFERENCES "
      "parent(id), n INTEGER CHECK (n > 0))");
  ASSERT_TRUE(Insert("INSERT INTO parent (id, code) VALUES (1, 'GM0014')", {}).ok());
  EXPECT_EQ(Insert("INSERT INTO parent (id, code) VALUES (1, 'X')", {}).code(),
            StatusCode::kAlreadyExists);
  EXPECT_EQ(Insert("INSERT INTO parent (id, code) VALUES (2, 'GM0014')", {}).code(),
            StatusCode::kAlreadyExists);
  EXPECT_EQ(Insert("INSERT INTO child (id, parent_id, n) VALUES (1, 99, 1)", {}).code(),
            StatusCode::kFailedPrecondition);
  EXPECT_EQ(Insert("INSERT INTO child (id, parent_id, n) VALUES (1, NULL, 1)", {}).code(),
            StatusCode::kFailedPrecondition);
  EXPECT_EQ(Insert("INSERT INTO child (id, parent_id, n) VALUES (1, 1, 0)", {}).code(),
            StatusCode::kFailedPrecondition);
  ASSERT_TRUE(Insert("INSERT INTO child (id, parent_id, n) VALUES (1, 1, 1)", {}).ok());
  EXPECT_EQ(Count("child"), 1);
  // A swallowed error still fails the transaction (PostgreSQL aborts it; SQLite keeps the rule).
  Status swallowed = db_->Write([](Transaction& txn) -> Status {
    (void)txn.Execute("INSERT INTO parent (id, code) VALUES (1, 'dup')");
    return Status::Ok();
  });
  if (pg()) {
    EXPECT_EQ(swallowed.code(), StatusCode::kAlreadyExists);
  }
  EXPECT_EQ(Count("parent"), 1);
}

TEST_P(ConformanceTest, ReadersSeeConsistentSnapshotsWhileWriting) {
  Script("CREATE TABLE account (id INTEGER PRIMARY KEY, balance INTEGER NOT NULL)");
  ASSERT_TRUE(Insert("INSERT INTO account (id, balance) VALUES (1, 100), (2, 0)", {}).ok());
  std::atomic<bool> done{false};
  std::atomic<int> reads{0}, bad{0};
  std::vector<std::thread> readers;
  for (int r = 0; r < 4; ++r) {
    readers.emplace_back([&] {
      while (!done.load() || reads.load() < 20) {
        Status s = db_->Read([&](Transaction& txn) -> Status {
          ASSIGN_OR_RETURN(Row a, txn.QueryRow("SELECT balance FROM account WHERE id = 1"));
          std::this_thread::yield();
          ASSIGN_OR_RETURN(Row b, txn.QueryRow("SELECT balance FROM account WHERE id = 2"));
          if (a.GetInt64(0) + b.GetInt64(0) != 100) bad++;
          return Status::Ok();
        });
        if (!s.ok()) bad++;
        reads++;
      }
    });
  }
  for (int i = 0; i < 100; ++i) {
    Status s = db_->Write([&](Transaction& txn) -> Status {
      RETURN_IF_ERROR(txn.Execute("UPDATE account SET balance = balance - 1 WHERE id = 1"));
      return txn.Execute("UPDATE account SET balance = balance + 1 WHERE id = 2").status();
    });
    ASSERT_TRUE(s.ok()) << s.ToString();
  }
  done = true;
  for (auto& t : readers) t.join();
  EXPECT_EQ(bad.load(), 0);
  EXPECT_GE(reads.load(), 20);
}

TEST_P(ConformanceTest, ConcurrentWritersAreAllAcknowledgedAndPresent) {
  Script("CREATE TABLE t (id INTEGER PRIMARY KEY, who INTEGER NOT NULL)");
  constexpr int kThreads = 8, kEach = 40;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int w = 0; w < kThreads; ++w) {
    threads.emplace_back([&, w] {
      for (int i = 0; i < kEach; ++i) {
        int64_t id = w * kEach + i;
        if (!Insert("INSERT INTO t (id, who) VALUES (?, ?)", {id, int64_t{w}}).ok()) failures++;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(Count("t"), kThreads * kEach);
}

TEST_P(ConformanceTest, ReadModifyWriteLosesNoUpdates) {
  // SQLite serialises writers; PostgreSQL runs SERIALIZABLE and re-runs fn on 40001.
  Script("CREATE TABLE counter (id INTEGER PRIMARY KEY, n INTEGER NOT NULL)");
  ASSERT_TRUE(Insert("INSERT INTO counter (id, n) VALUES (1, 0)", {}).ok());
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int w = 0; w < 4; ++w) {
    threads.emplace_back([&] {
      for (int i = 0; i < 10; ++i) {
        Status s = db_->Write([](Transaction& txn) -> Status {
          ASSIGN_OR_RETURN(Row r, txn.QueryRow("SELECT n FROM counter WHERE id = 1"));
          return txn.Execute("UPDATE counter SET n = ? WHERE id = 1", {r.GetInt64(0) + 1}).status();
        });
        if (!s.ok()) {
          ADD_FAILURE() << s.ToString();
          failures++;
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);
  Status s = db_->Read([](Transaction& txn) -> Status {
    ASSIGN_OR_RETURN(Row r, txn.QueryRow("SELECT n FROM counter WHERE id = 1"));
    EXPECT_EQ(r.GetInt64(0), 40);
    return Status::Ok();
  });
  EXPECT_TRUE(s.ok()) << s.ToString();
}

TEST_P(ConformanceTest, MigrateFromEmptyThenRerunIsNoOp) {
  auto applied = Migrate(*db_);
  ASSERT_TRUE(applied.ok()) << applied.status().ToString();
  EXPECT_EQ(*applied, static_cast<int>(EmbeddedMigrations(GetParam()).size()));
  auto again = Migrate(*db_);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(*again, 0);
  auto status = GetMigrationStatus(*db_);
  ASSERT_TRUE(status.ok()) << status.status().ToString();
  EXPECT_EQ(status->pending, 0);
  ASSERT_FALSE(status->migrations.empty());
  EXPECT_EQ(status->migrations[0].name, "core");
  EXPECT_TRUE(status->migrations[0].applied);
  EXPECT_TRUE(status->migrations[0].applied_at.has_value());
  EXPECT_TRUE(Insert("INSERT INTO tenants (code, name, created_at) VALUES (?, ?, ?)",
                     {std::string("GM0014"), std::string("Groningen"), FromUnixMicros(0)})
                  .ok());
}

// Only SQLite puts index maintenance off during a bulk load; PostgreSQL keeps its indexes and
// records nothing, so RestoreDeferred has nothing to do on either afterwards.
TEST_P(ConformanceTest, BulkLoadDefersIndexesOnSqliteOnly) {
  ASSERT_TRUE(Migrate(*db_).ok());
  Script(
      "CREATE TABLE bulk (id INTEGER PRIMARY KEY, v INTEGER NOT NULL);"
      "CREATE INDEX bulk_v ON bulk (v);");
  auto deferred = DeferIndexes(*db_, "bulk", {}, {});
  ASSERT_TRUE(deferred.ok()) << deferred.status().ToString();
  EXPECT_EQ(*deferred, !pg());
  EXPECT_EQ(Count("store_deferred"), pg() ? 0 : 1);
  ASSERT_TRUE(Insert("INSERT INTO bulk (id, v) VALUES (?, ?)", {int64_t{1}, int64_t{7}}).ok());
  auto ran = RestoreDeferred(*db_);
  ASSERT_TRUE(ran.ok()) << ran.status().ToString();
  EXPECT_EQ(*ran, pg() ? 0 : 1);
  EXPECT_EQ(Count("store_deferred"), 0);
  EXPECT_EQ(Count("bulk"), 1);
}

TEST_P(ConformanceTest, ChangedMigrationIsRefusedAndPendingIsReported) {
  std::vector<Migration> v1 = {{1, "eerste", "CREATE TABLE a (x INTEGER)"}};
  ASSERT_EQ(Migrate(*db_, v1).value(), 1);
  std::vector<Migration> v2 = {{1, "eerste", "CREATE TABLE a (x INTEGER, y INTEGER)"},
                               {2, "tweede", "CREATE TABLE b (x INTEGER)"}};
  auto refused = Migrate(*db_, v2);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(refused.status().message().find("0001_eerste"), std::string::npos);
  std::vector<Migration> v3 = {v1[0], {2, "tweede", "CREATE TABLE b (x INTEGER)"}};
  auto status = GetMigrationStatus(*db_, v3);
  ASSERT_TRUE(status.ok());
  EXPECT_EQ(status->pending, 1);
  EXPECT_EQ(Migrate(*db_, v3).value(), 1);
  // A failing script is rolled back entirely, and reported with its name.
  std::vector<Migration> v4 = {v3[0], v3[1], {3, "kapot", "CREATE TABLE c (x INTEGER); SELEC 1"}};
  auto failed = Migrate(*db_, v4);
  ASSERT_FALSE(failed.ok());
  EXPECT_NE(failed.status().message().find("0003_kapot"), std::string::npos);
  EXPECT_TRUE(Insert("CREATE TABLE c (x INTEGER)", {}).ok());  // c was not left behind
}

TEST_P(ConformanceTest, UnicodeTextRoundTrips) {
  Script("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)");
  const std::string texts[] = {"Overlast op de Grote Markt – ’s avonds", "ĳsbaan Stadspark",
                               "emoji 🚲🏳️‍🌈", "Ærø Ĳmuiden Ŝ", ""};
  for (int i = 0; i < 5; ++i) {
    ASSERT_TRUE(Insert("INSERT INTO t (id, v) VALUES (?, ?)", {int64_t{i}, texts[i]}).ok());
  }
  Status s = db_->Read([&](Transaction& txn) -> Status {
    ASSIGN_OR_RETURN(ResultSet rs, txn.Query("SELECT id, v FROM t ORDER BY id"));
    EXPECT_EQ(rs.rows.size(), 5u);
    for (const Row& r : rs.rows) EXPECT_EQ(r.GetText(1), texts[r.GetInt64(0)]);
    ASSIGN_OR_RETURN(Row like, txn.QueryRow("SELECT id FROM t WHERE v = ?", {texts[1]}));
    EXPECT_EQ(like.GetInt64(0), 1);
    return Status::Ok();
  });
  EXPECT_TRUE(s.ok()) << s.ToString();
}

TEST_P(ConformanceTest, LargeBlobWithEveryByteValue) {
  Script("CREATE TABLE t (id INTEGER PRIMARY KEY, b " + BlobType() + ")");
  Blob blob;
  blob.bytes.resize(8 << 20);
  for (size_t i = 0; i < blob.bytes.size(); ++i) {
    blob.bytes[i] = static_cast<char>((i * 7 + i / 256) & 0xff);
  }
  ASSERT_TRUE(Insert("INSERT INTO t (id, b) VALUES (1, ?)", {blob}).ok());
  ASSERT_TRUE(Insert("INSERT INTO t (id, b) VALUES (2, ?)", {Blob{}}).ok());
  Status s = db_->Read([&](Transaction& txn) -> Status {
    ASSIGN_OR_RETURN(Row row, txn.QueryRow("SELECT b FROM t WHERE id = 1"));
    EXPECT_TRUE(std::holds_alternative<Blob>(row.at(0)));
    EXPECT_TRUE(row.GetBlob(0) == blob);
    ASSIGN_OR_RETURN(Row empty, txn.QueryRow("SELECT b FROM t WHERE id = 2"));
    EXPECT_FALSE(empty.IsNull(0));
    EXPECT_EQ(empty.GetBlob(0).bytes, "");
    return Status::Ok();
  });
  EXPECT_TRUE(s.ok()) << s.ToString();
}

TEST_P(ConformanceTest, TimestampsRoundTripToTheMicrosecond) {
  Script("CREATE TABLE t (id INTEGER PRIMARY KEY, at " + TimestampType() + ")");
  const Timestamp cases[] = {
      FromUnixMicros(0),
      FromUnixMicros(-1),
      sys_days(year(1900) / 1 / 1) + microseconds(123456),
      sys_days(year(1969) / 12 / 31) + hours(23) + minutes(59) + seconds(59) + microseconds(1),
      sys_days(year(2026) / 3 / 29) + hours(1) + microseconds(123456),  // DST begins (NL)
      sys_days(year(2026) / 10 / 25) + minutes(59) + seconds(59) + microseconds(999999),
      sys_days(year(2026) / 10 / 25) + hours(1),  // DST ends (NL)
      sys_days(year(9999) / 12 / 31) + hours(23) + minutes(59) + seconds(59) + microseconds(999999),
  };
  for (size_t i = 0; i < std::size(cases); ++i) {
    ASSERT_TRUE(Insert("INSERT INTO t (id, at) VALUES (?, ?)", {int64_t(i), cases[i]}).ok());
  }
  Status s = db_->Read([&](Transaction& txn) -> Status {
    ASSIGN_OR_RETURN(ResultSet rs, txn.Query("SELECT id, at FROM t ORDER BY at"));
    EXPECT_EQ(rs.rows.size(), std::size(cases));
    for (size_t i = 0; i < rs.rows.size(); ++i) {
      EXPECT_EQ(rs.rows[i].GetTimestamp(1), cases[rs.rows[i].GetInt64(0)]) << i;
    }
    // Range queries with a Timestamp parameter work in both dialects.
    ASSIGN_OR_RETURN(
        Row n, txn.QueryRow("SELECT count(*) FROM t WHERE at < ?", {Value(FromUnixMicros(0))}));
    EXPECT_EQ(n.GetInt64(0), 3);
    return Status::Ok();
  });
  EXPECT_TRUE(s.ok()) << s.ToString();
}

TEST_P(ConformanceTest, NullsIntegersAndDoubles) {
  Script("CREATE TABLE t (id INTEGER PRIMARY KEY, i BIGINT, d " + DoubleType() + ", s TEXT, b " +
         BlobType() + ", at " + TimestampType() + ")");
  const int64_t ints[] = {std::numeric_limits<int64_t>::min(), -1, 0,
                          std::numeric_limits<int64_t>::max()};
  const double doubles[] = {0.1, -1e300, 5e-324, 1.0 / 3.0};
  for (int k = 0; k < 4; ++k) {
    ASSERT_TRUE(
        Insert("INSERT INTO t (id, i, d) VALUES (?, ?, ?)", {int64_t{k}, ints[k], doubles[k]})
            .ok());
  }
  ASSERT_TRUE(Insert("INSERT INTO t (id, i, d, s, b, at) VALUES (?, ?, ?, ?, ?, ?)",
                     {int64_t{9}, Null(), Null(), Null(), Null(), Null()})
                  .ok());
  Status s = db_->Read([&](Transaction& txn) -> Status {
    ASSIGN_OR_RETURN(ResultSet rs, txn.Query("SELECT i, d, s, b, at FROM t ORDER BY id"));
    EXPECT_EQ(rs.columns, (std::vector<std::string>{"i", "d", "s", "b", "at"}));
    for (int k = 0; k < 4; ++k) {
      EXPECT_EQ(rs.rows[k].GetInt64(0), ints[k]);
      EXPECT_EQ(rs.rows[k].GetDouble(1), doubles[k]);
    }
    for (size_t c = 0; c < 5; ++c) EXPECT_TRUE(rs.rows[4].IsNull(c)) << c;
    ASSIGN_OR_RETURN(Row sum, txn.QueryRow("SELECT count(*) FROM t WHERE i IS NULL"));
    EXPECT_EQ(sum.GetInt64(0), 1);
    return Status::Ok();
  });
  EXPECT_TRUE(s.ok()) << s.ToString();
}

TEST_P(ConformanceTest, ForEachStreamsAndStopsAtFirstError) {
  Script("CREATE TABLE t (id INTEGER PRIMARY KEY)");
  ASSERT_TRUE(db_->Write([](Transaction& txn) -> Status {
                   ASSIGN_OR_RETURN(auto stmt, txn.Prepare("INSERT INTO t (id) VALUES (?)"));
                   for (int64_t i = 0; i < 3000; ++i) {
                     Value v(i);
                     RETURN_IF_ERROR(stmt->Execute(Params(&v, 1)));
                   }
                   return Status::Ok();
                 })
                  .ok());
  Status s = db_->Read([](Transaction& txn) -> Status {
    int64_t n = 0, sum = 0;
    Value min(int64_t{10});
    RETURN_IF_ERROR(txn.ForEach("SELECT id FROM t WHERE id >= ? ORDER BY id", Params(&min, 1),
                                [&](const Row& r) {
                                  ++n;
                                  sum += r.GetInt64(0);
                                  return Status::Ok();
                                }));
    EXPECT_EQ(n, 2990);
    EXPECT_EQ(sum, 3000LL * 2999 / 2 - 45);
    int seen = 0;
    Status stop = txn.ForEach("SELECT id FROM t ORDER BY id", {}, [&](const Row&) {
      return ++seen == 5 ? NotFoundError("genoeg") : Status::Ok();
    });
    EXPECT_EQ(stop.message(), "genoeg");
    EXPECT_EQ(seen, 5);
    return Status::Ok();
  });
  EXPECT_TRUE(s.ok()) << s.ToString();
}

TEST_P(ConformanceTest, QuestionMarkInsideLiteralIsNoPlaceholder) {
  Script("CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT, b TEXT)");
  ASSERT_TRUE(Insert("INSERT INTO t (id, a, b) VALUES (?, 'wie? wat?', ?) -- waarom?",
                     {int64_t{1}, std::string("echt?")})
                  .ok());
  Status s = db_->Read([](Transaction& txn) -> Status {
    ASSIGN_OR_RETURN(
        Row r, txn.QueryRow("SELECT a, b FROM t WHERE a = 'wie? wat?' AND id = ?", {int64_t{1}}));
    EXPECT_EQ(r.GetText(0), "wie? wat?");
    EXPECT_EQ(r.GetText(1), "echt?");
    return Status::Ok();
  });
  EXPECT_TRUE(s.ok()) << s.ToString();
}

TEST_P(ConformanceTest, BackupDependsOnDialect) {
  Script("CREATE TABLE t (id INTEGER PRIMARY KEY)");
  Status s = BackupDatabase(*db_, tmp_.File("backup.db"));
  if (pg()) {
    EXPECT_EQ(s.code(), StatusCode::kFailedPrecondition);
  } else {
    EXPECT_TRUE(s.ok()) << s.ToString();
  }
}

TEST_P(ConformanceTest, SurvivesDroppedConnections) {
  Script("CREATE TABLE t (id INTEGER PRIMARY KEY)");
  ASSERT_TRUE(Insert("INSERT INTO t (id) VALUES (1)", {}).ok());
  if (pg()) {
    // Another client kills every pooled connection, as a server restart or failover would.
    auto other = OpenDatabase(testing::PostgresTestUrl("baken_test"), {.read_connections = 1});
    ASSERT_TRUE(other.ok());
    Status killed = (*other)->Read([](Transaction& txn) {
      return txn
          .Query(
              "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid <> "
              "pg_backend_pid() AND datname = current_database() AND backend_type = 'client "
              "backend'")
          .status();
    });
    ASSERT_TRUE(killed.ok()) << killed.ToString();
  }
  for (int i = 2; i < 10; ++i) {
    Status s = Insert("INSERT INTO t (id) VALUES (?)", {int64_t{i}});
    EXPECT_TRUE(s.ok()) << s.ToString();
  }
  EXPECT_EQ(Count("t"), 9);
}

INSTANTIATE_TEST_SUITE_P(Dialects, ConformanceTest,
                         ::testing::Values(Dialect::kSqlite, Dialect::kPostgres),
                         [](const auto& info) {
                           return info.param == Dialect::kSqlite ? "Sqlite" : "Postgres";
                         });

TEST(OpenDatabase, UnreachablePostgresIsUnavailableWithoutPassword) {
  auto db = OpenDatabase("postgresql://baken:geheim@127.0.0.1:1/baken_test?connect_timeout=5");
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.status().code(), StatusCode::kUnavailable);
  EXPECT_NE(db.status().message().find("127.0.0.1:1"), std::string::npos);
  EXPECT_EQ(db.status().message().find("geheim"), std::string::npos);
}

TEST(OpenDatabase, SqliteDisplayUrl) {
  testing::TempDir tmp;
  auto db = OpenDatabase("sqlite:" + tmp.File("x.db"));
  ASSERT_TRUE(db.ok()) << db.status().ToString();
  EXPECT_EQ((*db)->DisplayUrl(), "sqlite:" + tmp.File("x.db"));
}

TEST(OpenDatabase, MalformedUrlIsInvalidArgument) {
  for (const char* url : {"", "sqlite:", "sqlite::memory:", "mysql://localhost/baken",
                          "postgresql://localhost:poort/baken"}) {
    auto db = OpenDatabase(url);
    ASSERT_FALSE(db.ok()) << url;
    EXPECT_EQ(db.status().code(), StatusCode::kInvalidArgument) << url;
  }
}

TEST(OpenDatabase, UnopenableSqliteFileIsUnavailableAndNamesIt) {
  auto db = OpenDatabase("sqlite:/nonexistent-baken-dir/x.db");
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.status().code(), StatusCode::kUnavailable);
  EXPECT_NE(db.status().message().find("/nonexistent-baken-dir/x.db"), std::string::npos);
}

}  // namespace
}  // namespace baken::store
