// API keys (beheer): the list (GET /api/v1/api-sleutels, never the key itself), a new key for
// another system (POST: client, role, purposes; the key is shown once) and revoking one (DELETE).
// Only shown to sessions with the right "gebruikers.beheren"; the API refuses everyone else.
// A key with personal data (or the explicit right to see reporters' contact details) waits for a
// second beheerder (202, four eyes): the form then says so and the key is shown to the approver.
import { useCallback, useEffect, useId, useState, type FormEvent } from "react";
import { Button, ButtonGroup, Paragraph, Textbox } from "@utrecht/component-library-react";
import { api, ApiError, formatDateTime, WACHT_OP_TWEEDE_PERSOON, type Voorstel } from "../api";
import { ErrorAlert, Field, Loading } from "../components";
import { Announce } from "./MeldingBehandeling";
import { RolKeuze, rolNaam } from "./GebruikersBeheer";

interface ApiSleutel {
  id: string;
  client: string;
  rol: string;
  doelen: string[];
  melder_contactgegevens?: boolean;
  aangemaakt_op: string;
  ingetrokken_op: string | null;
}

const DOELEN: Record<string, string> = {
  melding_afhandelen: "Melding afhandelen",
  toezicht_handhaving: "Toezicht en handhaving",
  analyse: "Analyse",
  zorgcoordinatie: "Zorgcoördinatie",
  verantwoording: "Verantwoording",
  beheer: "Beheer",
};

function SleutelAanmaken({ onCreated }: { onCreated: () => Promise<void> }) {
  const [client, setClient] = useState("");
  const [rol, setRol] = useState("analist");
  const [doelen, setDoelen] = useState<string[]>([]);
  const [melderContact, setMelderContact] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [key, setKey] = useState<{ client: string; sleutel: string } | null>(null);
  const [waiting, setWaiting] = useState("");
  const [busy, setBusy] = useState(false);
  const headingId = useId();
  const groupId = useId();
  const fieldError = (n: string) => (error instanceof ApiError ? error.field(n) : undefined);
  const named = error instanceof ApiError && error.fields.some((f) => ["client", "rol", "doelen"].includes(f.name));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setKey(null);
    setWaiting("");
    setBusy(true);
    try {
      const r = await api<{ client: string; sleutel: string } | Voorstel>("/api/v1/api-sleutels", {
        method: "POST",
        body: { client, rol, doelen, melder_contactgegevens: melderContact },
      });
      if ("wijziging" in r) {
        setWaiting(`De API-sleutel voor ${client}: ${WACHT_OP_TWEEDE_PERSOON}`);
      } else {
        setKey({ client: r.client, sleutel: r.sleutel });
      }
      setClient("");
      setDoelen([]);
      setMelderContact(false);
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
        API-sleutel aanmaken
      </h3>
      <form onSubmit={(e) => void submit(e)} noValidate aria-labelledby={headingId} data-testid="sleutel-formulier">
        <Announce message={waiting} />
        <Announce message={key ? `De API-sleutel voor ${key.client} is aangemaakt.` : ""}>
          {key ? (
            <Paragraph>
              Sleutel: <code data-testid="nieuwe-sleutel">{key.sleutel}</code>. Kopieer hem nu: hij wordt niet meer getoond.
            </Paragraph>
          ) : null}
        </Announce>
        {named ? null : <ErrorAlert error={error} title="Aanmaken is niet gelukt" />}
        <Field label="Naam van het systeem" description="Bijvoorbeeld: Zaaksysteem of Dashboard wijkteams." error={fieldError("client")}>
          {(ids) => (
            <Textbox
              id={ids.id}
              value={client}
              autoComplete="off"
              invalid={ids.invalid}
              aria-invalid={ids.invalid || undefined}
              aria-describedby={ids.describedBy}
              onChange={(e) => setClient(e.target.value)}
            />
          )}
        </Field>
        <Field label="Rol van de sleutel" error={fieldError("rol")}>
          {(ids) => <RolKeuze ids={ids} value={rol} onChange={setRol} />}
        </Field>
        <fieldset
          className={`utrecht-form-fieldset${fieldError("doelen") ? " utrecht-form-field--invalid" : ""}`}
          aria-describedby={fieldError("doelen") ? `${groupId}-fout` : undefined}
        >
          <legend className="utrecht-form-fieldset__legend">Doelen</legend>
          {fieldError("doelen") ? (
            <div className="utrecht-form-field-error-message" id={`${groupId}-fout`}>
              {fieldError("doelen")}
            </div>
          ) : null}
          {Object.entries(DOELEN).map(([code, name]) => (
            <div key={code} className="baken-row">
              <input
                id={`${groupId}-${code}`}
                type="checkbox"
                className="utrecht-checkbox utrecht-checkbox--html-input utrecht-checkbox--custom"
                checked={doelen.includes(code)}
                onChange={(e) => setDoelen(e.target.checked ? [...doelen, code] : doelen.filter((d) => d !== code))}
              />
              <label htmlFor={`${groupId}-${code}`} className="utrecht-form-label utrecht-form-label--checkbox">
                {name}
              </label>
            </div>
          ))}
        </fieldset>
        <div className="baken-row">
          <input
            id={`${groupId}-melder`}
            type="checkbox"
            className="utrecht-checkbox utrecht-checkbox--html-input utrecht-checkbox--custom"
            checked={melderContact}
            aria-describedby={`${groupId}-melder-uitleg`}
            onChange={(e) => setMelderContact(e.target.checked)}
          />
          <label htmlFor={`${groupId}-melder`} className="utrecht-form-label utrecht-form-label--checkbox">
            Mag contactgegevens van melders zien
          </label>
        </div>
        <Paragraph id={`${groupId}-melder-uitleg`}>
          Een sleutel heeft geen tweede factor: zonder dit recht ziet hij melders afgeschermd. Een sleutel met persoonsgegevens wacht op
          goedkeuring door een tweede beheerder.
        </Paragraph>
        <ButtonGroup>
          <Button appearance="primary-action-button" type="submit" disabled={busy}>
            Sleutel aanmaken
          </Button>
        </ButtonGroup>
      </form>
    </section>
  );
}

