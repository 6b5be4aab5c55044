// The work queue: filters (status, category, department, wijk, assignee, overdue, text), sorting, counts of
// what is shown, keyboard navigation (arrow keys move between rows), "meer laden" with the API's
// cursor, and the same list on a map. The filters live in the address, so a filtered list can be
// bookmarked, shared and saved under a name (per user, in this browser). The filtered list exports
// as CSV, XLSX or GeoJSON with a progress bar (DownloadLink).
import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from "react";
import { Button, Paragraph, Textbox } from "@utrecht/component-library-react";
import {
  api,
  departmentName,
  departmentsOf,
  formatDate,
  loadCategories,
  streetText,
  type Categorieen,
  type Melding,
  type MeldingLijst,
} from "../api";
import { WerkKaart } from "../map/WerkKaart";
import { OpgeslagenFilters } from "./OpgeslagenFilters";
import { DownloadLink, ErrorAlert, Field, PageTitle } from "../components";
import { loadAreaNames } from "../map/rdmap";
import { Link, navigate, useLocation, usePageTitle } from "../router";
import { mag, useSession } from "../session";
import { STATES, isClosed } from "../workflow";
import { plural } from "../i18n";

const FILTER_KEYS = [
  "status",
  "categorie",
  "afdeling",
  "wijk",
  "buurt",
  "van",
  "tot",
  "behandelaar",
  "te_laat",
  "zoek",
  "sorteer",
] as const;

/** The start of a day (YYYY-MM-DD) in the browser's time zone as an RFC 3339 instant; null if not a date. */
function dayStart(day: string, plusDays = 0): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return null;
  const d = new Date(`${day}T00:00:00`);
  if (Number.isNaN(d.getTime())) return null;
  d.setDate(d.getDate() + plusDays);
  return d.toISOString();
}

