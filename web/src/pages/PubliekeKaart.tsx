import { useEffect, useRef, useState } from "react";
import L from "leaflet";
import { Paragraph } from "@utrecht/component-library-react";
import { api } from "../api";
import { ErrorAlert, PageTitle } from "../components";
import { createMap } from "../map/rdmap";
import { statusName, useT } from "../i18n";
import { usePageTitle } from "../router";

interface KaartFeature {
  geometry: { coordinates: [number, number] };
  properties: { categorie: string; status: string; datum: string };
}

export function PubliekeKaart() {
  const { t, dutch } = useT();
  usePageTitle(t("map.title"));
  const el = useRef<HTMLDivElement>(null);
  const [features, setFeatures] = useState<KaartFeature[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let map: L.Map | null = null;
    let cancelled = false;
    Promise.all([createMap(el.current!, t("map.h1")), api<{ features: KaartFeature[] }>("/api/v1/publiek/kaart")])
      .then(([r, fc]) => {
        if (cancelled) {
          r.map.remove();
          return;
        }
        map = r.map;
        setFeatures(fc.features);
        for (const f of fc.features) {
          const [lon, lat] = f.geometry.coordinates;
          L.circleMarker([lat, lon], { radius: 6, color: "#fff", weight: 2, fillColor: "#b00020", fillOpacity: 0.9 })
            .bindPopup(`${escapeHtml(f.properties.categorie)}<br>${escapeHtml(statusName(t, f.properties.status))} · ${escapeHtml(f.properties.datum)}`)
            .addTo(r.map);
        }
      })
      .catch(setError);
    return () => {
      cancelled = true;
      map?.remove();
    };
    // The map is drawn again when the language changes (its label and popups are in it).
  }, [t]);
  const counts = new Map<string, number>();
  for (const f of features ?? []) counts.set(f.properties.categorie, (counts.get(f.properties.categorie) ?? 0) + 1);
  return (
    <>
      <PageTitle>{t("map.h1")}</PageTitle>
      <Paragraph>{t("map.intro")}</Paragraph>
      <ErrorAlert error={error} />
      <div ref={el} className="baken-map baken-map--large" />
      <h2 className="utrecht-heading-2">{t("map.perCategory")}</h2>
      {features ? (
        <table className="baken-table" data-testid="kaart-tabel">
          <caption className="baken-visually-hidden">{t("map.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("map.category")}</th>
              <th scope="col">{t("map.count")}</th>
            </tr>
          </thead>
          <tbody>
            {[...counts.entries()]
              .sort((a, b) => b[1] - a[1])
              .map(([c, n]) => (
                <tr key={c}>
                  <td lang={dutch}>{c}</td>
                  <td>{n}</td>
                </tr>
              ))}
          </tbody>
        </table>
      ) : (
        <Paragraph role="status">{t("map.loading")}</Paragraph>
      )}
    </>
  );
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}
