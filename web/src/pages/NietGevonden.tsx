import { Paragraph } from "@utrecht/component-library-react";
import { PageTitle } from "../components";
import { Link, usePageTitle } from "../router";

export function NietGevonden() {
  usePageTitle("Pagina niet gevonden");
  return (
    <>
      <PageTitle>Pagina niet gevonden</PageTitle>
      <Paragraph>
        Deze pagina bestaat niet (meer). Ga naar de <Link href="/">startpagina</Link>.
      </Paragraph>
    </>
  );
}
