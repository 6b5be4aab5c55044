// Internal to signals: validation of a NewMelding and the attachment files.
//
// ValidateNewMelding() checks every field and returns the first problem as kInvalidArgument with a
// Dutch message naming the field ("tekst", "locatie", "bijlagen[1].type"). Pure apart from the
// given lookups; thread-safe. Attachment files are written content-addressed (SHA-256 hex) with
// temp file + fsync + rename + directory fsync, so a committed row always finds its file.
#pragma once

#include <string>

#include "baken/geo/area_set.h"
#include "baken/geo/locator.h"
#include "baken/signals/category.h"
#include "baken/signals/melding.h"
#include "baken/signals/melding_service.h"

namespace baken::signals::internal {

struct ValidatedMelding {
  const Category* category = nullptr;
  double x = 0, y = 0, lon = 0, lat = 0;
  std::string buurt;
  std::string wijk;
  Timestamp occurred_at;
};

// kFailedPrecondition for a service started without wijken and buurten in the database.
Status NoMapError();

StatusOr<ValidatedMelding> ValidateNewMelding(const NewMelding& in, Timestamp received,
                                              const CategoryCatalog& catalog,
                                              const geo::AreaSet& areas,
                                              const geo::Locator& locator,
                                              const IntakeLimits& limits, bool with_attachments);

// SHA-256 (hex) over every field of the request (attachments by their content hash): the same
// request sent again has the same hash; any other request under the same Idempotency-Key does not.
std::string RequestHash(const NewMelding& in);

// Number of UTF-8 code points (invalid bytes count as one each).
size_t CodePoints(std::string_view text);

// SHA-256 as lower-case hex.
std::string Sha256Hex(std::string_view bytes);
// BLAKE2b-256 (raw 32 bytes).
std::string Blake2b256(std::string_view bytes);
// `n` random bytes as lower-case hex.
std::string RandomHex(size_t n);

Status WriteAttachmentFile(const std::string& dir, const std::string& sha256_hex,
                           std::string_view bytes);
StatusOr<std::string> ReadAttachmentFile(const std::string& dir, const std::string& sha256_hex);

}  // namespace baken::signals::internal
