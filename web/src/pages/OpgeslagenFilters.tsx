// Saved werkvoorraad filters: the current address's filters under a name, kept in this browser's
// localStorage per signed-in user (the API has no place for them). Nothing personal is stored:
// only the query string of the list.
import { useState, type FormEvent } from "react";
import { Button, Paragraph, Textbox } from "@utrecht/component-library-react";
import { Field } from "../components";
import { Link, useLocation } from "../router";
import { useSession } from "../session";

interface SavedFilter {
  naam: string;
  query: string;
}

function storageKey(user: string) {
  return `baken:werkvoorraad-filters:${user}`;
}

function read(user: string): SavedFilter[] {
  try {
    const v = JSON.parse(window.localStorage.getItem(storageKey(user)) ?? "[]");
    return Array.isArray(v) ? v.filter((f) => typeof f?.naam === "string" && typeof f?.query === "string") : [];
  } catch {
    return [];
  }
}

export function OpgeslagenFilters() {
  const { session } = useSession();
  const { search } = useLocation();
  const user = session?.gebruiker ?? "";
  const [saved, setSaved] = useState<SavedFilter[]>(() => read(user));
  const [name, setName] = useState("");
  const [error, setError] = useState("");
  const [done, setDone] = useState("");
  if (!user) return null;

  const store = (list: SavedFilter[]) => {
    setSaved(list);
    try {
      window.localStorage.setItem(storageKey(user), JSON.stringify(list));
    } catch {
      setError("Opslaan in deze browser lukt niet (opslag vol of uitgeschakeld).");
    }
  };
  const save = (e: FormEvent) => {
    e.preventDefault();
    setDone("");
    const n = name.trim();
    if (!n) {
      setError("Geef het filter een naam.");
      return;
    }
    setError("");
    const q = new URLSearchParams(search);
    q.delete("cursor");
    store([...saved.filter((f) => f.naam !== n), { naam: n, query: q.toString() }].sort((a, b) => a.naam.localeCompare(b.naam, "nl")));
    setName("");
    setDone(`Filter '${n}' opgeslagen.`);
  };
  const remove = (n: string) => {
    store(saved.filter((f) => f.naam !== n));
    setDone(`Filter '${n}' verwijderd.`);
  };
  return (
    <section className="baken-saved" aria-labelledby="opgeslagen-kop">
      <h2 className="utrecht-heading-3" id="opgeslagen-kop">
        Opgeslagen filters
      </h2>
      {saved.length === 0 ? (
        <Paragraph>Nog geen opgeslagen filters. Stel hierboven filters in en sla ze op onder een naam.</Paragraph>
      ) : (
        <ul className="baken-row baken-saved__list" data-testid="opgeslagen-filters">
          {saved.map((f) => (
            <li key={f.naam}>
              <Link href={`/werk${f.query ? `?${f.query}` : ""}`}>{f.naam}</Link>{" "}
              <button
                type="button"
                className="baken-linkbutton"
                onClick={() => remove(f.naam)}
                aria-label={`Filter '${f.naam}' verwijderen`}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <form className="baken-row" onSubmit={save} noValidate aria-label="Huidige filters opslaan">
        <Field label="Naam voor de huidige filters" error={error || undefined}>
          {(ids) => (
            <Textbox
              id={ids.id}
              value={name}
              invalid={ids.invalid}
              aria-invalid={ids.invalid || undefined}
              aria-describedby={ids.describedBy}
              onChange={(e) => setName(e.target.value)}
            />
          )}
        </Field>
        <div className="utrecht-form-field">
          <Button appearance="secondary-action-button" type="submit">
            Filters opslaan
          </Button>
        </div>
      </form>
      <p className="baken-visually-hidden" role="status" aria-live="polite">
        {done}
      </p>
    </section>
  );
}
