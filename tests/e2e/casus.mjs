// The case as a procesregisseur meets it, on a fixed clock, BY KEYBOARD ALONE (Tab, typing,
// arrow keys, Space, Enter; no mouse, no programmatic focus, no answers set by script). On
// the demo portal the kit keeps the cases (<llk-casussen>, encrypted in IndexedDB): a new
// dossier, the aanmelding, the triage prefilled from it, the toestemming, an inclusiebesluit
// about someone else refused (the form keeps every answer, "Wijzigen" leads back to the
// field) and then filed, a crisis; the phase, the deadlines and the timeline (with its text
// equivalent) follow; the browser is killed, and later the caseload still has the case and
// puts the overdue deadline first (filters, search by name); the levensloopplan is made in
// the plan editor inside the case, then two reviews (herhaald agenderen), each moving the
// review deadline; when the next review is missed, the caseload says so. Nothing known is
// typed twice: every later form finds the person, the dates and the plan version filled in.
// The raw IndexedDB records hold no name. On examples/casus.html the host owns the record:
// `value` in, `llk-case-change` out, nothing stored by the kit. axe-core in every state,
// zero violations.
//
//   node tests/e2e/casus.mjs http://127.0.0.1:8000/     (run by `cargo xtask e2e`)

import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { out, step, assertOwnRequests, axeRunner, finishAxe, exampleOf, toCheckPage, watchPage, domId, tool } from './lib.mjs';
import { keyboard } from './keys.mjs';
import { kengetallenByKeyboard, kengetallenOfStore } from './kengetallen.mjs';

const url = process.argv[2] ?? 'http://127.0.0.1:8000/';
// A profile of its own, so the stored cases survive killing the browser.
const profile = mkdtempSync(join(tmpdir(), 'llk-casus-'));
const problems = [];
const requests = [];
let context;
let page;
let kb;

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
  kb = keyboard(page);
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

/** Tab to the button called `name` in the element `where` (its id, or its tag name when it
 *  has none), then Enter. */
async function activate(name, where = 'llk-casus') {
  await kb.tabTo(where, (f) => f.host === where && f.tag === 'button' && (name instanceof RegExp ? name.test(f.label ?? f.text) : (f.label ?? f.text) === name),
    `"${name}"`, { lenient: true });
  await kb.press('Enter');
}

/** `example` with what the form already holds laid over it: what the case prefilled stays,
 *  and is what the user finds on the screen. */
function over(example, shown) {
  const filled = (v) => v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0);
  if (Array.isArray(example) && Array.isArray(shown) && example.every((x) => x && typeof x === 'object')) {
    return example.map((x, i) => over(x, shown[i]));
  }
  if (example && typeof example === 'object' && !Array.isArray(example) && shown && typeof shown === 'object' && !Array.isArray(shown)) {
    const r = { ...example };
    for (const [k, v] of Object.entries(shown)) r[k] = k in example ? over(example[k], v) : v;
    return r;
  }
  return filled(shown) ? shown : example;
}

const kept = {}; // per form: the fields found prefilled, how many were answered, its pages
/** The form `form` that the case just opened, filled by keyboard from `example` (laid under
 *  what the case prefilled) and sent; the plan editor's version adopted. */
async function fileByKeyboard(form, example, { plan = false, retype = [], adds = {} } = {}) {
  const host = `llk-casus-form-${form}`;
  const el = casus.locator(`#${host}`);
  await el.locator(plan ? '#llk-plan-adopt' : '#llk-page-heading').waitFor({ timeout: 30000 });
  const shown = await el.evaluate((e) => e.value);
  const wanted = over(example, shown);
  for (const path of retype) {
    const v = path.split('.').reduce((o, k) => o[k], example);
    path.split('.').reduce((o, k, i, a) => { if (i === a.length - 1) o[k] = v; return o[k]; }, wanted);
  }
  const f = await kb.tabInto(host, 80);
  const until = plan ? (x) => x.id === 'llk-plan-adopt' : undefined;
  const r = await kb.fill(host, wanted, f, { plan, until, retype, adds });
  kept[form] = { prefilled: [...r.prefilled], answered: r.answered, pages: r.pages.length };
  if (plan) await kb.press('Enter');
  else await kb.send(host, r.f);
}

/** The fields at `paths` were found filled in, not typed. */
function assertPrefilled(form, paths) {
  const missing = paths.map(domId).filter((id) => !kept[form].prefilled.includes(id));
  assert.deepEqual(missing, [], `${form}: prefilled from the case, not typed again`);
}

