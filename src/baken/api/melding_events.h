// Glue between signals (which owns the meldingen table) and analysis (which must not know it):
// meldingen from the store as an analysis::EventSnapshot in RD New metres (EPSG:28992), category
// = sub category code, area = buurt code. Used by `baken hotspots|backtest --db` and by the
// /api/v1/analyse routes. Only what signals::ForEachEvent gives (no text, no persons).
// Errors: the database's. Thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "baken/analysis/event_snapshot.h"
#include "baken/signals/event_source.h"
#include "baken/store/database.h"

namespace baken::api {

struct MeldingEvents {
  analysis::EventSnapshot events{28992};
  int64_t last_seq = 0;                                     // highest melding seq seen
  std::map<std::string, std::string, std::less<>> main_of;  // sub category -> main category
};

// Appends the meldingen matching `filter` (from filter.after_seq on) to `into`.
Status AppendMeldingEvents(store::Database& db, const signals::EventFilter& filter,
                           MeldingEvents& into);

inline int64_t UnixSeconds(Timestamp t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

}  // namespace baken::api
