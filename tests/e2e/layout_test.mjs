// Browser tests of layout, wording and maps, walked as residents and staff walk the UI:
//  - every page of the UI (public, and staff pages as the roles that use them) on a 360 x 740
//    phone: nothing scrolls sideways, and axe-core (WCAG 2.0-2.2 A/AA) finds nothing serious;
//  - no codes or clumsy plurals in front of people: status names instead of codes, "1 melding",
//    "1 foto", a clear message for an unknown follow link, a date error naming the field, no
//    doubled "Bron:"; a boa sees possible duplicates while filling in the form;
//  - maps open on the municipality, and the werkvoorraad map groups its markers into clusters
//    with counts that add up to the total, none overlapping, each at least 24 x 24 px.
// No network besides loopback: other requests fail the test.
//
//   node tests/e2e/layout_test.mjs --baken build/debug/baken --source . --shared ../shared
import assert from "node:assert/strict";
import path from "node:path";
import { findChromium, loadBrowserLibs, parseArgs, run, setUpDatabase, startServer, tinyPng, totp } from "./lib.mjs";

const args = parseArgs(process.argv.slice(2));
const source = path.resolve(args.source ?? ".");
const baken = path.resolve(args.baken ?? "build/debug/baken");
const shared = path.resolve(args.shared ?? path.join(source, "..", "shared"));

const USERS = {
  toezicht: { username: "hanna", name: "Hanna de Vries", email: "hanna@example.nl", role: "toezichthouder", departments: ["toezicht", "stadsbeheer"], password: "Zomer-Gras-Fiets-2026" },
  boa: { username: "bram", name: "Bram Bakker", email: "bram@example.nl", role: "boa", departments: ["toezicht", "stadsbeheer"], password: "Winter-Regen-Boot-2026" },
  beheer: { username: "femke", name: "Femke Mulder", email: "femke@example.nl", role: "beheerder", departments: [], password: "Herfst-Blad-Molen-2026" },
  analist: { username: "anouk", name: "Anouk Smit", email: "anouk@example.nl", role: "analist", departments: [], password: "Lente-Dijk-Wolk-2026" },
};

const PHONE = { width: 360, height: 740 };
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

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
    console.log(`not ok - ${name}\n  ${String(e?.stack ?? e).split("\n").slice(0, 12).join("\n  ")}`);
  }
}

const { chromium, AxeBuilder } = loadBrowserLibs(source);
const executablePath = findChromium();
const t0 = Date.now();
const setup = setUpDatabase({ baken, source, shared, users: Object.values(USERS) });
// The Groningen programmes as scripts/demo-setup stores them, for Programma's and a programme.
run(baken, ["programma", "seed", "--db", setup.db, "--file", path.join(source, "data/programmas/groningen-2022-2024.json")]);
run(baken, ["programma", "compute", "--db", setup.db, "--period", "2025"]);
console.log(`# database klaar in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
const server = await startServer({ baken, source, setup });
console.log(`# baken serve op ${server.url}`);
const browser = await chromium.launch({
  executablePath,
  headless: true,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
});

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
    // PDOK tiles off in tests: the maps must work from Baken's own area polygons.
    if (url.pathname === "/config.json") return route.fulfill({ json: { kaart: { pdok: false } } });
    return route.continue();
  });
  context.on("page", (page) => {
    openPages.push(page);
    page.on("close", () => openPages.splice(openPages.indexOf(page), 1));
    page.setDefaultTimeout(20000);
    page.on("console", (msg) => {
      if (/Content Security Policy|Refused to (apply|load|execute)/i.test(msg.text())) cspViolations.push(msg.text());
    });
    page.on("pageerror", (e) => cspViolations.push(`scriptfout: ${e.message}`));
  });
  return context;
}

