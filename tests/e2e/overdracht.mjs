// The overdracht package in the browser (issue 13, parts 2 and 3), BY KEYBOARD, on a fixed
// clock. Profile A (a browser context of its own) is the sending ZVH: on examples/casus.html
// the host hands <llk-casus> a case (included, a plan of two versions, a review, an
// incident and the overdracht; composed from `llk example` answers, checked by `llk case
// status`); "Volgende stap: Overdracht" opens the overdracht prefilled, "Overdrachtspakket
// maken" asks the signer's details the first time, signs the package with this browser's
// key and downloads it: pdfsig "Signature is Valid.", pdfdetach lists casus.json. Profile B
// (another context: its own IndexedDB) is the receiving ZVH: on the demo page's caseload
// (<llk-casussen>, the kit keeps the cases) "Overdracht ontvangen" takes the package in:
// the signer, the organisation and the verdict are shown, the case is stored and opens in
// phase "in overdracht" with the joint period's deadline, with the documents and events of
// A's case; "Ontvangst bevestigen en medeondertekenen" then countersigns the package with
// B's own key and downloads it (pdfsig: both signatures valid, the last covering the whole
// file). The same package with one byte flipped in the attachment is refused with its
// Dutch reason, focus on the error summary, and nothing stored; so is the package once
// more (the case is there), and with trust anchors (setTrustAnchors) that are not A's
// ("Niet vertrouwd"), while A's certificate makes it "Vertrouwd". axe-core in every state,
// no console errors, no CSP violations.
//
//   node tests/e2e/overdracht.mjs http://127.0.0.1:8000/     (run by `cargo xtask e2e`)

import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { out, step, launch, assertOwnRequests, axeRunner, finishAxe, tool } from './lib.mjs';
import { keyboard } from './keys.mjs';

const url = process.argv[2] ?? 'http://127.0.0.1:8000/';
const strict = !!process.env.CI;
const llk = process.env.LLK_BIN ?? 'target/debug/llk';
const { browser, page: first, problems, requests } = await launch();
await first.close();
const report = [];

// ---- The case, composed from the kit's own examples ----

if (!existsSync(llk)) {
  assert.ok(!strict, `${llk} is needed under CI (cargo build -p llk-cli)`);
  console.log(`SKIPPED: ${llk} not built`);
  process.exit(0);
}
const example = (form) => {
  const r = tool(llk, ['example', '--form', form, '--region', 'gelderland']);
  assert.equal(r?.code, 0, `llk example ${form}: ${r?.text}`);
  return JSON.parse(r.text);
};
const inclusie = example('inclusie');
inclusie.answers.overleg.datum = '2026-01-10';
const v1 = example('levensloopplan');
Object.assign(v1.answers.plan, { datum: '2026-02-01', versie: 1 });
const v2 = example('levensloopplan');
Object.assign(v2.answers.plan, { datum: '2026-05-01', versie: 2 });
const review = example('herhaald-agenderen');
review.answers.overleg.datum = '2026-08-01';
const handover = example('overdracht');
Object.assign(handover.answers.warm, { gesprek_datum: '2026-10-27', gezamenlijk_tot: '2027-01-31' });
const filed = ['2026-01-10', '2026-02-01', '2026-05-01', '2026-08-01', '2026-10-27'];
const sent = {
  format: 1, id: 'dossier-overdracht-e2e', region: 'gelderland', created_on: '2026-01-10',
  documents: [inclusie, v1, v2, review, handover].map((submission, i) => ({ seq: i + 1, filed_on: filed[i], submission })),
  events: [{ seq: 6, filed_on: '2026-09-01', version: 1, answers: {
    soort: 'incident', datum: '2026-09-01', gevaar: false, omschrijving: 'Ruzie met de buren over geluidsoverlast.' } }],
};
const caseFile = `${out}/overdracht-casus.json`;
writeFileSync(caseFile, JSON.stringify(sent, null, 2));
const status = tool(llk, ['case', 'status', caseFile, '--today', '2026-11-01']);
assert.equal(status?.code, 0, `llk case status: ${status?.text}`);
assert.match(status.text, /In overdracht/);
const person = handover.answers.persoon?.naam;
step(`the case: 5 documents and an incident, llk case status says "In overdracht"; the person: ${person ? 'named' : 'unnamed'}`);

/** A page in a browser context of its own (its own IndexedDB: its own key and cases). */
async function profile() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 }, locale: 'nl-NL', acceptDownloads: true });
  const p = await context.newPage();
  p.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  p.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  p.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
  p.on('request', (r) => requests.push(r.url()));
  await p.clock.setFixedTime(new Date('2026-11-02T10:00:00'));
  return p;
}

