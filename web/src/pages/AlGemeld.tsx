// "Dit is al gemeld" on the place step of Melding maken (as FixMyStreet does): the open meldingen of
// the chosen category near the chosen spot, from GET /api/v1/publiek/vergelijkbare-meldingen (only
// categories on the public map, places coarsened as on the map, no text or persons). Only a hint:
// the resident may report anyway, and any error (the network is gone) leaves the step as it was.
import { useEffect, useState } from "react";
import { useT } from "../i18n";

interface Nearby {
  categorie: string;
  status: string;
  datum: string;
  locatie: { coordinates: [number, number] };
}

/** Metres between two WGS84 points (equirectangular; fine for a few hundred metres). */
function metres(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const r = 6371000;
  const x = (((lon2 - lon1) * Math.PI) / 180) * Math.cos((((lat1 + lat2) / 2) * Math.PI) / 180);
  const y = ((lat2 - lat1) * Math.PI) / 180;
  return Math.sqrt(x * x + y * y) * r;
}

export function AlGemeld({ category, location }: { category: string; location: { lat: number; lon: number } | null }) {
  const [count, setCount] = useState(0);
  const [items, setItems] = useState<Nearby[]>([]);
  const { t, locale, dutch } = useT();
  const lat = location?.lat;
  const lon = location?.lon;
  useEffect(() => {
    setCount(0);
    setItems([]);
    if (!category || lat === undefined || lon === undefined) return;
    let cancelled = false;
    const timer = window.setTimeout(() => {
      const q = new URLSearchParams({ categorie: category, lon: lon.toFixed(6), lat: lat.toFixed(6) });
      fetch(`/api/v1/publiek/vergelijkbare-meldingen?${q}`, { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then((r) => (r.ok ? r.json() : null))
        .then((j: { aantal?: unknown; meldingen?: Nearby[] } | null) => {
          if (cancelled || !j || typeof j.aantal !== "number" || j.aantal <= 0) return;
          setCount(j.aantal);
          setItems(Array.isArray(j.meldingen) ? j.meldingen : []);
        })
        .catch(() => undefined);
    }, 300);
    return () => {
      cancelled = true;
      window.clearTimeout(timer);
    };
  }, [category, lat, lon]);
  const date = (d: string) => new Date(`${d}T12:00:00`).toLocaleDateString(locale, { day: "numeric", month: "long" });
  return (
    <div role="status" aria-live="polite" data-testid="vergelijkbaar">
      {count > 0 ? (
        <div className="utrecht-alert utrecht-alert--info">
          <div className="utrecht-alert__content">
            <p className="utrecht-paragraph utrecht-alert__message">
              <strong>{t("report.similar.h")}</strong>{" "}
              {count === 1 ? t("report.similar.1") : count >= 100 ? t("report.similar.many") : t("report.similar.n", { n: count })}
            </p>
            {items.length > 0 && lat !== undefined && lon !== undefined ? (
              <ul className="utrecht-unordered-list" data-testid="al-gemeld">
                {items.map((m, i) => (
                  <li key={i}>
                    <span lang={dutch}>{m.categorie}</span>:{" "}
                    {t("report.similar.item", {
                      datum: date(m.datum),
                      afstand: String(
                        Math.max(10, Math.round(metres(lon, lat, m.locatie.coordinates[0], m.locatie.coordinates[1]) / 10) * 10),
                      ),
                    })}{" "}
                    ({t("report.similar.status")} <span lang={dutch}>{m.status.toLowerCase()}</span>)
                  </li>
                ))}
              </ul>
            ) : null}
          </div>
        </div>
      ) : null}
    </div>
  );
}
