// Beheer, read-only for now: the users (GET /api/v1/gebruikers, only for roles with the purpose
// beheer; others get the API's Dutch refusal) and the categories with their department and
// handling time (GET /api/v1/categorieen). The API has no write routes for these yet.
import { useEffect, useState } from "react";
import { Paragraph } from "@utrecht/component-library-react";
import { api, departmentName, loadCategories, type Categorieen, type Gebruiker } from "../api";
import { ErrorAlert, Loading, PageTitle } from "../components";
import { usePageTitle } from "../router";

const SENSITIVITY: Record<string, string> = { public: "Openbaar", internal: "Intern", confidential: "Vertrouwelijk", special: "Bijzonder" };

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
  const [categories, setCategories] = useState<Categorieen | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    loadCategories().then(setCategories, setError);
  }, []);
  return (
    <section aria-labelledby="categorieen-kop">
      <h2 className="utrecht-heading-2" id="categorieen-kop">
        Categorieën, afdelingen en termijnen
      </h2>
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
              </tr>
            </thead>
            {categories.hoofdcategorieen.map((m) => (
              <tbody key={m.code}>
                <tr>
                  <th scope="colgroup" colSpan={4}>
                    {m.naam}
                  </th>
                </tr>
                {m.subcategorieen.map((s) => (
                  <tr key={s.code}>
                    <td>{s.naam}</td>
                    <td>{s.afdeling ? departmentName(s.afdeling, categories) : "–"}</td>
                    <td>{s.afhandeltermijn}</td>
                    <td>{SENSITIVITY[s.gevoeligheid] ?? s.gevoeligheid}</td>
                  </tr>
                ))}
              </tbody>
            ))}
          </table>
        </div>
      )}
    </section>
  );
}

export function Beheer() {
  usePageTitle("Beheer");
  return (
    <>
      <PageTitle>Beheer</PageTitle>
      <Paragraph>
        Alleen inzien: gebruikers, categorieën en routering wijzigt de functioneel beheerder nog met de opdrachtregel
        (<code>baken user</code>, het categorieënbestand).
      </Paragraph>
      <Gebruikers />
      <Categorieen />
    </>
  );
}
