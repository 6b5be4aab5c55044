// Staff sign-in: user name and password, then the TOTP code when the role needs one. When the
// API says totp_instellen_vereist, the member sets up an authenticator app first (the secret is
// shown once) and confirms with a code. After a password an administrator chose (a new account or
// a reset), the member first chooses their own (wachtwoord_wijzigen_vereist).
import { useEffect, useState, type FormEvent } from "react";
import { Alert, Button, Heading2, Paragraph, Textbox } from "@utrecht/component-library-react";
import { api, ApiError, setCsrfToken, type AanmeldAntwoord, type Aanmelding, type Sessie } from "../api";
import { ErrorAlert, Field, PageTitle } from "../components";
import { navigate, useLocation, usePageTitle } from "../router";
import { startPagina, useSession } from "../session";
import { WachtwoordForm } from "./WachtwoordWijzigen";

type Stage = "password" | "newpassword" | "code" | "setup";

export function Aanmelden() {
  const { search } = useLocation();
  const { session, loading, refresh } = useSession();
  const terug = search.get("terug");
  // Where to go once signed in: the page asked for, else (also for the workspace's front door
  // /werk, where the sign-in sends everyone) the role's own start page.
  const landing = (s: Sessie | null) => (terug && terug !== "/werk" && terug !== "/werk/" ? terug : startPagina(s));
  const [stage, setStage] = useState<Stage>("password");
  usePageTitle(stage === "setup" ? "Tweestapsverificatie instellen" : stage === "newpassword" ? "Kies een eigen wachtwoord" : "Aanmelden");
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [code, setCode] = useState("");
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [secret, setSecret] = useState<{ geheim: string; otpauth_uri: string } | null>(null);
  const [answer, setAnswer] = useState<AanmeldAntwoord | null>(null);

  useEffect(() => {
    if (loading || stage !== "password") return;
    if (session?.wachtwoord_wijzigen_vereist) setStage("newpassword");
    else if (session?.totp_instellen_vereist) setStage("setup");
  }, [loading, session, stage]);

  // What comes after the password (and, when asked, a new own password).
  const proceed = async (r: AanmeldAntwoord) => {
    if (r.totp_instellen_vereist) {
      await refresh();
      setStage("setup");
    } else if (r.tweede_factor_nodig) {
      // Signed in with the password only: the role needs the code before it sees its work.
      setStage("code");
      setCode("");
    } else {
      navigate(landing(await refresh()));
    }
  };

  useEffect(() => {
    if (stage !== "setup" || secret) return;
    api<{ geheim: string; otpauth_uri: string }>("/api/v1/sessies/huidig/totp", { method: "POST" }).then(setSecret, setError);
  }, [stage, secret]);

  const fieldError = (name: string) => (error instanceof ApiError ? error.field(name) : undefined);

  const signIn = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const body: Aanmelding = { gebruikersnaam: username, wachtwoord: password };
      if (stage === "code") body.totp = code.replace(/\s/g, "");
      const r = await api<AanmeldAntwoord>("/api/v1/sessies", { method: "POST", body });
      setCsrfToken(r.csrf_token);
      if (r.wachtwoord_wijzigen_vereist) {
        setAnswer(r);
        setStage("newpassword");
      } else {
        await proceed(r);
      }
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const confirm = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api("/api/v1/sessies/huidig/totp/bevestiging", { method: "POST", body: { code: code.replace(/\s/g, "") } });
      navigate(landing(await refresh()));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  if (stage === "newpassword") {
    return (
      <div className="baken-narrow">
        <PageTitle>Kies een eigen wachtwoord</PageTitle>
        <Alert type="info">
          <Paragraph>
            Uw wachtwoord is door een beheerder ingesteld. Kies nu een wachtwoord dat alleen u kent; daarna gaat u verder.
          </Paragraph>
        </Alert>
        <WachtwoordForm
          current={answer ? password : undefined}
          submitLabel="Wachtwoord opslaan en verder"
          onChanged={(next) => {
            setPassword(next);
            void refresh().then((s) => (answer ? proceed(answer) : navigate(landing(s))));
          }}
        />
      </div>
    );
  }

  if (stage === "setup") {
    return (
      <div className="baken-narrow">
        <PageTitle>Tweestapsverificatie instellen</PageTitle>
        <Alert type="info">
          <Paragraph>
            Uw rol werkt met vertrouwelijke gegevens. Stel eerst een authenticator-app in (bijvoorbeeld de app van uw organisatie, FreeOTP
            of Google Authenticator). Daarna vraagt Baken bij elke aanmelding om een code.
          </Paragraph>
        </Alert>
        <ErrorAlert error={error instanceof ApiError && error.fields.length > 0 ? null : error} />
        {secret ? (
          <>
            <Heading2>1. Voeg Baken toe aan de app</Heading2>
            <Paragraph>Kies in de app "sleutel invoeren" en typ deze geheime sleutel over (tijdgebaseerd, 6 cijfers):</Paragraph>
            <p className="baken-secret" data-testid="totp-geheim">
              {secret.geheim}
            </p>
            <Paragraph>
              Of open deze link op het apparaat met de app:{" "}
              <a className="utrecht-link" href={secret.otpauth_uri}>
                Baken toevoegen aan authenticator-app
              </a>
            </Paragraph>
            <Heading2>2. Bevestig met een code</Heading2>
            <form onSubmit={confirm} noValidate>
              <Field label="Code uit de app" description="6 cijfers" error={fieldError("code")}>
                {(ids) => (
                  <Textbox
                    id={ids.id}
                    inputMode="numeric"
                    autoComplete="one-time-code"
                    value={code}
                    invalid={ids.invalid}
                    aria-invalid={ids.invalid || undefined}
                    aria-describedby={ids.describedBy}
                    onChange={(e) => setCode(e.target.value)}
                  />
                )}
              </Field>
              <Button appearance="primary-action-button" type="submit" disabled={busy}>
                Bevestigen
              </Button>
            </form>
          </>
        ) : (
          <Paragraph role="status">Geheime sleutel aanmaken…</Paragraph>
        )}
      </div>
    );
  }

  return (
    <div className="baken-narrow">
      <PageTitle>Aanmelden voor medewerkers</PageTitle>
      <Paragraph>Voor medewerkers van de gemeente en ketenpartners. Bewoners hebben geen account nodig om te melden.</Paragraph>
      <ErrorAlert error={error instanceof ApiError && error.fields.length > 0 ? null : error} title="Aanmelden is niet gelukt" />
      <form onSubmit={signIn} noValidate>
        <Field label="Gebruikersnaam" error={fieldError("gebruikersnaam")}>
          {(ids) => (
            <Textbox
              id={ids.id}
              autoComplete="username"
              value={username}
              readOnly={stage === "code"}
              invalid={ids.invalid}
              aria-invalid={ids.invalid || undefined}
              aria-describedby={ids.describedBy}
              onChange={(e) => setUsername(e.target.value)}
            />
          )}
        </Field>
        <Field label="Wachtwoord" error={fieldError("wachtwoord")}>
          {(ids) => (
            <Textbox
              id={ids.id}
              type="password"
              autoComplete="current-password"
              value={password}
              readOnly={stage === "code"}
              invalid={ids.invalid}
              aria-invalid={ids.invalid || undefined}
              aria-describedby={ids.describedBy}
              onChange={(e) => setPassword(e.target.value)}
            />
          )}
        </Field>
        {stage === "code" ? (
          <Field
            label="Code uit uw authenticator-app"
            description="6 cijfers; de code verandert elke 30 seconden."
            error={fieldError("totp")}
          >
            {(ids) => (
              <Textbox
                id={ids.id}
                inputMode="numeric"
                autoComplete="one-time-code"
                value={code}
                invalid={ids.invalid}
                aria-invalid={ids.invalid || undefined}
                aria-describedby={ids.describedBy}
                onChange={(e) => setCode(e.target.value)}
                autoFocus
              />
            )}
          </Field>
        ) : null}
        <Button appearance="primary-action-button" type="submit" disabled={busy}>
          {stage === "code" ? "Code controleren" : "Aanmelden"}
        </Button>
      </form>
    </div>
  );
}
