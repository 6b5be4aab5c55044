// "Melding maken" in steps that fit a phone: what, where, photos, contact, check and send.
// Each step has its own address (/melden?stap=2), so the browser's Back and Forward move between
// steps; what the resident typed is kept in sessionStorage (a reload keeps it, sending clears it).
// Photos (File objects) cannot be kept that way: after a reload the step says they must be added
// again. A chosen photo's first bytes are checked at once (JPEG, PNG, WebP, as the server takes).
// The limits (text length, number and size of photos) are the server's (limits.ts).
// Errors from the API (problem+json with invalid-params) go back to the step and the field they name.
import { useEffect, useRef, useState, type FormEvent } from "react";
import { Alert, Button, ButtonGroup, Heading2, Paragraph, Textarea, Textbox } from "@utrecht/component-library-react";
import { api, ApiError, loadCategories, type Categorieen, type NieuweMelding, type NieuweMeldingAntwoord, type Suggestie } from "../api";
import { CheckboxField, ErrorAlert, ErrorSummary, Field, PageTitle } from "../components";
import { LocationPicker, type PickedLocation } from "../map/LocationPicker";
import { AlGemeld } from "./AlGemeld";
import { msgText, useT, type Key, type Msg, type T } from "../i18n";
import { navigate, useLocation, usePageTitle } from "../router";
import { CONFIRMATION_KEY } from "./Bevestiging";
import { characters, megabytes, photoTypes, useLimits } from "../limits";

const STEPS = 5; // what, where, photos, contact, check and send (report.step.N in the dictionaries)
const DRAFT_KEY = "baken.melding-concept";
const PATH = "/melden";

/** The control each field's error links to (the error summary) and is shown at. */
const FIELD_IDS: Record<string, string> = {
  tekst: "melding-tekst",
  categorie: "melding-categorie",
  locatie: "melding-plek",
  bijlagen: "melding-fotos",
  "melder.naam": "melding-naam",
  "melder.email": "melding-email",
  "melder.telefoon": "melding-telefoon",
  "melder.toestemming_contact": "melding-toestemming",
};

/** The photo types the API takes (from openapi.json). */
type PhotoType = NonNullable<NieuweMelding["bijlagen"]>[number]["type"];

interface Photo {
  file: File;
  url: string;
  type: PhotoType; // from the file's first bytes, not its name
}

/** What survives a reload (sessionStorage): everything but the photos, of which only the count. */
interface Draft {
  text: string;
  category: string;
  categoryTouched: boolean;
  location: PickedLocation | null;
  name: string;
  email: string;
  phone: string;
  consent: boolean;
  photoCount: number;
  idempotencyKey: string;
}

function loadDraft(): Partial<Draft> {
  try {
    const d = JSON.parse(sessionStorage.getItem(DRAFT_KEY) ?? "{}");
    return d && typeof d === "object" ? d : {};
  } catch {
    return {};
  }
}

function saveDraft(d: Draft) {
  // The buurt's polygon is not stored; the map finds it again from the point when it loads.
  const b = d.location?.buurt;
  const location = d.location
    ? { lat: d.location.lat, lon: d.location.lon, buurt: b ? { code: b.code, naam: b.naam, wijk: b.wijk } : undefined }
    : null;
  try {
    sessionStorage.setItem(DRAFT_KEY, JSON.stringify({ ...d, location }));
  } catch {
    /* storage full or blocked: the form still works, a reload then starts empty */
  }
}

function stepHref(step: number): string {
  return step === 0 ? PATH : `${PATH}?stap=${step + 1}`;
}

/** The type a photo's first bytes say it is (as the server checks them), "heic", or null. */
async function photoType(f: File): Promise<PhotoType | "heic" | null> {
  const b = new Uint8Array(await f.slice(0, 16).arrayBuffer());
  const ascii = (from: number, to: number) => String.fromCharCode(...b.slice(from, to));
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return "image/jpeg";
  if ([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((v, i) => b[i] === v)) return "image/png";
  if (ascii(0, 4) === "RIFF" && ascii(8, 12) === "WEBP") return "image/webp";
  if (ascii(4, 8) === "ftyp" && /^(heic|heix|hevc|hevx|mif1|msf1)$/.test(ascii(8, 12))) return "heic";
  return null;
}

function fieldStep(name: string): number {
  if (name.startsWith("tekst") || name.startsWith("categorie") || name.startsWith("tijdstip")) return 0;
  if (name.startsWith("locatie")) return 1;
  if (name.startsWith("bijlagen")) return 2;
  if (name.startsWith("melder")) return 3;
  return 4;
}

function toBase64(file: File, t: T): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result).replace(/^data:[^,]*,/, ""));
    r.onerror = () => reject(new Error(t("report.err.photoRead")));
    r.readAsDataURL(file);
  });
}

