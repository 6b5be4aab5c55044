// `baken user add|list|disable|reset-password|role|bootstrap-admin`: accounts from the command
// line, for the functioneel beheerder and for setting up a new installation.
//
// Every change goes through security::AccountService, which writes the audit entry in the same
// transaction; the actor is "cli:<operating system user>". Generated passwords are printed once
// on stdout and never stored or logged elsewhere.
#include <pwd.h>
#include <sys/random.h>
#include <unistd.h>
#include <CLI/CLI.hpp>

#include <cstdio>
#include <iostream>
#include <iterator>

#include "baken/app/command.h"
#include "baken/app/secrets.h"
#include "baken/base/time_zone.h"
#include "baken/security/accounts.h"
#include "baken/security/audit_log.h"
#include "baken/security/roles.h"

namespace baken::app {

namespace {

struct UserFlags {
  std::string db_url;
  std::string secrets_dir;
  std::string tenant;
  std::string username;
  std::string name;
  std::string email;
  std::string role;
  std::vector<std::string> departments;
  bool password_stdin = false;
};

// The database, audit log and account service that one command works with.
struct Accounts {
  std::unique_ptr<store::Database> db;
  std::unique_ptr<security::AuditLog> audit;
  std::unique_ptr<security::AccountService> service;
};

StatusOr<Accounts> OpenAccounts(const UserFlags& flags) {
  ASSIGN_OR_RETURN(Secrets secrets, LoadSecrets(flags.secrets_dir));
  Accounts a;
  ASSIGN_OR_RETURN(a.db, OpenMigrated(flags.db_url));
  Clock& clock = SystemClock::Instance();
  a.audit = std::make_unique<security::AuditLog>(*a.db, clock, secrets.audit_key);
  security::AccountOptions options;
  options.server_key = std::move(secrets.server_key);
  a.service = std::make_unique<security::AccountService>(*a.db, clock, *a.audit, options);
  return a;
}

std::string Actor() {
  if (const passwd* pw = ::getpwuid(::geteuid()); pw != nullptr && pw->pw_name != nullptr) {
    return std::string("cli:") + pw->pw_name;
  }
  return "cli:uid" + std::to_string(::geteuid());
}

StatusOr<security::Role> ParseRoleFlag(const std::string& code) {
  auto role = security::ParseRole(code);
  if (role.ok()) return role;
  std::string valid;
  for (security::Role r : security::kAllRoles) {
    if (!valid.empty()) valid += ", ";
    valid += security::RoleCode(r);
  }
  return InvalidArgumentError("onbekende rol '" + code + "'. Geldige rollen: " + valid, "--role");
}

// 20 characters from an alphabet without look-alikes (0/O, 1/l/I), in groups of five joined by
// '-': about 114 bits, readable aloud, and always several kinds of character for the policy.
std::string GeneratePassword() {
  static constexpr std::string_view kAlphabet =
      "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  // Rejection sampling keeps every character equally likely.
  const unsigned limit = 256 - 256 % kAlphabet.size();
  std::string password;
  while (password.size() < 23) {
    unsigned char bytes[64];
    if (::getrandom(bytes, sizeof bytes, 0) != static_cast<ssize_t>(sizeof bytes)) {
      std::fprintf(stderr, "baken: geen willekeurige bytes beschikbaar\n");
      std::abort();
    }
    for (unsigned char b : bytes) {
      if (password.size() == 23) break;
      if (b >= limit) continue;
      if (password.size() % 6 == 5) password += '-';
      password += kAlphabet[b % kAlphabet.size()];
    }
  }
  return password;
}

// The new password: from stdin (first line) or generated. `generated` tells the caller to
// show it once.
StatusOr<std::string> NewPassword(bool from_stdin, bool& generated) {
  generated = !from_stdin;
  if (!from_stdin) return GeneratePassword();
  std::string password;
  std::getline(std::cin, password);
  if (!password.empty() && password.back() == '\r') password.pop_back();
  if (password.empty()) {
    return InvalidArgumentError("geen wachtwoord ontvangen op standaardinvoer", "--password-stdin");
  }
  return password;
}

StatusOr<security::User> FindUser(security::AccountService& service, const std::string& tenant,
                                  const std::string& username) {
  ASSIGN_OR_RETURN(std::vector<security::User> users, service.List(tenant));
  for (security::User& u : users) {
    if (u.username == username) return std::move(u);
  }
  return NotFoundError("Gebruiker '" + username + "' bestaat niet in " + tenant);
}

void PrintPasswordOnce(const std::string& username, const std::string& password) {
  std::printf(
      "Gebruikersnaam: %s\nWachtwoord:     %s\n"
      "Dit wachtwoord wordt maar één keer getoond; geef het veilig door.\n",
      username.c_str(), password.c_str());
}

Status Add(const UserFlags& flags) {
  ASSIGN_OR_RETURN(security::Role role, ParseRoleFlag(flags.role));
  bool generated = false;
  ASSIGN_OR_RETURN(std::string password, NewPassword(flags.password_stdin, generated));
  ASSIGN_OR_RETURN(Accounts a, OpenAccounts(flags));
  security::NewUser n;
  n.tenant = flags.tenant;
  n.username = flags.username;
  n.display_name = flags.name;
  n.email = flags.email;
  n.role = role;
  n.departments = flags.departments;
  n.password = password;
  ASSIGN_OR_RETURN(security::User u, a.service->CreateUser(n, Actor()));
  std::printf("Gebruiker %s (%s, %s) aangemaakt in %s.\n", u.username.c_str(),
              u.display_name.c_str(), std::string(security::RoleName(u.role)).c_str(),
              u.tenant.c_str());
  if (generated) PrintPasswordOnce(u.username, password);
  return Status::Ok();
}

std::string Join(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& s : items) out += (out.empty() ? "" : ",") + s;
  return out.empty() ? "-" : out;
}

Status List(const UserFlags& flags) {
  ASSIGN_OR_RETURN(Accounts a, OpenAccounts(flags));
  ASSIGN_OR_RETURN(std::vector<security::User> users, a.service->List(flags.tenant));
  // No GEBLOKKEERD column: accounts are never locked since ADR 0012 (throttled per address).
  std::printf("%-20s %-28s %-24s %-20s %-13s %s\n", "GEBRUIKERSNAAM", "NAAM", "ROL", "AFDELINGEN",
              "UITGESCHAKELD", "TWEEDE FACTOR");
  for (const security::User& u : users) {
    std::printf("%-20s %-28s %-24s %-20s %-13s %s\n", u.username.c_str(), u.display_name.c_str(),
                std::string(security::RoleCode(u.role)).c_str(), Join(u.departments).c_str(),
                u.disabled ? "ja" : "nee", u.totp_enrolled ? "ja" : "nee");
  }
  std::printf("%zu gebruiker(s) in %s.\n", users.size(), flags.tenant.c_str());
  return Status::Ok();
}

Status Disable(const UserFlags& flags) {
  ASSIGN_OR_RETURN(Accounts a, OpenAccounts(flags));
  ASSIGN_OR_RETURN(security::User u, FindUser(*a.service, flags.tenant, flags.username));
  RETURN_IF_ERROR(a.service->Disable(flags.tenant, u.id, Actor()));
  std::printf("Gebruiker %s is uitgeschakeld.\n", u.username.c_str());
  return Status::Ok();
}

Status ResetPassword(const UserFlags& flags) {
  bool generated = false;
  ASSIGN_OR_RETURN(std::string password, NewPassword(flags.password_stdin, generated));
  ASSIGN_OR_RETURN(Accounts a, OpenAccounts(flags));
  ASSIGN_OR_RETURN(security::User u, FindUser(*a.service, flags.tenant, flags.username));
  RETURN_IF_ERROR(a.service->ResetPassword(flags.tenant, u.id, password, Actor()));
  std::printf("Het wachtwoord van %s is opnieuw ingesteld.\n", u.username.c_str());
  if (generated) PrintPasswordOnce(u.username, password);
  return Status::Ok();
}

Status SetRole(const UserFlags& flags) {
  ASSIGN_OR_RETURN(security::Role role, ParseRoleFlag(flags.role));
  ASSIGN_OR_RETURN(Accounts a, OpenAccounts(flags));
  ASSIGN_OR_RETURN(security::User u, FindUser(*a.service, flags.tenant, flags.username));
  // Without --department the user keeps the departments they have.
  std::vector<std::string> departments =
      flags.departments.empty() ? u.departments : flags.departments;
  RETURN_IF_ERROR(a.service->SetRole(flags.tenant, u.id, role, departments, Actor()));
  std::printf("%s heeft nu de rol %s (afdelingen: %s).\n", u.username.c_str(),
              std::string(security::RoleCode(role)).c_str(), Join(departments).c_str());
  return Status::Ok();
}

Status BootstrapAdmin(const UserFlags& flags) {
  ASSIGN_OR_RETURN(Accounts a, OpenAccounts(flags));
  ASSIGN_OR_RETURN(std::vector<security::User> users, a.service->List(flags.tenant));
  if (!users.empty()) {
    std::printf("%s heeft al %zu gebruiker(s); er is geen beheerder aangemaakt.\n",
                flags.tenant.c_str(), users.size());
    return Status::Ok();
  }
  security::NewUser n;
  n.tenant = flags.tenant;
  n.username = flags.username;
  n.display_name = "Functioneel beheerder";
  n.role = security::Role::kBeheerder;
  n.password = GeneratePassword();
  ASSIGN_OR_RETURN(security::User u, a.service->CreateUser(n, Actor()));
  std::printf("Eerste beheerder aangemaakt in %s.\n", u.tenant.c_str());
  PrintPasswordOnce(u.username, n.password);
  return Status::Ok();
}

}  // namespace

