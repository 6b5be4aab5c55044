// The reporters of a melding's duplicates: see duplicate_reporters.h.
#include "baken/signals/duplicate_reporters.h"

namespace baken::signals {

StatusOr<std::vector<DuplicateReporter>> DuplicateReporters(store::Transaction& txn,
                                                            const std::string& tenant,
                                                            const std::string& melding_id) {
  ASSIGN_OR_RETURN(store::ResultSet rs,
                   txn.Query("SELECT reporter_email, reporter_name, reporter_consent, id "
                             "FROM meldingen WHERE tenant = ? AND duplicate_of = ? AND "
                             "reporter_email <> ''",
                             {tenant, melding_id}));
  std::vector<DuplicateReporter> out;
  for (const store::Row& r : rs.rows) {
    out.push_back({r.GetText(3), r.GetText(0), r.GetText(1), r.GetInt64(2) != 0});
  }
  return out;
}

}  // namespace baken::signals