export function MeldingMaken() {
  const [draft] = useState(loadDraft);
  const { t, dutch } = useT();
  const limits = useLimits();
  const { search } = useLocation();
  const stepName = (i: number) => t(`report.step.${i}` as Key);
  const [categories, setCategories] = useState<Categorieen | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [text, setText] = useState(draft.text ?? "");
  const [category, setCategory] = useState(draft.category ?? "");
  const [categoryTouched, setCategoryTouched] = useState(Boolean(draft.categoryTouched));
  const [suggestion, setSuggestion] = useState<Suggestie | null>(null);
  const [location, setLocation] = useState<PickedLocation | null>(draft.location ?? null);
  const [photos, setPhotos] = useState<Photo[]>([]);
  const [lostPhotos] = useState(draft.photoCount ?? 0);
  const [name, setName] = useState(draft.name ?? "");
  const [email, setEmail] = useState(draft.email ?? "");
  const [phone, setPhone] = useState(draft.phone ?? "");
  const [consent, setConsent] = useState(Boolean(draft.consent));
  // Errors belong to the step they were found on; moving to another step (also with Back) hides them.
  const [errorState, setErrorState] = useState<{ step: number; msgs: Record<string, Msg> }>({ step: -1, msgs: {} });
  const [sendError, setSendError] = useState<unknown>(null);
  const [sending, setSending] = useState(false);
  const idempotencyKey = useRef(draft.idempotencyKey ?? crypto.randomUUID());
  const headingRef = useRef<HTMLHeadingElement>(null);
  const errorSummaryRef = useRef<HTMLDivElement>(null);

  const validate = (s: number): Record<string, Msg> => {
    const e: Record<string, Msg> = {};
    if (s === 0) {
      if (limits && characters(text.trim()) < limits.tekst_min_tekens) e.tekst = ["report.err.text", { min: limits.tekst_min_tekens }];
      if (!category) e.categorie = ["report.err.category"];
    }
    if (s === 1) {
      if (!location) e.locatie = ["report.err.place"];
      else if (!location.buurt) e.locatie = ["report.err.outside"];
    }
    if (s === 3) {
      if (email && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) e["melder.email"] = ["report.err.email"];
      if (phone && !/^[+0-9 ()-]{6,20}$/.test(phone)) e["melder.telefoon"] = ["report.err.phone"];
      if ((email || phone) && !consent) e["melder.toestemming_contact"] = ["report.err.consent"];
    }
    return e;
  };

  // The step is the address's ?stap=N, but never past a step that is not yet complete (a typed
  // address, or a reload after the draft was lost, lands on the first step still to fill in).
  const asked = Number(search.get("stap") ?? "1");
  const wanted = Number.isInteger(asked) && asked >= 1 && asked <= STEPS ? asked - 1 : 0;
  let step = 0;
  while (step < wanted && Object.keys(validate(step)).length === 0) step++;
  useEffect(() => {
    if (step !== wanted || (search.has("stap") && step === 0)) navigate(stepHref(step), { replace: true });
  }, [step, wanted, search]);
  const goTo = (s: number) => navigate(stepHref(s));

  usePageTitle(t("report.pageTitle", { n: step + 1, total: STEPS, step: stepName(step) }));
  const errorMsgs = errorState.step === step ? errorState.msgs : {};
  const setErrors = (msgs: Record<string, Msg>, at = step) => setErrorState({ step: at, msgs });

  useEffect(() => {
    saveDraft({
      text,
      category,
      categoryTouched,
      location,
      name,
      email,
      phone,
      consent,
      photoCount: photos.length,
      idempotencyKey: idempotencyKey.current,
    });
  }, [text, category, categoryTouched, location, name, email, phone, consent, photos.length]);

  useEffect(() => {
    loadCategories().then(setCategories, setLoadError);
  }, []);

  // The category suggested from the text, as the resident types (debounced).
  useEffect(() => {
    if (text.trim().length < 8) {
      setSuggestion(null);
      return;
    }
    const t = window.setTimeout(() => {
      api<Suggestie>("/api/v1/publiek/categorie-suggestie", { method: "POST", body: { tekst: text } }).then(
        (s) => {
          setSuggestion(s);
          if (!categoryTouched && s.categorie) setCategory(s.categorie.code);
        },
        () => setSuggestion(null),
      );
    }, 400);
    return () => window.clearTimeout(t);
  }, [text, categoryTouched]);

  const firstStep = useRef(true);
  useEffect(() => {
    if (firstStep.current) {
      firstStep.current = false;
      return;
    }
    headingRef.current?.focus();
  }, [step]);

  useEffect(() => () => photos.forEach((p) => URL.revokeObjectURL(p.url)), [photos]);

  // Shown in the language in force: the UI's own checks re-translate after a switch; the API's
  // reasons (invalid-params) are Dutch and stay as they came.
  const errors: Record<string, string> = Object.fromEntries(Object.entries(errorMsgs).map(([k, m]) => [k, msgText(t, m)]));

  const categoryName = (code: string) => {
    for (const m of categories?.hoofdcategorieen ?? []) for (const s of m.subcategorieen) if (s.code === code) return s.naam;
    return code;
  };

  const next = (e: FormEvent) => {
    e.preventDefault();
    const found = validate(step);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      window.setTimeout(() => errorSummaryRef.current?.focus(), 0);
      return;
    }
    goTo(step + 1);
  };

  // Checked the moment they are chosen: type by content (a text file named x.png is no photo),
  // size and count. Every refused file gets its own sentence.
  const addPhotos = async (files: File[]) => {
    const refused: string[] = [];
    const added: Photo[] = [];
    for (const f of files) {
      let type: PhotoType | "heic" | null;
      try {
        type = await photoType(f);
      } catch {
        refused.push(t("report.err.photoRead"));
        continue;
      }
      if (type === "heic") {
        refused.push(t("report.err.photoHeic", { name: f.name }));
        continue;
      }
      if (type === null || (limits && !limits.bijlage_types.includes(type))) {
        refused.push(t("report.err.photoType", { name: f.name }));
        continue;
      }
      if (limits && f.size > limits.bijlage_max_bytes) {
        refused.push(t("report.err.photoSize", { name: f.name, mb: megabytes(limits.bijlage_max_bytes) }));
        continue;
      }
      if (limits && photos.length + added.length >= limits.bijlagen_max_aantal) {
        refused.push(t("report.err.photoCount", { max: limits.bijlagen_max_aantal }));
        break;
      }
      // Sent in base64 (4/3 of the size) in one request, which the server takes up to its limit.
      const total = [...photos, ...added].reduce((n, p) => n + p.file.size, f.size);
      if (limits && (total * 4) / 3 + 64 * 1024 > limits.verzoek_max_bytes) {
        refused.push(t("report.err.photoTotal", { mb: megabytes((limits.verzoek_max_bytes * 3) / 4 - 64 * 1024) }));
        break;
      }
      added.push({ file: f, url: URL.createObjectURL(f), type });
    }
    setErrors(refused.length > 0 ? { bijlagen: refused.join(" ") } : {});
    setPhotos((now) => [...now, ...added]);
  };

  const send = async (e: FormEvent) => {
    e.preventDefault();
    setSending(true);
    setSendError(null);
    try {
      const bijlagen = await Promise.all(photos.map(async (p) => ({ naam: p.file.name, type: p.type, inhoud: await toBase64(p.file, t) })));
      const body: NieuweMelding = {
        tekst: text.trim(),
        categorie: category,
        locatie: { type: "Point", coordinates: [location!.lon, location!.lat] },
        kanaal: "web",
        bijlagen,
      };
      if (name || email || phone) {
        body.melder = { naam: name, email, telefoon: phone, toestemming_contact: consent };
      }
      const res = await api<NieuweMeldingAntwoord>("/api/v1/publiek/meldingen", {
        method: "POST",
        body,
        headers: { "Idempotency-Key": idempotencyKey.current },
      });
      sessionStorage.setItem(CONFIRMATION_KEY, JSON.stringify(res));
      sessionStorage.removeItem(DRAFT_KEY);
      navigate("/melden/verstuurd");
    } catch (err) {
      if (err instanceof ApiError && err.fields.length > 0) {
        const e2: Record<string, Msg> = {};
        for (const f of err.fields) e2[f.name.startsWith("bijlagen") ? "bijlagen" : f.name] = f.reason;
        const at = Math.min(...err.fields.map((f) => fieldStep(f.name)));
        setErrors(e2, at);
        if (at !== step) goTo(at);
      } else {
        setSendError(err);
      }
    } finally {
      setSending(false);
    }
  };

  const summary = Object.entries(errors).map(([k, message]) => ({ id: FIELD_IDS[k] ?? "melding-stap", message }));
  return (
    <div className="baken-narrow">
      <PageTitle>{t("report.h1")}</PageTitle>
      <ol className="baken-steps" aria-label={t("report.steps")}>
        {Array.from({ length: STEPS }, (_, i) => (
          <li key={i} aria-current={i === step ? "step" : undefined}>
            {i + 1}. {stepName(i)}
          </li>
        ))}
      </ol>
      <ErrorAlert error={loadError} />
      <ErrorSummary items={summary} title={t("report.checkFollowing")} summaryRef={errorSummaryRef} />
      <form onSubmit={step === STEPS - 1 ? send : next} noValidate>
        <h2 className="utrecht-heading-2" ref={headingRef} tabIndex={-1} id="melding-stap">
          {t("report.stepHeading", { n: step + 1, total: STEPS, title: t(`report.stepTitle.${step}` as Key) })}
        </h2>

        {step === 0 ? (
          <>
            <Field id={FIELD_IDS.tekst} label={t("report.description")} description={t("report.description.help")} error={errors.tekst}>
              {(ids) => (
                <Textarea
                  id={ids.id}
                  aria-describedby={ids.describedBy}
                  aria-invalid={ids.invalid || undefined}
                  invalid={ids.invalid}
                  value={text}
                  maxLength={limits?.tekst_max_tekens}
                  rows={5}
                  onChange={(e) => setText(e.target.value)}
                />
              )}
            </Field>
            <p className="utrecht-paragraph" role="status" aria-live="polite" data-testid="suggestie">
              {suggestion?.categorie
                ? t("report.suggest.category", { name: suggestion.categorie.naam })
                : suggestion?.hoofdcategorie
                  ? t("report.suggest.main", { name: suggestion.hoofdcategorie.naam })
                  : suggestion
                    ? t("report.suggest.none")
                    : ""}
            </p>
            <Field id={FIELD_IDS.categorie} label={t("report.category")} error={errors.categorie} description={t("report.category.help")}>
              {(ids) => (
                <select
                  id={ids.id}
                  className={`utrecht-select utrecht-select--html-select${ids.invalid ? " utrecht-select--invalid" : ""}`}
                  aria-describedby={ids.describedBy}
                  aria-invalid={ids.invalid || undefined}
                  value={category}
                  onChange={(e) => {
                    setCategory(e.target.value);
                    setCategoryTouched(true);
                  }}
                >
                  <option value="">{t("report.category.choose")}</option>
                  {categories?.hoofdcategorieen.map((m) => (
                    <optgroup key={m.code} label={m.naam} lang={dutch}>
                      {m.subcategorieen.map((s) => (
                        <option key={s.code} value={s.code}>
                          {s.naam}
                        </option>
                      ))}
                    </optgroup>
                  ))}
                </select>
              )}
            </Field>
          </>
        ) : null}

        {step === 1 ? (
          <>
            <div id={FIELD_IDS.locatie} tabIndex={-1}>
              <LocationPicker
                value={location}
                onChange={(v) => {
                  setLocation(v);
                  setErrors({});
                }}
                error={errors.locatie}
              />
            </div>
            <AlGemeld category={category} location={location} />
          </>
        ) : null}

        {step === 2 ? (
          <>
            {lostPhotos > 0 && photos.length === 0 ? (
              <Alert type="info">
                <Paragraph data-testid="fotos-kwijt">{t("report.photos.lost", { n: lostPhotos })}</Paragraph>
              </Alert>
            ) : null}
            <Field
              id={FIELD_IDS.bijlagen}
              label={t("report.photos")}
              optional
              description={
                limits
                  ? t("report.photos.help", { max: limits.bijlagen_max_aantal, mb: megabytes(limits.bijlage_max_bytes) })
                  : t("report.photos.helpPlain")
              }
              error={errors.bijlagen}
            >
              {(ids) => (
                <input
                  id={ids.id}
                  type="file"
                  accept={limits ? photoTypes(limits).join(",") : "image/*"}
                  multiple
                  className="utrecht-textbox"
                  aria-describedby={ids.describedBy}
                  aria-invalid={ids.invalid || undefined}
                  onChange={(e) => {
                    const files = Array.from(e.target.files ?? []);
                    e.target.value = "";
                    void addPhotos(files);
                  }}
                />
              )}
            </Field>
            {photos.length > 0 ? (
              <ul className="baken-photos" aria-label={t("report.photos.added")}>
                {photos.map((p, i) => (
                  <li key={p.url}>
                    <img src={p.url} alt={t("report.photos.alt", { n: i + 1, name: p.file.name })} />
                    <Button appearance="subtle-button" type="button" onClick={() => setPhotos(photos.filter((x) => x !== p))}>
                      {t("report.photos.remove", { n: i + 1 })}
                    </Button>
                  </li>
                ))}
              </ul>
            ) : (
              <Paragraph>{t("report.photos.none")}</Paragraph>
            )}
          </>
        ) : null}

        {step === 3 ? (
          <>
            <Paragraph>{t("report.contact.intro")}</Paragraph>
            <Field id={FIELD_IDS["melder.naam"]} label={t("report.contact.name")} optional error={errors["melder.naam"]}>
              {(ids) => (
                <Textbox
                  id={ids.id}
                  autoComplete="name"
                  value={name}
                  onChange={(e) => setName(e.target.value)}
                  aria-describedby={ids.describedBy}
                />
              )}
            </Field>
            <Field id={FIELD_IDS["melder.email"]} label={t("report.contact.email")} optional error={errors["melder.email"]}>
              {(ids) => (
                <Textbox
                  id={ids.id}
                  type="email"
                  autoComplete="email"
                  value={email}
                  invalid={ids.invalid}
                  aria-invalid={ids.invalid || undefined}
                  aria-describedby={ids.describedBy}
                  onChange={(e) => setEmail(e.target.value)}
                />
              )}
            </Field>
            <Field id={FIELD_IDS["melder.telefoon"]} label={t("report.contact.phone")} optional error={errors["melder.telefoon"]}>
              {(ids) => (
                <Textbox
                  id={ids.id}
                  type="tel"
                  autoComplete="tel"
                  value={phone}
                  invalid={ids.invalid}
                  aria-invalid={ids.invalid || undefined}
                  aria-describedby={ids.describedBy}
                  onChange={(e) => setPhone(e.target.value)}
                />
              )}
            </Field>
            <CheckboxField
              id={FIELD_IDS["melder.toestemming_contact"]}
              label={t("report.contact.consent")}
              description={t("report.contact.consent.help")}
              checked={consent}
              onChange={setConsent}
              error={errors["melder.toestemming_contact"]}
            />
          </>
        ) : null}

        {step === 4 ? (
          <>
            {lostPhotos > 0 && photos.length === 0 ? (
              <Alert type="info">
                <Paragraph data-testid="fotos-kwijt">{t("report.photos.lost", { n: lostPhotos })}</Paragraph>
              </Alert>
            ) : null}
            <dl className="baken-dl">
              <dt>{t("report.description")}</dt>
              <dd>{text}</dd>
              <dt>{t("report.category")}</dt>
              <dd lang={dutch}>{categoryName(category)}</dd>
              <dt>{t("report.check.place")}</dt>
              <dd>{location?.buurt ? t("report.check.buurt", { name: location.buurt.naam }) : t("report.check.onMap")}</dd>
              <dt>{t("report.photos")}</dt>
              <dd>
                {photos.length === 0
                  ? t("report.check.noPhotos")
                  : photos.length === 1
                    ? t("report.check.photoOne")
                    : t("report.check.photoCount", { n: photos.length })}
              </dd>
              <dt>{t("report.check.contact")}</dt>
              <dd>{name || email || phone ? [name, email, phone].filter(Boolean).join(", ") : t("report.check.anonymous")}</dd>
            </dl>
            <ErrorAlert error={sendError} title={t("report.sendFailed")} />
          </>
        ) : null}

        <ButtonGroup>
          {step > 0 ? (
            <Button appearance="secondary-action-button" type="button" onClick={() => goTo(step - 1)}>
              {t("report.previous")}
            </Button>
          ) : null}
          {step < STEPS - 1 ? (
            <Button appearance="primary-action-button" type="submit">
              {t("report.next")}
            </Button>
          ) : (
            <Button appearance="primary-action-button" type="submit" disabled={sending} busy={sending}>
              {sending ? t("report.sending") : t("report.send")}
            </Button>
          )}
        </ButtonGroup>
      </form>
      <Heading2>{t("report.privacy.h")}</Heading2>
      <Paragraph>{t("report.privacy.p")}</Paragraph>
    </div>
  );
}
