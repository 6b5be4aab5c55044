// Row encodings shared by the programme repository and indicator store: partner lists as
// comma-separated codes, dates as YYYY-MM-DD, optional values as NULL. Internal; pure functions.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "baken/base/status.h"
#include "baken/programme/model.h"
#include "baken/store/database.h"

namespace baken::programme::internal {

std::string JoinPartners(const std::vector<Partner>& partners);
StatusOr<std::vector<Partner>> SplitPartners(const std::string& text);

std::string JoinLines(const std::vector<std::string>& lines);
std::vector<std::string> SplitLines(const std::string& text);

std::string DateText(const Date& d);
store::Value OptionalDate(const std::optional<Date>& d);
StatusOr<std::optional<Date>> ReadOptionalDate(const store::Row& row, size_t i);

store::Value OptionalText(const std::string& s);  // empty -> NULL
std::string TextOrEmpty(const store::Row& row, size_t i);

// "1.234,56 euro" style is for people; history stores budgets as "gepland/besteed" in cents.
std::string BudgetText(const std::optional<Budget>& b);
std::string MilestonesText(const std::vector<Milestone>& ms);

}  // namespace baken::programme::internal
