// Talking to Baken's API: JSON in and out, RFC 9457 problem+json errors turned into ApiError with
// the Dutch message and the fields it names, the CSRF token sent on every unsafe request.

export interface InvalidParam {
  name: string;
  reason: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly fields: InvalidParam[];
  constructor(status: number, title: string, detail: string, code: string, fields: InvalidParam[]) {
    super(detail);
    this.status = status;
    this.title = title;
    this.code = code;
    this.fields = fields;
  }
  /** The message for one field (by API name), if the API named it. */
  field(name: string): string | undefined {
    return this.fields.find((f) => f.name === name || f.name.startsWith(name + "."))?.reason;
  }
}

let csrfToken = "";
export function setCsrfToken(token: string) {
  csrfToken = token;
}

export async function problemOf(res: Response): Promise<ApiError> {
  let body: Record<string, unknown> = {};
  try {
    body = await res.json();
  } catch {
    /* not JSON: fall through to a generic message */
  }
  const detail =
    typeof body.detail === "string"
      ? body.detail
      : res.status >= 500
        ? "Er ging iets mis bij de server. Probeer het later opnieuw."
        : `De server antwoordde met status ${res.status}.`;
  const fields = Array.isArray(body["invalid-params"]) ? (body["invalid-params"] as InvalidParam[]) : [];
  return new ApiError(
    res.status,
    typeof body.title === "string" ? body.title : "Fout",
    detail,
    typeof body.code === "string" ? body.code : "",
    fields,
  );
}

export interface RequestOptions {
  method?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? "GET";
  const headers: Record<string, string> = { Accept: "application/json", ...options.headers };
  if (options.body !== undefined) headers["Content-Type"] = "application/json";
  if (method !== "GET" && csrfToken) headers["X-CSRF-Token"] = csrfToken;
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      credentials: "same-origin",
    });
  } catch {
    throw new ApiError(0, "Geen verbinding", "De server is niet bereikbaar. Controleer uw verbinding en probeer het opnieuw.", "", []);
  }
  if (!res.ok) throw await problemOf(res);
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  // A change that waits for a second person: the list of pending changes reloads.
  if (res.status === 202) window.dispatchEvent(new Event(WIJZIGING_VOORGESTELD));
  return (text ? JSON.parse(text) : undefined) as T;
}

/** Dispatched on window when a route answers 202 (a change waits for a second person). */
export const WIJZIGING_VOORGESTELD = "baken:wijziging-voorgesteld";

export function messageOf(e: unknown): string {
  if (e instanceof ApiError) return e.message;
  if (e instanceof Error) return e.message;
  return String(e);
}

// --- Types of the API's answers (only the members the UI reads) ---

