// Users and roles (beheer): everyone with the purpose beheer reads the list (GET /api/v1/gebruikers);
// a session with the right "gebruikers.beheren" (the functioneel beheerder with a second factor)
// also creates accounts (POST, the server answers a one-time password), changes role, departments
// and disabled (PATCH) and resets a password (POST .../wachtwoord). The API refuses what is not
// allowed (e.g. disabling yourself) with a Dutch message, shown next to the field it names.
import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from "react";
import { Button, ButtonGroup, Paragraph, Textbox } from "@utrecht/component-library-react";
import {
  api,
  ApiError,
  departmentName,
  departmentsOf,
  loadCategories,
  WACHT_OP_TWEEDE_PERSOON,
  type Categorieen,
  type Gebruiker,
  type Voorstel,
} from "../api";
import { CheckboxField, ErrorAlert, ErrorSummary, Field, Loading, useFieldChecks } from "../components";
import { useSession } from "../session";
import { Announce } from "./MeldingBehandeling";

export const ROLLEN: Record<string, string> = {
  boa: "Boa",
  toezichthouder: "Toezichthouder",
  gebiedsmanager: "Gebiedsmanager",
  analist: "Analist",
  coordinator_mensenhandel: "Coördinator mensenhandel",
  zorgpartner: "Zorgpartner",
  politie: "Politie",
  riec: "RIEC",
  raadslid: "Raadslid",
  beheerder: "Beheerder",
  auditor: "Auditor",
};

export const rolNaam = (code: string) => ROLLEN[code] ?? code;

/** A select of the roles, wired like Field's other controls. */
export function RolKeuze({
  value,
  onChange,
  ids,
}: {
  value: string;
  onChange: (v: string) => void;
  ids: { id: string; describedBy: string | undefined; invalid: boolean };
}) {
  return (
    <select
      id={ids.id}
      className="utrecht-select utrecht-select--html-select"
      value={value}
      aria-invalid={ids.invalid || undefined}
      aria-describedby={ids.describedBy}
      onChange={(e) => onChange(e.target.value)}
    >
      {Object.entries(ROLLEN).map(([code, name]) => (
        <option key={code} value={code}>
          {name}
        </option>
      ))}
    </select>
  );
}

/** Checkboxes for departments in a fieldset with a legend; the error is tied to the group. */
function AfdelingenKeuze({
  value,
  onChange,
  categories,
  error,
  groupId,
}: {
  value: string[];
  onChange: (v: string[]) => void;
  categories: Categorieen | null;
  error?: string;
  groupId?: string;
}) {
  const id = useId();
  return (
    <fieldset
      id={groupId}
      tabIndex={groupId ? -1 : undefined}
      className={`utrecht-form-fieldset baken-afdelingen${error ? " utrecht-form-field--invalid" : ""}`}
      aria-describedby={error ? `${id}-fout` : undefined}
    >
      <legend className="utrecht-form-fieldset__legend">Afdelingen</legend>
      {error ? (
        <div className="utrecht-form-field-error-message" id={`${id}-fout`}>
          {error}
        </div>
      ) : null}
      {departmentsOf(categories).map((d) => (
        <div key={d} className="baken-row">
          <input
            id={`${id}-${d}`}
            type="checkbox"
            className="utrecht-checkbox utrecht-checkbox--html-input utrecht-checkbox--custom"
            checked={value.includes(d)}
            onChange={(e) => onChange(e.target.checked ? [...value, d] : value.filter((x) => x !== d))}
          />
          <label htmlFor={`${id}-${d}`} className="utrecht-form-label utrecht-form-label--checkbox">
            {departmentName(d, categories)}
          </label>
        </div>
      ))}
    </fieldset>
  );
}

const NEW_USER_FIELDS = ["gebruikersnaam", "naam", "email", "rol", "afdelingen"];

/** The new-user form's own checks (the server's rules, in words that name the field). */
function checkNewUser(v: { gebruikersnaam: string; naam: string; email: string }): Record<string, string> {
  const e: Record<string, string> = {};
  if (v.gebruikersnaam.length < 2 || v.gebruikersnaam.length > 64 || /\s/.test(v.gebruikersnaam)) {
    e.gebruikersnaam = "Kies een gebruikersnaam van 2 tot 64 tekens, zonder spaties.";
  }
  if (!v.naam.trim()) e.naam = "Vul de naam van de medewerker in.";
  else if (v.naam.length > 200) e.naam = `De naam is te lang: ${v.naam.length} tekens, hoogstens 200.`;
  if (v.email && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(v.email))
    e.email = "Vul een geldig e-mailadres in, bijvoorbeeld naam@groningen.nl, of laat het leeg.";
  return e;
}

