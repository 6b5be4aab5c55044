#include "baken/programme/repository.h"

#include <map>

#include <nlohmann/json.hpp>

#include "baken/base/time_zone.h"
#include "baken/programme/internal/codec.h"
#include "baken/security/audit_log.h"
#include "baken/security/roles.h"

namespace baken::programme {

using store::Transaction;
using namespace internal;  // NOLINT(build/namespaces): the codec helpers

namespace internal {

Status AppendHistory(Transaction& txn, const std::string& tenant, const std::string& programme,
                     const HistoryEntry& e) {
  return txn
      .Execute(
          "INSERT INTO programme_history (tenant, programme, item, at, actor, field, old_value, "
          "new_value, explanation) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
          {tenant, programme, e.item, e.at, e.actor, e.field, e.old_value, e.new_value,
           e.explanation})
      .status();
}

Status AppendAudit(Transaction& txn, store::Database& db, Clock& clock, const std::string& tenant,
                   const ChangeContext& who, const std::string& action,
                   const std::string& object_id, const std::string& details_json) {
  security::AuditLog audit(db, clock);
  security::AuditEntry e;
  e.tenant = tenant;
  e.actor = who.actor;
  e.actor_role = who.actor_role;
  e.action = action;
  e.object_type = "programma";
  e.object_id = object_id;
  e.purpose = std::string(security::PurposeCode(security::Purpose::kVerantwoording));
  e.sensitivity = std::string(security::SensitivityCode(security::Sensitivity::kInternal));
  e.from_address = who.from_address;
  e.details = details_json;
  return audit.Append(txn, std::move(e)).status();
}

}  // namespace internal

namespace {

Status InsertMilestones(Transaction& txn, const std::string& tenant, const std::string& programme,
                        const std::string& item, const std::vector<Milestone>& ms) {
  for (size_t i = 0; i < ms.size(); ++i) {
    RETURN_IF_ERROR(
        txn.Execute("INSERT INTO programme_milestones (tenant, programme, item, position, title, "
                    "due_date, done_date) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    {tenant, programme, item, static_cast<int64_t>(i), ms[i].title,
                     DateText(ms[i].due), OptionalDate(ms[i].done)})
            .status());
  }
  return Status::Ok();
}

// An item's progress as stored in programme_item_states.
std::string StateJson(const Progress& p) {
  nlohmann::json milestones = nlohmann::json::array();
  for (const Milestone& m : p.milestones) {
    milestones.push_back({{"titel", m.title},
                          {"streefdatum", DateText(m.due)},
                          {"gereed", m.done ? nlohmann::json(DateText(*m.done)) : nullptr}});
  }
  nlohmann::json j = {
      {"status", std::string(ItemStatusCode(p.status))},
      {"toelichting", p.status_explanation},
      {"datum", p.status_date ? nlohmann::json(DateText(*p.status_date)) : nullptr},
      {"mijlpalen", std::move(milestones)},
      {"budget", p.budget ? nlohmann::json{{"gepland_cent", p.budget->planned_cents},
                                           {"besteed_cent", p.budget->spent_cents}}
                          : nlohmann::json(nullptr)}};
  return j.dump();
}

StatusOr<Progress> StateFromJson(const std::string& text, int version) {
  const nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return InternalError("onleesbare onderdeelstand");
  try {
    Progress p;
    ASSIGN_OR_RETURN(p.status, ParseItemStatus(j.at("status").get<std::string>()));
    p.status_explanation = j.at("toelichting").get<std::string>();
    if (!j.at("datum").is_null()) {
      ASSIGN_OR_RETURN(p.status_date, ParseDate(j.at("datum").get<std::string>()));
    }
    for (const nlohmann::json& m : j.at("mijlpalen")) {
      Milestone milestone;
      milestone.title = m.at("titel").get<std::string>();
      ASSIGN_OR_RETURN(milestone.due, ParseDate(m.at("streefdatum").get<std::string>()));
      if (!m.at("gereed").is_null()) {
        ASSIGN_OR_RETURN(milestone.done, ParseDate(m.at("gereed").get<std::string>()));
      }
      p.milestones.push_back(std::move(milestone));
    }
    if (const nlohmann::json& b = j.at("budget"); !b.is_null()) {
      p.budget = Budget{b.at("gepland_cent").get<int64_t>(), b.at("besteed_cent").get<int64_t>()};
    }
    p.version = version;
    return p;
  } catch (const nlohmann::json::exception&) {
    return InternalError("onleesbare onderdeelstand");
  }
}

Status InsertState(Transaction& txn, const std::string& tenant, const std::string& programme,
                   const std::string& item, const Progress& p, Timestamp valid_from) {
  return txn
      .Execute(
          "INSERT INTO programme_item_states (tenant, programme, item, version, valid_from, "
          "progress) VALUES (?, ?, ?, ?, ?, ?)",
          {tenant, programme, item, int64_t{p.version}, valid_from, StateJson(p)})
      .status();
}

struct ItemRow {
  std::string code, kind, parent, ambition, name, description;
  Partner lead = Partner::kMunicipality;
  std::vector<Partner> partners;
  Progress progress;
  Timestamp updated_at{};  // when the progress last changed
};

Status InsertItem(Transaction& txn, const std::string& tenant, const std::string& programme,
                  const ItemRow& r, int64_t position, Timestamp now) {
  const Progress& p = r.progress;
  RETURN_IF_ERROR(
      txn.Execute(
             "INSERT INTO programme_items (tenant, programme, code, kind, parent, ambition, "
             "position, name, description, lead, partners, status, status_explanation, "
             "status_date, budget_planned_cents, budget_spent_cents, version, updated_at) VALUES "
             "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
             {tenant, programme, r.code, r.kind, OptionalText(r.parent), OptionalText(r.ambition),
              position, r.name, r.description, std::string(PartnerCode(r.lead)),
              JoinPartners(r.partners), std::string(ItemStatusCode(p.status)), p.status_explanation,
              OptionalDate(p.status_date),
              p.budget ? store::Value(p.budget->planned_cents) : store::Null(),
              p.budget ? store::Value(p.budget->spent_cents) : store::Null(), int64_t{1}, now})
          .status());
  Progress first = p;
  first.version = 1;
  RETURN_IF_ERROR(InsertState(txn, tenant, programme, r.code, first, now));
  return InsertMilestones(txn, tenant, programme, r.code, p.milestones);
}

StatusOr<std::vector<Milestone>> ReadMilestones(Transaction& txn, const std::string& tenant,
                                                const std::string& programme,
                                                const std::string& item) {
  ASSIGN_OR_RETURN(store::ResultSet rs,
                   txn.Query("SELECT title, due_date, done_date FROM programme_milestones WHERE "
                             "tenant = ? AND programme = ? AND item = ? ORDER BY position",
                             {tenant, programme, item}));
  std::vector<Milestone> out;
  for (const store::Row& row : rs.rows) {
    Milestone m;
    m.title = row.GetText(0);
    ASSIGN_OR_RETURN(m.due, ParseDate(row.GetText(1)));
    ASSIGN_OR_RETURN(m.done, ReadOptionalDate(row, 2));
    out.push_back(std::move(m));
  }
  return out;
}

constexpr char kItemColumns[] =
    "code, kind, parent, ambition, name, description, lead, partners, status, "
    "status_explanation, status_date, budget_planned_cents, budget_spent_cents, version, "
    "updated_at";

StatusOr<ItemRow> DecodeItem(Transaction& txn, const std::string& tenant,
                             const std::string& programme, const store::Row& row) {
  ItemRow r;
  r.code = row.GetText(0);
  r.kind = row.GetText(1);
  r.parent = TextOrEmpty(row, 2);
  r.ambition = TextOrEmpty(row, 3);
  r.name = row.GetText(4);
  r.description = row.GetText(5);
  ASSIGN_OR_RETURN(r.lead, ParsePartner(row.GetText(6)));
  ASSIGN_OR_RETURN(r.partners, SplitPartners(row.GetText(7)));
  ASSIGN_OR_RETURN(r.progress.status, ParseItemStatus(row.GetText(8)));
  r.progress.status_explanation = row.GetText(9);
  ASSIGN_OR_RETURN(r.progress.status_date, ReadOptionalDate(row, 10));
  if (!row.IsNull(11)) r.progress.budget = Budget{row.GetInt64(11), row.GetInt64(12)};
  r.progress.version = static_cast<int>(row.GetInt64(13));
  r.updated_at = row.GetTimestamp(14);
  ASSIGN_OR_RETURN(r.progress.milestones, ReadMilestones(txn, tenant, programme, r.code));
  return r;
}

StatusOr<Programme> ReadProgramme(Transaction& txn, const std::string& tenant,
                                  const std::string& code) {
  ASSIGN_OR_RETURN(store::ResultSet head,
                   txn.Query("SELECT name, description, start_year, end_year, owner, partners, "
                             "themes, department FROM programmes WHERE tenant = ? AND code = ?",
                             {tenant, code}));
  if (head.rows.empty()) return NotFoundError("Onbekend programma '" + code + "'.");
  const store::Row& h = head.rows[0];
  Programme p;
  p.code = code;
  p.name = h.GetText(0);
  p.description = h.GetText(1);
  p.start_year = static_cast<int>(h.GetInt64(2));
  p.end_year = static_cast<int>(h.GetInt64(3));
  p.owner = h.GetText(4);
  ASSIGN_OR_RETURN(p.partners, SplitPartners(h.GetText(5)));
  p.themes = SplitLines(h.GetText(6));
  p.department = h.GetText(7);

  ASSIGN_OR_RETURN(store::ResultSet amb,
                   txn.Query("SELECT code, name, description, kernambitie, priority FROM "
                             "programme_ambitions WHERE tenant = ? AND programme = ? ORDER BY "
                             "position",
                             {tenant, code}));
  for (const store::Row& row : amb.rows) {
    Ambition a;
    a.code = row.GetText(0);
    a.name = row.GetText(1);
    a.description = row.GetText(2);
    a.kernambitie = row.GetInt64(3) != 0;
    if (!row.IsNull(4)) a.priority = static_cast<int>(row.GetInt64(4));
    p.ambitions.push_back(std::move(a));
  }

  ASSIGN_OR_RETURN(store::ResultSet items,
                   txn.Query(std::string("SELECT ") + kItemColumns +
                                 " FROM programme_items WHERE tenant = ? AND programme = ? "
                                 "ORDER BY position",
                             {tenant, code}));
  std::map<std::string, size_t> line_index;
  std::vector<ItemRow> actions;
  for (const store::Row& row : items.rows) {
    ASSIGN_OR_RETURN(ItemRow r, DecodeItem(txn, tenant, code, row));
    if (r.kind == "actielijn") {
      ActionLine line;
      line.code = r.code;
      line.name = r.name;
      line.description = r.description;
      line.ambition = r.ambition;
      line.lead = r.lead;
      line.partners = r.partners;
      line.progress = std::move(r.progress);
      line_index[line.code] = p.action_lines.size();
      p.action_lines.push_back(std::move(line));
    } else {
      actions.push_back(std::move(r));
    }
  }
  for (ItemRow& r : actions) {
    auto it = line_index.find(r.parent);
    if (it == line_index.end()) return InternalError("actie zonder actielijn: " + r.code);
    Action a;
    a.code = r.code;
    a.name = r.name;
    a.description = r.description;
    a.lead = r.lead;
    a.partners = r.partners;
    a.progress = std::move(r.progress);
    p.action_lines[it->second].actions.push_back(std::move(a));
  }
  return p;
}

}  // namespace

