#include "baken/api/internal/static_files.h"

#include <sys/stat.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>

#include "baken/api/internal/http_input.h"
#include "baken/base/strings.h"

namespace baken::api::internal {

namespace {

namespace fs = std::filesystem;

constexpr const char* kImmutable = "public, max-age=31536000, immutable";
constexpr const char* kRevalidate = "no-cache";

// A regular file under the folder, with what its validators are made of.
struct File {
  fs::path path;
  int64_t mtime_seconds = 0;
  int64_t mtime_nanos = 0;
  int64_t size = 0;
};

std::string ContentTypeFor(const fs::path& file) {
  static const std::map<std::string, std::string> kTypes = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},
      {".map", "application/json"},
      {".webmanifest", "application/manifest+json"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},
      {".gif", "image/gif"},
      {".webp", "image/webp"},
      {".ico", "image/x-icon"},
      {".woff", "font/woff"},
      {".woff2", "font/woff2"},
      {".ttf", "font/ttf"},
      {".txt", "text/plain; charset=utf-8"},
      {".xml", "application/xml"},
      {".pdf", "application/pdf"},
      {".wasm", "application/wasm"},
  };
  auto it = kTypes.find(ToLowerAscii(file.extension().string()));
  return it == kTypes.end() ? "application/octet-stream" : it->second;
}

// The decoded request path may name a file: absolute, no NUL, no backslash, no ".." segment, and
// not a precompressed variant itself.
bool AcceptablePath(const std::string& path) {
  if (path.empty() || path.front() != '/' || path.find('\0') != std::string::npos ||
      path.find('\\') != std::string::npos) {
    return false;
  }
  for (size_t start = 1; start <= path.size();) {
    const size_t slash = std::min(path.find('/', start), path.size());
    if (slash - start == 2 && path.compare(start, 2, "..") == 0) return false;
    start = slash + 1;
  }
  const std::string lower = ToLowerAscii(path);
  return !lower.ends_with(".br") && !lower.ends_with(".gz");
}

// `candidate` with symlinks resolved, when that is a regular file under `root`.
std::optional<File> FileUnder(const fs::path& root, const fs::path& candidate) {
  std::error_code ec;
  fs::path resolved = fs::weakly_canonical(candidate, ec);
  if (ec || resolved.string().rfind(root.string() + "/", 0) != 0) return std::nullopt;
  struct stat st {};
  if (::stat(resolved.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
  return File{std::move(resolved), st.st_mtim.tv_sec, st.st_mtim.tv_nsec, st.st_size};
}

// The precompressed variant `original` + suffix, when usable (see the header).
std::optional<File> Variant(const fs::path& root, const File& original, const char* suffix) {
  std::optional<File> variant = FileUnder(root, original.path.string() + suffix);
  if (!variant) return std::nullopt;
  const bool older = variant->mtime_seconds < original.mtime_seconds ||
                     (variant->mtime_seconds == original.mtime_seconds &&
                      variant->mtime_nanos < original.mtime_nanos);
  return older ? std::nullopt : variant;
}

std::string ETagOf(const File& file, ContentCoding coding) {
  static constexpr const char* kSuffix[] = {"", "-gz", "-br"};
  char tag[96];
  std::snprintf(tag, sizeof tag, "\"%llx.%llx-%llx%s\"",
                static_cast<unsigned long long>(file.mtime_seconds),
                static_cast<unsigned long long>(file.mtime_nanos),
                static_cast<unsigned long long>(file.size), kSuffix[static_cast<int>(coding)]);
  return tag;
}

bool NotModified(const Request& request, const std::string& etag, int64_t mtime_seconds) {
  const std::string if_none_match = request.Header("If-None-Match");
  if (!if_none_match.empty()) return IfNoneMatchMatches(if_none_match, etag);
  const std::optional<int64_t> since = ParseHttpDate(request.Header("If-Modified-Since"));
  return since && mtime_seconds <= *since;
}

std::optional<std::string> ReadWhole(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

}  // namespace

bool IsImmutableAssetPath(const std::string& path) {
  return path.rfind("/assets/", 0) == 0;
}

std::optional<Response> StaticFile(const std::string& static_dir, const Request& request,
                                   const std::string& path) {
  if (!AcceptablePath(path)) return std::nullopt;
  std::error_code ec;
  const fs::path root = fs::weakly_canonical(static_dir, ec);
  if (ec) return std::nullopt;
  fs::path wanted = root / path.substr(1);
  if (path.back() == '/') wanted /= "index.html";
  const std::optional<File> original = FileUnder(root, wanted);
  if (!original) return std::nullopt;

  const std::optional<File> brotli = Variant(root, *original, ".br");
  const std::optional<File> gzip = Variant(root, *original, ".gz");
  const ContentCoding coding =
      ChooseContentCoding(request.Header("Accept-Encoding"), brotli.has_value(), gzip.has_value());
  const File& sent = coding == ContentCoding::kBrotli ? *brotli
                     : coding == ContentCoding::kGzip ? *gzip
                                                      : *original;
  Response response;
  response.content_type = ContentTypeFor(original->path);
  const std::string etag = ETagOf(sent, coding);
  response.headers.emplace("ETag", etag);
  response.headers.emplace("Last-Modified", FormatHttpDate(original->mtime_seconds));
  response.headers.emplace("Cache-Control", IsImmutableAssetPath(path) ? kImmutable : kRevalidate);
  response.headers.emplace("Vary", "Accept-Encoding");
  if (NotModified(request, etag, original->mtime_seconds)) {
    response.status = 304;
    return response;
  }
  std::optional<std::string> body = ReadWhole(sent.path);
  if (!body) return std::nullopt;
  response.body = *std::move(body);
  if (coding != ContentCoding::kIdentity) {
    response.headers.emplace("Content-Encoding", coding == ContentCoding::kBrotli ? "br" : "gzip");
  }
  return response;
}

}  // namespace baken::api::internal
