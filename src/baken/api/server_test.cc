#include "baken/api/server.h"

#include <arpa/inet.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "baken/api/problem.h"

namespace baken::api {
namespace {

// Sends `request` as it is (no client normalises the path) and returns the whole answer.
std::string RawRequest(int port, const std::string& request) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  timeval tv{5, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  std::string answer;
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
      ::send(fd, request.data(), request.size(), MSG_NOSIGNAL) ==
          static_cast<ssize_t>(request.size())) {
    char buf[4096];
    for (ssize_t n; (n = ::recv(fd, buf, sizeof buf, 0)) > 0;) answer.append(buf, n);
  }
  ::close(fd);
  return answer;
}

// One answer of RawRequest taken apart: status, headers (names lower-cased) and body.
struct RawAnswer {
  int status = 0;
  std::map<std::string, std::string> headers;
  std::string body;
  std::string Header(const std::string& lower_name) const {
    auto it = headers.find(lower_name);
    return it == headers.end() ? std::string() : it->second;
  }
};

RawAnswer Get(int port, const std::string& target, const std::string& extra_headers = "") {
  const std::string text = RawRequest(port, "GET " + target + " HTTP/1.1\r\nHost: b\r\n" +
                                                extra_headers + "Connection: close\r\n\r\n");
  RawAnswer answer;
  const size_t end = text.find("\r\n\r\n");
  if (text.size() < 12 || end == std::string::npos) return answer;
  answer.status = std::stoi(text.substr(9, 3));
  answer.body = text.substr(end + 4);
  for (size_t at = text.find("\r\n") + 2; at < end;) {
    const size_t eol = text.find("\r\n", at);
    const std::string line = text.substr(at, eol - at);
    const size_t colon = line.find(':');
    std::string name = line.substr(0, colon);
    std::transform(name.begin(), name.end(), name.begin(), ::tolower);
    answer.headers[name] = line.substr(line.find_first_not_of(' ', colon + 1));
    at = eol + 2;
  }
  return answer;
}

class ServerTest : public ::testing::Test {
 protected:
  void StartServer(ServerOptions options = {}) {
    options.port = 0;
    options.threads = 4;
    server_ = std::make_unique<Server>(options, clock_);
    server_->Get(R"(/api/v1/echo/([^/]+))", [](const Request& r) -> StatusOr<Response> {
      if (r.path_params.at(0) == "fout") {
        return InvalidArgumentError("De waarde 'fout' is niet toegestaan.", "waarde");
      }
      if (r.path_params.at(0) == "crash") return InternalError("SELECT * FROM geheim failed");
      return Response::Json(nlohmann::json{{"waarde", r.path_params.at(0)}}.dump());
    });
    server_->SetReadinessCheck([this]() -> Status {
      return ready_ ? Status::Ok() : UnavailableError("database niet bereikbaar");
    });
    ASSERT_TRUE(server_->Start().ok());
    ASSERT_GT(server_->port(), 0);
    client_ = std::make_unique<httplib::Client>("127.0.0.1", server_->port());
  }

  FakeClock clock_{FromUnixMicros(0)};
  std::unique_ptr<Server> server_;
  std::unique_ptr<httplib::Client> client_;
  bool ready_ = true;
};

TEST_F(ServerTest, HealthzAnswersOkWithSecurityHeaders) {
  StartServer();
  auto res = client_->Get("/healthz");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(nlohmann::json::parse(res->body)["status"], "ok");
  EXPECT_NE(res->get_header_value("Content-Security-Policy").find("frame-ancestors 'none'"),
            std::string::npos);
  EXPECT_EQ(res->get_header_value("Content-Security-Policy").find("unsafe-inline"),
            std::string::npos);
  EXPECT_EQ(res->get_header_value("X-Content-Type-Options"), "nosniff");
}

TEST_F(ServerTest, ReadyzFollowsTheReadinessCheck) {
  StartServer();
  EXPECT_EQ(client_->Get("/readyz")->status, 200);
  ready_ = false;
  auto res = client_->Get("/readyz");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 503);
  EXPECT_EQ(res->get_header_value("Content-Type"), "application/problem+json");
  EXPECT_NE(res->body.find("database niet bereikbaar"), std::string::npos);
}

