// `baken audit verify|export`: for the privacy officer / auditor. Verify checks the hash chain of
// the whole audit log; export writes the entries of a period of Amsterdam calendar days.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <iostream>

#include "baken/app/command.h"
#include "baken/base/time_zone.h"
#include "baken/security/audit_log.h"

namespace baken::app {

namespace {

struct AuditFlags {
  std::string db_url;
  std::string from;
  std::string to;
  std::string format = "jsonl";
  std::string tenant;
};

// Exit code 0 when intact, 1 when broken or on error.
int RunVerify(const AuditFlags& flags) {
  auto db = OpenMigrated(flags.db_url);
  if (!db.ok()) return Report(db.status());
  security::AuditLog log(**db, SystemClock::Instance());
  auto result = log.Verify();
  if (!result.ok()) return Report(result.status());
  if (result->ok) {
    std::printf("Auditlog intact: %lld regels gecontroleerd.\n",
                static_cast<long long>(result->entries_checked));
    return 0;
  }
  std::fprintf(stderr, "baken: auditlog NIET intact: eerste fout bij regel %lld: %s\n",
               static_cast<long long>(result->first_bad_seq), result->reason.c_str());
  return 1;
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
      "verify", "Controleer de hashketen van het hele auditlog (exitcode 1 bij een breuk)");
  AddDatabaseOption(*verify, flags->db_url);
  verify->callback([flags, &context] { context.exit_code = RunVerify(*flags); });

  CLI::App* exp = audit->add_subcommand(
      "export", "Schrijf de auditregels van een periode naar standaarduitvoer");
  AddDatabaseOption(*exp, flags->db_url);
  exp->add_option("--from", flags->from, "Eerste dag, JJJJ-MM-DD (Amsterdamse tijd)")->required();
  exp->add_option("--to", flags->to, "Laatste dag (inclusief), JJJJ-MM-DD")->required();
  exp->add_option("--format", flags->format, "jsonl (standaard) of csv");
  exp->add_option("--tenant", flags->tenant, "Alleen deze gemeente (standaard: alle)");
  exp->callback([flags, &context] { context.exit_code = RunExport(*flags); });
}

}  // namespace baken::app
