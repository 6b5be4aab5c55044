// Talking to Baken's API: JSON in and out, RFC 9457 problem+json errors turned into ApiError with
// the Dutch message and the fields it names, the CSRF token sent on every unsafe request; and the
// bodies' types, generated from web/openapi.json (src/generated/openapi.ts, made by `npm run generate`).
import type { paths } from "./generated/openapi";

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

// --- The wire format: types generated from web/openapi.json (`npm run generate`, issue 17) ---

type Method = "get" | "post" | "put" | "patch" | "delete";
type Operation<P extends keyof paths, M extends Method> = NonNullable<paths[P][M]>;
type JsonOf<R> = R extends { content: { "application/json": infer B } } ? B : never;
/** The JSON body route P answers to method M with status S, as openapi.json describes it (never: not described). */
export type ResponseBody<P extends keyof paths, M extends Method, S extends number = 200> = [Operation<P, M>] extends [never]
  ? never
  : Operation<P, M> extends { responses: infer R }
    ? S extends keyof R
      ? JsonOf<R[S]>
      : never
    : never;
/** The JSON body route P takes with method M, as openapi.json describes it. */
export type RequestBody<P extends keyof paths, M extends Method> = [Operation<P, M>] extends [never]
  ? never
  : Operation<P, M> extends { requestBody?: infer B }
    ? JsonOf<NonNullable<B>>
    : never;

/**
 * Today's openapi.json marks no member of an answer required, though the server sends them all:
 * the UI reads them as always there. (Drop once the document says `required`.)
 */
type Sent<T> = T extends readonly (infer U)[] ? Sent<U>[] : T extends object ? { [K in keyof T]-?: Sent<Exclude<T[K], undefined>> } : T;

/**
 * A body as the UI reads it: `Gap`, what the UI reads that openapi.json does not describe or
 * describes wrongly (drift, issue 17), and the generated type. With no schema in the document the
 * Gap is all there is. Each Gap should shrink to nothing as the generated document covers it; a Gap
 * member that contradicts the document turns into `never` and fails the type check.
 */
type Wire<Doc, Gap = unknown> = [Doc] extends [never] ? Gap : Gap & Sent<Doc>;

export type Termijn = NonNullable<RequestBody<"/api/v1/categorieen/{code}", "put">["termijn"]>;
/** A sub category as GET /api/v1/categorieen lists it (the document describes that answer only as "object"). */
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
export type CategorieWaarden = RequestBody<"/api/v1/categorieen/{code}", "put"> & {
  /** Drift: the UI always sends it; the document has it optional. */
  omschrijving: string;
};
/** What PUT /api/v1/categorieen/{code} answers: the category as now stored, with its new version. */
export type CategorieAntwoord = Wire<ResponseBody<"/api/v1/categorieen/{code}", "put">>;
interface CategorieVersieGap {
  /** Drift: null for a version made by the system; the document says string. */
  gewijzigd_door: { id: string; gebruikersnaam: string | null };
  /** Drift: the document says only "object". */
  waarden: CategorieWaarden;
}
export type CategorieVersies = Wire<ResponseBody<"/api/v1/categorieen/{code}/versies", "get">, { versies: CategorieVersie[] }>;
export type CategorieVersie = Wire<
  NonNullable<ResponseBody<"/api/v1/categorieen/{code}/versies", "get">["versies"]>[number],
  CategorieVersieGap
>;
export interface Hoofdcategorie {
  code: string;
  naam: string;
  subcategorieen: Subcategorie[];
}
export type Categorieen = Wire<
  ResponseBody<"/api/v1/categorieen", "get">,
  {
    versie: number;
    hoofdcategorieen: Hoofdcategorie[];
    /** Only for signed-in staff. */
    afdelingen?: { code: string; naam: string }[];
  }