/** The text of an element and its shadow roots, spaces collapsed. */
const textOf = (p, sel) => p.evaluate((sel) => {
  const walk = (n) => [...(n.shadowRoot ? n.shadowRoot.childNodes : []), ...n.childNodes]
    .map((c) => (c.nodeType === 3 ? c.textContent : c.nodeType === 1 && !c.hidden ? walk(c) : '')).join(' ');
  return walk(document.querySelector(sel)).replace(/\s+/g, ' ');
}, sel);

// ---- A: the sending ZVH makes the package ----

const a = await profile();
const kbA = keyboard(a);
await a.goto(new URL('examples/casus.html', url).href);
await a.locator('#status').getByText('Het dossier is geladen.').waitFor({ timeout: 30000 });
await a.evaluate((c) => { document.getElementById('casus').value = c; }, sent);
const casus = a.locator('#casus');
await casus.getByRole('button', { name: 'Volgende stap: Overdracht' }).waitFor({ timeout: 30000 });
assert.match(await textOf(a, '#casus'), /Fase: In overdracht/);
await axeRunner(a, report)('A: the case with its overdracht', 'main');

await kbA.tabTo('casus', (f) => f.tag === 'button' && f.text === 'Volgende stap: Overdracht', '"Volgende stap: Overdracht"', { lenient: true });
await kbA.press('Enter');
const form = casus.locator('#llk-casus-form-overdracht');
await form.locator('#llk-page-heading').waitFor({ timeout: 30000 });
const prefilled = await form.evaluate((e) => e.value);
const shownName = await casus.locator('#llk-case-title').innerText();
assert.ok(prefilled.persoon?.naam, 'the overdracht opens prefilled with the person');
assert.equal(prefilled.persoon.naam, shownName, 'the overdracht is prefilled with the case\'s person');
await axeRunner(a, report)('A: the overdracht form opened from the case', 'main');
step('A: "Volgende stap: Overdracht" opens the overdracht form prefilled from the case');

// On to the case's buttons ("Gebeurtenis vastleggen", then "Overdrachtspakket maken"); back
// up with Shift+Tab when the opened form took focus.
const back = (await kbA.focused()).host !== 'casus';
await kbA.tabTo('casus', (f) => f.host === 'casus' && f.tag === 'button' && f.text === 'Overdrachtspakket maken', '"Overdrachtspakket maken"', { back, lenient: true });
await kbA.press('Enter');
const dialog = casus.locator('dialog.llk-dialog');
await dialog.waitFor({ timeout: 30000 });
assert.equal((await kbA.focused()).id, 'llk-signer-name', 'the signer dialog takes focus');
assert.equal(await casus.locator('p.llk-busy[role=status]').innerText(), 'Het overdrachtspakket wordt gemaakt en ondertekend…', 'the case says what it is busy with');
await axeRunner(a, report)('A: the signer dialog', 'main');
await kbA.type('Noëlle Çelik');
await kbA.press('Tab');
await kbA.type('procesregisseur');
await kbA.press('Tab');
await kbA.type('ZVH Gelderland-Midden');
const download = a.waitForEvent('download', { timeout: 60000 });
await kbA.press('Enter');
const dl = await download;
const packageFile = `${out}/overdracht-pakket.pdf`;
await dl.saveAs(packageFile);
assert.match(dl.suggestedFilename(), /^overdracht-[\p{L}\p{N}-]+\.pdf$/u);
const made = casus.locator('.llk-alert--ok');
await made.getByText(/Het overdrachtspakket \(overdracht-.*\.pdf\) is gemaakt, ondertekend door Noëlle Çelik, procesregisseur, ZVH Gelderland-Midden/).waitFor({ timeout: 30000 });
assert.equal(await made.getAttribute('role'), 'status');
assert.equal(await casus.locator('p.llk-busy').innerText(), '', 'no longer busy');
const atNotice = await kbA.focused();
assert.equal(atNotice.host, 'casus');
assert.equal(await casus.evaluate((e) => e.shadowRoot.activeElement?.classList.contains('llk-alert')), true, 'focus on the outcome');
await axeRunner(a, report)('A: the package made', 'main');
const pdf = readFileSync(packageFile);
assert.ok(pdf.subarray(0, 5).toString() === '%PDF-', 'a PDF');
const sig = tool('pdfsig', [packageFile]);
let sigLine = 'pdfsig not installed: skipped';
if (sig) {
  assert.match(sig.text, /Signature is Valid\./, sig.text);
  assert.match(sig.text, /Total document signed/, sig.text);
  sigLine = `pdfsig: "Signature is Valid.", "Total document signed"`;
} else assert.ok(!strict, 'pdfsig is needed under CI');
const detach = tool('pdfdetach', ['-list', packageFile]);
let detachLine = 'pdfdetach not installed: skipped';
if (detach) {
  assert.match(detach.text, /casus\.json/, detach.text);
  detachLine = 'pdfdetach -list: casus.json';
} else assert.ok(!strict, 'pdfdetach is needed under CI');
step(`A: "Overdrachtspakket maken" by keyboard: the signer dialog, ${dl.suggestedFilename().replace(/-[^.]*\./, '-….')} downloaded (${pdf.length} bytes), focus on the status; ${sigLine}; ${detachLine}`);

