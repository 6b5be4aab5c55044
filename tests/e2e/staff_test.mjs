// Browser test of what staff and a merged melding's reporter were missing, walked as they do it
// against a real `baken serve` with a fresh demo database, in Debian's chromium (headless):
// the werkvoorraad and the melding detail say the street (from Baken's own address table); the
// older of two meldingen 3 m apart lists the newer as a possible duplicate; reassigning offers the
// department's colleagues by name (no free text: a made-up "jansen" cannot be typed) and the
// history says who did it by name, not by id; the follow page of a merged melding shows the melding
// it was merged into, also once that one is closed, with the message for the reporter. axe-core
// (WCAG 2.0, 2.1 and 2.2 A/AA) finds nothing serious or critical on any page visited.
//
//   node tests/e2e/staff_test.mjs --baken build/debug/baken --source . --shared ../shared
import assert from "node:assert/strict";
import path from "node:path";
import { findChromium, loadBrowserLibs, parseArgs, setUpDatabase, startServer, totp } from "./lib.mjs";

const args = parseArgs(process.argv.slice(2));
const source = path.resolve(args.source ?? ".");
const baken = path.resolve(args.baken ?? "build/debug/baken");
const shared = path.resolve(args.shared ?? path.join(source, "..", "shared"));

const USERS = [
  { username: "hanna", name: "Hanna de Vries", email: "hanna@example.nl", role: "toezichthouder", departments: ["toezicht", "stadsbeheer"], password: "Zomer-Gras-Fiets-2026" },
  { username: "piet", name: "Piet de Boer", email: "piet@example.nl", role: "boa", departments: ["stadsbeheer"], password: "Winter-Regen-Boot-2026" },
  { username: "kees", name: "Kees Visser", email: "kees@example.nl", role: "boa", departments: ["toezicht"], password: "Herfst-Blad-Molen-2026" },
];
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

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
      await p.screenshot({ path: path.join(setup.dir, `staff-fout-${failed}-${i}.png`), fullPage: true }).catch(() => undefined);
    }
    console.log(`not ok - ${name}\n  ${String(e?.stack ?? e).split("\n").slice(0, 8).join("\n  ")}`);
  }
}

const { chromium, AxeBuilder } = loadBrowserLibs(source);
const setup = setUpDatabase({ baken, source, shared, users: USERS });
const server = await startServer({ baken, source, setup });
console.log(`# baken serve op ${server.url}`);
const browser = await chromium.launch({
  executablePath: findChromium(),
  headless: true,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
});

const axeFindings = [];
const externalRequests = [];
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

async function newContext(options) {
  const context = await browser.newContext({ locale: "nl-NL", timezoneId: "Europe/Amsterdam", ...options });
  await context.route("**/*", (route) => {
    const url = new URL(route.request().url());
    if (url.hostname !== "127.0.0.1") {
      externalRequests.push(url.href);
      return route.abort();
    }
    if (url.pathname === "/config.json") return route.fulfill({ json: { kaart: { pdok: false } } });
    return route.continue();
  });
  context.on("page", (page) => {
    openPages.push(page);
    page.on("close", () => openPages.splice(openPages.indexOf(page), 1));
    page.setDefaultTimeout(15000);
  });
  return context;
}

async function filePublic(tekst, coordinates, email) {
  const res = await fetch(`${server.url}/api/v1/publiek/meldingen`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ tekst, categorie: "zwerfafval", locatie: { type: "Point", coordinates }, melder: { email, toestemming_contact: true } }),
  });
  const body = await res.text();
  assert.equal(res.status, 201, `publieke melding maken: ${res.status} ${body}`);
  return JSON.parse(body);
}

