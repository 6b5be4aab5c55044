import { Alert, Heading2, Paragraph } from "@utrecht/component-library-react";
import type { NieuweMeldingAntwoord } from "../api";
import { PageTitle } from "../components";
import { statusName, useT } from "../i18n";
import { Link, usePageTitle } from "../router";

export const CONFIRMATION_KEY = "baken.laatste-melding";

export function Bevestiging() {
  const { t, dutch } = useT();
  usePageTitle(t("sent.title"));
  let sent: NieuweMeldingAntwoord | null;
  try {
    sent = JSON.parse(sessionStorage.getItem(CONFIRMATION_KEY) ?? "null");
  } catch {
    sent = null;
  }
  if (!sent) {
    return (
      <>
        <PageTitle>{t("sent.title")}</PageTitle>
        <Paragraph>
          {t("sent.none")} <Link href="/melden">{t("sent.makeOne")}</Link>.
        </Paragraph>
      </>
    );
  }
  const followUrl = sent.volg_url ? new URL(sent.volg_url, window.location.origin).toString() : "";
  return (
    <>
      <PageTitle>{t("sent.h1")}</PageTitle>
      <Alert type="ok" role="status">
        <Paragraph>
          {t("sent.number")} <strong data-testid="meldingnummer">{sent.nummer}</strong>.
        </Paragraph>
      </Alert>
      <dl className="baken-dl">
        <dt>{t("sent.category")}</dt>
        <dd lang={dutch}>{sent.categorie}</dd>
        <dt>{t("sent.status")}</dt>
        <dd>{statusName(t, sent.status)}</dd>
        {sent.afhandeltermijn ? (
          <>
            <dt>{t("sent.deadline")}</dt>
            <dd lang={dutch}>{sent.afhandeltermijn}</dd>
          </>
        ) : null}
      </dl>
      {sent.afhandelbericht ? <Paragraph lang={dutch}>{sent.afhandelbericht}</Paragraph> : null}
      {followUrl ? (
        <>
          <Heading2>{t("sent.follow.h")}</Heading2>
          <Paragraph>{t("sent.follow.p")}</Paragraph>
          <Paragraph>
            <Link href={sent.volg_url!} data-testid="volglink">
              {t("sent.follow.link", { nummer: sent.nummer })}
            </Link>
          </Paragraph>
          <Paragraph>
            <span className="baken-secret">{followUrl}</span>
          </Paragraph>
        </>
      ) : null}
      <Paragraph>
        <Link href="/melden">{t("sent.another")}</Link>
      </Paragraph>
    </>
  );
}
