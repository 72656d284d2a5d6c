// The case as a procesregisseur meets it, on a fixed clock. On the demo portal the kit keeps
// the cases (<llk-casussen>, encrypted in IndexedDB): a new dossier by keyboard, the
// aanmelding, the triage prefilled from it, an inclusiebesluit about someone else refused
// (the form keeps every answer) and then filed; the phase, the deadlines and the timeline
// (with its text equivalent) follow; the browser is killed, and a month later the caseload
// still has the case and puts the overdue deadline first (filters, search by name); the raw
// IndexedDB records hold no name. On examples/casus.html the host owns the
// record: `value` in, `llk-case-change` out, nothing stored by the kit. axe-core in every
// state, zero violations.
//
//   node tests/e2e/casus.mjs http://127.0.0.1:8000/     (run by `cargo xtask e2e`)

import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { out, step, assertOwnRequests, axeRunner, finishAxe, exampleOf, toCheckPage, watchPage } from './lib.mjs';

const url = process.argv[2] ?? 'http://127.0.0.1:8000/';
// A profile of its own, so the stored cases survive killing the browser.
const profile = mkdtempSync(join(tmpdir(), 'llk-casus-'));
const problems = [];
const requests = [];
let context;
let page;

async function start() {
  context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'],
    viewport: { width: 1280, height: 1000 },
    locale: 'nl-NL',
  });
  page = context.pages()[0] ?? await context.newPage();
  await watchPage(page, problems, requests);
}

/** SIGKILL to the browser's main process (the one with this profile and no --type). */
function killBrowser() {
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    let cmd;
    try { cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0'); } catch { continue; }
    if (cmd.some((a) => a === `--user-data-dir=${profile}`) && !cmd.some((a) => a.startsWith('--type='))) {
      process.kill(Number(pid), 'SIGKILL');
      return Number(pid);
    }
  }
  throw new Error('no browser process for the profile');
}

await start();
const axeReport = [];
const axe = (label, selector) => axeRunner(page, axeReport)(label, selector);

/** The text of an element and its shadow roots, spaces collapsed (hidden parts included). */
const textOf = (sel) => page.evaluate((sel) => {
  const walk = (n) => [...(n.shadowRoot ? n.shadowRoot.childNodes : []), ...n.childNodes]
    .map((c) => (c.nodeType === 3 ? c.textContent : c.nodeType === 1 && !c.hidden ? walk(c) : '')).join(' ');
  return walk(document.querySelector(sel)).replace(/\s+/g, ' ');
}, sel);

/** Activates a button by keyboard: focus, then Enter. */
async function press(locator) {
  await locator.focus();
  await page.keyboard.press('Enter');
}

/** The form the case opened (inside its shadow root): its answers merged with `answers`,
 *  walked to the check page and sent with "Versturen". */
async function fillAndSend(casus, form, answers) {
  const el = casus.locator(`#llk-casus-form-${form}`);
  await el.waitFor();
  await el.locator('#llk-page-heading').waitFor();
  await el.evaluate((e, a) => {
    const cur = e.value ?? {};
    const merge = (x, y) => {
      if (!y || typeof y !== 'object' || Array.isArray(y)) return y;
      const r = { ...(x && typeof x === 'object' ? x : {}) };
      for (const [k, v] of Object.entries(y)) r[k] = merge(r[k], v);
      return r;
    };
    e.value = { form: e.getAttribute('form'), version: 1, region: e.getAttribute('region'), answers: merge(a, cur) };
  }, answers);
  await toCheckPage(el);
  await press(el.getByRole('button', { name: 'Versturen' }));
  return el;
}

// ---- The kit keeps the cases ----

await page.clock.setFixedTime(new Date('2026-11-16T10:00:00'));
await page.goto(url);
await page.waitForSelector('body[data-llk-ready]');
let list = page.locator('#casussen');
await list.getByRole('button', { name: 'Nieuw dossier' }).waitFor({ timeout: 30000 });
assert.match(await textOf('#casussen'), /Er zijn nog geen dossiers/);
const wasm = requests.filter((u) => /\/pkg\/(drafts|cases)_bg\.wasm$/.test(u)).map((u) => u.split('/').pop());
assert.deepEqual(wasm, ['cases_bg.wasm'], 'a page with a case element loads the drafts module with the case elements, not both');
await axe('empty caseload', '#casussen');

