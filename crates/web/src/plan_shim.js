// Defines <llk-levensloopplan>, whose work is done in Rust (src/plan.rs). Loaded by
// wasm-bindgen as a module snippet (a file, so a strict CSP allows it).
// The connected plans, for the drafts (the loader hands their `attach` to `watch`).
const connected = new Set();
let onConnect = null;

export function watch(cb) {
  onConnect = cb;
  connected.forEach((el) => cb(el));
}

export function define_plan(tag, mount) {
  if (customElements.get(tag)) return false;
  class LevensloopPlan extends HTMLElement {
    static get observedAttributes() { return ['region', 'lang', 'readonly']; }
    connectedCallback() {
      // Properties set before the element was defined are own properties: re-set them.
      const pending = {};
      for (const p of ['value', 'history']) {
        if (Object.prototype.hasOwnProperty.call(this, p)) { pending[p] = this[p]; delete this[p]; }
      }
      Object.assign(pending, this._pending || {});
      this._pending = undefined;
      if (!this._llk) this._llk = mount(this);
      if (pending.history !== undefined) this._llk.set_history(pending.history);
      if (pending.value !== undefined) this._llk.set_value(pending.value);
      connected.add(this);
      if (onConnect) onConnect(this);
    }
    disconnectedCallback() {
      queueMicrotask(() => {
        if (!this.isConnected && this._llk) { this._llk.free(); this._llk = null; connected.delete(this); }
      });
    }
    attributeChangedCallback(name, oldValue, newValue) {
      if (this._llk && oldValue !== newValue) this._llk.attributes_changed();
      // A plan shown read-only first and made editable later gets its drafts then (the
      // drafts' `attach` skips read-only plans and ignores one attached already).
      if (name === 'readonly' && this.isConnected && onConnect) onConnect(this);
    }
    later(p, v) { this._pending = Object.assign(this._pending || {}, { [p]: v }); }
    get value() { return this._llk ? this._llk.value() : undefined; }
    set value(v) { if (this._llk) this._llk.set_value(v); else this.later('value', v); }
    get history() { return this._llk ? this._llk.history() : undefined; }
    set history(v) { if (this._llk) this._llk.set_history(v); else this.later('history', v); }
    validate() { return this._llk ? this._llk.validate() : null; }
    reset() { if (this._llk) this._llk.reset(); }
  }
  customElements.define(tag, LevensloopPlan);
  return true;
}

