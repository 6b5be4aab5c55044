// `baken demo`: fills the database with a demo year of meldingen (see baken/demo/demo_year.h).
//
// Loads the municipality's areas from the database and the taxonomy from its file, generates the
// year for the seed and imports it through MeldingService::Import, showing progress on stderr.
// Running it again adds nothing (the demo's source ids are already present); --if-empty skips
// the work when the municipality already has meldingen (for `make run`).
#include <CLI/CLI.hpp>

#include <chrono>
#include <cstdio>
#include <memory>
#include <string>

#include "baken/app/command.h"
#include "baken/base/clock.h"
#include "baken/base/tenant.h"
#include "baken/base/work_calendar.h"
#include "baken/demo/demo_year.h"
#include "baken/geo/locator.h"
#include "baken/signals/category.h"
#include "baken/signals/melding_service.h"
#include "baken/signals/routing.h"
#include "baken/store/area_repository.h"

namespace baken::app {

namespace {

struct DemoFlags {
  std::string db_url;
  std::string municipality = kDefaultTenant;
  std::string categories = "data/categories/groningen.json";
  std::string routing;
  int year = 2025;
  uint64_t seed = 1;
  int scale = 40000;
  bool if_empty = false;
};

// "39.874": thousands separated the Dutch way.
std::string Count(int64_t n) {
  std::string digits = std::to_string(n < 0 ? -n : n);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += '.';
    out += digits[i];
  }
  return n < 0 ? "-" + out : out;
}

std::string Seconds(double s) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f", s);
  std::string text = buffer;
  for (char& c : text) {
    if (c == '.') c = ',';
  }
  return text;
}

