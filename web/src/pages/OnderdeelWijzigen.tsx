// The editor for one action line or action of a programme: status with a dated explanation, the
// milestones (the whole list is sent and replaces the old one) and the budget in euros. One PATCH
// …/onderdelen/{onderdeel} with If-Match = the item's version, carrying only what changed; a stale
// version (412) reloads the page and says so, the user's edits stay in the form to try again.
// Field errors, local or from the API ("mijlpalen[1].streefdatum"), sit at their field and the
// first one gets focus.
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { Button, Checkbox, Textarea, Textbox } from "@utrecht/component-library-react";
import { api, ApiError, type Mijlpaal, type Onderdeel, type OnderdeelWijziging } from "../api";
import { ErrorAlert, Field } from "../components";

export const STATUSSEN: Record<string, string> = {
  niet_gestart: "Niet gestart",
  lopend: "Lopend",
  vertraagd: "Vertraagd",
  afgerond: "Afgerond",
  gestopt: "Gestopt",
};

const euro = new Intl.NumberFormat("nl-NL", { style: "currency", currency: "EUR" });
const euroHeel = new Intl.NumberFormat("nl-NL", { style: "currency", currency: "EUR", maximumFractionDigits: 0 });

/** Cents as "€ 12.500,00" (or "€ 12.500" when whole is asked and there are no cents). */
export function euros(cent: number, heel = false): string {
  return heel && cent % 100 === 0 ? euroHeel.format(cent / 100) : euro.format(cent / 100);
}

/** Cents as typed in the form: "12500,5" for 1250050, "" for 0 only when asked. */
function eurosInvoer(cent: number): string {
  return (cent / 100).toLocaleString("nl-NL", { minimumFractionDigits: cent % 100 === 0 ? 0 : 2, maximumFractionDigits: 2 });
}

/**
 * An amount in euros as a Dutch user types it, in cents: "12.500,00", "12500", "12500,5",
 * "€ 12.500" and also "12500.50". Null when it is not an amount.
 */
export function parseEuros(text: string): number | null {
  const t = text.replace(/[€\s]/g, "");
  if (t === "") return null;
  let whole: string;
  let frac = "";
  if (t.includes(",")) {
    const m = /^(\d{1,3}(?:\.\d{3})+|\d+),(\d{1,2})?$/.exec(t);
    if (!m) return null;
    whole = m[1].replace(/\./g, "");
    frac = m[2] ?? "";
  } else if (/^\d{1,3}(\.\d{3})+$/.test(t)) {
    whole = t.replace(/\./g, ""); // 12.500: the dot groups thousands
  } else {
    const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(t);
    if (!m) return null;
    whole = m[1];
    frac = m[2] ?? "";
  }
  const cent = Number(whole) * 100 + Number(frac.padEnd(2, "0"));
  return Number.isSafeInteger(cent) ? cent : null;
}

/** "€ 8.000 van € 12.500 besteed (64 %)" with a bar; nothing without a planned budget. */
export function BudgetBalk({ budget }: { budget: { gepland_cent: number; besteed_cent: number } }) {
  const { gepland_cent: gepland, besteed_cent: besteed } = budget;
  const pct = gepland > 0 ? Math.round((besteed / gepland) * 100) : null;
  const tekst = `${euros(besteed, true)} van ${euros(gepland, true)} besteed${pct !== null ? ` (${pct} %)` : ""}`;
  return (
    <div className="baken-budget" data-testid="budget">
      <span>{tekst}</span>
      {gepland > 0 ? (
        <meter
          className={`baken-budget__balk${besteed > gepland ? " baken-budget__balk--over" : ""}`}
          min={0}
          max={gepland}
          value={Math.min(besteed, gepland)}
          aria-label={tekst}
        />
      ) : null}
      {besteed > gepland ? <strong className="baken-budget__over"> Meer besteed dan gepland.</strong> : null}
    </div>
  );
}

interface MijlpaalInvoer {
  sleutel: number;
  titel: string;
  streefdatum: string;
  gereed: boolean;
  gereedOp: string;
}

function vandaag(): string {
  return new Date().toLocaleDateString("sv-SE", { timeZone: "Europe/Amsterdam" });
}

const DATUM = /^\d{4}-\d{2}-\d{2}$/;

let volgende = 0;
function invoer(m: Mijlpaal): MijlpaalInvoer {
  return { sleutel: volgende++, titel: m.titel, streefdatum: m.streefdatum, gereed: m.gereed !== null, gereedOp: m.gereed ?? "" };
}

function alsMijlpaal(m: MijlpaalInvoer): Mijlpaal {
  return { titel: m.titel.trim(), streefdatum: m.streefdatum, gereed: m.gereed ? m.gereedOp : null };
}

