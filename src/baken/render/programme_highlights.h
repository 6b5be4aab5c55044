// The Highlights sheet of a year, built from what Baken stored: the indicator snapshots of the
// tenant's programmes (recorded up to `as_of`), the CBS wijken with their inhabitants, the category
// names, and the action lines' statuses.
//
// Key figures: meldingen received in the year (with the change against the year before when that
// is stored), the share handled within the deadline, trafficking signals, and how many action lines
// run or are done. The map shows meldingen per 1,000 inhabitants per wijk; columns the meldingen
// per quarter; bars the five subcategories reported most. Texts are written from the same figures
// (never invented). Everything public is suppressed: counts about persons below the threshold read
// "< 5". `date` of the result is the newest snapshot used, so the same data gives the same sheet.
// Errors: kNotFound (Dutch) when the tenant has no programmes or nothing is stored for the year.
#pragma once

#include <string>

#include "baken/base/clock.h"
#include "baken/base/status.h"
#include "baken/render/highlights.h"
#include "baken/store/database.h"

namespace baken::render {

struct HighlightsData {
  HighlightsSheet sheet;
  std::string date;  // "YYYY-MM-DD"
};

StatusOr<HighlightsData> LoadHighlights(store::Database& db, Clock& clock,
                                        const std::string& tenant, int year, Timestamp as_of,
                                        int suppression_threshold = 5);

}  // namespace baken::render
