// `baken secrets init`: creates the server key and the pseudonym key for a new installation.
#include <CLI/CLI.hpp>

#include <cstdio>

#include "baken/app/command.h"
#include "baken/app/secrets.h"

namespace baken::app {

void AddSecretsCommands(CLI::App& app, CommandContext& context) {
  auto dir = std::make_shared<std::string>();
  CLI::App* secrets = app.add_subcommand("secrets", "Geheime sleutels van de server");
  secrets->require_subcommand(1);
  CLI::App* init = secrets->add_subcommand(
      "init",
      "Maak server.key, pseudonym.key en audit.key aan (32 willekeurige bytes, alleen "
      "leesbaar voor de eigenaar); overschrijft nooit");
  AddSecretsOption(*init, *dir);
  init->callback([dir, &context] {
    context.exit_code = Report(InitSecrets(*dir));
    if (context.exit_code == 0) {
      // Only where the keys are, never what they are.
      std::printf(
          "Sleutels aangemaakt in %s (server.key, pseudonym.key, audit.key). Maak er een "
          "reservekopie van: zonder deze sleutels zijn tweede factoren, pseudoniemen en de "
          "controle van het auditlog niet meer te gebruiken.\n",
          dir->c_str());
    }
  });
}

}  // namespace baken::app
