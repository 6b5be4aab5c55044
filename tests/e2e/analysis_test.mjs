// Browser tests of what a walk through the UI found missing or slow, against a real `baken serve`
// with a fresh demo database, in Debian's chromium (headless) through playwright-core:
// - Analyse: the hot spots of a second visit are there within 1 s (the server answers from its
//   cache, also measured on the API), the page says how old the picture is, the Gi* column of the
//   top 10 tables is not clipped on a desktop, and the backtest says in plain Dutch what "naive"
//   is and what it means when it wins;
// - a beheerder lands on Beheer after signing in, not on a "Geen toegang" werkvoorraad;
// - a resident whose melding was closed gets the satisfaction question on the follow page (once);
// - a resident choosing the place of a melding sees the open meldingen of that kind nearby;
// - the progress report PDF is tagged and links its accessible HTML version, and the page shows
//   that HTML version beside the PDF download.
// axe-core (WCAG 2.0/2.1 A and AA, WCAG 2.2 AA) finds nothing serious on any page visited.
//
//   node tests/e2e/analysis_test.mjs --baken build/debug/baken --source . --shared ../shared
import assert from "node:assert/strict";
import path from "node:path";
import { findChromium, loadBrowserLibs, parseArgs, run, setUpDatabase, startServer, totp } from "./lib.mjs";

const args = parseArgs(process.argv.slice(2));
const source = path.resolve(args.source ?? ".");
const baken = path.resolve(args.baken ?? "build/debug/baken");
const shared = path.resolve(args.shared ?? path.join(source, "..", "shared"));

const USERS = [
  { username: "anouk", name: "Anouk Smit", email: "anouk@example.nl", role: "analist", departments: [], password: "Lente-Dijk-Wolk-2026" },
  { username: "femke", name: "Femke Mulder", email: "femke@example.nl", role: "beheerder", departments: [], password: "Herfst-Blad-Molen-2026" },
  { username: "hanna", name: "Hanna de Vries", email: "hanna@example.nl", role: "toezichthouder", departments: ["toezicht", "stadsbeheer"], password: "Zomer-Gras-Fiets-2026" },
];
const [ANALIST, BEHEERDER, TOEZICHT] = USERS;

let passed = 0;
let failed = 0;
const started = Date.now();
const openPages = [];
async function check(name, fn) {
  const t = Date.now();
  try {
    await fn();
    passed++;
    console.log(`ok - ${name} (${((Date.now() - t) / 1000).toFixed(1)} s)`);
  } catch (e) {
    failed++;
    for (const [i, p] of openPages.entries()) {
      await p.screenshot({ path: path.join(setup.dir, `fout-${failed}-${i}.png`), fullPage: true }).catch(() => undefined);
    }
    console.log(`not ok - ${name}\n  ${String(e?.stack ?? e).split("\n").slice(0, 8).join("\n  ")}`);
  }
}

