// GET /api/v1/openapi.json: the OpenAPI 3.0 description of every route the server registers,
// built from the server's own route list and one documentation table (kDocs). A registered route
// without a row here is listed under x-ongedocumenteerd and fails the OpenAPI test, so the
// document cannot drift from the routes.
#include <nlohmann/json.hpp>

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
};

const std::vector<Param> kListParams = {
    {"status", "query", "statuscodes, komma-gescheiden (gemeld,in_behandeling,...)"},
    {"categorie", "query", "sub- of hoofdcategoriecodes, komma-gescheiden"},
    {"afdeling", "query", "afdelingscodes"},
    {"wijk", "query", "CBS-wijkcodes (WK001400)"},
    {"buurt", "query", "CBS-buurtcodes"},
    {"behandelaar", "query", "gebruikersnaam van de behandelaar, of - voor niet toegewezen"},
    {"ontvangen_vanaf", "query", "RFC 3339, inclusief"},
    {"ontvangen_tot", "query", "RFC 3339, exclusief"},
    {"te_laat", "query", "true: open en over de termijn"},
    {"open", "query", "true: niet afgesloten"},
    {"zoek", "query", "woorden in de tekst (alle moeten voorkomen)"},
    {"sorteer", "query", "-ontvangen (standaard), ontvangen of termijn"},
    {"limiet", "query", "1 tot en met 500, standaard 50"},
    {"cursor", "query", "de waarde 'volgende' van de vorige pagina"}};

// The list filters without paging, plus the format.
const std::vector<Param> kExportParams = [] {
  std::vector<Param> params = {{"formaat", "query", "csv (standaard), xlsx, geojson of mor"}};
  for (const Param& p : kListParams) {
    const std::string name = p.name;
    if (name != "limiet" && name != "cursor") params.push_back(p);
  }
  params.push_back({"X-Baken-Doel", "header", "doelbinding: melding_afhandelen, analyse, ..."});
  return params;
}();

const Param kId = {"id", "path", "id (UUID) of nummer (M-2026-000123) van de melding"};
const Param kFormat = {"formaat", "path", "json of xml"};
const Param kPurpose = {"X-Baken-Doel", "header", "doelbinding: melding_afhandelen, analyse, ..."};

