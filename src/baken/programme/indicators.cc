#include "baken/programme/indicators.h"

#include <cmath>
#include <cstdio>
#include <map>

#include <nlohmann/json.hpp>

#include "baken/programme/internal/codec.h"

namespace baken::programme {

using store::Transaction;

namespace {

// Meldingen that were split live on in their parts, merged ones are duplicates: neither counts.
constexpr char kCountedStates[] = "state NOT IN ('gesplitst', 'samengevoegd')";

const std::vector<NamedQuery> kQueries = {
    {"meldingen_per_categorie_per_wijk", "Meldingen per categorie per wijk",
     "Aantal meldingen ontvangen in het kwartaal, per subcategorie en wijk; gesplitste meldingen "
     "tellen via hun delen, samengevoegde (dubbele) meldingen tellen niet.",
     "aantal", true, "categorie", "wijk"},
    {"aandeel_binnen_termijn", "Aandeel meldingen binnen de afhandeltermijn afgehandeld",
     "Van de meldingen die in de periode zijn afgehandeld (status afgehandeld): het percentage dat "
     "uiterlijk op de afhandeltermijn is afgehandeld.",
     "%", false, "telling", ""},
    {"signalen_mensenhandel", "Signalen van mensenhandel",
     "Aantal meldingen in de hoofdcategorie Mensenhandel ontvangen in de periode, per "
     "subcategorie; samengevoegde (dubbele) meldingen tellen niet.",
     "aantal", false, "categorie", ""},
};

struct Computed {
  std::optional<double> value;
  std::vector<ValueCell> cells;
};

StatusOr<Computed> RunQuery(Transaction& txn, std::string_view query, const std::string& tenant,
                            const Period& period) {
  const Timestamp from = PeriodStart(period);
  const Timestamp to = PeriodEnd(period);
  Computed out;
  if (query == "meldingen_per_categorie_per_wijk") {
    ASSIGN_OR_RETURN(
        store::ResultSet rs,
        txn.Query(std::string("SELECT category, wijk, COUNT(*) FROM meldingen WHERE "
                              "tenant = ? AND received_at >= ? AND received_at < ? "
                              "AND ") +
                      kCountedStates + " GROUP BY category, wijk ORDER BY category, wijk",
                  {tenant, from, to}));
    double total = 0;
    for (const store::Row& row : rs.rows) {
      const double n = static_cast<double>(row.GetInt64(2));
      out.cells.push_back(ValueCell{row.GetText(0), row.GetText(1), n});
      total += n;
    }
    out.value = total;
    return out;
  }
  if (query == "aandeel_binnen_termijn") {
    ASSIGN_OR_RETURN(store::Row row,
                     txn.QueryRow("SELECT COUNT(*), COALESCE(SUM(CASE WHEN closed_at <= deadline "
                                  "THEN 1 ELSE 0 END), 0) FROM meldingen WHERE tenant = ? AND "
                                  "state = 'afgehandeld' AND closed_at >= ? AND closed_at < ?",
                                  {tenant, from, to}));
    const int64_t closed = row.GetInt64(0);
    const int64_t in_time = row.GetInt64(1);
    out.cells.push_back(ValueCell{"binnen_termijn", "", static_cast<double>(in_time)});
    out.cells.push_back(ValueCell{"afgehandeld", "", static_cast<double>(closed)});
    if (closed > 0) out.value = 100.0 * static_cast<double>(in_time) / static_cast<double>(closed);
    return out;
  }
  if (query == "signalen_mensenhandel") {
    ASSIGN_OR_RETURN(store::ResultSet rs,
                     txn.Query(std::string("SELECT category, COUNT(*) FROM meldingen WHERE tenant "
                                           "= ? AND main_category = 'mensenhandel' AND "
                                           "received_at >= ? AND received_at < ? AND ") +
                                   kCountedStates + " GROUP BY category ORDER BY category",
                               {tenant, from, to}));
    double total = 0;
    for (const store::Row& row : rs.rows) {
      const double n = static_cast<double>(row.GetInt64(1));
      out.cells.push_back(ValueCell{row.GetText(0), "", n});
      total += n;
    }
    out.value = total;
    return out;
  }
  return InvalidArgumentError("Onbekende query '" + std::string(query) + "'.", "query");
}

StatusOr<int64_t> InsertValue(Transaction& txn, const std::string& tenant,
                              const std::string& indicator, const IndicatorValue& v) {
  ASSIGN_OR_RETURN(
      store::Row row,
      txn.QueryRow("INSERT INTO programme_indicator_values (tenant, indicator, "
                   "period, value, recorded_at, source, entered_by, source_document) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                   {tenant, indicator, FormatPeriod(v.period),
                    v.value ? store::Value(*v.value) : store::Null(), v.recorded_at,
                    std::string(ValueSourceCode(v.source)), v.entered_by, v.source_document}));
  const int64_t id = row.GetInt64(0);
  for (size_t i = 0; i < v.cells.size(); ++i) {
    RETURN_IF_ERROR(txn.Execute("INSERT INTO programme_indicator_value_cells (value_id, position, "
                                "key1, key2, value) VALUES (?, ?, ?, ?, ?)",
                                {id, static_cast<int64_t>(i), v.cells[i].key1, v.cells[i].key2,
                                 v.cells[i].value})
                        .status());
  }
  return id;
}

constexpr char kIndicatorColumns[] =
    "code, programme, name, definition, unit, direction, action_line, ambition, source, query, "
    "about_persons";

StatusOr<Indicator> DecodeIndicator(Transaction& txn, const std::string& tenant,
                                    const store::Row& row) {
  Indicator ind;
  ind.code = row.GetText(0);
  ind.programme = row.GetText(1);
  ind.name = row.GetText(2);
  ind.definition = row.GetText(3);
  ind.unit = row.GetText(4);
  ASSIGN_OR_RETURN(ind.direction, ParseDirection(row.GetText(5)));
  ind.action_line = internal::TextOrEmpty(row, 6);
  ind.ambition = internal::TextOrEmpty(row, 7);
  ASSIGN_OR_RETURN(ind.source, ParseValueSource(row.GetText(8)));
  ind.query = internal::TextOrEmpty(row, 9);
  ind.about_persons = row.GetInt64(10) != 0;
  ASSIGN_OR_RETURN(store::ResultSet targets,
                   txn.Query("SELECT period, value FROM programme_targets WHERE tenant = ? AND "
                             "indicator = ?",
                             {tenant, ind.code}));
  for (const store::Row& t : targets.rows) {
    ASSIGN_OR_RETURN(Period p, ParsePeriod(t.GetText(0)));
    ind.targets.push_back(Target{p, t.GetDouble(1)});
  }
  std::sort(ind.targets.begin(), ind.targets.end(),
            [](const Target& a, const Target& b) { return a.period < b.period; });
  return ind;
}

StatusOr<Indicator> ReadIndicator(Transaction& txn, const std::string& tenant,
                                  const std::string& code) {
  ASSIGN_OR_RETURN(store::ResultSet rs,
                   txn.Query(std::string("SELECT ") + kIndicatorColumns +
                                 " FROM programme_indicators WHERE tenant = ? AND code = ?",
                             {tenant, code}));
  if (rs.rows.empty()) return NotFoundError("Onbekende indicator '" + code + "'.");
  return DecodeIndicator(txn, tenant, rs.rows[0]);
}

std::string FormatNumber(double value) {
  if (std::fabs(value - std::round(value)) < 1e-9 && std::fabs(value) < 1e15) {
    return std::to_string(static_cast<int64_t>(std::llround(value)));
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", value);
  return buf;
}

}  // namespace

namespace internal {

Status InsertIndicators(Transaction& txn, const std::string& tenant, const std::string& programme,
                        const std::vector<Indicator>& indicators) {
  for (size_t i = 0; i < indicators.size(); ++i) {
    const Indicator& ind = indicators[i];
    if (ind.source == ValueSource::kComputed && FindNamedQuery(ind.query) == nullptr) {
      return InvalidArgumentError("Onbekende query '" + ind.query + "'.",
                                  "indicatoren[" + std::to_string(i) + "].query");
    }
    RETURN_IF_ERROR(
        txn.Execute(
               "INSERT INTO programme_indicators (tenant, code, programme, position, name, "
               "definition, unit, direction, action_line, ambition, source, query, "
               "about_persons) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
               {tenant, ind.code, programme, static_cast<int64_t>(i), ind.name, ind.definition,
                ind.unit, std::string(DirectionCode(ind.direction)), OptionalText(ind.action_line),
                OptionalText(ind.ambition), std::string(ValueSourceCode(ind.source)),
                OptionalText(ind.query), int64_t{ind.about_persons ? 1 : 0}})
            .status());
    for (const Target& t : ind.targets) {
      RETURN_IF_ERROR(txn.Execute("INSERT INTO programme_targets (tenant, indicator, period, "
                                  "value) VALUES (?, ?, ?, ?)",
                                  {tenant, ind.code, FormatPeriod(t.period), t.value})
                          .status());
    }
  }
  return Status::Ok();
}

}  // namespace internal

const std::vector<NamedQuery>& NamedQueries() {
  return kQueries;
}

const NamedQuery* FindNamedQuery(std::string_view code) {
  for (const NamedQuery& q : kQueries) {
    if (q.code == code) return &q;
  }
  return nullptr;
}

std::string SuppressSmallCount(int64_t count, int threshold) {
  if (count < threshold) return "< " + std::to_string(threshold);
  return std::to_string(count);
}

bool IsSuppressed(const Indicator& indicator, double value, const Suppression& suppression) {
  return suppression.enabled && indicator.about_persons && indicator.unit == "aantal" &&
         value < suppression.threshold;
}

std::string DisplayValue(const Indicator& indicator, double value, const Suppression& suppression) {
  if (IsSuppressed(indicator, value, suppression)) {
    return SuppressSmallCount(static_cast<int64_t>(std::llround(value)), suppression.threshold);
  }
  return FormatNumber(value);
}

StatusOr<std::vector<Indicator>> IndicatorStore::List(const std::string& tenant,
                                                      const std::string& programme) {
  std::vector<Indicator> out;
  RETURN_IF_ERROR(db_.Read([&](Transaction& txn) -> Status {
    out.clear();
    ASSIGN_OR_RETURN(store::ResultSet rs,
                     txn.Query(std::string("SELECT ") + kIndicatorColumns +
                                   " FROM programme_indicators WHERE tenant = ? AND programme = "
                                   "? ORDER BY position",
                               {tenant, programme}));
    for (const store::Row& row : rs.rows) {
      ASSIGN_OR_RETURN(Indicator ind, DecodeIndicator(txn, tenant, row));
      out.push_back(std::move(ind));
    }
    return Status::Ok();
  }));
  return out;
}

StatusOr<Indicator> IndicatorStore::Get(const std::string& tenant, const std::string& code) {
  Indicator out;
  RETURN_IF_ERROR(db_.Read([&](Transaction& txn) -> Status {
    ASSIGN_OR_RETURN(out, ReadIndicator(txn, tenant, code));
    return Status::Ok();
  }));
  return out;
}

StatusOr<std::vector<IndicatorValue>> IndicatorStore::Compute(const std::string& tenant,
                                                              const std::string& code,
                                                              const Period& period,
                                                              const std::string& actor) {
  ASSIGN_OR_RETURN(Indicator ind, Get(tenant, code));
  if (ind.source != ValueSource::kComputed) {
    return Status(StatusCode::kFailedPrecondition,
                  "De indicator '" + code + "' wordt handmatig ingevoerd, niet berekend.",
                  "indicator");
  }
  const NamedQuery* query = FindNamedQuery(ind.query);
  if (query == nullptr) return InternalError("onbekende query " + ind.query);
  std::vector<Period> periods;
  if (query->quarterly && period.quarter == 0) {
    for (int q = 1; q <= 4; ++q) periods.push_back(Period{period.year, q});
  } else {
    periods.push_back(period);
  }
  std::vector<IndicatorValue> out;
  const Timestamp now = clock_.Now();
  RETURN_IF_ERROR(db_.Write([&](Transaction& txn) -> Status {
    out.clear();
    for (const Period& p : periods) {
      ASSIGN_OR_RETURN(Computed c, RunQuery(txn, ind.query, tenant, p));
      IndicatorValue v;
      v.period = p;
      v.value = c.value;
      v.recorded_at = now;
      v.source = ValueSource::kComputed;
      v.entered_by = actor;
      v.cells = std::move(c.cells);
      ASSIGN_OR_RETURN(v.id, InsertValue(txn, tenant, code, v));
      out.push_back(std::move(v));
    }
    return Status::Ok();
  }));
  return out;
}

StatusOr<std::vector<IndicatorValue>> IndicatorStore::ComputeAll(const std::string& tenant,
                                                                 const Period& period,
                                                                 const std::string& actor) {
  std::vector<std::string> codes;
  RETURN_IF_ERROR(db_.Read([&](Transaction& txn) -> Status {
    codes.clear();
    ASSIGN_OR_RETURN(store::ResultSet rs,
                     txn.Query("SELECT code FROM programme_indicators WHERE tenant = ? AND "
                               "source = 'computed' ORDER BY programme, position",
                               {tenant}));
    for (const store::Row& row : rs.rows) codes.push_back(row.GetText(0));
    return Status::Ok();
  }));
  std::vector<IndicatorValue> out;
  for (const std::string& code : codes) {
    ASSIGN_OR_RETURN(std::vector<IndicatorValue> values, Compute(tenant, code, period, actor));
    for (IndicatorValue& v : values) out.push_back(std::move(v));
  }
  return out;
}

StatusOr<IndicatorValue> IndicatorStore::EnterManual(const std::string& tenant,
                                                     const std::string& code, const Period& period,
                                                     double value,
                                                     const std::string& source_document,
                                                     const ChangeContext& who) {
  if (!std::isfinite(value)) return InvalidArgumentError("De waarde is geen getal.", "waarde");
  if (source_document.empty()) {
    return InvalidArgumentError("Noem de bron van de waarde (document of registratie).", "bron");
  }
  IndicatorValue v;
  v.period = period;
  v.value = value;
  v.recorded_at = clock_.Now();
  v.source = ValueSource::kManual;
  v.entered_by = who.actor;
  v.source_document = source_document;
  RETURN_IF_ERROR(db_.Write([&](Transaction& txn) -> Status {
    ASSIGN_OR_RETURN(Indicator ind, ReadIndicator(txn, tenant, code));
    if (ind.source != ValueSource::kManual) {
      return Status(StatusCode::kFailedPrecondition,
                    "De indicator '" + code + "' wordt berekend; een waarde invoeren kan niet.",
                    "indicator");
    }
    ASSIGN_OR_RETURN(v.id, InsertValue(txn, tenant, code, v));
    RETURN_IF_ERROR(internal::AppendHistory(
        txn, tenant, ind.programme,
        HistoryEntry{0, v.recorded_at, who.actor, ind.action_line, "indicator:" + code, "",
                     FormatPeriod(period) + ": " + FormatNumber(value),
                     "bron: " + source_document}));
    return internal::AppendAudit(
        txn, db_, clock_, tenant, who, "programma.waarde_invoeren", ind.programme + "/" + code,
        nlohmann::json{
            {"indicator", code}, {"periode", FormatPeriod(period)}, {"bron", source_document}}
            .dump());
  }));
  return v;
}

StatusOr<std::vector<IndicatorValue>> IndicatorStore::ValuesAsOf(const std::string& tenant,
                                                                 const std::string& code,
                                                                 Timestamp as_of) {
  std::vector<IndicatorValue> out;
  RETURN_IF_ERROR(db_.Read([&](Transaction& txn) -> Status {
    out.clear();
    ASSIGN_OR_RETURN(
        store::ResultSet rs,
        txn.Query("SELECT id, period, value, recorded_at, source, entered_by, source_document "
                  "FROM programme_indicator_values WHERE tenant = ? AND indicator = ? AND "
                  "recorded_at <= ? ORDER BY period, recorded_at DESC, id DESC",
                  {tenant, code, as_of}));
    std::map<Period, IndicatorValue> latest;
    for (const store::Row& row : rs.rows) {
      ASSIGN_OR_RETURN(Period p, ParsePeriod(row.GetText(1)));
      if (latest.count(p)) continue;
      IndicatorValue v;
      v.id = row.GetInt64(0);
      v.period = p;
      if (!row.IsNull(2)) v.value = row.GetDouble(2);
      v.recorded_at = row.GetTimestamp(3);
      ASSIGN_OR_RETURN(v.source, ParseValueSource(row.GetText(4)));
      v.entered_by = row.GetText(5);
      v.source_document = row.GetText(6);
      ASSIGN_OR_RETURN(store::ResultSet cells,
                       txn.Query("SELECT key1, key2, value FROM programme_indicator_value_cells "
                                 "WHERE value_id = ? ORDER BY position",
                                 {v.id}));
      for (const store::Row& c : cells.rows) {
        v.cells.push_back(ValueCell{c.GetText(0), c.GetText(1), c.GetDouble(2)});
      }
      latest.emplace(p, std::move(v));
    }
    for (auto& [p, v] : latest) out.push_back(std::move(v));
    return Status::Ok();
  }));
  return out;
}

}  // namespace baken::programme
