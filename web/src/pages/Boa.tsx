// The boa view, made for a phone on the street: open meldingen near me (the browser's location, or
// a buurt chosen by hand when there is no location), meldingen assigned to me, and a quick
// "melding van straat" (POST /api/v1/meldingen as staff, kanaal boa) with the possible duplicates
// the API names in its answer.
//
// The list API filters on buurt and assignee but not on distance: "near me" is the open meldingen of
// the buurt I am in, sorted by distance here; "assigned to me" is the API's behandelaar filter.
import { useEffect, useRef, useState, type FormEvent } from "react";
import L from "leaflet";
import { Button, Paragraph, Textarea } from "@utrecht/component-library-react";
import {
  api,
  ApiError,
  distanceM,
  formatDate,
  loadCategories,
  toBase64,
  type Categorieen,
  type Melding,
  type NieuweStaffMelding,
} from "../api";
import { ErrorAlert, Field, PageTitle } from "../components";
import { LocationPicker, type PickedLocation } from "../map/LocationPicker";
import { buurtAt, loadBuurten, type Buurt } from "../map/rdmap";
import { Link, usePageTitle } from "../router";
import { useSession } from "../session";
import { Announce } from "./MeldingBehandeling";
import { plural } from "../i18n";
import { stateName } from "../workflow";

const OPEN = "gemeld,in_afwachting,in_behandeling,ingepland,doorgezet_extern,reactie_gevraagd,reactie_ontvangen,heropend";

function MeldingItems({ items, from, testId }: { items: Melding[]; from?: { lat: number; lon: number }; testId: string }) {
  return (
    <ul className="baken-list" data-testid={testId}>
      {items.map((m) => {
        const [lon, lat] = m.locatie.coordinates;
        return (
          <li key={m.id}>
            <Link href={`/werk/meldingen/${m.id}`}>{m.nummer}</Link> · {m.categorie.naam}
            <br />
            <small>
              {m.status.naam}
              {from ? ` · ${distanceM(from, { lat, lon })} m` : ""} · {formatDate(m.ontvangen)}
              {m.tijdigheid !== "op_tijd" ? " · te laat" : ""}
            </small>
          </li>
        );
      })}
    </ul>
  );
}

function InDeBuurt() {
  const [buurten, setBuurten] = useState<Buurt[]>([]);
  const [buurt, setBuurt] = useState<Buurt | null>(null);
  const [from, setFrom] = useState<{ lat: number; lon: number } | undefined>();
  const [items, setItems] = useState<Melding[] | null>(null);
  const [message, setMessage] = useState("");
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    loadBuurten().then(setBuurten, setError);
  }, []);
  useEffect(() => {
    if (!buurt) return;
    setItems(null);
    api<{ meldingen: Melding[] }>(`/api/v1/meldingen?status=${OPEN}&buurt=${encodeURIComponent(buurt.code)}&limiet=100`).then(
      (r) => {
        const here = from ?? { lat: buurt.centre.lat, lon: buurt.centre.lng };
        const d = (m: Melding) => distanceM(here, { lat: m.locatie.coordinates[1], lon: m.locatie.coordinates[0] });
        setItems([...r.meldingen].sort((a, b) => d(a) - d(b)));
        setError(null);
      },
      (e) => {
        setItems([]);
        setError(e);
      },
    );
  }, [buurt, from]);
  const locate = () => {
    if (!navigator.geolocation) {
      setMessage("Deze browser kan uw locatie niet bepalen. Kies hieronder een buurt.");
      return;
    }
    setMessage("Locatie bepalen…");
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        const here = { lat: pos.coords.latitude, lon: pos.coords.longitude };
        const b = buurtAt(buurten, L.latLng(here.lat, here.lon));
        if (!b) {
          setMessage("U bent niet in een buurt van de gemeente Groningen. Kies hieronder een buurt.");
          return;
        }
        setFrom(here);
        setBuurt(b);
        setMessage(`U bent in buurt ${b.naam}.`);
      },
      () => setMessage("Uw locatie kon niet worden bepaald (geen toestemming of geen signaal). Kies hieronder een buurt."),
      { enableHighAccuracy: true, timeout: 10000 },
    );
  };
  return (
    <section aria-labelledby="buurt-kop">
      <h2 className="utrecht-heading-2" id="buurt-kop">
        Open meldingen bij mij in de buurt
      </h2>
      <Button appearance="primary-action-button" type="button" onClick={locate} disabled={buurten.length === 0}>
        Zoek met mijn locatie
      </Button>
      <p className="utrecht-paragraph" role="status" aria-live="polite" data-testid="boa-locatie">
        {message}
      </p>
      <Field label="Of kies een buurt">
        {(ids) => (
          <select
            id={ids.id}
            className="utrecht-select utrecht-select--html-select"
            value={buurt?.code ?? ""}
            onChange={(e) => {
              setFrom(undefined);
              setBuurt(buurten.find((b) => b.code === e.target.value) ?? null);
              setMessage("");
            }}
          >
            <option value="">– Kies een buurt –</option>
            {buurten.map((b) => (
              <option key={b.code} value={b.code}>
                {b.naam}
              </option>
            ))}
          </select>
        )}
      </Field>
      <ErrorAlert error={error} />
      {buurt && items === null ? <Paragraph role="status">Meldingen laden…</Paragraph> : null}
      {buurt && items ? (
        <>
          <Paragraph data-testid="boa-buurt-aantal">
            {items.length === 0
              ? `Geen open meldingen in ${buurt.naam}.`
              : `${plural(items.length, "open melding", "open meldingen")} in ${buurt.naam}${from ? ", dichtstbijzijnde eerst" : ""}.`}
          </Paragraph>
          <MeldingItems items={items} from={from} testId="boa-buurt" />
        </>
      ) : null}
    </section>
  );
}

