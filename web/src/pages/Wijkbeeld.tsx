// Wijkbeeld (staff who handle meldingen): per wijk and buurt how many meldingen came in over a
// period, how many are open, how many were handled within their term and how many are late; a
// choropleth of the wijken by meldingen per 1,000 inhabitants (the table below it has the same
// numbers, so the map is never the only way to read them); meldingen per ISO week as an SVG bar
// chart with its table; and the mix of main categories. Every count opens the werkvoorraad with
// the matching filters. Filters (van, tot, categorie, wijk) live in the address. Counts only: the
// API leaves out text, persons and what the user may not read (and says so).
import { useEffect, useRef, useState, type FormEvent } from "react";
import { Button, Paragraph } from "@utrecht/component-library-react";
import L from "leaflet";
import { api, loadCategories, periodeFout, type Categorieen } from "../api";
import { ErrorAlert, Field, Loading, PageTitle } from "../components";
import { createMap } from "../map/rdmap";
import { plural } from "../i18n";
import { Link, navigate, useLocation, usePageTitle } from "../router";

interface Cijfers {
  meldingen: number;
  open: number;
  afgehandeld: number;
  binnen_termijn: number;
  binnen_termijn_pct: number | null;
  te_laat: number;
}
interface Gebied extends Cijfers {
  code: string;
  naam: string;
  inwoners: number | null;
  per_1000_inwoners: number | null;
  wijk?: string;
}
export interface WijkbeeldData {
  van: string;
  tot: string;
  categorieen: string[];
  afgeschermd: boolean;
  totaal: Cijfers;
  buiten_wijken: number;
  wijken: Gebied[];
  buurten?: Gebied[];
  weken: { week: string; start: string; meldingen: number }[];
  hoofdcategorieen: { code: string; naam: string; meldingen: number; aandeel_pct: number | null }[];
}

const nl = (v: number, digits = 0) => v.toLocaleString("nl-NL", { minimumFractionDigits: digits, maximumFractionDigits: digits });
const pct = (v: number | null) => (v === null ? "geen afgehandeld" : `${nl(v, 1)} %`);
const GESLOTEN = "afgehandeld,geannuleerd,gesplitst,samengevoegd";

// Sequential blues (as Tijdpatronen); each class is named in the legend with its range.
const KLEUREN = ["#eff3ff", "#bdd7e7", "#6baed6", "#2171b5", "#08306b"];

/** Class boundaries by quintile of the known values (rounded, increasing, no duplicates). */
function klassen(values: number[]): number[] {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return [];
  const out: number[] = [];
  for (let i = 1; i < KLEUREN.length; i++) {
    const b = Math.round(v[Math.min(v.length - 1, Math.floor((i * v.length) / KLEUREN.length))] * 10) / 10;
    if (out.length === 0 || b > out[out.length - 1]) out.push(b);
  }
  return out;
}
function klasseVan(v: number, grenzen: number[]): number {
  let k = 0;
  while (k < grenzen.length && v >= grenzen[k]) k++;
  return k;
}

/** The werkvoorraad with the filters behind a count. */
function werkLink(filters: { van: string; tot: string; categorie: string }, extra: Record<string, string>): string {
  const q = new URLSearchParams();
  if (filters.categorie) q.set("categorie", filters.categorie);
  for (const [k, v] of Object.entries(extra)) q.set(k, v);
  q.set("van", filters.van);
  q.set("tot", filters.tot);
  return `/werk?${q.toString()}`;
}

function Aantal({ n, href, label }: { n: number; href: string; label: string }) {
  return (
    <Link href={href} aria-label={`${nl(n)} ${label}, naar de werkvoorraad`}>
      {nl(n)}
    </Link>
  );
}

