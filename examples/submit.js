// A host handling llk-submit. The kit sends nothing anywhere: what happens to a submission
// is the portal's decision. Here it is summarised on the page and offered as a download;
// a real portal would store it in its own case system, over its own authenticated API.
import { ready } from '../levensloopkit.js';

const form = document.getElementById('form');
const status = document.getElementById('status');
const download = document.getElementById('download');
window.received = [];

form.addEventListener('llk-submit', (event) => {
  // detail: { schema, form, version, region, answers, submitted, warnings }. The envelope
  // is what `llk validate` reads back, so a stored copy can be checked again later.
  const submission = event.detail;
  window.received.push(submission);
  const warnings = submission.warnings.length
    ? ` met ${submission.warnings.length} waarschuwing(en)`
    : '';
  // Only metadata on the page: the answers are personal data and stay out of logs too.
  status.textContent = `Ontvangen: ${submission.form} versie ${submission.version} (${submission.region}), ingediend op ${submission.submitted}${warnings}.`;
  const blob = new Blob([JSON.stringify(submission, null, 2)], { type: 'application/json' });
  if (download.href) URL.revokeObjectURL(download.href);
  download.href = URL.createObjectURL(blob);
  download.hidden = false;
});

// Problems the element cannot show in its own UI (e.g. an unknown region) arrive here.
form.addEventListener('llk-error', (event) => {
  status.textContent = `Het formulier meldt een probleem (${event.detail.code}).`;
});

ready.then(() => { document.body.dataset.llkReady = 'true'; });
