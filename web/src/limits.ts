// What the server accepts in a melding (GET /api/v1/publiek/limieten): text length, number, size
// and kinds of photos, the whole request. The form checks and says these numbers instead of its
// own copy, so the two cannot drift apart. Asked once per page load; while the answer is not
// there (or never comes) the form leaves the checks to the server, whose errors name the field.
import { useEffect, useState } from "react";
import { api } from "./api";

export interface Limieten {
  tekst_min_tekens: number;
  tekst_max_tekens: number;
  bijlagen_max_aantal: number;
  bijlage_max_bytes: number;
  bijlage_types: string[];
  verzoek_max_bytes: number;
}

let pending: Promise<Limieten> | null = null;

export function loadLimits(): Promise<Limieten> {
  pending ??= api<Limieten>("/api/v1/publiek/limieten").catch((e) => {
    pending = null; // a later page may try again
    throw e;
  });
  return pending;
}

export function useLimits(): Limieten | null {
  const [limits, setLimits] = useState<Limieten | null>(null);
  useEffect(() => {
    let live = true;
    loadLimits().then(
      (l) => live && setLimits(l),
      () => {
        /* the server still checks; its errors go to the field they name */
      },
    );
    return () => {
      live = false;
    };
  }, []);
  return limits;
}

/** Code points, as the server counts text (not UTF-16 units). */
export function characters(text: string): number {
  return [...text].length;
}

/** "8 MB" for 8 * 1024 * 1024 bytes: whole megabytes, as the server says them. */
export function megabytes(bytes: number): number {
  return Math.floor(bytes / (1024 * 1024));
}

/** Photos only: the server's attachment types that are images. */
export function photoTypes(limits: Limieten): string[] {
  return limits.bijlage_types.filter((t) => t.startsWith("image/"));
}
