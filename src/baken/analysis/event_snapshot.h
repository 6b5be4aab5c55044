// EventSnapshot: the events an analysis runs on, in memory, column by column and in time order.
//
// Columns: time (UTC Unix seconds), x and y (metres in one metric CRS: RD New in the Netherlands,
// a UTM zone elsewhere; epsg() says which), category id and area id (indexes into the name
// tables, -1 when unknown). Models read contiguous time ranges with Between().
// Append() adds one event: O(1) amortised for an event not older than the newest (a new melding);
// an older one is inserted in place, O(n). Not thread-safe to mutate; concurrent const reads are
// safe. Plain value, movable and copyable.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "baken/geo/geometry.h"

namespace baken::analysis {

struct Event {
  int64_t time = 0;  // UTC Unix seconds
  double x = 0;      // metres east
  double y = 0;      // metres north
  int32_t category = -1;
  int32_t area = -1;
};

class EventSnapshot {
 public:
  EventSnapshot() = default;
  explicit EventSnapshot(int epsg) : epsg_(epsg) {}

  int epsg() const { return epsg_; }
  void set_epsg(int epsg) { epsg_ = epsg; }

  void Append(const Event& e);
  // Reserves room for `n` events (bulk loads).
  void Reserve(size_t n);

  size_t size() const { return time_.size(); }
  bool empty() const { return time_.empty(); }
  Event at(size_t i) const { return {time_[i], x_[i], y_[i], category_[i], area_[i]}; }
  std::span<const int64_t> times() const { return time_; }
  std::span<const double> xs() const { return x_; }
  std::span<const double> ys() const { return y_; }
  std::span<const int32_t> categories() const { return category_; }
  std::span<const int32_t> areas() const { return area_; }

  // Index range [first, last) of the events with t0 <= time < t1.
  std::pair<size_t, size_t> Between(int64_t t0, int64_t t1) const;
  geo::RdBox Bounds() const;

  // Name tables: the id for a name (added when new), and the names by id.
  int32_t CategoryId(std::string_view name);
  int32_t AreaId(std::string_view name);
  const std::vector<std::string>& category_names() const { return category_names_; }
  const std::vector<std::string>& area_names() const { return area_names_; }

 private:
  int epsg_ = 28992;
  std::vector<int64_t> time_;
  std::vector<double> x_, y_;
  std::vector<int32_t> category_, area_;
  std::vector<std::string> category_names_, area_names_;
};

}  // namespace baken::analysis
