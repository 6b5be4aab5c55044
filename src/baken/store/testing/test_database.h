// Test support: databases for tests that run on SQLite and on the throwaway PostgreSQL cluster.
//
// The CTest fixture "postgres" (tests/store, scripts/test-postgres) writes the cluster's URL to a
// file named by BAKEN_TEST_POSTGRES_URL_FILE; it creates one database per test suite so suites run
// in parallel. Linked only into tests (target baken::store_testing). Not thread-safe to set up.
#pragma once

#include <memory>
#include <string>

#include "baken/base/status.h"
#include "baken/store/database.h"

namespace baken::store::testing {

// URL of `database` in the throwaway cluster; empty when the fixture's URL file is not there
// (callers fail the test then, never skip it).
std::string PostgresTestUrl(const std::string& database);

// PostgreSQL: drops and recreates the public schema, so each test starts empty. SQLite: nothing
// (tests use a fresh file).
Status ResetSchema(Database& db);

// Opens `url`, empties it (ResetSchema) and applies every embedded migration.
StatusOr<std::unique_ptr<Database>> OpenFreshMigratedDatabase(const std::string& url);

}  // namespace baken::store::testing
