// Internal to signals: the SQL of meldingen, their numbers, history and attachments.
//
// MeldingWriter prepares its statements once per transaction, so a batch of thousands of inserts
// (Import) reuses them. All functions work inside the caller's transaction; nothing here decides
// whether a change is allowed (that is MeldingService's job).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "baken/base/status.h"
#include "baken/signals/melding.h"
#include "baken/store/database.h"

namespace baken::signals::internal {

inline constexpr double kCellMetres = 50;

// The select list MeldingFromRow() reads, without "SELECT".
extern const char* const kMeldingColumns;
StatusOr<Melding> MeldingFromRow(const store::Row& row);

StatusOr<HistoryKind> ParseHistoryKind(std::string_view code);

// The Idempotency-Key a melding was created under: the key, whose it is (scope: actor and
// channel) and the hash of the request's fields. Empty key: none.
struct IdempotencyRecord {
  std::string key;
  std::string scope;
  std::string request_hash;
};

class MeldingWriter {
 public:
  explicit MeldingWriter(store::Transaction& txn) : txn_(txn) {}

  // Inserts a new melding (and its attachment rows). `if_new_source`: a row whose source_id is
  // already stored is skipped and false returned (imports); otherwise a conflict is an error.
  StatusOr<bool> Insert(const Melding& m, const IdempotencyRecord& idempotency,
                        const std::string& follow_token_hash, Timestamp now, bool if_new_source);
  Status AppendHistory(const std::string& tenant, const std::string& melding_id,
                       const HistoryEntry& entry);

 private:
  store::Transaction& txn_;
  std::unique_ptr<store::Statement> insert_;
  std::unique_ptr<store::Statement> insert_if_new_;
  std::unique_ptr<store::Statement> history_;
  std::unique_ptr<store::Statement> attachment_;
};

// Writes every mutable column of `m` and its version (the caller raised it).
Status UpdateMelding(store::Transaction& txn, const Melding& m, Timestamp now);

// Takes `count` numbers for tenant + year; returns the first.
StatusOr<int64_t> TakeNumbers(store::Transaction& txn, const std::string& tenant, int year,
                              int64_t count);

// By id or number within the tenant; nullopt when absent. Attachments are loaded too.
StatusOr<std::optional<Melding>> FindMelding(store::Transaction& txn, const std::string& tenant,
                                             const std::string& id_or_number);
StatusOr<std::optional<Melding>> FindByKey(store::Transaction& txn, const std::string& where_sql,
                                           std::initializer_list<store::Value> params);
// The melding stored under this key for this scope, with the request hash it was stored with;
// nullopt when the scope never used the key.
struct IdempotentMelding {
  Melding melding;
  std::string request_hash;
};
StatusOr<std::optional<IdempotentMelding>> FindByIdempotencyKey(store::Transaction& txn,
                                                                const std::string& tenant,
                                                                const std::string& scope,
                                                                const std::string& key);
StatusOr<std::vector<Attachment>> LoadAttachments(store::Transaction& txn,
                                                  const std::string& melding_id);
StatusOr<std::vector<HistoryEntry>> LoadHistory(store::Transaction& txn, const std::string& tenant,
                                                const std::string& melding_id);

int SensitivityRank(security::Sensitivity s);

}  // namespace baken::signals::internal
