// The routes of every module, registered on a Server. api/ is thin: decode, call, encode.
//
// RegisterRoutes builds the security services (accounts, sessions, API keys, audit log) from the
// Database, the Clock and the SecurityOptions (the caller supplies the server key), puts an
// AccessGate (auth.h) in front of every /api/v1 route, and loads what the routes need at start
// (e.g. the areas of each municipality, kept in memory: they change only by import). The
// Database and Clock must outlive the Server. An https public address (signals.public_base_url)
// turns on the Secure cookie and Strict-Transport-Security (SecurityOptions). Errors at start
// (database unreadable, no server key) are returned, not thrown.
#pragma once

#include <memory>

#include "baken/api/auth.h"
#include "baken/api/server.h"
#include "baken/signals/melding_service.h"
#include "baken/signals/setup.h"
#include "baken/store/database.h"

namespace baken::api {

Status RegisterRoutes(Server& server, store::Database& db, Clock& clock, SecurityOptions security,
                      signals::SetupOptions signals = {});

// GET /api/v1/gebieden[?niveau=wijk|buurt][&formaat=geojson], GET /api/v1/gebieden/{code}.
// Public: areas are open CBS data.
Status RegisterAreaRoutes(AccessGate& gate, store::Database& db, Clock& clock);

// Meldingen. Public (rate group "publiek"): POST /api/v1/publiek/meldingen (create; returns the
// number and the follow code), GET /api/v1/publiek/meldingen/{volgcode} (follow),
// GET /api/v1/publiek/kaart (GeoJSON, open public-category meldingen on 100 m cells),
// GET /api/v1/categorieen, GET /api/v1/publiek/limieten (what intake accepts: text length,
// attachments), POST /api/v1/publiek/categorie-suggestie ({"tekst"}: the suggested
// category), POST /api/v1/publiek/meldingen/{volgcode}/tevredenheid (KTO; unhappy reopens). Staff
// (policy per route and per record, confidential reads audited): GET and POST /api/v1/meldingen,
// GET /api/v1/meldingen/export?formaat=csv|xlsx|geojson|mor (the list filters; Action::kExport;
// confidential exports audited), GET and PATCH /api/v1/meldingen/{id} (ETag/If-Match), GET
// .../historie, POST .../statuswijzigingen, POST .../notities, GET .../duplicaten, POST
// .../samenvoegen, GET .../bijlagen/{id} (403 for a record whose personal data is masked). A
// special melding the caller may not read answers 404 like a missing one on every item route;
// other refusals 403 with the reason. An Idempotency-Key is the caller's own; a staff replay
// answers as GET .../{id} would, a different body under a used key 422 (ADR 0013). Category
// suggestions for a text (fastText,
// baken::classify); null when no model is loaded.
class CategorySuggester;
void RegisterMeldingRoutes(AccessGate& gate, std::shared_ptr<signals::MeldingService> service,
                           std::shared_ptr<const CategorySuggester> suggester = nullptr);

// Category management for the functional administrator (resource reference data, purpose
// beheer): PUT /api/v1/categorieen/{code} (If-Match = the category's version; 412 when stale;
// audited in the same transaction) and GET /api/v1/categorieen/{code}/versies. After an edit the
// service's catalog is replaced, so new meldingen follow the new definition at once.
void RegisterCategoryRoutes(AccessGate& gate, std::shared_ptr<signals::MeldingService> service);

// Routing rules and departments for the functional administrator (resource reference data,
// purpose beheer): GET and PUT /api/v1/routeringsregels (the whole ordered list; If-Match = the
// version, 412 when stale; checked with signals::Router::Build, 400 naming rule and field; the
// running service routes with the new rules at once), POST /api/v1/afdelingen and
// PATCH /api/v1/afdelingen/{code}. Every change audited in its own transaction.
void RegisterRoutingRoutes(AccessGate& gate, std::shared_ptr<signals::MeldingService> service);

// Hot spot analysis for analysts and gebiedsmanagers (purpose analyse; other roles 403), on the
// meldingen of the caller's tenant (public and internal categories; no text, no persons), cached
// per tenant: GET /api/v1/analyse/hotspots?model&cel&van&tot&categorie (GeoJSON cells with
// risico, aantal, gi_z, klasse), GET /api/v1/analyse/gebieden?niveau&van&tot&categorie (counts
// and per 1,000 inhabitants), GET /api/v1/analyse/backtest?model&cel&van&tot&categorie (daily,
// at most 56 days; hit rate and PAI, naive first). Bad parameters: 400 naming the parameter.
// Answers are cached per tenant and parameters and reused while no melding was added, or for at
// most 10 minutes after one was; each says "berekend_op" and "ververst_na_minuten" (Age header).
void RegisterAnalysisRoutes(AccessGate& gate, std::shared_ptr<signals::MeldingService> service);

// Programme monitoring (purpose verantwoording, resource aggregates): GET /api/v1/programmas,
// GET /api/v1/programmas/{code}[?peildatum] (tree with statuses, indicators, targets, latest
// values as of the date), PATCH .../onderdelen/{onderdeel} (status with toelichting, milestones,
// budget; If-Match, 412 when stale), POST .../indicatoren/{indicator}/waarden (manual value),
// GET .../historie. Read-only readers (raadslid) see counts about persons below 5 as "< 5".
void RegisterProgrammeRoutes(AccessGate& gate);

// The wijk dashboard for staff who handle meldingen (the melding list's grants and purposes;
// residents 403): GET /api/v1/wijkbeeld?van&tot&categorie&wijk. Counts only, grouped in the
// database: totals (meldingen, open, afgehandeld, binnen termijn %, te laat), per wijk (and per
// buurt of the chosen wijken) with per 1,000 inhabitants, per ISO week, per main category.
// Meldingen the caller may not read are left out and `afgeschermd` says so. Bad parameters: 400
// naming the parameter.
void RegisterWijkbeeldRoutes(AccessGate& gate, std::shared_ptr<signals::MeldingService> service);

// Open311 GeoReport v2 (XML and JSON by extension): GET /open311/v2/discovery.{fmt},
// services.{fmt}, services/{code}.{fmt}, requests.{fmt}, requests/{id}.{fmt}; POST
// requests.{fmt} with an API key. Errors in the specification's format.
void RegisterOpen311Routes(AccessGate& gate, std::shared_ptr<signals::MeldingService> service);

// GET /api/v1/openapi.json, generated from the server's routes and the gate's declarations
// (route_spec.h; routes not yet declared: the table in openapi.cc); register it last.
// BuildOpenApiDocument lists routes without documentation under "x-ongedocumenteerd" (the OpenAPI
// test fails on those). The same text is committed as web/openapi.json, from which the UI's
// types are generated.
void RegisterOpenApiRoute(AccessGate& gate);
std::string BuildOpenApiDocument(const std::vector<RouteInfo>& routes,
                                 const std::vector<RouteDecl>& declared);

}  // namespace baken::api
