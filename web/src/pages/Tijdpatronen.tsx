// Tijdpatronen on the Analyse page: when in the week meldingen come (a 7 x 24 heat map that is a
// real table, every cell with its number, so it reads the same without colour or sight), how
// busy each month is (bars with the index as text), and which wijken rose or fell against the
// period before (a sortable table; the test and its limits are in docs/analysis.md).
import { useEffect, useMemo, useState } from "react";
import { Paragraph } from "@utrecht/component-library-react";
import { api } from "../api";
import { ErrorAlert, Loading } from "../components";
import { plural } from "../i18n";

export interface Patronen {
  van: string;
  tot: string;
  vorige_van: string;
  vorige_tot: string;
  meldingen: number;
  uur_van_week: { aantal: number[]; aandeel: number[] };
  maanden: { maand: number; naam: string; aantal: number; blootstelling: number; gemiddelde: number; index: number }[];
  trend: TrendRij[];
}
interface TrendRij {
  code: string;
  naam: string;
  aantal: number;
  vorige: number;
  verandering_pct: number | null;
  p: number;
  q: number;
  klasse: string;
}

const DAGEN = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"];
const MAANDEN = [
  "januari",
  "februari",
  "maart",
  "april",
  "mei",
  "juni",
  "juli",
  "augustus",
  "september",
  "oktober",
  "november",
  "december",
];
// Sequential blues; dark cells get white text. Every pair has a contrast of at least 4.5:1.
const SCHAAL = [
  { achtergrond: "#f7fbff", tekst: "#1a1a1a" },
  { achtergrond: "#c6dbef", tekst: "#1a1a1a" },
  { achtergrond: "#6baed6", tekst: "#1a1a1a" },
  { achtergrond: "#2171b5", tekst: "#ffffff" },
  { achtergrond: "#08306b", tekst: "#ffffff" },
];
const KLASSE_TEKST: Record<string, string> = {
  stijging: "Stijging",
  daling: "Daling",
  "geen significante verandering": "Geen significante verandering",
};

const nl = (v: number, digits = 0) => v.toLocaleString("nl-NL", { minimumFractionDigits: digits, maximumFractionDigits: digits });
const uur = (h: number) => `${String(h).padStart(2, "0")}:00`;

function bin(v: number, max: number) {
  if (max <= 0 || v <= 0) return 0;
  return Math.min(SCHAAL.length - 1, 1 + Math.floor(((SCHAAL.length - 1) * (v - 1)) / Math.max(max, 1)));
}

// The counts each colour stands for: 0, then the ranges of 1..max per bin.
function legenda(max: number) {
  const out: { bin: number; lo: number; hi: number }[] = [{ bin: 0, lo: 0, hi: 0 }];
  for (let v = 1; v <= max; v++) {
    const b = bin(v, max);
    const last = out[out.length - 1];
    if (last.bin === b) last.hi = v;
    else out.push({ bin: b, lo: v, hi: v });
  }
  return out;
}

