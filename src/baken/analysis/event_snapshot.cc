#include "baken/analysis/event_snapshot.h"

#include <algorithm>

namespace baken::analysis {
namespace {

int32_t Intern(std::vector<std::string>& names, std::string_view name) {
  // Tables are small (tens of categories or areas); a linear scan beats a map here.
  for (size_t i = 0; i < names.size(); ++i) {
    if (names[i] == name) return static_cast<int32_t>(i);
  }
  names.emplace_back(name);
  return static_cast<int32_t>(names.size() - 1);
}

}  // namespace

void EventSnapshot::Append(const Event& e) {
  if (time_.empty() || e.time >= time_.back()) {
    time_.push_back(e.time);
    x_.push_back(e.x);
    y_.push_back(e.y);
    category_.push_back(e.category);
    area_.push_back(e.area);
    return;
  }
  // Late event: keep time order (after events with the same time, so order is stable).
  const auto pos = std::upper_bound(time_.begin(), time_.end(), e.time) - time_.begin();
  time_.insert(time_.begin() + pos, e.time);
  x_.insert(x_.begin() + pos, e.x);
  y_.insert(y_.begin() + pos, e.y);
  category_.insert(category_.begin() + pos, e.category);
  area_.insert(area_.begin() + pos, e.area);
}

void EventSnapshot::Reserve(size_t n) {
  time_.reserve(n);
  x_.reserve(n);
  y_.reserve(n);
  category_.reserve(n);
  area_.reserve(n);
}

std::pair<size_t, size_t> EventSnapshot::Between(int64_t t0, int64_t t1) const {
  const auto a = std::lower_bound(time_.begin(), time_.end(), t0);
  const auto b = std::lower_bound(a, time_.end(), std::max(t0, t1));
  return {static_cast<size_t>(a - time_.begin()), static_cast<size_t>(b - time_.begin())};
}

geo::RdBox EventSnapshot::Bounds() const {
  geo::RdBox box;
  for (size_t i = 0; i < x_.size(); ++i) box.Extend(geo::RdPoint{x_[i], y_[i]});
  return box;
}

int32_t EventSnapshot::CategoryId(std::string_view name) {
  return Intern(category_names_, name);
}
int32_t EventSnapshot::AreaId(std::string_view name) {
  return Intern(area_names_, name);
}

}  // namespace baken::analysis
