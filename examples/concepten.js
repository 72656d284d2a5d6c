// Drafts in a portal: <llk-concepten> lists the drafts in this browser, "Openen" sends
// llk-open-draft {id, form, region}, and the portal shows that form with draft-id set.
import { ready, draftsReady, setDraftKey } from '../levensloopkit.js';

// A portal may seal drafts with its own key instead of the one the kit keeps, e.g. one
// derived from the login session (here: ?sessiesleutel=… stands in for that secret). The
// key must be an AES-GCM CryptoKey for encrypt and decrypt; non-extractable is best.
const secret = new URLSearchParams(location.search).get('sessiesleutel');
if (secret) {
  const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(secret), 'HKDF', false, ['deriveKey']);
  const key = await crypto.subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: new TextEncoder().encode('levensloopkit-concepten'), info: new Uint8Array() },
    material, { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt'],
  );
  setDraftKey(key);
}

const formulier = document.getElementById('formulier');
document.getElementById('concepten').addEventListener('llk-open-draft', (e) => {
  const { id, form } = e.detail;
  if (form !== 'aanmelding') return; // a real portal navigates to that form's page
  formulier.setAttribute('draft-id', id);
  formulier.scrollIntoView();
});

ready.then(() => { document.body.dataset.llkReady = 'true'; });
draftsReady.then(() => { document.body.dataset.llkDrafts = 'true'; });
