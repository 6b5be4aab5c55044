import { useEffect, useRef, useState } from "react";
import L from "leaflet";
import { Paragraph } from "@utrecht/component-library-react";
import { api } from "../api";
import { ErrorAlert, PageTitle } from "../components";
import { createMap } from "../map/rdmap";
import { clusterPoints, type Group } from "../map/cluster";
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
        // Meldingen close together on screen are one numbered marker (no overlapping targets
        // under 24 px); the groups are made again after every zoom.
        const m = r.map;
        let layer: L.LayerGroup | null = null;
        const line = (f: KaartFeature) =>
          `${escapeHtml(f.properties.categorie)} · ${escapeHtml(statusName(t, f.properties.status))} · ${escapeHtml(f.properties.datum)}`;
        const draw = () => {
          layer?.remove();
          layer = L.layerGroup().addTo(m);
          const at = (f: KaartFeature) => L.latLng(f.geometry.coordinates[1], f.geometry.coordinates[0]);
          for (const g of clusterPoints(m, fc.features, at, 40)) addMarker(m, layer, g, t, line);
        };
        m.on("zoomend", draw);
        draw();
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
      <div ref={el} className="baken-map baken-map--large" data-testid="publieke-kaart" />
      {features ? (
        <Paragraph data-testid="kaart-totaal">{features.length === 1 ? t("map.total1") : t("map.total", { n: features.length })}</Paragraph>
      ) : null}
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

/** One melding (a popup with its category, status and date) or a numbered group (zooms in). */
function addMarker(
  map: L.Map,
  layer: L.LayerGroup,
  g: Group<KaartFeature>,
  t: ReturnType<typeof useT>["t"],
  line: (f: KaartFeature) => string,
) {
  const n = g.items.length;
  const atMax = map.getZoom() >= map.getMaxZoom();
  const label = n === 1 ? g.items[0].properties.categorie : t(atMax ? "map.groupList" : "map.group", { n });
  const marker = L.marker(g.seed, {
    icon: L.divIcon({
      className: n === 1 ? "baken-werk-marker baken-werk-marker--late" : "baken-werk-cluster baken-werk-cluster--late",
      iconSize: n === 1 ? [24, 24] : [36, 36],
      html: n === 1 ? "" : `<span aria-hidden="true">${n}</span>`,
    }),
    keyboard: true,
    title: label,
  }).addTo(layer);
  marker.getElement()?.setAttribute("aria-label", label);
  marker.getElement()?.setAttribute("role", "button");
  marker.getElement()?.setAttribute("data-aantal", String(n));
  if (n === 1 || atMax) {
    marker.bindPopup(g.items.map(line).join("<br>"), { maxWidth: 280 });
  } else {
    marker.on("click", () => {
      const zoom = Math.min(Math.max(map.getBoundsZoom(g.bounds.pad(0.2)), map.getZoom() + 1), map.getMaxZoom());
      map.setView(g.bounds.getCenter(), zoom, { animate: false });
      map.getContainer().focus();
    });
  }
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}
