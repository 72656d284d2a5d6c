// "PDF downloaden" of a form the Adviestafel sees (the aanmelding): which version, the full
// one or the anonymised one. A module snippet of the PDF module, so the UI module (which
// has no room) carries none of it. Same dialog pattern as askSigner in browser.js.

function el(tag, props, ...children) {
  const e = Object.assign(document.createElement(tag), props);
  e.append(...children);
  return e;
}

const CHOICES = [
  ['full', 'Volledige PDF', 'Met alle antwoorden, voor het dossier van het Zorg- en Veiligheidshuis.'],
  ['anonymised', 'Geanonimiseerde PDF voor de Adviestafel',
    'Zonder namen, BSN, adres en contactgegevens: alleen initialen, geboortejaar en gemeente. Controleer vrije tekst zelf op namen.'],
];

/** A modal dialog in `host`'s shadow root asking which PDF to download. Resolves to
 *  'full', 'anonymised' or null (cancelled); focus goes back to the button after. */
export function askVersion(host) {
  const root = host.shadowRoot ?? document.body;
  const back = root.activeElement;
  const heading = el('h2', { className: 'llk-heading-3', id: 'llk-version-heading' }, 'Welke PDF wilt u downloaden?');
  const fieldset = el('fieldset', { className: 'llk-form-fieldset llk-radio-group' },
    el('legend', { className: 'llk-form-label llk-form-fieldset__legend' }, 'Versie'));
  const radios = CHOICES.map(([value, label, hint], k) => {
    const id = `llk-version-${value}`;
    const input = el('input', { type: 'radio', name: 'llk-version', value, id, checked: k === 0, className: 'llk-radio__input' });
    input.setAttribute('aria-describedby', `${id}-hint`);
    fieldset.append(el('div', { className: 'llk-radio' }, input,
      el('label', { htmlFor: id, className: 'llk-radio__label' }, label),
      el('p', { id: `${id}-hint`, className: 'llk-form-field__description' }, hint)));
    return input;
  });
  const cancel = el('button', { type: 'button', className: 'llk-button llk-button--subtle' }, 'Annuleren');
  const form = el('form', { noValidate: true }, heading, fieldset,
    el('div', { className: 'llk-button-group' },
      el('button', { type: 'submit', className: 'llk-button llk-button--primary' }, 'Downloaden'), cancel));
  const dialog = el('dialog', { className: 'llk-dialog' }, form);
  dialog.setAttribute('aria-labelledby', heading.id);
  root.append(dialog);
  return new Promise((resolve) => {
    const done = (value) => {
      dialog.close();
      dialog.remove();
      if (back && back.isConnected) back.focus();
      resolve(value);
    };
    cancel.onclick = () => done(null);
    dialog.oncancel = (e) => { e.preventDefault(); done(null); };
    form.onsubmit = (e) => {
      e.preventDefault();
      done(radios.find((r) => r.checked)?.value ?? 'full');
    };
    dialog.showModal();
    radios[0].focus();
  });
}
