// Browser tests of the forms as residents and staff fill them in, against a real `baken serve` with
// a fresh demo database, in Debian's chromium through playwright-core:
//  - checkboxes: the label beside the box using the width, the error below it without overlap, a
//    ticked box that looks different from an empty one, a visible focus ring (360 px and desktop);
//  - Melding maken: every step has its own address, so Back and Forward move between steps with
//    the input kept, a reload keeps text, category, place and contact (photos must be added again,
//    and the form says so), and after sending a new melding starts empty;
//  - bad input is caught when it is entered: a text file named x.png is refused the moment it is
//    chosen, a routing rule's bad time shows its error on leaving the field and a rule with mistakes
//    does not enter the list, and Beheer forms show all their mistakes at once (a summary with links
//    to the fields plus the message at each field, aria-invalid and aria-describedby).
// axe-core (WCAG 2.0/2.1 A and AA, 2.2 AA) runs on every page visited; serious or critical fails.
//
//   node tests/e2e/forms_test.mjs --baken build/debug/baken --source . --shared ../shared
import assert from "node:assert/strict";
import path from "node:path";
import { findChromium, loadBrowserLibs, parseArgs, setUpDatabase, startServer, tinyPng, totp } from "./lib.mjs";

const args = parseArgs(process.argv.slice(2));
const source = path.resolve(args.source ?? ".");
const baken = path.resolve(args.baken ?? "build/debug/baken");
const shared = path.resolve(args.shared ?? path.join(source, "..", "shared"));

const BEHEERDER = { username: "femke", name: "Femke Mulder", email: "femke@example.nl", role: "beheerder", departments: [], password: "Herfst-Blad-Molen-2026" };

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
const t0 = Date.now();
const setup = setUpDatabase({ baken, source, shared, users: [BEHEERDER] });
console.log(`# database klaar in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
const server = await startServer({ baken, source, setup });
console.log(`# baken serve op ${server.url}`);
const browser = await chromium.launch({
  executablePath: findChromium(),
  headless: true,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
});

const axeFindings = [];
const pageErrors = [];
const externalRequests = [];
let axePages = 0;

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
    page.on("console", (msg) => {
      if (/Content Security Policy|Refused to (apply|load|execute)/i.test(msg.text())) pageErrors.push(msg.text());
    });
    page.on("pageerror", (e) => pageErrors.push(`scriptfout: ${e.message}`));
  });
  return context;
}

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

/** Bounding boxes overlap (a shared area of more than one pixel either way). */
function overlaps(a, b) {
  return a.x < b.x + b.width - 1 && b.x < a.x + a.width - 1 && a.y < b.y + b.height - 1 && b.y < a.y + a.height - 1;
}

/** The label sits beside its box: to its right, starting within the box's height. */
function assertBeside(box, label, what) {
  assert.ok(label.x >= box.x + box.width, `${what}: het label staat rechts van het vakje (${JSON.stringify({ box, label })})`);
  assert.ok(label.y < box.y + box.height && label.y + 2 >= box.y - box.height, `${what}: het label begint naast het vakje, niet eronder`);
}

/** The picture and colour of a checkbox, unfocused, so ticked and unticked can be compared. */
async function boxLook(page, box) {
  await page.evaluate(() => (document.activeElement instanceof HTMLElement ? document.activeElement.blur() : undefined));
  await page.mouse.move(0, 0);
  const shot = await box.screenshot();
  const colour = await box.evaluate((el) => getComputedStyle(el).backgroundColor);
  return { shot, colour };
}

/** A ticked box must look different from an empty one: in pixels and in colour. */
async function assertTickVisible(page, box, what) {
  if (await box.isChecked()) await box.uncheck();
  const empty = await boxLook(page, box);
  await box.check();
  const ticked = await boxLook(page, box);
  assert.ok(!empty.shot.equals(ticked.shot), `${what}: aangevinkt ziet er anders uit dan leeg`);
  assert.notEqual(ticked.colour, empty.colour, `${what}: aangevinkt heeft een andere kleur (${ticked.colour})`);
}

