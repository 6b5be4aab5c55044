// MeldingService: intake, reading, listing and handling of meldingen. The one place where a
// melding changes; api/ and app/ only decode, call this, and encode.
//
// Intake (Create) validates every field (Dutch message naming it: tekst, categorie, locatie,
// tijdstip, bijlagen[0].type, melder.email ...), refuses locations outside the municipality,
// looks up buurt and wijk, routes (Router), computes the deadline (category's ServiceLevel with
// the WorkCalendar), gives a readable number M-YYYY-NNNNNN (per tenant and year, no gaps in one
// database) and a private follow token (only its hash is stored). Photos are checked for type and
// size and written, named by their SHA-256, to the attachment folder before the row commits
// (fsync'ed), so an acknowledged melding always has its files. One Write() per create: nothing is
// half-stored. An idempotency key belongs to its caller (tenant, actor id and channel): the same
// caller repeating the same request under it gets the first result (`replayed`, nothing stored;
// the caller must still decide what of it may be shown), a different request under it
// kFailedPrecondition with field kIdempotencyKeyField, and another caller's key finds nothing. A
// repeated source_id (per tenant and channel) returns kAlreadyExists with the existing number.
//
// Every change appends to the history (append-only) and to the audit log in the same transaction;
// `expected_version` (when set) guards against lost updates (kFailedPrecondition on mismatch).
// Re-categorisation re-routes, recomputes the deadline and records a classifier correction via
// the CorrectionSink. Thread-safe; the references must outlive the service.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "baken/base/clock.h"
#include "baken/base/ids.h"
#include "baken/base/status.h"
#include "baken/base/tenant.h"
#include "baken/base/work_calendar.h"
#include "baken/geo/area_set.h"
#include "baken/geo/gazetteer.h"
#include "baken/geo/locator.h"
#include "baken/security/audit_log.h"
#include "baken/security/visibility.h"
#include "baken/signals/category.h"
#include "baken/signals/melding.h"
#include "baken/signals/routing.h"
#include "baken/store/database.h"

