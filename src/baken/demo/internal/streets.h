// The street table of the demo generator: street names of Groningen with a point on each, from
// data/demo/groningen-streets.tsv (source and licence in its header), embedded at build time.
//
// The TSV has '#' comment lines, then the header "straat<TAB>x_rd<TAB>y_rd" and one row per
// point (RD New metres). Row order matters: the same seed picks the same rows. StreetNames() is
// sorted and unique; StreetPoint::street indexes it. Immutable after first use; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "baken/base/status.h"

namespace baken::demo::internal {

struct StreetPoint {
  double x;  // RD New metres
  double y;
  int street;  // index into StreetNames()
};

struct StreetTable {
  std::vector<std::string> names;   // sorted, unique
  std::vector<StreetPoint> points;  // in the order of the file
};

// Reads the TSV; kInvalidArgument naming the line for a missing header, a wrong number of fields,
// an empty street or an unreadable coordinate.
StatusOr<StreetTable> ParseStreetTable(std::string_view tsv);

// The embedded data/demo/groningen-streets.tsv (generated embedded_streets.cc).
std::string_view EmbeddedStreetTable();

// The parsed embedded table; aborts if the file in the build is broken (demo_test guards it).
const std::vector<std::string>& StreetNames();
const std::vector<StreetPoint>& StreetPoints();

}  // namespace baken::demo::internal
