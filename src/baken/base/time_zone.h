// Europe/Amsterdam local time, RFC 3339 and date text, without a time zone database.
//
// GCC 12's libstdc++ has no std::chrono::locate_zone, so the one zone Baken needs is computed here
// from the EU rule (in force since 1996, applied to every year): CEST (UTC+2) from the last Sunday
// of March 01:00 UTC until the last Sunday of October 01:00 UTC, otherwise CET (UTC+1).
//
// All functions are pure and thread-safe. Parsers return InvalidArgument with a Dutch message that
// says what is wrong and names the field given by the caller; nothing throws.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "baken/base/clock.h"
#include "baken/base/status.h"

namespace baken {

// A wall-clock reading in Amsterdam. Not an instant: it may not exist (spring gap) or be ambiguous
// (autumn overlap); FromAmsterdam resolves it.
struct LocalDateTime {
  std::chrono::year_month_day date{};
  int hour = 0;
  int minute = 0;
  int second = 0;
  int microsecond = 0;

  friend bool operator==(const LocalDateTime&, const LocalDateTime&) = default;
};

// How FromAmsterdam treats local times that do not map to exactly one instant.
struct Ambiguity {
  enum class Gap {
    kError,         // 02:30 on the last Sunday of March does not exist: InvalidArgument
    kShiftForward,  // ... move it forward by the gap: 02:30 becomes 03:30 CEST
  };
  enum class Overlap {
    kEarlier,  // 02:30 on the last Sunday of October: the first one (CEST, +02:00)
    kLater,    // the second one (CET, +01:00)
    kError,    // refuse: InvalidArgument
  };
  Gap gap = Gap::kError;
  Overlap overlap = Overlap::kEarlier;
};

// Start and end of summer time in `year`, as instants (01:00 UTC on the last Sunday of March and
// of October).
Timestamp SummerTimeStart(std::chrono::year year);
Timestamp SummerTimeEnd(std::chrono::year year);

// 60 (CET) or 120 (CEST).
int AmsterdamOffsetMinutes(Timestamp t);

LocalDateTime ToAmsterdam(Timestamp t);
std::chrono::year_month_day AmsterdamDate(Timestamp t);
std::chrono::weekday AmsterdamWeekday(Timestamp t);

// The instant shown as `local` on an Amsterdam clock. Errors if a field is out of range, or if the
// time falls in a gap/overlap and the policy says kError.
StatusOr<Timestamp> FromAmsterdam(const LocalDateTime& local, Ambiguity policy = {},
                                  std::string_view field = "tijdstip");

// Start of the Amsterdam day `date` (00:00 local; midnight is never in a gap in Amsterdam).
Timestamp StartOfAmsterdamDay(std::chrono::year_month_day date);

// "2026-03-29T03:00:00+02:00" (Amsterdam offset) or "2026-03-29T01:00:00Z" (UTC). Fractional
// seconds only when non-zero: 3 digits if whole milliseconds, else 6.
std::string FormatRfc3339(Timestamp t, bool amsterdam_offset = true);

// "2026-11-28T13:00:00.123Z": UTC, always millisecond precision (log lines).
std::string FormatRfc3339UtcMillis(Timestamp t);

// Accepts "YYYY-MM-DDTHH:MM:SS[.fraction](Z|+hh:mm|-hh:mm)"; 't', 'z' and a space instead of 'T'
// are accepted too (RFC 3339 5.6 note). Fractions past microseconds are truncated. Instants
// outside UTC years 0001-9998 are refused so that every accepted value can be formatted again.
StatusOr<Timestamp> ParseRfc3339(std::string_view text, std::string_view field = "tijdstip");

// "YYYY-MM-DD HH:MM" or "YYYY-MM-DD HH:MM:SS" read as Amsterdam wall-clock time (CSV imports).
StatusOr<Timestamp> ParseLocal(std::string_view text, Ambiguity policy = {},
                               std::string_view field = "tijdstip");

// "YYYY-MM-DD HH:MM:SS" in Amsterdam time (CSV exports); the inverse of ParseLocal outside the
// autumn overlap.
std::string FormatLocal(Timestamp t);

// "YYYY-MM-DD".
std::string FormatDate(std::chrono::year_month_day date);
StatusOr<std::chrono::year_month_day> ParseDate(std::string_view text,
                                                std::string_view field = "datum");

}  // namespace baken