const std::vector<RouteDoc>& Docs() {
  static const std::vector<RouteDoc> docs = {
      {"GET",
       "/healthz",
       "/healthz",
       "beheer",
       "Leeft de server?",
       "publiek",
       {},
       nullptr,
       nullptr},
      {"GET",
       "/readyz",
       "/readyz",
       "beheer",
       "Is de server klaar (database, migraties)?",
       "publiek",
       {},
       nullptr,
       nullptr},
      {"GET",
       "/metrics",
       "/metrics",
       "beheer",
       "Prometheus-metingen",
       "publiek",
       {},
       nullptr,
       nullptr},
      {"GET",
       "/api/v1/openapi.json",
       "/api/v1/openapi.json",
       "beheer",
       "Deze beschrijving",
       "publiek",
       {},
       nullptr,
       nullptr},
      {"POST",
       "/api/v1/sessies",
       "/api/v1/sessies",
       "sessies",
       "Aanmelden",
       "publiek",
       {},
       "Aanmelding",
       "Sessie",
       201},
      {"GET",
       "/api/v1/sessies/huidig",
       "/api/v1/sessies/huidig",
       "sessies",
       "Wie ben ik (huidige sessie)",
       "sessie",
       {},
       nullptr,
       nullptr},
      {"DELETE",
       "/api/v1/sessies/huidig",
       "/api/v1/sessies/huidig",
       "sessies",
       "Afmelden",
       "sessie",
       {},
       nullptr,
       nullptr,
       204},
      {"DELETE",
       "/api/v1/sessies",
       "/api/v1/sessies",
       "sessies",
       "Overal afmelden",
       "sessie",
       {},
       nullptr,
       nullptr},
      {"GET",
       "/api/v1/gebruikers",
       "/api/v1/gebruikers",
       "beheer",
       "Gebruikers (beheer)",
       "sessie_of_sleutel",
       {kPurpose},
       nullptr,
       nullptr},
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
       "/api/v1/gebieden/([A-Za-z0-9]+)",
       "/api/v1/gebieden/{code}",
       "gebieden",
       "Eén wijk of buurt",
       "publiek",
       {{"code", "path", "CBS-code"}},
       nullptr,
       nullptr},
      {"GET",
       "/api/v1/categorieen",
       "/api/v1/categorieen",
       "meldingen",
       "Hoofd- en subcategorieën",
       "publiek",
       {},
       nullptr,
       "Categorieen"},
      {"POST",
       "/api/v1/publiek/meldingen",
       "/api/v1/publiek/meldingen",
       "publiek",
       "Een melding doen (bewoner)",
       "publiek",
       {{"Idempotency-Key", "header", "zelfde sleutel: zelfde antwoord, niets dubbel"}},
       "NieuweMelding",
       "Ontvangstbevestiging",
       201},
      {"GET",
       "/api/v1/publiek/meldingen/([A-Za-z0-9_-]{16,128})",
       "/api/v1/publiek/meldingen/{volgcode}",
       "publiek",
       "Een melding volgen met de volgcode",
       "publiek",
       {{"volgcode", "path", "uit de ontvangstbevestiging"}},
       nullptr,
       "PubliekeMelding"},
      {"POST",
       "/api/v1/sessies/huidig/totp",
       "/api/v1/sessies/huidig/totp",
       "sessies",
       "Tweestapsverificatie (TOTP) instellen: de otpauth-URI en het geheim, één keer",
       "sessie",
       {},
       nullptr,
       nullptr,
       201},
      {"POST",
       "/api/v1/sessies/huidig/totp/bevestiging",
       "/api/v1/sessies/huidig/totp/bevestiging",
       "sessies",
       "TOTP bevestigen met een code; daarna heeft de sessie de tweede factor",
       "sessie",
       {},
       nullptr,
       nullptr},
      {"POST",
       "/api/v1/publiek/categorie-suggestie",
       "/api/v1/publiek/categorie-suggestie",
       "publiek",
       "Categorie voorstellen bij een tekst (tekstclassificatie)",
       "publiek",
       {},
       nullptr,
       nullptr},
      {"POST",
       "/api/v1/publiek/meldingen/([A-Za-z0-9_-]{16,128})/tevredenheid",
       "/api/v1/publiek/meldingen/{volgcode}/tevredenheid",
       "publiek",
       "Tevredenheid na afhandeling (KTO); ontevreden heropent de melding",
       "publiek",
       {{"volgcode", "path", "uit de ontvangstbevestiging"}},
       nullptr,
       nullptr},
      {"GET",
       "/api/v1/publiek/kaart",
       "/api/v1/publiek/kaart",
       "publiek",
       "Openbare kaart: open meldingen per 100 m-vak (GeoJSON)",
       "publiek",
       {},
       nullptr,
       nullptr},
      {"GET",
       "/api/v1/publiek/vergelijkbare-meldingen",
       "/api/v1/publiek/vergelijkbare-meldingen",
       "publiek",
       "Al gemeld? Open meldingen van dezelfde categorie binnen 50 m (12 weken)",
       "publiek",
       {{"categorie", "query", "subcategoriecode"},
        {"lon", "query", "lengtegraad (WGS84)"},
        {"lat", "query", "breedtegraad (WGS84)"}},
       nullptr,
       nullptr},
      {"GET", "/api/v1/meldingen", "/api/v1/meldingen", "meldingen",
       "Meldingen zoeken en filteren (cursor-paginering)", "sessie_of_sleutel", kListParams,
       nullptr, "MeldingLijst"},
      {"GET", "/api/v1/meldingen/export", "/api/v1/meldingen/export", "meldingen",
       "Een gefilterde lijst als bestand: csv, xlsx, geojson of mor (VNG open data, "
       "geanonimiseerd); persoonsgegevens alleen waar de rol dat mag, vertrouwelijke meldingen "
       "gelogd",
       "sessie_of_sleutel", kExportParams, nullptr, nullptr},
      {"POST",
       "/api/v1/meldingen",
       "/api/v1/meldingen",
       "meldingen",
       "Een melding aanmaken (medewerker, boa, telefoon)",
       "sessie_of_sleutel",
       {{"Idempotency-Key", "header", "zelfde sleutel: zelfde antwoord"}},
       "NieuweMelding",
       "Melding",
       201},
      {"GET",
       "/api/v1/meldingen/([A-Za-z0-9-]{1,64})",
       "/api/v1/meldingen/{id}",
       "meldingen",
       "Eén melding (ETag = versie)",
       "sessie_of_sleutel",
       {kId, kPurpose},
       nullptr,
       "Melding"},
      {"PATCH",
       "/api/v1/meldingen/([A-Za-z0-9-]{1,64})",
       "/api/v1/meldingen/{id}",
       "meldingen",
       "Categorie, prioriteit, afdeling of behandelaar wijzigen (If-Match)",
       "sessie_of_sleutel",
       {kId, {"If-Match", "header", "de ETag die u las"}},
       "MeldingWijziging",
       "Melding"},
      {"GET",
       "/api/v1/meldingen/([A-Za-z0-9-]{1,64})/historie",
       "/api/v1/meldingen/{id}/historie",
       "meldingen",
       "Wat er met de melding gebeurde",
       "sessie_of_sleutel",
       {kId},
       nullptr,
       nullptr},
      {"POST",
       "/api/v1/meldingen/([A-Za-z0-9-]{1,64})/statuswijzigingen",
       "/api/v1/meldingen/{id}/statuswijzigingen",
       "meldingen",
       "De status wijzigen",
       "sessie_of_sleutel",
       {kId},
       "Statuswijziging",
       "Melding"},
      {"POST",
       "/api/v1/meldingen/([A-Za-z0-9-]{1,64})/notities",
       "/api/v1/meldingen/{id}/notities",
       "meldingen",
       "Een notitie toevoegen",
       "sessie_of_sleutel",
       {kId},
       nullptr,
       nullptr,
       201},
      {"GET",
       "/api/v1/meldingen/([A-Za-z0-9-]{1,64})/duplicaten",
       "/api/v1/meldingen/{id}/duplicaten",
       "meldingen",
       "Mogelijke duplicaten (zelfde categorie, dichtbij, recent)",
       "sessie_of_sleutel",
       {kId},
       nullptr,
       nullptr},
      {"POST",
       "/api/v1/meldingen/([A-Za-z0-9-]{1,64})/samenvoegen",
       "/api/v1/meldingen/{id}/samenvoegen",
       "meldingen",
       "Samenvoegen met het origineel (duplicaat)",
       "sessie_of_sleutel",
       {kId},
       nullptr,
       "Melding"},
      {"POST",
       "/api/v1/meldingen/([A-Za-z0-9-]{1,64})/splitsen",
       "/api/v1/meldingen/{id}/splitsen",
       "meldingen",
       "Splitsen in deelmeldingen ({delen: [{categorie, tekst}]})",
       "sessie_of_sleutel",
       {kId, kPurpose},
       nullptr,
       nullptr,
       201},
      {"GET",
       "/api/v1/meldingen/([A-Za-z0-9-]{1,64})/bijlagen/([A-Za-z0-9-]{1,64})",
       "/api/v1/meldingen/{id}/bijlagen/{bijlage}",
       "meldingen",
       "Een bijlage (foto)",
       "sessie_of_sleutel",
       {kId, {"bijlage", "path", "id van de bijlage"}},
       nullptr,
       nullptr},
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
  };
  return docs;
}

