// Drafts in a real Chromium profile (examples/concepten.html: <llk-concepten> and an
// aanmelding form):
//  1. typed answers survive SIGKILL of the browser process: relaunched on the same
//     profile, "Verder met concept" brings every answer back;
//  2. the raw IndexedDB records (read in the page) and the profile's files on disk hold
//     no answer in plaintext;
//  3. a draft past its retention period is purged at start-up;
//  4. a draft saved under an older definition version opens migrated, the answer without
//     a field kept and shown; a corrupt record is listed and can be deleted; a draft sealed
//     with another key shows the decrypt message;
//  5. two tabs on one draft: the older tab is told, saves nothing, and the user chooses;
//  6. IndexedDB unavailable, and the quota exceeded (CDP Storage.overrideQuotaForOrigin):
//     the Dutch message is shown and the form stays usable;
//  7. the levensloopplan (examples/levensloopplan.html, the plan module's element): typed
//     text autosaved, back after SIGKILL through "Verder met concept", no plaintext in
//     IndexedDB, listed by <llk-concepten>;
//  8. axe-core: no violations in the offer, the list, the conflict and the messages, and
//     in the plan's saved and offer states.
//
//   node tests/e2e/drafts.mjs http://127.0.0.1:8000/     (run by `cargo xtask e2e`)

import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { out, step, axeRunner, watchContext } from './lib.mjs';

const base = process.argv[2] ?? 'http://127.0.0.1:8000/';
const origin = new URL(base).origin;
const pageUrl = new URL('examples/concepten.html', base).href;
const profile = mkdtempSync(join(tmpdir(), 'llk-drafts-'));
const problems = [];
const axeReport = [];

const ANSWERS = {
  'llk-melder-naam': 'Fenna Wijdeveld-Brouwer',
  'llk-melder-functie': 'Wijkagent Zuilen-Noord',
  'llk-melder-telefoon': '030 765 43 21',
  'llk-melder-email': 'f.wijdeveld@politie.example.nl',
};

async function launch(initScript) {
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
    viewport: { width: 1280, height: 1000 },
    locale: 'nl-NL',
  });
  await watchContext(context);
  if (initScript) await context.addInitScript(initScript);
  context.on('page', watch);
  return context;
}

function watch(page) {
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
}

async function open(context, query = '') {
  const page = context.pages()[0] && context.pages()[0].url() === 'about:blank'
    ? context.pages()[0] : await context.newPage();
  if (!page._watched) { watch(page); page._watched = true; }
  await page.goto(pageUrl + query);
  await page.waitForSelector('body[data-llk-drafts]', { timeout: 30000 });
  return page;
}

const shadow = (page, host, selector) => page.locator(`#${host}`).locator(selector);
const text = (page, host, part) => page.evaluate(([h, p]) =>
  document.getElementById(h).shadowRoot.querySelector(p)?.textContent ?? '', [host, part]);
const status = (page) => text(page, 'formulier', '.llk-draft-bar__status');

async function fill(page, answers) {
  for (const [id, value] of Object.entries(answers)) {
    await shadow(page, 'formulier', `#${id}`).fill(value);
  }
}

async function values(page) {
  const got = {};
  for (const id of Object.keys(ANSWERS)) got[id] = await shadow(page, 'formulier', `#${id}`).inputValue();
  return got;
}

/** The browser's main process: the one started with this profile and no --type. */
function browserPid() {
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    let cmd;
    try { cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0'); } catch { continue; }
    if (cmd.some((a) => a === `--user-data-dir=${profile}`) && !cmd.some((a) => a.startsWith('--type='))) {
      return Number(pid);
    }
  }
  throw new Error('no browser process for the profile');
}

/** Every record of the drafts database, bytes as arrays: what is on disk, decoded. */
const dumpDb = (page) => page.evaluate(() => new Promise((resolve, reject) => {
  const req = indexedDB.open('levensloopkit-concepten');
  req.onerror = () => reject(req.error);
  req.onsuccess = () => {
    const db = req.result;
    const names = [...db.objectStoreNames];
    const tx = db.transaction(names, 'readonly');
    const dump = {};
    for (const n of names) {
      const r = tx.objectStore(n).getAll();
      r.onsuccess = () => { dump[n] = r.result; };
    }
    tx.oncomplete = () => {
      db.close();
      const bytes = (v) => (v instanceof Uint8Array ? new TextDecoder('latin1').decode(v)
        : v instanceof CryptoKey ? `[CryptoKey extractable=${v.extractable}]` : v);
      resolve(JSON.stringify(dump, (_k, v) => bytes(v)));
    };
  };
}));