namespace baken::signals {

// Who does something, for the history and the audit log.
struct Actor {
  std::string id = "systeem";  // user id, "api:<client>", "melder", "systeem"
  std::string role;            // RoleCode or empty
  std::string purpose;         // PurposeCode or empty
  std::string address;         // client address, may be empty
};

struct IntakeLimits {
  size_t max_text = 5000;  // characters (UTF-8 code points)
  size_t min_text = 5;
  size_t max_attachments = 5;
  size_t max_attachment_bytes = 10 * 1024 * 1024;
  // Media types accepted for attachments (the content is checked against the type).
  std::vector<std::string> attachment_types = {"image/jpeg", "image/png", "image/webp",
                                               "application/pdf"};
  int64_t max_future_seconds = 300;  // clock skew allowed for occurred_at
  int min_year = 2000;
};

struct ServiceOptions {
  std::string attachment_dir = "var/bijlagen";
  IntakeLimits limits;
  // The address table (store::AreaRepository::LoadStreetPoints): every melding read or changed
  // through the service gets its nearest street and postcode (Melding::street). Null: none.
  std::shared_ptr<const geo::Gazetteer> streets;
};

// The field of the error for a different request under a used Idempotency-Key (HTTP 422).
inline constexpr std::string_view kIdempotencyKeyField = "Idempotency-Key";

struct Created {
  Melding melding;
  std::string follow_token;  // only returned once (and again for the same idempotency key: empty)
  bool replayed = false;     // true: idempotency key seen before, nothing new stored
};

struct ListQuery {
  std::string tenant = kDefaultTenant;
  std::vector<State> states;
  std::vector<std::string> categories;  // sub or main codes
  std::vector<std::string> departments;
  std::vector<std::string> wijken;
  std::vector<std::string> buurten;
  std::optional<std::string> assignee;     // the behandelaar (username); "" = nobody assigned
  std::optional<Timestamp> received_from;  // inclusive
  std::optional<Timestamp> received_to;    // exclusive
  std::optional<bool> overdue;             // open and past the deadline at `now`
  std::string text;                        // full text (words, all must match)
  std::optional<bool> open;                // not closed
  // Which records the caller may see, from security::VisibilityFor (the one answer the wijkbeeld
  // counts use too): records above its class are left out, confidential and special ones only in
  // its departments unless it reaches them all.
  security::Visibility visibility{security::Sensitivity::kInternal};
  enum class Sort { kReceivedDesc, kReceivedAsc, kDeadlineAsc };
  Sort sort = Sort::kReceivedDesc;
  int limit = 50;      // 1..500
  std::string cursor;  // opaque, from the previous page
};

struct Page {
  std::vector<Melding> items;
  std::string next_cursor;  // empty on the last page
};

struct StatusChange {
  State to;
  std::string reporter_text;  // required by some transitions
  std::string note;           // internal
  std::optional<int64_t> expected_version;
};

struct DuplicateQuery {
  std::string tenant = kDefaultTenant;
  std::string category;
  double x = 0, y = 0;  // RD
  double radius_m = 50;
  std::chrono::days period{84};  // 12 weeks before `at`
  Timestamp at;
  // Also meldingen received up to this long after `at`: a melding's duplicates include the ones
  // reported after it (set to `period` for "what else is about this", so the older of two sees
  // the newer as the newer sees the older); 0 at intake.
  std::chrono::days after{0};
  std::string exclude_id;
  size_t limit = 50;  // FindDuplicates: the nearest this many
};

// Bulk intake for imports and the demo year: a melding with its historic intake time and, for
// the demo and legacy imports, the lifecycle it went through.
struct LifecycleStep {
  Timestamp at;
  State to;
  std::string reporter_text;
  std::string actor = "systeem";
};

struct ImportItem {
  NewMelding melding;                // channel, source_id (idempotency per tenant + channel) ...
  Timestamp received_at;             // historic intake time (deadline and number year follow it)
  std::vector<LifecycleStep> steps;  // in time order, each allowed by the workflow table
  int64_t line = 0;                  // source line, for the rejection report
};

struct ImportRejection {
  int64_t line = 0;
  std::string field;
  std::string message;  // Dutch
};

struct ImportSummary {
  int64_t stored = 0;
  int64_t already_present = 0;  // same source_id seen before: nothing added (re-import)
  std::vector<ImportRejection> rejected;
};

struct ImportOptions {
  int batch = 5000;  // items per transaction
  // Called after each batch with (items done, items total), e.g. for a progress bar.
  std::function<void(int64_t, int64_t)> progress;
};

// Receives each re-categorisation as a training example (classify::TrainingExamples in the app).
using CorrectionSink =
    std::function<Status(store::Transaction&, const std::string& tenant, const std::string& text,
                         const std::string& category, const std::string& melding_id)>;

// Receives every change inside its transaction: the melding as stored after it, the history
// entries it added, and (only at intake) the follow token. The e-mail outbox hangs here, so a
// change and the mail about it commit together. An error rolls the change back.
using EventSink =
    std::function<Status(store::Transaction&, const Melding&, const std::vector<HistoryEntry>&,
                         const std::string& follow_token)>;

class MeldingService {
 public:
  MeldingService(store::Database& db, Clock& clock, std::shared_ptr<const CategoryCatalog> catalog,
                 std::shared_ptr<const geo::AreaSet> areas,
                 std::shared_ptr<const geo::Locator> locator, Router router, WorkCalendar calendar,
                 ServiceOptions options = {});

  StatusOr<Created> Create(const NewMelding& input, const Actor& actor);

  StatusOr<Melding> Get(const std::string& tenant, const std::string& id_or_number) const;
  // The melding a follow token belongs to (kNotFound for an unknown token).
  StatusOr<Melding> GetByFollowToken(const std::string& token) const;
  StatusOr<Page> List(const ListQuery& query) const;
  StatusOr<std::vector<HistoryEntry>> History(const std::string& tenant,
                                              const std::string& id) const;
  // Open meldingen of the same category within the radius and period, nearest first (at most
  // query.limit; equal distances by id). CountDuplicates counts them, up to query.limit, without
  // loading them: a spot reported thousands of times costs at most `limit` rows.
  StatusOr<std::vector<Melding>> FindDuplicates(const DuplicateQuery& query) const;
  StatusOr<int64_t> CountDuplicates(const DuplicateQuery& query) const;

