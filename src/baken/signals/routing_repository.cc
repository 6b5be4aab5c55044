#include "baken/signals/routing_repository.h"

#include <nlohmann/json.hpp>

namespace baken::signals {
namespace {

using store::Transaction;

// The row's text: {"versie": N, "regels": [...]} (the table has no version column of its own).
std::string Encode(int version, const std::vector<RoutingRule>& rules) {
  return nlohmann::json{{"versie", version},
                        {"regels", nlohmann::json::parse(RoutingRulesJson(rules))}}
      .dump();
}

StatusOr<std::optional<StoredRouting>> Load(Transaction& txn, const std::string& tenant) {
  ASSIGN_OR_RETURN(auto rs, txn.Query("SELECT rules, changed_at, changed_by FROM "
                                      "signal_routing_rules WHERE tenant = ?",
                                      {tenant}));
  if (rs.rows.empty()) return std::optional<StoredRouting>();
  nlohmann::json j = nlohmann::json::parse(rs.rows[0].GetText(0), nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("regels") ||
      !j["versie"].is_number_integer()) {
    return InternalError("routeringsregels in de database zijn onleesbaar");
  }
  StoredRouting out;
  out.version = j["versie"].get<int>();
  StatusOr<std::vector<RoutingRule>> rules = ParseRoutingRules(j["regels"].dump());
  if (!rules.ok()) return InternalError("routeringsregels in de database zijn onleesbaar");
  out.rules = std::move(*rules);
  out.changed_at = rs.rows[0].GetTimestamp(1);
  out.changed_by = rs.rows[0].GetText(2);
  return std::optional<StoredRouting>(std::move(out));
}

Status Store(Transaction& txn, const std::string& tenant, int version,
             const std::vector<RoutingRule>& rules, Timestamp now, const std::string& actor) {
  return txn
      .Execute(
          "INSERT INTO signal_routing_rules (tenant, rules, changed_at, changed_by) VALUES "
          "(?, ?, ?, ?) ON CONFLICT (tenant) DO UPDATE SET rules = excluded.rules, "
          "changed_at = excluded.changed_at, changed_by = excluded.changed_by",
          {tenant, Encode(version, rules), now, actor})
      .status();
}

}  // namespace

StatusOr<StoredRouting> RoutingRepository::Current(const std::string& tenant) {
  std::optional<StoredRouting> out;
  RETURN_IF_ERROR(db_.Read([&](Transaction& txn) -> Status {
    ASSIGN_OR_RETURN(out, Load(txn, tenant));
    return Status::Ok();
  }));
  if (!out) return NotFoundError("Er zijn geen routeringsregels voor deze gemeente.");
  return *out;
}

StatusOr<StoredRouting> RoutingRepository::Seed(const std::string& tenant,
                                                const std::vector<RoutingRule>& shipped) {
  StoredRouting out;
  const Timestamp now = clock_.Now();
  RETURN_IF_ERROR(db_.Write([&](Transaction& txn) -> Status {
    ASSIGN_OR_RETURN(std::optional<StoredRouting> have, Load(txn, tenant));
    if (have && (have->changed_by != kRoutingSystemActor ||
                 RoutingRulesJson(have->rules) == RoutingRulesJson(shipped))) {
      out = std::move(*have);  // a staff edit, or the file as it was: keep it
      return Status::Ok();
    }
    out.version = have ? have->version + 1 : 1;
    out.rules = shipped;
    out.changed_at = now;
    out.changed_by = kRoutingSystemActor;
    return Store(txn, tenant, out.version, out.rules, now, out.changed_by);
  }));
  return out;
}

StatusOr<int> RoutingRepository::Replace(const std::string& tenant,
                                         const std::vector<RoutingRule>& rules,
                                         const std::string& actor,
                                         std::optional<int> expected_version,
                                         const RoutingReplaceHook& hook) {
  const Timestamp now = clock_.Now();
  int version = 0;
  RETURN_IF_ERROR(db_.Write([&](Transaction& txn) -> Status {
    ASSIGN_OR_RETURN(std::optional<StoredRouting> have, Load(txn, tenant));
    StoredRouting before = have.value_or(StoredRouting{});
    if (expected_version && *expected_version != before.version) {
      return Status(StatusCode::kFailedPrecondition,
                    "De routeringsregels zijn intussen gewijzigd (nu versie " +
                        std::to_string(before.version) + "). Laad ze opnieuw.",
                    "If-Match");
    }
    version = before.version + 1;
    RETURN_IF_ERROR(Store(txn, tenant, version, rules, now, actor));
    if (hook) RETURN_IF_ERROR(hook(txn, before, version));
    return Status::Ok();
  }));
  return version;
}

}  // namespace baken::signals