/** Signs in (first time: sets up TOTP) and lands on the werkvoorraad. */
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
  // Each role lands on its own start page: a beheerder on Beheer, the others on the werkvoorraad.
  const landsOn = user.role === "beheerder" ? "Beheer" : "Werkvoorraad";
  await page.getByRole("heading", { level: 1, name: landsOn }).waitFor();
}

/** What sticks out to the right of a `width` px viewport: the outermost such elements, named. */
async function sideways(page, width) {
  return page.evaluate((w) => {
    const doc = document.documentElement;
    if (doc.scrollWidth <= w) return { scrollWidth: doc.scrollWidth, offenders: [] };
    const name = (el) => {
      let s = el.tagName.toLowerCase();
      if (el.id) s += `#${el.id}`;
      const cls = [...el.classList].slice(0, 3).join(".");
      if (cls) s += `.${cls}`;
      const tid = el.getAttribute("data-testid");
      if (tid) s += `[data-testid=${tid}]`;
      return s;
    };
    const out = [];
    const all = [];
    for (const el of document.body.querySelectorAll("*")) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.right <= w + 0.5) continue;
      all.push(`${name(el)} in ${name(el.parentElement)} (rechts ${Math.round(r.right)} px)`);
      // Inside a scroll container of its own (which itself fits) it does not make the page scroll.
      let p = el.parentElement;
      let contained = false;
      while (p && p !== document.body) {
        const cs = getComputedStyle(p);
        if (/(auto|scroll|hidden|clip)/.test(cs.overflowX) && p.getBoundingClientRect().right <= w + 0.5) {
          contained = true;
          break;
        }
        p = p.parentElement;
      }
      if (contained) continue;
      // Only the outermost offender of a subtree.
      const parent = el.parentElement;
      if (parent && parent !== document.body && parent.getBoundingClientRect().right > w + 0.5) continue;
      out.push(`${name(el)} (rechts ${Math.round(r.right)} px, breed ${Math.round(r.width)} px)`);
    }
    // Nothing found outside a scroll container: name whatever sticks out (an absolutely placed
    // element escapes its container's overflow).
    return { scrollWidth: doc.scrollWidth, offenders: (out.length ? out : all).slice(0, 12) };
  }, width);
}

async function axe(page) {
  await page.waitForLoadState("networkidle").catch(() => undefined);
  assert.deepEqual(await axeSerious(page), []);
}

async function axeSerious(page) {
  const result = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}) ${v.help} – ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
}

/** Waits for the page to settle, then records sideways scrolling and axe findings under `label`. */
const sweepFindings = [];
let sweepPages = 0;
async function inspect(page, label) {
  sweepPages++;
  await page.waitForLoadState("networkidle").catch(() => undefined);
  await page.waitForTimeout(200); // maps and late layout
  const { scrollWidth, offenders } = await sideways(page, PHONE.width);
  if (scrollWidth > PHONE.width) {
    sweepFindings.push(`${label}: de pagina is ${scrollWidth} px breed op een scherm van ${PHONE.width} px; uitsteken: ${offenders.join("; ")}`);
  }
  for (const f of await axeSerious(page)) sweepFindings.push(`${label}: axe ${f}`);
}

async function filePublic(tekst, coordinates, categorie = "zwerfafval", extra = {}) {
  const res = await fetch(`${server.url}/api/v1/publiek/meldingen`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ tekst, categorie, locatie: { type: "Point", coordinates }, ...extra }),
  });
  const body = await res.text();
  assert.equal(res.status, 201, `publieke melding maken: ${res.status} ${body}`);
  return JSON.parse(body);
}

/** The screen box of a map's area outlines (the SVG paths of the overlay pane) against the map's box. */
async function areaFill(mapLocator) {
  return mapLocator.evaluate((el) => {
    const m = el.getBoundingClientRect();
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (const p of el.querySelectorAll(".leaflet-overlay-pane path")) {
      const r = p.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      x0 = Math.min(x0, r.left); y0 = Math.min(y0, r.top); x1 = Math.max(x1, r.right); y1 = Math.max(y1, r.bottom);
    }
    return { map: { w: m.width, h: m.height, x: m.left, y: m.top }, box: { w: x1 - x0, h: y1 - y0, x: x0, y: y0 } };
  });
}