export interface Termijn {
  werkdagen?: number;
  uren?: number;
}
export interface Subcategorie {
  code: string;
  naam: string;
  omschrijving: string;
  afhandeltermijn: string;
  gevoeligheid: string;
  op_openbare_kaart?: boolean;
  /** The members below only in the staff view. */
  afdeling?: string;
  publieke_naam?: string;
  afhandelbericht?: string;
  termijn?: Termijn;
  /** The category's version: its ETag for PUT /api/v1/categorieen/{code}. */
  versie?: number;
}
/** The editable definition of a sub category (PUT /api/v1/categorieen/{code}). */
export interface CategorieWaarden {
  naam: string;
  publieke_naam: string;
  omschrijving: string;
  afdeling: string;
  termijn: Termijn;
  afhandeltermijn?: string;
  afhandelbericht: string;
  op_openbare_kaart: boolean;
  gevoeligheid: string;
}
export interface CategorieVersie {
  versie: number;
  gewijzigd_op: string;
  gewijzigd_door: { id: string; gebruikersnaam: string | null };
  waarden: CategorieWaarden;
  gewijzigde_velden: string[];
}
export interface CategorieVersies {
  code: string;
  huidige_versie: number;
  versies: CategorieVersie[];
}
export interface Hoofdcategorie {
  code: string;
  naam: string;
  subcategorieen: Subcategorie[];
}
export interface Categorieen {
  versie: number;
  hoofdcategorieen: Hoofdcategorie[];
  /** Only for signed-in staff. */
  afdelingen?: { code: string; naam: string }[];
}
export interface Suggestie {
  niveau: string;
  zekerheid: number;
  categorie?: { code: string; naam: string };
  hoofdcategorie?: { code: string; naam: string };
}
export interface NieuweMeldingAntwoord {
  nummer: string;
  categorie: string;
  afhandelbericht: string;
  afhandeltermijn: string;
  status: string;
  volgcode?: string;
  volg_url?: string;
}
export interface PubliekeMelding {
  nummer: string;
  categorie: string;
  status: { code: string; naam: string };
  ontvangen: string;
  afhandelbericht: string;
  /** Closed and not yet answered: ask whether the resident is satisfied. */
  tevredenheid_vragen?: boolean;
  verloop: { tijdstip: string; status?: string; bericht?: string }[];
  /** Merged into another melding: that melding as its own follow page shows it. */
  samengevoegd_met?: PubliekeMelding;
}
export interface Sessie {
  gebruiker: string;
  naam?: string;
  rol: string;
  rol_naam: string;
  afdelingen: string[];
  csrf_token?: string;
  tweede_factor_gedaan: boolean;
  totp_ingesteld?: boolean;
  totp_instellen_vereist?: boolean;
  /** The password was set by an administrator; the member chooses their own first. */
  wachtwoord_wijzigen_vereist?: boolean;
  /** What the policy lets this user do (session.tsx `mag`), e.g. "meldingen.lijst". */
  rechten?: string[];
}
export interface Melding {
  id: string;
  nummer: string;
  tekst: string;
  categorie: { code: string; naam: string; hoofdcategorie: string };
  gevoeligheid: string;
  status: { code: string; naam: string };
  locatie: { type: "Point"; coordinates: [number, number] };
  buurt: string;
  wijk: string;
  /** The nearest street from Baken's address table (postcode precision; no house number). */
  straat?: string | null;
  postcode?: string | null;
  tijdstip: string;
  ontvangen: string;
  kanaal: string;
  afdeling: string;
  behandelaar: string | null;
  prioriteit: string;
  termijn: string;
  tijdigheid: string;
  melder?: { naam: string; email: string; telefoon: string; toestemming_contact: boolean } | null;
  /** Why the reporter and text are masked (null: shown); "tweede_factor_nodig": sign in with TOTP. */
  afscherming?: { code: "tweede_factor_nodig" | "geen_recht"; reden: string } | null;
  bijlagen: { id: string; naam: string; type: string; grootte: number; href: string }[];
  versie: number;
  hoofdmelding?: string | null;
  duplicaat_van?: string | null;
}
/** A colleague a melding can be assigned to (GET /api/v1/afdelingen/{code}/behandelaars). */
export interface Behandelaar {
  gebruikersnaam: string;
  naam: string;
}
/** A melding near another of the same category (GET /meldingen/{id}/duplicaten). */
export interface Duplicaat extends Melding {
  afstand_m: number;
}
/** What the staff create answers: the melding plus, once main has it, possible duplicates. */
export interface NieuweStaffMelding extends Melding {
  mogelijke_duplicaten?: { id: string; nummer: string; status: string | { code: string; naam: string }; afstand_m: number }[];
}
export interface Gebruiker {
  id: string;
  gebruikersnaam: string;
  rol: string;
  afdelingen: string[];
  uitgeschakeld: boolean;
  tweede_factor: boolean;
  /** The password was set by a beheerder and not yet replaced by the user. */
  wachtwoord_wijzigen_vereist?: boolean;
  naam?: string;
  email?: string;
}
export interface HistorieRegel {
  volgnummer: number;
  tijdstip: string;
  door: string;
  soort: string;
  van: string;
  naar: string;
  tekst: string;
  voor_melder: boolean;
  regel: string | null;
}

let categoriesPromise: Promise<Categorieen> | null = null;
export function loadCategories(): Promise<Categorieen> {
  categoriesPromise ??= api<Categorieen>("/api/v1/categorieen").catch((e) => {
    categoriesPromise = null;
    throw e;
  });
  return categoriesPromise;
}
export function findCategory(c: Categorieen | null, code: string): Subcategorie | undefined {
  for (const m of c?.hoofdcategorieen ?? []) for (const s of m.subcategorieen) if (s.code === code) return s;
  return undefined;
}

/**
 * A department's name from the categories as staff get them ("afdelingen": [{code, naam}]); the code
 * itself when the name is not known (categories not loaded yet, or a resident's view without them).
 */
export function departmentName(code: string, c: Categorieen | null): string {
  return c?.afdelingen?.find((a) => a.code === code)?.naam ?? code;
}
/** All departments staff can choose from, sorted by name: the API's list, plus any a category names. */
export function departmentsOf(c: Categorieen | null): string[] {
  const set = new Set<string>((c?.afdelingen ?? []).map((a) => a.code));
  for (const m of c?.hoofdcategorieen ?? []) for (const s of m.subcategorieen) if (s.afdeling) set.add(s.afdeling);
  return [...set].sort((a, b) => departmentName(a, c).localeCompare(departmentName(b, c), "nl"));
}

export function toBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result).replace(/^data:[^,]*,/, ""));
    r.onerror = () => reject(new Error("De foto kon niet worden gelezen."));
    r.readAsDataURL(file);
  });
}

/** Distance in metres between two WGS84 points (good enough within a municipality). */
export function distanceM(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const k = Math.PI / 180;
  const x = (b.lon - a.lon) * k * Math.cos(((a.lat + b.lat) / 2) * k);
  const y = (b.lat - a.lat) * k;
  return Math.round(Math.hypot(x, y) * 6371000);
}

export function resetCategories() {
  categoriesPromise = null;
}

