// The PDF module's browser side: the signing key in IndexedDB, WebCrypto, and handing a
// PDF to the user. Loaded by wasm-bindgen as a module snippet (a file: strict CSP allows it).
// The private key is a non-extractable CryptoKey: it can sign, never be read, not even here.

const DB = 'levensloopkit-ondertekening';
const STORE = 'ondertekenaar';
const ID = 'standaard';
const ECDSA = { name: 'ECDSA', namedCurve: 'P-256' };
const RSA = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };

export function hasCrypto() {
  return !!(globalThis.crypto && globalThis.crypto.subtle && globalThis.indexedDB);
}

function request(r) {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
}

async function store(mode) {
  const open = indexedDB.open(DB, 1);
  open.onupgradeneeded = () => open.result.createObjectStore(STORE);
  const db = await new Promise((resolve, reject) => {
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
    open.onblocked = () => reject(new Error('blocked'));
  });
  db.onversionchange = () => db.close();
  return db.transaction(STORE, mode).objectStore(STORE);
}

/** `{ key: CryptoKey, cert: Uint8Array, chain: Uint8Array[], alg }` or null when no
 *  signer was set up. `alg` is 'rsa' or 'p256': a record from before RSA keys (no `alg`,
 *  no `chain`) is a P-256 key with its certificate alone. */
export async function loadSigner() {
  const found = await request((await store('readonly')).get(ID));
  if (!(found && found.key && found.cert)) return null;
  return { key: found.key, cert: found.cert, chain: found.chain ?? [], alg: found.alg ?? 'p256' };
}

/** Keeps the signer: its key, its DER certificate, the certificates above it (DER, for the
 *  CMS) and its algorithm ('p256' or 'rsa'). */
export async function saveSigner(key, cert, chain = [], alg = 'p256') {
  const s = await store('readwrite');
  await request(s.put({ key, cert: new Uint8Array(cert), chain: chain.map((c) => new Uint8Array(c)), alg }, ID));
}

export async function forgetSigner() {
  await request((await store('readwrite')).delete(ID));
}

/** A new P-256 key pair; the private key is non-extractable. `{ key, spki }`. */
export async function newKey() {
  const pair = await crypto.subtle.generateKey(ECDSA, false, ['sign', 'verify']);
  const spki = new Uint8Array(await crypto.subtle.exportKey('spki', pair.publicKey));
  return { key: pair.privateKey, spki };
}

/** A PKCS#8 private key as a non-extractable signing key: P-256, or RSA (`kind` 'rsa')
 *  for RSASSA-PKCS1-v1_5 with SHA-256. */
export function importPkcs8(der, kind = 'p256') {
  return crypto.subtle.importKey('pkcs8', new Uint8Array(der), kind === 'rsa' ? RSA : ECDSA, false, ['sign']);
}

/** The modulus length of an RSA CryptoKey (readable without extracting it); 0 otherwise. */
export function rsaBits(key) {
  return (key && key.algorithm && key.algorithm.modulusLength) || 0;
}

/** SHA-256 signature over `data` by `key`, chosen by the key's own algorithm: ECDSA P-256
 *  gives the raw r‖s (64 bytes), RSASSA-PKCS1-v1_5 the signature's bytes. */
export async function sign(key, data) {
  const alg = key.algorithm.name === RSA.name ? RSA : { name: 'ECDSA', hash: 'SHA-256' };
  const sig = await crypto.subtle.sign(alg, key, new Uint8Array(data));
  return new Uint8Array(sig);
}

/** WebCrypto's names for the signature algorithms the kit checks, all with SHA-256:
 *  `kind` is 'ecdsa' (P-256), 'rsa-pkcs1' or 'rsa-pss' (with `saltLength` bytes). */
function algorithms(kind, saltLength) {
  if (kind === 'rsa-pkcs1') return [RSA, RSA];
  if (kind === 'rsa-pss') {
    return [{ name: 'RSA-PSS', hash: 'SHA-256' }, { name: 'RSA-PSS', saltLength }];
  }
  return [ECDSA, { name: 'ECDSA', hash: 'SHA-256' }];
}

/** Whether `sig` is a signature over `data` by the key `spki` (DER SubjectPublicKeyInfo):
 *  ECDSA P-256 (r‖s) by default, or RSA by `kind` (see `algorithms`); false for a key of
 *  another kind. */
