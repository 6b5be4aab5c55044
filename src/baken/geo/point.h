// Points in the two coordinate reference systems Baken uses.
//
// RdPoint: RD New (Rijksdriehoek, EPSG:28992), metres; all analysis and distances run in RD.
// WgsPoint: WGS84 (EPSG:4326) longitude/latitude in degrees; exchange formats (GeoJSON, Open311).
// Plain values, freely copyable.
#pragma once

namespace baken::geo {

struct RdPoint {
  double x = 0;  // metres east
  double y = 0;  // metres north
  friend bool operator==(const RdPoint&, const RdPoint&) = default;
};

struct WgsPoint {
  double lon = 0;  // degrees east
  double lat = 0;  // degrees north
  friend bool operator==(const WgsPoint&, const WgsPoint&) = default;
};

}  // namespace baken::geo
