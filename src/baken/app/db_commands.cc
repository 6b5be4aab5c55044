// `baken migrate` and `baken backup`.
#include <CLI/CLI.hpp>

#include <cstdio>

#include "baken/app/command.h"
#include "baken/store/backup.h"
#include "baken/store/migrations.h"

namespace baken::app {

namespace {

int RunMigrate(const std::string& url, bool status_only) {
  auto db = OpenOrReport(url);
  if (db == nullptr) return 1;
  if (!status_only) {
    auto applied = store::Migrate(*db);
    if (!applied.ok()) return Report(applied.status());
    std::printf("%d migratie(s) uitgevoerd op %s.\n", *applied, db->DisplayUrl().c_str());
  }
  auto status = store::GetMigrationStatus(*db);
  if (!status.ok()) return Report(status.status());
  for (const auto& m : status->migrations) {
    std::printf("%04d %-24s %s\n", m.version, m.name.c_str(),
                m.applied ? "uitgevoerd" : "NOG NIET UITGEVOERD");
  }
  return status->ok() ? 0 : 1;
}

int RunBackup(const std::string& url, const std::string& to) {
  auto db = OpenOrReport(url);
  if (db == nullptr) return 1;
  if (int rc = Report(store::BackupDatabase(*db, to)); rc != 0) return rc;
  std::printf("Reservekopie van %s geschreven naar %s.\n", db->DisplayUrl().c_str(), to.c_str());
  return 0;
}

}  // namespace

void AddDatabaseCommands(CLI::App& app, CommandContext& context) {
  struct Flags {
    std::string db_url;
    std::string to;
    bool status_only = false;
  };
  auto flags = std::make_shared<Flags>();

  CLI::App* migrate =
      app.add_subcommand("migrate", "Breng het databaseschema bij (idempotent) en toon de stand");
  AddDatabaseOption(*migrate, flags->db_url);
  migrate->add_flag("--status", flags->status_only, "Toon alleen welke migraties zijn uitgevoerd");
  migrate->callback(
      [flags, &context] { context.exit_code = RunMigrate(flags->db_url, flags->status_only); });

  CLI::App* backup = app.add_subcommand(
      "backup", "Maak een reservekopie van de SQLite-database terwijl Baken draait");
  AddDatabaseOption(*backup, flags->db_url);
  backup->add_option("--to", flags->to, "Bestand voor de reservekopie")->required();
  backup->callback([flags, &context] { context.exit_code = RunBackup(flags->db_url, flags->to); });
}

}  // namespace baken::app