const setClock = (day) => page.clock.setFixedTime(new Date(`${day}T10:00:00`));

// ---- The kit keeps the cases ----

await setClock('2026-11-16');
await page.goto(url);
await page.waitForSelector('body[data-llk-ready]');
let list = page.locator('#casussen');
await list.getByRole('button', { name: 'Nieuw dossier' }).waitFor({ timeout: 30000 });
assert.match(await textOf('#casussen'), /Er zijn nog geen dossiers/);
// The demo page's <llk-ondertekening> loads the PDF module too; every other element is in
// the one UI module.
const wasm = requests.filter((u) => /\/pkg\/\w+_bg\.wasm$/.test(u) && !u.endsWith('/pdf_bg.wasm')).map((u) => u.split('/').pop());
assert.deepEqual(wasm, ['llk_web_bg.wasm'], 'a page with a case element loads the one UI module, once, and no other UI module');
await axe('empty caseload', '#casussen');

// From the top of the portal page: the menu's first link leads to the dossiers.
await kb.tabTo(null, (x) => x.outside === 'a' && x.text === 'Dossiers', 'the menu link "Dossiers"', { lenient: true });
await kb.press('Enter'); // "Dossiers": the page jumps to the section
await activate('Nieuw dossier', 'casussen');
let casus = list.locator('llk-casus');
await casus.getByRole('button', { name: 'Volgende stap: Aanmelding' }).waitFor();
assert.match(await textOf('#casussen'), /Fase: Nieuw/);
step('keyboard: the menu link "Dossiers", then "Nieuw dossier": an empty case; its next step is the aanmelding');

await activate('Volgende stap: Aanmelding');
const aanmelding = exampleOf('aanmelding', 'gelderland');
aanmelding.meldingsdatum = '2026-11-16';
await fileByKeyboard('aanmelding', aanmelding);
await casus.getByText('Aanmelding is aan het dossier toegevoegd.').waitFor();
let text = await textOf('#casussen');
assert.match(text, /Fase: Aangemeld, triage door het weegteam/);
assert.match(text, /Eerste levensloopplan: uiterlijk 16 december 2026/);
const person = `${aanmelding.betrokkene.voornamen} ${aanmelding.betrokkene.achternaam}`;
const afterAanmelding = kb.typed.length;
assert.match(text, new RegExp(person));
step(`aanmelding by keyboard (${kept.aanmelding.pages} pages, ${kept.aanmelding.answered} answers) filed: phase "Aangemeld", first plan due 16 december 2026, the case is ${person}'s`);
await axe('case after the aanmelding', '#casussen');

await setClock('2026-11-19');
await activate('Volgende stap: Triage door het weegteam');
const triage = exampleOf('triage', 'gelderland');
triage.weegteam.datum = '2026-11-19';
triage.uitkomst = 'inclusietafel';
await fileByKeyboard('triage', triage);
await casus.getByText('Triage door het weegteam is aan het dossier toegevoegd.').waitFor();
assertPrefilled('triage', ['melding.datum', 'persoon.naam']);
assert.match(await textOf('#casussen'), /Fase: Inclusietafel/);
step(`triage: ${kept.triage.prefilled.length} answers found prefilled (meldingsdatum, name, …), ${kept.triage.answered} typed; filed: phase "Inclusietafel"`);

await setClock('2026-11-24');
await activate('Volgende stap: Inclusiebesluit');
const inclusie = exampleOf('inclusie', 'gelderland');
Object.assign(inclusie.overleg, { datum: '2026-11-24' });
inclusie.besluit.uitkomst = 'inclusie';
Object.assign(inclusie.toewijzing, { inclusiedatum: '2026-11-24' });
Object.assign(inclusie.vervolg, { informeren_uiterlijk: '2026-12-08', casusoverleg: '2026-12-01' });
// Someone else's birth year, typed over the prefilled one: the case refuses it and the form
// keeps every answer.
inclusie.persoon.geboortejaar = 1970;
const inclHost = 'llk-casus-form-inclusie';
const inclEl = casus.locator(`#${inclHost}`);
await fileByKeyboard('inclusie', inclusie, { retype: ['persoon.geboortejaar'] });
await casus.getByText(/gaat over iemand anders/).waitFor();
let shown = await inclEl.evaluate((e) => e.value);
assert.equal(shown.persoon.geboortejaar, 1970);
assert.equal(shown.besluit.uitkomst, 'inclusie');
let f = await kb.focused();
assert.equal(f.host, 'llk-casus');
const focusedAlert = await casus.evaluate((el) => el.shadowRoot.activeElement?.getAttribute('role'));
assert.equal(focusedAlert, 'alert', 'the refusal has focus');
await axe('inclusie refused (another person)', '#casussen');
step('an inclusiebesluit about someone else (birth year 1970 typed over the prefilled one): refused, focus on the message, the form keeps its answers');