>;
/** POST /api/v1/publiek/categorie-suggestie (drift: no schema in the document). */
export type Suggestie = Wire<
  ResponseBody<"/api/v1/publiek/categorie-suggestie", "post">,
  {
    niveau: string;
    zekerheid: number;
    categorie?: { code: string; naam: string };
    hoofdcategorie?: { code: string; naam: string };
  }
>;
/** What the public sends to POST /api/v1/publiek/meldingen. */
export type NieuweMelding = RequestBody<"/api/v1/publiek/meldingen", "post">;
export type NieuweMeldingAntwoord = Wire<ResponseBody<"/api/v1/publiek/meldingen", "post", 201>>;
interface PubliekeMeldingGap {
  /** Drift: not in the document. Closed and not yet answered: ask whether the resident is satisfied. */
  tevredenheid_vragen?: boolean;
  /** Drift: the document says only "object" for the steps. */
  verloop: { tijdstip: string; status?: string; bericht?: string }[];
  /** Drift: not in the document. Merged into another melding: that melding as its own follow page shows it. */
  samengevoegd_met?: PubliekeMelding;
}
export type PubliekeMelding = Wire<ResponseBody<"/api/v1/publiek/meldingen/{volgcode}", "get">, PubliekeMeldingGap>;
/** POST /api/v1/sessies (sign in). */
export type Aanmelding = RequestBody<"/api/v1/sessies", "post">;
export type AanmeldAntwoord = Wire<
  ResponseBody<"/api/v1/sessies", "post", 201>,
  {
    /** Drift: not in the document. */
    totp_instellen_vereist: boolean;
    /** Drift: not in the document. */
    wachtwoord_wijzigen_vereist?: boolean;
  }
