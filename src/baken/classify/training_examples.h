// TrainingExamples: the labelled texts the classifier learns from that live in the database
// (table training_examples, migration 0005): corrections made by staff when they change a
// melding's category, and imported sets. The starter set stays a file (data/classify/).
//
// Thread-safe (the Database is); borrows the Database and the Clock, which must outlive it.
// Errors: kInvalidArgument (Dutch, naming the field) for empty fields or an unknown source;
// kFailedPrecondition for an unknown tenant; store errors otherwise.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "baken/base/clock.h"
#include "baken/base/status.h"
#include "baken/classify/example.h"
#include "baken/store/database.h"

namespace baken::classify {

enum class ExampleSource { kStarter, kCorrection, kImport };
std::string_view ExampleSourceName(ExampleSource source);  // "starter", "correctie", "import"

struct StoredExample {
  int64_t id = 0;
  std::string tenant;
  Example example;
  ExampleSource source = ExampleSource::kCorrection;
  std::optional<std::string> melding_id;
  Timestamp created_at;
};

class TrainingExamples {
 public:
  TrainingExamples(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  // Records that staff put `text` in `category_code` (a correction of the suggestion or of the
  // reporter's choice). Returns the new row's id.
  StatusOr<int64_t> AddCorrection(std::string_view tenant, std::string_view text,
                                  std::string_view category_code,
                                  std::optional<std::string_view> melding_id);

  // Adds an example from another source (starter, import).
  StatusOr<int64_t> Add(std::string_view tenant, const Example& example, ExampleSource source,
                        std::optional<std::string_view> melding_id = std::nullopt);

  // Add() inside the caller's transaction, so a correction commits or rolls back with the change
  // that caused it (MeldingService's CorrectionSink).
  StatusOr<int64_t> Add(store::Transaction& txn, std::string_view tenant, const Example& example,
                        ExampleSource source,
                        std::optional<std::string_view> melding_id = std::nullopt);

  // Every stored example of `tenant`, oldest first.
  StatusOr<std::vector<StoredExample>> All(std::string_view tenant) const;

 private:
  store::Database& db_;
  const Clock& clock_;
};

}  // namespace baken::classify
