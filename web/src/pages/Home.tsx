import { Heading2, Paragraph } from "@utrecht/component-library-react";
import { PageTitle } from "../components";
import { Link, usePageTitle } from "../router";

export function Home() {
  usePageTitle("Overlast melden");
  return (
    <>
      <PageTitle>Overlast of een probleem in de buurt melden</PageTitle>
      <Paragraph lead>
        Ziet u afval, hinder, overlast of iets dat niet klopt in uw straat of buurt? Meld het bij de gemeente Groningen. U kunt
        uw melding daarna volgen.
      </Paragraph>
      <ul className="baken-cards">
        <li className="baken-card">
          <Heading2>Melding maken</Heading2>
          <Paragraph>In een paar stappen: wat is er, waar, eventueel een foto. U hoeft geen account te hebben.</Paragraph>
          <Link href="/melden" className="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action">
            Melding maken
          </Link>
        </li>
        <li className="baken-card">
          <Heading2>Melding volgen</Heading2>
          <Paragraph>Met de persoonlijke link uit uw bevestiging ziet u de status en berichten van de gemeente.</Paragraph>
          <Link href="/volgen">Melding volgen</Link>
        </li>
        <li className="baken-card">
          <Heading2>Kaart met meldingen</Heading2>
          <Paragraph>Bekijk welke meldingen al open staan, zodat u niet dubbel hoeft te melden.</Paragraph>
          <Link href="/kaart">Naar de kaart</Link>
        </li>
      </ul>
      <Heading2>Spoed?</Heading2>
      <Paragraph>
        Bij gevaar of een misdrijf dat nu gebeurt: bel 112. Vermoedt u uitbuiting of mensenhandel? U kunt dat hier melden, ook
        anoniem; een melding wordt vertrouwelijk behandeld.
      </Paragraph>
    </>
  );
}
