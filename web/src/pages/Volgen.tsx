import { useEffect, useState, type FormEvent } from "react";
import { Button, Heading2, Paragraph, Textbox } from "@utrecht/component-library-react";
import { api, formatDateTime, type PubliekeMelding } from "../api";
import { ErrorAlert, Field, Loading, PageTitle } from "../components";
import { navigate, usePageTitle } from "../router";

function codeFrom(input: string): string {
  const t = input.trim();
  const m = t.match(/volgen\/([A-Za-z0-9_-]+)/);
  return m ? m[1] : t;
}

export function Volgen({ code }: { code: string }) {
  usePageTitle(code ? "Uw melding" : "Melding volgen");
  const [melding, setMelding] = useState<PubliekeMelding | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [input, setInput] = useState("");
  useEffect(() => {
    setMelding(null);
    setError(null);
    if (!code) return;
    api<PubliekeMelding>(`/api/v1/publiek/meldingen/${encodeURIComponent(code)}`).then(setMelding, setError);
  }, [code]);

  if (!code) {
    const submit = (e: FormEvent) => {
      e.preventDefault();
      const c = codeFrom(input);
      if (c) navigate(`/volgen/${encodeURIComponent(c)}`);
    };
    return (
      <div className="baken-narrow">
        <PageTitle>Melding volgen</PageTitle>
        <Paragraph>Plak de persoonlijke link of de volgcode uit uw bevestiging.</Paragraph>
        <form onSubmit={submit}>
          <Field label="Volglink of volgcode">
            {(ids) => (
              <Textbox id={ids.id} aria-describedby={ids.describedBy} value={input} onChange={(e) => setInput(e.target.value)} autoComplete="off" />
            )}
          </Field>
          <Button appearance="primary-action-button" type="submit">
            Bekijken
          </Button>
        </form>
      </div>
    );
  }
  return (
    <>
      <PageTitle>{melding ? `Melding ${melding.nummer}` : "Uw melding"}</PageTitle>
      <ErrorAlert error={error} />
      {!melding && !error ? <Loading what="Melding" /> : null}
      {melding ? (
        <>
          <dl className="baken-dl">
            <dt>Status</dt>
            <dd data-testid="status">{melding.status.naam}</dd>
            <dt>Categorie</dt>
            <dd>{melding.categorie}</dd>
            <dt>Ontvangen</dt>
            <dd>{formatDateTime(melding.ontvangen)}</dd>
          </dl>
          {melding.afhandelbericht ? <Paragraph>{melding.afhandelbericht}</Paragraph> : null}
          <Heading2>Verloop en berichten</Heading2>
          <ol className="baken-timeline">
            {[...melding.verloop].reverse().map((u, i) => (
              <li key={i}>
                <time dateTime={u.tijdstip}>{formatDateTime(u.tijdstip)}</time>
                {u.status ? <strong>{u.status}</strong> : null}
                {u.bericht ? <p className="utrecht-paragraph">Bericht van de gemeente: {u.bericht}</p> : null}
              </li>
            ))}
          </ol>
        </>
      ) : null}
    </>
  );
}
