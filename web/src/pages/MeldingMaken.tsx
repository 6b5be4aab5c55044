// "Melding maken" in steps that fit a phone: what, where, photos, contact, check and send.
// Errors from the API (problem+json with invalid-params) go back to the step and the field they name.
import { useEffect, useRef, useState, type FormEvent } from "react";
import { Alert, Button, ButtonGroup, Heading2, Paragraph, Textarea, Textbox } from "@utrecht/component-library-react";
import { api, ApiError, loadCategories, type Categorieen, type NieuweMeldingAntwoord, type Suggestie } from "../api";
import { ErrorAlert, Field, PageTitle } from "../components";
import { LocationPicker, type PickedLocation } from "../map/LocationPicker";
import { AlGemeld } from "./AlGemeld";
import { msgText, useT, type Key, type Msg, type T } from "../i18n";
import { navigate, usePageTitle } from "../router";
import { CONFIRMATION_KEY } from "./Bevestiging";

const STEPS = 5; // what, where, photos, contact, check and send (report.step.N in the dictionaries)
const MAX_PHOTOS = 3;
const MAX_PHOTO_BYTES = 8 * 1024 * 1024;

interface Photo {
  file: File;
  url: string;
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
  const [step, setStep] = useState(0);
  const { t, dutch } = useT();
  const stepName = (i: number) => t(`report.step.${i}` as Key);
  usePageTitle(t("report.pageTitle", { n: step + 1, total: STEPS, step: stepName(step) }));
  const [categories, setCategories] = useState<Categorieen | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [text, setText] = useState("");
  const [category, setCategory] = useState("");
  const [categoryTouched, setCategoryTouched] = useState(false);
  const [suggestion, setSuggestion] = useState<Suggestie | null>(null);
  const [location, setLocation] = useState<PickedLocation | null>(null);
  const [photos, setPhotos] = useState<Photo[]>([]);
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [phone, setPhone] = useState("");
  const [consent, setConsent] = useState(false);
  const [errorMsgs, setErrors] = useState<Record<string, Msg>>({});
  const [sendError, setSendError] = useState<unknown>(null);
  const [sending, setSending] = useState(false);
  const idempotencyKey = useRef(crypto.randomUUID());
  const headingRef = useRef<HTMLHeadingElement>(null);
  const errorSummaryRef = useRef<HTMLDivElement>(null);

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

