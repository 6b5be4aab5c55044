// Analyse (analysts and gebiedsmanagers): the hot spots of the meldingen on the map, coloured by
// Gi* class or by the chosen model's risk, with the naive baseline always beside it (a second map
// and its top cells in the table), the busiest buurten per 1,000 inhabitants, and a backtest of
// the chosen model against naive over the last 8 weeks, and the time patterns (Tijdpatronen.tsx).
// Everything is aggregated: no melding text or person reaches this page (the API leaves them out).
import { useEffect, useState, type FormEvent } from "react";
import { Button, Paragraph } from "@utrecht/component-library-react";
import { api, loadCategories, periodeFout, type Categorieen } from "../api";
import { ErrorAlert, Field, Loading, PageTitle } from "../components";
import { HotspotKaart, KLASSE_KLEUR, KLASSE_NAAM, RISICO_BANDEN, type Hotspots, type Kleuring } from "../map/HotspotKaart";
import { navigate, useLocation, usePageTitle } from "../router";
import { Tijdpatronen } from "./Tijdpatronen";
import { plural } from "../i18n";

const MODELLEN = [
  { code: "kde", naam: "KDE (kerndichtheid)" },
  { code: "prospective", naam: "Prospectief (near repeat)" },
  { code: "seppexp", naam: "SEPP (zelf-exciterend)" },
  { code: "naive", naam: "Naive (aantallen)" },
];
const CELLEN = ["100", "150", "250", "500"];

interface Gebied {
  code: string;
  naam: string;
  aantal: number;
  inwoners: number | null;
  per_1000_inwoners: number | null;
}
interface Backtest {
  voorspellingen: number;
  gescoorde_meldingen: number;
  van: string;
  tot: string;
  modellen: { model: string; instellingen: string; dekkingen: { dekking_pct: number; hitrate: number; pai: number }[] }[];
}

/** "berekend om 14:05 (3 minuten geleden)": how old the cached picture is. */
function Leeftijd({ berekendOp, ververst }: { berekendOp?: string; ververst?: number }) {
  if (!berekendOp) return null;
  const at = new Date(berekendOp);
  const minutes = Math.max(0, Math.floor((Date.now() - at.getTime()) / 60000));
  const ago = minutes === 0 ? "zojuist" : minutes === 1 ? "1 minuut geleden" : `${minutes} minuten geleden`;
  const time = at.toLocaleString("nl-NL", {
    day: "numeric",
    month: "long",
    hour: "2-digit",
    minute: "2-digit",
    timeZone: "Europe/Amsterdam",
  });
  return (
    <p data-testid="analyse-leeftijd">
      Dit beeld is berekend op {time} ({ago}).{" "}
      {ververst ? `Nieuwe meldingen tellen mee bij de volgende berekening, hooguit ${ververst} minuten later.` : null}
    </p>
  );
}

/** The comparison at 5 % coverage in one sentence: which one found more of the next day's meldingen. */
function Uitkomst({ backtest }: { backtest: Backtest }) {
  const at5 = (m: Backtest["modellen"][number]) => m.dekkingen.find((d) => d.dekking_pct === 5) ?? m.dekkingen[0];
  const naive = at5(backtest.modellen[0]);
  const other = backtest.modellen[1];
  const model = at5(other);
  const pct = (v: number) => `${nl(100 * v, 0)} %`;
  const verschil = Math.abs(model.hitrate - naive.hitrate);
  const text =
    verschil < 0.02
      ? `naive en ${other.model} doen het ongeveer even goed (${pct(naive.hitrate)} en ${pct(model.hitrate)}).`
      : naive.hitrate > model.hitrate
        ? `naive vond ${pct(naive.hitrate)} van de meldingen van de volgende dag, ${other.model} ${pct(model.hitrate)}: in deze periode voorspelt gewoon tellen beter.`
        : `${other.model} vond ${pct(model.hitrate)} van de meldingen van de volgende dag, naive ${pct(naive.hitrate)}: het model voegt hier iets toe.`;
  return <Paragraph data-testid="backtest-uitkomst">In de 5 % drukste cellen: {text}</Paragraph>;
}

