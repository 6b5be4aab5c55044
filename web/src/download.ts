// Downloading a file with fetch instead of a plain link, so the page can show how far it is
// (bytes received of Content-Length when the server sends one, otherwise bytes so far) and the user
// can stop it (AbortController). The file is then handed to the browser through a blob URL and an
// <a download> click; the blob URL stays valid while the page shows it, so it can be saved again.
// Errors arrive as ApiError (problem+json with a Dutch message), a stop as state "gestopt".
import { useCallback, useEffect, useRef, useState } from "react";
import { ApiError, problemOf } from "./api";

export type DownloadFase = "rust" | "bezig" | "klaar" | "gestopt" | "fout";

export interface DownloadStand {
  fase: DownloadFase;
  bestand: string;
  ontvangen: number;
  /** Content-Length, when the server sent one. */
  totaal: number | null;
  /** The blob URL of the finished file. */
  url: string | null;
  fout: unknown;
}

const RUST: DownloadStand = { fase: "rust", bestand: "", ontvangen: 0, totaal: null, url: null, fout: null };

/** "12,3 kB", "1,4 MB": sizes as a Dutch reader expects them. */
export function grootte(bytes: number): string {
  if (bytes < 1000) return `${bytes} bytes`;
  if (bytes < 1_000_000) return `${(bytes / 1000).toLocaleString("nl-NL", { maximumFractionDigits: 1 })} kB`;
  return `${(bytes / 1_000_000).toLocaleString("nl-NL", { maximumFractionDigits: 1 })} MB`;
}

/** The file name from Content-Disposition, else the given one. */
function bestandsnaam(res: Response, fallback: string): string {
  const cd = res.headers.get("Content-Disposition") ?? "";
  const m = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(cd);
  return fallback || (m ? decodeURIComponent(m[1]) : "download");
}

/** Fetches url and reports each chunk; resolves with the file as a blob. */
export async function haalBestand(
  url: string,
  signal: AbortSignal,
  voortgang: (ontvangen: number, totaal: number | null) => void,
): Promise<{ blob: Blob; naam: string; response: Response }> {
  let res: Response;
  try {
    res = await fetch(url, { credentials: "same-origin", signal });
  } catch (e) {
    if (signal.aborted) throw e;
    throw new ApiError(0, "Geen verbinding", "De server is niet bereikbaar. Controleer uw verbinding en probeer het opnieuw.", "", []);
  }
  if (!res.ok) throw await problemOf(res);
  const lengte = Number(res.headers.get("Content-Length"));
  const totaal = Number.isFinite(lengte) && lengte > 0 ? lengte : null;
  voortgang(0, totaal);
  const delen: Uint8Array[] = [];
  let ontvangen = 0;
  if (res.body) {
    const reader = res.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      delen.push(value);
      ontvangen += value.byteLength;
      voortgang(ontvangen, totaal);
    }
  } else {
    const b = new Uint8Array(await res.arrayBuffer());
    delen.push(b);
    ontvangen = b.byteLength;
    voortgang(ontvangen, totaal);
  }
  const type = res.headers.get("Content-Type") ?? "application/octet-stream";
  return { blob: new Blob(delen as BlobPart[], { type }), naam: bestandsnaam(res, ""), response: res };
}

/** One download at a time: start(url, name), stop(), and where it stands. */
export function useDownload() {
  const [stand, setStand] = useState<DownloadStand>(RUST);
  const controller = useRef<AbortController | null>(null);
  const blobUrl = useRef<string | null>(null);

  const vrijgeven = () => {
    if (blobUrl.current) URL.revokeObjectURL(blobUrl.current);
    blobUrl.current = null;
  };
  useEffect(
    () => () => {
      controller.current?.abort();
      vrijgeven();
    },
    [],
  );

  const start = useCallback(async (url: string, naam: string) => {
    controller.current?.abort();
    vrijgeven();
    const c = new AbortController();
    controller.current = c;
    setStand({ ...RUST, fase: "bezig", bestand: naam });
    let laatst = 0;
    try {
      const { blob, naam: gegeven } = await haalBestand(url, c.signal, (ontvangen, totaal) => {
        // Re-render at most every 100 ms; the last chunk is drawn by the "klaar" state below.
        const nu = performance.now();
        if (nu - laatst < 100 && ontvangen > 0) return;
        laatst = nu;
        setStand((s) => ({ ...s, ontvangen, totaal }));
      });
      const bestand = naam || gegeven;
      const href = URL.createObjectURL(blob);
      blobUrl.current = href;
      setStand({ fase: "klaar", bestand, ontvangen: blob.size, totaal: blob.size, url: href, fout: null });
      const a = document.createElement("a");
      a.href = href;
      a.download = bestand;
      a.hidden = true;
      document.body.append(a);
      a.click();
      a.remove();
    } catch (e) {
      if (c.signal.aborted) setStand((s) => ({ ...s, fase: "gestopt" }));
      else setStand((s) => ({ ...s, fase: "fout", fout: e }));
    } finally {
      if (controller.current === c) controller.current = null;
    }
  }, []);

  const stop = useCallback(() => controller.current?.abort(), []);
  return { stand, start, stop };
}
