#include "baken/programme/internal/codec.h"

#include "baken/base/time_zone.h"

namespace baken::programme::internal {

std::string JoinPartners(const std::vector<Partner>& partners) {
  std::string s;
  for (Partner p : partners) {
    if (!s.empty()) s += ",";
    s += PartnerCode(p);
  }
  return s;
}

StatusOr<std::vector<Partner>> SplitPartners(const std::string& text) {
  std::vector<Partner> out;
  size_t start = 0;
  while (start < text.size()) {
    size_t comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    ASSIGN_OR_RETURN(Partner p, ParsePartner(text.substr(start, comma - start)));
    out.push_back(p);
    start = comma + 1;
  }
  return out;
}

std::string JoinLines(const std::vector<std::string>& lines) {
  std::string s;
  for (const std::string& l : lines) {
    if (!s.empty()) s += "\n";
    s += l;
  }
  return s;
}

std::vector<std::string> SplitLines(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < text.size()) {
    size_t nl = text.find('\n', start);
    if (nl == std::string::npos) nl = text.size();
    out.push_back(text.substr(start, nl - start));
    start = nl + 1;
  }
  return out;
}

std::string DateText(const Date& d) {
  return FormatDate(d);
}

store::Value OptionalDate(const std::optional<Date>& d) {
  if (!d) return store::Null();
  return FormatDate(*d);
}

StatusOr<std::optional<Date>> ReadOptionalDate(const store::Row& row, size_t i) {
  if (row.IsNull(i)) return std::optional<Date>();
  ASSIGN_OR_RETURN(Date d, ParseDate(row.GetText(i)));
  return std::optional<Date>(d);
}

store::Value OptionalText(const std::string& s) {
  if (s.empty()) return store::Null();
  return s;
}

std::string TextOrEmpty(const store::Row& row, size_t i) {
  return row.IsNull(i) ? std::string() : row.GetText(i);
}

std::string BudgetText(const std::optional<Budget>& b) {
  if (!b) return "";
  return "gepland " + std::to_string(b->planned_cents) + " ct, besteed " +
         std::to_string(b->spent_cents) + " ct";
}

std::string MilestonesText(const std::vector<Milestone>& ms) {
  std::string s;
  for (const Milestone& m : ms) {
    if (!s.empty()) s += "; ";
    s += m.title + " (streefdatum " + FormatDate(m.due);
    if (m.done) s += ", gereed " + FormatDate(*m.done);
    s += ")";
  }
  return s;
}

}  // namespace baken::programme::internal
