// Crash recovery of public intake, as a resident would notice it: several clients keep posting
// meldingen with a photo to a real `baken serve` over SQLite; at a random moment the server is
// killed with SIGKILL (no shutdown code runs) and restarted on the same database. Every melding
// whose create was acknowledged (201 with nummer and volgcode) must then be followable by its
// volgcode and stored completely: its history and its attachment, whose file holds exactly the
// bytes that were sent. Creates that were not acknowledged may be stored or not, but never half:
// no melding without history, no attachment row without its file, and a retry with the same
// Idempotency-Key never makes a second melding.
//
// BAKEN_KILL_ROUNDS (default 10) sets the number of kill/restart rounds, e.g. 100 on demand.
#include <httplib.h>
#include <signal.h>
#include <sodium.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <random>
#include <regex>
#include <set>
#include <thread>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "baken/store/database.h"
#include "run_process.h"

namespace baken {
namespace {

using json = nlohmann::json;

const std::string kAreas = std::string(BAKEN_SHARED_DIR) + "/data/groningen/";
constexpr int kClients = 4;

std::string Sha256Hex(std::string_view bytes) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  static const char* kHex = "0123456789abcdef";
  std::string out;
  for (unsigned char c : digest) {
    out += kHex[c >> 4];
    out += kHex[c & 15];
  }
  return out;
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

uint32_t Crc32(std::string_view data) {
  uint32_t crc = 0xFFFFFFFFu;
  for (unsigned char c : data) {
    crc ^= c;
    for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
  }
  return ~crc;
}

std::string Chunk(std::string_view type, std::string_view data) {
  auto be32 = [](uint32_t v) {
    return std::string{char(v >> 24), char(v >> 16), char(v >> 8), char(v)};
  };
  std::string body = std::string(type) + std::string(data);
  return be32(static_cast<uint32_t>(data.size())) + body + be32(Crc32(body));
}

// A valid 1x1 grey PNG with a tEXt chunk that makes its bytes (and so its SHA-256) unique.
std::string UniquePng(const std::string& label) {
  const std::string ihdr("\0\0\0\1\0\0\0\1\x08\0\0\0\0", 13);  // 1x1, 8-bit greyscale
  // zlib stream of one scanline: filter 0, grey 0x80 (stored block).
  const std::string idat("\x78\x01\x01\x02\x00\xfd\xff\x00\x80\x00\x81\x00\x81", 13);
  return std::string("\x89PNG\r\n\x1A\n", 8) + Chunk("IHDR", ihdr) +
         Chunk("tEXt", std::string("Comment\0", 8) + label) + Chunk("IDAT", idat) +
         Chunk("IEND", "");
}

int KillRounds() {
  if (const char* v = std::getenv("BAKEN_KILL_ROUNDS"); v != nullptr && std::atoi(v) > 0) {
    return std::atoi(v);
  }
  return 10;
}

struct Sent {
  std::string key;
  std::string body;
  std::string sha256;
  int64_t size = 0;
};

struct Acknowledged {
  Sent sent;
  std::string number;
  std::string follow_code;
};

class CrashRecoveryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_GE(sodium_init(), 0);
    dir_ = std::filesystem::temp_directory_path() / ("baken_crash_" + std::to_string(getpid()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    db_ = "sqlite:" + (dir_ / "baken.db").string();
    secrets_ = (dir_ / "secrets").string();
    attachments_ = (dir_ / "bijlagen").string();
    Must({"migrate", "--db", db_});
    for (const auto& [level, file] : {std::pair{"wijk", "cbs-wijken-2017.geojson"},
                                      std::pair{"buurt", "cbs-buurten-2017.geojson"}}) {
      Must({"areas", "import", "--db", db_, "--municipality", "GM0014", "--level", level,
            kAreas + file});
    }
    Must({"secrets", "init", "--secrets", secrets_});
  }

  void TearDown() override {
    if (pid_ > 0) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
    std::filesystem::remove_all(dir_);
  }

  void Must(const std::vector<std::string>& args) {
    auto r = testing::RunProcess(BAKEN_BINARY, args);
    ASSERT_EQ(r.exit_code, 0) << args[0] << ": " << r.err;
  }

  // Starts `baken serve` and returns its port (0 when it did not come up).
  int StartServer(int round) {
    const std::string log = (dir_ / ("serve-" + std::to_string(round) + ".log")).string();
    pid_ = testing::StartProcess(
        BAKEN_BINARY,
        {"serve", "--db", db_, "--listen", "127.0.0.1:0", "--secrets", secrets_, "--bijlagen",
         attachments_, "--threads", std::to_string(kClients + 4), "--publiek-per-uur", "100000000"},
        log);
    const std::regex listening("luistert op http://127\\.0\\.0\\.1:(\\d+)");
    // Generous: a debug (ASan) server on a busy 2-core CI machine can take many seconds to start.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(90);
    while (std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
      std::ifstream in(log);
      std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      std::smatch m;
      if (std::regex_search(text, m, listening)) return std::stoi(m[1]);
      if (waitpid(pid_, nullptr, WNOHANG) == pid_) {
        ADD_FAILURE() << "server stopped: " << text;
        pid_ = -1;
        return 0;
      }
    }
    ADD_FAILURE() << "server did not start";
    return 0;
  }

  void KillServer() {
    ASSERT_EQ(kill(pid_, SIGKILL), 0);
    int status = 0;
    ASSERT_EQ(waitpid(pid_, &status, 0), pid_);
    EXPECT_TRUE(WIFSIGNALED(status));
    pid_ = -1;
  }

  static Sent MakeRequest(const std::string& key) {
    Sent s;
    s.key = key;
    const std::string png = UniquePng(key);
    s.sha256 = Sha256Hex(png);
    s.size = static_cast<int64_t>(png.size());
    s.body =
        json{{"tekst", "Er ligt al dagen een berg vuilniszakken naast de container."},
             {"categorie", "grofvuil"},
             {"locatie", {{"type", "Point"}, {"coordinates", {6.5666, 53.2191}}}},
             {"melder", {{"naam", "Anna de Vries"}, {"email", "anna@example.nl"}}},
             {"bijlagen", {{{"naam", "foto.png"}, {"type", "image/png"}, {"inhoud", Base64(png)}}}}}
            .dump();
    return s;
  }

  // Posts until `stop`; acknowledged creates go to `acked`, the rest (errors, lost responses) to
  // `unacked`. A 4xx other than 429 is a test failure: the requests are valid.
  void Client(int port, int round, int id, const std::atomic<bool>& stop) {
    httplib::Client client("127.0.0.1", port);
    client.set_connection_timeout(std::chrono::seconds(5));
    client.set_read_timeout(std::chrono::seconds(30));
    for (int i = 0; !stop.load(); ++i) {
      Sent s = MakeRequest("r" + std::to_string(round) + "-c" + std::to_string(id) + "-" +
                           std::to_string(i));
      auto res = client.Post("/api/v1/publiek/meldingen", {{"Idempotency-Key", s.key}}, s.body,
                             "application/json");
      std::lock_guard lock(mu_);
      if (res && res->status == 201) {
        json body = json::parse(res->body, nullptr, false);
        if (body.is_object() && body.contains("nummer") && body.contains("volgcode")) {
          acked_.push_back({std::move(s), body["nummer"], body["volgcode"]});
          continue;
        }
        ADD_FAILURE() << "201 without nummer and volgcode: " << res->body;
      } else if (res && res->status >= 400 && res->status < 500) {
        ADD_FAILURE() << "valid melding refused: " << res->status << " " << res->body;
        return;
      }
      unacked_.push_back(std::move(s));
      if (!res) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
  }

  // Checks the database itself (read-only, beside the running server) for every acknowledged
  // melding and for half-stored ones.
  void CheckStore() {
    auto db = store::OpenDatabase(db_);
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    Status st = (*db)->Read([&](store::Transaction& txn) -> Status {
      for (const Acknowledged& a : acked_) {
        SCOPED_TRACE(a.sent.key);
        auto m = txn.QueryRow(
            "SELECT id, number FROM meldingen WHERE tenant = 'GM0014' AND idempotency_key = ?",
            {a.sent.key});
        if (!m.ok()) {
          ADD_FAILURE() << "acknowledged melding " << a.number << " is missing";
          continue;
        }
        EXPECT_EQ(m->GetText(1), a.number);
        auto att = txn.Query("SELECT sha256, size FROM melding_attachments WHERE melding_id = ?",
                             {m->GetText(0)});
        RETURN_IF_ERROR(att.status());
        if (att->rows.size() != 1u) {
          ADD_FAILURE() << a.number << " has " << att->rows.size() << " attachments";
          continue;
        }
        EXPECT_EQ(att->rows[0].GetText(0), a.sent.sha256) << a.number;
        EXPECT_EQ(att->rows[0].GetInt64(1), a.sent.size) << a.number;
        auto kinds = txn.Query("SELECT kind FROM melding_history WHERE melding_id = ? ORDER BY seq",
                               {m->GetText(0)});
        RETURN_IF_ERROR(kinds.status());
        EXPECT_GE(kinds->rows.size(), 3u) << a.number;  // aangemaakt, routering, bijlage
        if (!kinds->rows.empty()) EXPECT_EQ(kinds->rows[0].GetText(0), "aangemaakt");
      }
      // Nothing half-stored, acknowledged or not.
      auto orphans = txn.QueryRow(
          "SELECT count(*) FROM meldingen m WHERE NOT EXISTS (SELECT 1 FROM melding_history h "
          "WHERE h.melding_id = m.id AND h.kind = 'aangemaakt')");
      RETURN_IF_ERROR(orphans.status());
      EXPECT_EQ(orphans->GetInt64(0), 0) << "meldingen without their history";
      auto without = txn.QueryRow(
          "SELECT count(*) FROM meldingen m WHERE NOT EXISTS (SELECT 1 FROM melding_attachments "
          "a WHERE a.melding_id = m.id)");
      RETURN_IF_ERROR(without.status());
      EXPECT_EQ(without->GetInt64(0), 0) << "meldingen without their attachment";
      auto files = txn.Query("SELECT sha256, melding_id FROM melding_attachments");
      RETURN_IF_ERROR(files.status());
      for (const store::Row& row : files->rows) {
        std::ifstream in(attachments_ + "/" + row.GetText(0), std::ios::binary);
        std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        EXPECT_EQ(Sha256Hex(bytes), row.GetText(0)) << "attachment file missing or damaged";
      }
      // Numbers stay gapless per year: a crash loses no number that was handed out.
      auto numbers = txn.Query("SELECT number FROM meldingen ORDER BY number");
      RETURN_IF_ERROR(numbers.status());
      std::map<std::string, std::vector<int>> per_year;
      for (const store::Row& row : numbers->rows) {
        const std::string n = row.GetText(0);  // M-2026-000123
        per_year[n.substr(0, 6)].push_back(std::stoi(n.substr(7)));
      }
      for (const auto& [year, seqs] : per_year) {
        EXPECT_EQ(seqs.back(), static_cast<int>(seqs.size())) << "gap in the numbers of " << year;
        EXPECT_EQ(std::set<int>(seqs.begin(), seqs.end()).size(), seqs.size()) << year;
      }
      return Status::Ok();
    });
    EXPECT_TRUE(st.ok()) << st.ToString();
  }

  std::filesystem::path dir_;
  std::string db_, secrets_, attachments_;
  int pid_ = -1;
  std::mutex mu_;
  std::vector<Acknowledged> acked_;  // GUARDED_BY(mu_) while clients run
  std::vector<Sent> unacked_;        // GUARDED_BY(mu_) while clients run
};

TEST_F(CrashRecoveryTest, AcknowledgedMeldingenSurviveSigkillComplete) {
  const int rounds = KillRounds();
  std::mt19937 rng(20261128);  // fixed seed: the same kill moments each run
  std::uniform_int_distribution<int> kill_after_ms(100, 700);
  int port = StartServer(0);
  ASSERT_GT(port, 0);
  size_t total_unacked = 0;
  for (int round = 1; round <= rounds; ++round) {
    SCOPED_TRACE("round " + std::to_string(round));
    const size_t checked_before = acked_.size();
    std::atomic<bool> stop{false};
    std::vector<std::thread> clients;
    for (int c = 0; c < kClients; ++c) {
      clients.emplace_back([&, c] { Client(port, round, c, stop); });
    }
    // Kill only once this round has acknowledged something (however slow the machine), then at
    // a random moment while the creates go on.
    for (int i = 0; i < 3000; ++i) {
      {
        std::lock_guard lock(mu_);
        if (acked_.size() > checked_before) break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(kill_after_ms(rng)));
    KillServer();
    stop = true;
    for (std::thread& t : clients) t.join();
    if (HasFailure()) return;

    port = StartServer(round);
    ASSERT_GT(port, 0);
    httplib::Client client("127.0.0.1", port);
    client.set_read_timeout(std::chrono::seconds(60));
    for (size_t i = checked_before; i < acked_.size(); ++i) {
      const Acknowledged& a = acked_[i];
      auto follow = client.Get("/api/v1/publiek/meldingen/" + a.follow_code);
      ASSERT_TRUE(follow) << a.number;
      ASSERT_EQ(follow->status, 200) << a.number << " " << follow->body;
      EXPECT_EQ(json::parse(follow->body)["nummer"], a.number);
    }
    // A resident whose answer was lost tries again with the same key: one melding, never two.
    for (const Sent& s : unacked_) {
      auto again = client.Post("/api/v1/publiek/meldingen", {{"Idempotency-Key", s.key}}, s.body,
                               "application/json");
      ASSERT_TRUE(again) << s.key;
      EXPECT_TRUE(again->status == 200 || again->status == 201) << again->status << again->body;
    }
    total_unacked += unacked_.size();
    unacked_.clear();
    CheckStore();
    if (HasFailure()) return;
  }
  EXPECT_GE(acked_.size(), static_cast<size_t>(rounds)) << "too few creates to test anything";
  std::printf("%d rounds: %zu acknowledged meldingen survived SIGKILL complete; %zu retried\n",
              rounds, acked_.size(), total_unacked);
  kill(pid_, SIGTERM);
  waitpid(pid_, nullptr, 0);
  pid_ = -1;
}

}  // namespace
}  // namespace baken