try {
  // A spot on the Oude Boteringestraat, as the place search finds it.
  const places = await (await fetch(`${server.url}/api/v1/adressen?q=${encodeURIComponent("Oude Boteringestraat")}&aantal=1`)).json();
  const street = places.adressen[0];
  assert.equal(street.straat, "Oude Boteringestraat");
  const word = `fietswrak${Date.now() % 100000}`;
  // Two reports of the same litter about 3 m apart; the second comes a little later.
  const older = await filePublic(`Een ${word} met zakken afval ertegenaan op de stoep.`, [street.lon, street.lat], "eerste@example.nl");
  await new Promise((r) => setTimeout(r, 1100));
  const newer = await filePublic(`Zakken afval tegen een ${word} op de stoep.`, [street.lon + 0.000045, street.lat], "tweede@example.nl");

  const desk = await newContext({ viewport: { width: 1280, height: 900 } });
  const staff = await desk.newPage();

  await check("medewerker ziet de straat in de werkvoorraad en op de melding", async () => {
    await staff.goto(`${server.url}/werk`);
    await staff.getByRole("heading", { level: 1, name: /Aanmelden/ }).waitFor();
    await axe(staff, "aanmelden");
    await staff.getByLabel("Gebruikersnaam").fill("hanna");
    await staff.getByLabel("Wachtwoord").fill(USERS[0].password);
    await staff.getByRole("button", { name: "Aanmelden" }).click();
    await staff.getByRole("heading", { level: 1, name: "Tweestapsverificatie instellen" }).waitFor();
    const secret = (await staff.getByTestId("totp-geheim").textContent()).trim();
    await staff.getByLabel("Code uit de app").fill(totp(secret));
    await staff.getByRole("button", { name: "Bevestigen" }).click();
    await staff.getByRole("heading", { level: 1, name: "Werkvoorraad" }).waitFor();
    await staff.getByLabel("Zoeken in tekst").fill(word);
    await staff.getByRole("button", { name: "Filteren" }).click();
    await staff.getByTestId("aantal").filter({ hasText: /^2 meldingen getoond/ }).waitFor();
    const row = staff.getByRole("row").filter({ has: staff.getByRole("link", { name: older.nummer, exact: true }) });
    assert.match(await row.getByTestId("plek").textContent(), /Oude Boteringestraat/);
    await axe(staff, "werkvoorraad met straat");
    await row.getByRole("link", { name: older.nummer, exact: true }).click();
    await staff.getByRole("heading", { level: 1, name: `Melding ${older.nummer}` }).waitFor();
    assert.match(await staff.getByTestId("plek").textContent(), /^bij Oude Boteringestraat, \d{4} [A-Z]{2}/);
  });

  await check("de oudste van twee meldingen op 3 m toont de nieuwere als mogelijke dubbele melding", async () => {
    // Still on the older one's page.
    await staff.getByTestId("duplicaten").getByRole("link", { name: newer.nummer }).waitFor();
    await staff.getByRole("button", { name: `Samenvoegen met ${newer.nummer}…` }).waitFor();
    await axe(staff, "meldingdetail met nieuwere dubbele melding");
  });

  await check("toewijzen: kies een collega van de afdeling bij naam; de historie noemt namen, geen ids", async () => {
    const select = staff.getByRole("combobox", { name: /^Behandelaar/ });
    await select.locator("option", { hasText: "Piet de Boer (piet)" }).waitFor({ state: "attached" });
    const options = await select.locator("option").allTextContents();
    assert.ok(options.includes("Hanna de Vries (hanna)"), `collega's: ${options}`);
    assert.ok(!options.some((o) => /kees|Kees/.test(o)), `geen medewerker van een andere afdeling: ${options}`);
    assert.equal(await select.evaluate((e) => e.tagName), "SELECT", "een keuzelijst, geen vrij tekstveld");
    await select.selectOption("piet");
    await staff.getByRole("button", { name: "Toewijzing opslaan" }).click();
    await staff.getByRole("status").filter({ hasText: "behandelaar Piet de Boer" }).waitFor();
    await staff.getByTestId("behandelaar").filter({ hasText: "piet" }).waitFor();
    const history = staff.getByTestId("historie");
    await history.filter({ hasText: "Piet de Boer" }).waitFor();
    await history.filter({ hasText: "door Hanna de Vries" }).waitFor();
    const text = await history.textContent();
    assert.doesNotMatch(text, UUID, `geen ids in de historie: ${text}`);
    await axe(staff, "meldingdetail na toewijzen");
  });

  await check("de nieuwere melding wordt samengevoegd; haar melder ziet op de volgpagina de hoofdmelding", async () => {
    await staff.goto(`${server.url}/werk/meldingen/${newer.nummer}`);
    await staff.getByRole("heading", { level: 1, name: `Melding ${newer.nummer}` }).waitFor();
    await staff.getByRole("button", { name: `Samenvoegen met ${older.nummer}…` }).click();
    await staff.getByRole("button", { name: `Ja, samenvoegen met ${older.nummer}` }).click();
    await staff.getByTestId("status").filter({ hasText: /^Samengevoegd$/ }).waitFor();

    const phone = await newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    const resident = await phone.newPage();
    await resident.goto(`${server.url}/volgen/${newer.volgcode}`);
    await resident.getByRole("heading", { level: 1, name: `Melding ${newer.nummer}` }).waitFor();
    const merged = resident.getByTestId("samengevoegd-met");
    await merged.getByRole("heading", { name: `Samengevoegd met melding ${older.nummer}` }).waitFor();
    assert.equal((await merged.getByTestId("status-hoofdmelding").textContent()).trim(), "Gemeld");
    assert.equal(await resident.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), true, "geen horizontaal scrollen op 360 px");
    await axe(resident, "volgpagina samengevoegde melding");

    // Staff close the main melding with a message for the reporter.
    await staff.goto(`${server.url}/werk/meldingen/${older.nummer}`);
    await staff.getByRole("heading", { level: 1, name: `Melding ${older.nummer}` }).waitFor();
    await staff.getByLabel("Nieuwe status").selectOption("afgehandeld");
    await staff.getByLabel(/Bericht aan de melder/).fill("Het fietswrak en de zakken zijn opgehaald.");
    await staff.getByRole("button", { name: "Status wijzigen" }).click();
    await staff.getByTestId("status").filter({ hasText: /^Afgehandeld$/ }).waitFor();

    await resident.reload();
    await merged.getByTestId("status-hoofdmelding").filter({ hasText: /^Afgehandeld$/ }).waitFor();
    await merged.getByText("Het fietswrak en de zakken zijn opgehaald.").waitFor();
    await axe(resident, "volgpagina samengevoegde melding na afhandeling");
    await phone.close();
  });

  await check("toegankelijkheid: axe-core (WCAG 2.2 AA) vindt niets ernstigs of kritieks", async () => {
    assert.ok(axePages >= 6, `axe draaide op ${axePages} pagina's`);
    assert.deepEqual(axeFindings, []);
  });
  await check("geen verzoeken buiten 127.0.0.1", async () => {
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
