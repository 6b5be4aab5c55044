// MeldingService at volume: Import throughput and List latency over a large table (SQLite, WAL,
// synchronous=FULL), with a bare sqlite3 insert loop of the same rows measured in the same run.
//
// The import defers index maintenance (MeldingService::StartBulkLoad), its time includes the
// rebuild.
//
//   signals_benchmark [ROWS] [DIR]   ROWS default 200000 (or BAKEN_BENCH_ROWS; 1000000 for the
//                                    full run), DIR where the database goes (default temp folder).
//
// Prints meldingen/s for Import, the bare loop's rows/s and the ratio, and p50/p95/max of List
// with filters (wijk, category, state, overdue, full text, second page by cursor).
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "baken/geo/crs.h"
#include "baken/signals/melding_service.h"
#include "baken/store/migrations.h"

namespace {

using namespace baken;
using namespace baken::signals;

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

void RemoveDb(const std::string& path) {
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
}

// The same number of rows, the same column count, 5000 per transaction, no indexes.
double BareSqlite(const std::string& path, const std::vector<ImportItem>& items) {
  RemoveDb(path);
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;", nullptr, nullptr, nullptr);
  std::string create = "CREATE TABLE t (seq INTEGER PRIMARY KEY, id TEXT, text TEXT";
  std::string insert = "INSERT INTO t VALUES (NULL, ?, ?";
  for (int i = 0; i < 34; ++i) {
    create += ", c" + std::to_string(i);
    insert += ", ?";
  }
  create += ")";
  insert += ")";
  sqlite3_exec(db, create.c_str(), nullptr, nullptr, nullptr);
  sqlite3_stmt* stmt = nullptr;
  sqlite3_prepare_v2(db, insert.c_str(), -1, &stmt, nullptr);
  const double s = Seconds([&] {
    for (size_t i = 0; i < items.size();) {
      sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
      for (int k = 0; k < 5000 && i < items.size(); ++k, ++i) {
        const std::string id = std::to_string(i);
        sqlite3_bind_text(stmt, 1, id.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(stmt, 2, items[i].melding.text.c_str(), -1, SQLITE_STATIC);
        for (int c = 0; c < 34; ++c) sqlite3_bind_int64(stmt, 3 + c, static_cast<int64_t>(i) * c);
        if (sqlite3_step(stmt) != SQLITE_DONE) std::abort();
        sqlite3_reset(stmt);
      }
      if (sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK) std::abort();
    }
  });
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  RemoveDb(path);
  return static_cast<double>(items.size()) / s;
}

}  // namespace

int main(int argc, char** argv) {
  int64_t rows = 200000;
  if (const char* env = std::getenv("BAKEN_BENCH_ROWS")) rows = std::atoll(env);
  if (argc > 1) rows = std::atoll(argv[1]);
  const std::string dir = argc > 2 ? argv[2] : std::filesystem::temp_directory_path().string();
  const std::string path = dir + "/baken_signals_bench_" + std::to_string(::getpid()) + ".db";

  // Areas, locator, catalog.
  auto set = std::make_shared<geo::AreaSet>();
  for (auto [file, level] : {std::pair{"cbs-wijken-2017.geojson", geo::Level::kDistrict},
                             std::pair{"cbs-buurten-2017.geojson", geo::Level::kNeighbourhood}}) {
    auto fc = geo::ReadGeoJsonFile(std::string(BAKEN_SHARED_DIR) + "/data/groningen/" + file);
    Check(fc.status(), file);
    auto part = geo::ImportCbs(*fc, level, "GM0014");
    Check(part.status(), file);
    Check(set->Merge(std::move(*part)), "merge");
  }
  auto locator = geo::Locator::Build(*set);
  Check(locator.status(), "locator");
  auto shared_locator = std::make_shared<const geo::Locator>(std::move(*locator));
  auto catalog =
      ReadTaxonomyFile(std::string(BAKEN_SOURCE_DIR) + "/data/categories/groningen.json");
  Check(catalog.status(), "taxonomy");
  auto shared_catalog = std::make_shared<const CategoryCatalog>(std::move(*catalog));

  // Items: random points inside the municipality, a year of intake, a third closed.
  std::mt19937_64 rng(12345);
  std::vector<std::string> codes;
  for (const Category& c : shared_catalog->categories()) {
    if (c.active && c.sensitivity <= security::Sensitivity::kInternal) codes.push_back(c.code);
  }
  const char* words[] = {"afval", "hond",      "fiets", "lawaai", "lantaarn", "graffiti",
                         "stoep", "container", "boom",  "auto",   "muziek",   "glas"};
  const Timestamp start = FromUnixMicros(1'767'222'000'000'000);  // 2025-12-31 23:00 UTC
  std::vector<ImportItem> items(rows);
  std::uniform_real_distribution<double> ux(225000, 245000), uy(575000, 592000);
  for (int64_t i = 0; i < rows; ++i) {
    ImportItem& it = items[i];
    double x, y;
    do {
      x = ux(rng);
      y = uy(rng);
    } while (shared_locator->Locate({x, y}).buurt == nullptr);
    it.melding.location = {GivenLocation::Crs::kRd, x, y};
    it.melding.category = codes[rng() % codes.size()];
    it.melding.text = std::string("Melding over ") + words[rng() % 12] + " en " +
                      words[rng() % 12] + " bij nummer " + std::to_string(i % 300);
    it.melding.channel = Channel::kImport;
    it.melding.source_id = std::to_string(i);
    it.received_at = start + std::chrono::seconds(static_cast<int64_t>(rng() % (365 * 86400)));
    if (i % 3 == 0) {
      it.steps = {{it.received_at + std::chrono::hours(20), State::kInBehandeling},
                  {it.received_at + std::chrono::hours(70), State::kAfgehandeld, "Opgelost."}};
    }
    it.line = i + 1;
  }

  RemoveDb(path);
  auto db = store::OpenDatabase("sqlite:" + path);
  Check(db.status(), "open");
  Check(store::Migrate(**db).status(), "migrate");
  FakeClock clock(start + std::chrono::hours(24 * 366));
  MeldingService service(**db, clock, shared_catalog, set, shared_locator, Router(),
                         WorkCalendar());
  Actor actor{"bench", "", "", ""};
  StatusOr<ImportSummary> summary = Status(StatusCode::kInternal, "not run");
  // As `baken meldingen import` and `baken demo` do for a large load: indexes built at the end.
  const double import_s = Seconds([&] {
    auto deferred = service.StartBulkLoad(static_cast<int64_t>(items.size()));
    Check(deferred.status(), "bulk load");
    summary = service.Import(items, actor);
    if (*deferred) Check(service.FinishBulkLoad(), "rebuild indexes");
  });
  Check(summary.status(), "import");
  const double import_rate = static_cast<double>(summary->stored) / import_s;
  const double bare_rate = BareSqlite(path + ".bare", items);

  // List with filters: 400 queries, a mix of the filters the UI offers.
  std::vector<std::string> wijken;
  for (const geo::Area* w : set->List(geo::Level::kDistrict)) wijken.push_back(w->code);
  std::vector<double> ms;
  std::vector<double> per_kind[6];
  const char* kind_names[6] = {"wijk",         "categorie",   "status + termijn",
                               "over termijn", "vrije tekst", "periode + hoofdcategorie"};
  int64_t listed = 0;
  for (int q = 0; q < 400; ++q) {
    ListQuery lq;
    lq.limit = 50;
    switch (q % 6) {
      case 0: lq.wijken = {wijken[rng() % wijken.size()]}; break;
      case 1: lq.categories = {codes[rng() % codes.size()]}; break;
      case 2:
        lq.states = {State::kGemeld};
        lq.sort = ListQuery::Sort::kDeadlineAsc;
        break;
      case 3:
        lq.overdue = true;
        lq.wijken = {wijken[rng() % wijken.size()]};
        break;
      case 4: lq.text = std::string(words[rng() % 12]) + " " + words[rng() % 12]; break;
      case 5:
        lq.received_from = start + std::chrono::hours(24 * (rng() % 300));
        lq.received_to = *lq.received_from + std::chrono::hours(24 * 14);
        lq.categories = {"afval"};
        break;
    }
    const double s = Seconds([&] {
      auto page = service.List(lq);
      Check(page.status(), "list");
      listed += static_cast<int64_t>(page->items.size());
      if (!page->next_cursor.empty()) {
        lq.cursor = page->next_cursor;
        auto next = service.List(lq);
        Check(next.status(), "list page 2");
        listed += static_cast<int64_t>(next->items.size());
      }
    });
    ms.push_back(s * 1000);
    per_kind[q % 6].push_back(s * 1000);
  }
  std::sort(ms.begin(), ms.end());
  auto pct = [&](double p) { return ms[static_cast<size_t>(p * (ms.size() - 1))]; };

  std::printf("signals_benchmark: %lld items, %lld stored, %zu rejected\n",
              static_cast<long long>(rows), static_cast<long long>(summary->stored),
              summary->rejected.size());
  std::printf(
      "  Import (validate, locate, route, deadline, history, FTS): %.1f s, %.0f meldingen/s\n",
      import_s, import_rate);
  std::printf("  bare sqlite3 loop (same row count, 36 columns, no indexes): %.0f rows/s\n",
              bare_rate);
  std::printf("  ratio Import / bare loop: %.2f\n", import_rate / bare_rate);
  std::printf(
      "  List with filters (first page + next by cursor, 50 each, %zu queries, %lld rows):"
      " p50 %.2f ms, p95 %.2f ms, max %.2f ms\n",
      ms.size(), static_cast<long long>(listed), pct(0.5), pct(0.95), ms.back());
  for (int k = 0; k < 6; ++k) {
    std::vector<double>& v = per_kind[k];
    std::sort(v.begin(), v.end());
    std::printf("    %-26s p50 %7.2f ms, p95 %7.2f ms, max %7.2f ms\n", kind_names[k],
                v[v.size() / 2], v[static_cast<size_t>(0.95 * (v.size() - 1))], v.back());
  }
  db->reset();
  RemoveDb(path);
  return 0;
}
