// Form pieces built from the NL Design System (Utrecht) components, with the wiring WCAG asks for:
// a label for every control, description and error linked through aria-describedby, aria-invalid.
import { useId, type MouseEvent, type ReactNode } from "react";
import { Alert, Button, Heading2, Paragraph } from "@utrecht/component-library-react";
import { ApiError } from "./api";
import { grootte, useDownload } from "./download";
import { useT } from "./i18n";

export interface FieldIds {
  id: string;
  describedBy: string | undefined;
  invalid: boolean;
}

export function Field({
  label,
  description,
  error,
  optional,
  children,
  id: givenId,
}: {
  label: ReactNode;
  description?: ReactNode;
  error?: string;
  optional?: boolean;
  id?: string;
  children: (ids: FieldIds) => ReactNode;
}) {
  const generated = useId();
  const { t } = useT();
  const id = givenId ?? generated;
  const descId = description ? `${id}-omschrijving` : "";
  const errId = error ? `${id}-fout` : "";
  const describedBy = [errId, descId].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`utrecht-form-field utrecht-form-field--text${error ? " utrecht-form-field--invalid" : ""}`}>
      <div className="utrecht-form-field__label">
        <label className="utrecht-form-label" htmlFor={id}>
          {label}
          {optional ? t("field.optional") : ""}
        </label>
      </div>
      {description ? (
        <div className="utrecht-form-field-description utrecht-form-field__description" id={descId}>
          {description}
        </div>
      ) : null}
      {error ? (
        <div className="utrecht-form-field-error-message utrecht-form-field__error-message" id={errId}>
          {error}
        </div>
      ) : null}
      <div className="utrecht-form-field__input">{children({ id, describedBy, invalid: Boolean(error) })}</div>
    </div>
  );
}

/** An error from the API in an alert (role=alert so it is read out), e.g. a 403 with its reason. */
export function ErrorAlert({ error, title }: { error: unknown; title?: string }) {
  const { t } = useT();
  if (!error) return null;
  const e = error instanceof ApiError ? error : null;
  // Status 0 is the UI's own "no connection" (api.ts), so it can be translated; the title and
  // message of a server answer are Dutch and shown as they are.
  const offline = e?.status === 0;
  const heading =
    title ??
    (offline
      ? t("error.offlineTitle")
      : e?.status === 403
        ? t("error.forbidden")
        : e?.status === 404
          ? t("error.notFound")
          : e?.status === 401
            ? t("error.unauthorized")
            : e?.title && e.title !== "Fout"
              ? e.title
              : t("error.generic"));
  return (
    <Alert type="error" role="alert">
      <Heading2 className="baken-alert-title">{heading}</Heading2>
      <Paragraph>{offline ? t("error.offline") : error instanceof Error ? error.message : String(error)}</Paragraph>
    </Alert>
  );
}

export function Loading({ what }: { what: string }) {
  const { t } = useT();
  return (
    <Paragraph role="status" aria-live="polite">
      {t("loading", { what })}
    </Paragraph>
  );
}

/** The page's h1: focusable from script (tabIndex -1) so a page change can move focus to it. */
export function PageTitle({ children }: { children: ReactNode }) {
  return (
    <h1 className="utrecht-heading-1" tabIndex={-1}>
      {children}
    </h1>
  );
}

/**
 * A link to a file that downloads with visible progress: a <progress> (bytes of Content-Length, or
 * indeterminate with bytes so far), a live status at start and end, and a button to stop. The href
 * stays a real link (open in a new tab, copy address); a plain click goes through fetch.
 */
export function DownloadLink({ href, bestand, children }: { href: string; bestand: string; children: ReactNode }) {
  const { stand, start, stop } = useDownload();
  const onClick = (e: MouseEvent<HTMLAnchorElement>) => {
    if (e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    void start(href, bestand);
  };
  const pct = stand.totaal ? Math.min(100, Math.round((stand.ontvangen / stand.totaal) * 100)) : null;
  const melding =
    stand.fase === "bezig"
      ? `${bestand} wordt gedownload…`
      : stand.fase === "klaar"
        ? `${stand.bestand} is gedownload (${grootte(stand.ontvangen)}).`
        : stand.fase === "gestopt"
          ? `Downloaden van ${bestand} is gestopt.`
          : "";
  return (
    <div className="baken-download" data-testid="download">
      <a className="utrecht-link" href={href} download={bestand} onClick={onClick}>
        {children}
      </a>
      {stand.fase === "bezig" || stand.fase === "klaar" ? (
        <span className="baken-download__voortgang">
          {stand.totaal ? (
            <progress max={stand.totaal} value={stand.ontvangen} aria-label={`Voortgang van ${bestand}`} />
          ) : (
            <progress aria-label={`Voortgang van ${bestand}`} />
          )}{" "}
          <span data-testid="download-bytes">
            {stand.totaal ? `${grootte(stand.ontvangen)} van ${grootte(stand.totaal)} (${pct} %)` : `${grootte(stand.ontvangen)} ontvangen`}
          </span>
          {stand.fase === "bezig" ? (
            <Button appearance="subtle-button" type="button" onClick={stop}>
              Stoppen<span className="baken-visually-hidden"> met downloaden van {bestand}</span>
            </Button>
          ) : stand.url ? (
            <a className="utrecht-link" href={stand.url} download={stand.bestand}>
              Opnieuw opslaan<span className="baken-visually-hidden">: {stand.bestand}</span>
            </a>
          ) : null}
        </span>
      ) : null}
      <span role="status" aria-live="polite" className="baken-download__status">
        {melding}
      </span>
      {stand.fase === "fout" ? <ErrorAlert error={stand.fout} title={`Downloaden van ${bestand} is niet gelukt`} /> : null}
    </div>
  );
}

/** A checkbox with its label and, when the API named it, its error (tied with aria-describedby). */
export function CheckboxField({ label, checked, onChange, error }: { label: ReactNode; checked: boolean; onChange: (v: boolean) => void; error?: string }) {
  const id = useId();
  return (
    <div className={`utrecht-form-field baken-row${error ? " utrecht-form-field--invalid" : ""}`}>
      {error ? (
        <div className="utrecht-form-field-error-message" id={`${id}-fout`}>
          {error}
        </div>
      ) : null}
      <input
        id={id}
        type="checkbox"
        checked={checked}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-fout` : undefined}
        className="utrecht-checkbox utrecht-checkbox--html-input utrecht-checkbox--custom"
        onChange={(e) => onChange(e.target.checked)}
      />
      <label htmlFor={id} className="utrecht-form-label utrecht-form-label--checkbox">
        {label}
      </label>
    </div>
  );
}
