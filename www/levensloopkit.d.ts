// TypeScript declarations for the levensloopkit host API: the loader module and the custom
// elements it defines. The contract is described in docs/embedding.md; keep the two in step.
//
//   import { ready } from '/levensloopkit/levensloopkit.js';
//   const form = document.querySelector('llk-aanmelding')!;
//   form.addEventListener('llk-submit', (e) => save(e.detail));

/** Resolves when the form elements are defined; rejects if the module cannot start (an
 *  `llk-error` with code `load` is then also sent on `document`). `<llk-levensloopplan>` is
 *  defined after the forms' first paint, `<llk-concepten>` and the case elements with
 *  `draftsReady` (use `customElements.whenDefined` to wait for one). */
export declare const ready: Promise<void>;

/** Loads one of the kit's lazily loaded modules once and resolves to its exports: today
 *  only `'pdf'` (PDFs, signing, `<llk-ondertekening>`; every other element is in the UI
 *  module the loader loads at once). The kit calls it itself when needed; a host calls it
 *  only to load the module early (e.g. for `<llk-ondertekening>` inside its own shadow root). */
export declare function loadModule(name: string): Promise<unknown>;

/** What the kit says of a signature, given the trust anchors of `setTrustAnchors`:
 *  intact and chained to an anchor, every certificate valid at the signing time
 *  (`vertrouwd`); intact without such a chain (`niet vertrouwd`); chained, but a certificate
 *  was expired or not yet valid when it was signed (`verlopen of nog niet geldig`); not
 *  intact (`gebroken`); intact, but no anchors set, so who signed cannot be told
 *  (`onbekend`). No revocation is checked. */
export type LlkTrustVerdict =
  | 'vertrouwd'
  | 'niet vertrouwd'
  | 'verlopen of nog niet geldig'
  | 'gebroken'
  | 'onbekend';

/** One signature in a PDF, as the kit's own verifier sees it, judged against the trust
 *  anchors (without anchors a self-made certificate names whoever typed the name). */
export interface LlkSignatureReport {
  /** The certificate's common name. */
  signer: string;
  role: string | null;
  organisation: string | null;
  /** The claimed signing time, in Dutch ("25-11-2026 03:10"). */
  signedAt: string | null;
  /** Digest and signature both check out: the signed bytes are unchanged. */
  intact: boolean;
  /** Nothing was added to the file after this signature. */
  coversWholeDocument: boolean;
  /** Why it is not intact (English; Dutch when `refused`). */
  problem: string | null;
  /** The PDF exceeds a bound (SECURITY.md, "Hostile input: bounds": over 50 MB, over 50
   *  signatures, a cross-reference loop, nesting too deep, …) and was not checked: this is
   *  then the only report, not intact, and `message` says why in Dutch. */
  refused: boolean;
  /** One Dutch sentence for people: "Geldig: ondertekend door …" or "Ongeldig: …". */
  message: string;
  /** The trust verdict (see `LlkTrustVerdict`). */
  verdict: LlkTrustVerdict;
  /** The verdict as one Dutch sentence ("Vertrouwd: ondertekend door …; het certificaat
   *  leidt naar …", or without anchors "Er zijn geen vertrouwde certificaten ingesteld: …"). */
  trust: string;
  /** The chain that was trusted (or found expired), the signer first and the anchor last:
   *  each certificate's subject as "name, organisation". Empty otherwise. */
  chain: string[];
}

/** Checks the signatures in a PDF (loads the PDF module on first use). */
export declare function verifyPdf(pdf: Blob | Uint8Array): Promise<LlkSignatureReport[]>;

/** A certificate as a host has it: PEM text (one or more certificates), DER bytes, or a
 *  `Blob`/`File` of either. */
export type LlkCertificateInput = string | Uint8Array | Blob;