function WijkKaart({ data, onKies }: { data: WijkbeeldData; onKies: (code: string) => void }) {
  const el = useRef<HTMLDivElement>(null);
  const mapRef = useRef<L.Map | null>(null);
  const layerRef = useRef<L.Layer | null>(null);
  const [wijken, setWijken] = useState<GeoJSON.FeatureCollection | null>(null);
  // draw() also runs from the map's creation callback, a closure of the first render: it reads
  // the current data and wijk shapes from this ref, whichever of the two arrives first.
  const args = useRef({ data, onKies, wijken });
  args.current = { data, onKies, wijken };

  const draw = () => {
    const map = mapRef.current;
    const { data: d, wijken: shapes } = args.current;
    if (!map || !shapes) return;
    layerRef.current?.remove();
    const per = new Map(d.wijken.map((w) => [w.code, w]));
    const grenzen = klassen(d.wijken.map((w) => w.per_1000_inwoners ?? Number.NaN));
    const layer = L.geoJSON(shapes, {
      style: (f) => {
        const w = per.get(String(f?.properties?.code));
        const v = w?.per_1000_inwoners;
        const fill = v === null || v === undefined ? "#ffffff" : KLEUREN[klasseVan(v, grenzen)];
        return { color: "#1a1a1a", weight: 1, fillColor: fill, fillOpacity: 0.8 };
      },
      onEachFeature: (f, l) => {
        const w = per.get(String(f.properties?.code));
        if (!w) return;
        l.bindTooltip(
          `${w.naam}: ${plural(w.meldingen, "melding", "meldingen", nl)}, ${w.per_1000_inwoners === null ? "inwoners onbekend" : `${nl(w.per_1000_inwoners, 1)} per 1.000 inwoners`}`,
        );
        l.on("click", () => args.current.onKies(w.code));
      },
    });
    layer.addTo(map);
    layerRef.current = layer;
    el.current?.setAttribute("data-wijken", String(per.size));
  };

  useEffect(() => {
    let cancelled = false;
    api<GeoJSON.FeatureCollection>("/api/v1/gebieden?niveau=wijk&formaat=geojson").then(
      (fc) => !cancelled && setWijken(fc),
      () => undefined,
    );
    void createMap(el.current!, "Kaart van de wijken, gekleurd naar meldingen per 1.000 inwoners").then((r) => {
      if (cancelled) {
        r.map.remove();
        return;
      }
      mapRef.current = r.map;
      draw();
    });
    return () => {
      cancelled = true;
      mapRef.current?.remove();
      mapRef.current = null;
    };
  }, []);
  useEffect(draw, [data, wijken]);

  const grenzen = klassen(data.wijken.map((w) => w.per_1000_inwoners ?? Number.NaN));
  const legenda = KLEUREN.slice(0, grenzen.length + 1).map((kleur, i) => {
    const lo = i === 0 ? null : grenzen[i - 1];
    const hi = i < grenzen.length ? grenzen[i] : null;
    const naam = lo === null ? `minder dan ${nl(hi ?? 0, 1)}` : hi === null ? `${nl(lo, 1)} of meer` : `${nl(lo, 1)} tot ${nl(hi, 1)}`;
    return { kleur, naam };
  });
  return (
    <>
      <ul className="baken-legend" aria-label="Legenda: meldingen per 1.000 inwoners">
        {legenda.map((l) => (
          <li key={l.kleur}>
            <span className="baken-legend__swatch" style={{ background: l.kleur }} aria-hidden="true" /> {l.naam}
          </li>
        ))}
        <li>
          <span className="baken-legend__swatch" style={{ background: "#ffffff" }} aria-hidden="true" /> inwoners onbekend
        </li>
      </ul>
      <div ref={el} className="baken-map baken-map--large" data-testid="wijkkaart" />
      <Paragraph>Klik op een wijk op de kaart, of kies hieronder in de tabel, om de buurten te zien.</Paragraph>
    </>
  );
}

