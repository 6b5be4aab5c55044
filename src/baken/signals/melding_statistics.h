// Counts over meldingen for the wijkbeeld: the five figures (meldingen, open, afgehandeld, binnen
// termijn, te laat) grouped by wijk, buurt or main category, meldingen per UTC hour, and how many
// of a selection the caller may not see. Every figure is a GROUP BY in the database over the same
// selection the werkvoorraad list uses (received in [from, end), category or main category,
// wijk), restricted by the same security::Visibility condition as the list, so a count and the
// list behind it agree.
//
// Thread-safe like Database; each call is one read transaction. Errors: store errors only.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "baken/base/clock.h"
#include "baken/base/status.h"
#include "baken/security/visibility.h"
#include "baken/store/database.h"

namespace baken::signals {

struct StatisticsSelection {
  std::string tenant;
  Timestamp from, end;                       // [from, end)
  std::vector<std::string> categories;       // sub category codes
  std::vector<std::string> main_categories;  // a melding matches either list
  std::vector<std::string> wijken;           // CBS wijk codes; empty = all
  security::Visibility visibility;
};

struct MeldingFigures {
  int64_t meldingen = 0, open = 0, afgehandeld = 0, binnen_termijn = 0, te_laat = 0;
  void Add(const MeldingFigures& o);
};

enum class StatisticsGroup { kWijk, kBuurt, kMainCategory };

// Per group code ("" for meldingen outside every wijk or buurt). `now` marks the open meldingen
// past their deadline (te laat).
StatusOr<std::map<std::string, MeldingFigures>> CountMeldingenBy(store::Database& db,
                                                                 const StatisticsSelection& s,
                                                                 Timestamp now,
                                                                 StatisticsGroup group);

// Meldingen per whole UTC hour since 1970 (summer time starts and ends on a whole UTC hour, so a
// caller can fold hours into Amsterdam days or weeks).
StatusOr<std::map<int64_t, int64_t>> CountMeldingenPerHour(store::Database& db,
                                                           const StatisticsSelection& s);

// How many meldingen of the selection fall outside its visibility.
StatusOr<int64_t> CountHiddenMeldingen(store::Database& db, const StatisticsSelection& s);

}  // namespace baken::signals
