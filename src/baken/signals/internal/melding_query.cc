#include "baken/signals/internal/melding_query.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <sstream>

#include "baken/base/encoding.h"
#include "baken/signals/internal/melding_store.h"
#include "baken/signals/melding_text_index.h"
#include "baken/store/sql_dialect.h"

namespace baken::signals::internal {

using store::Value;

namespace {

void AddIn(std::string& sql, std::vector<Value>& params, const char* column,
           const std::vector<std::string>& values) {
  sql += std::string(column) + " IN (";
  for (size_t i = 0; i < values.size(); ++i) {
    sql += i == 0 ? "?" : ", ?";
    params.push_back(values[i]);
  }
  sql += ")";
}

}  // namespace

std::string EncodeCursor(int sort, int64_t key, const std::string& id) {
  return Base64Encode(std::to_string(sort) + "|" + std::to_string(key) + "|" + id,
                      Base64Variant::kUrlSafeNoPadding);
}

Status DecodeCursor(const std::string& cursor, int sort, int64_t* key, std::string* id) {
  const Status bad =
      InvalidArgumentError("De cursor is ongeldig; begin opnieuw bij de eerste pagina.", "cursor");
  const std::optional<std::string> decoded = Base64Decode(cursor, Base64Variant::kUrlSafeNoPadding);
  if (!decoded) return bad;
  const std::string& raw = *decoded;
  const size_t a = raw.find('|');
  const size_t b = a == std::string::npos ? a : raw.find('|', a + 1);
  if (b == std::string::npos) return bad;
  try {
    if (std::stoi(raw.substr(0, a)) != sort) return bad;
    *key = std::stoll(raw.substr(a + 1, b - a - 1));
  } catch (...) {
    return bad;
  }
  *id = raw.substr(b + 1);
  return id->empty() ? bad : Status::Ok();
}

StatusOr<Page> ListMeldingen(store::Database& db, const ListQuery& q, Timestamp now,
                             const CategoryCatalog* catalog) {
  if (q.limit < 1 || q.limit > 500) {
    return InvalidArgumentError("Kies een paginagrootte van 1 tot 500.", "limiet");
  }
  std::string sql = std::string("SELECT ") + kMeldingColumns + " FROM meldingen WHERE tenant = ?";
  std::vector<Value> params = {q.tenant};
  if (!q.states.empty()) {
    std::vector<std::string> codes;
    for (State s : q.states) codes.emplace_back(StateCode(s));
    sql += " AND ";
    AddIn(sql, params, "state", codes);
  }
  if (!q.categories.empty()) {
    std::vector<std::string> subs, mains;
    for (const std::string& code : q.categories) {
      const bool main = catalog != nullptr && catalog->FindMain(code) != nullptr;
      const bool sub = catalog == nullptr || catalog->Find(code) != nullptr || !main;
      if (main) mains.push_back(code);
      if (sub) subs.push_back(code);
    }
    sql += " AND (";
    if (!subs.empty()) AddIn(sql, params, "category", subs);
    if (!subs.empty() && !mains.empty()) sql += " OR ";
    if (!mains.empty()) AddIn(sql, params, "main_category", mains);
    sql += ")";
  }
  if (!q.departments.empty()) sql += " AND ", AddIn(sql, params, "department", q.departments);
  if (!q.wijken.empty()) sql += " AND ", AddIn(sql, params, "wijk", q.wijken);
  if (!q.buurten.empty()) sql += " AND ", AddIn(sql, params, "buurt", q.buurten);
  if (q.assignee) sql += " AND assignee = ?", params.push_back(*q.assignee);
  if (q.received_from) sql += " AND received_at >= ?", params.push_back(*q.received_from);
  if (q.received_to) sql += " AND received_at < ?", params.push_back(*q.received_to);
  if (q.open) sql += *q.open ? " AND closed_at IS NULL" : " AND closed_at IS NOT NULL";
  if (q.overdue) {
    sql += *q.overdue ? " AND closed_at IS NULL AND deadline < ?"
                      : " AND NOT (closed_at IS NULL AND deadline < ?)";
    params.push_back(now);
  }
  if (!q.text.empty()) {
    std::optional<store::SqlCondition> match =
        store::FullTextMatch(db.dialect(), kMeldingTextIndex, q.text);
    if (!match) return InvalidArgumentError("Geef ten minste één woord om op te zoeken.", "tekst");
    sql += " AND " + match->sql;
    params.insert(params.end(), match->params.begin(), match->params.end());
  }
  // Visibility: the one condition security gives for every query over meldingen.
  const store::SqlCondition visible = security::VisibilityCondition(q.visibility);
  sql += " AND " + visible.sql;
  params.insert(params.end(), visible.params.begin(), visible.params.end());
  const int sort = static_cast<int>(q.sort);
  const char* key_column = q.sort == ListQuery::Sort::kDeadlineAsc ? "deadline" : "received_at";
  const bool desc = q.sort == ListQuery::Sort::kReceivedDesc;
  if (!q.cursor.empty()) {
    int64_t key = 0;
    std::string id;
    RETURN_IF_ERROR(DecodeCursor(q.cursor, sort, &key, &id));
    sql += std::string(" AND (") + key_column + ", id) " + (desc ? "<" : ">") + " (?, ?)";
    params.push_back(FromUnixMicros(key));
    params.push_back(id);
  }
  sql += std::string(" ORDER BY ") + key_column + (desc ? " DESC, id DESC" : " ASC, id ASC");
  sql += " LIMIT " + std::to_string(q.limit + 1);

  Page page;
  RETURN_IF_ERROR(db.Read([&](store::Transaction& txn) -> Status {
    page.items.clear();
    return txn.ForEach(sql, params, [&](const store::Row& row) -> Status {
      ASSIGN_OR_RETURN(Melding m, MeldingFromRow(row));
      page.items.push_back(std::move(m));
      return Status::Ok();
    });
  }));
  if (static_cast<int>(page.items.size()) > q.limit) {
    page.items.resize(q.limit);
    const Melding& last = page.items.back();
    const Timestamp key =
        q.sort == ListQuery::Sort::kDeadlineAsc ? last.deadline : last.received_at;
    page.next_cursor = EncodeCursor(sort, ToUnixMicros(key), last.id);
  }
  return page;
}

namespace {

struct Near {
  double distance = 0;
  std::string id;
};

// FROM and WHERE of both duplicate queries, for the parameters of NearParams plus exclude_id.
constexpr const char* kNearFrom =
    "FROM meldingen WHERE tenant = ? AND category = ? AND cell_x BETWEEN ? AND ? AND cell_y "
    "BETWEEN ? AND ? AND closed_at IS NULL AND received_at >= ? AND received_at <= ? AND id <> ?";

// The candidates of a duplicate search: the grid cells the radius touches and the period, as the
// leading parameters of a query on meldingen_cells (tenant, category, x0, x1, y0, y1, from, to).
StatusOr<std::vector<Value>> NearParams(const DuplicateQuery& q) {
  if (!(q.radius_m > 0 && q.radius_m <= 1000)) {
    return InvalidArgumentError("Kies een straal van 1 tot 1000 meter.", "straal");
  }
  const auto cell = [](double v) { return static_cast<int64_t>(std::floor(v / kCellMetres)); };
  const Timestamp from = q.at - std::chrono::duration_cast<std::chrono::microseconds>(q.period);
  return std::vector<Value>{q.tenant,
                            q.category,
                            cell(q.x - q.radius_m),
                            cell(q.x + q.radius_m),
                            cell(q.y - q.radius_m),
                            cell(q.y + q.radius_m),
                            from,
                            q.at + std::chrono::duration_cast<std::chrono::microseconds>(q.after)};
}

// Pass one of the duplicate search: ids and distances of every candidate within the radius, read
// from the (tenant, category, cell_x, cell_y) index and the row's coordinates only.
Status ForEachNear(store::Transaction& txn, const DuplicateQuery& q,
                   const std::function<void(Near)>& fn) {
  ASSIGN_OR_RETURN(std::vector<Value> params, NearParams(q));
  params.push_back(q.exclude_id);
  return txn.ForEach(std::string("SELECT id, x, y ") + kNearFrom, params,
                     [&](const store::Row& row) -> Status {
                       const double d = std::hypot(row.GetDouble(1) - q.x, row.GetDouble(2) - q.y);
                       if (d <= q.radius_m) fn({d, row.GetText(0)});
                       return Status::Ok();
                     });
}

}  // namespace

StatusOr<std::vector<Melding>> FindNear(store::Database& db, const DuplicateQuery& q) {
  std::vector<Melding> out;
  RETURN_IF_ERROR(db.Read([&](store::Transaction& txn) -> Status {
    out.clear();
    std::vector<Near> near;
    RETURN_IF_ERROR(ForEachNear(txn, q, [&](Near n) { near.push_back(std::move(n)); }));
    const size_t keep = std::min(near.size(), q.limit);
    std::partial_sort(near.begin(), near.begin() + static_cast<std::ptrdiff_t>(keep), near.end(),
                      [](const Near& a, const Near& b) {
                        return a.distance != b.distance ? a.distance < b.distance : a.id < b.id;
                      });
    ASSIGN_OR_RETURN(auto statement, txn.Prepare(std::string("SELECT ") + kMeldingColumns +
                                                 " FROM meldingen WHERE id = ?"));
    for (size_t i = 0; i < keep; ++i) {
      const Value id[] = {near[i].id};
      ASSIGN_OR_RETURN(store::ResultSet rs, statement->Query(id));
      if (rs.rows.empty()) continue;
      ASSIGN_OR_RETURN(Melding m, MeldingFromRow(rs.rows[0]));
      out.push_back(std::move(m));
    }
    return Status::Ok();
  }));
  return out;
}

StatusOr<int64_t> CountNear(store::Database& db, const DuplicateQuery& q) {
  ASSIGN_OR_RETURN(std::vector<Value> params, NearParams(q));
  for (Value v : {Value(q.exclude_id), Value(q.x), Value(q.x), Value(q.y), Value(q.y),
                  Value(q.radius_m * q.radius_m), Value(static_cast<int64_t>(q.limit))}) {
    params.push_back(std::move(v));
  }
  int64_t count = 0;
  RETURN_IF_ERROR(db.Read([&](store::Transaction& txn) -> Status {
    // The distance in SQL and a LIMIT: a spot reported thousands of times costs `limit` rows.
    ASSIGN_OR_RETURN(
        store::ResultSet rs,
        txn.Query(std::string("SELECT count(*) FROM (SELECT 1 ") + kNearFrom +
                      " AND (x - ?) * (x - ?) + (y - ?) * (y - ?) <= ? LIMIT ?) AS near",
                  params));
    if (rs.rows.empty()) return InternalError("count(*) gaf geen rij");
    const store::Row& row = rs.rows[0];
    count = row.GetInt64(0);
    return Status::Ok();
  }));
  return count;
}

}  // namespace baken::signals::internal
