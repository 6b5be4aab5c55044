// Internal to signals: the read queries of MeldingService (list with filters and keyset cursor,
// duplicate search on the 50 m cell grid). Thread-safe like Database.
#pragma once

#include "baken/signals/melding_service.h"

namespace baken::signals::internal {

// `catalog` tells main category codes from sub category codes in query.categories, so each is
// matched on its own column (and index); without it both columns are tried.
StatusOr<Page> ListMeldingen(store::Database& db, const ListQuery& query, Timestamp now,
                             const CategoryCatalog* catalog = nullptr);
StatusOr<std::vector<Melding>> FindNear(store::Database& db, const DuplicateQuery& query);
StatusOr<int64_t> CountNear(store::Database& db, const DuplicateQuery& query);

// Opaque cursor: base64url of "<sort>|<key micros>|<id>".
std::string EncodeCursor(int sort, int64_t key, const std::string& id);
Status DecodeCursor(const std::string& cursor, int sort, int64_t* key, std::string* id);

}  // namespace baken::signals::internal