TEST_F(ServerTest, ErrorsBecomeDutchProblemJsonNamingTheField) {
  StartServer();
  auto res = client_->Get("/api/v1/echo/fout");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400);
  auto body = nlohmann::json::parse(res->body);
  EXPECT_EQ(body["title"], "Ongeldige invoer");
  EXPECT_EQ(body["status"], 400);
  EXPECT_EQ(body["invalid-params"][0]["name"], "waarde");
  EXPECT_EQ(body["instance"], "/api/v1/echo/fout");
}

TEST_F(ServerTest, InternalErrorsNeverLeakDetails) {
  StartServer();
  auto res = client_->Get("/api/v1/echo/crash");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 500);
  EXPECT_EQ(res->body.find("SELECT"), std::string::npos);
  EXPECT_NE(res->body.find("Er ging iets mis"), std::string::npos);
}

TEST_F(ServerTest, UnknownRouteIsProblem404) {
  StartServer();
  auto res = client_->Get("/api/v1/bestaat-niet");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 404);
  EXPECT_EQ(nlohmann::json::parse(res->body)["title"], "Niet gevonden");
}

TEST_F(ServerTest, MetricsCountRequestsPerRoutePattern) {
  StartServer();
  client_->Get("/api/v1/echo/a");
  client_->Get("/api/v1/echo/b");
  auto res = client_->Get("/metrics");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_NE(res->body.find("baken_http_requests_total{method=\"GET\",route=\"/api/v1/echo/([^/]+)"
                           "\",status=\"200\"} 2"),
            std::string::npos)
      << res->body;
  EXPECT_NE(res->body.find("baken_http_request_duration_seconds_count"), std::string::npos);
}

