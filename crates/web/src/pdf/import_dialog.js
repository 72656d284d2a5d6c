// The dialog for importing an organisation's key and certificate (import.rs drives it):
// a modal <dialog> in the host's shadow root with a file field (one .p12/.pfx, or a key and
// a certificate in PEM or DER) and the file's password. It only collects input and shows
// the message import.rs gives back: an error summary that takes focus, and the same text
// under the field it concerns (aria-describedby). Esc and "Annuleren" cancel; the browser
// gives focus back to what had it before the dialog opened.

function el(tag, props, ...children) {
  const e = Object.assign(document.createElement(tag), props);
  e.append(...children);
  return e;
}

const ERROR_MARK = () => el('span', { className: 'llk-visually-hidden' }, 'Fout: ');

function field(id, label, description, input) {
  const desc = el('p', { className: 'llk-form-field__description', id: `${id}-description` }, description);
  const error = el('p', { className: 'llk-form-field-error-message', id: `${id}-error`, hidden: true });
  input.id = id;
  input.setAttribute('aria-describedby', desc.id);
  const wrap = el('div', { className: 'llk-form-field' },
    el('label', { className: 'llk-form-label', htmlFor: id }, label), desc, error, input);
  return { wrap, input, desc, error };
}

/** Opens the dialog in `host`'s shadow root; the handle goes to `askImport`/`closeImport`. */
export function openImport(host) {
  const root = host?.shadowRoot ?? document.body;
  const heading = el('h2', { className: 'llk-heading-3', id: 'llk-import-heading' },
    'Certificaat van uw organisatie gebruiken');
  const file = field('llk-import-file', 'Bestand met sleutel en certificaat',
    'Een PKCS#12-bestand (.p12 of .pfx), of een sleutel (PKCS#8) en een certificaat in PEM of DER: kies dan beide bestanden.',
    el('input', { type: 'file', className: 'llk-file-input', multiple: true,
      accept: '.p12,.pfx,.pem,.key,.crt,.cer,.der' }));
  const password = field('llk-import-password', 'Wachtwoord van het bestand',
    'Het wachtwoord waarmee het bestand is beveiligd. Niet nodig voor een onbeveiligde sleutel.',
    el('input', { type: 'password', className: 'llk-textbox llk-textbox--m', autocomplete: 'off' }));
  const summaryHeading = el('h2', { className: 'llk-error-summary__heading', id: 'llk-import-summary', tabIndex: -1 },
    'Er is een probleem');
  const summaryLink = el('a', { className: 'llk-link', href: '#llk-import-file' });
  const summary = el('div', { className: 'llk-error-summary', role: 'region', hidden: true },
    summaryHeading, el('ul', { className: 'llk-error-summary__list' }, el('li', {}, summaryLink)));
  summary.setAttribute('aria-labelledby', summaryHeading.id);
  const busy = el('p', { className: 'llk-import-status', role: 'status' });
  const submit = el('button', { type: 'submit', className: 'llk-button llk-button--primary' }, 'Importeren');
  const cancel = el('button', { type: 'button', className: 'llk-button llk-button--subtle' }, 'Annuleren');
  const form = el('form', { noValidate: true }, heading, summary,
    el('p', {}, 'De sleutel wordt zo in deze browser bewaard dat hij er niet meer uit kan worden gehaald. Het bestand en het wachtwoord worden nergens heen gestuurd.'),
    file.wrap, password.wrap, busy, el('div', { className: 'llk-button-group' }, submit, cancel));
  const dialog = el('dialog', { className: 'llk-dialog llk-root' }, form);
  dialog.setAttribute('aria-labelledby', heading.id);
  root.append(dialog);
  summaryLink.onclick = (e) => {
    e.preventDefault();
    (summaryLink.hash === '#llk-import-password' ? password : file).input.focus();
  };
  const handle = { dialog, form, file, password, summary, summaryLink, busy, submit, cancel, answer: null };
  cancel.onclick = () => handle.answer?.(null);
  // A file chooser closed without a choice sends a bubbling `cancel` too: only the dialog's own
  // (Esc) cancels.
  dialog.oncancel = (e) => {
    if (e.target !== dialog) return;
    e.preventDefault();
    if (!submit.disabled) handle.answer?.(null);
  };
  form.onsubmit = async (e) => {
    e.preventDefault();
    if (submit.disabled || !handle.answer) return;
    const files = await Promise.all([...file.input.files]
      .map(async (f) => new Uint8Array(await f.arrayBuffer())));
    handle.answer({ files, password: password.input.value });
  };
  dialog.showModal();
  file.input.focus();
  return handle;
}

function showError(h, message, which) {
  for (const f of [h.file, h.password]) {
    const wrong = f === which;
    f.error.hidden = !wrong;
    f.error.replaceChildren(...(wrong ? [ERROR_MARK(), message] : []));
    f.wrap.classList.toggle('llk-form-field--invalid', wrong);
    if (wrong) f.input.setAttribute('aria-invalid', 'true');
    else f.input.removeAttribute('aria-invalid');
    f.input.setAttribute('aria-describedby', wrong ? `${f.error.id} ${f.desc.id}` : f.desc.id);
  }
  h.summary.hidden = !which;
  if (which) {
    h.summaryLink.textContent = message;
    h.summaryLink.href = `#${which.input.id}`;
    h.summary.querySelector('h2').focus();
  }
}

/** Waits for the next "Importeren": resolves to `{ files: Uint8Array[], password }`, or null
 *  when cancelled. `message` (for `field`: 'file' or 'password') is the previous attempt's
 *  error, shown and focused; empty the first time. */
export function askImport(h, message, which) {
  h.submit.disabled = false;
  h.busy.textContent = '';
  showError(h, message, message ? (which === 'password' ? h.password : h.file) : null);
  return new Promise((resolve) => {
    h.answer = (value) => {
      h.answer = null;
      if (value === null) closeImport(h);
      else {
        h.submit.disabled = true;
        h.busy.textContent = 'Bezig met importeren…';
      }
      resolve(value);
    };
  });
}

export function closeImport(h) {
  h.dialog.close();
  h.dialog.remove();
}
