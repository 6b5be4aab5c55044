#include "baken/api/server.h"

#include <sys/resource.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <cctype>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <regex>
#include <thread>

#include "baken/api/internal/http_input.h"
#include "baken/api/internal/static_files.h"
#include "baken/api/problem.h"

namespace baken::api {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

namespace {

constexpr const char* kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; "
    "img-src 'self' data: blob: https://service.pdok.nl; connect-src 'self'; "
    "font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'none'";
constexpr const char* kHsts = "max-age=31536000; includeSubDomains";
constexpr size_t kHeaderLimit = 32 * 1024;        // request line and headers together
constexpr std::chrono::seconds kBodyTimeout{60};  // the whole body, after the head
constexpr std::chrono::seconds kWriteTimeout{30};
constexpr std::chrono::seconds kLingerTimeout{2};  // reading (and dropping) after a refusal
constexpr size_t kMaxTargetLength = 8192;          // std::regex recurses per character of the path

std::string_view Sv(beast::string_view s) {
  return {s.data(), s.size()};
}

using BeastResponse = http::response<http::string_body>;

bool IEquals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

// An error answer with the problem+json texts of the old server; `http_status` may differ from
// the Status's own mapping (413 for ResourceExhausted, 405 for a wrong method).
Response Problem(int http_status, const Status& status, const std::string& path) {
  Response r = Response::Json(ProblemJson(status, path), http_status);
  r.content_type = std::string(kProblemContentType);
  return r;
}

Response ProblemFor(int http_status, const std::string& path) {
  switch (http_status) {
    case 404: return Problem(404, NotFoundError("Deze pagina of bron bestaat niet."), path);
    case 405:
      return Problem(405, InvalidArgumentError("Deze methode is hier niet toegestaan."), path);
    case 413: return Problem(413, ResourceExhaustedError("Het verzoek is te groot."), path);
    case 414:
      return Problem(414, InvalidArgumentError("Het adres (URL) is te lang.", "path"), path);
    case 415:
      return Problem(415,
                     InvalidArgumentError("Stuur de inhoud van het verzoek zonder "
                                          "Content-Encoding (geen gzip of deflate).",
                                          "Content-Encoding"),
                     path);
    case 431:
      return Problem(431, InvalidArgumentError("De kopregels van het verzoek zijn te groot."),
                     path);
    default: return Problem(400, InvalidArgumentError("Het verzoek is ongeldig."), path);
  }
}

// Raises the soft open-files limit so max_connections sockets fit (within the hard limit).
void RaiseOpenFilesLimit(size_t max_connections) {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0) return;
  const rlim_t want = std::min<rlim_t>(limit.rlim_max, max_connections + 256);
  if (limit.rlim_cur < want) {
    limit.rlim_cur = want;
    setrlimit(RLIMIT_NOFILE, &limit);
  }
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

namespace {

// Everything the I/O thread, the workers and the connections share (Server::Impl is this).
struct Core {
  struct Route {
    std::string method;
    std::string pattern;
    std::regex regex;
    Handler handler;
  };

  explicit Core(Server& s) : server(s) {}

  // Routes a parsed request; runs on a worker thread.
  Response Dispatch(Request& request);
  Response CallRoute(const Route& route, Request& request);
  Response NotRouted(const Request& request);
  // Adds the security headers (and HSTS) to every response, errors included.
  BeastResponse ToBeast(Response response, unsigned version, bool keep_alive) const;

  Server& server;
  // Destroyed last, in this order, after every connection: TLS streams refer to `ssl`.
  asio::ssl::context ssl{asio::ssl::context::tls_server};
  std::vector<Route> routes;
  bool tls_ok = true;
  bool hsts = false;
  internal::AddressRanges trusted_proxies;  // parsed from options_.trusted_proxies
  Status trusted_proxies_error;             // a wrong entry: Start() refuses
  std::function<Status()> readiness;
  std::atomic<size_t> connections{0};
  std::mutex mu;
  std::condition_variable stopped_cv;
  bool started = false;  // GUARDED_BY(mu)
  bool stopped = false;  // GUARDED_BY(mu)
  std::thread thread;    // runs `ioc`
  // Destroyed first: the workers (joined in ~Server), the acceptor, then the I/O context with the
  // connections its pending operations still hold.
  asio::io_context ioc{1};
  std::optional<tcp::acceptor> acceptor;
  std::unique_ptr<asio::thread_pool> workers;

