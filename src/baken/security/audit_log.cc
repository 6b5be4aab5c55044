#include "baken/security/audit_log.h"

#include <chrono>
#include <cstdio>
#include <functional>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <random>
#include <thread>
#include <utility>

#include "baken/base/csv.h"
#include "baken/base/encoding.h"
#include "baken/base/utf8.h"

#include "baken/security/internal/audit_hash.h"
#include "baken/security/internal/crypto_util.h"
#include "baken/store/sql_dialect.h"

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

std::mutex& ProcessKeyMutex() {
  static std::mutex mu;
  return mu;
}

std::string& ProcessKeySlot() {
  static std::string key;
  return key;
}

// Stored text comes back repaired to UTF-8 (store::Row::GetText); hash what will be read back.
void RepairText(AuditEntry& e) {
  for (std::string* f : {&e.tenant, &e.actor, &e.actor_role, &e.action, &e.object_type,
                         &e.object_id, &e.purpose, &e.sensitivity, &e.from_address}) {
    if (!IsValidUtf8(*f)) *f = ToValidUtf8(*f);
  }
}

// Walks the chain in seq order and checks each entry against the one before it, the key and the
// checkpoints. Keeps the first problem.
class ChainChecker {
 public:
  explicit ChainChecker(const AuditVerifyOptions& options) : options_(options) {
    if (!options.checkpoints.empty()) keyed_from_ = options.checkpoints.front().keyed_from;
    for (const AuditCheckpoint& c : options.checkpoints) {
      if (c.seq > 0) at_seq_.emplace(c.seq, &c);
    }
  }

  void Check(const AuditEntry& e) {
    if (!result_.ok) return;  // already broken: skip the rest cheaply
    const std::string seq = std::to_string(e.seq);
    if (e.seq != expected_seq_) {
      Fail(expected_seq_, AuditProblem::kGap,
           "Regel " + std::to_string(expected_seq_) + " ontbreekt (verwijderd?)");
    } else if (e.prev_hash != prev_hash_) {
      Fail(e.seq, AuditProblem::kBrokenLink,
           "Regel " + seq + " verwijst niet naar de vorige regel (keten gebroken)");
    } else if (!MacValid(e)) {
      Fail(e.seq, AuditProblem::kHashMismatch,
           "Regel " + seq + " is gewijzigd (" +
               (options_.key.empty() ? "hash klopt niet" : "MAC klopt niet met de auditsleutel") +
               ")");
    } else if (auto c = at_seq_.find(e.seq); c != at_seq_.end() && c->second->head != e.hash) {
      Fail(e.seq, AuditProblem::kCheckpointMismatch,
           "Regel " + seq + " wijkt af van het ankerpunt van " + IsoUtc(c->second->at) +
               " (keten herschreven)");
    } else {
      ++result_.entries_checked;
      ++expected_seq_;
      prev_hash_ = e.hash;
    }
  }

  // After the last entry: the head row and every checkpoint must still be reached.
  void Finish(int64_t head_seq, const std::string& head_hash) {
    if (!result_.ok) return;
    const int64_t last = expected_seq_ - 1;
    if (head_seq != last || head_hash != prev_hash_) {
      Fail(last + 1, AuditProblem::kHeadMismatch,
           "De keten eindigt bij regel " + std::to_string(last) + " maar de kop noemt regel " +
               std::to_string(head_seq) + " (regels aan het eind verwijderd of kop gewijzigd)");
      return;
    }
    for (const AuditCheckpoint& c : options_.checkpoints) {
      if (c.seq > last) {
        Fail(last + 1, AuditProblem::kCheckpointMissing,
             "Het ankerpunt van " + IsoUtc(c.at) + " noemt regel " + std::to_string(c.seq) +
                 " maar de keten eindigt bij regel " + std::to_string(last) +
                 " (regels aan het eind verwijderd of kop teruggezet)");
        return;
      }
    }
  }

  const AuditVerifyResult& result() const { return result_; }

 private:
  bool MacValid(const AuditEntry& e) {
    const bool keyed_ok = !options_.key.empty() &&
                          internal::ConstantTimeEquals(internal::AuditMac(e, options_.key), e.hash);
    if (keyed_from_ > 0) {
      // The boundary is known from the checkpoints: no unkeyed entry after it.
      if (e.seq >= keyed_from_) return keyed_ok;
      return internal::ConstantTimeEquals(internal::AuditHash(e), e.hash);
    }
    // No checkpoint yet: the first keyed entry starts the keyed part.
    if (keyed_ok) {
      keyed_from_ = e.seq;
      return true;
    }
    return internal::ConstantTimeEquals(internal::AuditHash(e), e.hash);
  }

  void Fail(int64_t seq, AuditProblem problem, std::string reason) {
    result_ = Broken(seq, problem, std::move(reason), result_.entries_checked);
  }