namespace internal {
Status InsertIndicators(Transaction& txn, const std::string& tenant, const std::string& programme,
                        const std::vector<Indicator>& indicators);
}  // namespace internal

Status ProgrammeRepository::Create(const std::string& tenant, const Programme& p,
                                   const std::vector<Indicator>& indicators,
                                   const ChangeContext& who) {
  RETURN_IF_ERROR(Validate(p, indicators));
  const Timestamp now = clock_.Now();
  Status s = db_.Write([&](Transaction& txn) -> Status {
    RETURN_IF_ERROR(
        txn.Execute("INSERT INTO programmes (tenant, code, name, description, start_year, "
                    "end_year, owner, department, partners, themes, created_at, created_by) VALUES "
                    "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    {tenant, p.code, p.name, p.description, int64_t{p.start_year},
                     int64_t{p.end_year}, p.owner, p.department, JoinPartners(p.partners),
                     JoinLines(p.themes), now, who.actor})
            .status());
    for (size_t i = 0; i < p.ambitions.size(); ++i) {
      const Ambition& a = p.ambitions[i];
      RETURN_IF_ERROR(
          txn.Execute("INSERT INTO programme_ambitions (tenant, programme, code, position, name, "
                      "description, kernambitie, priority) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                      {tenant, p.code, a.code, static_cast<int64_t>(i), a.name, a.description,
                       int64_t{a.kernambitie ? 1 : 0},
                       a.priority ? store::Value(int64_t{*a.priority}) : store::Null()})
              .status());
    }
    int64_t position = 0;
    for (const ActionLine& line : p.action_lines) {
      ItemRow r{
          line.code,     "actielijn",   "", line.ambition, line.name, line.description, line.lead,
          line.partners, line.progress, {}};
      RETURN_IF_ERROR(InsertItem(txn, tenant, p.code, r, position++, now));
      for (const Action& a : line.actions) {
        ItemRow ar{a.code,        "actie", line.code,  "",         a.name,
                   a.description, a.lead,  a.partners, a.progress, {}};
        RETURN_IF_ERROR(InsertItem(txn, tenant, p.code, ar, position++, now));
      }
    }
    RETURN_IF_ERROR(InsertIndicators(txn, tenant, p.code, indicators));
    RETURN_IF_ERROR(AppendHistory(
        txn, tenant, p.code,
        HistoryEntry{0, now, who.actor, "", "programma", "", p.name, "programma vastgelegd"}));
    return AppendAudit(
        txn, db_, clock_, tenant, who, "programma.aanmaken", p.code,
        nlohmann::json{{"actielijnen", p.action_lines.size()}, {"indicatoren", indicators.size()}}
            .dump());
  });
  if (s.code() == StatusCode::kAlreadyExists) {
    return AlreadyExistsError("Het programma '" + p.code + "' bestaat al.", "code");
  }
  return s;
}

