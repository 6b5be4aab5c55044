// Attacks on the HTTP layer itself, sent over real sockets to an in-process server (ApiTestEnv):
// bodies that grow memory without bound (chunked past the limit, a gzip bomb, deeply nested
// JSON), two conflicting Content-Length headers, and a thousand slow or idle connections from one
// address that used to occupy every server thread. Memory is read from /proc/self/status while the
// attacks run: the server is in this process, so its growth is this process's growth.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <fstream>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "../api/api_test_env.h"

namespace baken::api::testing {
namespace {

using std::chrono::milliseconds;
using SteadyClock = std::chrono::steady_clock;

// The resident set of this process in MiB.
long RssMib() {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6)) / 1024;
  }
  return 0;
}

// Samples the RSS every 10 ms until destroyed; peak() is the highest value seen.
class RssSampler {
 public:
  RssSampler() : baseline_(RssMib()), peak_(baseline_) {
    thread_ = std::thread([this] {
      while (!done_) {
        peak_ = std::max(peak_.load(), RssMib());
        std::this_thread::sleep_for(milliseconds(10));
      }
    });
  }
  ~RssSampler() {
    done_ = true;
    thread_.join();
  }
  long growth() const { return peak_ - baseline_; }

 private:
  const long baseline_;
  std::atomic<long> peak_;
  std::atomic<bool> done_{false};
  std::thread thread_;
};

// A blocking client socket to 127.0.0.1:port with send/receive timeouts; -1 on failure.
int Connect(int port, int timeout_ms = 5000) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return -1;
  timeval tv{timeout_ms / 1000, (timeout_ms % 1000) * 1000};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

bool SendAll(int fd, std::string_view data) {
  while (!data.empty()) {
    const ssize_t n = ::send(fd, data.data(), data.size(), MSG_NOSIGNAL);
    if (n <= 0) return false;
    data.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

// Everything the server sends until it closes the connection (or the receive timeout).
std::string ReadUntilClosed(int fd, bool* closed = nullptr) {
  std::string out;
  char buf[4096];
  for (;;) {
    const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n == 0 && closed) *closed = true;
    if (n <= 0) break;
    out.append(buf, static_cast<size_t>(n));
    if (out.size() > (1 << 20)) break;
  }
  return out;
}

// Sends `head`, then `piece` `count` times (stops when the server stops reading), and returns
// the answer. The piece is made once: the client allocates nothing while the memory is watched.
std::string Attack(int port, const std::string& head, const std::string& piece = "",
                   int count = 0) {
  const int fd = Connect(port);
  if (fd < 0) return "connect failed";
  bool sending = SendAll(fd, head);
  for (int i = 0; sending && i < count; ++i) sending = SendAll(fd, piece);
  std::string answer = ReadUntilClosed(fd);
  ::close(fd);
  return answer;
}

std::string ChunkedHead(const std::string& path) {
  return "POST " + path +
         " HTTP/1.1\r\nHost: baken\r\nContent-Type: application/json\r\n"
         "Transfer-Encoding: chunked\r\n\r\n";
}

std::string Chunk(size_t n) {
  char size[32];
  std::snprintf(size, sizeof size, "%zx\r\n", n);
  return size + std::string(n, ' ') + "\r\n";
}

// A gzip stream of `zeros` zero bytes (about 1,000 : 1).
std::string GzipBomb(size_t zeros) {
  z_stream z{};
  deflateInit2(&z, 9, Z_DEFLATED, 31, 9, Z_DEFAULT_STRATEGY);
  const std::string block(1 << 20, '\0');
  std::string out;
  char buf[1 << 16];
  for (size_t done = 0; done < zeros; done += block.size()) {
    const bool last = done + block.size() >= zeros;
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(block.data()));
    z.avail_in = static_cast<uInt>(block.size());
    do {
      z.next_out = reinterpret_cast<Bytef*>(buf);
      z.avail_out = sizeof buf;
      deflate(&z, last ? Z_FINISH : Z_NO_FLUSH);
      out.append(buf, sizeof buf - z.avail_out);
    } while (z.avail_out == 0);
  }
  deflateEnd(&z);
  return out;
}

std::string StatusLine(const std::string& answer) {
  return answer.substr(0, answer.find("\r\n"));
}

constexpr char kIntake[] = "/api/v1/publiek/meldingen";

class HttpAttackTest : public ApiTestEnv {
 protected:
  // A 2 MiB body limit keeps the figures of the sanitizer build clear: every attack below sends
  // 32 times that or more, which the old server held in memory whole.
  void StartLimited() {
    ServerOptions options;
    options.max_body_bytes = 2 << 20;
    StartServer(options);
  }
};

TEST_F(HttpAttackTest, ChunkedBodyPastTheLimitIs413AndNeverHeld) {
  StartLimited();
  const std::string chunk = Chunk(256 * 1024);
  RssSampler rss;
  const std::string answer = Attack(server_->port(), ChunkedHead(kIntake), chunk, 256);
  EXPECT_EQ(StatusLine(answer), "HTTP/1.1 413 Payload Too Large");
  EXPECT_NE(answer.find("Het verzoek is te groot."), std::string::npos) << answer;
  EXPECT_LT(rss.growth(), 48) << "MiB grown while a 64 MiB chunked body was sent";
}