// Back into the form by Tab; on its check page "Wijzigen Geboortejaar" leads to the field.
await kb.tabInto(inclHost, 80);
await kb.tabTo(inclHost, (x) => x.tag === 'a' && /^Wijzigen Geboortejaar/.test(x.text), '"Wijzigen Geboortejaar"');
await kb.press('Enter');
f = await kb.focused();
assert.equal(f.id, 'llk-persoon-geboortejaar', '"Wijzigen" focuses the field');
await kb.press('Control+A');
await kb.type('1991');
inclusie.persoon.geboortejaar = 1991;
const again = await kb.fill(inclHost, over(inclusie, shown), f);
await kb.send(inclHost, again.f);
await casus.getByText('Inclusiebesluit is aan het dossier toegevoegd.').waitFor();
const afterInclusie = kb.typed.length;
text = await textOf('#casussen');
assert.match(text, /Geïncludeerd op 24 november 2026, plan in voorbereiding/);
const svg = casus.locator('svg[role=img]');
const label = await svg.getAttribute('aria-label');
assert.match(label, /3 documenten/);
const items = await casus.locator('.llk-case-tl__list li').allInnerTexts();
assert.ok(items.some((i) => /Aanmelding/.test(i)) && items.some((i) => /Inclusiebesluit/.test(i)), items.join(' | '));
step(`"Wijzigen", 1991 typed, on through the pages and sent: "plan in voorbereiding"; timeline svg "${label.slice(0, 60)}…", ${items.length} items as text`);
await axe('case included, with timeline', '#casussen');

// Consent, asked after the inclusion.
await setClock('2026-11-26');
await activate('Toestemming');
const toestemming = exampleOf('toestemming', 'gelderland');
Object.assign(toestemming.geldigheid, { van: '2026-11-26', tot: '2027-11-25' });
toestemming.ondertekening.datum = '2026-11-26';
await fileByKeyboard('toestemming', toestemming);
await casus.getByText('Toestemming is aan het dossier toegevoegd.').waitFor();
assertPrefilled('toestemming', ['client.naam', 'client.geboortedatum']);
step(`toestemming signed by typed names: ${kept.toestemming.prefilled.length} answers prefilled, ${kept.toestemming.answered} typed`);

// An event between the meetings.
await activate('Gebeurtenis vastleggen');
await fileByKeyboard('gebeurtenis', {
  soort: 'crisis', datum: '2026-11-22', gevaar: true, omschrijving: 'Dreigde de buurman met een mes.', bron: 'politie',
});
await casus.getByText('De gebeurtenis is aan het dossier toegevoegd.').waitFor();
assert.match(await textOf('#casussen'), /Crisis\. Raakt het gevaarscriterium\./);
step('a crisis touching the gevaarscriterium recorded by keyboard; the timeline says so');

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
await setClock('2026-12-20');
await page.goto(url);
await page.waitForSelector('body[data-llk-ready]');
list = page.locator('#casussen');
casus = list.locator('llk-casus');
await list.getByRole('button', { name: /Dossier van .* openen/ }).waitFor({ timeout: 30000 });
text = await textOf('#casussen');
assert.match(text, /Te laat: Eerste levensloopplan: had uiterlijk 16 december 2026 gemoeten, 4 dagen geleden/);
await kb.tabTo('casussen', (x) => x.tag === 'input' && x.type !== 'checkbox', 'the search box', { lenient: true });
await kb.type('iemand anders');
assert.match(await textOf('#casussen'), /0 van 1 dossiers/);
await kb.press('Control+A');
await kb.type(aanmelding.betrokkene.achternaam.toUpperCase());
assert.match(await textOf('#casussen'), /1 van 1 dossiers/);
await kb.tabTo('casussen', (x) => x.type === 'checkbox', 'the attention filter');
await kb.press('Space');
assert.match(await textOf('#casussen'), /1 van 1 dossiers/);
await axe('caseload with an overdue case', '#casussen');
await activate(/^Dossier van .* openen$/, 'casussen');
await casus.getByRole('button', { name: 'Terug naar de dossiers' }).waitFor();
await casus.locator('.llk-case-tl__list').waitFor();
assert.match(await textOf('#casussen'), /Te laat: Eerste levensloopplan: had uiterlijk 16 december 2026 gemoeten, 4 dagen geleden/);
assert.equal(await casus.locator('circle.llk-case-tl__deadline--overdue').count(), 1, 'one overdue marker');
assert.match((await casus.locator('.llk-case-tl__list').innerText()), /Te laat\. Eerste levensloopplan/);
step('on 20 December, after the kill: the caseload shows the overdue first plan ("Te laat", 4 days); the attention filter and the search by name by keyboard; the case marks the overdue deadline');

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

