import { useEffect, useRef } from "react";
import { Link, match, navigate, useLocation } from "./router";
import { mag, SessionProvider, startPagina, useSession } from "./session";
import { Home } from "./pages/Home";
import { Bevestiging } from "./pages/Bevestiging";
import { Volgen } from "./pages/Volgen";
import { Aanmelden } from "./pages/Aanmelden";
import { NietGevonden } from "./pages/NietGevonden";
import { WachtwoordWijzigen } from "./pages/WachtwoordWijzigen";
import { setLang, useT } from "./i18n";
import { lazyPage, PageLoader, preloadPage } from "./lazyPage";

// The staff workspace and the map pages load on demand (chunks of their own), so the public home,
// follow and sign-in pages download none of them.
const MeldingMaken = lazyPage(() => import("./pages/MeldingMaken").then((m) => m.MeldingMaken));
const PubliekeKaart = lazyPage(() => import("./pages/PubliekeKaart").then((m) => m.PubliekeKaart));
const Werkvoorraad = lazyPage(() => import("./pages/Werkvoorraad").then((m) => m.Werkvoorraad));
const MeldingDetail = lazyPage(() => import("./pages/MeldingDetail").then((m) => m.MeldingDetail));
const Boa = lazyPage(() => import("./pages/Boa").then((m) => m.Boa));
const Beheer = lazyPage(() => import("./pages/Beheer").then((m) => m.Beheer));
const Analyse = lazyPage(() => import("./pages/Analyse").then((m) => m.Analyse));
const Programmas = lazyPage(() => import("./pages/Programmas").then((m) => m.Programmas));
const Programma = lazyPage(() => import("./pages/Programma").then((m) => m.Programma));
const Wijkbeeld = lazyPage(() => import("./pages/Wijkbeeld").then((m) => m.Wijkbeeld));

function Page() {
  const { path } = useLocation();
  let m: Record<string, string> | null;
  if (path === "/" || path === "") return <Home />;
  if (path === "/melden") return <MeldingMaken />;
  if (path === "/melden/verstuurd") return <Bevestiging />;
  if ((m = match("/volgen/:code", path))) return <Volgen code={m.code} />;
  if (path === "/volgen") return <Volgen code="" />;
  if (path === "/kaart") return <PubliekeKaart />;
  if (path === "/werk/aanmelden") return <Aanmelden />;
  if (path === "/werk" || path === "/werk/")
    return (
      <StaffOnly>
        <Werkvoorraad />
      </StaffOnly>
    );
  if (path === "/werk/boa")
    return (
      <StaffOnly>
        <Boa />
      </StaffOnly>
    );
  if (path === "/werk/beheer")
    return (
      <StaffOnly>
        <Beheer />
      </StaffOnly>
    );
  if (path === "/werk/wachtwoord")
    return (
      <StaffOnly>
        <WachtwoordWijzigen />
      </StaffOnly>
    );
  if (path === "/werk/analyse")
    return (
      <StaffOnly>
        <Analyse />
      </StaffOnly>
    );
  if (path === "/werk/programmas")
    return (
      <StaffOnly>
        <Programmas />
      </StaffOnly>
    );
  if ((m = match("/werk/programmas/:code", path)))
    return (
      <StaffOnly>
        <Programma code={m.code} />
      </StaffOnly>
    );
  if (path === "/werk/wijken")
    return (
      <StaffOnly>
        <Wijkbeeld />
      </StaffOnly>
    );
  if ((m = match("/werk/meldingen/:id", path)))
    return (
      <StaffOnly>
        <MeldingDetail id={m.id} />
      </StaffOnly>
    );
  return <NietGevonden />;
}

function StaffOnly({ children }: { children: React.ReactNode }) {
  const { session, loading, checked, refresh } = useSession();
  const { path } = useLocation();
  // The page's chunk comes while the session is checked, not after.
  useEffect(() => preloadPage(children), [children]);
  useEffect(() => {
    if (!checked && !loading) void refresh();
  }, [checked, loading, refresh]);
  useEffect(() => {
    if (checked && !loading && (!session || session.totp_instellen_vereist || session.wachtwoord_wijzigen_vereist)) {
      navigate(`/werk/aanmelden?terug=${encodeURIComponent(path + window.location.search)}`, { replace: true });
    }
  }, [checked, loading, session, path]);
  if (!checked || loading || !session || session.totp_instellen_vereist || session.wachtwoord_wijzigen_vereist)
    return <p role="status">Aanmelding controleren…</p>;
  return <>{children}</>;
}

