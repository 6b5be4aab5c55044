// JSON codecs for meldingen: request bodies to signals:: values and meldingen to the API's JSON.
// Field names are Dutch and lower snake case (NL API Design Rules). Decoding errors name the
// field ("locatie.coordinates", "bijlagen[1].inhoud") in Dutch. Pure functions, thread-safe.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "baken/api/internal/http_input.h"  // ParseJsonObject
#include "baken/api/route_spec.h"
#include "baken/base/status.h"
#include "baken/geo/point.h"
#include "baken/security/policy.h"
#include "baken/signals/category.h"
#include "baken/signals/melding.h"
#include "baken/signals/melding_service.h"

namespace baken::api::internal {

// {"tekst", "categorie", "locatie": GeoJSON Point (WGS84) | {"rd": {"x","y"}}, "tijdstip",
//  "kanaal", "prioriteit", "melder": {"naam","email","telefoon","toestemming_contact"},
//  "bijlagen": [{"naam","type","inhoud" (base64)}]}. The idempotency key comes from the
// Idempotency-Key header, not from the body.
StatusOr<signals::NewMelding> DecodeNewMelding(const std::string& body);

// The staff view; personal data masked when `mask_personal_data` (reporter, free text, and the
// names, hashes and links of attachments: a masked record's files cannot be fetched).
nlohmann::json EncodeMelding(const signals::Melding& m, const signals::CategoryCatalog& catalog,
                             Timestamp now, bool mask_personal_data);

// What a reporter sees on the follow page: no names, no internal notes, no department person.
nlohmann::json EncodePublicMelding(const signals::Melding& m,
                                   const std::vector<signals::HistoryEntry>& history,
                                   const signals::CategoryCatalog& catalog);

// Why the personal data of a melding is masked, so the UI can say it: sets "afscherming" to
// {"code": "tweede_factor_nodig" (a sign-in with the second factor would show it) or
// "geen_recht", "reden": the policy's Dutch reason}, or to null when `personal` allows it.
void AddMaskNotice(nlohmann::json& melding, const security::Decision& personal);

// One history entry; masked: free text (except messages to the reporter) and attachment names.
nlohmann::json EncodeHistory(const signals::HistoryEntry& h, bool mask_personal_data);

std::string TimelinessCode(signals::Timeliness t);

// Where the public may see a melding: the centre of its 100 m RD cell, in WGS84 rounded to five
// decimals (the public map and Open311 both show this, never the reported point).
StatusOr<geo::WgsPoint> PublicLocation(const signals::Melding& m);

// The schemas of the JSON above (route_spec.h), kept beside the codecs so they change together.
const SchemaDef& NewMeldingSchema();     // DecodeNewMelding's input
const SchemaDef& MeldingSchema();        // EncodeMelding (+ AddMaskNotice)
const SchemaDef& PublicMeldingSchema();  // EncodePublicMelding
const SchemaDef& HistoryEntrySchema();   // EncodeHistory (+ names for people)

// "a,b,,c" -> {"a", "b", "c"}: comma-separated query values, empty items dropped.
std::vector<std::string> SplitCommaList(const std::string& text);

}  // namespace baken::api::internal
