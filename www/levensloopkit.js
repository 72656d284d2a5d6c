// levensloopkit loader. Embed with
//   <script type="module" src="/levensloopkit/levensloopkit.js"></script>
// and use <llk-aanmelding>, <llk-toestemming>, <llk-form form="…"> anywhere on the page.
// Needs a CSP that allows 'wasm-unsafe-eval' for scripts; no inline script or style.
import init from './pkg/llk_web.js';

/** Resolves when every element is defined (instantiating the module defines them). */
export const ready = init({ module_or_path: new URL('./pkg/llk_web_bg.wasm', import.meta.url) })
  .then(() => undefined)
  .catch((err) => {
    document.dispatchEvent(new CustomEvent('llk-error', {
      bubbles: true, composed: true,
      detail: { code: 'load', message: `levensloopkit could not start: ${err}` },
    }));
    throw err;
  });
