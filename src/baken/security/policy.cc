#include "baken/security/policy.h"

#include <algorithm>
#include <string_view>

#include "baken/base/strings.h"
#include "baken/security/internal/policy_table.h"

namespace baken::security {
namespace {

using internal::Grant;
using internal::Grants;

std::string Str(std::string_view s) {
  return std::string(s);
}

Decision Deny(std::string reason) {
  return Decision{false, true, std::move(reason)};
}

Decision NeedsSecondFactor(std::string reason) {
  Decision d = Deny(std::move(reason));
  d.code = std::string(kSecondFactorForPersonalData);
  return d;
}

std::string RolePurpose(const AccessRequest& r) {
  return "Uw rol " + Str(RoleName(r.principal.role)) + " mag bij doel " +
         Str(PurposeName(r.purpose));
}

const Grant* FindGrant(Role role, Purpose purpose, Resource resource) {
  for (const Grant& g : Grants()) {
    if (g.role == role && g.purpose == purpose && g.resource == resource) return &g;
  }
  return nullptr;
}

constexpr std::string_view kPurposeDescriptions[] = {
    "Een melding aannemen, routeren, afhandelen en terugkoppelen.",
    "Toezicht en handhaving op straat en bij controles, ook in koppels met de politie.",
    "Hotspots, trends en aard en omvang; alleen met gepseudonimiseerde gegevens.",
    "Coördinatie van zorg en ondersteuning voor slachtoffers en kwetsbare personen.",
    "Verantwoording aan raad en college; alleen geaggregeerde cijfers (en de auditlog voor de "
    "auditor).",
    "Beheer van accounts, rollen, categorieën en gebieden.",
};
constexpr std::string_view kSensitivityDescriptions[] = {
    "Mag openbaar worden, bijvoorbeeld cijfers per wijk.",
    "Werkinformatie zonder bijzondere risico's voor personen.",
    "Persoonsgegevens van melders, betrokkenen of verdachten; schade bij uitlekken.",
    "Bijzondere en strafrechtelijke persoonsgegevens (AVG art. 9 en 10): gezondheid, "
    "slachtofferschap mensenhandel, strafbare feiten.",
};

}  // namespace

Decision Decide(const AccessRequest& r) {
  const Principal& p = r.principal;
  if (p.tenant.empty() || p.tenant != r.record_tenant) {
    return Deny("U heeft geen toegang tot gegevens van een andere gemeente");
  }
  const Grant* g = FindGrant(p.role, r.purpose, r.resource);
  if (g == nullptr) {
    if (!RoleMayUsePurpose(p.role, r.purpose)) {
      return Deny("Uw rol " + Str(RoleName(p.role)) + " mag niet werken voor doel " +
                  Str(PurposeName(r.purpose)));
    }
    return Deny(RolePurpose(r) + " niet bij " + ToLowerAscii(ResourceName(r.resource)));
  }
  if (r.action == Action::kReadPersonalData && !g->personal_data) {
    return Deny(RolePurpose(r) + " alleen gepseudonimiseerde gegevens zien");
  }
  if (!g->actions.Contains(r.action)) {
    return Deny(RolePurpose(r) + " niet " + Str(ActionName(r.action)) + " (" +
                ToLowerAscii(ResourceName(r.resource)) + ")");
  }
  if (r.sensitivity > g->max_sensitivity) {
    return Deny(RolePurpose(r) + " geen gegevens van klasse " +
                ToLowerAscii(SensitivityName(r.sensitivity)) + " zien");
  }
  if (!p.second_factor_done) {
    if (r.sensitivity >= Sensitivity::kConfidential) {
      return NeedsSecondFactor("Voor " + ToLowerAscii(SensitivityName(r.sensitivity)) +
                               "e gegevens moet u eerst inloggen met een tweede factor");
    }
    if (r.action == Action::kAdminister) {
      return NeedsSecondFactor("Voor beheer moet u eerst inloggen met een tweede factor");
    }
    // Reporter contact data is confidential whatever the melding's class (rule 8).
    if (r.action == Action::kReadPersonalData && r.resource == Resource::kCaseData &&
        !p.reporter_contact_grant) {
      return NeedsSecondFactor(
          "Meld u aan met uw tweede factor om de melder en andere persoonsgegevens te zien");
    }
  }
  if (g->department_bound && r.sensitivity >= Sensitivity::kConfidential) {
    const bool member =
        r.record_department.has_value() && std::find(p.departments.begin(), p.departments.end(),
                                                     *r.record_department) != p.departments.end();
    if (!member) {
      return Deny("Dit gegeven hoort bij een afdeling waarvoor u niet werkt");
    }
  }
  // A check without a record (a route's gate) leaves this to the record check.
  if (g->own_department_actions.Contains(r.action) && r.record_department.has_value() &&
      std::find(p.departments.begin(), p.departments.end(), *r.record_department) ==
          p.departments.end()) {
    return Deny(RolePurpose(r) + " alleen gegevens van de eigen afdeling " +
                Str(ActionName(r.action)) + "; dit hoort bij een andere afdeling");
  }
  Decision d{true, !g->personal_data,
             "Toegestaan: rol " + Str(RoleName(p.role)) + ", doel " + Str(PurposeName(r.purpose))};
  if (d.mask_personal_data) d.reason += ", persoonsgegevens afgeschermd";
  return d;
}

Status Check(const AccessRequest& request) {
  Decision d = Decide(request);
  if (d.allowed) return Status::Ok();
  return PermissionDeniedError(std::move(d.reason));
}

bool RoleRequiresSecondFactor(Role role) {
  for (const Grant& g : Grants()) {
    if (g.role != role) continue;
    if (g.max_sensitivity >= Sensitivity::kConfidential) return true;
    if (g.actions.Contains(Action::kAdminister)) return true;
  }
  return false;
}

bool RoleChangeNeedsSecondPerson(Role role) {
  for (const Grant& g : Grants()) {
    if (g.role != role) continue;
    if (g.actions.Contains(Action::kAdminister)) return true;
    if (g.max_sensitivity == Sensitivity::kSpecial) return true;
    if (g.personal_data && g.max_sensitivity >= Sensitivity::kConfidential) return true;
  }
  return false;
}

bool AccountChangeNeedsSecondPerson(std::optional<Role> from, Role to, bool departments_changed) {
  if (!RoleChangeNeedsSecondPerson(to)) return false;
  if (!from.has_value() || *from != to) return true;
  if (!departments_changed) return false;
  return std::any_of(Grants().begin(), Grants().end(),
                     [&](const Grant& g) { return g.role == to && g.department_bound; });
}

bool ApiKeyNeedsSecondPerson(Role role, const std::vector<Purpose>& purposes,
                             bool reporter_contact_grant) {
  if (reporter_contact_grant) return true;
  for (const Grant& g : Grants()) {
    if (g.role != role) continue;
    if (std::find(purposes.begin(), purposes.end(), g.purpose) == purposes.end()) continue;
    if ((g.personal_data && g.resource != Resource::kUserAdmin) ||
        g.max_sensitivity == Sensitivity::kSpecial || g.actions.Contains(Action::kAdminister)) {
      return true;
    }
  }
  return false;
}

bool SensitivityChangeNeedsSecondPerson(Sensitivity from, Sensitivity to) {
  return to < from;
}

bool RoleMayUsePurpose(Role role, Purpose purpose) {
  return std::any_of(Grants().begin(), Grants().end(),
                     [&](const Grant& g) { return g.role == role && g.purpose == purpose; });
}

std::string RenderSecurityModelMarkdown() {
  std::string md;
  auto yes_no = [](bool b) { return b ? std::string("ja") : std::string("nee"); };
  md += "# Beveiligingsmodel Baken\n\n";
  md +=
      "Dit document is gegenereerd uit de rechtentabel "
      "(`src/baken/security/internal/policy_table.cc`) met `RenderSecurityModelMarkdown()`. "
      "Wijzig de tabel, niet dit bestand; een test controleert dat beide gelijk zijn.\n\n";
  md += "## Regels\n\n";
  md += "Wat niet uitdrukkelijk is toegestaan, is verboden. Een verzoek wordt getoetst op:\n\n";
  md += "1. **Gemeente**: het gegeven hoort bij de gemeente van de gebruiker.\n";
  md +=
      "2. **Doelbinding**: de rol heeft een recht voor dit doel en dit soort gegevens, met deze "
      "handeling.\n";
  md += "3. **Klasse**: de gevoeligheid van het gegeven is niet hoger dan het recht toestaat.\n";
  md +=
      "4. **Tweede factor**: voor vertrouwelijke en bijzondere gegevens en voor beheer is "
      "inloggen met een tweede factor (TOTP) verplicht.\n";
  md +=
      "5. **Afdeling**: bij afdelingsgebonden rechten zijn vertrouwelijke en bijzondere "
      "gegevens alleen zichtbaar voor de eigen afdeling(en).\n";
  md +=
      "6. **Persoonsgegevens**: zonder recht op persoonsgegevens worden namen, contactgegevens "
      "en vrije tekst afgeschermd (gepseudonimiseerd werken).\n";
  md +=
      "7. **Melder**: contactgegevens van melders (en de andere persoonsgegevens in een melding) "
      "zijn vertrouwelijk, ook bij een melding van klasse intern. Ze zijn alleen zichtbaar in een "
      "sessie waarin de tweede factor is gegeven, "
      "of voor een API-sleutel die daarvoor uitdrukkelijk een recht kreeg (bij het aanmaken, "
      "vastgelegd in de auditlog en goedgekeurd door een tweede persoon). Anders worden ze "
      "afgeschermd en zegt het antwoord waarom. Een wachtwoordherstel door een beheerder zet de "
      "tweede factor nooit terug en geeft niemand anders een sessie die de melder ziet.\n\n";
  md +=
      "Elke inzage in vertrouwelijke of bijzondere gegevens wordt vastgelegd in de "
      "auditlog (hash-keten, manipulatie aantoonbaar).\n\n";
  md +=
      "Wat een weigering prijsgeeft: een bijzondere melding (zoals een signaal mensenhandel) "
      "die de gebruiker niet mag lezen, krijgt hetzelfde antwoord als een melding die niet "
      "bestaat (404), op elke route met een meldingnummer; andere weigeringen noemen de reden "
      "(403). Bijlagen volgen de beslissing over hun melding: is die afgeschermd, dan ook de "
      "bijlagen (geen bestand, geen bestandsnaam). Een Idempotency-Key hoort bij wie hem "
      "stuurde (gebruiker of API-sleutel, en kanaal); een herhaling toont de melding zoals "
      "een gewone inzage, afgeschermd en vastgelegd. Antwoorden met persoonsgegevens worden "
      "niet bewaard in caches (`Cache-Control: no-store`). Zie ADR 0013.\n\n";
  md +=
      "**Auditlog.** Elke regel draagt een MAC (BLAKE2b met sleutel) over al haar velden en de "
      "vorige regel. De sleutel (`audit.key`) staat in de map met geheimen, nooit in de database: "
      "wie alleen de database kan wijzigen, kan de keten niet opnieuw uitrekenen. De server legt "
      "elke minuut en bij het stoppen een ondertekend ankerpunt (volgnummer, MAC van de kop, tijd) "
      "vast in een bestand buiten de database (`audit-ankers.jsonl`, 0600). `baken audit verify` "
      "controleert de keten met de sleutel en of de database elk ankerpunt nog bereikt: een "
      "gewijzigde, verwijderde of herberekende regel, een afgeknipt einde en een teruggezette kop "
      "worden gemeld met de eerste foute regel of het ontbrekende ankerpunt (ADR 0014).\n\n";
  md +=
      "**Opgeslagen gegevens.** Tekst van buiten (formulieren, Open311, CSV-imports, "
      "bestandsnamen) moet geldige UTF-8 zijn, anders volgt een 400 met het veld; tekst die toch "
      "ongeldig in de database staat, wordt bij het lezen hersteld (U+FFFD), zodat geen antwoord "
      "eraan stukgaat. De database, haar WAL, back-ups, de bijlagenmap en het ankerbestand zijn "
      "alleen leesbaar voor de eigenaar (0600/0700). Verwijderde vrije tekst verdwijnt ook uit "
      "de zoekindex. E-mail met een wachtwoord gaat niet over een onversleutelde verbinding; "
      "verzonden e-mails bewaren geen bruikbare volgcode (ADR 0015).\n\n";
  md +=
      "**E-mail aan melders.** Baken verstuurt e-mail met libcurl en eist standaard STARTTLS "
      "(`smtp.tls = starttls`) of TLS vanaf het begin (`smtps`); biedt de server geen STARTTLS "
      "aan, dan gaat er niets over de lijn (geen aanmelding, geen adres, geen bericht) en zegt de "
      "wachtrij waarom. Het certificaat van de mailserver en de naam erin worden gecontroleerd "
      "(eigen CA via `smtp.ca_bestand`). Alleen zonder wachtwoord mag een relay op dezelfde "
      "machine of in een vertrouwd netwerk onversleuteld (`smtp.tls = geen`) (ADR 0015).\n\n";
  md +=
      "Hoe lang meldingen en de contactgegevens van melders bewaard blijven (anonimiseren, "
      "vrije tekst verwijderen, vernietigen volgens de Archiefwet) staat in "
      "[retention.md](retention.md).\n\n";
  md += "## Aanmelden\n\n";
  md +=
      "Mislukte aanmeldingen worden geteld per combinatie van gebruikersnaam en adres van de "
      "client: de eerste drie fouten zijn vrij, na de vierde wacht die combinatie 2 seconden, "
      "daarna steeds twee keer zo lang (hoogstens 15 minuten); een geslaagde aanmelding wist de "
      "telling. Een adres dat binnen 15 "
      "minuten 100 keer faalt (veel namen proberen) wacht 15 minuten. Een gebruikersnaam die "
      "vanaf alle adressen samen meer dan 20 keer faalt, wordt vertraagd (hoogstens een minuut), "
      "behalve vanaf een adres waar het account de afgelopen 30 dagen met succes aanmeldde. Geen "
      "account wordt ooit geblokkeerd, dus niemand kan een ander buitensluiten. Een onbekende "
      "naam, een fout wachtwoord of code en een uitgeschakeld account krijgen hetzelfde antwoord "
      "in dezelfde tijd; de wachttijd hangt alleen af van de pogingen, niet van het bestaan van "
      "het account (ADR 0012). Achter een vertrouwde proxy is het adres het meest rechtse "
      "niet-vertrouwde adres in X-Forwarded-For, anders de directe verbinding. De sessiecookie "
      "is HttpOnly en SameSite=Strict, en Secure bij TLS of een https-publiek adres (dan ook "
      "HSTS). Wijzigende verzoeken met een sessie vragen de CSRF-code (X-CSRF-Token), en een "
      "verzoek met inhoud aan /api/v1 moet JSON zijn (Content-Type application/json; anders "
      "415), zodat een formulier van een andere site niets kan aanmelden of wijzigen.\n\n";
  md +=
      "**De HTTP-rand** (ADR 0010): geen verzoek houdt meer geheugen vast dan de ingestelde "
      "grootte, hoe het ook verstuurd wordt (in delen of met vaste lengte; een ingepakte "
      "inhoud met Content-Encoding wordt geweigerd met 415); JSON mag hoogstens 64 niveaus "
      "diep genest zijn; adres, zoekparameters, kopregels en JSON moeten geldige UTF-8 zijn; "
      "twee tegenstrijdige Content-Length-kopregels worden geweigerd. Trage of stille "
      "verbindingen bezetten geen werkdraad: de kop van een verzoek moet binnen 10 seconden "
      "binnen zijn, een stille verbinding wordt na 10 seconden gesloten, en boven 4.096 open "
      "verbindingen wordt geweigerd. HSTS gaat mee met eigen TLS, of met `hsts` achter een "
      "TLS-proxy.\n\n";
  md += "## Vier ogen\n\n";
  md +=
      "De beheerder beheert; hij geeft zichzelf geen zaakgegevens. Deze wijzigingen worden pas "
      "van kracht nadat een tweede persoon (een andere beheerder, niet de indiener) ze heeft "
      "goedgekeurd; voorstel, goedkeuring en afwijzing staan in de auditlog (ADR 0011):\n\n";
  md +=
      "- een account aanmaken met, of een account wijzigen naar, een rol die persoonsgegevens "
      "van klasse vertrouwelijk of hoger ziet, bijzondere gegevens ziet of beheert (ook de "
      "afdelingen van zo'n account);\n";
  md +=
      "- een API-sleutel aanmaken met een doel waarvoor de rol persoonsgegevens of bijzondere "
      "gegevens ziet, of met het recht op contactgegevens van melders;\n";
  md += "- de gevoeligheidsklasse van een categorie verlagen.\n\n";
  md +=
      "De opdrachten `baken user add` en `baken apikey add` op de server zelf (met toegang tot de "
      "shell) blijven direct; ze worden vastgelegd in de auditlog.\n\n";

  md +=
      "## Rollen\n\n| Rol | Code | Tweede factor verplicht | Vier ogen bij toekennen | Doelen "
      "|\n|---|---|---|---|---|\n";
  for (Role role : kAllRoles) {
    std::string purposes;
    for (Purpose p : kAllPurposes) {
      if (!RoleMayUsePurpose(role, p)) continue;
      if (!purposes.empty()) purposes += ", ";
      purposes += PurposeName(p);
    }
    md += "| " + Str(RoleName(role)) + " | `" + Str(RoleCode(role)) + "` | " +
          yes_no(RoleRequiresSecondFactor(role)) + " | " +
          yes_no(RoleChangeNeedsSecondPerson(role)) + " | " + purposes + " |\n";
  }

  md += "\n## Doelen (doelbinding)\n\n| Doel | Code | Omschrijving |\n|---|---|---|\n";
  for (Purpose p : kAllPurposes) {
    md += "| " + Str(PurposeName(p)) + " | `" + Str(PurposeCode(p)) + "` | " +
          Str(kPurposeDescriptions[static_cast<size_t>(p)]) + " |\n";
  }

  md += "\n## Gevoeligheidsklassen\n\n| Klasse | Code | Omschrijving |\n|---|---|---|\n";
  for (Sensitivity s : kAllSensitivities) {
    md += "| " + Str(SensitivityName(s)) + " | `" + Str(SensitivityCode(s)) + "` | " +
          Str(kSensitivityDescriptions[static_cast<size_t>(s)]) + " |\n";
  }

  md += "\n## Rechten\n\n";
  md +=
      "| Rol | Doel | Gegevens | Handelingen | Hoogste klasse | Persoonsgegevens | "
      "Afdelingsgebonden | Toelichting |\n|---|---|---|---|---|---|---|---|\n";
  for (const Grant& g : Grants()) {
    std::string actions;
    for (Action a : kAllActions) {
      if (!g.actions.Contains(a)) continue;
      if (!actions.empty()) actions += ", ";
      actions += ActionName(a);
    }
    std::string bound = yes_no(g.department_bound);
    std::string own_only;
    for (Action a : kAllActions) {
      if (!g.own_department_actions.Contains(a)) continue;
      own_only += own_only.empty() ? "" : ", ";
      own_only += ActionName(a);
    }
    if (!own_only.empty()) bound += "; " + own_only + " alleen eigen afdeling";
    md += "| " + Str(RoleName(g.role)) + " | " + Str(PurposeName(g.purpose)) + " | " +
          Str(ResourceName(g.resource)) + " | " + actions + " | " +
          Str(SensitivityName(g.max_sensitivity)) + " | " +
          (g.personal_data ? "zichtbaar" : "afgeschermd") + " | " + bound + " | " + Str(g.note) +
          " |\n";
  }

  md += "\n## Overzicht rol × doel (hoogste klasse)\n\n| Rol |";
  for (Purpose p : kAllPurposes) md += " " + Str(PurposeName(p)) + " |";
  md += "\n|---|";
  for (size_t i = 0; i < kAllPurposes.size(); ++i) md += "---|";
  md += "\n";
  for (Role role : kAllRoles) {
    md += "| " + Str(RoleName(role)) + " |";
    for (Purpose p : kAllPurposes) {
      std::optional<Sensitivity> max;
      for (const Grant& g : Grants()) {
        if (g.role == role && g.purpose == p && (!max || g.max_sensitivity > *max)) {
          max = g.max_sensitivity;
        }
      }
      md += " " + (max ? Str(SensitivityName(*max)) : std::string("—")) + " |";
    }
    md += "\n";
  }
  return md;
}

}  // namespace baken::security
