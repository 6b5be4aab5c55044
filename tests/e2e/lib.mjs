// Helpers for the browser tests: a fresh demo database, a real `baken serve` on a port the OS
// chooses, Debian's chromium through playwright-core, RFC 6238 codes, axe-core checks.
import { spawn, execFileSync } from "node:child_process";
import { createHmac } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import zlib from "node:zlib";

export function parseArgs(argv) {
  const out = {};
  for (let i = 0; i < argv.length; i++) {
    if (argv[i].startsWith("--")) out[argv[i].slice(2)] = argv[i + 1], i++;
  }
  return out;
}

/** playwright-core and @axe-core/playwright from web/node_modules (one lock file for both). */
export function loadBrowserLibs(source) {
  const webPkg = path.join(source, "web", "package.json");
  if (!existsSync(path.join(source, "web", "node_modules", "playwright-core"))) {
    throw new Error(`playwright-core ontbreekt: voer 'npm ci' uit in ${path.join(source, "web")} (make web doet dat)`);
  }
  if (!existsSync(path.join(source, "web", "dist", "index.html"))) {
    throw new Error(`de webinterface is niet gebouwd: voer 'npm run build' uit in ${path.join(source, "web")} (make web doet dat)`);
  }
  const require = createRequire(webPkg);
  const { chromium } = require("playwright-core");
  const axe = require("@axe-core/playwright");
  return { chromium, AxeBuilder: axe.default ?? axe.AxeBuilder };
}

export function findChromium() {
  for (const p of [process.env.BAKEN_CHROMIUM, "/usr/bin/chromium", "/usr/bin/chromium-browser"]) {
    if (p && existsSync(p)) return p;
  }
  throw new Error("chromium ontbreekt: installeer het Debian-pakket 'chromium' (scripts/install-deps --test)");
}

export function run(bin, args, input) {
  return execFileSync(bin, args, { encoding: "utf8", input, stdio: ["pipe", "pipe", "pipe"] });
}

/** A fresh database as scripts/demo-setup makes it, with a small demo year and test users. */
export function setUpDatabase({ baken, source, shared, users }) {
  const dir = mkdtempSync(path.join(tmpdir(), "baken-e2e-"));
  const db = `sqlite:${dir}/baken.db`;
  const secrets = path.join(dir, "secrets");
  const areas = path.join(shared, "data", "groningen");
  run(baken, ["migrate", "--db", db]);
  run(baken, ["areas", "import", "--db", db, "--municipality", "GM0014", "--level", "wijk", path.join(areas, "cbs-wijken-2017.geojson")]);
  run(baken, ["areas", "import", "--db", db, "--municipality", "GM0014", "--level", "buurt", path.join(areas, "cbs-buurten-2017.geojson")]);
  run(baken, ["areas", "streets", "--db", db, "--municipality", "GM0014", path.join(areas, "postcodes-pc6.csv")]);
  run(baken, ["secrets", "init", "--secrets", secrets]);
  run(baken, ["user", "bootstrap-admin", "--db", db, "--secrets", secrets, "--tenant", "GM0014"]);
  run(baken, [
    "classify", "train", "--data", path.join(source, "data/classify/starter.tsv"),
    "--model", path.join(dir, "classificatie.bin"), "--categories", path.join(source, "data/categories/groningen.json"),
  ]);
  const year = String(new Date().getUTCFullYear());
  run(baken, [
    "demo", "--db", db, "--year", year, "--seed", "1", "--scale", "400",
    "--categories", path.join(source, "data/categories/groningen.json"),
    "--routing", path.join(source, "data/routing/groningen.json"),
  ]);
  for (const u of users) {
    const args = ["user", "add", "--db", db, "--secrets", secrets, "--tenant", "GM0014", "--username", u.username,
      "--name", u.name, "--email", u.email, "--role", u.role, "--password-stdin"];
    for (const d of u.departments ?? []) args.push("--department", d);
    run(baken, args, u.password + "\n");
  }
  return { dir, db, secrets, cleanup: () => rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 }) };
}

/** Starts `baken serve` on 127.0.0.1:0 and resolves with its base URL once it listens. */
export function startServer({ baken, source, setup }) {
  const child = spawn(baken, [
    "serve", "--db", setup.db, "--secrets", setup.secrets, "--listen", "127.0.0.1:0",
    "--web", path.join(source, "web", "dist"), "--bijlagen", path.join(setup.dir, "bijlagen"),
    "--classificatiemodel", path.join(setup.dir, "classificatie.bin"),
  ], { stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  let started = false;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`baken serve start niet binnen 60 s:\n${log}`)), 60000);
    const onData = (d) => {
      log += d.toString();
      const m = log.match(/luistert op (http:\/\/127\.0\.0\.1:\d+)/);
      // Once only: later log lines match too, and each would add another exit listener.
      if (m && !started) {
        started = true;
        clearTimeout(timer);
        // stop() resolves once the server has exited, so nothing writes into the folder cleanup removes.
        const exited = new Promise((done) => child.once("exit", done));
        const stop = () => {
          if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
          return exited;
        };
        resolve({ url: m[1], child, log: () => log, stop });
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("exit", (code) => {
      clearTimeout(timer);
      // After a resolve this rejects nothing: a promise settles once.
      reject(new Error(`baken serve stopte (code ${code}):\n${log}`));
    });
  });
}

function base32Decode(s) {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = 0, value = 0;
  const out = [];
  for (const c of s.replace(/=+$/, "").replace(/\s/g, "").toUpperCase()) {
    const i = alphabet.indexOf(c);
    if (i < 0) throw new Error(`geen base32: ${c}`);
    value = (value << 5) | i;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** RFC 6238 TOTP (HMAC-SHA1, 30 s, 6 digits) for the step `offset` steps from now. */
export function totp(secretBase32, offset = 0, now = Date.now()) {
  const step = Math.floor(now / 1000 / 30) + offset;
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(step));
  const mac = createHmac("sha1", base32Decode(secretBase32)).update(msg).digest();
  const o = mac[mac.length - 1] & 0x0f;
  const n = ((mac[o] & 0x7f) << 24) | (mac[o + 1] << 16) | (mac[o + 2] << 8) | mac[o + 3];
  return String(n % 1_000_000).padStart(6, "0");
}

/** A small valid PNG (a 16x16 red square), so the server's content check accepts it. */
export function tinyPng() {
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(td) >>> 0);
    return Buffer.concat([len, td, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(16, 0);
  ihdr.writeUInt32BE(16, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(new Array(16).fill([200, 30, 30]).flat())]);
  const raw = Buffer.concat(new Array(16).fill(row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", zlib.deflateSync(raw)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}
