#include "baken/api/server.h"

#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <algorithm>
#include <cctype>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <thread>

#include <nlohmann/json.hpp>

#include "baken/api/internal/http_input.h"
#include "baken/api/problem.h"

namespace baken::api {

namespace {

constexpr const char* kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; "
    "img-src 'self' data: blob: https://service.pdok.nl; connect-src 'self'; "
    "font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'none'";

void SetSecurityHeaders(httplib::Response& res) {
  res.set_header("Content-Security-Policy", kContentSecurityPolicy);
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("X-Frame-Options", "DENY");
  res.set_header("Referrer-Policy", "same-origin");
  res.set_header("Permissions-Policy", "geolocation=(self), camera=(), microphone=()");
  res.set_header("Cross-Origin-Opener-Policy", "same-origin");
}

bool IEquals(const std::string& a, const std::string& b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

void WriteProblem(httplib::Response& res, const Status& status, const std::string& path) {
  res.status = HttpStatusFor(status);
  res.set_content(ProblemJson(status, path), std::string(kProblemContentType));
}

}  // namespace

Status ParseListenAddress(const std::string& text, std::string& host, int& port) {
  const size_t colon = text.rfind(':');
  if (colon == std::string::npos) {
    return InvalidArgumentError("Verwacht HOST:POORT, bijvoorbeeld 127.0.0.1:8080.", "--listen");
  }
  host = text.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  if (host.empty()) host = "127.0.0.1";
  const std::string port_text = text.substr(colon + 1);
  if (port_text.empty() || port_text.size() > 5 ||
      !std::all_of(port_text.begin(), port_text.end(), ::isdigit)) {
    return InvalidArgumentError("De poort moet een getal van 0 tot 65535 zijn.", "--listen");
  }
  port = std::stoi(port_text);
  if (port > 65535) {
    return InvalidArgumentError("De poort moet een getal van 0 tot 65535 zijn.", "--listen");
  }
  return Status::Ok();
}

std::string Request::Header(const std::string& name) const {
  for (const auto& [key, value] : headers) {
    if (IEquals(key, name)) return value;
  }
  return {};
}

std::string Request::Query(const std::string& name) const {
  auto it = query.find(name);
  return it == query.end() ? std::string() : it->second;
}

Response Response::Json(std::string body, int status) {
  Response r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

Response Response::Text(std::string body, std::string content_type) {
  Response r;
  r.body = std::move(body);
  r.content_type = std::move(content_type);
  return r;
}

struct Server::Impl {
  std::unique_ptr<httplib::Server> server;
  httplib::Server& http() { return *server; }
  bool tls_ok = true;
  internal::AddressRanges trusted_proxies;  // parsed from options_.trusted_proxies
  Status trusted_proxies_error;             // a wrong entry: Start() refuses
  std::thread thread;
  std::function<Status()> readiness;
  std::mutex mu;
  std::condition_variable stopped_cv;
  bool stopped = false;  // GUARDED_BY(mu)
};

Server::Server(ServerOptions options, Clock& clock)
    : options_(std::move(options)), clock_(clock), impl_(std::make_unique<Impl>()) {
  if (auto ranges = internal::AddressRanges::Parse(options_.trusted_proxies,
                                                   "--trusted-proxy (server.trusted_proxies)");
      ranges.ok()) {
    impl_->trusted_proxies = *std::move(ranges);
  } else {
    impl_->trusted_proxies_error = ranges.status();
  }
  if (options_.tls()) {
    auto ssl = std::make_unique<httplib::SSLServer>(options_.tls_cert_file.c_str(),
                                                    options_.tls_key_file.c_str());
    impl_->tls_ok = ssl->is_valid();
    impl_->server = std::move(ssl);
  } else {
    impl_->server = std::make_unique<httplib::Server>();
  }
  auto& http = impl_->http();
  const bool hsts = options_.tls();
  http.set_tcp_nodelay(true);  // without it every response waits for Nagle + delayed ACK
  const int threads = std::max(2, options_.threads);
  http.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  http.set_payload_max_length(options_.max_body_bytes);
  http.set_read_timeout(options_.read_timeout);
  http.set_keep_alive_max_count(10000);

  http.set_post_routing_handler([hsts](const httplib::Request&, httplib::Response& res) {
    SetSecurityHeaders(res);
    if (hsts) res.set_header("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  });
  http.set_exception_handler(
      [hsts](const httplib::Request& req, httplib::Response& res, std::exception_ptr) {
        WriteProblem(res, InternalError("unhandled exception"), req.path);
        SetSecurityHeaders(res);
        if (hsts) {
          res.set_header("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
        }
      });
  http.set_error_handler([this](const httplib::Request& req, httplib::Response& res) {
    if (res.status == 404 && !options_.static_dir.empty() && req.method == "GET" &&
        req.path.rfind("/api/", 0) != 0 && req.path.rfind("/open311/", 0) != 0) {
      // Client-side routes of the web UI: serve its index.html.
      std::ifstream in(std::filesystem::path(options_.static_dir) / "index.html");
      if (in) {
        std::string html((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        res.status = 200;
        res.set_content(html, "text/html; charset=utf-8");
        return;
      }
    }
    if (res.body.empty()) {
      Status status = res.status == 404   ? NotFoundError("Deze pagina of bron bestaat niet.")
                      : res.status == 413 ? ResourceExhaustedError("Het verzoek is te groot.")
                      : res.status == 405
                          ? InvalidArgumentError("Deze methode is hier niet toegestaan.")
                          : InvalidArgumentError("Het verzoek is ongeldig.");
      const int code = res.status;
      WriteProblem(res, status, req.path);
      res.status = code;
    }
  });

  Get("/healthz",
      [](const Request&) -> StatusOr<Response> { return Response::Json(R"({"status":"ok"})"); });
  Get("/readyz", [this](const Request&) -> StatusOr<Response> {
    Status status = impl_->readiness ? impl_->readiness() : Status::Ok();
    if (!status.ok()) {
      return UnavailableError("Baken is nog niet klaar: " + status.message());
    }
    return Response::Json(R"({"status":"ready"})");
  });
  Get("/metrics", [this](const Request& request) -> StatusOr<Response> {
    const bool trusted = impl_->trusted_proxies.Contains(request.remote_address);
    if (!options_.metrics_public && !internal::IsLoopback(request.remote_address) && !trusted) {
      return PermissionDeniedError(
          "De metrieken zijn alleen bereikbaar vanaf deze machine (of start met "
          "--metrics-public).");
    }
    return Response::Text(metrics_.RenderPrometheus(), "text/plain; version=0.0.4; charset=utf-8");
  });
}

Server::~Server() {
  Stop();
  if (impl_->thread.joinable()) impl_->thread.join();
}

void Server::Get(const std::string& p, Handler h) {
  Register("GET", p, std::move(h));
}
void Server::Post(const std::string& p, Handler h) {
  Register("POST", p, std::move(h));
}
void Server::Put(const std::string& p, Handler h) {
  Register("PUT", p, std::move(h));
}
void Server::Patch(const std::string& p, Handler h) {
  Register("PATCH", p, std::move(h));
}
void Server::Delete(const std::string& p, Handler h) {
  Register("DELETE", p, std::move(h));
}

void Server::SetReadinessCheck(std::function<Status()> check) {
  impl_->readiness = std::move(check);
}

void Server::Handle(const std::string& method, const std::string& pattern, Handler handler) {
  Register(method, pattern, std::move(handler));
}

void Server::Register(const std::string& method, const std::string& pattern, Handler handler) {
  routes_.push_back({method, pattern});
  auto wrapped = [this, method, pattern, handler = std::move(handler)](const httplib::Request& req,
                                                                       httplib::Response& res) {
    const auto started = std::chrono::steady_clock::now();
    Request request;
    request.method = req.method;
    request.path = req.path;
    request.route = pattern;
    for (size_t i = 1; i < req.matches.size(); ++i) request.path_params.push_back(req.matches[i]);
    for (const auto& [k, v] : req.params) request.query.emplace(k, v);
    for (const auto& [k, v] : req.headers) request.headers.emplace(k, v);
    request.body = req.body;
    request.peer_address = req.remote_addr;
    request.remote_address = internal::ClientAddress(
        req.remote_addr, req.get_header_value("X-Forwarded-For"), impl_->trusted_proxies);

    StatusOr<Response> result = handler(request);
    if (result.ok()) {
      res.status = result->status;
      for (const auto& [k, v] : result->headers) res.set_header(k, v);
      res.set_content(std::move(result->body), result->content_type);
    } else {
      WriteProblem(res, result.status(), req.path);
    }
    metrics_.ObserveRequest(method, pattern, res.status,
                            std::chrono::duration_cast<std::chrono::microseconds>(
                                std::chrono::steady_clock::now() - started));
  };
  auto& http = impl_->http();
  if (method == "GET") http.Get(pattern, wrapped);
  if (method == "POST") http.Post(pattern, wrapped);
  if (method == "PUT") http.Put(pattern, wrapped);
  if (method == "PATCH") http.Patch(pattern, wrapped);
  if (method == "DELETE") http.Delete(pattern, wrapped);
}

namespace {

// cpp-httplib (Debian's shared library) listens with a backlog of 5: when more clients connect at
// once (a burst of residents, a load test, a proxy opening its pool), the kernel drops their SYNs
// and they wait a second for a retry, or their first request is reset ("Read" errors at 64
// connections in http_load_benchmark). Calling listen() again on a listening socket only changes
// its backlog, so the socket httplib bound is found by its port and given the system maximum.
void WidenListenBacklog(int port) {
  for (int fd = 0; fd < 1024; ++fd) {
    int accepting = 0;
    socklen_t len = sizeof accepting;
    if (getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &accepting, &len) != 0 || accepting == 0) {
      continue;
    }
    sockaddr_storage addr{};
    socklen_t addr_len = sizeof addr;
    if (getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &addr_len) != 0) continue;
    int bound = 0;
    if (addr.ss_family == AF_INET) {
      bound = ntohs(reinterpret_cast<const sockaddr_in*>(&addr)->sin_port);
    } else if (addr.ss_family == AF_INET6) {
      bound = ntohs(reinterpret_cast<const sockaddr_in6*>(&addr)->sin6_port);
    }
    if (bound == port) ::listen(fd, SOMAXCONN);
  }
}

}  // namespace

Status Server::Start() {
  if (!impl_->trusted_proxies_error.ok()) return impl_->trusted_proxies_error;
  if (!impl_->tls_ok) {
    return UnavailableError("Het TLS-certificaat of de sleutel kan niet worden geladen.");
  }
  auto& http = impl_->http();
  if (!options_.static_dir.empty() && std::filesystem::is_directory(options_.static_dir)) {
    http.set_mount_point("/", options_.static_dir);
  }
  if (options_.port == 0) {
    port_ = http.bind_to_any_port(options_.host);
    if (port_ < 0) port_ = 0;
  } else {
    port_ = http.bind_to_port(options_.host, options_.port) ? options_.port : 0;
  }
  if (port_ == 0) {
    return UnavailableError("Kan niet luisteren op " + options_.host + ":" +
                            std::to_string(options_.port) +
                            " (adres in gebruik of niet beschikbaar).");
  }
  WidenListenBacklog(port_);
  impl_->thread = std::thread([this] {
    impl_->http().listen_after_bind();
    std::lock_guard lock(impl_->mu);
    impl_->stopped = true;
    impl_->stopped_cv.notify_all();
  });
  // Wait until the accept loop runs, so callers can connect right after Start() returns.
  for (int i = 0; i < 1000 && !http.is_running(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return Status::Ok();
}

void Server::Stop() {
  impl_->http().stop();
}

void Server::Wait() {
  std::unique_lock lock(impl_->mu);
  impl_->stopped_cv.wait(lock, [this] { return impl_->stopped; });
}

}  // namespace baken::api