>;
/** GET /api/v1/sessies/huidig (drift: no schema in the document). */
export type Sessie = Wire<
  ResponseBody<"/api/v1/sessies/huidig", "get">,
  {
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
>;
interface MeldingGap {
  /** Drift: the document says only "object". */
  categorie: { code: string; naam: string; hoofdcategorie: string };
  /** Drift: not in the document. The nearest street from Baken's address table (postcode precision; no house number). */
  straat?: string | null;
  /** Drift: not in the document. */
  postcode?: string | null;
  /** Drift: null when nobody has it; the document says string. */
  behandelaar: string | null;
  /** Drift: the document says only "object". */
  melder?: { naam: string; email: string; telefoon: string; toestemming_contact: boolean } | null;
  /** Drift: the document says only "object". Why the reporter and text are masked (null: shown). */
  afscherming?: { code: "tweede_factor_nodig" | "geen_recht"; reden: string } | null;
  /** Drift: the document says only "object". */
  bijlagen: { id: string; naam: string; type: string; grootte: number; href: string }[];
  /** Drift: not in the document. */
  hoofdmelding?: string | null;
  /** Drift: not in the document. */
  duplicaat_van?: string | null;
}
export type Melding = Wire<ResponseBody<"/api/v1/meldingen/{id}", "get">, MeldingGap>;
/** GET /api/v1/meldingen: one page of the work list. */
export type MeldingLijst = Wire<ResponseBody<"/api/v1/meldingen", "get">, { meldingen: Melding[]; volgende?: string }>;
/** PATCH /api/v1/meldingen/{id}. */
export type MeldingWijziging = RequestBody<"/api/v1/meldingen/{id}", "patch">;
/** POST /api/v1/meldingen/{id}/statuswijzigingen. */
export type Statuswijziging = RequestBody<"/api/v1/meldingen/{id}/statuswijzigingen", "post">;
/** A colleague a melding can be assigned to (GET /api/v1/afdelingen/{code}/behandelaars; drift: no schema). */
export interface Behandelaar {
  gebruikersnaam: string;
  naam: string;
}
/** A melding near another of the same category (GET /meldingen/{id}/duplicaten; drift: no schema). */
export type Duplicaat = Melding & { afstand_m: number };
/** What the staff create answers: the melding plus possible duplicates (drift: not in the document). */
export type NieuweStaffMelding = Wire<
  ResponseBody<"/api/v1/meldingen", "post", 201>,
  MeldingGap & {
    mogelijke_duplicaten?: { id: string; nummer: string; status: string | { code: string; naam: string }; afstand_m: number }[];
  }
>;
/** GET /api/v1/gebruikers (drift: no schema in the document). */
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
/** GET /api/v1/meldingen/{id}/historie (drift: no schema in the document). */
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
  return van && tot && tot < van
    ? "De datum bij ‘Tot en met’ ligt vóór de datum bij ‘Van’. Kies een einddatum op of na de begindatum."
    : "";
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
/** GET /api/v1/programmas: one programme in the list. */
export type ProgrammaSamenvatting = Wire<
  NonNullable<ResponseBody<"/api/v1/programmas", "get">["programmas"]>[number],
  {
    /** Drift: the document says only "object". */
    looptijd: { van: number; tot: number };
  }
>;
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
interface OnderdeelGap {
  /** Drift: not in the document. */
  omschrijving: string;
  /** Drift: the document says only "object". */
  status: { code: string; naam: string; toelichting: string; datum: string | null };
  /** Drift: the document says only "object". */
  mijlpalen: Mijlpaal[];
  /** Drift: the document says only "object". */
  budget: { gepland_cent: number; besteed_cent: number } | null;
}
/** What an action line and an action share: progress, with the version for If-Match (PATCH .../onderdelen/{onderdeel}). */
// Without acties (an action has none; an action line's are typed below): intersecting the document's
// loose "object[]" with Onderdeel[] would map with the loose items.
export type Onderdeel = Omit<Wire<ResponseBody<"/api/v1/programmas/{code}/onderdelen/{onderdeel}", "patch">, OnderdeelGap>, "acties">;
/** PATCH /api/v1/programmas/{code}/onderdelen/{onderdeel}. */
export type OnderdeelWijziging = RequestBody<"/api/v1/programmas/{code}/onderdelen/{onderdeel}", "patch">;
export type Actielijn = Onderdeel & {
  /** Drift: not in the document. */
  ambitie: string | null;
  /** Drift: the document says only "object". */
  acties: Onderdeel[];
  /** Drift: not in the document. */
  indicatoren?: string[];
};
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
/** GET /api/v1/programmas/{code}. */
export type Programma = Wire<
  ResponseBody<"/api/v1/programmas/{code}", "get">,
  {
    /** Drift: the document says only "object". */
    looptijd: { van: number; tot: number };
    /** Drift: the document says only "object". */
    ambities: Ambitie[];
    actielijnen: Actielijn[];
    /** Drift: the document says only "object". */
    indicatoren: Indicator[];
  }
>;
/** Drift: the document says only "object" for a change. */
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
/** GET /api/v1/programmas/{code}/historie. */
export type ProgrammaHistorie = Wire<ResponseBody<"/api/v1/programmas/{code}/historie", "get">, { wijzigingen: ProgrammaWijziging[] }>;
/** GET /api/v1/programmas/{code}/teksten/{periode} (drift: no schema in the document). */
export interface VoortgangTeksten {
  teksten: Record<string, string>;
}
/** GET /api/v1/programmas/highlights/{jaar}?formaat=json (drift: no schema in the document). */
export interface Highlights {
  titel: string;
  ondertitel: string;
  kerncijfers: { waarde: string; label: string; verandering: string }[];
  teksten: { kop: string; tekst: string }[];
  bron: string;
}

/** Four eyes (ADR 0011): a change that waits for a second person (GET /api/v1/wijzigingen; drift: no schema in the document). */
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
/** The 202 answer of a route whose change needs a second person (drift: the document gives 202 no content). */
export interface Voorstel {
  wijziging: Wijziging;
  melding: string;
}
export const WACHT_OP_TWEEDE_PERSOON = "wacht op goedkeuring door een tweede persoon.";
