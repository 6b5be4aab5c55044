import { Heading2, Paragraph } from "@utrecht/component-library-react";
import { PageTitle } from "../components";
import { useT } from "../i18n";
import { Link, usePageTitle } from "../router";

export function Home() {
  const { t } = useT();
  usePageTitle(t("home.title"));
  return (
    <>
      <PageTitle>{t("home.h1")}</PageTitle>
      <Paragraph lead>{t("home.lead")}</Paragraph>
      <ul className="baken-cards">
        <li className="baken-card">
          <Heading2>{t("home.report.h")}</Heading2>
          <Paragraph>{t("home.report.p")}</Paragraph>
          <Link href="/melden" className="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action">
            {t("home.report.link")}
          </Link>
        </li>
        <li className="baken-card">
          <Heading2>{t("home.follow.h")}</Heading2>
          <Paragraph>{t("home.follow.p")}</Paragraph>
          <Link href="/volgen">{t("home.follow.link")}</Link>
        </li>
        <li className="baken-card">
          <Heading2>{t("home.map.h")}</Heading2>
          <Paragraph>{t("home.map.p")}</Paragraph>
          <Link href="/kaart">{t("home.map.link")}</Link>
        </li>
      </ul>
      <Heading2>{t("home.urgent.h")}</Heading2>
      <Paragraph>{t("home.urgent.p")}</Paragraph>
    </>
  );
}