// The package with one byte flipped inside the embedded casus.json stream.
const at = (() => {
  const s = pdf.toString('latin1');
  const type = s.search(/\/EmbeddedFile(?!s)/);
  assert.ok(type > 0, 'an embedded file stream');
  return s.indexOf('stream', type) + 'stream\n'.length + 20;
})();
const flipped = Buffer.from(pdf);
flipped[at] ^= 0x01;
const flippedFile = `${out}/overdracht-pakket-gewijzigd.pdf`;
writeFileSync(flippedFile, flipped);

// ---- B: the receiving ZVH takes it in ----

const b = await profile();
const kbB = keyboard(b);
await b.goto(url);
await b.waitForSelector('body[data-llk-ready]');
const list = b.locator('#casussen');
await list.getByRole('button', { name: 'Overdracht inlezen' }).waitFor({ timeout: 30000 });
const storedCases = () => b.evaluate(() => new Promise((resolve) => {
  const open = indexedDB.open('levensloopkit-concepten');
  open.onsuccess = () => {
    const r = open.result.transaction('cases').objectStore('cases').count();
    r.onsuccess = () => resolve(r.result);
  };
  open.onerror = () => resolve(-1);
}));
await axeRunner(b, report)('B: the caseload with "Overdracht ontvangen"', '#casussen');

/** Tab to the file field, Enter opens the chooser, then Tab to "Overdracht inlezen". */
async function receiveByKeyboard(file) {
  await kbB.tabTo('casussen', (f) => f.id === 'llk-receive-file', 'the package field', { lenient: true });
  const chooser = b.waitForEvent('filechooser', { timeout: 15000 });
  await kbB.press('Enter');
  const opened = await Promise.race([chooser.then(() => true), new Promise((r) => { setTimeout(() => r(false), 3000); })]);
  if (!opened) await kbB.press('Space');
  await (await chooser).setFiles(file);
  await kbB.tabTo('casussen', (f) => f.tag === 'button' && f.text === 'Overdracht inlezen', '"Overdracht inlezen"', { lenient: true });
  await kbB.press('Enter');
}

// First the changed one: refused, nothing stored.
const before = await storedCases();
await receiveByKeyboard(flippedFile);
const summary = list.locator('.llk-error-summary');
await summary.waitFor({ timeout: 60000 });
const reason = await summary.locator('a').innerText();
assert.match(reason, /klopt niet: het pakket is na ondertekening gewijzigd of beschadigd/, reason);
assert.match(reason, /Er is niets ingelezen\.$/, reason);
await b.waitForFunction(() => document.getElementById('casussen').shadowRoot.activeElement?.id === 'llk-receive-summary');
assert.equal(await list.locator('#llk-receive-file').getAttribute('aria-invalid'), 'true');
assert.match(await list.locator('#llk-receive-file').getAttribute('aria-describedby'), /llk-receive-error/);
assert.equal(await storedCases(), before, 'a refused package stores nothing');
await axeRunner(b, report)('B: a changed package refused', '#casussen');
step(`B: the package with one flipped byte in casus.json is refused ("${reason.slice(0, 60)}…"), focus on the error summary, IndexedDB holds ${before} case(s) as before`);

