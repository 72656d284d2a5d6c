// The drafts' element: <llk-concepten>, the list of drafts in this browser.
// A file (not an inline script), so a strict CSP allows it.
export function defineConcepten(mount) {
  if (customElements.get('llk-concepten')) return false;
  class LevensloopConcepten extends HTMLElement {
    connectedCallback() { if (!this._llk) this._llk = mount(this); }
    disconnectedCallback() {
      queueMicrotask(() => {
        if (!this.isConnected && this._llk) { this._llk.free(); this._llk = null; }
      });
    }
  }
  customElements.define('llk-concepten', LevensloopConcepten);
  return true;
}