// The plan, in the plan editor inside the case: four days late.
await activate('Volgende stap: Levensloopplan');
const plan = exampleOf('levensloopplan', 'gelderland');
plan.plan.datum = '2026-12-20';
plan.gedeeld_op = '2026-12-20';
plan.volgende_bespreking = '2027-03-10';
// The goals are added per horizon, the middle term first, as the editor shows them; the
// plan's first, empty goal (shown last, "Termijn nog niet gekozen") becomes the first of
// the middle term.
plan.doelen = [...plan.doelen.filter((d) => d.termijn === 'middellang'), ...plan.doelen.filter((d) => d.termijn !== 'middellang')];
const middle = plan.doelen.filter((d) => d.termijn === 'middellang').length;
for (const a of plan.acties) if (a.uiterlijk < '2026-12-20') a.uiterlijk = '2027-01-15';
await fileByKeyboard('levensloopplan', plan, {
  plan: true, adds: { 'llk-doelen-add': ['llk-doelen', middle], 'llk-doelen-add-kort': ['llk-doelen', plan.doelen.length] },
});
await casus.getByText('Levensloopplan is aan het dossier toegevoegd.').waitFor({ timeout: 20000 });
assertPrefilled('levensloopplan', ['persoon.naam', 'persoon.geboortedatum', 'meldingsdatum', 'inclusiedatum']);
text = await textOf('#casussen');
assert.match(text, /Fase: Plan actief/);
assert.match(text, /Gedaan: Eerste levensloopplan/);
assert.match(text, /Herhaald agenderen: uiterlijk 10 maart 2027/);
await axe('plan active', '#casussen');
step(`levensloopplan in the editor by keyboard (${kept.levensloopplan.answered} answers typed, ${kept.levensloopplan.prefilled.length} prefilled) adopted: "Plan actief", review due 10 maart 2027`);

// Two reviews, each moving the review deadline.
const reviews = [['2027-03-10', '2027-06-02', '2 juni 2027'], ['2027-06-02', '2027-08-25', '25 augustus 2027']];
for (const [n, [day, next, nextDutch]] of reviews.entries()) {
  await setClock(day);
  await activate('Volgende stap: Herhaald agenderen');
  const review = exampleOf('herhaald-agenderen', 'gelderland');
  review.overleg.datum = day;
  review.crisis = { is_crisis: false };
  review.aanpassing.gedeeld_datum = day;
  review.volgende.datum = next;
  delete review.plan;
  await fileByKeyboard('herhaald-agenderen', review);
  await casus.getByText('Herhaald agenderen is aan het dossier toegevoegd.').waitFor();
  assertPrefilled('herhaald-agenderen', ['persoon.naam', 'plan.versie']);
  text = await textOf('#casussen');
  assert.match(text, new RegExp(`Herhaald agenderen: uiterlijk ${nextDutch}`), `review ${n + 1} moves the deadline`);
  step(`review ${n + 1} on ${day} by keyboard (${kept['herhaald-agenderen'].prefilled.length} prefilled, ${kept['herhaald-agenderen'].answered} typed): the review deadline moved to ${nextDutch}`);
}
const reviewItems = (await casus.locator('.llk-case-tl__list li').allInnerTexts()).filter((i) => /Herhaald agenderen/.test(i));
assert.ok(reviewItems.length >= 2, `both reviews on the timeline: ${reviewItems.join(' | ')}`);
await axe('case after two reviews', '#casussen');

