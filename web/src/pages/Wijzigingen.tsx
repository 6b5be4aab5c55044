// Four eyes in Beheer (ADR 0011): the changes that wait for a second person (GET
// /api/v1/wijzigingen?status=wachtend) with approve and reject (POST .../goedkeuring,
// .../afwijzing). The proposer sees their own change as "wacht op goedkeuring door een tweede
// persoon" without the buttons (the API refuses them anyway); a one-time password or key from an
// approved change is shown once, to the approver.
import { useCallback, useEffect, useId, useState } from "react";
import { Button, ButtonGroup, Paragraph } from "@utrecht/component-library-react";
import { api, formatDateTime, WACHT_OP_TWEEDE_PERSOON, WIJZIGING_VOORGESTELD, type Wijziging } from "../api";
import { ErrorAlert, Loading } from "../components";
import { Announce } from "./MeldingBehandeling";

interface Resultaat {
  tijdelijk_wachtwoord?: string;
  sleutel?: string;
}

export function Wijzigingen() {
  const [changes, setChanges] = useState<Wijziging[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState("");
  const [secret, setSecret] = useState<{ label: string; value: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const headingId = useId();
  const reload = useCallback(async () => {
    const r = await api<{ wijzigingen: Wijziging[] }>("/api/v1/wijzigingen?status=wachtend");
    setChanges(r.wijzigingen);
  }, []);
  useEffect(() => {
    reload().catch(setError);
    const onProposed = () => void reload().catch(setError);
    window.addEventListener(WIJZIGING_VOORGESTELD, onProposed);
    return () => window.removeEventListener(WIJZIGING_VOORGESTELD, onProposed);
  }, [reload]);

  const decide = async (w: Wijziging, approve: boolean) => {
    setError(null);
    setDone("");
    setSecret(null);
    setBusy(true);
    try {
      const r = await api<{ wijziging: Wijziging; resultaat?: Resultaat }>(
        `/api/v1/wijzigingen/${encodeURIComponent(w.id)}/${approve ? "goedkeuring" : "afwijzing"}`,
        { method: "POST", body: {} },
      );
      setDone(approve ? `Goedgekeurd en uitgevoerd: ${w.samenvatting}.` : `Afgewezen: ${w.samenvatting}.`);
      if (r.resultaat?.tijdelijk_wachtwoord) setSecret({ label: "Tijdelijk wachtwoord", value: r.resultaat.tijdelijk_wachtwoord });
      if (r.resultaat?.sleutel) setSecret({ label: "Sleutel", value: r.resultaat.sleutel });
      await reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby={headingId}>
      <h2 className="utrecht-heading-2" id={headingId}>
        Wachten op goedkeuring
      </h2>
      <Paragraph>
        Een account of API-sleutel die persoonsgegevens of bijzondere gegevens ziet, en een lagere gevoeligheid van een categorie, gaan pas
        in als een tweede persoon ze goedkeurt. U keurt geen eigen voorstel goed.
      </Paragraph>
      <Announce message={done}>
        {secret ? (
          <Paragraph>
            {secret.label}: <code data-testid="wijziging-geheim">{secret.value}</code>. Kopieer het nu en geef het veilig door; het wordt
            niet meer getoond.
          </Paragraph>
        ) : null}
      </Announce>
      <ErrorAlert error={error} title="Beslissen is niet gelukt" />
      {!changes ? (
        error ? null : (
          <Loading what="Wijzigingen" />
        )
      ) : changes.length === 0 ? (
        <Paragraph>Er wacht niets op goedkeuring.</Paragraph>
      ) : (
        <ul className="baken-list" data-testid="wijzigingen">
          {changes.map((w) => (
            <li key={w.id}>
              <Paragraph>
                <strong>{w.samenvatting}</strong>
                <br />
                Voorgesteld op {formatDateTime(w.ingediend_op)}
                {w.eigen_voorstel ? ` door u: ${WACHT_OP_TWEEDE_PERSOON}` : "."}
              </Paragraph>
              {w.eigen_voorstel ? null : (
                <ButtonGroup>
                  <Button appearance="primary-action-button" type="button" disabled={busy} onClick={() => void decide(w, true)}>
                    Goedkeuren<span className="baken-visually-hidden">: {w.samenvatting}</span>
                  </Button>
                  <Button appearance="secondary-action-button" type="button" disabled={busy} onClick={() => void decide(w, false)}>
                    Afwijzen<span className="baken-visually-hidden">: {w.samenvatting}</span>
                  </Button>
                </ButtonGroup>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
