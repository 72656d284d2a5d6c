// The mock portal's own script: shows every event the forms send. Not part of the kit.
import { ready } from './levensloopkit.js';

const log = document.getElementById('log');
window.llkEvents = [];

// The time of a line, as 'nl-NL' writes it (13:05:09), without Intl: `toLocaleTimeString`
// builds a formatter each call (0.3 ms a keystroke in a form of 200 fields,
// docs/browser-notes.md), and one built up front would be work at page load for a log line.
const two = (n) => String(n).padStart(2, '0');
const time = (d) => `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;

function show(kind, target, detail) {
  window.llkEvents.push({ type: kind, tag: target?.localName ?? null, id: target?.id ?? null, detail });
  const li = document.createElement('li');
  li.className = kind.replace('llk-', '');
  const summary = kind === 'llk-change' || kind === 'llk-plan-change'
    ? `${detail.form ?? 'levensloopplan'}: ${detail.path || '(alles)'}`
    : kind === 'llk-plan-version' ? `versie ${detail.number}`
      : kind === 'llk-signed' ? `${detail.fileName}: ${detail.signatures.length} handtekeningen`
        : kind === 'llk-case-change' ? `dossier: ${detail.change.kind} ${detail.change.form} (${detail.case.documents.length} documenten)`
        : JSON.stringify(detail, null, 1);
  li.textContent = `${time(new Date())} ${kind} <${target?.localName ?? 'document'}>\n${summary}`;
  // Forms and the plan editor report every keystroke: one line for a run of them in one
  // element, updated in place.
  const top = log.firstElementChild;
  const typing = kind === 'llk-plan-change' || kind === 'llk-change';
  if (typing && top?.className === li.className && top.dataset.from === target?.id) {
    top.textContent = li.textContent;
    return;
  }
  li.dataset.from = target?.id ?? '';
  log.prepend(li);
  while (log.children.length > 60) log.lastElementChild.remove();
}

for (const kind of ['llk-change', 'llk-submit', 'llk-error', 'llk-plan-change', 'llk-plan-version', 'llk-signed', 'llk-case-change', 'llk-case-open']) {
  document.addEventListener(kind, (e) => show(kind, e.target, e.detail));
}

// The portal shows a received aanmelding read-only: the `value` property takes the
// submission envelope as it came.
document.getElementById('aanmelding').addEventListener('llk-submit', (e) => {
  document.getElementById('aanmelding-readonly').value = e.detail;
});

// A version of the plan was recorded: the portal shows it read-only, with its history.
document.getElementById('plan-editor').addEventListener('llk-plan-version', (e) => {
  const copy = document.getElementById('plan-readonly');
  const { number, history } = e.detail;
  copy.history = history;
  copy.value = history.versions.find((v) => v.number === number).answers;
  document.getElementById('plan-readonly-none').hidden = true;
  document.getElementById('plan-readonly-host').hidden = false;
});

ready.then(() => { document.body.dataset.llkReady = 'true'; });
