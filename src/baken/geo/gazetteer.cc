#include "baken/geo/gazetteer.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <limits>
#include <map>

#include "baken/base/csv.h"
#include "baken/geo/crs.h"

namespace baken::geo {

namespace {

// Lower case ASCII; the Latin-1 letters of Dutch street names (é, ë, ï, ö, ü, á, à, â, ç, ...)
// as their base letter; everything else that is not a letter or digit becomes one space.
std::string Fold(std::string_view text) {
  std::string out;
  auto push_space = [&] {
    if (!out.empty() && out.back() != ' ') out += ' ';
  };
  for (size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      out += static_cast<char>(c);
    } else if (c >= 'A' && c <= 'Z') {
      out += static_cast<char>(c - 'A' + 'a');
    } else if (c == 0xC3 && i + 1 < text.size()) {
      // U+00C0..U+00FF: two bytes, C3 80..C3 BF.
      static constexpr char kBase[] =
          "aaaaaaaceeeeiiiidnooooo ouuuuyts"   // C3 80..9F (upper)
          "aaaaaaaceeeeiiiidnooooo ouuuuyty";  // C3 A0..BF (lower)
      const unsigned char next = static_cast<unsigned char>(text[i + 1]);
      if (next >= 0x80 && next <= 0xBF) {
        const char base = kBase[next - 0x80];
        if (base == ' ') {
          push_space();
        } else {
          out += base;
        }
        ++i;
      } else {
        push_space();
      }
    } else if (c == '\'') {
      // An apostrophe joins ('t Klooster -> "t klooster"); so does a typographic one.
    } else if (text.substr(i, 3) == "\xE2\x80\x99") {
      i += 2;
    } else {
      push_space();
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

// Drops a trailing house number ("grote markt 1", "vismarkt 12a", "vismarkt 12 a").
std::string DropHouseNumber(std::string key) {
  auto last_word = [&]() -> std::string_view {
    const size_t space = key.rfind(' ');
    return space == std::string::npos ? std::string_view()
                                      : std::string_view(key).substr(space + 1);
  };
  std::string_view w = last_word();
  if (w.size() == 1 && w[0] >= 'a' && w[0] <= 'z') {
    const std::string shorter = key.substr(0, key.size() - 2);
    const size_t space = shorter.rfind(' ');
    const std::string_view before = space == std::string::npos
                                        ? std::string_view()
                                        : std::string_view(shorter).substr(space + 1);
    if (!before.empty() && std::isdigit(static_cast<unsigned char>(before[0]))) key = shorter;
    w = last_word();
  }
  if (!w.empty() && std::isdigit(static_cast<unsigned char>(w[0]))) {
    key.resize(key.size() - w.size() - 1);
  }
  return key;
}

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

StatusOr<double> Coordinate(const std::string& text, int64_t line, std::string_view column) {
  double v = 0;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, v);
  if (ec != std::errc() || ptr != end || !std::isfinite(v)) {
    return InvalidArgumentError("regel " + std::to_string(line) + ": " + std::string(column) +
                                    " is geen getal ('" + text.substr(0, 20) + "').",
                                std::string(column));
  }
  return v;
}

constexpr double kNearestCellMetres = 250;

int64_t CellOf(double v) {
  return static_cast<int64_t>(std::floor(v / kNearestCellMetres));
}

int64_t CellKey(int64_t cx, int64_t cy) {
  return cx * 10'000'000 + cy;  // RD cells stay well below 10^7 in either direction
}

}  // namespace

std::string NormalisePostcode(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == ' ') continue;
    if (out.size() < 4) {
      if (c < '0' || c > '9' || (out.empty() && c == '0')) return {};
      out += c;
    } else if (out.size() < 6 && std::isalpha(static_cast<unsigned char>(c))) {
      out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    } else {
      return {};
    }
  }
  return out.size() >= 4 ? out : std::string();
}

StatusOr<std::vector<StreetPoint>> ReadStreetPointsCsv(std::istream& in) {
  CsvReader reader(in);
  std::vector<std::string> fields;
  ASSIGN_OR_RETURN(bool any, reader.Next(fields));
  if (!any) return InvalidArgumentError("Het adressenbestand is leeg.", "bestand");
  std::map<std::string, size_t> column;
  for (size_t i = 0; i < fields.size(); ++i) column[fields[i]] = i;
  for (const char* name : {"postcode", "straat", "x", "y"}) {
    if (!column.count(name)) {
      return InvalidArgumentError(
          std::string("De kolom '") + name + "' ontbreekt (verwacht: postcode,straat,x,y).", name);
    }
  }
  const size_t pc = column["postcode"], st = column["straat"], cx = column["x"], cy = column["y"];
  const size_t needed = std::max({pc, st, cx, cy}) + 1;
  std::vector<StreetPoint> out;
  while (true) {
    ASSIGN_OR_RETURN(bool more, reader.Next(fields));
    if (!more) break;
    const int64_t line = reader.line();
    if (fields.size() < needed) {
      return InvalidArgumentError("regel " + std::to_string(line) + ": te weinig kolommen.",
                                  "bestand");
    }
    StreetPoint p;
    p.postcode = NormalisePostcode(fields[pc]);
    if (p.postcode.size() != 6) {
      return InvalidArgumentError("regel " + std::to_string(line) + ": '" +
                                      fields[pc].substr(0, 12) +
                                      "' is geen postcode van vier cijfers en twee letters.",
                                  "postcode");
    }
    p.street = fields[st];
    ASSIGN_OR_RETURN(p.point.x, Coordinate(fields[cx], line, "x"));
    ASSIGN_OR_RETURN(p.point.y, Coordinate(fields[cy], line, "y"));
    if (Status s = CheckRd(p.point); !s.ok()) {
      return InvalidArgumentError("regel " + std::to_string(line) + ": " + s.message(), "x");
    }
    out.push_back(std::move(p));
  }
  return out;
}

