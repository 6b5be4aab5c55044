// One programme (GET /api/v1/programmas/{code}): ambitions, action lines and their actions with
// status and milestones, indicators with targets and values, the progress report (downloads and,
// for editors, its free texts: Voortgang.tsx) and the history of changes. Editors (analist, gebiedsmanager,
// beheerder) change an item's status, milestones and budget (OnderdeelWijzigen.tsx) with PATCH
// …/onderdelen/{onderdeel} and If-Match = its version;
// the council reads only (small numbers about persons arrive as "< 5" and are shown as such).
import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from "react";
import { Button, Paragraph, Textbox } from "@utrecht/component-library-react";
import {
  api,
  ApiError,
  formatDate,
  formatDateTime,
  type Actielijn,
  type Indicator,
  type IndicatorWaarde,
  type Onderdeel,
  type Programma as ProgrammaData,
  type ProgrammaHistorie,
  type ProgrammaWijziging,
} from "../api";
import { ErrorAlert, Field, Loading, PageTitle } from "../components";
import { Link } from "../router";
import { Announce } from "./MeldingBehandeling";
import { STANDAARD_JAAR } from "./Programmas";
import { BudgetBalk, euros, OnderdeelWijzigen, STATUSSEN } from "./OnderdeelWijzigen";
import { Voortgang } from "./Voortgang";

export { STATUSSEN };

const RICHTING: Record<string, string> = { up_is_good: "Hoger is beter", down_is_good: "Lager is beter" };
const BRON: Record<string, string> = { computed: "Berekend uit Baken", manual: "Handmatig ingevoerd" };
const VELDEN: Record<string, string> = {
  status: "Status",
  toelichting: "Toelichting",
  mijlpalen: "Mijlpalen",
  budget: "Budget",
  datum: "Datum",
};

function base(code: string): string {
  return `/api/v1/programmas/${encodeURIComponent(code)}`;
}

export function StatusBadge({ status }: { status: { code: string; naam: string } }) {
  return <span className={`baken-badge baken-status--${status.code}`}>{status.naam || STATUSSEN[status.code] || status.code}</span>;
}