  void Accept();
};

// One client connection, plain or TLS. Lives as long as an asynchronous operation or a handler
// on a worker holds it; every socket operation runs on the single I/O thread.
template <typename Stream>
class Connection : public std::enable_shared_from_this<Connection<Stream>> {
 public:
  static constexpr bool kTls = !std::is_same_v<Stream, beast::tcp_stream>;

  Connection(Core& impl, tcp::socket socket, std::string peer)
      : impl_(impl), stream_(MakeStream(impl, std::move(socket))), peer_(std::move(peer)) {
    ++impl_.connections;
  }
  ~Connection() { --impl_.connections; }

  void Run() {
    if constexpr (kTls) {
      beast::get_lowest_layer(stream_).expires_after(impl_.server.options().read_timeout);
      stream_.async_handshake(asio::ssl::stream_base::server,
                              [self = this->shared_from_this()](beast::error_code ec) {
                                if (ec) return self->Close();
                                self->ReadHead(self->impl_.server.options().read_timeout);
                              });
    } else {
      ReadHead(impl_.server.options().read_timeout);
    }
  }

 private:
  static Stream MakeStream(Core& impl, tcp::socket socket) {
    if constexpr (kTls) {
      return Stream(std::move(socket), impl.ssl);
    } else {
      return Stream(std::move(socket));
    }
  }

  void ReadHead(std::chrono::seconds deadline) {
    parser_.emplace();
    parser_->header_limit(kHeaderLimit);
    parser_->body_limit(impl_.server.options().max_body_bytes);
    beast::get_lowest_layer(stream_).expires_after(deadline);
    http::async_read_header(
        stream_, buffer_, *parser_,
        [self = this->shared_from_this()](beast::error_code ec, size_t) { self->OnHead(ec); });
  }

  void OnHead(beast::error_code ec) {
    if (ec) return OnReadError(ec);
    const auto& req = parser_->get();
    const int refused = RefusedHead(req);
    if (refused != 0) return WriteError(refused);
    if (!parser_->is_done() && IEquals(Sv(req[http::field::expect]), "100-continue")) {
      continue_ = std::make_shared<http::response<http::empty_body>>(http::status::continue_,
                                                                     req.version());
      http::async_write(stream_, *continue_,
                        [self = this->shared_from_this()](beast::error_code ec, size_t) {
                          if (ec) return self->Close();
                          self->ReadBody();
                        });
      return;
    }
    ReadBody();
  }

  // 0 when the head may be read on; else the status to refuse it with.
  static int RefusedHead(const http::request<http::string_body>& req) {
    if (req.target().size() > kMaxTargetLength) return 414;
    const std::string_view encoding = Sv(req[http::field::content_encoding]);
    if (!encoding.empty() && !IEquals(encoding, "identity")) return 415;
    // Beast decodes only "chunked"; any other transfer coding would reach a route undecoded.
    const std::string_view transfer = Sv(req[http::field::transfer_encoding]);
    if (!transfer.empty() && !IEquals(transfer, "chunked")) return 400;
    return 0;
  }

  void ReadBody() {
    if (parser_->is_done()) return Dispatch();
    beast::get_lowest_layer(stream_).expires_after(kBodyTimeout);
    http::async_read(stream_, buffer_, *parser_,
                     [self = this->shared_from_this()](beast::error_code ec, size_t) {
                       if (ec) return self->OnReadError(ec);
                       self->Dispatch();
                     });
  }

  void OnReadError(beast::error_code ec) {
    if (ec == http::error::body_limit) return WriteError(413);
    if (ec == http::error::header_limit) return WriteError(431);
    // A malformed request (two Content-Length headers, a bad chunk, a bad start line) is
    // answered; a timeout, a reset or the end of the stream just closes.
    if (ec.category() == beast::error_code(http::error::bad_target).category() &&
        ec != http::error::end_of_stream && ec != http::error::partial_message) {
      return WriteError(400);
    }
    Close();
  }

  void WriteError(int status) {
    const std::string_view target = Sv(parser_->get().target());
    std::string path(target.substr(0, std::min(target.find('?'), kMaxTargetLength)));
    if (!internal::IsValidUtf8(path)) path = "/";
    Write(impl_.ToBeast(ProblemFor(status, path), 11, /*keep_alive=*/false));
  }

