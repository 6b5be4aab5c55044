// Shared plumbing for the subcommands of the `baken` program.
//
// Each command module adds its subcommands to the CLI11 app and sets `exit_code` when it runs.
// Commands print results on stdout and errors on stderr as "baken: <Dutch message>", and return a
// non-zero exit code on any error. Not thread-safe (main() only).
#pragma once

#include <memory>
#include <string>

#include "baken/base/config.h"
#include "baken/base/status.h"
#include "baken/store/database.h"

namespace CLI {
class App;
}

namespace baken::app {

struct CommandContext {
  int exit_code = 0;
};

// The configuration of this run: defaults < file (--config / $BAKEN_CONFIG) < environment
// (BAKEN_*) < --set key=value. Loaded by main() before the subcommands are registered, so their
// flag defaults come from it; flags given on the command line win over everything.
const Config& AppConfig();
Status LoadAppConfig(int argc, char** argv);

// Adds the `--db URL` option (default: config key `db`: $BAKEN_DB, the config file, else
// sqlite:baken.db) to a subcommand.
void AddDatabaseOption(CLI::App& command, std::string& url);

// Opens the database named by `url`; on error prints it and returns nullptr.
std::unique_ptr<store::Database> OpenOrReport(const std::string& url);

// Opens the database and checks that its schema is up to date; kFailedPrecondition with a Dutch
// hint to run `baken migrate` otherwise.
StatusOr<std::unique_ptr<store::Database>> OpenMigrated(const std::string& url);

// Opens the database and checks that its schema is up to date (for commands that only read);
// on error prints a Dutch hint to run `baken migrate` and returns nullptr.
std::unique_ptr<store::Database> OpenMigratedOrReport(const std::string& url);

// Prints a failed Status as "baken: ..." on stderr and returns exit code 1 (0 for ok).
int Report(const Status& status);

void AddDatabaseCommands(CLI::App& app, CommandContext& context);  // migrate, backup
void AddAreaCommands(CLI::App& app, CommandContext& context);    // areas import|streets|list|locate
void AddServeCommand(CLI::App& app, CommandContext& context);    // serve
void AddConfigCommands(CLI::App& app, CommandContext& context);  // config show
void AddSecretsCommands(CLI::App& app, CommandContext& context);    // secrets init
void AddUserCommands(CLI::App& app, CommandContext& context);       // user add|list|...
void AddAuditCommands(CLI::App& app, CommandContext& context);      // audit verify|export
void AddClassifyCommands(CLI::App& app, CommandContext& context);   // classify train|eval|...
void AddDemoCommand(CLI::App& app, CommandContext& context);        // demo --year --seed
void AddApiKeyCommands(CLI::App& app, CommandContext& context);     // apikey add|list|revoke
void AddSubjectCommands(CLI::App& app, CommandContext& context);    // subject export
void AddMailCommands(CLI::App& app, CommandContext& context);       // mail outbox|test
void AddRetentionCommands(CLI::App& app, CommandContext& context);  // retention run|rules
void AddMeldingCommands(CLI::App& app, CommandContext& context);    // meldingen import|export
void AddAnalysisCommands(CLI::App& app, CommandContext& context);   // backtest, hotspots, patterns
void AddProgrammeCommands(CLI::App& app, CommandContext& context);  // programma seed|list|...
void AddReportCommands(CLI::App& app, CommandContext& context);     // report progress|highlights

}  // namespace baken::app