function Header() {
  const { path } = useLocation();
  const { session, signOut } = useSession();
  const staff = path.startsWith("/werk");
  const current = (href: string) => (path === href ? "page" : undefined);
  const { t, lang } = useT();
  // The logo leads staff to their role's start page (a beheerder's is Beheer, not the werkvoorraad).
  const home = staff ? startPagina(session) : "/";
  // Werkvoorraad and Op straat only for roles that may list meldingen (or before the session is known).
  const handlesMeldingen = !session || mag(session, "meldingen.lijst");
  return (
    <header className="baken-header">
      <div className="baken-header__inner">
        <a
          href={home}
          className="baken-logo"
          onClick={(e) => {
            e.preventDefault();
            navigate(home);
          }}
        >
          <span aria-hidden="true">⚑</span> Baken{" "}
          <small>
            {t("site.municipality")}
            {staff ? " · werkomgeving" : ""}
          </small>
        </a>
        <nav className="baken-nav" aria-label={t("site.mainMenu")}>
          {staff ? (
            <ul>
              {handlesMeldingen ? (
                <li>
                  <Link href="/werk" aria-current={current("/werk")}>
                    Werkvoorraad
                  </Link>
                </li>
              ) : null}
              {handlesMeldingen ? (
                <li>
                  <Link href="/werk/boa" aria-current={current("/werk/boa")}>
                    Op straat
                  </Link>
                </li>
              ) : null}
              {mag(session, "wijkbeeld") ? (
                <li>
                  <Link href="/werk/wijken" aria-current={current("/werk/wijken")}>
                    Wijkbeeld
                  </Link>
                </li>
              ) : null}
              {mag(session, "analyse") ? (
                <li>
                  <Link href="/werk/analyse" aria-current={current("/werk/analyse")}>
                    Analyse
                  </Link>
                </li>
              ) : null}
              {mag(session, "programmas.lezen") ? (
                <li>
                  <Link href="/werk/programmas" aria-current={current("/werk/programmas")}>
                    Programma's
                  </Link>
                </li>
              ) : null}
              <li>
                <Link href="/werk/beheer" aria-current={current("/werk/beheer")}>
                  Beheer
                </Link>
              </li>
              <li>
                <Link href="/">Publieke site</Link>
              </li>
              {session ? (
                <li>
                  <Link href="/werk/wachtwoord" aria-current={current("/werk/wachtwoord")}>
                    Wachtwoord wijzigen
                  </Link>
                </li>
              ) : null}
              {session ? (
                <li>
                  <a
                    href="/werk/aanmelden"
                    onClick={(e) => {
                      e.preventDefault();
                      void signOut().then(() => navigate("/werk/aanmelden"));
                    }}
                  >
                    Afmelden ({session.naam || session.gebruiker})
                  </a>
                </li>
              ) : null}
            </ul>
          ) : (
            <ul>
              <li>
                <Link href="/melden" aria-current={current("/melden")}>
                  {t("site.nav.report")}
                </Link>
              </li>
              <li>
                <Link href="/volgen" aria-current={current("/volgen")}>
                  {t("site.nav.follow")}
                </Link>
              </li>
              <li>
                <Link href="/kaart" aria-current={current("/kaart")}>
                  {t("site.nav.map")}
                </Link>
              </li>
              <li>
                <Link href="/werk">{t("site.nav.staff")}</Link>
              </li>
              {/* The language switch is on the public site only: the staff workspace is Dutch only
                  (useT answers Dutch on /werk whatever the resident chose). It names the other
                  language in that language, marked with lang so screen readers pronounce it. */}
              <li>
                <button
                  type="button"
                  className="baken-taalknop"
                  lang={t("site.switchToLang")}
                  data-testid="taalkeuze"
                  onClick={() => setLang(lang === "nl" ? "en" : "nl")}
                >
                  {t("site.switchTo")}
                </button>
              </li>
            </ul>
          )}
        </nav>
      </div>
    </header>
  );
}

// Focuses the new page's h1 once it is shown: at once, or when the page's chunk has loaded (while
// it loads, React keeps the old page hidden in the DOM, so only a visible h1 counts).
// Returns the clean-up for the next page change.
function focusHeadingWhenShown(): () => void {
  let observer: MutationObserver | null = null;
  const focus = () => {
    const h1 = [...document.querySelectorAll<HTMLElement>("main h1")].find((h) => h.getClientRects().length > 0);
    if (!h1) return false;
    observer?.disconnect();
    h1.focus();
    return true;
  };
  const timer = window.setTimeout(() => {
    const main = document.querySelector("main");
    if (focus() || !main) return;
    observer = new MutationObserver(() => void focus());
    observer.observe(main, { childList: true, subtree: true, attributes: true, attributeFilter: ["style"] });
  }, 0);
  return () => {
    window.clearTimeout(timer);
    observer?.disconnect();
  };
}

export function App() {
  const { path } = useLocation();
  const first = useRef(true);
  const { t, lang } = useT();
  // <html lang> follows the language in force (Dutch on /werk), so screen readers read it right.
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  // After a client-side page change, focus goes to the new page's heading (as after a page load
  // the reader starts at the top), so keyboard and screen-reader users know where they are.
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    window.scrollTo(0, 0);
    return focusHeadingWhenShown();
  }, [path]);
  return (
    <SessionProvider>
      <a className="utrecht-skip-link" href="#inhoud">
        {t("site.skip")}
      </a>
      <Header />
      <main id="inhoud" className="baken-main" tabIndex={-1}>
        <PageLoader>
          <Page />
        </PageLoader>
      </main>
      <footer className="baken-footer">
        <div className="baken-footer__inner">
          <p>{t("site.footer")}</p>
        </div>
      </footer>
    </SessionProvider>
  );
}