/** The form up to the contact step: description, category, a buurt, no photos. */
async function toContactStep(page) {
  await page.goto(`${server.url}/melden`);
  await page.getByRole("heading", { level: 1, name: "Melding maken" }).waitFor();
  await page.getByLabel("Beschrijving").fill("Bij het bankje ligt al dagen zwerfafval: blikjes en plastic zakken.");
  await page.getByLabel("Categorie", { exact: true }).selectOption("zwerfafval");
  await page.getByRole("button", { name: "Volgende stap" }).click();
  await chooseBuurt(page, "Binnenstad-Oost");
  await page.getByRole("button", { name: "Volgende stap" }).click();
  await page.getByRole("heading", { level: 2, name: /Foto's toevoegen/ }).waitFor();
  await page.getByRole("button", { name: "Volgende stap" }).click();
  await page.getByRole("heading", { level: 2, name: /contactgegevens/ }).waitFor();
}

async function chooseBuurt(page, naam) {
  await page.getByRole("heading", { level: 2, name: /Waar is het/ }).waitFor();
  const buurtSelect = page.getByLabel(/Zoek een buurt/);
  await buurtSelect.locator("option", { hasText: naam }).first().waitFor({ state: "attached" });
  await buurtSelect.selectOption({ label: naam });
  await page.getByTestId("gekozen-plek").filter({ hasText: naam }).waitFor();
}

try {
  for (const [label, viewport, mobile] of [["360 px", { width: 360, height: 740 }, true], ["desktop", { width: 1280, height: 900 }, false]]) {
    await check(`checkbox toestemming (${label}): label naast het vakje over de breedte, fout eronder zonder overlap, vinkje zichtbaar, focus zichtbaar`, async () => {
      const ctx = await newContext({ viewport, isMobile: mobile, hasTouch: mobile });
      const page = await ctx.newPage();
      try {
        await toContactStep(page);
        await page.getByLabel(/E-mailadres/).fill("bewoner@example.nl");
        await page.getByRole("button", { name: "Volgende stap" }).click();
        const error = page.locator(".utrecht-form-field-error-message", { hasText: "Geef toestemming" });
        await error.waitFor();
        await axe(page, `melding maken contact met fout bij toestemming (${label})`);

        const box = page.getByRole("checkbox", { name: /toestemming om mij over deze melding/ });
        const form = await page.locator("form").boundingBox();
        const labelBox = await page.locator("label", { hasText: /toestemming om mij over deze melding/ }).boundingBox();
        const boxBox = await box.boundingBox();
        const errorBox = await error.boundingBox();
        assert.ok(labelBox.width > 0.6 * form.width, `label ${labelBox.width.toFixed(0)} px breed van een formulier van ${form.width.toFixed(0)} px`);
        assertBeside(boxBox, labelBox, "toestemming");
        assert.ok(!overlaps(errorBox, labelBox), `de fout overlapt het label niet (${JSON.stringify({ errorBox, labelBox })})`);
        assert.ok(!overlaps(errorBox, boxBox), "de fout overlapt het vakje niet");
        assert.ok(errorBox.y >= labelBox.y + labelBox.height - 1, "de fout staat onder het label");
        const errorId = await error.getAttribute("id");
        assert.ok(((await box.getAttribute("aria-describedby")) ?? "").split(" ").includes(errorId), "de fout hoort bij het vakje");
        assert.equal(await box.getAttribute("aria-invalid"), "true");
        const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
        assert.ok(scrollWidth <= viewport.width, `geen horizontaal scrollen (${scrollWidth} px)`);

        await assertTickVisible(page, box, "toestemming");
        // Keyboard focus: a ring around the box.
        await page.getByLabel(/Telefoonnummer/).focus();
        await page.keyboard.press("Tab");
        assert.equal(await box.evaluate((el) => el === document.activeElement), true, "Tab komt op het vakje");
        const ring = await box.evaluate((el) => {
          const s = getComputedStyle(el);
          return { style: s.outlineStyle, width: parseFloat(s.outlineWidth), shadow: s.boxShadow };
        });
        assert.ok(ring.style !== "none" && ring.width >= 2, `zichtbare focusrand: ${JSON.stringify(ring)}`);
        await axe(page, `melding maken contact, toestemming aangevinkt (${label})`);
      } finally {
        await ctx.close();
      }
    });
  }

  await check("Melding maken: elke stap een eigen adres; Terug en Vooruit houden de invoer, herladen ook, na versturen begint een nieuwe melding leeg", async () => {
    const ctx = await newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    const page = await ctx.newPage();
    try {
      const tekst = "Op de stoep bij de bushalte ligt veel zwerfafval, vooral blikjes.";
      await page.goto(`${server.url}/melden`);
      await page.getByRole("heading", { level: 2, name: /Stap 1 van 5/ }).waitFor();
      await page.getByLabel("Beschrijving").fill(tekst);
      await page.getByLabel("Categorie", { exact: true }).selectOption("zwerfafval");
      await page.getByRole("button", { name: "Volgende stap" }).click();
      await chooseBuurt(page, "Binnenstad-Oost");
      assert.match(page.url(), /[?&]stap=2\b/, "stap 2 heeft een eigen adres");

      // The browser's Back: step 1, with what was typed.
      await page.goBack();
      await page.getByRole("heading", { level: 2, name: /Stap 1 van 5/ }).waitFor();
      assert.equal(await page.getByLabel("Beschrijving").inputValue(), tekst);
      assert.equal(await page.getByLabel("Categorie", { exact: true }).inputValue(), "zwerfafval");
      await axe(page, "melding maken stap 1 na Terug");
      // Forward: step 2 with the place still chosen.
      await page.goForward();
      await page.getByRole("heading", { level: 2, name: /Waar is het/ }).waitFor();
      await page.getByTestId("gekozen-plek").filter({ hasText: "Binnenstad-Oost" }).waitFor();
      await page.getByRole("button", { name: "Volgende stap" }).click();
      await page.getByRole("heading", { level: 2, name: /Foto's toevoegen/ }).waitFor();
      assert.match(page.url(), /[?&]stap=3\b/);
      await page.getByLabel(/^Foto's/).setInputFiles({ name: "afval.png", mimeType: "image/png", buffer: tinyPng() });
      await page.getByRole("img", { name: /Foto 1: afval.png/ }).waitFor();
      await page.getByRole("button", { name: "Volgende stap" }).click();
      await page.getByRole("heading", { level: 2, name: /contactgegevens/ }).waitFor();
      await page.getByLabel(/^Naam/).fill("Jan Jansen");
      await page.getByLabel(/E-mailadres/).fill("jan@example.nl");
      await page.getByLabel(/toestemming om mij over deze melding/).check();
      await page.getByRole("button", { name: "Volgende stap" }).click();
      await page.getByRole("heading", { level: 2, name: /Controleren en versturen/ }).waitFor();

      // A reload keeps text, category, place and contact; the photo is gone and the form says so.
      await page.reload();
      await page.getByRole("heading", { level: 2, name: /Controleren en versturen/ }).waitFor();
      const summary = page.locator("dl.baken-dl");
      await summary.filter({ hasText: tekst }).waitFor();
      await summary.filter({ hasText: "Zwerfafval" }).filter({ hasText: "Binnenstad-Oost" }).filter({ hasText: "jan@example.nl" }).waitFor();
      await page.getByTestId("fotos-kwijt").filter({ hasText: /foto's niet bewaard/ }).waitFor();
      await axe(page, "melding maken stap 5 na herladen");
      await page.goBack();
      await page.getByRole("heading", { level: 2, name: /contactgegevens/ }).waitFor();
      assert.equal(await page.getByLabel(/^Naam/).inputValue(), "Jan Jansen");
      assert.equal(await page.getByLabel(/toestemming om mij over deze melding/).isChecked(), true);
      await page.goBack();
      await page.getByRole("heading", { level: 2, name: /Foto's toevoegen/ }).waitFor();
      await page.getByTestId("fotos-kwijt").waitFor();
      await axe(page, "melding maken stap 3 na herladen (foto's opnieuw toevoegen)");
      await page.getByLabel(/^Foto's/).setInputFiles({ name: "afval.png", mimeType: "image/png", buffer: tinyPng() });
      await page.getByRole("img", { name: /Foto 1: afval.png/ }).waitFor();
      assert.equal(await page.getByTestId("fotos-kwijt").count(), 0, "de melding verdwijnt als er weer een foto is");
      await page.getByRole("button", { name: "Volgende stap" }).click();
      await page.getByRole("button", { name: "Volgende stap" }).click();
      await page.getByRole("heading", { level: 2, name: /Controleren en versturen/ }).waitFor();
      await page.getByRole("button", { name: "Melding versturen" }).click();
      await page.getByRole("heading", { level: 1, name: /uw melding is verstuurd/ }).waitFor();

      // A new melding starts empty.
      await page.getByRole("link", { name: /melding maken/i }).last().click();
      await page.getByRole("heading", { level: 2, name: /Stap 1 van 5/ }).waitFor();
      assert.equal(await page.getByLabel("Beschrijving").inputValue(), "");
      assert.equal(await page.getByLabel("Categorie", { exact: true }).inputValue(), "");
      await page.reload();
      await page.getByRole("heading", { level: 2, name: /Stap 1 van 5/ }).waitFor();
      assert.equal(await page.getByLabel("Beschrijving").inputValue(), "");
      // An address of a later step without the earlier ones filled in lands on step 1.
      await page.goto(`${server.url}/melden?stap=4`);
      await page.getByRole("heading", { level: 2, name: /Stap 1 van 5/ }).waitFor();
    } finally {
      await ctx.close();
    }
  });

  await check("Melding maken: een tekstbestand met de naam x.png wordt meteen bij het kiezen geweigerd, in gewone taal", async () => {
    const ctx = await newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    const page = await ctx.newPage();
    try {
      await page.goto(`${server.url}/melden`);
      await page.getByLabel("Beschrijving").fill("Een kapotte lantaarnpaal bij de speeltuin, al een week.");
      await page.getByLabel("Categorie", { exact: true }).selectOption("zwerfafval");
      await page.getByRole("button", { name: "Volgende stap" }).click();
      await chooseBuurt(page, "Binnenstad-Oost");
      await page.getByRole("button", { name: "Volgende stap" }).click();
      await page.getByRole("heading", { level: 2, name: /Foto's toevoegen/ }).waitFor();
      const input = page.getByLabel(/^Foto's/);
      await input.setInputFiles({ name: "x.png", mimeType: "image/png", buffer: Buffer.from("Dit is gewoon tekst, geen foto.\n") });
      // At once, before Next or Send: at the field and in the summary, tied to the input.
      const fieldError = page.locator("#melding-fotos-fout");
      await fieldError.filter({ hasText: "Het bestand x.png is geen foto. Kies een JPG- of PNG-foto." }).waitFor();
      await page.getByTestId("foutenoverzicht").getByRole("link", { name: /x\.png is geen foto/ }).waitFor();
      assert.equal(await input.getAttribute("aria-invalid"), "true");
      assert.match((await input.getAttribute("aria-describedby")) ?? "", /melding-fotos-fout/);
      assert.equal(await page.getByRole("img", { name: /x\.png/ }).count(), 0, "het bestand is niet toegevoegd");
      assert.doesNotMatch(await page.locator("body").innerText(), /past niet bij het type/);
      await axe(page, "melding maken stap 3 met een bestand dat geen foto is");
      // A real photo is accepted after it, and the message goes.
      await input.setInputFiles({ name: "foto.png", mimeType: "image/png", buffer: tinyPng() });
      await page.getByRole("img", { name: /Foto 1: foto.png/ }).waitFor();
      assert.equal(await fieldError.count(), 0);
    } finally {
      await ctx.close();
    }
  });

  const desk = await newContext({ viewport: { width: 1280, height: 1000 } });
  const admin = await desk.newPage();
  await check("Beheer: een beheerder meldt zich aan met tweestapsverificatie", async () => {
    await admin.goto(`${server.url}/werk`);
    await admin.getByRole("heading", { level: 1, name: /Aanmelden/ }).waitFor();
    await admin.getByLabel("Gebruikersnaam").fill(BEHEERDER.username);
    await admin.getByLabel("Wachtwoord").fill(BEHEERDER.password);
    await admin.getByRole("button", { name: "Aanmelden" }).click();
    await admin.getByRole("heading", { level: 1, name: "Tweestapsverificatie instellen" }).waitFor();
    const secret = (await admin.getByTestId("totp-geheim").textContent()).trim();
    await admin.getByLabel("Code uit de app").fill(totp(secret));
    await admin.getByRole("button", { name: "Bevestigen" }).click();
    // A beheerder lands on Beheer, the page the role works on.
    await admin.getByRole("heading", { level: 1, name: "Beheer" }).waitFor();
    await axe(admin, "beheer");
  });

  await check("Beheer → Routering: een foute tijd geeft meteen een fout bij het veld; een regel met fouten komt niet in de lijst en toont alle fouten tegelijk", async () => {
    await admin.getByRole("button", { name: "Regel toevoegen" }).click();
    const ruleForm = admin.getByTestId("regel-formulier");
    await ruleForm.getByLabel("Naam van de regel").fill("Nachtregel met fouten");
    await ruleForm.getByLabel("Afdeling").selectOption("stadsbeheer");
    const van = ruleForm.getByLabel(/^Van/);
    await van.fill("25:99");
    await van.press("Tab");
    // On leaving the field, before "Regel overnemen" or saving.
    await ruleForm.getByText("Ongeldige tijd bij Van: '25:99'").waitFor();
    assert.equal(await van.getAttribute("aria-invalid"), "true");
    const vanDesc = (await van.getAttribute("aria-describedby")) ?? "";
    const vanError = await admin.evaluate((ids) => ids.split(" ").map((id) => document.getElementById(id)?.textContent ?? "").join(" "), vanDesc);
    assert.match(vanError, /Ongeldige tijd bij Van/);
    await axe(admin, "routering: foute tijd bij het veld");
    await ruleForm.getByLabel(/^Tot/).fill("06:00");
    await ruleForm.getByLabel(/^Kanalen/).fill("web, fax");
    // No summary while typing: it comes with the attempt to take the rule over.
    assert.equal(await admin.getByTestId("foutenoverzicht").count(), 0);
    await ruleForm.getByRole("button", { name: "Regel overnemen" }).click();
    const summary = admin.getByRole("region", { name: "Regel toevoegen" }).getByTestId("foutenoverzicht");
    await summary.getByRole("link", { name: /Ongeldige tijd bij Van/ }).waitFor();
    await summary.getByRole("link", { name: /Onbekend kanaal 'fax'/ }).waitFor();
    assert.equal(await summary.getByRole("link").count(), 2, "precies de twee fouten");
    assert.equal(await ruleForm.getByLabel(/^Kanalen/).getAttribute("aria-invalid"), "true");
    assert.equal(await admin.getByTestId("routeringsregels").locator('tr[data-regel="Nachtregel met fouten"]').count(), 0, "de regel staat niet in de lijst");
    assert.equal(await admin.getByRole("button", { name: "Routering opslaan" }).isDisabled(), true, "er is niets op te slaan");
    // A link of the summary takes the keyboard to the field.
    await summary.getByRole("link", { name: /Onbekend kanaal/ }).click();
    assert.equal(await ruleForm.getByLabel(/^Kanalen/).evaluate((el) => el === document.activeElement), true);
    await axe(admin, "routering: regel met twee fouten");
    // Weekday checkboxes: label beside the box, the tick visible.
    const zondag = ruleForm.getByRole("checkbox", { name: "zondag" });
    const zBox = await zondag.boundingBox();
    const zLabel = await ruleForm.locator("label", { hasText: /^zondag$/ }).boundingBox();
    assertBeside(zBox, zLabel, "weekdag");
    await assertTickVisible(admin, zondag, "weekdag");
    await ruleForm.getByRole("button", { name: "Annuleren" }).click();
  });

  await check("Beheer → gebruiker toevoegen met drie foute velden: alle fouten tegelijk, in het overzicht en bij elk veld", async () => {
    const userForm = admin.getByTestId("gebruiker-formulier");
    await userForm.getByLabel("Gebruikersnaam").fill("a b");
    await userForm.getByLabel("Naam", { exact: true }).fill("");
    await userForm.getByLabel(/E-mailadres/).fill("geen-adres");
    await userForm.getByRole("button", { name: "Gebruiker toevoegen" }).click();
    const summary = admin.getByRole("region", { name: "Gebruiker toevoegen" }).getByTestId("foutenoverzicht");
    await summary.getByRole("link").first().waitFor();
    assert.equal(await summary.getByRole("link").count(), 3, `${await summary.innerText()}`);
    for (const [label, text] of [["Gebruikersnaam", /2 tot 64 tekens, zonder spaties/], ["Naam", /naam van de medewerker/], ["E-mailadres", /geldig e-mailadres/]]) {
      const field = userForm.getByLabel(label, { exact: label === "Naam" });
      assert.equal(await field.getAttribute("aria-invalid"), "true", `${label} is gemarkeerd`);
      const described = await admin.evaluate((ids) => ids.split(" ").map((id) => document.getElementById(id)?.textContent ?? "").join(" "), (await field.getAttribute("aria-describedby")) ?? "");
      assert.match(described, text, `${label}: de fout bij het veld`);
    }
    assert.equal(await admin.evaluate(() => document.activeElement?.closest("[data-testid=foutenoverzicht]") !== null), true, "de focus staat op het overzicht");
    await axe(admin, "beheer: gebruiker met drie fouten");
    // Fixing them makes the messages go as the fields are corrected; the account is made.
    await userForm.getByLabel("Gebruikersnaam").fill("pieter");
    await userForm.getByLabel("Naam", { exact: true }).fill("Pieter de Boer");
    await userForm.getByLabel(/E-mailadres/).fill("pieter@example.nl");
    assert.equal(await summary.count(), 0, "geen fouten meer");
    await userForm.getByLabel("Rol").selectOption("analist");
    await userForm.getByRole("button", { name: "Gebruiker toevoegen" }).click();
    await userForm.getByTestId("tijdelijk-wachtwoord").waitFor();
  });

  await check("Beheer → categorie met twee foute velden: beide fouten tegelijk; de checkbox 'Op de openbare kaart' staat goed", async () => {
    const row = admin.getByTestId("categorieen").locator('tr[data-code="hondenpoep"]');
    await row.getByRole("button", { name: "Wijzigen Hondenpoep" }).click();
    const form = admin.getByTestId("categorie-formulier");
    await admin.getByRole("heading", { level: 3, name: "Categorie wijzigen: Hondenpoep" }).waitFor();
    const opKaart = form.getByRole("checkbox", { name: "Op de openbare kaart" });
    const formBox = await form.boundingBox();
    const labelBox = await form.locator("label", { hasText: "Op de openbare kaart" }).boundingBox();
    assert.ok(labelBox.width > 0.6 * formBox.width, `label ${labelBox.width.toFixed(0)} px van ${formBox.width.toFixed(0)} px`);
    assertBeside(await opKaart.boundingBox(), labelBox, "op de openbare kaart");
    const wasChecked = await opKaart.isChecked();
    await assertTickVisible(admin, opKaart, "op de openbare kaart");
    if (!wasChecked) await opKaart.uncheck();

    await form.getByLabel("Naam", { exact: true }).fill("");
    await form.getByLabel("Afhandeltermijn").fill("veel");
    await form.getByRole("button", { name: "Opslaan" }).click();
    const summary = admin.getByRole("region", { name: "Categorie wijzigen: Hondenpoep" }).getByTestId("foutenoverzicht");
    await summary.getByRole("link", { name: "Vul de naam in." }).waitFor();
    await summary.getByRole("link", { name: /geheel getal van 1 tot en met 365/ }).waitFor();
    assert.equal(await summary.getByRole("link").count(), 2, await summary.innerText());
    assert.equal(await form.getByLabel("Naam", { exact: true }).getAttribute("aria-invalid"), "true");
    assert.equal(await form.getByLabel("Afhandeltermijn").getAttribute("aria-invalid"), "true");
    await form.getByText("Vul de naam in.").waitFor();
    await form.getByText("De termijn moet een geheel getal van 1 tot en met 365 zijn.").waitFor();
    await axe(admin, "beheer: categorie met twee fouten");
    await form.getByRole("button", { name: "Sluiten" }).click();
  });

  await check("toegankelijkheid: axe-core (WCAG 2.2 AA) vindt niets ernstigs of kritieks", async () => {
    assert.ok(axePages >= 10, `axe draaide op ${axePages} pagina's`);
    assert.deepEqual(axeFindings, []);
  });
  await check("CSP: geen geweigerde scripts of stijlen, geen scriptfouten", async () => {
    assert.deepEqual(pageErrors, []);
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
