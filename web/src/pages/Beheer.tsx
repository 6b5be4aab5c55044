// Beheer: the users (GET /api/v1/gebruikers, only for roles with the purpose beheer; others get
// the API's Dutch refusal, read-only) and the categories with their department and handling time
// (GET /api/v1/categorieen). Users whose session has the right "categorieen.beheren" (the
// functioneel beheerder) edit a category here and see its versions; everyone else reads.
import { useCallback, useEffect, useState } from "react";
import { Button, Paragraph } from "@utrecht/component-library-react";
import { api, departmentName, loadCategories, resetCategories, type Categorieen, type Gebruiker } from "../api";
import { ErrorAlert, Loading, PageTitle } from "../components";
import { usePageTitle } from "../router";
import { useSession } from "../session";
import { CategorieBewerken, SENSITIVITY } from "./CategorieBeheer";

function Gebruikers() {
  const [users, setUsers] = useState<Gebruiker[] | null>(null);
  const [categories, setCategories] = useState<Categorieen | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    loadCategories().then(setCategories, () => undefined);
    api<{ gebruikers: Gebruiker[] }>("/api/v1/gebruikers").then(
      (r) => setUsers(r.gebruikers.sort((a, b) => a.gebruikersnaam.localeCompare(b.gebruikersnaam, "nl"))),
      setError,
    );
  }, []);
  return (
    <section aria-labelledby="gebruikers-kop">
      <h2 className="utrecht-heading-2" id="gebruikers-kop">
        Gebruikers en rollen
      </h2>
      {error ? (
        <ErrorAlert error={error} title="U kunt de gebruikers niet inzien" />
      ) : !users ? (
        <Loading what="Gebruikers" />
      ) : (
        <div className="baken-table-wrap">
          <table className="baken-table" data-testid="gebruikers">
            <caption className="baken-visually-hidden">Gebruikers met hun rol, afdelingen en tweestapsverificatie</caption>
            <thead>
              <tr>
                <th scope="col">Gebruikersnaam</th>
                <th scope="col">Naam</th>
                <th scope="col">Rol</th>
                <th scope="col">Afdelingen</th>
                <th scope="col">Tweestapsverificatie</th>
                <th scope="col">Account</th>
              </tr>
            </thead>
            <tbody>
              {users.map((u) => (
                <tr key={u.id}>
                  <td>{u.gebruikersnaam}</td>
                  <td>{u.naam ?? "(afgeschermd)"}</td>
                  <td>{u.rol}</td>
                  <td>{u.afdelingen.map((a) => departmentName(a, categories)).join(", ") || "–"}</td>
                  <td>{u.tweede_factor ? "Ingesteld" : "Niet ingesteld"}</td>
                  <td>{u.uitgeschakeld ? "Uitgeschakeld" : "Actief"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function Categorieen() {
  const { session } = useSession();
  const canEdit = Boolean(session?.rechten?.includes("categorieen.beheren"));
  const [categories, setCategories] = useState<Categorieen | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [editing, setEditing] = useState<string | null>(null);
  useEffect(() => {
    loadCategories().then(setCategories, setError);
  }, []);
  const reload = useCallback(async () => {
    resetCategories();
    setCategories(await loadCategories());
  }, []);
  // Move focus to the form's heading when it opens, so keyboard and screen-reader users land there.
  useEffect(() => {
    if (editing) document.getElementById("categorie-bewerken")?.querySelector<HTMLElement>("h3")?.focus();
  }, [editing]);
  const chosen = editing ? categories?.hoofdcategorieen.flatMap((m) => m.subcategorieen).find((s) => s.code === editing) : undefined;
  return (
    <section aria-labelledby="categorieen-kop">
      <h2 className="utrecht-heading-2" id="categorieen-kop">
        Categorieën, afdelingen en termijnen
      </h2>
      {canEdit ? (
        <Paragraph>Kies bij een categorie &lsquo;Wijzigen&rsquo; om haar naam, afdeling, termijn of afhandelbericht aan te passen. Elke wijziging wordt een nieuwe versie.</Paragraph>
      ) : null}
      <ErrorAlert error={error} />
      {!categories ? (
        error ? null : <Loading what="Categorieën" />
      ) : (
        <div className="baken-table-wrap">
          <table className="baken-table" data-testid="categorieen">
            <caption className="baken-visually-hidden">Categorieën per hoofdcategorie met afdeling, afhandeltermijn en gevoeligheid (versie {categories.versie})</caption>
            <thead>
              <tr>
                <th scope="col">Categorie</th>
                <th scope="col">Afdeling</th>
                <th scope="col">Afhandeltermijn</th>
                <th scope="col">Gevoeligheid</th>
                {canEdit ? <th scope="col">Beheer</th> : null}
              </tr>
            </thead>
            {categories.hoofdcategorieen.map((m) => (
              <tbody key={m.code}>
                <tr>
                  <th scope="colgroup" colSpan={canEdit ? 5 : 4}>
                    {m.naam}
                  </th>
                </tr>
                {m.subcategorieen.map((s) => (
                  <tr key={s.code} data-code={s.code}>
                    <td>{s.naam}</td>
                    <td>{s.afdeling ? departmentName(s.afdeling, categories) : "–"}</td>
                    <td>{s.afhandeltermijn}</td>
                    <td>{SENSITIVITY[s.gevoeligheid] ?? s.gevoeligheid}</td>
                    {canEdit ? (
                      <td>
                        <Button appearance="subtle-button" type="button" aria-expanded={editing === s.code} aria-controls="categorie-bewerken" onClick={() => setEditing(editing === s.code ? null : s.code)}>
                          Wijzigen<span className="baken-visually-hidden"> {s.naam}</span>
                        </Button>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            ))}
          </table>
        </div>
      )}
      <div id="categorie-bewerken">
        {canEdit && chosen && categories ? (
          <CategorieBewerken key={chosen.code} category={chosen} categories={categories} onSaved={reload} onClose={() => setEditing(null)} />
        ) : null}
      </div>
    </section>
  );
}

export function Beheer() {
  usePageTitle("Beheer");
  return (
    <>
      <PageTitle>Beheer</PageTitle>
      <Paragraph>
        Gebruikers en routering wijzigt de functioneel beheerder met de opdrachtregel (<code>baken user</code>, het routeringsbestand);
        categorieën wijzigt de functioneel beheerder hieronder.
      </Paragraph>
      <Gebruikers />
      <Categorieen />
    </>
  );
}
