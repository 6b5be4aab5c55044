#include "baken/app/command.h"

#include <CLI/CLI.hpp>

#include <cstdio>
#include <cstdlib>
#include <optional>
#include <vector>

#include "baken/app/secrets.h"
#include "baken/store/migrations.h"

namespace baken::app {

namespace {
Config& MutableConfig() {
  static Config config;
  return config;
}
}  // namespace

const Config& AppConfig() {
  return MutableConfig();
}

Status LoadAppConfig(int argc, char** argv) {
  Config& config = MutableConfig();
  config.SetDefault("db", "sqlite:baken.db");
  config.SetDefault("server.listen", "127.0.0.1:8080");
  config.SetDefault("server.threads", "16");
  config.SetDefault("server.web", "");
  config.SetDefault("server.tls_cert", "");
  config.SetDefault("server.tls_key", "");
  config.SetDefault("log.level", "info");
  std::string file;
  if (const char* env = std::getenv("BAKEN_CONFIG"); env != nullptr) file = env;
  std::vector<std::string> settings;
  // Read --config and --set before CLI11 parses, so subcommand defaults can come from them.
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&](const std::string& name) -> std::optional<std::string> {
      if (arg == name && i + 1 < argc) return std::string(argv[++i]);
      if (arg.rfind(name + "=", 0) == 0) return arg.substr(name.size() + 1);
      return std::nullopt;
    };
    if (auto v = value("--config")) file = *v;
    if (auto v = value("--set")) settings.push_back(*v);
  }
  if (!file.empty()) RETURN_IF_ERROR(config.LoadFile(file));
  config.LoadProcessEnvironment();
  for (const std::string& s : settings) RETURN_IF_ERROR(config.SetFlag(s));
  return Status::Ok();
}

void AddDatabaseOption(CLI::App& command, std::string& url) {
  auto configured = AppConfig().GetString("db");
  url = configured.ok() ? *configured : "sqlite:baken.db";
  command.add_option("--db", url,
                     "Database: sqlite:PAD of postgresql://gebruiker@host/naam "
                     "(standaard $BAKEN_DB, anders sqlite:baken.db)");
}

std::unique_ptr<store::Database> OpenOrReport(const std::string& url) {
  auto db = store::OpenDatabase(url);
  if (!db.ok()) {
    Report(db.status());
    return nullptr;
  }
  return std::move(db).value();
}

StatusOr<std::unique_ptr<store::Database>> OpenMigrated(const std::string& url) {
  // Commands that write audit entries without a --secrets option key them with the audit key of
  // the default secrets folder, so the chain stays keyed (ADR 0014).
  InstallAuditKeyIfPresent(DefaultSecretsDir());
  ASSIGN_OR_RETURN(std::unique_ptr<store::Database> db, store::OpenDatabase(url));
  ASSIGN_OR_RETURN(store::MigrationStatus status, store::GetMigrationStatus(*db));
  if (!status.ok()) {
    return FailedPreconditionError("De database " + db->DisplayUrl() + " is nog niet ingericht (" +
                                   std::to_string(status.pending) +
                                   " migratie(s) open). Voer eerst uit: baken migrate --db " +
                                   db->DisplayUrl());
  }
  return db;
}

std::unique_ptr<store::Database> OpenMigratedOrReport(const std::string& url) {
  auto db = OpenMigrated(url);
  if (!db.ok()) {
    Report(db.status());
    return nullptr;
  }
  return std::move(db).value();
}

int Report(const Status& status) {
  if (status.ok()) return 0;
  if (status.field().empty()) {
    std::fprintf(stderr, "baken: %s\n", status.message().c_str());
  } else {
    std::fprintf(stderr, "baken: %s: %s\n", status.field().c_str(), status.message().c_str());
  }
  return 1;
}

void AddConfigCommands(CLI::App& app, CommandContext& context) {
  CLI::App* config = app.add_subcommand("config", "Toon de instellingen en waar ze vandaan komen");
  config->require_subcommand(1);
  config->add_subcommand("show", "Toon elke instelling met haar bron (geheimen als ***)")
      ->callback([&context] {
        std::fputs(AppConfig().Show().c_str(), stdout);
        context.exit_code = 0;
      });
}

}  // namespace baken::app
