// `baken programma seed|list|compute|value`: the programmes of a municipality (programme/).
//
//   seed [--file F]              stores the programmes of F (default: the shipped Groningen file)
//                                that the database lacks; running it again changes nothing
//   list [--tenant T]            programmes with their action lines and indicators
//   compute --period P           computes every computed indicator for P (2025 or 2025-Q3) and
//                                stores the values as new snapshots
//   value --indicator C --period P --value V --source S   a manual value with its source
// Changes are in the programme history and the audit log with actor "cli:<user>".
#include <pwd.h>
#include <unistd.h>
#include <CLI/CLI.hpp>

#include <cstdio>

#include "baken/app/command.h"
#include "baken/base/tenant.h"
#include "baken/base/time_zone.h"
#include "baken/programme/indicators.h"
#include "baken/programme/seed.h"
#include "baken/programme/tree.h"

namespace baken::app {
namespace {

namespace pg = baken::programme;

struct ProgrammeFlags {
  std::string db_url;
  std::string tenant = kDefaultTenant;
  std::string file = "data/programmas/groningen-2022-2024.json";
  std::string period;
  std::string indicator;
  double value = 0;
  std::string source;
};

std::string CliActor() {
  if (const passwd* pw = ::getpwuid(::geteuid()); pw != nullptr && pw->pw_name != nullptr) {
    return std::string("cli:") + pw->pw_name;
  }
  return "cli:uid" + std::to_string(::geteuid());
}

Status RunSeed(const ProgrammeFlags& flags) {
  ASSIGN_OR_RETURN(pg::ProgrammeFile file, pg::ReadProgrammeFile(flags.file));
  ASSIGN_OR_RETURN(auto db, OpenMigrated(flags.db_url));
  pg::ProgrammeRepository repo(*db, SystemClock::Instance());
  ASSIGN_OR_RETURN(pg::SeedResult result, pg::Seed(repo, file, {CliActor(), "", ""}));
  for (const std::string& c : result.created) std::printf("vastgelegd: %s\n", c.c_str());
  for (const std::string& c : result.kept) std::printf("al aanwezig, ongewijzigd: %s\n", c.c_str());
  return Status::Ok();
}

Status RunList(const ProgrammeFlags& flags) {
  ASSIGN_OR_RETURN(auto db, OpenMigrated(flags.db_url));
  pg::ProgrammeRepository repo(*db, SystemClock::Instance());
  ASSIGN_OR_RETURN(std::vector<pg::ProgrammeSummary> list, repo.List(flags.tenant));
  if (list.empty()) std::printf("Geen programma's voor %s.\n", flags.tenant.c_str());
  for (const pg::ProgrammeSummary& s : list) {
    ASSIGN_OR_RETURN(pg::ProgrammeTree tree,
                     pg::LoadTree(*db, flags.tenant, s.code, SystemClock::Instance().Now()));
    std::printf("%s  %s (%d-%d)\n", s.code.c_str(), s.name.c_str(), s.start_year, s.end_year);
    for (const pg::ActionLine& l : tree.programme.action_lines) {
      std::printf("  actielijn %-34s %s\n", l.code.c_str(),
                  std::string(pg::ItemStatusName(l.progress.status)).c_str());
      for (const pg::Action& a : l.actions) {
        std::printf("    actie %-34s %s\n", a.code.c_str(),
                    std::string(pg::ItemStatusName(a.progress.status)).c_str());
      }
    }
    for (const pg::Indicator& ind : tree.indicators) {
      std::printf("  indicator %-32s %s", ind.code.c_str(),
                  std::string(pg::ValueSourceName(ind.source)).c_str());
      for (const pg::IndicatorValue& v : ind.values) {
        std::printf("  %s: %s", pg::FormatPeriod(v.period).c_str(),
                    v.value ? pg::DisplayValue(ind, *v.value, {}).c_str() : "-");
      }
      std::printf("\n");
    }
  }
  return Status::Ok();
}

Status RunCompute(const ProgrammeFlags& flags) {
  ASSIGN_OR_RETURN(pg::Period period, pg::ParsePeriod(flags.period, "--period"));
  ASSIGN_OR_RETURN(auto db, OpenMigrated(flags.db_url));
  pg::IndicatorStore store(*db, SystemClock::Instance());
  ASSIGN_OR_RETURN(std::vector<pg::IndicatorValue> values,
                   store.ComputeAll(flags.tenant, period, CliActor()));
  std::printf("%zu waarden berekend en vastgelegd voor %s.\n", values.size(),
              pg::FormatPeriod(period).c_str());
  return Status::Ok();
}

Status RunValue(const ProgrammeFlags& flags) {
  ASSIGN_OR_RETURN(pg::Period period, pg::ParsePeriod(flags.period, "--period"));
  ASSIGN_OR_RETURN(auto db, OpenMigrated(flags.db_url));
  pg::IndicatorStore store(*db, SystemClock::Instance());
  ASSIGN_OR_RETURN(pg::IndicatorValue v,
                   store.EnterManual(flags.tenant, flags.indicator, period, flags.value,
                                     flags.source, {CliActor(), "", ""}));
  std::printf("Waarde vastgelegd: %s %s = %g (bron: %s).\n", flags.indicator.c_str(),
              pg::FormatPeriod(v.period).c_str(), *v.value, v.source_document.c_str());
  return Status::Ok();
}

}  // namespace

void AddProgrammeCommands(CLI::App& app, CommandContext& context) {
  auto flags = std::make_shared<ProgrammeFlags>();
  const std::string tenant_help =
      std::string("CBS-code van de gemeente (standaard ") + kDefaultTenant + ")";
  CLI::App* cmd =
      app.add_subcommand("programma", "Programma's: actielijnen, acties, indicatoren en waarden");
  cmd->require_subcommand(1);

  CLI::App* seed = cmd->add_subcommand("seed", "De meegeleverde programma's vastleggen (eenmalig)");
  AddDatabaseOption(*seed, flags->db_url);
  seed->add_option("--file", flags->file, "Programmabestand (JSON)");
  seed->callback([flags, &context] { context.exit_code = Report(RunSeed(*flags)); });

  CLI::App* list = cmd->add_subcommand("list", "Programma's met status en laatste waarden");
  AddDatabaseOption(*list, flags->db_url);
  list->add_option("--tenant", flags->tenant, tenant_help);
  list->callback([flags, &context] { context.exit_code = Report(RunList(*flags)); });

  CLI::App* compute = cmd->add_subcommand(
      "compute", "Berekende indicatoren berekenen en als momentopname vastleggen");
  AddDatabaseOption(*compute, flags->db_url);
  compute->add_option("--period", flags->period, "Jaar (2025) of kwartaal (2025-Q3)")->required();
  compute->add_option("--tenant", flags->tenant, tenant_help);
  compute->callback([flags, &context] { context.exit_code = Report(RunCompute(*flags)); });

  CLI::App* value =
      cmd->add_subcommand("value", "Een handmatige waarde van een indicator invoeren");
  AddDatabaseOption(*value, flags->db_url);
  value->add_option("--indicator", flags->indicator, "Code van de indicator")->required();
  value->add_option("--period", flags->period, "Jaar (2025) of kwartaal (2025-Q3)")->required();
  value->add_option("--value", flags->value, "De waarde")->required();
  value->add_option("--source", flags->source, "Bron: document of registratie")->required();
  value->add_option("--tenant", flags->tenant, tenant_help);
  value->callback([flags, &context] { context.exit_code = Report(RunValue(*flags)); });
}

}  // namespace baken::app
