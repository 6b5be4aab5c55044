#include "baken/api/internal/mail_events.h"

#include "baken/signals/duplicate_reporters.h"

namespace baken::api {
namespace {

notify::EventForMail Base(const signals::Melding& m, const signals::CategoryCatalog* catalog) {
  notify::EventForMail e;
  e.tenant = m.tenant;
  e.melding_id = m.id;
  e.number = m.number;
  e.event_seq = m.version;
  e.reporter_email = m.reporter.email;
  e.reporter_name = m.reporter.name;
  e.consent_to_contact = m.reporter.consent_to_contact;
  if (const signals::Category* c = catalog != nullptr ? catalog->Find(m.category) : nullptr) {
    e.category_public_name = c->public_name;
    e.handling_message = c->handling_message;
  }
  e.deadline = m.deadline;
  e.state = m.state;
  if (!m.street.empty()) {
    e.place = "bij " + m.street;
    if (m.postcode.size() == 6) {
      e.place += ", " + m.postcode.substr(0, 4) + " " + m.postcode.substr(4);
    }
  }
  return e;
}

}  // namespace

signals::EventSink MakeMailEventSink(std::shared_ptr<notify::Outbox> outbox,
                                     CatalogSource catalog_source) {
  return [outbox = std::move(outbox), catalog_source = std::move(catalog_source)](
             store::Transaction& txn, const signals::Melding& m,
             const std::vector<signals::HistoryEntry>& history,
             const std::string& follow_code) -> Status {
    const std::shared_ptr<const signals::CategoryCatalog> catalog = catalog_source();
    std::vector<notify::EventForMail> events;
    for (const signals::HistoryEntry& h : history) {
      if (h.kind == signals::HistoryKind::kCreated && !follow_code.empty()) {
        notify::EventForMail e = Base(m, catalog.get());
        e.kind = notify::MailKind::kConfirmation;
        e.follow_code = follow_code;
        events.push_back(std::move(e));
      } else if (h.kind == signals::HistoryKind::kStatus && h.for_reporter) {
        notify::EventForMail e = Base(m, catalog.get());
        e.kind = notify::MailKind::kStatusChange;
        e.reporter_text = h.text;
        events.push_back(e);
        if (m.state == signals::State::kAfgehandeld) {
          e.kind = notify::MailKind::kSatisfaction;
          events.push_back(std::move(e));
        }
      }
    }
    if (events.empty()) return Status::Ok();
    // Reporters of duplicates merged into this melding follow it too.
    std::vector<signals::DuplicateReporter> followers;
    if (events.front().kind != notify::MailKind::kConfirmation) {
      ASSIGN_OR_RETURN(followers, signals::DuplicateReporters(txn, m.tenant, m.id));
    }
    for (notify::EventForMail& e : events) {
      RETURN_IF_ERROR(outbox->EnqueueForEvent(txn, e));
      for (const signals::DuplicateReporter& r : followers) {
        notify::EventForMail f = e;
        f.reporter_email = r.email;
        f.reporter_name = r.name;
        f.consent_to_contact = r.consent_to_contact;
        f.melding_id = r.melding_id;  // its own dedupe key
        RETURN_IF_ERROR(outbox->EnqueueForEvent(txn, f));
      }
    }
    return Status::Ok();
  };
}

}  // namespace baken::api
