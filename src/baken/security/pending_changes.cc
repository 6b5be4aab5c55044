#include "baken/security/pending_changes.h"

#include <nlohmann/json.hpp>

#include "baken/security/internal/crypto_util.h"

namespace baken::security {
namespace {

using store::Row;
using store::Transaction;

constexpr char kColumns[] =
    "id, tenant, kind, target, summary, payload, proposed_by, proposed_at, status, decided_by, "
    "decided_at, note";

ChangeStatus ParseStatus(std::string_view code) {
  if (code == "goedgekeurd") return ChangeStatus::kApproved;
  if (code == "afgewezen") return ChangeStatus::kRejected;
  if (code == "mislukt") return ChangeStatus::kFailed;
  return ChangeStatus::kPending;
}

PendingChange FromRow(const Row& r) {
  PendingChange c;
  c.id = r.GetText(0);
  c.tenant = r.GetText(1);
  c.kind = r.GetText(2);
  c.target = r.GetText(3);
  c.summary = r.GetText(4);
  c.payload = r.GetText(5);
  c.proposed_by = r.GetText(6);
  c.proposed_at = r.GetTimestamp(7);
  c.status = ParseStatus(r.GetText(8));
  if (!r.IsNull(9)) c.decided_by = r.GetText(9);
  if (!r.IsNull(10)) c.decided_at = r.GetTimestamp(10);
  c.note = r.GetText(11);
  return c;
}

StatusOr<PendingChange> Load(Transaction& txn, std::string_view tenant, std::string_view id) {
  ASSIGN_OR_RETURN(store::ResultSet rs,
                   txn.Query(std::string("SELECT ") + kColumns +
                                 " FROM pending_changes WHERE tenant = ? AND id = ?",
                             {std::string(tenant), std::string(id)}));
  if (rs.rows.empty()) return NotFoundError("Onbekende wijziging.");
  return FromRow(rs.rows[0]);
}

AuditEntry ChangeEntry(const PendingChange& c, const ChangeActor& by, std::string action,
                       AuditOutcome outcome, nlohmann::json details) {
  AuditEntry e;
  e.tenant = c.tenant;
  e.actor = by.id;
  e.actor_role = std::string(RoleCode(by.role));
  e.action = std::move(action);
  e.object_type = "wijziging";
  e.object_id = c.id;
  e.purpose = std::string(PurposeCode(Purpose::kBeheer));
  e.sensitivity = std::string(SensitivityCode(Sensitivity::kInternal));
  e.from_address = by.from_address;
  e.outcome = outcome;
  details["soort"] = c.kind;
  details["doel"] = c.target;
  details["ingediend_door"] = c.proposed_by;
  e.details = details.dump();
  return e;
}

}  // namespace

std::string_view ChangeStatusCode(ChangeStatus status) {
  switch (status) {
    case ChangeStatus::kPending: return "wachtend";
    case ChangeStatus::kApproved: return "goedgekeurd";
    case ChangeStatus::kRejected: return "afgewezen";
    case ChangeStatus::kFailed: return "mislukt";
  }
  return "wachtend";
}

StatusOr<PendingChange> PendingChanges::Propose(std::string_view tenant, std::string_view kind,
                                                std::string_view target, std::string_view summary,
                                                std::string_view payload, const ChangeActor& by) {
  if (!nlohmann::json::accept(payload)) {
    return InvalidArgumentError("De inhoud van een wijziging moet JSON zijn.", "payload");
  }
  PendingChange c;
  c.proposed_at = clock_.Now();
  c.id = internal::NewUuidV7(c.proposed_at);
  c.tenant = std::string(tenant);
  c.kind = std::string(kind);
  c.target = std::string(target);
  c.summary = std::string(summary);
  c.payload = std::string(payload);
  c.proposed_by = by.id;
  RETURN_IF_ERROR(db_.Write([&](Transaction& txn) -> Status {
    const store::Value params[] = {
        c.id,          c.tenant,      c.kind,
        c.target,      c.summary,     c.payload,
        c.proposed_by, c.proposed_at, std::string(ChangeStatusCode(c.status))};
    RETURN_IF_ERROR(txn.Execute("INSERT INTO pending_changes (id, tenant, kind, target, summary, "
                                "payload, proposed_by, proposed_at, status) "
                                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                params)
                        .status());
    return audit_
        .Append(txn, ChangeEntry(c, by, "wijziging.voorstel", AuditOutcome::kAllow,
                                 {{"samenvatting", c.summary}}))
        .status();
  }));
  return c;
}

StatusOr<PendingChange> PendingChanges::Get(std::string_view tenant, std::string_view id) {
  PendingChange c;
  RETURN_IF_ERROR(db_.Read([&](Transaction& txn) -> Status {
    ASSIGN_OR_RETURN(c, Load(txn, tenant, id));
    return Status::Ok();
  }));
  return c;
}

StatusOr<std::vector<PendingChange>> PendingChanges::List(std::string_view tenant,
                                                          std::optional<ChangeStatus> status) {
  std::vector<PendingChange> out;
  RETURN_IF_ERROR(db_.Read([&](Transaction& txn) -> Status {
    out.clear();
    std::string sql = std::string("SELECT ") + kColumns + " FROM pending_changes WHERE tenant = ?";
    std::vector<store::Value> params = {std::string(tenant)};
    if (status) {
      sql += " AND status = ?";
      params.push_back(std::string(ChangeStatusCode(*status)));
    }
    sql += " ORDER BY proposed_at DESC, id DESC";
    return txn.ForEach(sql, params, [&](const Row& r) {
      out.push_back(FromRow(r));
      return Status::Ok();
    });
  }));
  return out;
}

StatusOr<PendingChange> PendingChanges::Approve(std::string_view tenant, std::string_view id,
                                                const ChangeActor& by, std::string_view note) {
  return Decide(tenant, id, by, note, ChangeStatus::kApproved);
}

StatusOr<PendingChange> PendingChanges::Reject(std::string_view tenant, std::string_view id,
                                               const ChangeActor& by, std::string_view note) {
  return Decide(tenant, id, by, note, ChangeStatus::kRejected);
}

StatusOr<PendingChange> PendingChanges::Decide(std::string_view tenant, std::string_view id,
                                               const ChangeActor& by, std::string_view note,
                                               ChangeStatus to) {
  const std::string action =
      to == ChangeStatus::kApproved ? "wijziging.goedkeuren" : "wijziging.afwijzen";
  PendingChange c;
  bool own = false;
  RETURN_IF_ERROR(db_.Write([&](Transaction& txn) -> Status {
    ASSIGN_OR_RETURN(c, Load(txn, tenant, id));
    if (c.proposed_by == by.id) {
      own = true;
      // Refused, and the attempt is on the record.
      return audit_
          .Append(txn,
                  ChangeEntry(c, by, action, AuditOutcome::kDeny, {{"reden", "eigen_voorstel"}}))
          .status();
    }
    if (c.status != ChangeStatus::kPending) {
      return FailedPreconditionError("Over deze wijziging is al beslist (" +
                                     std::string(ChangeStatusCode(c.status)) + ").");
    }
    const Timestamp now = clock_.Now();
    ASSIGN_OR_RETURN(int64_t n,
                     txn.Execute("UPDATE pending_changes SET status = ?, decided_by = ?, "
                                 "decided_at = ?, note = ? WHERE tenant = ? AND id = ? AND "
                                 "status = 'wachtend'",
                                 {std::string(ChangeStatusCode(to)), by.id, now, std::string(note),
                                  std::string(tenant), std::string(id)}));
    if (n == 0) return FailedPreconditionError("Over deze wijziging is al beslist.");
    c.status = to;
    c.decided_by = by.id;
    c.decided_at = now;
    c.note = std::string(note);
    return audit_
        .Append(txn, ChangeEntry(c, by, action, AuditOutcome::kAllow, {{"notitie", c.note}}))
        .status();
  }));
  if (own) {
    return PermissionDeniedError(
        "U kunt uw eigen voorstel niet goedkeuren of afwijzen: dat doet een tweede persoon.");
  }
  return c;
}

Status PendingChanges::MarkFailed(std::string_view tenant, std::string_view id,
                                  std::string_view why) {
  return db_.Write([&](Transaction& txn) -> Status {
    return txn
        .Execute(
            "UPDATE pending_changes SET status = 'mislukt', note = ? WHERE tenant = ? AND "
            "id = ?",
            {std::string(why), std::string(tenant), std::string(id)})
        .status();
  });
}

}  // namespace baken::security