/** What the backtest table means, in plain words: what naive is and what it means when it wins. */
function BacktestUitleg() {
  return (
    <div data-testid="backtest-uitleg">
      <h3 className="utrecht-heading-3">Hoe leest u deze vergelijking?</h3>
      <Paragraph>
        <strong>Naive</strong> is de eenvoudigste voorspelling: de plekken waar het afgelopen jaar de meeste meldingen waren, zijn ook
        morgen de drukste. Er zit geen rekenmodel achter, alleen tellen. Elk ander model moet dat dus minstens evenaren om de moeite waard
        te zijn.
      </Paragraph>
      <Paragraph>
        Een hogere hitrate en PAI is beter. Wint naive, dan voegt het gekozen model voor deze meldingen en deze periode niets toe: de
        meldingen komen steeds op dezelfde vaste plekken terug. Dat is geen fout, maar wel een uitkomst: plan dan gewoon op de bekende
        drukke plekken. Kleine verschillen (een paar procentpunten) zeggen weinig, die kunnen van dag tot dag toevallig zo uitvallen.
      </Paragraph>
      <Paragraph>
        Hoe meer meldingen en hoe langer de periode, hoe betrouwbaarder de vergelijking. Met weinig meldingen per dag, of een korte
        geschiedenis, zegt een verschil tussen de modellen nog niet veel.
      </Paragraph>
    </div>
  );
}

const nl = (v: number, digits = 2) => v.toLocaleString("nl-NL", { minimumFractionDigits: digits, maximumFractionDigits: digits });

function Legenda({ kleuring }: { kleuring: Kleuring }) {
  const items =
    kleuring === "klasse"
      ? [3, 2, 1, -1, -2, -3].map((k) => ({ kleur: KLASSE_KLEUR[k], naam: KLASSE_NAAM[k] }))
      : RISICO_BANDEN.map((b) => ({ kleur: b.kleur, naam: b.naam }));
  return (
    <ul className="baken-legend" aria-label="Legenda">
      {items.map((i) => (
        <li key={i.naam}>
          <span className="baken-legend__swatch" style={{ background: i.kleur }} aria-hidden="true" /> {i.naam}
        </li>
      ))}
    </ul>
  );
}