function GebruikerAanmaken({ categories, onCreated }: { categories: Categorieen | null; onCreated: () => Promise<void> }) {
  const [gebruikersnaam, setGebruikersnaam] = useState("");
  const [naam, setNaam] = useState("");
  const [email, setEmail] = useState("");
  const [rol, setRol] = useState("toezichthouder");
  const [afdelingen, setAfdelingen] = useState<string[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [created, setCreated] = useState<{ gebruikersnaam: string; wachtwoord: string } | null>(null);
  const [waiting, setWaiting] = useState("");
  const [busy, setBusy] = useState(false);
  const headingId = useId();
  const summaryRef = useRef<HTMLDivElement>(null);
  const checks = useFieldChecks(checkNewUser({ gebruikersnaam, naam, email }));
  const fieldError = (n: string) => (error instanceof ApiError ? error.field(n) : undefined) ?? checks.shown[n];
  const named = error instanceof ApiError && error.fields.some((f) => NEW_USER_FIELDS.includes(f.name));
  const summary = !(checks.tried || named)
    ? []
    : NEW_USER_FIELDS.flatMap((n) => {
        const m = fieldError(n);
        return m ? [{ id: `${headingId}-${n}`, message: m }] : [];
      });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!checks.attempt()) {
      window.setTimeout(() => summaryRef.current?.focus(), 0);
      return;
    }
    setError(null);
    setCreated(null);
    setWaiting("");
    setBusy(true);
    try {
      const r = await api<{ gebruiker: Gebruiker; tijdelijk_wachtwoord: string } | Voorstel>("/api/v1/gebruikers", {
        method: "POST",
        body: { gebruikersnaam, naam, email, rol, afdelingen },
      });
      if ("wijziging" in r) {
        // Four eyes: a role that sees persons waits for a second beheerder, who gets the password.
        setWaiting(`Gebruiker ${gebruikersnaam}: ${WACHT_OP_TWEEDE_PERSOON}`);
      } else {
        setCreated({ gebruikersnaam: r.gebruiker.gebruikersnaam, wachtwoord: r.tijdelijk_wachtwoord });
      }
      setGebruikersnaam("");
      setNaam("");
      setEmail("");
      setAfdelingen([]);
      checks.reset();
      await onCreated();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby={headingId}>
      <h3 className="utrecht-heading-3" id={headingId}>
        Gebruiker toevoegen
      </h3>
      <ErrorSummary items={summary} title="Controleer het volgende:" summaryRef={summaryRef} />
      <form {...checks.formProps} onSubmit={(e) => void submit(e)} noValidate aria-labelledby={headingId} data-testid="gebruiker-formulier">
        <Announce message={waiting} />
        <Announce message={created ? `Gebruiker ${created.gebruikersnaam} is aangemaakt.` : ""}>
          {created ? (
            <Paragraph>
              Tijdelijk wachtwoord: <code data-testid="tijdelijk-wachtwoord">{created.wachtwoord}</code>. Kopieer het nu en geef het veilig
              door; het wordt niet meer getoond.
            </Paragraph>
          ) : null}
        </Announce>
        {named ? null : <ErrorAlert error={error} title="Aanmaken is niet gelukt" />}
        <Field
          id={`${headingId}-gebruikersnaam`}
          label="Gebruikersnaam"
          description="2 tot 64 tekens, zonder spaties."
          error={fieldError("gebruikersnaam")}
        >
          {(ids) => (
            <Textbox
              id={ids.id}
              name="gebruikersnaam"
              value={gebruikersnaam}
              autoComplete="off"
              invalid={ids.invalid}
              aria-invalid={ids.invalid || undefined}
              aria-describedby={ids.describedBy}
              onChange={(e) => setGebruikersnaam(e.target.value)}
            />
          )}
        </Field>
        <Field id={`${headingId}-naam`} label="Naam" error={fieldError("naam")}>
          {(ids) => (
            <Textbox
              id={ids.id}
              name="naam"
              value={naam}
              autoComplete="off"
              invalid={ids.invalid}
              aria-invalid={ids.invalid || undefined}
              aria-describedby={ids.describedBy}
              onChange={(e) => setNaam(e.target.value)}
            />
          )}
        </Field>
        <Field id={`${headingId}-email`} label="E-mailadres" optional error={fieldError("email")}>
          {(ids) => (
            <Textbox
              id={ids.id}
              name="email"
              type="email"
              value={email}
              autoComplete="off"
              invalid={ids.invalid}
              aria-invalid={ids.invalid || undefined}
              aria-describedby={ids.describedBy}
              onChange={(e) => setEmail(e.target.value)}
            />
          )}
        </Field>
        <Field id={`${headingId}-rol`} label="Rol" error={fieldError("rol")}>
          {(ids) => <RolKeuze ids={ids} value={rol} onChange={setRol} />}
        </Field>
        <AfdelingenKeuze
          value={afdelingen}
          onChange={setAfdelingen}
          categories={categories}
          error={fieldError("afdelingen")}
          groupId={`${headingId}-afdelingen`}
        />
        <ButtonGroup>
          <Button appearance="primary-action-button" type="submit" disabled={busy}>
            Gebruiker toevoegen
          </Button>
        </ButtonGroup>
      </form>
    </section>
  );
}

