// The demo's stress page, not part of the kit: `?n=` form elements (default 50, at most
// 200) on one page, every kind of form element in every region in turn, each with an id of
// its own. tests/e2e/many-forms.mjs checks that they all load, validate and save drafts
// side by side, and measures memory per element and time to interactive.
import { ready, draftsReady } from './levensloopkit.js';

const KINDS = [
  ['llk-aanmelding'], ['llk-triage'], ['llk-toestemming'], ['llk-inclusie'],
  ['llk-herhaald-agenderen'], ['llk-overdracht'], ['llk-exclusiebesluit'],
  ['llk-form', 'gebeurtenis'], ['llk-form', 'levensloopplan'],
];
const REGIONS = ['landelijk', 'gelderland', 'haaglanden'];

const asked = Number(new URLSearchParams(location.search).get('n') ?? 50);
const n = Number.isInteger(asked) && asked >= 0 ? Math.min(asked, 200) : 50;
const box = document.getElementById('forms');
for (let i = 0; i < n; i++) {
  const [tag, form] = KINDS[i % KINDS.length];
  const el = document.createElement(tag);
  el.id = `formulier-${i + 1}`;
  if (form) el.setAttribute('form', form);
  el.setAttribute('region', REGIONS[Math.floor(i / KINDS.length) % REGIONS.length]);
  box.append(el);
}
document.getElementById('count').textContent = `${n} formulieren op deze pagina.`;

ready.then(() => { document.body.dataset.llkReady = 'true'; });
draftsReady.then(() => { document.body.dataset.llkDrafts = 'true'; });