export function Programma({ code }: { code: string }) {
  const [programma, setProgramma] = useState<ProgrammaData | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [historie, setHistorie] = useState<ProgrammaWijziging[] | null>(null);
  const [historieError, setHistorieError] = useState<unknown>(null);
  const [periode, setPeriode] = useState(STANDAARD_JAAR);

  const load = useCallback(async () => {
    const [p, h] = await Promise.allSettled([api<ProgrammaData>(base(code)), api<ProgrammaHistorie>(`${base(code)}/historie`)]);
    if (p.status === "fulfilled") {
      setProgramma(p.value);
      setError(null);
    } else setError(p.reason);
    if (h.status === "fulfilled") {
      setHistorie(h.value.wijzigingen);
      setHistorieError(null);
    } else setHistorieError(h.reason);
  }, [code]);

  useEffect(() => {
    setProgramma(null);
    setHistorie(null);
    void load();
  }, [load]);

  if (error && !programma) {
    return (
      <>
        <PageTitle>Programma</PageTitle>
        <ErrorAlert error={error} />
        <Paragraph>
          <Link href="/werk/programmas">Terug naar de programma's</Link>
        </Paragraph>
      </>
    );
  }
  if (!programma) return <Loading what="Programma" />;
  const mayEdit = programma.mag_wijzigen;

  const names = new Map<string, string>();
  for (const l of programma.actielijnen) {
    names.set(l.code, l.naam);
    for (const a of l.acties) names.set(a.code, a.naam);
  }
  const acties = programma.actielijnen.flatMap((l) => l.acties.map((a) => ({ lijn: l, actie: a })));

  return (
    <>
      <Paragraph>
        <Link href="/werk/programmas">← Programma's</Link>
      </Paragraph>
      <PageTitle>{programma.naam}</PageTitle>
      {programma.omschrijving ? <Paragraph>{programma.omschrijving}</Paragraph> : null}
      <dl className="baken-dl">
        <dt>Looptijd</dt>
        <dd>
          {programma.looptijd.van}–{programma.looptijd.tot}
        </dd>
        <dt>Eigenaar</dt>
        <dd>{programma.eigenaar}</dd>
        <dt>Bijgehouden door</dt>
        <dd data-testid="programma-afdeling">
          {programma.afdeling ? `afdeling ${programma.afdeling}` : "–"}
          {programma.mag_wijzigen ? null : " (u kunt dit programma lezen, niet wijzigen)"}
        </dd>
        <dt>Opgesteld met</dt>
        <dd>{programma.opgesteld_met.map((p) => p.naam).join(", ") || "–"}</dd>
        <dt>Thema's</dt>
        <dd>{programma.themas.join(", ") || "–"}</dd>
        <dt>Stand van</dt>
        <dd>{formatDateTime(programma.peildatum)}</dd>
      </dl>
      {programma.kleine_aantallen_afgeschermd ? (
        <Paragraph>Aantallen over personen kleiner dan 5 worden weergegeven als "&lt; 5".</Paragraph>
      ) : null}
      {error ? <ErrorAlert error={error} title="Verversen is niet gelukt" /> : null}

      <section aria-labelledby="ambities-kop">
        <h2 className="utrecht-heading-2" id="ambities-kop">
          Ambities
        </h2>
        {programma.ambities.length === 0 ? (
          <Paragraph>Dit programma heeft geen ambities vastgelegd.</Paragraph>
        ) : (
          <ul className="baken-list" data-testid="ambities">
            {programma.ambities.map((a) => (
              <li key={a.code}>
                <strong>{a.naam}</strong>
                {a.kernambitie ? <span className="baken-badge baken-badge--kern">Kernambitie</span> : null}
                {a.prioriteit !== null ? <span className="baken-badge">Prioriteit {a.prioriteit}</span> : null}
                {a.omschrijving ? <div>{a.omschrijving}</div> : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="actielijnen-kop">
        <h2 className="utrecht-heading-2" id="actielijnen-kop">
          Actielijnen
        </h2>
        <OnderdelenTabel
          id="actielijnen"
          caption="Actielijnen met trekker, status, toelichting, mijlpalen en budget"
          rows={programma.actielijnen.map((l) => ({ item: l as Onderdeel, lijn: null as Actielijn | null }))}
          programma={programma.code}
          mayEdit={mayEdit}
          onChanged={load}
        />
        {acties.length > 0 ? (
          <>
            <h3 className="utrecht-heading-3" id="acties-kop">
              Acties
            </h3>
            <OnderdelenTabel
              id="acties"
              caption="Acties per actielijn met trekker, status, toelichting, mijlpalen en budget"
              rows={acties.map(({ lijn, actie }) => ({ item: actie, lijn }))}
              programma={programma.code}
              mayEdit={mayEdit}
              onChanged={load}
            />
          </>
        ) : null}
      </section>

      <Indicatoren
        programma={programma.code}
        indicatoren={programma.indicatoren}
        periode={periode}
        names={names}
        mayEdit={mayEdit}
        onChanged={load}
      />

      <Voortgang programma={programma} periode={periode} setPeriode={setPeriode} mayEdit={mayEdit} />

      <section aria-labelledby="wijzigingen-kop">
        <h2 className="utrecht-heading-2" id="wijzigingen-kop">
          Wijzigingen
        </h2>
        {historieError ? (
          <ErrorAlert error={historieError} title="De wijzigingen zijn niet te zien" />
        ) : !historie ? (
          <Loading what="Wijzigingen" />
        ) : historie.length === 0 ? (
          <Paragraph>Er is nog niets gewijzigd.</Paragraph>
        ) : (
          <ol className="baken-timeline" data-testid="programma-historie">
            {[...historie]
              .sort((a, b) => b.volgnummer - a.volgnummer)
              .map((w) => (
                <li key={w.volgnummer}>
                  <time dateTime={w.tijdstip}>{formatDateTime(w.tijdstip)}</time>
                  {w.onderdeel ? `${names.get(w.onderdeel) ?? w.onderdeel}: ` : ""}
                  {VELDEN[w.veld] ?? w.veld} {waardeTekst(w.veld, w.oud)} → {waardeTekst(w.veld, w.nieuw)}
                  {w.door ? ` (door ${w.door})` : ""}
                  {w.toelichting ? <small>Toelichting: {w.toelichting}</small> : null}
                </li>
              ))}
          </ol>
        )}
      </section>
    </>
  );
}

/** A history value as a reader wants it: status names, dates in Dutch, budgets in euros. */
export function waardeTekst(veld: string, v: string): string {
  if (veld === "status") return STATUSSEN[v] ?? v;
  if (v === "") return veld === "mijlpalen" || veld === "budget" ? "(geen)" : "(leeg)";
  if (veld === "budget") {
    const m = /^gepland (-?\d+) ct, besteed (-?\d+) ct$/.exec(v);
    if (m) return `gepland ${euros(Number(m[1]))}, besteed ${euros(Number(m[2]))}`;
  }
  if (veld === "mijlpalen" || veld === "datum") return v.replace(/\b(\d{4}-\d{2}-\d{2})\b/g, (d) => formatDate(d));
  return v;
}

function OnderdelenTabel({
  id,
  caption,
  rows,
  programma,
  mayEdit,
  onChanged,
}: {
  id: string;
  caption: string;
  rows: { item: Onderdeel; lijn: Actielijn | null }[];
  programma: string;
  mayEdit: boolean;
  onChanged: () => Promise<void>;
}) {
  const withLine = rows.some((r) => r.lijn);
  // The editor opens below the table, not in a cell: on a phone the table scrolls sideways.
  const [bewerkt, setBewerkt] = useState<string | null>(null);
  const [gemeld, setGemeld] = useState("");
  const headingRef = useRef<HTMLHeadingElement>(null);
  const item = rows.find((r) => r.item.code === bewerkt)?.item ?? null;
  const knop = (code: string) => `${id}-wijzig-${code}`;
  useEffect(() => {
    if (bewerkt) headingRef.current?.focus();
  }, [bewerkt]);
  const sluiten = () => {
    const code = bewerkt;
    setBewerkt(null);
    if (code) requestAnimationFrame(() => document.getElementById(knop(code))?.focus());
  };
  return (
    <>
      <div className="baken-table-wrap" tabIndex={0} role="region" aria-labelledby={`${id}-bijschrift`}>
        <table className="baken-table baken-onderdelen" data-testid={id}>
          <caption id={`${id}-bijschrift`}>{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{withLine ? "Actie" : "Actielijn"}</th>
              {withLine ? <th scope="col">Actielijn</th> : null}
              <th scope="col">Trekker en partners</th>
              <th scope="col">Status</th>
              <th scope="col">Toelichting</th>
              <th scope="col">Datum</th>
              <th scope="col">Mijlpalen</th>
              <th scope="col">Budget</th>
              {mayEdit ? <th scope="col">Wijzigen</th> : null}
            </tr>
          </thead>
          <tbody>
            {rows.map(({ item, lijn }) => (
              <tr key={item.code} data-testid={`onderdeel-${item.code}`}>
                <th scope="row">
                  {item.naam}
                  {item.omschrijving ? <small className="baken-sub">{item.omschrijving}</small> : null}
                </th>
                {withLine ? <td>{lijn?.naam}</td> : null}
                <td>
                  {item.trekker.naam}
                  {item.partners.length > 0 ? <small className="baken-sub">met {item.partners.map((p) => p.naam).join(", ")}</small> : null}
                </td>
                <td data-testid="status">
                  <StatusBadge status={item.status} />
                </td>
                <td>{item.status.toelichting || "–"}</td>
                <td>{item.status.datum ? formatDate(item.status.datum) : "–"}</td>
                <td data-testid="mijlpalen">
                  {item.mijlpalen.length === 0 ? (
                    "–"
                  ) : (
                    <ul className="baken-mijlpalen">
                      {item.mijlpalen.map((m, i) => (
                        <li key={i}>
                          {m.titel}: {m.gereed ? `gereed op ${formatDate(m.gereed)}` : `streefdatum ${formatDate(m.streefdatum)}`}
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
                <td>{item.budget ? <BudgetBalk budget={item.budget} /> : "–"}</td>
                {mayEdit ? (
                  <td>
                    <Button
                      id={knop(item.code)}
                      appearance="secondary-action-button"
                      type="button"
                      aria-expanded={bewerkt === item.code}
                      aria-controls={`${id}-editor`}
                      onClick={() => (bewerkt === item.code ? sluiten() : (setGemeld(""), setBewerkt(item.code)))}
                    >
                      Wijzigen<span className="baken-visually-hidden"> {item.naam}</span>
                    </Button>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Announce message={gemeld} />
      <div id={`${id}-editor`}>
        {mayEdit && item ? (
          <section className="baken-editor" aria-labelledby={`${id}-editor-kop`}>
            <h4 className="utrecht-heading-4" id={`${id}-editor-kop`} ref={headingRef} tabIndex={-1}>
              {item.naam} wijzigen
            </h4>
            <OnderdeelWijzigen
              key={item.code}
              programma={programma}
              item={item}
              headingId={`${id}-editor-kop`}
              onReload={onChanged}
              onClose={sluiten}
              onSaved={async (_saved, message) => {
                await onChanged();
                setGemeld(message);
                sluiten();
              }}
            />
          </section>
        ) : null}
      </div>
    </>
  );
}

/** The latest value of each period (a period may have been recorded more than once). */
function latestPerPeriod(waarden: IndicatorWaarde[]): IndicatorWaarde[] {
  const byPeriod = new Map<string, IndicatorWaarde>();
  for (const w of waarden) {
    const prev = byPeriod.get(w.periode);
    if (!prev || prev.vastgelegd_op <= w.vastgelegd_op) byPeriod.set(w.periode, w);
  }
  return [...byPeriod.values()].sort((a, b) => a.periode.localeCompare(b.periode));
}

function shown(w: IndicatorWaarde): string {
  if (w.weergave) return w.weergave;
  return w.waarde === null ? "geen gegevens" : w.waarde.toLocaleString("nl-NL");
}

function Indicatoren({
  programma,
  indicatoren,
  periode,
  names,
  mayEdit,
  onChanged,
}: {
  programma: string;
  indicatoren: Indicator[];
  periode: string;
  names: Map<string, string>;
  mayEdit: boolean;
  onChanged: () => Promise<void>;
}) {
  return (
    <section aria-labelledby="indicatoren-kop">
      <h2 className="utrecht-heading-2" id="indicatoren-kop">
        Indicatoren
      </h2>
      {indicatoren.length === 0 ? (
        <Paragraph>Dit programma heeft geen indicatoren.</Paragraph>
      ) : (
        <div className="baken-table-wrap" tabIndex={0} role="region" aria-labelledby="indicatoren-bijschrift">
          <table className="baken-table" data-testid="indicatoren">
            <caption id="indicatoren-bijschrift">Indicatoren met streefwaarde voor {periode} en de laatste waarde per periode</caption>
            <thead>
              <tr>
                <th scope="col">Indicator</th>
                <th scope="col">Eenheid</th>
                <th scope="col">Richting</th>
                <th scope="col">Streefwaarde {periode}</th>
                <th scope="col">Waarden per periode</th>
                <th scope="col">Bron</th>
              </tr>
            </thead>
            <tbody>
              {indicatoren.map((ind) => {
                const target = ind.streefwaarden.find((t) => t.periode === periode);
                const values = latestPerPeriod(ind.waarden);
                const docs = [...new Set(ind.waarden.map((w) => w.brondocument).filter(Boolean))];
                return (
                  <tr key={ind.code}>
                    <th scope="row">
                      {ind.naam}
                      {ind.actielijn ? <small className="baken-sub">Actielijn: {names.get(ind.actielijn) ?? ind.actielijn}</small> : null}
                      {ind.definitie ? <small className="baken-sub">{ind.definitie}</small> : null}
                    </th>
                    <td>{ind.eenheid}</td>
                    <td>{RICHTING[ind.richting] ?? ind.richting}</td>
                    <td>{target ? target.waarde.toLocaleString("nl-NL") : "–"}</td>
                    <td>
                      {values.length === 0 ? (
                        "nog geen waarden"
                      ) : (
                        <ul className="baken-waarden">
                          {values.map((w) => (
                            <li key={w.periode}>
                              {w.periode}: <strong>{shown(w)}</strong>
                            </li>
                          ))}
                        </ul>
                      )}
                    </td>
                    <td>
                      {BRON[ind.bron] ?? ind.bron}
                      {docs.length > 0 ? <small className="baken-sub">{docs.join("; ")}</small> : null}
                      {mayEdit && ind.bron === "manual" ? (
                        <WaardeInvoeren programma={programma} indicator={ind} periode={periode} onChanged={onChanged} />
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** A manual indicator's value for a period, with its source (POST …/indicatoren/{code}/waarden). */
function WaardeInvoeren({
  programma,
  indicator,
  periode,
  onChanged,
}: {
  programma: string;
  indicator: Indicator;
  periode: string;
  onChanged: () => Promise<void>;
}) {
  const [p, setP] = useState(periode);
  const [waarde, setWaarde] = useState("");
  const [bron, setBron] = useState("");
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState("");
  const [busy, setBusy] = useState(false);
  const formId = useId();
  const fieldError = (n: string) => (error instanceof ApiError ? error.field(n) : undefined);
  const named = ["periode", "waarde", "bron"].some((n) => fieldError(n));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setDone("");
    const n = Number(waarde.trim().replace(",", "."));
    setBusy(true);
    try {
      await api(`${base(programma)}/indicatoren/${encodeURIComponent(indicator.code)}/waarden`, {
        method: "POST",
        // A number where it is one; otherwise the text as typed, so the API names the mistake.
        body: { periode: p.trim(), waarde: waarde.trim() !== "" && Number.isFinite(n) ? n : waarde, bron },
      });
      setDone(`De waarde voor ${p.trim()} is opgeslagen.`);
      setWaarde("");
      await onChanged();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <details className="baken-wijzigen">
      <summary>
        Waarde invoeren<span className="baken-visually-hidden"> voor {indicator.naam}</span>
      </summary>
      <form onSubmit={(e) => void submit(e)} noValidate aria-label={`Waarde invoeren voor ${indicator.naam}`}>
        <Announce message={done} />
        {named ? null : <ErrorAlert error={error} title="Opslaan is niet gelukt" />}
        <Field id={`${formId}-periode`} label="Periode" description="2025 of 2025-Q3." error={fieldError("periode")}>
          {(ids) => (
            <Textbox
              id={ids.id}
              autoComplete="off"
              value={p}
              invalid={ids.invalid}
              aria-invalid={ids.invalid || undefined}
              aria-describedby={ids.describedBy}
              onChange={(e) => setP(e.target.value)}
            />
          )}
        </Field>
        <Field id={`${formId}-waarde`} label={`Waarde (${indicator.eenheid})`} error={fieldError("waarde")}>
          {(ids) => (
            <Textbox
              id={ids.id}
              inputMode="decimal"
              autoComplete="off"
              value={waarde}
              invalid={ids.invalid}
              aria-invalid={ids.invalid || undefined}
              aria-describedby={ids.describedBy}
              onChange={(e) => setWaarde(e.target.value)}
            />
          )}
        </Field>
        <Field
          id={`${formId}-bron`}
          label="Bron"
          description="Het document of de registratie waar de waarde uit komt."
          error={fieldError("bron")}
        >
          {(ids) => (
            <Textbox
              id={ids.id}
              autoComplete="off"
              value={bron}
              invalid={ids.invalid}
              aria-invalid={ids.invalid || undefined}
              aria-describedby={ids.describedBy}
              onChange={(e) => setBron(e.target.value)}
            />
          )}
        </Field>
        <Button appearance="primary-action-button" type="submit" disabled={busy}>
          Waarde opslaan
        </Button>
      </form>
    </details>
  );
}
