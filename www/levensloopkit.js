// levensloopkit loader. Embed with
//   <script type="module" src="/levensloopkit/levensloopkit.js"></script>
// and use <llk-aanmelding>, <llk-toestemming>, <llk-form form="…"> anywhere on the page.
// Needs a CSP that allows 'wasm-unsafe-eval' for scripts; no inline script or style.
// It loads files of its own only, all relative to itself: pkg/llk_web.js and its wasm (the
// one UI module: every form, the drafts, the plan editor and the case elements),
// pkg/forms.json (the form definitions: data, cached and replaced apart from the code),
// and, only when needed, the PDF module pkg/pdf.js (see loadModule). Drafts start after
// the forms have painted; until then the forms work in memory.
import init, { boot, watch_elements, start, attach, set_key, kit_css } from './pkg/llk_web.js';

const definitions = fetch(new URL('./pkg/forms.json', import.meta.url), { credentials: 'same-origin' })
  .then((r) => (r.ok ? r.text() : Promise.reject(new Error(`forms.json: HTTP ${r.status}`))));

function report(err) {
  document.dispatchEvent(new CustomEvent('llk-error', {
    bubbles: true, composed: true,
    detail: { code: 'load', message: `levensloopkit could not start: ${err}` },
  }));
}

function fail(err) {
  report(err);
  throw err;
}

const modules = new Map();

/** Loads one of the kit's lazily loaded wasm modules (`pkg/<name>.js`: today the PDF
 *  module, `pdf`) once, hands it the
 *  definitions (its `boot(bundle, exports, css)`, when it exports one, with the text of
 *  forms.json, which each module reads itself, and the kit's stylesheet from the UI module)
 *  and resolves to its exports. A failed load is forgotten, so a later call tries again. */
export function loadModule(name) {
  if (!/^[a-z_]+$/.test(name)) return Promise.reject(new Error(`no such module: ${name}`));
  let loading = modules.get(name);
  if (!loading) {
    loading = import(new URL(`./pkg/${name}.js`, import.meta.url).href).then(async (mod) => {
      await mod.default({ module_or_path: new URL(`./pkg/${name}_bg.wasm`, import.meta.url) });
      // Its own exports too: elements a module defines (<llk-ondertekening>) call them.
      const css = await ui.then(() => kit_css(), () => '');
      if (typeof mod.boot === 'function') mod.boot(await definitions.catch(() => null), mod, css);
      return mod;
    });
    loading.catch(() => modules.delete(name));
    modules.set(name, loading);
  }
  return loading;
}

/** The signatures in a signed PDF (a `Blob`, `File` or bytes), checked by the kit's own
 *  verifier in the PDF module: `[{ signer, role, organisation, signedAt, intact,
 *  coversWholeDocument, problem, message, verdict, trust, chain }]` (`message`, `trust`:
 *  Dutch sentences; `verdict` judged against the anchors of `setTrustAnchors`). */
export const verifyPdf = async (pdf) => (await loadModule('pdf')).verifyPdf(pdf);

/** The certificates whose chains the kit trusts (the portal's CA, e.g. PKIoverheid's
 *  roots): PEM text (several certificates in one is fine), DER bytes, a `Blob`/`File`, or an
 *  array of those; `[]` removes them. Kept in memory for this page. Loads the PDF module
 *  (where they are read and used) if it is not loaded yet. Resolves to `{ ok, count,
 *  message }`; an unreadable certificate leaves the anchors as they were (`ok: false`). */
export const setTrustAnchors = async (certificates) => (await loadModule('pdf')).setTrustAnchors(certificates);

/** Makes an organisation's own key the signer in this browser, either from a PKCS#12 file
 *  (.p12/.pfx) and its password, `importSigner(p12, { password })`, or from an unencrypted
 *  PKCS#8 private key (ECDSA P-256, or RSA of 2048–4096 bits) and its X.509 certificate
 *  (PEM text or DER; a PEM may go on with the chain above it),
 *  `importSigner(key, certificate)` (each a `Blob`, `File`, string or bytes). The key
 *  becomes a non-extractable WebCrypto key. Resolves to `{ ok, message }` (a Dutch
 *  message). The PDF module does the work (`host_api.rs`). */
export const importSigner = async (key, second) => (await loadModule('pdf')).importSigner(key, second);

/** Elements whose code is a module of its own: it is loaded when such an element is in the
 *  document (now or later). Elements inside another shadow root are not seen: call
 *  `loadModule` for them. */
const ELEMENT_MODULES = { 'llk-ondertekening': 'pdf' };

function loadModulesFor(root) {
  for (const [tag, name] of Object.entries(ELEMENT_MODULES)) {
    if (!customElements.get(tag) && root.querySelector(tag)) loadModule(name).catch(report);
  }
}

/** Resolves when every element is defined. Without definitions the elements are still
 *  defined, show that the form cannot be shown and send llk-error; `ready` then rejects. */
const ui = init({ module_or_path: new URL('./pkg/llk_web_bg.wasm', import.meta.url) });
export const ready = ui
  .then(() => definitions.then(
    (bundle) => boot(bundle, loadModule),
    (err) => { boot(null, loadModule); throw err; },
  ))
  .catch(fail);

if (Object.keys(ELEMENT_MODULES).length > 0) {
  loadModulesFor(document);
  new MutationObserver(() => loadModulesFor(document))
    .observe(document.documentElement, { childList: true, subtree: true });
}

let draftKey = null;
let drafts = null;

/** Drafts are sealed with this AES-GCM `CryptoKey` (encrypt + decrypt) instead of the key
 *  the kit keeps in IndexedDB, e.g. one derived from the portal's login session. */
export function setDraftKey(key) {
  draftKey = key;
  if (drafts) drafts.then(() => set_key(key));
}

/** Resolves true when drafts work (autosave, resume, <llk-concepten>, the case elements),
 *  false when the kit could not start (the forms then keep working in memory). Drafts
 *  open their store after the forms have painted, so they never delay showing a form. */
export const draftsReady = ready.then(() => new Promise((painted) => {
  requestAnimationFrame(() => setTimeout(painted, 0));
})).then(() => {
  drafts = start(draftKey).then(() => watch_elements(attach));
  return drafts.then(() => true, (err) => {
    document.dispatchEvent(new CustomEvent('llk-error', {
      bubbles: true, composed: true,
      detail: { code: 'drafts-load', message: `drafts could not start: ${err}` },
    }));
    return false;
  });
}, () => false);
