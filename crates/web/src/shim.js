// Defines one custom element whose work is done in Rust. Loaded by wasm-bindgen as a
// module snippet (a file, not an inline script, so a strict CSP allows it).
// The connected form elements, for the drafts when they start (see `watch`).
const connected = new Set();
let onConnect = null;
// Elements (forms and plans) changed before the drafts watched them: someone typed while
// the drafts were starting. Their llk-change is gone; the drafts save them on attaching.
const changedEarly = new WeakSet();

export function changed_before_drafts(host) {
  return changedEarly.has(host);
}

export function watch(cb) {
  onConnect = cb;
  connected.forEach((el) => cb(el));
}

// `llk-change` (`{ form, region, path }`) and `llk-plan-change` (`{ region, path }`): the
// answers are a getter (`answers`, the plan's `value`) that reads the element's `value` the
// first time it is read and then keeps that copy, so a keystroke copies no answers when no
// listener wants them.
export function dispatch_change(host, type, form, region, path, key) {
  if (!onConnect) {
    if (type === 'llk-change' && path === '') changedEarly.delete(host); // a reset
    else changedEarly.add(host);
  }
  const detail = form === undefined ? { region, path } : { form, region, path };
  let copy;
  let read = false;
  Object.defineProperty(detail, key, {
    enumerable: true,
    get() {
      if (!read) { copy = host.value; read = true; }
      return copy;
    },
  });
  host.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
}

export function after_paint(f) {
  requestAnimationFrame(() => setTimeout(() => f(), 0));
}

export function define(tag, fixedForm, mount) {
  if (customElements.get(tag)) return false;
  class LevensloopElement extends HTMLElement {
    static get observedAttributes() { return ['form', 'region', 'lang', 'readonly']; }
    connectedCallback() {
      // A `value` set before the element was defined is an own property: re-set it.
      let pending;
      if (Object.prototype.hasOwnProperty.call(this, 'value')) {
        pending = this.value;
        delete this.value;
      }
      if (this._pendingValue !== undefined) { pending = this._pendingValue; this._pendingValue = undefined; }
      if (!this._llk) this._llk = mount(this, fixedForm);
      if (pending !== undefined) this._llk.set_value(pending);
      connected.add(this);
      if (onConnect) onConnect(this);
    }
    disconnectedCallback() {
      // Moving an element disconnects and reconnects it at once: free only if it stays out.
      queueMicrotask(() => {
        if (!this.isConnected && this._llk) { this._llk.free(); this._llk = null; connected.delete(this); }
      });
    }
    attributeChangedCallback(_name, oldValue, newValue) {
      if (this._llk && oldValue !== newValue) this._llk.attributes_changed();
    }
    get value() { return this._llk ? this._llk.value() : undefined; }
    set value(v) { if (this._llk) this._llk.set_value(v); else this._pendingValue = v; }
    validate() { return this._llk ? this._llk.validate() : null; }
    reset() { if (this._llk) this._llk.reset(); }
    reopen() { if (this._llk) this._llk.reopen(); }
  }
  customElements.define(tag, LevensloopElement);
  return true;
}
