// The reporters who follow a melding through its duplicates: everyone with an e-mail address who
// reported a melding that was merged into it. Read inside the caller's transaction (the mail
// events run in the transaction of the change they are about), so the list matches that change.
// Errors: store errors only.
#pragma once

#include <string>
#include <vector>

#include "baken/base/status.h"
#include "baken/store/database.h"

namespace baken::signals {

struct DuplicateReporter {
  std::string melding_id;  // the duplicate's own id
  std::string email;
  std::string name;
  bool consent_to_contact = false;
};

StatusOr<std::vector<DuplicateReporter>> DuplicateReporters(store::Transaction& txn,
                                                            const std::string& tenant,
                                                            const std::string& melding_id);

}  // namespace baken::signals
