// The `baken` program: one binary with a subcommand for every job (see `baken --help`).
#include <CLI/CLI.hpp>

#include <cstdio>

#include "baken/app/command.h"

int main(int argc, char** argv) {
  CLI::App app{
      "Baken: meldingen, hotspots, toezicht en programma's voor leefbaarheid en veiligheid.\n"
      "Elke opdracht heeft --help."};
  app.require_subcommand(1);
  app.set_help_all_flag("--help-all", "Toon de hulp van alle opdrachten");

  baken::app::CommandContext context;
  app.add_subcommand("version", "Toon de versie van Baken")->callback([] {
    std::puts("baken 0.1.0");
  });
  baken::app::AddDatabaseCommands(app, context);
  baken::app::AddAreaCommands(app, context);
  baken::app::AddServeCommand(app, context);
  baken::app::AddSecretsCommands(app, context);
  baken::app::AddUserCommands(app, context);
  baken::app::AddAuditCommands(app, context);

  CLI11_PARSE(app, argc, argv);
  return context.exit_code;
}
