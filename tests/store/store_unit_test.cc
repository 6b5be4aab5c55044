// Store pieces that need no database: URL parsing, PostgreSQL text formats, Row accessors,
// migration checksums and the embedded migration list.
#include <gtest/gtest.h>

#include <chrono>

#include "baken/store/database.h"
#include "baken/store/internal/url.h"
#include "baken/store/migrations.h"
#include "baken/store/postgres/pg_text.h"

namespace baken::store {
namespace {

using namespace std::chrono;

TEST(ParseDatabaseUrl, Sqlite) {
  auto parsed = internal::ParseDatabaseUrl("sqlite:data/baken.db");
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(parsed->dialect, Dialect::kSqlite);
  EXPECT_EQ(parsed->sqlite_path, "data/baken.db");
  auto abs = internal::ParseDatabaseUrl("sqlite:///var/lib/baken.db");
  ASSERT_TRUE(abs.ok());
  EXPECT_EQ(abs->sqlite_path, "/var/lib/baken.db");
}

TEST(ParseDatabaseUrl, PostgresDisplayHidesPassword) {
  auto parsed = internal::ParseDatabaseUrl(
      "postgresql://app:geheim@db.example.nl:5433/baken?sslmode=require");
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(parsed->dialect, Dialect::kPostgres);
  EXPECT_EQ(parsed->display, "postgresql://app@db.example.nl:5433/baken");
  EXPECT_EQ(parsed->display.find("geheim"), std::string::npos);
  EXPECT_TRUE(internal::ParseDatabaseUrl("postgres://localhost/baken").ok());
}

TEST(ParseDatabaseUrl, MalformedIsInvalidArgument) {
  for (const char* url : {"", "sqlite:", "sqlite::memory:", "mysql://h/db", "postgresql://h:abc/db",
                          "postgresql://h:99999/db", "postgresql://h:/db", "postgresql://h/a/b"}) {
    auto parsed = internal::ParseDatabaseUrl(url);
    ASSERT_FALSE(parsed.ok()) << url;
    EXPECT_EQ(parsed.status().code(), StatusCode::kInvalidArgument) << url;
  }
}

TEST(NumberPlaceholders, SkipsQuotesCommentsAndDollarBodies) {
  int n = 0;
  EXPECT_EQ(pg_internal::NumberPlaceholders("SELECT ?, '?''?', \"a?\" FROM t WHERE x = ?", &n),
            "SELECT $1, '?''?', \"a?\" FROM t WHERE x = $2");
  EXPECT_EQ(n, 2);
  EXPECT_EQ(pg_internal::NumberPlaceholders("-- wat?\nSELECT /* ? */ ?, $$?$$, $f$?$f$", &n),
            "-- wat?\nSELECT /* ? */ $1, $$?$$, $f$?$f$");
  EXPECT_EQ(n, 1);
  EXPECT_EQ(pg_internal::NumberPlaceholders("SELECT 'open?", &n), "SELECT 'open?");
  EXPECT_EQ(n, 0);
}

TEST(PgTimestamp, FormatAndParseRoundTrip) {
  const Timestamp cases[] = {
      FromUnixMicros(0),
      FromUnixMicros(-1),
      FromUnixMicros(1774746000123456),  // 2026-03-29 01:00:00.123456 UTC, DST starts in NL
      sys_days(year(1900) / 1 / 1) + microseconds(1),
      sys_days(year(9999) / 12 / 31) + hours(23) + minutes(59) + seconds(59) + microseconds(999999),
      sys_days(year(-44) / 3 / 15),  // 45 BC
  };
  for (Timestamp t : cases) {
    std::string text = pg_internal::FormatTimestamp(t);
    auto back = pg_internal::ParseTimestamp(text);
    ASSERT_TRUE(back.has_value()) << text;
    EXPECT_EQ(*back, t) << text;
  }
  EXPECT_EQ(pg_internal::FormatTimestamp(FromUnixMicros(1774746000123456)),
            "2026-03-29 01:00:00.123456+00");
}

TEST(PgTimestamp, ParsesServerVariants) {
  const Timestamp base = sys_days(year(2026) / 3 / 29) + hours(1);
  EXPECT_EQ(pg_internal::ParseTimestamp("2026-03-29 01:00:00+00"), base);
  EXPECT_EQ(pg_internal::ParseTimestamp("2026-03-29 03:00:00+02"), base);
  EXPECT_EQ(pg_internal::ParseTimestamp("2026-03-29 00:30:00-00:30"), base);
  EXPECT_EQ(pg_internal::ParseTimestamp("2026-03-29 01:00:00.5"), base + milliseconds(500));
  EXPECT_FALSE(pg_internal::ParseTimestamp("infinity").has_value());
  EXPECT_FALSE(pg_internal::ParseTimestamp("2026-02-30 00:00:00").has_value());
  EXPECT_FALSE(pg_internal::ParseTimestamp("2026-03-29 01:00:00.1234567").has_value());
}

TEST(PgBytea, RoundTripAllBytes) {
  std::string bytes;
  for (int i = 0; i < 256; ++i) bytes.push_back(static_cast<char>(i));
  std::string hex = pg_internal::EncodeBytea(bytes);
  EXPECT_EQ(hex.substr(0, 6), "\\x0001");
  EXPECT_EQ(pg_internal::DecodeBytea(hex), bytes);
  EXPECT_EQ(pg_internal::DecodeBytea("\\xFF"), std::string("\xff"));
  EXPECT_FALSE(pg_internal::DecodeBytea("\\xf").has_value());
  EXPECT_FALSE(pg_internal::DecodeBytea("abc").has_value());
}

TEST(Row, AccessorsConvertAndDefaultNull) {
  Row row({Null(), Value(int64_t{42}), Value(2.5), Value(std::string("tekst")), Value(Blob{"\x01"}),
           Value(FromUnixMicros(7))});
  EXPECT_TRUE(row.IsNull(0));
  EXPECT_EQ(row.GetInt64(0), 0);
  EXPECT_EQ(row.GetText(0), "");
  EXPECT_EQ(row.GetInt64(1), 42);
  EXPECT_EQ(row.GetDouble(1), 42.0);
  EXPECT_EQ(row.GetTimestamp(1), FromUnixMicros(42));  // SQLite stores timestamps as INTEGER
  EXPECT_EQ(row.GetDouble(2), 2.5);
  EXPECT_EQ(row.GetText(3), "tekst");
  EXPECT_EQ(row.GetBlob(4), Blob{"\x01"});
  EXPECT_EQ(row.GetTimestamp(5), FromUnixMicros(7));
  EXPECT_EQ(row.GetInt64(5), 7);
}

TEST(Migrations, EmbeddedCoreForBothDialects) {
  for (Dialect d : {Dialect::kSqlite, Dialect::kPostgres}) {
    std::vector<Migration> list = EmbeddedMigrations(d);
    ASSERT_FALSE(list.empty());
    EXPECT_EQ(list[0].version, 1);
    EXPECT_EQ(list[0].name, "core");
    EXPECT_NE(list[0].sql.find("CREATE TABLE tenants"), std::string::npos);
    for (size_t i = 1; i < list.size(); ++i) EXPECT_LT(list[i - 1].version, list[i].version);
  }
}

TEST(Migrations, ChecksumIsStableAndSensitive) {
  EXPECT_EQ(MigrationChecksum(""), "cbf29ce484222325");  // FNV-1a 64 offset basis
  EXPECT_NE(MigrationChecksum("CREATE TABLE a(x)"), MigrationChecksum("CREATE TABLE a(y)"));
  EXPECT_EQ(MigrationChecksum("x").size(), 16u);
}

}  // namespace
}  // namespace baken::store
