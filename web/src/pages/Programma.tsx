// One programme (GET /api/v1/programmas/{code}): ambitions, action lines and their actions with
// status and milestones, indicators with targets and values, the progress report (downloads and,
// for editors, its free texts) and the history of changes. Editors (analist, gebiedsmanager,
// beheerder) change an item's status with PATCH …/onderdelen/{onderdeel} and If-Match = its version;
// the council reads only (small numbers about persons arrive as "< 5" and are shown as such).
import { useCallback, useEffect, useId, useState, type FormEvent } from "react";
import { Button, Paragraph, Textarea, Textbox } from "@utrecht/component-library-react";
import {
  api,
  ApiError,
  formatDate,
  formatDateTime,
  PROGRAMMA_BEWERKERS,
  type Actielijn,
  type Indicator,
  type IndicatorWaarde,
  type Onderdeel,
  type Programma as ProgrammaData,
  type ProgrammaHistorie,
  type ProgrammaWijziging,
  type VoortgangTeksten,
} from "../api";
import { ErrorAlert, Field, Loading, PageTitle } from "../components";
import { Link } from "../router";
import { useSession } from "../session";
import { Announce } from "./MeldingBehandeling";
import { STANDAARD_JAAR } from "./Programmas";

export const STATUSSEN: Record<string, string> = {
  niet_gestart: "Niet gestart",
  lopend: "Lopend",
  vertraagd: "Vertraagd",
  afgerond: "Afgerond",
  gestopt: "Gestopt",
};

const RICHTING: Record<string, string> = { up_is_good: "Hoger is beter", down_is_good: "Lager is beter" };
const BRON: Record<string, string> = { computed: "Berekend uit Baken", manual: "Handmatig ingevoerd" };
const VELDEN: Record<string, string> = { status: "Status", toelichting: "Toelichting", mijlpalen: "Mijlpalen", budget: "Budget", datum: "Datum" };
const MAX_TEKST = 5000;

function base(code: string): string {
  return `/api/v1/programmas/${encodeURIComponent(code)}`;
}

export function StatusBadge({ status }: { status: { code: string; naam: string } }) {
  return <span className={`baken-badge baken-status--${status.code}`}>{status.naam || STATUSSEN[status.code] || status.code}</span>;
}

export function Programma({ code }: { code: string }) {
  const { session } = useSession();
  const mayEdit = Boolean(session && PROGRAMMA_BEWERKERS.includes(session.rol));
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
          caption="Actielijnen met trekker, status, toelichting en mijlpalen"
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
              caption="Acties per actielijn met trekker, status, toelichting en mijlpalen"
              rows={acties.map(({ lijn, actie }) => ({ item: actie, lijn }))}
              programma={programma.code}
              mayEdit={mayEdit}
              onChanged={load}
            />
          </>
        ) : null}
      </section>

      <Indicatoren programma={programma.code} indicatoren={programma.indicatoren} periode={periode} names={names} mayEdit={mayEdit} onChanged={load} />

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

