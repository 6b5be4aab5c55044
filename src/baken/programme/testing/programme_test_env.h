// Test fixture for the programme store tests: a fresh migrated database (SQLite in a temporary
// folder, or the throwaway PostgreSQL named by BAKEN_TEST_POSTGRES_URL), a FakeClock, and a helper
// that inserts meldingen rows with known category, wijk, dates and state. Tests only.
#pragma once

#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "baken/base/time_zone.h"
#include "baken/store/testing/test_database.h"

namespace baken::programme::testing {

class ProgrammeStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const Status opened = db_.Open();
    ASSERT_TRUE(opened.ok()) << opened.ToString();
  }
  void TearDown() override { db_.Close(); }

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

  FakeClock clock_{FromUnixMicros(1'767'225'600'000'000)};  // 2026-01-01 00:00 UTC
  store::testing::TestDatabase db_;
  int meldingen_ = 0;
};

}  // namespace baken::programme::testing