StatusOr<bool> ProgrammeRepository::Exists(const std::string& tenant, const std::string& code) {
  bool exists = false;
  RETURN_IF_ERROR(db_.Read([&](Transaction& txn) -> Status {
    ASSIGN_OR_RETURN(
        store::ResultSet rs,
        txn.Query("SELECT 1 FROM programmes WHERE tenant = ? AND code = ?", {tenant, code}));
    exists = !rs.rows.empty();
    return Status::Ok();
  }));
  return exists;
}

Status ProgrammeRepository::FillDepartment(const std::string& tenant, const std::string& code,
                                           const std::string& department) {
  return db_.Write([&](Transaction& txn) -> Status {
    ASSIGN_OR_RETURN(
        store::ResultSet rs,
        txn.Query("SELECT 1 FROM programmes WHERE tenant = ? AND code = ?", {tenant, code}));
    if (rs.rows.empty()) return NotFoundError("Onbekend programma '" + code + "'.");
    return txn
        .Execute(
            "UPDATE programmes SET department = ? WHERE tenant = ? AND code = ? AND department = "
            "''",
            {department, tenant, code})
        .status();
  });
}

StatusOr<std::vector<ProgrammeSummary>> ProgrammeRepository::List(const std::string& tenant) {
  std::vector<ProgrammeSummary> out;
  RETURN_IF_ERROR(db_.Read([&](Transaction& txn) -> Status {
    ASSIGN_OR_RETURN(
        store::ResultSet rs,
        txn.Query("SELECT p.code, p.name, p.start_year, p.end_year, p.owner, p.department, "
                  "(SELECT COUNT(*) "
                  "FROM programme_items i WHERE i.tenant = p.tenant AND i.programme = p.code AND "
                  "i.kind = 'actielijn'), (SELECT COUNT(*) FROM programme_indicators n WHERE "
                  "n.tenant = p.tenant AND n.programme = p.code) FROM programmes p WHERE "
                  "p.tenant = ? ORDER BY p.start_year, p.code",
                  {tenant}));
    for (const store::Row& row : rs.rows) {
      out.push_back(
          ProgrammeSummary{row.GetText(0), row.GetText(1), static_cast<int>(row.GetInt64(2)),
                           static_cast<int>(row.GetInt64(3)), row.GetText(4), row.GetText(5),
                           static_cast<int>(row.GetInt64(6)), static_cast<int>(row.GetInt64(7))});
    }
    return Status::Ok();
  }));
  return out;
}