function AanMij({ refreshKey }: { refreshKey: number }) {
  const { session } = useSession();
  const [items, setItems] = useState<Melding[] | null>(null);
  const [more, setMore] = useState(false);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (!session) return;
    const q = new URLSearchParams({ status: OPEN, behandelaar: session.gebruiker, limiet: "100", sorteer: "termijn" });
    api<{ meldingen: Melding[]; volgende?: string }>(`/api/v1/meldingen?${q}`).then(
      (r) => {
        setItems(r.meldingen);
        setMore(Boolean(r.volgende));
      },
      (e) => {
        setItems([]);
        setError(e);
      },
    );
  }, [session, refreshKey]);
  return (
    <section aria-labelledby="aanmij-kop">
      <h2 className="utrecht-heading-2" id="aanmij-kop">
        Aan mij toegewezen
      </h2>
      <ErrorAlert error={error} />
      {items === null ? (
        <Paragraph role="status">Meldingen laden…</Paragraph>
      ) : items.length === 0 ? (
        <Paragraph>Er staan geen open meldingen op uw naam.</Paragraph>
      ) : (
        <>
          <MeldingItems items={items} testId="boa-aan-mij" />
          {more ? (
            <Paragraph>
              Dit zijn de eerste {items.length}, de kortste termijn eerst.{" "}
              <Link href={`/werk?behandelaar=${encodeURIComponent(session!.gebruiker)}&sorteer=termijn`}>Alle meldingen op uw naam</Link>
            </Paragraph>
          ) : null}
        </>
      )}
    </section>
  );
}

/**
 * While the boa fills in the form: open meldingen of the chosen category within 50 m, received in
 * the last 12 weeks (the API's duplicate rule), from the list API filtered on category and the
 * buurt of the chosen place, nearest first. Only a hint: the boa may still make the melding.
 */