// Nothing known was typed twice: after the aanmelding never the name, the BSN or the
// meldingsdatum again; after the inclusiebesluit never the inclusiedatum.
const typedAgain = (since, values) => kb.typed.slice(since).filter((t) => values.some((v) => t === v));
assert.deepEqual(typedAgain(afterAanmelding, [aanmelding.betrokkene.voornamen, aanmelding.betrokkene.achternaam,
  aanmelding.betrokkene.bsn, person, '14-06-1991', '16-11-2026']), [], 'the person and the meldingsdatum were typed once');
assert.deepEqual(typedAgain(afterInclusie, ['24-11-2026']), [], 'the inclusiedatum was typed once');

// The next review is missed: on 1 September the caseload says so.
await setClock('2027-09-01');
await activate('Terug naar de dossiers');
// The rows drawn before the case was opened stay until the store has been read again.
await list.getByText(/had uiterlijk 25 augustus 2027 gemoeten/).waitFor();
text = await textOf('#casussen');
assert.match(text, /Te laat: Herhaald agenderen: had uiterlijk 25 augustus 2027 gemoeten, 7 dagen geleden/);
await axe('caseload: review overdue', '#casussen');
step(`1 September 2027: the caseload shows the missed review first; ${kb.keys.Tab} Tab, ${kb.keys.Enter} Enter, ${kb.keys.Space} Space, ${kb.keys.Arrow} arrow keys, ${kb.keys.typed} characters typed in all`);

// ---- Uitstroom from what happened ----

// The crisis of 22 November 2026 touched the gevaarscriterium, two days before the
// inclusion: the two years 'buiten' count from the inclusion, the later of the two, on the
// timeline and in words.
await activate(/^Dossier van .* openen$/, 'casussen');
await casus.locator('#llk-case-exclusion').waitFor();
text = await textOf('#casussen');
assert.match(text, /Nog niet klaar voor uitstroom volgens het dossier\./);
assert.match(text, /Criterium 1, stabiel ‘buiten’: nog niet voldaan, twee jaar op 24 november 2028\. Stabiel sinds 24 november 2026, na de inclusie op 24 november 2026; daarna geen incident dat het gevaarscriterium raakte en geen opname of detentie\./);
assert.match(text, /Criterium 3, risicotaxatie: HCR-20V3 van 12 november 2026/, 'the review\'s risicotaxatie counts');
const windowItem = (await casus.locator('.llk-case-tl__list li').allInnerTexts()).find((i) => /Twee jaar stabiel/.test(i)) ?? '';
assert.match(windowItem, /^24 november 2026 tot en met 24 november 2028: Twee jaar stabiel ‘buiten’ \(uitstroomcriterium 1\)\./);
assert.equal(await casus.locator('rect.llk-case-tl__window').count(), 1, 'the window drawn');
assert.match(await casus.locator('svg[role=img]').getAttribute('aria-label'), /De balk onder de as toont de twee jaar stabiel ‘buiten’ van uitstroomcriterium 1\./);
await axe('case: exit readiness, not ready', '#casussen');
step('1 September 2027, the case by keyboard: "Nog niet klaar voor uitstroom"; criterion 1 counts from the inclusion on 24 November 2026, after the crisis of the 22nd (two years on 24 November 2028), the window on the timeline and in its list');

// An incident eight months ago that touched the gevaarscriterium, recorded by keyboard:
// the two years start again the day after it.
await activate('Gebeurtenis vastleggen');
await fileByKeyboard('gebeurtenis', {
  soort: 'incident', datum: '2027-01-05', gevaar: true, omschrijving: 'Bedreigde een buurtbewoner.', bron: 'politie',
});
await casus.getByText('De gebeurtenis is aan het dossier toegevoegd.').waitFor();
text = await textOf('#casussen');
const incident = text.match(/na het incident op 5 januari 2027 dat het gevaarscriterium raakte \(gebeurtenis (\d+)\)/);
assert.ok(incident, `criterion 1 names the incident: ${text.slice(0, 1500)}`);
assert.match(text, /Criterium 1, stabiel ‘buiten’: nog niet voldaan, twee jaar op 6 januari 2029\. Stabiel sinds 6 januari 2027/);

