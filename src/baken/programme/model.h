// The programme model: a programme (uitvoeringsprogramma, actieprogramma) with its ambitions,
// action lines (actielijnen) and actions/projects (acties), their status, milestones and budget,
// and the indicators that monitor it. Plain structs, no JSON and no storage here.
//
// Every enum has a stable code name (lower snake case: database, API, data files; never change
// one) and a Dutch display name. Parse* accept code names only and return kInvalidArgument with a
// Dutch message naming `field`. Dates are calendar dates (std::chrono::year_month_day). Money is in
// euro cents. All functions are pure and thread-safe.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "baken/base/clock.h"
#include "baken/base/status.h"

namespace baken::programme {

using Date = std::chrono::year_month_day;

// Ketenpartners that lead or take part in an action line or action.
enum class Partner { kMunicipality, kPolitie, kOm, kCare, kRiec, kRegion };
inline constexpr std::array kAllPartners = {Partner::kMunicipality, Partner::kPolitie,
                                            Partner::kOm,           Partner::kCare,
                                            Partner::kRiec,         Partner::kRegion};

enum class ItemStatus { kNotStarted, kOngoing, kDelayed, kCompleted, kStopped };
inline constexpr std::array kAllItemStatuses = {ItemStatus::kNotStarted, ItemStatus::kOngoing,
                                                ItemStatus::kDelayed, ItemStatus::kCompleted,
                                                ItemStatus::kStopped};

// Whether a higher value of an indicator is better.
enum class Direction { kUpIsGood, kDownIsGood };
inline constexpr std::array kAllDirections = {Direction::kUpIsGood, Direction::kDownIsGood};

// Where an indicator's values come from: a named query from the fixed registry (indicators.h),
// or entered by a person with the document it comes from.
enum class ValueSource { kComputed, kManual };
inline constexpr std::array kAllValueSources = {ValueSource::kComputed, ValueSource::kManual};

std::string_view PartnerCode(Partner p);  // "om"
std::string_view PartnerName(Partner p);  // "Openbaar Ministerie"
StatusOr<Partner> ParsePartner(std::string_view code, std::string_view field = "partner");

std::string_view ItemStatusCode(ItemStatus s);  // "niet_gestart"
std::string_view ItemStatusName(ItemStatus s);  // "Niet gestart"
StatusOr<ItemStatus> ParseItemStatus(std::string_view code, std::string_view field = "status");

std::string_view DirectionCode(Direction d);  // "up_is_good"
std::string_view DirectionName(Direction d);  // "Hoger is beter"
StatusOr<Direction> ParseDirection(std::string_view code, std::string_view field = "richting");

std::string_view ValueSourceCode(ValueSource s);  // "computed"
std::string_view ValueSourceName(ValueSource s);  // "Berekend"
StatusOr<ValueSource> ParseValueSource(std::string_view code, std::string_view field = "bron");

// A reporting period: a whole year ("2025") or a quarter ("2025-Q3").
struct Period {
  int year = 0;
  int quarter = 0;  // 1..4; 0 = the whole year
  // NOLINTNEXTLINE(modernize-use-nullptr): clang-tidy 14 misreads the defaulted comparison
  friend auto operator<=>(const Period&, const Period&) = default;
};
std::string FormatPeriod(const Period& p);
StatusOr<Period> ParsePeriod(std::string_view text, std::string_view field = "periode");
// The period as the half-open interval [start, end) of Amsterdam local time.
Timestamp PeriodStart(const Period& p);
Timestamp PeriodEnd(const Period& p);

struct Milestone {
  std::string title;
  Date due{};
  std::optional<Date> done;
  friend bool operator==(const Milestone&, const Milestone&) = default;
};

struct Budget {
  int64_t planned_cents = 0;
  int64_t spent_cents = 0;
  friend bool operator==(const Budget&, const Budget&) = default;
};

// What an action line and an action share: who leads, who takes part, and where it stands.
struct Progress {
  ItemStatus status = ItemStatus::kNotStarted;
  std::string status_explanation;   // why the status is what it is
  std::optional<Date> status_date;  // when that explanation was given
  std::vector<Milestone> milestones;
  std::optional<Budget> budget;
  int version = 1;  // raised by every change (optimistic concurrency, ETag)
};

struct Action {
  std::string code;  // unique within the programme (shared with action lines)
  std::string name;
  std::string description;
  Partner lead = Partner::kMunicipality;
  std::vector<Partner> partners;
  Progress progress;
};

struct ActionLine {
  std::string code;
  std::string name;
  std::string description;
  std::string ambition;  // code of the ambition it serves; empty: none
  Partner lead = Partner::kMunicipality;
  std::vector<Partner> partners;
  Progress progress;
  std::vector<Action> actions;
};

struct Ambition {
  std::string code;
  std::string name;
  std::string description;
  bool kernambitie = false;
  std::optional<int> priority;  // 1 = first priority; unset: not ranked
};

struct Programme {
  std::string code;
  std::string name;
  std::string description;
  int start_year = 0;
  int end_year = 0;
  std::string owner;  // who is accountable, e.g. "gemeente Groningen"
  // The department that keeps it up to date, e.g. "mensenhandel": roles whose grant limits
  // changes to their own department (the coordinator mensenhandel) change only these. Empty:
  // no department, so only roles without that limit change it.
  std::string department;
  std::vector<Partner> partners;    // with whom it was drawn up
  std::vector<std::string> themes;  // e.g. the forms of exploitation it covers
  std::vector<Ambition> ambitions;
  std::vector<ActionLine> action_lines;
};

// A target for one period ("streefwaarde").
struct Target {
  Period period;
  double value = 0;
};

// One cell of a broken-down value, e.g. (categorie "hondenpoep", wijk "WK001401") -> 12.
struct ValueCell {
  std::string key1;
  std::string key2;
  double value = 0;
};

// A stored value of an indicator for a period: a snapshot, never changed afterwards. A later
// computation or entry for the same period adds a newer snapshot.
struct IndicatorValue {
  int64_t id = 0;
  Period period;
  std::optional<double> value;  // unset: nothing to compute from (e.g. a share of zero meldingen)
  Timestamp recorded_at{};      // computed_at for computed values, entered_at for manual ones
  ValueSource source = ValueSource::kComputed;
  std::string entered_by;        // manual: who entered it; computed: who ran the computation
  std::string source_document;   // manual: where the number comes from
  std::vector<ValueCell> cells;  // breakdown (computed queries that have one)
};

struct Indicator {
  std::string code;  // unique per tenant
  std::string programme;
  std::string name;
  std::string definition;
  std::string unit;  // "aantal", "%"
  Direction direction = Direction::kUpIsGood;
  std::string action_line;  // code of the linked action line; empty: programme-wide
  std::string ambition;     // code of the linked ambition; empty: none
  ValueSource source = ValueSource::kManual;
  std::string query;                   // computed: the named query (indicators.h registry)
  bool about_persons = false;          // counts of persons: suppress small numbers in public output
  std::vector<Target> targets;         // may be empty
  std::vector<IndicatorValue> values;  // latest snapshot per period (as of a date), by period
};

// The finds in a programme by code; nullptr when absent.
const ActionLine* FindActionLine(const Programme& p, std::string_view code);
const Action* FindAction(const Programme& p, std::string_view code);

// Checks a programme before it is stored: codes present and unique, years in order, ambitions
// referred to exist, milestone titles present. kInvalidArgument naming the field.
Status Validate(const Programme& p);
Status Validate(const Programme& p, const std::vector<Indicator>& indicators);

}  // namespace baken::programme
