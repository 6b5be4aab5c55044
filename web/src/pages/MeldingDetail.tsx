// One melding for staff: map, text, photos, the reporter's contact only when the API returns it
// unmasked, the history, the allowed status changes with a message for the reporter, and notes;
// a deelmelding links to the melding it was split from, and a split melding to its deelmeldingen.
// A refusal by the policy (403) is shown with the API's Dutch reason.
import { useCallback, useEffect, useRef, useState, type FormEvent } from "react";
import L from "leaflet";
import { Alert, Button, Heading2, Paragraph, Textarea } from "@utrecht/component-library-react";
import {
  api,
  ApiError,
  departmentName,
  formatDateTime,
  loadCategories,
  streetText,
  type Categorieen,
  type HistorieRegel,
  type Melding,
  type Statuswijziging,
} from "../api";
import { ErrorAlert, Field, Loading, PageTitle } from "../components";
import { createMap, loadAreaNames } from "../map/rdmap";
import { Link, usePageTitle } from "../router";
import { TEMPLATES, allowedNext, stateName } from "../workflow";
import { Duplicaten, Hercategoriseren, Splitsen, Toewijzen } from "./MeldingBehandeling";

const KIND_NAMES: Record<string, string> = {
  aangemaakt: "Ontvangen",
  status: "Status gewijzigd",
  categorie: "Categorie gewijzigd",
  afdeling: "Afdeling gewijzigd",
  behandelaar: "Behandelaar gewijzigd",
  notitie: "Notitie",
  prioriteit: "Prioriteit gewijzigd",
  routering: "Gerouteerd",
  locatie: "Plek gewijzigd",
  gesplitst: "Gesplitst",
  samengevoegd: "Samengevoegd",
  bijlage: "Foto toegevoegd",
  tevredenheid: "Tevredenheid van de melder",
};

function MeldingMap({ melding }: { melding: Melding }) {
  const el = useRef<HTMLDivElement>(null);
  // Keyed on the numbers, not the array: every reload after a change brings a new array, and a
  // second map on the same element while the first is still being made throws.
  const [lon, lat] = melding.locatie.coordinates;
  useEffect(() => {
    let map: L.Map | null = null;
    let cancelled = false;
    void createMap(el.current!, `Kaart met de plek van melding ${melding.nummer}`).then((r) => {
      if (cancelled) {
        r.map.remove();
        return;
      }
      map = r.map;
      r.map.setView([lat, lon], 10);
      L.marker([lat, lon], {
        icon: L.divIcon({ className: "baken-marker", iconSize: [26, 26], iconAnchor: [13, 26] }),
        keyboard: false,
        alt: "Plek van de melding",
      }).addTo(r.map);
    });
    return () => {
      cancelled = true;
      map?.remove();
    };
  }, [melding.id, lon, lat, melding.nummer]);
  return <div ref={el} className="baken-map baken-map--small" />;
}

