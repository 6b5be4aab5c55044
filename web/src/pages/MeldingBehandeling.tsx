// Handling one melding beyond its status: reassign (department, handler, priority), re-categorise
// (the API re-computes the deadline, which is shown after), and duplicates nearby with a merge
// that asks for confirmation first, and splitting a melding about several things into deelmeldingen. Each change is one PATCH or POST with If-Match, so a melding
// changed by someone else in the meantime is refused with the API's Dutch message; errors that name
// a field are shown next to it, success is announced in a live region.
import { useEffect, useState, type FormEvent, type ReactNode } from "react";
import { Button, ButtonGroup, Paragraph, Textarea } from "@utrecht/component-library-react";
import {
  api,
  ApiError,
  departmentName,
  departmentsOf,
  findCategory,
  formatDate,
  formatDateTime,
  loadCategories,
  type Categorieen,
  type Duplicaat,
  type Behandelaar,
  type Melding,
  type MeldingWijziging,
} from "../api";
import { ErrorAlert, Field } from "../components";
import { Link } from "../router";
import { useSession } from "../session";
import { isClosed } from "../workflow";

const PRIORITIES = [
  { code: "laag", naam: "Laag" },
  { code: "normaal", naam: "Normaal" },
  { code: "hoog", naam: "Hoog" },
];

function patch(melding: Melding, body: MeldingWijziging): Promise<Melding> {
  return api<Melding>(`/api/v1/meldingen/${encodeURIComponent(melding.id)}`, {
    method: "PATCH",
    body,
    headers: { "If-Match": `"${melding.versie}"` },
  });
}

/**
 * A live region that is always in the page (so screen readers notice what appears in it), showing
 * a success message styled as an ok-alert. Not the Utrecht Alert itself: that adds a second
 * role=status inside this one.
 */
export function Announce({ message, children }: { message: string; children?: ReactNode }) {
  return (
    <div role="status" aria-live="polite">
      {message ? (
        <div className="utrecht-alert utrecht-alert--ok">
          <div className="utrecht-alert__content">
            <p className="utrecht-paragraph utrecht-alert__message">{message}</p>
            {children}
          </div>
        </div>
      ) : null}
    </div>
  );
}

/** Shows a success message in a live region (role=status) and an error without a field as an alert. */
function Outcome({ done, error, fieldNames, title }: { done: string; error: unknown; fieldNames: string[]; title: string }) {
  const named = error instanceof ApiError && error.fields.some((f) => fieldNames.some((n) => f.name === n || f.name.startsWith(n + ".")));
  return (
    <>
      <Announce message={done} />
      {named ? null : <ErrorAlert error={error} title={title} />}
    </>
  );
}