json Schemas() {
  const json text = {{"type", "string"}};
  const json time = {{"type", "string"}, {"format", "date-time"}};
  const json point = {
      {"type", "object"},
      {"required", {"type", "coordinates"}},
      {"properties",
       {{"type", {{"type", "string"}, {"enum", {"Point"}}}},
        {"coordinates",
         {{"type", "array"}, {"items", {{"type", "number"}}}, {"minItems", 2}, {"maxItems", 2}}}}}};
  const json code_name = {{"type", "object"}, {"properties", {{"code", text}, {"naam", text}}}};
  return {
      {"Probleem",
       {{"type", "object"},
        {"description", "RFC 9457 problem+json; invalid-params noemt de velden"},
        {"properties",
         {{"type", text},
          {"title", text},
          {"status", {{"type", "integer"}}},
          {"detail", text},
          {"instance", text},
          {"invalid-params",
           {{"type", "array"},
            {"items",
             {{"type", "object"}, {"properties", {{"name", text}, {"reason", text}}}}}}}}}}},
      {"Aanmelding",
       {{"type", "object"},
        {"required", {"gebruikersnaam", "wachtwoord"}},
        {"properties",
         {{"gebruikersnaam", text}, {"wachtwoord", text}, {"totp", text}, {"gemeente", text}}}}},
      {"Sessie",
       {{"type", "object"},
        {"properties",
         {{"gebruiker", text},
          {"rol", text},
          {"csrf_token", text},
          {"tweede_factor_nodig", {{"type", "boolean"}}}}}}},
      {"NieuweMelding",
       {{"type", "object"},
        {"required", {"tekst", "categorie", "locatie"}},
        {"properties",
         {{"tekst", {{"type", "string"}, {"minLength", 5}, {"maxLength", 5000}}},
          {"categorie", text},
          {"locatie", point},
          {"tijdstip", time},
          {"kanaal",
           {{"type", "string"}, {"enum", {"web", "app", "telefoon", "boa", "partner", "import"}}}},
          {"prioriteit", {{"type", "string"}, {"enum", {"laag", "normaal", "hoog"}}}},
          {"melder",
           {{"type", "object"},
            {"properties",
             {{"naam", text},
              {"email", {{"type", "string"}, {"format", "email"}}},
              {"telefoon", text},
              {"toestemming_contact", {{"type", "boolean"}}}}}}},
          {"bijlagen",
           {{"type", "array"},
            {"maxItems", 5},
            {"items",
             {{"type", "object"},
              {"properties",
               {{"naam", text},
                {"type",
                 {{"type", "string"},
                  {"enum", {"image/jpeg", "image/png", "image/webp", "application/pdf"}}}},
                {"inhoud", {{"type", "string"}, {"format", "byte"}}}}}}}}}}}}},
      {"Ontvangstbevestiging",
       {{"type", "object"},
        {"properties",
         {{"nummer", text},
          {"categorie", text},
          {"afhandelbericht", text},
          {"afhandeltermijn", text},
          {"status", text},
          {"volgcode", text},
          {"volg_url", text}}}}},
      {"PubliekeMelding",
       {{"type", "object"},
        {"properties",
         {{"nummer", text},
          {"categorie", text},
          {"status", code_name},
          {"ontvangen", time},
          {"afhandelbericht", text},
          {"verloop", {{"type", "array"}, {"items", {{"type", "object"}}}}}}}}},
      {"Melding",
       {{"type", "object"},
        {"properties",
         {{"id", text},
          {"nummer", text},
          {"tekst", text},
          {"categorie", {{"type", "object"}}},
          {"gevoeligheid",
           {{"type", "string"}, {"enum", {"public", "internal", "confidential", "special"}}}},
          {"status", code_name},
          {"locatie", point},
          {"rd", {{"type", "object"}}},
          {"buurt", text},
          {"wijk", text},
          {"tijdstip", time},
          {"ontvangen", time},
          {"kanaal", text},
          {"afdeling", text},
          {"behandelaar", text},
          {"prioriteit", text},
          {"termijn", time},
          {"tijdigheid", {{"type", "string"}, {"enum", {"op_tijd", "te_laat", "ruim_te_laat"}}}},
          {"afgehandeld_op", time},
          {"melder", {{"type", "object"}, {"nullable", true}}},
          {"bijlagen", {{"type", "array"}, {"items", {{"type", "object"}}}}},
          {"versie", {{"type", "integer"}}}}}}},
      {"MeldingLijst",
       {{"type", "object"},
        {"properties",
         {{"meldingen", {{"type", "array"}, {"items", {{"$ref", "#/components/schemas/Melding"}}}}},
          {"volgende", text}}}}},
      {"MeldingWijziging",
       {{"type", "object"},
        {"properties",
         {{"categorie", text}, {"prioriteit", text}, {"afdeling", text}, {"behandelaar", text}}}}},
      {"Statuswijziging",
       {{"type", "object"},
        {"required", {"status"}},
        {"properties", {{"status", text}, {"tekst_melder", text}, {"notitie", text}}}}},
      {"Categorieen", {{"type", "object"}}},
  };
}

