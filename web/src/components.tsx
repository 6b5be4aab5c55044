// Form pieces built from the NL Design System (Utrecht) components, with the wiring WCAG asks for:
// a label for every control, description and error linked through aria-describedby, aria-invalid.
import { useId, useRef, useState, type MouseEvent, type ReactNode, type Ref } from "react";
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

/**
 * A checkbox with its label beside it (the label takes the rest of the width), and below them
 * the error, when there is one, and the description; both tied to the box with aria-describedby.
 */
export function CheckboxField({
  label,
  checked,
  onChange,
  error,
  description,
  id: givenId,
}: {
  label: ReactNode;
  checked: boolean;
  onChange: (v: boolean) => void;
  error?: string;
  description?: ReactNode;
  id?: string;
}) {
  const generated = useId();
  const id = givenId ?? generated;
  const descId = description ? `${id}-uitleg` : "";
  const errId = error ? `${id}-fout` : "";
  const describedBy = [errId, descId].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`utrecht-form-field baken-checkbox-field${error ? " utrecht-form-field--invalid" : ""}`}>
      <div className="baken-checkbox-row">
        <input
          id={id}
          type="checkbox"
          checked={checked}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          className="utrecht-checkbox utrecht-checkbox--html-input utrecht-checkbox--custom"
          onChange={(e) => onChange(e.target.checked)}
        />
        <label htmlFor={id} className="utrecht-form-label utrecht-form-label--checkbox">
          {label}
        </label>
      </div>
      {error ? (
        <div className="utrecht-form-field-error-message" id={errId}>
          {error}
        </div>
      ) : null}
      {description ? (
        <div className="utrecht-form-field-description" id={descId}>
          {description}
        </div>
      ) : null}
    </div>
  );
}

/** One entry of an ErrorSummary: the message (it names the field) and the id of the control. */
export interface SummaryItem {
  id: string;
  message: string;
}

/**
 * All the mistakes of a form at once, above it: each a link that moves focus to its field (the
 * message is also shown at the field). The parent focuses `summaryRef` after a refused submit.
 */
export function ErrorSummary({ items, title, summaryRef }: { items: SummaryItem[]; title: string; summaryRef?: Ref<HTMLDivElement> }) {
  if (items.length === 0) return null;
  const go = (e: MouseEvent<HTMLAnchorElement>, id: string) => {
    const el = document.getElementById(id);
    if (!el) return;
    e.preventDefault();
    el.scrollIntoView({ block: "center" });
    el.focus();
  };
  return (
    <div ref={summaryRef} tabIndex={-1} className="baken-error-summary" data-testid="foutenoverzicht">
      <Alert type="error" role="alert">
        <Paragraph>
          <strong>{title}</strong>
        </Paragraph>
        <ul>
          {items.map((it) => (
            <li key={it.id + it.message}>
              <a className="utrecht-link" href={`#${it.id}`} onClick={(e) => go(e, it.id)}>
                {it.message}
              </a>
            </li>
          ))}
        </ul>
      </Alert>
    </div>
  );
}

/**
 * The form's own checks, shown as the user works: a field's message appears once the user has
 * changed it and left it (focusout), and every message appears after a submit attempt (`tried`;
 * the ErrorSummary is for then, not while typing). The form passes `formProps` to <form> and
 * gives each checked control the `name` used in `errors`.
 */
export function useFieldChecks(errors: Record<string, string>) {
  const [touched, setTouched] = useState<Record<string, boolean>>({});
  const [tried, setTried] = useState(false);
  const dirty = useRef<Set<string>>(new Set());
  const shown: Record<string, string> = {};
  for (const [k, v] of Object.entries(errors)) if (tried || touched[k]) shown[k] = v;
  const nameOf = (e: { target: EventTarget }) => (e.target instanceof HTMLElement ? (e.target.getAttribute("name") ?? "") : "");
  const formProps = {
    onChange: (e: { target: EventTarget }) => {
      const n = nameOf(e);
      if (n) dirty.current.add(n);
    },
    onBlur: (e: { target: EventTarget; relatedTarget: EventTarget | null }) => {
      // Leaving a field for a button (Save, Cancel) shows nothing yet: a message appearing on
      // mousedown would move the button away from under the pointer, and the click would be lost.
      if (e.relatedTarget instanceof HTMLButtonElement) return;
      const n = nameOf(e);
      if (n && dirty.current.has(n)) setTouched((t) => (t[n] ? t : { ...t, [n]: true }));
    },
  };
  /** On submit: true when the form may go; otherwise every message is shown. */
  const attempt = () => {
    setTried(true);
    return Object.keys(errors).length === 0;
  };
  const reset = () => {
    setTried(false);
    setTouched({});
    dirty.current.clear();
  };
  return { shown, tried, formProps, attempt, reset };
}