  // Hands the request to a worker; the answer comes back to the I/O thread to be written.
  void Dispatch() {
    beast::get_lowest_layer(stream_).expires_never();
    auto req = std::make_shared<http::request<http::string_body>>(parser_->release());
    asio::post(*impl_.workers, [self = this->shared_from_this(), req] {
      Request request;
      std::optional<Response> bad = self->Decode(*req, request);
      const bool head = req->method() == http::verb::head;
      Response response = bad ? *std::move(bad) : self->impl_.Dispatch(request);
      if (head) response.body.clear();  // the length of the GET answer is not promised
      auto out = std::make_shared<BeastResponse>(
          self->impl_.ToBeast(std::move(response), req->version(), req->keep_alive()));
      asio::post(self->impl_.ioc, [self, out] { self->Write(std::move(*out)); });
    });
  }

  // Fills the facade's Request; a 400 answer when the target or a header is not valid UTF-8.
  std::optional<Response> Decode(const http::request<http::string_body>& req, Request& out) {
    const std::string_view target = Sv(req.target());
    const size_t question = target.find('?');
    out.method = std::string(req.method_string());
    out.path = internal::PercentDecode(target.substr(0, question), /*plus_is_space=*/false);
    if (target.empty() || target.front() != '/') return ProblemFor(400, "/");
    if (!internal::IsValidUtf8(out.path)) {
      return Problem(
          400, InvalidArgumentError("Het adres (URL) is geen geldige UTF-8-tekst.", "path"), "/");
    }
    if (question != std::string_view::npos) {
      out.query = internal::DecodeQuery(target.substr(question + 1));
      for (const auto& [key, value] : out.query) {
        if (!internal::IsValidUtf8(key) || !internal::IsValidUtf8(value)) {
          return Problem(400,
                         InvalidArgumentError("De zoekparameters (query) zijn geen geldige "
                                              "UTF-8-tekst.",
                                              "query"),
                         out.path);
        }
      }
    }
    for (const auto& field : req) {
      const std::string_view value = Sv(field.value());
      if (!internal::IsValidUtf8(value)) {
        const std::string name(field.name_string());
        return Problem(
            400,
            InvalidArgumentError("De kopregel " + name + " is geen geldige UTF-8-tekst.", name),
            out.path);
      }
      out.headers.emplace(std::string(field.name_string()), std::string(value));
    }
    out.body = req.body();
    out.peer_address = peer_;
    out.remote_address =
        internal::ClientAddress(peer_, out.Header("X-Forwarded-For"), impl_.trusted_proxies);
    return std::nullopt;
  }

  void Write(BeastResponse response) {
    response_ = std::make_shared<BeastResponse>(std::move(response));
    beast::get_lowest_layer(stream_).expires_after(kWriteTimeout);
    http::async_write(stream_, *response_,
                      [self = this->shared_from_this()](beast::error_code ec, size_t) {
                        const bool close = ec || !self->response_->keep_alive();
                        self->response_.reset();
                        if (ec) return self->Close();
                        // A refused request may still be arriving: drop it before closing, so
                        // the client reads the answer instead of a reset.
                        if (close && !self->parser_->is_done()) return self->LingerClose();
                        if (close) return self->Close();
                        self->ReadHead(self->impl_.server.options().keep_alive_timeout);
                      });
  }

  void LingerClose() {
    auto& lowest = beast::get_lowest_layer(stream_);
    beast::error_code ignored;
    lowest.socket().shutdown(tcp::socket::shutdown_send, ignored);
    lowest.expires_after(kLingerTimeout);
    Drain();
  }

  void Drain() {
    if (!drain_) drain_ = std::make_unique<std::array<char, 65536>>();
    beast::get_lowest_layer(stream_).async_read_some(
        asio::buffer(*drain_), [self = this->shared_from_this()](beast::error_code ec, size_t) {
          if (ec) return self->Close();
          self->Drain();
        });
  }

  void Close() {
    beast::error_code ignored;
    auto& socket = beast::get_lowest_layer(stream_).socket();
    socket.shutdown(tcp::socket::shutdown_both, ignored);
    socket.close(ignored);
  }