export function ApiSleutels() {
  const [keys, setKeys] = useState<ApiSleutel[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState("");
  const reload = useCallback(async () => {
    const r = await api<{ sleutels: ApiSleutel[] }>("/api/v1/api-sleutels");
    setKeys(r.sleutels);
  }, []);
  useEffect(() => {
    reload().catch(setError);
  }, [reload]);
  const revoke = async (k: ApiSleutel) => {
    setError(null);
    setDone("");
    try {
      await api(`/api/v1/api-sleutels/${encodeURIComponent(k.id)}`, { method: "DELETE" });
      setDone(`De sleutel van ${k.client} is ingetrokken; hij werkt niet meer.`);
      await reload();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <section aria-labelledby="sleutels-kop">
      <h2 className="utrecht-heading-2" id="sleutels-kop">
        API-sleutels
      </h2>
      <Paragraph>Andere systemen gebruiken een API-sleutel. De sleutel zelf ziet u alleen bij het aanmaken.</Paragraph>
      <Announce message={done} />
      <ErrorAlert error={error} />
      {!keys ? (
        error ? null : (
          <Loading what="API-sleutels" />
        )
      ) : keys.length === 0 ? (
        <Paragraph>Er zijn nog geen API-sleutels.</Paragraph>
      ) : (
        <div className="baken-table-wrap" tabIndex={0} role="region" aria-label="API-sleutels">
          <table className="baken-table" data-testid="api-sleutels">
            <caption className="baken-visually-hidden">API-sleutels met systeem, rol, doelen en status</caption>
            <thead>
              <tr>
                <th scope="col">Systeem</th>
                <th scope="col">Rol</th>
                <th scope="col">Doelen</th>
                <th scope="col">Aangemaakt</th>
                <th scope="col">Status</th>
                <th scope="col">Beheer</th>
              </tr>
            </thead>
            <tbody>
              {keys.map((k) => (
                <tr key={k.id}>
                  <td>{k.client}</td>
                  <td>{rolNaam(k.rol)}</td>
                  <td>{k.doelen.map((d) => DOELEN[d] ?? d).join(", ")}</td>
                  <td>{formatDateTime(k.aangemaakt_op)}</td>
                  <td>{k.ingetrokken_op ? `Ingetrokken ${formatDateTime(k.ingetrokken_op)}` : "Actief"}</td>
                  <td>
                    {k.ingetrokken_op ? (
                      "–"
                    ) : (
                      <Button appearance="subtle-button" type="button" onClick={() => void revoke(k)}>
                        Intrekken<span className="baken-visually-hidden"> sleutel van {k.client}</span>
                      </Button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <SleutelAanmaken onCreated={reload} />
    </section>
  );
}
