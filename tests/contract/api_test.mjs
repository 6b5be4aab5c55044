// The API's real answers match the OpenAPI document the server serves (issue 17): a real
// `baken serve` on a fresh demo database, called as the public and as every staff role, every GET
// route, the main POST/PATCH of meldingen and the usual errors; each answer's status, content type
// and body are checked with Ajv against the response schema of the served document
// (GET /api/v1/openapi.json). A route whose answer the document does not describe fails the test.
//
//   node tests/contract/api_test.mjs --baken build/debug/baken --source . --shared ../shared
//   [--document web/openapi.json]   check against this file instead of the served document
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs, run, setUpDatabase, startServer, tinyPng, totp } from "../e2e/lib.mjs";
import { openApiProblems } from "./lib.mjs";
import { makeChecker } from "./schema.mjs";
import { KNOWN_MISMATCHES } from "./known_mismatches.mjs";

const args = parseArgs(process.argv.slice(2));
const source = path.resolve(args.source ?? ".");
const baken = path.resolve(args.baken ?? "build/debug/baken");
const shared = path.resolve(args.shared ?? path.join(source, "..", "shared"));

const ROLES = ["boa", "toezichthouder", "gebiedsmanager", "analist", "coordinator_mensenhandel", "zorgpartner", "politie", "riec", "raadslid", "beheerder", "auditor"];
const WITH_DEPARTMENTS = new Set(["boa", "toezichthouder", "gebiedsmanager"]);
const USERS = ROLES.map((role, i) => ({
  username: `contract${i}`,
  name: `Contract ${role}`,
  email: `contract${i}@example.nl`,
  role,
  departments: WITH_DEPARTMENTS.has(role) ? ["stadsbeheer", "toezicht"] : [],
  password: `Contract-Regen-Fiets-${i}-2026`,
}));
const PROGRAMME = "leefbaarheid-veiligheid-2022-2024";
const PERIOD = "2025";

let passed = 0;
let failed = 0;
async function check(name, fn) {
  try {
    await fn();
    passed++;
    console.log(`ok - ${name}`);
  } catch (e) {
    failed++;
    console.log(`not ok - ${name}\n  ${String(e?.stack ?? e).split("\n").slice(0, 6).join("\n  ")}`);
  }
}

const setup = setUpDatabase({ baken, source, shared, users: USERS });
run(baken, ["programma", "seed", "--db", setup.db, "--file", path.join(source, "data/programmas/groningen-2022-2024.json")]);
run(baken, ["programma", "compute", "--db", setup.db, "--period", PERIOD]);
const server = await startServer({ baken, source, setup });
console.log(`# baken serve op ${server.url}`);

// Every finding, "<route> <status>: <what>" -> the callers that saw it.
const findings = new Map();
const seen = []; // [caller, method, route path, status]
let checkAnswer = null;
const matches = (known, finding) => (known instanceof RegExp ? known.test(finding) : known === finding);
const isKnown = (finding) => KNOWN_MISMATCHES.some((k) => matches(k, finding));

/** One call as `who` (null: the public), its answer checked against the document. */
async function call(who, method, urlPath, { body, headers = {}, raw, contentType } = {}) {
  const h = { Accept: "application/json", ...headers };
  if (body !== undefined) h["Content-Type"] = "application/json";
  if (raw !== undefined) h["Content-Type"] = contentType;
  if (who?.cookie) h.Cookie = who.cookie;
  if (who?.csrf && method !== "GET") h["X-CSRF-Token"] = who.csrf;
  const res = await fetch(server.url + urlPath, { method, headers: h, body: raw ?? (body === undefined ? undefined : JSON.stringify(body)) });
  const text = await res.text();
  const pathname = new URL(urlPath, server.url).pathname;
  seen.push([who?.role ?? "publiek", method, pathname, res.status]);
  if (checkAnswer) {
    for (const f of checkAnswer(method, pathname, res.status, res.headers.get("content-type"), text)) {
      const key = `${f.route} ${f.status}: ${f.text}`;
      if (!findings.has(key)) findings.set(key, new Set());
      findings.get(key).add(who?.role ?? "publiek");
    }
  }
  return { status: res.status, headers: res.headers, text, json: () => JSON.parse(text) };
}

