#include "baken/signals/internal/intake.h"

#include <fcntl.h>
#include <sodium.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "baken/base/encoding.h"
#include "baken/base/utf8.h"
#include "baken/geo/crs.h"

namespace baken::signals::internal {

namespace {

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

bool MagicMatches(std::string_view type, std::string_view b) {
  if (type == "image/jpeg") return StartsWith(b, "\xFF\xD8\xFF");
  if (type == "image/png") return StartsWith(b, "\x89PNG\r\n\x1A\n");
  if (type == "image/webp")
    return b.size() >= 12 && StartsWith(b, "RIFF") && b.substr(8, 4) == "WEBP";
  if (type == "application/pdf") return StartsWith(b, "%PDF-");
  return false;
}

bool ValidEmail(std::string_view e) {
  if (e.size() > 254) return false;
  const size_t at = e.find('@');
  if (at == std::string_view::npos || at == 0 || e.find('@', at + 1) != std::string_view::npos) {
    return false;
  }
  const std::string_view domain = e.substr(at + 1);
  const size_t dot = domain.find('.');
  if (dot == std::string_view::npos || dot == 0 || domain.back() == '.') return false;
  for (char c : e) {
    if (std::isspace(static_cast<unsigned char>(c)) || c == ',' || c == ';' || c == '<' ||
        c == '>') {
      return false;
    }
  }
  return domain.find("..") == std::string_view::npos;
}

bool ValidPhone(std::string_view p) {
  int digits = 0;
  for (size_t i = 0; i < p.size(); ++i) {
    const char c = p[i];
    if (std::isdigit(static_cast<unsigned char>(c))) {
      ++digits;
    } else if (!(c == ' ' || c == '-' || c == '(' || c == ')' || (c == '+' && i == 0))) {
      return false;
    }
  }
  return digits >= 10 && digits <= 15;
}

Status SyncDirectory(const std::string& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY);
  if (fd < 0) return UnavailableError("De bijlagenmap kan niet worden geopend.");
  const int rc = ::fsync(fd);
  ::close(fd);
  return rc == 0 ? Status::Ok() : UnavailableError("De bijlagenmap kan niet worden bijgewerkt.");
}

// Stored text must be UTF-8, whatever the channel (JSON, Open311 form, import): a stray byte
// would come back in every list and export that shows it.
Status RequireUtf8Fields(const NewMelding& in) {
  RETURN_IF_ERROR(RequireUtf8(in.text, "tekst"));
  RETURN_IF_ERROR(RequireUtf8(in.category, "categorie"));
  RETURN_IF_ERROR(RequireUtf8(in.reporter.name, "melder.naam"));
  RETURN_IF_ERROR(RequireUtf8(in.reporter.email, "melder.email"));
  RETURN_IF_ERROR(RequireUtf8(in.reporter.phone, "melder.telefoon"));
  RETURN_IF_ERROR(RequireUtf8(in.idempotency_key, "Idempotency-Key"));
  RETURN_IF_ERROR(RequireUtf8(in.source_id, "bron_id"));
  for (size_t i = 0; i < in.attachments.size(); ++i) {
    RETURN_IF_ERROR(
        RequireUtf8(in.attachments[i].file_name, "bijlagen[" + std::to_string(i) + "].naam"));
  }
  return Status::Ok();
}

}  // namespace

size_t CodePoints(std::string_view text) {
  size_t n = 0;
  for (unsigned char c : text) n += (c & 0xC0) != 0x80;
  return n;
}

Status NoMapError() {
  return FailedPreconditionError(
      "Er zijn nog geen wijken en buurten geladen, dus een locatie kan niet worden bepaald. "
      "Voer eerst 'baken areas import' uit.");
}