  const AuditVerifyOptions& options_;
  std::map<int64_t, const AuditCheckpoint*> at_seq_;
  int64_t keyed_from_ = 0;  // 0: not known yet
  int64_t expected_seq_ = 1;
  std::string prev_hash_ = std::string(kHashBytes, '\0');
  AuditVerifyResult result_;
};

}  // namespace

void SetProcessAuditKey(std::string key) {
  std::lock_guard lock(ProcessKeyMutex());
  ProcessKeySlot() = std::move(key);
}

std::string ProcessAuditKey() {
  std::lock_guard lock(ProcessKeyMutex());
  return ProcessKeySlot();
}

namespace internal {

std::string CanonicalAuditBytes(const AuditEntry& e, bool keyed) {
  std::string out;
  AppendField(out, keyed ? "baken.audit.v2" : "baken.audit.v1");
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

std::string AuditMac(const AuditEntry& e, std::string_view key) {
  return Blake2b(CanonicalAuditBytes(e, /*keyed=*/true), key, 32);
}

std::string CheckpointMac(const AuditCheckpoint& c, std::string_view key) {
  std::string bytes;
  AppendField(bytes, "baken.audit.checkpoint.v1");
  AppendField(bytes, std::to_string(c.seq));
  AppendField(bytes, c.head);
  AppendField(bytes, std::to_string(ToUnixMicros(c.at)));
  AppendField(bytes, std::to_string(c.keyed_from));
  return Blake2b(bytes, key, 32);
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
  RepairText(entry);
  if (!nlohmann::json::accept(entry.details)) {
    return InvalidArgumentError("De details van een auditregel moeten geldige JSON zijn",
                                "details");
  }
  ASSIGN_OR_RETURN(Row head, txn.QueryRow("SELECT seq, hash FROM audit_head WHERE id = 1" +
                                          std::string(store::LockRowsClause(txn.dialect()))));
  entry.seq = head.GetInt64(0) + 1;
  entry.prev_hash = head.GetBlob(1).bytes;
  entry.at = clock_.Now();
  const std::string key = Key();
  entry.hash = key.empty() ? internal::AuditHash(entry) : internal::AuditMac(entry, key);
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
  AuditVerifyOptions options;
  options.key = Key();
  return Verify(options);
}

StatusOr<AuditVerifyResult> AuditLog::Verify(const AuditVerifyOptions& options) {
  AuditVerifyResult result;
  RETURN_IF_ERROR(db_.Read([&](store::Transaction& txn) -> Status {
    ChainChecker checker(options);  // fresh on a retried read
    const std::string sql = "SELECT " + std::string(kColumns) + " FROM audit_log ORDER BY seq";
    RETURN_IF_ERROR(txn.ForEach(sql, {}, [&](const Row& row) -> Status {
      checker.Check(EntryFromRow(row));
      return Status::Ok();
    }));
    ASSIGN_OR_RETURN(Row head, txn.QueryRow("SELECT seq, hash FROM audit_head WHERE id = 1"));
    checker.Finish(head.GetInt64(0), head.GetBlob(1).bytes);
    result = checker.result();
    return Status::Ok();
  }));
  return result;
}

StatusOr<int64_t> AuditLog::KeyedFrom(const std::string& key) {
  int64_t last_unkeyed = 0;
  RETURN_IF_ERROR(db_.Read([&](store::Transaction& txn) -> Status {
    last_unkeyed = 0;
    const std::string sql = "SELECT " + std::string(kColumns) + " FROM audit_log ORDER BY seq";
    return txn.ForEach(sql, {}, [&](const Row& row) -> Status {
      const AuditEntry e = EntryFromRow(row);
      if (key.empty() || !internal::ConstantTimeEquals(internal::AuditMac(e, key), e.hash)) {
        last_unkeyed = e.seq;
      }
      return Status::Ok();
    });
  }));
  return last_unkeyed + 1;
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
                            {"prev_hash", HexEncode(e.prev_hash)},
                            {"hash", HexEncode(e.hash)}};
        out << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
      } else {
        out << e.seq << ',' << IsoUtc(e.at);
        for (const std::string* f : {&e.tenant, &e.actor, &e.actor_role, &e.action, &e.object_type,
                                     &e.object_id, &e.purpose, &e.sensitivity, &e.from_address}) {
          out << ',' << CsvSpreadsheetCell(*f);
        }
        out << ',' << OutcomeCode(e.outcome) << ',' << CsvSpreadsheetCell(e.details) << ','
            << HexEncode(e.prev_hash) << ',' << HexEncode(e.hash) << "\r\n";
      }
      return out ? Status::Ok() : UnavailableError("De export kon niet worden geschreven");
    }));
    return Status::Ok();
  });
}

}  // namespace baken::security