function assertFills(f, label) {
  assert.ok(Number.isFinite(f.box.w) && f.box.w > 0, `${label}: geen gebieden op de kaart`);
  const share = Math.max(f.box.w / f.map.w, f.box.h / f.map.h);
  console.log(`# ${label}: de gemeente beslaat ${Math.round(share * 100)} % van de kaart`);
  assert.ok(share > 0.5, `${label}: de gemeente beslaat ${Math.round(share * 100)} % van de kaart (${Math.round(f.box.w)} x ${Math.round(f.box.h)} px op ${Math.round(f.map.w)} x ${Math.round(f.map.h)} px)`);
  // And it is in view: its middle lies on the map.
  const cx = f.box.x + f.box.w / 2 - f.map.x;
  const cy = f.box.y + f.box.h / 2 - f.map.y;
  assert.ok(cx > 0 && cx < f.map.w && cy > 0 && cy < f.map.h, `${label}: het midden van de gemeente ligt buiten beeld`);
}

/** A map's clickable markers (the werkvoorraad's by default): their boxes and the number each stands for. */
async function mapMarkers(page, testId = "werkkaart", selector = '[data-testid="werk-marker"], [data-testid="werk-cluster"]') {
  return page.getByTestId(testId).evaluate((el, sel) =>
    [...el.querySelectorAll(sel)].map((m) => {
      const r = m.getBoundingClientRect();
      return {
        kind: m.getAttribute("data-testid"),
        n: Number(m.getAttribute("data-aantal") ?? "0"),
        label: m.getAttribute("aria-label") ?? "",
        text: m.textContent.trim(),
        x: r.left, y: r.top, w: r.width, h: r.height,
      };
    }),
  selector);
}

function assertNoOverlap(markers) {
  for (const m of markers) assert.ok(m.w >= 24 && m.h >= 24, `marker ${m.label} is ${m.w} x ${m.h} px`);
  for (let i = 0; i < markers.length; i++) {
    for (let j = i + 1; j < markers.length; j++) {
      const a = markers[i], b = markers[j];
      const overlap = a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
      assert.ok(!overlap, `markers overlappen: ${a.label} en ${b.label}`);
    }
  }
}

