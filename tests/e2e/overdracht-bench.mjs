// `cargo xtask bench` (overdracht): export and import of a case with 40 documents in the
// browser (issue 13's benchmark; target ≤ 1 s each, reported, not asserted). The case: an
// inclusie, a levensloopplan, 37 herhaald agenderen and the overdracht, composed from
// `llk example` answers. Export: in a host-owned <llk-casus> (examples/casus.html),
// "Overdrachtspakket maken" from the click to the download (the UI module computes the
// package's parts, the PDF module draws them, WebCrypto signs); the signer's details are
// asked once, before the runs. Import: on the demo page's caseload in host-records mode
// (`cases = []`, so the same package can be taken in again), "Overdracht inlezen" from
// the click to `llk-case-received` (every signature checked, casus.json read, the case
// received). p50 and max over the runs, the package's size, and the PDF module's size as
// served (gzip is `cargo xtask size`'s figure).
//
//   node tests/e2e/overdracht-bench.mjs http://127.0.0.1:8000/

import assert from 'node:assert/strict';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { launch, out, step, tool } from './lib.mjs';

const url = process.argv[2] ?? 'http://127.0.0.1:8000/';
const RUNS = 5;
const DOCUMENTS = 40;
const llk = process.env.LLK_BIN ?? 'target/debug/llk';

const example = (form) => {
  const r = tool(llk, ['example', '--form', form, '--region', 'gelderland']);
  assert.equal(r?.code, 0, `llk example ${form}: ${r?.text}`);
  return JSON.parse(r.text);
};
const day = (start, plus) => new Date(Date.parse(start) + plus * 86_400_000).toISOString().slice(0, 10);
const inclusie = example('inclusie');
inclusie.answers.overleg.datum = '2024-01-10';
const plan = example('levensloopplan');
Object.assign(plan.answers.plan, { datum: '2024-02-01', versie: 1 });
const reviews = Array.from({ length: DOCUMENTS - 3 }, (_, i) => {
  const r = example('herhaald-agenderen');
  r.answers.overleg.datum = day('2024-03-01', i * 21);
  return r;
});
const handover = example('overdracht');
Object.assign(handover.answers.warm, { gesprek_datum: '2026-10-27', gezamenlijk_tot: '2027-01-31' });
const submissions = [inclusie, plan, ...reviews, handover];
const filedOn = (s) => s.answers.overleg?.datum ?? s.answers.plan?.datum ?? s.answers.warm?.gesprek_datum;
const sent = {
  format: 1, id: 'dossier-overdracht-bench', region: 'gelderland', created_on: '2024-01-10',
  documents: submissions.map((submission, i) => ({ seq: i + 1, filed_on: filedOn(submission), submission })),
  events: [],
};
assert.equal(sent.documents.length, DOCUMENTS);
const caseFile = `${out}/overdracht-bench-casus.json`;
writeFileSync(caseFile, JSON.stringify(sent));
const status = tool(llk, ['case', 'status', caseFile, '--today', '2026-11-01']);
assert.equal(status?.code, 0, `llk case status: ${status?.text}`);
assert.match(status.text, /In overdracht/);

const stats = (ms) => {
  const s = [...ms].sort((x, y) => x - y);
  return `p50 ${s[Math.floor(s.length / 2)].toFixed(0)} ms, max ${s[s.length - 1].toFixed(0)} ms`;
};

const { browser, page: first } = await launch();
await first.close();
const context = async () => {
  const c = await browser.newContext({ viewport: { width: 1280, height: 1000 }, locale: 'nl-NL', acceptDownloads: true });
  const p = await c.newPage();
  await p.clock.setFixedTime(new Date('2026-11-02T10:00:00'));
  return p;
};

// ---- Export ----
const a = await context();
await a.goto(new URL('examples/casus.html', url).href);
await a.locator('#status').getByText('Het dossier is geladen.').waitFor({ timeout: 30000 });
await a.evaluate((c) => { document.getElementById('casus').value = c; }, sent);
const casus = a.locator('#casus');
const make = casus.getByRole('button', { name: 'Overdrachtspakket maken' });
await make.waitFor({ timeout: 30000 });
// The first time: the signer's details (not measured).
let download = a.waitForEvent('download', { timeout: 60000 });
await make.click();
const dialog = casus.locator('dialog.llk-dialog');
await dialog.waitFor({ timeout: 30000 });
await casus.locator('#llk-signer-name').fill('Noëlle Çelik');
await casus.locator('#llk-signer-role').fill('procesregisseur');
await casus.locator('#llk-signer-organisation').fill('ZVH Gelderland-Midden');
await casus.locator('#llk-signer-organisation').press('Enter');
let dl = await download;
const packageFile = `${out}/overdracht-bench-pakket.pdf`;
await dl.saveAs(packageFile);
const exportMs = [];
for (let i = 0; i < RUNS; i++) {
  download = a.waitForEvent('download', { timeout: 60000 });
  const t0 = performance.now();
  await make.click();
  dl = await download;
  exportMs.push(performance.now() - t0);
}
await dl.saveAs(packageFile);
const bytes = statSync(packageFile).size;
step(`export, ${DOCUMENTS} documents: ${stats(exportMs)} over ${RUNS} runs (target ≤ 1000 ms); the package ${(bytes / 1024).toFixed(0)} KB`);

// ---- Import ----
const b = await context();
await b.goto(url);
await b.waitForSelector('body[data-llk-ready]');
await b.evaluate(() => { document.getElementById('casussen').cases = []; });
const list = b.locator('#casussen');
const read = list.getByRole('button', { name: 'Overdracht inlezen' });
await read.waitFor({ timeout: 30000 });
const importMs = [];
for (let i = 0; i < RUNS + 1; i++) {
  await list.locator('#llk-receive-file').setInputFiles(packageFile);
  await b.evaluate(() => {
    window.llkReceived = new Promise((resolve) => {
      document.addEventListener('llk-case-received', (e) => resolve(e.detail.case.documents.length), { once: true });
    });
  });
  const t0 = performance.now();
  await read.click();
  const documents = await b.evaluate(() => window.llkReceived);
  const ms = performance.now() - t0;
  assert.equal(documents, DOCUMENTS);
  if (i > 0) importMs.push(ms); // the first run also loads the PDF module
  if (i === 0) step(`import, first run (the PDF module loads): ${ms.toFixed(0)} ms`);
}
step(`import, ${DOCUMENTS} documents: ${stats(importMs)} over ${RUNS} runs (target ≤ 1000 ms)`);

const wasm = readFileSync('dist/pkg/pdf_bg.wasm');
step(`the PDF module's wasm: ${(wasm.length / 1024).toFixed(0)} KB, ${(gzipSync(wasm, { level: 9 }).length / 1024).toFixed(1)} KB gzip (its JS beside it: cargo xtask size)`);
await browser.close();
console.log('overdracht-bench: done');
