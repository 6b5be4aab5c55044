// Form pieces built from the NL Design System (Utrecht) components, with the wiring WCAG asks for:
// a label for every control, description and error linked through aria-describedby, aria-invalid.
import { useId, type ReactNode } from "react";
import { Alert, Heading2, Paragraph } from "@utrecht/component-library-react";
import { ApiError } from "./api";

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
  const id = givenId ?? generated;
  const descId = description ? `${id}-omschrijving` : "";
  const errId = error ? `${id}-fout` : "";
  const describedBy = [errId, descId].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`utrecht-form-field utrecht-form-field--text${error ? " utrecht-form-field--invalid" : ""}`}>
      <div className="utrecht-form-field__label">
        <label className="utrecht-form-label" htmlFor={id}>
          {label}
          {optional ? " (niet verplicht)" : ""}
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
  if (!error) return null;
  const e = error instanceof ApiError ? error : null;
  const heading =
    title ??
    (e?.status === 403
      ? "Geen toegang"
      : e?.status === 404
        ? "Niet gevonden"
        : e?.status === 401
          ? "Niet aangemeld"
          : e?.title && e.title !== "Fout"
            ? e.title
            : "Er ging iets mis");
  return (
    <Alert type="error" role="alert">
      <Heading2 className="baken-alert-title">{heading}</Heading2>
      <Paragraph>{error instanceof Error ? error.message : String(error)}</Paragraph>
    </Alert>
  );
}

export function Loading({ what }: { what: string }) {
  return (
    <Paragraph role="status" aria-live="polite">
      {what} laden…
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
