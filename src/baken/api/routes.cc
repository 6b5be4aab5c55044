#include "baken/api/routes.h"

#include "baken/api/internal/category_suggester.h"
#include "baken/api/internal/mail_events.h"
#include "baken/classify/training_examples.h"
#include "baken/notify/templates.h"

namespace baken::api {

Status RegisterRoutes(Server& server, store::Database& db, Clock& clock, SecurityOptions security,
                      signals::SetupOptions signals) {
  if (security.server_key.size() != 32) {
    return InvalidArgumentError("De serversleutel moet 32 bytes zijn (64 hexadecimale tekens).",
                                "server_key");
  }
  // Users reach Baken over https (TLS here or at a proxy): the cookie never travels in clear.
  if (IsHttpsAddress(signals.public_base_url)) {
    security.secure_cookie = true;
    security.hsts = true;
  }
  AccessGate gate(server, std::make_shared<SecurityServices>(db, clock, std::move(security)));
  RegisterSessionRoutes(gate);
  RegisterAdminRoutes(gate);
  RegisterUserAdminRoutes(gate);
  RegisterPendingChangeRoutes(gate);
  RETURN_IF_ERROR(RegisterAreaRoutes(gate, db, clock));
  signals.tenant = gate.services().options.tenant;
  ASSIGN_OR_RETURN(std::shared_ptr<signals::MeldingService> meldingen,
                   signals::OpenMeldingService(db, clock, signals));
  // Every re-categorisation by staff becomes a training example for the classifier, committed
  // with the change itself.
  auto examples = std::make_shared<classify::TrainingExamples>(db, clock);
  meldingen->SetCorrectionSink([examples](store::Transaction& txn, const std::string& tenant,
                                          const std::string& text, const std::string& category,
                                          const std::string& melding_id) -> Status {
    return examples
        ->Add(txn, tenant, classify::Example{text, category}, classify::ExampleSource::kCorrection,
              melding_id)
        .status();
  });
  // Reporter e-mails go into the outbox in the same transaction as the change they are about; a
  // worker (baken serve) sends them.
  ASSIGN_OR_RETURN(notify::Templates templates, notify::Templates::Create(signals.public_base_url));
  auto shared_templates = std::make_shared<const notify::Templates>(std::move(templates));
  auto outbox =
      std::shared_ptr<notify::Outbox>(new notify::Outbox(db, clock, *shared_templates),
                                      [shared_templates](notify::Outbox* o) { delete o; });
  // The sink reads the service's current catalog (a category edit changes the handling message
  // in the next mail) through a weak reference: a strong one would make the service own itself.
  std::weak_ptr<signals::MeldingService> weak_service = meldingen;
  meldingen->SetEventSink(MakeMailEventSink(
      outbox, [weak_service]() -> std::shared_ptr<const signals::CategoryCatalog> {
        std::shared_ptr<signals::MeldingService> service = weak_service.lock();
        return service ? service->CurrentCatalog() : nullptr;
      }));
  std::shared_ptr<const CategorySuggester> suggester;
  if (!signals.classifier_model.empty()) {
    ASSIGN_OR_RETURN(suggester,
                     CategorySuggester::Load(signals.classifier_model, meldingen->catalog()));
  }
  RegisterMeldingRoutes(gate, meldingen, std::move(suggester));
  RegisterCategoryRoutes(gate, meldingen);
  RegisterRoutingRoutes(gate, meldingen);
  RegisterAnalysisRoutes(gate, meldingen);
  RegisterProgrammeRoutes(gate);
  RegisterWijkbeeldRoutes(gate, meldingen);
  RegisterOpen311Routes(gate, std::move(meldingen));
  RegisterOpenApiRoute(gate);
  return Status::Ok();
}

}  // namespace baken::api