  StatusOr<Melding> ChangeStatus(const std::string& tenant, const std::string& id,
                                 const StatusChange& change, const Actor& actor);
  StatusOr<Melding> Recategorise(const std::string& tenant, const std::string& id,
                                 const std::string& category, const Actor& actor,
                                 std::optional<int64_t> expected_version = std::nullopt);
  StatusOr<Melding> Assign(const std::string& tenant, const std::string& id,
                           const std::string& department, const std::string& assignee,
                           const Actor& actor);
  StatusOr<Melding> SetPriority(const std::string& tenant, const std::string& id, Priority p,
                                const Actor& actor);
  Status AddNote(const std::string& tenant, const std::string& id, const std::string& note,
                 bool for_reporter, const Actor& actor);
  // Marks `duplicate_id` as merged into `original_id` (state samengevoegd); the duplicate's
  // reporter then follows the original.
  StatusOr<Melding> MergeDuplicate(const std::string& tenant, const std::string& duplicate_id,
                                   const std::string& original_id, const Actor& actor);
  // Splits into deelmeldingen, one per (category, text); the parent goes to gesplitst.
  StatusOr<std::vector<Melding>> Split(
      const std::string& tenant, const std::string& id,
      const std::vector<std::pair<std::string, std::string>>& parts, const Actor& actor);

  // Validates every item like Create (but without attachments and idempotency keys), stores the
  // valid ones in transactions of options.batch items with their lifecycle in the history, and
  // one audit entry per batch. Items whose source_id is already stored are counted, not changed.
  StatusOr<ImportSummary> Import(const std::vector<ImportItem>& items, const Actor& actor,
                                 const ImportOptions& options = {});

  // Large imports (see store/bulk_load.h): StartBulkLoad() puts off the meldingen table's
  // secondary indexes and full-text index until FinishBulkLoad(), when `force` or when
  // `expected_rows` is at least a third of the meldingen already stored (rebuilding once is then
  // cheaper than keeping them up to date row by row). Returns whether it did; always false on
  // PostgreSQL. Meanwhile lists and duplicate searches answer correctly but slower, and full-text
  // search finds meldingen stored during the load only after FinishBulkLoad(). A load that never
  // finishes (killed) is restored when the service is next opened.
  StatusOr<bool> StartBulkLoad(int64_t expected_rows, bool force = false);
  Status FinishBulkLoad();

  // Reads a stored attachment's bytes (kNotFound when the melding has no such attachment).
  StatusOr<std::string> ReadAttachment(const std::string& tenant, const std::string& melding_id,
                                       const std::string& attachment_id) const;

  void SetCorrectionSink(CorrectionSink sink);
  void SetEventSink(EventSink sink);

  // The reporter's answer to the satisfaction question (KTO), by follow token: only for a
  // closed (afgehandeld) melding, once. An unhappy answer reopens it (state heropend) so staff
  // look again. kNotFound for an unknown token, kFailedPrecondition when not closed or answered.
  StatusOr<Melding> RecordFeedback(const std::string& follow_token, bool satisfied,
                                   const std::string& comment);
  // The current catalog. A reference stays valid for the service's lifetime, also after
  // SetCatalog (earlier catalogs are kept).
  const CategoryCatalog& catalog() const;
  // What intake accepts (text length, attachments), so a form can say it before sending.
  const IntakeLimits& limits() const;
  std::shared_ptr<const CategoryCatalog> CurrentCatalog() const;
  // Takes a changed catalog (a staff edit, CategoryRepository::Update) into use for everything
  // that starts afterwards: a new melding gets the new deadline and department, stored meldingen
  // keep theirs. A catalog older than the current one (by version) is ignored.
  void SetCatalog(std::shared_ptr<const CategoryCatalog> catalog);
  // Takes changed routing rules (a staff edit, RoutingRepository::Replace) into use for every
  // routing decision that starts afterwards; stored meldingen keep their department.
  void SetRouter(Router router);
  std::shared_ptr<const Router> CurrentRouter() const;

 private:
  struct Impl;
  std::shared_ptr<Impl> impl_;
};

}  // namespace baken::signals
