import { Alert, Heading2, Paragraph } from "@utrecht/component-library-react";
import type { NieuweMeldingAntwoord } from "../api";
import { PageTitle } from "../components";
import { Link, usePageTitle } from "../router";

export const CONFIRMATION_KEY = "baken.laatste-melding";

export function Bevestiging() {
  usePageTitle("Melding verstuurd");
  let sent: NieuweMeldingAntwoord | null = null;
  try {
    sent = JSON.parse(sessionStorage.getItem(CONFIRMATION_KEY) ?? "null");
  } catch {
    sent = null;
  }
  if (!sent) {
    return (
      <>
        <PageTitle>Melding verstuurd</PageTitle>
        <Paragraph>
          Er is in dit venster geen verstuurde melding bekend. <Link href="/melden">Een melding maken</Link>.
        </Paragraph>
      </>
    );
  }
  const followUrl = sent.volg_url ? new URL(sent.volg_url, window.location.origin).toString() : "";
  return (
    <>
      <PageTitle>Bedankt, uw melding is verstuurd</PageTitle>
      <Alert type="ok" role="status">
        <Paragraph>
          Uw meldingnummer is <strong data-testid="meldingnummer">{sent.nummer}</strong>.
        </Paragraph>
      </Alert>
      <dl className="baken-dl">
        <dt>Categorie</dt>
        <dd>{sent.categorie}</dd>
        <dt>Status</dt>
        <dd>{sent.status}</dd>
        {sent.afhandeltermijn ? (
          <>
            <dt>Afhandeltermijn</dt>
            <dd>{sent.afhandeltermijn}</dd>
          </>
        ) : null}
      </dl>
      {sent.afhandelbericht ? <Paragraph>{sent.afhandelbericht}</Paragraph> : null}
      {followUrl ? (
        <>
          <Heading2>Uw melding volgen</Heading2>
          <Paragraph>
            Met deze persoonlijke link ziet u de status en de berichten van de gemeente. Bewaar de link goed en deel hem niet:
            wie de link heeft, kan de voortgang zien.
          </Paragraph>
          <Paragraph>
            <Link href={sent.volg_url!} data-testid="volglink">
              Volg melding {sent.nummer}
            </Link>
          </Paragraph>
          <Paragraph>
            <span className="baken-secret">{followUrl}</span>
          </Paragraph>
        </>
      ) : null}
      <Paragraph>
        <Link href="/melden">Nog een melding maken</Link>
      </Paragraph>
    </>
  );
}