function GebruikerWijzigen({
  user,
  categories,
  onSaved,
  onClose,
}: {
  user: Gebruiker;
  categories: Categorieen | null;
  onSaved: () => Promise<void>;
  onClose: () => void;
}) {
  const [rol, setRol] = useState(user.rol);
  const [afdelingen, setAfdelingen] = useState<string[]>(user.afdelingen);
  const [uitgeschakeld, setUitgeschakeld] = useState(user.uitgeschakeld);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState("");
  const [wachtwoord, setWachtwoord] = useState("");
  const [busy, setBusy] = useState(false);
  const headingId = useId();
  const fieldError = (n: string) => (error instanceof ApiError ? error.field(n) : undefined);
  const named = error instanceof ApiError && error.fields.some((f) => ["rol", "afdelingen", "uitgeschakeld"].includes(f.name));

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setDone("");
    setWachtwoord("");
    setBusy(true);
    try {
      const r = await api<{ gebruiker: Gebruiker } | Voorstel>(`/api/v1/gebruikers/${encodeURIComponent(user.id)}`, {
        method: "PATCH",
        body: { rol, afdelingen, uitgeschakeld },
      });
      setDone(
        "wijziging" in r
          ? `Rol en afdelingen van ${user.gebruikersnaam}: ${WACHT_OP_TWEEDE_PERSOON}`
          : `De wijzigingen voor ${user.gebruikersnaam} zijn opgeslagen.`,
      );
      await onSaved();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const reset = async () => {
    setError(null);
    setDone("");
    setBusy(true);
    try {
      const r = await api<{ tijdelijk_wachtwoord: string } | Voorstel>(`/api/v1/gebruikers/${encodeURIComponent(user.id)}/wachtwoord`, {
        method: "POST",
        body: {},
      });
      if ("wijziging" in r) {
        setDone(`Wachtwoord van ${user.gebruikersnaam} (nog zonder tweede factor): ${WACHT_OP_TWEEDE_PERSOON}`);
      } else {
        setWachtwoord(r.tijdelijk_wachtwoord);
        setDone(`${user.gebruikersnaam} heeft een nieuw tijdelijk wachtwoord; open sessies zijn beëindigd.`);
      }
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby={headingId} className="baken-categorie-bewerken">
      <h3 className="utrecht-heading-3" id={headingId} tabIndex={-1}>
        Gebruiker wijzigen: {user.gebruikersnaam}
      </h3>
      <form onSubmit={(e) => void save(e)} noValidate aria-labelledby={headingId} data-testid="gebruiker-wijzigen">
        <Announce message={done}>
          {wachtwoord ? (
            <Paragraph>
              Tijdelijk wachtwoord: <code data-testid="tijdelijk-wachtwoord">{wachtwoord}</code>. Kopieer het nu; het wordt niet meer
              getoond.
            </Paragraph>
          ) : null}
        </Announce>
        {named ? null : <ErrorAlert error={error} title="Opslaan is niet gelukt" />}
        <Field label="Rol" error={fieldError("rol")}>
          {(ids) => <RolKeuze ids={ids} value={rol} onChange={setRol} />}
        </Field>
        <AfdelingenKeuze value={afdelingen} onChange={setAfdelingen} categories={categories} error={fieldError("afdelingen")} />
        <CheckboxField
          label="Account uitgeschakeld (kan niet aanmelden)"
          checked={uitgeschakeld}
          onChange={setUitgeschakeld}
          error={fieldError("uitgeschakeld")}
        />
        <ButtonGroup>
          <Button appearance="primary-action-button" type="submit" disabled={busy}>
            Opslaan
          </Button>
          <Button appearance="secondary-action-button" type="button" disabled={busy} onClick={() => void reset()}>
            Nieuw tijdelijk wachtwoord
          </Button>
          <Button appearance="secondary-action-button" type="button" disabled={busy} onClick={onClose}>
            Sluiten
          </Button>
        </ButtonGroup>
      </form>
    </section>
  );
}

export function GebruikersBeheer() {
  const { session } = useSession();
  const canEdit = Boolean(session?.rechten?.includes("gebruikers.beheren"));
  const [users, setUsers] = useState<Gebruiker[] | null>(null);
  const [categories, setCategories] = useState<Categorieen | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const reload = useCallback(async () => {
    const r = await api<{ gebruikers: Gebruiker[] }>("/api/v1/gebruikers");
    setUsers(r.gebruikers.sort((a, b) => a.gebruikersnaam.localeCompare(b.gebruikersnaam, "nl")));
  }, []);
  useEffect(() => {
    loadCategories().then(setCategories, () => undefined);
    reload().catch(setError);
  }, [reload]);
  useEffect(() => {
    if (editing) document.getElementById("gebruiker-bewerken")?.querySelector<HTMLElement>("h3")?.focus();
  }, [editing]);
  const chosen = users?.find((u) => u.id === editing);
  return (
    <section aria-labelledby="gebruikers-kop">
      <h2 className="utrecht-heading-2" id="gebruikers-kop">
        Gebruikers en rollen
      </h2>
      {error ? (
        <ErrorAlert error={error} title="U kunt de gebruikers niet inzien" />
      ) : !users ? (
        <Loading what="Gebruikers" />
      ) : (
        <div className="baken-table-wrap" tabIndex={0} role="region" aria-label="Gebruikers">
          <table className="baken-table" data-testid="gebruikers">
            <caption className="baken-visually-hidden">Gebruikers met hun rol, afdelingen en tweestapsverificatie</caption>
            <thead>
              <tr>
                <th scope="col">Gebruikersnaam</th>
                <th scope="col">Naam</th>
                <th scope="col">Rol</th>
                <th scope="col">Afdelingen</th>
                <th scope="col">Tweestapsverificatie</th>
                <th scope="col">Account</th>
                {canEdit ? <th scope="col">Beheer</th> : null}
              </tr>
            </thead>
            <tbody>
              {users.map((u) => (
                <tr key={u.id} data-gebruiker={u.gebruikersnaam}>
                  <td>{u.gebruikersnaam}</td>
                  <td>{u.naam ?? "(afgeschermd)"}</td>
                  <td>{rolNaam(u.rol)}</td>
                  <td>{u.afdelingen.map((a) => departmentName(a, categories)).join(", ") || "–"}</td>
                  <td>{u.tweede_factor ? "Ingesteld" : "Niet ingesteld"}</td>
                  <td>
                    {u.uitgeschakeld ? "Uitgeschakeld" : u.wachtwoord_wijzigen_vereist ? "Actief, moet eigen wachtwoord kiezen" : "Actief"}
                  </td>
                  {canEdit ? (
                    <td>
                      <Button
                        appearance="subtle-button"
                        type="button"
                        aria-expanded={editing === u.id}
                        aria-controls="gebruiker-bewerken"
                        onClick={() => setEditing(editing === u.id ? null : u.id)}
                      >
                        Wijzigen<span className="baken-visually-hidden"> gebruiker {u.gebruikersnaam}</span>
                      </Button>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div id="gebruiker-bewerken">
        {canEdit && chosen ? (
          <GebruikerWijzigen key={chosen.id} user={chosen} categories={categories} onSaved={reload} onClose={() => setEditing(null)} />
        ) : null}
      </div>
      {canEdit ? <GebruikerAanmaken categories={categories} onCreated={reload} /> : null}
    </section>
  );
}
