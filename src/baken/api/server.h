// Server: Baken's HTTP server (Boost.Beast behind a small facade, so routes never see the HTTP
// library; docs/adr/0010-event-driven-http-server.md).
//
// Routes are registered before Start() with a regex pattern; a handler gets a Request and returns
// StatusOr<Response>. An error Status becomes an RFC 9457 problem+json response (problem.h), so
// every module answers errors the same way. Every response carries the security headers (CSP
// without inline scripts, frame-ancestors none, nosniff, referrer policy). /healthz, /readyz and
// /metrics are built in (/metrics only for loopback and trusted proxies unless metrics_public); a
// folder with the built web UI is served when configured, with index.html as the fallback for
// client-side routes (not under /assets/), precompressed and with cache validators
// (internal/static_files.h).
//
// With tls_cert_file and tls_key_file set, the server speaks HTTPS only (OpenSSL through
// Boost.Asio) and adds Strict-Transport-Security to every response (also with `hsts`).
//
// Limits: no request body over max_body_bytes is held in memory, whatever its transfer encoding
// (413); a request Content-Encoding other than identity gets 415; two Content-Length headers, a
// target, query or header value that is not UTF-8, or a JSON body nested deeper than 64 get 400.
// The request head must arrive within read_timeout, an idle keep-alive connection is closed after
// keep_alive_timeout, and connections beyond max_connections are closed at once.
//
// Threading: one I/O thread reads and writes every connection (slow clients cost a socket, never a
// thread); handlers run on a pool of `threads` threads and must be thread-safe. Register routes
// only before Start(). Stop() may be called from any thread, also from a signal-handling thread.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "baken/api/metrics.h"
#include "baken/base/clock.h"
#include "baken/base/status.h"

namespace baken::api {

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;  // 0: the OS chooses (tests); port() tells which
  int threads = 16;
  std::string static_dir;                       // built web UI (web/dist); empty: none
  size_t max_body_bytes = 16 * 1024 * 1024;     // larger requests get 413
  std::chrono::seconds read_timeout{10};        // the whole request head, from its first byte
  std::chrono::seconds keep_alive_timeout{10};  // an idle keep-alive connection, then its head
  size_t max_connections = 4096;                // open connections; more are closed at once
  std::string tls_cert_file;                    // PEM; with tls_key_file: serve HTTPS only
  std::string tls_key_file;                     // PEM private key
  // Reverse proxies whose X-Forwarded-For is believed: addresses or CIDR ranges ("10.0.0.5",
  // "10.0.0.0/8", "fd00::/8"); the client address (Request::remote_address) is then the rightmost
  // address not in them. A wrong entry makes Start() fail with a Dutch message naming it.
  std::vector<std::string> trusted_proxies;
  // /metrics answers only clients on loopback or a trusted proxy itself (403 otherwise) unless
  // this is set.
  bool metrics_public = false;
  // Send Strict-Transport-Security also without own TLS, when the public address is https behind
  // a TLS-terminating proxy.
  bool hsts = false;

  bool tls() const { return !tls_cert_file.empty() && !tls_key_file.empty(); }
};

// One registered route, as the server lists it (built-in ones included).
struct RouteInfo {
  std::string method;
  std::string pattern;
  friend bool operator==(const RouteInfo&, const RouteInfo&) = default;
};

// Parses "HOST:PORT" (e.g. "127.0.0.1:8080", "[::1]:8080", ":8080"); Dutch error naming --listen.
Status ParseListenAddress(const std::string& text, std::string& host, int& port);

struct Request {
  std::string method;
  std::string path;
  std::string route;                     // the registered pattern that matched
  std::vector<std::string> path_params;  // regex capture groups of the pattern
  std::multimap<std::string, std::string> query;
  std::multimap<std::string, std::string> headers;  // names as sent; use Header() to look up
  std::string body;
  std::string remote_address;  // the client: the peer, or from X-Forwarded-For (trusted_proxies)
  std::string peer_address;    // the direct TCP peer

  // First value of a header (case-insensitive name), or empty.
  std::string Header(const std::string& name) const;
  // First value of a query parameter, or empty.
  std::string Query(const std::string& name) const;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::multimap<std::string, std::string> headers;

  static Response Json(std::string body, int status = 200);
  static Response Text(std::string body, std::string content_type = "text/plain; charset=utf-8");
};

using Handler = std::function<StatusOr<Response>(const Request&)>;

class Server {
 public:
  Server(ServerOptions options, Clock& clock);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  void Get(const std::string& pattern, Handler handler);
  void Post(const std::string& pattern, Handler handler);
  void Put(const std::string& pattern, Handler handler);
  void Patch(const std::string& pattern, Handler handler);
  void Delete(const std::string& pattern, Handler handler);
  // method: "GET", "POST", "PUT", "PATCH" or "DELETE".
  void Handle(const std::string& method, const std::string& pattern, Handler handler);

  // Every route registered so far, in registration order (for route-table tests).
  const std::vector<RouteInfo>& routes() const { return routes_; }
  const ServerOptions& options() const { return options_; }

  // /readyz answers 200 when this returns ok, else 503 with the Status's message.
  void SetReadinessCheck(std::function<Status()> check);

  Metrics& metrics() { return metrics_; }

  // Binds and starts serving on a background thread. kUnavailable when the address is taken or
  // the TLS certificate or key cannot be loaded.
  Status Start();
  int port() const { return port_; }
  void Stop();
  // Blocks until Stop() has been called and the server has finished.
  void Wait();

 private:
  struct Impl;
  void Register(const std::string& method, const std::string& pattern, Handler handler);

  const ServerOptions options_;
  Clock& clock_;
  Metrics metrics_;
  std::unique_ptr<Impl> impl_;
  std::vector<RouteInfo> routes_;
  int port_ = 0;
};

}  // namespace baken::api
