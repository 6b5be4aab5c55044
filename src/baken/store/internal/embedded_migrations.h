// The SQL files of src/baken/store/migrations/, embedded by the build (embed_migrations.cmake
// generates the definition). Internal to the store module; use EmbeddedMigrations() instead.
#pragma once

#include <cstddef>

namespace baken::store::internal {

struct EmbeddedMigrationFile {
  const char* dialect;  // "sqlite" or "postgres", the folder name
  int version;
  const char* name;
  const char* sql;
};

extern const EmbeddedMigrationFile kEmbeddedMigrationFiles[];
extern const size_t kEmbeddedMigrationFileCount;

}  // namespace baken::store::internal