/** Signs a user in as the UI does: password, then TOTP set up and confirmed where the role needs it. */
async function signIn(user) {
  const res = await fetch(`${server.url}/api/v1/sessies`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json" },
    body: JSON.stringify({ gebruikersnaam: user.username, wachtwoord: user.password }),
  });
  const text = await res.text();
  assert.equal(res.status, 201, `aanmelden als ${user.role}: ${res.status} ${text}`);
  const cookie = res.headers.get("set-cookie").split(";")[0];
  const who = { role: user.role, cookie, csrf: JSON.parse(text).csrf_token };
  for (const f of checkAnswer("POST", "/api/v1/sessies", res.status, res.headers.get("content-type"), text)) {
    const key = `${f.route} ${f.status}: ${f.text}`;
    if (!findings.has(key)) findings.set(key, new Set());
    findings.get(key).add(user.role);
  }
  const session = JSON.parse(text);
  if (session.tweede_factor_nodig) {
    const enrol = await call(who, "POST", "/api/v1/sessies/huidig/totp");
    assert.equal(enrol.status, 201, `tweede factor instellen als ${user.role}: ${enrol.text}`);
    const done = await call(who, "POST", "/api/v1/sessies/huidig/totp/bevestiging", { body: { code: totp(enrol.json().geheim) } });
    assert.equal(done.status, 200, `tweede factor bevestigen als ${user.role}: ${done.text}`);
  }
  return who;
}