await press(list.getByRole('button', { name: 'Nieuw dossier' }));
const casus = list.locator('llk-casus');
await casus.getByRole('button', { name: 'Volgende stap: Aanmelding' }).waitFor();
assert.match(await textOf('#casussen'), /Fase: Nieuw/);
step('keyboard: "Nieuw dossier" opened an empty case; its next step is the aanmelding');

await press(casus.getByRole('button', { name: 'Volgende stap: Aanmelding' }));
const aanmelding = exampleOf('aanmelding', 'gelderland');
aanmelding.meldingsdatum = '2026-11-16';
await fillAndSend(casus, 'aanmelding', aanmelding);
await casus.getByText('Aanmelding is aan het dossier toegevoegd.').waitFor();
let text = await textOf('#casussen');
assert.match(text, /Fase: Aangemeld, triage door het weegteam/);
assert.match(text, /Eerste levensloopplan: uiterlijk 16 december 2026/);
const person = `${aanmelding.betrokkene.voornamen} ${aanmelding.betrokkene.achternaam}`;
assert.match(text, new RegExp(person));
step(`aanmelding filed: phase "Aangemeld", first plan due 16 december 2026, the case is ${person}'s`);
await axe('case after the aanmelding', '#casussen');

await page.clock.setFixedTime(new Date('2026-11-19T10:00:00'));
await press(casus.getByRole('button', { name: 'Volgende stap: Triage door het weegteam' }));
const triageEl = casus.locator('#llk-casus-form-triage');
await triageEl.waitFor();
const prefilled = await triageEl.evaluate((e) => e.value);
assert.equal(prefilled.melding.datum, '2026-11-16', 'the meldingsdatum is prefilled');
assert.equal(prefilled.persoon.naam, person, 'the name is prefilled');
const triage = exampleOf('triage', 'gelderland');
triage.weegteam.datum = '2026-11-19';
triage.uitkomst = 'inclusietafel';
await fillAndSend(casus, 'triage', triage);
await casus.getByText('Triage door het weegteam is aan het dossier toegevoegd.').waitFor();
assert.match(await textOf('#casussen'), /Fase: Inclusietafel/);
step('triage prefilled (meldingsdatum, name) and filed: phase "Inclusietafel"');

await page.clock.setFixedTime(new Date('2026-11-24T10:00:00'));
await press(casus.getByRole('button', { name: 'Volgende stap: Inclusiebesluit' }));
const inclusie = exampleOf('inclusie', 'gelderland');
Object.assign(inclusie.overleg, { datum: '2026-11-24' });
inclusie.besluit.uitkomst = 'inclusie';
Object.assign(inclusie.toewijzing, { inclusiedatum: '2026-11-24' });
Object.assign(inclusie.vervolg, { informeren_uiterlijk: '2026-12-08', casusoverleg: '2026-12-01' });
const inclEl = casus.locator('#llk-casus-form-inclusie');
await inclEl.waitFor();
// Someone else's birth year: the case refuses it and the form keeps every answer.
await inclEl.evaluate((e) => { const v = e.value; v.persoon.geboortejaar = 1970; e.value = v; });
await fillAndSend(casus, 'inclusie', inclusie);
await casus.getByText(/gaat over iemand anders/).waitFor();
const kept = await inclEl.evaluate((e) => e.value);
assert.equal(kept.persoon.geboortejaar, 1970);
assert.equal(kept.besluit.uitkomst, 'inclusie');
const focusedAlert = await casus.evaluate((el) => el.shadowRoot.activeElement?.getAttribute('role'));
assert.equal(focusedAlert, 'alert', 'the refusal has focus');
await axe('inclusie refused (another person)', '#casussen');
step('an inclusiebesluit about someone else (birth year 1970): refused, focus on the message, the form keeps its answers');

