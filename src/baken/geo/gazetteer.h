// Gazetteer: find a street or a postcode by what a resident types, offline.
//
// Built from street points: one row per six-position postcode (PC6) with a point inside it (RD
// New) and, when known, the street it lies on (the shipped table is
// ../shared/data/groningen/postcodes-pc6.csv; a deployment loads a BAG extract the same way).
// Search() answers "oude boter", "Grote Markt 1", "9712" or "9712 gh":
//   - a query that looks like a postcode (4 digits, optionally 1-2 letters, spaces ignored) gives
//     the postcodes starting with it, in order, each with its point and street;
//   - anything else gives streets: names that start with the query first, then names with a word
//     that starts with it, then names that contain it; alphabetical within each group. Case,
//     accents and punctuation are ignored ("ae" does not match "ä"); a trailing house number
//     ("Grote Markt 1", "Vismarkt 12a") is ignored, since only streets are known. A street's point
//     is the medoid of its postcode points: a real point on the street, not the mean of a bend.
// Nearest() answers the other way round: the street of the postcode point nearest to a spot (for
// showing staff "Oude Boteringestraat, 9712 GH" instead of only the buurt), from a 250 m grid.
// Precision is the postcode: house numbers are not in the table.
// Immutable after Build(); Search() is thread-safe and costs O(streets) per call (about a
// thousand for a city); Nearest() is thread-safe and looks at the nine grid cells around the spot.
#pragma once

#include <cstddef>
#include <istream>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "baken/base/status.h"
#include "baken/geo/point.h"

namespace baken::geo {

struct StreetPoint {
  std::string postcode;  // "9712GH": four digits and two capitals, no space
  std::string street;    // empty when unknown
  RdPoint point;
};

struct PlaceMatch {
  std::string label;     // "Oude Boteringestraat" or "9712 GH Oude Boteringestraat"
  std::string street;    // empty for a postcode without a known street
  std::string postcode;  // set for postcode matches ("9712GH"), empty for street matches
  RdPoint point;
};

struct NearestStreet {
  std::string street;
  std::string postcode;  // "9712GH"
  double distance_m = 0;
};

// Reads the CSV "postcode,straat,x,y" (header required, columns in any order, RD New metres).
// kInvalidArgument with the line and column, in Dutch, for a malformed postcode or coordinate
// outside the Netherlands; no partial result.
StatusOr<std::vector<StreetPoint>> ReadStreetPointsCsv(std::istream& in);

// "9712 gh" -> "9712GH"; empty when `text` is not a full or partial Dutch postcode (4 digits, the
// first not 0, then 0-2 letters).
std::string NormalisePostcode(std::string_view text);

class Gazetteer {
 public:
  Gazetteer() = default;
  static Gazetteer Build(std::vector<StreetPoint> points);

  // At most `limit` matches (1..50); none for a query shorter than 2 characters.
  std::vector<PlaceMatch> Search(std::string_view query, size_t limit = 8) const;

  // The street of the nearest postcode point that has a street, at most `max_m` metres (up to
  // 250) away; nullopt when there is none that close (or no table).
  std::optional<NearestStreet> Nearest(RdPoint p, double max_m = 250) const;

  size_t postcodes() const { return postcodes_.size(); }
  size_t streets() const { return streets_.size(); }

 private:
  struct Street {
    std::string name;
    std::string key;  // folded: lower case, accents and punctuation gone, single spaces
    RdPoint point;
  };
  std::vector<StreetPoint> postcodes_;  // sorted by postcode
  std::vector<Street> streets_;         // sorted by key
  // Indices into postcodes_ of points with a street, by 250 m cell (CellKey).
  std::unordered_map<int64_t, std::vector<uint32_t>> cells_;
};

}  // namespace baken::geo