/** Sets the certificates the kit trusts (CA roots or intermediates, or a signer's own) for
 *  `verifyPdf` and `<llk-ondertekening>`; `[]` removes them. Kept in memory for the page,
 *  never stored; loads the PDF module. Never rejects: `ok: false` with a Dutch (and
 *  English) `message` when one does not read as an X.509 certificate, and the anchors set
 *  before stay. At most 64 certificates, 1 MB in all. */
export declare function setTrustAnchors(
  certificates: LlkCertificateInput | LlkCertificateInput[],
): Promise<{ ok: boolean; count: number; message: string }>;

/** Makes an organisation's own key the signer in this browser: an unencrypted PKCS#8
 *  private key, ECDSA P-256 or RSA of 2048–4096 bits (signing RSASSA-PKCS1-v1_5 with
 *  SHA-256), and its X.509 certificate, PEM or DER; a PEM may hold the chain after the
 *  certificate, which then goes into every signature. The key becomes a non-extractable
 *  WebCrypto key in IndexedDB; it is stored only when it matches the certificate. */
export declare function importSigner(
  key: Blob | Uint8Array | string,
  certificate: Blob | Uint8Array | string,
): Promise<{ ok: boolean; message: string }>;
/** The same from a password-protected PKCS#12 file (.p12/.pfx, AES-encrypted as OpenSSL 3
 *  and current Windows write it; the older 3DES/RC2 encryption is refused with a message
 *  on how to re-export it): its key and the certificate that belongs to it; the file's
 *  other certificates (the intermediates) go into every signature as the chain. */
export declare function importSigner(
  pkcs12: Blob | Uint8Array,
  options: { password: string },
): Promise<{ ok: boolean; message: string }>;

/** Resolves once drafts work: autosave, "Verder met concept", `<llk-concepten>`. The drafts
 *  module is fetched after the forms have painted; until then the forms work in memory.
 *  Resolves `false` (and sends `llk-error` with code `drafts-load` on `document`) when it
 *  could not be loaded. */
export declare const draftsReady: Promise<boolean>;

/** Seal drafts with the portal's own key instead of the one the kit keeps in IndexedDB,
 *  e.g. one derived from the login session (HKDF), so drafts open only in that session.
 *  An AES-GCM `CryptoKey` (256 bits) with usages `encrypt` and `decrypt`; best
 *  non-extractable. Call it early (before `draftsReady`); a later call reopens the drafts
 *  with the new key, and drafts sealed with another key then show as not decryptable. */
export declare function setDraftKey(key: CryptoKey): void;

/** A form's answers: a JSON object keyed by field id, nested for groups, arrays for
 *  repeating groups. Dates are ISO `YYYY-MM-DD` strings. */
export type LlkAnswers = { [key: string]: LlkAnswer };
export type LlkAnswer =
  | string
  | number
  | boolean
  | null
  | string[]
  | LlkAnswers
  | LlkAnswers[]
  | LlkSignature;

/** A drawn signature: vector strokes in CSS pixels of the pad, or a typed name (the
 *  keyboard-accessible alternative). */
export interface LlkSignature {
  strokes?: Array<Array<[number, number]>>;
  typed?: string;
  name?: string;
  date?: string;
}

export type LlkSeverity = 'error' | 'warning';

export interface LlkDiagnostic {
  /** Concrete answer path, e.g. `betrokkene.bsn` or `partners[2].email`. */
  path: string;
  severity: LlkSeverity;
  /** Dutch, shown to the user. */
  message: string;
  /** Stable machine code, e.g. `required`, `bsn`, or a rule id. */
  code: string;
}

/** What `value` accepts besides a bare answers object, and what `llk-submit` carries. */
export interface LlkEnvelope {
  form: string;
  version: number;
  region: string;
  answers: LlkAnswers;
}

export interface LlkSubmission extends LlkEnvelope {
  schema: 'levensloopkit/submission@1';
  /** The day it was submitted, `YYYY-MM-DD`. */
  submitted: string;
  /** Warnings never block a submission; they travel with it. */
  warnings: LlkDiagnostic[];
  /** The PDF of these answers signed PAdES-B-B with "Ondertekenen" on the check page,
   *  when the user signed (and changed nothing afterwards). */
  pdf?: Blob;
}

