// The e-mail side of meldingen: turns MeldingService events into reporter mails in the outbox,
// inside the change's own transaction (so a change and its mail commit together).
//
// Intake -> confirmation (with the personal follow link). A status change with a text for the
// reporter -> a status mail; closing (afgehandeld) also -> the satisfaction question. Reporters of
// meldingen merged into this one as duplicates get the same status mails. The dedupe key uses the
// melding's version, so a replayed change never mails twice.
#pragma once

#include <functional>
#include <memory>

#include "baken/notify/outbox.h"
#include "baken/signals/category.h"
#include "baken/signals/melding_service.h"

namespace baken::api {

// `catalog_source` gives the catalog in use when an event happens (categories can be edited
// while the server runs); it may return null, and the mail then goes without category texts.
using CatalogSource = std::function<std::shared_ptr<const signals::CategoryCatalog>()>;
signals::EventSink MakeMailEventSink(std::shared_ptr<notify::Outbox> outbox,
                                     CatalogSource catalog_source);

}  // namespace baken::api
