// `baken audit verify|export|checkpoint`: for the privacy officer / auditor. Verify checks the MAC
// chain of the whole audit log with the audit key and that the database still reaches every
// signed checkpoint outside it (ADR 0014); export writes the entries of a period of Amsterdam
// calendar days; checkpoint anchors the current head now (the server does so every minute).
#include <CLI/CLI.hpp>

#include <cstdio>
#include <iostream>

#include "baken/app/command.h"
#include "baken/app/secrets.h"
#include "baken/base/time_zone.h"
#include "baken/security/audit_anchor.h"
#include "baken/security/audit_log.h"

namespace baken::app {

namespace {

struct AuditFlags {
  std::string db_url;
  std::string from;
  std::string to;
  std::string format = "jsonl";
  std::string tenant;
  std::string secrets_dir;
  std::string anchor_path;  // empty: audit-ankers.jsonl in the secrets folder
};

std::string AnchorPath(const AuditFlags& flags) {
  return flags.anchor_path.empty() ? DefaultAuditAnchorPath(flags.secrets_dir) : flags.anchor_path;
}

// Exit code 0 when intact, 1 when broken or on error. Without the audit key only the unkeyed part
// of the chain can be checked: that is an error, not "intact".
int RunVerify(const AuditFlags& flags) {
  auto key = LoadAuditKey(flags.secrets_dir, /*create=*/false);
  if (!key.ok()) return Report(key.status());
  auto db = OpenMigrated(flags.db_url);
  if (!db.ok()) return Report(db.status());
  security::AuditLog log(**db, SystemClock::Instance(), *key);
  security::AuditAnchor anchor(AnchorPath(flags), *key);
  auto checkpoints = anchor.Read();
  if (!checkpoints.ok()) {
    std::fprintf(stderr, "baken: auditlog NIET intact: %s\n",
                 checkpoints.status().message().c_str());
    return 1;
  }
  security::AuditVerifyOptions options;
  options.key = *key;
  options.checkpoints = *checkpoints;
  auto result = log.Verify(options);
  if (!result.ok()) return Report(result.status());
  if (result->ok) {
    std::printf("Auditlog intact: %lld regels gecontroleerd, %zu ankerpunten bereikt.\n",
                static_cast<long long>(result->entries_checked), checkpoints->size());
    if (checkpoints->empty()) {
      std::fprintf(stderr,
                   "baken: let op: %s bevat nog geen ankerpunten; een volledig herschreven "
                   "keten is dan niet aantoonbaar (baken serve of baken audit checkpoint "
                   "schrijft ze).\n",
                   AnchorPath(flags).c_str());
    }
    return 0;
  }
  std::fprintf(stderr, "baken: auditlog NIET intact: eerste fout bij regel %lld: %s\n",
               static_cast<long long>(result->first_bad_seq), result->reason.c_str());
  return 1;
}

int RunCheckpoint(const AuditFlags& flags) {
  auto key = LoadAuditKey(flags.secrets_dir, /*create=*/true);
  if (!key.ok()) return Report(key.status());
  auto db = OpenMigrated(flags.db_url);
  if (!db.ok()) return Report(db.status());
  security::AuditLog log(**db, SystemClock::Instance(), *key);
  security::AuditAnchor anchor(AnchorPath(flags), *key);
  auto c = anchor.Checkpoint(log, SystemClock::Instance());
  if (!c.ok()) return Report(c.status());
  std::printf("Ankerpunt bij regel %lld in %s.\n", static_cast<long long>(c->seq),
              anchor.path().c_str());
  return 0;
}

int RunExport(const AuditFlags& flags) {
  auto from = ParseDate(flags.from, "--from");
  if (!from.ok()) return Report(from.status());
  auto to = ParseDate(flags.to, "--to");
  if (!to.ok()) return Report(to.status());
  if (std::chrono::sys_days(*to) < std::chrono::sys_days(*from)) {
    return Report(InvalidArgumentError("de einddatum ligt voor de begindatum", "--to"));
  }
  security::AuditExportFormat format;
  if (flags.format == "jsonl") {
    format = security::AuditExportFormat::kJsonLines;
  } else if (flags.format == "csv") {
    format = security::AuditExportFormat::kCsv;
  } else {
    return Report(InvalidArgumentError("kies jsonl of csv", "--format"));
  }
  auto db = OpenMigrated(flags.db_url);
  if (!db.ok()) return Report(db.status());
  security::AuditLog log(**db, SystemClock::Instance());
  // Both dates inclusive: from the start of --from to the start of the day after --to.
  const std::chrono::year_month_day after_to{std::chrono::sys_days(*to) + std::chrono::days(1)};
  return Report(log.Export(flags.tenant, StartOfAmsterdamDay(*from), StartOfAmsterdamDay(after_to),
                           std::cout, format));
}

}  // namespace

void AddAuditCommands(CLI::App& app, CommandContext& context) {
  auto flags = std::make_shared<AuditFlags>();
  CLI::App* audit = app.add_subcommand("audit", "Het auditlog controleren en exporteren");
  audit->require_subcommand(1);

  CLI::App* verify = audit->add_subcommand(
      "verify",
      "Controleer de MAC-keten van het hele auditlog en de ankerpunten (exitcode 1 bij een breuk)");
  AddDatabaseOption(*verify, flags->db_url);
  AddSecretsOption(*verify, flags->secrets_dir);
  verify->add_option("--ankers", flags->anchor_path,
                     "Bestand met ankerpunten (standaard audit-ankers.jsonl in de sleutelmap)");
  verify->callback([flags, &context] { context.exit_code = RunVerify(*flags); });

  CLI::App* exp = audit->add_subcommand(
      "export", "Schrijf de auditregels van een periode naar standaarduitvoer");
  AddDatabaseOption(*exp, flags->db_url);
  exp->add_option("--from", flags->from, "Eerste dag, JJJJ-MM-DD (Amsterdamse tijd)")->required();
  exp->add_option("--to", flags->to, "Laatste dag (inclusief), JJJJ-MM-DD")->required();
  exp->add_option("--format", flags->format, "jsonl (standaard) of csv");
  exp->add_option("--tenant", flags->tenant, "Alleen deze gemeente (standaard: alle)");
  exp->callback([flags, &context] { context.exit_code = RunExport(*flags); });

  CLI::App* checkpoint = audit->add_subcommand(
      "checkpoint", "Leg de kop van het auditlog nu vast in het ankerbestand (buiten de database)");
  AddDatabaseOption(*checkpoint, flags->db_url);
  AddSecretsOption(*checkpoint, flags->secrets_dir);
  checkpoint->add_option("--ankers", flags->anchor_path,
                         "Bestand met ankerpunten (standaard audit-ankers.jsonl in de sleutelmap)");
  checkpoint->callback([flags, &context] { context.exit_code = RunCheckpoint(*flags); });
}

}  // namespace baken::app
