#include "baken/api/internal/open311_request.h"

#include <cmath>

#include "baken/base/time_zone.h"
#include "baken/base/utf8.h"

namespace baken::api::internal {

namespace {

StatusOr<double> Coordinate(const std::string& text, const char* field) {
  if (text.empty()) {
    return InvalidArgumentError("lat en long zijn verplicht (WGS84, decimale graden).", field);
  }
  try {
    size_t used = 0;
    double v = std::stod(text, &used);
    if (used == text.size() && std::isfinite(v)) return v;
  } catch (...) {
  }
  return InvalidArgumentError("Geen geldig getal: '" + text + "'.", field);
}

}  // namespace

std::string FormValue(const FormFields& form, const std::string& name) {
  for (const auto& [k, v] : form) {
    if (k == name) return v;
  }
  return {};
}

Status RequireUtf8Form(const FormFields& form) {
  for (const auto& [k, v] : form) {
    if (!IsValidUtf8(k)) return RequireUtf8(k, "formulier");
    RETURN_IF_ERROR(RequireUtf8(v, k));
  }
  return Status::Ok();
}

StatusOr<signals::NewMelding> DecodeOpen311Melding(const FormFields& form,
                                                   const std::string& tenant) {
  RETURN_IF_ERROR(RequireUtf8Form(form));
  signals::NewMelding m;
  m.tenant = tenant;
  m.channel = signals::Channel::kApp;
  m.category = FormValue(form, "service_code");
  if (m.category.empty()) {
    return InvalidArgumentError("service_code is verplicht.", "service_code");
  }
  m.text = FormValue(form, "description");
  ASSIGN_OR_RETURN(double lat, Coordinate(FormValue(form, "lat"), "lat"));
  ASSIGN_OR_RETURN(double lon, Coordinate(FormValue(form, "long"), "long"));
  m.location = {signals::GivenLocation::Crs::kWgs84, lon, lat};
  std::string name = FormValue(form, "first_name");
  const std::string last = FormValue(form, "last_name");
  if (!last.empty()) name += (name.empty() ? "" : " ") + last;
  m.reporter.name = name;
  m.reporter.email = FormValue(form, "email");
  m.reporter.phone = FormValue(form, "phone");
  const std::string when = FormValue(form, "attribute[tijdstip]");
  if (!when.empty()) {
    ASSIGN_OR_RETURN(Timestamp t, ParseRfc3339(when, "attribute[tijdstip]"));
    m.occurred_at = t;
  }
  const std::string consent = FormValue(form, "attribute[toestemming_contact]");
  if (!consent.empty() && consent != "ja" && consent != "nee") {
    return InvalidArgumentError("Kies ja of nee.", "attribute[toestemming_contact]");
  }
  m.reporter.consent_to_contact = consent == "ja";
  return m;
}

}  // namespace baken::api::internal
