// <llk-ondertekening>: check the signatures of a PDF, countersign it as the next signer
// (with an optional drawn signature), and see or change this browser's signer. Plain DOM
// in a shadow root styled by constructable stylesheets (strict CSP: no inline style); the
// PDF module's exports (verify_pdf, countersign_pdf, signer_info, import_dialog) do the
// work. Defined by the PDF module's boot (cosign.rs), which the loader runs when the tag
// appears. Every text is Dutch; buttons are never disabled (a busy click is ignored).

import { forgetSigner } from './browser.js';

const TAG = 'llk-ondertekening';
const MAX_BYTES = 50 * 1024 * 1024;
const PAD_W = 600;
const PAD_H = 200;

const CSS = `
.llk-ondertekening__section { margin-block-end: 2em; }
.llk-ondertekening__list { list-style: none; padding: 0; margin: 0 0 1em; }
.llk-ondertekening__sig { border-inline-start: 6px solid var(--utrecht-alert-ok-border-color, #39870c); padding: 0.5em 1em; margin-block-end: 0.75em; background: var(--utrecht-alert-ok-background-color, #e1eddb); }
.llk-ondertekening__sig--doubt { border-color: var(--utrecht-alert-warning-border-color, #ffb612); background: var(--utrecht-alert-warning-background-color, #fff4dc); }
.llk-ondertekening__sig--broken { border-color: var(--utrecht-alert-error-border-color, #d52b1e); background: var(--utrecht-alert-error-background-color, #f9dfdd); }
.llk-ondertekening__sig p { margin: 0.25em 0; }
.llk-ondertekening__verdict { font-weight: 700; }
.llk-ondertekening__status:empty { display: none; }
.llk-ondertekening__status:focus { outline: 3px solid var(--utrecht-focus-outline-color, #000); outline-offset: 2px; }
`;

let sheets = null;
function styleSheets(kitCss) {
  if (!sheets) {
    sheets = [kitCss, CSS].map((text) => {
      const s = new CSSStyleSheet();
      s.replaceSync(text);
      return s;
    });
  }
  return sheets;
}

function el(tag, props = {}, ...children) {
  const e = Object.assign(document.createElement(tag), props);
  e.append(...children.filter((c) => c !== null && c !== undefined));
  return e;
}

function button(text, kind, onclick) {
  return el('button', { type: 'button', className: `llk-button llk-button--${kind}`, onclick }, text);
}

const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;
const baseName = (file) => file.replace(/\.pdf$/i, '').replace(/-(mede)?ondertekend$/i, '') || 'document';

/** The alert for one message: ok or error. */
function alert(ok, text) {
  return el('div', { className: `llk-alert llk-alert--${ok ? 'ok' : 'error'}` }, el('p', {}, text));
}