function UurVanDeWeek({ data }: { data: Patronen }) {
  const counts = data.uur_van_week.aantal;
  const max = Math.max(0, ...counts);
  const piek = counts.indexOf(max);
  return (
    <>
      <h3 className="utrecht-heading-3" id="uurkaart-kop">
        Per uur van de week
      </h3>
      <Paragraph>
        Lokale tijd. Het drukste uur is {DAGEN[Math.floor(piek / 24)]} {uur(piek % 24)} tot {uur((piek % 24) + 1)} met{" "}
        {plural(max, "melding", "meldingen", nl)}.
      </Paragraph>
      <ul className="baken-legend" aria-label="Kleurschaal van de uurkaart">
        {legenda(max).map((l) => (
          <li key={l.bin}>
            <span className="baken-legend__swatch" style={{ background: SCHAAL[l.bin].achtergrond }} aria-hidden="true" />{" "}
            {l.lo === l.hi ? nl(l.lo) : `${nl(l.lo)} tot en met ${nl(l.hi)}`}
          </li>
        ))}
      </ul>
      <div className="baken-table-wrap" tabIndex={0} role="region" aria-labelledby="uurkaart-kop">
        <table className="baken-table baken-heatmap" data-testid="uurkaart">
          <caption>Meldingen per uur van de week, maandag tot en met zondag, 00 tot 23 uur</caption>
          <thead>
            <tr>
              <th scope="col">Dag</th>
              {Array.from({ length: 24 }, (_, h) => (
                <th scope="col" key={h} abbr={`${uur(h)} uur`}>
                  {String(h).padStart(2, "0")}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {DAGEN.map((dag, d) => (
              <tr key={dag}>
                <th scope="row">{dag}</th>
                {Array.from({ length: 24 }, (_, h) => {
                  const v = counts[d * 24 + h];
                  const s = SCHAAL[bin(v, max)];
                  return (
                    <td key={h} style={{ background: s.achtergrond, color: s.tekst }}>
                      {v}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function Maanden({ data }: { data: Patronen }) {
  const gedekt = data.maanden.filter((m) => m.blootstelling > 0);
  const max = Math.max(0, ...gedekt.map((m) => m.gemiddelde));
  return (
    <>
      <h3 className="utrecht-heading-3" id="maanden-kop">
        Per maand
      </h3>
      <Paragraph>
        Meldingen per maand, gemiddeld over de jaren in de periode. Index 1,00 is een gemiddelde maand; 1,50 is anderhalf keer zo druk.
      </Paragraph>
      <div className="baken-table-wrap" tabIndex={0} role="region" aria-labelledby="maanden-kop">
        <table className="baken-table baken-bars" data-testid="maanden">
          <caption>Meldingen per maand en seizoensindex</caption>
          <thead>
            <tr>
              <th scope="col">Maand</th>
              <th scope="col">Meldingen</th>
              <th scope="col">Index</th>
              <th scope="col">Staaf</th>
            </tr>
          </thead>
          <tbody>
            {gedekt.map((m) => (
              <tr key={m.maand}>
                <th scope="row">{MAANDEN[m.maand - 1]}</th>
                <td>{nl(m.gemiddelde, m.blootstelling === 1 ? 0 : 1)}</td>
                <td>{nl(m.index, 2)}</td>
                <td className="baken-bars__cell" aria-hidden="true">
                  <span className="baken-bars__bar" style={{ inlineSize: `${max > 0 ? (100 * m.gemiddelde) / max : 0}%` }} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

type Sleutel = "naam" | "aantal" | "vorige" | "verandering_pct" | "q" | "klasse";
const KOLOMMEN: { sleutel: Sleutel; naam: string }[] = [
  { sleutel: "naam", naam: "Wijk" },
  { sleutel: "aantal", naam: "Meldingen" },
  { sleutel: "vorige", naam: "Vorige periode" },
  { sleutel: "verandering_pct", naam: "Verandering" },
  { sleutel: "q", naam: "q-waarde" },
  { sleutel: "klasse", naam: "Trend" },
];
const KLASSE_VOLGORDE: Record<string, number> = { stijging: 0, daling: 1, "geen significante verandering": 2 };

function TrendTabel({ data }: { data: Patronen }) {
  const [sleutel, setSleutel] = useState<Sleutel>("klasse");
  const [oplopend, setOplopend] = useState(true);
  const rijen = useMemo(() => {
    const waarde = (r: TrendRij): number | string =>
      sleutel === "klasse"
        ? (KLASSE_VOLGORDE[r.klasse] ?? 3)
        : sleutel === "verandering_pct"
          ? (r.verandering_pct ?? Number.POSITIVE_INFINITY)
          : r[sleutel];
    return [...data.trend].sort((a, b) => {
      const x = waarde(a);
      const y = waarde(b);
      const c = typeof x === "string" ? x.localeCompare(String(y), "nl") : (x as number) - (y as number);
      return (oplopend ? c : -c) || b.aantal - a.aantal || a.naam.localeCompare(b.naam, "nl");
    });
  }, [data, sleutel, oplopend]);
  const sorteer = (s: Sleutel) => {
    if (s === sleutel) setOplopend(!oplopend);
    else {
      setSleutel(s);
      setOplopend(s === "naam" || s === "klasse" || s === "q");
    }
  };
  const stijgingen = data.trend.filter((r) => r.klasse === "stijging").length;
  const dalingen = data.trend.filter((r) => r.klasse === "daling").length;
  const vorigeLeeg = data.trend.every((r) => r.vorige === 0);
  return (
    <>
      <h3 className="utrecht-heading-3" id="trend-kop">
        Trend per wijk
      </h3>
      <Paragraph>
        {data.van} tot en met {data.tot} tegen {data.vorige_van} tot en met {data.vorige_tot}: {stijgingen}{" "}
        {stijgingen === 1 ? "wijk" : "wijken"} met een significante stijging, {dalingen} met een daling (exacte toets voor twee
        Poisson-aantallen, Benjamini-Hochberg, q onder 0,05). Meldingen komen vaak in golven; dan is de toets te snel significant. Kijk ook
        naar de aantallen.
      </Paragraph>
      {vorigeLeeg ? (
        <Paragraph data-testid="trend-waarschuwing">
          <strong>Let op:</strong> de vorige periode bevat geen meldingen, waarschijnlijk omdat de gegevens later beginnen. De trend zegt
          dan niets over een echte verandering; kies een latere periode.
        </Paragraph>
      ) : null}
      <div className="baken-table-wrap" tabIndex={0} role="region" aria-labelledby="trend-kop">
        <table className="baken-table" data-testid="trend">
          <caption>
            Trend per wijk, gesorteerd op {KOLOMMEN.find((k) => k.sleutel === sleutel)?.naam.toLowerCase()} (
            {oplopend ? "oplopend" : "aflopend"})
          </caption>
          <thead>
            <tr>
              {KOLOMMEN.map((k) => (
                <th scope="col" key={k.sleutel} aria-sort={k.sleutel === sleutel ? (oplopend ? "ascending" : "descending") : "none"}>
                  <button type="button" className="baken-sort" onClick={() => sorteer(k.sleutel)}>
                    {k.naam}
                    <span aria-hidden="true">{k.sleutel === sleutel ? (oplopend ? " ▲" : " ▼") : ""}</span>
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rijen.map((r) => (
              <tr key={r.code} data-klasse={r.klasse}>
                <th scope="row">{r.naam}</th>
                <td>{nl(r.aantal)}</td>
                <td>{nl(r.vorige)}</td>
                <td>
                  {r.verandering_pct === null
                    ? "geen vorige meldingen"
                    : `${r.verandering_pct > 0 ? "+" : ""}${nl(r.verandering_pct, 1)} %`}
                </td>
                <td>{r.q < 0.001 ? "< 0,001" : nl(r.q, 3)}</td>
                <td>
                  <span className={`baken-trend baken-trend--${r.klasse === "stijging" ? "op" : r.klasse === "daling" ? "neer" : "vlak"}`}>
                    {KLASSE_TEKST[r.klasse] ?? r.klasse}
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

export function Tijdpatronen({ van, tot, categorie }: { van: string; tot: string; categorie: string }) {
  const [data, setData] = useState<Patronen | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    setData(null);
    setError(null);
    const q = new URLSearchParams({ niveau: "wijk" });
    if (van) q.set("van", van);
    if (tot) q.set("tot", tot);
    if (categorie) q.set("categorie", categorie);
    api<Patronen>(`/api/v1/analyse/patronen?${q.toString()}`).then(setData, setError);
  }, [van, tot, categorie]);
  return (
    <section aria-labelledby="tijdpatronen-kop" data-testid="tijdpatronen">
      <h2 className="utrecht-heading-2" id="tijdpatronen-kop">
        Tijdpatronen
      </h2>
      <ErrorAlert error={error} />
      {data ? (
        <>
          <p role="status" data-testid="tijdpatronen-samenvatting">
            {plural(data.meldingen, "melding", "meldingen", nl)} van {data.van} tot en met {data.tot}.
          </p>
          <UurVanDeWeek data={data} />
          <Maanden data={data} />
          <TrendTabel data={data} />
        </>
      ) : !error ? (
        <Loading what="Tijdpatronen" />
      ) : null}
    </section>
  );
}
