// Editing one sub category (functioneel beheer): the form sends PUT /api/v1/categorieen/{code}
// with If-Match (the version it was loaded at), shows the API's Dutch message next to the field it
// names, and lists the category's versions (GET .../versies): who changed it, when, and what.
// A lower sensitivity waits for a second person (202, four eyes): the form says so.
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { Button, ButtonGroup, Paragraph, Textarea, Textbox } from "@utrecht/component-library-react";
import {
  api,
  ApiError,
  departmentName,
  departmentsOf,
  formatDateTime,
  WACHT_OP_TWEEDE_PERSOON,
  type CategorieVersie,
  type CategorieVersies,
  type CategorieAntwoord,
  type CategorieWaarden,
  type Categorieen,
  type Subcategorie,
  type Voorstel,
} from "../api";
import { CheckboxField, ErrorAlert, ErrorSummary, Field, Loading, useFieldChecks } from "../components";
import { Announce } from "./MeldingBehandeling";

export const SENSITIVITY: Record<string, string> = {
  public: "Openbaar",
  internal: "Intern",
  confidential: "Vertrouwelijk",
  special: "Bijzonder",
};

const FIELD_LABELS: Record<string, string> = {
  naam: "Naam",
  publieke_naam: "Publieke naam",
  omschrijving: "Omschrijving",
  afdeling: "Afdeling",
  termijn: "Afhandeltermijn",
  afhandelbericht: "Afhandelbericht",
  op_openbare_kaart: "Op de openbare kaart",
  gevoeligheid: "Gevoeligheid",
};
const FIELD_NAMES = Object.keys(FIELD_LABELS);

function termText(t: { werkdagen?: number; uren?: number }): string {
  if (t.uren !== undefined) return `${t.uren} uur`;
  const d = t.werkdagen ?? 0;
  return `${d} ${d === 1 ? "werkdag" : "werkdagen"}`;
}

function valueText(field: string, w: CategorieWaarden, categories: Categorieen | null): string {
  switch (field) {
    case "termijn":
      return termText(w.termijn);
    case "afdeling":
      return departmentName(w.afdeling, categories);
    case "op_openbare_kaart":
      return w.op_openbare_kaart ? "ja" : "nee";
    case "gevoeligheid":
      return SENSITIVITY[w.gevoeligheid] ?? w.gevoeligheid;
    default: {
      const v = String((w as unknown as Record<string, unknown>)[field] ?? "");
      return v.length > 80 ? `${v.slice(0, 77)}…` : v || "(leeg)";
    }
  }
}

