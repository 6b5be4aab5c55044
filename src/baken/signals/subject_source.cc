#include "baken/signals/subject_source.h"

#include <nlohmann/json.hpp>

#include "baken/base/time_zone.h"
#include "baken/signals/melding.h"

namespace baken::signals {

namespace {

using nlohmann::json;

// The ids and numbers of the meldingen with this reporter e-mail, oldest first.
Status ForEachMelding(store::Transaction& txn, const security::SubjectQuery& q,
                      const std::function<Status(const store::Row&)>& fn) {
  const store::Value params[] = {security::NormalisedEmail(q)};
  return txn.ForEach(
      "SELECT id, tenant, number, received_at, category, text, state, closed_at, reporter_name, "
      "reporter_email, reporter_phone, reporter_consent, channel FROM meldingen "
      "WHERE lower(reporter_email) = ? ORDER BY received_at, id",
      params, [&](const store::Row& r) {
        if (q.tenant && r.GetText(1) != *q.tenant) return Status::Ok();
        return fn(r);
      });
}

}  // namespace

security::SubjectSource MeldingenSubjectSource(store::Database& db) {
  return {
      "meldingen", "Meldingen die u deed, met uw contactgegevens en de berichten aan u",
      [&db](const security::SubjectQuery& q) -> StatusOr<std::vector<std::string>> {
        std::vector<std::string> out;
        RETURN_IF_ERROR(db.Read([&](store::Transaction& txn) -> Status {
          out.clear();
          std::vector<json> found;
          RETURN_IF_ERROR(ForEachMelding(txn, q, [&](const store::Row& r) {
            found.push_back({{"id", r.GetText(0)},
                             {"gemeente", r.GetText(1)},
                             {"nummer", r.GetText(2)},
                             {"ontvangen", FormatRfc3339(r.GetTimestamp(3))},
                             {"categorie", r.GetText(4)},
                             {"tekst", r.GetText(5)},
                             {"status", r.GetText(6)},
                             {"afgesloten",
                              r.IsNull(7) ? json(nullptr) : json(FormatRfc3339(r.GetTimestamp(7)))},
                             {"kanaal", r.GetText(12)},
                             {"melder",
                              {{"naam", r.GetText(8)},
                               {"email", r.GetText(9)},
                               {"telefoon", r.GetText(10)},
                               {"toestemming_contact", r.GetInt64(11) != 0}}}});
            return Status::Ok();
          }));
          for (json& m : found) {
            const std::string id = m["id"];
            json attachments = json::array();
            const store::Value id_param[] = {id};
            RETURN_IF_ERROR(
                txn.ForEach("SELECT file_name, content_type, size FROM melding_attachments WHERE "
                            "melding_id = ? ORDER BY created_at, id",
                            id_param, [&](const store::Row& r) {
                              attachments.push_back({{"bestandsnaam", r.GetText(0)},
                                                     {"type", r.GetText(1)},
                                                     {"grootte", r.GetInt64(2)}});
                              return Status::Ok();
                            }));
            json messages = json::array();
            RETURN_IF_ERROR(txn.ForEach(
                "SELECT at, to_value, text FROM melding_history WHERE melding_id = ? AND "
                "for_reporter = 1 ORDER BY seq",
                id_param, [&](const store::Row& r) {
                  messages.push_back({{"tijdstip", FormatRfc3339(r.GetTimestamp(0))},
                                      {"status", r.GetText(1)},
                                      {"tekst", r.GetText(2)}});
                  return Status::Ok();
                }));
            m["bijlagen"] = std::move(attachments);
            m["berichten_aan_melder"] = std::move(messages);
            out.push_back(security::RecordText(m));
          }
          return Status::Ok();
        }));
        return out;
      }};
}

security::SubjectSource FeedbackSubjectSource(store::Database& db) {
  return {"tevredenheid", "Uw antwoorden op de vraag of u tevreden was over de afhandeling",
          [&db](const security::SubjectQuery& q) -> StatusOr<std::vector<std::string>> {
            std::vector<std::string> out;
            RETURN_IF_ERROR(db.Read([&](store::Transaction& txn) -> Status {
              out.clear();
              std::vector<std::pair<std::string, std::string>> meldingen;  // id, number
              RETURN_IF_ERROR(ForEachMelding(txn, q, [&](const store::Row& r) {
                meldingen.emplace_back(r.GetText(0), r.GetText(2));
                return Status::Ok();
              }));
              for (const auto& [id, number] : meldingen) {
                const store::Value params[] = {
                    id, std::string(HistoryKindCode(HistoryKind::kFeedback))};
                RETURN_IF_ERROR(txn.ForEach(
                    "SELECT at, to_value, text FROM melding_history WHERE melding_id = ? AND "
                    "kind = ? ORDER BY seq",
                    params, [&](const store::Row& r) {
                      out.push_back(
                          security::RecordText({{"melding", number},
                                                {"tijdstip", FormatRfc3339(r.GetTimestamp(0))},
                                                {"antwoord", r.GetText(1)},
                                                {"toelichting", r.GetText(2)}}));
                      return Status::Ok();
                    }));
              }
              return Status::Ok();
            }));
            return out;
          }};
}

}  // namespace baken::signals