// The exclusiebesluit from the case carries the facts and their sources, read-only; "stable
// since 2025" is refused naming the incident and its date.
await activate('Exclusiebesluit');
const exEl = casus.locator('#llk-casus-form-exclusiebesluit');
await exEl.locator('#llk-page-heading').waitFor({ timeout: 30000 });
const exShown = await exEl.evaluate((e) => e.value);
assert.equal(exShown.dossier.stabiel_sinds, '2027-01-06');
assert.equal(exShown.dossier.stabiel_na, `het incident op 5 januari 2027 dat het gevaarscriterium raakte (gebeurtenis ${incident[1]})`);
assert.equal(exShown.criterium1.stabiel_sinds, '2027-01-06', 'the criterion proposed from the case');
assert.equal(exShown.criterium3.datum, '2026-11-12');
const exAnswers = exampleOf('exclusiebesluit', 'gelderland');
for (const k of ['persoon', 'inclusiedatum', 'dossier']) delete exAnswers[k];
Object.assign(exAnswers.overleg, { datum: '2027-09-01' });
Object.assign(exAnswers.gedeeld, { coordinator_datum: '2027-09-01', client_datum: '2027-09-01' });
exAnswers.ondertekening.procesregisseur.datum = '2027-09-01';
exAnswers.ondertekening.voorzitter.datum = '2027-09-01';
const exTyped = over(exAnswers, exShown);
exTyped.criterium1.stabiel_sinds = '2025-01-01'; // typed over what the case proposed
await exEl.evaluate((e, a) => {
  e.value = { form: 'exclusiebesluit', version: 1, region: e.getAttribute('region'), answers: a };
}, exTyped);
const refusedAt = await toCheckPage(exEl).then(() => '', (e) => e.message);
assert.match(refusedAt, /Volgens het dossier is de persoon pas sinds 6 januari 2027 stabiel en ‘buiten’, gerekend vanaf het incident op 5 januari 2027 dat het gevaarscriterium raakte \(gebeurtenis \d+\)/);
assert.match(await textOf('#casussen'), /Wat het dossier laat zien.*Stabiel op het gevaarscriterium en ‘buiten’ sinds 6 januari 2027/);
assert.equal(await exEl.locator('output#llk-dossier-stabiel_sinds').count(), 1, 'the fact is shown, not an input');
await axe('exclusiebesluit from the case, refused by the case\'s facts', '#casussen');
step('the exclusiebesluit opened from the case: the facts read-only with their source; "stabiel sinds 1 januari 2025" refused on the page, naming the incident of 5 January 2027 (recorded by keyboard just before)');

// Two years and a half later, a new risicotaxatie by keyboard: all three criteria shown.
await setClock('2029-06-01');
await activate('Gebeurtenis vastleggen');
await fileByKeyboard('gebeurtenis', {
  soort: 'risicotaxatie', datum: '2029-05-20', omschrijving: 'HCR-20V3 na twee jaar zonder incidenten.', bron: 'politie',
  taxatie: { instrument: 'hcr-20v3', uitvoerder: 'Marloes Verbeek', uitkomst: 'lager' },
});
await casus.getByText('De gebeurtenis is aan het dossier toegevoegd.').waitFor();
text = await textOf('#casussen');
assert.match(text, /Klaar voor uitstroomgesprek: alle drie de criteria blijken uit het dossier\./, text.slice(0, 2000));
assert.match(text, /Criterium 3, risicotaxatie: HCR-20V3 van 20 mei 2029, door Marloes Verbeek: risico substantieel lager \(gebeurtenis \d+\)\. De vorige: HCR-20V3 van 12 november 2026/);
await axe('case: ready for the uitstroomgesprek', '#casussen');
// Now the exclusiebesluit from the case reaches its check page without an error.
await activate('Exclusiebesluit');
await exEl.locator('#llk-page-heading').waitFor({ timeout: 30000 });
const readyShown = await exEl.evaluate((e) => e.value);
assert.equal(readyShown.criterium3.datum, '2029-05-20', 'the new risicotaxatie proposed');
const readyAnswers = over(exAnswers, readyShown);
for (const p of ['overleg', 'gedeeld']) for (const k of Object.keys(readyAnswers[p])) if (/datum$/.test(k)) readyAnswers[p][k] = '2029-06-01';
readyAnswers.gedeeld.coordinator_datum = '2029-06-01';
readyAnswers.ondertekening.procesregisseur.datum = '2029-06-01';
readyAnswers.ondertekening.voorzitter.datum = '2029-06-01';
await exEl.evaluate((e, a) => {
  e.value = { form: 'exclusiebesluit', version: 1, region: e.getAttribute('region'), answers: a };
}, readyAnswers);
await toCheckPage(exEl);
assert.match(await textOf('#casussen'), /Stabiel op het gevaarscriterium en ‘buiten’ sinds 6 januari 2027/);
await axe('exclusiebesluit from a ready case, check page', '#casussen');
step('the exclusiebesluit from the ready case: prefilled with the new risicotaxatie, its check page reached without an error');
await activate('Terug naar de dossiers');
await list.getByText('Klaar voor uitstroomgesprek', { exact: true }).waitFor();
await axe('caseload: ready for the uitstroomgesprek', '#casussen');
step('1 June 2029: a risicotaxatie recorded by keyboard; the case says "Klaar voor uitstroomgesprek" with the three criteria, and so does its row in the caseload');

