// The e-mail side of meldingen: turns MeldingService events into reporter mails in the outbox,
// inside the change's own transaction (so a change and its mail commit together).
//
// Intake -> confirmation (with the personal follow link). A status change with a text for the
// reporter -> a status mail; closing (afgehandeld) also -> the satisfaction question. Reporters of
// meldingen merged into this one as duplicates get the same status mails. The dedupe key uses the
// melding's version, so a replayed change never mails twice.
#pragma once

#include <memory>

#include "baken/notify/outbox.h"
#include "baken/signals/category.h"
#include "baken/signals/melding_service.h"

namespace baken::api {

signals::EventSink MakeMailEventSink(std::shared_ptr<notify::Outbox> outbox,
                                     std::shared_ptr<const signals::CategoryCatalog> catalog);

}  // namespace baken::api