Status Run(const DemoFlags& flags) {
  using Clock = std::chrono::steady_clock;
  const auto started = Clock::now();
  ASSIGN_OR_RETURN(std::unique_ptr<store::Database> db, OpenMigrated(flags.db_url));
  SystemClock& clock = SystemClock::Instance();

  store::AreaRepository areas_repo(*db, clock);
  ASSIGN_OR_RETURN(geo::AreaSet loaded, areas_repo.Load(flags.municipality));
  if (loaded.List(geo::Level::kNeighbourhood).empty()) {
    return FailedPreconditionError("Er zijn nog geen buurten van " + flags.municipality +
                                   " geladen. Gebruik eerst: baken areas import --municipality " +
                                   flags.municipality + " --level buurt BESTAND.geojson");
  }
  auto areas = std::make_shared<const geo::AreaSet>(std::move(loaded));
  ASSIGN_OR_RETURN(geo::Locator built, geo::Locator::Build(*areas));
  auto locator = std::make_shared<const geo::Locator>(std::move(built));

  ASSIGN_OR_RETURN(signals::CategoryCatalog read, signals::ReadTaxonomyFile(flags.categories));
  auto catalog = std::make_shared<const signals::CategoryCatalog>(std::move(read));
  signals::Router router;
  if (!flags.routing.empty()) {
    ASSIGN_OR_RETURN(std::string text, [&]() -> StatusOr<std::string> {
      std::FILE* f = std::fopen(flags.routing.c_str(), "rb");
      if (f == nullptr) {
        return Status(StatusCode::kNotFound,
                      "Het bestand met routeringsregels bestaat niet: " + flags.routing,
                      "--routing");
      }
      std::string content;
      char buffer[4096];
      for (size_t n; (n = std::fread(buffer, 1, sizeof buffer, f)) > 0;) content.append(buffer, n);
      std::fclose(f);
      return content;
    }());
    ASSIGN_OR_RETURN(auto rules, signals::ParseRoutingRules(text));
    ASSIGN_OR_RETURN(router, signals::Router::Build(std::move(rules), *catalog));
  }
  signals::MeldingService service(*db, clock, catalog, areas, locator, std::move(router),
                                  WorkCalendar());

  if (flags.if_empty) {
    signals::ListQuery query;
    query.tenant = flags.municipality;
    query.limit = 1;
    query.visibility = {security::Sensitivity::kSpecial, /*all_restricted_departments=*/true, {}};
    ASSIGN_OR_RETURN(signals::Page page, service.List(query));
    if (!page.items.empty()) {
      std::printf("De database bevat al meldingen van %s; het demojaar wordt niet geladen.\n",
                  flags.municipality.c_str());
      return Status::Ok();
    }
  }

  demo::DemoOptions options;
  options.year = flags.year;
  options.seed = flags.seed;
  options.scale = flags.scale;
  options.tenant = flags.municipality;
  options.now = clock.Now();
  const auto generating = Clock::now();
  ASSIGN_OR_RETURN(std::vector<signals::ImportItem> items,
                   demo::GenerateYear(options, *areas, *catalog));
  const double generated_s = std::chrono::duration<double>(Clock::now() - generating).count();

  const auto importing = Clock::now();
  signals::ImportOptions import_options;
  import_options.batch = 2000;
  import_options.progress = [&importing](int64_t done, int64_t total) {
    const double s = std::chrono::duration<double>(Clock::now() - importing).count();
    const int percent = total > 0 ? static_cast<int>(100 * done / total) : 100;
    std::fprintf(stderr, "\rDemojaar laden: %3d%% (%s van %s, %s per seconde)   ", percent,
                 Count(done).c_str(), Count(total).c_str(),
                 Count(s > 0 ? static_cast<int64_t>(done / s) : done).c_str());
    std::fflush(stderr);
  };
  signals::Actor actor;
  actor.id = "systeem";
  // A demo year into an empty database: the search indexes are built once at the end.
  ASSIGN_OR_RETURN(const bool deferred, service.StartBulkLoad(static_cast<int64_t>(items.size())));
  StatusOr<signals::ImportSummary> imported = service.Import(items, actor, import_options);
  std::fprintf(stderr, "\n");
  if (deferred) {
    Status restored = service.FinishBulkLoad();
    if (imported.ok()) RETURN_IF_ERROR(restored);
  }
  RETURN_IF_ERROR(imported.status());
  const signals::ImportSummary& summary = *imported;

  for (size_t i = 0; i < summary.rejected.size() && i < 10; ++i) {
    const signals::ImportRejection& r = summary.rejected[i];
    std::fprintf(stderr, "baken: demo-melding %lld afgewezen: %s: %s\n",
                 static_cast<long long>(r.line), r.field.c_str(), r.message.c_str());
  }
  const double total_s = std::chrono::duration<double>(Clock::now() - started).count();
  std::printf(
      "Demojaar %d (seed %llu) voor %s: %s meldingen opgeslagen, %s al aanwezig, %s afgewezen "
      "(gemaakt in %s s, totaal %s s).\n",
      flags.year, static_cast<unsigned long long>(flags.seed), flags.municipality.c_str(),
      Count(summary.stored).c_str(), Count(summary.already_present).c_str(),
      Count(static_cast<int64_t>(summary.rejected.size())).c_str(), Seconds(generated_s).c_str(),
      Seconds(total_s).c_str());
  if (!summary.rejected.empty()) {
    return InternalError("Het demojaar bevat afgewezen meldingen; dit is een fout in Baken.");
  }
  return Status::Ok();
}

}  // namespace

void AddDemoCommand(CLI::App& app, CommandContext& context) {
  auto flags = std::make_shared<DemoFlags>();
  CLI::App* demo = app.add_subcommand(
      "demo", "Vul de database met een demojaar van meldingen (nogmaals draaien voegt niets toe)");
  AddDatabaseOption(*demo, flags->db_url);
  demo->add_option("--year", flags->year, "Het jaar van de meldingen")->capture_default_str();
  demo->add_option("--seed", flags->seed, "Startwaarde: zelfde seed, zelfde jaar")
      ->capture_default_str();
  demo->add_option("--scale", flags->scale, "Aantal meldingen in het jaar")->capture_default_str();
  demo->add_option("--municipality", flags->municipality, "CBS-code van de gemeente")
      ->capture_default_str();
  demo->add_option("--categories", flags->categories, "Taxonomiebestand (JSON)")
      ->capture_default_str();
  demo->add_option("--routing", flags->routing, "Routeringsregels (JSON); leeg: per categorie");
  demo->add_flag("--if-empty", flags->if_empty,
                 "Alleen laden als de gemeente nog geen meldingen heeft");
  demo->callback([flags, &context] { context.exit_code = Report(Run(*flags)); });
}

}  // namespace baken::app
