#include "baken/notify/outbox_subject_source.h"

#include <nlohmann/json.hpp>

#include "baken/base/time_zone.h"

namespace baken::notify {

security::SubjectSource OutboxSubjectSource(store::Database& db) {
  return {
      "berichten", "E-mails aan u over uw meldingen (verzonden of nog te verzenden)",
      [&db](const security::SubjectQuery& q) -> StatusOr<std::vector<std::string>> {
        using nlohmann::json;
        std::string email = q.email;
        std::transform(email.begin(), email.end(), email.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        auto time_or_null = [](const store::Row& r, size_t i) {
          return r.IsNull(i) ? json(nullptr) : json(FormatRfc3339(r.GetTimestamp(i)));
        };
        std::vector<std::string> out;
        RETURN_IF_ERROR(db.Read([&](store::Transaction& txn) -> Status {
          out.clear();
          const store::Value params[] = {security::NormalisedEmail(q)};
          return txn.ForEach(
              "SELECT o.tenant, o.kind, o.to_address, o.subject, o.body_text, o.created_at, "
              "o.sent_at, o.failed_at, m.number FROM outbox o LEFT JOIN meldingen m ON m.id "
              "= o.melding_id WHERE lower(o.to_address) = ? ORDER BY o.created_at, o.id",
              params, [&](const store::Row& r) {
                if (q.tenant && r.GetText(0) != *q.tenant) return Status::Ok();
                out.push_back(json{{"gemeente", r.GetText(0)},
                                   {"soort", r.GetText(1)},
                                   {"aan", r.GetText(2)},
                                   {"onderwerp", r.GetText(3)},
                                   {"tekst", r.GetText(4)},
                                   {"melding", r.IsNull(8) ? json(nullptr) : json(r.GetText(8))},
                                   {"aangemaakt", FormatRfc3339(r.GetTimestamp(5))},
                                   {"verzonden", time_or_null(r, 6)},
                                   {"opgegeven", time_or_null(r, 7)}}
                                  .dump(-1, ' ', false, json::error_handler_t::replace));
                return Status::Ok();
              });
        }));
        return out;
      }};
}

}  // namespace baken::notify
