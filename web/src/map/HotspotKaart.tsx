// The hot-spot layer: grid cells (GeoJSON from /api/v1/analyse/hotspots) over the buurt outlines,
// coloured either by Gi* class (hot/cold spot at 90/95/99 %) or by risk rank (the top 1/5/10/20 %
// of the study cells, as in the backtest). Drawn on a canvas: thousands of cells stay fast. The
// legend and the tables on the page are the text alternative; the cell count is in data-cellen.
import { useEffect, useRef } from "react";
import L from "leaflet";
import { createMap } from "./rdmap";

export interface Cel {
  type: "Feature";
  geometry: GeoJSON.Polygon;
  properties: { cel: number; risico: number; aantal: number; gi_z: number; klasse: number };
}
export interface Hotspots {
  type: "FeatureCollection";
  features: Cel[];
  properties: {
    model: string;
    instellingen: string;
    cel_m: number;
    van: string;
    tot: string;
    meldingen: number;
    studiecellen: number;
    berekend_op?: string;
    ververst_na_minuten?: number;
  };
}

export type Kleuring = "klasse" | "risico";

// ColorBrewer RdBu, darkest for the most certain; every fill has 3:1 contrast to the background map.
export const KLASSE_KLEUR: Record<number, string> = {
  3: "#8b0000",
  2: "#c62828",
  1: "#e8603c",
  [-1]: "#5b9bd5",
  [-2]: "#1f5fa8",
  [-3]: "#08306b",
};
export const KLASSE_NAAM: Record<number, string> = {
  3: "Hotspot, 99 % betrouwbaar",
  2: "Hotspot, 95 %",
  1: "Hotspot, 90 %",
  [-1]: "Coldspot, 90 %",
  [-2]: "Coldspot, 95 %",
  [-3]: "Coldspot, 99 %",
};
export const RISICO_BANDEN = [
  { pct: 1, kleur: "#5a005a", naam: "Hoogste 1 % van de cellen" },
  { pct: 5, kleur: "#a3007d", naam: "1-5 %" },
  { pct: 10, kleur: "#d6457c", naam: "5-10 %" },
  { pct: 20, kleur: "#f08a5d", naam: "10-20 %" },
];

/** Per cell id the risk band (index into RISICO_BANDEN), for the top 20 % of the study cells. */
export function risicoBanden(h: Hotspots): Map<number, number> {
  const sorted = h.features
    .filter((f) => f.properties.risico > 0)
    .sort((a, b) => b.properties.risico - a.properties.risico || a.properties.cel - b.properties.cel);
  const out = new Map<number, number>();
  sorted.forEach((f, i) => {
    const band = RISICO_BANDEN.findIndex((b) => i < Math.ceil((b.pct / 100) * h.properties.studiecellen));
    if (band >= 0) out.set(f.properties.cel, band);
  });
  return out;
}

export function HotspotKaart({ data, kleuring, label }: { data: Hotspots | null; kleuring: Kleuring; label: string }) {
  const el = useRef<HTMLDivElement>(null);
  const mapRef = useRef<L.Map | null>(null);
  const layerRef = useRef<L.Layer | null>(null);
  const args = useRef({ data, kleuring });
  args.current = { data, kleuring };

  const draw = () => {
    const map = mapRef.current;
    if (!map) return;
    layerRef.current?.remove();
    layerRef.current = null;
    const { data: h, kleuring: k } = args.current;
    if (!h) return;
    const banden = k === "risico" ? risicoBanden(h) : new Map<number, number>();
    const canvas = L.canvas();
    const cells = h.features.filter((f) => (k === "klasse" ? f.properties.klasse !== 0 : banden.has(f.properties.cel)));
    const layer = L.geoJSON({ type: "FeatureCollection", features: cells } as GeoJSON.FeatureCollection, {
      interactive: false,
      style: (f) => {
        const p = (f as unknown as Cel).properties;
        const kleur = k === "klasse" ? KLASSE_KLEUR[p.klasse] : RISICO_BANDEN[banden.get(p.cel) ?? 3].kleur;
        return { color: kleur, weight: 0.5, fillColor: kleur, fillOpacity: 0.75, renderer: canvas };
      },
    });
    layer.addTo(map);
    layerRef.current = layer;
    el.current?.setAttribute("data-cellen", String(cells.length));
  };

  useEffect(() => {
    let cancelled = false;
    void createMap(el.current!, label).then((r) => {
      if (cancelled) {
        r.map.remove();
        return;
      }
      mapRef.current = r.map;
      draw();
    });
    return () => {
      cancelled = true;
      mapRef.current?.remove();
      mapRef.current = null;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  useEffect(draw, [data, kleuring]);
  return <div ref={el} className="baken-map baken-map--large" data-testid="hotspotkaart" />;
}