export function MeldingDetail({ id }: { id: string }) {
  const [melding, setMelding] = useState<Melding | null>(null);
  const [history, setHistory] = useState<HistorieRegel[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [areas, setAreas] = useState<Map<string, string>>(new Map());
  const [categories, setCategories] = useState<Categorieen | null>(null);
  usePageTitle(melding ? `Melding ${melding.nummer}` : "Melding");

  const load = useCallback(async () => {
    try {
      const m = await api<Melding>(`/api/v1/meldingen/${encodeURIComponent(id)}`);
      setMelding(m);
      setError(null);
      const h = await api<{ historie: HistorieRegel[] }>(`/api/v1/meldingen/${encodeURIComponent(m.id)}/historie`);
      setHistory(h.historie);
    } catch (e) {
      setError(e);
    }
  }, [id]);

  useEffect(() => {
    setMelding(null);
    setError(null);
    void load();
    loadAreaNames().then(setAreas);
    loadCategories().then(setCategories, () => undefined);
  }, [load]);

  if (error && !melding) {
    const denied = error instanceof ApiError && error.status === 403;
    return (
      <>
        <PageTitle>{denied ? "Geen toegang tot deze melding" : "Melding niet te openen"}</PageTitle>
        <ErrorAlert error={error} title={denied ? "U mag deze melding niet openen" : undefined} />
        {denied ? (
          <Paragraph>
            Baken laat vertrouwelijke en bijzondere meldingen alleen zien aan medewerkers met een rol, doel en afdeling die erbij passen.
            Deze poging is vastgelegd in de auditlog. Denkt u dat u toegang nodig heeft? Vraag het aan uw leidinggevende of de functioneel
            beheerder.
          </Paragraph>
        ) : null}
        <Paragraph>
          <Link href="/werk">Terug naar de werkvoorraad</Link>
        </Paragraph>
      </>
    );
  }
  if (!melding) {
    return (
      <>
        <PageTitle>Melding</PageTitle>
        <Loading what="Melding" />
      </>
    );
  }
  // A deelmelding's first history line names the melding it was split from (van = its number).
  const parentNumber = melding.hoofdmelding ? history.find((h) => h.soort === "aangemaakt" && /^M-\d{4}-\d+$/.test(h.van))?.van : undefined;
  const masked =
    Boolean(melding.afscherming) ||
    (melding.melder && /\*/.test(`${melding.melder.naam}${melding.melder.email}${melding.melder.telefoon}`));
  return (
    <>
      <Paragraph>
        <Link href="/werk">← Werkvoorraad</Link>
      </Paragraph>
      <PageTitle>Melding {melding.nummer}</PageTitle>
      <div className="baken-detail">
        <div>
          <dl className="baken-dl">
            <dt>Status</dt>
            <dd data-testid="status">{melding.status.naam}</dd>
            <dt>Categorie</dt>
            <dd data-testid="categorie">{melding.categorie.naam}</dd>
            <dt>Gevoeligheid</dt>
            <dd>
              {{ public: "Openbaar", internal: "Intern", confidential: "Vertrouwelijk", special: "Bijzonder" }[melding.gevoeligheid] ??
                melding.gevoeligheid}
            </dd>
            <dt>Plek</dt>
            <dd data-testid="plek">
              {streetText(melding) ? (
                <>
                  bij {streetText(melding)}
                  <br />
                </>
              ) : null}
              {areas.get(melding.buurt) ?? melding.buurt}, {areas.get(melding.wijk) ?? melding.wijk}
            </dd>
            <dt>Ontvangen</dt>
            <dd>{formatDateTime(melding.ontvangen)}</dd>
            <dt>Termijn</dt>
            <dd data-testid="termijn">
              {formatDateTime(melding.termijn)}
              {melding.tijdigheid !== "op_tijd" ? <span className="baken-badge baken-badge--late"> te laat</span> : null}
            </dd>
            <dt>Afdeling</dt>
            <dd data-testid="afdeling">{melding.afdeling ? departmentName(melding.afdeling, categories) : "–"}</dd>
            <dt>Behandelaar</dt>
            <dd data-testid="behandelaar">{melding.behandelaar || "–"}</dd>
            <dt>Prioriteit</dt>
            <dd>{{ laag: "Laag", normaal: "Normaal", hoog: "Hoog" }[melding.prioriteit] ?? melding.prioriteit}</dd>
            {melding.hoofdmelding ? (
              <>
                <dt>Deelmelding van</dt>
                <dd data-testid="hoofdmelding">
                  <Link href={`/werk/meldingen/${melding.hoofdmelding}`}>
                    {parentNumber ? `Hoofdmelding ${parentNumber}` : "de hoofdmelding"}
                  </Link>
                </dd>
              </>
            ) : null}
            {melding.duplicaat_van ? (
              <>
                <dt>Dubbel van</dt>
                <dd>
                  <Link href={`/werk/meldingen/${melding.duplicaat_van}`}>de oorspronkelijke melding</Link>
                </dd>
              </>
            ) : null}
            <dt>Kanaal</dt>
            <dd>{melding.kanaal}</dd>
          </dl>
          <Heading2>Beschrijving</Heading2>
          <Paragraph data-testid="tekst">{melding.tekst}</Paragraph>
          {melding.bijlagen.length > 0 ? (
            <>
              <Heading2>Foto's</Heading2>
              <ul className="baken-photos baken-photos--large">
                {melding.bijlagen.map((b, i) => (
                  <li key={b.id}>
                    <img src={b.href} alt={`Foto ${i + 1} bij melding ${melding.nummer} (${b.naam})`} />
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          <Heading2>Melder</Heading2>
          {!melding.melder || (!melding.melder.naam && !melding.melder.email && !melding.melder.telefoon) ? (
            <Paragraph>Anoniem gemeld.</Paragraph>
          ) : masked ? (
            <Paragraph data-testid="melder-afgeschermd">
              {melding.afscherming?.code === "tweede_factor_nodig"
                ? "Contactgegevens afgeschermd: meld u aan met uw tweede factor om de melder te zien."
                : "Contactgegevens afgeschermd: uw rol en doel geven geen inzage in persoonsgegevens."}
            </Paragraph>
          ) : (
            <dl className="baken-dl">
              {melding.melder.naam ? (
                <>
                  <dt>Naam</dt>
                  <dd>{melding.melder.naam}</dd>
                </>
              ) : null}
              {melding.melder.email ? (
                <>
                  <dt>E-mail</dt>
                  <dd>{melding.melder.email}</dd>
                </>
              ) : null}
              {melding.melder.telefoon ? (
                <>
                  <dt>Telefoon</dt>
                  <dd>{melding.melder.telefoon}</dd>
                </>
              ) : null}
              <dt>Toestemming contact</dt>
              <dd>{melding.melder.toestemming_contact ? "Ja" : "Nee"}</dd>
            </dl>
          )}
          <StatusChange melding={melding} onDone={load} />
          <NoteForm melding={melding} onDone={load} />
          <Toewijzen melding={melding} onDone={load} />
          <Hercategoriseren melding={melding} onDone={load} />
          <Duplicaten melding={melding} onDone={load} />
          <Splitsen key={melding.id} melding={melding} onDone={load} />
        </div>
        <div>
          <Heading2>Kaart</Heading2>
          <MeldingMap melding={melding} />
          <Heading2>Historie</Heading2>
          <ol className="baken-timeline" data-testid="historie">
            {[...history].reverse().map((h) => (
              <li key={h.volgnummer}>
                <time dateTime={h.tijdstip}>{formatDateTime(h.tijdstip)}</time>
                <strong>{KIND_NAMES[h.soort] ?? h.soort}</strong>
                {h.soort === "status" ? (
                  `: ${stateName(h.van)} → ${stateName(h.naar)}`
                ) : h.soort === "gesplitst" && h.naar ? (
                  <>
                    : <Link href={`/werk/meldingen/${encodeURIComponent(h.naar)}`}>{h.naar}</Link>
                  </>
                ) : h.soort !== "aangemaakt" && h.naar ? (
                  `: ${h.naar}`
                ) : (
                  ""
                )}
                {h.tekst ? (
                  <p className="utrecht-paragraph">
                    {h.voor_melder ? "Bericht aan melder: " : ""}
                    {h.tekst}
                  </p>
                ) : null}
                <small>door {h.door}</small>
              </li>
            ))}
          </ol>
        </div>
      </div>
    </>
  );
}

function StatusChange({ melding, onDone }: { melding: Melding; onDone: () => Promise<void> }) {
  const options = allowedNext(melding.status.code);
  const [to, setTo] = useState("");
  const [message, setMessage] = useState("");
  const [note, setNote] = useState("");
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState("");
  const [busy, setBusy] = useState(false);
  const chosen = options.find((o) => o.code === to);
  if (options.length === 0) return null;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setDone("");
    if (!to) {
      setError(new ApiError(400, "Ongeldige invoer", "Kies de nieuwe status.", "", [{ name: "status", reason: "Kies de nieuwe status." }]));
      return;
    }
    setBusy(true);
    try {
      await api(`/api/v1/meldingen/${melding.id}/statuswijzigingen`, {
        method: "POST",
        body: { status: to, tekst_melder: message, notitie: note } satisfies Statuswijziging,
        headers: { "If-Match": `"${melding.versie}"` },
      });
      await onDone();
      setDone(`Status gewijzigd naar ${stateName(to)}.`);
      setTo("");
      setMessage("");
      setNote("");
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const fieldError = (n: string) => (error instanceof ApiError ? error.field(n) : undefined);
  return (
    <form onSubmit={submit} noValidate aria-labelledby="status-kop">
      <h2 className="utrecht-heading-2" id="status-kop">
        Status wijzigen
      </h2>
      {done ? (
        <Alert type="ok" role="status">
          <Paragraph>{done}</Paragraph>
        </Alert>
      ) : null}
      {error instanceof ApiError && error.fields.length > 0 ? null : <ErrorAlert error={error} title="Status wijzigen is niet gelukt" />}
      <Field label="Nieuwe status" error={fieldError("status")}>
        {(ids) => (
          <select
            id={ids.id}
            className="utrecht-select utrecht-select--html-select"
            value={to}
            aria-invalid={ids.invalid || undefined}
            aria-describedby={ids.describedBy}
            onChange={(e) => setTo(e.target.value)}
          >
            <option value="">– Kies –</option>
            {options.map((o) => (
              <option key={o.code} value={o.code}>
                {o.naam}
              </option>
            ))}
          </select>
        )}
      </Field>
      {to && TEMPLATES[to] ? (
        <Field label="Standaardbericht" optional description="Kies een tekst om mee te beginnen; u kunt hem daarna aanpassen.">
          {(ids) => (
            <select
              id={ids.id}
              className="utrecht-select utrecht-select--html-select"
              aria-describedby={ids.describedBy}
              value=""
              onChange={(e) => e.target.value && setMessage(e.target.value)}
            >
              <option value="">– Kies een standaardbericht –</option>
              {TEMPLATES[to].map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </select>
          )}
        </Field>
      ) : null}
      <Field
        label="Bericht aan de melder"
        optional={!chosen?.textRequired}
        description={
          chosen?.textRequired ? "Verplicht bij deze status: de melder leest dit bericht." : "De melder leest dit bericht op de volgpagina."
        }
        error={fieldError("tekst_melder")}
      >
        {(ids) => (
          <Textarea
            id={ids.id}
            rows={3}
            value={message}
            invalid={ids.invalid}
            aria-invalid={ids.invalid || undefined}
            aria-describedby={ids.describedBy}
            onChange={(e) => setMessage(e.target.value)}
          />
        )}
      </Field>
      <Field label="Interne notitie" optional description="Alleen voor medewerkers.">
        {(ids) => (
          <Textarea id={ids.id} rows={2} value={note} aria-describedby={ids.describedBy} onChange={(e) => setNote(e.target.value)} />
        )}
      </Field>
      <Button appearance="primary-action-button" type="submit" disabled={busy}>
        Status wijzigen
      </Button>
    </form>
  );
}

function NoteForm({ melding, onDone }: { melding: Melding; onDone: () => Promise<void> }) {
  const [text, setText] = useState("");
  const [forReporter, setForReporter] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState("");
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setDone("");
    try {
      await api(`/api/v1/meldingen/${melding.id}/notities`, { method: "POST", body: { tekst: text, voor_melder: forReporter } });
      await onDone();
      setText("");
      setDone("Notitie opgeslagen.");
    } catch (err) {
      setError(err);
    }
  };
  return (
    <form onSubmit={submit} noValidate aria-labelledby="notitie-kop">
      <h2 className="utrecht-heading-2" id="notitie-kop">
        Notitie toevoegen
      </h2>
      {done ? (
        <Alert type="ok" role="status">
          <Paragraph>{done}</Paragraph>
        </Alert>
      ) : null}
      {error instanceof ApiError && error.fields.length > 0 ? null : <ErrorAlert error={error} />}
      <Field label="Notitie" error={error instanceof ApiError ? error.field("tekst") : undefined}>
        {(ids) => (
          <Textarea
            id={ids.id}
            rows={3}
            value={text}
            invalid={ids.invalid}
            aria-invalid={ids.invalid || undefined}
            aria-describedby={ids.describedBy}
            onChange={(e) => setText(e.target.value)}
          />
        )}
      </Field>
      <div className="utrecht-form-field baken-row">
        <input
          id="voor-melder"
          type="checkbox"
          className="utrecht-checkbox utrecht-checkbox--html-input utrecht-checkbox--custom"
          checked={forReporter}
          onChange={(e) => setForReporter(e.target.checked)}
        />
        <label htmlFor="voor-melder" className="utrecht-form-label utrecht-form-label--checkbox">
          Ook zichtbaar voor de melder
        </label>
      </div>
      <Button appearance="secondary-action-button" type="submit">
        Notitie opslaan
      </Button>
    </form>
  );
}