export function OnderdeelWijzigen({
  programma,
  item,
  headingId,
  onSaved,
  onReload,
  onClose,
}: {
  programma: string;
  item: Onderdeel;
  headingId: string;
  onSaved: (saved: Onderdeel, message: string) => Promise<void>;
  onReload: () => Promise<void>;
  onClose: () => void;
}) {
  const [status, setStatus] = useState(item.status.code);
  const [toelichting, setToelichting] = useState("");
  const [datum, setDatum] = useState(vandaag());
  const [mijlpalen, setMijlpalen] = useState<MijlpaalInvoer[]>(() => item.mijlpalen.map(invoer));
  const [gepland, setGepland] = useState(item.budget ? eurosInvoer(item.budget.gepland_cent) : "");
  const [besteed, setBesteed] = useState(item.budget ? eurosInvoer(item.budget.besteed_cent) : "");
  const [fouten, setFouten] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [pogingen, setPogingen] = useState(0); // each failed save moves focus to its first error
  const formRef = useRef<HTMLFormElement>(null);
  const alertRef = useRef<HTMLDivElement>(null);
  const nieuweTitel = useRef<number | null>(null);
  const id = useId();

  useEffect(() => {
    if (pogingen === 0) return;
    const first = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    if (first) first.focus();
    else alertRef.current?.focus();
  }, [pogingen]);

  useEffect(() => {
    if (nieuweTitel.current === null) return;
    document.getElementById(`${id}-m${nieuweTitel.current}-titel`)?.focus();
    nieuweTitel.current = null;
  }, [mijlpalen, id]);

  const fout = (veld: string): string | undefined =>
    fouten[veld] ?? (error instanceof ApiError ? error.fields.find((f) => f.name === veld)?.reason : undefined);
  const apiVelden = error instanceof ApiError ? error.fields.map((f) => f.name) : [];
  // The fields this form shows an error at; an API error naming anything else goes in the alert.
  const getoond = new Set(["status", "toelichting", "datum", "budget", "budget.gepland_cent", "budget.besteed_cent"]);
  mijlpalen.forEach((m, i) => {
    getoond.add(`mijlpalen[${i}].titel`).add(`mijlpalen[${i}].streefdatum`);
    if (m.gereed) getoond.add(`mijlpalen[${i}].gereed`);
  });
  const foutZonderVeld = error && !(apiVelden.length > 0 && apiVelden.every((n) => getoond.has(n)));

  const wijzig = (sleutel: number, patch: Partial<MijlpaalInvoer>) =>
    setMijlpalen((ms) => ms.map((m) => (m.sleutel === sleutel ? { ...m, ...patch } : m)));

  const toevoegen = () => {
    const m = invoer({ titel: "", streefdatum: "", gereed: null });
    nieuweTitel.current = m.sleutel;
    setMijlpalen((ms) => [...ms, m]);
  };

  const verwijderen = (index: number) => {
    setMijlpalen((ms) => ms.filter((_, i) => i !== index));
    setFouten({});
    // Focus stays in the list: on the next milestone's title, else on the add button.
    requestAnimationFrame(() => {
      const titels = formRef.current?.querySelectorAll<HTMLElement>("[data-mijlpaal-titel]");
      const next = titels?.[Math.min(index, (titels?.length ?? 1) - 1)];
      (next ?? document.getElementById(`${id}-toevoegen`))?.focus();
    });
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    const f: Record<string, string> = {};
    const body: OnderdeelWijziging = {};

    const statusGewijzigd = status !== item.status.code;
    if (statusGewijzigd || toelichting.trim()) {
      if (!toelichting.trim()) f.toelichting = "Geef een toelichting bij de nieuwe status.";
      if (!DATUM.test(datum)) f.datum = "Geef de datum van de toelichting (dag, maand en jaar).";
      Object.assign(body, { status, toelichting: toelichting.trim(), datum });
    }

    mijlpalen.forEach((m, i) => {
      if (!m.titel.trim()) f[`mijlpalen[${i}].titel`] = `Geef een titel voor mijlpaal ${i + 1}.`;
      if (!DATUM.test(m.streefdatum))
        f[`mijlpalen[${i}].streefdatum`] = `Geef een geldige streefdatum voor mijlpaal ${i + 1} (dag, maand en jaar).`;
      if (m.gereed && !DATUM.test(m.gereedOp)) f[`mijlpalen[${i}].gereed`] = `Geef de datum waarop mijlpaal ${i + 1} gereed was.`;
    });
    const nieuw = mijlpalen.map(alsMijlpaal);
    if (JSON.stringify(nieuw) !== JSON.stringify(item.mijlpalen)) body.mijlpalen = nieuw;

    if (gepland.trim() || besteed.trim() || item.budget) {
      const g = parseEuros(gepland || "0");
      const b = parseEuros(besteed || "0");
      if (g === null) f["budget.gepland_cent"] = "Geef een bedrag in euro's, bijvoorbeeld 12.500,00 of 12500.";
      if (b === null) f["budget.besteed_cent"] = "Geef een bedrag in euro's, bijvoorbeeld 8.000,00 of 8000.";
      if (g !== null && b !== null && (!item.budget || item.budget.gepland_cent !== g || item.budget.besteed_cent !== b)) {
        body.budget = { gepland_cent: g, besteed_cent: b };
      }
    }

    setFouten(f);
    if (Object.keys(f).length > 0) {
      setPogingen((n) => n + 1);
      return;
    }
    if (Object.keys(body).length === 0) {
      setFouten({ algemeen: "Er is niets gewijzigd." });
      setPogingen((n) => n + 1);
      return;
    }
    setBusy(true);
    try {
      const saved = await api<Onderdeel>(
        `/api/v1/programmas/${encodeURIComponent(programma)}/onderdelen/${encodeURIComponent(item.code)}`,
        {
          method: "PATCH",
          body,
          headers: { "If-Match": `"${item.versie}"` },
        },
      );
      const wat = [
        body.status !== undefined ? `status ${saved.status.naam || STATUSSEN[saved.status.code]}` : "",
        body.mijlpalen ? "mijlpalen" : "",
        body.budget ? "budget" : "",
      ].filter(Boolean);
      await onSaved(saved, `${saved.naam} is opgeslagen (${wat.join(", ")}).`);
    } catch (err) {
      setError(err);
      setPogingen((n) => n + 1);
      // Someone else changed it first: load their version, so the next try is against it.
      if (err instanceof ApiError && err.status === 412) await onReload();
    } finally {
      setBusy(false);
    }
  };

  const budgetNu = (() => {
    const g = parseEuros(gepland || "0");
    const b = parseEuros(besteed || "0");
    return g !== null && b !== null && (g > 0 || b > 0) ? { gepland_cent: g, besteed_cent: b } : null;
  })();

  const stale = error instanceof ApiError && error.status === 412;

  return (
    <form
      ref={formRef}
      onSubmit={(e) => void submit(e)}
      noValidate
      aria-labelledby={headingId}
      className="baken-onderdeel-wijzigen"
      data-testid={`wijzigen-${item.code}`}
    >
      <div ref={alertRef} tabIndex={-1}>
        {fouten.algemeen ? <ErrorAlert error={new Error(fouten.algemeen)} title="Niets op te slaan" /> : null}
        {stale ? (
          <ErrorAlert
            error={
              new Error(
                "Iemand anders heeft dit onderdeel intussen gewijzigd; de pagina is bijgewerkt. Kijk uw wijzigingen na en sla ze opnieuw op.",
              )
            }
            title="Intussen gewijzigd"
          />
        ) : foutZonderVeld ? (
          <ErrorAlert error={error} title="Opslaan is niet gelukt" />
        ) : null}
      </div>

      <fieldset className="baken-fieldset">
        <legend>Status</legend>
        <Field id={`${id}-status`} label="Status" error={fout("status")}>
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
        <Field
          id={`${id}-toelichting`}
          label="Toelichting"
          description={
            item.status.toelichting
              ? `Nu: ${item.status.toelichting}. Verplicht bij een andere status.`
              : "Verplicht bij een andere status: waarom verandert die?"
          }
          error={fout("toelichting")}
        >
          {(ids) => (
            <Textarea
              id={ids.id}
              rows={3}
              value={toelichting}
              invalid={ids.invalid}
              aria-invalid={ids.invalid || undefined}
              aria-describedby={ids.describedBy}
              onChange={(e) => setToelichting(e.target.value)}
            />
          )}
        </Field>
        <Field id={`${id}-datum`} label="Datum van de toelichting" error={fout("datum")}>
          {(ids) => (
            <input
              type="date"
              id={ids.id}
              className="utrecht-textbox utrecht-textbox--html-input baken-datum"
              value={datum}
              aria-invalid={ids.invalid || undefined}
              aria-describedby={ids.describedBy}
              onChange={(e) => setDatum(e.target.value)}
            />
          )}
        </Field>
      </fieldset>

      <fieldset className="baken-fieldset">
        <legend>Mijlpalen</legend>
        {mijlpalen.length === 0 ? <p className="utrecht-paragraph">Nog geen mijlpalen.</p> : null}
        <ol className="baken-mijlpalen-invoer">
          {mijlpalen.map((m, i) => (
            <li key={m.sleutel} data-testid="mijlpaal-invoer">
              <fieldset className="baken-fieldset baken-fieldset--mijlpaal">
                <legend>Mijlpaal {i + 1}</legend>
                <Field id={`${id}-m${m.sleutel}-titel`} label="Titel" error={fout(`mijlpalen[${i}].titel`)}>
                  {(ids) => (
                    <Textbox
                      id={ids.id}
                      data-mijlpaal-titel=""
                      autoComplete="off"
                      value={m.titel}
                      invalid={ids.invalid}
                      aria-invalid={ids.invalid || undefined}
                      aria-describedby={ids.describedBy}
                      onChange={(e) => wijzig(m.sleutel, { titel: e.target.value })}
                    />
                  )}
                </Field>
                <Field id={`${id}-m${m.sleutel}-streef`} label="Streefdatum" error={fout(`mijlpalen[${i}].streefdatum`)}>
                  {(ids) => (
                    <input
                      type="date"
                      id={ids.id}
                      className="utrecht-textbox utrecht-textbox--html-input baken-datum"
                      value={m.streefdatum}
                      aria-invalid={ids.invalid || undefined}
                      aria-describedby={ids.describedBy}
                      onChange={(e) => wijzig(m.sleutel, { streefdatum: e.target.value })}
                    />
                  )}
                </Field>
                <div className="utrecht-form-field utrecht-form-field--checkbox">
                  <Checkbox
                    id={`${id}-m${m.sleutel}-gereed`}
                    checked={m.gereed}
                    onChange={(e) =>
                      wijzig(m.sleutel, { gereed: e.target.checked, gereedOp: e.target.checked && !m.gereedOp ? vandaag() : m.gereedOp })
                    }
                  />{" "}
                  <label className="utrecht-form-label utrecht-form-label--checkbox" htmlFor={`${id}-m${m.sleutel}-gereed`}>
                    Gereed
                  </label>
                </div>
                {m.gereed ? (
                  <Field id={`${id}-m${m.sleutel}-gereedop`} label="Gereed op" error={fout(`mijlpalen[${i}].gereed`)}>
                    {(ids) => (
                      <input
                        type="date"
                        id={ids.id}
                        className="utrecht-textbox utrecht-textbox--html-input baken-datum"
                        value={m.gereedOp}
                        aria-invalid={ids.invalid || undefined}
                        aria-describedby={ids.describedBy}
                        onChange={(e) => wijzig(m.sleutel, { gereedOp: e.target.value })}
                      />
                    )}
                  </Field>
                ) : null}
                <Button appearance="subtle-button" type="button" onClick={() => verwijderen(i)}>
                  Mijlpaal {i + 1} verwijderen<span className="baken-visually-hidden">{m.titel ? `: ${m.titel}` : ""}</span>
                </Button>
              </fieldset>
            </li>
          ))}
        </ol>
        <Button id={`${id}-toevoegen`} appearance="secondary-action-button" type="button" onClick={toevoegen}>
          Mijlpaal toevoegen
        </Button>
      </fieldset>

      <fieldset className="baken-fieldset">
        <legend>Budget</legend>
        {fout("budget") ? (
          <p className="utrecht-form-field-error-message" role="alert">
            {fout("budget")}
          </p>
        ) : null}
        <div className="baken-row baken-budget-invoer">
          <Field
            id={`${id}-gepland`}
            label="Gepland (euro)"
            description="Bijvoorbeeld 12.500,00 of 12500."
            error={fout("budget.gepland_cent")}
          >
            {(ids) => (
              <Textbox
                id={ids.id}
                inputMode="decimal"
                autoComplete="off"
                value={gepland}
                invalid={ids.invalid}
                aria-invalid={ids.invalid || undefined}
                aria-describedby={ids.describedBy}
                onChange={(e) => setGepland(e.target.value)}
              />
            )}
          </Field>
          <Field id={`${id}-besteed`} label="Besteed (euro)" description="Tot nu toe uitgegeven." error={fout("budget.besteed_cent")}>
            {(ids) => (
              <Textbox
                id={ids.id}
                inputMode="decimal"
                autoComplete="off"
                value={besteed}
                invalid={ids.invalid}
                aria-invalid={ids.invalid || undefined}
                aria-describedby={ids.describedBy}
                onChange={(e) => setBesteed(e.target.value)}
              />
            )}
          </Field>
        </div>
        {budgetNu ? <BudgetBalk budget={budgetNu} /> : null}
      </fieldset>

      <div className="baken-row">
        <Button appearance="primary-action-button" type="submit" disabled={busy}>
          Wijzigingen opslaan
        </Button>
        <Button appearance="secondary-action-button" type="button" onClick={onClose}>
          Annuleren
        </Button>
      </div>
    </form>
  );
}
