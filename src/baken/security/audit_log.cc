#include "baken/security/audit_log.h"

#include <chrono>
#include <cstdio>
#include <functional>
#include <nlohmann/json.hpp>
#include <random>
#include <thread>
#include <utility>

#include "baken/base/csv.h"
#include "baken/security/internal/audit_hash.h"
#include "baken/security/internal/crypto_util.h"

namespace baken::security {
namespace {

using store::Blob;
using store::Row;
using store::Value;

constexpr size_t kHashBytes = 32;

constexpr std::string_view kColumns =
    "seq, at, tenant, actor, actor_role, action, object_type, object_id, purpose, sensitivity, "
    "from_address, outcome, details, prev_hash, hash";

std::string_view OutcomeCode(AuditOutcome o) {
  return o == AuditOutcome::kAllow ? "allow" : "deny";
}

AuditEntry EntryFromRow(const Row& row) {
  AuditEntry e;
  e.seq = row.GetInt64(0);
  e.at = row.GetTimestamp(1);
  e.tenant = row.GetText(2);
  e.actor = row.GetText(3);
  e.actor_role = row.GetText(4);
  e.action = row.GetText(5);
  e.object_type = row.GetText(6);
  e.object_id = row.GetText(7);
  e.purpose = row.GetText(8);
  e.sensitivity = row.GetText(9);
  e.from_address = row.GetText(10);
  e.outcome = row.GetText(11) == "allow" ? AuditOutcome::kAllow : AuditOutcome::kDeny;
  e.details = row.GetText(12);
  e.prev_hash = row.GetBlob(13).bytes;
  e.hash = row.GetBlob(14).bytes;
  return e;
}

// 2026-11-28T13:47:43.123456Z
std::string IsoUtc(Timestamp t) {
  using namespace std::chrono;
  const auto day = floor<days>(t);
  const year_month_day ymd(day);
  const hh_mm_ss hms(t - day);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02ld:%02ld:%02ld.%06ldZ",
                static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()), static_cast<long>(hms.hours().count()),
                static_cast<long>(hms.minutes().count()), static_cast<long>(hms.seconds().count()),
                static_cast<long>(hms.subseconds().count()));
  return buf;
}

AuditVerifyResult Broken(int64_t seq, AuditProblem problem, std::string reason, int64_t checked) {
  return AuditVerifyResult{false, checked, seq, problem, std::move(reason)};
}

}  // namespace

namespace internal {

std::string CanonicalAuditBytes(const AuditEntry& e) {
  std::string out;
  AppendField(out, "baken.audit.v1");
  AppendField(out, std::to_string(e.seq));
  AppendField(out, std::to_string(ToUnixMicros(e.at)));
  for (const std::string* f : {&e.tenant, &e.actor, &e.actor_role, &e.action, &e.object_type,
                               &e.object_id, &e.purpose, &e.sensitivity, &e.from_address}) {
    AppendField(out, *f);
  }
  AppendField(out, OutcomeCode(e.outcome));
  AppendField(out, e.details);
  AppendField(out, e.prev_hash);
  return out;
}

std::string AuditHash(const AuditEntry& e) {
  return Blake2b(CanonicalAuditBytes(e), {}, 32);
}

}  // namespace internal

AuditEntry AuditEntryForDecision(const AccessRequest& request, const Decision& decision,
                                 std::string action, std::string object_type, std::string object_id,
                                 std::string from_address) {
  AuditEntry e;
  e.tenant = request.principal.tenant;
  e.actor = request.principal.user_id;
  e.actor_role = RoleCode(request.principal.role);
  e.action = std::move(action);
  e.object_type = std::move(object_type);
  e.object_id = std::move(object_id);
  e.purpose = PurposeCode(request.purpose);
  e.sensitivity = SensitivityCode(request.sensitivity);
  e.from_address = std::move(from_address);
  e.outcome = decision.allowed ? AuditOutcome::kAllow : AuditOutcome::kDeny;
  nlohmann::json details = {{"reason", decision.reason},
                            {"requested_action", ActionCode(request.action)},
                            {"record_tenant", request.record_tenant}};
  e.details = details.dump();
  return e;
}

