// After `vite build`: writes file.br and file.gz next to every text file in dist/, once, at the
// highest levels, so `baken serve` sends them as they are and never compresses while serving
// (docs/adr/0016-static-files-cached-and-precompressed.md). A variant that would not be smaller
// is not written. config.json is left alone: operators edit it in place without a rebuild.
//
// It also checks what the server's caching relies on: every file in dist/assets/ has a content
// hash in its name, because the server tells browsers to keep those files for a year.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import zlib from "node:zlib";

const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "dist");
const TEXT = new Set([".html", ".js", ".mjs", ".css", ".svg", ".json", ".map", ".txt", ".xml", ".webmanifest", ".wasm"]);
const LEAVE = new Set(["config.json"]);
const HASHED = /-[A-Za-z0-9_-]{8}\.[a-z0-9]+$/;

function* files(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* files(full);
    else if (entry.isFile()) yield full;
  }
}

const unhashed = readdirSync(path.join(dist, "assets")).filter((name) => !HASHED.test(name));
if (unhashed.length > 0) {
  console.error(
    `compress: bestanden in dist/assets/ zonder inhoudshash in de naam (de server laat browsers ze een jaar bewaren): ${unhashed.join(", ")}`,
  );
  process.exit(1);
}

let before = 0;
let after = 0;
for (const file of [...files(dist)]) {
  if (!TEXT.has(path.extname(file)) || LEAVE.has(path.relative(dist, file))) continue;
  const data = readFileSync(file);
  const variants = {
    ".br": zlib.brotliCompressSync(data, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length,
        [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
      },
    }),
    ".gz": zlib.gzipSync(data, { level: zlib.constants.Z_BEST_COMPRESSION }),
  };
  before += data.length;
  let smallest = data.length;
  for (const [suffix, packed] of Object.entries(variants)) {
    if (packed.length >= data.length) continue;
    // Written after the file, so not older than it (the server ignores an older variant).
    writeFileSync(file + suffix, packed);
    smallest = Math.min(smallest, packed.length);
  }
  after += smallest;
}
console.log(`compress: ${(before / 1024).toFixed(0)} KB tekst, ${(after / 1024).toFixed(0)} KB als brotli/gzip`);