try {
  // A resident's melding with a photo and an e-mail address, and a second one a few metres away:
  // the melding detail then shows a photo, the reporter and a possible duplicate.
  const uniqueWord = `vijverbank${Date.now() % 100000}`;
  const filed = await filePublic(`Overal zwerfafval rond het bankje bij de ${uniqueWord}, blikjes en zakken.`, [6.5801, 53.2248], "zwerfafval", {
    melder: { naam: "Jan Jansen", email: "bewoner@example.nl", toestemming_contact: true },
    bijlagen: [{ naam: "afval.png", type: "image/png", inhoud: tinyPng().toString("base64") }],
  });
  await filePublic("Bij de vijver ligt zwerfafval naast het bankje: zakken en blikjes.", [6.58012, 53.22481]);
  const followPath = filed.volg_url;
  const nummer = filed.nummer;
  // Dumping a few metres from where the boa will stand: a possible duplicate of their report.
  const dumping = await filePublic("Achter de flat zijn matrassen en een bank gedumpt.", [6.58005, 53.22478], "dumping");

  // One staff context per role, all on a 360 px phone, signed in once each (the sign-in limit).
  const phone = { viewport: PHONE, isMobile: true, hasTouch: true };
  const pub = await (await newContext(phone)).newPage();
  const toezicht = await (await newContext(phone)).newPage();
  const analist = await (await newContext(phone)).newPage();
  const beheer = await (await newContext(phone)).newPage();
  const boaCtx = await newContext({ ...phone, geolocation: { latitude: 53.2248, longitude: 6.5801 }, permissions: ["geolocation"] });
  const boa = await boaCtx.newPage();

  await check("7. elke pagina op een telefoon van 360 px: niets schuift opzij, axe vindt niets ernstigs", async () => {
    // Public pages.
    const h1 = (page, name) => page.getByRole("heading", { level: 1, name }).waitFor();
    await pub.goto(`${server.url}/`);
    await h1(pub, /Overlast of een probleem/);
    await inspect(pub, "startpagina");
    await pub.goto(`${server.url}/melden`);
    await h1(pub, "Melding maken");
    await inspect(pub, "melding maken stap 1");
    await pub.getByLabel("Beschrijving").fill("Er ligt veel zwerfafval bij de speeltuin, blikjes en plastic zakken.");
    await pub.getByLabel("Categorie", { exact: true }).selectOption("zwerfafval");
    await pub.getByRole("button", { name: "Volgende stap" }).click();
    await pub.getByRole("heading", { level: 2, name: /Waar is het/ }).waitFor();
    await pub.getByTestId("locatiekaart").locator(".leaflet-overlay-pane path").first().waitFor();
    await inspect(pub, "melding maken stap 2 (kaart)");
    await pub.goto(`${server.url}/melden/verstuurd`);
    await h1(pub, /verstuurd/i);
    await inspect(pub, "bevestiging");
    await pub.goto(`${server.url}/volgen`);
    await h1(pub, "Melding volgen");
    await inspect(pub, "melding volgen");
    await pub.goto(`${server.url}${followPath}`);
    await h1(pub, `Melding ${nummer}`);
    await inspect(pub, "volgpagina");
    await pub.goto(`${server.url}/kaart`);
    await h1(pub, /Kaart met open meldingen/);
    await pub.getByTestId("kaart-tabel").waitFor();
    await inspect(pub, "publieke kaart");
    await pub.goto(`${server.url}/bestaat-niet`);
    await pub.getByRole("heading", { level: 1 }).waitFor();
    await inspect(pub, "pagina niet gevonden");
    await pub.goto(`${server.url}/werk/aanmelden`);
    await h1(pub, /Aanmelden/);
    await inspect(pub, "aanmelden");

    // A toezichthouder: werkvoorraad (list and map), a melding, Op straat, Wijkbeeld, Beheer, password.
    await signIn(toezicht, USERS.toezicht);
    await toezicht.getByTestId("aantal").filter({ hasText: /getoond/ }).waitFor();
    await inspect(toezicht, "werkvoorraad");
    await toezicht.goto(`${server.url}/werk?weergave=kaart`);
    await toezicht.getByTestId("werkkaart").waitFor();
    await toezicht.getByTestId("aantal").filter({ hasText: /getoond/ }).waitFor();
    await inspect(toezicht, "werkvoorraad kaart");
    await toezicht.goto(`${server.url}/werk/meldingen/${nummer}`);
    await h1(toezicht, `Melding ${nummer}`);
    await toezicht.getByTestId("historie").waitFor();
    await toezicht.getByRole("img", { name: /Foto 1 bij melding/ }).waitFor();
    await inspect(toezicht, "meldingdetail");
    await toezicht.goto(`${server.url}/werk/boa`);
    await h1(toezicht, "Op straat");
    await inspect(toezicht, "op straat (toezichthouder)");
    await toezicht.goto(`${server.url}/werk/wijken`);
    await h1(toezicht, "Wijkbeeld");
    await toezicht.getByTestId("wijkbeeld-samenvatting").waitFor({ timeout: 60000 });
    await inspect(toezicht, "wijkbeeld");
    await toezicht.goto(`${server.url}/werk/beheer`);
    await h1(toezicht, "Beheer");
    await toezicht.getByTestId("categorieen").waitFor();
    await inspect(toezicht, "beheer (toezichthouder)");
    await toezicht.goto(`${server.url}/werk/wachtwoord`);
    await h1(toezicht, "Wachtwoord wijzigen");
    await inspect(toezicht, "wachtwoord wijzigen");

    // A boa on the street.
    await signIn(boa, USERS.boa);
    await boa.goto(`${server.url}/werk/boa`);
    await h1(boa, "Op straat");
    await boa.getByRole("button", { name: "Zoek met mijn locatie" }).click();
    await boa.getByTestId("boa-buurt-aantal").waitFor();
    await inspect(boa, "op straat (boa, met locatie)");
    await boa.goto(`${server.url}/werk/meldingen/${nummer}`);
    await h1(boa, `Melding ${nummer}`);
    await boa.getByTestId("historie").waitFor();
    await inspect(boa, "meldingdetail (boa)");

    // A beheerder: Beheer with users, routing, departments and API keys.
    await signIn(beheer, USERS.beheer);
    await beheer.goto(`${server.url}/werk/beheer`);
    await h1(beheer, "Beheer");
    await beheer.getByTestId("gebruikers").waitFor();
    await beheer.getByTestId("routeringsregels").waitFor();
    await inspect(beheer, "beheer (beheerder)");

    // An analist: Analyse, Programma's with the Highlights, a programme.
    await signIn(analist, USERS.analist);
    await analist.goto(`${server.url}/werk/analyse`);
    await h1(analist, /Analyse/);
    await analist.getByTestId("analyse-samenvatting").waitFor({ timeout: 90000 });
    await analist.getByTestId("tijdpatronen-samenvatting").waitFor({ timeout: 60000 });
    await inspect(analist, "analyse");
    await analist.goto(`${server.url}/werk/programmas`);
    await h1(analist, "Programma's");
    await analist.getByTestId("highlights-tekst").waitFor({ timeout: 30000 });
    await inspect(analist, "programma's met highlights");
    await analist.goto(`${server.url}/werk/programmas/leefbaarheid-veiligheid-2022-2024`);
    await h1(analist, /Leefbaarheid en Veiligheid/);
    await analist.getByTestId("actielijnen").waitFor();
    await inspect(analist, "programma");
    await analist.goto(`${server.url}/werk/wijken`);
    await h1(analist, "Wijkbeeld");
    await analist.getByTestId("wijkbeeld-samenvatting").waitFor({ timeout: 60000 });
    await inspect(analist, "wijkbeeld (analist)");
    await analist.goto(`${server.url}/werk/meldingen/${nummer}`);
    await analist.getByRole("heading", { level: 1 }).waitFor();
    await inspect(analist, "meldingdetail (analist)");

    assert.ok(sweepPages >= 22, `${sweepPages} pagina's bekeken`);
    assert.deepEqual(sweepFindings, []);
  });

  await check("9. boa: mogelijke dubbele meldingen al tijdens het invullen, met de status in woorden (geen code)", async () => {
    // A toezichthouder takes the dumping melding in hand: its status is now "In behandeling".
    await toezicht.setViewportSize(PHONE);
    await toezicht.goto(`${server.url}/werk/meldingen/${dumping.nummer}`);
    await toezicht.getByRole("heading", { level: 1, name: `Melding ${dumping.nummer}` }).waitFor();
    await toezicht.getByLabel("Nieuwe status").selectOption("in_behandeling");
    await toezicht.getByRole("button", { name: "Status wijzigen" }).click();
    await toezicht.getByTestId("status").filter({ hasText: /^In behandeling$/ }).waitFor();

    await boa.goto(`${server.url}/werk/boa`);
    await boa.getByRole("heading", { level: 1, name: "Op straat" }).waitFor();
    await boa.getByLabel("Categorie", { exact: true }).selectOption("dumping");
    await boa.getByLabel("Wat ziet u?").fill("Afgedankte matrassen en een bank gedumpt achter de flat.");
    await boa.getByRole("button", { name: "Mijn locatie gebruiken" }).click();
    await boa.getByTestId("gekozen-plek").filter({ hasText: /Gekozen plek in buurt/ }).waitFor();
    // Before sending: the dumping a few metres away, with its status as a word.
    const vooraf = boa.getByTestId("mogelijk-dubbel-vooraf");
    await vooraf.getByRole("link", { name: dumping.nummer }).waitFor();
    const tekst = await vooraf.textContent();
    assert.match(tekst, /Mogelijk dubbel/);
    assert.match(tekst, /In behandeling/);
    assert.doesNotMatch(tekst, /\b[a-z]+_[a-z_]+\b/, `een code in beeld: ${tekst}`);
    const findings = await axeSerious(boa);
    assert.deepEqual(findings, [], "axe op het formulier met mogelijke dubbele meldingen");
    // The boa makes it anyway: the answer names the duplicate, again with the status in words.
    await boa.getByRole("button", { name: "Melding maken" }).click();
    const na = boa.getByTestId("mogelijk-dubbel");
    await na.getByRole("link", { name: dumping.nummer }).waitFor();
    const naTekst = await na.textContent();
    assert.match(naTekst, /In behandeling/);
    assert.doesNotMatch(naTekst, /in_behandeling|\b[a-z]+_[a-z_]+\b/, `een code in beeld: ${naTekst}`);
  });

  await check("9. enkelvoud en meervoud, geen vaktaal: '1 melding getoond', '1 foto', een onbekende volglink, een omgekeerde periode, 'Bron:' eenmaal", async () => {
    // The werkvoorraad finds exactly one melding.
    await toezicht.goto(`${server.url}/werk?zoek=${uniqueWord}&status=alle`);
    const aantal = toezicht.getByTestId("aantal");
    await aantal.filter({ hasText: /getoond/ }).waitFor();
    assert.match(await aantal.textContent(), /^1 melding getoond\./);

    // A resident adds one photo: the check step says "1 foto".
    await pub.goto(`${server.url}/melden`);
    await pub.getByLabel("Beschrijving").fill("Er ligt veel zwerfafval bij de speeltuin, blikjes en plastic zakken.");
    await pub.getByLabel("Categorie", { exact: true }).selectOption("zwerfafval");
    await pub.getByRole("button", { name: "Volgende stap" }).click();
    const buurtSelect = pub.getByLabel(/Zoek een buurt/);
    await buurtSelect.locator("option", { hasText: "Binnenstad-Oost" }).first().waitFor({ state: "attached" });
    await buurtSelect.selectOption({ label: "Binnenstad-Oost" });
    await pub.getByTestId("gekozen-plek").filter({ hasText: "Binnenstad-Oost" }).waitFor();
    await pub.getByRole("button", { name: "Volgende stap" }).click();
    await pub.getByLabel(/^Foto's/).setInputFiles({ name: "afval.png", mimeType: "image/png", buffer: tinyPng() });
    await pub.getByRole("img", { name: /Foto 1: afval.png/ }).waitFor();
    await pub.getByRole("button", { name: "Volgende stap" }).click();
    await pub.getByRole("heading", { level: 2, name: /contactgegevens/ }).waitFor();
    await pub.getByRole("button", { name: "Volgende stap" }).click();
    await pub.getByRole("heading", { level: 2, name: /Controleren en versturen/ }).waitFor();
    await pub.locator("dd").filter({ hasText: /^1 foto$/ }).waitFor();
    assert.doesNotMatch(await pub.locator("main").textContent(), /foto\('s\)/);

    // A follow link that belongs to no melding: the resident's words, not the server's.
    await pub.goto(`${server.url}/volgen/bestaat-niet-${Date.now()}`);
    const alert = pub.getByRole("alert");
    await alert.filter({ hasText: "Geen melding gevonden" }).waitFor();
    const volg = await pub.locator("main").textContent();
    assert.match(volg, /Bij deze volglink hoort geen melding/);
    assert.doesNotMatch(volg, /pagina of bron/i);

    // Analyse with the end before the start: said at the field "Tot en met", in words.
    await analist.goto(`${server.url}/werk/analyse`);
    await analist.getByRole("heading", { level: 1, name: /Analyse/ }).waitFor();
    await analist.getByLabel("Van", { exact: true }).fill("2025-06-01");
    await analist.getByLabel("Tot en met", { exact: true }).fill("2025-01-01");
    await analist.getByRole("button", { name: "Toon", exact: true }).click();
    const tot = analist.getByLabel("Tot en met", { exact: true });
    await analist.getByText(/ligt vóór de datum bij ‘Van’/).first().waitFor();
    assert.equal(await tot.getAttribute("aria-invalid"), "true");
    const analyse = await analist.locator("main").textContent();
    assert.doesNotMatch(analyse, /tot ligt voor van/i);
    // Also when the address itself has the period reversed.
    await analist.goto(`${server.url}/werk/analyse?van=2025-06-01&tot=2025-01-01`);
    await analist.getByText(/ligt vóór de datum bij ‘Van’/).first().waitFor();
    await analist.waitForLoadState("networkidle").catch(() => undefined);
    assert.doesNotMatch(await analist.locator("main").textContent(), /tot ligt voor van/i);

    // Wijkbeeld the same.
    await analist.goto(`${server.url}/werk/wijken`);
    await analist.getByRole("heading", { level: 1, name: "Wijkbeeld" }).waitFor();
    await analist.getByLabel("Van", { exact: true }).fill("2025-06-01");
    await analist.getByLabel("Tot en met", { exact: true }).fill("2025-01-01");
    await analist.getByRole("button", { name: "Toon", exact: true }).click();
    await analist.getByText(/ligt vóór de datum bij ‘Van’/).first().waitFor();
    assert.equal(await analist.getByLabel("Tot en met", { exact: true }).getAttribute("aria-invalid"), "true");
    assert.doesNotMatch(await analist.locator("main").textContent(), /tot ligt voor van/i);

    // The Highlights name their source once.
    await analist.goto(`${server.url}/werk/programmas`);
    const hl = analist.getByTestId("highlights-tekst");
    await hl.waitFor({ timeout: 30000 });
    const bron = await hl.locator(".baken-bron").textContent();
    assert.match(bron, /^Bron: \S/);
    assert.doesNotMatch(bron, /Bron:\s*Bron:/i);
  });

  await check("10. kaarten openen op de gemeente: de gebieden vullen het grootste deel van de kaart", async () => {
    const desk = { width: 1280, height: 900 };
    await pub.setViewportSize(desk);
    await pub.goto(`${server.url}/kaart`);
    await pub.getByTestId("kaart-tabel").waitFor();
    const publiek = pub.locator(".baken-map").first();
    await publiek.locator(".leaflet-overlay-pane path").first().waitFor();
    assertFills(await areaFill(publiek), "publieke kaart");
    // Its markers: numbered groups adding up to the open meldingen in the table, none overlapping.
    const open = (await pub.getByTestId("kaart-tabel").locator("tbody td:nth-of-type(2)").allTextContents()).reduce((a, c) => a + Number(c), 0);
    await pub.getByTestId("kaart-totaal").filter({ hasText: `Op de kaart: ${open} open melding` }).waitFor();
    const pins = await mapMarkers(pub, "publieke-kaart", ".leaflet-marker-icon[data-aantal]");
    assert.equal(pins.reduce((a, m) => a + m.n, 0), open, "de markers tellen op tot de open meldingen");
    assertNoOverlap(pins);
    console.log(`# publieke kaart: ${open} open meldingen als ${pins.length} markers`);
    await pub.goto(`${server.url}/melden`);
    await pub.getByLabel("Beschrijving").fill("Er ligt veel zwerfafval bij de speeltuin, blikjes en plastic zakken.");
    await pub.getByLabel("Categorie", { exact: true }).selectOption("zwerfafval");
    await pub.getByRole("button", { name: "Volgende stap" }).click();
    const picker = pub.getByTestId("locatiekaart");
    await picker.locator(".leaflet-overlay-pane path").first().waitFor();
    assertFills(await areaFill(picker), "melding maken: de plek kiezen");
    await pub.setViewportSize(PHONE);

    await toezicht.setViewportSize(desk);
    await toezicht.goto(`${server.url}/werk/wijken`);
    await toezicht.getByTestId("wijkbeeld-samenvatting").waitFor({ timeout: 60000 });
    const wijk = toezicht.getByTestId("wijkkaart");
    await wijk.locator("path.leaflet-interactive").first().waitFor();
    assertFills(await areaFill(wijk), "wijkbeeld");
    // All meldingen of the demo year, as a coordinator looks over the whole city.
    await toezicht.goto(`${server.url}/werk?weergave=kaart&status=alle`);
    const werk = toezicht.getByTestId("werkkaart");
    await werk.locator(".leaflet-overlay-pane path").first().waitFor();
    await toezicht.getByTestId("kaart-totaal").filter({ hasText: /^Op de kaart/ }).waitFor();
    assertFills(await areaFill(werk), "werkvoorraad");
  });

  await check("10. de werkvoorraadkaart groepeert markers met aantallen die optellen tot het getoonde totaal; geen overlap, elk ≥ 24 x 24 px; een groepje zoomt in", async () => {
    const page = toezicht; // still 1280 x 900 on the werkvoorraad map
    const aantal = Number((await page.getByTestId("aantal").textContent()).match(/^(\d+) meldingen? getoond/)[1]);
    assert.ok(aantal > 50, `de werkvoorraad toont ${aantal} meldingen`);
    const totaal = Number((await page.getByTestId("kaart-totaal").textContent()).match(/^Op de kaart: (\d+) melding/)[1]);
    assert.equal(totaal, aantal, "het totaal bij de kaart is het getoonde aantal");
    const before = await mapMarkers(page);
    assert.equal(before.reduce((s, m) => s + m.n, 0), aantal, "de aantallen op de kaart tellen op tot het totaal");
    const groups = before.filter((m) => m.kind === "werk-cluster");
    assert.ok(groups.length > 0, "meldingen dicht bij elkaar staan in een groepje");
    for (const g of groups) {
      assert.ok(g.n > 1, `${g.label}`);
      assert.equal(g.text, String(g.n), "het groepje toont zijn aantal");
      assert.match(g.label, new RegExp(`^${g.n} meldingen hier`));
    }
    assertNoOverlap(before);
    console.log(`# werkvoorraadkaart: ${aantal} meldingen als ${before.length} markers, ${groups.length} groepjes (grootste ${Math.max(...groups.map((g) => g.n))})`);
    await axe(page);
    // Enter on the biggest group zooms in: more, smaller groups, the same total.
    const biggest = groups.reduce((a, b) => (b.n > a.n ? b : a));
    const el = page.locator(`[data-testid="werk-cluster"][aria-label="${biggest.label}"]`).first();
    await el.focus();
    await page.keyboard.press("Enter");
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="werk-cluster"], [data-testid="werk-marker"]').length > n, before.length);
    const after = await mapMarkers(page);
    assert.equal(after.reduce((s, m) => s + m.n, 0), aantal, "na inzoomen dezelfde optelling");
    assertNoOverlap(after);
    // A single melding opens with Enter.
    const one = page.getByTestId("werk-marker").first();
    await one.waitFor();
    const name = await one.getAttribute("aria-label");
    await one.focus();
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { level: 1, name: `Melding ${name.split(":")[0]}` }).waitFor();
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
