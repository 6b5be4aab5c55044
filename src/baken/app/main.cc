// The `baken` command: every subcommand of the system.
#include <CLI/CLI.hpp>

int main(int argc, char** argv) {
  CLI::App app{"Baken: meldingen, hotspots en programma's voor leefbaarheid en veiligheid"};
  app.require_subcommand(1);
  app.add_subcommand("version", "Toon de versie")->callback([] { std::puts("baken 0.1.0"); });
  CLI11_PARSE(app, argc, argv);
  return 0;
}