  Core& impl_;
  Stream stream_;
  const std::string peer_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  std::shared_ptr<http::response<http::empty_body>> continue_;
  std::shared_ptr<BeastResponse> response_;
  std::unique_ptr<std::array<char, 65536>> drain_;
};

}  // namespace

struct Server::Impl : Core {
  using Core::Core;
};

void Core::Accept() {
  acceptor->async_accept(ioc, [this](beast::error_code ec, tcp::socket socket) {
    if (ec == asio::error::operation_aborted || !acceptor->is_open()) return;
    if (ec) {
      // Out of file descriptors (or a transient error): try again shortly instead of spinning.
      auto timer = std::make_shared<asio::steady_timer>(ioc, std::chrono::milliseconds(50));
      timer->async_wait([this, timer](beast::error_code) { Accept(); });
      return;
    }
    if (connections.load() >= server.options().max_connections) {
      beast::error_code ignored;
      socket.close(ignored);  // refused: over the connection cap
    } else {
      beast::error_code endpoint_ec;
      const auto remote = socket.remote_endpoint(endpoint_ec);
      std::string peer = endpoint_ec ? std::string() : remote.address().to_string();
      socket.set_option(tcp::no_delay(true), endpoint_ec);  // no Nagle + delayed-ACK wait
      if (server.options().tls()) {
        std::make_shared<Connection<beast::ssl_stream<beast::tcp_stream>>>(*this, std::move(socket),
                                                                           std::move(peer))
            ->Run();
      } else {
        std::make_shared<Connection<beast::tcp_stream>>(*this, std::move(socket), std::move(peer))
            ->Run();
      }
    }
    Accept();
  });
}

Response Core::Dispatch(Request& request) {
  const std::string& method = request.method == "HEAD" ? std::string("GET") : request.method;
  for (const Route& route : routes) {
    if (route.method != method) continue;
    std::smatch match;
    if (!std::regex_match(request.path, match, route.regex)) continue;
    for (size_t i = 1; i < match.size(); ++i) request.path_params.push_back(match[i]);
    request.route = route.pattern;
    return CallRoute(route, request);
  }
  return NotRouted(request);
}

Response Core::CallRoute(const Route& route, Request& request) {
  const auto started = std::chrono::steady_clock::now();
  Response response;
  // Every body that looks like JSON passes the depth and UTF-8 check before any route parses it.
  const std::string content_type = request.Header("Content-Type");
  const size_t first = request.body.find_first_not_of(" \t\r\n");
  const bool json =
      content_type.find("json") != std::string::npos ||
      (first != std::string::npos && (request.body[first] == '{' || request.body[first] == '['));
  if (Status checked = json ? internal::CheckJsonText(request.body) : Status::Ok(); !checked.ok()) {
    response = Problem(400, checked, request.path);
  } else {
    try {
      StatusOr<Response> result = route.handler(request);
      response = result.ok()
                     ? *std::move(result)
                     : Problem(HttpStatusFor(result.status()), result.status(), request.path);
    } catch (...) {
      response = Problem(500, InternalError("unhandled exception"), request.path);
    }
  }
  server.metrics().ObserveRequest(route.method, route.pattern, response.status,
                                  std::chrono::duration_cast<std::chrono::microseconds>(
                                      std::chrono::steady_clock::now() - started));
  return response;
}

Response Core::NotRouted(const Request& request) {
  const bool get = request.method == "GET" || request.method == "HEAD";
  const std::string& static_dir = server.options().static_dir;
  if (get && !static_dir.empty()) {
    if (auto file = internal::StaticFile(static_dir, request, request.path)) return *file;
    // Client-side routes of the web UI get its index.html. A missing file under /assets/ (a chunk
    // of an older build, asked for by a page opened before a deploy) is a 404, not HTML the
    // browser would refuse as a script.
    if (request.path.rfind("/api/", 0) != 0 && request.path.rfind("/open311/", 0) != 0 &&
        !internal::IsImmutableAssetPath(request.path)) {
      if (auto html = internal::StaticFile(static_dir, request, "/index.html")) return *html;
    }
  }
  std::string allow;
  for (const Route& route : routes) {
    if (std::regex_match(request.path, route.regex) &&
        allow.find(route.method) == std::string::npos) {
      allow += (allow.empty() ? "" : ", ") + route.method;
    }
  }
  if (allow.empty()) return ProblemFor(404, request.path);
  Response response = ProblemFor(405, request.path);
  response.headers.emplace("Allow", allow);
  return response;
}

BeastResponse Core::ToBeast(Response response, unsigned version, bool keep_alive) const {
  BeastResponse out{static_cast<http::status>(response.status), version};
  for (const auto& [name, value] : response.headers) {
    // The content type and length come from the Response itself, as with the old server.
    if (IEquals(name, "Content-Type") || IEquals(name, "Content-Length")) continue;
    out.insert(name, value);
  }
  out.set(http::field::content_type, response.content_type);
  // A response may bring its own policy (a self-contained HTML report); otherwise the default.
  const bool own_policy =
      std::any_of(response.headers.begin(), response.headers.end(),
                  [](const auto& h) { return IEquals(h.first, "Content-Security-Policy"); });
  if (!own_policy) out.set("Content-Security-Policy", kContentSecurityPolicy);
  out.set("X-Content-Type-Options", "nosniff");
  out.set("X-Frame-Options", "DENY");
  out.set("Referrer-Policy", "same-origin");
  out.set("Permissions-Policy", "geolocation=(self), camera=(), microphone=()");
  out.set("Cross-Origin-Opener-Policy", "same-origin");
  if (hsts) out.set("Strict-Transport-Security", kHsts);
  out.keep_alive(keep_alive);
  // 1xx, 204 and 304 carry no body (Beast refuses to frame one).
  const bool bodiless = response.status < 200 || response.status == 204 || response.status == 304;
  if (!bodiless) out.body() = std::move(response.body);
  out.prepare_payload();
  return out;
}

Server::Server(ServerOptions options, Clock& clock)
    : options_(std::move(options)), clock_(clock), impl_(std::make_unique<Impl>(*this)) {
  if (auto ranges = internal::AddressRanges::Parse(options_.trusted_proxies,
                                                   "--trusted-proxy (server.trusted_proxies)");
      ranges.ok()) {
    impl_->trusted_proxies = *std::move(ranges);
  } else {
    impl_->trusted_proxies_error = ranges.status();
  }
  if (options_.tls()) {
    beast::error_code ec;
    impl_->ssl.set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                               asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 |
                               asio::ssl::context::no_tlsv1_1,
                           ec);
    impl_->ssl.use_certificate_chain_file(options_.tls_cert_file, ec);
    if (!ec) impl_->ssl.use_private_key_file(options_.tls_key_file, asio::ssl::context::pem, ec);
    impl_->tls_ok = !ec;
  }
  impl_->hsts = options_.tls() || options_.hsts;

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
  if (impl_->workers) impl_->workers->join();  // handlers may use what the caller frees next
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
  impl_->routes.push_back({method, pattern, std::regex(pattern), std::move(handler)});
}

Status Server::Start() {
  if (!impl_->trusted_proxies_error.ok()) return impl_->trusted_proxies_error;
  if (!impl_->tls_ok) {
    return UnavailableError("Het TLS-certificaat of de sleutel kan niet worden geladen.");
  }
  const Status unavailable =
      UnavailableError("Kan niet luisteren op " + options_.host + ":" +
                       std::to_string(options_.port) + " (adres in gebruik of niet beschikbaar).");
  beast::error_code ec;
  asio::ip::address address = asio::ip::make_address(options_.host, ec);
  if (ec) {
    tcp::resolver resolver(impl_->ioc);
    auto found = resolver.resolve(options_.host, std::to_string(options_.port), ec);
    if (ec || found.empty()) return unavailable;
    address = found.begin()->endpoint().address();
  }
  auto& acceptor = impl_->acceptor.emplace(impl_->ioc);
  const tcp::endpoint endpoint(address, static_cast<unsigned short>(options_.port));
  acceptor.open(endpoint.protocol(), ec);
  if (!ec) acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor.bind(endpoint, ec);
  if (!ec) acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) return unavailable;
  port_ = acceptor.local_endpoint().port();
  RaiseOpenFilesLimit(options_.max_connections);
  impl_->workers = std::make_unique<asio::thread_pool>(std::max(2, options_.threads));
  impl_->Accept();
  {
    std::lock_guard lock(impl_->mu);
    impl_->started = true;
  }
  impl_->thread = std::thread([this] {
    impl_->ioc.run();
    std::lock_guard lock(impl_->mu);
    impl_->stopped = true;
    impl_->stopped_cv.notify_all();
  });
  return Status::Ok();
}

void Server::Stop() {
  {
    std::lock_guard lock(impl_->mu);
    if (!impl_->started) {
      impl_->stopped = true;
      impl_->stopped_cv.notify_all();
      return;
    }
  }
  // The acceptor belongs to the I/O thread, so it is closed there; posting is safe from any thread.
  asio::post(impl_->ioc, [impl = impl_.get()] {
    beast::error_code ignored;
    impl->acceptor->close(ignored);
    impl->ioc.stop();
  });
}

void Server::Wait() {
  std::unique_lock lock(impl_->mu);
  impl_->stopped_cv.wait(lock, [this] { return impl_->stopped; });
}

}  // namespace baken::api