export function Werkvoorraad() {
  usePageTitle("Werkvoorraad");
  const { search } = useLocation();
  const { session } = useSession();
  const [categories, setCategories] = useState<Categorieen | null>(null);
  const [areas, setAreas] = useState<Map<string, string>>(new Map());
  const [items, setItems] = useState<Melding[]>([]);
  const [cursor, setCursor] = useState<string | undefined>();
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const [open, setOpen] = useState("");
  const tbody = useRef<HTMLTableSectionElement>(null);
  const status = useRef<HTMLParagraphElement>(null);

  const onMap = search.get("weergave") === "kaart";
  const filters = Object.fromEntries(FILTER_KEYS.map((k) => [k, search.get(k) ?? ""])) as Record<(typeof FILTER_KEYS)[number], string>;
  const query = () => {
    const q = new URLSearchParams();
    q.set(
      "status",
      filters.status || "gemeld,in_afwachting,in_behandeling,ingepland,doorgezet_extern,reactie_gevraagd,reactie_ontvangen,heropend",
    );
    if (filters.status === "alle") q.delete("status");
    if (filters.categorie) q.set("categorie", filters.categorie);
    if (filters.afdeling) q.set("afdeling", filters.afdeling);
    if (filters.wijk) q.set("wijk", filters.wijk);
    if (filters.buurt) q.set("buurt", filters.buurt);
    // A period from the wijkbeeld: received from the start of `van` up to the end of `tot`.
    const from = dayStart(filters.van);
    const until = dayStart(filters.tot, 1);
    if (from) q.set("ontvangen_vanaf", from);
    if (until) q.set("ontvangen_tot", until);
    // A user name, or "-" for nobody; the address keeps the name, so a shared link shows that queue.
    if (filters.behandelaar) q.set("behandelaar", filters.behandelaar);
    if (filters.te_laat) q.set("te_laat", "true");
    if (filters.zoek) q.set("zoek", filters.zoek);
    q.set("sorteer", filters.sorteer || "-ontvangen");
    q.set("limiet", onMap ? "200" : "50");
    return q;
  };
  const key = search.toString();
  // The export takes the same filters, without the page size: the server sends every match.
  const exportUrl = (formaat: string) => {
    const q = query();
    q.delete("limiet");
    q.set("formaat", formaat);
    return `/api/v1/meldingen/export?${q}`;
  };

  useEffect(() => {
    loadCategories().then(setCategories, () => undefined);
    loadAreaNames().then(setAreas);
  }, []);

  useEffect(() => {
    setLoading(true);
    setError(null);
    api<MeldingLijst>(`/api/v1/meldingen?${query()}`).then(
      (r) => {
        setItems(r.meldingen);
        setCursor(r.volgende);
        setLoading(false);
      },
      (e) => {
        setError(e);
        setItems([]);
        setCursor(undefined);
        setLoading(false);
      },
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  const more = async () => {
    if (!cursor) return;
    setLoading(true);
    try {
      const q = query();
      q.set("cursor", cursor);
      const r = await api<MeldingLijst>(`/api/v1/meldingen?${q}`);
      const firstNew = items.length;
      setItems([...items, ...r.meldingen]);
      setCursor(r.volgende);
      window.setTimeout(() => tbody.current?.querySelectorAll<HTMLAnchorElement>("a")[firstNew]?.focus(), 0);
    } catch (e) {
      setError(e);
    } finally {
      setLoading(false);
    }
  };

  const apply = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const q = new URLSearchParams();
    for (const k of FILTER_KEYS) {
      const v = String(data.get(k) ?? "");
      if (v) q.set(k, v);
    }
    if (onMap) q.set("weergave", "kaart");
    navigate(`/werk${q.toString() ? `?${q}` : ""}`, { replace: false });
  };

  const openNumber = (e: FormEvent) => {
    e.preventDefault();
    if (open.trim()) navigate(`/werk/meldingen/${encodeURIComponent(open.trim())}`);
  };

  // Arrow keys move between the melding links in the table; Home/End to the first/last.
  const onKey = (e: KeyboardEvent<HTMLTableSectionElement>) => {
    const links = Array.from(tbody.current?.querySelectorAll<HTMLAnchorElement>("a[data-row]") ?? []);
    const i = links.indexOf(document.activeElement as HTMLAnchorElement);
    if (i < 0) return;
    let j: number;
    if (e.key === "ArrowDown") j = Math.min(links.length - 1, i + 1);
    else if (e.key === "ArrowUp") j = Math.max(0, i - 1);
    else if (e.key === "Home") j = 0;
    else if (e.key === "End") j = links.length - 1;
    else return;
    e.preventDefault();
    links[j].focus();
  };

  const counts = new Map<string, number>();
  let late = 0;
  for (const m of items) {
    counts.set(m.status.naam, (counts.get(m.status.naam) ?? 0) + 1);
    if (m.tijdigheid !== "op_tijd" && !isClosed(m.status.code)) late++;
  }
  const wijken = [...areas.entries()].filter(([c]) => c.startsWith("WK")).sort((a, b) => a[1].localeCompare(b[1], "nl"));

  return (
    <>
      <PageTitle>Werkvoorraad</PageTitle>
      <form className="baken-row" onSubmit={openNumber} aria-label="Melding openen op nummer">
        <Field label="Open melding op nummer" description="Bijvoorbeeld M-2026-000123">
          {(ids) => <Textbox id={ids.id} value={open} onChange={(e) => setOpen(e.target.value)} aria-describedby={ids.describedBy} />}
        </Field>
        <div className="utrecht-form-field">
          <Button appearance="secondary-action-button" type="submit">
            Openen
          </Button>
        </div>
      </form>
      <form className="baken-filters" onSubmit={apply} aria-label="Filters" key={key}>
        {filters.van || filters.tot || filters.buurt ? (
          <p className="baken-filters__note">
            Ook gefilterd op {filters.buurt ? `buurt ${filters.buurt}` : ""}
            {filters.buurt && (filters.van || filters.tot) ? " en " : ""}
            {filters.van || filters.tot
              ? `ontvangen ${filters.van ? `vanaf ${formatDate(filters.van)}` : ""} ${filters.tot ? `tot en met ${formatDate(filters.tot)}` : ""}`.trim()
              : ""}{" "}
            (uit het wijkbeeld). <Link href="/werk">Deze filters wissen</Link>
            {filters.buurt ? <input type="hidden" name="buurt" value={filters.buurt} /> : null}
            {filters.van ? <input type="hidden" name="van" value={filters.van} /> : null}
            {filters.tot ? <input type="hidden" name="tot" value={filters.tot} /> : null}
          </p>
        ) : null}
        <Field label="Status">
          {(ids) => (
            <select id={ids.id} name="status" className="utrecht-select utrecht-select--html-select" defaultValue={filters.status}>
              <option value="">Alle open meldingen</option>
              <option value="alle">Alle meldingen</option>
              {STATES.map((s) => (
                <option key={s.code} value={s.code}>
                  {s.naam}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Categorie">
          {(ids) => (
            <select id={ids.id} name="categorie" className="utrecht-select utrecht-select--html-select" defaultValue={filters.categorie}>
              <option value="">Alle categorieën</option>
              {categories?.hoofdcategorieen.map((m) => (
                <optgroup key={m.code} label={m.naam}>
                  {m.subcategorieen.map((s) => (
                    <option key={s.code} value={s.code}>
                      {s.naam}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
          )}
        </Field>
        <Field label="Afdeling">
          {(ids) => (
            <select id={ids.id} name="afdeling" className="utrecht-select utrecht-select--html-select" defaultValue={filters.afdeling}>
              <option value="">Alle afdelingen</option>
              {departmentsOf(categories).map((d) => (
                <option key={d} value={d}>
                  {departmentName(d, categories)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Wijk">
          {(ids) => (
            <select id={ids.id} name="wijk" className="utrecht-select utrecht-select--html-select" defaultValue={filters.wijk}>
              <option value="">Alle wijken</option>
              {wijken.map(([code, naam]) => (
                <option key={code} value={code}>
                  {naam}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Behandelaar">
          {(ids) => (
            <select
              id={ids.id}
              name="behandelaar"
              className="utrecht-select utrecht-select--html-select"
              defaultValue={filters.behandelaar}
            >
              <option value="">Iedereen</option>
              {session ? <option value={session.gebruiker}>Aan mij toegewezen</option> : null}
              <option value="-">Niet toegewezen</option>
              {filters.behandelaar && filters.behandelaar !== "-" && filters.behandelaar !== session?.gebruiker ? (
                <option value={filters.behandelaar}>Toegewezen aan {filters.behandelaar}</option>
              ) : null}
            </select>
          )}
        </Field>
        <Field label="Zoeken in tekst">{(ids) => <Textbox id={ids.id} name="zoek" defaultValue={filters.zoek} />}</Field>
        <Field label="Sorteren">
          {(ids) => (
            <select id={ids.id} name="sorteer" className="utrecht-select utrecht-select--html-select" defaultValue={filters.sorteer}>
              <option value="-ontvangen">Nieuwste eerst</option>
              <option value="ontvangen">Oudste eerst</option>
              <option value="termijn">Termijn (eerst verlopen)</option>
            </select>
          )}
        </Field>
        <div className="utrecht-form-field baken-row">
          <input
            id="te_laat"
            name="te_laat"
            type="checkbox"
            value="true"
            defaultChecked={Boolean(filters.te_laat)}
            className="utrecht-checkbox utrecht-checkbox--html-input utrecht-checkbox--custom"
          />
          <label htmlFor="te_laat" className="utrecht-form-label utrecht-form-label--checkbox">
            Alleen te laat
          </label>
        </div>
        <div className="utrecht-form-field">
          <Button appearance="primary-action-button" type="submit">
            Filteren
          </Button>
        </div>
      </form>
      <OpgeslagenFilters />
      <nav className="baken-toggle" aria-label="Weergave">
        <Link href={`/werk?${withView(search, "")}`} aria-current={onMap ? undefined : "true"}>
          Lijst
        </Link>
        <Link href={`/werk?${withView(search, "kaart")}`} aria-current={onMap ? "true" : undefined}>
          Kaart
        </Link>
      </nav>
      <ErrorAlert error={error} />
      {onMap ? (
        <WerkKaart
          items={items}
          label="Kaart met de meldingen uit de werkvoorraad; Tab gaat langs de meldingen en groepjes, Enter opent een melding of zoomt in op een groepje"
        />
      ) : null}
      <p className="utrecht-paragraph" role="status" aria-live="polite" ref={status} data-testid="aantal">
        {loading
          ? "Meldingen laden…"
          : `${plural(items.length, "melding", "meldingen")} getoond${cursor ? " (er zijn er meer)" : ""}${late ? `, waarvan ${late} te laat` : ""}.`}
      </p>
      {items.length > 0 ? (
        <ul className="baken-counts" aria-label="Aantallen per status in deze lijst">
          {[...counts.entries()].map(([s, n]) => (
            <li key={s} className="baken-badge">
              {s}: {n}
            </li>
          ))}
        </ul>
      ) : null}
      {items.length > 0 ? (
        <div className="baken-table-wrap" tabIndex={0} role="region" aria-label="Meldingen in de werkvoorraad">
          <table className="baken-table">
            <caption className="baken-visually-hidden">Meldingen in de werkvoorraad; pijltjestoetsen verplaatsen tussen de rijen</caption>
            <thead>
              <tr>
                <th scope="col">Nummer</th>
                <th scope="col">Categorie</th>
                <th scope="col">Status</th>
                <th scope="col">Plek</th>
                <th scope="col">Ontvangen</th>
                <th scope="col">Termijn</th>
              </tr>
            </thead>
            <tbody ref={tbody} onKeyDown={onKey}>
              {items.map((m) => (
                <tr key={m.id}>
                  <td>
                    <Link href={`/werk/meldingen/${m.id}`} data-row="">
                      {m.nummer}
                    </Link>
                  </td>
                  <td>{m.categorie.naam}</td>
                  <td>
                    <span className={`baken-badge${isClosed(m.status.code) ? " baken-badge--closed" : ""}`}>{m.status.naam}</span>
                  </td>
                  <td data-testid="plek">
                    {areas.get(m.wijk) ?? m.wijk}
                    <br />
                    <small>{areas.get(m.buurt) ?? m.buurt}</small>
                    {streetText(m) ? (
                      <>
                        <br />
                        <small>bij {streetText(m)}</small>
                      </>
                    ) : null}
                  </td>
                  <td>{formatDate(m.ontvangen)}</td>
                  <td>
                    {formatDate(m.termijn)}
                    {m.tijdigheid !== "op_tijd" ? (
                      <>
                        {" "}
                        <span className="baken-badge baken-badge--late">
                          {m.tijdigheid === "ruim_te_laat" ? "ruim te laat" : "te laat"}
                        </span>
                      </>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : !loading && !error ? (
        <Paragraph>Geen meldingen die aan deze filters voldoen.</Paragraph>
      ) : null}
      {cursor ? (
        <Button appearance="secondary-action-button" type="button" onClick={more} disabled={loading}>
          Meer laden
        </Button>
      ) : null}
      {mag(session, "meldingen.exporteren") ? (
        <section aria-labelledby="export-kop" className="baken-export" data-testid="export">
          <h2 className="utrecht-heading-3" id="export-kop">
            Deze lijst exporteren
          </h2>
          <Paragraph>Alle meldingen die aan deze filters voldoen, niet alleen de getoonde.</Paragraph>
          <ul className="baken-downloads">
            <li>
              <DownloadLink href={exportUrl("csv")} bestand="meldingen.csv">
                Meldingen als CSV
              </DownloadLink>
            </li>
            <li>
              <DownloadLink href={exportUrl("xlsx")} bestand="meldingen.xlsx">
                Meldingen als Excel (XLSX)
              </DownloadLink>
            </li>
            <li>
              <DownloadLink href={exportUrl("geojson")} bestand="meldingen.geojson">
                Meldingen als GeoJSON (voor een kaartprogramma)
              </DownloadLink>
            </li>
          </ul>
        </section>
      ) : null}
    </>
  );
}

function withView(search: URLSearchParams, view: string): string {
  const q = new URLSearchParams(search);
  if (view) q.set("weergave", view);
  else q.delete("weergave");
  return q.toString();
}
