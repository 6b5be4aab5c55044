// Counts over meldingen for the wijkbeeld: see melding_statistics.h.
#include "baken/signals/melding_statistics.h"

#include "baken/store/sql_dialect.h"

namespace baken::signals {
namespace {

using store::Value;

void AddIn(std::string& sql, std::vector<Value>& params, const char* column,
           const std::vector<std::string>& values) {
  sql += std::string(column) + " IN (";
  for (size_t i = 0; i < values.size(); ++i) {
    sql += i == 0 ? "?" : ", ?";
    params.push_back(values[i]);
  }
  sql += ")";
}

// " FROM meldingen WHERE" the selection without visibility: tenant, period, categories, wijken.
void AddSelection(const StatisticsSelection& s, std::string& sql, std::vector<Value>& params) {
  sql += " FROM meldingen WHERE tenant = ? AND received_at >= ? AND received_at < ?";
  params.push_back(s.tenant);
  params.push_back(s.from);
  params.push_back(s.end);
  if (!s.categories.empty() || !s.main_categories.empty()) {
    sql += " AND (";
    if (!s.categories.empty()) AddIn(sql, params, "category", s.categories);
    if (!s.categories.empty() && !s.main_categories.empty()) sql += " OR ";
    if (!s.main_categories.empty()) AddIn(sql, params, "main_category", s.main_categories);
    sql += ")";
  }
  if (!s.wijken.empty()) {
    sql += " AND ";
    AddIn(sql, params, "wijk", s.wijken);
  }
}

// " AND [NOT] <visibility>": the condition the melding list uses too.
void AddVisibility(const StatisticsSelection& s, bool visible, std::string& sql,
                   std::vector<Value>& params) {
  const store::SqlCondition c = security::VisibilityCondition(s.visibility);
  sql += visible ? " AND " : " AND NOT ";
  sql += c.sql;
  params.insert(params.end(), c.params.begin(), c.params.end());
}

const char* GroupColumn(StatisticsGroup group) {
  switch (group) {
    case StatisticsGroup::kWijk: return "wijk";
    case StatisticsGroup::kBuurt: return "buurt";
    case StatisticsGroup::kMainCategory: return "main_category";
  }
  return "wijk";
}

}  // namespace

void MeldingFigures::Add(const MeldingFigures& o) {
  meldingen += o.meldingen;
  open += o.open;
  afgehandeld += o.afgehandeld;
  binnen_termijn += o.binnen_termijn;
  te_laat += o.te_laat;
}

StatusOr<std::map<std::string, MeldingFigures>> CountMeldingenBy(store::Database& db,
                                                                 const StatisticsSelection& s,
                                                                 Timestamp now,
                                                                 StatisticsGroup group) {
  const std::string column = GroupColumn(group);
  std::vector<Value> params;
  std::string sql = "SELECT " + column +
                    ", COUNT(*),"
                    " CAST(SUM(CASE WHEN closed_at IS NULL THEN 1 ELSE 0 END) AS BIGINT),"
                    " CAST(SUM(CASE WHEN closed_at IS NOT NULL AND closed_at <= deadline"
                    " THEN 1 ELSE 0 END) AS BIGINT),"
                    " CAST(SUM(CASE WHEN closed_at IS NULL AND deadline < ? THEN 1 ELSE 0 END)"
                    " AS BIGINT)";
  params.push_back(now);
  AddSelection(s, sql, params);
  AddVisibility(s, true, sql, params);
  sql += " GROUP BY " + column;
  std::map<std::string, MeldingFigures> out;
  RETURN_IF_ERROR(db.Read([&](store::Transaction& txn) -> Status {
    out.clear();
    return txn.ForEach(sql, params, [&](const store::Row& row) -> Status {
      MeldingFigures f;
      f.meldingen = row.GetInt64(1);
      f.open = row.GetInt64(2);
      f.afgehandeld = f.meldingen - f.open;
      f.binnen_termijn = row.GetInt64(3);
      f.te_laat = row.GetInt64(4);
      out[row.GetText(0)] = f;
      return Status::Ok();
    });
  }));
  return out;
}

StatusOr<std::map<int64_t, int64_t>> CountMeldingenPerHour(store::Database& db,
                                                           const StatisticsSelection& s) {
  std::vector<Value> params;
  std::string sql =
      "SELECT " + store::EpochHourExpression(db.dialect(), "received_at") + " AS uur, COUNT(*)";
  AddSelection(s, sql, params);
  AddVisibility(s, true, sql, params);
  sql += " GROUP BY uur";
  std::map<int64_t, int64_t> out;
  RETURN_IF_ERROR(db.Read([&](store::Transaction& txn) -> Status {
    out.clear();
    return txn.ForEach(sql, params, [&](const store::Row& row) -> Status {
      out[row.GetInt64(0)] += row.GetInt64(1);
      return Status::Ok();
    });
  }));
  return out;
}

StatusOr<int64_t> CountHiddenMeldingen(store::Database& db, const StatisticsSelection& s) {
  std::vector<Value> params;
  std::string sql = "SELECT COUNT(*)";
  AddSelection(s, sql, params);
  AddVisibility(s, false, sql, params);
  int64_t n = 0;
  RETURN_IF_ERROR(db.Read([&](store::Transaction& txn) -> Status {
    return txn.ForEach(sql, params, [&](const store::Row& row) -> Status {
      n = row.GetInt64(0);
      return Status::Ok();
    });
  }));
  return n;
}

}  // namespace baken::signals