StatusOr<ValidatedMelding> ValidateNewMelding(const NewMelding& in, Timestamp received,
                                              const CategoryCatalog& catalog,
                                              const geo::AreaSet& areas,
                                              const geo::Locator& locator,
                                              const IntakeLimits& limits, bool with_attachments) {
  ValidatedMelding v;
  if (in.tenant != catalog.tenant()) {
    return InvalidArgumentError("Onbekende gemeente '" + in.tenant + "'.", "gemeente");
  }
  RETURN_IF_ERROR(RequireUtf8Fields(in));
  // tekst
  std::string_view text = in.text;
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) {
    text.remove_prefix(1);
  }
  const size_t length = CodePoints(text);
  if (length < limits.min_text) {
    return InvalidArgumentError(
        "Beschrijf de melding in ten minste " + std::to_string(limits.min_text) + " tekens.",
        "tekst");
  }
  if (CodePoints(in.text) > limits.max_text) {
    return InvalidArgumentError(
        "De beschrijving mag hoogstens " + std::to_string(limits.max_text) + " tekens lang zijn.",
        "tekst");
  }
  // categorie
  if (in.category.empty()) return InvalidArgumentError("Kies een categorie.", "categorie");
  ASSIGN_OR_RETURN(v.category, catalog.Require(in.category, "categorie"));
  // locatie
  if (!std::isfinite(in.location.a) || !std::isfinite(in.location.b)) {
    return InvalidArgumentError("De locatie heeft geen geldige coördinaten.", "locatie");
  }
  if (in.location.crs == GivenLocation::Crs::kWgs84) {
    const geo::WgsPoint w{in.location.a, in.location.b};
    Status s = geo::CheckWgs(w);
    if (!s.ok()) return InvalidArgumentError(s.message(), "locatie");
    auto rd = geo::WgsToRd(w);
    if (!rd.ok()) return InvalidArgumentError(rd.status().message(), "locatie");
    v.lon = w.lon, v.lat = w.lat, v.x = rd->x, v.y = rd->y;
  } else {
    const geo::RdPoint r{in.location.a, in.location.b};
    Status s = geo::CheckRd(r);
    if (!s.ok()) return InvalidArgumentError(s.message(), "locatie");
    auto w = geo::RdToWgs(r);
    if (!w.ok()) return InvalidArgumentError(w.status().message(), "locatie");
    v.lon = w->lon, v.lat = w->lat, v.x = r.x, v.y = r.y;
  }
  const geo::LocateResult where = locator.Locate({v.x, v.y});
  if (where.buurt == nullptr && where.wijk == nullptr) {
    const geo::Area* gemeente = areas.Find(in.tenant);
    const std::string name = gemeente != nullptr ? gemeente->name : "Groningen";
    return InvalidArgumentError("Deze locatie ligt buiten de gemeente " + name + ".", "locatie");
  }
  if (where.buurt != nullptr) v.buurt = where.buurt->code;
  if (where.wijk != nullptr) v.wijk = where.wijk->code;
  // tijdstip
  v.occurred_at = in.occurred_at.value_or(received);
  if (v.occurred_at > received + std::chrono::seconds(limits.max_future_seconds)) {
    return InvalidArgumentError("Het tijdstip ligt in de toekomst.", "tijdstip");
  }
  const Timestamp earliest = std::chrono::sys_days(std::chrono::year(limits.min_year) / 1 / 1);
  if (v.occurred_at < earliest) {
    return InvalidArgumentError("Het tijdstip ligt vóór " + std::to_string(limits.min_year) + ".",
                                "tijdstip");
  }
  // melder
  if (!in.reporter.email.empty() && !ValidEmail(in.reporter.email)) {
    return InvalidArgumentError("Dit is geen geldig e-mailadres.", "melder.email");
  }
  if (!in.reporter.phone.empty() && !ValidPhone(in.reporter.phone)) {
    return InvalidArgumentError("Dit is geen geldig telefoonnummer (10 tot 15 cijfers).",
                                "melder.telefoon");
  }
  if (CodePoints(in.reporter.name) > 200) {
    return InvalidArgumentError("De naam is te lang.", "melder.naam");
  }
  // bijlagen
  if (!with_attachments && !in.attachments.empty()) {
    return InvalidArgumentError("Bijlagen kunnen niet worden geïmporteerd.", "bijlagen");
  }
  if (in.attachments.size() > limits.max_attachments) {
    return InvalidArgumentError(
        "Voeg hoogstens " + std::to_string(limits.max_attachments) + " bijlagen toe.", "bijlagen");
  }
  for (size_t i = 0; i < in.attachments.size(); ++i) {
    const NewAttachment& a = in.attachments[i];
    const std::string field = "bijlagen[" + std::to_string(i) + "]";
    const std::string& t = a.content_type;
    if (std::find(limits.attachment_types.begin(), limits.attachment_types.end(), t) ==
        limits.attachment_types.end()) {
      return InvalidArgumentError(
          "Alleen foto's (JPEG, PNG, WebP) en PDF-bestanden kunnen worden toegevoegd.",
          field + ".type");
    }
    if (a.bytes.empty()) {
      return InvalidArgumentError("Het bestand is leeg.", field + ".grootte");
    }
    if (a.bytes.size() > limits.max_attachment_bytes) {
      return InvalidArgumentError("Het bestand is groter dan " +
                                      std::to_string(limits.max_attachment_bytes / (1024 * 1024)) +
                                      " MB.",
                                  field + ".grootte");
    }
    if (!MagicMatches(t, a.bytes)) {
      return InvalidArgumentError("De inhoud van het bestand past niet bij het type " + t + ".",
                                  field + ".type");
    }
    if (a.file_name.empty() || a.file_name.size() > 255 ||
        a.file_name.find_first_of("/\\") != std::string::npos) {
      return InvalidArgumentError("Geef een geldige bestandsnaam.", field + ".naam");
    }
  }
  return v;
}