TEST_F(HttpAttackTest, GzipBombIsRefusedUnopened) {
  StartLimited();
  const std::string bomb = GzipBomb(size_t{256} << 20);  // 256 MiB of zeros in ~250 KiB
  ASSERT_LT(bomb.size(), size_t{1} << 20);
  RssSampler rss;
  const int fd = Connect(server_->port());
  ASSERT_GE(fd, 0);
  ASSERT_TRUE(SendAll(fd, std::string("POST ") + kIntake +
                              " HTTP/1.1\r\nHost: baken\r\nContent-Type: application/json\r\n"
                              "Content-Encoding: gzip\r\nContent-Length: " +
                              std::to_string(bomb.size()) + "\r\n\r\n" + bomb));
  const std::string answer = ReadUntilClosed(fd);
  ::close(fd);
  EXPECT_EQ(StatusLine(answer), "HTTP/1.1 415 Unsupported Media Type");
  EXPECT_NE(answer.find("Content-Encoding"), std::string::npos) << answer;
  EXPECT_LT(rss.growth(), 48);
}

TEST_F(HttpAttackTest, DeeplyNestedJsonIs400InDutchWithoutBuildingIt) {
  StartLimited();
  RssSampler rss;
  auto res = client_->Post(kIntake, std::string(1'500'000, '['), "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400);
  EXPECT_EQ(res->get_header_value("Content-Type"), "application/problem+json");
  EXPECT_NE(res->body.find("te diep genest"), std::string::npos) << res->body;
  // Also without a JSON content type: the route parses the body as JSON all the same.
  res = client_->Post("/api/v1/sessies", std::string(1'500'000, '{'), "text/plain");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400);
  EXPECT_NE(res->body.find("te diep genest"), std::string::npos) << res->body;
  EXPECT_LT(rss.growth(), 48);
}

TEST_F(HttpAttackTest, InvalidUtf8InABodyOrTheTargetIs400) {
  StartServer();
  auto res = client_->Post(kIntake, "{\"tekst\":\"caf\xE9\"}", "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400);
  EXPECT_NE(res->body.find("UTF-8"), std::string::npos) << res->body;
  res = client_->Get("/api/v1/publiek/meldingen/abc%FF%FEdefghijklmnopq");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400);
  EXPECT_NE(res->body.find("UTF-8"), std::string::npos) << res->body;
}

TEST_F(HttpAttackTest, AllMemoryAttacksAtOnceStayBounded) {
  StartLimited();
  const std::string bomb = GzipBomb(size_t{64} << 20);
  const int port = server_->port();
  const std::string chunk = Chunk(256 * 1024);
  const std::string deep(1'500'000, '[');
  std::vector<std::string> answers(9);
  {
    RssSampler rss;
    std::vector<std::thread> attackers;
    for (int i = 0; i < 3; ++i) {
      attackers.emplace_back(
          [&, i] { answers[3 * i] = Attack(port, ChunkedHead(kIntake), chunk, 128); });
      attackers.emplace_back([&, i] {
        answers[3 * i + 1] = Attack(port, std::string("POST ") + kIntake +
                                              " HTTP/1.1\r\nHost: b\r\nContent-Encoding: gzip\r\n"
                                              "Content-Length: " +
                                              std::to_string(bomb.size()) + "\r\n\r\n" + bomb);
      });
      attackers.emplace_back([&, i] {
        answers[3 * i + 2] =
            Attack(port, std::string("POST ") + kIntake +
                             " HTTP/1.1\r\nHost: b\r\nConnection: close\r\nContent-Length: " +
                             std::to_string(deep.size()) + "\r\n\r\n" + deep);
      });
    }
    for (auto& t : attackers) t.join();
    EXPECT_LT(rss.growth(), 96) << "MiB grown under nine attacks at once";
  }
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(StatusLine(answers[3 * i]), "HTTP/1.1 413 Payload Too Large");
    EXPECT_EQ(StatusLine(answers[3 * i + 1]), "HTTP/1.1 415 Unsupported Media Type");
    EXPECT_EQ(StatusLine(answers[3 * i + 2]), "HTTP/1.1 400 Bad Request");
  }
  EXPECT_EQ(client_->Get("/healthz")->status, 200);
}

TEST_F(HttpAttackTest, ConflictingContentLengthHeadersAreRefusedAndTheConnectionClosed) {
  StartServer();
  const int fd = Connect(server_->port());
  ASSERT_GE(fd, 0);
  // Which length counts decides where the next request starts (request smuggling behind a proxy).
  ASSERT_TRUE(SendAll(fd, std::string("POST ") + kIntake +
                              " HTTP/1.1\r\nHost: baken\r\nContent-Type: application/json\r\n"
                              "Content-Length: 2\r\nContent-Length: 60\r\n\r\n{}"
                              "GET /healthz HTTP/1.1\r\nHost: baken\r\n\r\n"));
  bool closed = false;
  const std::string answer = ReadUntilClosed(fd, &closed);
  ::close(fd);
  EXPECT_EQ(StatusLine(answer), "HTTP/1.1 400 Bad Request") << answer;
  EXPECT_TRUE(closed) << "the connection stayed open";
  EXPECT_EQ(answer.find("HTTP/1.1 200"), std::string::npos) << "the smuggled request was served";
}