function MogelijkDubbelVooraf({ category, location }: { category: string; location: PickedLocation | null }) {
  const [found, setFound] = useState<{ m: Melding; afstand: number }[]>([]);
  const buurt = location?.buurt?.code;
  const lat = location?.lat;
  const lon = location?.lon;
  useEffect(() => {
    setFound([]);
    if (!category || !buurt || lat === undefined || lon === undefined) return;
    let cancelled = false;
    const vanaf = new Date(Date.now() - 84 * 86400000).toISOString().replace(/\.\d{3}Z$/, "Z");
    const q = new URLSearchParams({ status: OPEN, categorie: category, buurt, ontvangen_vanaf: vanaf, limiet: "100" });
    const timer = window.setTimeout(() => {
      api<{ meldingen: Melding[] }>(`/api/v1/meldingen?${q}`).then(
        (r) => {
          if (cancelled) return;
          const near = r.meldingen
            .map((m) => ({ m, afstand: distanceM({ lat, lon }, { lat: m.locatie.coordinates[1], lon: m.locatie.coordinates[0] }) }))
            .filter((x) => x.afstand <= 50)
            .sort((a, b) => a.afstand - b.afstand);
          setFound(near);
        },
        () => undefined, // only a hint: without it the form works as before
      );
    }, 300);
    return () => {
      cancelled = true;
      window.clearTimeout(timer);
    };
  }, [category, buurt, lat, lon]);
  return (
    <div role="status" aria-live="polite" data-testid="mogelijk-dubbel-vooraf">
      {found.length > 0 ? (
        <div className="utrecht-alert utrecht-alert--info">
          <Paragraph>
            <strong>Mogelijk dubbel:</strong> binnen 50 meter{" "}
            {found.length === 1 ? "staat al een open melding" : `staan al ${found.length} open meldingen`} van deze categorie. Kijk of het
            dezelfde is; u kunt ook toch een melding maken.
          </Paragraph>
          <ul className="baken-list">
            {found.map(({ m, afstand }) => (
              <li key={m.id}>
                <Link href={`/werk/meldingen/${m.id}`}>{m.nummer}</Link> · {m.status.naam} · {afstand} m verderop · ontvangen{" "}
                {formatDate(m.ontvangen)}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}

function MeldingVanStraat({ onCreated }: { onCreated: () => void }) {
  const [categories, setCategories] = useState<Categorieen | null>(null);
  const [category, setCategory] = useState("");
  const [text, setText] = useState("");
  const [location, setLocation] = useState<PickedLocation | null>(null);
  const [photo, setPhoto] = useState<File | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [created, setCreated] = useState<NieuweStaffMelding | null>(null);
  const [busy, setBusy] = useState(false);
  const [formKey, setFormKey] = useState(0);
  const idempotencyKey = useRef(crypto.randomUUID());
  useEffect(() => {
    loadCategories().then(setCategories, setError);
  }, []);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setCreated(null);
    const missing = [];
    if (!category) missing.push({ name: "categorie", reason: "Kies een categorie." });
    if (!text.trim()) missing.push({ name: "tekst", reason: "Beschrijf wat er aan de hand is." });
    if (!location) missing.push({ name: "locatie", reason: "Kies de plek: uw locatie, een tik op de kaart of een buurt." });
    if (missing.length) {
      setError(new ApiError(400, "Ongeldige invoer", "Vul de gemarkeerde velden in.", "", missing));
      return;
    }
    setBusy(true);
    try {
      const body: Record<string, unknown> = {
        categorie: category,
        tekst: text.trim(),
        kanaal: "boa",
        locatie: { type: "Point", coordinates: [location!.lon, location!.lat] },
      };
      if (photo) body.bijlagen = [{ naam: photo.name, type: photo.type, inhoud: await toBase64(photo) }];
      const m = await api<NieuweStaffMelding>("/api/v1/meldingen", {
        method: "POST",
        body,
        headers: { "Idempotency-Key": idempotencyKey.current },
      });
      idempotencyKey.current = crypto.randomUUID();
      setCreated(m);
      setText("");
      setPhoto(null);
      setLocation(null);
      setFormKey((k) => k + 1);
      onCreated();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  // A field's message goes once the field is changed (the API is asked again on sending).
  useEffect(() => setError(null), [category, text, location]);
  const fieldError = (n: string) => (error instanceof ApiError ? error.field(n) : undefined);
  const named = error instanceof ApiError && error.fields.length > 0;
  const duplicates = created?.mogelijke_duplicaten ?? [];
  return (
    <section aria-labelledby="straat-kop">
      <h2 className="utrecht-heading-2" id="straat-kop">
        Melding van straat
      </h2>
      <Announce message={created ? `Melding ${created.nummer} is aangemaakt (${created.categorie.naam}).` : ""} />
      {created ? (
        <>
          <Paragraph>
            <Link href={`/werk/meldingen/${created.id}`}>Melding {created.nummer} openen</Link>
          </Paragraph>
          {duplicates.length > 0 ? (
            <div data-testid="mogelijk-dubbel">
              <Paragraph>
                <strong>Mogelijk dubbel:</strong> in de buurt staan al meldingen van deze categorie.
              </Paragraph>
              <ul className="baken-list">
                {duplicates.map((d) => (
                  <li key={d.id}>
                    <Link href={`/werk/meldingen/${d.id}`}>{d.nummer}</Link> (mogelijk dubbel) ·{" "}
                    {typeof d.status === "string" ? stateName(d.status) : d.status.naam} · {Math.round(d.afstand_m)} m
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
        </>
      ) : null}
      {named ? <ErrorAlert error={error} title="Nog niet compleet" /> : <ErrorAlert error={error} title="Melding maken is niet gelukt" />}
      <form onSubmit={submit} noValidate aria-labelledby="straat-kop" key={formKey}>
        <Field label="Categorie" error={fieldError("categorie")}>
          {(ids) => (
            <select
              id={ids.id}
              className="utrecht-select utrecht-select--html-select"
              value={category}
              aria-invalid={ids.invalid || undefined}
              aria-describedby={ids.describedBy}
              onChange={(e) => setCategory(e.target.value)}
            >
              <option value="">– Kies een categorie –</option>
              {categories?.hoofdcategorieen.map((m) => (
                <optgroup key={m.code} label={m.naam}>
                  {m.subcategorieen.map((s) => (
                    <option key={s.code} value={s.code}>
                      {s.naam}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
          )}
        </Field>
        <Field label="Wat ziet u?" error={fieldError("tekst")}>
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
        <LocationPicker value={location} onChange={setLocation} error={fieldError("locatie")} />
        <MogelijkDubbelVooraf category={category} location={location} />
        <Field label="Foto" optional error={fieldError("bijlagen")}>
          {(ids) => (
            <input
              id={ids.id}
              type="file"
              accept="image/jpeg,image/png"
              capture="environment"
              className="utrecht-file-input"
              aria-describedby={ids.describedBy}
              onChange={(e) => setPhoto(e.target.files?.[0] ?? null)}
            />
          )}
        </Field>
        <Button appearance="primary-action-button" type="submit" disabled={busy}>
          Melding maken
        </Button>
      </form>
    </section>
  );
}

export function Boa() {
  usePageTitle("Op straat");
  const [refreshKey, setRefreshKey] = useState(0);
  return (
    <div className="baken-boa">
      <PageTitle>Op straat</PageTitle>
      <InDeBuurt />
      <AanMij refreshKey={refreshKey} />
      <MeldingVanStraat onCreated={() => setRefreshKey((k) => k + 1)} />
    </div>
  );
}
