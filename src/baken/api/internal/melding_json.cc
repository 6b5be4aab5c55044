#include "baken/api/internal/melding_json.h"

#include <sodium.h>

#include <cmath>

#include "baken/api/internal/schema.h"
#include "baken/base/encoding.h"
#include "baken/base/time_zone.h"
#include "baken/geo/crs.h"
#include "baken/security/masking.h"
#include "baken/signals/melding_service.h"
#include "baken/signals/workflow.h"

namespace baken::api::internal {
namespace {

using nlohmann::json;

StatusOr<std::string> OptionalText(const json& obj, const char* key, const std::string& field) {
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return std::string();
  if (!it->is_string()) return InvalidArgumentError("Dit veld moet tekst zijn.", field);
  return it->get<std::string>();
}

StatusOr<signals::GivenLocation> DecodeLocation(const json& j) {
  signals::GivenLocation loc;
  if (!j.is_object()) {
    return InvalidArgumentError(
        "Geef de locatie als GeoJSON-punt {\"type\": \"Point\", \"coordinates\": [lengtegraad, "
        "breedtegraad]} of als {\"rd\": {\"x\": ..., \"y\": ...}}.",
        "locatie");
  }
  if (j.contains("rd")) {
    const json& rd = j["rd"];
    if (!rd.is_object() || !rd.contains("x") || !rd.contains("y") || !rd["x"].is_number() ||
        !rd["y"].is_number()) {
      return InvalidArgumentError("Geef RD-coördinaten als getallen x en y in meters.",
                                  "locatie.rd");
    }
    loc.crs = signals::GivenLocation::Crs::kRd;
    loc.a = rd["x"].get<double>();
    loc.b = rd["y"].get<double>();
    return loc;
  }
  if (!j.contains("type") || j["type"] != "Point") {
    return InvalidArgumentError("De locatie moet een GeoJSON-punt (type Point) zijn.",
                                "locatie.type");
  }
  if (!j.contains("coordinates") || !j["coordinates"].is_array() || j["coordinates"].size() != 2 ||
      !j["coordinates"][0].is_number() || !j["coordinates"][1].is_number()) {
    return InvalidArgumentError("Geef twee getallen: [lengtegraad, breedtegraad] (WGS84).",
                                "locatie.coordinates");
  }
  loc.crs = signals::GivenLocation::Crs::kWgs84;
  loc.a = j["coordinates"][0].get<double>();
  loc.b = j["coordinates"][1].get<double>();
  return loc;
}

StatusOr<std::string> DecodeBase64(const std::string& text, const std::string& field) {
  std::optional<std::string> bytes = Base64Decode(text, Base64Variant::kStandard, " \r\n");
  if (!bytes) return InvalidArgumentError("De inhoud is geen geldige base64.", field);
  return *std::move(bytes);
}

std::string Iso(Timestamp t) {
  return FormatRfc3339(t);
}

}  // namespace

StatusOr<signals::NewMelding> DecodeNewMelding(const std::string& body) {
  ASSIGN_OR_RETURN(json j, ParseJsonObject(body));
  signals::NewMelding m;
  ASSIGN_OR_RETURN(m.text, OptionalText(j, "tekst", "tekst"));
  ASSIGN_OR_RETURN(m.category, OptionalText(j, "categorie", "categorie"));
  if (!j.contains("locatie")) return InvalidArgumentError("Geef de locatie.", "locatie");
  ASSIGN_OR_RETURN(m.location, DecodeLocation(j["locatie"]));
  ASSIGN_OR_RETURN(std::string when, OptionalText(j, "tijdstip", "tijdstip"));
  if (!when.empty()) {
    ASSIGN_OR_RETURN(Timestamp t, ParseRfc3339(when, "tijdstip"));
    m.occurred_at = t;
  }
  ASSIGN_OR_RETURN(std::string channel, OptionalText(j, "kanaal", "kanaal"));
  if (!channel.empty()) {
    ASSIGN_OR_RETURN(m.channel, signals::ParseChannel(channel, "kanaal"));
  }
  ASSIGN_OR_RETURN(std::string priority, OptionalText(j, "prioriteit", "prioriteit"));
  if (!priority.empty()) {
    ASSIGN_OR_RETURN(signals::Priority p, signals::ParsePriority(priority, "prioriteit"));
    m.priority = p;
  }
  if (j.contains("melder") && !j["melder"].is_null()) {
    const json& r = j["melder"];
    if (!r.is_object()) return InvalidArgumentError("De melder is een object.", "melder");
    ASSIGN_OR_RETURN(m.reporter.name, OptionalText(r, "naam", "melder.naam"));
    ASSIGN_OR_RETURN(m.reporter.email, OptionalText(r, "email", "melder.email"));
    ASSIGN_OR_RETURN(m.reporter.phone, OptionalText(r, "telefoon", "melder.telefoon"));
    if (r.contains("toestemming_contact")) {
      if (!r["toestemming_contact"].is_boolean()) {
        return InvalidArgumentError("Kies true of false.", "melder.toestemming_contact");
      }
      m.reporter.consent_to_contact = r["toestemming_contact"].get<bool>();
    }
  }
  if (j.contains("bijlagen") && !j["bijlagen"].is_null()) {
    if (!j["bijlagen"].is_array()) {
      return InvalidArgumentError("Bijlagen zijn een lijst.", "bijlagen");
    }
    for (size_t i = 0; i < j["bijlagen"].size(); ++i) {
      const json& b = j["bijlagen"][i];
      const std::string path = "bijlagen[" + std::to_string(i) + "]";
      if (!b.is_object()) return InvalidArgumentError("Een bijlage is een object.", path);
      signals::NewAttachment a;
      ASSIGN_OR_RETURN(a.file_name, OptionalText(b, "naam", path + ".naam"));
      ASSIGN_OR_RETURN(a.content_type, OptionalText(b, "type", path + ".type"));
      ASSIGN_OR_RETURN(std::string content, OptionalText(b, "inhoud", path + ".inhoud"));
      if (content.empty()) return InvalidArgumentError("De bijlage is leeg.", path + ".inhoud");
      ASSIGN_OR_RETURN(a.bytes, DecodeBase64(content, path + ".inhoud"));
      m.attachments.push_back(std::move(a));
    }
  }
  return m;
}

StatusOr<geo::WgsPoint> PublicLocation(const signals::Melding& m) {
  const double cx = (std::floor(m.x / 100.0) + 0.5) * 100.0;
  const double cy = (std::floor(m.y / 100.0) + 0.5) * 100.0;
  ASSIGN_OR_RETURN(geo::WgsPoint w, geo::RdToWgs({cx, cy}));
  return geo::WgsPoint{std::round(w.lon * 1e5) / 1e5, std::round(w.lat * 1e5) / 1e5};
}

std::vector<std::string> SplitCommaList(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < text.size()) {
    size_t comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    if (comma > start) out.push_back(text.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

std::string TimelinessCode(signals::Timeliness t) {
  switch (t) {
    case signals::Timeliness::kOnTime: return "op_tijd";
    case signals::Timeliness::kLate: return "te_laat";
    case signals::Timeliness::kVeryLate: return "ruim_te_laat";
  }
  return "op_tijd";
}

json EncodeMelding(const signals::Melding& m, const signals::CategoryCatalog& catalog,
                   Timestamp now, bool mask) {
  const signals::Category* c = catalog.Find(m.category);
  json reporter = nullptr;
  if (!m.reporter.anonymous()) {
    reporter = {{"naam", mask ? security::MaskName(m.reporter.name) : m.reporter.name},
                {"email", mask ? security::MaskEmail(m.reporter.email) : m.reporter.email},
                {"telefoon", mask ? security::MaskPhone(m.reporter.phone) : m.reporter.phone},
                {"toestemming_contact", m.reporter.consent_to_contact}};
  }
  json attachments = json::array();
  for (const signals::Attachment& a : m.attachments) {
    if (mask) {
      // A masked record shows that files exist, not their names, hashes or contents.
      attachments.push_back({{"id", a.id},
                             {"naam", "afgeschermd"},
                             {"type", a.content_type},
                             {"grootte", a.size},
                             {"afgeschermd", true}});
      continue;
    }
    attachments.push_back({{"id", a.id},
                           {"naam", a.file_name},
                           {"type", a.content_type},
                           {"grootte", a.size},
                           {"sha256", a.sha256},
                           {"href", "/api/v1/meldingen/" + m.id + "/bijlagen/" + a.id}});
  }
  json j = {
      {"id", m.id},
      {"nummer", m.number},
      {"tekst", mask ? security::MaskFreeText(m.text) : m.text},
      {"categorie",
       {{"code", m.category},
        {"naam", c != nullptr ? c->name : m.category},
        {"hoofdcategorie", m.main_category}}},
      {"gevoeligheid", std::string(security::SensitivityCode(m.sensitivity))},
      {"status",
       {{"code", std::string(signals::StateCode(m.state))},
        {"naam", std::string(signals::StateName(m.state))}}},
      {"locatie", {{"type", "Point"}, {"coordinates", {m.lon, m.lat}}}},
      {"rd", {{"x", m.x}, {"y", m.y}}},
      {"buurt", m.buurt},
      {"wijk", m.wijk},
      // The nearest street from the address table (postcode precision, no house number).
      {"straat", m.street.empty() ? json(nullptr) : json(m.street)},
      {"postcode", m.postcode.empty() ? json(nullptr) : json(m.postcode)},
      {"tijdstip", Iso(m.occurred_at)},
      {"ontvangen", Iso(m.received_at)},
      {"kanaal", std::string(signals::ChannelCode(m.channel))},
      {"afdeling", m.department},
      {"behandelaar", m.assignee.empty() ? json(nullptr) : json(m.assignee)},
      {"prioriteit", std::string(signals::PriorityCode(m.priority))},
      {"termijn", Iso(m.deadline)},
      {"tijdigheid", TimelinessCode(signals::TimelinessAt(m, now))},
      {"afgehandeld_op", m.closed_at ? json(Iso(*m.closed_at)) : json(nullptr)},
      {"hoofdmelding", m.parent_id.empty() ? json(nullptr) : json(m.parent_id)},
      {"duplicaat_van", m.duplicate_of.empty() ? json(nullptr) : json(m.duplicate_of)},
      {"melder", reporter},
      {"bijlagen", attachments},
      {"versie", m.version},
      {"_links", {{"self", {{"href", "/api/v1/meldingen/" + m.id}}}}},
  };
  return j;
}

void AddMaskNotice(json& melding, const security::Decision& personal) {
  if (personal.allowed) {
    melding["afscherming"] = nullptr;
    return;
  }
  melding["afscherming"] = {{"code", personal.code.empty() ? "geen_recht" : personal.code},
                            {"reden", personal.reason}};
}

json EncodeHistory(const signals::HistoryEntry& h, bool mask) {
  // An attachment entry names the file as the reporter did: personal data like the text.
  const bool masked_file = mask && h.kind == signals::HistoryKind::kAttachment;
  return {{"volgnummer", h.seq},
          {"tijdstip", Iso(h.at)},
          {"door", h.actor},
          {"soort", std::string(signals::HistoryKindCode(h.kind))},
          {"van", h.from},
          {"naar", masked_file ? std::string("afgeschermd") : h.to},
          {"tekst", mask && !h.for_reporter ? security::MaskFreeText(h.text) : h.text},
          {"voor_melder", h.for_reporter},
          {"regel", h.rule.empty() ? json(nullptr) : json(h.rule)}};
}

json EncodePublicMelding(const signals::Melding& m,
                         const std::vector<signals::HistoryEntry>& history,
                         const signals::CategoryCatalog& catalog) {
  const signals::Category* c = catalog.Find(m.category);
  json updates = json::array();
  for (const signals::HistoryEntry& h : history) {
    if (h.kind == signals::HistoryKind::kCreated || (h.kind == signals::HistoryKind::kStatus) ||
        h.for_reporter) {
      json u = {{"tijdstip", Iso(h.at)}};
      if (h.kind == signals::HistoryKind::kStatus) {
        StatusOr<signals::State> s = signals::ParseState(h.to);
        u["status"] = s.ok() ? std::string(signals::StateName(*s)) : h.to;
      } else if (h.kind == signals::HistoryKind::kCreated) {
        u["status"] = std::string(signals::StateName(signals::State::kGemeld));
      }
      if (h.for_reporter && !h.text.empty()) u["bericht"] = h.text;
      updates.push_back(std::move(u));
    }
  }
  // The satisfaction question is asked once per closing: closed, and not answered since.
  bool answered = false;
  for (const signals::HistoryEntry& h : history) {
    answered = answered || (h.kind == signals::HistoryKind::kFeedback &&
                            h.at >= m.closed_at.value_or(m.received_at));
  }
  return {{"nummer", m.number},
          {"categorie", c != nullptr ? c->public_name : m.category},
          {"status",
           {{"code", std::string(signals::StateCode(m.state))},
            {"naam", std::string(signals::StateName(m.state))}}},
          {"ontvangen", Iso(m.received_at)},
          {"afhandelbericht", c != nullptr ? c->handling_message : std::string()},
          {"tevredenheid_vragen", m.state == signals::State::kAfgehandeld && !answered},
          {"verloop", updates}};
}

namespace {

using namespace schema;  // NOLINT: the schema builders read as a grammar

json StateEnum() {
  std::vector<std::string> codes;
  for (signals::State st : signals::kAllStates) codes.emplace_back(signals::StateCode(st));
  return Enum(codes);
}

json SensitivityEnum() {
  std::vector<std::string> codes;
  for (security::Sensitivity v : security::kAllSensitivities) {
    codes.emplace_back(security::SensitivityCode(v));
  }
  return Enum(codes);
}

json ChannelEnum() {
  return Enum({"web", "app", "telefoon", "boa", "partner", "import"});
}

json PriorityEnum() {
  return Enum({"laag", "normaal", "hoog"});
}

json NewMeldingBody() {
  const signals::IntakeLimits limits;
  json text = Described(Str(), "de beschrijving; de grenzen staan in GET /api/v1/publiek/limieten");
  text["minLength"] = limits.min_text;
  text["maxLength"] = limits.max_text;
  json rd = Full({{"x", Num()}, {"y", Num()}});
  json location =
      Described({{"type", "object"},
                 {"properties",
                  {{"type", Enum({"Point"})},
                   {"coordinates", Point()["properties"]["coordinates"]},
                   {"rd", rd}}}},
                "GeoJSON-punt (WGS84, [lengtegraad, breedtegraad]) of {\"rd\": {\"x\", \"y\"}}");
  json attachment = Obj({{"naam", Str()},
                         {"type", Enum(limits.attachment_types)},
                         {"inhoud", Described({{"type", "string"}, {"format", "byte"}}, "base64")}},
                        {"type", "inhoud"});
  json attachments = Arr(attachment);
  attachments["maxItems"] = limits.max_attachments;
  return Obj({{"tekst", text},
              {"categorie", Described(Str(), "subcategoriecode; zonder: uit de tekst afgeleid")},
              {"locatie", location},
              {"tijdstip", DateTime()},
              {"kanaal", ChannelEnum()},
              {"prioriteit", PriorityEnum()},
              {"melder", Nullable(Obj({{"naam", Str()},
                                       {"email", Str()},
                                       {"telefoon", Str()},
                                       {"toestemming_contact", Bool()}}))},
              {"bijlagen", Nullable(attachments)}},
             {"tekst", "locatie"});
}

json MeldingBody() {
  json attachment = Obj({{"id", Str()},
                         {"naam", Str()},
                         {"type", Str()},
                         {"grootte", Int()},
                         {"sha256", Str()},
                         {"href", Str()},
                         {"afgeschermd", Bool()}},
                        {"id", "naam", "type", "grootte"});
  json reporter = Full(
      {{"naam", Str()}, {"email", Str()}, {"telefoon", Str()}, {"toestemming_contact", Bool()}});
  json duplicate_hint =
      Full({{"id", Str()}, {"nummer", Str()}, {"status", StateEnum()}, {"afstand_m", Num()}});
  return Obj(
      {{"id", Str()},
       {"nummer", Str()},
       {"tekst", Str()},
       {"categorie", Full({{"code", Str()}, {"naam", Str()}, {"hoofdcategorie", Str()}})},
       {"gevoeligheid", SensitivityEnum()},
       {"status", Full({{"code", StateEnum()}, {"naam", Str()}})},
       {"locatie", Point()},
       {"rd", Full({{"x", Num()}, {"y", Num()}})},
       {"buurt", Str()},
       {"wijk", Str()},
       {"straat", Nullable(Str())},
       {"postcode", Nullable(Str())},
       {"tijdstip", DateTime()},
       {"ontvangen", DateTime()},
       {"kanaal", ChannelEnum()},
       {"afdeling", Str()},
       {"behandelaar", Nullable(Str())},
       {"prioriteit", PriorityEnum()},
       {"termijn", DateTime()},
       {"tijdigheid", Enum({"op_tijd", "te_laat", "ruim_te_laat"})},
       {"afgehandeld_op", Nullable(DateTime())},
       {"hoofdmelding", Nullable(Str())},
       {"duplicaat_van", Nullable(Str())},
       {"melder", Nullable(reporter)},
       {"bijlagen", Arr(attachment)},
       {"versie", Int()},
       {"_links", Full({{"self", Full({{"href", Str()}})}})},
       {"afscherming",
        Described(Nullable(Full({{"code", Str()}, {"reden", Str()}})),
                  "waarom melder en tekst zijn afgeschermd: code tweede_factor_nodig (meld u aan "
                  "met uw tweede factor) of geen_recht, en de reden; null: niet afgeschermd")},
       {"afstand_m", Described(Num(), "alleen bij duplicaten: de afstand in meters")},
       {"mogelijke_duplicaten",
        Described(Arr(duplicate_hint), "alleen na het aanmaken: meldingen dichtbij")}},
      {"id",       "nummer",     "tekst",          "categorie",    "gevoeligheid",  "status",
       "locatie",  "rd",         "buurt",          "wijk",         "straat",        "postcode",
       "tijdstip", "ontvangen",  "kanaal",         "afdeling",     "behandelaar",   "prioriteit",
       "termijn",  "tijdigheid", "afgehandeld_op", "hoofdmelding", "duplicaat_van", "melder",
       "bijlagen", "versie",     "_links"});
}

json PublicMeldingBody() {
  json update =
      Obj({{"tijdstip", DateTime()}, {"status", Str()}, {"bericht", Str()}}, {"tijdstip"});
  return Obj({{"nummer", Str()},
              {"categorie", Str()},
              {"status", Full({{"code", StateEnum()}, {"naam", Str()}})},
              {"ontvangen", DateTime()},
              {"afhandelbericht", Str()},
              {"tevredenheid_vragen", Bool()},
              {"verloop", Arr(update)},
              {"samengevoegd_met",
               Described({{"type", "object"}},
                         "de melding waarin deze is opgegaan, zoals haar eigen volgpagina")}},
             {"nummer", "categorie", "status", "ontvangen", "afhandelbericht",
              "tevredenheid_vragen", "verloop"});
}

json HistoryEntryBody() {
  std::vector<std::string> kinds;
  for (int k = 0; k <= static_cast<int>(signals::HistoryKind::kFeedback); ++k) {
    kinds.emplace_back(signals::HistoryKindCode(static_cast<signals::HistoryKind>(k)));
  }
  return Full({{"volgnummer", Int()},
               {"tijdstip", DateTime()},
               {"door", Str()},
               {"soort", Enum(kinds)},
               {"van", Str()},
               {"naar", Str()},
               {"tekst", Str()},
               {"voor_melder", Bool()},
               {"regel", Nullable(Str())}});
}

}  // namespace

const SchemaDef& NewMeldingSchema() {
  static const SchemaDef s{"NieuweMelding", &NewMeldingBody, {}};
  return s;
}
const SchemaDef& MeldingSchema() {
  static const SchemaDef s{"Melding", &MeldingBody, {}};
  return s;
}
const SchemaDef& PublicMeldingSchema() {
  static const SchemaDef s{"PubliekeMelding", &PublicMeldingBody, {}};
  return s;
}
const SchemaDef& HistoryEntrySchema() {
  static const SchemaDef s{"HistorieRegel", &HistoryEntryBody, {}};
  return s;
}

}  // namespace baken::api::internal
