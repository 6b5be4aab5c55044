// Open311 GeoReport v2 under /open311/v2/, in XML and JSON (the extension chooses), with the
// specification's error format. Service requests are meldingen; service codes are Baken's
// category codes; the request id is the melding number.
//
// Privacy choices, documented in docs/api.md: GET requests shows only categories that are on the
// public map (others answer 404 as if absent), never the description or reporter, and gives the
// location as the centre of its 100 m cell. POST needs an API key (form field api_key, or the
// Authorization / X-Api-Key header) whose purposes include melding_afhandelen; media_url is not
// fetched (no outbound connections). status_notes stays empty: Baken's messages are written to
// one reporter, not for the public, and nothing marks a message public (ADR 0013).
#include <cmath>
#include <memory>

#include "baken/api/internal/melding_json.h"
#include "baken/api/internal/open311_format.h"
#include "baken/api/internal/open311_request.h"
#include "baken/api/problem.h"
#include "baken/api/routes.h"
#include "baken/base/time_zone.h"
#include "baken/base/utf8.h"
#include "baken/geo/crs.h"

namespace baken::api {
namespace {

using internal::Open311Format;
using internal::Open311Node;
using Node = internal::Open311Node;

constexpr char kSpecification[] = "http://wiki.open311.org/GeoReport_v2";
constexpr int kMaxResults = 1000;

struct Open311Context {
  AccessGate gate;
  std::shared_ptr<signals::MeldingService> service;
};

Response Render(const Node& root, Open311Format format, int status = 200) {
  Response r;
  r.status = status;
  r.content_type = internal::Open311ContentType(format);
  r.body = internal::RenderOpen311(root, format);
  return r;
}

Response ErrorResponse(int http_status, const std::string& description, Open311Format format) {
  return Render(
      Node::List("errors", {Node::Object("error", {Node::Number("code", http_status),
                                                   Node::Leaf("description", description)})}),
      format, http_status);
}

Response ErrorResponse(const Status& status, Open311Format format) {
  std::string description = status.message();
  if (!status.field().empty()) description = status.field() + ": " + description;
  return ErrorResponse(HttpStatusFor(status), description, format);
}

// Runs `fn`, turning its errors into the Open311 error document.
template <typename Fn>
StatusOr<Response> Guarded(Open311Format format, Fn fn) {
  StatusOr<Response> r = fn();
  if (!r.ok()) return ErrorResponse(r.status(), format);
  return r;
}

Open311Format FormatOf(const Request& request, size_t index) {
  return internal::ParseOpen311Format(request.path_params.at(index)).value_or(Open311Format::kXml);
}

bool PublicCategory(const signals::Category* c) {
  return c != nullptr && c->on_public_map && c->sensitivity <= security::Sensitivity::kInternal;
}

Node ServiceNode(const signals::Category& c, const signals::CategoryCatalog& catalog) {
  const signals::MainCategory* main = catalog.FindMain(c.main_code);
  return Node::Object(
      "service", {Node::Leaf("service_code", c.code), Node::Leaf("service_name", c.public_name),
                  Node::Leaf("description", c.description), Node::Bool("metadata", true),
                  Node::Leaf("type", "realtime"),
                  Node::Leaf("keywords", c.mor_main.empty() ? c.name : c.mor_main + ", " + c.name),
                  Node::Leaf("group", main != nullptr ? main->public_name : c.main_code)});
}

Node RequestNode(const signals::Melding& m, const signals::CategoryCatalog& catalog) {
  const signals::Category* c = catalog.Find(m.category);
  const signals::Department* d = catalog.FindDepartment(m.department);
  StatusOr<geo::WgsPoint> w = internal::PublicLocation(m);
  const double lat = w.ok() ? w->lat : 0;
  const double lon = w.ok() ? w->lon : 0;
  return Node::Object(
      "request",
      {Node::Leaf("service_request_id", m.number),
       Node::Leaf("status", signals::IsClosed(m.state) ? "closed" : "open"),
       Node::Leaf("status_notes", std::nullopt),
       Node::Leaf("service_name", c != nullptr ? c->public_name : m.category),
       Node::Leaf("service_code", m.category), Node::Leaf("description", std::nullopt),
       Node::Leaf("agency_responsible", d != nullptr ? "Gemeente Groningen, " + d->name
                                                     : std::string("Gemeente Groningen")),
       Node::Leaf("service_notice", c != nullptr ? c->handling_message : std::string()),
       Node::Leaf("requested_datetime", FormatRfc3339(m.received_at)),
       Node::Leaf("updated_datetime", FormatRfc3339(m.closed_at.value_or(m.received_at))),
       Node::Leaf("expected_datetime", FormatRfc3339(m.deadline)),
       Node::Leaf("address", std::nullopt), Node::Leaf("address_id", std::nullopt),
       Node::Leaf("zipcode", std::nullopt), Node::Number("lat", lat), Node::Number("long", lon),
       Node::Leaf("media_url", std::nullopt)});
}

using internal::FormValue;

void RegisterDiscoveryAndServices(const Open311Context& ctx) {
  AccessGate gate = ctx.gate;
  gate.Public(
      "GET", R"(/open311/v2/discovery\.(json|xml))",
      [](const Request& request, const Caller&) -> StatusOr<Response> {
        const Open311Format f = FormatOf(request, 0);
        Node endpoint = Node::Object(
            "endpoint",
            {Node::Leaf("specification", kSpecification), Node::Leaf("url", "/open311/v2"),
             Node::Leaf("changeset", "2026-11-28T00:00:00Z"), Node::Leaf("type", "production"),
             Node::List("formats", {Node::Leaf("format", "text/xml"),
                                    Node::Leaf("format", "application/json")})});
        return Render(
            Node::Object("discovery",
                         {Node::Leaf("changeset", "2026-11-28T00:00:00Z"),
                          Node::Leaf("contact", "Gemeente Groningen, telefoon 14 050"),
                          Node::Leaf("key_service", "API-sleutels via de functioneel beheerder"),
                          Node::List("endpoints", {endpoint})}),
            f);
      });

  gate.Public("GET", R"(/open311/v2/services\.(json|xml))",
              [ctx](const Request& request, const Caller&) -> StatusOr<Response> {
                const signals::CategoryCatalog& catalog = ctx.service->catalog();
                std::vector<Node> services;
                for (const signals::Category& c : catalog.categories()) {
                  if (c.active) services.push_back(ServiceNode(c, catalog));
                }
                return Render(Node::List("services", std::move(services)), FormatOf(request, 0));
              });

  gate.Public(
      "GET", R"(/open311/v2/services/([a-z0-9_-]{1,64})\.(json|xml))",
      [ctx](const Request& request, const Caller&) -> StatusOr<Response> {
        const Open311Format f = FormatOf(request, 1);
        const signals::Category* c = ctx.service->catalog().Find(request.path_params.at(0));
        if (c == nullptr || !c->active) {
          return ErrorResponse(404, "Onbekende service_code '" + request.path_params.at(0) + "'.",
                               f);
        }
        auto value = [](std::string key, std::string name) {
          return Node::Object(
              "value", {Node::Leaf("key", std::move(key)), Node::Leaf("name", std::move(name))});
        };
        std::vector<Node> attributes = {
            Node::Object(
                "attribute",
                {Node::Bool("variable", true), Node::Leaf("code", "tijdstip"),
                 Node::Leaf("datatype", "datetime"), Node::Bool("required", false),
                 Node::Leaf("datatype_description", "Wanneer het gebeurde, ISO 8601 met tijdzone."),
                 Node::Number("order", 1),
                 Node::Leaf("description", "Wanneer zag of hoorde u het?")}),
            Node::Object(
                "attribute",
                {Node::Bool("variable", true), Node::Leaf("code", "toestemming_contact"),
                 Node::Leaf("datatype", "singlevaluelist"), Node::Bool("required", false),
                 Node::Leaf("datatype_description", std::nullopt), Node::Number("order", 2),
                 Node::Leaf("description", "Mogen wij contact met u opnemen over deze melding?"),
                 Node::List("values", {value("ja", "Ja"), value("nee", "Nee")})})};
        return Render(
            Node::Object("service_definition", {Node::Leaf("service_code", c->code),
                                                Node::List("attributes", std::move(attributes))}),
            f);
      });
}

void RegisterRequests(const Open311Context& ctx) {
  AccessGate gate = ctx.gate;
  gate.Public(
      "POST", R"(/open311/v2/requests\.(json|xml))",
      [ctx](const Request& request, const Caller& caller) -> StatusOr<Response> {
        const Open311Format f = FormatOf(request, 0);
        return Guarded(f, [&]() -> StatusOr<Response> {
          const auto form = internal::ParseFormBody(request.body);
          RETURN_IF_ERROR(internal::RequireUtf8Form(form));
          // The key: the specification's form field, or a header (then the gate resolved it).
          std::optional<security::ApiClient> client;
          const std::string key = FormValue(form, "api_key");
          if (!key.empty()) {
            StatusOr<security::ApiClient> c = ctx.gate.services().api_keys.Authenticate(key);
            if (!c.ok()) return ErrorResponse(403, "Ongeldige api_key.", f);
            client = *c;
          }
          security::Principal principal;
          std::vector<security::Purpose> purposes;
          std::string client_id;
          if (client) {
            principal = client->AsPrincipal();
            purposes = client->purposes;
            client_id = client->id;
          } else if (!caller.api_client_id.empty()) {
            principal = caller.principal;
            purposes = caller.api_key_purposes;
            client_id = caller.api_client_id;
          } else {
            return ErrorResponse(403, "Een api_key is verplicht om een melding te doen.", f);
          }
          if (std::find(purposes.begin(), purposes.end(), security::Purpose::kMeldingAfhandelen) ==
              purposes.end()) {
            return ErrorResponse(403, "Deze api_key mag geen meldingen doen.", f);
          }
          security::AccessRequest access;
          access.principal = principal;
          access.purpose = security::Purpose::kMeldingAfhandelen;
          access.action = security::Action::kCreate;
          access.sensitivity = security::Sensitivity::kInternal;
          access.record_tenant = ctx.gate.services().options.tenant;
          access.resource = security::Resource::kCaseData;
          const security::Decision decision = security::Decide(access);
          if (!decision.allowed) return ErrorResponse(403, decision.reason, f);

          ASSIGN_OR_RETURN(signals::NewMelding m, internal::DecodeOpen311Melding(
                                                      form, ctx.gate.services().options.tenant));
          m.idempotency_key = request.Header("Idempotency-Key");
          signals::Actor actor;
          actor.id = "api:" + client_id;
          actor.role = std::string(security::RoleCode(principal.role));
          actor.purpose = "melding_afhandelen";
          actor.address = request.remote_address;
          ASSIGN_OR_RETURN(signals::Created created, ctx.service->Create(m, actor));
          const signals::Category* c = ctx.service->catalog().Find(created.melding.category);
          return Render(
              Node::List(
                  "service_requests",
                  {Node::Object("request",
                                {Node::Leaf("service_request_id", created.melding.number),
                                 Node::Leaf("service_notice",
                                            c != nullptr ? c->handling_message : std::string()),
                                 Node::Leaf("account_id", std::nullopt)})}),
              f, created.replayed ? 200 : 201);
        });
      },
      std::string(kRatePublicIntake));

  gate.Public(
      "GET", R"(/open311/v2/requests\.(json|xml))",
      [ctx](const Request& request, const Caller&) -> StatusOr<Response> {
        const Open311Format f = FormatOf(request, 0);
        return Guarded(f, [&]() -> StatusOr<Response> {
          const signals::CategoryCatalog& catalog = ctx.service->catalog();
          const std::string tenant = ctx.gate.services().options.tenant;
          std::vector<Node> items;
          const std::string ids = request.Query("service_request_id");
          if (!ids.empty()) {
            // The specification: other parameters are ignored when ids are given.
            for (const std::string& id : internal::SplitCommaList(ids)) {
              StatusOr<signals::Melding> m = ctx.service->Get(tenant, id);
              if (m.ok() && PublicCategory(catalog.Find(m->category))) {
                items.push_back(RequestNode(*m, catalog));
              }
            }
            return Render(Node::List("service_requests", std::move(items)), f);
          }
          signals::ListQuery q;
          q.tenant = tenant;
          q.visibility = {security::Sensitivity::kInternal};
          const Timestamp now = ctx.gate.services().clock.Now();
          q.received_to = now + std::chrono::seconds(1);
          q.received_from = now - std::chrono::days(90);
          if (const std::string v = request.Query("end_date"); !v.empty()) {
            ASSIGN_OR_RETURN(Timestamp t, ParseRfc3339(v, "end_date"));
            q.received_to = t;
            if (request.Query("start_date").empty()) q.received_from = t - std::chrono::days(90);
          }
          if (const std::string v = request.Query("start_date"); !v.empty()) {
            ASSIGN_OR_RETURN(Timestamp t, ParseRfc3339(v, "start_date"));
            q.received_from = t;
          }
          if (*q.received_to - *q.received_from > std::chrono::days(90) + std::chrono::minutes(1)) {
            return InvalidArgumentError("Vraag hoogstens 90 dagen tegelijk op.", "start_date");
          }
          const std::vector<std::string> codes =
              internal::SplitCommaList(request.Query("service_code"));
          for (const signals::Category& c : catalog.categories()) {
            if (!PublicCategory(&c)) continue;
            if (codes.empty() || std::find(codes.begin(), codes.end(), c.code) != codes.end()) {
              q.categories.push_back(c.code);
            }
          }
          if (q.categories.empty()) return Render(Node::List("service_requests", {}), f);
          const std::string status = request.Query("status");
          if (!status.empty()) {
            const auto wanted = internal::SplitCommaList(status);
            const bool open = std::find(wanted.begin(), wanted.end(), "open") != wanted.end();
            const bool closed = std::find(wanted.begin(), wanted.end(), "closed") != wanted.end();
            if (!open && !closed) {
              return InvalidArgumentError("Kies status open of closed.", "status");
            }
            if (open != closed) q.open = open;
          }
          q.limit = 500;
          while (static_cast<int>(items.size()) < kMaxResults) {
            ASSIGN_OR_RETURN(signals::Page page, ctx.service->List(q));
            for (const auto& m : page.items) {
              if (static_cast<int>(items.size()) < kMaxResults) {
                items.push_back(RequestNode(m, catalog));
              }
            }
            if (page.next_cursor.empty()) break;
            q.cursor = page.next_cursor;
          }
          return Render(Node::List("service_requests", std::move(items)), f);
        });
      });

  gate.Public(
      "GET", R"(/open311/v2/requests/([A-Za-z0-9-]{1,64})\.(json|xml))",
      [ctx](const Request& request, const Caller&) -> StatusOr<Response> {
        const Open311Format f = FormatOf(request, 1);
        return Guarded(f, [&]() -> StatusOr<Response> {
          const std::string tenant = ctx.gate.services().options.tenant;
          StatusOr<signals::Melding> m = ctx.service->Get(tenant, request.path_params.at(0));
          if (!m.ok() || !PublicCategory(ctx.service->catalog().Find(m->category))) {
            return ErrorResponse(
                404, "Onbekende service_request_id '" + request.path_params.at(0) + "'.", f);
          }
          return Render(Node::List("service_requests", {RequestNode(*m, ctx.service->catalog())}),
                        f);
        });
      });
}

}  // namespace

void RegisterOpen311Routes(AccessGate& gate, std::shared_ptr<signals::MeldingService> service) {
  Open311Context ctx{gate, std::move(service)};
  RegisterDiscoveryAndServices(ctx);
  RegisterRequests(ctx);
}

}  // namespace baken::api