TEST_F(ServerTest, MetricsOnlyForLoopbackAndTrustedProxiesUnlessPublic) {
  ServerOptions options;
  options.trusted_proxies = {"127.0.0.1"};  // the test client plays the reverse proxy
  StartServer(options);
  // Through the proxy from outside: refused; from the proxy host itself: allowed.
  auto res = client_->Get("/metrics", {{"X-Forwarded-For", "203.0.113.5"}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 403);
  EXPECT_EQ(res->get_header_value("Content-Type"), "application/problem+json");
  EXPECT_EQ(client_->Get("/metrics")->status, 200);
  EXPECT_EQ(client_->Get("/metrics", {{"X-Forwarded-For", "127.0.0.1"}})->status, 200);

  server_->Stop();
  options.metrics_public = true;
  StartServer(options);
  EXPECT_EQ(client_->Get("/metrics", {{"X-Forwarded-For", "203.0.113.5"}})->status, 200);
}

TEST_F(ServerTest, ForwardedForOnlyFromTrustedProxies) {
  // Not trusted, trusted by its address, trusted by a range it is in.
  for (const std::vector<std::string>& proxies :
       {std::vector<std::string>{}, {"127.0.0.1"}, {"10.0.0.0/8", "127.0.0.0/8"}}) {
    const bool trust = !proxies.empty();
    ServerOptions options;
    options.trusted_proxies = proxies;
    options.port = 0;
    options.threads = 2;
    Server server(options, clock_);
    server.Get("/wie", [](const Request& r) -> StatusOr<Response> {
      return Response::Json(
          nlohmann::json{{"client", r.remote_address}, {"peer", r.peer_address}}.dump());
    });
    ASSERT_TRUE(server.Start().ok());
    httplib::Client client("127.0.0.1", server.port());
    auto res = client.Get("/wie", {{"X-Forwarded-For", "192.0.2.1, 203.0.113.5"}});
    ASSERT_TRUE(res);
    const auto body = nlohmann::json::parse(res->body);
    EXPECT_EQ(body["peer"], "127.0.0.1");
    EXPECT_EQ(body["client"], trust ? "203.0.113.5" : "127.0.0.1");
    server.Stop();
  }
}

TEST_F(ServerTest, AWrongTrustedProxyEntryStopsTheStartAndSaysWhich) {
  ServerOptions options;
  options.port = 0;
  options.trusted_proxies = {"10.0.0.5", "10.0.0.0/33"};
  Server server(options, clock_);
  const Status started = server.Start();
  ASSERT_FALSE(started.ok());
  EXPECT_EQ(started.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(started.message().find("'10.0.0.0/33'"), std::string::npos) << started.message();
  EXPECT_EQ(started.field(), "--trusted-proxy (server.trusted_proxies)");
}

TEST_F(ServerTest, ServesTheWebUiWithIndexFallback) {
  auto dir = std::filesystem::temp_directory_path() / "baken_server_test_ui";
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "index.html") << "<!doctype html><title>Baken</title>";
  ServerOptions options;
  options.static_dir = dir.string();
  StartServer(options);
  auto root = client_->Get("/");
  ASSERT_TRUE(root);
  EXPECT_EQ(root->status, 200);
  EXPECT_NE(root->body.find("<title>Baken</title>"), std::string::npos);
  auto deep = client_->Get("/melding/M-2026-000001");
  ASSERT_TRUE(deep);
  EXPECT_EQ(deep->status, 200);
  EXPECT_NE(deep->body.find("<title>Baken</title>"), std::string::npos);
  std::filesystem::remove_all(dir);
}

TEST_F(ServerTest, StaticFilesHaveTheirTypesAndNothingOutsideTheFolderIsServed) {
  const auto base = std::filesystem::temp_directory_path() / "baken_server_test_static";
  const auto dir = base / "dist";
  std::filesystem::create_directories(dir / "assets");
  std::ofstream(dir / "index.html") << "<!doctype html><title>Baken</title>";
  std::ofstream(dir / "assets" / "app.js") << "console.log('baken');";
  std::ofstream(dir / "assets" / "app.css") << "body{}";
  std::ofstream(base / "geheim.txt") << "GEHEIM-WACHTWOORD";
  ServerOptions options;
  options.static_dir = dir.string();
  StartServer(options);
  auto js = client_->Get("/assets/app.js");
  ASSERT_TRUE(js);
  EXPECT_EQ(js->status, 200);
  EXPECT_EQ(js->get_header_value("Content-Type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(js->get_header_value("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(client_->Get("/assets/app.css")->get_header_value("Content-Type"),
            "text/css; charset=utf-8");
  for (const std::string target :
       {"/../geheim.txt", "/%2e%2e/geheim.txt", "/assets/../../geheim.txt",
        "/assets/%2E%2E/%2e%2e/geheim.txt", "/..%2fgeheim.txt"}) {
    const std::string answer = RawRequest(
        server_->port(), "GET " + target + " HTTP/1.1\r\nHost: b\r\nConnection: close\r\n\r\n");
    EXPECT_FALSE(answer.empty()) << target;
    EXPECT_EQ(answer.find("GEHEIM"), std::string::npos) << target;
  }
  std::filesystem::remove_all(base);
}

// A built web UI as `npm run build` leaves it: hashed assets with .br and .gz variants next to
// them (their bytes marked, so a test sees which was sent), index.html with variants, a favicon
// without, and a secret next to the folder.
class StaticFilesTest : public ServerTest {
 protected:
  void SetUp() override {
    base_ = std::filesystem::temp_directory_path() /
            ("baken_static_" + std::to_string(::getpid()) + "_" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    dist_ = base_ / "dist";
    std::filesystem::create_directories(dist_ / "assets");
    Write(dist_ / "index.html", "<!doctype html><title>Baken</title>");
    Write(dist_ / "index.html.br", "INDEX-BROTLI");
    Write(dist_ / "index.html.gz", "INDEX-GZIP");
    Write(dist_ / "favicon.svg", "<svg/>");
    Write(dist_ / "assets" / "app-B1a2C3d4.js", "console.log('baken');");
    Write(dist_ / "assets" / "app-B1a2C3d4.js.br", "JS-BROTLI");
    Write(dist_ / "assets" / "app-B1a2C3d4.js.gz", "JS-GZIP");
    Write(base_ / "geheim.txt", "GEHEIM-WACHTWOORD");
    Write(base_ / "geheim.txt.br", "GEHEIM-BROTLI");
    ServerOptions options;
    options.static_dir = dist_.string();
    StartServer(options);
  }
  void TearDown() override { std::filesystem::remove_all(base_); }

  static void Write(const std::filesystem::path& file, const std::string& text) {
    std::ofstream(file, std::ios::binary) << text;
  }
  RawAnswer Fetch(const std::string& target, const std::string& headers = "") {
    return Get(server_->port(), target, headers);
  }

  std::filesystem::path base_;
  std::filesystem::path dist_;
};

TEST_F(StaticFilesTest, ThePrecompressedFileFollowsAcceptEncodingWithoutCompressingAnything) {
  const std::string js = "/assets/app-B1a2C3d4.js";
  struct Case {
    std::string accept;
    std::string body;
    std::string encoding;
  };
  for (const Case& c : std::vector<Case>{
           {"Accept-Encoding: gzip, deflate, br, zstd\r\n", "JS-BROTLI", "br"},
           {"Accept-Encoding: gzip, deflate\r\n", "JS-GZIP", "gzip"},
           {"Accept-Encoding: br;q=0, gzip\r\n", "JS-GZIP", "gzip"},
           {"Accept-Encoding: br;q=0.5, gzip;q=0.8\r\n", "JS-GZIP", "gzip"},
           {"Accept-Encoding: *\r\n", "JS-BROTLI", "br"},
           {"Accept-Encoding: *;q=0\r\n", "console.log('baken');", ""},
           {"Accept-Encoding: br;q=0, gzip;q=0\r\n", "console.log('baken');", ""},
           {"Accept-Encoding: identity\r\n", "console.log('baken');", ""},
           {"", "console.log('baken');", ""},
       }) {
    const RawAnswer res = Fetch(js, c.accept);
    EXPECT_EQ(res.status, 200) << c.accept;
    EXPECT_EQ(res.body, c.body) << c.accept;
    EXPECT_EQ(res.Header("content-encoding"), c.encoding) << c.accept;
    EXPECT_EQ(res.Header("content-type"), "text/javascript; charset=utf-8") << c.accept;
    EXPECT_EQ(res.Header("vary"), "Accept-Encoding") << c.accept;
  }
  // The page itself too: br, with its HTML type.
  const RawAnswer page = Fetch("/", "Accept-Encoding: br\r\n");
  EXPECT_EQ(page.body, "INDEX-BROTLI");
  EXPECT_EQ(page.Header("content-type"), "text/html; charset=utf-8");
}

TEST_F(StaticFilesTest, HashedAssetsAreImmutableAndEverythingElseIsRevalidated) {
  const RawAnswer js = Fetch("/assets/app-B1a2C3d4.js");
  EXPECT_EQ(js.Header("cache-control"), "public, max-age=31536000, immutable");
  for (const std::string target : {"/", "/index.html", "/melding/M-2026-000001", "/favicon.svg"}) {
    const RawAnswer res = Fetch(target);
    EXPECT_EQ(res.status, 200) << target;
    EXPECT_EQ(res.Header("cache-control"), "no-cache") << target;
    EXPECT_FALSE(res.Header("etag").empty()) << target;
    EXPECT_NE(res.Header("last-modified").find(" GMT"), std::string::npos) << target;
  }
  // The client-side route gets the page, with the page's validator.
  EXPECT_EQ(Fetch("/werk/analyse").Header("etag"), Fetch("/index.html").Header("etag"));
}

TEST_F(StaticFilesTest, ARevalidationWithTheSameETagIs304WithoutABody) {
  const std::string br = "Accept-Encoding: br\r\n";
  const RawAnswer first = Fetch("/", br);
  const std::string etag = first.Header("etag");
  ASSERT_FALSE(etag.empty());
  const RawAnswer again = Fetch("/", br + "If-None-Match: " + etag + "\r\n");
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body.empty());
  EXPECT_EQ(again.Header("etag"), etag);
  EXPECT_EQ(again.Header("cache-control"), "no-cache");
  EXPECT_EQ(Fetch("/melding/x", br + "If-None-Match: \"ander\", W/" + etag + "\r\n").status, 304);
  EXPECT_EQ(Fetch("/", br + "If-None-Match: \"ander\"\r\n").status, 200);
  // Each variant has its own validator: the brotli ETag does not revalidate the gzip answer.
  const RawAnswer gzip = Fetch("/", "Accept-Encoding: gzip\r\nIf-None-Match: " + etag + "\r\n");
  EXPECT_EQ(gzip.status, 200);
  EXPECT_EQ(gzip.body, "INDEX-GZIP");
  EXPECT_NE(gzip.Header("etag"), etag);
  // If-Modified-Since with the Last-Modified sent; an older date gets the file.
  EXPECT_EQ(Fetch("/", "If-Modified-Since: " + first.Header("last-modified") + "\r\n").status, 304);
  EXPECT_EQ(Fetch("/", "If-Modified-Since: Sun, 06 Nov 1994 08:49:37 GMT\r\n").status, 200);
}

TEST_F(StaticFilesTest, AVariantOlderThanItsFileIsNotSent) {
  // An operator edits the page after the build: the old .gz and .br must not hide the edit.
  const auto later =
      std::filesystem::last_write_time(dist_ / "index.html.gz") + std::chrono::hours(1);
  Write(dist_ / "index.html", "<!doctype html><title>Bewerkt</title>");
  std::filesystem::last_write_time(dist_ / "index.html", later);
  const RawAnswer res = Fetch("/", "Accept-Encoding: gzip, br\r\n");
  EXPECT_EQ(res.body, "<!doctype html><title>Bewerkt</title>");
  EXPECT_EQ(res.Header("content-encoding"), "");
}

TEST_F(StaticFilesTest, NothingOutsideTheFolderAndNoVariantOnItsOwn) {
  // A variant asked for directly: not served (for /assets/ a 404, elsewhere the page).
  const RawAnswer direct = Fetch("/assets/app-B1a2C3d4.js.br");
  EXPECT_EQ(direct.status, 404);
  EXPECT_EQ(direct.body.find("JS-BROTLI"), std::string::npos);
  EXPECT_EQ(Fetch("/index.html.gz").body, "<!doctype html><title>Baken</title>");
  EXPECT_EQ(Fetch("/assets/APP-B1A2C3D4.JS.GZ").status, 404);
  // A chunk of an older build is a 404, not the page under a script's name.
  const RawAnswer gone = Fetch("/assets/Werkvoorraad-oud12345.js");
  EXPECT_EQ(gone.status, 404);
  EXPECT_EQ(gone.body.find("<title>"), std::string::npos);
  // A variant that is a symlink out of the folder is not followed: the file itself is sent.
  Write(dist_ / "assets" / "link-X9y8Z7w6.js", "LINK-PLAIN");
  std::filesystem::create_symlink(base_ / "geheim.txt", dist_ / "assets" / "link-X9y8Z7w6.js.br");
  const RawAnswer link = Fetch("/assets/link-X9y8Z7w6.js", "Accept-Encoding: br\r\n");
  EXPECT_EQ(link.body, "LINK-PLAIN");
  EXPECT_EQ(link.Header("content-encoding"), "");
  // Escapes with a coding asked for, and Accept-Encoding values that look like paths.
  for (const std::string target :
       {"/../geheim.txt", "/%2e%2e/geheim.txt", "/assets/../../geheim.txt", "/..%2fgeheim.txt",
        "/../geheim.txt.br", "/assets/%2e%2e/%2e%2e/geheim.txt"}) {
    for (const std::string accept :
         {"br", "gzip, br", "../../geheim.txt", "br/../../geheim.txt", "*"}) {
      const RawAnswer res = Fetch(target, "Accept-Encoding: " + accept + "\r\n");
      EXPECT_NE(res.status, 0) << target << " " << accept;
      EXPECT_EQ(res.body.find("GEHEIM"), std::string::npos) << target << " " << accept;
    }
  }
}

TEST_F(ServerTest, AWrongMethodOnAKnownPathIs405WithAllow) {
  StartServer();
  auto res = client_->Delete("/api/v1/echo/a");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 405);
  EXPECT_EQ(res->get_header_value("Allow"), "GET");
  EXPECT_EQ(res->get_header_value("Content-Type"), "application/problem+json");
  EXPECT_EQ(client_->Delete("/api/v1/bestaat-niet")->status, 404);
}

TEST_F(ServerTest, HeadAnswersWithoutABody) {
  StartServer();
  auto res = client_->Head("/healthz");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_TRUE(res->body.empty());
}

TEST_F(ServerTest, HstsBehindATlsTerminatingProxyOnlyWhenAsked) {
  StartServer();
  EXPECT_FALSE(client_->Get("/healthz")->has_header("Strict-Transport-Security"));
  ServerOptions options;
  options.hsts = true;
  StartServer(options);
  auto res = client_->Get("/api/v1/bestaat-niet");  // errors carry it too
  ASSERT_TRUE(res);
  EXPECT_NE(res->get_header_value("Strict-Transport-Security").find("max-age="), std::string::npos);
}

TEST_F(ServerTest, QueryAndPathAreDecodedForRoutes) {
  StartServer();
  auto res = client_->Get("/api/v1/echo/caf%C3%A9%20x?a=1");
  ASSERT_TRUE(res);
  EXPECT_EQ(nlohmann::json::parse(res->body)["waarde"], "caf\xC3\xA9 x");
}

TEST_F(ServerTest, ConnectionsPastTheCapAreClosedAtOnce) {
  ServerOptions options;
  options.max_connections = 4;
  StartServer(options);
  auto connect = [this] {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    timeval tv{3, 0};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(server_->port()));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    EXPECT_EQ(::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
    return fd;
  };
  std::vector<int> idle;
  for (int i = 0; i < 4; ++i) idle.push_back(connect());
  const int over = connect();
  char c;
  EXPECT_EQ(::recv(over, &c, 1, 0), 0) << "the fifth connection was not closed";
  ::close(over);
  for (int fd : idle) ::close(fd);
  // Once they are gone, the server answers again.
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  auto res = client_->Get("/healthz");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
}

TEST(ListenAddressTest, ParsesAndRejects) {
  std::string host;
  int port = 0;
  ASSERT_TRUE(ParseListenAddress("127.0.0.1:8080", host, port).ok());
  EXPECT_EQ(host, "127.0.0.1");
  EXPECT_EQ(port, 8080);
  ASSERT_TRUE(ParseListenAddress(":9000", host, port).ok());
  EXPECT_EQ(host, "127.0.0.1");
  EXPECT_EQ(port, 9000);
  Status bad = ParseListenAddress("localhost", host, port);
  EXPECT_EQ(bad.field(), "--listen");
  EXPECT_FALSE(ParseListenAddress("127.0.0.1:99999", host, port).ok());
}

TEST(ProblemTest, StatusCodesMapOnce) {
  EXPECT_EQ(HttpStatusFor(StatusCode::kInvalidArgument), 400);
  EXPECT_EQ(HttpStatusFor(StatusCode::kUnauthenticated), 401);
  EXPECT_EQ(HttpStatusFor(StatusCode::kPermissionDenied), 403);
  EXPECT_EQ(HttpStatusFor(StatusCode::kNotFound), 404);
  EXPECT_EQ(HttpStatusFor(StatusCode::kAlreadyExists), 409);
  EXPECT_EQ(HttpStatusFor(StatusCode::kResourceExhausted), 429);
  EXPECT_EQ(HttpStatusFor(StatusCode::kUnavailable), 503);
  EXPECT_EQ(HttpStatusFor(StatusCode::kInternal), 500);
}

}  // namespace
}  // namespace baken::api
