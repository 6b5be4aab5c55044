#include "baken/notify/templates.h"

#include <array>
#include <chrono>

#include "baken/base/dutch_dates.h"
#include "baken/base/time_zone.h"

namespace baken::notify {

namespace {

struct Template {
  MailKind kind;
  const char* name;  // for errors: "bevestiging.onderwerp"
  const char* subject;
  const char* body;
  std::vector<std::string> allowed;
};

constexpr const char* kFooter =
    "\n"
    "Met vriendelijke groet,\n"
    "{{afzender}}\n"
    "\n"
    "Dit bericht is automatisch verstuurd; u kunt er niet op antwoorden.\n";

const std::vector<Template>& CompiledTemplates() {
  static const std::vector<Template> templates = {
      {MailKind::kConfirmation,
       "bevestiging",
       "Uw melding {{nummer}} is ontvangen",
       "Beste {{naam}},\n"
       "\n"
       "Bedankt voor uw melding. Wij hebben deze ontvangen onder nummer {{nummer}}.\n"
       "\n"
       "Onderwerp: {{categorie}}\n"
       "{{plek_regel}}"
       "{{afhandelbericht}}\n"
       "Wij streven ernaar uw melding uiterlijk {{termijn}} af te handelen.\n"
       "\n"
       "Via deze persoonlijke link volgt u uw melding:\n"
       "{{volg_link}}\n"
       "Bewaar deze e-mail: de link is alleen voor u en wordt niet opnieuw verstuurd.\n",
       {"naam", "nummer", "categorie", "plek_regel", "afhandelbericht", "termijn", "volg_link",
        "afzender"}},
      {MailKind::kStatusChange,
       "statuswijziging",
       "Uw melding {{nummer}}: {{status}}",
       "Beste {{naam}},\n"
       "\n"
       "De status van uw melding {{nummer}} is gewijzigd in: {{status}}.\n"
       "{{plek_regel}}"
       "\n"
       "{{tekst}}\n"
       "\n"
       "{{volg_tekst}}\n",
       {"naam", "nummer", "status", "plek_regel", "tekst", "volg_tekst", "afzender"}},
      {MailKind::kSatisfaction,
       "tevredenheid",
       "Hoe tevreden bent u over de afhandeling van melding {{nummer}}?",
       "Beste {{naam}},\n"
       "\n"
       "Uw melding {{nummer}} is afgehandeld. Wij horen graag hoe tevreden u bent over de "
       "afhandeling.\n"
       "Het invullen kost u minder dan een minuut:\n"
       "{{tevredenheid_link}}\n"
       "{{tevredenheid_uitleg}}",
       {"naam", "nummer", "tevredenheid_link", "tevredenheid_uitleg", "afzender"}},
  };
  return templates;
}

const Template& TemplateFor(MailKind kind) {
  for (const Template& t : CompiledTemplates()) {
    if (t.kind == kind) return t;
  }
  return CompiledTemplates().front();  // unreachable: every kind has a template
}

bool IsNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}

// Mails are plain text: a value may not break the subject line or smuggle in headers.
std::string OneLine(std::string_view s) {
  std::string out;
  for (char c : s) out.push_back(c == '\r' || c == '\n' || c == '\t' ? ' ' : c);
  return out;
}

std::string BodyText(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\r') {
      if (i + 1 < s.size() && s[i + 1] == '\n') continue;
      out.push_back('\n');
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

}  // namespace

std::string_view MailKindCode(MailKind kind) {
  switch (kind) {
    case MailKind::kConfirmation: return "bevestiging";
    case MailKind::kStatusChange: return "statuswijziging";
    case MailKind::kSatisfaction: return "tevredenheid";
  }
  return "bevestiging";
}

StatusOr<MailKind> ParseMailKind(std::string_view code, std::string_view field) {
  for (MailKind k : {MailKind::kConfirmation, MailKind::kStatusChange, MailKind::kSatisfaction}) {
    if (MailKindCode(k) == code) return k;
  }
  return InvalidArgumentError("Onbekende soort e-mail '" + std::string(code) +
                                  "': kies bevestiging, statuswijziging of tevredenheid.",
                              std::string(field));
}

StatusOr<std::vector<std::string>> Placeholders(std::string_view text, std::string_view field) {
  std::vector<std::string> names;
  size_t pos = 0;
  while ((pos = text.find("{{", pos)) != std::string_view::npos) {
    const size_t end = text.find("}}", pos + 2);
    if (end == std::string_view::npos) {
      return InvalidArgumentError("Sjabloon bevat '{{' zonder '}}'.", std::string(field));
    }
    std::string_view name = text.substr(pos + 2, end - pos - 2);
    bool ok = !name.empty();
    for (char c : name) ok = ok && IsNameChar(c);
    if (!ok) {
      return InvalidArgumentError("Ongeldig veld '{{" + std::string(name) + "}}' in sjabloon.",
                                  std::string(field));
    }
    names.emplace_back(name);
    pos = end + 2;
  }
  return names;
}

StatusOr<std::string> Render(std::string_view text, const TemplateValues& values,
                             std::string_view field) {
  ASSIGN_OR_RETURN(std::vector<std::string> names, Placeholders(text, field));
  std::string out;
  size_t pos = 0;
  for (const std::string& name : names) {
    const size_t start = text.find("{{", pos);
    out.append(text.substr(pos, start - pos));
    auto it = values.find(name);
    if (it == values.end()) {
      return InvalidArgumentError("Onbekend veld '{{" + name + "}}' in sjabloon.",
                                  std::string(field));
    }
    out.append(it->second);
    pos = start + name.size() + 4;
  }
  out.append(text.substr(pos));
  return out;
}

Status CheckTemplate(std::string_view text, const std::vector<std::string>& allowed,
                     std::string_view field) {
  ASSIGN_OR_RETURN(std::vector<std::string> names, Placeholders(text, field));
  for (const std::string& name : names) {
    bool known = false;
    for (const std::string& a : allowed) known = known || a == name;
    if (!known) {
      return InvalidArgumentError("Onbekend veld '{{" + name + "}}' in sjabloon.",
                                  std::string(field));
    }
  }
  return Status::Ok();
}

StatusOr<Templates> Templates::Create(std::string base_url, const std::string& sender_name) {
  while (!base_url.empty() && base_url.back() == '/') base_url.pop_back();
  if (base_url.rfind("http://", 0) != 0 && base_url.rfind("https://", 0) != 0) {
    return InvalidArgumentError(
        "Het openbare adres moet met http:// of https:// beginnen, bijvoorbeeld "
        "https://meldingen.groningen.nl.",
        "server.public_url");
  }
  for (const Template& t : CompiledTemplates()) {
    std::vector<std::string> allowed = t.allowed;
    RETURN_IF_ERROR(CheckTemplate(t.subject, allowed, std::string(t.name) + ".onderwerp"));
    RETURN_IF_ERROR(
        CheckTemplate(std::string(t.body) + kFooter, allowed, std::string(t.name) + ".tekst"));
  }
  return Templates(std::move(base_url), OneLine(sender_name));
}

StatusOr<std::optional<Message>> Templates::Compose(const EventForMail& event) const {
  if (event.reporter_email.empty()) return std::optional<Message>();
  if (event.kind == MailKind::kSatisfaction && !event.consent_to_contact) {
    return std::optional<Message>();
  }
  if (event.kind == MailKind::kStatusChange && event.reporter_text.empty()) {
    return std::optional<Message>();
  }
  if (event.tenant.empty() || event.melding_id.empty() || event.number.empty()) {
    return InvalidArgumentError("Gemeente, melding en meldingsnummer zijn verplicht.", "melding");
  }
  if (event.reporter_email.find_first_of("\r\n<> ,") != std::string::npos ||
      event.reporter_email.find('@') == std::string::npos) {
    return InvalidArgumentError("Ongeldig e-mailadres van de melder.", "melder.email");
  }

  const std::string follow_page = base_url_ + "/volgen";
  const std::string personal_link =
      event.follow_code.empty() ? std::string() : follow_page + "/" + event.follow_code;
  TemplateValues v;
  v["naam"] = event.reporter_name.empty() ? "melder" : OneLine(event.reporter_name);
  v["nummer"] = event.number;
  v["afzender"] = sender_name_;
  // Where it is, so a reporter with several meldingen knows which one this is.
  v["plek_regel"] = event.place.empty() ? std::string() : "Plek: " + OneLine(event.place) + "\n";
  std::string dedupe =
      std::string(MailKindCode(event.kind)) + ":" + event.tenant + ":" + event.melding_id;
  switch (event.kind) {
    case MailKind::kConfirmation:
      if (personal_link.empty()) {
        return InvalidArgumentError("De volgcode ontbreekt voor de ontvangstbevestiging.",
                                    "volgcode");
      }
      if (!event.deadline) {
        return InvalidArgumentError("De afhandeltermijn ontbreekt voor de ontvangstbevestiging.",
                                    "termijn");
      }
      v["categorie"] = OneLine(event.category_public_name);
      v["afhandelbericht"] = BodyText(event.handling_message);
      v["termijn"] = DutchWeekdayDate(*event.deadline);
      v["volg_link"] = personal_link;
      break;
    case MailKind::kStatusChange:
      v["status"] = std::string(signals::StateName(event.state));
      v["tekst"] = BodyText(event.reporter_text);
      v["volg_tekst"] =
          personal_link.empty()
              ? "U volgt uw melding via de persoonlijke link in de ontvangstbevestiging. Heeft u "
                "die niet meer? Kijk dan op " +
                    follow_page + " en vul uw meldingsnummer " + event.number + " in."
              : "Via deze persoonlijke link volgt u uw melding:\n" + personal_link;
      dedupe += ":" + std::to_string(event.event_seq);
      break;
    case MailKind::kSatisfaction:
      if (personal_link.empty()) {
        v["tevredenheid_link"] = follow_page + "#tevredenheid";
        v["tevredenheid_uitleg"] =
            "Vul daar uw meldingsnummer " + event.number +
            " in, of gebruik de persoonlijke link uit de ontvangstbevestiging.\n";
      } else {
        v["tevredenheid_link"] = personal_link + "#tevredenheid";
        v["tevredenheid_uitleg"] = "";
      }
      dedupe += ":" + std::to_string(event.event_seq);
      break;
  }
  const Template& t = TemplateFor(event.kind);
  Message m;
  m.tenant = event.tenant;
  m.melding_id = event.melding_id;
  m.kind = event.kind;
  m.to_address = event.reporter_email;
  ASSIGN_OR_RETURN(m.subject, Render(t.subject, v, std::string(t.name) + ".onderwerp"));
  m.subject = OneLine(m.subject);
  ASSIGN_OR_RETURN(m.body_text,
                   Render(std::string(t.body) + kFooter, v, std::string(t.name) + ".tekst"));
  m.dedupe_key = std::move(dedupe);
  return std::optional<Message>(std::move(m));
}

}  // namespace baken::notify
