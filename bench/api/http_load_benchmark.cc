// HTTP load on public intake: starts the real `baken serve` (this build) on loopback over a fresh
// SQLite database (WAL, synchronous=FULL: every 201 is on disk), then CONNECTIONS keep-alive
// cpp-httplib clients, one per thread, POST meldingen as fast as they can for SECONDS. Prints
// meldingen/s, p50/p95/p99/max latency, the CPU the server used per melding, and the ratio to a
// bare sqlite3 insert loop on the same disk in the same run (one row per transaction, and 100).
//
//   http_load_benchmark [SECONDS] [CONNECTIONS]   (or BAKEN_BENCH_SECONDS, BAKEN_BENCH_CONNECTIONS;
//                                                  default 10 s, 8 connections)
// A second, shorter phase posts each melding with a small PNG photo (written and fsync'ed as a
// file before the row commits).
#include <httplib.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <regex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "../../tests/app/run_process.h"

namespace {

using Clock = std::chrono::steady_clock;
using json = nlohmann::json;

const std::string kAreas = std::string(BAKEN_SHARED_DIR) + "/data/groningen/";

void Must(const std::vector<std::string>& args) {
  auto r = baken::testing::RunProcess(BAKEN_BINARY, args);
  if (r.exit_code != 0) {
    std::fprintf(stderr, "baken %s: %s\n", args[0].c_str(), r.err.c_str());
    std::exit(1);
  }
}

double ProcessCpuSeconds(int pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string stat((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::istringstream rest(stat.substr(stat.rfind(')') + 2));
  std::string field;
  unsigned long long utime = 0, stime = 0;
  for (int i = 3; i <= 15 && rest >> field; ++i) {
    if (i == 14) utime = std::stoull(field);
    if (i == 15) stime = std::stoull(field);
  }
  return static_cast<double>(utime + stime) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

double SelfCpuSeconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_utime.tv_sec + u.ru_stime.tv_sec + (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

std::string Base64(std::string_view in) {
  static const char* kChars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    const uint32_t n = (uint8_t(in[i]) << 16) | (uint8_t(in[i + 1]) << 8) | uint8_t(in[i + 2]);
    out += {kChars[n >> 18], kChars[(n >> 12) & 63], kChars[(n >> 6) & 63], kChars[n & 63]};
  }
  if (i + 1 == in.size()) {
    const uint32_t n = uint8_t(in[i]) << 16;
    out += {kChars[n >> 18], kChars[(n >> 12) & 63], '=', '='};
  } else if (i + 2 == in.size()) {
    const uint32_t n = (uint8_t(in[i]) << 16) | (uint8_t(in[i + 1]) << 8);
    out += {kChars[n >> 18], kChars[(n >> 12) & 63], kChars[(n >> 6) & 63], '='};
  }
  return out;
}

// A city's mix rather than one spot: points spread over the middle of Groningen (a 4.5 by 4.5 km
// box inside the municipality) and five public categories, so duplicate hints and the public
// count see what they would on a busy day. Deterministic per client and request.
std::string Body(int client, int i, bool photo) {
  static const char* const kCategories[] = {"grofvuil", "zwerfafval", "hondenpoep", "foutparkeren",
                                            "straatverlichting"};
  std::mt19937_64 rng(static_cast<uint64_t>(client) * 1'000'003 + static_cast<uint64_t>(i));
  std::uniform_real_distribution<double> lon(6.535, 6.600), lat(53.200, 53.240);
  json j = {{"tekst", "Er ligt al dagen een berg vuilniszakken naast de container."},
            {"categorie", kCategories[rng() % 5]},
            {"locatie", {{"type", "Point"}, {"coordinates", {lon(rng), lat(rng)}}}},
            {"melder", {{"naam", "Anna de Vries"}, {"email", "anna@example.nl"}}}};
  if (photo) {
    // PNG signature and bytes unique per melding (intake checks the signature; the file is
    // named by its SHA-256, so equal bytes would be stored once).
    std::string png = std::string("\x89PNG\r\n\x1A\n", 8) + "bench-" + std::to_string(client) +
                      "-" + std::to_string(i) + std::string(600, 'x');
    j["bijlagen"] = {{{"naam", "foto.png"}, {"type", "image/png"}, {"inhoud", Base64(png)}}};
  }
  return j.dump();
}

struct LoadResult {
  int64_t ok = 0;
  int64_t failed = 0;
  double seconds = 0;
  double server_cpu = 0;
  double client_cpu = 0;
  std::vector<double> latency_ms;
};

LoadResult Load(int port, int server_pid, int connections, double seconds, bool photo, int phase) {
  std::vector<std::vector<double>> lat(connections);
  std::vector<int64_t> ok(connections, 0), failed(connections, 0);
  std::atomic<bool> stop{false};
  const double cpu0 = ProcessCpuSeconds(server_pid);
  const double self0 = SelfCpuSeconds();
  const auto t0 = Clock::now();
  std::vector<std::thread> threads;
  for (int c = 0; c < connections; ++c) {
    threads.emplace_back([&, c] {
      httplib::Client client("127.0.0.1", port);
      client.set_keep_alive(true);
      client.set_tcp_nodelay(true);
      client.set_read_timeout(std::chrono::seconds(30));
      for (int i = 0; !stop.load(std::memory_order_relaxed); ++i) {
        const std::string body = Body(c + 1000 * phase, i, photo);
        const std::string key =
            "p" + std::to_string(phase) + "-" + std::to_string(c) + "-" + std::to_string(i);
        const auto start = Clock::now();
        auto res = client.Post("/api/v1/publiek/meldingen", {{"Idempotency-Key", key}}, body,
                               "application/json");
        const double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
        if (res && res->status == 201) {
          ++ok[c];
          lat[c].push_back(ms);
        } else {
          if (failed[c]++ == 0) {
            std::fprintf(stderr, "request failed: %s\n",
                         res ? (std::to_string(res->status) + " " + res->body).c_str()
                             : httplib::to_string(res.error()).c_str());
          }
        }
      }
    });
  }
  std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
  stop = true;
  for (std::thread& t : threads) t.join();
  LoadResult r;
  r.seconds = std::chrono::duration<double>(Clock::now() - t0).count();
  r.server_cpu = ProcessCpuSeconds(server_pid) - cpu0;
  r.client_cpu = SelfCpuSeconds() - self0;
  for (int c = 0; c < connections; ++c) {
    r.ok += ok[c];
    r.failed += failed[c];
    r.latency_ms.insert(r.latency_ms.end(), lat[c].begin(), lat[c].end());
  }
  std::sort(r.latency_ms.begin(), r.latency_ms.end());
  return r;
}

double Pct(const std::vector<double>& sorted, double p) {
  if (sorted.empty()) return 0;
  return sorted[std::min(sorted.size() - 1, static_cast<size_t>(p * (sorted.size() - 1) + 0.5))];
}

// Bare sqlite3: a 20-column row like a melding's, WAL, synchronous=FULL, `per_txn` rows per
// transaction, for about `seconds`. Returns rows/s.
double BareSqlite(const std::string& path, int per_txn, double seconds) {
  std::filesystem::remove(path);
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  sqlite3_exec(db,
               "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
               "CREATE TABLE t (id INTEGER PRIMARY KEY, uid TEXT UNIQUE, tenant TEXT, number TEXT,"
               " text TEXT, category TEXT, state TEXT, x REAL, y REAL, buurt TEXT, wijk TEXT,"
               " received INTEGER, deadline INTEGER, reporter TEXT, email TEXT, key TEXT UNIQUE)",
               nullptr, nullptr, nullptr);
  sqlite3_stmt* ins = nullptr;
  sqlite3_prepare_v2(db,
                     "INSERT INTO t (uid, tenant, number, text, category, state, x, y, buurt, "
                     "wijk, received, deadline, reporter, email, key) VALUES "
                     "(?1,'GM0014',?1,'Er ligt al dagen een berg vuilniszakken naast de "
                     "container.','grofvuil','gemeld',233868,582021,'BU00140000','WK001400',"
                     "?2,?2,'Anna de Vries','anna@example.nl',?1)",
                     -1, &ins, nullptr);
  int64_t rows = 0;
  const auto t0 = Clock::now();
  while (std::chrono::duration<double>(Clock::now() - t0).count() < seconds) {
    sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr);
    for (int i = 0; i < per_txn; ++i, ++rows) {
      const std::string uid = "m-" + std::to_string(rows);
      sqlite3_bind_text(ins, 1, uid.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64(ins, 2, rows);
      sqlite3_step(ins);
      sqlite3_reset(ins);
    }
    sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
  }
  const double s = std::chrono::duration<double>(Clock::now() - t0).count();
  sqlite3_finalize(ins);
  sqlite3_close(db);
  return static_cast<double>(rows) / s;
}

void Print(const char* name, const LoadResult& r, double bare1, double bare100) {
  const double rate = static_cast<double>(r.ok) / r.seconds;
  std::printf(
      "%-28s %8.0f meldingen/s  p50 %6.2f  p95 %6.2f  p99 %6.2f  max %7.2f ms  (%lld ok, %lld "
      "failed)\n",
      name, rate, Pct(r.latency_ms, 0.50), Pct(r.latency_ms, 0.95), Pct(r.latency_ms, 0.99),
      r.latency_ms.empty() ? 0.0 : r.latency_ms.back(), static_cast<long long>(r.ok),
      static_cast<long long>(r.failed));
  std::printf("%-28s server CPU %.3f ms/melding (%.0f%% of one core), client CPU %.3f ms/request\n",
              "", r.ok ? 1000 * r.server_cpu / r.ok : 0.0, 100 * r.server_cpu / r.seconds,
              r.ok ? 1000 * r.client_cpu / r.ok : 0.0);
  std::printf("%-28s ratio to bare sqlite3: %.2f x (1 row/txn), %.3f x (100 rows/txn)\n", "",
              rate / bare1, rate / bare100);
}

}  // namespace

int main(int argc, char** argv) {
  double seconds = 10;
  int connections = 8;
  if (const char* v = std::getenv("BAKEN_BENCH_SECONDS")) seconds = std::atof(v);
  if (const char* v = std::getenv("BAKEN_BENCH_CONNECTIONS")) connections = std::atoi(v);
  if (argc > 1) seconds = std::atof(argv[1]);
  if (argc > 2) connections = std::atoi(argv[2]);
  signal(SIGPIPE, SIG_IGN);

  const auto dir =
      std::filesystem::temp_directory_path() / ("baken_http_bench_" + std::to_string(getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const std::string db = "sqlite:" + (dir / "baken.db").string();
  const std::string secrets = (dir / "secrets").string();
  Must({"migrate", "--db", db});
  Must({"areas", "import", "--db", db, "--municipality", "GM0014", "--level", "wijk",
        kAreas + "cbs-wijken-2017.geojson"});
  Must({"areas", "import", "--db", db, "--municipality", "GM0014", "--level", "buurt",
        kAreas + "cbs-buurten-2017.geojson"});
  Must({"secrets", "init", "--secrets", secrets});

  const double bare1 = BareSqlite((dir / "bare.db").string(), 1, 3);
  const double bare100 = BareSqlite((dir / "bare.db").string(), 100, 3);

  const std::string log = (dir / "serve.log").string();
  const int pid = baken::testing::StartProcess(
      BAKEN_BINARY,
      {"serve", "--db", db, "--listen", "127.0.0.1:0", "--secrets", secrets, "--bijlagen",
       (dir / "bijlagen").string(), "--threads", std::to_string(std::max(connections + 4, 8)),
       "--publiek-per-uur", "100000000"},
      log);
  int port = 0;
  const std::regex listening("luistert op http://127\\.0\\.0\\.1:(\\d+)");
  for (int i = 0; i < 500 && port == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    std::ifstream in(log);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::smatch m;
    if (std::regex_search(text, m, listening)) port = std::stoi(m[1]);
  }
  if (port == 0) {
    std::fprintf(stderr, "baken serve did not start (see %s)\n", log.c_str());
    return 1;
  }
  std::printf("POST /api/v1/publiek/meldingen, %d keep-alive connections, %.0f s, %u cores\n",
              connections, seconds, std::thread::hardware_concurrency());
  std::printf(
      "bare sqlite3 (WAL, synchronous=FULL): %.0f rows/s at 1 row/txn, %.0f rows/s at 100 "
      "rows/txn\n",
      bare1, bare100);
  Load(port, pid, connections, 1, false, 0);  // warm-up
  const LoadResult plain = Load(port, pid, connections, seconds, false, 1);
  Print("without photo", plain, bare1, bare100);
  const LoadResult photo = Load(port, pid, connections, std::max(2.0, seconds / 2), true, 2);
  Print("with a photo (600 B PNG)", photo, bare1, bare100);

  kill(pid, SIGTERM);
  waitpid(pid, nullptr, 0);
  std::filesystem::remove_all(dir);
  return plain.ok > 0 ? 0 : 1;
}
