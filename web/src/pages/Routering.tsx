// Routing rules (beheer): the ordered rules from GET /api/v1/routeringsregels, edited in the page
// (change, add, remove, move up or down) and saved as a whole with PUT and If-Match (the version
// read). The API checks the rules; a mistake comes back naming the rule and field
// ("regels[1] (Naam).afdeling"), and the form opens that rule with the message at the field.
// Only for sessions with "categorieen.beheren" (the same right as category editing).
import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from "react";
import { Button, ButtonGroup, Paragraph, Textbox } from "@utrecht/component-library-react";
import { api, ApiError, departmentName, departmentsOf, loadCategories, type Categorieen } from "../api";
import { ErrorAlert, ErrorSummary, Field, Loading, useFieldChecks } from "../components";
import { Announce } from "./MeldingBehandeling";

export interface Regel {
  volgorde?: number;
  naam: string;
  categorieen?: string[];
  gebieden?: string[];
  van?: string;
  tot?: string;
  weekdagen?: number[];
  kanalen?: string[];
  afdeling: string;
  behandelaar?: string;
  actief?: boolean;
}
interface Routeringsregels {
  versie: number;
  regels: Regel[];
}

const WEEKDAGEN = ["zondag", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag"];
const FIELD_LABELS: Record<string, string> = {
  naam: "Naam",
  afdeling: "Afdeling",
  categorieen: "Categorieën",
  gebieden: "Gebieden",
  van: "Van",
  tot: "Tot",
  weekdagen: "Weekdagen",
  kanalen: "Kanalen",
};

const list = (s: string) =>
  s
    .split(",")
    .map((x) => x.trim())
    .filter(Boolean);

/** "regels[1] (Naam).afdeling" → { index: 1, field: "afdeling" } */
function ruleField(e: unknown): { index: number; field: string; message: string } | null {
  if (!(e instanceof ApiError)) return null;
  for (const f of e.fields) {
    const m = /^regels\[(\d+)\][^.]*\.(\w*)$/.exec(f.name);
    if (m) return { index: Number(m[1]), field: m[2], message: f.reason };
  }
  return null;
}

const KANALEN = ["web", "app", "telefoon", "boa", "partner", "import"];
const RULE_FIELDS = ["naam", "afdeling", "categorieen", "gebieden", "van", "tot", "kanalen"];

/** "22:00" → true; the server's ParseClock (00:00 to 24:00). */
function validClock(s: string): boolean {
  const m = /^(\d\d):(\d\d)$/.exec(s);
  if (!m) return false;
  const h = Number(m[1]);
  const min = Number(m[2]);
  return h <= 24 && min <= 59 && (h < 24 || min === 0);
}

/** A rule's own checks (the server's Router::Build), all at once, each naming its field. */
function checkRule(
  v: { naam: string; afdeling: string; cats: string; gebieden: string; van: string; tot: string; kanalen: string },
  categories: Categorieen | null,
): Record<string, string> {
  const e: Record<string, string> = {};
  if (!v.naam.trim()) e.naam = "Geef de regel een naam.";
  if (!v.afdeling) e.afdeling = "Kies een afdeling.";
  if (categories) {
    const known = new Set(categories.hoofdcategorieen.flatMap((m) => [m.code, ...m.subcategorieen.map((c) => c.code)]));
    const unknown = list(v.cats).filter((c) => !known.has(c));
    if (unknown.length)
      e.categorieen = `Onbekende categorie ${unknown.map((c) => `'${c}'`).join(", ")}. Gebruik codes zoals hondenpoep of afval.`;
  }
  const wrongArea = list(v.gebieden).filter((g) => !/^(WK\d{6}|BU\d{8})$/.test(g));
  if (wrongArea.length)
    e.gebieden = `Onbekende gebiedscode ${wrongArea.map((g) => `'${g}'`).join(", ")}. Gebruik CBS-codes zoals WK001400 (wijk) of BU00140000 (buurt).`;
  const van = v.van.trim();
  const tot = v.tot.trim();
  if (van && !validClock(van)) e.van = `Ongeldige tijd bij Van: '${van}'. Gebruik uren en minuten, bijvoorbeeld 22:00.`;
  if (tot && !validClock(tot)) e.tot = `Ongeldige tijd bij Tot: '${tot}'. Gebruik uren en minuten, bijvoorbeeld 06:00.`;
  if (van && !tot) e.tot = "Een tijdvenster heeft een begin en een eind: vul ook Tot in, of maak Van leeg.";
  if (tot && !van) e.van = "Een tijdvenster heeft een begin en een eind: vul ook Van in, of maak Tot leeg.";
  if (van && tot && van === tot && !e.van) e.tot = "Begin en eind van het tijdvenster zijn gelijk.";
  const wrongChannel = list(v.kanalen).filter((k) => !KANALEN.includes(k));
  if (wrongChannel.length) e.kanalen = `Onbekend kanaal ${wrongChannel.map((k) => `'${k}'`).join(", ")}. Kies uit ${KANALEN.join(", ")}.`;
  return e;
}

function conditions(r: Regel, categories: Categorieen | null): string {
  const parts: string[] = [];
  if (r.categorieen?.length) parts.push(`categorie ${r.categorieen.join(", ")}`);
  if (r.gebieden?.length) parts.push(`gebied ${r.gebieden.join(", ")}`);
  if (r.van && r.tot) parts.push(`${r.van}–${r.tot}`);
  if (r.weekdagen?.length) parts.push(r.weekdagen.map((d) => WEEKDAGEN[d] ?? d).join(", "));
  if (r.kanalen?.length) parts.push(`kanaal ${r.kanalen.join(", ")}`);
  void categories;
  return parts.join("; ") || "alle meldingen";
}

function RegelFormulier({
  regel,
  categories,
  error,
  onApply,
  onCancel,
}: {
  regel: Regel;
  categories: Categorieen | null;
  error: { field: string; message: string } | null;
  onApply: (r: Regel) => void;
  onCancel: () => void;
}) {
  const [naam, setNaam] = useState(regel.naam);
  const [afdeling, setAfdeling] = useState(regel.afdeling);
  const [cats, setCats] = useState((regel.categorieen ?? []).join(", "));
  const [gebieden, setGebieden] = useState((regel.gebieden ?? []).join(", "));
  const [van, setVan] = useState(regel.van ?? "");
  const [tot, setTot] = useState(regel.tot ?? "");
  const [dagen, setDagen] = useState<number[]>(regel.weekdagen ?? []);
  const [kanalen, setKanalen] = useState((regel.kanalen ?? []).join(", "));
  const headingId = useId();
  const dagenId = useId();
  const checks = useFieldChecks(checkRule({ naam, afdeling, cats, gebieden, van, tot, kanalen }, categories));
  const summaryRef = useRef<HTMLDivElement>(null);
  const err = (f: string) => (error?.field === f ? error.message : undefined) ?? checks.shown[f];
  const fieldId = (f: string) => `${headingId}-${f}`;
  const summary = !(checks.tried || error)
    ? []
    : RULE_FIELDS.flatMap((f) => {
        const m = err(f);
        return m ? [{ id: fieldId(f), message: m }] : [];
      });
  const departments = departmentsOf(categories);

  // A rule with a mistake does not go into the list: every mistake is shown at once, here.
  const apply = (e: FormEvent) => {
    e.preventDefault();
    if (!checks.attempt()) {
      window.setTimeout(() => summaryRef.current?.focus(), 0);
      return;
    }
    const r: Regel = { naam: naam.trim(), afdeling };
    if (list(cats).length) r.categorieen = list(cats);
    if (list(gebieden).length) r.gebieden = list(gebieden);
    if (van.trim()) r.van = van.trim();
    if (tot.trim()) r.tot = tot.trim();
    if (dagen.length) r.weekdagen = [...dagen].sort();
    if (list(kanalen).length) r.kanalen = list(kanalen);
    if (regel.behandelaar) r.behandelaar = regel.behandelaar;
    if (regel.actief === false) r.actief = false;
    onApply(r);
  };

  return (
    <section aria-labelledby={headingId} className="baken-categorie-bewerken">
      <h3 className="utrecht-heading-3" id={headingId} tabIndex={-1}>
        Regel {regel.naam ? `wijzigen: ${regel.naam}` : "toevoegen"}
      </h3>
      <ErrorSummary items={summary} title="Controleer het volgende:" summaryRef={summaryRef} />
      <form {...checks.formProps} onSubmit={apply} noValidate aria-labelledby={headingId} data-testid="regel-formulier">
        <Field id={fieldId("naam")} label="Naam van de regel" description="Staat in de historie van de melding." error={err("naam")}>
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
        <Field id={fieldId("afdeling")} label="Afdeling" error={err("afdeling")}>
          {(ids) => (
            <select
              id={ids.id}
              name="afdeling"
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
        <Field
          id={fieldId("categorieen")}
          label="Categorieën"
          optional
          description="Codes van sub- of hoofdcategorieën, gescheiden door komma's (hondenpoep, afval). Leeg: alle."
          error={err("categorieen")}
        >
          {(ids) => (
            <Textbox
              id={ids.id}
              name="categorieen"
              value={cats}
              invalid={ids.invalid}
              aria-invalid={ids.invalid || undefined}
              aria-describedby={ids.describedBy}
              onChange={(e) => setCats(e.target.value)}
            />
          )}
        </Field>
        <Field
          id={fieldId("gebieden")}
          label="Gebieden"
          optional
          description="CBS-codes van wijken of buurten (WK001400), gescheiden door komma's. Leeg: overal."
          error={err("gebieden")}
        >
          {(ids) => (
            <Textbox
              id={ids.id}
              name="gebieden"
              value={gebieden}
              invalid={ids.invalid}
              aria-invalid={ids.invalid || undefined}
              aria-describedby={ids.describedBy}
              onChange={(e) => setGebieden(e.target.value)}
            />
          )}
        </Field>
        <div className="baken-row">
          <Field id={fieldId("van")} label="Van" optional description="Tijd als 22:00." error={err("van")}>
            {(ids) => (
              <Textbox
                id={ids.id}
                name="van"
                value={van}
                inputMode="numeric"
                invalid={ids.invalid}
                aria-invalid={ids.invalid || undefined}
                aria-describedby={ids.describedBy}
                onChange={(e) => setVan(e.target.value)}
              />
            )}
          </Field>
          <Field id={fieldId("tot")} label="Tot" optional description="Tijd als 06:00; mag over middernacht." error={err("tot")}>
            {(ids) => (
              <Textbox
                id={ids.id}
                name="tot"
                value={tot}
                inputMode="numeric"
                invalid={ids.invalid}
                aria-invalid={ids.invalid || undefined}
                aria-describedby={ids.describedBy}
                onChange={(e) => setTot(e.target.value)}
              />
            )}
          </Field>
        </div>
        <fieldset
          className={`utrecht-form-fieldset${err("weekdagen") ? " utrecht-form-field--invalid" : ""}`}
          aria-describedby={err("weekdagen") ? `${dagenId}-fout` : undefined}
        >
          <legend className="utrecht-form-fieldset__legend">Weekdagen (geen keuze: elke dag)</legend>
          {err("weekdagen") ? (
            <div className="utrecht-form-field-error-message" id={`${dagenId}-fout`}>
              {err("weekdagen")}
            </div>
          ) : null}
          {WEEKDAGEN.map((d, i) => (
            <div key={d} className="baken-row">
              <input
                id={`${dagenId}-${i}`}
                type="checkbox"
                className="utrecht-checkbox utrecht-checkbox--html-input utrecht-checkbox--custom"
                checked={dagen.includes(i)}
                onChange={(e) => setDagen(e.target.checked ? [...dagen, i] : dagen.filter((x) => x !== i))}
              />
              <label htmlFor={`${dagenId}-${i}`} className="utrecht-form-label utrecht-form-label--checkbox">
                {d}
              </label>
            </div>
          ))}
        </fieldset>
        <Field
          id={fieldId("kanalen")}
          label="Kanalen"
          optional
          description="web, app, telefoon, boa, partner of import, gescheiden door komma's. Leeg: alle."
          error={err("kanalen")}
        >
          {(ids) => (
            <Textbox
              id={ids.id}
              name="kanalen"
              value={kanalen}
              invalid={ids.invalid}
              aria-invalid={ids.invalid || undefined}
              aria-describedby={ids.describedBy}
              onChange={(e) => setKanalen(e.target.value)}
            />
          )}
        </Field>
        <Paragraph>De regel telt pas nadat u de hele lijst opslaat.</Paragraph>
        <ButtonGroup>
          <Button appearance="primary-action-button" type="submit">
            Regel overnemen
          </Button>
          <Button appearance="secondary-action-button" type="button" onClick={onCancel}>
            Annuleren
          </Button>
        </ButtonGroup>
      </form>
    </section>
  );
}

export function Routering() {
  const [data, setData] = useState<Routeringsregels | null>(null);
  const [rules, setRules] = useState<Regel[]>([]);
  const [categories, setCategories] = useState<Categorieen | null>(null);
  const [editing, setEditing] = useState<number | null>(null); // index; rules.length: a new rule
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState("");
  const [changed, setChanged] = useState(false);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    const r = await api<Routeringsregels>("/api/v1/routeringsregels");
    setData(r);
    setRules(r.regels);
    setChanged(false);
  }, []);
  useEffect(() => {
    loadCategories().then(setCategories, () => undefined);
    load().catch(setError);
  }, [load]);
  useEffect(() => {
    if (editing !== null) document.getElementById("regel-bewerken")?.querySelector<HTMLElement>("h3")?.focus();
  }, [editing]);

  const update = (next: Regel[]) => {
    setRules(next);
    setChanged(true);
    setDone("");
  };
  const move = (i: number, by: number) => {
    const j = i + by;
    if (j < 0 || j >= rules.length) return;
    const next = [...rules];
    [next[i], next[j]] = [next[j], next[i]];
    update(next);
    setDone(`${rules[i].naam} staat nu op plaats ${j + 1}.`);
  };
  const save = async () => {
    if (!data) return;
    setError(null);
    setDone("");
    setBusy(true);
    try {
      const r = await api<Routeringsregels>("/api/v1/routeringsregels", {
        method: "PUT",
        body: { regels: rules },
        headers: { "If-Match": `"${data.versie}"` },
      });
      setData(r);
      setRules(r.regels);
      setChanged(false);
      setEditing(null);
      setDone(`De routeringsregels zijn opgeslagen als versie ${r.versie}. Nieuwe meldingen volgen ze meteen.`);
    } catch (err) {
      setError(err);
      const at = ruleField(err);
      if (at && at.index < rules.length) setEditing(at.index);
    } finally {
      setBusy(false);
    }
  };

  const at = ruleField(error);
  const summary = at
    ? `Regel ${at.index + 1} (${rules[at.index]?.naam ?? ""}), ${FIELD_LABELS[at.field] ?? at.field}: ${at.message}`
    : null;
  const editingRule: Regel | null = editing === null ? null : editing < rules.length ? rules[editing] : { naam: "", afdeling: "" };

  return (
    <section aria-labelledby="routering-kop">
      <h2 className="utrecht-heading-2" id="routering-kop">
        Routering
      </h2>
      <Paragraph>
        De eerste regel die past bepaalt de afdeling van een nieuwe melding; past er geen, dan gaat de melding naar de afdeling van haar
        categorie.
      </Paragraph>
      <Announce message={done} />
      {summary ? (
        <ErrorAlert
          error={new Error(summary)}
          title={(error as ApiError).status === 412 ? "Iemand anders was u voor" : "Opslaan is niet gelukt"}
        />
      ) : (
        <ErrorAlert error={error} title={error instanceof ApiError && error.status === 412 ? "Iemand anders was u voor" : undefined} />
      )}
      {!data ? (
        error ? null : (
          <Loading what="Routeringsregels" />
        )
      ) : (
        <>
          <div className="baken-table-wrap" tabIndex={0} role="region" aria-label="Routeringsregels">
            <table className="baken-table" data-testid="routeringsregels">
              <caption className="baken-visually-hidden">Routeringsregels in volgorde (versie {data.versie})</caption>
              <thead>
                <tr>
                  <th scope="col">Plaats</th>
                  <th scope="col">Regel</th>
                  <th scope="col">Voorwaarden</th>
                  <th scope="col">Afdeling</th>
                  <th scope="col">Beheer</th>
                </tr>
              </thead>
              <tbody>
                {rules.map((r, i) => (
                  <tr key={`${i}-${r.naam}`} data-regel={r.naam}>
                    <td>{i + 1}</td>
                    <td>{r.naam}</td>
                    <td>{conditions(r, categories)}</td>
                    <td>{departmentName(r.afdeling, categories)}</td>
                    <td>
                      <ButtonGroup>
                        <Button
                          appearance="subtle-button"
                          type="button"
                          aria-expanded={editing === i}
                          aria-controls="regel-bewerken"
                          onClick={() => setEditing(editing === i ? null : i)}
                        >
                          Wijzigen<span className="baken-visually-hidden"> regel {r.naam}</span>
                        </Button>
                        <Button appearance="subtle-button" type="button" disabled={i === 0} onClick={() => move(i, -1)}>
                          Omhoog<span className="baken-visually-hidden"> regel {r.naam}</span>
                        </Button>
                        <Button appearance="subtle-button" type="button" disabled={i === rules.length - 1} onClick={() => move(i, 1)}>
                          Omlaag<span className="baken-visually-hidden"> regel {r.naam}</span>
                        </Button>
                        <Button
                          appearance="subtle-button"
                          type="button"
                          onClick={() => {
                            update(rules.filter((_, k) => k !== i));
                            setEditing(null);
                            setDone(`${r.naam} is uit de lijst gehaald; sla de lijst op om dat te bewaren.`);
                          }}
                        >
                          Verwijderen<span className="baken-visually-hidden"> regel {r.naam}</span>
                        </Button>
                      </ButtonGroup>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div id="regel-bewerken">
            {editingRule ? (
              <RegelFormulier
                key={`${editing}-${editingRule.naam}`}
                regel={editingRule}
                categories={categories}
                error={at && at.index === editing ? at : null}
                onApply={(r) => {
                  const next = [...rules];
                  if (editing !== null && editing < rules.length) next[editing] = r;
                  else next.push(r);
                  update(next);
                  setEditing(null);
                  setDone(`Regel ${r.naam} staat in de lijst; sla de lijst op om haar te bewaren.`);
                }}
                onCancel={() => setEditing(null)}
              />
            ) : null}
          </div>
          <ButtonGroup>
            <Button
              appearance="secondary-action-button"
              type="button"
              aria-controls="regel-bewerken"
              onClick={() => setEditing(rules.length)}
            >
              Regel toevoegen
            </Button>
            <Button appearance="primary-action-button" type="button" disabled={busy || !changed} onClick={() => void save()}>
              Routering opslaan
            </Button>
            <Button
              appearance="secondary-action-button"
              type="button"
              disabled={busy || !changed}
              onClick={() => void load().catch(setError)}
            >
              Wijzigingen weggooien
            </Button>
          </ButtonGroup>
        </>
      )}
    </section>
  );
}