export function Toewijzen({ melding, onDone }: { melding: Melding; onDone: () => Promise<void> }) {
  const { session } = useSession();
  const [categories, setCategories] = useState<Categorieen | null>(null);
  const [department, setDepartment] = useState(melding.afdeling);
  const [assignee, setAssignee] = useState(melding.behandelaar ?? "");
  const [priority, setPriority] = useState<string>(melding.prioriteit);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState("");
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    loadCategories().then(setCategories, () => undefined);
  }, []);
  useEffect(() => {
    setDepartment(melding.afdeling);
    setAssignee(melding.behandelaar ?? "");
    setPriority(melding.prioriteit);
  }, [melding.afdeling, melding.behandelaar, melding.prioriteit]);
  // The colleagues of the chosen department (GET /api/v1/afdelingen/{code}/behandelaars).
  const [colleagues, setColleagues] = useState<Behandelaar[] | null>(null);
  const [colleaguesError, setColleaguesError] = useState(false);
  useEffect(() => {
    setColleagues(null);
    setColleaguesError(false);
    if (!department) {
      setColleagues([]);
      return;
    }
    let current = true;
    api<{ behandelaars: Behandelaar[] }>(`/api/v1/afdelingen/${encodeURIComponent(department)}/behandelaars`).then(
      (r) => {
        if (!current) return;
        setColleagues(r.behandelaars);
        // Another department: someone of the old one is no longer a choice.
        if (department !== melding.afdeling) setAssignee((a) => (r.behandelaars.some((c) => c.gebruikersnaam === a) ? a : ""));
      },
      () => current && setColleaguesError(true),
    );
    return () => {
      current = false;
    };
  }, [department, melding.afdeling]);
  const departments = departmentsOf(categories);
  if (melding.afdeling && !departments.includes(melding.afdeling)) departments.unshift(melding.afdeling);
  const nameOf = (username: string) => colleagues?.find((c) => c.gebruikersnaam === username)?.naam ?? username;

  const save = async (body: Record<string, unknown>, message: string) => {
    setError(null);
    setDone("");
    if (Object.keys(body).length === 0) {
      setError(new ApiError(400, "Niets gewijzigd", "Wijzig eerst de afdeling, de behandelaar of de prioriteit.", "", []));
      return;
    }
    setBusy(true);
    try {
      await patch(melding, body);
      await onDone();
      setDone(message);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body: Record<string, unknown> = {};
    if (department !== melding.afdeling) body.afdeling = department;
    if (assignee.trim() !== (melding.behandelaar ?? "")) body.behandelaar = assignee.trim() || null;
    if (priority !== melding.prioriteit) body.prioriteit = priority;
    const parts = [];
    if ("afdeling" in body) parts.push(`afdeling ${departmentName(department, categories)}`);
    if ("behandelaar" in body) parts.push(assignee.trim() ? `behandelaar ${nameOf(assignee.trim())}` : "geen behandelaar");
    if ("prioriteit" in body) parts.push(`prioriteit ${priority}`);
    void save(body, `Toegewezen: ${parts.join(", ")}.`);
  };
  const fieldError = (n: string) => (error instanceof ApiError ? error.field(n) : undefined);
  const mine = session && melding.behandelaar === session.gebruiker;
  return (
    <form onSubmit={submit} noValidate aria-labelledby="toewijzen-kop">
      <h2 className="utrecht-heading-2" id="toewijzen-kop">
        Toewijzen
      </h2>
      <Outcome done={done} error={error} fieldNames={["afdeling", "behandelaar", "prioriteit"]} title="Toewijzen is niet gelukt" />
      <Field label="Afdeling" error={fieldError("afdeling")}>
        {(ids) => (
          <select
            id={ids.id}
            className="utrecht-select utrecht-select--html-select"
            value={department}
            aria-invalid={ids.invalid || undefined}
            aria-describedby={ids.describedBy}
            onChange={(e) => setDepartment(e.target.value)}
          >
            {melding.afdeling ? null : <option value="">– Geen afdeling –</option>}
            {departments.map((d) => (
              <option key={d} value={d}>
                {departmentName(d, categories)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        label="Behandelaar"
        optional
        description="Een medewerker van de gekozen afdeling; 'Geen behandelaar' haalt de behandelaar weg."
        error={fieldError("behandelaar") ?? (colleaguesError ? "De medewerkers van deze afdeling konden niet worden geladen." : undefined)}
      >
        {(ids) => (
          <select
            id={ids.id}
            className="utrecht-select utrecht-select--html-select"
            value={assignee}
            aria-invalid={ids.invalid || undefined}
            aria-describedby={ids.describedBy}
            onChange={(e) => setAssignee(e.target.value)}
            data-testid="behandelaar-kiezen"
          >
            <option value="">– Geen behandelaar –</option>
            {assignee && colleagues && !colleagues.some((c) => c.gebruikersnaam === assignee) ? (
              <option value={assignee}>{assignee} (niet van deze afdeling)</option>
            ) : null}
            {(colleagues ?? []).map((c) => (
              <option key={c.gebruikersnaam} value={c.gebruikersnaam}>
                {c.naam} ({c.gebruikersnaam})
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Prioriteit" error={fieldError("prioriteit")}>
        {(ids) => (
          <select
            id={ids.id}
            className="utrecht-select utrecht-select--html-select"
            value={priority}
            aria-invalid={ids.invalid || undefined}
            aria-describedby={ids.describedBy}
            onChange={(e) => setPriority(e.target.value)}
          >
            {PRIORITIES.map((p) => (
              <option key={p.code} value={p.code}>
                {p.naam}
              </option>
            ))}
          </select>
        )}
      </Field>
      <ButtonGroup>
        <Button appearance="primary-action-button" type="submit" disabled={busy}>
          Toewijzing opslaan
        </Button>
        {session && !mine ? (
          <Button
            appearance="secondary-action-button"
            type="button"
            disabled={busy}
            onClick={() => void save({ behandelaar: session.gebruiker }, `Aan u toegewezen (${session.gebruiker}).`)}
          >
            Aan mij toewijzen
          </Button>
        ) : null}
      </ButtonGroup>
    </form>
  );
}

export function Hercategoriseren({ melding, onDone }: { melding: Melding; onDone: () => Promise<void> }) {
  const [categories, setCategories] = useState<Categorieen | null>(null);
  const [code, setCode] = useState(melding.categorie.code);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState("");
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    loadCategories().then(setCategories, setError);
  }, []);
  useEffect(() => setCode(melding.categorie.code), [melding.categorie.code]);
  const chosen = findCategory(categories, code);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setDone("");
    if (code === melding.categorie.code) {
      setError(
        new ApiError(400, "Ongeldige invoer", "Kies een andere categorie.", "", [
          { name: "categorie", reason: "Kies een andere categorie dan de huidige." },
        ]),
      );
      return;
    }
    setBusy(true);
    try {
      const m = await patch(melding, { categorie: code });
      await onDone();
      // The API routes the melding again, which can take the handler off it: say so.
      const dropped = melding.behandelaar && !m.behandelaar ? ` Behandelaar ${melding.behandelaar} is er niet meer aan toegewezen.` : "";
      setDone(
        `Categorie gewijzigd naar ${m.categorie.naam}. Nieuwe termijn: ${formatDateTime(m.termijn)}${m.afdeling ? `, afdeling ${departmentName(m.afdeling, categories)}` : ""}.${dropped}`,
      );
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={submit} noValidate aria-labelledby="categorie-kop">
      <h2 className="utrecht-heading-2" id="categorie-kop">
        Categorie wijzigen
      </h2>
      <Outcome done={done} error={error} fieldNames={["categorie"]} title="Categorie wijzigen is niet gelukt" />
      <Field
        label="Nieuwe categorie"
        description={
          chosen
            ? `Afhandeltermijn ${chosen.afhandeltermijn}; de termijn wordt opnieuw berekend vanaf de ontvangst.`
            : "De termijn wordt opnieuw berekend."
        }
        error={error instanceof ApiError ? error.field("categorie") : undefined}
      >
        {(ids) => (
          <select
            id={ids.id}
            className="utrecht-select utrecht-select--html-select"
            value={code}
            aria-invalid={ids.invalid || undefined}
            aria-describedby={ids.describedBy}
            onChange={(e) => setCode(e.target.value)}
          >
            {categories?.hoofdcategorieen.map((m) => (
              <optgroup key={m.code} label={m.naam}>
                {m.subcategorieen.map((s) => (
                  <option key={s.code} value={s.code}>
                    {s.naam}
                  </option>
                ))}
              </optgroup>
            )) ?? <option value={melding.categorie.code}>{melding.categorie.naam}</option>}
          </select>
        )}
      </Field>
      <Button appearance="primary-action-button" type="submit" disabled={busy}>
        Categorie wijzigen
      </Button>
    </form>
  );
}

export function Duplicaten({ melding, onDone }: { melding: Melding; onDone: () => Promise<void> }) {
  const [items, setItems] = useState<Duplicaat[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [confirming, setConfirming] = useState<Duplicaat | null>(null);
  const [done, setDone] = useState("");
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    setItems(null);
    api<{ duplicaten: Duplicaat[] }>(`/api/v1/meldingen/${encodeURIComponent(melding.id)}/duplicaten`).then(
      (r) => setItems(r.duplicaten),
      (e) => {
        setItems([]);
        setError(e);
      },
    );
  }, [melding.id, melding.versie]);
  const merge = async (original: Duplicaat) => {
    setBusy(true);
    setError(null);
    try {
      await api(`/api/v1/meldingen/${encodeURIComponent(melding.id)}/samenvoegen`, {
        method: "POST",
        body: { origineel: original.id },
        headers: { "If-Match": `"${melding.versie}"` },
      });
      setConfirming(null);
      await onDone();
      setDone(`Samengevoegd: melding ${melding.nummer} is nu een dubbele melding van ${original.nummer}.`);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const closed = isClosed(melding.status.code);
  return (
    <section aria-labelledby="duplicaten-kop">
      <h2 className="utrecht-heading-2" id="duplicaten-kop">
        Mogelijke dubbele meldingen in de buurt
      </h2>
      <Announce message={done} />
      <ErrorAlert error={error} title="Samenvoegen is niet gelukt" />
      {items === null ? (
        <Paragraph>Dubbele meldingen zoeken…</Paragraph>
      ) : items.length === 0 ? (
        <Paragraph>Geen meldingen van dezelfde categorie in de buurt gevonden.</Paragraph>
      ) : (
        <ul className="baken-list" data-testid="duplicaten">
          {items.map((d) => (
            <li key={d.id}>
              <Link href={`/werk/meldingen/${d.id}`}>{d.nummer}</Link> · {d.status.naam} · {d.afstand_m} m verderop · ontvangen{" "}
              {formatDate(d.ontvangen)}
              {closed ? null : confirming?.id === d.id ? (
                <div className="baken-confirm" role="group" aria-labelledby={`bevestig-${d.id}`}>
                  <Paragraph id={`bevestig-${d.id}`}>
                    <strong>
                      Weet u het zeker? Melding {melding.nummer} wordt gesloten als dubbele melding van {d.nummer}; de afhandeling gaat
                      verder op {d.nummer}.
                    </strong>
                  </Paragraph>
                  <ButtonGroup>
                    <Button appearance="primary-action-button" type="button" disabled={busy} onClick={() => void merge(d)}>
                      Ja, samenvoegen met {d.nummer}
                    </Button>
                    <Button appearance="secondary-action-button" type="button" disabled={busy} onClick={() => setConfirming(null)}>
                      Annuleren
                    </Button>
                  </ButtonGroup>
                </div>
              ) : (
                <div>
                  <Button
                    appearance="secondary-action-button"
                    type="button"
                    onClick={() => {
                      setDone("");
                      setError(null);
                      setConfirming(d);
                    }}
                  >
                    Samenvoegen met {d.nummer}…
                  </Button>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

interface Deel {
  categorie: string;
  tekst: string;
}
const MAX_PARTS = 10;

/**
 * Splits a melding about several things into deelmeldingen (POST /meldingen/{id}/splitsen), each
 * with its own category and text; the API routes each part and closes this one as "gesplitst".
 * Errors the API names per part ("delen[1].tekst") are shown next to that field; a 403 (a category
 * the caller may not create) as an alert with the API's reason.
 */
export function Splitsen({ melding, onDone }: { melding: Melding; onDone: () => Promise<void> }) {
  const [categories, setCategories] = useState<Categorieen | null>(null);
  const [parts, setParts] = useState<Deel[]>([
    { categorie: melding.categorie.code, tekst: "" },
    { categorie: "", tekst: "" },
  ]);
  const [error, setError] = useState<unknown>(null);
  const [created, setCreated] = useState<Melding[]>([]);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    loadCategories().then(setCategories, setError);
  }, []);
  // Once split, the melding is closed: the section stays only to show what was made.
  if (isClosed(melding.status.code) && created.length === 0) return null;

  const change = (i: number, value: Partial<Deel>) => {
    setError(null);
    setParts(parts.map((p, j) => (j === i ? { ...p, ...value } : p)));
  };
  const remove = (i: number) => {
    setError(null);
    setParts(parts.filter((_, j) => j !== i));
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setCreated([]);
    const missing = parts.flatMap((p, i) => [
      ...(p.categorie ? [] : [{ name: `delen[${i}].categorie`, reason: "Kies een categorie." }]),
      ...(p.tekst.trim() ? [] : [{ name: `delen[${i}].tekst`, reason: "Beschrijf dit deel." }]),
    ]);
    if (missing.length) {
      setError(new ApiError(400, "Ongeldige invoer", "Vul de gemarkeerde velden in.", "", missing));
      return;
    }
    setBusy(true);
    try {
      const r = await api<{ deelmeldingen: Melding[] }>(`/api/v1/meldingen/${encodeURIComponent(melding.id)}/splitsen`, {
        method: "POST",
        body: { delen: parts.map((p) => ({ categorie: p.categorie, tekst: p.tekst.trim() })) },
      });
      setCreated(r.deelmeldingen);
      await onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const fieldError = (n: string) => (error instanceof ApiError ? error.fields.find((f) => f.name === n)?.reason : undefined);
  const named = error instanceof ApiError && error.fields.some((f) => f.name.startsWith("delen"));
  const done = created.length
    ? `Melding ${melding.nummer} is gesplitst in ${created.length} deelmeldingen: ${created.map((m) => m.nummer).join(", ")}.`
    : "";
  return (
    <section aria-labelledby="splitsen-kop">
      <h2 className="utrecht-heading-2" id="splitsen-kop">
        Splitsen in deelmeldingen
      </h2>
      <Announce message={done}>
        <ul className="baken-list" data-testid="deelmeldingen">
          {created.map((m) => (
            <li key={m.id}>
              <Link href={`/werk/meldingen/${m.id}`}>Deelmelding {m.nummer}</Link> · {m.categorie.naam}
              {m.afdeling ? ` · ${departmentName(m.afdeling, categories)}` : ""}
            </li>
          ))}
        </ul>
      </Announce>
      {created.length ? null : (
        <form onSubmit={submit} noValidate aria-labelledby="splitsen-kop">
          <Paragraph>
            Gaat deze melding over meer dan één ding? Maak per onderwerp een deelmelding met een eigen categorie en tekst. Elke deelmelding
            krijgt een eigen nummer, afdeling en termijn; deze melding krijgt de status Gesplitst.
          </Paragraph>
          {named ? null : <ErrorAlert error={error} title="Splitsen is niet gelukt" />}
          {fieldError("delen") ? (
            <p className="utrecht-form-field-error-message" role="alert">
              {fieldError("delen")}
            </p>
          ) : null}
          {parts.map((p, i) => (
            <fieldset key={i} className="utrecht-form-fieldset baken-deel">
              <legend className="utrecht-form-fieldset__legend">Deel {i + 1}</legend>
              <Field label={`Categorie deel ${i + 1}`} error={fieldError(`delen[${i}].categorie`)}>
                {(ids) => (
                  <select
                    id={ids.id}
                    className="utrecht-select utrecht-select--html-select"
                    value={p.categorie}
                    aria-invalid={ids.invalid || undefined}
                    aria-describedby={ids.describedBy}
                    onChange={(e) => change(i, { categorie: e.target.value })}
                  >
                    <option value="">– Kies een categorie –</option>
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
              <Field
                label={`Tekst deel ${i + 1}`}
                description="Wat over dit onderwerp gemeld is; de tekst van de oorspronkelijke melding blijft bewaard."
                error={fieldError(`delen[${i}].tekst`)}
              >
                {(ids) => (
                  <Textarea
                    id={ids.id}
                    rows={2}
                    value={p.tekst}
                    invalid={ids.invalid}
                    aria-invalid={ids.invalid || undefined}
                    aria-describedby={ids.describedBy}
                    onChange={(e) => change(i, { tekst: e.target.value })}
                  />
                )}
              </Field>
              {parts.length > 2 ? (
                <Button appearance="subtle-button" type="button" onClick={() => remove(i)}>
                  Deel {i + 1} verwijderen
                </Button>
              ) : null}
            </fieldset>
          ))}
          <ButtonGroup>
            {parts.length < MAX_PARTS ? (
              <Button
                appearance="secondary-action-button"
                type="button"
                onClick={() => {
                  setError(null);
                  setParts([...parts, { categorie: "", tekst: "" }]);
                }}
              >
                Deel toevoegen
              </Button>
            ) : null}
            <Button appearance="primary-action-button" type="submit" disabled={busy}>
              Splitsen in {parts.length} deelmeldingen
            </Button>
          </ButtonGroup>
        </form>
      )}
    </section>
  );
}