json Operation(const RouteDoc& d) {
  json op = {{"summary", d.summary}, {"tags", {d.tag}}};
  json params = json::array();
  for (const Param& p : d.params) {
    params.push_back({{"name", p.name},
                      {"in", p.in},
                      {"required", std::string(p.in) == "path"},
                      {"description", p.description},
                      {"schema", {{"type", "string"}}}});
  }
  if (!params.empty()) op["parameters"] = params;
  if (d.request_schema != nullptr) {
    op["requestBody"] = {
        {"required", true},
        {"content",
         {{"application/json",
           {{"schema", {{"$ref", std::string("#/components/schemas/") + d.request_schema}}}}}}}};
  }
  json ok = {{"description", "gelukt"}};
  if (d.response_schema != nullptr) {
    ok["content"] = {
        {"application/json",
         {{"schema", {{"$ref", std::string("#/components/schemas/") + d.response_schema}}}}}};
  }
  const json problem = {
      {"description", "fout"},
      {"content",
       {{"application/problem+json", {{"schema", {{"$ref", "#/components/schemas/Probleem"}}}}}}}};
  op["responses"] = {{std::to_string(d.success), ok}, {"400", problem}, {"default", problem}};
  const std::string security = d.security;
  if (security == "publiek") {
    op["security"] = json::array();
  } else if (security == "sessie") {
    op["security"] = {{{"sessie", json::array()}}};
  } else if (security == "sessie_of_sleutel") {
    op["security"] = {{{"sessie", json::array()}}, {{"sleutel", json::array()}}};
    op["responses"]["401"] = problem;
    op["responses"]["403"] = problem;
  } else {
    op["security"] = json::array();
    op["description"] = "De API-sleutel staat in het formulierveld api_key (Open311).";
  }
  return op;
}

}  // namespace

