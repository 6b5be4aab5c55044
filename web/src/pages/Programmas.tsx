// The programmes of the municipality (GET /api/v1/programmas) with a link to each, and the yearly
// highlights infographic: the image (SVG) with, beside it, the same key figures and texts as real
// text from the JSON version, so the infographic does not depend on sight; downloads in PNG, PDF, SVG.
import { Fragment, useEffect, useId, useState, type FormEvent } from "react";
import { Button, Paragraph, Textbox } from "@utrecht/component-library-react";
import { api, type Highlights, type ProgrammaSamenvatting } from "../api";
import { DownloadLink, ErrorAlert, Field, Loading, PageTitle } from "../components";
import { Link } from "../router";

export const STANDAARD_JAAR = "2025";

export function highlightsUrl(jaar: string, formaat: string): string {
  return `/api/v1/programmas/highlights/${encodeURIComponent(jaar)}?formaat=${formaat}`;
}

export function Programmas() {
  const [list, setList] = useState<ProgrammaSamenvatting[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    api<{ programmas: ProgrammaSamenvatting[] }>("/api/v1/programmas").then((r) => setList(r.programmas), setError);
  }, []);
  return (
    <>
      <PageTitle>Programma's</PageTitle>
      <Paragraph>De uitvoeringsprogramma's van de gemeente met hun actielijnen, indicatoren en voortgang.</Paragraph>
      {error ? <ErrorAlert error={error} /> : !list ? <Loading what="Programma's" /> : <ProgrammaLijst list={list} />}
      {error ? null : <HighlightsSectie />}
    </>
  );
}

function ProgrammaLijst({ list }: { list: ProgrammaSamenvatting[] }) {
  if (list.length === 0) return <Paragraph>Er zijn nog geen programma's vastgelegd.</Paragraph>;
  return (
    <div className="baken-table-wrap" tabIndex={0} role="region" aria-labelledby="programmas-bijschrift">
      <table className="baken-table" data-testid="programmas">
        <caption id="programmas-bijschrift">Programma's met looptijd, eigenaar en omvang</caption>
        <thead>
          <tr>
            <th scope="col">Programma</th>
            <th scope="col">Looptijd</th>
            <th scope="col">Eigenaar</th>
            <th scope="col">Actielijnen</th>
            <th scope="col">Indicatoren</th>
          </tr>
        </thead>
        <tbody>
          {list.map((p) => (
            <tr key={p.code}>
              <th scope="row">
                <Link href={`/werk/programmas/${encodeURIComponent(p.code)}`}>{p.naam}</Link>
              </th>
              <td>
                {p.looptijd.van}–{p.looptijd.tot}
              </td>
              <td>{p.eigenaar}</td>
              <td>{p.actielijnen}</td>
              <td>{p.indicatoren}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function HighlightsSectie() {
  const [invoer, setInvoer] = useState(STANDAARD_JAAR);
  const [jaar, setJaar] = useState(STANDAARD_JAAR);
  const [fout, setFout] = useState("");
  const [data, setData] = useState<Highlights | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [imageFailed, setImageFailed] = useState(false);
  const headingId = useId();

  useEffect(() => {
    setData(null);
    setError(null);
    setImageFailed(false);
    api<Highlights>(highlightsUrl(jaar, "json")).then(setData, setError);
  }, [jaar]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const j = invoer.trim();
    if (!/^\d{4}$/.test(j)) {
      setFout("Geef een jaar in vier cijfers, bijvoorbeeld 2025.");
      return;
    }
    setFout("");
    setJaar(j);
  };

  return (
    <section aria-labelledby={headingId} className="baken-highlights" data-testid="highlights">
      <h2 className="utrecht-heading-2" id={headingId}>
        Highlights {jaar}
      </h2>
      <form onSubmit={submit} noValidate className="baken-row baken-inline-form" aria-label="Jaar van de highlights kiezen">
        <Field label="Jaar" description="Vier cijfers, bijvoorbeeld 2025." error={fout}>
          {(ids) => (
            <Textbox
              id={ids.id}
              inputMode="numeric"
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
          Tonen
        </Button>
      </form>
      <div className="baken-highlights__beeld">
        {imageFailed ? (
          <Paragraph>De infographic van {jaar} is niet beschikbaar.</Paragraph>
        ) : (
          <img
            key={jaar}
            src={highlightsUrl(jaar, "svg")}
            alt={`Infographic highlights ${jaar}; de kerncijfers en teksten staan hieronder als tekst.`}
            onError={() => setImageFailed(true)}
          />
        )}
      </div>
      {error ? (
        <ErrorAlert error={error} title="De highlights zijn niet te zien" />
      ) : !data ? (
        <Loading what="Highlights" />
      ) : (
        <div data-testid="highlights-tekst" id="highlights-tekst">
          <h3 className="utrecht-heading-3">{data.titel}</h3>
          {data.ondertitel ? <Paragraph>{data.ondertitel}</Paragraph> : null}
          {data.kerncijfers.length > 0 ? (
            <>
              <h4 className="utrecht-heading-4">Kerncijfers</h4>
              <dl className="baken-dl">
                {data.kerncijfers.map((k, i) => (
                  <Fragment key={i}>
                    <dt>{k.label}</dt>
                    <dd>
                      {k.waarde}
                      {k.verandering ? ` (${k.verandering})` : ""}
                    </dd>
                  </Fragment>
                ))}
              </dl>
            </>
          ) : null}
          {data.teksten.length > 0 ? (
            <dl className="baken-highlights__teksten">
              {data.teksten.map((t, i) => (
                <Fragment key={i}>
                  <dt>{t.kop}</dt>
                  <dd>{t.tekst}</dd>
                </Fragment>
              ))}
            </dl>
          ) : null}
          {/* The source text may already start with "Bron:" (as on the infographic): said once. */}
          {data.bron ? <Paragraph className="baken-bron">Bron: {data.bron.replace(/^\s*bron\s*:\s*/i, "")}</Paragraph> : null}
        </div>
      )}
      <h3 className="utrecht-heading-3">Downloaden</h3>
      <ul className="baken-downloads">
        <li>
          <DownloadLink href={highlightsUrl(jaar, "png")} bestand={`highlights-${jaar}.png`}>
            Highlights {jaar} als afbeelding (PNG)
          </DownloadLink>
        </li>
        <li>
          <DownloadLink href={highlightsUrl(jaar, "pdf")} bestand={`highlights-${jaar}.pdf`}>
            Highlights {jaar} als PDF
          </DownloadLink>{" "}
          <a href="#highlights-tekst" data-testid="html-versie">
            Dezelfde cijfers als tekst op deze pagina
          </a>
        </li>
        <li>
          <DownloadLink href={highlightsUrl(jaar, "svg")} bestand={`highlights-${jaar}.svg`}>
            Highlights {jaar} als SVG
          </DownloadLink>
        </li>
      </ul>
    </section>
  );
}
