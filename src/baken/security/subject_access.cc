#include "baken/security/subject_access.h"

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>

#include "baken/base/time_zone.h"

namespace baken::security {

namespace {

using nlohmann::json;

struct Account {
  std::string id;
  json record;
};

// The accounts with this e-mail (case-insensitive), in the tenant when given.
StatusOr<std::vector<Account>> FindAccounts(store::Database& db, const SubjectQuery& q) {
  std::vector<Account> out;
  RETURN_IF_ERROR(db.Read([&](store::Transaction& txn) -> Status {
    out.clear();
    const store::Value params[] = {NormalisedEmail(q)};
    return txn.ForEach(
        "SELECT id, tenant, username, display_name, email, role, departments, disabled, "
        "CASE WHEN totp_secret IS NULL THEN 0 ELSE 1 END, created_at FROM users WHERE lower(email) "
        "= ? ORDER BY tenant, "
        "username",
        params, [&](const store::Row& r) {
          if (q.tenant && r.GetText(1) != *q.tenant) return Status::Ok();
          json deps = json::parse(r.GetText(6), nullptr, false);
          if (deps.is_discarded()) deps = json::array();
          out.push_back(Account{r.GetText(0),
                                {{"id", r.GetText(0)},
                                 {"gemeente", r.GetText(1)},
                                 {"gebruikersnaam", r.GetText(2)},
                                 {"naam", r.GetText(3)},
                                 {"email", r.GetText(4)},
                                 {"rol", r.GetText(5)},
                                 {"afdelingen", deps},
                                 {"uitgeschakeld", r.GetInt64(7) != 0},
                                 {"tweestapsverificatie", r.GetInt64(8) != 0},
                                 {"aangemaakt", FormatRfc3339(r.GetTimestamp(9))}}});
          return Status::Ok();
        });
  }));
  return out;
}

}  // namespace

std::string NormalisedEmail(const SubjectQuery& query) {
  std::string out = query.email;
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string RecordText(const json& record) {
  return record.dump(-1, ' ', false, json::error_handler_t::replace);
}

Status SubjectSourceRegistry::Add(SubjectSource source) {
  if (source.name.empty() || !source.collect) {
    return InvalidArgumentError("Een bron heeft een naam en een functie nodig", "name");
  }
  for (const SubjectSource& s : sources_) {
    if (s.name == source.name) {
      return InvalidArgumentError("De bron '" + source.name + "' is al geregistreerd", "name");
    }
  }
  sources_.push_back(std::move(source));
  return Status::Ok();
}

StatusOr<std::string> SubjectSourceRegistry::Export(const SubjectQuery& query,
                                                    Timestamp now) const {
  if (query.email.empty() || query.email.find('@') == std::string::npos) {
    return InvalidArgumentError("Geef een e-mailadres", "email");
  }
  json doc = {{"email", query.email},
              {"gemeente", query.tenant ? json(*query.tenant) : json(nullptr)},
              {"gemaakt_op", FormatRfc3339(now)},
              {"bronnen", json::array()}};
  for (const SubjectSource& source : sources_) {
    ASSIGN_OR_RETURN(std::vector<std::string> records, source.collect(query));
    json list = json::array();
    for (const std::string& text : records) {
      json record = json::parse(text, nullptr, false);
      if (record.is_discarded() || !record.is_object()) {
        return InternalError("Bron " + source.name + " gaf geen JSON-object");
      }
      list.push_back(std::move(record));
    }
    doc["bronnen"].push_back(
        {{"naam", source.name}, {"omschrijving", source.description}, {"records", list}});
  }
  return RecordText(doc);
}

SubjectSource AccountsSubjectSource(store::Database& db) {
  return {"accounts", "Uw gebruikersaccounts (zonder wachtwoord of geheime sleutels)",
          [&db](const SubjectQuery& q) -> StatusOr<std::vector<std::string>> {
            ASSIGN_OR_RETURN(std::vector<Account> accounts, FindAccounts(db, q));
            std::vector<std::string> out;
            out.reserve(accounts.size());
            for (const Account& a : accounts) out.push_back(RecordText(a.record));
            return out;
          }};
}

SubjectSource AuditSubjectSource(store::Database& db) {
  return {"audit", "Regels uit het auditlog over wat u deed of wat met uw account gebeurde",
          [&db](const SubjectQuery& q) -> StatusOr<std::vector<std::string>> {
            ASSIGN_OR_RETURN(std::vector<Account> accounts, FindAccounts(db, q));
            std::vector<std::string> out;
            for (const Account& a : accounts) {
              RETURN_IF_ERROR(db.Read([&](store::Transaction& txn) -> Status {
                const store::Value params[] = {a.id, a.id};
                return txn.ForEach(
                    "SELECT seq, at, tenant, actor, actor_role, action, object_type, object_id, "
                    "purpose, sensitivity, from_address, outcome, details FROM audit_log "
                    "WHERE actor = ? OR object_id = ? ORDER BY seq",
                    params, [&](const store::Row& r) {
                      json details = json::parse(r.GetText(12), nullptr, false);
                      if (details.is_discarded()) details = r.GetText(12);
                      out.push_back(RecordText({{"volgnummer", r.GetInt64(0)},
                                                {"tijdstip", FormatRfc3339(r.GetTimestamp(1))},
                                                {"gemeente", r.GetText(2)},
                                                {"actor", r.GetText(3)},
                                                {"rol", r.GetText(4)},
                                                {"actie", r.GetText(5)},
                                                {"object_type", r.GetText(6)},
                                                {"object_id", r.GetText(7)},
                                                {"doel", r.GetText(8)},
                                                {"gevoeligheid", r.GetText(9)},
                                                {"adres", r.GetText(10)},
                                                {"uitkomst", r.GetText(11)},
                                                {"details", details}}));
                      return Status::Ok();
                    });
              }));
            }
            return out;
          }};
}

}  // namespace baken::security