namespace {
// Length-prefixed, so no two different field lists give the same bytes.
void AppendField(std::string& out, std::string_view field) {
  out += std::to_string(field.size());
  out += ':';
  out += field;
}
}  // namespace

std::string RequestHash(const NewMelding& in) {
  std::string canonical;
  char number[64];
  AppendField(canonical, in.tenant);
  AppendField(canonical, in.text);
  AppendField(canonical, in.category);
  std::snprintf(number, sizeof number, "%d %.17g %.17g", static_cast<int>(in.location.crs),
                in.location.a, in.location.b);
  AppendField(canonical, number);
  AppendField(canonical,
              in.occurred_at ? std::to_string(ToUnixMicros(*in.occurred_at)) : std::string("-"));
  AppendField(canonical, ChannelCode(in.channel));
  AppendField(canonical, in.reporter.name);
  AppendField(canonical, in.reporter.email);
  AppendField(canonical, in.reporter.phone);
  AppendField(canonical, in.reporter.consent_to_contact ? "1" : "0");
  for (const NewAttachment& a : in.attachments) {
    AppendField(canonical, a.file_name);
    AppendField(canonical, a.content_type);
    AppendField(canonical, Sha256Hex(a.bytes));
  }
  AppendField(canonical, in.source_id);
  AppendField(canonical, in.priority ? PriorityCode(*in.priority) : std::string_view("-"));
  return Sha256Hex(canonical);
}

std::string Sha256Hex(std::string_view bytes) {
  unsigned char out[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(out, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  return HexEncode(std::string_view(reinterpret_cast<const char*>(out), sizeof out));
}

std::string Blake2b256(std::string_view bytes) {
  std::string out(32, '\0');
  crypto_generichash(reinterpret_cast<unsigned char*>(out.data()), out.size(),
                     reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), nullptr,
                     0);
  return out;
}

std::string RandomHex(size_t n) {
  if (sodium_init() < 0) std::abort();  // no usable randomness: never hand out weak tokens
  std::string raw(n, '\0');
  randombytes_buf(raw.data(), n);
  return HexEncode(raw);
}

Status WriteAttachmentFile(const std::string& dir, const std::string& sha256_hex,
                           std::string_view bytes) {
  std::error_code ec;
  // Photos of people and places: readable by the server's user only (also a folder that an
  // older version made 0755).
  std::filesystem::create_directories(dir, ec);
  std::filesystem::permissions(dir, std::filesystem::perms::owner_all, ec);
  const std::string final_path = dir + "/" + sha256_hex;
  if (std::filesystem::exists(final_path, ec)) return Status::Ok();  // same bytes already stored
  const std::string tmp = final_path + ".tmp." + RandomHex(8);
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return UnavailableError("De bijlage kan niet worden opgeslagen.");
  size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n <= 0) {
      ::close(fd);
      ::unlink(tmp.c_str());
      return UnavailableError("De bijlage kan niet worden opgeslagen.");
    }
    done += static_cast<size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0 || ::rename(tmp.c_str(), final_path.c_str()) != 0) {
    ::unlink(tmp.c_str());
    return UnavailableError("De bijlage kan niet worden opgeslagen.");
  }
  return SyncDirectory(dir);
}

StatusOr<std::string> ReadAttachmentFile(const std::string& dir, const std::string& sha256_hex) {
  std::ifstream in(dir + "/" + sha256_hex, std::ios::binary);
  if (!in) return NotFoundError("Het bestand van de bijlage is niet gevonden.");
  std::ostringstream out;
  out << in.rdbuf();
  std::string bytes = std::move(out).str();
  if (Sha256Hex(bytes) != sha256_hex) return InternalError("bijlage is beschadigd");
  return bytes;
}

}  // namespace baken::signals::internal