export async function verify(spki, data, sig, kind = 'ecdsa', saltLength = 0) {
  try {
    const [keyAlg, params] = algorithms(kind, saltLength);
    const key = await crypto.subtle.importKey('spki', new Uint8Array(spki), keyAlg, false, ['verify']);
    return await crypto.subtle.verify(params, key, new Uint8Array(sig), new Uint8Array(data));
  } catch {
    return false;
  }
}

export function now() {
  const d = new Date();
  return [d.getTime(), -d.getTimezoneOffset()];
}

export function pdfBlob(bytes) {
  return new Blob([new Uint8Array(bytes)], { type: 'application/pdf' });
}

/** Downloads `blob` as `name`; true when it went. */
export function download(blob, name) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
  return true;
}

/** Opens `blob` in a new tab, where the browser's PDF viewer prints it (a strict CSP blocks
 *  blob: frames, so no hidden iframe). False when the browser blocked the tab. */
export function openForPrint(blob) {
  const url = URL.createObjectURL(blob);
  const w = window.open(url, '_blank');
  setTimeout(() => URL.revokeObjectURL(url), 600000);
  return !!w;
}

function el(tag, props, ...children) {
  const e = Object.assign(document.createElement(tag), props);
  e.append(...children);
  return e;
}

/** Asks, once, for the signer's name, role and organisation: a modal dialog in the
 *  element's shadow root (styled by the kit's sheet; focus trapped, Esc cancels, focus
 *  goes back to "Ondertekenen" on close). Resolves to `{ name, role, organisation }`,
 *  `{ import: true }` for "Certificaat van uw organisatie gebruiken" (the import dialog
 *  follows), or null when cancelled. */
export function askSigner(host) {
  const root = host.shadowRoot ?? document.body;
  const heading = el('h2', { className: 'llk-heading-3', id: 'llk-signer-heading' },
    'Uw gegevens voor de digitale handtekening');
  const error = el('p', { className: 'llk-form-field-error-message', id: 'llk-signer-name-error', hidden: true },
    el('span', { className: 'llk-visually-hidden' }, 'Fout: '), 'Vul uw naam in.');
  const form = el('form', { noValidate: true }, heading,
    el('p', {}, 'Eenmalig: deze browser maakt een eigen ondertekensleutel op uw naam. De sleutel blijft in deze browser en kan er niet uit worden gehaald.'));
  const inputs = {};
  for (const [key, label, autocomplete] of [['name', 'Uw naam', 'name'],
    ['role', 'Uw functie', 'organization-title'], ['organisation', 'Uw organisatie', 'organization']]) {
    const id = `llk-signer-${key}`;
    const input = el('input', { className: 'llk-textbox llk-textbox--m', id, name: key, type: 'text', autocomplete });
    const lab = el('label', { className: 'llk-form-label', htmlFor: id }, label);
    const field = el('div', { className: 'llk-form-field' }, lab);
    if (key === 'name') {
      lab.append(el('span', { className: 'llk-form-label__required' }, ' (verplicht)'));
      input.setAttribute('aria-required', 'true');
      field.append(error);
    }
    field.append(input);
    inputs[key] = input;
    form.append(field);
  }
  const cancel = el('button', { type: 'button', className: 'llk-button llk-button--subtle' }, 'Annuleren');
  const useOwn = el('button', { type: 'button', className: 'llk-button llk-button--secondary' },
    'Certificaat van uw organisatie gebruiken');
  form.append(el('div', { className: 'llk-button-group' },
    el('button', { type: 'submit', className: 'llk-button llk-button--primary' }, 'Sleutel maken en ondertekenen'), useOwn, cancel));
  const dialog = el('dialog', { className: 'llk-dialog llk-root' }, form);
  dialog.setAttribute('aria-labelledby', heading.id);
  root.append(dialog);
  return new Promise((resolve) => {
    const done = (value) => { dialog.close(); dialog.remove(); resolve(value); };
    cancel.onclick = () => done(null);
    useOwn.onclick = () => done({ import: true });
    dialog.oncancel = (e) => { e.preventDefault(); done(null); };
    form.onsubmit = (e) => {
      e.preventDefault();
      const name = inputs.name;
      if (!name.value.trim()) {
        error.hidden = false;
        name.parentElement.classList.add('llk-form-field--invalid');
        name.classList.add('llk-textbox--invalid');
        name.setAttribute('aria-invalid', 'true');
        name.setAttribute('aria-describedby', error.id);
        name.focus();
        return;
      }
      done({ name: name.value, role: inputs.role.value, organisation: inputs.organisation.value });
    };
    dialog.showModal();
    inputs.name.focus();
  });
}
