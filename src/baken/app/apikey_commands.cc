// `baken apikey add|list|revoke`: API keys for systems (apps, partner systems), for the
// functioneel beheerder.
//
// Keys go through security::ApiKeys, which stores only a hash: `add` prints the key once on
// stdout, `list` never shows it (it cannot). Each change writes an audit entry ("apikey.create",
// "apikey.revoke") with the actor "cli:<operating system user>", after the change itself.
// `--reporter-contact` gives the key the explicit grant to see reporter contact data (ADR 0011);
// the CLI runs with shell access to the server and stays direct (no second person), but the
// grant is in the audit entry. Over the API such a key needs a second beheerder's approval.
#include <pwd.h>
#include <unistd.h>
#include <CLI/CLI.hpp>

#include <cstdio>
#include <nlohmann/json.hpp>

#include "baken/app/command.h"
#include "baken/base/tenant.h"
#include "baken/base/time_zone.h"
#include "baken/security/audit_log.h"
#include "baken/security/roles.h"
#include "baken/security/sessions.h"

namespace baken::app {

namespace {

struct ApiKeyFlags {
  std::string db_url;
  std::string tenant = kDefaultTenant;
  std::string client;
  std::string role;
  std::vector<std::string> purposes;
  bool reporter_contact = false;
  std::string id;
};

std::string Actor() {
  if (const passwd* pw = ::getpwuid(::geteuid()); pw != nullptr && pw->pw_name != nullptr) {
    return std::string("cli:") + pw->pw_name;
  }
  return "cli:uid" + std::to_string(::geteuid());
}

template <typename E>
std::string ValidCodes(const auto& all, std::string_view (*code)(E)) {
  std::string valid;
  for (E e : all) valid += (valid.empty() ? "" : ", ") + std::string(code(e));
  return valid;
}

Status Audit(store::Database& db, const ApiKeyFlags& flags, std::string action,
             const std::string& id, const nlohmann::json& details) {
  security::AuditLog audit(db, SystemClock::Instance());
  security::AuditEntry e;
  e.tenant = flags.tenant;
  e.actor = Actor();
  e.action = std::move(action);
  e.object_type = "api_key";
  e.object_id = id;
  e.purpose = std::string(security::PurposeCode(security::Purpose::kBeheer));
  e.sensitivity = std::string(security::SensitivityCode(security::Sensitivity::kInternal));
  e.details = details.dump();
  return audit.Append(e).status();
}

Status Add(const ApiKeyFlags& flags) {
  auto role = security::ParseRole(flags.role);
  if (!role.ok()) {
    return InvalidArgumentError("onbekende rol '" + flags.role + "'. Geldige rollen: " +
                                    ValidCodes(security::kAllRoles, &security::RoleCode),
                                "--role");
  }
  std::vector<security::Purpose> purposes;
  for (const std::string& code : flags.purposes) {
    auto p = security::ParsePurpose(code);
    if (!p.ok()) {
      return InvalidArgumentError("onbekend doel '" + code + "'. Geldige doelen: " +
                                      ValidCodes(security::kAllPurposes, &security::PurposeCode),
                                  "--purpose");
    }
    purposes.push_back(*p);
  }
  ASSIGN_OR_RETURN(auto db, OpenMigrated(flags.db_url));
  security::ApiKeys keys(*db, SystemClock::Instance());
  std::string id;
  ASSIGN_OR_RETURN(std::string key, keys.Create(flags.tenant, flags.client, *role, purposes, &id,
                                                flags.reporter_contact));
  RETURN_IF_ERROR(Audit(*db, flags, "apikey.create", id,
                        {{"client", flags.client},
                         {"role", flags.role},
                         {"purposes", flags.purposes},
                         {"reporter_contact", flags.reporter_contact}}));
  std::printf(
      "API-sleutel voor %s aangemaakt in %s (id %s).\nSleutel: %s\n"
      "Deze sleutel wordt maar één keer getoond; geef hem veilig door.\n",
      flags.client.c_str(), flags.tenant.c_str(), id.c_str(), key.c_str());
  return Status::Ok();
}

Status List(const ApiKeyFlags& flags) {
  ASSIGN_OR_RETURN(auto db, OpenMigrated(flags.db_url));
  security::ApiKeys keys(*db, SystemClock::Instance());
  ASSIGN_OR_RETURN(std::vector<security::ApiClient> clients, keys.List(flags.tenant));
  std::printf("%-36s %-24s %-24s %-40s %-17s %s\n", "ID", "CLIENT", "ROL", "DOELEN", "AANGEMAAKT",
              "INGETROKKEN");
  for (const security::ApiClient& c : clients) {
    std::string purposes;
    for (security::Purpose p : c.purposes) {
      purposes += (purposes.empty() ? "" : ",") + std::string(security::PurposeCode(p));
    }
    std::printf("%-36s %-24s %-24s %-40s %-17s %s\n", c.id.c_str(), c.client_name.c_str(),
                std::string(security::RoleCode(c.role)).c_str(), purposes.c_str(),
                FormatLocal(c.created_at).c_str(),
                c.revoked_at ? FormatLocal(*c.revoked_at).c_str() : "nee");
  }
  std::printf("%zu API-sleutel(s) in %s.\n", clients.size(), flags.tenant.c_str());
  return Status::Ok();
}

Status Revoke(const ApiKeyFlags& flags) {
  ASSIGN_OR_RETURN(auto db, OpenMigrated(flags.db_url));
  security::ApiKeys keys(*db, SystemClock::Instance());
  RETURN_IF_ERROR(keys.Revoke(flags.tenant, flags.id));
  RETURN_IF_ERROR(Audit(*db, flags, "apikey.revoke", flags.id, nlohmann::json::object()));
  std::printf("API-sleutel %s is ingetrokken.\n", flags.id.c_str());
  return Status::Ok();
}

}  // namespace

void AddApiKeyCommands(CLI::App& app, CommandContext& context) {
  auto flags = std::make_shared<ApiKeyFlags>();
  CLI::App* apikey =
      app.add_subcommand("apikey", "API-sleutels voor systemen: aanmaken, tonen, intrekken");
  apikey->require_subcommand(1);
  auto common = [&](CLI::App* c) {
    AddDatabaseOption(*c, flags->db_url);
    c->add_option("--tenant", flags->tenant, "Gemeentecode")->capture_default_str();
  };
  auto run = [flags, &context](Status (*fn)(const ApiKeyFlags&)) {
    return [flags, &context, fn] { context.exit_code = Report(fn(*flags)); };
  };

  CLI::App* add =
      apikey->add_subcommand("add", "Maak een API-sleutel aan; de sleutel wordt één keer getoond");
  common(add);
  add->add_option("--client", flags->client, "Naam van het systeem, bv. meldingen-app")->required();
  add->add_option("--role", flags->role, "Rol waarmee de sleutel werkt")->required();
  add->add_option("--purpose", flags->purposes, "Doel waarvoor de sleutel mag werken (mag vaker)")
      ->required();
  add->add_flag("--reporter-contact", flags->reporter_contact,
                "Geef de sleutel het recht contactgegevens van melders te zien (vastgelegd in de "
                "auditlog)");
  add->callback(run(&Add));

  CLI::App* list = apikey->add_subcommand("list", "Toon de API-sleutels (nooit de sleutel zelf)");
  common(list);
  list->callback(run(&List));

  CLI::App* revoke = apikey->add_subcommand("revoke", "Trek een API-sleutel in");
  common(revoke);
  revoke->add_option("id", flags->id, "Id van de sleutel (zie apikey list)")->required();
  revoke->callback(run(&Revoke));
}

}  // namespace baken::app
