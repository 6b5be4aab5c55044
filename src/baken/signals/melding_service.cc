#include "baken/signals/melding_service.h"

#include <algorithm>
#include <cmath>
#include <mutex>

#include "baken/base/time_zone.h"
#include "baken/base/utf8.h"
#include "baken/signals/internal/intake.h"
#include "baken/signals/internal/melding_query.h"
#include "baken/signals/internal/melding_store.h"
#include "baken/signals/internal/service_impl.h"

namespace baken::signals {

using internal::MeldingWriter;
using store::Transaction;
using store::Value;

MeldingService::MeldingService(store::Database& db, Clock& clock,
                               std::shared_ptr<const CategoryCatalog> catalog,
                               std::shared_ptr<const geo::AreaSet> areas,
                               std::shared_ptr<const geo::Locator> locator, Router router,
                               WorkCalendar calendar, ServiceOptions options)
    : impl_(std::make_shared<Impl>(db, clock, std::move(catalog), std::move(areas),
                                   std::move(locator), std::move(router), calendar,
                                   std::move(options))) {}

const CategoryCatalog& MeldingService::catalog() const {
  return *impl_->catalog;
}

const IntakeLimits& MeldingService::limits() const {
  return impl_->options.limits;
}

std::shared_ptr<const CategoryCatalog> MeldingService::CurrentCatalog() const {
  return impl_->catalog.Get();
}

void MeldingService::SetCatalog(std::shared_ptr<const CategoryCatalog> catalog) {
  impl_->catalog.Set(std::move(catalog));
}

void MeldingService::SetRouter(Router router) {
  auto next = std::make_shared<const Router>(std::move(router));
  std::lock_guard lock(impl_->router_mu);
  impl_->router = std::move(next);
}

std::shared_ptr<const Router> MeldingService::CurrentRouter() const {
  return impl_->CurrentRouter();
}

void MeldingService::SetEventSink(EventSink sink) {
  std::lock_guard lock(impl_->sink_mu);
  impl_->events = std::move(sink);
}

StatusOr<Melding> MeldingService::RecordFeedback(const std::string& follow_token, bool satisfied,
                                                 const std::string& comment) {
  RETURN_IF_ERROR(RequireUtf8(comment, "toelichting"));
  if (internal::CodePoints(comment) > 2000) {
    return InvalidArgumentError("Een toelichting heeft hoogstens 2000 tekens.", "toelichting");
  }
  ASSIGN_OR_RETURN(Melding found, GetByFollowToken(follow_token));
  Actor actor;
  actor.id = "melder";
  const Timestamp now = impl_->clock.Now();
  return impl_->Mutate(
      found.tenant, found.id, actor, std::nullopt, "melding.tevredenheid",
      [&](Transaction& txn, Melding& m, std::vector<HistoryEntry>& h) -> Status {
        if (m.state != State::kAfgehandeld) {
          return FailedPreconditionError(
              "U kunt uw tevredenheid geven zodra de melding is afgehandeld.");
        }
        ASSIGN_OR_RETURN(store::ResultSet earlier,
                         txn.Query("SELECT 1 FROM melding_history WHERE melding_id = ? AND "
                                   "kind = ? AND at >= ?",
                                   {m.id, std::string(HistoryKindCode(HistoryKind::kFeedback)),
                                    m.closed_at.value_or(m.received_at)}));
        if (!earlier.rows.empty()) {
          return FailedPreconditionError(
              "U heeft uw tevredenheid over deze afhandeling al gegeven.");
        }
        h.push_back(Impl::Entry(now, actor.id, HistoryKind::kFeedback, "",
                                satisfied ? "tevreden" : "ontevreden", comment));
        if (!satisfied) {
          const std::string text =
              "U gaf aan niet tevreden te zijn. Wij bekijken uw melding opnieuw.";
          RETURN_IF_ERROR(CheckTransition(m.state, State::kHeropend, text));
          HistoryEntry e =
              Impl::Entry(now, actor.id, HistoryKind::kStatus, std::string(StateCode(m.state)),
                          std::string(StateCode(State::kHeropend)), text);
          e.for_reporter = true;
          h.push_back(std::move(e));
          m.state = State::kHeropend;
          m.closed_at.reset();
        }
        return Status::Ok();
      });
}

void MeldingService::SetCorrectionSink(CorrectionSink sink) {
  std::lock_guard lock(impl_->sink_mu);
  impl_->sink = std::move(sink);
}

StatusOr<Created> MeldingService::Create(const NewMelding& input, const Actor& actor) {
  Impl& s = *impl_;
  const Timestamp now = s.clock.Now();
  if (!s.locator) return internal::NoMapError();
  if (input.channel == Channel::kImport) {
    return InvalidArgumentError("Het kanaal 'import' is alleen voor imports.", "kanaal");
  }
  if (input.idempotency_key.size() > 200) {
    return InvalidArgumentError("De idempotentiesleutel is te lang.", "idempotentiesleutel");
  }
  // The key is the caller's own (actor and channel): another caller's key finds nothing.
  const internal::IdempotencyRecord idempotency{
      input.idempotency_key, actor.id + "|" + std::string(ChannelCode(input.channel)),
      input.idempotency_key.empty() ? std::string() : internal::RequestHash(input)};
  auto replay = [&]() -> StatusOr<std::optional<Created>> {
    if (idempotency.key.empty()) return std::optional<Created>();
    std::optional<internal::IdempotentMelding> found;
    RETURN_IF_ERROR(s.db.Read([&](Transaction& txn) -> Status {
      ASSIGN_OR_RETURN(found, internal::FindByIdempotencyKey(txn, input.tenant, idempotency.scope,
                                                             idempotency.key));
      return Status::Ok();
    }));
    if (!found) return std::optional<Created>();
    if (found->request_hash != idempotency.request_hash) {
      return Status(StatusCode::kFailedPrecondition,
                    "Deze Idempotency-Key is al gebruikt voor een andere melding. Gebruik voor een "
                    "nieuwe melding een nieuwe sleutel.",
                    std::string(kIdempotencyKeyField));
    }
    s.Place(found->melding);
    return std::optional<Created>(Created{std::move(found->melding), "", true});
  };
  ASSIGN_OR_RETURN(std::optional<Created> first, replay());
  if (first) return std::move(*first);

  ASSIGN_OR_RETURN(internal::ValidatedMelding v,
                   internal::ValidateNewMelding(input, now, *s.catalog, *s.areas, *s.locator,
                                                s.options.limits, /*with_attachments=*/true));
  Melding m = s.Build(input, v, now);
  s.Place(m);
  const RoutingDecision decision = s.Classify(m, *v.category);
  for (const NewAttachment& a : input.attachments) {
    Attachment stored{s.NewId(), a.file_name, a.content_type, static_cast<int64_t>(a.bytes.size()),
                      internal::Sha256Hex(a.bytes)};
    RETURN_IF_ERROR(
        internal::WriteAttachmentFile(s.options.attachment_dir, stored.sha256, a.bytes));
    m.attachments.push_back(std::move(stored));
  }
  const std::string token = internal::RandomHex(32);
  const std::string token_hash = internal::Blake2b256(token);
  const int year = static_cast<int>(AmsterdamDate(now).year());

  Status status = s.db.Write([&](Transaction& txn) -> Status {
    ASSIGN_OR_RETURN(int64_t seq, internal::TakeNumbers(txn, m.tenant, year, 1));
    m.number = FormatHumanNumber("M", year, seq);
    MeldingWriter writer(txn);
    RETURN_IF_ERROR(writer.Insert(m, idempotency, token_hash, now, false).status());
    RETURN_IF_ERROR(writer.AppendHistory(
        m.tenant, m.id,
        Impl::Entry(now, actor.id, HistoryKind::kCreated, "", std::string(StateCode(m.state)))));
    RETURN_IF_ERROR(writer.AppendHistory(
        m.tenant, m.id,
        Impl::Entry(now, "systeem", HistoryKind::kRouting, "", m.department, "", decision.rule)));
    for (const Attachment& a : m.attachments) {
      RETURN_IF_ERROR(writer.AppendHistory(
          m.tenant, m.id, Impl::Entry(now, actor.id, HistoryKind::kAttachment, "", a.file_name)));
    }
    RETURN_IF_ERROR(s.Audit(txn, actor, m.tenant, "melding.aanmaken", m.id, m.sensitivity,
                            R"({"nummer":")" + m.number + R"("})"));
    if (EventSink sink = s.Events()) {
      const std::vector<HistoryEntry> created = {
          Impl::Entry(now, actor.id, HistoryKind::kCreated, "", std::string(StateCode(m.state)))};
      RETURN_IF_ERROR(sink(txn, m, created, token));
    }
    return Status::Ok();
  });
  if (status.code() == StatusCode::kAlreadyExists) {
    // A concurrent request with the same key won, or the source id is known.
    ASSIGN_OR_RETURN(std::optional<Created> again, replay());
    if (again) return std::move(*again);
    if (!input.source_id.empty()) {
      std::optional<Melding> existing;
      RETURN_IF_ERROR(s.db.Read([&](Transaction& txn) -> Status {
        ASSIGN_OR_RETURN(
            existing,
            internal::FindByKey(txn, "tenant = ? AND channel = ? AND source_id = ?",
                                {m.tenant, std::string(ChannelCode(m.channel)), input.source_id}));
        return Status::Ok();
      }));
      if (existing) {
        return AlreadyExistsError("Deze melding is al opgeslagen als " + existing->number + ".",
                                  "bron_id");
      }
    }
  }
  RETURN_IF_ERROR(status);
  return Created{std::move(m), token, false};
}

StatusOr<Melding> MeldingService::Get(const std::string& tenant,
                                      const std::string& id_or_number) const {
  std::optional<Melding> found;
  RETURN_IF_ERROR(impl_->db.Read([&](Transaction& txn) -> Status {
    ASSIGN_OR_RETURN(found, internal::FindMelding(txn, tenant, id_or_number));
    return Status::Ok();
  }));
  if (!found) return NotFoundError("Melding niet gevonden.");
  impl_->Place(*found);
  return std::move(*found);
}

StatusOr<Melding> MeldingService::GetByFollowToken(const std::string& token) const {
  if (token.size() != 64) return NotFoundError("Melding niet gevonden.");
  std::optional<Melding> found;
  RETURN_IF_ERROR(impl_->db.Read([&](Transaction& txn) -> Status {
    ASSIGN_OR_RETURN(found, internal::FindByKey(txn, "follow_token_hash = ?",
                                                {store::Blob{internal::Blake2b256(token)}}));
    return Status::Ok();
  }));
  if (!found) return NotFoundError("Melding niet gevonden.");
  impl_->Place(*found);
  return std::move(*found);
}

StatusOr<Page> MeldingService::List(const ListQuery& query) const {
  ASSIGN_OR_RETURN(Page page, internal::ListMeldingen(impl_->db, query, impl_->clock.Now(),
                                                      impl_->catalog.Get().get()));
  for (Melding& m : page.items) impl_->Place(m);
  return page;
}

StatusOr<std::vector<HistoryEntry>> MeldingService::History(const std::string& tenant,
                                                            const std::string& id) const {
  std::vector<HistoryEntry> out;
  RETURN_IF_ERROR(impl_->db.Read([&](Transaction& txn) -> Status {
    ASSIGN_OR_RETURN(std::optional<Melding> m, internal::FindMelding(txn, tenant, id));
    if (!m) return NotFoundError("Melding niet gevonden.");
    ASSIGN_OR_RETURN(out, internal::LoadHistory(txn, tenant, m->id));
    return Status::Ok();
  }));
  return out;
}

StatusOr<std::vector<Melding>> MeldingService::FindDuplicates(const DuplicateQuery& query) const {
  ASSIGN_OR_RETURN(std::vector<Melding> found, internal::FindNear(impl_->db, query));
  for (Melding& m : found) impl_->Place(m);
  return found;
}

StatusOr<int64_t> MeldingService::CountDuplicates(const DuplicateQuery& query) const {
  return internal::CountNear(impl_->db, query);
}

StatusOr<Melding> MeldingService::ChangeStatus(const std::string& tenant, const std::string& id,
                                               const StatusChange& change, const Actor& actor) {
  const Timestamp now = impl_->clock.Now();
  return impl_->Mutate(
      tenant, id, actor, change.expected_version, "melding.status",
      [&](Transaction&, Melding& m, std::vector<HistoryEntry>& h) -> Status {
        RETURN_IF_ERROR(CheckTransition(m.state, change.to, change.reporter_text));
        HistoryEntry e =
            Impl::Entry(now, actor.id, HistoryKind::kStatus, std::string(StateCode(m.state)),
                        std::string(StateCode(change.to)), change.reporter_text);
        e.for_reporter = !change.reporter_text.empty();
        h.push_back(std::move(e));
        if (!change.note.empty()) {
          h.push_back(Impl::Entry(now, actor.id, HistoryKind::kNote, "", "", change.note));
        }
        m.state = change.to;
        if (IsClosed(m.state)) {
          m.closed_at = now;
        } else {
          m.closed_at.reset();
        }
        return Status::Ok();
      });
}

StatusOr<Melding> MeldingService::Recategorise(const std::string& tenant, const std::string& id,
                                               const std::string& category, const Actor& actor,
                                               std::optional<int64_t> expected_version) {
  Impl& s = *impl_;
  ASSIGN_OR_RETURN(const Category* target, s.catalog->Require(category, "categorie"));
  CorrectionSink sink;
  {
    std::lock_guard lock(s.sink_mu);
    sink = s.sink;
  }
  return s.Mutate(
      tenant, id, actor, expected_version, "melding.hercategoriseren",
      [&](Transaction& txn, Melding& m, std::vector<HistoryEntry>& h) -> Status {
        if (IsClosed(m.state)) {
          return FailedPreconditionError("Een gesloten melding krijgt geen andere categorie.");
        }
        if (m.category == target->code) {
          return InvalidArgumentError("De melding heeft deze categorie al.", "categorie");
        }
        const std::string old_category = m.category;
        const std::string old_department = m.department;
        const std::string old_assignee = m.assignee;
        const RoutingDecision d = s.Classify(m, *target);
        // Within the same department the handler keeps the melding unless a rule names another.
        if (m.department == old_department && m.assignee.empty()) m.assignee = old_assignee;
        h.push_back(Impl::Entry({}, "", HistoryKind::kCategory, old_category, m.category));
        h.push_back(
            Impl::Entry({}, "", HistoryKind::kRouting, old_department, m.department, "", d.rule));
        if (old_department != m.department) {
          h.push_back(Impl::Entry({}, "", HistoryKind::kDepartment, old_department, m.department));
        }
        if (old_assignee != m.assignee) {  // never silently: the history says who lost it
          h.push_back(Impl::Entry({}, "", HistoryKind::kAssignee, old_assignee, m.assignee));
        }
        if (sink) RETURN_IF_ERROR(sink(txn, m.tenant, m.text, m.category, m.id));
        return Status::Ok();
      });
}

StatusOr<Melding> MeldingService::Assign(const std::string& tenant, const std::string& id,
                                         const std::string& department, const std::string& assignee,
                                         const Actor& actor) {
  if (!department.empty() && impl_->catalog->FindDepartment(department) == nullptr) {
    return InvalidArgumentError("Onbekende afdeling '" + department + "'.", "afdeling");
  }
  return impl_->Mutate(
      tenant, id, actor, std::nullopt, "melding.toewijzen",
      [&](Transaction&, Melding& m, std::vector<HistoryEntry>& h) -> Status {
        if (!department.empty() && department != m.department) {
          h.push_back(Impl::Entry({}, "", HistoryKind::kDepartment, m.department, department));
          m.department = department;
        }
        if (assignee != m.assignee) {
          h.push_back(Impl::Entry({}, "", HistoryKind::kAssignee, m.assignee, assignee));
          m.assignee = assignee;
        }
        return Status::Ok();
      });
}

StatusOr<Melding> MeldingService::SetPriority(const std::string& tenant, const std::string& id,
                                              Priority p, const Actor& actor) {
  return impl_->Mutate(tenant, id, actor, std::nullopt, "melding.prioriteit",
                       [&](Transaction&, Melding& m, std::vector<HistoryEntry>& h) -> Status {
                         h.push_back(Impl::Entry({}, "", HistoryKind::kPriority,
                                                 std::string(PriorityCode(m.priority)),
                                                 std::string(PriorityCode(p))));
                         m.priority = p;
                         return Status::Ok();
                       });
}

Status MeldingService::AddNote(const std::string& tenant, const std::string& id,
                               const std::string& note, bool for_reporter, const Actor& actor) {
  RETURN_IF_ERROR(RequireUtf8(note, "notitie"));
  if (internal::CodePoints(note) < 1 || internal::CodePoints(note) > 5000) {
    return InvalidArgumentError("Een notitie heeft 1 tot 5000 tekens.", "notitie");
  }
  return impl_
      ->Mutate(tenant, id, actor, std::nullopt, "melding.notitie",
               [&](Transaction&, Melding&, std::vector<HistoryEntry>& h) -> Status {
                 HistoryEntry e = Impl::Entry({}, "", HistoryKind::kNote, "", "", note);
                 e.for_reporter = for_reporter;
                 h.push_back(std::move(e));
                 return Status::Ok();
               })
      .status();
}

StatusOr<Melding> MeldingService::MergeDuplicate(const std::string& tenant,
                                                 const std::string& duplicate_id,
                                                 const std::string& original_id,
                                                 const Actor& actor) {
  return impl_->Mutate(
      tenant, duplicate_id, actor, std::nullopt, "melding.samenvoegen",
      [&](Transaction& txn, Melding& m, std::vector<HistoryEntry>& h) -> Status {
        ASSIGN_OR_RETURN(std::optional<Melding> original,
                         internal::FindMelding(txn, tenant, original_id));
        if (!original) return NotFoundError("De oorspronkelijke melding is niet gevonden.");
        if (original->id == m.id) {
          return InvalidArgumentError("Een melding kan niet met zichzelf worden samengevoegd.",
                                      "origineel");
        }
        if (IsClosed(original->state)) {
          return FailedPreconditionError(
              "De oorspronkelijke melding is gesloten of samengevoegd; kies een open melding.");
        }
        if (IsClosed(m.state)) {
          return FailedPreconditionError("Een gesloten melding kan niet worden samengevoegd.");
        }
        h.push_back(Impl::Entry({}, "", HistoryKind::kMerged, std::string(StateCode(m.state)),
                                original->number));
        m.state = State::kSamengevoegd;
        m.duplicate_of = original->id;
        m.closed_at = impl_->clock.Now();
        return Status::Ok();
      });
}

StatusOr<std::vector<Melding>> MeldingService::Split(
    const std::string& tenant, const std::string& id,
    const std::vector<std::pair<std::string, std::string>>& parts, const Actor& actor) {
  Impl& s = *impl_;
  if (parts.size() < 2) {
    return InvalidArgumentError("Splits een melding in ten minste twee delen.", "delen");
  }
  std::vector<const Category*> categories;
  for (size_t i = 0; i < parts.size(); ++i) {
    const std::string field = "delen[" + std::to_string(i) + "]";
    ASSIGN_OR_RETURN(const Category* c, s.catalog->Require(parts[i].first, field + ".categorie"));
    RETURN_IF_ERROR(RequireUtf8(parts[i].second, field + ".tekst"));
    if (internal::CodePoints(parts[i].second) < s.options.limits.min_text ||
        internal::CodePoints(parts[i].second) > s.options.limits.max_text) {
      return InvalidArgumentError("De tekst van een deelmelding heeft een ongeldige lengte.",
                                  field + ".tekst");
    }
    categories.push_back(c);
  }
  std::vector<Melding> children;
  RETURN_IF_ERROR(
      s.Mutate(tenant, id, actor, std::nullopt, "melding.splitsen",
               [&](Transaction& txn, Melding& parent, std::vector<HistoryEntry>& h) -> Status {
                 if (IsClosed(parent.state)) {
                   return FailedPreconditionError(
                       "Een gesloten melding kan niet worden gesplitst.");
                 }
                 children.clear();
                 const Timestamp now = s.clock.Now();
                 const int year = static_cast<int>(AmsterdamDate(now).year());
                 ASSIGN_OR_RETURN(int64_t first,
                                  internal::TakeNumbers(txn, tenant, year, parts.size()));
                 MeldingWriter writer(txn);
                 for (size_t i = 0; i < parts.size(); ++i) {
                   Melding c = parent;
                   c.id = s.NewId();
                   c.number = FormatHumanNumber("M", year, first + static_cast<int64_t>(i));
                   c.text = parts[i].second;
                   c.received_at = now;
                   c.state = State::kGemeld;
                   c.closed_at.reset();
                   c.parent_id = parent.id;
                   c.duplicate_of.clear();
                   c.source_id.clear();
                   c.attachments.clear();
                   c.version = 1;
                   const RoutingDecision d = s.Classify(c, *categories[i]);
                   RETURN_IF_ERROR(writer.Insert(c, {}, "", now, false).status());
                   RETURN_IF_ERROR(writer.AppendHistory(
                       tenant, c.id,
                       Impl::Entry(now, actor.id, HistoryKind::kCreated, parent.number, "gemeld")));
                   RETURN_IF_ERROR(
                       writer.AppendHistory(tenant, c.id,
                                            Impl::Entry(now, "systeem", HistoryKind::kRouting, "",
                                                        c.department, "", d.rule)));
                   h.push_back(Impl::Entry({}, "", HistoryKind::kSplit, "", c.number));
                   children.push_back(std::move(c));
                 }
                 h.push_back(Impl::Entry({}, "", HistoryKind::kStatus,
                                         std::string(StateCode(parent.state)), "gesplitst"));
                 parent.state = State::kGesplitst;
                 parent.closed_at = now;
                 return Status::Ok();
               })
          .status());
  return children;
}

StatusOr<std::string> MeldingService::ReadAttachment(const std::string& tenant,
                                                     const std::string& melding_id,
                                                     const std::string& attachment_id) const {
  std::string sha;
  RETURN_IF_ERROR(impl_->db.Read([&](Transaction& txn) -> Status {
    ASSIGN_OR_RETURN(auto rs, txn.Query("SELECT sha256 FROM melding_attachments WHERE id = ? AND "
                                        "melding_id = ? AND tenant = ?",
                                        {attachment_id, melding_id, tenant}));
    if (rs.rows.empty()) return NotFoundError("Bijlage niet gevonden.");
    sha = rs.rows[0].GetText(0);
    return Status::Ok();
  }));
  return internal::ReadAttachmentFile(impl_->options.attachment_dir, sha);
}

}  // namespace baken::signals
