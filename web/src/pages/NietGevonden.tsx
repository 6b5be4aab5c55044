import { Paragraph } from "@utrecht/component-library-react";
import { PageTitle } from "../components";
import { useT } from "../i18n";
import { Link, usePageTitle } from "../router";

export function NietGevonden() {
  const { t } = useT();
  usePageTitle(t("notFound.title"));
  return (
    <>
      <PageTitle>{t("notFound.title")}</PageTitle>
      <Paragraph>
        {t("notFound.before")}
        <Link href="/">{t("notFound.link")}</Link>
        {t("notFound.after")}
      </Paragraph>
    </>
  );
}
