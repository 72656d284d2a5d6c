// The mock portal's own script: shows every event the forms send. Not part of the kit.
import { ready, verifyPdf } from './levensloopkit.js';

const log = document.getElementById('log');
window.llkEvents = [];

function show(kind, target, detail) {
  window.llkEvents.push({ type: kind, tag: target?.localName ?? null, id: target?.id ?? null, detail });
  const li = document.createElement('li');
  li.className = kind.replace('llk-', '');
  const summary = kind === 'llk-change' || kind === 'llk-plan-change'
    ? `${detail.form ?? 'levensloopplan'}: ${detail.path || '(alles)'}`
    : kind === 'llk-plan-version' ? `versie ${detail.number}` : JSON.stringify(detail, null, 1);
  li.textContent = `${new Date().toLocaleTimeString('nl-NL')} ${kind} <${target?.localName ?? 'document'}>\n${summary}`;
  // The plan editor reports every keystroke: one line for a run of them, updated in place.
  const top = log.firstElementChild;
  if (kind === 'llk-plan-change' && top?.className === li.className && top.dataset.from === target?.id) {
    top.textContent = li.textContent;
    return;
  }
  li.dataset.from = target?.id ?? '';
  log.prepend(li);
  while (log.children.length > 60) log.lastElementChild.remove();
}

for (const kind of ['llk-change', 'llk-submit', 'llk-error', 'llk-plan-change', 'llk-plan-version']) {
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

// The kit's own verifier: which signatures a PDF carries, by whom, intact or not.
const verifyResult = document.getElementById('verify-result');
document.getElementById('verify-file').addEventListener('change', async (e) => {
  const file = e.target.files[0];
  verifyResult.replaceChildren();
  if (!file) return;
  try {
    const reports = await verifyPdf(file);
    const list = document.createElement('ul');
    for (const r of reports) {
      const li = document.createElement('li');
      li.textContent = `${r.message}${r.signedAt ? ` (${r.signedAt})` : ''}`;
      list.append(li);
    }
    if (reports.length === 0) list.append(Object.assign(document.createElement('li'), { textContent: 'Deze PDF heeft geen handtekeningen.' }));
    verifyResult.replaceChildren(list);
  } catch (err) {
    verifyResult.textContent = 'De PDF kon niet worden gecontroleerd: de PDF-functies konden niet worden geladen.';
  }
});