export interface LlkValidationResult {
  /** False when at least one diagnostic is an error. */
  valid: boolean;
  diagnostics: LlkDiagnostic[];
}

export interface LlkChangeDetail {
  form: string;
  region: string;
  /** The path that changed; empty after `reset()`. */
  path: string;
  /** The answers, read from the element the first time this getter is read (then that
   *  copy): a keystroke copies no answers unless a listener reads them. Read it in the
   *  listener; read later, it holds the answers of that later moment. */
  readonly answers: LlkAnswers;
}

export type LlkErrorCode =
  | 'unknown-form'
  | 'unknown-region'
  | 'no-form'
  | 'bundle'
  | 'value'
  | 'migration'
  | 'unsupported-lang'
  | 'load'
  /** A lazily loaded module (e.g. the PDF module) could not be loaded. */
  | 'module'
  // Drafts (the form keeps working in memory; the element shows a Dutch message):
  | 'drafts-load'
  | 'drafts-unavailable'
  | 'drafts-blocked'
  | 'drafts-quota'
  | 'drafts-decrypt'
  | 'drafts-corrupt'
  | 'drafts-conflict'
  | 'drafts-not-found'
  /** `<llk-levensloopplan>`: `history` is not a plan history. */
  | 'history';

export interface LlkErrorDetail {
  code: LlkErrorCode;
  /** English, for the portal's developers; never contains answers. */
  message: string;
}

export interface LlkEventMap {
  'llk-change': CustomEvent<LlkChangeDetail>;
  'llk-submit': CustomEvent<LlkSubmission>;
  'llk-error': CustomEvent<LlkErrorDetail>;
}

/** Every levensloopkit element. Attributes: `region` (default `landelijk`), `lang` (only
 *  `nl`), `readonly` (boolean attribute); `<llk-form>` also takes `form`; `draft-id` opens
 *  that stored draft (the `id` of an `llk-open-draft` event). Unless `readonly`, a form
 *  saves a draft as the user types and offers its drafts when it opens. */
