// Internal to signals: the state MeldingService shares between its source files (intake and
// handling in melding_service.cc, bulk import in melding_import.cc). Constant after construction
// except `sink` (guarded by sink_mu), `router` (guarded by router_mu, swapped by SetRouter) and
// `catalog` (a CatalogSlot: swapped by SetCatalog, safe to read from any thread).
#pragma once

#include <functional>
#include <mutex>

#include "baken/signals/internal/catalog_slot.h"
#include "baken/signals/internal/intake.h"
#include "baken/signals/internal/melding_store.h"
#include "baken/signals/melding_service.h"

namespace baken::signals {

using internal::MeldingWriter;
using store::Transaction;

// One import item after validation, routing and lifecycle check, ready to store.
struct ImportPrepared {
  const ImportItem* item = nullptr;
  Melding melding;
  std::string rule;
  int year = 0;
};

struct MeldingService::Impl {
  Impl(store::Database& d, Clock& c, std::shared_ptr<const CategoryCatalog> cat,
       std::shared_ptr<const geo::AreaSet> a, std::shared_ptr<const geo::Locator> l, Router r,
       WorkCalendar cal, ServiceOptions o)
      : db(d),
        clock(c),
        catalog(std::move(cat)),
        areas(std::move(a)),
        locator(std::move(l)),
        router(std::make_shared<const Router>(std::move(r))),
        calendar(cal),
        options(std::move(o)),
        audit(d, c),
        ids(c, UuidV7Generator::SeedFromSystem()) {}

  store::Database& db;
  Clock& clock;
  internal::CatalogSlot catalog;
  std::shared_ptr<const geo::AreaSet> areas;
  std::shared_ptr<const geo::Locator> locator;
  mutable std::mutex router_mu;
  std::shared_ptr<const Router> router;  // guarded by router_mu; never null
  WorkCalendar calendar;
  ServiceOptions options;
  security::AuditLog audit;
  UuidV7Generator ids;
  std::mutex sink_mu;
  CorrectionSink sink;  // guarded by sink_mu
  EventSink events;     // guarded by sink_mu

  std::shared_ptr<const Router> CurrentRouter() const {
    std::lock_guard lock(router_mu);
    return router;
  }

  EventSink Events() {
    std::lock_guard lock(sink_mu);
    return events;
  }

  std::string NewId() { return ids.Next().ToString(); }

  // Fills the nearest street and postcode from the address table (options.streets), if any.
  void Place(Melding& m) const {
    if (!options.streets) return;
    if (std::optional<geo::NearestStreet> n = options.streets->Nearest({m.x, m.y})) {
      m.street = std::move(n->street);
      m.postcode = std::move(n->postcode);
    }
  }

  // Bulk import stages (melding_import.cc): validate a slice of items, store a prepared batch.
  void PrepareImport(const std::vector<ImportItem>& items, size_t begin, size_t end,
                     std::vector<ImportPrepared>& batch, std::vector<ImportRejection>& rejected);
  Status WriteImport(std::vector<ImportPrepared>& batch, const Actor& actor, int64_t& stored,
                     int64_t& present);

  Status Audit(Transaction& txn, const Actor& actor, const std::string& tenant, std::string action,
               const std::string& object_id, security::Sensitivity s, std::string details = "{}") {
    security::AuditEntry e;
    e.tenant = tenant;
    e.actor = actor.id;
    e.actor_role = actor.role;
    e.action = std::move(action);
    e.object_type = "melding";
    e.object_id = object_id;
    e.purpose = actor.purpose;
    e.sensitivity = std::string(security::SensitivityCode(s));
    e.from_address = actor.address;
    e.details = std::move(details);
    return audit.Append(txn, std::move(e)).status();
  }

  // Fills category, routing and deadline fields of `m` from `category`; returns the decision.
  RoutingDecision Classify(Melding& m, const Category& category) const {
    m.category = category.code;
    m.main_category = category.main_code;
    m.sensitivity = category.sensitivity;
    RoutingDecision d = CurrentRouter()->Route({m.category, m.main_category, m.buurt, m.wijk,
                                                std::string(ChannelCode(m.channel)), m.received_at},
                                               *catalog);
    m.department = d.department;
    m.assignee = d.assignee;
    m.deadline = category.service_level.DeadlineFrom(m.received_at, calendar);
    return d;
  }

  Melding Build(const NewMelding& in, const internal::ValidatedMelding& v, Timestamp received) {
    Melding m;
    m.id = NewId();
    m.tenant = in.tenant;
    m.text = in.text;
    m.x = v.x, m.y = v.y, m.lon = v.lon, m.lat = v.lat;
    m.buurt = v.buurt;
    m.wijk = v.wijk;
    m.occurred_at = v.occurred_at;
    m.received_at = received;
    m.channel = in.channel;
    m.reporter = in.reporter;
    m.priority = in.priority.value_or(Priority::kNormal);
    m.source_id = in.source_id;
    m.version = 1;
    return m;
  }

  static HistoryEntry Entry(Timestamp at, const std::string& actor, HistoryKind kind,
                            std::string from, std::string to, std::string text = {},
                            std::string rule = {}) {
    HistoryEntry e;
    e.at = at;
    e.actor = actor;
    e.kind = kind;
    e.from = std::move(from);
    e.to = std::move(to);
    e.text = std::move(text);
    e.rule = std::move(rule);
    return e;
  }

  // Reads the melding in `txn`, lets `change` modify it and add history, then stores it with a
  // raised version, its history and an audit entry.
  StatusOr<Melding> Mutate(
      const std::string& tenant, const std::string& id, const Actor& actor,
      std::optional<int64_t> expected_version, const std::string& action,
      const std::function<Status(Transaction&, Melding&, std::vector<HistoryEntry>&)>& change) {
    Melding result;
    RETURN_IF_ERROR(db.Write([&](Transaction& txn) -> Status {
      const Timestamp now = clock.Now();
      ASSIGN_OR_RETURN(std::optional<Melding> found, internal::FindMelding(txn, tenant, id));
      if (!found) return NotFoundError("Melding niet gevonden.");
      Melding m = std::move(*found);
      Place(m);
      if (expected_version && *expected_version != m.version) {
        // Named after the header that carried the version, so the API answers 412.
        return Status(
            StatusCode::kFailedPrecondition,
            "De melding is intussen gewijzigd; laad haar opnieuw en probeer het nog eens.",
            "If-Match");
      }
      std::vector<HistoryEntry> history;
      RETURN_IF_ERROR(change(txn, m, history));
      m.version += 1;
      RETURN_IF_ERROR(internal::UpdateMelding(txn, m, now));
      MeldingWriter writer(txn);
      for (HistoryEntry& e : history) {
        e.at = now;
        e.actor = actor.id;
        RETURN_IF_ERROR(writer.AppendHistory(m.tenant, m.id, e));
      }
      RETURN_IF_ERROR(Audit(txn, actor, m.tenant, action, m.id, m.sensitivity));
      if (EventSink sink = Events()) RETURN_IF_ERROR(sink(txn, m, history, ""));
      result = std::move(m);
      return Status::Ok();
    }));
    return result;
  }
};

}  // namespace baken::signals
