// Meldingen as analysis events: when, where (RD New metres), which category and buurt. Nothing
// else leaves the table here: no text, no reporter, no number or id, so what the analysis
// module computes on it is pseudonymised by construction.
//
// ForEachEvent streams one SELECT over the meldingen of a tenant, oldest event first (occurred_at
// ascending, then seq), skipping duplicates merged into another melding (they would count one
// incident twice) and records above `max_sensitivity` (default internal: confidential and special
// meldingen stay out of hot spot maps unless a caller asks). `categories` holds main or sub
// category codes; empty means all. `after_seq` lets a cache fetch only meldingen added since its
// last load. Errors: the database's, or the first error `fn` returns (which stops the scan).
// Thread-safe (one read transaction per call).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "baken/base/clock.h"
#include "baken/base/status.h"
#include "baken/security/roles.h"
#include "baken/store/database.h"

namespace baken::signals {

struct EventFilter {
  std::string tenant;
  std::optional<Timestamp> from;        // occurred_at >= from
  std::optional<Timestamp> to;          // occurred_at < to
  std::vector<std::string> categories;  // main or sub codes; empty: all
  security::Sensitivity max_sensitivity = security::Sensitivity::kInternal;
  int64_t after_seq = 0;  // only meldingen stored after this sequence number
};

struct MeldingEvent {
  int64_t seq = 0;  // storage order, for incremental loads
  Timestamp time;   // occurred_at (UTC)
  double x = 0;     // RD New
  double y = 0;
  std::string_view category;       // sub category code
  std::string_view main_category;  // main category code
  std::string_view buurt;          // CBS code, empty when outside every buurt
  std::string_view wijk;
};

using EventFn = std::function<Status(const MeldingEvent&)>;

Status ForEachEvent(store::Database& db, const EventFilter& filter, const EventFn& fn);

}  // namespace baken::signals
