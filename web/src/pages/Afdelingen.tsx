// Departments (beheer): the list from the staff categories (GET /api/v1/categorieen "afdelingen"),
// a new department (POST /api/v1/afdelingen) and a new name for one (PATCH .../{code}). There is no
// delete: meldingen, categories and users refer to the code. Only for "categorieen.beheren".
import { useCallback, useEffect, useId, useState, type FormEvent } from "react";
import { Button, ButtonGroup, Paragraph, Textbox } from "@utrecht/component-library-react";
import { api, ApiError, loadCategories, resetCategories, type Categorieen } from "../api";
import { ErrorAlert, Field, Loading } from "../components";
import { Announce } from "./MeldingBehandeling";

export function Afdelingen() {
  const [categories, setCategories] = useState<Categorieen | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [code, setCode] = useState("");
  const [naam, setNaam] = useState("");
  const [renaming, setRenaming] = useState<string | null>(null);
  const [newName, setNewName] = useState("");
  const [done, setDone] = useState("");
  const [busy, setBusy] = useState(false);
  const headingId = useId();
  const reload = useCallback(async () => {
    resetCategories();
    setCategories(await loadCategories());
  }, []);
  useEffect(() => {
    loadCategories().then(setCategories, setError);
  }, []);
  const fieldError = (n: string) => (error instanceof ApiError ? error.field(n) : undefined);
  const named = error instanceof ApiError && error.fields.some((f) => f.name === "code" || f.name === "naam");

  const run = async (what: () => Promise<string>) => {
    setError(null);
    setDone("");
    setBusy(true);
    try {
      setDone(await what());
      await reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const add = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      await api("/api/v1/afdelingen", { method: "POST", body: { code: code.trim(), naam: naam.trim() } });
      const text = `Afdeling ${naam.trim()} is toegevoegd.`;
      setCode("");
      setNaam("");
      return text;
    });
  };
  const rename = (e: FormEvent) => {
    e.preventDefault();
    const c = renaming;
    if (!c) return;
    void run(async () => {
      await api(`/api/v1/afdelingen/${encodeURIComponent(c)}`, { method: "PATCH", body: { naam: newName.trim() } });
      setRenaming(null);
      return `Afdeling ${c} heet nu ${newName.trim()}.`;
    });
  };

  return (
    <section aria-labelledby="afdelingen-kop">
      <h2 className="utrecht-heading-2" id="afdelingen-kop">
        Afdelingen
      </h2>
      <Announce message={done} />
      {named ? null : <ErrorAlert error={error} />}
      {!categories ? (
        error ? null : (
          <Loading what="Afdelingen" />
        )
      ) : (
        <div className="baken-table-wrap" tabIndex={0} role="region" aria-label="Afdelingen">
          <table className="baken-table" data-testid="afdelingen">
            <caption className="baken-visually-hidden">Afdelingen met code en naam</caption>
            <thead>
              <tr>
                <th scope="col">Code</th>
                <th scope="col">Naam</th>
                <th scope="col">Beheer</th>
              </tr>
            </thead>
            <tbody>
              {(categories.afdelingen ?? []).map((a) => (
                <tr key={a.code}>
                  <td>{a.code}</td>
                  <td>
                    {renaming === a.code ? (
                      <form onSubmit={rename} noValidate className="baken-row" aria-label={`Nieuwe naam voor ${a.naam}`}>
                        <Field label={`Nieuwe naam voor ${a.naam}`} error={fieldError("naam")}>
                          {(ids) => (
                            <Textbox
                              id={ids.id}
                              value={newName}
                              invalid={ids.invalid}
                              aria-invalid={ids.invalid || undefined}
                              aria-describedby={ids.describedBy}
                              onChange={(e) => setNewName(e.target.value)}
                            />
                          )}
                        </Field>
                        <ButtonGroup>
                          <Button appearance="primary-action-button" type="submit" disabled={busy}>
                            Naam opslaan
                          </Button>
                          <Button appearance="secondary-action-button" type="button" onClick={() => setRenaming(null)}>
                            Annuleren
                          </Button>
                        </ButtonGroup>
                      </form>
                    ) : (
                      a.naam
                    )}
                  </td>
                  <td>
                    {renaming === a.code ? null : (
                      <Button
                        appearance="subtle-button"
                        type="button"
                        onClick={() => {
                          setRenaming(a.code);
                          setNewName(a.naam);
                          setError(null);
                        }}
                      >
                        Naam wijzigen<span className="baken-visually-hidden"> van {a.naam}</span>
                      </Button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <form onSubmit={add} noValidate aria-labelledby={headingId} data-testid="afdeling-formulier">
        <h3 className="utrecht-heading-3" id={headingId}>
          Afdeling toevoegen
        </h3>
        <Field
          label="Code"
          description="Kleine letters, cijfers, - of _; blijft altijd gelijk (bijvoorbeeld groenbeheer)."
          error={renaming ? undefined : fieldError("code")}
        >
          {(ids) => (
            <Textbox
              id={ids.id}
              value={code}
              invalid={ids.invalid}
              aria-invalid={ids.invalid || undefined}
              aria-describedby={ids.describedBy}
              onChange={(e) => setCode(e.target.value)}
            />
          )}
        </Field>
        <Field label="Naam" error={renaming ? undefined : fieldError("naam")}>
          {(ids) => (
            <Textbox
              id={ids.id}
              value={naam}
              invalid={ids.invalid}
              aria-invalid={ids.invalid || undefined}
              aria-describedby={ids.describedBy}
              onChange={(e) => setNaam(e.target.value)}
            />
          )}
        </Field>
        <Paragraph>Een afdeling verwijderen kan niet: meldingen, categorieën en gebruikers verwijzen naar haar code.</Paragraph>
        <ButtonGroup>
          <Button appearance="primary-action-button" type="submit" disabled={busy}>
            Afdeling toevoegen
          </Button>
        </ButtonGroup>
      </form>
    </section>
  );
}
