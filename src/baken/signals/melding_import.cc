// MeldingService::Import: bulk intake in batches (one transaction and one audit entry each).
#include <map>

#include "baken/base/time_zone.h"
#include "baken/signals/internal/intake.h"
#include "baken/signals/internal/melding_store.h"
#include "baken/signals/internal/service_impl.h"
#include "baken/signals/melding_service.h"

namespace baken::signals {

namespace {

struct Prepared {
  const ImportItem* item = nullptr;
  Melding melding;
  std::string rule;
  int year = 0;
};

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

StatusOr<ImportSummary> MeldingService::Import(const std::vector<ImportItem>& items,
                                               const Actor& actor, const ImportOptions& options) {
  if (options.batch < 1)
    return InvalidArgumentError("De batchgrootte moet positief zijn.", "batch");
  ImportSummary summary;
  Impl& s = *impl_;
  if (!s.locator) return internal::NoMapError();
  const CategoryCatalog& catalog = *s.catalog;
  std::vector<Prepared> batch;
  batch.reserve(options.batch);
  const int64_t total = static_cast<int64_t>(items.size());
  int64_t done = 0;
  for (size_t start = 0; start < items.size(); start += options.batch) {
    const size_t end = std::min(items.size(), start + static_cast<size_t>(options.batch));
    batch.clear();
    for (size_t i = start; i < end; ++i) {
      const ImportItem& item = items[i];
      auto reject = [&](const Status& error) {
        summary.rejected.push_back({item.line, error.field(), error.message()});
      };
      if (item.melding.source_id.empty()) {
        reject(
            InvalidArgumentError("Een geïmporteerde melding heeft een bron-id nodig.", "bron_id"));
        continue;
      }
      auto v = internal::ValidateNewMelding(item.melding, item.received_at, catalog, *s.areas,
                                            *s.locator, s.options.limits, false);
      if (!v.ok()) {
        reject(v.status());
        continue;
      }
      Prepared p;
      p.item = &item;
      p.melding = s.Build(item.melding, *v, item.received_at);
      Status steps = ApplySteps(item, p.melding);
      if (!steps.ok()) {
        reject(steps);
        continue;
      }
      p.rule = s.Classify(p.melding, *v->category).rule;
      p.year = static_cast<int>(AmsterdamDate(item.received_at).year());
      batch.push_back(std::move(p));
    }
    int64_t stored = 0, present = 0;
    Status status = s.db.Write([&](Transaction& txn) -> Status {
      const Timestamp now = s.clock.Now();
      stored = present = 0;
      std::map<int, int64_t> counts;
      for (const Prepared& p : batch) ++counts[p.year];
      std::map<int, int64_t> next;
      for (auto [year, n] : counts) {
        (void)n;  // numbers are taken as rows are stored, so re-imported rows leave no gaps
        ASSIGN_OR_RETURN(next[year], internal::TakeNumbers(txn, catalog.tenant(), year, 0));
      }
      internal::MeldingWriter writer(txn);
      for (Prepared& p : batch) {
        Melding& m = p.melding;
        m.number = FormatHumanNumber("M", p.year, next[p.year]);
        ASSIGN_OR_RETURN(bool inserted, writer.Insert(m, "", "", now, /*if_new_source=*/true));
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
        ASSIGN_OR_RETURN(int64_t first, internal::TakeNumbers(txn, catalog.tenant(), year, 0));
        const int64_t used = next[year] - first;
        if (used > 0)
          RETURN_IF_ERROR(internal::TakeNumbers(txn, catalog.tenant(), year, used).status());
      }
      return s.Audit(txn, actor, catalog.tenant(), "melding.importeren", "batch",
                     security::Sensitivity::kInternal,
                     "{\"aangeboden\":" + std::to_string(batch.size()) +
                         ",\"opgeslagen\":" + std::to_string(stored) +
                         ",\"al_aanwezig\":" + std::to_string(present) + "}");
    });
    RETURN_IF_ERROR(status);
    summary.stored += stored;
    summary.already_present += present;
    done = static_cast<int64_t>(end);
    if (options.progress) options.progress(done, total);
  }
  return summary;
}

}  // namespace baken::signals
