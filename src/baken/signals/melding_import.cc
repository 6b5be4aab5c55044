// MeldingService::Import: bulk intake in batches (one transaction and one audit entry each).
#include <future>
#include <map>

#include "baken/base/time_zone.h"
#include "baken/signals/internal/intake.h"
#include "baken/signals/internal/melding_store.h"
#include "baken/signals/internal/service_impl.h"
#include "baken/signals/melding_service.h"
#include "baken/store/bulk_load.h"
#include "baken/store/sql_dialect.h"

namespace baken::signals {

namespace {

// Checks the lifecycle against the workflow table; fills state and closed_at.
Status ApplySteps(const ImportItem& item, Melding& m) {
  Timestamp last = item.received_at;
  for (size_t i = 0; i < item.steps.size(); ++i) {
    const LifecycleStep& step = item.steps[i];
    const std::string field = "stappen[" + std::to_string(i) + "]";
    if (step.at < last) {
      return InvalidArgumentError("De stappen staan niet in volgorde van tijd.",
                                  field + ".tijdstip");
    }
    Status s = CheckTransition(m.state, step.to, step.reporter_text);
    if (!s.ok())
      return Status(s.code(), s.message(),
                    field + "." + (s.field().empty() ? "status" : s.field()));
    m.state = step.to;
    if (IsClosed(m.state)) {
      m.closed_at = step.at;
    } else {
      m.closed_at.reset();
    }
    last = step.at;
  }
  return Status::Ok();
}

}  // namespace

StatusOr<bool> MeldingService::StartBulkLoad(int64_t expected_rows, bool force) {
  store::Database& db = impl_->db;
  if (!store::DefersIndexes(db.dialect())) return false;
  if (!force) {
    int64_t stored = 0;
    RETURN_IF_ERROR(db.Read([&](store::Transaction& txn) -> Status {
      // The rowid only grows, so its maximum is the row count without a scan (a bound after
      // deletions, which is good enough for this choice).
      ASSIGN_OR_RETURN(store::Row row, txn.QueryRow("SELECT coalesce(max(seq), 0) FROM meldingen"));
      stored = row.GetInt64(0);
      return Status::Ok();
    }));
    if (expected_rows * 3 < stored) return false;
  }
  // Every trigger that writes to the full-text index: the rebuild afterwards reads the table.
  static const std::vector<std::string> kTriggers = {"meldingen_fts_insert", "meldingen_fts_delete",
                                                     "meldingen_fts_update"};
  static const std::vector<store::DeferredFollowUp> kAfter = {
      {"meldingen_fts_rebuild", "INSERT INTO meldingen_fts (meldingen_fts) VALUES ('rebuild')"}};
  return store::DeferIndexes(db, "meldingen", kTriggers, kAfter);
}

Status MeldingService::FinishBulkLoad() {
  return store::RestoreDeferred(impl_->db, "meldingen").status();
}

// Validates items [begin, end) into `batch`; rejections go to `rejected`.
void MeldingService::Impl::PrepareImport(const std::vector<ImportItem>& items, size_t begin,
                                         size_t end, std::vector<ImportPrepared>& batch,
                                         std::vector<ImportRejection>& rejected) {
  batch.clear();
  const CategoryCatalog& current = *catalog;  // one catalog for the whole slice
  for (size_t i = begin; i < end; ++i) {
    const ImportItem& item = items[i];
    auto reject = [&](const Status& error) {
      rejected.push_back({item.line, error.field(), error.message()});
    };
    if (item.melding.source_id.empty()) {
      reject(InvalidArgumentError("Een geïmporteerde melding heeft een bron-id nodig.", "bron_id"));
      continue;
    }
    auto v = internal::ValidateNewMelding(item.melding, item.received_at, current, *areas, *locator,
                                          options.limits, false);
    if (!v.ok()) {
      reject(v.status());
      continue;
    }
    ImportPrepared p;
    p.item = &item;
    p.melding = Build(item.melding, *v, item.received_at);
    Status steps = ApplySteps(item, p.melding);
    if (!steps.ok()) {
      reject(steps);
      continue;
    }
    p.rule = Classify(p.melding, *v->category).rule;
    p.year = static_cast<int>(AmsterdamDate(item.received_at).year());
    batch.push_back(std::move(p));
  }
}

// Stores one prepared batch in one transaction with its history and one audit entry.
Status MeldingService::Impl::WriteImport(std::vector<ImportPrepared>& batch, const Actor& actor,
                                         int64_t& stored, int64_t& present) {
  const std::string& tenant = catalog->tenant();
  return db.Write([&](Transaction& txn) -> Status {
    const Timestamp now = clock.Now();
    stored = present = 0;
    std::map<int, int64_t> counts;
    for (const ImportPrepared& p : batch) ++counts[p.year];
    std::map<int, int64_t> next;
    for (auto [year, n] : counts) {
      (void)n;  // numbers are taken as rows are stored, so re-imported rows leave no gaps
      ASSIGN_OR_RETURN(next[year], internal::TakeNumbers(txn, tenant, year, 0));
    }
    internal::MeldingWriter writer(txn);
    for (ImportPrepared& p : batch) {
      Melding& m = p.melding;
      m.number = FormatHumanNumber("M", p.year, next[p.year]);
      ASSIGN_OR_RETURN(bool inserted, writer.Insert(m, {}, "", now, /*if_new_source=*/true));
      if (!inserted) {
        ++present;
        continue;
      }
      ++next[p.year];
      ++stored;
      HistoryEntry created;
      created.at = m.received_at;
      created.actor = actor.id;
      created.kind = HistoryKind::kCreated;
      created.to = "gemeld";
      created.rule = p.rule;
      created.text = "import";
      RETURN_IF_ERROR(writer.AppendHistory(m.tenant, m.id, created));
      State from = State::kGemeld;
      for (const LifecycleStep& step : p.item->steps) {
        HistoryEntry e;
        e.at = step.at;
        e.actor = step.actor;
        e.kind = HistoryKind::kStatus;
        e.from = std::string(StateCode(from));
        e.to = std::string(StateCode(step.to));
        e.text = step.reporter_text;
        e.for_reporter = !step.reporter_text.empty();
        RETURN_IF_ERROR(writer.AppendHistory(m.tenant, m.id, e));
        from = step.to;
      }
    }
    for (auto [year, n] : counts) {
      ASSIGN_OR_RETURN(int64_t first, internal::TakeNumbers(txn, tenant, year, 0));
      const int64_t used = next[year] - first;
      if (used > 0) RETURN_IF_ERROR(internal::TakeNumbers(txn, tenant, year, used).status());
    }
    return Audit(txn, actor, tenant, "melding.importeren", "batch",
                 security::Sensitivity::kInternal,
                 "{\"aangeboden\":" + std::to_string(batch.size()) + ",\"opgeslagen\":" +
                     std::to_string(stored) + ",\"al_aanwezig\":" + std::to_string(present) + "}");
  });
}

// Two stages in step: while the writer stores batch N, this thread validates batch N+1 (point in
// buurt, routing, deadline, lifecycle), so both cores work on a large import. Batches commit in
// order; the first error stops the import after the batch being written has finished.
StatusOr<ImportSummary> MeldingService::Import(const std::vector<ImportItem>& items,
                                               const Actor& actor, const ImportOptions& options) {
  if (options.batch < 1)
    return InvalidArgumentError("De batchgrootte moet positief zijn.", "batch");
  ImportSummary summary;
  Impl& s = *impl_;
  if (!s.locator) return internal::NoMapError();
  const size_t step = static_cast<size_t>(options.batch);
  const int64_t total = static_cast<int64_t>(items.size());
  std::vector<ImportPrepared> writing, preparing;
  int64_t stored = 0, present = 0;
  size_t written_end = 0;
  std::future<Status> pending;  // declared after what it uses, so it is joined first
  auto collect = [&]() -> Status {
    Status status = pending.get();
    RETURN_IF_ERROR(status);
    summary.stored += stored;
    summary.already_present += present;
    if (options.progress) options.progress(static_cast<int64_t>(written_end), total);
    return Status::Ok();
  };
  for (size_t begin = 0; begin < items.size(); begin += step) {
    const size_t end = std::min(items.size(), begin + step);
    s.PrepareImport(items, begin, end, preparing, summary.rejected);
    if (pending.valid()) RETURN_IF_ERROR(collect());
    writing.swap(preparing);
    written_end = end;
    pending = std::async(std::launch::async,
                         [&] { return s.WriteImport(writing, actor, stored, present); });
  }
  if (pending.valid()) RETURN_IF_ERROR(collect());
  return summary;
}

}  // namespace baken::signals