/** Writes a record as a portal with this key would have saved it (AES-GCM, the id as
 *  additional data), for the migration and corrupt-record cases. */
const putRecord = (page, record, submission, secret) => page.evaluate(async ([rec, sub, secret]) => {
  let iv = new Uint8Array(12);
  let ciphertext = new TextEncoder().encode('not a sealed draft');
  if (sub) {
    const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(secret), 'HKDF', false, ['deriveKey']);
    const key = await crypto.subtle.deriveKey(
      { name: 'HKDF', hash: 'SHA-256', salt: new TextEncoder().encode('levensloopkit-concepten'), info: new Uint8Array() },
      material, { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
    iv = crypto.getRandomValues(new Uint8Array(12));
    ciphertext = new Uint8Array(await crypto.subtle.encrypt(
      { name: 'AES-GCM', iv, additionalData: new TextEncoder().encode(rec.id) }, key,
      new TextEncoder().encode(JSON.stringify(sub))));
  }
  await new Promise((resolve, reject) => {
    const req = indexedDB.open('levensloopkit-concepten');
    req.onsuccess = () => {
      const tx = req.result.transaction('drafts', 'readwrite');
      tx.objectStore('drafts').put({ ...rec, iv, ciphertext });
      tx.oncomplete = () => { req.result.close(); resolve(); };
      tx.onerror = () => reject(tx.error);
    };
    req.onerror = () => reject(req.error);
  });
}, [record, submission, secret]);

async function waitSaved(page) {
  await page.waitForFunction(() => /Concept opgeslagen om/.test(
    document.getElementById('formulier').shadowRoot.querySelector('.llk-draft-bar__status')?.textContent ?? ''), null, { timeout: 5000 });
}

// ---- 1. Survives a killed browser ----
let context = await launch();
let page = await open(context);
await fill(page, ANSWERS);
await page.waitForTimeout(1000);
assert.match(await status(page), /Concept opgeslagen om \d\d:\d\d\. Het wordt bewaard tot \d+ \w+ \d\d:\d\d\./);
const pid = browserPid();
process.kill(pid, 'SIGKILL');
step(`typed 4 answers, waited 1 s, killed the browser (SIGKILL ${pid})`);
await context.close().catch(() => {});

context = await launch();
page = await open(context);
await page.waitForFunction(() => /Verder met concept van/.test(
  document.getElementById('formulier').shadowRoot.querySelector('.llk-drafts-top')?.textContent ?? ''));
let axe = axeRunner(page, axeReport);
await axe('draft offer', '#formulier');
await axe('concepten list', '#concepten');
const listed = await text(page, 'concepten', 'table');
assert.match(listed, /Aanmeldformulier/);
for (const v of Object.values(ANSWERS)) assert.ok(!listed.includes(v), 'the list shows no answer');
await shadow(page, 'formulier', 'button:has-text("Verder met concept")').first().click();
await page.waitForTimeout(300);
assert.deepEqual(await values(page), ANSWERS, 'every answer is back after the kill');
assert.equal(await page.evaluate(() => document.getElementById('formulier').shadowRoot.activeElement?.id),
  'llk-page-heading', 'after the choice, focus is on the form\'s page heading');
step('relaunched on the profile: "Verder met concept" brought every answer back');

// ---- 2. Nothing in plaintext at rest ----
const dump = await dumpDb(page);
assert.match(dump, /"form":"aanmelding"/);
assert.match(dump, /CryptoKey extractable=false/, 'the kept key is a non-extractable CryptoKey');
for (const v of Object.values(ANSWERS)) assert.ok(!dump.includes(v), `no plaintext "${v}" in IndexedDB`);
writeFileSync(`${out}/drafts-indexeddb-dump.json`, dump);
let files = 0;
const scan = (dir) => {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const s = statSync(p);
    if (s.isDirectory()) scan(p);
    else if (s.size < 50e6) {
      const bytes = readFileSync(p);
      files += 1;
      for (const v of Object.values(ANSWERS)) {
        assert.ok(!bytes.includes(Buffer.from(v, 'utf8')) && !bytes.includes(Buffer.from(v, 'utf16le')),
          `no plaintext "${v}" in ${p}`);
      }
    }
  }
};
await page.evaluate(() => new Promise((r) => setTimeout(r, 500)));
scan(join(profile, 'Default', 'IndexedDB'));
step(`raw IndexedDB records and ${files} files under the profile's IndexedDB folder: no answer in plaintext`);
await context.close();

