// The signed-in staff member: loaded from GET /api/v1/sessies/huidig (the cookie is HttpOnly, so
// the UI asks the server), with the CSRF token the API wants on every change.
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from "react";
import { api, ApiError, resetCategories, setCsrfToken, type Sessie } from "./api";

interface SessionState {
  session: Sessie | null;
  loading: boolean;
  checked: boolean;
  refresh: () => Promise<Sessie | null>;
  signOut: () => Promise<void>;
}

const SessionContext = createContext<SessionState>({
  session: null,
  loading: true,
  checked: false,
  refresh: async () => null,
  signOut: async () => {},
});

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Sessie | null>(null);
  // Public pages never ask who is signed in (no needless request, no 401 in the console); the
  // staff pages do, on first use.
  const [checked, setChecked] = useState(false);
  const [loading, setLoading] = useState(() => window.location.pathname.startsWith("/werk"));
  const refresh = useCallback(async () => {
    setLoading(true);
    try {
      const s = await api<Sessie>("/api/v1/sessies/huidig");
      setCsrfToken(s.csrf_token ?? "");
      // Staff see more of each category (department, internal names) than the public list had.
      resetCategories();
      setSession(s);
      return s;
    } catch (e) {
      if (!(e instanceof ApiError) || e.status !== 401) console.warn(e);
      setSession(null);
      return null;
    } finally {
      setChecked(true);
      setLoading(false);
    }
  }, []);
  const signOut = useCallback(async () => {
    try {
      await api("/api/v1/sessies/huidig", { method: "DELETE" });
    } finally {
      setCsrfToken("");
      // The staff view of the categories (department names) does not outlive the session.
      resetCategories();
      setSession(null);
    }
  }, []);
  useEffect(() => {
    if (window.location.pathname.startsWith("/werk")) void refresh();
  }, [refresh]);
  return <SessionContext.Provider value={{ session, loading, checked, refresh, signOut }}>{children}</SessionContext.Provider>;
}

export function useSession() {
  return useContext(SessionContext);
}

/**
 * Whether the policy lets this user do `recht` ("meldingen.lijst", "wijkbeeld", "analyse",
 * "programmas.lezen", "meldingen.exporteren", "categorieen.beheren", "gebruikers.beheren"): the
 * server says so in GET /api/v1/sessies/huidig ("rechten"), so menus follow the security policy
 * instead of a copy of it.
 */
export function mag(session: Sessie | null | undefined, recht: string): boolean {
  return Boolean(session?.rechten?.includes(recht));
}

// The start page: the werkvoorraad for those who may list meldingen, otherwise the page the user
// works on (a beheerder may not open the werkvoorraad at all).
export function startPagina(session: Sessie | null | undefined): string {
  if (!session || mag(session, "meldingen.lijst")) return "/werk";
  if (mag(session, "gebruikers.beheren") || mag(session, "categorieen.beheren")) return "/werk/beheer";
  if (mag(session, "programmas.lezen")) return "/werk/programmas";
  return "/werk";
}