export interface LlkFormElement extends HTMLElement {
  /** Get: the current answers. Set: answers, or an envelope (older versions are migrated). */
  value: LlkAnswers | LlkEnvelope | undefined;
  /** Shows every message and the error summary, as "Versturen" would. */
  validate(): LlkValidationResult | null;
  /** An empty form on its first step. */
  reset(): void;
  /** After `llk-submit`, when the host does not take the submission: the form leaves
   *  "verstuurd" and shows its check page again, every answer kept. */
  reopen(): void;
  addEventListener<K extends keyof LlkEventMap>(
    type: K,
    listener: (this: LlkFormElement, ev: LlkEventMap[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject,
    options?: boolean | AddEventListenerOptions,
  ): void;
  removeEventListener<K extends keyof LlkEventMap>(
    type: K,
    listener: (this: LlkFormElement, ev: LlkEventMap[K]) => unknown,
    options?: boolean | EventListenerOptions,
  ): void;
  removeEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject,
    options?: boolean | EventListenerOptions,
  ): void;
}

/** What `<llk-concepten>`'s "Openen" sends: show form `form` with `draft-id` = `id`. */
export interface LlkOpenDraftDetail {
  id: string;
  form: string;
  region: string;
}

/** `<llk-concepten>`: the drafts in this browser (form, last change, expiry; no answers),
 *  with open, delete and delete-all. Defined when `draftsReady` resolves. */
export interface LlkConceptenElement extends HTMLElement {
  addEventListener(
    type: 'llk-open-draft',
    listener: (this: LlkConceptenElement, ev: CustomEvent<LlkOpenDraftDetail>) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject,
    options?: boolean | AddEventListenerOptions,
  ): void;
}

// ---- Cases: <llk-casus> and <llk-casussen> (in the one UI module, defined when the drafts
// start: `draftsReady`) ----

/** A case file: one person's documents (submission envelopes, unchanged) and events, as
 *  `llk case` writes it. Opaque to the host beyond these fields: store it whole. */
export interface LlkCase {
  format: number;
  id: string;
  region: string;
  created_on: string;
  documents: Array<{ seq: number; filed_on: string; submission: LlkEnvelope; prefill?: Record<string, unknown>; signature?: { signer: string; organisation?: string; signed_at: string; status: 'intact' | 'broken' | 'unverified'; pdf?: string } }>;
  events: Array<{ seq: number; filed_on: string; version: number; answers: Record<string, unknown> }>;
  /** Set when the receiving ZVH took the case in from an overdracht package: the day, the
   *  overdracht document's `seq`, and the receiving ZVH it names. */
  received?: { on: string; overdracht: number; by?: string };
}

/** `llk-case-change`: a document or event was filed into the case. */
export interface LlkCaseChangeDetail {
  /** The whole case after the change: what a host-owned record saves. */
  case: LlkCase;
  /** Whether the kit keeps this case (its store) or the host does. */
  stored: boolean;
  change: { kind: 'document' | 'event'; seq: number; form: string };
}

/** `<llk-casus>`: one case. Host-owned: set `value` (a case) and save what
 *  `llk-case-change` sends. Kept by the kit: attribute `case-id`. */
export interface LlkCasusElement extends HTMLElement {
  value: LlkCase | undefined;
  addEventListener(
    type: 'llk-case-change',
    listener: (this: LlkCasusElement, ev: CustomEvent<LlkCaseChangeDetail>) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject,
    options?: boolean | AddEventListenerOptions,
  ): void;
}

/** One signature of a received overdracht package. */
export interface LlkReceivedSignature {
  signer: string;
  role: string | null;
  /** The organisation (the ZVH) in the signer's certificate. */
  organisation: string | null;
  /** When it was signed, in Dutch. */
  signedAt: string | null;
  intact: boolean;
  /** The trust verdict's Dutch sentence (without trust anchors: the kit cannot tell who signed). */
  verdict: string;
}

/** `llk-case-received`: "Overdracht ontvangen" took a package in while the host owns the
 *  cases (`cases` set): the case, received (phase "in overdracht"), for the host to save
 *  and show. The kit stored nothing. */
export interface LlkCaseReceivedDetail {
  case: LlkCase;
  signatures: LlkReceivedSignature[];
}

/** `<llk-casussen>`: the caseload. Without `cases` it lists the cases the kit keeps
 *  (encrypted, in this browser) and opens them in place; with `cases` (the host's records)
 *  it lists those and sends `llk-case-open` for the host to show. "Overdracht ontvangen"
 *  takes an overdracht package in: stored and opened, or with `cases` sent as
 *  `llk-case-received`. */
export interface LlkCasussenElement extends HTMLElement {
  cases: LlkCase[] | undefined;
  addEventListener(
    type: 'llk-case-open',
    listener: (this: LlkCasussenElement, ev: CustomEvent<{ id: string }>) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(
    type: 'llk-case-received',
    listener: (this: LlkCasussenElement, ev: CustomEvent<LlkCaseReceivedDetail>) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject,
    options?: boolean | AddEventListenerOptions,
  ): void;
}

// ---- The plan editor, <llk-levensloopplan> (its own module, loaded with the element) ----

/** One adopted version of a plan: a snapshot of its answers. */
export interface LlkPlanVersion {
  number: number;
  /** The meeting that adopted it, `YYYY-MM-DD`. */
  date: string;
  /** E.g. "Vastgesteld in het casusoverleg", "Herhaald agenderen 3 februari 2027: …". */
  reason: string;
  answers: LlkAnswers;
}

export interface LlkPlanHistory {
  versions: LlkPlanVersion[];
}

export interface LlkPlanChangeDetail {
  region: string;
  /** The path that changed; empty when all answers were replaced. */
  path: string;
  /**
   * The plan's answers. A getter: copied out of the editor only when read (a keystroke
   * copies nothing for a listener that does not read it), then kept. Read it in the
   * listener; read later, it holds the answers as they are then.
   */
  readonly value: LlkAnswers;
}

export interface LlkPlanVersionDetail {
  number: number;
  history: LlkPlanHistory;
}

/** `llk-submit` of the plan editor: the adopted version as a submission. */
export interface LlkPlanSubmission extends LlkSubmission {
  planVersion: number;
  history: LlkPlanHistory;
}

export interface LlkPlanEventMap {
  'llk-plan-change': CustomEvent<LlkPlanChangeDetail>;
  'llk-plan-version': CustomEvent<LlkPlanVersionDetail>;
  'llk-submit': CustomEvent<LlkPlanSubmission>;
  'llk-error': CustomEvent<LlkErrorDetail>;
}

/**
 * `<llk-levensloopplan>`: attributes `region` (default `landelijk`), `lang` (only `nl`) and
 * `readonly` (boolean: the plan as text with its ladder diagram, nothing to edit; toggled
 * live).
 */
export interface LlkPlanElement extends HTMLElement {
  /** Get: the plan's answers (those of the `levensloopplan` form). Set: answers or an envelope. */
  value: LlkAnswers | LlkEnvelope | undefined;
  /** The adopted versions; set it with what the case system stored. */
  history: LlkPlanHistory | undefined;
  validate(): LlkValidationResult | null;
  /** A new plan (version 1, the default scenario ladder); the history is kept. */
  reset(): void;
  addEventListener<K extends keyof LlkPlanEventMap>(
    type: K,
    listener: (this: LlkPlanElement, ev: LlkPlanEventMap[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject,
    options?: boolean | AddEventListenerOptions,
  ): void;
}

// ---- Signatures, <llk-ondertekening> (the PDF module, loaded with the element) ----

/** `llk-signed`: a PDF was countersigned in `<llk-ondertekening>`. */
export interface LlkSignedDetail {
  /** The countersigned PDF (`application/pdf`): the earlier signatures plus the new one. */
  pdf: Blob;
  /** The name it was downloaded as: `<name>-medeondertekend.pdf`. */
  fileName: string;
  /** Its signatures, as `verifyPdf` reports them, the new one last. */
  signatures: LlkSignatureReport[];
}

/** `<llk-ondertekening>`: check the signatures of a PDF the user picks, countersign it as
 *  the next signer with this browser's signing key (a drawn signature optional), and see,
 *  forget or import the signer. Attribute `heading-level` (2–5, default 2) for its three
 *  section headings. */
export interface LlkOndertekeningElement extends HTMLElement {
  addEventListener(
    type: 'llk-signed',
    listener: (this: LlkOndertekeningElement, ev: CustomEvent<LlkSignedDetail>) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject,
    options?: boolean | AddEventListenerOptions,
  ): void;
}

declare global {
  interface HTMLElementTagNameMap {
    'llk-ondertekening': LlkOndertekeningElement;
    'llk-concepten': LlkConceptenElement;
    'llk-casus': LlkCasusElement;
    'llk-casussen': LlkCasussenElement;
    'llk-levensloopplan': LlkPlanElement;
    'llk-form': LlkFormElement;
    'llk-aanmelding': LlkFormElement;
    'llk-triage': LlkFormElement;
    'llk-toestemming': LlkFormElement;
    'llk-inclusie': LlkFormElement;
    'llk-herhaald-agenderen': LlkFormElement;
    'llk-overdracht': LlkFormElement;
    'llk-exclusiebesluit': LlkFormElement;
  }
  // The events bubble and are composed, so a listener on `document` hears them.
  interface DocumentEventMap extends LlkEventMap {
    'llk-signed': CustomEvent<LlkSignedDetail>;
    'llk-case-change': CustomEvent<LlkCaseChangeDetail>;
    'llk-case-open': CustomEvent<{ id: string }>;
    'llk-case-received': CustomEvent<LlkCaseReceivedDetail>;
  }
}