// ---- The host owns the records ----

const storedCases = () => page.evaluate(() => new Promise((resolve) => {
  const open = indexedDB.open('levensloopkit-concepten');
  open.onsuccess = () => {
    const r = open.result.transaction('cases').objectStore('cases').count();
    r.onsuccess = () => resolve(r.result);
  };
  open.onerror = () => resolve(-1);
}));

// The caseload over the host's own records (`cases`): listed, one that is not a case named,
// "Openen" sent to the host as `llk-case-open`, nothing stored; `null` goes back to the store.
const storedBefore = await storedCases();
const hostCase = { ...JSON.parse(readFileSync(new URL('../../examples/casus-voorbeeld.json', import.meta.url), 'utf8')), id: 'reg-1' };
await page.evaluate((c) => {
  window.opened = [];
  const el = document.getElementById('casussen');
  el.addEventListener('llk-case-open', (e) => window.opened.push(e.detail));
  el.cases = [c, { id: 'kapot', documents: 'geen lijst' }];
}, hostCase);
await list.getByText('1 dossier(s) van het registratiesysteem konden niet worden gelezen en staan niet in de lijst.').waitFor();
assert.match(await textOf('#casussen'), /1 van 1 dossiers/);
assert.equal((await page.evaluate(() => document.getElementById('casussen').cases)).length, 1);
await axe('caseload of the host\'s records', '#casussen');
await activate(/^Dossier van .* openen$/, 'casussen');
assert.deepEqual(await page.waitForFunction(() => window.opened.length && window.opened[0]).then((h) => h.jsonValue()), { id: 'reg-1' });
assert.equal(await storedCases(), storedBefore, 'the host\'s records are not stored');
// A long caseload is paged, 25 a page; turning the page by keyboard puts focus on the count.
await page.evaluate((c) => {
  document.getElementById('casussen').cases = Array.from({ length: 30 }, (_, i) => ({ ...c, id: `reg-${i + 1}` }));
}, hostCase);
await list.getByText('30 van 30 dossiers; 1–25 op pagina 1 van 2').waitFor();
assert.equal(await list.locator('tbody tr').count(), 25);
await activate('Volgende pagina', 'casussen');
await list.getByText('30 van 30 dossiers; 26–30 op pagina 2 van 2').waitFor();
assert.equal(await list.locator('tbody tr').count(), 5);
assert.equal(await page.evaluate(() => document.getElementById('casussen').shadowRoot.activeElement?.className), 'llk-caseload__count', 'focus on the count after turning the page');
await axe('caseload, page 2 of 2', '#casussen');
await kb.tabTo('casussen', (x) => x.host === 'casussen' && x.id === 'llk-caseload-search', 'the search box', { back: true });
await kb.type(' geen treffer');
await list.getByText('0 van 30 dossiers', { exact: true }).waitFor();
await kb.press('Control+A');
await kb.press('Backspace');
await list.getByText('30 van 30 dossiers; 1–25 op pagina 1 van 2').waitFor();
step('a caseload of 30: 25 a page, "Volgende pagina" by keyboard shows 26–30 with focus on the count; a search starts again at page 1');
await kengetallenByKeyboard({ page, kb, list, axe, activate, hostCase, step });
await page.evaluate(() => { document.getElementById('casussen').cases = null; });
// Back to the store: the host's 30 rows stay until the store has been read, which holds one.
await list.getByText(/^1 van 1 dossiers/).waitFor();
await list.getByRole('button', { name: /Dossier van .* openen/ }).waitFor();
assert.ok(!(await textOf('#casussen')).includes('registratiesysteem'), 'back to the store: the message is gone');
await kengetallenOfStore({ page, list, activate, axe });
step('the host\'s records (`cases`): one listed and one refused with a message, "Openen" sent as llk-case-open { id: "reg-1" }, nothing stored; null went back to the store');
// (The host gives the answers as `value` here: this part is about the record, not typing.)

