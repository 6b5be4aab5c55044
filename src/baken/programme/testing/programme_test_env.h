// Test fixture for the programme store tests: a fresh migrated database (SQLite in a temporary
// folder, or the throwaway PostgreSQL named by BAKEN_TEST_POSTGRES_URL), a FakeClock, and a helper
// that inserts meldingen rows with known category, wijk, dates and state. Tests only.
#pragma once

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "baken/base/time_zone.h"
#include "baken/store/testing/test_database.h"

namespace baken::programme::testing {

class ProgrammeStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("baken_programme_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    const char* pg = std::getenv("BAKEN_TEST_POSTGRES_URL");
    auto db = store::testing::OpenFreshMigratedDatabase(
        pg != nullptr ? std::string(pg) : "sqlite:" + (dir_ / "baken.db").string());
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    db_ = std::move(*db);
  }
  void TearDown() override {
    db_.reset();
    std::filesystem::remove_all(dir_);
  }

  // Amsterdam local time "YYYY-MM-DD HH:MM:SS".
  static Timestamp At(const std::string& local) {
    StatusOr<Timestamp> t = ParseLocal(local);
    EXPECT_TRUE(t.ok()) << local;
    return t.ok() ? *t : Timestamp{};
  }

  struct MeldingRow {
    std::string category;
    std::string main_category;
    std::string wijk;
    std::string received;  // Amsterdam local time
    std::string state = "gemeld";
    std::string deadline = "2030-01-01 00:00:00";
    std::string closed;  // empty: open
    std::string tenant = "GM0014";
  };

  void AddMelding(const MeldingRow& m) {
    const int n = ++meldingen_;
    const std::string id = "m-" + std::to_string(n);
    Status s = db_->Write([&](store::Transaction& txn) -> Status {
      return txn
          .Execute(
              "INSERT INTO meldingen (id, tenant, number, text, category, main_category, "
              "sensitivity, sensitivity_rank, x, y, lon, lat, cell_x, cell_y, buurt, wijk, "
              "occurred_at, received_at, channel, reporter_name, reporter_email, reporter_phone, "
              "reporter_consent, state, department, assignee, priority, deadline, closed_at, "
              "version, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'internal', 1, 233000.0, "
              "582000.0, 6.56, 53.21, 4660, 11640, ?, ?, ?, ?, 'web', '', '', '', 0, ?, "
              "'stadsbeheer', '', 'normaal', ?, ?, 1, ?)",
              {id, m.tenant, "M-2025-" + std::to_string(100000 + n), "tekst", m.category,
               m.main_category, "BU" + m.wijk.substr(2) + "00", m.wijk, At(m.received),
               At(m.received), m.state, At(m.deadline),
               m.closed.empty() ? store::Null() : store::Value(At(m.closed)), At(m.received)})
          .status();
    });
    ASSERT_TRUE(s.ok()) << s.ToString();
  }

  std::filesystem::path dir_;
  FakeClock clock_{FromUnixMicros(1'767'225'600'000'000)};  // 2026-01-01 00:00 UTC
  std::unique_ptr<store::Database> db_;
  int meldingen_ = 0;
};

}  // namespace baken::programme::testing