StatusOr<Programme> ProgrammeRepository::Get(const std::string& tenant, const std::string& code) {
  Programme p;
  RETURN_IF_ERROR(db_.Read([&](Transaction& txn) -> Status {
    ASSIGN_OR_RETURN(p, ReadProgramme(txn, tenant, code));
    return Status::Ok();
  }));
  return p;
}

StatusOr<Programme> ProgrammeRepository::GetAsOf(const std::string& tenant, const std::string& code,
                                                 Timestamp as_of) {
  Programme p;
  RETURN_IF_ERROR(db_.Read([&](Transaction& txn) -> Status {
    ASSIGN_OR_RETURN(p, ReadProgramme(txn, tenant, code));
    ASSIGN_OR_RETURN(store::ResultSet rs,
                     txn.Query("SELECT item, version, progress FROM programme_item_states WHERE "
                               "tenant = ? AND programme = ? AND valid_from <= ? ORDER BY item, "
                               "version",
                               {tenant, code, as_of}));
    std::map<std::string, const store::Row*> newest;  // the last row per item wins
    for (const store::Row& row : rs.rows) newest[row.GetText(0)] = &row;
    auto overlay = [&](const std::string& item, Progress& progress) -> Status {
      auto it = newest.find(item);
      if (it == newest.end()) return Status::Ok();
      ASSIGN_OR_RETURN(progress, StateFromJson(it->second->GetText(2),
                                               static_cast<int>(it->second->GetInt64(1))));
      return Status::Ok();
    };
    for (ActionLine& line : p.action_lines) {
      RETURN_IF_ERROR(overlay(line.code, line.progress));
      for (Action& a : line.actions) RETURN_IF_ERROR(overlay(a.code, a.progress));
    }
    return Status::Ok();
  }));
  return p;
}