export function defineOndertekening(api, kitCss) {
  if (customElements.get(TAG)) return;

  class Ondertekening extends HTMLElement {
    connectedCallback() {
      if (this._root) return;
      const shadow = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
      shadow.adoptedStyleSheets = styleSheets(kitCss);
      this._root = el('div', { className: 'llk-root', lang: 'nl' });
      shadow.replaceChildren(this._root);
      this._busy = false;
      this._pdf = null; // { bytes, name, signatures }
      this._strokes = [];
      this.render();
      this.showSigner();
    }

    heading(text, id) {
      const level = Math.min(5, Math.max(2, Number(this.getAttribute('heading-level')) || 2));
      return el(`h${level}`, { className: 'llk-heading-3', id }, text);
    }

    render() {
      const check = el('section', { className: 'llk-ondertekening__section' });
      check.setAttribute('aria-labelledby', 'llk-o-check');
      const input = el('input', { type: 'file', id: 'llk-o-file', accept: 'application/pdf,.pdf', className: 'llk-textbox' });
      input.setAttribute('aria-describedby', 'llk-o-file-hint');
      input.addEventListener('change', () => this.check(input.files[0]));
      this._checkStatus = el('div', { className: 'llk-ondertekening__status', role: 'status' });
      this._list = el('div', {});
      check.append(this.heading('PDF controleren', 'llk-o-check'),
        el('div', { className: 'llk-form-field' },
          el('label', { className: 'llk-form-label', htmlFor: 'llk-o-file' }, 'Ondertekende PDF'),
          el('p', { className: 'llk-form-field__description', id: 'llk-o-file-hint' },
            'Kies een PDF-bestand. De handtekeningen worden in deze browser gecontroleerd; het bestand wordt nergens heen gestuurd.'),
          input),
        this._checkStatus, this._list);

      this._cosign = el('section', { className: 'llk-ondertekening__section' });
      this._cosign.setAttribute('aria-labelledby', 'llk-o-cosign');

      const signer = el('section', { className: 'llk-ondertekening__section' });
      signer.setAttribute('aria-labelledby', 'llk-o-signer');
      this._signerText = el('div', { tabIndex: -1 });
      this._signerActions = el('div', {});
      this._signerStatus = el('div', { className: 'llk-ondertekening__status', role: 'status' });
      signer.append(this.heading('Uw ondertekenaar', 'llk-o-signer'), this._signerText, this._signerActions, this._signerStatus);

      this._root.replaceChildren(check, this._cosign, signer);
      this.renderCosign();
    }

    // ---- PDF controleren ----

    async check(file) {
      // A later choice wins over a check still running.
      const token = {};
      this._checking = token;
      this._pdf = null;
      this._list.replaceChildren();
      this.renderCosign();
      if (!file) { this._checkStatus.replaceChildren(); return; }
      const say = (ok, text) => this._checkStatus.replaceChildren(alert(ok, text));
      if (file.size > MAX_BYTES) { say(false, `${file.name} is groter dan 50 MB; zo'n PDF kan hier niet worden gecontroleerd.`); return; }
      this._checkStatus.replaceChildren(el('p', {}, `Bezig met controleren van ${file.name}…`));
      let bytes;
      try {
        bytes = new Uint8Array(await file.arrayBuffer());
      } catch {
        say(false, `${file.name} kon niet worden gelezen. Kies het bestand opnieuw.`);
        return;
      }
      const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
      if (!head.includes('%PDF-')) {
        say(false, `${file.name} is geen PDF-bestand. Kies een PDF.`);
        return;
      }
      let signatures;
      try {
        signatures = await api.verify_pdf(bytes);
      } catch {
        say(false, 'De PDF kon niet worden gecontroleerd door een fout in deze pagina. Laad de pagina opnieuw en probeer het nog eens.');
        return;
      }
      if (this._checking !== token) return;
      // A PDF beyond the kit's bounds is refused unread: one report saying why.
      if (signatures.length === 1 && signatures[0].refused) { say(false, signatures[0].message); return; }
      this.show(bytes, file.name, signatures);
    }

    /** Shows the signatures of `bytes` (called `name`) and what can be done with it. */
    show(bytes, name, signatures) {
      this._pdf = { bytes, name, signatures };
      const broken = signatures.filter((s) => !s.intact).length;
      let summary;
      if (signatures.length === 0) {
        summary = `${name} heeft geen digitale handtekeningen. Is het bestand beschadigd of niet ondertekend, vraag de afzender dan om de ondertekende PDF.`;
      } else if (broken === 0) {
        summary = `${name} heeft ${plural(signatures.length, 'handtekening', 'handtekeningen')}; ${signatures.length === 1 ? 'die is' : 'alle zijn'} geldig.`;
      } else {
        summary = `${name} heeft ${plural(signatures.length, 'handtekening', 'handtekeningen')}, waarvan ${broken} ongeldig. Het document is na ondertekenen gewijzigd of beschadigd.`;
      }
      this._checkStatus.replaceChildren(alert(signatures.length > 0 && broken === 0, summary));
      const list = el('ol', { className: 'llk-ondertekening__list' });
      signatures.forEach((s, i) => {
        const who = [s.role, s.organisation].filter(Boolean).join(', ');
        // Intact but not shown to be from someone the portal trusts: a warning, not an error.
        const doubt = s.intact && s.verdict !== 'vertrouwd' ? ' llk-ondertekening__sig--doubt' : '';
        list.append(el('li', { className: `llk-ondertekening__sig${s.intact ? doubt : ' llk-ondertekening__sig--broken'}` },
          el('p', { className: 'llk-ondertekening__verdict' }, `Handtekening ${i + 1}: ${s.intact ? 'Geldig' : 'Ongeldig'}`),
          el('p', {}, `Door ${s.signer || '(onbekend)'}${who ? `, ${who}` : ''}`),
          s.signedAt ? el('p', {}, `Ondertekend op ${s.signedAt}`) : null,
          el('p', {}, !s.intact
            ? 'Deze handtekening klopt niet: het document is na ondertekenen gewijzigd of beschadigd.'
            : s.coversWholeDocument
              ? 'Het hele document is ondertekend; daarna is er niets gewijzigd.'
              : 'Daarna is er iets aan het document toegevoegd (bijvoorbeeld een volgende handtekening).'),
          el('p', { className: 'llk-ondertekening__trust' }, `Vertrouwen: ${s.verdict}`),
          s.intact ? el('p', {}, s.trust) : null,
          s.chain && s.chain.length > 1 ? el('p', {}, `Certificaatketen: ${s.chain.join(' → ')}`) : null));
      });
      this._list.replaceChildren(...(signatures.length ? [list] : []));
      this.renderCosign();
    }

    // ---- Medeondertekenen ----

    renderCosign() {
      const parts = [this.heading('Medeondertekenen', 'llk-o-cosign')];
      const pdf = this._pdf;
      this._cosignStatus = el('div', { className: 'llk-ondertekening__status', role: 'status', tabIndex: -1 });
      if (!pdf) {
        parts.push(el('p', {}, 'Kies eerst hierboven een ondertekende PDF. Zijn alle handtekeningen geldig, dan kunt u hier als volgende ondertekenaar tekenen.'));
      } else if (pdf.signatures.length === 0) {
        parts.push(el('p', {}, 'Medeondertekenen kan alleen bij een PDF die al digitaal is ondertekend.'));
      } else if (pdf.signatures.some((s) => !s.intact)) {
        parts.push(alert(false, 'Medeondertekenen kan niet: niet alle handtekeningen in deze PDF zijn geldig. Vraag de afzender om een nieuwe ondertekende PDF.'));
      } else {
        parts.push(el('p', {}, `U ondertekent ${pdf.name} als volgende ondertekenaar, met de digitale handtekening van deze browser. De handtekeningen die er al staan blijven geldig.`));
        parts.push(this.pad());
        parts.push(el('div', { className: 'llk-button-group' },
          button('Medeondertekenen', 'primary', () => this.countersign())));
      }
      parts.push(this._cosignStatus);
      this._cosign.replaceChildren(...parts);
    }

    /** The optional drawing pad: pointer input only; the text says keyboard users skip it. */
    pad() {
      this._strokes = [];
      const hint = el('p', { className: 'llk-form-field__description', id: 'llk-o-pad-hint' },
        'Niet verplicht: de digitale handtekening is wat telt. Wilt u dat uw getekende handtekening ook in de PDF staat, teken dan met muis, pen of vinger in het vak. Met het toetsenbord slaat u dit over.');
      const canvas = el('canvas', { className: 'llk-signature__pad', width: PAD_W, height: PAD_H });
      canvas.setAttribute('role', 'img');
      canvas.setAttribute('aria-label', 'Tekenvak voor uw handtekening (niet verplicht)');
      canvas.setAttribute('aria-describedby', hint.id);
      const ctx = canvas.getContext('2d');
      const at = (e) => {
        const r = canvas.getBoundingClientRect();
        return [Math.round(((e.clientX - r.left) / r.width) * PAD_W), Math.round(((e.clientY - r.top) / r.height) * PAD_H)];
      };
      let stroke = null;
      canvas.addEventListener('pointerdown', (e) => {
        e.preventDefault();
        canvas.setPointerCapture(e.pointerId);
        stroke = [at(e)];
        this._strokes.push(stroke);
        ctx.lineWidth = 3;
        ctx.lineCap = 'round';
        ctx.strokeStyle = '#1a1a6e';
        ctx.beginPath();
        ctx.moveTo(...stroke[0]);
      });
      canvas.addEventListener('pointermove', (e) => {
        if (!stroke) return;
        const p = at(e);
        stroke.push(p);
        ctx.lineTo(...p);
        ctx.stroke();
      });
      const end = () => { stroke = null; };
      canvas.addEventListener('pointerup', end);
      canvas.addEventListener('pointercancel', end);
      const clear = button('Tekening wissen', 'subtle', () => {
        this._strokes = [];
        ctx.clearRect(0, 0, PAD_W, PAD_H);
      });
      return el('div', { className: 'llk-form-field' },
        el('p', { className: 'llk-form-label', id: 'llk-o-pad-label' }, 'Getekende handtekening (niet verplicht)'),
        hint, canvas, el('div', { className: 'llk-signature__actions' }, clear));
    }

    async countersign() {
      const pdf = this._pdf;
      if (this._busy || !pdf) return;
      this._busy = true;
      const status = this._cosignStatus;
      status.replaceChildren(el('p', {}, 'Bezig met medeondertekenen…'));
      let r;
      try {
        r = await api.countersign_pdf(pdf.bytes, this._strokes.length ? this._strokes : null, this);
      } catch {
        r = { ok: false, message: 'Medeondertekenen is niet gelukt door een fout in deze pagina. Laad de pagina opnieuw en probeer het nog eens.' };
      } finally {
        this._busy = false;
      }
      if (!r.ok) {
        status.replaceChildren(alert(false, r.message));
        return;
      }
      const name = `${baseName(pdf.name)}-medeondertekend.pdf`;
      const url = URL.createObjectURL(r.pdf);
      const link = el('a', { className: 'llk-link', href: url, download: name }, `${name} opnieuw downloaden`);
      // Show the new PDF's signatures; then the outcome, focused, with the link.
      this.show(new Uint8Array(await r.pdf.arrayBuffer()), name, r.signatures);
      const done = alert(true, `${r.message} De PDF is gedownload als ${name}.`);
      done.append(el('p', {}, link));
      this._cosignStatus.replaceChildren(done);
      link.click();
      this._cosignStatus.focus();
      this.showSigner();
      this.dispatchEvent(new CustomEvent('llk-signed', {
        bubbles: true, composed: true,
        detail: { pdf: r.pdf, fileName: name, signatures: r.signatures },
      }));
    }

    // ---- Uw ondertekenaar ----

    async showSigner(focus = false) {
      let info;
      try {
        info = await api.signer_info();
      } catch {
        info = { error: 'De ondertekenaar van deze browser kon niet worden gelezen.' };
      }
      const text = this._signerText;
      const actions = [];
      if (info && info.error) {
        text.replaceChildren(el('p', {}, info.error));
      } else if (info) {
        const dl = el('dl', { className: 'llk-summary-list' });
        for (const [k, v] of [['Naam', info.name], ['Functie', info.role], ['Organisatie', info.organisation], ['Certificaat geldig tot', info.validUntil]]) {
          dl.append(el('div', { className: 'llk-summary-list__row' },
            el('dt', { className: 'llk-summary-list__key' }, k),
            el('dd', { className: 'llk-summary-list__value' }, v || '(niet ingevuld)')));
        }
        text.replaceChildren(el('p', {}, 'Deze browser ondertekent als:'), dl);
        actions.push(button('Sleutel vergeten', 'secondary', () => this.confirmForget()));
      } else {
        text.replaceChildren(el('p', {}, 'Nog geen. Bij de eerste ondertekening vraagt deze pagina uw naam, functie en organisatie en maakt deze browser een eigen ondertekensleutel.'));
      }
      if (typeof api.import_dialog === 'function') {
        actions.push(button('Certificaat van uw organisatie importeren', 'secondary', () => this.importCertificate()));
      }
      this._signerActions.replaceChildren(el('div', { className: 'llk-button-group' }, ...actions));
      if (focus) text.focus();
    }

    confirmForget() {
      const question = el('p', { id: 'llk-o-forget-q', tabIndex: -1 },
        'Weet u zeker dat u de sleutel wilt vergeten? Deze browser kan daarna niet meer als u ondertekenen; PDF\'s die u al ondertekende blijven geldig. Bij de volgende ondertekening maakt u een nieuwe sleutel.');
      const group = el('div', { className: 'llk-alert llk-alert--error', role: 'group' }, question,
        el('div', { className: 'llk-button-group' },
          button('Ja, sleutel vergeten', 'primary', () => this.forget()),
          button('Annuleren', 'subtle', () => { this.showSigner(); this._signerActions.querySelector('button')?.focus(); })));
      group.setAttribute('aria-labelledby', question.id);
      this._signerActions.replaceChildren(group);
      question.focus();
    }

    async forget() {
      if (this._busy) return;
      this._busy = true;
      let message;
      try {
        await forgetSigner();
        message = alert(true, 'De sleutel is vergeten. Bij de volgende ondertekening vraagt deze pagina opnieuw uw gegevens.');
      } catch {
        message = alert(false, 'De sleutel kon niet worden vergeten. Probeer het opnieuw.');
      } finally {
        this._busy = false;
      }
      this._signerStatus.replaceChildren(message);
      await this.showSigner(true);
    }

    async importCertificate() {
      if (this._busy) return;
      this._busy = true;
      let r;
      try {
        r = await api.import_dialog(this);
      } catch {
        r = { ok: false, message: 'Het certificaat kon niet worden geïmporteerd door een fout in deze pagina.' };
      } finally {
        this._busy = false;
      }
      if (r && r.message) this._signerStatus.replaceChildren(alert(!!r.ok, r.message));
      await this.showSigner(!!(r && r.ok));
    }
  }

  customElements.define(TAG, Ondertekening);
}
