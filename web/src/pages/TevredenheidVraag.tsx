// The satisfaction question on the follow page: shown when the API says to ask it (the melding is
// closed and the holder of the follow code has not answered since). One answer per closing; "nee"
// reopens the melding (the API does that), so the page reloads the melding after answering.
import { useState, type FormEvent } from "react";
import { Button, Heading2, Paragraph, Textarea } from "@utrecht/component-library-react";
import { api, ApiError } from "../api";
import { ErrorAlert, Field } from "../components";
import { useT } from "../i18n";

export function TevredenheidVraag({ code, onAnswered }: { code: string; onAnswered: () => void }) {
  const { t } = useT();
  const [tevreden, setTevreden] = useState<"ja" | "nee" | "">("");
  const [toelichting, setToelichting] = useState("");
  const [missing, setMissing] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<"ja" | "nee" | "">("");

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    if (!tevreden) {
      setMissing(true);
      return;
    }
    setMissing(false);
    setBusy(true);
    try {
      await api(`/api/v1/publiek/meldingen/${encodeURIComponent(code)}/tevredenheid`, {
        method: "POST",
        body: { tevreden: tevreden === "ja", toelichting },
      });
      setDone(tevreden);
      onAnswered();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  if (done) {
    return (
      <p role="status" data-testid="tevredenheid-bedankt">
        {done === "ja" ? t("feedback.thanks") : t("feedback.thanksReopened")}
      </p>
    );
  }
  const commentError = error instanceof ApiError ? error.field("toelichting") : undefined;
  return (
    <section aria-labelledby="tevredenheid-kop" className="baken-tevredenheid" data-testid="tevredenheid">
      <Heading2 id="tevredenheid-kop">{t("feedback.h")}</Heading2>
      <Paragraph>{t("feedback.intro")}</Paragraph>
      <form onSubmit={submit} noValidate>
        <fieldset className="baken-radio-row" aria-describedby={missing ? "tevredenheid-fout" : undefined}>
          <legend>{t("feedback.question")}</legend>
          {missing ? (
            <p className="utrecht-form-field-error-message" id="tevredenheid-fout" role="alert">
              {t("feedback.choose")}
            </p>
          ) : null}
          <label>
            <input type="radio" name="tevreden" value="ja" checked={tevreden === "ja"} onChange={() => setTevreden("ja")} />{" "}
            {t("feedback.yes")}
          </label>
          <label>
            <input type="radio" name="tevreden" value="nee" checked={tevreden === "nee"} onChange={() => setTevreden("nee")} />{" "}
            {t("feedback.no")}
          </label>
        </fieldset>
        <Field label={t("feedback.comment")} optional error={commentError}>
          {(ids) => (
            <Textarea
              id={ids.id}
              aria-describedby={ids.describedBy}
              value={toelichting}
              maxLength={2000}
              onChange={(e) => setToelichting(e.target.value)}
            />
          )}
        </Field>
        {error && !commentError ? <ErrorAlert error={error} /> : null}
        <Button appearance="primary-action-button" type="submit" disabled={busy}>
          {t("feedback.send")}
        </Button>
      </form>
    </section>
  );
}