// ---- 3. Expiry ----
// 15 days later (the region keeps drafts 14 days): the start-up purge removes it.
context = await launch(() => {
  const real = Date.now.bind(Date);
  Date.now = () => real() + 15 * 24 * 3600 * 1000;
});
page = await open(context);
await page.waitForTimeout(300);
assert.doesNotMatch(await text(page, 'formulier', '.llk-drafts-top'), /Verder met concept/);
assert.match(await text(page, 'concepten', 'section'), /Er zijn geen concepten bewaard/);
assert.ok(!(await dumpDb(page)).includes('"form":"aanmelding"'), 'the expired record is gone');
step('15 days later: the expired draft was purged at start-up');
await context.close();

// ---- 4. Older definition version, corrupt record, wrong key ----
const SECRET = 'sessie-7f3a';
context = await launch();
page = await open(context, `?sessiesleutel=${SECRET}`);
const now = await page.evaluate(() => Date.now());
const rec = (id, extra = {}) => ({
  id, form: 'aanmelding', definition_version: 0, region: 'gelderland',
  created: now - 60000, updated: now - 60000, expires: now + 864e5, version: 3, ...extra,
});
await putRecord(page, rec('oud-concept'), {
  form: 'aanmelding', version: 0, region: 'gelderland',
  answers: { melder: { naam: 'Ruud van Oostrum', functie: 'Casusregisseur' }, verwijzer_code: 'ZVH-2024-118' },
}, SECRET);
// Not a record at all (fields missing, a number where text belongs).
await putRecord(page, { id: 'kapot-concept', form: 42 }, null);
await page.reload();
await page.waitForSelector('body[data-llk-drafts]');
await page.waitForFunction(() => /Beschadigd concept/.test(document.getElementById('concepten').shadowRoot.textContent));
await page.locator('#formulier').evaluate((el) => el.setAttribute('draft-id', 'oud-concept'));
await page.waitForFunction(() => /Antwoorden zonder vraag/.test(
  document.getElementById('formulier').shadowRoot.querySelector('.llk-drafts-top').textContent));
assert.equal(await shadow(page, 'formulier', '#llk-melder-naam').inputValue(), 'Ruud van Oostrum');
assert.equal(await shadow(page, 'formulier', '#llk-melder-functie').inputValue(), 'Casusregisseur');
const kept = await text(page, 'formulier', '.llk-drafts-top');
assert.match(kept, /verwijzer_code/);
assert.match(kept, /ZVH-2024-118/);
axe = axeRunner(page, axeReport);
await axe('unmapped answers', '#formulier');
// The next save keeps the unmapped answer with the draft, under the current version.
await shadow(page, 'formulier', '#llk-melder-telefoon').fill('06 1234 5678');
let resaved;
for (let i = 0; i < 50 && resaved?.version !== 4; i++) {
  await page.waitForTimeout(100);
  resaved = JSON.parse(await dumpDb(page)).drafts.find((d) => d.id === 'oud-concept');
}
assert.equal(resaved.definition_version, 1, 'saved again under the current definition version');
await page.reload();
await page.waitForSelector('body[data-llk-drafts]');
await page.locator('#formulier').evaluate((el) => el.setAttribute('draft-id', 'oud-concept'));
await page.waitForFunction(() => /ZVH-2024-118/.test(
  document.getElementById('formulier').shadowRoot.querySelector('.llk-drafts-top').textContent));
assert.equal(await shadow(page, 'formulier', '#llk-melder-telefoon').inputValue(), '06 1234 5678');
step('a draft of definition version 0 opened migrated; the answer without a field was shown and kept through a save');
// The corrupt record: listed, and deleted from the list.
axe = axeRunner(page, axeReport);
await axe('concepten with a corrupt record', '#concepten');
await shadow(page, 'concepten', 'button:has-text("Verwijderen: beschadigd concept")').click();
await page.waitForFunction(() => !/Beschadigd concept/.test(document.getElementById('concepten').shadowRoot.textContent));
step('a corrupt record was listed as such and deleted');
// Another key cannot open it: the message, and the form stays usable.
await page.goto(`${pageUrl}?sessiesleutel=een-andere-sessie`);
await page.waitForSelector('body[data-llk-drafts]');
await page.locator('#formulier').evaluate((el) => el.setAttribute('draft-id', 'oud-concept'));
await page.waitForFunction(() => /versleuteld met een sleutel/.test(
  document.getElementById('formulier').shadowRoot.querySelector('.llk-drafts-top').textContent));
