// Grouping map points in screen space, so markers never overlap and each stays a target of at
// least 24 x 24 px (WCAG 2.2, 2.5.8). Greedy: a point joins the first group whose seed lies less
// than `cell` px away on both axes, otherwise it seeds a new group. Any two seeds are then at
// least `cell` px apart on one axis, so square markers of at most `cell` px drawn at the seeds
// never overlap. Recomputed after every zoom (screen distances change with the zoom only).
import L from "leaflet";

export interface Group<T> {
  seed: L.LatLng;
  items: T[];
  bounds: L.LatLngBounds;
}

export function clusterPoints<T>(map: L.Map, items: T[], at: (item: T) => L.LatLng, cell: number): Group<T>[] {
  const groups: (Group<T> & { p: L.Point })[] = [];
  for (const item of items) {
    const ll = at(item);
    const p = map.latLngToLayerPoint(ll);
    const g = groups.find((x) => Math.abs(x.p.x - p.x) < cell && Math.abs(x.p.y - p.y) < cell);
    if (g) {
      g.items.push(item);
      g.bounds.extend(ll);
    } else {
      groups.push({ seed: ll, p, items: [item], bounds: L.latLngBounds(ll, ll) });
    }
  }
  return groups.map(({ seed, items: members, bounds }) => ({ seed, items: members, bounds }));
}
