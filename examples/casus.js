// A portal with its own registration system: it owns the case record. It hands the case to
// <llk-casus> through `value` and keeps what comes back in `llk-case-change`; the kit stores
// no case then (it does keep the draft of a form opened from the case, encrypted, until it
// is filed). A real portal loads and saves the record over its own authenticated API, never
// in localStorage: a case is special-category personal data. Here the record is a file of
// a fictional person beside this page.

const casus = document.getElementById('casus');
const status = document.getElementById('status');
window.caseChanges = [];

const record = await fetch(new URL('casus-voorbeeld.json', import.meta.url)).then((r) => r.json());
casus.value = record;
status.textContent = 'Het dossier is geladen.';

// Every document or event filed into the case: the whole case, to save in the portal's own
// system, and what changed.
casus.addEventListener('llk-case-change', (event) => {
  const { case: updated, change } = event.detail;
  window.caseChanges.push(event.detail);
  // saveToRegistration(updated) — the portal's own API call.
  status.textContent = `Opgeslagen in het registratiesysteem: ${change.kind === 'event' ? 'een gebeurtenis' : 'een document'} (${updated.documents.length} documenten, ${updated.events.length} gebeurtenissen).`;
});
casus.addEventListener('llk-error', (event) => {
  status.textContent = `Het dossier kon niet worden getoond (${event.detail.code}).`;
});
