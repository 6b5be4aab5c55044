#include "baken/api/melding_events.h"

namespace baken::api {

Status AppendMeldingEvents(store::Database& db, const signals::EventFilter& filter,
                           MeldingEvents& into) {
  return signals::ForEachEvent(db, filter, [&](const signals::MeldingEvent& e) -> Status {
    analysis::Event ev;
    ev.time = UnixSeconds(e.time);
    ev.x = e.x;
    ev.y = e.y;
    ev.category = into.events.CategoryId(e.category);
    ev.area = e.buurt.empty() ? -1 : into.events.AreaId(e.buurt);
    into.events.Append(ev);
    if (e.seq > into.last_seq) into.last_seq = e.seq;
    if (into.main_of.find(e.category) == into.main_of.end()) {
      into.main_of.emplace(std::string(e.category), std::string(e.main_category));
    }
    return Status::Ok();
  });
}

}  // namespace baken::api
