// Beheer: the users (GebruikersBeheer: read for roles with the purpose beheer, others get the API's
// Dutch refusal; created and changed by sessions with "gebruikers.beheren"), the API keys (only
// with that right) and the categories with their department and handling time
// (GET /api/v1/categorieen), the departments and the routing rules (Afdelingen, Routering; only
// with "categorieen.beheren"). Users whose session has the right "categorieen.beheren" (the
// functioneel beheerder) edit a category here and see its versions; everyone else reads. Changes
// that give someone persons wait for a second beheerder (Wijzigingen, four eyes).
import { useCallback, useEffect, useState } from "react";
import { Button, Paragraph } from "@utrecht/component-library-react";
import { departmentName, loadCategories, resetCategories, type Categorieen } from "../api";
import { ErrorAlert, Loading, PageTitle } from "../components";
import { usePageTitle } from "../router";
import { useSession } from "../session";
import { Afdelingen } from "./Afdelingen";
import { ApiSleutels } from "./ApiSleutels";
import { CategorieBewerken, SENSITIVITY } from "./CategorieBeheer";
import { GebruikersBeheer } from "./GebruikersBeheer";
import { Routering } from "./Routering";
import { Wijzigingen } from "./Wijzigingen";

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
        <Paragraph>
          Kies bij een categorie &lsquo;Wijzigen&rsquo; om haar naam, afdeling, termijn of afhandelbericht aan te passen. Elke wijziging
          wordt een nieuwe versie.
        </Paragraph>
      ) : null}
      <ErrorAlert error={error} />
      {!categories ? (
        error ? null : (
          <Loading what="Categorieën" />
        )
      ) : (
        <div className="baken-table-wrap" tabIndex={0} role="region" aria-label="Categorieën">
          <table className="baken-table" data-testid="categorieen">
            <caption className="baken-visually-hidden">
              Categorieën per hoofdcategorie met afdeling, afhandeltermijn en gevoeligheid (versie {categories.versie})
            </caption>
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
                        <Button
                          appearance="subtle-button"
                          type="button"
                          aria-expanded={editing === s.code}
                          aria-controls="categorie-bewerken"
                          onClick={() => setEditing(editing === s.code ? null : s.code)}
                        >
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
          <CategorieBewerken
            key={chosen.code}
            category={chosen}
            categories={categories}
            onSaved={reload}
            onClose={() => setEditing(null)}
          />
        ) : null}
      </div>
    </section>
  );
}

export function Beheer() {
  usePageTitle("Beheer");
  const { session } = useSession();
  const canAdminister = Boolean(session?.rechten?.includes("gebruikers.beheren"));
  const canEditReference = Boolean(session?.rechten?.includes("categorieen.beheren"));
  return (
    <>
      <PageTitle>Beheer</PageTitle>
      <Paragraph>De functioneel beheerder beheert hieronder gebruikers, API-sleutels, categorieën, afdelingen en de routering.</Paragraph>
      {canAdminister ? <Wijzigingen /> : null}
      <GebruikersBeheer />
      {canAdminister ? <ApiSleutels /> : null}
      <Categorieen />
      {canEditReference ? <Afdelingen /> : null}
      {canEditReference ? <Routering /> : null}
    </>
  );
}