axe = axeRunner(page, axeReport);
await axe('decrypt failure', '#formulier');
await shadow(page, 'formulier', '#llk-melder-naam').fill('Test');
assert.equal(await shadow(page, 'formulier', '#llk-melder-naam').inputValue(), 'Test');
step('a draft sealed with another key: the decrypt message, the form still usable');
await context.close();
rmSync(profile, { recursive: true, force: true });

// ---- 5. Two tabs on one draft ----
context = await launch();
const a = await open(context);
await fill(a, { 'llk-melder-naam': 'Tab A eerst' });
await waitSaved(a);
const id = JSON.parse(await dumpDb(a)).drafts[0].id;
const b = await context.newPage();
watch(b);
await b.goto(pageUrl);
await b.waitForSelector('body[data-llk-drafts]');
await b.locator('#formulier').evaluate((el, i) => el.setAttribute('draft-id', i), id);
await b.waitForFunction(() => document.getElementById('formulier').shadowRoot.querySelector('#llk-melder-naam').value === 'Tab A eerst');
await fill(a, { 'llk-melder-naam': 'Tab A nieuwer' });
await waitSaved(a);
await b.waitForFunction(() => /in een ander tabblad gewijzigd/.test(
  document.getElementById('formulier').shadowRoot.querySelector('.llk-drafts-top').textContent));
await fill(b, { 'llk-melder-naam': 'Tab B ouder' });
await b.waitForTimeout(1000);
assert.match(await status(b), /niet opgeslagen tot u hierboven een versie kiest/);
assert.equal(await a.evaluate(() => document.getElementById('formulier').value.melder.naam), 'Tab A nieuwer');
axe = axeRunner(b, axeReport);
await axe('conflict', '#formulier');
// Nothing of tab B reached the store: open the stored draft in a third tab.
const c = await context.newPage();
watch(c);
await c.goto(pageUrl);
await c.waitForSelector('body[data-llk-drafts]');
await c.locator('#formulier').evaluate((el, i) => el.setAttribute('draft-id', i), id);
await c.waitForFunction(() => document.getElementById('formulier').shadowRoot.querySelector('#llk-melder-naam').value !== '');
assert.equal(await shadow(c, 'formulier', '#llk-melder-naam').inputValue(), 'Tab A nieuwer', 'the older tab overwrote nothing');
await c.close();
// Tab B chooses its own copy: it is saved, and tab A is told in turn.
await shadow(b, 'formulier', 'button:has-text("Mijn versie houden")').click();
await waitSaved(b);
await a.waitForFunction(() => /in een ander tabblad gewijzigd/.test(
  document.getElementById('formulier').shadowRoot.querySelector('.llk-drafts-top').textContent));
await shadow(a, 'formulier', 'button:has-text("Nieuwere versie openen")').click();
await a.waitForFunction(() => document.getElementById('formulier').shadowRoot.querySelector('#llk-melder-naam').value === 'Tab B ouder');
step('two tabs: the conflict was shown, nothing overwritten until the user chose; the choice reached the other tab');
await context.close();
rmSync(profile, { recursive: true, force: true });

// ---- 6. IndexedDB unavailable; quota exceeded ----
context = await launch(() => {
  Object.defineProperty(window, 'indexedDB', { get() { return undefined; } });
});
page = await open(context);
await page.waitForFunction(() => /kunnen in deze browser niet worden bewaard/.test(
  document.getElementById('formulier').shadowRoot.querySelector('.llk-drafts-top').textContent));
axe = axeRunner(page, axeReport);
await axe('IndexedDB unavailable', '#formulier');
await fill(page, ANSWERS);
await page.waitForFunction(() => /alleen in dit tabblad bewaard/.test(
  document.getElementById('formulier').shadowRoot.querySelector('.llk-draft-bar__status').textContent));
assert.deepEqual(await values(page), ANSWERS);
step('IndexedDB unavailable: the message, answers kept in the page, form usable');
await context.close();
rmSync(profile, { recursive: true, force: true });

