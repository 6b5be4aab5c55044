// Leaflet maps in RD New (EPSG:28992), the Dutch grid that PDOK's BRT tiles use. The buurt
// polygons come from Baken's own API, so a map always has content; PDOK tiles are added only when
// the configuration allows them and a first tile actually loads (offline, in tests, behind a
// firewall the map simply shows the buurten).
import L from "leaflet";
import "proj4leaflet";
import "leaflet/dist/leaflet.css";
import { api } from "../api";

export const RD_DEF =
  "+proj=sterea +lat_0=52.15616055555555 +lon_0=5.38763888888889 +k=0.9999079 +x_0=155000 +y_0=463000 " +
  "+ellps=bessel +towgs84=565.417,50.3319,465.552,-0.398957,0.343988,-1.8774,4.0725 +units=m +no_defs";

const RESOLUTIONS = [3440.64, 1720.32, 860.16, 430.08, 215.04, 107.52, 53.76, 26.88, 13.44, 6.72, 3.36, 1.68, 0.84, 0.42, 0.21];

export const RD_CRS = new L.Proj.CRS("EPSG:28992", RD_DEF, {
  resolutions: RESOLUTIONS,
  origin: [-285401.92, 903401.92],
  bounds: L.bounds([-285401.92, 22598.08], [595401.92, 903401.92]),
});

export interface MapConfig {
  pdok: boolean;
  pdokUrl: string;
  centrum: [number, number];
  zoom: number;
}

const DEFAULT_CONFIG: MapConfig = {
  pdok: false,
  pdokUrl: "https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0/standaard/EPSG:28992/{z}/{x}/{y}.png",
  centrum: [53.2194, 6.5665],
  zoom: 6,
};

let configPromise: Promise<MapConfig> | null = null;
/** /config.json next to index.html (operators edit it without a rebuild). */
export function loadMapConfig(): Promise<MapConfig> {
  configPromise ??= fetch("/config.json", { credentials: "same-origin" })
    .then((r) => (r.ok ? r.json() : {}) as Promise<{ kaart?: Partial<MapConfig> }>)
    .then((j) => ({ ...DEFAULT_CONFIG, ...(j?.kaart ?? {}) }))
    .catch(() => DEFAULT_CONFIG);
  return configPromise;
}

export interface Buurt {
  code: string;
  naam: string;
  wijk: string;
  feature: GeoJSON.Feature<GeoJSON.Polygon | GeoJSON.MultiPolygon>;
  centre: L.LatLng;
}

let buurtenPromise: Promise<Buurt[]> | null = null;
export function loadBuurten(): Promise<Buurt[]> {
  buurtenPromise ??= api<GeoJSON.FeatureCollection>("/api/v1/gebieden?niveau=buurt&formaat=geojson")
    .then((fc) =>
      fc.features
        .filter((f) => f.geometry && (f.geometry.type === "Polygon" || f.geometry.type === "MultiPolygon"))
        .map((f) => {
          const feature = f as GeoJSON.Feature<GeoJSON.Polygon | GeoJSON.MultiPolygon>;
          const props = (f.properties ?? {}) as Record<string, string>;
          return {
            code: props.code,
            naam: props.naam,
            wijk: props.ouder ?? "",
            feature,
            centre: interiorPoint(feature),
          };
        })
        .sort((a, b) => a.naam.localeCompare(b.naam, "nl")),
    )
    .catch((e) => {
      buurtenPromise = null;
      throw e;
    });
  return buurtenPromise;
}

let wijkNamesPromise: Promise<Map<string, string>> | null = null;
export function loadAreaNames(): Promise<Map<string, string>> {
  wijkNamesPromise ??= api<{ gebieden: { code: string; naam: string }[] }>("/api/v1/gebieden")
    .then((r) => new Map(r.gebieden.map((g) => [g.code, g.naam])))
    .catch(() => new Map());
  return wijkNamesPromise;
}

