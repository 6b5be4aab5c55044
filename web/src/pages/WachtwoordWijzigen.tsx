// Changing the own password: the form on its own page (/werk/wachtwoord) and, after signing in
// with a password an administrator chose, as a step of signing in (Aanmelden). The server checks
// the current password and the password rules; this form checks that both new ones are the same.
import { useState, type FormEvent } from "react";
import { Alert, Button, Paragraph, Textbox } from "@utrecht/component-library-react";
import { api, ApiError } from "../api";
import { ErrorAlert, Field, PageTitle } from "../components";
import { usePageTitle } from "../router";
import { useSession } from "../session";

const RULES = "Minstens 12 tekens, niet alleen letters of alleen cijfers, en niet uw gebruikersnaam.";

export function WachtwoordForm({
  current: given,
  onChanged,
  submitLabel,
}: {
  current?: string;
  onChanged: (password: string) => void;
  submitLabel: string;
}) {
  const [current, setCurrent] = useState(given ?? "");
  const [next, setNext] = useState("");
  const [repeat, setRepeat] = useState("");
  const [error, setError] = useState<unknown>(null);
  const [mismatch, setMismatch] = useState(false);
  const [busy, setBusy] = useState(false);
  const fieldError = (name: string) => (error instanceof ApiError ? error.field(name) : undefined);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    if (next !== repeat) {
      setMismatch(true);
      return;
    }
    setMismatch(false);
    setBusy(true);
    try {
      await api("/api/v1/sessies/huidig/wachtwoord", { method: "PUT", body: { huidig_wachtwoord: current, nieuw_wachtwoord: next } });
      onChanged(next);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <ErrorAlert error={error instanceof ApiError && error.fields.length > 0 ? null : error} title="Wachtwoord wijzigen is niet gelukt" />
      <form onSubmit={submit} noValidate>
        {given === undefined ? (
          <Field label="Huidig wachtwoord" error={fieldError("huidig_wachtwoord")}>
            {(ids) => (
              <Textbox
                id={ids.id}
                type="password"
                autoComplete="current-password"
                value={current}
                invalid={ids.invalid}
                aria-invalid={ids.invalid || undefined}
                aria-describedby={ids.describedBy}
                onChange={(e) => setCurrent(e.target.value)}
              />
            )}
          </Field>
        ) : null}
        <Field
          label="Nieuw wachtwoord"
          description={RULES}
          error={fieldError("nieuw_wachtwoord") ?? (given !== undefined ? fieldError("huidig_wachtwoord") : undefined)}
        >
          {(ids) => (
            <Textbox
              id={ids.id}
              type="password"
              autoComplete="new-password"
              value={next}
              invalid={ids.invalid}
              aria-invalid={ids.invalid || undefined}
              aria-describedby={ids.describedBy}
              onChange={(e) => setNext(e.target.value)}
            />
          )}
        </Field>
        <Field label="Herhaal het nieuwe wachtwoord" error={mismatch ? "De twee nieuwe wachtwoorden zijn niet gelijk." : undefined}>
          {(ids) => (
            <Textbox
              id={ids.id}
              type="password"
              autoComplete="new-password"
              value={repeat}
              invalid={ids.invalid}
              aria-invalid={ids.invalid || undefined}
              aria-describedby={ids.describedBy}
              onChange={(e) => setRepeat(e.target.value)}
            />
          )}
        </Field>
        <Button appearance="primary-action-button" type="submit" disabled={busy}>
          {submitLabel}
        </Button>
      </form>
    </>
  );
}

export function WachtwoordWijzigen() {
  usePageTitle("Wachtwoord wijzigen");
  const { refresh } = useSession();
  const [done, setDone] = useState(false);
  return (
    <div className="baken-narrow">
      <PageTitle>Wachtwoord wijzigen</PageTitle>
      <Paragraph>Na het wijzigen blijft u hier aangemeld; op andere apparaten wordt u afgemeld.</Paragraph>
      {done ? (
        <Alert type="ok" role="status">
          <Paragraph>Uw wachtwoord is gewijzigd.</Paragraph>
        </Alert>
      ) : (
        <WachtwoordForm
          submitLabel="Wachtwoord wijzigen"
          onChanged={() => {
            setDone(true);
            void refresh();
          }}
        />
      )}
    </div>
  );
}
