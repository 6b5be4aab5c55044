// The free texts of a progress report, per programme, period and section.
//
// A section is "" (the introduction) or the code of one of the programme's action lines. Put()
// replaces the section's text in one transaction with a history row (field "tekst", item = the
// section) and an audit entry; an unchanged text stores nothing. Texts are limited to 5,000
// characters. Errors: kNotFound (Dutch) for an unknown programme, kInvalidArgument naming
// "sectie" or "tekst"; store errors pass through. Thread-safe like Database.
#pragma once

#include <map>
#include <string>

#include "baken/base/clock.h"
#include "baken/base/status.h"
#include "baken/programme/model.h"
#include "baken/programme/repository.h"
#include "baken/store/database.h"

namespace baken::programme {

inline constexpr size_t kMaxReportTextLength = 5000;

class ReportTextStore {
 public:
  ReportTextStore(store::Database& db, Clock& clock) : db_(db), clock_(clock) {}

  Status Put(const std::string& tenant, const std::string& programme, const Period& period,
             const std::string& section, const std::string& text, const ChangeContext& who);
  // Section → text for the period (sections without text are absent).
  StatusOr<std::map<std::string, std::string>> List(const std::string& tenant,
                                                    const std::string& programme,
                                                    const Period& period);

 private:
  store::Database& db_;
  Clock& clock_;
};

}  // namespace baken::programme
