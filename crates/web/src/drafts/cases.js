// The case elements: <llk-casussen> (the caseload) and <llk-casus> (one
// case). Their work is in Rust (src/drafts/casus.rs, casussen.rs); this file is the custom
// element classes and the DOM glue for the form a case opens. A file, so a strict CSP
// allows it.

function defineElement(tag, mount, observed) {
  if (customElements.get(tag)) return false;
  class CaseElement extends HTMLElement {
    static get observedAttributes() { return observed; }
    connectedCallback() {
      // A property set before the element was defined is an own property: re-set it.
      let pending;
      for (const p of ['value', 'cases']) {
        if (Object.prototype.hasOwnProperty.call(this, p)) { pending = [p, this[p]]; delete this[p]; }
      }
      if (!this._llk) this._llk = mount(this);
      if (pending) this[pending[0]] = pending[1];
      else if (this._pendingValue !== undefined) this.value = this._pendingValue;
    }
    disconnectedCallback() {
      queueMicrotask(() => {
        if (!this.isConnected && this._llk) { this._llk.free(); this._llk = null; }
      });
    }
    attributeChangedCallback(name, oldValue, newValue) {
      if (this._llk && oldValue !== newValue) this._llk.attributes_changed();
    }
    get value() { return this._llk ? this._llk.value() : this._pendingValue; }
    set value(v) { if (this._llk) this._llk.set_value(v); else this._pendingValue = v; }
    get cases() { return this._llk && this._llk.cases ? this._llk.cases() : undefined; }
    set cases(v) {
      if (!this._llk || !this._llk.set_cases) return;
      // Each case as its own JSON text: megabytes of cases cross to Rust far faster so than
      // object by object, and Rust reads each straight into a case. `null`/`undefined` goes
      // back to the kit's store; an item that is not JSON (or a non-array, taken as one
      // item) is named as unreadable.
      let texts = null;
      if (v != null) {
        texts = [];
        for (const c of Array.isArray(v) ? v : [v]) {
          let t;
          try { t = JSON.stringify(c); } catch (_) { t = undefined; }
          texts.push(t ?? 'null');
        }
      }
      this._llk.set_cases(texts);
    }
  }
  customElements.define(tag, CaseElement);
  return true;
}

export function defineCasus(mount) { return defineElement('llk-casus', mount, ['case-id']); }
export function defineCasussen(mount) { return defineElement('llk-casussen', mount, ['region']); }

let loadModule = null;
export function setLoader(f) { if (typeof f === 'function') loadModule = f; }

const b64 = (bytes) => {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
  return btoa(s);
};

/** What the kit's own verifier says of a signed PDF (a Blob or bytes), for the case's
 *  record of the document: `{ signer, organisation, signed_at, status, pdf }` or null. */
async function signatureOf(pdf) {
  if (!pdf || !loadModule) return null;
  const bytes = pdf instanceof Blob ? new Uint8Array(await pdf.arrayBuffer()) : new Uint8Array(pdf);
  let sigs = [];
  try { sigs = await (await loadModule('pdf')).verifyPdf(bytes); } catch (_) { sigs = []; }
  const last = sigs[sigs.length - 1];
  if (!last) return { signer: 'onbekend', signed_at: '', status: 'unverified', pdf: b64(bytes) };
  return {
    signer: last.signer || 'onbekend',
    organisation: last.organisation || undefined,
    signed_at: last.signedAt || '',
    status: last.intact ? 'intact' : 'broken',
    pdf: b64(bytes),
  };
}

/** The kit's verifier on each signed PDF (base64) a case carries, when the case is opened:
 *  per PDF `'intact'` (every signature in it intact), `'broken'`, or `null` when it could
 *  not be checked (no PDF module, no signature in the file). */
export async function verifyStored(pdfs) {
  let pdf = null;
  try { pdf = loadModule ? await loadModule('pdf') : null; } catch (_) { pdf = null; }
  const out = [];
  for (const text of pdfs) {
    let sigs = [];
    try {
      const raw = atob(text);
      const bytes = new Uint8Array(raw.length);
      for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
      sigs = pdf ? await pdf.verifyPdf(bytes) : [];
    } catch (_) { sigs = []; }
    out.push(sigs.length === 0 ? null : sigs.every((s) => s.intact) ? 'intact' : 'broken');
  }
  return out;
}

/** Opens `tag` (a form element, or the plan editor) in `container`, prefilled with `value`
 *  (and the plan's `history`), its draft kept under `draftId`; its llk-submit goes to
 *  `onSubmit(submissionJson, signatureJson)` and no further: the case files it. */
export function openForm(container, tag, form, region, draftId, value, history, onSubmit) {
  container.replaceChildren();
  const el = document.createElement(tag);
  if (tag === 'llk-form') el.setAttribute('form', form);
  el.setAttribute('region', region);
  el.setAttribute('draft-id', draftId);
  el.id = `llk-casus-form-${form}`;
  el.addEventListener('llk-submit', (e) => {
    if (e.target !== el) return;
    e.stopPropagation();
    const d = e.detail || {};
    const sub = { form: d.form, version: d.version, region: d.region, answers: d.answers, unmapped: d.unmapped };
    signatureOf(d.pdf).then((sig) => onSubmit(JSON.stringify(sub), sig ? JSON.stringify(sig) : ''));
  });
  container.appendChild(el);
  if (history) el.history = history;
  el.value = value;
  queueMicrotask(() => el.scrollIntoView && el.scrollIntoView({ block: 'start' }));
  return el;
}

export function closeForm(container) { container.replaceChildren(); }

/** The case refused what the form sent: the form shows its check page again. */
export function reopenForm(container) {
  const el = container.firstElementChild;
  if (el && typeof el.reopen === 'function') el.reopen();
}
