// The street table of the demo generator (see streets.cc for its source and licence).
// Immutable after first use; thread-safe.
#pragma once

#include <string_view>
#include <vector>

namespace baken::demo::internal {

struct StreetPoint {
  double x;  // RD New metres
  double y;
  int street;  // index into StreetNames()
};

const std::vector<std::string_view>& StreetNames();
const std::vector<StreetPoint>& StreetPoints();

}  // namespace baken::demo::internal