StatusOr<int64_t> AuditLog::Append(store::Transaction& txn, AuditEntry entry) {
  if (entry.tenant.empty()) return InvalidArgumentError("Auditregel zonder gemeente", "tenant");
  if (entry.action.empty()) return InvalidArgumentError("Auditregel zonder handeling", "action");
  if (entry.actor.empty()) entry.actor = "system";
  if (!nlohmann::json::accept(entry.details)) {
    return InvalidArgumentError("De details van een auditregel moeten geldige JSON zijn",
                                "details");
  }
  const bool postgres = txn.dialect() == store::Dialect::kPostgres;
  ASSIGN_OR_RETURN(Row head,
                   txn.QueryRow(postgres ? "SELECT seq, hash FROM audit_head WHERE id = 1 "
                                           "FOR UPDATE"
                                         : "SELECT seq, hash FROM audit_head WHERE id = 1"));
  entry.seq = head.GetInt64(0) + 1;
  entry.prev_hash = head.GetBlob(1).bytes;
  entry.at = clock_.Now();
  entry.hash = internal::AuditHash(entry);
  const Value params[] = {entry.seq,          entry.at,
                          entry.tenant,       entry.actor,
                          entry.actor_role,   entry.action,
                          entry.object_type,  entry.object_id,
                          entry.purpose,      entry.sensitivity,
                          entry.from_address, std::string(OutcomeCode(entry.outcome)),
                          entry.details,      Blob{entry.prev_hash},
                          Blob{entry.hash}};
  RETURN_IF_ERROR(txn.Execute("INSERT INTO audit_log (" + std::string(kColumns) +
                                  ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                              params));
  RETURN_IF_ERROR(txn.Execute("UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1",
                              {entry.seq, Blob{entry.hash}}));
  return entry.seq;
}

StatusOr<int64_t> AuditLog::Append(AuditEntry entry) {
  // On PostgreSQL (SERIALIZABLE) concurrent appenders conflict on the head row and the store
  // retries a few times; a burst of appends can outlast that, so retry here too, with jitter.
  constexpr int kAttempts = 8;
  thread_local std::minstd_rand jitter(
      static_cast<uint32_t>(std::hash<std::thread::id>{}(std::this_thread::get_id())));
  int64_t seq = 0;
  Status status;
  for (int attempt = 1; attempt <= kAttempts; ++attempt) {
    status = db_.Write([&](store::Transaction& txn) -> Status {
      ASSIGN_OR_RETURN(seq, Append(txn, entry));
      return Status::Ok();
    });
    if (status.code() != StatusCode::kUnavailable) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(1 + jitter() % (attempt * 10)));
  }
  RETURN_IF_ERROR(status);
  return seq;
}

StatusOr<AuditHead> AuditLog::Head() {
  AuditHead head;
  RETURN_IF_ERROR(db_.Read([&](store::Transaction& txn) -> Status {
    ASSIGN_OR_RETURN(Row row, txn.QueryRow("SELECT seq, hash FROM audit_head WHERE id = 1"));
    head.seq = row.GetInt64(0);
    head.hash = row.GetBlob(1).bytes;
    return Status::Ok();
  }));
  return head;
}

