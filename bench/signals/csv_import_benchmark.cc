// `baken meldingen import` at volume: a generated CSV of ROWS meldingen (RD points inside
// Groningen, a year of intake) through the same code the command runs (CsvImportReader and
// RunCsvImport into MeldingService::Import on SQLite, WAL, synchronous=FULL), against a bare
// CsvReader pass over the same file measured in the same run.
//
//   csv_import_benchmark [ROWS] [DIR]   ROWS default 100000 (1000000 for the full run; or
//                                       BAKEN_BENCH_ROWS), DIR for the file and the database.
//
// Prints rows/s and the total time of the import, the bare parse's rows/s and the ratio.
// BAKEN_BENCH_KEEP=1 keeps the CSV and the database afterwards (to time statements on them).
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <random>
#include <string>

#include "baken/base/csv.h"
#include "baken/base/time_zone.h"
#include "baken/geo/geojson.h"
#include "baken/geo/locator.h"
#include "baken/signals/csv_import.h"
#include "baken/signals/setup.h"
#include "baken/store/area_repository.h"
#include "baken/store/migrations.h"

namespace {

using namespace baken;

double Seconds(const std::function<void()>& body) {
  auto start = std::chrono::steady_clock::now();
  body();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

void Check(const Status& s, const char* what) {
  if (!s.ok()) {
    std::fprintf(stderr, "%s: %s\n", what, s.ToString().c_str());
    std::exit(1);
  }
}

}  // namespace

int main(int argc, char** argv) {
  int64_t rows = 100'000;
  if (const char* env = std::getenv("BAKEN_BENCH_ROWS")) rows = std::atoll(env);
  if (argc > 1) rows = std::atoll(argv[1]);
  const std::string dir = argc > 2 ? argv[2] : std::filesystem::temp_directory_path().string();
  const std::string stem = dir + "/baken_csv_bench_" + std::to_string(::getpid());
  const std::string csv_path = stem + ".csv";
  const std::string db_path = stem + ".db";

  // Areas into the database (as `baken areas import` does) and a locator to place the points.
  auto db = store::OpenDatabase("sqlite:" + db_path);
  Check(db.status(), "open");
  Check(store::Migrate(**db).status(), "migrate");
  store::AreaRepository repo(**db, SystemClock::Instance());
  geo::AreaSet all;
  for (auto [file, level] : {std::pair{"cbs-wijken-2017.geojson", geo::Level::kDistrict},
                             std::pair{"cbs-buurten-2017.geojson", geo::Level::kNeighbourhood}}) {
    auto fc = geo::ReadGeoJsonFile(std::string(BAKEN_SHARED_DIR) + "/data/groningen/" + file);
    Check(fc.status(), file);
    auto set = geo::ImportCbs(*fc, level, "GM0014");
    Check(set.status(), file);
    Check(repo.ReplaceLevel("GM0014", "Groningen", level, *set, file).status(), "areas");
    Check(all.Merge(std::move(*set)), "merge");
  }
  auto locator = geo::Locator::Build(all);
  Check(locator.status(), "locator");

  // The file: what another system exports, RD metres, local times, category codes and names.
  const char* categories[] = {"hondenpoep", "zwerfafval", "grofvuil", "afvalcontainer",
                              "Container vol of kapot"};
  const char* words[] = {"afval", "hond",      "fiets", "lawaai", "lantaarn", "graffiti",
                         "stoep", "container", "boom",  "auto",   "muziek",   "glas"};
  {
    std::ofstream out(csv_path, std::ios::binary);
    out << "meldingnummer,datum,x,y,categorie,omschrijving\n";
    std::mt19937_64 rng(12345);
    std::uniform_real_distribution<double> ux(225000, 245000), uy(575000, 592000);
    for (int64_t i = 0; i < rows; ++i) {
      double x, y;
      do {
        x = ux(rng);
        y = uy(rng);
      } while (locator->Locate({x, y}).buurt == nullptr);
      const int day = static_cast<int>(i % 365);
      const auto date =
          std::chrono::sys_days(std::chrono::year(2025) / 1 / 1) + std::chrono::days(day);
      char line[256];
      std::snprintf(line, sizeof line, "%lld,%s %02d:%02d,%.2f,%.2f,%s,\"Melding over %s en %s\"\n",
                    static_cast<long long>(i),
                    FormatDate(std::chrono::year_month_day(date)).c_str(),
                    static_cast<int>(7 + i % 14), static_cast<int>(i % 60), x, y,
                    categories[rng() % 5], words[rng() % 12], words[rng() % 12]);
      out << line;
    }
  }

  // Baseline: reading the same file with the bare CsvReader.
  int64_t parsed = 0;
  const double bare = Seconds([&] {
    std::ifstream in(csv_path, std::ios::binary);
    CsvReader reader(in);
    std::vector<std::string> fields;
    while (*reader.Next(fields)) ++parsed;
  });

  signals::SetupOptions setup;
  auto service = signals::OpenMeldingService(**db, SystemClock::Instance(), setup);
  Check(service.status(), "service");
  signals::CsvImportTotals totals;
  std::chrono::steady_clock::time_point rebuild_start{};
  const auto import_start = std::chrono::steady_clock::now();
  const double full = Seconds([&] {
    std::ifstream in(csv_path, std::ios::binary);
    signals::ImportMapping mapping;
    mapping.source = "bench";
    auto reader = signals::CsvImportReader::Open(in, mapping, (*service)->catalog());
    Check(reader.status(), "reader");
    signals::Actor actor;
    signals::CsvImportOptions options;
    options.on_rebuild = [&] { rebuild_start = std::chrono::steady_clock::now(); };
    auto result = signals::RunCsvImport(**reader, **service, actor, options);
    Check(result.status(), "import");
    totals = *result;
  });

  std::printf("csv_import_benchmark: %lld rows\n", static_cast<long long>(rows));
  std::printf("  bare CsvReader parse : %10.0f rows/s  (%.2f s, %lld records)\n", parsed / bare,
              bare, static_cast<long long>(parsed));
  std::printf(
      "  meldingen import     : %10.0f rows/s  (%.2f s total; %lld stored, %lld present, "
      "%lld rejected)\n",
      totals.rows / full, full, static_cast<long long>(totals.stored),
      static_cast<long long>(totals.already_present), static_cast<long long>(totals.rejected));
  if (rebuild_start != std::chrono::steady_clock::time_point{}) {
    const double rows_phase = std::chrono::duration<double>(rebuild_start - import_start).count();
    std::printf(
        "  of which rows        : %10.2f s; index and full-text rebuild: %.2f s (%.0f %%)\n",
        rows_phase, full - rows_phase, 100.0 * (full - rows_phase) / full);
  }
  std::printf("  ratio import / parse : %.1f x slower\n", full / bare);
  db->reset();
  if (std::getenv("BAKEN_BENCH_KEEP") != nullptr) {
    std::printf("  kept: %s and %s\n", db_path.c_str(), csv_path.c_str());
  } else {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(db_path + suffix);
    std::filesystem::remove(csv_path);
  }
  return totals.stored == rows ? 0 : 1;
}