// Then the package as A made it.
await receiveByKeyboard(packageFile);
const accepted = list.locator('#llk-receive-outcome');
await accepted.waitFor({ timeout: 60000 });
await b.waitForFunction(() => document.getElementById('casussen').shadowRoot.activeElement?.id === 'llk-receive-outcome');
const said = await textOf(b, '#casussen');
assert.ok(/Noëlle Çelik \(procesregisseur\), namens ZVH Gelderland-Midden, ondertekend op 2 november 2026, 10:00: handtekening intact\./.test(said), 'the signer, organisation, time and verdict are shown');
assert.match(said, /levensloopkit kan niet zeggen wie dit ondertekende/, 'without trust anchors the verdict says so');
assert.match(said, /Het overdrachtspakket is ingelezen\. Fase: In overdracht/);
const opened = list.locator('llk-casus');
await opened.getByText(/Fase:/).first().waitFor({ timeout: 30000 });
const caseText = await textOf(b, '#casussen');
assert.match(caseText, /In overdracht/);
assert.match(caseText, /31 januari 2027/, 'the joint period\'s deadline on the case');
assert.equal(await storedCases(), before + 1, 'the case is stored');
const got = await opened.evaluate((e) => e.value);
for (const part of ['id', 'region', 'created_on', 'documents', 'events']) {
  assert.deepEqual(got[part], sent[part], `${part} as A sent it`);
}
assert.equal(got.received?.overdracht, 5);
assert.equal(got.received?.on, '2026-11-02');
assert.equal(await opened.getByRole('button', { name: 'Overdrachtspakket maken' }).count(), 0, 'the sender\'s overdracht is not handed over again');
await axeRunner(b, report)('B: the package taken in, the case open', '#casussen');
step('B: the package taken in by keyboard: signer, organisation, time and verdict shown, the case stored and opened "In overdracht" with 31 januari 2027, documents and events as A sent them');

// B confirms the receipt: countersigns the package by keyboard with B's own key (made
// now, in B's profile), an incremental update after A's signature; the file itself then
// records the warm handover, and goes back to A.
await kbB.tabTo('casussen', (f) => f.tag === 'button' && f.text === 'Ontvangst bevestigen en medeondertekenen', '"Ontvangst bevestigen en medeondertekenen"', { lenient: true });
const downloadB = b.waitForEvent('download', { timeout: 60000 });
await kbB.press('Enter');
const confirmed = list.locator('#llk-accept-outcome');
await Promise.race([list.locator('dialog.llk-dialog').waitFor({ timeout: 30000 }), confirmed.waitFor({ timeout: 30000 })]);
assert.equal((await kbB.focused()).id, 'llk-signer-name', `the signer dialog takes focus (the outcome says: ${await confirmed.count() ? await confirmed.innerText() : 'nothing'})`);
assert.equal(await list.locator('.llk-receive p.llk-busy[role=status]').innerText(), 'Het pakket wordt medeondertekend…', 'the panel says what it is busy with');
await axeRunner(b, report)('B: the signer dialog on receipt', '#casussen');
await kbB.type('Sanne Bakker');
await kbB.press('Tab');
await kbB.type('procesregisseur');
await kbB.press('Tab');
await kbB.type('ZVH Haaglanden');
await kbB.press('Enter');
const dlB = await downloadB;
assert.equal(dlB.suggestedFilename(), 'overdracht-pakket-ontvangen.pdf');
const acceptedFile = `${out}/overdracht-pakket-ontvangen.pdf`;
await dlB.saveAs(acceptedFile);
await confirmed.getByText(/Ontvangst bevestigd: het pakket is medeondertekend door Sanne Bakker, procesregisseur, ZVH Haaglanden en gedownload als overdracht-pakket-ontvangen\.pdf/).waitFor({ timeout: 30000 });
assert.equal(await confirmed.getAttribute('role'), 'status');
await b.waitForFunction(() => document.getElementById('casussen').shadowRoot.activeElement?.id === 'llk-accept-outcome');
assert.equal(await list.getByRole('button', { name: 'Ontvangst bevestigen en medeondertekenen' }).count(), 0, 'confirmed once');
assert.equal(await list.locator('.llk-receive p.llk-busy').innerText(), '', 'no longer busy');
const both = readFileSync(acceptedFile);
assert.ok(both.length > pdf.length && both.subarray(0, pdf.length).equals(pdf), 'an incremental update: A\'s bytes unchanged in front');
const sigB = tool('pdfsig', [acceptedFile]);
let sigBLine = 'pdfsig not installed: skipped';
if (sigB) {
  assert.equal((sigB.text.match(/Signature is Valid\./g) ?? []).length, 2, sigB.text);
  assert.match(sigB.text.split('Signature #2')[1] ?? '', /Total document signed/, sigB.text);
  sigBLine = 'pdfsig: 2× "Signature is Valid.", the last "Total document signed"';
} else assert.ok(!strict, 'pdfsig is needed under CI');
await axeRunner(b, report)('B: the receipt confirmed', '#casussen');
step(`B: "Ontvangst bevestigen en medeondertekenen" by keyboard: B's signer dialog, the package countersigned and downloaded (${both.length} bytes, A's ${pdf.length} bytes unchanged in front), focus on the status; ${sigBLine}`);

