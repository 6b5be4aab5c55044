#include "baken/store/internal/url.h"

#include <cctype>

namespace baken::store::internal {
namespace {

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

Status Malformed() {
  return InvalidArgumentError(
      "De database-URL is ongeldig; gebruik sqlite:PAD of postgresql://gebruiker@host:poort/db.",
      "database_url");
}

StatusOr<ParsedUrl> ParsePostgres(std::string_view url, std::string_view scheme) {
  std::string_view rest = url.substr(scheme.size());
  std::string_view query;
  if (size_t q = rest.find('?'); q != std::string_view::npos) {
    query = rest.substr(q);
    rest = rest.substr(0, q);
  }
  std::string_view authority = rest;
  std::string_view path;
  if (size_t slash = rest.find('/'); slash != std::string_view::npos) {
    authority = rest.substr(0, slash);
    path = rest.substr(slash + 1);
  }
  std::string user;
  std::string_view hostport = authority;
  if (size_t at = authority.rfind('@'); at != std::string_view::npos) {
    std::string_view userinfo = authority.substr(0, at);
    hostport = authority.substr(at + 1);
    user = std::string(userinfo.substr(0, userinfo.find(':')));
  }
  std::string_view host = hostport;
  std::string_view port;
  if (!hostport.empty() && hostport.front() == '[') {  // [ipv6]:port
    size_t close = hostport.find(']');
    if (close == std::string_view::npos) return Malformed();
    host = hostport.substr(0, close + 1);
    std::string_view after = hostport.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') return Malformed();
      port = after.substr(1);
    }
  } else if (size_t colon = hostport.rfind(':'); colon != std::string_view::npos) {
    host = hostport.substr(0, colon);
    port = hostport.substr(colon + 1);
  }
  if (!port.empty()) {
    if (!AllDigits(port) || port.size() > 5 || std::stoi(std::string(port)) == 0 ||
        std::stoi(std::string(port)) > 65535) {
      return Malformed();
    }
  } else if (hostport.size() > host.size()) {
    return Malformed();  // "host:" without digits
  }
  for (char c : path) {
    if (c == '/' || std::isspace(static_cast<unsigned char>(c))) return Malformed();
  }
  for (char c : host) {
    if (std::isspace(static_cast<unsigned char>(c))) return Malformed();
  }
  ParsedUrl parsed;
  parsed.dialect = Dialect::kPostgres;
  parsed.conninfo = std::string(url);
  parsed.display = std::string(scheme);
  if (!user.empty()) parsed.display += user + "@";
  parsed.display += std::string(host.empty() ? "localhost" : host);
  if (!port.empty()) parsed.display += ":" + std::string(port);
  parsed.display += "/" + std::string(path);
  (void)query;
  return parsed;
}

}  // namespace

StatusOr<ParsedUrl> ParseDatabaseUrl(std::string_view url) {
  constexpr std::string_view kSqlite = "sqlite:";
  if (url.starts_with(kSqlite)) {
    std::string_view path = url.substr(kSqlite.size());
    if (path.starts_with("//")) path.remove_prefix(2);  // sqlite:///abs/path
    if (path.empty() || path == ":memory:" || path.starts_with("file:") ||
        path.find('\0') != std::string_view::npos) {
      return Malformed();
    }
    ParsedUrl parsed;
    parsed.dialect = Dialect::kSqlite;
    parsed.sqlite_path = std::string(path);
    parsed.display = "sqlite:" + parsed.sqlite_path;
    return parsed;
  }
  for (std::string_view scheme : {"postgresql://", "postgres://"}) {
    if (url.starts_with(scheme)) return ParsePostgres(url, scheme);
  }
  return Malformed();
}

}  // namespace baken::store::internal
