// RouteDecl: one HTTP route declared once: method, path, parameters, request and response schemas,
// the access it needs and a summary. AccessGate::Route registers the handler from it, and the
// OpenAPI document (GET /api/v1/openapi.json, web/openapi.json) is generated from the same
// declarations (openapi.cc), so the server, the document and the UI's generated types cannot
// drift apart (docs/adr/0019-routes-declared-once.md).
//
// SchemaDef: a named JSON Schema (OpenAPI 3.0 dialect: `nullable`, no type arrays) that lives next
// to the codec that writes or reads that JSON (e.g. internal/melding_json.cc), so a field added
// to a codec is added to its schema in the same file. A schema that refers to another with
// SchemaRef lists it in `uses`, so the generator puts both under components/schemas.
//
// Declarations are plain values; build them in the module that registers the route. Not
// thread-safe to change after registration (nothing does).
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "baken/security/policy.h"

namespace baken::api {

struct SchemaDef {
  const char* name;                    // component name, e.g. "Melding"
  nlohmann::json (*body)();            // the schema itself
  std::vector<const SchemaDef*> uses;  // schemas it refers to with SchemaRef
};

// {"$ref": "#/components/schemas/<name>"}.
nlohmann::json SchemaRef(const SchemaDef& schema);

struct ParamDecl {
  std::string name;
  std::string in;  // "path", "query" or "header"
  std::string description;
  std::string type = "string";           // "string", "integer", "number" or "boolean"
  std::vector<std::string> values = {};  // an enum, when the parameter takes only these
  bool required = false;                 // path parameters are always required
};

struct ResponseDecl {
  int status = 200;
  std::string description;
  const SchemaDef* schema = nullptr;  // null: no JSON body (or one described only in words)
  std::string content_type = "application/json";  // a file route: its types, comma-separated
};

// Who may call a route.
enum class RouteAccess { kPublic, kSignedIn, kPolicy };

// The policy's view of a Protected route (security::Decide): what it touches and for which
// purposes.
struct RouteSpec {
  std::string method;  // "GET", "POST", ...
  std::string pattern;
  security::Resource resource = security::Resource::kCaseData;
  security::Action action = security::Action::kRead;
  security::Sensitivity sensitivity = security::Sensitivity::kInternal;
  std::vector<security::Purpose> purposes;  // the purposes this route serves; empty: any
  std::string audit_action;                 // e.g. "gebruikers.lijst"
  std::string rate_group;                   // empty: no limit
};

struct RouteDecl {
  std::string method;   // "GET", "POST", "PUT", "PATCH" or "DELETE"
  std::string pattern;  // the regex the server matches; capture groups are the path parameters
  std::string path;     // the OpenAPI template ("/api/v1/meldingen/{id}"); empty: `pattern`
  std::string tag;      // "meldingen", "publiek", "sessies", "beheer", ...
  std::string summary;  // Dutch, for people reading the document
  RouteAccess access = RouteAccess::kPublic;
  // For kPolicy: resource, action, sensitivity, purposes, audit action (method and pattern are
  // taken from the declaration). rate_group applies to every access kind.
  RouteSpec policy;
  std::vector<ParamDecl> params;
  const SchemaDef* request = nullptr;  // JSON request body, required when set
  // The answers besides problem+json errors (which every route can give). The first is the
  // success answer; more for e.g. a 200 replay next to a 201 create.
  std::vector<ResponseDecl> responses = {{200, "gelukt"}};
  // Four eyes (ADR 0011): the change may wait for a second person and then answers 202.
  bool may_await_approval = false;
  // How the caller authenticates when that is not the gate's way (Open311's api_key form field).
  std::string security_note;
};

// The problem+json schema (RFC 9457) every error answer follows.
const SchemaDef& ProblemSchema();

}  // namespace baken::api
