// RetentionRunner: applies the retention rules (rules.h) to closed meldingen.
//
// For each closed melding the governing rule decides, counting from closed_at:
//   - contact: reporter name, e-mail and phone emptied (the melding stays), its mails deleted
//     from the outbox;
//   - text: the melding text and every history text (notes, messages, KTO comments) replaced by
//     "[verwijderd]", classifier training examples from it deleted;
//   - destroy: the melding, its history, attachment rows, outbox mails and training examples
//     deleted, and its attachment files removed from the attachment folder (unless another
//     melding holds the same file).
// Every action appends an audit entry ("retentie.<actie>") and a tombstone row (number, rule,
// class, category, dates: no personal data) in the same transaction. A reopened melding (no
// closed_at) is never touched.
//
// Crash safety: one transaction per batch of meldingen, so a batch is all done or not at all.
// Attachment files are removed only after their batch commits, from a queue table written in that
// batch (retention_file_deletions); a run that dies between commit and unlink leaves the queue,
// and the next run finishes it. Idempotent: a second run at the same `now` finds nothing to do
// and writes nothing. Safe to run from several servers at once (a tombstone is unique per melding
// and action: a racing batch rolls back whole).
//
// Thread-safe if the Database is; references must outlive the runner. Errors: store errors, and
// kInternal when a file cannot be removed (the queue keeps it for the next run).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "baken/base/clock.h"
#include "baken/base/status.h"
#include "baken/retention/rules.h"
#include "baken/store/database.h"

namespace baken::retention {

enum class ActionKind { kAnonymiseContact, kRedactText, kDestroy };
// "contact_geanonimiseerd", "tekst_verwijderd", "vernietigd" (tombstones, audit "retentie.<code>")
std::string_view ActionCode(ActionKind kind);

struct RetentionAction {
  ActionKind kind = ActionKind::kAnonymiseContact;
  std::string tenant;
  std::string melding_id;
  std::string number;
  std::string rule;
  std::string category;
  std::string sensitivity;
  Timestamp closed_at;
};

struct RetentionOptions {
  std::string attachment_dir = "var/bijlagen";
  std::string actor = "system";  // audit actor: "system" (serve) or "cli:<user>"
  int batch = 200;               // meldingen per transaction
};

struct RetentionSummary {
  bool dry_run = false;
  Timestamp now;
  int64_t anonymised = 0;
  int64_t redacted = 0;
  int64_t destroyed = 0;
  int64_t files_deleted = 0;
  std::map<std::string, int64_t> per_rule;  // rule code -> actions
  std::vector<RetentionAction> actions;     // what was (dry run: would be) done, in order
  int64_t total() const { return anonymised + redacted + destroyed; }
};

class RetentionRunner {
 public:
  // `clock` stamps the audit entries and tombstones (when it was done); `now` in Run() is the
  // date the periods are counted to (the same in production, earlier or later with --now).
  RetentionRunner(store::Database& db, Clock& clock, const RetentionRules& rules,
                  RetentionOptions options);

  // Applies the rules as of `now`; with dry_run nothing is written and no file is touched.
  StatusOr<RetentionSummary> Run(Timestamp now, bool dry_run);

 private:
  StatusOr<std::vector<RetentionAction>> Plan(Timestamp now);
  Status ApplyBatch(const std::vector<RetentionAction>& batch, Timestamp now,
                    RetentionSummary& summary);
  // Removes queued attachment files no melding uses any more; returns how many were removed.
  StatusOr<int64_t> DrainFileQueue();

  store::Database& db_;
  Clock& clock_;
  const RetentionRules& rules_;
  const RetentionOptions options_;
};

// The summary in Dutch for the command line and the server log.
std::string FormatSummary(const RetentionSummary& summary);

}  // namespace baken::retention
