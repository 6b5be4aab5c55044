// Browser tests of the web UI against a real `baken serve` with a fresh demo database, in Debian's
// chromium (headless) through playwright-core. What a user sees is asserted: a resident files a
// melding with a photo on a 360 px phone and follows it; staff signs in with TOTP, finds it in the
// werkvoorraad and changes its status with a message that the follow page then shows; a role
// without rights is refused a confidential melding and told why; staff merge a duplicate (after a
// confirmation), reassign and re-categorise (the new deadline shown), split a melding into two
// deelmeldingen (an API error shown at the part's field), filter the werkvoorraad on "aan mij
// toegewezen", use its map and a saved filter; a second resident at the same spot reads "al 1 keer
// gemeld"; a boa on a 360 px phone works from their location and is told their report is possibly a
// duplicate; a resident switches the public site to English and back (the staff workspace stays
// Dutch); axe-core finds no serious or critical violations on any page visited. No network besides loopback: other requests fail the test.
//
//   node tests/e2e/browser_test.mjs --baken build/debug/baken --source . --shared ../shared
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { findChromium, loadBrowserLibs, parseArgs, run, setUpDatabase, startServer, tinyPng, totp } from "./lib.mjs";

const args = parseArgs(process.argv.slice(2));
const source = path.resolve(args.source ?? ".");
const baken = path.resolve(args.baken ?? "build/debug/baken");
const shared = path.resolve(args.shared ?? path.join(source, "..", "shared"));

const USERS = [
  { username: "hanna", name: "Hanna de Vries", email: "hanna@example.nl", role: "toezichthouder", departments: ["toezicht", "stadsbeheer"], password: "Zomer-Gras-Fiets-2026" },
  { username: "bram", name: "Bram Bakker", email: "bram@example.nl", role: "boa", departments: ["toezicht"], password: "Winter-Regen-Boot-2026" },
  { username: "femke", name: "Femke Mulder", email: "femke@example.nl", role: "beheerder", departments: [], password: "Herfst-Blad-Molen-2026" },
  { username: "anouk", name: "Anouk Smit", email: "anouk@example.nl", role: "analist", departments: [], password: "Lente-Dijk-Wolk-2026" },
];

