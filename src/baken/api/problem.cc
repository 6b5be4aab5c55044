#include "baken/api/problem.h"

#include <nlohmann/json.hpp>

#include "baken/api/internal/schema.h"
#include "baken/api/route_spec.h"

namespace baken::api {

int HttpStatusFor(StatusCode code) {
  switch (code) {
    case StatusCode::kOk: return 200;
    case StatusCode::kInvalidArgument: return 400;
    case StatusCode::kUnauthenticated: return 401;
    case StatusCode::kPermissionDenied: return 403;
    case StatusCode::kNotFound: return 404;
    case StatusCode::kAlreadyExists: return 409;
    case StatusCode::kFailedPrecondition: return 409;
    case StatusCode::kResourceExhausted: return 429;
    case StatusCode::kUnavailable: return 503;
    case StatusCode::kInternal: return 500;
  }
  return 500;
}

int HttpStatusFor(const Status& status) {
  if (status.code() == StatusCode::kFailedPrecondition && status.field() == kIfMatchField) {
    return 412;
  }
  if (status.code() == StatusCode::kFailedPrecondition && status.field() == kIdempotencyKeyField) {
    return 422;
  }
  if (status.code() == StatusCode::kInvalidArgument && status.field() == kAssigneeField) {
    return 422;
  }
  return HttpStatusFor(status.code());
}

namespace {
std::string_view TitleFor(const Status& status) {
  if (HttpStatusFor(status) == 412) return "Versie verouderd";
  if (HttpStatusFor(status) == 422 && status.field() == kIdempotencyKeyField) {
    return "Sleutel al gebruikt";
  }
  const StatusCode code = status.code();
  switch (code) {
    case StatusCode::kOk: return "Gelukt";
    case StatusCode::kInvalidArgument: return "Ongeldige invoer";
    case StatusCode::kUnauthenticated: return "Niet aangemeld";
    case StatusCode::kPermissionDenied: return "Geen toegang";
    case StatusCode::kNotFound: return "Niet gevonden";
    case StatusCode::kAlreadyExists: return "Bestaat al";
    case StatusCode::kFailedPrecondition: return "Niet toegestaan in deze toestand";
    case StatusCode::kResourceExhausted: return "Te veel verzoeken";
    case StatusCode::kUnavailable: return "Tijdelijk niet beschikbaar";
    case StatusCode::kInternal: return "Interne fout";
  }
  return "Fout";
}
}  // namespace

std::string ProblemJson(const Status& status, std::string_view instance, std::string_view code_in) {
  nlohmann::json body;
  const std::string code(StatusCodeName(status.code()));
  body["type"] = "https://baken.nl/problemen/" + code;
  body["title"] = TitleFor(status);
  body["status"] = HttpStatusFor(status);
  body["code"] = code_in.empty() ? code : std::string(code_in);
  if (status.code() == StatusCode::kInternal) {
    body["detail"] = "Er ging iets mis aan onze kant. Probeer het later opnieuw.";
  } else {
    body["detail"] = status.message();
  }
  body["instance"] = std::string(instance);
  if (!status.field().empty() && status.code() != StatusCode::kInternal) {
    body["invalid-params"] =
        nlohmann::json::array({{{"name", status.field()}, {"reason", status.message()}}});
  }
  return body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// The schema of ProblemJson's answer (route_spec.h), beside it.
const SchemaDef& ProblemSchema() {
  using namespace internal::schema;  // NOLINT: the schema builders read as a grammar
  static const SchemaDef s{
      "Probleem",
      [] {
        return Described(Obj({{"type", Str()},
                              {"title", Str()},
                              {"status", Int()},
                              {"code", Str("machineleesbaar, bijvoorbeeld totp_instellen_vereist")},
                              {"detail", Str()},
                              {"instance", Str()},
                              {"invalid-params", Arr(Full({{"name", Str()}, {"reason", Str()}}))}},
                             {"type", "title", "status", "detail"}),
                         "RFC 9457 problem+json; invalid-params noemt de velden");
      },
      {}};
  return s;
}

}  // namespace baken::api
