#include "baken/base/zone_rules.h"

#include <algorithm>
#include <chrono>
#include <fstream>
#include <sstream>

#include "baken/base/time_zone.h"

namespace baken {
namespace {

int64_t BigEndian(std::string_view s, size_t at, int bytes) {
  uint64_t v = 0;
  for (int i = 0; i < bytes; ++i) v = (v << 8) | static_cast<unsigned char>(s[at + i]);
  if (bytes == 4) return static_cast<int32_t>(static_cast<uint32_t>(v));
  return static_cast<int64_t>(v);
}

Status Malformed(std::string_view name) {
  return InvalidArgumentError("tijdzonebestand van '" + std::string(name) + "' is onleesbaar",
                              "tz");
}

}  // namespace

int64_t CivilSeconds(int year, unsigned month, unsigned day, int hour, int minute, int second) {
  const std::chrono::sys_days d{std::chrono::year{year} / std::chrono::month{month} /
                                std::chrono::day{day}};
  return static_cast<int64_t>(d.time_since_epoch().count()) * 86400 + hour * 3600 + minute * 60 +
         second;
}

const ZoneRules& ZoneRules::Amsterdam() {
  // The rule's transitions of 1980-2100 as a table, so a lookup is the same binary search as for
  // a zone from the database; instants outside it are computed from the rule itself.
  static const ZoneRules* const zone = [] {
    auto* z = new ZoneRules();
    z->name_ = "Europe/Amsterdam";
    z->eu_rule_ = true;
    z->initial_offset_ = 3600;
    for (int y = 1980; y <= 2100; ++y) {
      z->transitions_.push_back(ToUnixMicros(SummerTimeStart(std::chrono::year(y))) / 1'000'000);
      z->offsets_.push_back(7200);
      z->transitions_.push_back(ToUnixMicros(SummerTimeEnd(std::chrono::year(y))) / 1'000'000);
      z->offsets_.push_back(3600);
    }
    return z;
  }();
  return *zone;
}

StatusOr<ZoneRules> ZoneRules::Load(std::string_view name, const std::string& tzdir) {
  if (name == "Europe/Amsterdam") return Amsterdam();
  if (name.empty() || name.find("..") != std::string_view::npos || name.front() == '/') {
    return InvalidArgumentError("ongeldige tijdzone '" + std::string(name) + "'", "tz");
  }
  std::ifstream in(tzdir + "/" + std::string(name), std::ios::binary);
  if (!in) return NotFoundError("onbekende tijdzone '" + std::string(name) + "'");
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return Parse(name, bytes.str());
}

StatusOr<ZoneRules> ZoneRules::Parse(std::string_view name, std::string_view tzif) {
  std::string_view s = tzif;
  constexpr size_t kHeader = 44;
  if (s.size() < kHeader || s.substr(0, 4) != "TZif") return Malformed(name);
  auto counts = [&](size_t at, int64_t c[6]) {
    for (int i = 0; i < 6; ++i) c[i] = BigEndian(s, at + 20 + 4 * i, 4);
  };
  int64_t c[6];  // isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt
  counts(0, c);
  size_t at = kHeader;
  int time_bytes = 4;
  if (s[4] >= '2') {
    // Skip the version 1 block and use the 64-bit one after the second header.
    at += c[3] * 4 + c[3] + c[4] * 6 + c[5] + c[2] * 8 + c[1] + c[0];
    if (at + kHeader > s.size() || s.substr(at, 4) != "TZif") return Malformed(name);
    counts(at, c);
    at += kHeader;
    time_bytes = 8;
  }
  const int64_t timecnt = c[3], typecnt = c[4];
  if (typecnt <= 0 || at + timecnt * (time_bytes + 1) + typecnt * 6 > s.size()) {
    return Malformed(name);
  }
  ZoneRules z;
  z.name_ = std::string(name);
  std::vector<int32_t> type_offset(static_cast<size_t>(typecnt));
  std::vector<bool> type_dst(static_cast<size_t>(typecnt));
  const size_t types_at = at + timecnt * (time_bytes + 1);
  for (int64_t i = 0; i < typecnt; ++i) {
    type_offset[i] = static_cast<int32_t>(BigEndian(s, types_at + 6 * i, 4));
    type_dst[i] = s[types_at + 6 * i + 4] != 0;
  }
  for (int64_t i = 0; i < timecnt; ++i) {
    const auto idx = static_cast<unsigned char>(s[at + timecnt * time_bytes + i]);
    if (idx >= typecnt) return Malformed(name);
    z.transitions_.push_back(BigEndian(s, at + i * time_bytes, time_bytes));
    z.offsets_.push_back(type_offset[idx]);
  }
  if (!std::is_sorted(z.transitions_.begin(), z.transitions_.end())) return Malformed(name);
  // Before the first transition: the first standard-time type (RFC 8536 section 3.2).
  z.initial_offset_ = type_offset[0];
  for (int64_t i = 0; i < typecnt; ++i) {
    if (!type_dst[i]) {
      z.initial_offset_ = type_offset[i];
      break;
    }
  }
  return z;
}

int32_t ZoneRules::OffsetAt(int64_t utc) const {
  const auto begin = transitions_.begin(), end = transitions_.end();
  const auto it = std::upper_bound(begin, end, utc);
  if (it == begin || it == end) [[unlikely]]
    return OffsetOutsideTable(utc);
  return offsets_[static_cast<size_t>(it - begin - 1)];
}

int32_t ZoneRules::OffsetOutsideTable(int64_t utc) const {
  if (eu_rule_) return AmsterdamOffsetMinutes(FromUnixMicros(utc * 1'000'000)) * 60;
  if (transitions_.empty() || utc < transitions_.front()) return initial_offset_;
  return offsets_.back();
}

ZoneRules::Resolution ZoneRules::Resolve(int64_t local) const {
  // Transitions are months apart, so the offsets a day before and after are the only candidates.
  const int64_t from = local - 86400 - 14 * 3600, to = local + 86400 + 14 * 3600;
  // Fast path, one search: no transition between the two, so the offset before is the only one.
  auto it = std::upper_bound(transitions_.begin(), transitions_.end(), from);
  const bool in_table = !eu_rule_ || (it != transitions_.begin() && it != transitions_.end());
  if (in_table && (it == transitions_.end() || *it > to)) {
    const int32_t offset =
        it == transitions_.begin() ? initial_offset_ : offsets_[it - transitions_.begin() - 1];
    return {Resolution::Kind::kUnique, local - offset, local - offset};
  }
  const int32_t before = OffsetAt(from);
  const int32_t after = OffsetAt(to);
  if (before == after) return {Resolution::Kind::kUnique, local - before, local - before};
  const bool before_ok = OffsetAt(local - before) == before;
  const bool after_ok = OffsetAt(local - after) == after;
  if (before_ok && after_ok) {
    const int64_t a = local - before, b = local - after;
    return {Resolution::Kind::kOverlap, std::min(a, b), std::max(a, b)};
  }
  if (before_ok) return {Resolution::Kind::kUnique, local - before, local - before};
  if (after_ok) return {Resolution::Kind::kUnique, local - after, local - after};
  return {Resolution::Kind::kGap, local - before, local - before};
}

int64_t ZoneRules::LocalToUtc(int64_t local) const {
  return Resolve(local).earlier;
}

}  // namespace baken