function waardeTekst(veld: string, v: string): string {
  if (veld === "status") return STATUSSEN[v] ?? v;
  return v === "" ? "(leeg)" : v;
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
  return (
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
              <td>
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
              {mayEdit ? (
                <td className="baken-onderdelen__wijzigen">
                  <StatusWijzigen programma={programma} item={item} onChanged={onChanged} />
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function StatusWijzigen({ programma, item, onChanged }: { programma: string; item: Onderdeel; onChanged: () => Promise<void> }) {
  const [status, setStatus] = useState(item.status.code);
  const [toelichting, setToelichting] = useState("");
  const [error, setError] = useState<unknown>(null);
  const [localError, setLocalError] = useState("");
  const [done, setDone] = useState("");
  const [busy, setBusy] = useState(false);
  const formId = useId();

  const apiField = (n: string) => (error instanceof ApiError ? error.field(n) : undefined);
  const named = error instanceof ApiError && (Boolean(apiField("status")) || Boolean(apiField("toelichting")));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setDone("");
    if (!toelichting.trim()) {
      setLocalError("Geef een toelichting bij de nieuwe status.");
      return;
    }
    setLocalError("");
    setBusy(true);
    try {
      const saved = await api<Onderdeel>(`${base(programma)}/onderdelen/${encodeURIComponent(item.code)}`, {
        method: "PATCH",
        body: { status, toelichting },
        headers: { "If-Match": `"${item.versie}"` },
      });
      setToelichting("");
      setDone(`De status van ${saved.naam} is nu ${saved.status.naam || STATUSSEN[saved.status.code]}.`);
      await onChanged();
    } catch (err) {
      setError(err);
      // Someone else changed it first: load their version so the next try is against it.
      if (err instanceof ApiError && err.status === 412) await onChanged();
    } finally {
      setBusy(false);
    }
  };

  return (
    <details className="baken-wijzigen">
      <summary>
        Status wijzigen<span className="baken-visually-hidden"> van {item.naam}</span>
      </summary>
      <form onSubmit={(e) => void submit(e)} noValidate aria-label={`Status wijzigen van ${item.naam}`} data-testid={`status-formulier-${item.code}`}>
        <Announce message={done} />
        {named ? null : (
          <ErrorAlert
            error={error instanceof ApiError && error.status === 412 ? new Error("Iemand anders was u voor: dit onderdeel is intussen gewijzigd. De nieuwe stand is geladen; kijk die na en probeer het opnieuw.") : error}
            title={error instanceof ApiError && error.status === 412 ? "Iemand anders was u voor" : "Opslaan is niet gelukt"}
          />
        )}
        <Field id={`${formId}-status`} label="Nieuwe status" error={apiField("status")}>
          {(ids) => (
            <select
              id={ids.id}
              className="utrecht-select utrecht-select--html-select"
              value={status}
              aria-invalid={ids.invalid || undefined}
              aria-describedby={ids.describedBy}
              onChange={(e) => setStatus(e.target.value)}
            >
              {Object.entries(STATUSSEN).map(([c, n]) => (
                <option key={c} value={c}>
                  {n}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id={`${formId}-toelichting`} label="Toelichting" description="Verplicht: waarom verandert de status?" error={localError || apiField("toelichting")}>
          {(ids) => (
            <Textarea
              id={ids.id}
              rows={3}
              required
              aria-required="true"
              value={toelichting}
              invalid={ids.invalid}
              aria-invalid={ids.invalid || undefined}
              aria-describedby={ids.describedBy}
              onChange={(e) => setToelichting(e.target.value)}
            />
          )}
        </Field>
        <Button appearance="primary-action-button" type="submit" disabled={busy}>
          Status opslaan
        </Button>
      </form>
    </details>
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
                      {mayEdit && ind.bron === "manual" ? <WaardeInvoeren programma={programma} indicator={ind} periode={periode} onChanged={onChanged} /> : null}
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
function WaardeInvoeren({ programma, indicator, periode, onChanged }: { programma: string; indicator: Indicator; periode: string; onChanged: () => Promise<void> }) {
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
          {(ids) => <Textbox id={ids.id} autoComplete="off" value={p} invalid={ids.invalid} aria-invalid={ids.invalid || undefined} aria-describedby={ids.describedBy} onChange={(e) => setP(e.target.value)} />}
        </Field>
        <Field id={`${formId}-waarde`} label={`Waarde (${indicator.eenheid})`} error={fieldError("waarde")}>
          {(ids) => <Textbox id={ids.id} inputMode="decimal" autoComplete="off" value={waarde} invalid={ids.invalid} aria-invalid={ids.invalid || undefined} aria-describedby={ids.describedBy} onChange={(e) => setWaarde(e.target.value)} />}
        </Field>
        <Field id={`${formId}-bron`} label="Bron" description="Het document of de registratie waar de waarde uit komt." error={fieldError("bron")}>
          {(ids) => <Textbox id={ids.id} autoComplete="off" value={bron} invalid={ids.invalid} aria-invalid={ids.invalid || undefined} aria-describedby={ids.describedBy} onChange={(e) => setBron(e.target.value)} />}
        </Field>
        <Button appearance="primary-action-button" type="submit" disabled={busy}>
          Waarde opslaan
        </Button>
      </form>
    </details>
  );
}

const PERIODE = /^\d{4}(-[A-Z]\d)?$/;

function Voortgang({
  programma,
  periode,
  setPeriode,
  mayEdit,
}: {
  programma: ProgrammaData;
  periode: string;
  setPeriode: (p: string) => void;
  mayEdit: boolean;
}) {
  const [invoer, setInvoer] = useState(periode);
  const [fout, setFout] = useState("");
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const p = invoer.trim().toUpperCase();
    if (!PERIODE.test(p)) {
      setFout("Geef een jaar (2025) of een kwartaal (2025-Q3).");
      return;
    }
    setFout("");
    setPeriode(p);
  };
  const url = (formaat: string) => `${base(programma.code)}/voortgang?periode=${encodeURIComponent(periode)}&formaat=${formaat}`;
  return (
    <section aria-labelledby="voortgang-kop" data-testid="voortgang">
      <h2 className="utrecht-heading-2" id="voortgang-kop">
        Voortgangsrapportage
      </h2>
      <form onSubmit={submit} noValidate className="baken-row baken-inline-form" aria-label="Periode van de voortgangsrapportage kiezen">
        <Field label="Periode" description="Een jaar (2025) of een kwartaal (2025-Q3)." error={fout}>
          {(ids) => (
            <Textbox
              id={ids.id}
              autoComplete="off"
              value={invoer}
              invalid={ids.invalid}
              aria-invalid={ids.invalid || undefined}
              aria-describedby={ids.describedBy}
              onChange={(e) => setInvoer(e.target.value)}
            />
          )}
        </Field>
        <Button appearance="secondary-action-button" type="submit">
          Periode kiezen
        </Button>
      </form>
      <ul className="baken-downloads">
        <li>
          <a className="utrecht-link" href={url("pdf")} download={`voortgang-${programma.code}-${periode}.pdf`}>
            Voortgangsrapportage {periode} (PDF)
          </a>
        </li>
        <li>
          <a className="utrecht-link" href={url("xlsx")} download={`voortgang-${programma.code}-${periode}.xlsx`}>
            Voortgangsrapportage {periode} (Excel, XLSX)
          </a>
        </li>
        <li>
          <a className="utrecht-link" href={url("html")} download={`voortgang-${programma.code}-${periode}.html`}>
            Voortgangsrapportage {periode} (HTML)
          </a>
        </li>
      </ul>
      {mayEdit ? <Teksten key={periode} programma={programma} periode={periode} /> : null}
    </section>
  );
}

function Teksten({ programma, periode }: { programma: ProgrammaData; periode: string }) {
  const [teksten, setTeksten] = useState<Record<string, string> | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    api<VoortgangTeksten>(`${base(programma.code)}/teksten/${encodeURIComponent(periode)}`).then((r) => setTeksten(r.teksten ?? {}), setError);
  }, [programma.code, periode]);
  const secties = [{ code: "inleiding", label: "Inleiding" }, ...programma.actielijnen.map((l) => ({ code: l.code, label: `Actielijn ${l.naam}` }))];
  return (
    <>
      <h3 className="utrecht-heading-3">Teksten voor de rapportage over {periode}</h3>
      <Paragraph>Elke tekst wordt apart opgeslagen; ten hoogste {MAX_TEKST.toLocaleString("nl-NL")} tekens.</Paragraph>
      {error ? (
        <ErrorAlert error={error} title="De teksten zijn niet te laden" />
      ) : !teksten ? (
        <Loading what="Teksten" />
      ) : (
        secties.map((s) => <TekstSectie key={s.code} programma={programma.code} periode={periode} sectie={s.code} label={s.label} initial={teksten[s.code] ?? ""} />)
      )}
    </>
  );
}

function TekstSectie({ programma, periode, sectie, label, initial }: { programma: string; periode: string; sectie: string; label: string; initial: string }) {
  const [tekst, setTekst] = useState(initial);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState("");
  const [busy, setBusy] = useState(false);
  const fieldError = error instanceof ApiError ? error.field("tekst") : undefined;
  const te_lang = tekst.length > MAX_TEKST;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setDone("");
    setBusy(true);
    try {
      const saved = await api<{ sectie: string; tekst: string }>(
        `${base(programma)}/teksten/${encodeURIComponent(periode)}/${encodeURIComponent(sectie)}`,
        { method: "PUT", body: { tekst } },
      );
      setTekst(saved.tekst);
      setDone("Opgeslagen");
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate className="baken-tekst" aria-label={`Tekst: ${label}`} data-testid={`tekst-${sectie}`}>
      {fieldError ? null : <ErrorAlert error={error} title="Opslaan is niet gelukt" />}
      <Field
        label={label}
        description={`${tekst.length.toLocaleString("nl-NL")} van ${MAX_TEKST.toLocaleString("nl-NL")} tekens${te_lang ? " (te lang)" : ""}.`}
        error={fieldError}
      >
        {(ids) => (
          <Textarea
            id={ids.id}
            rows={4}
            value={tekst}
            invalid={ids.invalid}
            aria-invalid={ids.invalid || undefined}
            aria-describedby={ids.describedBy}
            onChange={(e) => {
              setTekst(e.target.value);
              setDone("");
            }}
          />
        )}
      </Field>
      <div className="baken-row">
        <Button appearance="secondary-action-button" type="submit" disabled={busy}>
          Opslaan<span className="baken-visually-hidden">: {label}</span>
        </Button>
        <Announce message={done} />
      </div>
    </form>
  );
}
