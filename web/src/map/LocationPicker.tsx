// Choosing where: type a street or postcode (PlaceSearch), tap or click the map, drag the marker,
// use "Mijn locatie", or pick a buurt from the list (search and list are the keyboard-only ways). The buurt under the point is looked up in the polygons the
// API gave, so the resident sees which buurt the municipality will record.
import { useEffect, useRef, useState } from "react";
import L from "leaflet";
import { Button, Paragraph } from "@utrecht/component-library-react";
import { buurtAt, createMap, type Buurt } from "./rdmap";
import { Field } from "../components";
import { PlaceSearch } from "./PlaceSearch";
import { msgText, useT, type Msg } from "../i18n";

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
  const [geoMessage, setGeoMessage] = useState<Msg>("");
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  const buurtenRef = useRef<Buurt[]>([]);
  const { t } = useT();
  const tRef = useRef(t);
  tRef.current = t;
  // The map's label and the marker's text follow a language switch made on this step.
  useEffect(() => {
    el.current?.setAttribute("aria-label", t("place.map.label"));
    const icon = markerRef.current?.getElement();
    if (icon) {
      icon.setAttribute("title", t("place.marker.title"));
    }
  }, [t]);

  // A place chosen before the map is ready (a quick "Mijn locatie", a search): placed once it is.
  const pendingRef = useRef<L.LatLng | null>(null);
  const place = (ll: L.LatLng, pan: boolean) => {
    const map = mapRef.current;
    if (!map) {
      pendingRef.current = ll;
      return;
    }
    if (!markerRef.current) {
      const icon = L.divIcon({ className: "baken-marker", iconSize: [26, 26], iconAnchor: [13, 26] });
      markerRef.current = L.marker(ll, {
        draggable: true,
        icon,
        keyboard: true,
        title: tRef.current("place.marker.title"),
        alt: tRef.current("place.marker.alt"),
      }).addTo(map);
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
    void createMap(el.current!, tRef.current("place.map.label")).then((r) => {
      if (cancelled) {
        r.map.remove();
        return;
      }
      map = r.map;
      mapRef.current = r.map;
      buurtenRef.current = r.buurten;
      setBuurten(r.buurten);
      r.map.on("click", (e: L.LeafletMouseEvent) => place(e.latlng, false));
      if (pendingRef.current) place(pendingRef.current, true);
      else if (value) place(L.latLng(value.lat, value.lon), true);
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
      setGeoMessage(["place.geo.unsupported"]);
      return;
    }
    setGeoMessage(["place.geo.busy"]);
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setGeoMessage("");
        place(L.latLng(pos.coords.latitude, pos.coords.longitude), true);
      },
      () => setGeoMessage(["place.geo.failed"]),
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
      <Field label={t("place.buurt")} description={t("place.buurt.help")} optional>
        {(ids) => (
          <select
            id={ids.id}
            className="utrecht-select utrecht-select--html-select"
            aria-describedby={ids.describedBy}
            value={value?.buurt?.code ?? ""}
            onChange={(e) => chooseBuurt(e.target.value)}
          >
            <option value="">{t("place.buurt.choose")}</option>
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
          {t("place.myLocation")}
        </Button>
      </div>
      <p className="utrecht-paragraph" role="status" aria-live="polite">
        {msgText(t, geoMessage)}
      </p>
      <Paragraph id="kaart-uitleg">{t("place.map.help")}</Paragraph>
      <div ref={el} className="baken-map" aria-describedby="kaart-uitleg" data-testid="locatiekaart" />
      <p
        className={`utrecht-paragraph${error ? " utrecht-form-field-error-message" : ""}`}
        role="status"
        aria-live="polite"
        data-testid="gekozen-plek"
      >
        {error
          ? error
          : value
            ? value.buurt
              ? t("place.chosenIn", { name: value.buurt.naam })
              : t("place.chosenOutside")
            : t("place.none")}
      </p>
    </div>
  );
}
