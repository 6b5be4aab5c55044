// ZoneRules: UTC offsets of one IANA time zone, read from the system tz database (TZif files in
// /usr/share/zoneinfo, Debian package tzdata), for events recorded in local time anywhere.
//
// base/time_zone.h computes Europe/Amsterdam from the EU rule without a database; GCC 12 has no
// std::chrono::locate_zone, so other zones (America/Chicago for the reference data) come from here.
// Only the explicit transitions are used (Debian ships "fat" TZif files with transitions up to
// 2037); after the last transition its offset holds.
// Immutable after Load: safe for concurrent reads. Errors: kNotFound for an unknown zone,
// kInvalidArgument for a malformed file or name.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "baken/base/status.h"

namespace baken::analysis {

class ZoneRules {
 public:
  // `name` like "Europe/Amsterdam"; `tzdir` is the database folder.
  static StatusOr<ZoneRules> Load(std::string_view name,
                                  const std::string& tzdir = "/usr/share/zoneinfo");
  // Parses the bytes of a TZif file (version 1, 2 or 3).
  static StatusOr<ZoneRules> Parse(std::string_view name, std::string_view tzif);

  const std::string& name() const { return name_; }
  // Offset from UTC in seconds at the instant `utc` (Unix seconds).
  int32_t OffsetAt(int64_t utc) const;
  // The instant shown as `local` (seconds since 1970-01-01 00:00 on the local clock). A time in
  // the spring gap moves forward by the gap; a time in the autumn overlap takes the earlier one.
  int64_t LocalToUtc(int64_t local) const;

 private:
  std::string name_;
  std::vector<int64_t> transitions_;  // ascending, UTC seconds
  std::vector<int32_t> offsets_;      // offset from transitions_[i] on
  int32_t initial_offset_ = 0;        // before the first transition
};

// Seconds since 1970-01-01 00:00 of a civil date and time (no zone).
int64_t CivilSeconds(int year, unsigned month, unsigned day, int hour = 0, int minute = 0,
                     int second = 0);

}  // namespace baken::analysis
