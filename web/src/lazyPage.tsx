// Pages loaded on demand. The staff workspace and the map pages are script chunks of their own, so
// the public pages do not download them (docs/adr/0016-static-files-cached-and-precompressed.md).
// While a chunk loads the page says so (role=status); when it cannot be loaded (the connection
// dropped, or an open page asks for a chunk of the build before a deploy, which the server no
// longer has) it says so and offers a reload, instead of staying empty. Other errors are not
// caught here.
import { Component, isValidElement, lazy, Suspense, type ComponentType, type ReactNode } from "react";
import { Alert, Button, Paragraph } from "@utrecht/component-library-react";
import { PageTitle } from "./components";
import { useT } from "./i18n";
import { useLocation } from "./router";

class PageLoadError extends Error {}

/**
 * A page component from a chunk: `lazyPage(() => import("./pages/X").then((m) => m.X))`.
 * `preload()` starts fetching the chunk early (e.g. while the session is checked); it is fetched
 * once either way.
 */
// `any` as React.lazy itself takes it: a page of any props (ComponentType<never> is not accepted there).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function lazyPage<T extends ComponentType<any>>(load: () => Promise<T>) {
  let loading: Promise<{ default: T }> | null = null;
  const preload = () =>
    (loading ??= load().then(
      (component) => ({ default: component }),
      (e: unknown) => {
        throw new PageLoadError(String(e));
      },
    ));
  return Object.assign(lazy(preload), { preload });
}

/** Starts fetching the chunk of a page element made by lazyPage (nothing for other elements). */
export function preloadPage(element: ReactNode) {
  if (isValidElement(element)) (element.type as { preload?: () => unknown }).preload?.();
}

function PageLoading() {
  const { t } = useT();
  return (
    <Paragraph role="status" aria-live="polite">
      {t("site.loadingPage")}
    </Paragraph>
  );
}

function PageLoadFailed() {
  const { t } = useT();
  return (
    <>
      <PageTitle>{t("site.loadFailedTitle")}</PageTitle>
      <Alert type="error" role="alert">
        <Paragraph>{t("site.loadFailed")}</Paragraph>
        <Button appearance="primary-action-button" onClick={() => window.location.reload()}>
          {t("site.reload")}
        </Button>
      </Alert>
    </>
  );
}

class LoadBoundary extends Component<{ path: string; children: ReactNode }, { error: unknown }> {
  state: { error: unknown } = { error: null };
  static getDerivedStateFromError(error: unknown) {
    return { error };
  }
  componentDidUpdate(previous: { path: string }) {
    if (previous.path !== this.props.path && this.state.error) this.setState({ error: null });
  }
  render() {
    if (this.state.error instanceof PageLoadError) return <PageLoadFailed />;
    if (this.state.error) throw this.state.error;
    return this.props.children;
  }
}

/** Around the page: the loading text while its chunk loads, the reload offer when it fails. */
export function PageLoader({ children }: { children: ReactNode }) {
  const { path } = useLocation();
  return (
    <LoadBoundary path={path}>
      <Suspense fallback={<PageLoading />}>{children}</Suspense>
    </LoadBoundary>
  );
}
