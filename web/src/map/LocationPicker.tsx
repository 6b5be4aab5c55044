// Choosing where: type a street or postcode (PlaceSearch), tap or click the map, drag the marker,
// use "Mijn locatie", or pick a buurt from the list (search and list are the keyboard-only ways). The buurt under the point is looked up in the polygons the
// API gave, so the resident sees which buurt the municipality will record.
import { useEffect, useRef, useState } from "react";
import L from "leaflet";
import { Button, Paragraph } from "@utrecht/component-library-react";
import { buurtAt, createMap, type Buurt } from "./rdmap";
import { Field } from "../components";
import { PlaceSearch } from "./PlaceSearch";

export interface PickedLocation {
  lat: number;
  lon: number;
  buurt?: Buurt;
}

export function LocationPicker({
  value,
  onChange,
  error,
}: {
  value: PickedLocation | null;
  onChange: (v: PickedLocation) => void;
  error?: string;
}) {
  const el = useRef<HTMLDivElement>(null);
  const mapRef = useRef<L.Map | null>(null);
  const markerRef = useRef<L.Marker | null>(null);
  const [buurten, setBuurten] = useState<Buurt[]>([]);
  const [geoMessage, setGeoMessage] = useState("");
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  const buurtenRef = useRef<Buurt[]>([]);

  const place = (ll: L.LatLng, pan: boolean) => {
    const map = mapRef.current;
    if (!map) return;
    if (!markerRef.current) {
      const icon = L.divIcon({ className: "baken-marker", iconSize: [26, 26], iconAnchor: [13, 26] });
      markerRef.current = L.marker(ll, { draggable: true, icon, keyboard: true, title: "Gekozen plek (sleep om te verplaatsen)", alt: "Gekozen plek" }).addTo(map);
      markerRef.current.on("dragend", () => {
        const p = markerRef.current!.getLatLng();
        onChangeRef.current({ lat: p.lat, lon: p.lng, buurt: buurtAt(buurtenRef.current, p) });
      });
    } else {
      markerRef.current.setLatLng(ll);
    }
    if (pan) map.setView(ll, Math.max(map.getZoom(), 9));
    onChangeRef.current({ lat: ll.lat, lon: ll.lng, buurt: buurtAt(buurtenRef.current, ll) });
  };

  useEffect(() => {
    let cancelled = false;
    let map: L.Map | null = null;
    void createMap(el.current!, "Kaart: kies de plek van uw melding").then((r) => {
      if (cancelled) {
        r.map.remove();
        return;
      }
      map = r.map;
      mapRef.current = r.map;
      buurtenRef.current = r.buurten;
      setBuurten(r.buurten);
      r.map.on("click", (e: L.LeafletMouseEvent) => place(e.latlng, false));
      if (value) place(L.latLng(value.lat, value.lon), true);
    });
    return () => {
      cancelled = true;
      map?.remove();
      mapRef.current = null;
      markerRef.current = null;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const myLocation = () => {
    if (!navigator.geolocation) {
      setGeoMessage("Uw browser kan uw locatie niet bepalen. Tik op de kaart of kies een buurt.");
      return;
    }
    setGeoMessage("Locatie bepalen…");
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setGeoMessage("");
        place(L.latLng(pos.coords.latitude, pos.coords.longitude), true);
      },
      () => setGeoMessage("Uw locatie kon niet worden bepaald (geen toestemming of geen signaal). Tik op de kaart of kies een buurt."),
      { enableHighAccuracy: true, timeout: 10000 },
    );
  };

  const chooseBuurt = (code: string) => {
    const b = buurten.find((x) => x.code === code);
    if (b) place(b.centre, true);
  };

  return (
    <div>
      <PlaceSearch onChoose={(p) => place(L.latLng(p.lat, p.lon), true)} />
      <Field
        label="Zoek een buurt"
        description="Kies uw buurt; de plek komt dan midden in de buurt. Verplaats de markering daarna op de kaart als dat kan."
        optional
      >
        {(ids) => (
          <select
            id={ids.id}
            className="utrecht-select utrecht-select--html-select"
            aria-describedby={ids.describedBy}
            value={value?.buurt?.code ?? ""}
            onChange={(e) => chooseBuurt(e.target.value)}
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
      <div className="baken-row">
        <Button appearance="secondary-action-button" type="button" onClick={myLocation}>
          Mijn locatie gebruiken
        </Button>
      </div>
      <p className="utrecht-paragraph" role="status" aria-live="polite">
        {geoMessage}
      </p>
      <Paragraph id="kaart-uitleg">Tik of klik op de kaart om de plek te kiezen. Sleep de markering om hem te verplaatsen.</Paragraph>
      <div ref={el} className="baken-map" aria-describedby="kaart-uitleg" data-testid="locatiekaart" />
      <p className={`utrecht-paragraph${error ? " utrecht-form-field-error-message" : ""}`} role="status" aria-live="polite" data-testid="gekozen-plek">
        {error
          ? error
          : value
            ? value.buurt
              ? `Gekozen plek in buurt ${value.buurt.naam}.`
              : "Gekozen plek ligt niet in een buurt van de gemeente Groningen."
            : "Nog geen plek gekozen."}
      </p>
    </div>
  );
}
