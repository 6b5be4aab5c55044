// The demo year: a believable, deterministic year of meldingen for a municipality, to fill a
// fresh installation (`make run`, `baken demo`) and to give analysis and dashboards something real
// to work on.
//
// GenerateYear() draws `scale` meldingen for `year` over the buurten of `areas` and the categories
// of `catalog`: a category mix like Groningen's (afval, parkeren and openbare ruimte most; tens of
// ondermijning and mensenhandel signals), places weighted by inhabitants and by theme (the
// binnenstad for horeca and drank, the parks in summer, student buurten for kamerverhuur), weekly,
// daily and seasonal rhythms (weekend nights, gladheid only in winter, fireworks around New Year's
// Eve), about 30 hot spots where one theme recurs all year within ~75 m, short Dutch texts with
// real street names, a channel mix, ~20 % named reporters (fake names, example.nl addresses) and a
// lifecycle through the workflow (most on time, ~15 % late, a few more than 3x late; the ones not
// finished by `now` stay open). Every step is allowed by signals::CheckTransition.
//
// Deterministic: the same options, areas and catalog give the same items on every platform
// (std::mt19937_64 with portable draws, no std::*_distribution). source_id is "demo-<year>-<n>"
// (n in order of receipt), so importing the same year twice adds nothing.
//
// Errors: kInvalidArgument naming the option (jaar, schaal); kFailedPrecondition when `areas` has
// no buurten with geometry or `catalog` none of the demo's categories. Pure and thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "baken/base/clock.h"
#include "baken/base/status.h"
#include "baken/base/tenant.h"
#include "baken/geo/area_set.h"
#include "baken/signals/category.h"
#include "baken/signals/melding_service.h"

namespace baken::demo {

struct DemoOptions {
  int year = 2025;
  uint64_t seed = 1;
  int scale = 40000;  // meldingen in the year (Groningen receives about this many)
  std::string tenant = kDefaultTenant;
  // Nothing happens after this instant: later meldingen are left out, later steps not taken (so
  // the year's last weeks are still open). Default: the end of the year (Amsterdam time).
  std::optional<Timestamp> now;
};

// One generated melding with what the generator knows about it (for tests and reports).
struct DemoMelding {
  signals::ImportItem item;
  std::string buurt;  // CBS code of the buurt the point was drawn in
  int hot_spot = -1;  // index of its hot spot, -1 for background meldingen
};

// The hot spots of a seed: fixed points where one category recurs all year.
struct HotSpot {
  std::string category;
  std::string buurt;
  double x = 0, y = 0;  // RD New
  int per_year = 0;     // meldingen drawn at it
};

struct DemoYear {
  std::vector<DemoMelding> meldingen;  // in order of receipt
  std::vector<HotSpot> hot_spots;
};

StatusOr<DemoYear> GenerateDemoYear(const DemoOptions& options, const geo::AreaSet& areas,
                                    const signals::CategoryCatalog& catalog);

// The import items of GenerateDemoYear, in order of receipt.
StatusOr<std::vector<signals::ImportItem>> GenerateYear(const DemoOptions& options,
                                                        const geo::AreaSet& areas,
                                                        const signals::CategoryCatalog& catalog);

// Radius around a hot spot's point within which its meldingen fall.
inline constexpr double kHotSpotRadiusM = 50;

}  // namespace baken::demo
