#include "baken/store/area_repository.h"

#include "baken/geo/wkb.h"

namespace baken::store {

namespace {

constexpr const char* kSelectColumns =
    "SELECT code, level, name, parent_code, inhabitants, area_ha FROM areas ";

std::string LevelText(geo::Level level) {
  return std::string(geo::LevelName(level));
}

Value NullableInt(int64_t v) {
  return v < 0 ? Null() : Value(v);
}
Value NullableDouble(double v) {
  return v < 0 ? Null() : Value(v);
}

StatusOr<AreaSummary> SummaryFromRow(const Row& row) {
  AreaSummary s;
  s.code = row.GetText(0);
  ASSIGN_OR_RETURN(s.level, ParseLevel(row.GetText(1)));
  s.name = row.GetText(2);
  s.parent_code = row.IsNull(3) ? "" : row.GetText(3);
  s.inhabitants = row.IsNull(4) ? geo::kUnknownInhabitants : row.GetInt64(4);
  s.area_ha = row.IsNull(5) ? -1 : row.GetDouble(5);
  return s;
}

}  // namespace

StatusOr<geo::Level> ParseLevel(const std::string& text, const std::string& field) {
  if (text == "buurt") return geo::Level::kNeighbourhood;
  if (text == "wijk") return geo::Level::kDistrict;
  if (text == "gemeente") return geo::Level::kMunicipality;
  return InvalidArgumentError("Onbekend niveau '" + text + "': kies gemeente, wijk of buurt.",
                              field);
}

StatusOr<int> AreaRepository::ReplaceLevel(const std::string& tenant,
                                           const std::string& tenant_name, geo::Level level,
                                           const geo::AreaSet& areas, const std::string& source) {
  std::vector<const geo::Area*> selected = areas.List(level);
  if (selected.empty()) {
    return InvalidArgumentError(
        "Het bestand bevat geen gebieden van niveau " + LevelText(level) + ".", "niveau");
  }
  const Timestamp now = clock_.Now();
  Status status = db_.Write([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto exists, tx.Query("SELECT 1 FROM tenants WHERE code = ?", {tenant}));
    if (exists.rows.empty()) {
      RETURN_IF_ERROR(tx.Execute("INSERT INTO tenants (code, name, created_at) VALUES (?, ?, ?)",
                                 {tenant, tenant_name, now}));
    }
    RETURN_IF_ERROR(
        tx.Execute("DELETE FROM areas WHERE tenant = ? AND level = ?", {tenant, LevelText(level)}));
    ASSIGN_OR_RETURN(auto insert,
                     tx.Prepare("INSERT INTO areas (tenant, code, level, name, parent_code, "
                                "inhabitants, area_ha, geometry, interior_x, interior_y, source, "
                                "imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    for (const geo::Area* area : selected) {
      const Value params[] = {tenant,
                              area->code,
                              LevelText(level),
                              area->name,
                              area->parent_code.empty() ? Null() : Value(area->parent_code),
                              NullableInt(area->inhabitants),
                              NullableDouble(area->area_ha),
                              Blob{geo::EncodeWkb(area->geometry)},
                              area->interior_point.x,
                              area->interior_point.y,
                              source,
                              now};
      RETURN_IF_ERROR(insert->Execute(params).status().WithContext(area->code));
    }
    return Status::Ok();
  });
  RETURN_IF_ERROR(status);
  return static_cast<int>(selected.size());
}

StatusOr<geo::AreaSet> AreaRepository::Load(const std::string& tenant) {
  geo::AreaSet set;
  Status status = db_.Read([&](Transaction& tx) -> Status {
    const Value params[] = {tenant};
    return tx.ForEach(
        "SELECT code, level, name, parent_code, inhabitants, area_ha, geometry, interior_x, "
        "interior_y FROM areas WHERE tenant = ? "
        "ORDER BY CASE level WHEN 'gemeente' THEN 0 WHEN 'wijk' THEN 1 ELSE 2 END, code",
        params, [&](const Row& row) -> Status {
          ASSIGN_OR_RETURN(AreaSummary s, SummaryFromRow(row));
          geo::Area area;
          area.code = std::move(s.code);
          area.level = s.level;
          area.name = std::move(s.name);
          area.parent_code = std::move(s.parent_code);
          area.inhabitants = s.inhabitants;
          area.area_ha = s.area_ha;
          ASSIGN_OR_RETURN(area.geometry, geo::DecodeWkb(row.GetBlob(6).bytes));
          area.interior_point = {row.GetDouble(7), row.GetDouble(8)};
          return set.Add(std::move(area));
        });
  });
  RETURN_IF_ERROR(status);
  return set;
}

StatusOr<std::vector<AreaSummary>> AreaRepository::List(const std::string& tenant,
                                                        std::optional<geo::Level> level) {
  std::vector<AreaSummary> out;
  Status status = db_.Read([&](Transaction& tx) -> Status {
    std::string sql = std::string(kSelectColumns) + "WHERE tenant = ?";
    std::vector<Value> params = {tenant};
    if (level.has_value()) {
      sql += " AND level = ?";
      params.push_back(LevelText(*level));
    }
    sql += " ORDER BY CASE level WHEN 'gemeente' THEN 0 WHEN 'wijk' THEN 1 ELSE 2 END, code";
    return tx.ForEach(sql, params, [&](const Row& row) -> Status {
      ASSIGN_OR_RETURN(AreaSummary s, SummaryFromRow(row));
      out.push_back(std::move(s));
      return Status::Ok();
    });
  });
  RETURN_IF_ERROR(status);
  return out;
}

StatusOr<int> AreaRepository::ReplaceStreetPoints(const std::string& tenant,
                                                  const std::vector<geo::StreetPoint>& points,
                                                  const std::string& source) {
  if (points.empty()) return InvalidArgumentError("Het adressenbestand is leeg.", "bestand");
  const Timestamp now = clock_.Now();
  Status status = db_.Write([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto known,
                     tx.Query("SELECT 1 FROM areas WHERE tenant = ? LIMIT 1", {tenant}));
    if (known.rows.empty()) {
      return FailedPreconditionError("Gemeente " + tenant +
                                     " heeft nog geen wijken en buurten; laad die eerst (baken "
                                     "areas import).");
    }
    RETURN_IF_ERROR(tx.Execute("DELETE FROM street_points WHERE tenant = ?", {tenant}));
    ASSIGN_OR_RETURN(auto insert,
                     tx.Prepare("INSERT INTO street_points (tenant, postcode, street, x, y, "
                                "source, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?)"));
    for (const geo::StreetPoint& p : points) {
      const Value params[] = {tenant, p.postcode, p.street, p.point.x, p.point.y, source, now};
      Status inserted = insert->Execute(params).status();
      if (inserted.code() == StatusCode::kAlreadyExists) {
        return InvalidArgumentError(
            "De postcode " + p.postcode + " staat twee keer in het bestand.", "postcode");
      }
      RETURN_IF_ERROR(inserted.WithContext(p.postcode));
    }
    return Status::Ok();
  });
  RETURN_IF_ERROR(status);
  return static_cast<int>(points.size());
}

StatusOr<std::vector<geo::StreetPoint>> AreaRepository::LoadStreetPoints(
    const std::string& tenant) {
  std::vector<geo::StreetPoint> out;
  Status status = db_.Read([&](Transaction& tx) -> Status {
    const Value params[] = {tenant};
    return tx.ForEach(
        "SELECT postcode, street, x, y FROM street_points WHERE tenant = ? ORDER BY "
        "postcode",
        params, [&](const Row& row) -> Status {
          out.push_back(geo::StreetPoint{
              row.GetText(0), row.GetText(1), {row.GetDouble(2), row.GetDouble(3)}});
          return Status::Ok();
        });
  });
  RETURN_IF_ERROR(status);
  return out;
}

StatusOr<std::vector<std::string>> AreaRepository::Tenants() {
  std::vector<std::string> out;
  RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto rs, tx.Query("SELECT DISTINCT tenant FROM areas ORDER BY tenant"));
    for (const Row& row : rs.rows) out.push_back(row.GetText(0));
    return Status::Ok();
  }));
  return out;
}

}  // namespace baken::store