function GebiedenTabel({
  rijen,
  soort,
  filters,
  caption,
  onKies,
  buiten,
  totaal,
  testid,
}: {
  rijen: Gebied[];
  soort: "wijk" | "buurt";
  filters: { van: string; tot: string; categorie: string };
  caption: string;
  onKies?: (code: string) => void;
  buiten?: number;
  totaal?: Cijfers;
  testid: string;
}) {
  const extra = (g: Gebied): Record<string, string> => (soort === "wijk" ? { wijk: g.code } : { wijk: g.wijk ?? "", buurt: g.code });
  return (
    <div className="baken-table-wrap" tabIndex={0} role="region" aria-label={caption}>
      <table className="baken-table" data-testid={testid}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{soort === "wijk" ? "Wijk" : "Buurt"}</th>
            <th scope="col">Inwoners</th>
            <th scope="col">Meldingen</th>
            <th scope="col">Per 1.000 inwoners</th>
            <th scope="col">Open</th>
            <th scope="col">Binnen termijn</th>
            <th scope="col">Te laat (open)</th>
            {onKies ? <th scope="col">Buurten</th> : null}
          </tr>
        </thead>
        <tbody>
          {rijen.map((g) => (
            <tr key={g.code} data-code={g.code}>
              <th scope="row">{g.naam}</th>
              <td>{g.inwoners === null ? "onbekend" : nl(g.inwoners)}</td>
              <td data-kolom="meldingen">
                <Aantal n={g.meldingen} href={werkLink(filters, { ...extra(g), status: "alle" })} label={`meldingen in ${g.naam}`} />
              </td>
              <td>{g.per_1000_inwoners === null ? "onbekend" : nl(g.per_1000_inwoners, 1)}</td>
              <td>
                <Aantal n={g.open} href={werkLink(filters, extra(g))} label={`open meldingen in ${g.naam}`} />
              </td>
              <td>{pct(g.binnen_termijn_pct)}</td>
              <td>
                <Aantal n={g.te_laat} href={werkLink(filters, { ...extra(g), te_laat: "true" })} label={`te late meldingen in ${g.naam}`} />
              </td>
              {onKies ? (
                <td>
                  <button type="button" className="baken-sort" onClick={() => onKies(g.code)}>
                    Buurten van {g.naam}
                  </button>
                </td>
              ) : null}
            </tr>
          ))}
          {buiten ? (
            <tr data-code="buiten">
              <th scope="row">Buiten de wijken</th>
              <td>–</td>
              <td data-kolom="meldingen">{nl(buiten)}</td>
              <td colSpan={onKies ? 5 : 4}>zonder wijk (geen locatie in de gemeente)</td>
            </tr>
          ) : null}
        </tbody>
        {totaal ? (
          <tfoot>
            <tr>
              <th scope="row">Totaal</th>
              <td>–</td>
              <td data-testid="totaal-meldingen">
                <Aantal n={totaal.meldingen} href={werkLink(filters, { status: "alle" })} label="meldingen in totaal" />
              </td>
              <td>–</td>
              <td>
                <Aantal n={totaal.open} href={werkLink(filters, {})} label="open meldingen in totaal" />
              </td>
              <td>{pct(totaal.binnen_termijn_pct)}</td>
              <td>
                <Aantal n={totaal.te_laat} href={werkLink(filters, { te_laat: "true" })} label="te late meldingen in totaal" />
              </td>
              {onKies ? <td /> : null}
            </tr>
          </tfoot>
        ) : null}
      </table>
    </div>
  );
}

