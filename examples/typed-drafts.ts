// concepten.js in TypeScript against the kit's declarations (type-checked by the browser
// stage of `cargo xtask test`): the portal's own draft key, and opening a listed draft.
import { draftsReady, setDraftKey, type LlkOpenDraftDetail } from '../www/levensloopkit.js';

/** A non-extractable AES-GCM key derived from a secret of the portal's login session. */
export async function useSessionKey(sessionSecret: string): Promise<void> {
  const encoder = new TextEncoder();
  const material = await crypto.subtle.importKey('raw', encoder.encode(sessionSecret), 'HKDF', false, ['deriveKey']);
  const key: CryptoKey = await crypto.subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: encoder.encode('levensloopkit-concepten'), info: new Uint8Array() },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
  setDraftKey(key);
}

export async function wireConcepten(formPage: (form: string) => string): Promise<void> {
  const ok: boolean = await draftsReady;
  if (!ok) return; // the forms still work, without drafts
  const list = document.querySelector('llk-concepten');
  list?.addEventListener('llk-open-draft', (e: CustomEvent<LlkOpenDraftDetail>) => {
    const { id, form } = e.detail;
    location.assign(`${formPage(form)}?draft=${encodeURIComponent(id)}`);
  });
  const wanted = new URLSearchParams(location.search).get('draft');
  const form = document.querySelector('llk-aanmelding');
  if (wanted && form) form.setAttribute('draft-id', wanted);
}