// Receiving the same package again: it is there already, nothing stored twice.
await opened.getByRole('button', { name: 'Terug naar de dossiers' }).click();
await receiveByKeyboard(packageFile);
await summary.waitFor({ timeout: 60000 });
assert.match(await summary.locator('a').innerText(), /staat al in deze browser/);
assert.equal(await storedCases(), before + 1);
step('B: the same package again is refused (the case is there already), nothing stored twice');

// With trust anchors (the loader's setTrustAnchors): another ZVH's certificate makes the
// package's signature untrusted, and it is refused; A's own certificate makes it trusted.
const setAnchors = (pem) => b.evaluate(async (text) => {
  const kit = await import(new URL('levensloopkit.js', document.baseURI).href);
  return kit.setTrustAnchors(text);
}, pem);
const other = `${out}/overdracht-ander-zvh`;
const keygen = tool(llk, ['pdf-keygen', '--name', 'Iemand Anders', '--org', 'ZVH Elders', '-o', other]);
assert.equal(keygen?.code, 0, `llk pdf-keygen: ${keygen?.text}`);
assert.equal((await setAnchors(readFileSync(`${other}/cert.pem`, 'utf8'))).ok, true);
await receiveByKeyboard(packageFile);
await summary.getByText(/^Handtekening 1: Niet vertrouwd: de handtekening van Noëlle Çelik/).waitFor({ timeout: 60000 });
assert.match(await summary.locator('a').innerText(), /Er is niets ingelezen\.$/);
assert.equal(await storedCases(), before + 1, 'an untrusted package stores nothing');
await axeRunner(b, report)('B: with trust anchors, an untrusted package refused', '#casussen');
const certA = await a.evaluate(() => new Promise((resolve, reject) => {
  const open = indexedDB.open('levensloopkit-ondertekening');
  open.onerror = () => reject(open.error);
  open.onsuccess = () => {
    const get = open.result.transaction('ondertekenaar').objectStore('ondertekenaar').get('standaard');
    get.onsuccess = () => resolve(Array.from(get.result.cert));
  };
}));
const pemA = `-----BEGIN CERTIFICATE-----\n${Buffer.from(certA).toString('base64').replace(/.{64}/g, '$&\n')}\n-----END CERTIFICATE-----\n`;
assert.equal((await setAnchors(pemA)).ok, true);
await receiveByKeyboard(packageFile);
await list.getByText(/Vertrouwd: ondertekend door Noëlle Çelik/).waitFor({ timeout: 60000 });
step('B: with setTrustAnchors, another ZVH\'s certificate: "Niet vertrouwd", refused, nothing stored; A\'s certificate: "Vertrouwd" (then refused only because the case is there already)');

// Host-owned (`cases` set): the case taken in goes to the host as llk-case-received and the
// kit stores nothing.
assert.equal((await setAnchors([])).ok, true);
await list.evaluate((e) => {
  window.received = [];
  e.addEventListener('llk-case-received', (ev) => window.received.push(ev.detail));
  e.cases = [];
});
await receiveByKeyboard(packageFile);
await list.getByText(/Het dossier is doorgegeven aan het registratiesysteem van deze pagina\./).waitFor({ timeout: 60000 });
const sentToHost = await b.evaluate(() => window.received);
assert.equal(sentToHost.length, 1);
assert.equal(sentToHost[0].case.received.overdracht, 5);
assert.deepEqual(sentToHost[0].case.documents, sent.documents);
assert.equal(sentToHost[0].signatures[0].organisation, 'ZVH Gelderland-Midden');
assert.equal(await storedCases(), before + 1, 'host-owned: nothing stored');
await axeRunner(b, report)('B: host-owned, the case sent as llk-case-received', '#casussen');
step('B host-owned: llk-case-received carries the received case and its signatures; the kit stored nothing');

await assertOwnRequests(b, requests, new URL(url).origin);
assert.deepEqual(problems, [], 'no page errors, console errors or failed requests');
const axeSummary = finishAxe(report, 'overdracht-axe.json');
step(`axe-core: ${axeSummary.states} states, ${axeSummary.violations} violations`);
await browser.close();
console.log('all checks passed');