/** Meldingen per ISO week: an SVG bar chart (a summary in its title) and the same numbers in a table. */
function Weken({ weken, titel }: { weken: WijkbeeldData["weken"]; titel: string }) {
  const max = Math.max(1, ...weken.map((w) => w.meldingen));
  const piek = weken.reduce((a, w) => (w.meldingen > a.meldingen ? w : a), weken[0] ?? { week: "", start: "", meldingen: 0 });
  const totaal = weken.reduce((s, w) => s + w.meldingen, 0);
  const W = 800;
  const H = 220;
  const marge = { links: 44, onder: 28, boven: 8 };
  const breedte = (W - marge.links) / Math.max(1, weken.length);
  const hoogte = H - marge.onder - marge.boven;
  const stap = Math.max(1, Math.ceil(weken.length / 12));
  const ticks = [0, Math.round(max / 2), max];
  return (
    <section aria-labelledby="weken-kop">
      <h2 className="utrecht-heading-2" id="weken-kop">
        Meldingen per week
      </h2>
      <svg
        viewBox={`0 0 ${W} ${H}`}
        width="100%"
        role="img"
        aria-labelledby="weken-titel weken-omschrijving"
        data-testid="weekgrafiek"
        style={{ maxInlineSize: "60rem" }}
      >
        <title id="weken-titel">{titel}</title>
        <desc id="weken-omschrijving">
          {plural(weken.length, "week", "weken")}, {plural(totaal, "melding", "meldingen", nl)}; de drukste week is {piek.week} (vanaf{" "}
          {piek.start}) met {plural(piek.meldingen, "melding", "meldingen", nl)}. De tabel hieronder geeft elke week.
        </desc>
        {ticks.map((t) => {
          const y = marge.boven + hoogte - (hoogte * t) / max;
          return (
            <g key={t}>
              <line x1={marge.links} x2={W} y1={y} y2={y} stroke="#c4c9cc" strokeWidth={1} />
              <text x={marge.links - 6} y={y + 4} textAnchor="end" fontSize={12} fill="#1a1a1a">
                {nl(t)}
              </text>
            </g>
          );
        })}
        {weken.map((w, i) => {
          const h = (hoogte * w.meldingen) / max;
          const x = marge.links + i * breedte;
          return (
            <g key={w.week}>
              <rect x={x + breedte * 0.1} y={marge.boven + hoogte - h} width={Math.max(1, breedte * 0.8)} height={h} fill="#2171b5">
                <title>
                  {w.week} (vanaf {w.start}): {plural(w.meldingen, "melding", "meldingen", nl)}
                </title>
              </rect>
              {i % stap === 0 ? (
                <text x={x + breedte / 2} y={H - 8} textAnchor="middle" fontSize={11} fill="#1a1a1a">
                  {w.week.slice(5)}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
      <details>
        <summary>Meldingen per week als tabel</summary>
        <div className="baken-table-wrap" tabIndex={0} role="region" aria-label="Meldingen per week">
          <table className="baken-table" data-testid="weken">
            <caption>Meldingen per ISO-week</caption>
            <thead>
              <tr>
                <th scope="col">Week</th>
                <th scope="col">Vanaf</th>
                <th scope="col">Meldingen</th>
              </tr>
            </thead>
            <tbody>
              {weken.map((w) => (
                <tr key={w.week}>
                  <th scope="row">{w.week}</th>
                  <td>{w.start}</td>
                  <td>{nl(w.meldingen)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </section>
  );
}

function Mix({ data, filters, wijk }: { data: WijkbeeldData; filters: { van: string; tot: string; categorie: string }; wijk: string }) {
  const max = Math.max(1, ...data.hoofdcategorieen.map((c) => c.meldingen));
  return (
    <section aria-labelledby="mix-kop">
      <h2 className="utrecht-heading-2" id="mix-kop">
        Soorten meldingen
      </h2>
      <div className="baken-table-wrap" tabIndex={0} role="region" aria-labelledby="mix-kop">
        <table className="baken-table baken-bars" data-testid="mix">
          <caption>Meldingen per hoofdcategorie</caption>
          <thead>
            <tr>
              <th scope="col">Hoofdcategorie</th>
              <th scope="col">Meldingen</th>
              <th scope="col">Aandeel</th>
              <th scope="col">Staaf</th>
            </tr>
          </thead>
          <tbody>
            {data.hoofdcategorieen.map((c) => (
              <tr key={c.code}>
                <th scope="row">{c.naam}</th>
                <td>
                  <Aantal
                    n={c.meldingen}
                    href={werkLink({ ...filters, categorie: filters.categorie || c.code }, { ...(wijk ? { wijk } : {}), status: "alle" })}
                    label={`meldingen ${c.naam}`}
                  />
                </td>
                <td>{c.aandeel_pct === null ? "–" : `${nl(c.aandeel_pct, 1)} %`}</td>
                <td className="baken-bars__cell" aria-hidden="true">
                  <span className="baken-bars__bar" style={{ inlineSize: `${(100 * c.meldingen) / max}%` }} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** The name of a main or sub category for its code (the code itself while the list loads). */
function categorieNaam(c: Categorieen | null, code: string): string {
  for (const m of c?.hoofdcategorieen ?? []) {
    if (m.code === code) return m.naam;
    const s = m.subcategorieen.find((x) => x.code === code);
    if (s) return s.naam;
  }
  return code;
}

export function Wijkbeeld() {
  usePageTitle("Wijkbeeld");
  const { search } = useLocation();
  const van = search.get("van") || "";
  const tot = search.get("tot") || "";
  const categorie = search.get("categorie") || "";
  const wijk = search.get("wijk") || "";
  const [categories, setCategories] = useState<Categorieen | null>(null);
  const [data, setData] = useState<WijkbeeldData | null>(null);
  const [detail, setDetail] = useState<WijkbeeldData | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [datumFout, setDatumFout] = useState("");
  const fout = datumFout || periodeFout(van, tot);

  const query = (extra: Record<string, string> = {}) => {
    const q = new URLSearchParams();
    if (van) q.set("van", van);
    if (tot) q.set("tot", tot);
    if (categorie) q.set("categorie", categorie);
    for (const [k, v] of Object.entries(extra)) q.set(k, v);
    return q.toString();
  };

  useEffect(() => {
    loadCategories().then(setCategories, () => undefined);
  }, []);
  useEffect(() => {
    setError(null);
    setData(null);
    if (periodeFout(van, tot)) return;
    api<WijkbeeldData>(`/api/v1/wijkbeeld?${query()}`).then(setData, setError);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [van, tot, categorie]);
  useEffect(() => {
    setDetail(null);
    if (!wijk || periodeFout(van, tot)) return;
    api<WijkbeeldData>(`/api/v1/wijkbeeld?${query({ wijk })}`).then(setDetail, setError);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [van, tot, categorie, wijk]);

  const go = (changes: Record<string, string>) => {
    const q = new URLSearchParams(search.toString());
    for (const [k, v] of Object.entries(changes)) {
      if (v) q.set(k, v);
      else q.delete(k);
    }
    navigate(`/werk/wijken?${q.toString()}`);
  };
  const kiesWijk = (code: string) => {
    go({ wijk: code });
    window.setTimeout(() => document.getElementById("buurten-kop")?.focus(), 0);
  };

  const apply = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const periode = periodeFout(String(form.get("van") ?? ""), String(form.get("tot") ?? ""));
    setDatumFout(periode);
    if (periode) {
      e.currentTarget.querySelector<HTMLInputElement>('input[name="tot"]')?.focus();
      return;
    }
    const q = new URLSearchParams();
    for (const k of ["van", "tot", "categorie"]) {
      const v = String(form.get(k) ?? "");
      if (v) q.set(k, v);
    }
    if (wijk) q.set("wijk", wijk);
    navigate(`/werk/wijken?${q.toString()}`);
  };

  const filters = { van: data?.van ?? van, tot: data?.tot ?? tot, categorie };
  const gekozen = detail?.wijken[0];
  const t = data?.totaal;

  return (
    <>
      <PageTitle>Wijkbeeld</PageTitle>
      <Paragraph>
        Hoeveel meldingen kwamen er per wijk en buurt binnen, hoeveel staan er open en hoeveel zijn binnen de afhandeltermijn afgehandeld?
        Elk aantal opent de werkvoorraad met dezelfde periode, wijk of buurt, status en categorie.
      </Paragraph>
      <form className="baken-filters" onSubmit={apply} aria-label="Periode en categorie" key={search.toString()}>
        <Field label="Van" description="Standaard 1 januari van dit jaar">
          {(ids) => (
            <input
              type="date"
              id={ids.id}
              name="van"
              className="utrecht-textbox utrecht-textbox--html-input"
              defaultValue={van}
              aria-describedby={ids.describedBy}
            />
          )}
        </Field>
        <Field label="Tot en met" description="Standaard vandaag; hooguit drie jaar" error={fout}>
          {(ids) => (
            <input
              type="date"
              id={ids.id}
              name="tot"
              className="utrecht-textbox utrecht-textbox--html-input"
              defaultValue={tot}
              aria-invalid={ids.invalid || undefined}
              aria-describedby={ids.describedBy}
            />
          )}
        </Field>
        <Field label="Categorie">
          {(ids) => (
            <select id={ids.id} name="categorie" className="utrecht-select utrecht-select--html-select" defaultValue={categorie}>
              <option value="">Alle categorieën</option>
              {categories?.hoofdcategorieen.map((m) => (
                <optgroup key={m.code} label={m.naam}>
                  <option value={m.code}>{m.naam} (alle)</option>
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
        <div className="utrecht-form-field">
          <Button type="submit" appearance="primary-action-button">
            Toon
          </Button>
        </div>
      </form>

      <ErrorAlert error={error} />
      {data && t ? (
        <>
          <p role="status" data-testid="wijkbeeld-samenvatting">
            {plural(t.meldingen, "melding", "meldingen", nl)} van {data.van} tot en met {data.tot}
            {categorie ? ` in de categorie ${categorieNaam(categories, categorie)}` : ""}.
          </p>
          {data.afgeschermd ? (
            <Paragraph data-testid="afgeschermd">
              <strong>Let op:</strong> meldingen van vertrouwelijke categorieën die u niet mag inzien, tellen niet mee.
            </Paragraph>
          ) : null}
          <section aria-labelledby="kerncijfers-kop">
            <h2 className="utrecht-heading-2" id="kerncijfers-kop">
              Kerncijfers
            </h2>
            <dl className="baken-dl" data-testid="kerncijfers">
              <dt>Meldingen</dt>
              <dd>
                <Aantal n={t.meldingen} href={werkLink(filters, { status: "alle" })} label="meldingen" />
              </dd>
              <dt>Open</dt>
              <dd>
                <Aantal n={t.open} href={werkLink(filters, {})} label="open meldingen" />
              </dd>
              <dt>Afgehandeld</dt>
              <dd>
                <Aantal n={t.afgehandeld} href={werkLink(filters, { status: GESLOTEN })} label="afgehandelde meldingen" />
              </dd>
              <dt>Binnen termijn afgehandeld</dt>
              <dd>
                {pct(t.binnen_termijn_pct)}
                {t.afgehandeld > 0 ? ` (${nl(t.binnen_termijn)} van ${nl(t.afgehandeld)})` : ""}
              </dd>
              <dt>Open en over de termijn</dt>
              <dd>
                <Aantal n={t.te_laat} href={werkLink(filters, { te_laat: "true" })} label="te late meldingen" />
              </dd>
            </dl>
          </section>

          <section aria-labelledby="wijken-kop">
            <h2 className="utrecht-heading-2" id="wijken-kop">
              Wijken
            </h2>
            <WijkKaart data={data} onKies={kiesWijk} />
            <GebiedenTabel
              rijen={data.wijken}
              soort="wijk"
              filters={filters}
              caption={`Meldingen per wijk, ${data.van} tot en met ${data.tot}`}
              onKies={kiesWijk}
              buiten={data.buiten_wijken}
              totaal={t}
              testid="wijken"
            />
          </section>

          {wijk ? (
            <section aria-labelledby="buurten-kop" data-testid="buurten-sectie">
              <h2 className="utrecht-heading-2" id="buurten-kop" tabIndex={-1}>
                Buurten van {gekozen?.naam ?? wijk}
              </h2>
              <Paragraph>
                <Link href={`/werk/wijken?${query()}`}>Terug naar alle wijken</Link>
              </Paragraph>
              {detail?.buurten ? (
                <>
                  <GebiedenTabel
                    rijen={detail.buurten}
                    soort="buurt"
                    filters={filters}
                    caption={`Meldingen per buurt van ${gekozen?.naam ?? wijk}`}
                    testid="buurten"
                  />
                  <Weken weken={detail.weken} titel={`Meldingen per week in ${gekozen?.naam ?? wijk}`} />
                  <Mix data={detail} filters={filters} wijk={wijk} />
                </>
              ) : !error ? (
                <Loading what="Buurten" />
              ) : null}
            </section>
          ) : (
            <>
              <Weken weken={data.weken} titel="Meldingen per week in de gemeente" />
              <Mix data={data} filters={filters} wijk="" />
            </>
          )}
        </>
      ) : !error ? (
        <Loading what="Wijkbeeld" />
      ) : null}
    </>
  );
}