StatusOr<AuditVerifyResult> AuditLog::Verify() {
  AuditVerifyResult result;
  RETURN_IF_ERROR(db_.Read([&](store::Transaction& txn) -> Status {
    result = AuditVerifyResult{};
    int64_t expected_seq = 1;
    std::string prev_hash(kHashBytes, '\0');
    const std::string sql = "SELECT " + std::string(kColumns) + " FROM audit_log ORDER BY seq";
    RETURN_IF_ERROR(txn.ForEach(sql, {}, [&](const Row& row) -> Status {
      if (!result.ok) return Status::Ok();  // already broken: skip the rest cheaply
      const AuditEntry e = EntryFromRow(row);
      if (e.seq != expected_seq) {
        result = Broken(expected_seq, AuditProblem::kGap,
                        "Regel " + std::to_string(expected_seq) + " ontbreekt (verwijderd?)",
                        result.entries_checked);
      } else if (e.prev_hash != prev_hash) {
        result = Broken(e.seq, AuditProblem::kBrokenLink,
                        "Regel " + std::to_string(e.seq) +
                            " verwijst niet naar de vorige regel (keten gebroken)",
                        result.entries_checked);
      } else if (!internal::ConstantTimeEquals(internal::AuditHash(e), e.hash)) {
        result = Broken(e.seq, AuditProblem::kHashMismatch,
                        "Regel " + std::to_string(e.seq) + " is gewijzigd (hash klopt niet)",
                        result.entries_checked);
      } else {
        ++result.entries_checked;
        ++expected_seq;
        prev_hash = e.hash;
      }
      return Status::Ok();
    }));
    if (!result.ok) return Status::Ok();
    ASSIGN_OR_RETURN(Row head, txn.QueryRow("SELECT seq, hash FROM audit_head WHERE id = 1"));
    const int64_t last = expected_seq - 1;
    if (head.GetInt64(0) != last || head.GetBlob(1).bytes != prev_hash) {
      result = Broken(last + 1, AuditProblem::kHeadMismatch,
                      "De keten eindigt bij regel " + std::to_string(last) +
                          " maar de kop noemt regel " + std::to_string(head.GetInt64(0)) +
                          " (regels aan het eind verwijderd of kop gewijzigd)",
                      result.entries_checked);
    }
    return Status::Ok();
  }));
  return result;
}

Status AuditLog::Export(std::string_view tenant, Timestamp from, Timestamp to, std::ostream& out,
                        AuditExportFormat format) {
  return db_.Read([&](store::Transaction& txn) -> Status {
    std::string sql =
        "SELECT " + std::string(kColumns) + " FROM audit_log WHERE at >= ? AND at < ?";
    std::vector<Value> params = {from, to};
    if (!tenant.empty()) {
      sql += " AND tenant = ?";
      params.emplace_back(std::string(tenant));
    }
    sql += " ORDER BY seq";
    if (format == AuditExportFormat::kCsv) {
      out << "seq,at,tenant,actor,actor_role,action,object_type,object_id,purpose,sensitivity,"
             "from_address,outcome,details,prev_hash,hash\r\n";
    }
    RETURN_IF_ERROR(txn.ForEach(sql, params, [&](const Row& row) -> Status {
      const AuditEntry e = EntryFromRow(row);
      if (format == AuditExportFormat::kJsonLines) {
        nlohmann::json j = {{"seq", e.seq},
                            {"at", IsoUtc(e.at)},
                            {"tenant", e.tenant},
                            {"actor", e.actor},
                            {"actor_role", e.actor_role},
                            {"action", e.action},
                            {"object_type", e.object_type},
                            {"object_id", e.object_id},
                            {"purpose", e.purpose},
                            {"sensitivity", e.sensitivity},
                            {"from_address", e.from_address},
                            {"outcome", OutcomeCode(e.outcome)},
                            {"details", nlohmann::json::parse(e.details, nullptr, false)},
                            {"prev_hash", internal::HexEncode(e.prev_hash)},
                            {"hash", internal::HexEncode(e.hash)}};
        out << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
      } else {
        out << e.seq << ',' << IsoUtc(e.at);
        for (const std::string* f : {&e.tenant, &e.actor, &e.actor_role, &e.action, &e.object_type,
                                     &e.object_id, &e.purpose, &e.sensitivity, &e.from_address}) {
          out << ',' << CsvSpreadsheetCell(*f);
        }
        out << ',' << OutcomeCode(e.outcome) << ',' << CsvSpreadsheetCell(e.details) << ','
            << internal::HexEncode(e.prev_hash) << ',' << internal::HexEncode(e.hash) << "\r\n";
      }
      return out ? Status::Ok() : UnavailableError("De export kon niet worden geschreven");
    }));
    return Status::Ok();
  });
}

}  // namespace baken::security
