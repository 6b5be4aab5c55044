// The progress report of one programme (GET …/voortgang?periode=&formaat=pdf|xlsx|html) as downloads
// with progress, the period to report on, and for editors the free texts per section of the report
// (PUT …/teksten/{periode}/{sectie}, at most 5,000 characters each).
import { useEffect, useState, type FormEvent } from "react";
import { Button, Paragraph, Textarea, Textbox } from "@utrecht/component-library-react";
import { api, ApiError, type Programma as ProgrammaData, type VoortgangTeksten } from "../api";
import { DownloadLink, ErrorAlert, Field, Loading } from "../components";
import { Announce } from "./MeldingBehandeling";

const MAX_TEKST = 5000;

function base(code: string): string {
  return `/api/v1/programmas/${encodeURIComponent(code)}`;
}

const PERIODE = /^\d{4}(-[A-Z]\d)?$/;

export function Voortgang({
  programma,
  periode,
  setPeriode,
  mayEdit,
}: {
  programma: ProgrammaData;
  periode: string;
  setPeriode: (p: string) => void;
  mayEdit: boolean;
}) {
  const [invoer, setInvoer] = useState(periode);
  const [fout, setFout] = useState("");
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const p = invoer.trim().toUpperCase();
    if (!PERIODE.test(p)) {
      setFout("Geef een jaar (2025) of een kwartaal (2025-Q3).");
      return;
    }
    setFout("");
    setPeriode(p);
  };
  const url = (formaat: string) => `${base(programma.code)}/voortgang?periode=${encodeURIComponent(periode)}&formaat=${formaat}`;
  return (
    <section aria-labelledby="voortgang-kop" data-testid="voortgang">
      <h2 className="utrecht-heading-2" id="voortgang-kop">
        Voortgangsrapportage
      </h2>
      <form onSubmit={submit} noValidate className="baken-row baken-inline-form" aria-label="Periode van de voortgangsrapportage kiezen">
        <Field label="Periode" description="Een jaar (2025) of een kwartaal (2025-Q3)." error={fout}>
          {(ids) => (
            <Textbox
              id={ids.id}
              autoComplete="off"
              value={invoer}
              invalid={ids.invalid}
              aria-invalid={ids.invalid || undefined}
              aria-describedby={ids.describedBy}
              onChange={(e) => setInvoer(e.target.value)}
            />
          )}
        </Field>
        <Button appearance="secondary-action-button" type="submit">
          Periode kiezen
        </Button>
      </form>
      <ul className="baken-downloads">
        <li>
          <DownloadLink href={url("pdf")} bestand={`voortgang-${programma.code}-${periode}.pdf`}>
            Voortgangsrapportage {periode} (PDF)
          </DownloadLink>{" "}
          {/* The PDF's accessible twin, opened in the browser (a screen reader reads it best). */}
          <a href={url("html")} data-testid="html-versie">
            Toegankelijke versie als webpagina (HTML)
          </a>
        </li>
        <li>
          <DownloadLink href={url("xlsx")} bestand={`voortgang-${programma.code}-${periode}.xlsx`}>
            Voortgangsrapportage {periode} (Excel, XLSX)
          </DownloadLink>
        </li>
        <li>
          <DownloadLink href={url("html")} bestand={`voortgang-${programma.code}-${periode}.html`}>
            Voortgangsrapportage {periode} (HTML)
          </DownloadLink>
        </li>
      </ul>
      {mayEdit ? <Teksten key={periode} programma={programma} periode={periode} /> : null}
    </section>
  );
}

function Teksten({ programma, periode }: { programma: ProgrammaData; periode: string }) {
  const [teksten, setTeksten] = useState<Record<string, string> | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    api<VoortgangTeksten>(`${base(programma.code)}/teksten/${encodeURIComponent(periode)}`).then(
      (r) => setTeksten(r.teksten ?? {}),
      setError,
    );
  }, [programma.code, periode]);
  const secties = [
    { code: "inleiding", label: "Inleiding" },
    ...programma.actielijnen.map((l) => ({ code: l.code, label: `Actielijn ${l.naam}` })),
  ];
  return (
    <>
      <h3 className="utrecht-heading-3">Teksten voor de rapportage over {periode}</h3>
      <Paragraph>Elke tekst wordt apart opgeslagen; ten hoogste {MAX_TEKST.toLocaleString("nl-NL")} tekens.</Paragraph>
      {error ? (
        <ErrorAlert error={error} title="De teksten zijn niet te laden" />
      ) : !teksten ? (
        <Loading what="Teksten" />
      ) : (
        secties.map((s) => (
          <TekstSectie
            key={s.code}
            programma={programma.code}
            periode={periode}
            sectie={s.code}
            label={s.label}
            initial={teksten[s.code] ?? ""}
          />
        ))
      )}
    </>
  );
}

function TekstSectie({
  programma,
  periode,
  sectie,
  label,
  initial,
}: {
  programma: string;
  periode: string;
  sectie: string;
  label: string;
  initial: string;
}) {
  const [tekst, setTekst] = useState(initial);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState("");
  const [busy, setBusy] = useState(false);
  const fieldError = error instanceof ApiError ? error.field("tekst") : undefined;
  const te_lang = tekst.length > MAX_TEKST;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setDone("");
    setBusy(true);
    try {
      const saved = await api<{ sectie: string; tekst: string }>(
        `${base(programma)}/teksten/${encodeURIComponent(periode)}/${encodeURIComponent(sectie)}`,
        { method: "PUT", body: { tekst } },
      );
      setTekst(saved.tekst);
      setDone("Opgeslagen");
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      onSubmit={(e) => void submit(e)}
      noValidate
      className="baken-tekst"
      aria-label={`Tekst: ${label}`}
      data-testid={`tekst-${sectie}`}
    >
      {fieldError ? null : <ErrorAlert error={error} title="Opslaan is niet gelukt" />}
      <Field
        label={label}
        description={`${tekst.length.toLocaleString("nl-NL")} van ${MAX_TEKST.toLocaleString("nl-NL")} tekens${te_lang ? " (te lang)" : ""}.`}
        error={fieldError}
      >
        {(ids) => (
          <Textarea
            id={ids.id}
            rows={4}
            value={tekst}
            invalid={ids.invalid}
            aria-invalid={ids.invalid || undefined}
            aria-describedby={ids.describedBy}
            onChange={(e) => {
              setTekst(e.target.value);
              setDone("");
            }}
          />
        )}
      </Field>
      <div className="baken-row">
        <Button appearance="secondary-action-button" type="submit" disabled={busy}>
          Opslaan<span className="baken-visually-hidden">: {label}</span>
        </Button>
        <Announce message={done} />
      </div>
    </form>
  );
}
