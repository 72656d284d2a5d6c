// levensloopkit loader. Embed with
//   <script type="module" src="/levensloopkit/levensloopkit.js"></script>
// and use <llk-aanmelding>, <llk-toestemming>, <llk-form form="…"> anywhere on the page.
// Needs a CSP that allows 'wasm-unsafe-eval' for scripts; no inline script or style.
// It loads three files of its own, all relative to itself: pkg/llk_web.js, the wasm, and
// pkg/forms.json (the form definitions: data, cached and replaced apart from the code).
// After the forms have painted it loads the drafts module (pkg/drafts/): until then the
// forms work in memory.
import init, { boot, watch_elements } from './pkg/llk_web.js';

const definitions = fetch(new URL('./pkg/forms.json', import.meta.url), { credentials: 'same-origin' })
  .then((r) => (r.ok ? r.json() : Promise.reject(new Error(`forms.json: HTTP ${r.status}`))));

function fail(err) {
  document.dispatchEvent(new CustomEvent('llk-error', {
    bubbles: true, composed: true,
    detail: { code: 'load', message: `levensloopkit could not start: ${err}` },
  }));
  throw err;
}

/** Resolves when every element is defined. Without definitions the elements are still
 *  defined, show that the form cannot be shown and send llk-error; `ready` then rejects. */
export const ready = init({ module_or_path: new URL('./pkg/llk_web_bg.wasm', import.meta.url) })
  .then(() => definitions.then(
    (bundle) => boot(bundle),
    (err) => { boot(null); throw err; },
  ))
  .catch(fail);

let draftKey = null;
let drafts = null;

/** Drafts are sealed with this AES-GCM `CryptoKey` (encrypt + decrypt) instead of the key
 *  the kit keeps in IndexedDB, e.g. one derived from the portal's login session. */
export function setDraftKey(key) {
  draftKey = key;
  if (drafts) drafts.then((m) => m.set_key(key));
}

/** Resolves true when drafts work (autosave, resume, <llk-concepten>), false when the
 *  drafts module could not be loaded (the forms then keep working in memory). */
export const draftsReady = ready.then(() => new Promise((painted) => {
  requestAnimationFrame(() => setTimeout(painted, 0));
})).then(() => {
  drafts = import('./pkg/drafts/llk_drafts.js').then(async (m) => {
    await m.default({ module_or_path: new URL('./pkg/drafts/llk_drafts_bg.wasm', import.meta.url) });
    await m.start(await definitions, draftKey);
    watch_elements((el) => m.attach(el));
    return m;
  });
  return drafts.then(() => true, (err) => {
    document.dispatchEvent(new CustomEvent('llk-error', {
      bubbles: true, composed: true,
      detail: { code: 'drafts-load', message: `drafts could not start: ${err}` },
    }));
    return false;
  });
}, () => false);