context = await launch();
// The override reaches IndexedDB when the origin's database opens after it: set it on a
// page of the origin that does not load the kit, then open the form.
const plain = context.pages()[0];
await plain.goto(new URL('favicon.svg', base).href);
const cdp = await context.newCDPSession(plain);
await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: 100000 });
page = await open(context);
await fill(page, { 'llk-melder-naam': 'Q'.repeat(200000) });
await page.waitForFunction(() => /opslagruimte van de browser is vol/.test(
  document.getElementById('formulier').shadowRoot.querySelector('.llk-drafts-top').textContent), null, { timeout: 10000 });
assert.match(await status(page), /niet opgeslagen/);
axe = axeRunner(page, axeReport);
await axe('quota exceeded', '#formulier');
await shadow(page, 'formulier', '#llk-melder-functie').fill('Nog steeds bruikbaar');
assert.equal(await shadow(page, 'formulier', '#llk-melder-functie').inputValue(), 'Nog steeds bruikbaar');
await shadow(page, 'formulier', '#llk-melder-naam').fill('Korte naam');
await cdp.send('Storage.overrideQuotaForOrigin', { origin });
await shadow(page, 'formulier', 'button:has-text("Concept opslaan")').click();
await waitSaved(page);
step('quota exceeded: the message, the form usable; with a smaller answer and room again "Concept opslaan" saved');
await context.close();
rmSync(profile, { recursive: true, force: true });

// ---- 7. The levensloopplan: autosave, resume after a kill, encrypted, listed ----
// The plan element is the plan module's, not the forms bundle's: the loader hands the
// drafts module's `attach` to the plan module too. Its changes carry no answers: the
// drafts module reads `value` when it saves.
const planUrl = new URL('examples/levensloopplan.html', base).href;
const PLAN = {
  'llk-beeldvorming-persoon': 'Daniël slaapt slecht sinds de verhuizing naar Ede en mijdt zijn zus.',
  'llk-procesregisseur-naam': 'Wietske Hoogeveen',
};
const planPart = (page, part) => page.evaluate((p) =>
  document.getElementById('plan').shadowRoot?.querySelector(p)?.textContent ?? '', part);
async function openPlan(context) {
  const page = context.pages()[0] && context.pages()[0].url() === 'about:blank'
    ? context.pages()[0] : await context.newPage();
  if (!page._watched) { watch(page); page._watched = true; }
  await page.goto(planUrl);
  await page.waitForFunction(() => document.getElementById('plan').shadowRoot
    ?.querySelector('.llk-drafts-bottom .llk-draft-bar'), null, { timeout: 30000 });
  return page;
}
const planValues = async (page) => {
  const got = {};
  for (const id of Object.keys(PLAN)) got[id] = await page.locator('#plan').locator(`#${id}`).inputValue();
  return got;
};
context = await launch();
page = await openPlan(context);
assert.equal(await planPart(page, '.llk-drafts-top'), '', 'no offer without a draft');
for (const [id, v] of Object.entries(PLAN)) await page.locator('#plan').locator(`#${id}`).fill(v);
await page.waitForFunction(() => /Concept opgeslagen om/.test(document.getElementById('plan')
  .shadowRoot.querySelector('.llk-draft-bar__status')?.textContent ?? ''), null, { timeout: 5000 });
axe = axeRunner(page, axeReport);
await axe('plan: draft saved', '#plan');
const planPid = browserPid();
process.kill(planPid, 'SIGKILL');
step(`plan: typed 2 answers, saved within the debounce, killed the browser (SIGKILL ${planPid})`);
await context.close().catch(() => {});

context = await launch();
page = await openPlan(context);
await page.waitForFunction(() => /Verder met concept van/.test(document.getElementById('plan')
  .shadowRoot.querySelector('.llk-drafts-top')?.textContent ?? ''), null, { timeout: 10000 });
