#include "baken/classify/training_examples.h"

#include "baken/classify/normalize.h"

namespace baken::classify {
namespace {

StatusOr<ExampleSource> ParseSource(std::string_view name) {
  if (name == "starter") return ExampleSource::kStarter;
  if (name == "correctie") return ExampleSource::kCorrection;
  if (name == "import") return ExampleSource::kImport;
  return InternalError("onbekende bron van een trainingsvoorbeeld in de database");
}

}  // namespace

std::string_view ExampleSourceName(ExampleSource source) {
  switch (source) {
    case ExampleSource::kStarter: return "starter";
    case ExampleSource::kCorrection: return "correctie";
    case ExampleSource::kImport: break;
  }
  return "import";
}

StatusOr<int64_t> TrainingExamples::AddCorrection(std::string_view tenant, std::string_view text,
                                                  std::string_view category_code,
                                                  std::optional<std::string_view> melding_id) {
  return Add(tenant, Example{std::string(text), std::string(category_code)},
             ExampleSource::kCorrection, melding_id);
}

StatusOr<int64_t> TrainingExamples::Add(std::string_view tenant, const Example& example,
                                        ExampleSource source,
                                        std::optional<std::string_view> melding_id) {
  int64_t id = 0;
  RETURN_IF_ERROR(db_.Write([&](store::Transaction& txn) -> Status {
    ASSIGN_OR_RETURN(id, Add(txn, tenant, example, source, melding_id));
    return Status::Ok();
  }));
  return id;
}

StatusOr<int64_t> TrainingExamples::Add(store::Transaction& txn, std::string_view tenant,
                                        const Example& example, ExampleSource source,
                                        std::optional<std::string_view> melding_id) {
  if (tenant.empty()) return InvalidArgumentError("de gemeente ontbreekt", "tenant");
  if (!IsValidUtf8(example.text) || NormalizeText(example.text).empty()) {
    return InvalidArgumentError("de tekst van het voorbeeld is leeg of geen geldige UTF-8",
                                "tekst");
  }
  if (example.label.empty()) {
    return InvalidArgumentError("de categorie van het voorbeeld ontbreekt", "categorie");
  }
  store::Value melding = store::Null();
  if (melding_id.has_value()) melding = std::string(*melding_id);
  auto tenant_row = txn.QueryRow("SELECT code FROM tenants WHERE code = ?", {std::string(tenant)});
  if (!tenant_row.ok()) {
    if (tenant_row.status().code() == StatusCode::kNotFound) {
      return FailedPreconditionError("gemeente '" + std::string(tenant) + "' is onbekend");
    }
    return tenant_row.status();
  }
  ASSIGN_OR_RETURN(
      store::Row row,
      txn.QueryRow("INSERT INTO training_examples (tenant, text, category_code, source, "
                   "melding_id, created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
                   {std::string(tenant), example.text, example.label,
                    std::string(ExampleSourceName(source)), melding, clock_.Now()}));
  return row.GetInt64(0);
}

StatusOr<std::vector<StoredExample>> TrainingExamples::All(std::string_view tenant) const {
  std::vector<StoredExample> result;
  RETURN_IF_ERROR(db_.Read([&](store::Transaction& txn) -> Status {
    result.clear();
    const store::Value params[] = {std::string(tenant)};
    return txn.ForEach(
        "SELECT id, tenant, text, category_code, source, melding_id, created_at "
        "FROM training_examples WHERE tenant = ? ORDER BY id",
        params, [&](const store::Row& r) -> Status {
          StoredExample e;
          e.id = r.GetInt64(0);
          e.tenant = r.GetText(1);
          e.example = Example{r.GetText(2), r.GetText(3)};
          ASSIGN_OR_RETURN(e.source, ParseSource(r.GetText(4)));
          if (!r.IsNull(5)) e.melding_id = r.GetText(5);
          e.created_at = r.GetTimestamp(6);
          result.push_back(std::move(e));
          return Status::Ok();
        });
  }));
  return result;
}

}  // namespace baken::classify
