// A tiny translation module for the public (no-account) site: Dutch first, English as a second
// language. No library: a dictionary per language (nl.ts is the authority and the default, en.ts
// must have every key, which tsc checks), `t(key, vars)` fills in {name} placeholders.
//
// The choice is the resident's, stored in localStorage ("baken.taal"); without a stored choice
// the site is Dutch, whatever the browser's language (Dutch first, as the municipality writes;
// a resident who reads English better chooses it once with the switch in the header).
// The staff workspace (/werk/...) is Dutch only: there `useT()` always answers Dutch, so shared
// components (Field, ErrorAlert, Loading) stay Dutch for staff whatever a resident chose.
// Texts from the API (category names, status messages, errors, handling times) stay Dutch.
import { useCallback, useSyncExternalStore } from "react";
import { useLocation } from "../router";
import { nl, type Key } from "./nl";
import { en } from "./en";
import { STATES } from "../workflow";

export type Lang = "nl" | "en";
export type { Key };

const STORAGE_KEY = "baken.taal";
const DICTS: Record<Lang, Record<Key, string>> = { nl, en };
const listeners = new Set<() => void>();

function stored(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === "en" ? "en" : "nl";
  } catch {
    return "nl"; // storage blocked: Dutch
  }
}

let chosen: Lang = stored();

export function setLang(lang: Lang) {
  chosen = lang;
  try {
    if (lang === "nl") localStorage.removeItem(STORAGE_KEY);
    else localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    /* not stored: the choice lasts this page load */
  }
  listeners.forEach((l) => l());
}

function subscribe(l: () => void) {
  listeners.add(l);
  // Another tab changed the choice.
  const onStorage = (e: StorageEvent) => {
    if (e.key === STORAGE_KEY || e.key === null) {
      chosen = stored();
      l();
    }
  };
  window.addEventListener("storage", onStorage);
  return () => {
    listeners.delete(l);
    window.removeEventListener("storage", onStorage);
  };
}

/** True on the staff workspace, which is Dutch only. */
export function isStaffPath(path: string): boolean {
  return path === "/werk" || path.startsWith("/werk/");
}

export function translate(lang: Lang, key: Key, vars?: Record<string, string | number>): string {
  const text = DICTS[lang][key] ?? nl[key];
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

export type T = (key: Key, vars?: Record<string, string | number>) => string;

/** The language in force on this page (the resident's choice; Dutch on /werk) and its `t`. */
/**
 * `dutch` is the lang attribute for Dutch text from the API (category names, messages) shown on an
 * English page (WCAG 3.1.2, language of parts); undefined on a Dutch page.
 */
export function useT(): { t: T; lang: Lang; chosen: Lang; locale: string; dutch: "nl" | undefined } {
  const { path } = useLocation();
  const choice = useSyncExternalStore(subscribe, () => chosen);
  const lang: Lang = isStaffPath(path) ? "nl" : choice;
  const t = useCallback<T>((key, vars) => translate(lang, key, vars), [lang]);
  return { t, lang, chosen: choice, locale: lang === "en" ? "en-GB" : "nl-NL", dutch: lang === "en" ? "nl" : undefined };
}

/**
 * A status as residents read it, from its code or its Dutch name (the API gives either); unknown
 * statuses are shown as the API gave them.
 */
export function statusName(t: T, codeOrName: string, fallback = codeOrName): string {
  const s = STATES.find((x) => x.code === codeOrName || x.naam === codeOrName);
  return s ? t(`status.${s.code}` as Key) : fallback;
}

/**
 * A message kept in state: a key (shown in the language in force, so a switch mid-form
 * re-translates it) or a text as it came (a Dutch reason from the API).
 */
export type Msg = string | [Key, Record<string, string | number>?];

export function msgText(t: T, m: Msg): string {
  return typeof m === "string" ? m : t(m[0], m[1]);
}

/**
 * A count with its noun in the singular or the plural: plural(1, "melding", "meldingen") is
 * "1 melding", plural(3, ...) "3 meldingen". `format` writes the number (String by default; pass
 * a nl-NL formatter for "1.234").
 */
export function plural(n: number, one: string, many: string, format: (n: number) => string = String): string {
  return `${format(n)} ${n === 1 ? one : many}`;
}
