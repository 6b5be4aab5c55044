// The form body of an Open311 GeoReport v2 service request (POST /open311/v2/requests.{json,xml}),
// application/x-www-form-urlencoded, decoded to the values Baken stores. Every name and value must
// be UTF-8 (a stray byte would otherwise come back in every list that shows the melding);
// service_code, lat and long (WGS84, finite) are required; attribute[tijdstip] is RFC 3339 and
// attribute[toestemming_contact] is "ja" or "nee". Errors are kInvalidArgument with a Dutch message
// naming the form field. Pure functions, thread-safe.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "baken/base/status.h"
#include "baken/signals/melding.h"

namespace baken::api::internal {

using FormFields = std::vector<std::pair<std::string, std::string>>;

// The first value of a field, or empty.
std::string FormValue(const FormFields& form, const std::string& name);

// Every name and value is UTF-8; the error names the field.
Status RequireUtf8Form(const FormFields& form);

// The melding of a service request, for `tenant`, on the app channel. The api_key field and the
// Idempotency-Key header are the caller's business, not part of the melding's values.
StatusOr<signals::NewMelding> DecodeOpen311Melding(const FormFields& form,
                                                   const std::string& tenant);

}  // namespace baken::api::internal
