#include "baken/signals/event_source.h"

#include <string>

namespace baken::signals {

Status ForEachEvent(store::Database& db, const EventFilter& filter, const EventFn& fn) {
  // The columns named here are the whole interface: adding text or reporter columns would leak
  // personal data into every analysis result.
  std::string sql =
      "SELECT seq, occurred_at, x, y, category, main_category, buurt, wijk FROM meldingen "
      "WHERE tenant = ? AND sensitivity_rank <= ? AND duplicate_of IS NULL AND seq > ?";
  std::vector<store::Value> params = {filter.tenant, static_cast<int64_t>(filter.max_sensitivity),
                                      filter.after_seq};
  if (filter.from) {
    sql += " AND occurred_at >= ?";
    params.emplace_back(*filter.from);
  }
  if (filter.to) {
    sql += " AND occurred_at < ?";
    params.emplace_back(*filter.to);
  }
  if (!filter.categories.empty()) {
    std::string marks;
    for (const std::string& c : filter.categories) {
      marks += marks.empty() ? "?" : ", ?";
      params.emplace_back(c);
    }
    for (const std::string& c : filter.categories) params.emplace_back(c);
    sql += " AND (category IN (" + marks + ") OR main_category IN (" + marks + "))";
  }
  sql += " ORDER BY occurred_at, seq";
  return db.Read([&](store::Transaction& txn) -> Status {
    return txn.ForEach(sql, params, [&](const store::Row& row) -> Status {
      const std::string category = row.GetText(4), main = row.GetText(5), buurt = row.GetText(6),
                        wijk = row.GetText(7);
      MeldingEvent e;
      e.seq = row.GetInt64(0);
      e.time = row.GetTimestamp(1);
      e.x = row.GetDouble(2);
      e.y = row.GetDouble(3);
      e.category = category;
      e.main_category = main;
      e.buurt = buurt;
      e.wijk = wijk;
      return fn(e);
    });
  });
}

}  // namespace baken::signals