const planOffer = await planPart(page, '.llk-drafts-top');
assert.match(planOffer, /U heeft een concept van dit plan/);
assert.match(planOffer, /Nieuw plan/);
axe = axeRunner(page, axeReport);
await axe('plan: draft offer', '#plan');
assert.notDeepEqual(await planValues(page), PLAN, 'before resuming, the host\'s plan is shown');
await page.locator('#plan').locator('button:has-text("Verder met concept")').first().click();
await page.waitForFunction((want) => {
  const root = document.getElementById('plan').shadowRoot;
  return Object.entries(want).every(([id, v]) => root.getElementById(id)?.value === v);
}, PLAN, { timeout: 5000 });
assert.deepEqual(await planValues(page), PLAN, 'every typed answer of the plan is back after the kill');
assert.equal(await planPart(page, '.llk-drafts-top'), '', 'the offer is gone after the choice');
assert.ok(await page.evaluate(() => ['INPUT', 'TEXTAREA', 'SELECT'].includes(
  document.getElementById('plan').shadowRoot.activeElement?.tagName)), 'focus is on the plan\'s first field');
step('plan: relaunched, "Verder met concept" (offer, "Nieuw plan") brought the typed text back');
// A keystroke copies no answers: while the user types, nobody reads the plan's `value` (the
// drafts module only marks the change); it is read once, when the draft is saved after
// the pause. (Converting each llk-plan-change's detail once read it per key: 6 ms a key
// with 200 items.)
await page.evaluate(() => {
  const el = document.getElementById('plan');
  const own = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(el), 'value');
  window.planValueReads = 0;
  Object.defineProperty(el, 'value', {
    configurable: true,
    get() { window.planValueReads += 1; return own.get.call(this); },
    set(v) { own.set.call(this, v); },
  });
});
await page.locator('#plan').locator('#llk-procesregisseur-naam').focus();
await page.keyboard.press('End');
for (let k = 0; k < 6; k++) await page.keyboard.press(k === 5 ? 'Backspace' : 'x');
assert.equal(await page.evaluate(() => window.planValueReads), 0, 'typing read the plan\'s value');
await page.waitForFunction(() => window.planValueReads >= 1, null, { timeout: 5000 });
step(`plan: 6 keystrokes read the plan's value 0 times; the save after the pause read it ${await page.evaluate(() => window.planValueReads)} time(s)`);
// A plan shown read-only first gets no drafts; made editable, it gets them (offer or bar).
await page.evaluate(() => {
  const copy = document.createElement('llk-levensloopplan');
  copy.id = 'plan-later';
  copy.setAttribute('region', 'gelderland');
  copy.setAttribute('readonly', '');
  document.querySelector('main').append(copy);
});
await page.locator('#plan-later .llk-plan').waitFor({ timeout: 10000 });
await page.waitForTimeout(500);
assert.equal(await page.evaluate(() => document.getElementById('plan-later').shadowRoot.querySelector('.llk-draft-bar')), null,
  'a read-only plan has no drafts bar');
await page.evaluate(() => document.getElementById('plan-later').removeAttribute('readonly'));
await page.waitForFunction(() => document.getElementById('plan-later').shadowRoot
  .querySelector('.llk-drafts-bottom .llk-draft-bar'), null, { timeout: 10000 });
await page.evaluate(() => document.getElementById('plan-later').remove());
step('plan: a plan read-only at first got its drafts when made editable');
const planDump = await dumpDb(page);
assert.ok(JSON.parse(planDump).drafts.some((d) => d.form === 'levensloopplan'), 'the plan draft is stored');
for (const v of Object.values(PLAN)) assert.ok(!planDump.includes(v), `no plaintext "${v}" in IndexedDB`);
for (const word of ['verhuizing', 'Hoogeveen']) assert.ok(!planDump.includes(word), `no "${word}" in IndexedDB`);
page = await open(context);
await page.waitForFunction(() => /Levensloopplan/.test(document.getElementById('concepten')
  .shadowRoot.querySelector('table')?.textContent ?? ''), null, { timeout: 5000 });
const planListed = await text(page, 'concepten', 'table');
for (const v of Object.values(PLAN)) assert.ok(!planListed.includes(v), 'the list shows no answer of the plan');
step('plan: the raw IndexedDB records hold no answer in plaintext; <llk-concepten> lists the plan');
await context.close();
rmSync(profile, { recursive: true, force: true });

// ---- Report ----
writeFileSync(`${out}/axe-drafts.json`, JSON.stringify(axeReport, null, 2));
const violations = axeReport.flatMap((r) => r.violations.map((v) => `${r.state}: ${v.id}`));
assert.deepEqual(violations, [], 'axe-core: no violations in the draft states');
assert.deepEqual(problems, [], 'no page errors or console errors');
step(`drafts: all checks passed (${axeReport.length} axe states, 0 violations)`);
