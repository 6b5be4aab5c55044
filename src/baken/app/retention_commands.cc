// `baken retention run [--db URL] [--dry-run] [--now ISO] [--regels FILE] [--bijlagen DIR]` and
// `baken retention rules [--regels FILE]`: apply or show the retention rules (retention/).
//
// The rules are the shipped ones unless --regels or the config key `retentie.regels` names a
// file; the attachment folder is `meldingen.bijlagen` (as for `baken serve`). Every action is in
// the audit log with actor "cli:<user>"; the summary is printed in Dutch. --now counts the
// periods to another moment (tests, or to see what a later date would do with --dry-run).
#include <pwd.h>
#include <unistd.h>
#include <CLI/CLI.hpp>

#include <cstdio>

#include "baken/app/command.h"
#include "baken/base/time_zone.h"
#include "baken/retention/retention_runner.h"

namespace baken::app {

namespace {

struct RetentionFlags {
  std::string db_url;
  bool dry_run = false;
  std::string now;
  std::string rules_file;
  std::string attachment_dir = "var/bijlagen";
};

std::string CliActor() {
  if (const passwd* pw = ::getpwuid(::geteuid()); pw != nullptr && pw->pw_name != nullptr) {
    return std::string("cli:") + pw->pw_name;
  }
  return "cli:uid" + std::to_string(::geteuid());
}

StatusOr<retention::RetentionRules> LoadRules(const std::string& file) {
  if (file.empty()) return retention::RetentionRules::Defaults();
  return retention::RetentionRules::ReadFile(file);
}

Status Run(const RetentionFlags& flags) {
  ASSIGN_OR_RETURN(retention::RetentionRules rules, LoadRules(flags.rules_file));
  Clock& clock = SystemClock::Instance();
  Timestamp now = clock.Now();
  if (!flags.now.empty()) {
    ASSIGN_OR_RETURN(now, ParseRfc3339(flags.now, "now"));
  }
  ASSIGN_OR_RETURN(auto db, OpenMigrated(flags.db_url));
  retention::RetentionOptions options;
  options.attachment_dir = flags.attachment_dir;
  options.actor = CliActor();
  retention::RetentionRunner runner(*db, clock, rules, options);
  ASSIGN_OR_RETURN(retention::RetentionSummary summary, runner.Run(now, flags.dry_run));
  std::fputs(retention::FormatSummary(summary).c_str(), stdout);
  return Status::Ok();
}

Status ShowRules(const RetentionFlags& flags) {
  ASSIGN_OR_RETURN(retention::RetentionRules rules, LoadRules(flags.rules_file));
  std::printf("Bron: %s\n\n",
              flags.rules_file.empty() ? "ingebouwde bewaarregels" : flags.rules_file.c_str());
  std::fputs(retention::FormatRules(rules).c_str(), stdout);
  return Status::Ok();
}

}  // namespace

void AddRetentionCommands(CLI::App& app, CommandContext& context) {
  auto flags = std::make_shared<RetentionFlags>();
  const Config& config = AppConfig();
  if (auto v = config.GetString("retentie.regels"); v.ok()) flags->rules_file = *v;
  if (auto v = config.GetString("meldingen.bijlagen"); v.ok()) flags->attachment_dir = *v;

  CLI::App* retention = app.add_subcommand(
      "retention", "Bewaartermijnen: contactgegevens anonimiseren, meldingen vernietigen");
  retention->require_subcommand(1);

  CLI::App* run = retention->add_subcommand(
      "run",
      "Pas de bewaarregels toe (ook dagelijks door baken serve); schrijft alles in het "
      "auditlog");
  AddDatabaseOption(*run, flags->db_url);
  run->add_flag("--dry-run", flags->dry_run, "Toon wat er zou gebeuren, verander niets");
  run->add_option("--now", flags->now,
                  "Peildatum (ISO 8601 met tijdzone), standaard nu, bv. 2031-01-01T00:00:00Z");
  run->add_option("--regels", flags->rules_file,
                  "Bestand met bewaarregels (JSON, retentie.regels); standaard de ingebouwde");
  run->add_option("--bijlagen", flags->attachment_dir,
                  "Map met bijlagen bij meldingen (meldingen.bijlagen)")
      ->capture_default_str();
  run->callback([flags, &context] { context.exit_code = Report(Run(*flags)); });

  CLI::App* rules = retention->add_subcommand("rules", "Toon de bewaarregels die gelden");
  rules->add_option("--regels", flags->rules_file,
                    "Bestand met bewaarregels (JSON); standaard de ingebouwde");
  rules->callback([flags, &context] { context.exit_code = Report(ShowRules(*flags)); });
}

}  // namespace baken::app
