// The PDF module's browser side: the signing key in IndexedDB, WebCrypto, and handing a
// PDF to the user. Loaded by wasm-bindgen as a module snippet (a file: strict CSP allows it).
// The private key is a non-extractable CryptoKey: it can sign, never be read, not even here.

const DB = 'levensloopkit-ondertekening';
const STORE = 'ondertekenaar';
const ID = 'standaard';
const ECDSA = { name: 'ECDSA', namedCurve: 'P-256' };

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

/** `{ key: CryptoKey, cert: Uint8Array }` or null when no signer was set up. */
export async function loadSigner() {
  const found = await request((await store('readonly')).get(ID));
  return found && found.key && found.cert ? found : null;
}

export async function saveSigner(key, cert) {
  const s = await store('readwrite');
  await request(s.put({ key, cert: new Uint8Array(cert) }, ID));
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

/** A PKCS#8 P-256 private key as a non-extractable signing key. */
export function importPkcs8(der) {
  return crypto.subtle.importKey('pkcs8', new Uint8Array(der), ECDSA, false, ['sign']);
}

/** ECDSA P-256 with SHA-256 over `data`: the raw r‖s (64 bytes). */
export async function sign(key, data) {
  const sig = await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, key, new Uint8Array(data));
  return new Uint8Array(sig);
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