std::string BuildOpenApiDocument(const std::vector<RouteInfo>& routes) {
  json paths = json::object();
  json undocumented = json::array();
  for (const RouteInfo& r : routes) {
    const RouteDoc* doc = nullptr;
    for (const RouteDoc& d : Docs()) {
      if (r.method == d.method && r.pattern == d.pattern) doc = &d;
    }
    if (doc == nullptr) {
      undocumented.push_back(r.method + " " + r.pattern);
      continue;
    }
    std::string method = r.method;
    for (char& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    paths[doc->path][method] = Operation(*doc);
  }
  json document = {
      {"openapi", "3.0.3"},
      {"info",
       {{"title", "Baken API"},
        {"version", "1.0.0"},
        {"description",
         "Meldingen, gebieden en sessies van Baken. Volgt de NL API Design Rules: "
         "meervoudige zelfstandige naamwoorden, problem+json bij fouten, cursor-paginering."},
        {"contact", {{"name", "Gemeente Groningen"}}}}},
      {"servers", {{{"url", "/"}}}},
      {"paths", paths},
      {"components",
       {{"schemas", Schemas()},
        {"securitySchemes",
         {{"sessie", {{"type", "apiKey"}, {"in", "cookie"}, {"name", "baken_sessie"}}},
          {"sleutel", {{"type", "http"}, {"scheme", "bearer"}}}}}}}};
  if (!undocumented.empty()) document["x-ongedocumenteerd"] = undocumented;
  return document.dump(2);
}

void RegisterOpenApiRoute(AccessGate& gate) {
  Server* server = &gate.server();
  gate.Public("GET", "/api/v1/openapi.json",
              [server](const Request&, const Caller&) -> StatusOr<Response> {
                Response r = Response::Json(BuildOpenApiDocument(server->routes()));
                r.headers.emplace("Cache-Control", "public, max-age=300");
                return r;
              });
}

}  // namespace baken::api
