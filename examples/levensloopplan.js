// A host of the plan editor: it gives the element the plan and its versions as its case
// system has them, and keeps what comes back. The kit stores nothing; a real portal saves
// the adopted version and the history over its own authenticated API (not in localStorage:
// a plan is special-category personal data).
import '../levensloopkit.js';

const plan = document.getElementById('plan');
const status = document.getElementById('status');
window.saved = [];

// The case system's copy: the current answers and the versions adopted so far. Here a
// plan that was started from the inclusie (person, dates, regie) without versions yet.
plan.value = {
  plan: { versie: 1 },
  persoon: { naam: 'Daniël van den Heuvel', geboortedatum: '1991-06-14' },
  zvh: 'zvh-gelderland-midden',
  meldingsdatum: '2026-10-20',
  inclusiedatum: '2026-11-03',
};
plan.history = { versions: [] };

// Every adopted version (after validation, warnings travel along) and every review.
plan.addEventListener('llk-submit', (event) => {
  const { planVersion, history, warnings } = event.detail;
  window.saved.push(event.detail);
  status.textContent = `Versie ${planVersion} is vastgelegd (${history.versions.length} versie(s) in totaal, ${warnings.length} waarschuwing(en)).`;
});
plan.addEventListener('llk-plan-version', (event) => {
  status.textContent = `Versie ${event.detail.number} van het plan is gemaakt.`;
});
// llk-plan-change comes on every keystroke and carries no answers: read `value` when needed
// (e.g. to save a draft now and then).
plan.addEventListener('llk-error', (event) => {
  status.textContent = `Het plan meldt een probleem (${event.detail.code}).`;
});

customElements.whenDefined('llk-levensloopplan').then(() => { status.textContent = 'Het plan is klaar om te bewerken.'; });