/** The versions of one category, oldest first, each with who, when and what changed. */
export function Versies({
  code,
  naam,
  reload,
  categories,
}: {
  code: string;
  naam: string;
  reload: number;
  categories: Categorieen | null;
}) {
  const [versions, setVersions] = useState<CategorieVersie[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const headingId = useId();
  useEffect(() => {
    setError(null);
    api<CategorieVersies>(`/api/v1/categorieen/${encodeURIComponent(code)}/versies`).then((r) => setVersions(r.versies), setError);
  }, [code, reload]);
  return (
    <section aria-labelledby={headingId}>
      <h3 className="utrecht-heading-3" id={headingId}>
        Versies van {naam}
      </h3>
      {error ? (
        <ErrorAlert error={error} title="De versies zijn niet te zien" />
      ) : !versions ? (
        <Loading what="Versies" />
      ) : (
        <ol className="baken-versies" data-testid="categorie-versies" reversed={false}>
          {versions.map((v, i) => {
            const previous = i > 0 ? versions[i - 1] : null;
            const who =
              v.gewijzigd_door.gebruikersnaam ?? (v.gewijzigd_door.id === "systeem" ? "systeem (categorieënbestand)" : v.gewijzigd_door.id);
            return (
              <li key={v.versie} data-versie={v.versie}>
                <strong>Versie {v.versie}</strong>, {formatDateTime(v.gewijzigd_op)}, door {who}
                {previous === null ? (
                  <>
                    : eerste versie ({termText(v.waarden.termijn)}, {departmentName(v.waarden.afdeling, categories)}).
                  </>
                ) : v.gewijzigde_velden.length === 0 ? (
                  <>: niets gewijzigd.</>
                ) : (
                  <ul>
                    {v.gewijzigde_velden.map((f) => (
                      <li key={f}>
                        {FIELD_LABELS[f] ?? f}: {valueText(f, previous.waarden, categories)} → {valueText(f, v.waarden, categories)}
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}

/** The edit form's own checks (the server's rules in ParseCategoryEdit), each naming its field. */
function checkCategory(v: {
  naam: string;
  publiekeNaam: string;
  omschrijving: string;
  afdeling: string;
  amount: string;
  bericht: string;
  opKaart: boolean;
  gevoeligheid: string;
}): Record<string, string> {
  const e: Record<string, string> = {};
  const text = (key: string, value: string, empty: string, label: string, max: number) => {
    const n = [...value.trim()].length;
    if (empty && n === 0) e[key] = empty;
    else if (n > max) e[key] = `${label} is te lang: ${n} tekens, hoogstens ${max}.`;
  };
  text("naam", v.naam, "Vul de naam in.", "De naam", 100);
  text("publieke_naam", v.publiekeNaam, "Vul de publieke naam in.", "De publieke naam", 100);
  text("omschrijving", v.omschrijving, "", "De omschrijving", 1000);
  if (!v.afdeling) e.afdeling = "Kies een afdeling.";
  const n = Number(v.amount.trim());
  if (!/^\d+$/.test(v.amount.trim()) || n < 1 || n > 365) e.termijn = "De termijn moet een geheel getal van 1 tot en met 365 zijn.";
  text("afhandelbericht", v.bericht, "Vul het afhandelbericht in.", "Het afhandelbericht", 2000);
  if (v.opKaart && (v.gevoeligheid === "confidential" || v.gevoeligheid === "special")) {
    e.op_openbare_kaart =
      "Een vertrouwelijke of bijzondere categorie kan niet op de openbare kaart: zet het vinkje uit of kies een andere gevoeligheid.";
  }
  return e;
}

/** The edit form for one sub category; `onSaved` reloads the list the category came from. */
export function CategorieBewerken({
  category,
  categories,
  onSaved,
  onClose,
}: {
  category: Subcategorie;
  categories: Categorieen;
  onSaved: () => Promise<void>;
  onClose: () => void;
}) {
  const initialUnit = category.termijn?.uren !== undefined ? "uren" : "werkdagen";
  const [naam, setNaam] = useState(category.naam);
  const [publiekeNaam, setPubliekeNaam] = useState(category.publieke_naam ?? category.naam);
  const [omschrijving, setOmschrijving] = useState(category.omschrijving);
  const [afdeling, setAfdeling] = useState(category.afdeling ?? "");
  const [amount, setAmount] = useState(String(category.termijn?.[initialUnit] ?? ""));
  const [unit, setUnit] = useState<"werkdagen" | "uren">(initialUnit);
  const [bericht, setBericht] = useState(category.afhandelbericht ?? "");
  const [opKaart, setOpKaart] = useState(Boolean(category.op_openbare_kaart));
  const [gevoeligheid, setGevoeligheid] = useState(category.gevoeligheid);
  const [version, setVersion] = useState(category.versie ?? 0);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState("");
  const [busy, setBusy] = useState(false);
  const [reload, setReload] = useState(0);
  const headingId = useId();

  const departments = departmentsOf(categories);
  const summaryRef = useRef<HTMLDivElement>(null);
  const checks = useFieldChecks(checkCategory({ naam, publiekeNaam, omschrijving, afdeling, amount, bericht, opKaart, gevoeligheid }));
  const fieldError = (n: string) => (error instanceof ApiError ? error.field(n) : undefined) ?? checks.shown[n];
  const named = error instanceof ApiError && error.fields.some((f) => FIELD_NAMES.some((n) => f.name === n || f.name.startsWith(n + ".")));
  const fieldId = (n: string) => `${headingId}-${n}`;
  const summary = !(checks.tried || named)
    ? []
    : FIELD_NAMES.flatMap((n) => {
        const m = fieldError(n);
        return m ? [{ id: fieldId(n), message: m }] : [];
      });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!checks.attempt()) {
      window.setTimeout(() => summaryRef.current?.focus(), 0);
      return;
    }
    setError(null);
    setDone("");
    const n = Number(amount.trim());
    const body = {
      naam,
      publieke_naam: publiekeNaam,
      omschrijving,
      afdeling,
      // A number where it is one; otherwise the text as typed, so the API names the mistake.
      termijn: { [unit]: amount.trim() !== "" && Number.isInteger(n) ? n : amount },
      afhandelbericht: bericht,
      op_openbare_kaart: opKaart,
      gevoeligheid,
    };
    setBusy(true);
    try {
      const answer = await api<CategorieAntwoord | Voorstel>(`/api/v1/categorieen/${encodeURIComponent(category.code)}`, {
        method: "PUT",
        body,
        headers: { "If-Match": `"${version}"` },
      });
      if ("wijziging" in answer) {
        // Four eyes: a lower sensitivity takes effect once a second person approves it.
        setDone(`Lagere gevoeligheid voor ${category.naam}: ${WACHT_OP_TWEEDE_PERSOON} Tot dan blijft de categorie zoals ze was.`);
        return;
      }
      const saved = answer;
      setVersion(saved.versie);
      await onSaved();
      setReload((r) => r + 1);
      setDone(
        `${saved.naam} is opgeslagen als versie ${saved.versie} (afhandeltermijn ${saved.afhandeltermijn}). Nieuwe meldingen krijgen deze instellingen meteen.`,
      );
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby={headingId} className="baken-categorie-bewerken">
      <h3 className="utrecht-heading-3" id={headingId} tabIndex={-1}>
        Categorie wijzigen: {category.naam}
      </h3>
      <ErrorSummary items={summary} title="Controleer het volgende:" summaryRef={summaryRef} />
      <form {...checks.formProps} onSubmit={(e) => void submit(e)} noValidate aria-labelledby={headingId} data-testid="categorie-formulier">
        <Announce message={done} />
        {named ? null : (
          <ErrorAlert
            error={error}
            title={error instanceof ApiError && error.status === 412 ? "Iemand anders was u voor" : "Opslaan is niet gelukt"}
          />
        )}
        <Field id={fieldId("naam")} label="Naam" description="Zoals medewerkers de categorie zien." error={fieldError("naam")}>
          {(ids) => (
            <Textbox
              id={ids.id}
              name="naam"
              value={naam}
              invalid={ids.invalid}
              aria-invalid={ids.invalid || undefined}
              aria-describedby={ids.describedBy}
              onChange={(e) => setNaam(e.target.value)}
            />
          )}
        </Field>
        <Field
          id={fieldId("publieke_naam")}
          label="Publieke naam"
          description="Zoals bewoners de categorie zien."
          error={fieldError("publieke_naam")}
        >
          {(ids) => (
            <Textbox
              id={ids.id}
              name="publieke_naam"
              value={publiekeNaam}
              invalid={ids.invalid}
              aria-invalid={ids.invalid || undefined}
              aria-describedby={ids.describedBy}
              onChange={(e) => setPubliekeNaam(e.target.value)}
            />
          )}
        </Field>
        <Field id={fieldId("omschrijving")} label="Omschrijving" optional error={fieldError("omschrijving")}>
          {(ids) => (
            <Textarea
              id={ids.id}
              name="omschrijving"
              rows={2}
              value={omschrijving}
              invalid={ids.invalid}
              aria-invalid={ids.invalid || undefined}
              aria-describedby={ids.describedBy}
              onChange={(e) => setOmschrijving(e.target.value)}
            />
          )}
        </Field>
        <Field id={fieldId("afdeling")} label="Afdeling" error={fieldError("afdeling")}>
          {(ids) => (
            <select
              id={ids.id}
              className="utrecht-select utrecht-select--html-select"
              value={afdeling}
              aria-invalid={ids.invalid || undefined}
              aria-describedby={ids.describedBy}
              onChange={(e) => setAfdeling(e.target.value)}
            >
              {departments.includes(afdeling) ? null : <option value={afdeling}>{afdeling || "– Kies een afdeling –"}</option>}
              {departments.map((d) => (
                <option key={d} value={d}>
                  {departmentName(d, categories)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div className="baken-row">
          <Field
            id={fieldId("termijn")}
            label="Afhandeltermijn"
            description="Een geheel getal van 1 tot en met 365."
            error={fieldError("termijn")}
          >
            {(ids) => (
              <Textbox
                id={ids.id}
                name="termijn"
                inputMode="numeric"
                value={amount}
                invalid={ids.invalid}
                aria-invalid={ids.invalid || undefined}
                aria-describedby={ids.describedBy}
                onChange={(e) => setAmount(e.target.value)}
              />
            )}
          </Field>
          <Field label="Eenheid">
            {(ids) => (
              <select
                id={ids.id}
                className="utrecht-select utrecht-select--html-select"
                value={unit}
                onChange={(e) => setUnit(e.target.value === "uren" ? "uren" : "werkdagen")}
              >
                <option value="werkdagen">werkdagen</option>
                <option value="uren">uren</option>
              </select>
            )}
          </Field>
        </div>
        <Field
          id={fieldId("afhandelbericht")}
          label="Afhandelbericht"
          description="Wat de melder na het melden leest en gemaild krijgt."
          error={fieldError("afhandelbericht")}
        >
          {(ids) => (
            <Textarea
              id={ids.id}
              name="afhandelbericht"
              rows={3}
              value={bericht}
              invalid={ids.invalid}
              aria-invalid={ids.invalid || undefined}
              aria-describedby={ids.describedBy}
              onChange={(e) => setBericht(e.target.value)}
            />
          )}
        </Field>
        <Field
          id={fieldId("gevoeligheid")}
          label="Gevoeligheid"
          description="Bepaalt wie meldingen van deze categorie mag zien. Bestaande meldingen houden hun gevoeligheid."
          error={fieldError("gevoeligheid")}
        >
          {(ids) => (
            <select
              id={ids.id}
              className="utrecht-select utrecht-select--html-select"
              value={gevoeligheid}
              aria-invalid={ids.invalid || undefined}
              aria-describedby={ids.describedBy}
              onChange={(e) => setGevoeligheid(e.target.value)}
            >
              {Object.entries(SENSITIVITY).map(([code, name]) => (
                <option key={code} value={code}>
                  {name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <CheckboxField
          id={fieldId("op_openbare_kaart")}
          label="Op de openbare kaart"
          checked={opKaart}
          onChange={setOpKaart}
          error={fieldError("op_openbare_kaart")}
        />
        <Paragraph>
          Versie {version}. Nieuwe meldingen krijgen de gewijzigde termijn en afdeling; bestaande meldingen houden wat ze hadden.
        </Paragraph>
        <ButtonGroup>
          <Button appearance="primary-action-button" type="submit" disabled={busy}>
            Opslaan
          </Button>
          <Button appearance="secondary-action-button" type="button" disabled={busy} onClick={onClose}>
            Sluiten
          </Button>
        </ButtonGroup>
      </form>
      <Versies code={category.code} naam={category.naam} reload={reload} categories={categories} />
    </section>
  );
}
