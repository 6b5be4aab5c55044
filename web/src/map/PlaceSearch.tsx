// Finding the place by typing: a street ("Oude Boteringestraat", "grote markt 1") or a postcode
// ("9712 GH"), answered by GET /api/v1/adressen from Baken's own address table, so it works
// without any outside service. An ARIA 1.2 combobox: the list opens as you type (after two
// characters, 200 ms after the last key), arrow keys move through it, Enter chooses, Escape
// closes; the number of results is announced. Choosing hands the point to the map.
import { useEffect, useId, useRef, useState } from "react";
import { api } from "../api";
import { Field } from "../components";
import { msgText, useT, type Msg } from "../i18n";

export interface Place {
  naam: string;
  straat: string | null;
  postcode: string | null;
  lat: number;
  lon: number;
  buurt: { code: string; naam: string } | null;
  wijk: { code: string; naam: string } | null;
}

export function PlaceSearch({ onChoose }: { onChoose: (p: Place) => void }) {
  const [query, setQuery] = useState("");
  const [results, setResults] = useState<Place[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [status, setStatus] = useState<Msg>("");
  const listId = useId();
  const requestNo = useRef(0);
  const { t } = useT();

  useEffect(() => {
    const q = query.trim();
    if (q.length < 2) {
      setResults([]);
      setOpen(false);
      setStatus("");
      return;
    }
    const no = ++requestNo.current;
    const timer = window.setTimeout(() => {
      api<{ adressen: Place[] }>(`/api/v1/adressen?q=${encodeURIComponent(q)}&aantal=8`).then(
        (r) => {
          if (no !== requestNo.current) return; // an older answer after a newer question
          setResults(r.adressen);
          setOpen(true);
          setActive(-1);
          setStatus(
            r.adressen.length === 0
              ? ["place.search.none"]
              : r.adressen.length === 1
                ? ["place.search.one"]
                : ["place.search.many", { n: r.adressen.length }],
          );
        },
        () => {
          if (no === requestNo.current) setStatus(["place.search.failed"]);
        },
      );
    }, 200);
    return () => window.clearTimeout(timer);
  }, [query]);

  const choose = (p: Place) => {
    setQuery(p.naam);
    setOpen(false);
    setResults([]);
    setStatus(p.buurt ? ["place.search.chosenBuurt", { name: p.naam, buurt: p.buurt.naam }] : ["place.search.chosen", { name: p.naam }]);
    requestNo.current++; // the query just set is not a new question
    onChoose(p);
  };

  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "ArrowDown" && results.length > 0) {
      e.preventDefault();
      setOpen(true);
      setActive((a) => (a + 1) % results.length);
    } else if (e.key === "ArrowUp" && results.length > 0) {
      e.preventDefault();
      setActive((a) => (a <= 0 ? results.length - 1 : a - 1));
    } else if (e.key === "Enter" && open && results.length > 0) {
      e.preventDefault(); // not the form's submit
      choose(results[active >= 0 ? active : 0]);
    } else if (e.key === "Escape" && open) {
      e.preventDefault();
      setOpen(false);
    }
  };

  const expanded = open && results.length > 0;
  return (
    <div className="baken-plaatszoeker">
      <Field label={t("place.search")} description={t("place.search.help")} optional>
        {(ids) => (
          <input
            id={ids.id}
            className="utrecht-textbox utrecht-textbox--html-input"
            type="text"
            role="combobox"
            autoComplete="off"
            spellCheck={false}
            aria-autocomplete="list"
            aria-expanded={expanded}
            aria-controls={listId}
            aria-activedescendant={expanded && active >= 0 ? `${listId}-${active}` : undefined}
            aria-describedby={ids.describedBy}
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={onKeyDown}
            onBlur={() => window.setTimeout(() => setOpen(false), 150)}
            data-testid="plaats-zoeken"
          />
        )}
      </Field>
      <ul id={listId} role="listbox" aria-label={t("place.search.list")} className="baken-plaatszoeker__lijst" hidden={!expanded}>
        {results.map((p, i) => (
          <li
            key={`${p.naam}-${i}`}
            id={`${listId}-${i}`}
            role="option"
            aria-selected={i === active}
            className={i === active ? "baken-plaatszoeker__optie baken-plaatszoeker__optie--actief" : "baken-plaatszoeker__optie"}
            onMouseDown={(e) => e.preventDefault() /* keep focus in the input */}
            onClick={() => choose(p)}
          >
            {p.naam}
            {p.buurt ? <span className="baken-plaatszoeker__buurt"> · {p.buurt.naam}</span> : null}
          </li>
        ))}
      </ul>
      <p className="utrecht-paragraph baken-plaatszoeker__status" role="status" aria-live="polite" data-testid="plaats-zoeken-status">
        {msgText(t, status)}
      </p>
    </div>
  );
}