  const validate = (s: number): Record<string, Msg> => {
    const e: Record<string, Msg> = {};
    if (s === 0) {
      if (text.trim().length < 10) e.tekst = ["report.err.text"];
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

  const next = (e: FormEvent) => {
    e.preventDefault();
    const found = validate(step);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      window.setTimeout(() => errorSummaryRef.current?.focus(), 0);
      return;
    }
    setStep(step + 1);
  };

  const addPhotos = (files: FileList | null) => {
    if (!files) return;
    const e: Record<string, Msg> = {};
    const added: Photo[] = [];
    for (const f of Array.from(files)) {
      if (!["image/jpeg", "image/png"].includes(f.type)) {
        e.bijlagen = ["report.err.photoType", { name: f.name }];
        continue;
      }
      if (f.size > MAX_PHOTO_BYTES) {
        e.bijlagen = ["report.err.photoSize", { name: f.name }];
        continue;
      }
      if (photos.length + added.length >= MAX_PHOTOS) {
        e.bijlagen = ["report.err.photoCount", { max: MAX_PHOTOS }];
        break;
      }
      added.push({ file: f, url: URL.createObjectURL(f) });
    }
    setErrors(e);
    setPhotos([...photos, ...added]);
  };

  const send = async (e: FormEvent) => {
    e.preventDefault();
    setSending(true);
    setSendError(null);
    try {
      const bijlagen = await Promise.all(
        photos.map(async (p) => ({ naam: p.file.name, type: p.file.type, inhoud: await toBase64(p.file, t) })),
      );
      const body: Record<string, unknown> = {
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
      navigate("/melden/verstuurd");
    } catch (err) {
      if (err instanceof ApiError && err.fields.length > 0) {
        const e2: Record<string, Msg> = {};
        for (const f of err.fields) e2[f.name.startsWith("bijlagen") ? "bijlagen" : f.name] = f.reason;
        setErrors(e2);
        setStep(Math.min(...err.fields.map((f) => fieldStep(f.name))));
      } else {
        setSendError(err);
      }
    } finally {
      setSending(false);
    }
  };

  const errorList = Object.entries(errors);
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
      {errorList.length > 0 ? (
        <div ref={errorSummaryRef} tabIndex={-1}>
          <Alert type="error" role="alert">
            <Paragraph>{t("report.checkFollowing")}</Paragraph>
            <ul>
              {errorList.map(([k, v]) => (
                <li key={k}>{v}</li>
              ))}
            </ul>
          </Alert>
        </div>
      ) : null}
      <form onSubmit={step === STEPS - 1 ? send : next} noValidate>
        <h2 className="utrecht-heading-2" ref={headingRef} tabIndex={-1}>
          {t("report.stepHeading", { n: step + 1, total: STEPS, title: t(`report.stepTitle.${step}` as Key) })}
        </h2>

        {step === 0 ? (
          <>
            <Field
              label={t("report.description")}
              description={t("report.description.help")}
              error={errors.tekst}
            >
              {(ids) => (
                <Textarea
                  id={ids.id}
                  aria-describedby={ids.describedBy}
                  aria-invalid={ids.invalid || undefined}
                  invalid={ids.invalid}
                  value={text}
                  maxLength={5000}
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
            <Field label={t("report.category")} error={errors.categorie} description={t("report.category.help")}>
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
            <LocationPicker
              value={location}
              onChange={(v) => {
                setLocation(v);
                setErrors({});
              }}
              error={errors.locatie}
            />
            <AlGemeld category={category} location={location} />
          </>
        ) : null}

        {step === 2 ? (
          <>
            <Field
              label={t("report.photos")}
              optional
              description={t("report.photos.help", { max: MAX_PHOTOS })}
              error={errors.bijlagen}
            >
              {(ids) => (
                <input
                  id={ids.id}
                  type="file"
                  accept="image/jpeg,image/png"
                  multiple
                  className="utrecht-textbox"
                  aria-describedby={ids.describedBy}
                  aria-invalid={ids.invalid || undefined}
                  onChange={(e) => {
                    addPhotos(e.target.files);
                    e.target.value = "";
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
            <Field label={t("report.contact.name")} optional error={errors["melder.naam"]}>
              {(ids) => <Textbox id={ids.id} autoComplete="name" value={name} onChange={(e) => setName(e.target.value)} aria-describedby={ids.describedBy} />}
            </Field>
            <Field label={t("report.contact.email")} optional error={errors["melder.email"]}>
              {(ids) => (
                <Textbox id={ids.id} type="email" autoComplete="email" value={email} invalid={ids.invalid} aria-invalid={ids.invalid || undefined} aria-describedby={ids.describedBy} onChange={(e) => setEmail(e.target.value)} />
              )}
            </Field>
            <Field label={t("report.contact.phone")} optional error={errors["melder.telefoon"]}>
              {(ids) => (
                <Textbox id={ids.id} type="tel" autoComplete="tel" value={phone} invalid={ids.invalid} aria-invalid={ids.invalid || undefined} aria-describedby={ids.describedBy} onChange={(e) => setPhone(e.target.value)} />
              )}
            </Field>
            <div className={`utrecht-form-field utrecht-form-field--checkbox${errors["melder.toestemming_contact"] ? " utrecht-form-field--invalid" : ""}`}>
              {errors["melder.toestemming_contact"] ? (
                <div className="utrecht-form-field-error-message" id="toestemming-fout">
                  {errors["melder.toestemming_contact"]}
                </div>
              ) : null}
              <div className="baken-row">
                <input
                  id="toestemming"
                  type="checkbox"
                  className="utrecht-checkbox utrecht-checkbox--html-input utrecht-checkbox--custom"
                  checked={consent}
                  onChange={(e) => setConsent(e.target.checked)}
                  aria-describedby={`toestemming-uitleg${errors["melder.toestemming_contact"] ? " toestemming-fout" : ""}`}
                />
                <label className="utrecht-form-label utrecht-form-label--checkbox" htmlFor="toestemming">
                  {t("report.contact.consent")}
                </label>
              </div>
              <div className="utrecht-form-field-description" id="toestemming-uitleg">
                {t("report.contact.consent.help")}
              </div>
            </div>
          </>
        ) : null}

        {step === 4 ? (
          <>
            <dl className="baken-dl">
              <dt>{t("report.description")}</dt>
              <dd>{text}</dd>
              <dt>{t("report.category")}</dt>
              <dd lang={dutch}>{categoryName(category)}</dd>
              <dt>{t("report.check.place")}</dt>
              <dd>{location?.buurt ? t("report.check.buurt", { name: location.buurt.naam }) : t("report.check.onMap")}</dd>
              <dt>{t("report.photos")}</dt>
              <dd>{photos.length === 0 ? t("report.check.noPhotos") : t("report.check.photoCount", { n: photos.length })}</dd>
              <dt>{t("report.check.contact")}</dt>
              <dd>{name || email || phone ? [name, email, phone].filter(Boolean).join(", ") : t("report.check.anonymous")}</dd>
            </dl>
            <ErrorAlert error={sendError} title={t("report.sendFailed")} />
          </>
        ) : null}

        <ButtonGroup>
          {step > 0 ? (
            <Button appearance="secondary-action-button" type="button" onClick={() => { setErrors({}); setStep(step - 1); }}>
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