await inclEl.evaluate((e) => { const v = e.value; v.persoon.geboortejaar = 1991; e.value = v; });
await toCheckPage(inclEl);
await press(inclEl.getByRole('button', { name: 'Versturen' }));
await casus.getByText('Inclusiebesluit is aan het dossier toegevoegd.').waitFor();
text = await textOf('#casussen');
assert.match(text, /Geïncludeerd op 24 november 2026, plan in voorbereiding/);
assert.match(text, /Cliënt informeren en toestemming vragen: uiterlijk 8 december 2026/);
const svg = casus.locator('svg[role=img]');
const label = await svg.getAttribute('aria-label');
assert.match(label, /3 documenten/);
const items = await casus.locator('.llk-case-tl__list li').allInnerTexts();
assert.ok(items.some((i) => /Aanmelding/.test(i)) && items.some((i) => /Inclusiebesluit/.test(i)), items.join(' | '));
step(`inclusiebesluit filed: "plan in voorbereiding"; timeline svg "${label.slice(0, 60)}…", ${items.length} items as text`);
await axe('case included, with timeline', '#casussen');

// An event between the meetings.
await press(casus.getByRole('button', { name: 'Gebeurtenis vastleggen' }));
await fillAndSend(casus, 'gebeurtenis', {
  soort: 'crisis', datum: '2026-11-22', gevaar: true, omschrijving: 'Dreigde de buurman met een mes.', bron: 'politie',
});
await casus.getByText('De gebeurtenis is aan het dossier toegevoegd.').waitFor();
assert.match(await textOf('#casussen'), /Crisis\. Raakt het gevaarscriterium\./);
step('a crisis touching the gevaarscriterium recorded; the timeline says so');

// A month later, after the browser was killed: the stored case is there, and the caseload
// puts the overdue deadline first.
await page.waitForTimeout(500);
assert.deepEqual(problems, [], 'no console errors, page errors or CSP violations before the kill');
await assertOwnRequests(page, requests, new URL(url).origin);
const killed = killBrowser();
await context.close().catch(() => {});
await start();
problems.length = 0;
step(`killed the browser (SIGKILL ${killed}) and started it again on the same profile`);
await page.clock.setFixedTime(new Date('2026-12-20T10:00:00'));
await page.goto(url);
await page.waitForSelector('body[data-llk-ready]');
list = page.locator('#casussen');
await list.getByRole('button', { name: /Dossier van .* openen/ }).waitFor({ timeout: 30000 });
text = await textOf('#casussen');
// The most urgent first: consent was due 8 December, the first plan 16 December.
assert.match(text, /Te laat: Cliënt informeren en toestemming vragen: had uiterlijk 8 december 2026 gemoeten, 12 dagen geleden/);
await list.getByLabel('Alleen dossiers die aandacht vragen (te laat of binnenkort)').check();
assert.match(await textOf('#casussen'), /1 van 1 dossiers/);
await list.getByLabel('Zoeken op naam').fill('iemand anders');
assert.match(await textOf('#casussen'), /0 van 1 dossiers/);
await list.getByLabel('Zoeken op naam').fill(aanmelding.betrokkene.achternaam.toUpperCase());
assert.match(await textOf('#casussen'), /1 van 1 dossiers/);
await axe('caseload with an overdue case', '#casussen');
await press(list.getByRole('button', { name: /Dossier van .* openen/ }));
await list.locator('llk-casus').getByRole('button', { name: 'Terug naar de dossiers' }).waitFor();
await list.locator('llk-casus .llk-case-tl__list').waitFor();
assert.match(await textOf('#casussen'), /Te laat: Eerste levensloopplan: had uiterlijk 16 december 2026 gemoeten, 4 dagen geleden/);
assert.equal(await list.locator('llk-casus circle.llk-case-tl__deadline--overdue').count(), 2, 'two overdue markers');
assert.match((await list.locator('llk-casus .llk-case-tl__list').innerText()), /Te laat\. Eerste levensloopplan/);
await press(list.locator('llk-casus').getByRole('button', { name: 'Terug naar de dossiers' }));
await list.getByRole('button', { name: /Dossier van .* openen/ }).waitFor();
step('on 20 December, after the kill: the caseload shows the most overdue deadline first ("Te laat", consent, 12 days); the attention filter and the search by name; the case marks both overdue deadlines; back by keyboard');