StatusOr<int> ProgrammeRepository::UpdateItem(const std::string& tenant,
                                              const std::string& programme, const std::string& item,
                                              const ItemUpdate& update,
                                              std::optional<int> expected_version,
                                              const ChangeContext& who) {
  if (update.status && update.explanation.empty()) {
    return InvalidArgumentError("Geef een toelichting bij de nieuwe status.", "toelichting");
  }
  if (!update.status && !update.milestones && !update.budget) {
    return InvalidArgumentError("Geef een status, mijlpalen of een budget om te wijzigen.",
                                "status");
  }
  {
    Progress check;
    if (update.milestones) check.milestones = *update.milestones;
    check.budget = update.budget;
    Status valid = Validate(Programme{"p",
                                      "p",
                                      "",
                                      2000,
                                      2000,
                                      "",
                                      "",
                                      {},
                                      {},
                                      {},
                                      {ActionLine{"x", "x", "", "", {}, {}, check}}});
    if (!valid.ok()) {
      // Report the field as the API names it, without the synthetic tree's prefix.
      std::string field = valid.field();
      const std::string prefix = "actielijnen[0].";
      if (field.rfind(prefix, 0) == 0) field = field.substr(prefix.size());
      return InvalidArgumentError(valid.message(), field);
    }
  }
  const Timestamp now = clock_.Now();
  int result = 0;
  RETURN_IF_ERROR(db_.Write([&](Transaction& txn) -> Status {
    ASSIGN_OR_RETURN(store::ResultSet rs,
                     txn.Query(std::string("SELECT ") + kItemColumns +
                                   " FROM programme_items WHERE tenant = ? AND programme = ? AND "
                                   "code = ?",
                               {tenant, programme, item}));
    if (rs.rows.empty()) {
      return NotFoundError("Onbekende actielijn of actie '" + item + "' in programma '" +
                           programme + "'.");
    }
    ASSIGN_OR_RETURN(ItemRow current, DecodeItem(txn, tenant, programme, rs.rows[0]));
    const Progress& before = current.progress;
    if (expected_version && *expected_version != before.version) {
      return Status(StatusCode::kFailedPrecondition,
                    "Deze actielijn of actie is intussen gewijzigd (versie " +
                        std::to_string(before.version) + "); laad haar opnieuw.",
                    "If-Match");
    }
    Progress after = before;
    std::vector<HistoryEntry> changes;
    auto change = [&](std::string field, std::string old_value, std::string new_value) {
      changes.push_back(HistoryEntry{0, now, who.actor, item, std::move(field),
                                     std::move(old_value), std::move(new_value),
                                     update.explanation});
    };
    if (update.status) {
      after.status = *update.status;
      after.status_explanation = update.explanation;
      after.status_date = update.status_date ? *update.status_date : AmsterdamDate(now);
      if (after.status != before.status || after.status_explanation != before.status_explanation) {
        change("status", std::string(ItemStatusCode(before.status)),
               std::string(ItemStatusCode(after.status)));
      }
    }
    if (update.milestones && *update.milestones != before.milestones) {
      after.milestones = *update.milestones;
      change("mijlpalen", MilestonesText(before.milestones), MilestonesText(after.milestones));
    }
    if (update.budget && update.budget != before.budget) {
      after.budget = update.budget;
      change("budget", BudgetText(before.budget), BudgetText(after.budget));
    }
    if (changes.empty()) {
      result = before.version;
      return Status::Ok();
    }
    after.version = before.version + 1;
    ASSIGN_OR_RETURN(
        int64_t updated,
        txn.Execute(
            "UPDATE programme_items SET status = ?, status_explanation = ?, status_date = "
            "?, budget_planned_cents = ?, budget_spent_cents = ?, version = ?, "
            "updated_at = ? WHERE tenant = ? AND programme = ? AND code = ? AND "
            "version = ?",
            {std::string(ItemStatusCode(after.status)), after.status_explanation,
             OptionalDate(after.status_date),
             after.budget ? store::Value(after.budget->planned_cents) : store::Null(),
             after.budget ? store::Value(after.budget->spent_cents) : store::Null(),
             int64_t{after.version}, now, tenant, programme, item, int64_t{before.version}}));
    if (updated != 1) {
      return Status(StatusCode::kFailedPrecondition,
                    "Deze actielijn of actie is intussen gewijzigd; laad haar opnieuw.",
                    "If-Match");
    }
    if (update.milestones && after.milestones != before.milestones) {
      RETURN_IF_ERROR(txn.Execute("DELETE FROM programme_milestones WHERE tenant = ? AND "
                                  "programme = ? AND item = ?",
                                  {tenant, programme, item})
                          .status());
      RETURN_IF_ERROR(InsertMilestones(txn, tenant, programme, item, after.milestones));
    }
    // An item stored before programme_item_states existed gets its old state first, in force
    // since its last change, so a report as of an earlier date still finds it.
    ASSIGN_OR_RETURN(store::ResultSet known,
                     txn.Query("SELECT 1 FROM programme_item_states WHERE tenant = ? AND "
                               "programme = ? AND item = ? LIMIT 1",
                               {tenant, programme, item}));
    if (known.rows.empty()) {
      RETURN_IF_ERROR(InsertState(txn, tenant, programme, item, before, current.updated_at));
    }
    RETURN_IF_ERROR(InsertState(txn, tenant, programme, item, after, now));
    nlohmann::json fields = nlohmann::json::array();
    for (const HistoryEntry& e : changes) {
      RETURN_IF_ERROR(AppendHistory(txn, tenant, programme, e));
      fields.push_back(e.field);
    }
    result = after.version;
    return AppendAudit(txn, db_, clock_, tenant, who, "programma.wijzigen", programme + "/" + item,
                       nlohmann::json{{"onderdeel", item},
                                      {"van_versie", before.version},
                                      {"naar_versie", after.version},
                                      {"velden", fields}}
                           .dump());
  }));
  return result;
}

StatusOr<std::vector<HistoryEntry>> ProgrammeRepository::History(const std::string& tenant,
                                                                 const std::string& programme) {
  std::vector<HistoryEntry> out;
  RETURN_IF_ERROR(db_.Read([&](Transaction& txn) -> Status {
    ASSIGN_OR_RETURN(
        store::ResultSet head,
        txn.Query("SELECT 1 FROM programmes WHERE tenant = ? AND code = ?", {tenant, programme}));
    if (head.rows.empty()) return NotFoundError("Onbekend programma '" + programme + "'.");
    ASSIGN_OR_RETURN(store::ResultSet rs,
                     txn.Query("SELECT seq, at, actor, item, field, old_value, new_value, "
                               "explanation FROM programme_history WHERE tenant = ? AND "
                               "programme = ? ORDER BY seq",
                               {tenant, programme}));
    for (const store::Row& row : rs.rows) {
      out.push_back(HistoryEntry{row.GetInt64(0), row.GetTimestamp(1), row.GetText(2),
                                 row.GetText(3), row.GetText(4), row.GetText(5), row.GetText(6),
                                 row.GetText(7)});
    }
    return Status::Ok();
  }));
  return out;
}

}  // namespace baken::programme
