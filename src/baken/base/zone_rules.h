// ZoneRules: the one time-zone implementation of Baken (docs/adr/0002): UTC offsets of a zone and
// the reading of a local clock time as an instant, including the spring gap and autumn overlap.
//
// Two sources of offsets, one lookup and one resolver:
//   - Europe/Amsterdam is built in, from the EU rule (CET, CEST from the last Sunday of March
//     01:00 UTC to the last Sunday of October 01:00 UTC, applied to every year): Baken's own
//     zone needs no time zone database at run time. Load("Europe/Amsterdam") returns it too.
//   - every other zone (America/Chicago for the reference data) is read from the system tz
//     database (TZif files in /usr/share/zoneinfo, Debian package tzdata). Only the explicit
//     transitions are used (Debian ships "fat" files with transitions up to 2037); after the last
//     one its offset holds.
// Times are Unix seconds; "local" seconds count from 1970-01-01 00:00 on the local clock.
// Immutable after construction: safe for concurrent reads. Errors: kNotFound for an unknown zone,
// kInvalidArgument for a malformed file or name (Dutch messages, field "tz").
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "baken/base/status.h"

namespace baken {

class ZoneRules {
 public:
  // `name` like "America/Chicago"; `tzdir` is the database folder.
  static StatusOr<ZoneRules> Load(std::string_view name,
                                  const std::string& tzdir = "/usr/share/zoneinfo");
  // Parses the bytes of a TZif file (version 1, 2 or 3).
  static StatusOr<ZoneRules> Parse(std::string_view name, std::string_view tzif);
  // Europe/Amsterdam from the EU rule.
  static const ZoneRules& Amsterdam();

  // How a local time maps to instants.
  struct Resolution {
    enum class Kind {
      kUnique,   // one instant: `earlier` == `later`
      kGap,      // none (clocks jumped over it): both are the time read with the offset before
                 // the gap, i.e. moved forward by the gap
      kOverlap,  // two (clocks were set back): `earlier` < `later`
    };
    Kind kind = Kind::kUnique;
    int64_t earlier = 0;
    int64_t later = 0;
  };

  const std::string& name() const { return name_; }
  // Offset from UTC in seconds at the instant `utc`.
  int32_t OffsetAt(int64_t utc) const;
  Resolution Resolve(int64_t local) const;
  // The instant shown as `local`: a time in the gap moves forward by the gap, a time in the
  // overlap takes the earlier instant.
  int64_t LocalToUtc(int64_t local) const;

 private:
  // Before the first or after the last transition of the table.
  int32_t OffsetOutsideTable(int64_t utc) const;

  std::string name_;
  bool eu_rule_ = false;  // Amsterdam(): the EU rule, as a table for 1980-2100 and computed outside
  std::vector<int64_t> transitions_;  // ascending, UTC seconds
  std::vector<int32_t> offsets_;      // offset from transitions_[i] on
  int32_t initial_offset_ = 0;        // before the first transition
};

// Seconds since 1970-01-01 00:00 of a civil date and time (no zone).
int64_t CivilSeconds(int year, unsigned month, unsigned day, int hour = 0, int minute = 0,
                     int second = 0);

}  // namespace baken
