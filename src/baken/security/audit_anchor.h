// AuditAnchor: signed checkpoints of the audit chain's head, appended to a file outside the
// database, so that a database writer cannot cut the chain's tail, move its head back or rewrite
// it without `baken audit verify` noticing.
//
// One JSON line per checkpoint: {"seq", "head" (hex MAC), "at" (unix micros), "keyed_from",
// "mac"}, where mac is keyed BLAKE2b under the audit key over the other fields
// (internal::CheckpointMac). The file is created 0600 and only appended to (O_APPEND, fsync). The
// first checkpoint of a file records keyed_from: the first entry with a keyed MAC, so entries
// written before the installation had its key stay verifiable and nothing after it can be
// downgraded to the unkeyed hash. Default place: audit-ankers.jsonl in the secrets folder.
//
// Thread-safe (a mutex serialises Checkpoint). Errors: kInvalidArgument without a key,
// kFailedPrecondition for a line that is not a valid signed checkpoint (names the line),
// kUnavailable for I/O; a missing file reads as no checkpoints.
#pragma once

#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "baken/base/clock.h"
#include "baken/base/status.h"
#include "baken/security/audit_log.h"

namespace baken::security {

inline constexpr char kAuditAnchorFile[] = "audit-ankers.jsonl";

class AuditAnchor {
 public:
  AuditAnchor(std::string path, std::string key) : path_(std::move(path)), key_(std::move(key)) {}

  // Appends a checkpoint of `log`'s head when it moved since the last one (always when the file
  // has none yet). Returns the checkpoint in force afterwards.
  StatusOr<AuditCheckpoint> Checkpoint(AuditLog& log, Clock& clock);

  // Every checkpoint in the file, each line's MAC checked.
  StatusOr<std::vector<AuditCheckpoint>> Read() const;

  const std::string& path() const { return path_; }

 private:
  Status Append(const AuditCheckpoint& checkpoint);

  const std::string path_;
  const std::string key_;
  std::mutex mu_;
  std::optional<AuditCheckpoint> last_;  // guarded by mu_
};

}  // namespace baken::security