let passed = 0;
let failed = 0;
const started = Date.now();
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
// eslint-disable-next-line prefer-const
const setup = setUpDatabase({ baken, source, shared, users: USERS });
console.log(`# database klaar in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
const server = await startServer({ baken, source, setup });
console.log(`# baken serve op ${server.url}`);
// playwright-core gives every launch a fresh, temporary user-data-dir of its own (it refuses a
// --user-data-dir argument), so no profile carries over between runs.
const browser = await chromium.launch({
  executablePath,
  headless: true,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
});

const axeFindings = [];
const cspViolations = [];
const externalRequests = [];

async function newContext(options) {
  const context = await browser.newContext({ locale: "nl-NL", timezoneId: "Europe/Amsterdam", ...options });
  await context.route("**/*", (route) => {
    const url = new URL(route.request().url());
    if (url.hostname !== "127.0.0.1") {
      externalRequests.push(url.href);
      return route.abort();
    }
    // PDOK tiles off in tests: the map must work from Baken's own buurt polygons.
    if (url.pathname === "/config.json") {
      return route.fulfill({ json: { kaart: { pdok: false } } });
    }
    return route.continue();
  });
  context.on("page", watch);
  return context;
}

const openPages = [];
function watch(page) {
  openPages.push(page);
  page.on("close", () => openPages.splice(openPages.indexOf(page), 1));
  page.setDefaultTimeout(15000);
  page.on("console", (msg) => {
    if (/Content Security Policy|Refused to (apply|load|execute)/i.test(msg.text())) cspViolations.push(msg.text());
  });
  page.on("pageerror", (e) => cspViolations.push(`scriptfout: ${e.message}`));
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

const uniqueWord = `speeltuin${Date.now() % 100000}`;
let meldingNummer = "";
let followPath = "";
let confidentialNummer = "";
let dupA = null;
let dupB = null;
let splitNummer = "";
let assignedNummer = "";
let unassignedNummer = "";
let dumpingNummer = "";
let boaContext = null;
let boa = null;

try {
  // A confidential melding (suspected undermining, department ondermijning) filed through the
  // public API, for scenario (c).
  {
    const res = await fetch(`${server.url}/api/v1/publiek/meldingen`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({
        tekst: "In het pand naast de snackbar komen 's nachts steeds andere mensen met grote tassen; het ruikt naar hennep.",
        categorie: "vermoeden-ondermijning",
        locatie: { type: "Point", coordinates: [6.5665, 53.2194] },
      }),
    });
    const body = await res.text();
    assert.equal(res.status, 201, `publieke melding maken: ${res.status} ${body}`);
    confidentialNummer = JSON.parse(body).nummer;
  }

  // Two reports of the same litter a few metres apart: the second is merged into the first.
  async function filePublic(tekst, coordinates, categorie = "zwerfafval") {
    const res = await fetch(`${server.url}/api/v1/publiek/meldingen`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ tekst, categorie, locatie: { type: "Point", coordinates } }),
    });
    const body = await res.text();
    assert.equal(res.status, 201, `publieke melding maken: ${res.status} ${body}`);
    return JSON.parse(body).nummer;
  }
  dupA = await filePublic("Volle vuilniszakken opengescheurd naast het bankje bij de vijver.", [6.5801, 53.2248]);
  dupB = await filePublic("Bij de vijver liggen opengescheurde vuilniszakken naast een bankje.", [6.58012, 53.22481]);
  // One melding about two things (bulky waste, a van parked on the pavement): staff split it.
  splitNummer = await filePublic(
    "Naast de container staat een oude bank en een matras, en er staat al dagen een busje half op de stoep.",
    [6.5551, 53.2265], "grofvuil");
  // Dumped waste a few metres from where the boa will stand: their own report of it is a possible duplicate.
  dumpingNummer = await filePublic("Achter de flat zijn matrassen en een bank gedumpt.", [6.58005, 53.22478], "dumping");

  const phone = await newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
  const page = await phone.newPage();

  await check("(a) bewoner maakt op een telefoon een melding met foto en krijgt een nummer", async () => {
    await page.goto(`${server.url}/`);
    await page.getByRole("heading", { level: 1, name: /Overlast of een probleem/ }).waitFor();
    await axe(page, "startpagina (360 px)");
    await page.getByRole("link", { name: "Melding maken" }).first().click();
    await page.getByRole("heading", { level: 1, name: "Melding maken" }).waitFor();
    await axe(page, "melding maken stap 1");
    await page.getByLabel("Beschrijving").fill(`Er ligt heel veel zwerfafval en vuilnis rond de ${uniqueWord}, blikjes en plastic zakken.`);
    await page.getByTestId("suggestie").filter({ hasText: "Voorgestelde categorie" }).waitFor({ timeout: 10000 });
    const chosen = await page.getByLabel("Categorie", { exact: true }).inputValue();
    assert.ok(chosen, "een categorie is voorgesteld en gekozen");
    // The resident may choose another; take Zwerfafval explicitly.
    await page.getByLabel("Categorie", { exact: true }).selectOption("zwerfafval");
    await page.getByRole("button", { name: "Volgende stap" }).click();

    await page.getByRole("heading", { level: 2, name: /Waar is het/ }).waitFor();
    // Next without a place: the error is shown.
    await page.getByRole("button", { name: "Volgende stap" }).click();
    await page.getByRole("alert").filter({ hasText: "Kies de plek" }).waitFor();
    // Typing a street finds it in Baken's own address table (offline); the keyboard chooses.
    const search = page.getByRole("combobox", { name: /Zoek een straat of postcode/ });
    await search.fill("oude boter");
    await page.getByRole("option", { name: /Oude Boteringestraat/ }).waitFor();
    await search.press("ArrowDown");
    await search.press("Enter");
    await page.getByTestId("gekozen-plek").filter({ hasText: /Gekozen plek in buurt Binnenstad/ }).waitFor();
    assert.equal(await search.inputValue(), "Oude Boteringestraat");
    await search.fill("9712 gh");
    await page.getByRole("option", { name: /9712 GH/ }).waitFor();
    await axe(page, "melding maken stap 2 (straat zoeken)");
    await search.press("Escape");
    const buurtSelect = page.getByLabel(/Zoek een buurt/);
    await buurtSelect.locator("option", { hasText: "Binnenstad-Oost" }).first().waitFor({ state: "attached" });
    await buurtSelect.selectOption({ label: "Binnenstad-Oost" });
    await page.getByTestId("gekozen-plek").filter({ hasText: "Binnenstad-Oost" }).waitFor();
    // Tapping the map moves the point; the buurt under it is shown.
    const map = page.getByTestId("locatiekaart");
    const box = await map.boundingBox();
    await page.touchscreen.tap(box.x + box.width / 2 + 3, box.y + box.height / 2 + 3);
    await page.getByTestId("gekozen-plek").filter({ hasText: /Gekozen plek in buurt/ }).waitFor();
    // Nobody reported litter here yet: no "al gemeld" hint (the next check files a second one).
    await page.waitForResponse((r) => r.url().includes("/api/v1/publiek/vergelijkbare-meldingen"));
    assert.equal((await page.getByTestId("vergelijkbaar").textContent()).trim(), "", "nog niets gemeld op deze plek");
    await axe(page, "melding maken stap 2 (kaart)");
    await page.getByRole("button", { name: "Volgende stap" }).click();

    await page.getByRole("heading", { level: 2, name: /Foto's toevoegen/ }).waitFor();
    await page.getByLabel(/^Foto's/).setInputFiles({ name: "afval.png", mimeType: "image/png", buffer: tinyPng() });
    await page.getByRole("img", { name: /Foto 1: afval.png/ }).waitFor();
    await axe(page, "melding maken stap 3 (foto's)");
    await page.getByRole("button", { name: "Volgende stap" }).click();

    await page.getByRole("heading", { level: 2, name: /contactgegevens/ }).waitFor();
    await page.getByLabel(/E-mailadres/).fill("bewoner@example.nl");
    await page.getByRole("button", { name: "Volgende stap" }).click();
    await page.getByRole("alert").filter({ hasText: "Geef toestemming" }).waitFor();
    await page.getByLabel(/toestemming om mij over deze melding/).check();
    await axe(page, "melding maken stap 4 (contact)");
    await page.getByRole("button", { name: "Volgende stap" }).click();

    await page.getByRole("heading", { level: 2, name: /Controleren en versturen/ }).waitFor();
    await axe(page, "melding maken stap 5 (controleren)");
    await page.getByRole("button", { name: "Melding versturen" }).click();
    await page.getByRole("heading", { level: 1, name: /uw melding is verstuurd/ }).waitFor();
    meldingNummer = (await page.getByTestId("meldingnummer").textContent()).trim();
    assert.match(meldingNummer, /^M-\d{4}-\d{6}$/);
    followPath = await page.getByTestId("volglink").getAttribute("href");
    assert.match(followPath, /^\/volgen\/[A-Za-z0-9_-]{16,}$/);
    await axe(page, "bevestiging");
  });

  await check("(a) bewoner volgt de melding met de persoonlijke link", async () => {
    await page.getByTestId("volglink").click();
    await page.getByRole("heading", { level: 1, name: `Melding ${meldingNummer}` }).waitFor();
    assert.equal((await page.getByTestId("status").textContent()).trim(), "Gemeld");
    await axe(page, "volgpagina");
  });

  await check("(a) een tweede bewoner op dezelfde plek leest dat het er al 1 keer gemeld is", async () => {
    await page.goto(`${server.url}/melden`);
    await page.getByRole("heading", { level: 1, name: "Melding maken" }).waitFor();
    await page.getByLabel("Beschrijving").fill("Overal zwerfafval op de stoep: blikjes, zakken en flessen.");
    await page.getByLabel("Categorie", { exact: true }).selectOption("zwerfafval");
    await page.getByRole("button", { name: "Volgende stap" }).click();
    await page.getByRole("heading", { level: 2, name: /Waar is het/ }).waitFor();
    // The same buurt and the same tap as the first melding: the same spot.
    const buurtSelect = page.getByLabel(/Zoek een buurt/);
    await buurtSelect.locator("option", { hasText: "Binnenstad-Oost" }).first().waitFor({ state: "attached" });
    await buurtSelect.selectOption({ label: "Binnenstad-Oost" });
    await page.getByTestId("gekozen-plek").filter({ hasText: "Binnenstad-Oost" }).waitFor();
    const box = await page.getByTestId("locatiekaart").boundingBox();
    await page.touchscreen.tap(box.x + box.width / 2 + 3, box.y + box.height / 2 + 3);
    await page.getByTestId("vergelijkbaar").filter({ hasText: "Hier is in de afgelopen weken al 1 keer een melding over gedaan. U kunt toch melden." }).waitFor();
    await axe(page, "melding maken stap 2 met 'al gemeld'");
    // Only a hint: the resident may go on.
    await page.getByRole("button", { name: "Volgende stap" }).click();
    await page.getByRole("heading", { level: 2, name: /Foto's toevoegen/ }).waitFor();
  });

  await check("publieke kaart toont open meldingen (zonder tegels van buiten)", async () => {
    await page.goto(`${server.url}/kaart`);
    await page.getByRole("heading", { level: 1, name: /Kaart met open meldingen/ }).waitFor();
    await page.getByTestId("kaart-tabel").waitFor();
    assert.ok((await page.locator(".leaflet-interactive").count()) > 0, "buurten en meldingen op de kaart");
    await axe(page, "publieke kaart");
  });

  await check("English: de bewoner kiest English, ziet koppen, velden en <html lang> in het Engels, /werk blijft Nederlands, en terug naar Nederlands", async () => {
    const htmlLang = () => page.evaluate(() => document.documentElement.lang);
    try {
      await page.goto(`${server.url}/`);
      await page.getByRole("heading", { level: 1, name: /Overlast of een probleem/ }).waitFor();
      assert.equal(await htmlLang(), "nl");
      const toEnglish = page.getByRole("button", { name: "English" });
      assert.equal(await toEnglish.getAttribute("lang"), "en", "the switch's word is marked English");
      await toEnglish.focus();
      await page.keyboard.press("Enter"); // reachable and usable by keyboard
      await page.getByRole("heading", { level: 1, name: /Report a nuisance or a problem/ }).waitFor();
      await page.getByRole("heading", { level: 2, name: "Follow your report" }).waitFor();
      assert.equal(await htmlLang(), "en");
      assert.match(await page.title(), /Municipality of Groningen/);
      assert.equal(await page.getByRole("button", { name: "Nederlands" }).getAttribute("lang"), "nl");
      await axe(page, "startpagina in het Engels (360 px)");
      // The choice survives a reload (localStorage) ...
      await page.reload();
      await page.getByRole("heading", { level: 1, name: /Report a nuisance/ }).waitFor();
      // ... but the staff workspace stays Dutch, without the switch.
      await page.goto(`${server.url}/werk/aanmelden`);
      await page.getByRole("heading", { level: 1, name: "Aanmelden voor medewerkers" }).waitFor();
      assert.equal(await htmlLang(), "nl");
      assert.equal(await page.getByTestId("taalkeuze").count(), 0);
      // The first two steps of the form, in English (an empty form: the draft the second
      // resident left in this tab is dropped).
      await page.evaluate(() => sessionStorage.removeItem("baken.melding-concept"));
      await page.goto(`${server.url}/melden`);
      await page.getByRole("heading", { level: 1, name: "Report a problem" }).waitFor();
      assert.equal(await htmlLang(), "en");
      await page.getByRole("heading", { level: 2, name: "Step 1 of 5: What is the problem?" }).waitFor();
      await page.getByLabel("Description").fill("Lots of litter and rubbish around the playground: cans and plastic bags. Zwerfafval.");
      await page.getByLabel("Category", { exact: true }).selectOption("zwerfafval");
      await page.getByRole("button", { name: "Next step" }).click();
      await page.getByRole("heading", { level: 2, name: /Where is it\?/ }).waitFor();
      await page.getByRole("combobox", { name: /Find a street or postcode \(optional\)/ }).waitFor();
      await page.getByLabel(/Find a neighbourhood/).waitFor();
      await page.getByRole("button", { name: "Use my location" }).waitFor();
      await page.getByTestId("gekozen-plek").filter({ hasText: "No place chosen yet." }).waitFor();
      // The UI's own validation speaks English too.
      await page.getByRole("button", { name: "Next step" }).click();
      await page.getByRole("alert").filter({ hasText: "Choose the place on the map" }).waitFor();
      assert.match(await page.title(), /step 2 of 5: Where/);
      await axe(page, "melding maken stap 2 in het Engels");
      // Back to Dutch on the spot: the same step, now in Dutch.
      await page.getByRole("button", { name: "Nederlands" }).click();
      await page.getByRole("heading", { level: 2, name: /Waar is het\?/ }).waitFor();
      await page.getByRole("combobox", { name: /Zoek een straat of postcode/ }).waitFor();
      // The form's own error follows the switch too (the server's reasons would stay Dutch).
      await page.getByRole("alert").filter({ hasText: "Kies de plek op de kaart" }).waitFor();
      assert.equal(await htmlLang(), "nl");
      assert.equal(await page.evaluate(() => localStorage.getItem("baken.taal")), null, "Dutch is the default, nothing stored");
    } finally {
      // Whatever happened above, the checks after this one read Dutch.
      await page.evaluate(() => localStorage.removeItem("baken.taal")).catch(() => undefined);
    }
  });

  async function signIn(pageS, user, { expectSetup, landsOn = "Werkvoorraad" }) {
    await pageS.goto(`${server.url}/werk`);
    await pageS.getByRole("heading", { level: 1, name: /Aanmelden/ }).waitFor();
    await axe(pageS, "aanmelden");
    await pageS.getByLabel("Gebruikersnaam").fill(user.username);
    await pageS.getByLabel("Wachtwoord").fill(user.password);
    await pageS.getByRole("button", { name: "Aanmelden" }).click();
    if (expectSetup) {
      await pageS.getByRole("heading", { level: 1, name: "Tweestapsverificatie instellen" }).waitFor();
      const secret = (await pageS.getByTestId("totp-geheim").textContent()).trim();
      await axe(pageS, "tweestapsverificatie instellen");
      await pageS.getByLabel("Code uit de app").fill(totp(secret));
      await pageS.getByRole("button", { name: "Bevestigen" }).click();
      await pageS.getByRole("heading", { level: 1, name: landsOn }).waitFor();
      return secret;
    }
    return "";
  }

  const desk = await newContext({ viewport: { width: 1920, height: 1080 } });
  let analysePage = null; // the analyst's page, kept open from the hot spot check for the time patterns
  let analyseContext = null;
  let analistSecret = ""; // the analyst's TOTP secret, to sign in again for the programmes
  const staff = await desk.newPage();
  let secret = "";

  await check("(b) medewerker stelt TOTP in bij de eerste aanmelding en meldt zich daarna aan met een code", async () => {
    secret = await signIn(staff, USERS[0], { expectSetup: true });
    await staff.getByRole("link", { name: /Afmelden/ }).click();
    await staff.getByRole("heading", { level: 1, name: /Aanmelden/ }).waitFor();
    await staff.getByLabel("Gebruikersnaam").fill(USERS[0].username);
    await staff.getByLabel("Wachtwoord").fill(USERS[0].password);
    await staff.getByRole("button", { name: "Aanmelden" }).click();
    await staff.getByLabel(/Code uit uw authenticator-app/).waitFor();
    // A wrong code is refused with a Dutch message.
    await staff.getByLabel(/Code uit uw authenticator-app/).fill("000000");
    await staff.getByRole("button", { name: "Code controleren" }).click();
    await staff.getByRole("alert").waitFor();
    // The next step's code: the one of this step was used to confirm the set-up (no replays).
    await staff.getByLabel(/Code uit uw authenticator-app/).fill(totp(secret, 1));
    await staff.getByRole("button", { name: "Code controleren" }).click();
    await staff.getByRole("heading", { level: 1, name: "Werkvoorraad" }).waitFor();
  });

  await check("(b) medewerker vindt de melding in de werkvoorraad en wijzigt de status met een bericht", async () => {
    await staff.getByTestId("aantal").filter({ hasText: /meldingen getoond/ }).waitFor();
    await axe(staff, "werkvoorraad");
    await staff.getByLabel("Zoeken in tekst").fill(uniqueWord);
    await staff.getByRole("button", { name: "Filteren" }).click();
    await staff.getByTestId("aantal").filter({ hasText: /^1 melding getoond/ }).waitFor();
    // A toezichthouder may not export meldingen (the API says so too): no export links.
    assert.equal(await staff.getByTestId("export").count(), 0, "geen export voor een toezichthouder");
    const row = staff.getByRole("link", { name: meldingNummer });
    await row.focus();
    await staff.keyboard.press("Enter");
    await staff.getByRole("heading", { level: 1, name: `Melding ${meldingNummer}` }).waitFor();
    assert.match(await staff.getByTestId("tekst").textContent(), new RegExp(uniqueWord));
    await staff.getByRole("img", { name: /Foto 1 bij melding/ }).waitFor();
    // The reporter's e-mail is shown: this role may see it for handling.
    await staff.getByText("bewoner@example.nl").waitFor();
    await axe(staff, "meldingdetail");
    // Closing without a message for the reporter is refused next to the field.
    await staff.getByLabel("Nieuwe status").selectOption("afgehandeld");
    await staff.getByRole("button", { name: "Status wijzigen" }).click();
    await staff.getByText(/Schrijf een bericht voor de melder/).waitFor();
    await staff.getByLabel(/Bericht aan de melder/).fill("Opgeruimd door de buitendienst. Bedankt voor uw melding!");
    await staff.getByRole("button", { name: "Status wijzigen" }).click();
    await staff.getByRole("status").filter({ hasText: "Status gewijzigd naar Afgehandeld" }).waitFor();
    await staff.getByTestId("status").filter({ hasText: /^Afgehandeld$/ }).waitFor();
    await staff.getByTestId("historie").filter({ hasText: "Opgeruimd door de buitendienst" }).waitFor();
  });

  await check("(b) de volgpagina toont de nieuwe status en het bericht", async () => {
    await page.goto(`${server.url}${followPath}`);
    await page.getByRole("heading", { level: 1, name: `Melding ${meldingNummer}` }).waitFor();
    assert.equal((await page.getByTestId("status").textContent()).trim(), "Afgehandeld");
    await page.getByText("Opgeruimd door de buitendienst").waitFor();
    await axe(page, "volgpagina na afhandeling");
  });

  await check("medewerker voegt een dubbele melding samen, na bevestiging", async () => {
    await staff.goto(`${server.url}/werk/meldingen/${dupB}`);
    await staff.getByRole("heading", { level: 1, name: `Melding ${dupB}` }).waitFor();
    await staff.getByRole("button", { name: `Samenvoegen met ${dupA}…` }).click();
    await staff.getByText(/Weet u het zeker\? Melding .* wordt gesloten als dubbele melding/).waitFor();
    await axe(staff, "meldingdetail: samenvoegen bevestigen");
    await staff.getByRole("button", { name: `Ja, samenvoegen met ${dupA}` }).click();
    await staff.getByRole("status").filter({ hasText: `is nu een dubbele melding van ${dupA}` }).waitFor();
    await staff.getByTestId("status").filter({ hasText: /^Samengevoegd$/ }).waitFor();
  });

  await check("medewerker wijst een melding aan zichzelf toe en hercategoriseert; de nieuwe termijn staat erbij", async () => {
    await staff.goto(`${server.url}/werk/meldingen/${dupA}`);
    await staff.getByRole("heading", { level: 1, name: `Melding ${dupA}` }).waitFor();
    await staff.getByRole("button", { name: "Aan mij toewijzen" }).click();
    await staff.getByRole("status").filter({ hasText: "Aan u toegewezen" }).waitFor();
    await staff.getByTestId("behandelaar").filter({ hasText: "hanna" }).waitFor();
    const before = (await staff.getByTestId("termijn").textContent()).trim();
    // Choosing the same category again is refused next to the field.
    await staff.getByRole("button", { name: "Categorie wijzigen" }).click();
    await staff.getByText("Kies een andere categorie dan de huidige.").waitFor();
    await staff.getByLabel("Nieuwe categorie").selectOption("afvalbak");
    await staff.getByRole("button", { name: "Categorie wijzigen" }).click();
    const done = staff.getByRole("status").filter({ hasText: /Categorie gewijzigd naar .*Nieuwe termijn/ });
    await done.waitFor();
    await staff.getByTestId("categorie").filter({ hasText: /Prullenbak/ }).waitFor();
    const after = (await staff.getByTestId("termijn").textContent()).trim();
    assert.notEqual(after, before, "de termijn is opnieuw berekend (zwerfafval 5 werkdagen, prullenbak 2)");
    assert.ok((await done.textContent()).includes(after.replace(/ te laat$/, "")), `de melding noemt de nieuwe termijn ${after}`);
    await staff.getByTestId("historie").filter({ hasText: "Categorie gewijzigd" }).waitFor();
    await axe(staff, "meldingdetail na hercategoriseren");
  });

  await check("medewerker splitst een melding in twee deelmeldingen; de hoofdmelding krijgt de status Gesplitst", async () => {
    await staff.goto(`${server.url}/werk/meldingen/${splitNummer}`);
    await staff.getByRole("heading", { level: 1, name: `Melding ${splitNummer}` }).waitFor();
    const section = staff.getByRole("region", { name: "Splitsen in deelmeldingen" });
    // Parts can be added and removed again (never fewer than two).
    await section.getByRole("button", { name: "Deel toevoegen" }).click();
    await section.getByLabel("Categorie deel 3").waitFor();
    await section.getByRole("button", { name: "Deel 3 verwijderen" }).click();
    assert.equal(await section.getByLabel("Categorie deel 3").count(), 0, "deel 3 is weg");
    assert.equal(await section.getByRole("button", { name: /verwijderen/ }).count(), 0, "twee delen blijven staan");
    assert.equal(await section.getByLabel("Categorie deel 1").inputValue(), "grofvuil", "deel 1 begint met de eigen categorie");
    await section.getByLabel("Tekst deel 1").fill("Een oude bank en een matras naast de container.");
    await section.getByLabel("Categorie deel 2").selectOption("foutparkeren");
    // Too short for the API: its message (naming delen[1].tekst) is shown at that field.
    await section.getByLabel("Tekst deel 2").fill("bus");
    await section.getByRole("button", { name: "Splitsen in 2 deelmeldingen" }).click();
    const tekst2 = section.getByLabel("Tekst deel 2");
    await staff.waitForFunction(() => document.querySelector("[aria-invalid=true]") !== null);
    assert.equal(await tekst2.getAttribute("aria-invalid"), "true");
    const errId = (await tekst2.getAttribute("aria-describedby")).split(" ")[0];
    assert.match(await staff.locator(`[id="${errId}"]`).textContent(), /tekst van een deelmelding heeft een ongeldige lengte/);
    assert.equal(await section.getByLabel("Tekst deel 1").getAttribute("aria-invalid"), null, "deel 1 is goed");
    await axe(staff, "meldingdetail: splitsen met een fout");
    await tekst2.fill("Een wit busje staat al dagen half op de stoep geparkeerd.");
    await section.getByRole("button", { name: "Splitsen in 2 deelmeldingen" }).click();
    const done = staff.getByRole("status").filter({ hasText: `Melding ${splitNummer} is gesplitst in 2 deelmeldingen` });
    await done.waitFor();
    const parts = [...new Set((await done.textContent()).match(/M-\d{4}-\d{6}/g))].filter((n) => n !== splitNummer);
    assert.equal(parts.length, 2, `twee nummers: ${parts}`);
    for (const n of parts) await done.getByRole("link", { name: `Deelmelding ${n}` }).waitFor();
    await staff.getByTestId("status").filter({ hasText: /^Gesplitst$/ }).waitFor();
    await staff.getByTestId("historie").getByRole("link", { name: parts[1] }).waitFor();
    await axe(staff, "meldingdetail na splitsen");
    // A deelmelding has its own category and links back to the hoofdmelding.
    await done.getByRole("link", { name: `Deelmelding ${parts[1]}` }).click();
    await staff.getByRole("heading", { level: 1, name: `Melding ${parts[1]}` }).waitFor();
    await staff.getByTestId("categorie").filter({ hasText: /parkeren/i }).waitFor();
    await staff.getByTestId("afdeling").filter({ hasText: "Toezicht en Handhaving" }).waitFor();
    // Taken on by hanna, for the "aan mij toegewezen" filter next.
    await staff.getByRole("button", { name: "Aan mij toewijzen" }).click();
    await staff.getByTestId("behandelaar").filter({ hasText: "hanna" }).waitFor();
    assignedNummer = parts[1];
    unassignedNummer = parts[0];
    await staff.getByTestId("hoofdmelding").getByRole("link", { name: `Hoofdmelding ${splitNummer}` }).click();
    await staff.getByRole("heading", { level: 1, name: `Melding ${splitNummer}` }).waitFor();
  });

  await check("werkvoorraad: 'Aan mij toegewezen' toont de eerder toegewezen deelmelding, 'Niet toegewezen' niet", async () => {
    assert.ok(assignedNummer, "een deelmelding is aan hanna toegewezen");
    await staff.goto(`${server.url}/werk`);
    await staff.getByTestId("aantal").filter({ hasText: /meldingen getoond/ }).waitFor();
    await staff.getByLabel("Behandelaar", { exact: true }).selectOption({ label: "Aan mij toegewezen" });
    await staff.getByRole("button", { name: "Filteren" }).click();
    await staff.waitForURL(/behandelaar=hanna/);
    // Hanna's own queue: the deelmelding she took on (and the melding she re-categorised within
    // its department, which stays hers), not the other deelmelding.
    await staff.getByRole("link", { name: assignedNummer, exact: true }).waitFor();
    // Waiting for it to go, not counting at once: the unfiltered list may still be on screen.
    await staff.getByRole("link", { name: unassignedNummer, exact: true }).waitFor({ state: "detached" });
    await axe(staff, "werkvoorraad: aan mij toegewezen");
    // The filter is in the address: a reload keeps it.
    await staff.reload();
    await staff.getByRole("link", { name: assignedNummer, exact: true }).waitFor();
    assert.equal(await staff.getByLabel("Behandelaar", { exact: true }).inputValue(), "hanna");
    await staff.getByLabel("Behandelaar", { exact: true }).selectOption({ label: "Niet toegewezen" });
    await staff.getByRole("button", { name: "Filteren" }).click();
    await staff.waitForURL(/behandelaar=-/);
    await staff.getByRole("link", { name: unassignedNummer, exact: true }).waitFor();
    await staff.getByRole("link", { name: assignedNummer, exact: true }).waitFor({ state: "detached" });
  });

  await check("werkvoorraad: filter op afdeling, kaartweergave met bereikbare markers, opgeslagen filter", async () => {
    await staff.goto(`${server.url}/werk`);
    await staff.getByTestId("aantal").filter({ hasText: /meldingen getoond/ }).waitFor();
    await staff.getByLabel("Afdeling", { exact: true }).selectOption("stadsbeheer");
    await staff.getByRole("button", { name: "Filteren" }).click();
    await staff.waitForURL(/afdeling=stadsbeheer/);
    await staff.getByRole("link", { name: "Kaart", exact: true }).click();
    await staff.waitForURL(/weergave=kaart/);
    await staff.getByTestId("aantal").filter({ hasText: /meldingen getoond/ }).waitFor();
    // Single meldingen and numbered groups of nearby ones: together they count every melding shown.
    const markers = staff.getByTestId("werk-marker");
    const groups = staff.getByTestId("werk-cluster");
    await staff.locator('[data-testid="werk-marker"], [data-testid="werk-cluster"]').first().waitFor();
    const shown = Number((await staff.getByTestId("aantal").textContent()).match(/^(\d+)/)[1]);
    const counts = await staff.locator('[data-testid="werk-marker"], [data-testid="werk-cluster"]').evaluateAll((els) => els.map((e) => Number(e.getAttribute("data-aantal"))));
    assert.equal(counts.reduce((a, b) => a + b, 0), shown, "de markers tellen op tot de getoonde meldingen");
    // Enter on a group zooms in until a single melding has a marker of its own.
    for (let i = 0; i < 6 && (await markers.count()) === 0; i++) {
      await groups.first().focus();
      await staff.keyboard.press("Enter");
      await staff.waitForTimeout(200);
    }
    await axe(staff, "werkvoorraad kaart");
    await staff.getByLabel("Naam voor de huidige filters").fill("Stadsbeheer op de kaart");
    await staff.getByRole("button", { name: "Filters opslaan" }).click();
    // A single melding's marker is reached by keyboard and opens its melding with Enter.
    const name = await markers.first().getAttribute("aria-label");
    await markers.first().focus();
    await staff.keyboard.press("Enter");
    await staff.getByRole("heading", { level: 1, name: `Melding ${name.split(":")[0]}` }).waitFor();
    // The saved filter survives a fresh load and brings the same view back.
    await staff.goto(`${server.url}/werk`);
    await staff.getByTestId("opgeslagen-filters").getByRole("link", { name: "Stadsbeheer op de kaart" }).click();
    await staff.waitForURL(/afdeling=stadsbeheer.*weergave=kaart|weergave=kaart.*afdeling=stadsbeheer/);
    await staff.locator('[data-testid="werk-marker"], [data-testid="werk-cluster"]').first().waitFor();
  });

  await check("wijkbeeld: de wijken van het demojaar tellen op tot het totaal, met kaart en buurten; een aantal opent de gefilterde werkvoorraad", async () => {
    const year = String(new Date().getUTCFullYear()); // the demo year (lib.mjs)
    await staff.goto(`${server.url}/werk`);
    await staff.getByRole("navigation", { name: "Hoofdmenu" }).getByRole("link", { name: "Wijkbeeld", exact: true }).click();
    await staff.getByRole("heading", { level: 1, name: "Wijkbeeld" }).waitFor();
    await staff.getByLabel("Van", { exact: true }).fill(`${year}-01-01`);
    await staff.getByLabel("Tot en met", { exact: true }).fill(`${year}-12-31`);
    await staff.getByRole("button", { name: "Toon", exact: true }).click();
    await staff.waitForURL(new RegExp(`van=${year}-01-01&tot=${year}-12-31`));
    const summary = staff.getByTestId("wijkbeeld-samenvatting");
    // A whole demo year on a debug build on a busy machine can take longer than the default 15 s.
    await summary.filter({ hasText: `${year}-01-01 tot en met ${year}-12-31` }).waitFor({ timeout: 45000 });
    const num = (t) => Number(t.trim().replace(/\./g, ""));
    const total = num((await summary.textContent()).match(/^([\d.]+) meldingen/)[1]);
    assert.ok(total > 100, `demojaar: ${total} meldingen`);
    // The wijk table (and the row of meldingen outside every wijk, if any) adds up to the total.
    const table = staff.getByRole("table", { name: /Meldingen per wijk/ });
    const cells = await table.locator("tbody td[data-kolom=meldingen]").allTextContents();
    assert.ok(cells.length > 5, "een rij per wijk");
    assert.equal(cells.reduce((sum, c) => sum + num(c), 0), total);
    assert.equal(num(await table.getByTestId("totaal-meldingen").textContent()), total);
    // The choropleth: a shape per wijk and a legend.
    const kaart = staff.getByTestId("wijkkaart");
    await kaart.locator("path.leaflet-interactive").first().waitFor();
    assert.equal(await kaart.getAttribute("data-wijken"), String(await table.locator("tbody tr[data-code^=WK]").count()));
    assert.ok((await kaart.locator("path.leaflet-interactive").count()) > 5);
    assert.ok((await staff.getByRole("list", { name: /Legenda: meldingen per 1.000 inwoners/ }).locator("li").count()) >= 2);
    await staff.getByTestId("weekgrafiek").waitFor();
    assert.ok((await staff.getByTestId("mix").locator("tbody tr").count()) >= 3, "de categoriemix");
    // The busiest wijk's buurten add up to the wijk.
    const rows = table.locator("tbody tr[data-code^=WK]");
    let best = { code: "", n: -1, naam: "" };
    for (let i = 0; i < (await rows.count()); i++) {
      const n = num(await rows.nth(i).locator("td[data-kolom=meldingen]").textContent());
      if (n > best.n) best = { code: await rows.nth(i).getAttribute("data-code"), n, naam: (await rows.nth(i).locator("th").textContent()).trim() };
    }
    await table.getByRole("button", { name: `Buurten van ${best.naam}`, exact: true }).click();
    await staff.waitForURL(new RegExp(`wijk=${best.code}`));
    const buurten = staff.getByTestId("buurten");
    await buurten.waitFor();
    const buurtCells = await buurten.locator("tbody td[data-kolom=meldingen]").allTextContents();
    assert.equal(buurtCells.reduce((sum, c) => sum + num(c), 0), best.n, `buurten van ${best.naam}`);
    await axe(staff, "wijkbeeld");
    // A count opens the werkvoorraad filtered on that wijk, all states.
    await table.locator(`tbody tr[data-code=${best.code}] td[data-kolom=meldingen] a`).click();
    await staff.getByRole("heading", { level: 1, name: "Werkvoorraad" }).waitFor();
    await staff.waitForURL(new RegExp(`/werk\\?.*wijk=${best.code}`));
    assert.match(staff.url(), /status=alle/);
    await staff.getByTestId("aantal").filter({ hasText: /meldingen getoond/ }).waitFor();
    await staff.locator("tbody tr td:nth-of-type(4)").first().filter({ hasText: best.naam }).waitFor();
    const wijkCells = await staff.locator("tbody tr td:nth-of-type(4)").allTextContents();
    assert.ok(wijkCells.length > 0, "de lijst toont meldingen");
    for (const c of wijkCells) assert.ok(c.startsWith(best.naam), `alleen ${best.naam}: ${c}`);
  });

  await check("(c) een boa zonder die afdeling kan een vertrouwelijke melding niet openen en ziet waarom", async () => {
    boaContext = await newContext({
      viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true,
      geolocation: { latitude: 53.2248, longitude: 6.5801 }, permissions: ["geolocation"],
    });
    boa = await boaContext.newPage();
    await signIn(boa, USERS[1], { expectSetup: true });
    await boa.goto(`${server.url}/werk/meldingen/${confidentialNummer}`);
    await boa.getByRole("heading", { level: 1, name: "Geen toegang tot deze melding" }).waitFor();
    const alert = boa.getByRole("alert");
    await alert.waitFor();
    assert.match(await alert.textContent(), /afdeling waarvoor u niet werkt/);
    assert.equal(await boa.getByText(/hennep/).count(), 0, "de tekst van de melding lekt niet");
    await axe(boa, "geen toegang");
  });

  await check("boa op een telefoon (360 px): meldingen bij mijn locatie, melding van straat met foto", async () => {
    await boa.goto(`${server.url}/werk/boa`);
    await boa.getByRole("heading", { level: 1, name: "Op straat" }).waitFor();
    await boa.getByRole("button", { name: "Zoek met mijn locatie" }).click();
    await boa.getByTestId("boa-locatie").filter({ hasText: /U bent in buurt / }).waitFor();
    await boa.getByTestId("boa-buurt-aantal").filter({ hasText: /open meldingen? in /i }).waitFor();
    // Without a category, text and place the form says what is missing, next to each field.
    await boa.getByRole("button", { name: "Melding maken" }).click();
    await boa.getByText("Kies een categorie.").waitFor();
    await boa.getByText("Beschrijf wat er aan de hand is.").waitFor();
    await axe(boa, "boa: op straat (360 px, met fouten)");
    await boa.getByLabel("Categorie", { exact: true }).selectOption("dumping");
    await boa.getByLabel("Wat ziet u?").fill("Afgedankte matrassen en een bank gedumpt achter de flat.");
    await boa.getByRole("button", { name: "Mijn locatie gebruiken" }).click();
    await boa.getByTestId("gekozen-plek").filter({ hasText: /Gekozen plek in buurt/ }).waitFor();
    await boa.getByLabel(/^Foto/).setInputFiles({ name: "dumping.png", mimeType: "image/png", buffer: tinyPng() });
    await boa.getByRole("button", { name: "Melding maken" }).click();
    const done = boa.getByRole("status").filter({ hasText: /Melding M-\d{4}-\d{6} is aangemaakt/ });
    await done.waitFor();
    const nummer = (await done.textContent()).match(/M-\d{4}-\d{6}/)[0];
    // Dumping was already reported a few metres away: the answer names it as a possible duplicate.
    await boa.getByTestId("mogelijk-dubbel").getByRole("link", { name: dumpingNummer }).waitFor();
    assert.match(await boa.getByTestId("mogelijk-dubbel").textContent(), /Mogelijk dubbel/);
    await axe(boa, "boa: melding van straat, mogelijk dubbel");
    const width = await boa.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 360, `geen horizontaal scrollen op 360 px (breedte ${width})`);
    await boa.getByRole("link", { name: `Melding ${nummer} openen` }).click();
    await boa.getByRole("heading", { level: 1, name: `Melding ${nummer}` }).waitFor();
    await boa.getByRole("img", { name: /Foto 1 bij melding/ }).waitFor();
    await axe(boa, "meldingdetail (360 px)");
    await boaContext.close();
  });

  await check("beheer: categorieën met afdeling en termijn; gebruikers alleen voor beheer, met de reden", async () => {
    await staff.goto(`${server.url}/werk/beheer`);
    await staff.getByRole("heading", { level: 1, name: "Beheer" }).waitFor();
    await staff.getByTestId("categorieen").filter({ hasText: "Toezicht en Handhaving" }).waitFor();
    await staff.getByRole("alert").filter({ hasText: "U kunt de gebruikers niet inzien" }).waitFor();
    // A toezichthouder reads the categories but cannot change them.
    assert.equal(await staff.getByRole("button", { name: /^Wijzigen/ }).count(), 0, "geen knop Wijzigen zonder beheerrecht");
    await axe(staff, "beheer");
  });

  await check("beheer: de functioneel beheerder wijzigt een categorie, maakt een gebruiker aan en voegt een routeringsregel toe", async () => {
    const adminContext = await newContext({ viewport: { width: 1280, height: 900 } });
    const admin = await adminContext.newPage();
    await signIn(admin, USERS[2], { expectSetup: true, landsOn: "Beheer" });
    await admin.goto(`${server.url}/werk/beheer`);
    await admin.getByRole("heading", { level: 1, name: "Beheer" }).waitFor();
    const row = admin.getByTestId("categorieen").locator('tr[data-code="hondenpoep"]');
    await row.filter({ hasText: "10 werkdagen" }).waitFor();
    await row.getByRole("button", { name: "Wijzigen Hondenpoep" }).click();
    const form = admin.getByTestId("categorie-formulier");
    await admin.getByRole("heading", { level: 3, name: "Categorie wijzigen: Hondenpoep" }).waitFor();
    await admin.getByTestId("categorie-versies").locator("li[data-versie]").first().waitFor();
    // A wrong deadline: the API's Dutch message next to the field, nothing saved.
    await form.getByLabel("Afhandeltermijn").fill("-2");
    await form.getByRole("button", { name: "Opslaan" }).click();
    await form.getByText("De termijn moet een geheel getal van 1 tot en met 365 zijn.").waitFor();
    assert.equal(await form.getByLabel("Afhandeltermijn").getAttribute("aria-invalid"), "true");
    await axe(admin, "beheer: categorie wijzigen met een fout");
    await form.getByLabel("Afhandeltermijn").fill("3");
    await form.getByRole("button", { name: "Opslaan" }).click();
    await form.getByRole("status").filter({ hasText: "opgeslagen als versie 2" }).waitFor();
    await row.filter({ hasText: "3 werkdagen" }).waitFor();
    const versions = admin.getByTestId("categorie-versies");
    const v2 = versions.locator('li[data-versie="2"]');
    await v2.waitFor();
    const text = await v2.textContent();
    assert.match(text, /door femke/, text);
    assert.match(text, /Afhandeltermijn: 10 werkdagen → 3 werkdagen/, text);
    assert.equal(await versions.locator("li[data-versie]").count(), 2);
    await axe(admin, "beheer: categorie gewijzigd, versies");
    // Same session (no extra sign-in: the sign-in limit): a new account with a one-time password,
    // and a routing rule, first with a half time window (the API's message at the field).
    // An analist (pseudonymised only) is made at once; a toezichthouder, who sees reporters, waits
    // for a second beheerder (four eyes) and is listed under "Wachten op goedkeuring".
    const userForm = admin.getByTestId("gebruiker-formulier");
    await userForm.getByLabel("Gebruikersnaam").fill("sanne");
    await userForm.getByLabel("Naam", { exact: true }).fill("Sanne Bakker");
    await userForm.getByLabel("Rol").selectOption("analist");
    await userForm.getByRole("button", { name: "Gebruiker toevoegen" }).click();
    const oneTime = (await userForm.getByTestId("tijdelijk-wachtwoord").textContent()).trim();
    assert.match(oneTime, /^[A-Za-z0-9]{5}(-[A-Za-z0-9]{5}){3}$/, oneTime);
    await admin.getByTestId("gebruikers").locator('tr[data-gebruiker="sanne"]').filter({ hasText: "Analist" }).waitFor();
    await axe(admin, "beheer: gebruiker aangemaakt met eenmalig wachtwoord");
    await userForm.getByLabel("Gebruikersnaam").fill("joost");
    await userForm.getByLabel("Naam", { exact: true }).fill("Joost Visser");
    await userForm.getByLabel("Rol").selectOption("toezichthouder");
    await userForm.getByLabel("Stadsbeheer").check();
    await userForm.getByRole("button", { name: "Gebruiker toevoegen" }).click();
    await userForm.getByRole("status").filter({ hasText: "Gebruiker joost: wacht op goedkeuring door een tweede persoon." }).waitFor();
    assert.equal(await userForm.getByTestId("tijdelijk-wachtwoord").count(), 0, "geen wachtwoord voor de indiener");
    assert.equal(await admin.getByTestId("gebruikers").locator('tr[data-gebruiker="joost"]').count(), 0, "joost bestaat nog niet");
    await admin.getByTestId("wijzigingen").filter({ hasText: "Account joost aanmaken met rol Toezichthouder" }).filter({ hasText: "door u: wacht op goedkeuring door een tweede persoon." }).waitFor();
    await axe(admin, "beheer: gebruiker wacht op goedkeuring");
    await admin.getByRole("button", { name: "Regel toevoegen" }).click();
    const ruleForm = admin.getByTestId("regel-formulier");
    await ruleForm.getByLabel("Naam van de regel").fill("Partnermeldingen naar Stadsbeheer");
    await ruleForm.getByLabel("Afdeling").selectOption("stadsbeheer");
    await ruleForm.getByLabel(/^Kanalen/).fill("partner");
    await ruleForm.getByLabel(/^Van/).fill("22:00");
    // The form itself refuses the half window (the rule does not enter the list), at Tot.
    await ruleForm.getByRole("button", { name: "Regel overnemen" }).click();
    await ruleForm.getByText("Een tijdvenster heeft een begin en een eind").waitFor();
    assert.equal(await ruleForm.getByLabel(/^Tot/).getAttribute("aria-invalid"), "true");
    await axe(admin, "beheer: routeringsregel met een fout");
    await ruleForm.getByLabel(/^Van/).fill("");
    await ruleForm.getByRole("button", { name: "Regel overnemen" }).click();
    await admin.getByRole("button", { name: "Routering opslaan" }).click();
    // Scoped: the category form above still says its own "opgeslagen als versie 2".
    await admin.getByRole("region", { name: "Routering" }).getByRole("status").filter({ hasText: "opgeslagen als versie 2" }).waitFor();
    await admin.getByTestId("routeringsregels").locator('tr[data-regel="Partnermeldingen naar Stadsbeheer"]').waitFor();
    await axe(admin, "beheer: routering opgeslagen");
    // Changing the own password: the form checks the repetition before asking the server (which
    // would count as a sign-in attempt).
    await admin.getByRole("link", { name: "Wachtwoord wijzigen" }).click();
    await admin.getByRole("heading", { level: 1, name: "Wachtwoord wijzigen" }).waitFor();
    await admin.getByLabel("Huidig wachtwoord").fill("iets");
    await admin.getByLabel("Nieuw wachtwoord").fill("Fietsenstalling-2026");
    await admin.getByLabel("Herhaal het nieuwe wachtwoord").fill("Fietsenstalling-2025");
    await admin.getByRole("button", { name: "Wachtwoord wijzigen" }).click();
    await admin.getByText("De twee nieuwe wachtwoorden zijn niet gelijk.").waitFor();
    assert.equal(await admin.getByLabel("Herhaal het nieuwe wachtwoord").getAttribute("aria-invalid"), "true");
    await axe(admin, "wachtwoord wijzigen met een fout");
    await adminContext.close();
  });

  await check("analyse: de analist ziet de hotspotlaag met de naive basislijn ernaast, de tabellen en een backtest", async () => {
    const ctx = await newContext({ viewport: { width: 1440, height: 1000 } });
    const analist = await ctx.newPage();
    analistSecret = await signIn(analist, USERS[3], { expectSetup: true });
    await analist.getByRole("link", { name: "Analyse" }).click();
    await analist.getByRole("heading", { level: 1, name: "Analyse: hotspots" }).waitFor();
    // The hot spots of a demo year take a while on a debug build on a busy machine.
    await analist.getByTestId("analyse-samenvatting").waitFor({ timeout: 60000 });
    const maps = analist.getByTestId("hotspotkaart");
    assert.equal(await maps.count(), 2, "gekozen model en naive naast elkaar");
    await analist.waitForFunction(() => Number(document.querySelector('[data-testid="hotspotkaart"]')?.getAttribute("data-cellen") ?? "0") > 0);
    await analist.getByRole("table", { name: /Top 10 cellen volgens naive/ }).waitFor();
    await analist.getByTestId("top-buurten").waitFor();
    const page = await analist.content();
    assert.ok(!page.includes("@example.nl"), "geen melder op de analysepagina");
    await axe(analist, "analyse: hotspots");
    await analist.getByRole("radio", { name: /Risico volgens het model/ }).check();
    await analist.getByRole("button", { name: "Backtest uitvoeren" }).click();
    const bt = analist.getByTestId("backtest");
    await bt.waitFor();
    assert.equal(await bt.locator("tbody th").first().textContent(), "naive");
    await axe(analist, "analyse: backtest");
    // Staff without the analysis role do not see the page in the menu.
    await staff.goto(`${server.url}/werk`);
    await staff.getByRole("heading", { level: 1, name: "Werkvoorraad" }).waitFor();
    assert.equal(await staff.getByRole("link", { name: "Analyse" }).count(), 0);
    analysePage = analist;
    analyseContext = ctx;
  });

  await check("analyse: tijdpatronen van het demojaar: uurkaart 7 x 24 met getallen, maanden en een sorteerbare trendtabel per wijk", async () => {
    assert.ok(analysePage, "de analist is aangemeld in de vorige check");
    const analist = analysePage;
    const sectie = analist.getByTestId("tijdpatronen");
    await sectie.getByTestId("tijdpatronen-samenvatting").waitFor();
    const kaart = analist.getByRole("table", { name: /Meldingen per uur van de week/ });
    await kaart.waitFor();
    assert.equal(await kaart.locator("tbody tr").count(), 7);
    assert.equal(await kaart.locator("tbody tr").first().locator("td").count(), 24);
    assert.equal(await kaart.locator("tbody th").first().textContent(), "maandag");
    assert.equal(await kaart.locator("tbody th").last().textContent(), "zondag");
    // The numbers in the cells add up to the meldingen of the period.
    const total = (await kaart.locator("tbody td").allTextContents()).reduce((s, c) => s + Number(c), 0);
    const summary = await sectie.getByTestId("tijdpatronen-samenvatting").textContent();
    assert.equal(total, Number(summary.match(/^([\d.]+) meldingen/)[1].replace(/\./g, "")), summary);
    assert.ok(total > 100, `demojaar: ${total} meldingen`);
    assert.ok((await analist.getByTestId("maanden").locator("tbody tr").count()) >= 1);
    const trend = analist.getByTestId("trend");
    assert.ok((await trend.locator("tbody tr").count()) > 5, "een rij per wijk");
    // Sort on meldingen: busiest first, and the header says so.
    await trend.getByRole("button", { name: "Meldingen" }).click();
    assert.equal(await trend.locator("thead th").nth(1).getAttribute("aria-sort"), "descending");
    const counts = (await trend.locator("tbody tr td:nth-of-type(1)").allTextContents()).map((t) => Number(t.replace(/\./g, "")));
    assert.deepEqual(counts, [...counts].sort((x, y) => y - x));
    await axe(analist, "analyse: tijdpatronen");
    // The analyst stays signed in for the programmes: another sign-in here would exceed the
    // sign-in limit per address (10 per 15 minutes) that this run's earlier checks used up.
  });

  await check("programma's: de analist exporteert de werkvoorraad, ziet beide programma's, zet Parkeren op vertraagd met een mijlpaal en een budget (fout bij het veld), en downloadt de rapportage met voortgang", async () => {
    assert.ok(analistSecret, "de analist stelde tweestapsverificatie in bij de analysecheck");
    // The Groningen programmes as scripts/demo-setup stores them (seeding again changes nothing).
    const seeded = run(baken, ["programma", "seed", "--db", setup.db, "--file", path.join(source, "data/programmas/groningen-2022-2024.json")]);
    if (/^vastgelegd:/m.test(seeded)) run(baken, ["programma", "compute", "--db", setup.db, "--period", "2025"]);
    assert.ok(analysePage, "de analist is nog aangemeld van de analysechecks");
    const ctx = analyseContext;
    const page = analysePage;
    await page.goto(`${server.url}/werk`);
    await page.getByRole("heading", { level: 1, name: "Werkvoorraad" }).waitFor();
    await page.getByTestId("aantal").filter({ hasText: /meldingen getoond/ }).waitFor();
    // The analyst exports the work queue as CSV: fetched with a progress bar that ends full, then saved as a file.
    const exportSectie = page.getByTestId("export");
    const [csv] = await Promise.all([page.waitForEvent("download"), exportSectie.getByRole("link", { name: "Meldingen als CSV" }).click()]);
    assert.equal(csv.suggestedFilename(), "meldingen.csv");
    const csvTekst = readFileSync(await csv.path(), "utf8");
    assert.ok(csvTekst.trim().split("\n").length > 1, "een kopregel en meldingen");
    const csvBalk = exportSectie.getByTestId("download").first().locator("progress");
    await csvBalk.waitFor();
    assert.equal(await csvBalk.getAttribute("value"), await csvBalk.getAttribute("max"));
    await exportSectie.getByRole("status").filter({ hasText: /^meldingen\.csv is gedownload \(/ }).waitFor();

    await page.getByRole("link", { name: "Programma's" }).click();
    await page.getByRole("heading", { level: 1, name: "Programma's" }).waitFor();
    const lijst = page.getByTestId("programmas");
    const lv = lijst.getByRole("link", { name: "Uitvoeringsprogramma Leefbaarheid en Veiligheid 2022-2024" });
    await lv.waitFor();
    await lijst.getByRole("link", { name: /^Actieprogramma Mensenhandel/ }).waitFor();
    assert.equal(await lijst.locator("tbody tr").count(), 2);
    await page.getByTestId("highlights").getByRole("link", { name: /Highlights 2025 als PDF/ }).waitFor();
    await axe(page, "programma's");

    await lv.click();
    await page.getByRole("heading", { level: 1, name: "Uitvoeringsprogramma Leefbaarheid en Veiligheid 2022-2024" }).waitFor();
    const rij = page.getByTestId("actielijnen").getByTestId("onderdeel-parkeren");
    await rij.getByRole("button", { name: "Wijzigen Parkeren" }).click();
    const form = page.getByTestId("wijzigen-parkeren");
    // The editor opens below the table with focus on its heading.
    await page.getByRole("heading", { level: 4, name: "Parkeren wijzigen" }).waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), "Parkeren wijzigen");
    // A new status without an explanation: the form says so at the field, focuses it and sends nothing.
    await form.getByRole("combobox", { name: "Status" }).selectOption("vertraagd");
    await form.getByRole("button", { name: "Wijzigingen opslaan" }).click();
    await form.getByText("Geef een toelichting bij de nieuwe status.").waitFor();
    const uitleg = form.getByLabel("Toelichting", { exact: true });
    assert.equal(await uitleg.getAttribute("aria-invalid"), "true");
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute("aria-invalid")), "true");
    const toelichting = `Handhaving parkeren later gestart door nieuwe vergunningsregels (${uniqueWord}).`;
    await uitleg.fill(toelichting);
    // A milestone without a target date and a budget in Dutch notation.
    const mijlpaal = `Evaluatie handhaving ${uniqueWord}`;
    await form.getByRole("button", { name: "Mijlpaal toevoegen" }).click();
    const nieuw = form.getByTestId("mijlpaal-invoer").last();
    await nieuw.getByLabel("Titel").fill(mijlpaal);
    await form.getByLabel("Gepland (euro)").fill("12.500,00");
    await form.getByLabel("Besteed (euro)").fill("8000");
    await form.getByTestId("budget").filter({ hasText: /€\s8\.000 van €\s12\.500 besteed \(64\s%\)/ }).waitFor();
    await form.getByRole("button", { name: "Wijzigingen opslaan" }).click();
    const streef = nieuw.getByLabel("Streefdatum");
    await nieuw.getByText(/^Geef een geldige streefdatum voor mijlpaal \d+/).waitFor();
    assert.equal(await streef.getAttribute("aria-invalid"), "true");
    const streefId = await streef.getAttribute("id");
    assert.ok((await streef.getAttribute("aria-describedby")).includes(`${streefId}-fout`), "de fout hoort bij het veld");
    assert.equal(await page.evaluate(() => document.activeElement?.id), streefId, "focus op de eerste fout");
    await axe(page, "programma: onderdeel wijzigen met een fout");
    await streef.fill("2025-11-30");
    await form.getByRole("button", { name: "Wijzigingen opslaan" }).click();
    await page.getByRole("status").filter({ hasText: "Parkeren is opgeslagen (status Vertraagd, mijlpalen, budget)." }).waitFor();
    await rij.getByTestId("status").filter({ hasText: "Vertraagd" }).waitFor();
    assert.equal(await form.count(), 0, "de editor sluit na opslaan");
    // After a reload the milestone and the budget are still there.
    await page.reload();
    await page.getByRole("heading", { level: 1, name: "Uitvoeringsprogramma Leefbaarheid en Veiligheid 2022-2024" }).waitFor();
    assert.match(await rij.textContent(), new RegExp(uniqueWord));
    await rij.getByTestId("mijlpalen").filter({ hasText: `${mijlpaal}: streefdatum 30 nov 2025` }).waitFor();
    await rij.getByTestId("budget").filter({ hasText: /€\s8\.000 van €\s12\.500 besteed \(64\s%\)/ }).waitFor();
    const historie = page.getByTestId("programma-historie");
    await historie.locator("li").filter({ hasText: /Parkeren: Status .+ → Vertraagd/ }).filter({ hasText: uniqueWord }).first().waitFor();
    await historie.locator("li").filter({ hasText: /Parkeren: Mijlpalen .+ → / }).filter({ hasText: `${mijlpaal} (streefdatum 30 nov 2025)` }).first().waitFor();
    await historie.locator("li").filter({ hasText: /Parkeren: Budget .+ → gepland €\s12\.500,00, besteed €\s8\.000,00/ }).first().waitFor();

    // Someone else changes Ondermijning while the analyst has it open: saving says so, the page
    // shows their version, and the next save goes through against it.
    const api = (p) => `${server.url}/api/v1${p}`;
    const sessie = await (await page.request.get(api("/sessies/huidig"))).json();
    const lv2024 = await (await page.request.get(api("/programmas/leefbaarheid-veiligheid-2022-2024"))).json();
    const ondermijning = lv2024.actielijnen.find((l) => l.naam === "Ondermijning");
    const rij2 = page.getByTestId("actielijnen").getByTestId(`onderdeel-${ondermijning.code}`);
    await rij2.getByRole("button", { name: "Wijzigen Ondermijning" }).click();
    const form2 = page.getByTestId(`wijzigen-${ondermijning.code}`);
    await form2.getByLabel("Gepland (euro)").fill("2000");
    const anders = await page.request.patch(api(`/programmas/leefbaarheid-veiligheid-2022-2024/onderdelen/${ondermijning.code}`), {
      headers: { "If-Match": `"${ondermijning.versie}"`, "X-CSRF-Token": sessie.csrf_token ?? "", Origin: server.url },
      data: { budget: { gepland_cent: 100000, besteed_cent: 0 } },
    });
    assert.ok(anders.ok(), `wijziging door een ander: ${anders.status()} ${await anders.text()}`);
    await form2.getByRole("button", { name: "Wijzigingen opslaan" }).click();
    await form2.getByRole("alert").filter({ hasText: "Iemand anders heeft dit onderdeel intussen gewijzigd; de pagina is bijgewerkt." }).waitFor();
    await rij2.getByTestId("budget").filter({ hasText: /^€\s0 van €\s1\.000 besteed/ }).waitFor();
    await form2.getByRole("button", { name: "Wijzigingen opslaan" }).click();
    await page.getByRole("status").filter({ hasText: "Ondermijning is opgeslagen (budget)." }).waitFor();
    await rij2.getByTestId("budget").filter({ hasText: /^€\s0 van €\s2\.000 besteed/ }).waitFor();
    // On a 360 px phone the editor fits the screen: nothing sticks out sideways.
    await page.setViewportSize({ width: 360, height: 740 });
    await rij2.getByRole("button", { name: "Wijzigen Ondermijning" }).click();
    await form2.getByRole("button", { name: "Mijlpaal toevoegen" }).click();
    await form2.getByTestId("mijlpaal-invoer").last().getByLabel("Titel").waitFor();
    const breedte = await form2.evaluate((f) => Math.ceil(f.closest("section").getBoundingClientRect().right));
    assert.ok(breedte <= 360, `de editor is ${breedte} px breed`);
    await axe(page, "programma: onderdeel wijzigen (360 px)");
    await page.setViewportSize({ width: 1440, height: 1000 });

    const pdf = page.getByTestId("voortgang").getByRole("link", { name: "Voortgangsrapportage 2025 (PDF)" });
    assert.equal(await pdf.getAttribute("href"), "/api/v1/programmas/leefbaarheid-veiligheid-2022-2024/voortgang?periode=2025&formaat=pdf");
    assert.notEqual(await pdf.getAttribute("download"), null);
    // The report downloads through fetch with a progress bar; it ends as a PDF file.
    const [rapport] = await Promise.all([page.waitForEvent("download"), pdf.click()]);
    assert.equal(rapport.suggestedFilename(), "voortgang-leefbaarheid-veiligheid-2022-2024-2025.pdf");
    assert.equal(readFileSync(await rapport.path()).subarray(0, 5).toString(), "%PDF-");
    const balk = page.getByTestId("voortgang").getByTestId("download").first().locator("progress");
    await balk.waitFor();
    assert.equal(await balk.getAttribute("value"), await balk.getAttribute("max"));
    await page.getByTestId("voortgang").getByRole("status").filter({ hasText: /\.pdf is gedownload \(/ }).waitFor();
    await axe(page, "programma met gewijzigde status");
    await ctx.close();
  });

  await check("toegankelijkheid: axe-core vindt niets ernstigs of kritieks", async () => {
    assert.ok(axePages >= 24, `axe draaide op ${axePages} pagina's`);
    assert.deepEqual(axeFindings, []);
  });
  await check("CSP: geen geweigerde scripts of stijlen, geen scriptfouten", async () => {
    assert.deepEqual(cspViolations, []);
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
  else console.log(`# database en bijlagen bewaard in ${setup.dir}\n# serverlog:\n${server.log().split("\n").slice(-20).join("\n")}`);
}
console.log(`# duur ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
