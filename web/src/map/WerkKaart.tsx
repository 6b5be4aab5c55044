// The werkvoorraad on a map: the same (filtered) meldingen as the list, over the buurt outlines.
// Meldingen close together on screen are one group marker with their count (cluster.ts), so no
// two markers overlap and each is at least 24 x 24 px; the groups are made again after a zoom.
// Every marker is keyboard-reachable (Tab reaches it): Enter on a single melding opens it, on a
// group zooms in on its meldingen (at the closest zoom: a list of links in a popup). The text
// under the map says how many meldingen are on it; the list is the alternative for screen readers.
import { useEffect, useRef, useState } from "react";
import L from "leaflet";
import type { Melding } from "../api";
import { createMap } from "./rdmap";
import { clusterPoints, type Group } from "./cluster";
import { navigate } from "../router";
import { plural } from "../i18n";

const SINGLE_PX = 24;
const GROUP_PX = 36;
const CELL_PX = 40; // seeds at least this far apart on an axis: markers up to 40 px never overlap

const at = (m: Melding) => L.latLng(m.locatie.coordinates[1], m.locatie.coordinates[0]);
const late = (m: Melding) => m.tijdigheid !== "op_tijd";

/** Focusable marker icon with a role and a name, acting on Enter and Space as on a click. */
function markerElement(marker: L.Marker, role: string, label: string, testId: string, n: number, act: () => void) {
  const icon = marker.getElement();
  if (!icon) return;
  icon.setAttribute("role", role);
  icon.setAttribute("aria-label", label);
  icon.setAttribute("data-testid", testId);
  icon.setAttribute("data-aantal", String(n));
  icon.addEventListener("keydown", (e) => {
    if (e.key === "Enter" || e.key === " ") {
      e.preventDefault();
      act();
    }
  });
}

function single(layer: L.LayerGroup, m: Melding) {
  const title = `${m.nummer}: ${m.categorie.naam}, ${m.status.naam}${late(m) ? ", te laat" : ""}`;
  const marker = L.marker(at(m), {
    icon: L.divIcon({ className: `baken-werk-marker${late(m) ? " baken-werk-marker--late" : ""}`, iconSize: [SINGLE_PX, SINGLE_PX] }),
    keyboard: true,
    title,
    alt: title,
  }).addTo(layer);
  const open = () => navigate(`/werk/meldingen/${m.id}`);
  marker.on("click", open);
  markerElement(marker, "link", title, "werk-marker", 1, open);
}

/** A popup with a link per melding, for a group that stays together at the closest zoom. */
function groupList(g: Group<Melding>): HTMLElement {
  const ul = document.createElement("ul");
  ul.className = "baken-list baken-werk-popup";
  for (const m of g.items) {
    const li = document.createElement("li");
    const a = document.createElement("a");
    a.href = `/werk/meldingen/${m.id}`;
    a.className = "utrecht-link";
    a.textContent = `${m.nummer}: ${m.categorie.naam}, ${m.status.naam}`;
    a.addEventListener("click", (e) => {
      e.preventDefault();
      navigate(a.getAttribute("href")!);
    });
    li.append(a);
    ul.append(li);
  }
  return ul;
}

function group(layer: L.LayerGroup, map: L.Map, g: Group<Melding>, el: HTMLElement) {
  const n = g.items.length;
  const anyLate = g.items.some(late);
  const atMax = map.getZoom() >= map.getMaxZoom();
  const label = `${plural(n, "melding", "meldingen")} hier${anyLate ? ", waarvan te laat: " + g.items.filter(late).length : ""}; ${atMax ? "toon de lijst" : "inzoomen"}`;
  const marker = L.marker(g.seed, {
    icon: L.divIcon({
      className: `baken-werk-cluster${anyLate ? " baken-werk-cluster--late" : ""}`,
      iconSize: [GROUP_PX, GROUP_PX],
      html: `<span aria-hidden="true">${n}</span>`,
    }),
    keyboard: true,
    title: label,
  }).addTo(layer);
  const act = () => {
    if (atMax) {
      L.popup({ maxWidth: 280 }).setLatLng(g.seed).setContent(groupList(g)).openOn(map);
      return;
    }
    const zoom = Math.min(Math.max(map.getBoundsZoom(g.bounds.pad(0.2)), map.getZoom() + 1), map.getMaxZoom());
    map.setView(g.bounds.getCenter(), zoom, { animate: false });
    el.focus(); // the markers are drawn anew; the map keeps the keyboard
  };
  marker.on("click", act);
  markerElement(marker, "button", label, "werk-cluster", n, act);
}

export function WerkKaart({ items, label }: { items: Melding[]; label: string }) {
  const el = useRef<HTMLDivElement>(null);
  const mapRef = useRef<L.Map | null>(null);
  const layerRef = useRef<L.LayerGroup | null>(null);
  const itemsRef = useRef(items);
  itemsRef.current = items;
  const [shown, setShown] = useState<{ meldingen: number; groepen: number } | null>(null);

  const draw = () => {
    const map = mapRef.current;
    if (!map || !el.current) return;
    layerRef.current?.remove();
    const layer = L.layerGroup().addTo(map);
    layerRef.current = layer;
    const groups = clusterPoints(map, itemsRef.current, at, CELL_PX);
    for (const g of groups) {
      if (g.items.length === 1) single(layer, g.items[0]);
      else group(layer, map, g, el.current);
    }
    setShown({ meldingen: itemsRef.current.length, groepen: groups.filter((g) => g.items.length > 1).length });
  };

  const fit = () => {
    const map = mapRef.current;
    if (!map || itemsRef.current.length === 0) return;
    map.fitBounds(L.latLngBounds(itemsRef.current.map(at)), { padding: [24, 24], maxZoom: 10, animate: false });
  };

  useEffect(() => {
    let cancelled = false;
    void createMap(el.current!, label).then((r) => {
      if (cancelled) {
        r.map.remove();
        return;
      }
      mapRef.current = r.map;
      r.map.on("zoomend", draw);
      fit();
      draw();
    });
    return () => {
      cancelled = true;
      mapRef.current?.remove();
      mapRef.current = null;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  useEffect(() => {
    fit();
    draw();
  }, [items]);
  return (
    <>
      <div ref={el} className="baken-map baken-map--large" data-testid="werkkaart" />
      <p className="utrecht-paragraph" data-testid="kaart-totaal">
        {shown
          ? `Op de kaart: ${plural(shown.meldingen, "melding", "meldingen")}${shown.groepen > 0 ? `, waarvan een deel in ${plural(shown.groepen, "groepje", "groepjes")} met het aantal erin; kies een groepje om in te zoomen` : ""}.`
          : "Kaart laden…"}
      </p>
    </>
  );
}