/** Activates a button by keyboard: focus, then Enter. */
async function press(locator) {
  await locator.focus();
  await page.keyboard.press('Enter');
}

/** The form the case opened: its answers merged with `answers` (given as `value`), walked
 *  to the check page and sent with "Versturen". */
async function fillAndSend(el0, form, answers) {
  const el = el0.locator(`#llk-casus-form-${form}`);
  await el.locator('#llk-page-heading').waitFor();
  await el.evaluate((e, a) => {
    e.value = { form: e.getAttribute('form'), version: 1, region: e.getAttribute('region'), answers: a };
  }, over(answers, await el.evaluate((e) => e.value ?? {})));
  await toCheckPage(el);
  await press(el.getByRole('button', { name: 'Versturen' }));
  return el;
}

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

// Signatures are checked again when a case is opened: the toestemming's PDF, signed by the
// command line (PAdES), carried in the case as the record says "intact"; then the same
// record with one byte of the PDF changed, still saying "intact". The documents table
// shows what the kit's verifier finds in the file now.
const keys = mkdtempSync(join(tmpdir(), 'llk-casus-keys-'));
const llk = (...args) => {
  const r = tool('cargo', ['run', '--quiet', '-p', 'llk-cli', '--', ...args]);
  assert.ok(r && r.code === 0, `llk ${args[0]}: ${r?.text}`);
};
llk('pdf-keygen', '--name', 'Eva de Vries', '--role', 'procesregisseur', '--org', 'ZVH Voorbeeld', '-o', keys);
const consent = hostCase.documents.find((d) => d.submission.form === 'toestemming');
writeFileSync(join(keys, 'toestemming.json'), JSON.stringify(consent.submission));
llk('pdf', '--form', 'toestemming', '--region', consent.submission.region, join(keys, 'toestemming.json'),
  '-o', join(keys, 'toestemming.pdf'), '--sign-key', join(keys, 'key.pem'), '--sign-cert', join(keys, 'cert.pem'));
const signedPdf = readFileSync(join(keys, 'toestemming.pdf'));
const withPdf = (bytes) => ({
  ...hostCase,
  documents: hostCase.documents.map((d) => (d.seq !== consent.seq ? d : {
    ...d, signature: { signer: 'Eva de Vries', signed_at: '2026-11-20T10:00:00+01:00', status: 'intact', pdf: bytes.toString('base64') },
  })),
});
const consentRow = () => page.evaluate(() => [...document.getElementById('casus').shadowRoot
  .querySelectorAll('tbody tr')].find((r) => /Toestemming/.test(r.textContent))?.textContent ?? '');
await page.evaluate((c) => { document.getElementById('casus').value = c; }, withPdf(signedPdf));
await page.waitForFunction(() => /gecontroleerd bij openen/.test(document.getElementById('casus').shadowRoot.textContent), null, { timeout: 30000 });
assert.match(await consentRow(), /Eva de Vries: handtekening intact, gecontroleerd bij openen/);
const changed = Buffer.from(signedPdf);
changed[1000] ^= 0x01; // inside the first signed range
await page.evaluate((c) => { document.getElementById('casus').value = c; }, withPdf(changed));
await page.waitForFunction(() => /handtekening gebroken[^]*gecontroleerd bij openen/.test(document.getElementById('casus').shadowRoot.textContent), null, { timeout: 30000 });
assert.match(await consentRow(), /Eva de Vries: handtekening gebroken: het document is na ondertekening gewijzigd, gecontroleerd bij openen/,
  'a record that says "intact" of a changed file shows what the file says now');
await axe('examples/casus.html, a broken signature found on opening', 'main');
step('signatures checked again on opening: the signed PDF "intact", the same record with one byte changed "gebroken" (the record said "intact")');

await assertOwnRequests(page, requests, new URL(url).origin);
assert.deepEqual(problems, [], 'no console errors, page errors or CSP violations');
const a = finishAxe(axeReport, 'axe-casus.json');
step(`casus: all checks passed (${a.states} axe states, ${a.violations} violations)`);
await context.close();
void out;
