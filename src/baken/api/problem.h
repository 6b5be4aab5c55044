// Mapping of Status to HTTP: the one place where a StatusCode becomes an HTTP status, and where
// errors become RFC 9457 problem+json bodies with a Dutch title and detail.
//
// Internal errors are never described to the client (the detail is a generic Dutch sentence);
// their real message is for the server log only. Pure functions, thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "baken/base/status.h"

namespace baken::api {

inline constexpr std::string_view kProblemContentType = "application/problem+json";

int HttpStatusFor(StatusCode code);
// The same, except that a failed precondition about the If-Match header (the client's version is
// stale, e.g. CategoryRepository::Update) is 412 Precondition Failed, as RFC 9110 asks.
inline constexpr std::string_view kIfMatchField = "If-Match";
// And a failed precondition about the Idempotency-Key header (the key was used for a different
// request, signals::kIdempotencyKeyField) is 422 Unprocessable Content, as the IETF
// Idempotency-Key draft asks.
inline constexpr std::string_view kIdempotencyKeyField = "Idempotency-Key";
// And an invalid behandelaar (a well-formed user name of nobody who can take the melding: unknown,
// disabled or of another department) is 422 Unprocessable Content: the request is understood,
// the person it names is not there.
inline constexpr std::string_view kAssigneeField = "behandelaar";
int HttpStatusFor(const Status& status);

// {"type":"https://baken.nl/problemen/invalid_argument","title":"Ongeldige invoer","status":400,
//  "detail":"...","instance":"/api/v1/...","code":"invalid_argument","invalid-params":[{"name":
//  "field","reason":"..."}]}
// `code` replaces the machine-readable "code" member (default: the StatusCode's name), for
// answers a client acts on, e.g. "totp_instellen_vereist".
std::string ProblemJson(const Status& status, std::string_view instance,
                        std::string_view code = {});

}  // namespace baken::api