// Raises the soft open-files limit to `want` (within the hard limit); false if that is too low.
bool EnsureOpenFiles(rlim_t want) {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0) return false;
  if (limit.rlim_cur < want) {
    limit.rlim_cur = std::min(want, limit.rlim_max);
    setrlimit(RLIMIT_NOFILE, &limit);
  }
  return limit.rlim_cur >= want;
}

TEST_F(HttpAttackTest, AThousandSlowOrIdleConnectionsDoNotStallTheServer) {
  // 1,000 client sockets and the server's 1,000 in this one process, plus the database.
  ASSERT_TRUE(EnsureOpenFiles(2600)) << "the hard open-files limit is below 2,600";
  StartServer();
  MakeUser("jjansen", security::Role::kBoa);
  std::vector<int> slow;
  for (int i = 0; i < 1000; ++i) {
    const int fd = Connect(server_->port());
    if (fd >= 0) slow.push_back(fd);
  }
  ASSERT_EQ(slow.size(), 1000u) << "not every connection could be opened";
  // Half send a request head one line at a time, every 300 ms; the other half stay idle.
  std::atomic<bool> done{false};
  std::thread drip([&] {
    for (int round = 0; !done; ++round) {
      for (size_t i = 0; i < slow.size(); i += 2) {
        SendAll(slow[i], round == 0 ? std::string("GET /healthz HTTP/1.1\r\n")
                                    : "X-Langzaam-" + std::to_string(round) + ": ja\r\n");
      }
      for (int t = 0; t < 30 && !done; ++t) std::this_thread::sleep_for(milliseconds(10));
    }
  });
  // Stops the drip and closes the sockets also when an assertion below returns early.
  struct Cleanup {
    std::atomic<bool>& done;
    std::thread& drip;
    std::vector<int>& slow;
    ~Cleanup() {
      done = true;
      drip.join();
      for (int fd : slow) ::close(fd);
    }
  } cleanup{done, drip, slow};
  std::this_thread::sleep_for(milliseconds(700));

  auto timed = [](const std::function<httplib::Result()>& call) {
    const auto start = SteadyClock::now();
    httplib::Result res = call();
    return std::pair{std::move(res), SteadyClock::now() - start};
  };
  httplib::Client fresh("127.0.0.1", server_->port());
  fresh.set_connection_timeout(std::chrono::seconds(3));
  fresh.set_read_timeout(std::chrono::seconds(3));
  for (int round = 0; round < 3; ++round) {
    auto [health, health_time] = timed([&] { return fresh.Get("/healthz"); });
    ASSERT_TRUE(health) << "no answer from /healthz";
    EXPECT_EQ(health->status, 200);
    EXPECT_LT(health_time, milliseconds(1000));

    auto [sign_in, sign_in_time] = timed([&] {
      return fresh.Post("/api/v1/sessies",
                        R"({"gebruikersnaam":"jjansen","wachtwoord":"fout-wachtwoord"})",
                        "application/json");
    });
    ASSERT_TRUE(sign_in) << "no answer from the sign-in";
    EXPECT_TRUE(sign_in->status == 401 || sign_in->status == 429) << sign_in->body;
    EXPECT_LT(sign_in_time, milliseconds(1000));

    auto [intake, intake_time] = timed([&] {
      return fresh.Post(kIntake, R"({"tekst":"Losliggende stoeptegels.","categorie":"grofvuil"})",
                        "application/json");
    });
    ASSERT_TRUE(intake) << "no answer from the intake";
    EXPECT_LT(intake->status, 500) << intake->body;
    EXPECT_LT(intake_time, milliseconds(1000));
  }
}

TEST_F(HttpAttackTest, ARequestHeadSentLineByLineIsCutOffAtItsDeadline) {
  ServerOptions options;
  options.read_timeout = std::chrono::seconds(1);
  StartServer(options);
  const int fd = Connect(server_->port(), 300);
  ASSERT_GE(fd, 0);
  // A header line every 300 ms never lets a per-read timeout expire; the head's deadline does.
  const auto start = SteadyClock::now();
  bool closed = false;
  SendAll(fd, "GET /healthz HTTP/1.1\r\n");
  for (int i = 0; i < 20 && !closed; ++i) {
    char c;
    const ssize_t n = ::recv(fd, &c, 1, 0);  // waits at most 300 ms
    if (n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK)) closed = true;
    if (!closed && !SendAll(fd, "X-Langzaam-" + std::to_string(i) + ": ja\r\n")) closed = true;
  }
  ::close(fd);
  EXPECT_TRUE(closed) << "the head was still being read after 6 s";
  EXPECT_LT(SteadyClock::now() - start, std::chrono::seconds(4));
}

}  // namespace
}  // namespace baken::api::testing