const { chromium, AxeBuilder } = loadBrowserLibs(source);
const executablePath = findChromium();
const t0 = Date.now();
const setup = setUpDatabase({ baken, source, shared, users: USERS });
// The shipped programmes, for the progress report.
run(baken, ["programma", "seed", "--db", setup.db, "--file", path.join(source, "data/programmas/groningen-2022-2024.json")]);
console.log(`# database klaar in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
const server = await startServer({ baken, source, setup });
console.log(`# baken serve op ${server.url}`);
const browser = await chromium.launch({
  executablePath,
  headless: true,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
});

const axeFindings = [];
const pageErrors = [];
const externalRequests = [];

async function newContext(options) {
  const context = await browser.newContext({ locale: "nl-NL", timezoneId: "Europe/Amsterdam", ...options });
  await context.route("**/*", (route) => {
    const url = new URL(route.request().url());
    if (url.hostname !== "127.0.0.1") {
      externalRequests.push(url.href);
      return route.abort();
    }
    // PDOK tiles off in tests: the maps work from Baken's own buurt polygons.
    if (url.pathname === "/config.json") return route.fulfill({ json: { kaart: { pdok: false } } });
    return route.continue();
  });
  context.on("page", (page) => {
    openPages.push(page);
    page.on("close", () => openPages.splice(openPages.indexOf(page), 1));
    page.setDefaultTimeout(15000);
    page.on("console", (msg) => {
      if (/Content Security Policy|Refused to (apply|load|execute)/i.test(msg.text())) pageErrors.push(msg.text());
    });
    page.on("pageerror", (e) => pageErrors.push(`scriptfout: ${e.message}`));
  });
  return context;
}

let axePages = 0;
async function axe(page, label) {
  axePages++;
  await page.waitForLoadState("networkidle").catch(() => undefined);
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  for (const v of result.violations) {
    if (v.impact === "serious" || v.impact === "critical") {
      axeFindings.push(`${label}: ${v.id} (${v.impact}) ${v.help} – ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
    }
  }
}

/** Signs in a new user: password, then the TOTP set-up; resolves once the first page shows. */
async function signIn(page, user) {
  await page.goto(`${server.url}/werk`);
  await page.getByRole("heading", { level: 1, name: /Aanmelden/ }).waitFor();
  await page.getByLabel("Gebruikersnaam").fill(user.username);
  await page.getByLabel("Wachtwoord").fill(user.password);
  await page.getByRole("button", { name: "Aanmelden" }).click();
  await page.getByRole("heading", { level: 1, name: "Tweestapsverificatie instellen" }).waitFor();
  const secret = (await page.getByTestId("totp-geheim").textContent()).trim();
  await page.getByLabel("Code uit de app").fill(totp(secret));
  await page.getByRole("button", { name: "Bevestigen" }).click();
}

async function filePublic(tekst, coordinates, categorie) {
  const res = await fetch(`${server.url}/api/v1/publiek/meldingen`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ tekst, categorie, locatie: { type: "Point", coordinates } }),
  });
  const body = await res.text();
  assert.equal(res.status, 201, `publieke melding maken: ${res.status} ${body}`);
  return JSON.parse(body);
}

try {
  const desk = await newContext({ viewport: { width: 1280, height: 900 } });
  const analist = await desk.newPage();
  const hotspotsUrl = `${server.url}/api/v1/analyse/hotspots?model=kde&cel=150`;

  await check("analyse: bij een tweede bezoek staan de hotspots er binnen 1 s, met hoe oud het beeld is", async () => {
    await signIn(analist, ANALIST);
    await analist.getByRole("heading", { level: 1, name: "Werkvoorraad" }).waitFor();
    await analist.getByRole("link", { name: "Analyse" }).click();
    await analist.getByRole("heading", { level: 1, name: "Analyse: hotspots" }).waitFor();
    const first = Date.now();
    // The first picture of the demo year is computed now: that may take a while on a debug build.
    await analist.getByTestId("analyse-samenvatting").waitFor({ timeout: 90000 });
    console.log(`# eerste bezoek: hotspots na ${Date.now() - first} ms`);
    await analist.getByTestId("analyse-leeftijd").filter({ hasText: /^Dit beeld is berekend op .+ \((zojuist|\d+ minuten? geleden)\)\. Nieuwe meldingen tellen mee bij de volgende berekening, hooguit 10 minuten later\./ }).waitFor();
    await axe(analist, "analyse: hotspots");
    // Away and back, as an analyst does: the picture is there at once.
    await analist.getByRole("link", { name: "Werkvoorraad" }).click();
    await analist.getByRole("heading", { level: 1, name: "Werkvoorraad" }).waitFor();
    const again = Date.now();
    await analist.getByRole("link", { name: "Analyse" }).click();
    await analist.getByTestId("analyse-samenvatting").waitFor({ timeout: 30000 });
    const second = Date.now() - again;
    console.log(`# tweede bezoek: hotspots na ${second} ms`);
    assert.ok(second < 1000, `de hotspots verschenen pas na ${second} ms`);
    // The API itself answers from the cache in well under a second and says how old it is.
    const t = Date.now();
    const res = await analist.request.get(hotspotsUrl, { headers: { "X-Baken-Doel": "analyse" } });
    const apiMs = Date.now() - t;
    console.log(`# API uit de cache: ${apiMs} ms`);
    assert.equal(res.status(), 200);
    assert.ok(apiMs < 1000, `de API antwoordde na ${apiMs} ms`);
    const body = await res.json();
    assert.match(body.properties.berekend_op, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/);
    assert.equal(body.properties.ververst_na_minuten, 10);
    assert.match(res.headers()["age"] ?? "", /^\d+$/);
  });

  await check("analyse: de Gi*-kolom van de top 10 past op een desktop", async () => {
    const tables = analist.locator(".baken-analyse-tables .baken-table-wrap");
    await analist.getByRole("table", { name: /Top 10 cellen volgens naive/ }).waitFor();
    const n = await tables.count();
    assert.ok(n >= 2, `${n} tabellen`);
    for (let i = 0; i < n; i++) {
      const fit = await tables.nth(i).evaluate((w) => {
        const box = w.getBoundingClientRect();
        const last = w.querySelector("thead th:last-child")?.getBoundingClientRect();
        return { scroll: w.scrollWidth, client: w.clientWidth, lastRight: last ? last.right : 0, right: box.right, label: w.getAttribute("aria-label") };
      });
      assert.ok(fit.scroll <= fit.client + 1, `${fit.label}: ${fit.scroll} px inhoud in ${fit.client} px (kolom afgesneden)`);
      assert.ok(fit.lastRight <= fit.right + 1, `${fit.label}: laatste kolom eindigt op ${fit.lastRight}, tabel op ${fit.right}`);
    }
    await analist.getByRole("columnheader", { name: "Gi*-klasse" }).first().waitFor();
  });

  await check("analyse: de backtest zegt in gewone taal wat naive is en wat het betekent als naive wint", async () => {
    const uitleg = analist.getByTestId("backtest-uitleg");
    await uitleg.getByText(/Naive is de eenvoudigste voorspelling: de plekken waar het afgelopen jaar de meeste meldingen waren/).waitFor();
    await uitleg.getByText(/Wint naive, dan voegt het gekozen model voor deze meldingen en deze periode niets toe/).waitFor();
    await uitleg.getByText(/Hoe meer meldingen en hoe langer de periode, hoe betrouwbaarder de vergelijking/).waitFor();
    await analist.getByRole("button", { name: "Backtest uitvoeren" }).click();
    await analist.getByTestId("backtest").waitFor({ timeout: 90000 });
    await analist.getByTestId("backtest-uitkomst").filter({ hasText: /^In de 5 % drukste cellen: .*(naive|kde).*%/ }).waitFor();
    await axe(analist, "analyse: backtest met uitleg");
  });

  await check("PDF: naast de voortgangsrapportage staat de toegankelijke webversie, en de PDF is getagd en linkt ernaar", async () => {
    await analist.goto(`${server.url}/werk/programmas/leefbaarheid-veiligheid-2022-2024`);
    const voortgang = analist.getByTestId("voortgang");
    await voortgang.waitFor();
    const html = voortgang.getByRole("link", { name: "Toegankelijke versie als webpagina (HTML)" });
    const href = await html.getAttribute("href");
    assert.match(href, /^\/api\/v1\/programmas\/leefbaarheid-veiligheid-2022-2024\/voortgang\?periode=\d{4}&formaat=html$/);
    await axe(analist, "programma met de HTML-versie naast de PDF");
    const pdfHref = href.replace("formaat=html", "formaat=pdf");
    const pdf = await analist.request.get(`${server.url}${pdfHref}`);
    assert.equal(pdf.status(), 200);
    const bytes = (await pdf.body()).toString("latin1");
    for (const expected of ["/StructTreeRoot", "/MarkInfo << /Marked true >>", "/S /H1", "/S /P", "/Subtype /Link", "/Lang (nl-NL)", "/Title "]) {
      assert.ok(bytes.includes(expected), `${expected} ontbreekt in de PDF`);
    }
    assert.ok(bytes.includes(`/URI (${server.url}${href})`), "de PDF linkt de HTML-versie");
    // The link opens the report as a web page.
    await html.click();
    await analist.getByRole("heading", { level: 1, name: /Voortgangsrapportage/ }).waitFor();
    await axe(analist, "voortgangsrapportage als webpagina");
  });

  await check("beheerder komt na het aanmelden op Beheer, niet op een werkvoorraad zonder toegang", async () => {
    const ctx = await newContext({ viewport: { width: 1280, height: 900 } });
    const admin = await ctx.newPage();
    await signIn(admin, BEHEERDER);
    await admin.getByRole("heading", { level: 1, name: "Beheer" }).waitFor();
    assert.equal(new URL(admin.url()).pathname, "/werk/beheer");
    assert.equal(await admin.getByText(/Geen toegang/).count(), 0);
    await axe(admin, "beheer na aanmelden");
    // The menu offers no werkvoorraad it would refuse, and the logo leads back to Beheer.
    const menu = admin.getByRole("navigation", { name: /hoofdmenu/i });
    assert.equal(await menu.getByRole("link", { name: "Werkvoorraad" }).count(), 0, "geen werkvoorraad in het menu");
    assert.equal(await menu.getByRole("link", { name: "Op straat" }).count(), 0, "geen Op straat in het menu");
    await admin.goto(`${server.url}/werk/wachtwoord`);
    await admin.getByRole("heading", { level: 1, name: /Wachtwoord/ }).waitFor();
    await admin.getByRole("link", { name: /Baken/ }).first().click();
    await admin.getByRole("heading", { level: 1, name: "Beheer" }).waitFor();
    assert.equal(new URL(admin.url()).pathname, "/werk/beheer");
    await ctx.close();
  });

  const phone = await newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
  const resident = await phone.newPage();

  await check("bewoner krijgt na afhandeling op de volgpagina de tevredenheidsvraag, één keer", async () => {
    const created = await filePublic("Bij de glasbak ligt al een week een berg zwerfafval en kapotte flessen.", [6.5710, 53.2170], "zwerfafval");
    // Staff close it with a message for the reporter.
    const ctx = await newContext({ viewport: { width: 1280, height: 900 } });
    const staff = await ctx.newPage();
    await signIn(staff, TOEZICHT);
    await staff.getByRole("heading", { level: 1, name: "Werkvoorraad" }).waitFor();
    const sessie = await (await staff.request.get(`${server.url}/api/v1/sessies/huidig`)).json();
    const closed = await staff.request.post(`${server.url}/api/v1/meldingen/${created.nummer}/statuswijzigingen`, {
      headers: { "X-CSRF-Token": sessie.csrf_token ?? "", Origin: server.url, "X-Baken-Doel": "melding_afhandelen" },
      data: { status: "afgehandeld", tekst_melder: "Opgeruimd door de buitendienst." },
    });
    assert.ok(closed.ok(), `afhandelen: ${closed.status()} ${await closed.text()}`);
    await ctx.close();

    await resident.goto(`${server.url}/volgen/${created.volgcode}`);
    await resident.getByRole("heading", { level: 1, name: `Melding ${created.nummer}` }).waitFor();
    const vraag = resident.getByTestId("tevredenheid");
    await vraag.getByRole("heading", { level: 2, name: "Bent u tevreden?" }).waitFor();
    await axe(resident, "volgpagina met de tevredenheidsvraag (360 px)");
    // Sending without a choice: a Dutch error naming the question.
    await vraag.getByRole("button", { name: "Antwoord versturen" }).click();
    await vraag.getByRole("alert").filter({ hasText: "Kies ja of nee bij 'Bent u tevreden over de afhandeling?'." }).waitFor();
    await axe(resident, "tevredenheidsvraag met een fout");
    await vraag.getByRole("radio", { name: "Nee, het probleem is er nog" }).check();
    await vraag.getByLabel(/Toelichting/).fill("Er liggen nog steeds scherven.");
    await vraag.getByRole("button", { name: "Antwoord versturen" }).click();
    await resident.getByTestId("tevredenheid-bedankt").filter({ hasText: "Bedankt voor uw antwoord. Wij bekijken uw melding opnieuw." }).waitFor();
    await resident.getByTestId("status").filter({ hasText: /^Heropend$/ }).waitFor();
    const breedte = await resident.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(breedte <= 360, `de pagina is ${breedte} px breed`);
    // Answered once: after a reload the question is gone.
    await resident.reload();
    await resident.getByRole("heading", { level: 1, name: `Melding ${created.nummer}` }).waitFor();
    assert.equal(await resident.getByTestId("tevredenheid").count(), 0);
  });

  await check("bewoner ziet bij het kiezen van de plek de open meldingen van dezelfde soort in de buurt: 'Dit is al gemeld'", async () => {
    await resident.goto(`${server.url}/melden`);
    await resident.getByRole("heading", { level: 1, name: "Melding maken" }).waitFor();
    await resident.getByLabel("Beschrijving").fill("Overal zwerfafval langs het fietspad: blikjes, zakken en flessen.");
    await resident.getByLabel("Categorie", { exact: true }).selectOption("zwerfafval");
    await resident.getByRole("button", { name: "Volgende stap" }).click();
    await resident.getByRole("heading", { level: 2, name: /Waar is het/ }).waitFor();
    const buurt = resident.getByLabel(/Zoek een buurt/);
    await buurt.locator("option", { hasText: "Binnenstad-Oost" }).first().waitFor({ state: "attached" });
    await buurt.selectOption({ label: "Binnenstad-Oost" });
    await resident.getByTestId("gekozen-plek").filter({ hasText: "Binnenstad-Oost" }).waitFor();
    const box = await resident.getByTestId("locatiekaart").boundingBox();
    const [asked] = await Promise.all([
      resident.waitForResponse((r) => r.url().includes("/api/v1/publiek/vergelijkbare-meldingen")),
      // Away from the marker in the middle (a tap on it does not move it).
      resident.touchscreen.tap(box.x + box.width / 2 + 60, box.y + box.height / 2 + 60),
    ]);
    const spot = new URL(asked.url()).searchParams;
    // Someone reported litter here a moment ago (and something confidential: never shown).
    const lon = Number(spot.get("lon"));
    const lat = Number(spot.get("lat"));
    await filePublic("Zakken met afval opengescheurd naast het bankje.", [lon + 0.0001, lat], "zwerfafval");
    await filePublic("In de schuur hierachter wordt 's nachts van alles opgeslagen.", [lon, lat], "vermoeden-ondermijning");
    // Back to the first step and on again: the place step asks anew for the same spot.
    await resident.getByRole("button", { name: "Vorige stap" }).click();
    await resident.getByLabel("Beschrijving").waitFor();
    await Promise.all([
      resident.waitForResponse((r) => r.url().includes("/api/v1/publiek/vergelijkbare-meldingen")),
      resident.getByRole("button", { name: "Volgende stap" }).click(),
    ]);
    const hint = resident.getByTestId("vergelijkbaar");
    await hint.filter({ hasText: "Dit is al gemeld." }).waitFor();
    const items = hint.getByTestId("al-gemeld").getByRole("listitem");
    await items.filter({ hasText: /^Zwerfafval: gemeld op \d+ \w+, ongeveer \d+ m van uw plek \(status: gemeld\)$/ }).first().waitFor();
    const text = await hint.textContent();
    assert.ok(!/ondermijning|schuur/i.test(text), `niets vertrouwelijks: ${text}`);
    const breedte = await resident.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(breedte <= 360, `de pagina is ${breedte} px breed`);
    await axe(resident, "melding maken: plek met 'Dit is al gemeld' (360 px)");
    // Only a hint: the resident may go on.
    await resident.getByRole("button", { name: "Volgende stap" }).click();
    await resident.getByRole("heading", { level: 2, name: /Foto's toevoegen/ }).waitFor();
  });

  await check("toegankelijkheid: axe-core (WCAG 2.2 AA) vindt niets ernstigs of kritieks", async () => {
    assert.ok(axePages >= 8, `axe draaide op ${axePages} pagina's`);
    assert.deepEqual(axeFindings, []);
  });
  await check("geen scriptfouten of CSP-weigeringen, geen verzoeken buiten 127.0.0.1", async () => {
    assert.deepEqual(pageErrors, []);
    assert.deepEqual(externalRequests, []);
  });
} catch (e) {
  failed++;
  console.log(`not ok - opzet: ${e?.stack ?? e}`);
} finally {
  await browser.close().catch(() => undefined);
  await server.stop();
  if (failed === 0) setup.cleanup();
  else console.log(`# database bewaard in ${setup.dir}\n# serverlog:\n${server.log().split("\n").slice(-20).join("\n")}`);
}
console.log(`# duur ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
