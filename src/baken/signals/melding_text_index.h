// The full-text index over the meldingen's texts (migrations: meldingen_fts on SQLite, the
// tsvector column `search` with the Dutch configuration on PostgreSQL), described once for the
// list's text search and for retention, which compacts it after emptying texts.
#pragma once

#include "baken/store/sql_dialect.h"

namespace baken::signals {

inline constexpr store::FullTextIndex kMeldingTextIndex{"meldingen_fts", "seq", "search", "dutch"};

}  // namespace baken::signals
