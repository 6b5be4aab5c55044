// The werkvoorraad on a map: the same (filtered) meldingen as the list, over the buurt outlines.
// Each marker is a keyboard-reachable link-like control (Tab reaches it, Enter opens the melding);
// the list beside the map is the alternative for screen-reader users.
import { useEffect, useRef } from "react";
import L from "leaflet";
import type { Melding } from "../api";
import { createMap } from "./rdmap";
import { navigate } from "../router";

export function WerkKaart({ items, label }: { items: Melding[]; label: string }) {
  const el = useRef<HTMLDivElement>(null);
  const mapRef = useRef<L.Map | null>(null);
  const layerRef = useRef<L.LayerGroup | null>(null);
  const itemsRef = useRef(items);
  itemsRef.current = items;

  const draw = () => {
    const map = mapRef.current;
    if (!map) return;
    layerRef.current?.remove();
    const layer = L.layerGroup().addTo(map);
    layerRef.current = layer;
    const points: L.LatLng[] = [];
    for (const m of itemsRef.current) {
      const [lon, lat] = m.locatie.coordinates;
      const ll = L.latLng(lat, lon);
      points.push(ll);
      const late = m.tijdigheid !== "op_tijd";
      const title = `${m.nummer}: ${m.categorie.naam}, ${m.status.naam}${late ? ", te laat" : ""}`;
      const marker = L.marker(ll, {
        icon: L.divIcon({ className: `baken-werk-marker${late ? " baken-werk-marker--late" : ""}`, iconSize: [18, 18], iconAnchor: [9, 9] }),
        keyboard: true,
        title,
        alt: title,
      }).addTo(layer);
      marker.on("click", () => navigate(`/werk/meldingen/${m.id}`));
      // Leaflet makes the icon focusable; give it a role and name so it is announced as a link.
      const icon = marker.getElement();
      icon?.setAttribute("role", "link");
      icon?.setAttribute("aria-label", title);
      icon?.setAttribute("data-testid", "werk-marker");
      icon?.addEventListener("keydown", (e) => {
        if (e.key === "Enter" || e.key === " ") {
          e.preventDefault();
          navigate(`/werk/meldingen/${m.id}`);
        }
      });
    }
    if (points.length > 0) map.fitBounds(L.latLngBounds(points), { padding: [24, 24], maxZoom: 10, animate: false });
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
  useEffect(draw, [items]);
  return <div ref={el} className="baken-map baken-map--large" data-testid="werkkaart" />;
}
