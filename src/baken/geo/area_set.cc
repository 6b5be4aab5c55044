#include "baken/geo/area_set.h"

#include <cmath>

namespace baken::geo {

Status AreaSet::Add(Area area) {
  if (area.code.empty()) return InvalidArgumentError("gebied zonder code", "code");
  if (by_code_.contains(area.code)) {
    return AlreadyExistsError("gebied " + area.code + " bestaat al", "code");
  }
  auto owned = std::make_unique<Area>(std::move(area));
  by_code_.emplace(owned->code, owned.get());
  areas_.push_back(std::move(owned));
  return Status::Ok();
}

Status AreaSet::Merge(AreaSet&& other) {
  for (const auto& a : other.areas_) {
    if (by_code_.contains(a->code)) {
      return AlreadyExistsError("gebied " + a->code + " bestaat al", "code");
    }
  }
  for (auto& a : other.areas_) {
    by_code_.emplace(a->code, a.get());
    areas_.push_back(std::move(a));
  }
  other.areas_.clear();
  other.by_code_.clear();
  return Status::Ok();
}

const Area* AreaSet::Find(std::string_view code) const {
  auto it = by_code_.find(std::string(code));
  return it == by_code_.end() ? nullptr : it->second;
}

std::vector<const Area*> AreaSet::List(Level level) const {
  std::vector<const Area*> out;
  for (const auto& a : areas_) {
    if (a->level == level) out.push_back(a.get());
  }
  return out;
}

namespace {

struct CbsKeys {
  const char* code;
  const char* name;
  const char* parent;  // nullptr: none
};

CbsKeys KeysFor(Level level) {
  switch (level) {
    case Level::kNeighbourhood: return {"BU_CODE", "BU_NAAM", "WK_CODE"};
    case Level::kDistrict: return {"WK_CODE", "WK_NAAM", "GM_CODE"};
    case Level::kMunicipality: break;
  }
  return {"GM_CODE", "GM_NAAM", nullptr};
}

}  // namespace

StatusOr<AreaSet> ImportCbs(const FeatureCollection& collection, Level level,
                            std::string_view municipality) {
  const CbsKeys keys = KeysFor(level);
  AreaSet set;
  for (size_t i = 0; i < collection.features.size(); ++i) {
    const Feature& f = collection.features[i];
    const std::string label = "feature " + std::to_string(i);
    if (PropertyString(f.properties, "GM_CODE") != std::string(municipality)) continue;
    Area area;
    area.level = level;
    std::optional<std::string> code = PropertyString(f.properties, keys.code);
    if (!code.has_value() || code->empty()) {
      return InvalidArgumentError(label + ": " + keys.code + " ontbreekt", keys.code);
    }
    const std::string where = label + " (" + *code + ")";
    area.code = *code;
    area.name = PropertyString(f.properties, keys.name).value_or("");
    if (keys.parent != nullptr) {
      std::optional<std::string> parent = PropertyString(f.properties, keys.parent);
      if (!parent.has_value() || parent->empty()) {
        return InvalidArgumentError(where + ": " + keys.parent + " ontbreekt", keys.parent);
      }
      area.parent_code = *parent;
    }
    if (std::optional<double> inw = PropertyNumber(f.properties, "AANT_INW");
        inw.has_value() && *inw >= 0 && *inw < 1e12) {
      area.inhabitants = static_cast<int64_t>(std::llround(*inw));
    }
    if (std::optional<double> opp = PropertyNumber(f.properties, "OPP_TOT");
        opp.has_value() && *opp >= 0) {
      area.area_ha = *opp;
    }
    area.geometry = f.geometry;
    if (Status st = ValidateGeometry(area.geometry); !st.ok()) return st.WithContext(where);
    StatusOr<RdPoint> interior = InteriorPoint(area.geometry);
    if (!interior.ok()) return interior.status().WithContext(where);
    area.interior_point = *interior;
    if (Status st = set.Add(std::move(area)); !st.ok()) return st.WithContext(where);
  }
  if (set.empty()) {
    return InvalidArgumentError("geen enkel gebied met GM_CODE " + std::string(municipality),
                                "GM_CODE");
  }
  return set;
}

}  // namespace baken::geo