void AddUserCommands(CLI::App& app, CommandContext& context) {
  auto flags = std::make_shared<UserFlags>();
  CLI::App* user = app.add_subcommand("user", "Gebruikers: aanmaken, tonen, uitschakelen, rollen");
  user->require_subcommand(1);

  auto common = [&](CLI::App* c) {
    AddDatabaseOption(*c, flags->db_url);
    AddSecretsOption(*c, flags->secrets_dir);
    c->add_option("--tenant", flags->tenant, "Gemeentecode, bijvoorbeeld GM0014")->required();
  };
  auto run = [flags, &context](Status (*fn)(const UserFlags&)) {
    return [flags, &context, fn] { context.exit_code = Report(fn(*flags)); };
  };

  CLI::App* add = user->add_subcommand(
      "add",
      "Maak een gebruiker aan; zonder --password-stdin wordt een sterk wachtwoord "
      "gemaakt en één keer getoond");
  common(add);
  add->add_option("--username", flags->username, "Gebruikersnaam (uniek per gemeente)")->required();
  add->add_option("--name", flags->name, "Volledige naam")->required();
  add->add_option("--email", flags->email, "E-mailadres")->required();
  add->add_option("--role", flags->role, "Rol, bijvoorbeeld analist of beheerder")->required();
  add->add_option("--department", flags->departments, "Afdeling (mag vaker)");
  add->add_flag("--password-stdin", flags->password_stdin,
                "Lees het wachtwoord van de eerste regel van standaardinvoer");
  add->callback(run(&Add));

  CLI::App* list = user->add_subcommand(
      "list", "Toon de gebruikers: naam, rol, afdelingen, uitgeschakeld, tweede factor");
  common(list);
  list->callback(run(&List));

  CLI::App* disable = user->add_subcommand("disable", "Schakel een gebruiker uit");
  common(disable);
  disable->add_option("--username", flags->username, "Gebruikersnaam")->required();
  disable->callback(run(&Disable));

  CLI::App* reset =
      user->add_subcommand("reset-password",
                           "Stel een nieuw wachtwoord in (gemaakt en één keer getoond, of van "
                           "standaardinvoer)");
  common(reset);
  reset->add_option("--username", flags->username, "Gebruikersnaam")->required();
  reset->add_flag("--password-stdin", flags->password_stdin,
                  "Lees het wachtwoord van de eerste regel van standaardinvoer");
  reset->callback(run(&ResetPassword));

  CLI::App* role = user->add_subcommand("role", "Geef een gebruiker een andere rol");
  common(role);
  role->add_option("--username", flags->username, "Gebruikersnaam")->required();
  role->add_option("--role", flags->role, "Nieuwe rol")->required();
  role->add_option("--department", flags->departments,
                   "Afdeling (mag vaker; zonder deze optie blijven de afdelingen gelijk)");
  role->callback(run(&SetRole));

  CLI::App* bootstrap = user->add_subcommand(
      "bootstrap-admin",
      "Maak de eerste beheerder aan als de gemeente nog geen gebruikers heeft (toont het "
      "wachtwoord één keer)");
  common(bootstrap);
  flags->username = "beheerder";
  bootstrap->add_option("--username", flags->username, "Gebruikersnaam (standaard beheerder)");
  bootstrap->callback(run(&BootstrapAdmin));
}

}  // namespace baken::app