function ringContains(ring: number[][], x: number, y: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function polygonContains(rings: number[][][], x: number, y: number): boolean {
  if (!ringContains(rings[0], x, y)) return false;
  for (let i = 1; i < rings.length; i++) if (ringContains(rings[i], x, y)) return false;
  return true;
}

export function featureContains(f: GeoJSON.Feature<GeoJSON.Polygon | GeoJSON.MultiPolygon>, ll: L.LatLng): boolean {
  const g = f.geometry;
  if (g.type === "Polygon") return polygonContains(g.coordinates, ll.lng, ll.lat);
  return g.coordinates.some((p) => polygonContains(p, ll.lng, ll.lat));
}

export function buurtAt(buurten: Buurt[], ll: L.LatLng): Buurt | undefined {
  return buurten.find((b) => featureContains(b.feature, ll));
}

// A point inside the polygon (the bounds' centre when that is inside, else a scan line's middle).
function interiorPoint(f: GeoJSON.Feature<GeoJSON.Polygon | GeoJSON.MultiPolygon>): L.LatLng {
  const bounds = L.geoJSON(f).getBounds();
  const c = bounds.getCenter();
  if (featureContains(f, c)) return c;
  for (let step = 1; step < 20; step++) {
    const lat = bounds.getSouth() + ((bounds.getNorth() - bounds.getSouth()) * step) / 20;
    for (let s = 1; s < 40; s++) {
      const p = L.latLng(lat, bounds.getWest() + ((bounds.getEast() - bounds.getWest()) * s) / 40);
      if (featureContains(f, p)) return p;
    }
  }
  return c;
}

/** Creates a map in RD New with the buurt outlines and, when reachable, PDOK tiles. */
export async function createMap(el: HTMLElement, label: string): Promise<{ map: L.Map; buurten: Buurt[] }> {
  const config = await loadMapConfig();
  const map = L.map(el, {
    crs: RD_CRS,
    center: config.centrum,
    zoom: config.zoom,
    minZoom: 3,
    maxZoom: 13,
    // Quarter steps, so fitting the municipality fills the map instead of leaving it at half size
    // (the RD resolutions double per whole step); the zoom buttons still take whole steps.
    zoomSnap: 0.25,
    keyboard: true,
    attributionControl: true,
    // No zoom animation: a map removed mid-animation (the page changed, a form was reset) makes
    // Leaflet throw on its next frame ('_leaflet_pos'); snapping also spares motion-sensitive users.
    zoomAnimation: false,
    markerZoomAnimation: false,
  });
  el.setAttribute("aria-label", label);
  el.setAttribute("role", "region");
  map.attributionControl.setPrefix(false);
  if (config.pdok && config.pdokUrl) addPdokWhenReachable(map, config.pdokUrl);
  let buurten: Buurt[] = [];
  try {
    buurten = await loadBuurten();
    const layer = L.geoJSON({ type: "FeatureCollection", features: buurten.map((b) => b.feature) } as GeoJSON.FeatureCollection, {
      style: { color: "#00466e", weight: 1, opacity: 0.7, fillColor: "#00466e", fillOpacity: 0.04 },
      interactive: false,
    });
    layer.addTo(map);
    // Open on the municipality: its buurten fill the map (not the city small in the middle).
    const bounds = layer.getBounds();
    if (bounds.isValid()) map.fitBounds(bounds, { padding: [8, 8], animate: false });
  } catch {
    /* the map still works for placing a point; the page shows the API's error elsewhere */
  }
  return { map, buurten };
}

function addPdokWhenReachable(map: L.Map, url: string) {
  const probe = new Image();
  probe.onload = () => {
    L.tileLayer(url, {
      minZoom: 0,
      maxZoom: 14,
      tms: false,
      attribution: 'Kaartgegevens: <a href="https://www.pdok.nl">PDOK</a>, Kadaster',
    })
      .addTo(map)
      .bringToBack();
  };
  probe.src = url.replace("{z}", "5").replace("{x}", "15").replace("{y}", "15");
}