function TopCellen({ data, caption }: { data: Hotspots; caption: string }) {
  const top = [...data.features]
    .sort((a, b) => b.properties.risico - a.properties.risico || a.properties.cel - b.properties.cel)
    .slice(0, 10);
  return (
    <div className="baken-table-wrap" tabIndex={0} role="region" aria-label={caption}>
      <table className="baken-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Rang</th>
            <th scope="col">Cel (middelpunt)</th>
            <th scope="col">Meldingen</th>
            <th scope="col">Gi*-klasse</th>
          </tr>
        </thead>
        <tbody>
          {top.map((f, i) => {
            const ring = f.geometry.coordinates[0];
            const lon = (ring[0][0] + ring[2][0]) / 2;
            const lat = (ring[0][1] + ring[2][1]) / 2;
            return (
              <tr key={f.properties.cel}>
                <td>{i + 1}</td>
                <td>
                  {nl(lat, 4)} N, {nl(lon, 4)} O
                </td>
                <td>{f.properties.aantal}</td>
                <td>{KLASSE_NAAM[f.properties.klasse] ?? "Niet significant"}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export function Analyse() {
  usePageTitle("Analyse: hotspots");
  const { search } = useLocation();
  const model = search.get("model") || "kde";
  const cel = search.get("cel") || "150";
  const categorie = search.get("categorie") || "";
  const van = search.get("van") || "";
  const tot = search.get("tot") || "";
  const [kleuring, setKleuring] = useState<Kleuring>("klasse");
  const [categories, setCategories] = useState<Categorieen | null>(null);
  const [chosen, setChosen] = useState<Hotspots | null>(null);
  const [naive, setNaive] = useState<Hotspots | null>(null);
  const [buurten, setBuurten] = useState<Gebied[] | null>(null);
  const [backtest, setBacktest] = useState<Backtest | null>(null);
  const [btBusy, setBtBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  // An end before the start is said at the field, in words, before anything is asked of the server.
  const [datumFout, setDatumFout] = useState(() => periodeFout(van, tot));

  const query = (m: string) => {
    const q = new URLSearchParams({ model: m, cel });
    if (categorie) q.set("categorie", categorie);
    if (van) q.set("van", van);
    if (tot) q.set("tot", tot);
    return q.toString();
  };

  useEffect(() => {
    loadCategories().then(setCategories, () => undefined);
  }, []);
  useEffect(() => {
    setError(null);
    setChosen(null);
    setNaive(null);
    setBacktest(null);
    if (periodeFout(van, tot)) return;
    api<Hotspots>(`/api/v1/analyse/hotspots?${query(model)}`).then(setChosen, setError);
    if (model !== "naive") api<Hotspots>(`/api/v1/analyse/hotspots?${query("naive")}`).then(setNaive, setError);
    api<{ gebieden: Gebied[] }>(`/api/v1/analyse/gebieden?niveau=buurt&${query(model)}`).then(
      (r) => setBuurten(r.gebieden.slice(0, 10)),
      setError,
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [model, cel, categorie, van, tot]);
  const baseline = model === "naive" ? chosen : naive;

  const apply = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const fout = periodeFout(String(form.get("van") ?? ""), String(form.get("tot") ?? ""));
    setDatumFout(fout);
    if (fout) {
      e.currentTarget.querySelector<HTMLInputElement>('input[name="tot"]')?.focus();
      return;
    }
    const q = new URLSearchParams();
    for (const k of ["model", "cel", "categorie", "van", "tot"]) {
      const v = String(form.get(k) ?? "");
      if (v) q.set(k, v);
    }
    navigate(`/werk/analyse?${q.toString()}`);
  };

  const runBacktest = () => {
    setBtBusy(true);
    const q = new URLSearchParams({ model, cel });
    if (categorie) q.set("categorie", categorie);
    if (tot) q.set("tot", tot);
    api<Backtest>(`/api/v1/analyse/backtest?${q.toString()}`)
      .then(setBacktest, setError)
      .finally(() => setBtBusy(false));
  };

  return (
    <>
      <PageTitle>Analyse: hotspots</PageTitle>
      <Paragraph>
        Waar komen meldingen samen? Cellen van het raster over de gemeente, gekleurd naar Gi*-klasse (statistisch significante
        concentraties) of naar het risico volgens een model. De naive basislijn (aantallen in dezelfde periode) staat er altijd naast.
        Vertrouwelijke categorieën en persoonsgegevens tellen niet mee.
      </Paragraph>
      <form className="baken-filters" onSubmit={apply} aria-label="Instellingen van de analyse" key={search.toString()}>
        <Field label="Model">
          {(ids) => (
            <select id={ids.id} name="model" className="utrecht-select utrecht-select--html-select" defaultValue={model}>
              {MODELLEN.map((m) => (
                <option key={m.code} value={m.code}>
                  {m.naam}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Celgrootte">
          {(ids) => (
            <select id={ids.id} name="cel" className="utrecht-select utrecht-select--html-select" defaultValue={cel}>
              {CELLEN.map((c) => (
                <option key={c} value={c}>
                  {c} m
                </option>
              ))}
            </select>
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
        <Field label="Van" description="Standaard een jaar tot de laatste melding">
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
        <Field label="Tot en met" error={datumFout || periodeFout(van, tot)}>
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
        <div className="utrecht-form-field">
          <Button type="submit" appearance="primary-action-button">
            Toon
          </Button>
        </div>
      </form>

      <ErrorAlert error={error} />
      <fieldset className="baken-radio-row">
        <legend>Kleur de cellen naar</legend>
        <label>
          <input type="radio" name="kleuring" checked={kleuring === "klasse"} onChange={() => setKleuring("klasse")} /> Gi*-klasse (hot- en
          coldspots)
        </label>
        <label>
          <input type="radio" name="kleuring" checked={kleuring === "risico"} onChange={() => setKleuring("risico")} /> Risico volgens het
          model
        </label>
      </fieldset>
      <Legenda kleuring={kleuring} />
      {chosen ? (
        <p role="status" data-testid="analyse-samenvatting">
          {plural(chosen.properties.meldingen, "melding", "meldingen", (n) => n.toLocaleString("nl-NL"))} van {chosen.properties.van} tot en
          met {chosen.properties.tot}, {chosen.properties.studiecellen.toLocaleString("nl-NL")} cellen van {chosen.properties.cel_m} m.
        </p>
      ) : !error ? (
        <Loading what="Hotspots" />
      ) : null}
      {chosen ? <Leeftijd berekendOp={chosen.properties.berekend_op} ververst={chosen.properties.ververst_na_minuten} /> : null}
      <div className="baken-analyse-maps">
        <section aria-labelledby="kaart-model">
          <h2 className="utrecht-heading-3" id="kaart-model">
            {MODELLEN.find((m) => m.code === model)?.naam ?? model}
          </h2>
          <HotspotKaart data={chosen} kleuring={kleuring} label={`Hotspotkaart, model ${model}`} />
        </section>
        {model !== "naive" ? (
          <section aria-labelledby="kaart-naive">
            <h2 className="utrecht-heading-3" id="kaart-naive">
              Naive basislijn
            </h2>
            <HotspotKaart data={naive} kleuring={kleuring} label="Hotspotkaart, naive basislijn" />
          </section>
        ) : null}
      </div>

      <div className="baken-analyse-tables">
        {chosen ? <TopCellen data={chosen} caption={`Top 10 cellen volgens ${model}`} /> : null}
        {baseline && model !== "naive" ? <TopCellen data={baseline} caption="Top 10 cellen volgens naive" /> : null}
        {buurten ? (
          <div className="baken-table-wrap" tabIndex={0} role="region" aria-label="Top 10 buurten">
            <table className="baken-table" data-testid="top-buurten">
              <caption>Top 10 buurten naar aantal meldingen</caption>
              <thead>
                <tr>
                  <th scope="col">Buurt</th>
                  <th scope="col">Meldingen</th>
                  <th scope="col">Per 1.000 inwoners</th>
                </tr>
              </thead>
              <tbody>
                {buurten.map((b) => (
                  <tr key={b.code}>
                    <td>{b.naam}</td>
                    <td>{b.aantal}</td>
                    <td>{b.per_1000_inwoners === null ? "onbekend" : nl(b.per_1000_inwoners, 1)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </div>

      {periodeFout(van, tot) ? null : <Tijdpatronen van={van} tot={tot} categorie={categorie} />}

      <section aria-labelledby="backtest-kop">
        <h2 className="utrecht-heading-2" id="backtest-kop">
          Backtest
        </h2>
        <Paragraph>
          Hoe goed voorspelt het model de volgende dag? Elke dag van de laatste 8 weken een voorspelling met alleen eerdere meldingen.
          Hitrate: aandeel van de meldingen van die dag in de gemarkeerde cellen. PAI: hitrate gedeeld door het gemarkeerde aandeel.
        </Paragraph>
        <Button appearance="secondary-action-button" onClick={runBacktest} disabled={btBusy}>
          {btBusy ? "Backtest loopt…" : "Backtest uitvoeren"}
        </Button>
        {backtest ? (
          <div className="baken-table-wrap" tabIndex={0} role="region" aria-label="Uitkomst van de backtest">
            <table className="baken-table" data-testid="backtest">
              <caption>
                Backtest {backtest.van} tot en met {backtest.tot}: {backtest.voorspellingen} voorspellingen, {backtest.gescoorde_meldingen}{" "}
                meldingen gescoord
              </caption>
              <thead>
                <tr>
                  <th scope="col">Model</th>
                  {backtest.modellen[0].dekkingen.map((d) => (
                    <th scope="col" key={d.dekking_pct}>
                      {d.dekking_pct} % dekking: hitrate / PAI
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {backtest.modellen.map((m) => (
                  <tr key={m.model}>
                    <th scope="row">{m.model}</th>
                    {m.dekkingen.map((d) => (
                      <td key={d.dekking_pct}>
                        {nl(d.hitrate, 3)} / {nl(d.pai, 1)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
        {backtest && backtest.modellen.length > 1 ? <Uitkomst backtest={backtest} /> : null}
        <BacktestUitleg />
      </section>
    </>
  );
}