try {
  // The document: the served one (or --document), valid in itself, then the checker built from it.
  const served = await fetch(`${server.url}/api/v1/openapi.json`);
  const document = args.document ? JSON.parse(readFileSync(path.resolve(args.document), "utf8")) : await served.json();
  await check("de geserveerde beschrijving is een geldig OpenAPI-document", async () => {
    assert.equal(served.status, 200);
    assert.deepEqual(await openApiProblems(source, document), []);
  });
  checkAnswer = await makeChecker(source, document);

  const staff = {};
  await check("elke rol meldt zich aan (met tweede factor waar de rol die vraagt)", async () => {
    for (const u of USERS) staff[u.role] = await signIn(u);
  });
  const callers = [null, ...ROLES.map((r) => staff[r]).filter(Boolean)];

  // --- The public files a melding with a photo, follows it and asks for similar ones. ---
  const word = `contractproef${Date.now() % 100000}`;
  const places = (await call(null, "GET", `/api/v1/adressen?q=${encodeURIComponent("Oude Boteringestraat")}&aantal=3`)).json();
  const spot = places.adressen[0];
  const publicBody = {
    tekst: `Een ${word} met zakken afval ernaast op de stoep.`,
    categorie: "zwerfafval",
    locatie: { type: "Point", coordinates: [spot.lon, spot.lat] },
    melder: { email: "bewoner@example.nl", toestemming_contact: true },
    bijlagen: [{ naam: "afval.png", type: "image/png", inhoud: tinyPng().toString("base64") }],
  };
  let volgcode = "";
  await check("publiek: melding maken (201), volgen, vergelijkbare meldingen en een categorie-suggestie", async () => {
    const made = await call(null, "POST", "/api/v1/publiek/meldingen", { body: publicBody });
    assert.equal(made.status, 201, made.text);
    volgcode = made.json().volgcode;
    assert.ok(volgcode, "een volgcode in het antwoord");
    assert.equal((await call(null, "GET", `/api/v1/publiek/meldingen/${encodeURIComponent(volgcode)}`)).status, 200);
    assert.equal((await call(null, "POST", "/api/v1/publiek/categorie-suggestie", { body: { tekst: "Er ligt veel zwerfafval naast de container" } })).status, 200);
  });

  // --- Staff: a melding found, the ids the GET routes need. ---
  const desk = staff.toezichthouder;
  const list = (await call(desk, "GET", `/api/v1/meldingen?zoek=${word}&limiet=5`)).json();
  const mine = list.meldingen?.[0];
  const any = (await call(desk, "GET", "/api/v1/meldingen?limiet=5")).json().meldingen?.[0];
  const wijk = "WK001400";
  const services = (await call(null, "GET", "/open311/v2/services.json")).json();
  const requests = (await call(null, "GET", "/open311/v2/requests.json")).json();

  await check("medewerker: melding maken (201), wijzigen met If-Match (200), status wijzigen, notitie", async () => {
    assert.ok(mine, `de publieke melding met '${word}' staat in de werkvoorraad`);
    const made = await call(desk, "POST", "/api/v1/meldingen", {
      body: { tekst: `Telefonisch: ${word} bij de fietsenstalling.`, categorie: "zwerfafval", kanaal: "telefoon", locatie: publicBody.locatie },
      headers: { "Idempotency-Key": `contract-${word}` },
    });
    assert.equal(made.status, 201, made.text);
    const m = made.json();
    const patched = await call(desk, "PATCH", `/api/v1/meldingen/${m.id}`, { body: { prioriteit: "hoog" }, headers: { "If-Match": `"${m.versie}"` } });
    assert.equal(patched.status, 200, patched.text);
    const moved = await call(desk, "POST", `/api/v1/meldingen/${m.id}/statuswijzigingen`, {
      body: { status: "in_behandeling", tekst_melder: "We gaan ermee aan de slag." },
      headers: { "If-Match": `"${patched.json().versie}"` },
    });
    assert.equal(moved.status, 200, moved.text);
    const note = await call(desk, "POST", `/api/v1/meldingen/${m.id}/notities`, { body: { tekst: "Buurman heeft gebeld." } });
    assert.equal(note.status, 201, note.text);
  });

  await check("fouten: problem+json met de juiste status (400, 401, 403, 404, 412, 415)", async () => {
    const short = await call(null, "POST", "/api/v1/publiek/meldingen", { body: { ...publicBody, bijlagen: [], tekst: "kort" } });
    assert.equal(short.status, 400, short.text);
    assert.ok(short.json()["invalid-params"]?.some((p) => p.name === "tekst"), `de fout noemt het veld tekst: ${short.text}`);
    const notJson = await call(null, "POST", "/api/v1/publiek/meldingen", { raw: "tekst=hallo", contentType: "text/plain" });
    assert.equal(notJson.status, 415, notJson.text);
    assert.equal((await call(null, "GET", "/api/v1/meldingen")).status, 401);
    const wrong = await call(null, "POST", "/api/v1/sessies", { body: { gebruikersnaam: "contract0", wachtwoord: "fout-wachtwoord-123" } });
    assert.equal(wrong.status, 401, wrong.text);
    assert.equal((await call(staff.raadslid, "GET", "/api/v1/gebruikers", { headers: { "X-Baken-Doel": "beheer" } })).status, 403);
    assert.equal((await call(desk, "GET", "/api/v1/meldingen/M-1999-000001")).status, 404);
    assert.equal((await call(null, "GET", "/api/v1/publiek/meldingen/ONBEKEND0000")).status, 404);
    const stale = await call(desk, "PATCH", `/api/v1/meldingen/${mine.id}`, { body: { prioriteit: "laag" }, headers: { "If-Match": `"${mine.versie + 7}"` } });
    assert.equal(stale.status, 412, stale.text);
    for (const r of [short, notJson, stale]) assert.match(r.headers.get("content-type"), /^application\/problem\+json/);
  });

  // --- Every GET route, as the public and as every role. ---
  const full = mine ? (await call(desk, "GET", `/api/v1/meldingen/${mine.id}`, { headers: { "X-Baken-Doel": "melding_afhandelen" } })).json() : {};
  const bijlage = full.bijlagen?.[0]?.id ?? "geen";
  const id = mine?.id ?? "geen";
  const GETS = [
    ["/healthz"], ["/readyz"], ["/metrics"], ["/api/v1/openapi.json"],
    [`/api/v1/adressen?q=${encodeURIComponent("Grote Markt")}&aantal=2`],
    ["/api/v1/afdelingen/stadsbeheer/behandelaars"],
    ["/api/v1/analyse/backtest", "analyse"],
    ["/api/v1/analyse/gebieden?niveau=wijk", "analyse"],
    ["/api/v1/analyse/hotspots", "analyse"],
    ["/api/v1/analyse/patronen?niveau=wijk", "analyse"],
    ["/api/v1/api-sleutels", "beheer"],
    ["/api/v1/audit/hoofd", "verantwoording"],
    ["/api/v1/categorieen"],
    ["/api/v1/publiek/limieten"],
    ["/api/v1/categorieen/zwerfafval/versies"],
    ["/api/v1/gebieden?niveau=wijk"],
    [`/api/v1/gebieden/${wijk}`],
    ["/api/v1/gebruikers", "beheer"],
    ["/api/v1/meldingen?limiet=20", "melding_afhandelen"],
    ["/api/v1/meldingen/export?formaat=csv", "analyse"],
    [`/api/v1/meldingen/${id}`, "melding_afhandelen"],
    [`/api/v1/meldingen/${any?.id ?? "geen"}`, "melding_afhandelen"],
    [`/api/v1/meldingen/${id}/bijlagen/${bijlage}`, "melding_afhandelen"],
    [`/api/v1/meldingen/${id}/duplicaten`],
    [`/api/v1/meldingen/${id}/historie`],
    ["/api/v1/programmas"],
    [`/api/v1/programmas/highlights/${PERIOD}?formaat=json`],
    [`/api/v1/programmas/highlights/${PERIOD}`],
    [`/api/v1/programmas/${PROGRAMME}`],
    [`/api/v1/programmas/${PROGRAMME}/historie`],
    [`/api/v1/programmas/${PROGRAMME}/teksten/${PERIOD}`],
    [`/api/v1/programmas/${PROGRAMME}/voortgang?periode=${PERIOD}&formaat=html`],
    ["/api/v1/publiek/kaart"],
    [`/api/v1/publiek/meldingen/${encodeURIComponent(volgcode)}`],
    [`/api/v1/publiek/vergelijkbare-meldingen?categorie=zwerfafval&lon=${spot.lon}&lat=${spot.lat}`],
    ["/api/v1/routeringsregels"],
    ["/api/v1/sessies/huidig"],
    [`/api/v1/wijkbeeld?van=${PERIOD}-01-01&tot=${PERIOD}-12-31`, "analyse"],
    ["/api/v1/wijzigingen", "beheer"],
    ["/open311/v2/discovery.json"],
    ["/open311/v2/services.json"],
    [`/open311/v2/services/${encodeURIComponent(services[0]?.service_code ?? "geen")}.json`],
    ["/open311/v2/requests.json"],
    [`/open311/v2/requests/${encodeURIComponent(requests[0]?.service_request_id ?? "geen")}.json`],
  ];
  await check("elke GET-route: minstens een beller krijgt 2xx, niemand 5xx", async () => {
    const problems = [];
    for (const [urlPath, purpose] of GETS) {
      const statuses = [];
      for (const who of callers) {
        const r = await call(who, "GET", urlPath, { headers: purpose ? { "X-Baken-Doel": purpose } : {} });
        statuses.push(`${who?.role ?? "publiek"}=${r.status}`);
        if (r.status >= 500) problems.push(`${urlPath} als ${who?.role ?? "publiek"}: ${r.status} ${r.text.slice(0, 200)}`);
      }
      if (!statuses.some((s) => /=2\d\d$/.test(s))) problems.push(`${urlPath}: niemand krijgt 2xx (${statuses.join(", ")})`);
    }
    const documented = Object.entries(document.paths).flatMap(([p, item]) => Object.keys(item).filter((m) => m === "get").map(() => p));
    const hit = new Set(seen.map(([, method, p]) => `${method} ${p}`));
    for (const template of documented) {
      const re = new RegExp("^" + template.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\\?\{[^}]+\\?\}/g, "[^/]+") + "$");
      if (![...hit].some((h) => h.startsWith("GET ") && re.test(h.slice(4)))) problems.push(`GET ${template} is niet aangeroepen`);
    }
    assert.deepEqual(problems, []);
  });

  await check("elk antwoord past bij de beschrijving (status, type, inhoud)", async () => {
    const found = [...findings.keys()].sort();
    for (const f of found) console.log(`# ${f}${isKnown(f) ? " (bekend)" : ""} [${[...findings.get(f)].join(", ")}]`);
    const unexpected = found.filter((f) => !isKnown(f));
    const gone = KNOWN_MISMATCHES.filter((k) => !found.some((f) => matches(k, f))).map(String);
    const text = [
      ...unexpected.map((f) => `nieuwe afwijking: ${f}`),
      ...gone.map((k) => `bekende afwijking komt niet meer voor (haal uit known_mismatches.mjs): ${k}`),
    ];
    assert.ok(text.length === 0, text.join("\n"));
  });
  console.log(`# ${seen.length} antwoorden gecontroleerd, ${findings.size} afwijkingen (${[...findings.keys()].filter(isKnown).length} bekend)`);
} catch (e) {
  failed++;
  console.log(`not ok - onverwachte fout\n  ${String(e?.stack ?? e).split("\n").slice(0, 8).join("\n  ")}`);
} finally {
  await server.stop();
  if (failed === 0) setup.cleanup();
  else console.log(`# de database en het serverlog blijven staan in ${setup.dir}`);
}
console.log(`# ${passed} geslaagd, ${failed} mislukt`);
process.exit(failed ? 1 : 0);
