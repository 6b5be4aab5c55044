// The `baken` program: one binary with a subcommand for every job (see `baken --help`).
#include <CLI/CLI.hpp>

#include <cstdio>
#include <string>
#include <vector>

#include "baken/app/command.h"

int main(int argc, char** argv) {
  CLI::App app{
      "Baken: meldingen, hotspots, toezicht en programma's voor leefbaarheid en veiligheid.\n"
      "Elke opdracht heeft --help."};
  app.require_subcommand(1);
  app.set_help_all_flag("--help-all", "Toon de hulp van alle opdrachten");

  std::string config_file;
  std::vector<std::string> settings;
  app.add_option("--config", config_file,
                 "Instellingenbestand (key = value, [sectie]); ook $BAKEN_CONFIG");
  app.add_option("--set", settings, "Instelling voor deze keer, bv. --set server.listen=:9090");
  if (baken::Status s = baken::app::LoadAppConfig(argc, argv); !s.ok()) {
    return baken::app::Report(s);
  }

  baken::app::CommandContext context;
  app.add_subcommand("version", "Toon de versie van Baken")->callback([] {
    std::puts("baken 0.1.0");
  });
  baken::app::AddDatabaseCommands(app, context);
  baken::app::AddAreaCommands(app, context);
  baken::app::AddServeCommand(app, context);
  baken::app::AddConfigCommands(app, context);
  baken::app::AddSecretsCommands(app, context);
  baken::app::AddUserCommands(app, context);
  baken::app::AddAuditCommands(app, context);
  baken::app::AddClassifyCommands(app, context);
  baken::app::AddDemoCommand(app, context);
  baken::app::AddApiKeyCommands(app, context);
  baken::app::AddSubjectCommands(app, context);
  baken::app::AddMailCommands(app, context);
  baken::app::AddMeldingCommands(app, context);
  baken::app::AddRetentionCommands(app, context);
  baken::app::AddAnalysisCommands(app, context);
  baken::app::AddProgrammeCommands(app, context);
  baken::app::AddReportCommands(app, context);

  CLI11_PARSE(app, argc, argv);
  return context.exit_code;
}
