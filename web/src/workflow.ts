// The status names and allowed transitions of the workflow, as in src/baken/signals/workflow.cc
// (THE table there is the authority: the API refuses anything else with a Dutch reason, which the
// UI shows). `true`: the reporter reads a text, so a message is required.
export const STATES: { code: string; naam: string }[] = [
  { code: "gemeld", naam: "Gemeld" },
  { code: "in_afwachting", naam: "In afwachting" },
  { code: "in_behandeling", naam: "In behandeling" },
  { code: "ingepland", naam: "Ingepland" },
  { code: "doorgezet_extern", naam: "Doorgezet naar extern" },
  { code: "reactie_gevraagd", naam: "Reactie gevraagd" },
  { code: "reactie_ontvangen", naam: "Reactie ontvangen" },
  { code: "afgehandeld", naam: "Afgehandeld" },
  { code: "geannuleerd", naam: "Geannuleerd" },
  { code: "heropend", naam: "Heropend" },
  { code: "gesplitst", naam: "Gesplitst" },
  { code: "samengevoegd", naam: "Samengevoegd" },
];

const OPEN = [
  "gemeld",
  "in_afwachting",
  "in_behandeling",
  "ingepland",
  "doorgezet_extern",
  "reactie_gevraagd",
  "reactie_ontvangen",
  "heropend",
];

const TABLE: [string[], string, boolean][] = [
  [["gemeld", "in_behandeling", "ingepland", "doorgezet_extern", "reactie_ontvangen", "heropend"], "in_afwachting", false],
  [
    ["gemeld", "in_afwachting", "ingepland", "doorgezet_extern", "reactie_gevraagd", "reactie_ontvangen", "heropend"],
    "in_behandeling",
    false,
  ],
  [["gemeld", "in_afwachting", "in_behandeling", "reactie_ontvangen", "heropend"], "ingepland", false],
  [["gemeld", "in_afwachting", "in_behandeling", "ingepland", "reactie_ontvangen", "heropend"], "doorgezet_extern", true],
  [["gemeld", "in_afwachting", "in_behandeling", "ingepland", "heropend"], "reactie_gevraagd", true],
  [["reactie_gevraagd"], "reactie_ontvangen", false],
  [OPEN, "afgehandeld", true],
  [OPEN, "geannuleerd", true],
  [["afgehandeld", "geannuleerd"], "heropend", true],
];

export function stateName(code: string): string {
  return STATES.find((s) => s.code === code)?.naam ?? code;
}

export function isClosed(code: string): boolean {
  return ["afgehandeld", "geannuleerd", "gesplitst", "samengevoegd"].includes(code);
}

export function allowedNext(from: string): { code: string; naam: string; textRequired: boolean }[] {
  return TABLE.filter(([f]) => f.includes(from)).map(([, to, text]) => ({ code: to, naam: stateName(to), textRequired: text }));
}

/** Message templates a handler can start from (the reporter reads these). */
export const TEMPLATES: Record<string, string[]> = {
  afgehandeld: [
    "Bedankt voor uw melding. Wij hebben het probleem opgelost.",
    "Bedankt voor uw melding. Wij hebben gekeken, maar konden ter plaatse niets (meer) vaststellen.",
  ],
  geannuleerd: ["Deze melding is dubbel: het probleem was al gemeld en wordt daar afgehandeld."],
  doorgezet_extern: ["Uw melding is doorgestuurd naar de organisatie die hierover gaat. Zij nemen het verder op."],
  reactie_gevraagd: ["Wij hebben een vraag over uw melding. Wilt u ons bellen via 14 050?"],
  heropend: ["Wij hebben uw melding opnieuw in behandeling genomen."],
};
