import { useEffect, useState, type FormEvent } from "react";
import { Button, Heading2, Paragraph, Textbox } from "@utrecht/component-library-react";
import { api, ApiError, formatDateTime, type PubliekeMelding } from "../api";
import { ErrorAlert, Field, Loading, PageTitle } from "../components";
import { statusName, useT } from "../i18n";
import { Link, navigate, usePageTitle } from "../router";
import { TevredenheidVraag } from "./TevredenheidVraag";

function codeFrom(input: string): string {
  const t = input.trim();
  const m = t.match(/volgen\/([A-Za-z0-9_-]+)/);
  return m ? m[1] : t;
}

export function Volgen({ code }: { code: string }) {
  const { t, locale, dutch } = useT();
  usePageTitle(code ? t("follow.titleOne") : t("follow.title"));
  const [melding, setMelding] = useState<PubliekeMelding | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [input, setInput] = useState("");
  const [answered, setAnswered] = useState(0);
  useEffect(() => {
    if (answered === 0) setMelding(null);
    setError(null);
    if (!code) return;
    api<PubliekeMelding>(`/api/v1/publiek/meldingen/${encodeURIComponent(code)}`).then(setMelding, setError);
  }, [code, answered]);

  if (!code) {
    const submit = (e: FormEvent) => {
      e.preventDefault();
      const c = codeFrom(input);
      if (c) navigate(`/volgen/${encodeURIComponent(c)}`);
    };
    return (
      <div className="baken-narrow">
        <PageTitle>{t("follow.h1")}</PageTitle>
        <Paragraph>{t("follow.intro")}</Paragraph>
        <form onSubmit={submit}>
          <Field label={t("follow.code")}>
            {(ids) => (
              <Textbox
                id={ids.id}
                aria-describedby={ids.describedBy}
                value={input}
                onChange={(e) => setInput(e.target.value)}
                autoComplete="off"
              />
            )}
          </Field>
          <Button appearance="primary-action-button" type="submit">
            {t("follow.view")}
          </Button>
        </form>
      </div>
    );
  }
  return (
    <>
      <PageTitle>{melding ? t("follow.melding", { nummer: melding.nummer }) : t("follow.titleOne")}</PageTitle>
      {/* An unknown link: the resident's words, not the server's generic "pagina of bron". */}
      {error instanceof ApiError && error.status === 404 ? (
        <>
          <ErrorAlert error={new ApiError(404, "", t("follow.unknown"), "", [])} title={t("follow.unknownTitle")} />
          <Paragraph>
            <Link href="/volgen">{t("follow.h1")}</Link>
          </Paragraph>
        </>
      ) : (
        <ErrorAlert error={error} />
      )}
      {!melding && !error ? <Loading what={t("follow.loading")} /> : null}
      {melding ? (
        <>
          <dl className="baken-dl">
            <dt>{t("follow.status")}</dt>
            <dd data-testid="status">{statusName(t, melding.status.code, melding.status.naam)}</dd>
            <dt>{t("follow.category")}</dt>
            <dd lang={dutch}>{melding.categorie}</dd>
            <dt>{t("follow.received")}</dt>
            <dd>{formatDateTime(melding.ontvangen, locale)}</dd>
          </dl>
          {melding.afhandelbericht ? <Paragraph lang={dutch}>{melding.afhandelbericht}</Paragraph> : null}
          {melding.tevredenheid_vragen || answered > 0 ? (
            <TevredenheidVraag code={code} onAnswered={() => setAnswered((n) => n + 1)} />
          ) : null}
          {melding.samengevoegd_met ? <MergedInto main={melding.samengevoegd_met} /> : null}
          <Heading2>{t("follow.history")}</Heading2>
          <Timeline verloop={melding.verloop} />
        </>
      ) : null}
    </>
  );
}

function Timeline({ verloop }: { verloop: PubliekeMelding["verloop"] }) {
  const { t, locale, dutch } = useT();
  return (
    <ol className="baken-timeline">
      {[...verloop].reverse().map((u, i) => (
        <li key={i}>
          <time dateTime={u.tijdstip}>{formatDateTime(u.tijdstip, locale)}</time>
          {u.status ? <strong>{statusName(t, u.status)}</strong> : null}
          {u.bericht ? (
            <p className="utrecht-paragraph">
              {t("follow.message")} <span lang={dutch}>{u.bericht}</span>
            </p>
          ) : null}
        </li>
      ))}
    </ol>
  );
}

/** A merged melding's reporter follows the melding it was merged into: what that one's own follow page shows. */
function MergedInto({ main }: { main: PubliekeMelding }) {
  const { t, dutch } = useT();
  return (
    <section aria-labelledby="samengevoegd-kop" data-testid="samengevoegd-met">
      <Heading2 id="samengevoegd-kop">{t("follow.merged.h2", { nummer: main.nummer })}</Heading2>
      <Paragraph>{t("follow.merged.intro", { nummer: main.nummer })}</Paragraph>
      <dl className="baken-dl">
        <dt>{t("follow.status")}</dt>
        <dd data-testid="status-hoofdmelding">{statusName(t, main.status.code, main.status.naam)}</dd>
        <dt>{t("follow.category")}</dt>
        <dd lang={dutch}>{main.categorie}</dd>
      </dl>
      <h3 className="utrecht-heading-3">{t("follow.merged.history", { nummer: main.nummer })}</h3>
      <Timeline verloop={main.verloop} />
    </section>
  );
}
