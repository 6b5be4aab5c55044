// GET /api/v1/openapi.json (and web/openapi.json): the OpenAPI 3.0 description of every route the
// server registers, generated from the route declarations (route_spec.h) that also registered
// them, with the schemas declared beside their codecs. Routes of modules not yet converted to
// declarations are described by the table below (Docs, Schemas); shrink it as modules convert.
// A registered route with neither is listed under x-ongedocumenteerd and fails the OpenAPI test.
#include <map>

#include <nlohmann/json.hpp>

#include "baken/api/problem.h"
#include "baken/api/route_spec.h"
#include "baken/api/routes.h"

namespace baken::api {
namespace {

using nlohmann::json;

struct Param {
  const char* name;
  const char* in;  // "path", "query", "header"
  const char* description;
};

struct RouteDoc {
  const char* method;
  const char* pattern;  // as registered
  const char* path;     // OpenAPI template
  const char* tag;
  const char* summary;
  const char* security;  // "publiek", "sessie", "sessie_of_sleutel", "sleutel_in_formulier"
  std::vector<Param> params;
  const char* request_schema;   // component name or nullptr
  const char* response_schema;  // component name or nullptr
  int success = 200;
  // Four eyes (ADR 0011): the change may wait for a second person and then answers 202.
  bool may_await_approval = false;
};

const std::vector<Param> kAnalysisParams = {
    {"model", "query", "naive, kde (standaard), prospective of seppexp"},
    {"cel", "query", "celgrootte in meter, 50 tot en met 500 (standaard 150)"},
    {"van", "query", "eerste dag, JJJJ-MM-DD (standaard: een jaar tot tot)"},
    {"tot", "query", "laatste dag, JJJJ-MM-DD, inclusief (standaard: dag van de nieuwste melding)"},
    {"categorie", "query", "sub- of hoofdcategoriecodes, komma-gescheiden"},
    {"X-Baken-Doel", "header", "doelbinding: analyse"}};

const Param kFormat = {"formaat", "path", "json of xml"};
const Param kPurpose = {"X-Baken-Doel", "header", "doelbinding: melding_afhandelen, analyse, ..."};

const std::vector<RouteDoc>& Docs() {
  static const std::vector<RouteDoc> docs = {
      {"GET",
       "/api/v1/gebruikers",
       "/api/v1/gebruikers",
       "beheer",
       "Gebruikers (beheer)",
       "sessie_of_sleutel",
       {kPurpose},
       nullptr,
       nullptr},
      {"POST",
       "/api/v1/gebruikers",
       "/api/v1/gebruikers",
       "beheer",
       "Een gebruiker aanmaken (gebruikersnaam, naam, email, rol, afdelingen; zonder wachtwoord "
       "antwoordt de server eenmalig een tijdelijk wachtwoord); een rol die persoonsgegevens of "
       "bijzondere gegevens ziet of beheert: 202, wacht op een tweede beheerder",
       "sessie_of_sleutel",
       {kPurpose},
       nullptr,
       nullptr,
       201,
       true},
      {"PATCH",
       "/api/v1/gebruikers/([0-9A-Za-z_-]{1,64})",
       "/api/v1/gebruikers/{id}",
       "beheer",
       "Rol, afdelingen of uitgeschakeld van een gebruiker wijzigen (uzelf uitschakelen of de rol "
       "beheerder afnemen: 409); naar een rol die persoonsgegevens of bijzondere gegevens ziet of "
       "beheert: 202, wacht op een tweede beheerder",
       "sessie_of_sleutel",
       {{"id", "path", "id van de gebruiker"}, kPurpose},
       nullptr,
       nullptr,
       200,
       true},
      {"POST",
       "/api/v1/gebruikers/([0-9A-Za-z_-]{1,64})/wachtwoord",
       "/api/v1/gebruikers/{id}/wachtwoord",
       "beheer",
       "Wachtwoord herstellen: een tijdelijk wachtwoord, eenmalig in het antwoord; beëindigt de "
       "sessies van de gebruiker; de tweede factor blijft. Voor een account zonder tweede factor "
       "met een rol die persoonsgegevens ziet: 202, wacht op een tweede beheerder",
       "sessie_of_sleutel",
       {{"id", "path", "id van de gebruiker"}, kPurpose},
       nullptr,
       nullptr,
       200,
       true},
      {"GET",
       "/api/v1/api-sleutels",
       "/api/v1/api-sleutels",
       "beheer",
       "API-sleutels (zonder de sleutel zelf)",
       "sessie_of_sleutel",
       {kPurpose},
       nullptr,
       nullptr},
      {"POST",
       "/api/v1/api-sleutels",
       "/api/v1/api-sleutels",
       "beheer",
       "Een API-sleutel aanmaken (client, rol, doelen, melder_contactgegevens); de sleutel staat "
       "eenmalig in het antwoord. Met persoonsgegevens of melder_contactgegevens: 202, wacht op "
       "een tweede beheerder",
       "sessie_of_sleutel",
       {kPurpose},
       nullptr,
       nullptr,
       201,
       true},
      {"GET",
       "/api/v1/wijzigingen",
       "/api/v1/wijzigingen",
       "beheer",
       "Voorgestelde wijzigingen die een tweede persoon goedkeurt (vier ogen)",
       "sessie_of_sleutel",
       {{"status", "query", "wachtend, goedgekeurd, afgewezen of mislukt"}, kPurpose},
       nullptr,
       nullptr},
      {"POST",
       "/api/v1/wijzigingen/([0-9A-Za-z_-]{1,64})/goedkeuring",
       "/api/v1/wijzigingen/{id}/goedkeuring",
       "beheer",
       "Een wijziging goedkeuren en uitvoeren (niet de indiener; een tijdelijk wachtwoord of "
       "sleutel staat eenmalig in het antwoord)",
       "sessie",
       {{"id", "path", "id van de wijziging"}},
       nullptr,
       nullptr},
      {"POST",
       "/api/v1/wijzigingen/([0-9A-Za-z_-]{1,64})/afwijzing",
       "/api/v1/wijzigingen/{id}/afwijzing",
       "beheer",
       "Een wijziging afwijzen (niet de indiener)",
       "sessie",
       {{"id", "path", "id van de wijziging"}},
       nullptr,
       nullptr},
      {"DELETE",
       "/api/v1/api-sleutels/([0-9A-Za-z_-]{1,64})",
       "/api/v1/api-sleutels/{id}",
       "beheer",
       "Een API-sleutel intrekken",
       "sessie_of_sleutel",
       {{"id", "path", "id van de sleutel"}, kPurpose},
       nullptr,
       nullptr,
       204},
      {"GET",
       "/api/v1/audit/hoofd",
       "/api/v1/audit/hoofd",
       "beheer",
       "Laatste schakel van de auditketen (auditor)",
       "sessie_of_sleutel",
       {kPurpose},
       nullptr,
       nullptr},
      {"GET",
       "/api/v1/gebieden",
       "/api/v1/gebieden",
       "gebieden",
       "Wijken en buurten (CBS)",
       "publiek",
       {{"niveau", "query", "wijk of buurt"}, {"formaat", "query", "json of geojson"}},
       nullptr,
       nullptr},
      {"GET",
       "/api/v1/adressen",
       "/api/v1/adressen",
       "gebieden",
       "Straten en postcodes zoeken, met punt, buurt en wijk (voor het meldformulier)",
       "publiek",
       {{"q", "query", "straatnaam (eventueel met huisnummer) of (begin van een) postcode"},
        {"aantal", "query", "1 tot en met 50 (standaard 8)"}},
       nullptr,
       nullptr},
      {"GET",
       "/api/v1/gebieden/([A-Za-z0-9]+)",
       "/api/v1/gebieden/{code}",
       "gebieden",
       "Eén wijk of buurt",
       "publiek",
       {{"code", "path", "CBS-code"}},
       nullptr,
       nullptr},
      {"PUT",
       "/api/v1/categorieen/([a-z0-9_-]{1,64})",
       "/api/v1/categorieen/{code}",
       "beheer",
       "Een subcategorie wijzigen (functioneel beheer; If-Match = versie, 412 als verouderd); een "
       "lagere gevoeligheid: 202, wacht op een tweede persoon",
       "sessie_of_sleutel",
       {{"code", "path", "code van de subcategorie (hondenpoep)"},
        {"If-Match", "header", "de versie (ETag) die u las"}},
       "CategorieWijziging",
       "Categorie",
       200,
       true},
      {"GET",
       "/api/v1/categorieen/([a-z0-9_-]{1,64})/versies",
       "/api/v1/categorieen/{code}/versies",
       "beheer",
       "Alle versies van een subcategorie, oudste eerst, met wie en wanneer",
       "sessie_of_sleutel",
       {{"code", "path", "code van de subcategorie"}},
       nullptr,
       "CategorieVersies"},
      {"GET",
       "/api/v1/routeringsregels",
       "/api/v1/routeringsregels",
       "beheer",
       "De routeringsregels in volgorde, met versie (ook de ETag)",
       "sessie_of_sleutel",
       {},
       nullptr,
       nullptr},
      {"PUT",
       "/api/v1/routeringsregels",
       "/api/v1/routeringsregels",
       "beheer",
       "Alle routeringsregels vervangen ({\"regels\": [...]} in volgorde; If-Match = versie, 412 "
       "als verouderd; onbekende afdeling of categorie: 400 met regel en veld)",
       "sessie_of_sleutel",
       {{"If-Match", "header", "de versie (ETag) die u las"}},
       nullptr,
       nullptr},
      {"POST",
       "/api/v1/afdelingen",
       "/api/v1/afdelingen",
       "beheer",
       "Een afdeling toevoegen (code, naam)",
       "sessie_of_sleutel",
       {},
       nullptr,
       nullptr,
       201},
      {"PATCH",
       "/api/v1/afdelingen/([a-z0-9_-]{1,64})",
       "/api/v1/afdelingen/{code}",
       "beheer",
       "De naam van een afdeling wijzigen",
       "sessie_of_sleutel",
       {{"code", "path", "code van de afdeling (stadsbeheer)"}},
       nullptr,
       nullptr},
      {"GET", "/api/v1/analyse/hotspots", "/api/v1/analyse/hotspots", "analyse",
       "Hotspotkaart van de meldingen: risico per cel, aantal, Gi*-z en klasse, Local Moran's I "
       "met p, q en LISA-klasse (GeoJSON, WGS84; analist en gebiedsmanager)",
       "sessie_of_sleutel", kAnalysisParams, nullptr, nullptr},
      {"GET",
       "/api/v1/analyse/gebieden",
       "/api/v1/analyse/gebieden",
       "analyse",
       "Meldingen per wijk of buurt en per 1.000 inwoners (analist en gebiedsmanager)",
       "sessie_of_sleutel",
       {{"niveau", "query", "wijk (standaard) of buurt"},
        {"van", "query", "eerste dag, JJJJ-MM-DD"},
        {"tot", "query", "laatste dag, JJJJ-MM-DD (inclusief)"},
        {"categorie", "query", "sub- of hoofdcategoriecodes, komma-gescheiden"}},
       nullptr,
       nullptr},
      {"GET",
       "/api/v1/analyse/patronen",
       "/api/v1/analyse/patronen",
       "analyse",
       "Tijdpatronen: meldingen per uur van de week (168, maandag 00 uur eerst) en per maand "
       "(index), en de trend per wijk of buurt tegen de even lange periode ervoor (exacte "
       "binomiaaltoets, Benjamini-Hochberg; analist en gebiedsmanager)",
       "sessie_of_sleutel",
       {{"niveau", "query", "wijk (standaard) of buurt"},
        {"van", "query", "eerste dag, JJJJ-MM-DD (standaard: een jaar tot tot)"},
        {"tot", "query", "laatste dag, JJJJ-MM-DD (inclusief)"},
        {"categorie", "query", "sub- of hoofdcategoriecodes, komma-gescheiden"},
        {"X-Baken-Doel", "header", "doelbinding: analyse"}},
       nullptr,
       nullptr},
      {"GET",
       "/api/v1/wijkbeeld",
       "/api/v1/wijkbeeld",
       "meldingen",
       "Wijkbeeld: aantallen meldingen in een periode (totaal, open, afgehandeld, binnen termijn "
       "%, te laat), per wijk en per 1.000 inwoners, per buurt van de gekozen wijken, per ISO-week "
       "en per hoofdcategorie; alleen aantallen, zonder teksten of personen. Meldingen die u niet "
       "mag lezen tellen niet mee (afgeschermd: true)",
       "sessie_of_sleutel",
       {{"van", "query", "eerste dag, JJJJ-MM-DD (standaard: 1 januari van het jaar van tot)"},
        {"tot", "query",
         "laatste dag, JJJJ-MM-DD (inclusief; standaard vandaag; hooguit drie jaar)"},
        {"categorie", "query", "sub- of hoofdcategoriecodes, komma-gescheiden"},
        {"wijk", "query", "CBS-wijkcodes (WK001400), komma-gescheiden; geeft ook de buurten"},
        {"X-Baken-Doel", "header", "doelbinding: melding_afhandelen, toezicht_handhaving, ..."}},
       nullptr,
       nullptr},
      {"GET", "/api/v1/analyse/backtest", "/api/v1/analyse/backtest", "analyse",
       "Backtest van een model naast de naive basislijn: hitrate en PAI bij 1, 5, 10 en 20 % "
       "dekking (dagelijks, hooguit 56 dagen)",
       "sessie_of_sleutel", kAnalysisParams, nullptr, nullptr},
      {"GET",
       R"(/open311/v2/discovery\.(json|xml))",
       "/open311/v2/discovery.{formaat}",
       "open311",
       "Open311 discovery",
       "publiek",
       {kFormat},
       nullptr,
       nullptr},
      {"GET",
       R"(/open311/v2/services\.(json|xml))",
       "/open311/v2/services.{formaat}",
       "open311",
       "Open311 services (categorieën)",
       "publiek",
       {kFormat},
       nullptr,
       nullptr},
      {"GET",
       R"(/open311/v2/services/([a-z0-9_-]{1,64})\.(json|xml))",
       "/open311/v2/services/{service_code}.{formaat}",
       "open311",
       "Open311 service definition",
       "publiek",
       {{"service_code", "path", "categoriecode"}, kFormat},
       nullptr,
       nullptr},
      {"POST",
       R"(/open311/v2/requests\.(json|xml))",
       "/open311/v2/requests.{formaat}",
       "open311",
       "Open311 service request doen (api_key verplicht)",
       "sleutel_in_formulier",
       {kFormat},
       nullptr,
       nullptr,
       201},
      {"GET",
       R"(/open311/v2/requests\.(json|xml))",
       "/open311/v2/requests.{formaat}",
       "open311",
       "Open311 service requests",
       "publiek",
       {kFormat,
        {"service_request_id", "query", "komma-gescheiden"},
        {"service_code", "query", "komma-gescheiden"},
        {"start_date", "query", "ISO 8601"},
        {"end_date", "query", "ISO 8601"},
        {"status", "query", "open, closed"}},
       nullptr,
       nullptr},
      {"GET",
       R"(/open311/v2/requests/([A-Za-z0-9-]{1,64})\.(json|xml))",
       "/open311/v2/requests/{service_request_id}.{formaat}",
       "open311",
       "Open311 één service request",
       "publiek",
       {{"service_request_id", "path", "meldingnummer"}, kFormat},
       nullptr,
       nullptr},
      // Programme monitoring (programme_routes.cc).
      {"GET",
       "/api/v1/programmas",
       "/api/v1/programmas",
       "programmas",
       "De programma's van de gemeente (verantwoording)",
       "sessie_of_sleutel",
       {},
       nullptr,
       "Programmas"},
      {"GET",
       "/api/v1/programmas/([a-z0-9_-]{1,64})",
       "/api/v1/programmas/{code}",
       "programmas",
       "Een programma met ambities, actielijnen, acties, status, mijlpalen, budget en indicatoren "
       "met streefwaarden en de laatste waarden op de peildatum (raadslid: aantallen over personen "
       "onder 5 als '< 5')",
       "sessie_of_sleutel",
       {{"code", "path", "code van het programma"},
        {"peildatum", "query", "JJJJ-MM-DD: de waarden zoals vastgelegd tot en met die dag"}},
       nullptr,
       "Programma"},
      {"PATCH",
       "/api/v1/programmas/([a-z0-9_-]{1,64})/onderdelen/([a-z0-9_-]{1,64})",
       "/api/v1/programmas/{code}/onderdelen/{onderdeel}",
       "programmas",
       "Status (met toelichting), mijlpalen of budget van een actielijn of actie wijzigen "
       "(If-Match = versie, 412 als verouderd)",
       "sessie_of_sleutel",
       {{"code", "path", "code van het programma"},
        {"onderdeel", "path", "code van de actielijn of actie"},
        {"If-Match", "header", "de versie (ETag) die u las"}},
       "OnderdeelWijziging",
       "Onderdeel"},
      {"POST",
       "/api/v1/programmas/([a-z0-9_-]{1,64})/indicatoren/([a-z0-9_-]{1,64})/waarden",
       "/api/v1/programmas/{code}/indicatoren/{indicator}/waarden",
       "programmas",
       "Een handmatige waarde van een indicator vastleggen, met de bron",
       "sessie_of_sleutel",
       {{"code", "path", "code van het programma"}, {"indicator", "path", "code van de indicator"}},
       "WaardeInvoer",
       "IndicatorWaarde",
       201},
      {"GET",
       "/api/v1/programmas/([a-z0-9_-]{1,64})/historie",
       "/api/v1/programmas/{code}/historie",
       "programmas",
       "Alle wijzigingen van een programma, oudste eerst: wie, wanneer, welk veld, oud, nieuw, "
       "toelichting",
       "sessie_of_sleutel",
       {{"code", "path", "code van het programma"}},
       nullptr,
       "ProgrammaHistorie"},
      {"GET",
       "/api/v1/programmas/([a-z0-9_-]{1,64})/voortgang",
       "/api/v1/programmas/{code}/voortgang",
       "programmas",
       "De voortgangsrapportage over een periode als PDF (A4, inhoud, paginanummers), XLSX met de "
       "cijfers of HTML (raadslid: aantallen over personen onder 5 als '< 5')",
       "sessie_of_sleutel",
       {{"code", "path", "code van het programma"},
        {"periode", "query", "2025 of 2025-Q3"},
        {"formaat", "query", "pdf, xlsx of html"},
        {"peildatum", "query", "JJJJ-MM-DD: de cijfers zoals vastgelegd tot en met die dag"}},
       nullptr,
       nullptr},
      {"GET",
       "/api/v1/programmas/([a-z0-9_-]{1,64})/teksten/([0-9]{4}(?:-Q[1-4])?)",
       "/api/v1/programmas/{code}/teksten/{periode}",
       "programmas",
       "De vrije teksten van de voortgangsrapportage: inleiding en per actielijn",
       "sessie_of_sleutel",
       {{"code", "path", "code van het programma"}, {"periode", "path", "2025 of 2025-Q3"}},
       nullptr,
       nullptr},
      {"PUT",
       "/api/v1/programmas/([a-z0-9_-]{1,64})/teksten/([0-9]{4}(?:-Q[1-4])?)/([a-z0-9_-]{1,64})",
       "/api/v1/programmas/{code}/teksten/{periode}/{sectie}",
       "programmas",
       "Een tekst van de voortgangsrapportage vastleggen ({\"tekst\"}, ten hoogste 5.000 tekens); "
       "elke versie staat in de historie",
       "sessie_of_sleutel",
       {{"code", "path", "code van het programma"},
        {"periode", "path", "2025 of 2025-Q3"},
        {"sectie", "path", "inleiding of de code van een actielijn"}},
       nullptr,
       nullptr},
      {"GET",
       "/api/v1/programmas/highlights/([0-9]{4})",
       "/api/v1/programmas/highlights/{jaar}",
       "programmas",
       "De Highlights van een jaar: infographic als SVG, PNG of PDF, of de kerncijfers en teksten "
       "als JSON (altijd met kleine aantallen over personen afgeschermd)",
       "sessie_of_sleutel",
       {{"jaar", "path", "bijvoorbeeld 2025"},
        {"formaat", "query", "svg (standaard), png, pdf of json"},
        {"scherm", "query", "1: de schermversie (16:9) in plaats van A4 liggend"},
        {"peildatum", "query", "JJJJ-MM-DD: de cijfers zoals vastgelegd tot en met die dag"}},
       nullptr,
       nullptr},
  };
  return docs;
}

// The schemas of the routes in Docs() (not yet declared beside their codecs).
json Schemas() {
  const json text = {{"type", "string"}};
  const json nullable_text = {{"type", "string"}, {"nullable", true}};
  const json time = {{"type", "string"}, {"format", "date-time"}};
  const json code_name = {{"type", "object"}, {"properties", {{"code", text}, {"naam", text}}}};
  return {
      {"CategorieWijziging",
       {{"type", "object"},
        {"required",
         {"naam", "publieke_naam", "afdeling", "termijn", "afhandelbericht", "op_openbare_kaart",
          "gevoeligheid"}},
        {"properties",
         {{"naam", {{"type", "string"}, {"maxLength", 100}}},
          {"publieke_naam", {{"type", "string"}, {"maxLength", 100}}},
          {"omschrijving", {{"type", "string"}, {"maxLength", 1000}}},
          {"afdeling", text},
          {"termijn",
           {{"type", "object"},
            {"description", "precies een van beide, 1 tot en met 365"},
            {"properties",
             {{"werkdagen", {{"type", "integer"}, {"minimum", 1}, {"maximum", 365}}},
              {"uren", {{"type", "integer"}, {"minimum", 1}, {"maximum", 365}}}}}}},
          {"afhandelbericht", {{"type", "string"}, {"maxLength", 2000}}},
          {"op_openbare_kaart", {{"type", "boolean"}}},
          {"gevoeligheid",
           {{"type", "string"}, {"enum", {"public", "internal", "confidential", "special"}}}}}}}},
      {"Categorie",
       {{"type", "object"},
        {"properties",
         {{"code", text},
          {"hoofdcategorie", code_name},
          {"versie", {{"type", "integer"}}},
          {"naam", text},
          {"publieke_naam", text},
          {"omschrijving", text},
          {"afdeling", text},
          {"termijn", {{"type", "object"}}},
          {"afhandeltermijn", text},
          {"afhandelbericht", text},
          {"op_openbare_kaart", {{"type", "boolean"}}},
          {"gevoeligheid", text}}}}},
      {"CategorieVersies",
       {{"type", "object"},
        {"properties",
         {{"code", text},
          {"huidige_versie", {{"type", "integer"}}},
          {"versies",
           {{"type", "array"},
            {"items",
             {{"type", "object"},
              {"properties",
               {{"versie", {{"type", "integer"}}},
                {"gewijzigd_op", time},
                {"gewijzigd_door",
                 {{"type", "object"}, {"properties", {{"id", text}, {"gebruikersnaam", text}}}}},
                {"waarden", {{"type", "object"}}},
                {"gewijzigde_velden", {{"type", "array"}, {"items", text}}}}}}}}}}}}},
      {"Programmas",
       {{"type", "object"},
        {"properties",
         {{"programmas",
           {{"type", "array"},
            {"items",
             {{"type", "object"},
              {"properties",
               {{"code", text},
                {"naam", text},
                {"looptijd", {{"type", "object"}}},
                {"eigenaar", text},
                {"afdeling", nullable_text},
                {"mag_wijzigen", {{"type", "boolean"}}},
                {"actielijnen", {{"type", "integer"}}},
                {"indicatoren", {{"type", "integer"}}}}}}}}}}}}},
      {"Programma",
       {{"type", "object"},
        {"properties",
         {{"code", text},
          {"naam", text},
          {"omschrijving", text},
          {"looptijd", {{"type", "object"}}},
          {"eigenaar", text},
          {"afdeling", nullable_text},
          {"mag_wijzigen", {{"type", "boolean"}}},
          {"opgesteld_met", {{"type", "array"}, {"items", code_name}}},
          {"themas", {{"type", "array"}, {"items", text}}},
          {"peildatum", time},
          {"kleine_aantallen_afgeschermd", {{"type", "boolean"}}},
          {"ambities", {{"type", "array"}, {"items", {{"type", "object"}}}}},
          {"actielijnen",
           {{"type", "array"}, {"items", {{"$ref", "#/components/schemas/Onderdeel"}}}}},
          {"indicatoren", {{"type", "array"}, {"items", {{"type", "object"}}}}}}}}},
      {"Onderdeel",
       {{"type", "object"},
        {"properties",
         {{"code", text},
          {"soort", {{"type", "string"}, {"enum", {"actielijn", "actie"}}}},
          {"naam", text},
          {"trekker", code_name},
          {"partners", {{"type", "array"}, {"items", code_name}}},
          {"status", {{"type", "object"}}},
          {"mijlpalen", {{"type", "array"}, {"items", {{"type", "object"}}}}},
          {"budget", {{"type", "object"}, {"nullable", true}}},
          {"versie", {{"type", "integer"}}},
          {"acties", {{"type", "array"}, {"items", {{"type", "object"}}}}}}}}},
      {"OnderdeelWijziging",
       {{"type", "object"},
        {"description", "minstens een van status, mijlpalen of budget; status vraagt toelichting"},
        {"properties",
         {{"status",
           {{"type", "string"},
            {"enum", {"niet_gestart", "lopend", "vertraagd", "afgerond", "gestopt"}}}},
          {"toelichting", {{"type", "string"}, {"maxLength", 4000}}},
          {"datum", {{"type", "string"}, {"format", "date"}}},
          {"mijlpalen",
           {{"type", "array"},
            {"items",
             {{"type", "object"},
              {"required", {"titel", "streefdatum"}},
              {"properties",
               {{"titel", text},
                {"streefdatum", {{"type", "string"}, {"format", "date"}}},
                {"gereed", {{"type", "string"}, {"format", "date"}, {"nullable", true}}}}}}}}},
          {"budget",
           {{"type", "object"},
            {"properties",
             {{"gepland_cent", {{"type", "integer"}}},
              {"besteed_cent", {{"type", "integer"}}}}}}}}}}},
      {"WaardeInvoer",
       {{"type", "object"},
        {"required", {"periode", "waarde", "bron"}},
        {"properties",
         {{"periode", {{"type", "string"}, {"description", "2025 of 2025-Q3"}}},
          {"waarde", {{"type", "number"}}},
          {"bron", text}}}}},
      {"IndicatorWaarde",
       {{"type", "object"},
        {"properties",
         {{"indicator", text},
          {"periode", text},
          {"waarde", {{"type", "number"}, {"nullable", true}}},
          {"weergave", text},
          {"afgeschermd", {{"type", "boolean"}}},
          {"vastgelegd_op", time},
          {"bron", text},
          {"brondocument", text},
          {"uitsplitsing", {{"type", "array"}, {"items", {{"type", "object"}}}}}}}}},
      {"ProgrammaHistorie",
       {{"type", "object"},
        {"properties",
         {{"programma", text},
          {"wijzigingen", {{"type", "array"}, {"items", {{"type", "object"}}}}}}}}},
  };
}

json ProblemContent() {
  return {{"description", "fout (problem+json, Nederlands, met het veld)"},
          {"content", {{"application/problem+json", {{"schema", SchemaRef(ProblemSchema())}}}}}};
}

json ParamJson(const ParamDecl& p) {
  json schema = {{"type", p.type}};
  if (!p.values.empty()) schema["enum"] = p.values;
  return {{"name", p.name},
          {"in", p.in},
          {"required", p.in == "path" || p.required},
          {"description", p.description},
          {"schema", schema}};
}

json ResponseJson(const ResponseDecl& r) {
  json out = {{"description", r.description.empty() ? "gelukt" : r.description}};
  if (r.schema != nullptr) {
    out["content"] = {{r.content_type, {{"schema", SchemaRef(*r.schema)}}}};
  } else if (!r.content_type.empty() && r.content_type != "application/json") {
    // A file route may answer in several types: "text/csv, application/geo+json".
    json content = json::object();
    for (std::string_view rest = r.content_type; !rest.empty();) {
      const size_t comma = rest.find(',');
      std::string_view one = rest.substr(0, comma);
      while (!one.empty() && one.front() == ' ') one.remove_prefix(1);
      content[std::string(one)] = {{"schema", {{"type", "string"}, {"format", "binary"}}}};
      rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    }
    out["content"] = std::move(content);
  }
  return out;
}

// Who may call the operation, as the gate decides it (x-baken-toegang), and the OpenAPI security.
void AddAccess(json& op, const RouteDecl& d, bool policy_known) {
  const json problem = ProblemContent();
  json access;
  switch (d.access) {
    case RouteAccess::kPublic:
      op["security"] = json::array();
      access = {{"soort", "publiek"}};
      break;
    case RouteAccess::kSignedIn:
      op["security"] = {{{"sessie", json::array()}}, {{"sleutel", json::array()}}};
      op["responses"]["401"] = problem;
      access = {{"soort", "aangemeld"}};
      break;
    case RouteAccess::kPolicy:
      op["security"] = {{{"sessie", json::array()}}, {{"sleutel", json::array()}}};
      op["responses"]["401"] = problem;
      op["responses"]["403"] = problem;
      access = {{"soort", "beleid"}};
      if (policy_known) {
        access["bron"] = std::string(security::ResourceCode(d.policy.resource));
        access["actie"] = std::string(security::ActionCode(d.policy.action));
        json purposes = json::array();
        for (security::Purpose p : d.policy.purposes) {
          purposes.push_back(std::string(security::PurposeCode(p)));
        }
        access["doelen"] = purposes;
      }
      break;
  }
  if (!d.policy.rate_group.empty()) {
    access["snelheidsgroep"] = d.policy.rate_group;
    op["responses"]["429"] = problem;
  }
  op["x-baken-toegang"] = access;
  if (!d.security_note.empty()) op["description"] = d.security_note;
}

// One operation. Legacy rows (not yet declared in their module) name their schemas by text.
json Operation(const RouteDecl& d, bool policy_known, const std::string& legacy_request = {},
               const std::string& legacy_response = {}) {
  json op = {{"summary", d.summary},
             {"tags", {d.tag}},
             {"operationId", d.method + " " + (d.path.empty() ? d.pattern : d.path)}};
  json params = json::array();
  for (const ParamDecl& p : d.params) params.push_back(ParamJson(p));
  if (!params.empty()) op["parameters"] = params;
  json request_schema;
  if (d.request != nullptr) request_schema = SchemaRef(*d.request);
  if (!legacy_request.empty())
    request_schema = {{"$ref", "#/components/schemas/" + legacy_request}};
  if (!request_schema.is_null()) {
    op["requestBody"] = {{"required", true},
                         {"content", {{"application/json", {{"schema", request_schema}}}}}};
  }
  op["responses"] = json::object();
  for (const ResponseDecl& r : d.responses) {
    json answer = ResponseJson(r);
    if (!legacy_response.empty() && r.status == d.responses.front().status) {
      answer["content"] = {{"application/json",
                            {{"schema", {{"$ref", "#/components/schemas/" + legacy_response}}}}}};
    }
    op["responses"][std::to_string(r.status)] = answer;
  }
  const json problem = ProblemContent();
  op["responses"]["400"] = problem;
  op["responses"]["default"] = problem;
  if (d.may_await_approval) {
    op["responses"]["202"] = {
        {"description", "wacht op goedkeuring door een tweede persoon (vier ogen): de wijziging"}};
  }
  for (const ParamDecl& p : d.params) {
    if (p.name == "If-Match") op["responses"]["412"] = problem;  // a stale version
  }
  // A body sent to /api/v1 must be JSON (AccessGate): any other Content-Type is 415.
  const std::string path = d.path.empty() ? d.pattern : d.path;
  if (!request_schema.is_null() && path.starts_with("/api/v1/")) {
    op["responses"]["415"] = problem;
  }
  AddAccess(op, d, policy_known);
  return op;
}

// A row of the table above as a declaration.
RouteDecl FromLegacy(const RouteDoc& doc) {
  RouteDecl d;
  d.method = doc.method;
  d.pattern = doc.pattern;
  d.path = doc.path;
  d.tag = doc.tag;
  d.summary = doc.summary;
  const std::string security = doc.security;
  d.access = security == "sessie"              ? RouteAccess::kSignedIn
             : security == "sessie_of_sleutel" ? RouteAccess::kPolicy
                                               : RouteAccess::kPublic;
  if (security == "sleutel_in_formulier") {
    d.security_note = "De API-sleutel staat in het formulierveld api_key (Open311).";
  }
  for (const Param& p : doc.params) d.params.push_back({p.name, p.in, p.description});
  d.responses = {{doc.success, "gelukt"}};
  if (doc.success == 204) d.responses.front().content_type.clear();
  d.may_await_approval = doc.may_await_approval;
  return d;
}

// The server's own routes (server.h), not registered through a gate.
const std::vector<RouteDecl>& BuiltIn() {
  static const std::vector<RouteDecl> routes = [] {
    RouteDecl health{"GET", "/healthz", "", "beheer", "Leeft de server?"};
    health.responses = {{200, "ja", nullptr, "application/json"}};
    RouteDecl ready{"GET", "/readyz", "", "beheer", "Is de server klaar (database, migraties)?"};
    ready.responses = {{200, "ja", nullptr, "application/json"},
                       {503, "nog niet", nullptr, "application/json"}};
    RouteDecl metrics{"GET", "/metrics", "", "beheer",
                      "Prometheus-metingen (alleen vanaf loopback of een vertrouwde proxy)"};
    metrics.responses = {{200, "Prometheus-tekstformaat", nullptr, "text/plain"}};
    return std::vector<RouteDecl>{health, ready, metrics};
  }();
  return routes;
}

// Every schema reachable from the declarations, by name.
void CollectSchemas(const SchemaDef* s, std::map<std::string, const SchemaDef*>& out) {
  if (s == nullptr || out.contains(s->name)) return;
  out[s->name] = s;
  for (const SchemaDef* used : s->uses) CollectSchemas(used, out);
}

json Components(const std::vector<RouteDecl>& declared) {
  std::map<std::string, const SchemaDef*> defs;
  CollectSchemas(&ProblemSchema(), defs);
  for (const RouteDecl& d : declared) {
    CollectSchemas(d.request, defs);
    for (const ResponseDecl& r : d.responses) CollectSchemas(r.schema, defs);
  }
  json schemas = Schemas();
  for (const auto& [name, def] : defs) schemas[name] = def->body();
  return schemas;
}

const RouteDecl* Find(const std::vector<RouteDecl>& decls, const RouteInfo& r) {
  for (const RouteDecl& d : decls) {
    if (d.method == r.method && d.pattern == r.pattern) return &d;
  }
  return nullptr;
}

}  // namespace

json SchemaRef(const SchemaDef& schema) {
  return {{"$ref", std::string("#/components/schemas/") + schema.name}};
}

std::string BuildOpenApiDocument(const std::vector<RouteInfo>& routes,
                                 const std::vector<RouteDecl>& declared) {
  json paths = json::object();
  json undocumented = json::array();
  for (const RouteInfo& r : routes) {
    std::string method = r.method;
    for (char& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const RouteDecl* d = Find(declared, r);
    if (d == nullptr) d = Find(BuiltIn(), r);
    if (d != nullptr) {
      paths[d->path.empty() ? d->pattern : d->path][method] = Operation(*d, true);
      continue;
    }
    const RouteDoc* doc = nullptr;
    for (const RouteDoc& row : Docs()) {
      if (r.method == row.method && r.pattern == row.pattern) doc = &row;
    }
    if (doc == nullptr) {
      undocumented.push_back(r.method + " " + r.pattern);
      continue;
    }
    paths[doc->path][method] =
        Operation(FromLegacy(*doc), false, doc->request_schema ? doc->request_schema : "",
                  doc->response_schema ? doc->response_schema : "");
  }
  json document = {
      {"openapi", "3.0.3"},
      {"info",
       {{"title", "Baken API"},
        {"version", "1.0.0"},
        {"description",
         "Meldingen, gebieden en sessies van Baken. Volgt de NL API Design Rules: "
         "meervoudige zelfstandige naamwoorden, problem+json bij fouten, cursor-paginering. "
         "x-baken-toegang zegt per operatie wie haar mag gebruiken: publiek, aangemeld, of "
         "beleid (het beveiligingsbeleid beslist met bron, actie en doelen)."},
        {"contact", {{"name", "Gemeente Groningen"}}}}},
      {"servers", {{{"url", "/"}}}},
      {"paths", paths},
      {"components",
       {{"schemas", Components(declared)},
        {"securitySchemes",
         {{"sessie", {{"type", "apiKey"}, {"in", "cookie"}, {"name", "baken_sessie"}}},
          {"sleutel", {{"type", "http"}, {"scheme", "bearer"}}}}}}}};
  if (!undocumented.empty()) document["x-ongedocumenteerd"] = undocumented;
  return document.dump(2) + "\n";
}

void RegisterOpenApiRoute(AccessGate& gate) {
  RouteDecl decl{"GET", "/api/v1/openapi.json", "", "beheer",
                 "Deze beschrijving (ook als web/openapi.json in de broncode)"};
  decl.responses = {{200, "OpenAPI 3.0"}};
  gate.Route(decl, [gate](const Request&, const Caller&) -> StatusOr<Response> {
    Response r = Response::Json(BuildOpenApiDocument(gate.server().routes(), gate.declarations()));
    r.headers.emplace("Cache-Control", "public, max-age=300");
    return r;
  });
}

}  // namespace baken::api
