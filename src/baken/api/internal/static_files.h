// The built web UI (web/dist) as the server serves it (docs/adr/0016-static-files-cached-and-
// precompressed.md).
//
// A GET or HEAD for a path names a file under the folder, never outside it: the decoded path may
// not contain a ".." segment, a backslash or a NUL, and the resolved file (symlinks followed) must
// lie under the folder. Paths ending in .br or .gz are never served: those files are the
// precompressed variants `npm run build` writes next to each text file (file.js.br, file.js.gz).
// The variant is chosen from Accept-Encoding (brotli, then gzip, weights respected, q=0 honoured)
// and sent with Content-Encoding and the original's Content-Type; it is used only when it lies
// under the folder too and is not older than the original (an operator who edits config.json is
// not overruled by a stale config.json.gz). Nothing is compressed while serving.
//
// Caching: files under /assets/ carry a content hash in their name (Vite), so they are sent with
// `Cache-Control: public, max-age=31536000, immutable`; every other file (index.html, also as the
// client-side route fallback, favicon, config.json) with `no-cache`, so browsers revalidate it.
// Every answer carries an ETag (per variant), Last-Modified and `Vary: Accept-Encoding`; a request
// whose If-None-Match names the ETag (or, without If-None-Match, whose If-Modified-Since is not
// before the file's time) gets 304 without a body, and the file is then not read.
//
// Not part of the module's interface: only the server and its tests include this. Thread-safe.
#pragma once

#include <optional>
#include <string>

#include "baken/api/server.h"

namespace baken::api::internal {

// The answer for `request.path` (or for `path` when given: the index.html fallback), or
// std::nullopt when no such file may be served.
std::optional<Response> StaticFile(const std::string& static_dir, const Request& request,
                                   const std::string& path);

// True for paths whose files never change under their name (hashed build output).
bool IsImmutableAssetPath(const std::string& path);

}  // namespace baken::api::internal