const raw = await page.evaluate(() => new Promise((resolve, reject) => {
  const open = indexedDB.open('levensloopkit-concepten');
  open.onerror = () => reject(open.error);
  open.onsuccess = () => {
    const tx = open.result.transaction('cases', 'readonly');
    const all = tx.objectStore('cases').getAll();
    all.onsuccess = () => resolve(JSON.stringify(all.result, (k, v) => (v instanceof ArrayBuffer || ArrayBuffer.isView(v) ? `[${v.byteLength} bytes]` : v)));
  };
}));
assert.ok(!raw.includes(aanmelding.betrokkene.achternaam) && !raw.includes(aanmelding.betrokkene.bsn), 'no plaintext in the case store');
step(`raw case record: ${raw.length} characters, no name or BSN in it`);

// ---- The host owns the record ----

const storedCases = () => page.evaluate(() => new Promise((resolve) => {
  const open = indexedDB.open('levensloopkit-concepten');
  open.onsuccess = () => {
    const r = open.result.transaction('cases').objectStore('cases').count();
    r.onsuccess = () => resolve(r.result);
  };
  open.onerror = () => resolve(-1);
}));
const storedBefore = await storedCases();
assert.equal(storedBefore, 1, 'the one case of the demo portal');
await page.clock.setFixedTime(new Date('2026-12-02T10:00:00'));
await page.goto(new URL('examples/casus.html', url).href);
const hosted = page.locator('#casus');
await hosted.getByRole('button', { name: 'Volgende stap: Herhaald agenderen' }).waitFor({ timeout: 30000 });
assert.match(await textOf('#casus'), /Fase: Plan actief/);
await axe('examples/casus.html', 'main');
await press(hosted.getByRole('button', { name: 'Volgende stap: Herhaald agenderen' }));
const reviewEl = hosted.locator('#llk-casus-form-herhaald-agenderen');
await reviewEl.waitFor();
const review = await reviewEl.evaluate((e) => e.value);
assert.equal(review.plan.versie, 1, 'the version reviewed is prefilled');
const before = await page.evaluate(() => window.caseChanges.length);
const ex = exampleOf('herhaald-agenderen', 'landelijk');
Object.assign(ex.overleg, { datum: '2026-12-02' });
Object.assign(ex.crisis, { casusoverleg_datum: '2026-12-04' });
Object.assign(ex.aanpassing, { gedeeld_datum: '2026-12-02' });
Object.assign(ex.volgende, { datum: '2027-02-15' });
delete ex.persoon; delete ex.plan;
await fillAndSend(hosted, 'herhaald-agenderen', ex);
const change = await page.waitForFunction((n) => window.caseChanges.length > n && window.caseChanges.at(-1), before).then((h) => h.jsonValue());
assert.equal(change.change.form, 'herhaald-agenderen');
assert.equal(change.stored, false);
assert.equal(change.case.documents.length, 6);
assert.match(await textOf('#casus'), /Herhaald agenderen: uiterlijk 15 februari 2027/);
assert.equal(await storedCases(), storedBefore, 'host-owned: the kit stored no case');
await axe('examples/casus.html after the review', 'main');
step('host-owned: the review was prefilled, filed, sent back in llk-case-change (6 documents); the kit stored nothing');

await assertOwnRequests(page, requests, new URL(url).origin);
assert.deepEqual(problems, [], 'no console errors, page errors or CSP violations');
const a = finishAxe(axeReport, 'axe-casus.json');
step(`casus: all checks passed (${a.states} axe states, ${a.violations} violations)`);
await context.close();
void out;