/** A moment in Groningen's time zone; `locale` "en-GB" on the public site in English. */
/** "Oude Boteringestraat, 9712 GH" (the nearest street and its postcode), or "" when unknown. */
export function streetText(m: { straat?: string | null; postcode?: string | null }): string {
  if (!m.straat) return "";
  const pc = m.postcode && m.postcode.length === 6 ? `${m.postcode.slice(0, 4)} ${m.postcode.slice(4)}` : "";
  return pc ? `${m.straat}, ${pc}` : m.straat;
}

export function formatDateTime(iso: string, locale = "nl-NL"): string {
  if (!iso) return "";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(locale, {
    timeZone: "Europe/Amsterdam",
    day: "numeric",
    month: "long",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  });
}
/**
 * A period's error in words, for the field "Tot en met" (its end before "Van"), or "" when the
 * dates (yyyy-mm-dd, either may be empty) are in order: said at the field before the server is asked.
 */
export function periodeFout(van: string, tot: string): string {
  return van && tot && tot < van ? "De datum bij ‘Tot en met’ ligt vóór de datum bij ‘Van’. Kies een einddatum op of na de begindatum." : "";
}

export function formatDate(iso: string): string {
  if (!iso) return "";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleDateString("nl-NL", { timeZone: "Europe/Amsterdam", day: "numeric", month: "short", year: "numeric" });
}

// --- Programme monitoring (GET/PATCH /api/v1/programmas…; see src/baken/api/programme_routes.cc) ---

export interface Partner {
  code: string;
  naam: string;
}
export interface ProgrammaSamenvatting {
  code: string;
  naam: string;
  looptijd: { van: number; tot: number };
  eigenaar: string;
  /** The department that keeps it up to date, or null. */
  afdeling: string | null;
  /** Whether the signed-in user may change it (the server's policy decides per programme). */
  mag_wijzigen: boolean;
  actielijnen: number;
  indicatoren: number;
}
export interface Ambitie {
  code: string;
  naam: string;
  omschrijving: string;
  kernambitie: boolean;
  prioriteit: number | null;
}
export interface Mijlpaal {
  titel: string;
  streefdatum: string;
  gereed: string | null;
}
/** What an action line and an action share: progress, with the version for If-Match. */
export interface Onderdeel {
  code: string;
  soort: "actielijn" | "actie";
  naam: string;
  omschrijving: string;
  trekker: Partner;
  partners: Partner[];
  status: { code: string; naam: string; toelichting: string; datum: string | null };
  mijlpalen: Mijlpaal[];
  budget: { gepland_cent: number; besteed_cent: number } | null;
  versie: number;
}
export interface Actielijn extends Onderdeel {
  ambitie: string | null;
  acties: Onderdeel[];
  indicatoren?: string[];
}
export interface IndicatorWaarde {
  periode: string;
  waarde: number | null;
  /** The number as this reader may see it, e.g. "< 5" or "geen gegevens". */
  weergave?: string;
  afgeschermd?: boolean;
  vastgelegd_op: string;
  bron: string;
  brondocument: string;
  ingevoerd_door?: string | null;
}
export interface Indicator {
  code: string;
  naam: string;
  definitie: string;
  eenheid: string;
  richting: string;
  actielijn: string | null;
  ambitie: string | null;
  bron: string;
  query: string | null;
  over_personen: boolean;
  streefwaarden: { periode: string; waarde: number }[];
  waarden: IndicatorWaarde[];
}
export interface Programma {
  code: string;
  naam: string;
  omschrijving: string;
  looptijd: { van: number; tot: number };
  eigenaar: string;
  afdeling: string | null;
  mag_wijzigen: boolean;
  opgesteld_met: Partner[];
  themas: string[];
  peildatum: string;
  kleine_aantallen_afgeschermd: boolean;
  ambities: Ambitie[];
  actielijnen: Actielijn[];
  indicatoren: Indicator[];
}
export interface ProgrammaWijziging {
  volgnummer: number;
  tijdstip: string;
  door: string | null;
  onderdeel: string | null;
  veld: string;
  oud: string;
  nieuw: string;
  toelichting: string;
}
export interface ProgrammaHistorie {
  programma: string;
  wijzigingen: ProgrammaWijziging[];
}
export interface VoortgangTeksten {
  teksten: Record<string, string>;
}
export interface Highlights {
  titel: string;
  ondertitel: string;
  kerncijfers: { waarde: string; label: string; verandering: string }[];
  teksten: { kop: string; tekst: string }[];
  bron: string;
}

/** Four eyes (ADR 0011): a change that waits for a second person (GET /api/v1/wijzigingen). */
export interface Wijziging {
  id: string;
  soort: string;
  doel: string;
  samenvatting: string;
  ingediend_door: string;
  ingediend_op: string;
  status: "wachtend" | "goedgekeurd" | "afgewezen" | "mislukt";
  beslist_door: string | null;
  beslist_op: string | null;
  notitie: string;
  eigen_voorstel?: boolean;
}
/** The 202 answer of a route whose change needs a second person. */
export interface Voorstel {
  wijziging: Wijziging;
  melding: string;
}
export const WACHT_OP_TWEEDE_PERSOON = "wacht op goedkeuring door een tweede persoon.";