Gazetteer Gazetteer::Build(std::vector<StreetPoint> points) {
  Gazetteer g;
  std::sort(points.begin(), points.end(),
            [](const StreetPoint& a, const StreetPoint& b) { return a.postcode < b.postcode; });
  points.erase(std::unique(points.begin(), points.end(),
                           [](const StreetPoint& a, const StreetPoint& b) {
                             return a.postcode == b.postcode;
                           }),
               points.end());
  std::map<std::string, std::vector<RdPoint>> by_street;
  for (const StreetPoint& p : points) {
    if (!p.street.empty()) by_street[p.street].push_back(p.point);
  }
  for (auto& [name, pts] : by_street) {
    // The medoid: the point with the least total distance to the others.
    size_t best = 0;
    double best_sum = std::numeric_limits<double>::infinity();
    for (size_t i = 0; i < pts.size(); ++i) {
      double sum = 0;
      for (const RdPoint& q : pts) sum += std::hypot(pts[i].x - q.x, pts[i].y - q.y);
      if (sum < best_sum) best_sum = sum, best = i;
    }
    g.streets_.push_back(Street{name, Fold(name), pts[best]});
  }
  std::sort(g.streets_.begin(), g.streets_.end(),
            [](const Street& a, const Street& b) { return a.key < b.key; });
  g.postcodes_ = std::move(points);
  for (size_t i = 0; i < g.postcodes_.size(); ++i) {
    const StreetPoint& p = g.postcodes_[i];
    if (p.street.empty()) continue;
    g.cells_[CellKey(CellOf(p.point.x), CellOf(p.point.y))].push_back(static_cast<uint32_t>(i));
  }
  return g;
}

std::optional<NearestStreet> Gazetteer::Nearest(RdPoint p, double max_m) const {
  max_m = std::min(max_m, kNearestCellMetres);
  const int64_t cx = CellOf(p.x);
  const int64_t cy = CellOf(p.y);
  const StreetPoint* best = nullptr;
  double best_d = max_m;
  for (int64_t dx = -1; dx <= 1; ++dx) {
    for (int64_t dy = -1; dy <= 1; ++dy) {
      auto it = cells_.find(CellKey(cx + dx, cy + dy));
      if (it == cells_.end()) continue;
      for (uint32_t i : it->second) {
        const StreetPoint& q = postcodes_[i];
        const double d = std::hypot(q.point.x - p.x, q.point.y - p.y);
        // Equal distances: the lower postcode, so the answer does not depend on hash order.
        if (d < best_d || (d == best_d && best != nullptr && q.postcode < best->postcode)) {
          best = &q;
          best_d = d;
        }
      }
    }
  }
  if (best == nullptr) return std::nullopt;
  return NearestStreet{best->street, best->postcode, best_d};
}

std::vector<PlaceMatch> Gazetteer::Search(std::string_view query, size_t limit) const {
  limit = std::clamp<size_t>(limit, 1, 50);
  std::vector<PlaceMatch> out;
  if (const std::string pc = NormalisePostcode(query); !pc.empty()) {
    auto it = std::lower_bound(
        postcodes_.begin(), postcodes_.end(), pc,
        [](const StreetPoint& p, const std::string& key) { return p.postcode < key; });
    for (; it != postcodes_.end() && StartsWith(it->postcode, pc) && out.size() < limit; ++it) {
      std::string label = it->postcode.substr(0, 4) + " " + it->postcode.substr(4);
      if (!it->street.empty()) label += " " + it->street;
      out.push_back(PlaceMatch{std::move(label), it->street, it->postcode, it->point});
    }
    return out;
  }
  const std::string key = DropHouseNumber(Fold(query));
  if (key.size() < 2) return out;
  std::vector<const Street*> groups[3];
  for (const Street& s : streets_) {
    if (StartsWith(s.key, key)) {
      groups[0].push_back(&s);
    } else if (s.key.find(" " + key) != std::string::npos) {
      groups[1].push_back(&s);
    } else if (s.key.find(key) != std::string::npos) {
      groups[2].push_back(&s);
    }
  }
  for (const auto& group : groups) {
    for (const Street* s : group) {
      if (out.size() == limit) return out;
      out.push_back(PlaceMatch{s->name, s->name, "", s->point});
    }
  }
  return out;
}

}  // namespace baken::geo
