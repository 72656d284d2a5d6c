// Shared by the end-to-end tests: the browser under the demo's CSP with every request,
// console error and CSP violation recorded; axe-core; filling a form from example answers.

import { chromium } from 'playwright-core';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import assert from 'node:assert/strict';

const require = createRequire(import.meta.url);
export const out = process.env.LLK_OUT ?? 'target/e2e';
mkdirSync(out, { recursive: true });
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const t0 = Date.now();
export const step = (msg) => console.log(`[${((Date.now() - t0) / 1000).toFixed(1)} s] ${msg}`);

/** The example answers `cargo xtask e2e` wrote for a form in a region. */
export function exampleOf(form, region) {
  const e = JSON.parse(readFileSync(`${out}/${form}.${region}.example.json`, 'utf8'));
  return e.answers ?? e;
}

/** An external tool's exit code and output; null when it is not installed. */
export function tool(cmd, args) {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.error) return null;
  return { code: r.status, text: `${r.stdout}${r.stderr}` };
}

/** "Volgende" on a prefilled form element (a locator) until its check-your-answers page;
 *  throws when a page shows errors instead. */
export async function toCheckPage(el) {
  for (let k = 0; k < 20; k++) {
    if ((await el.locator('#llk-page-heading').innerText()) === 'Controleer uw antwoorden') return;
    await el.locator('form.llk-form__page button[type=submit]').click();
    if (await el.locator('.llk-error-summary').count()) {
      throw new Error(`prefilled form has errors: ${(await el.locator('.llk-error-summary a').allInnerTexts()).join(' | ')}`);
    }
  }
  throw new Error('never reached the check page');
}

/** The demo page's overdracht at `url`, prefilled with the Gelderland example, on its
 *  check-your-answers page, where "PDF downloaden" and "Ondertekenen" are. */
export async function overdrachtOnCheckPage(page, url) {
  await page.goto(url);
  await page.waitForSelector('body[data-llk-ready]');
  const el = page.locator('#overdracht');
  await el.evaluate((e, v) => { e.value = v; }, exampleOf('overdracht', 'gelderland'));
  await toCheckPage(el);
  return el;
}

/** Fills the signer dialog's name, function and organisation. */
export async function fillSigner(dialog, { naam, functie, organisatie }) {
  await dialog.getByLabel('Uw naam').fill(naam);
  await dialog.getByLabel('Uw functie').fill(functie);
  await dialog.getByLabel('Uw organisatie').fill(organisatie);
}

// ---- The browser ----

/**
 * Chromium with a page whose every request, failed request, console error, page error and
 * CSP violation is recorded. `problems` must stay empty; `requests` are checked by
 * `assertOwnRequests`. `extraArgs`: more Chromium switches (the plan benchmark's).
 */
export async function launch(viewport = { width: 1280, height: 1000 }, extraArgs = []) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run', ...extraArgs],
  });
  // Every page the script opens on this browser (browser.newPage makes a context through
  // newContext) has its CSP and Trusted Types violations recorded in `violations`.
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (...a) => watchContext(await newContext(...a));
  const page = await browser.newPage({ viewport, locale: 'nl-NL' });
  const problems = [];
  const requests = [];
  await watchPage(page, problems, requests);
  return { browser, page, problems, requests };
}

/** Records `page`'s page errors, console errors, failed requests (into `problems`) and
 *  every request (into `requests`); its context's violations as `watchContext` does. */
export async function watchPage(page, problems, requests) {
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
  page.on('request', (r) => requests.push(r.url()));
  await watchContext(page.context());
}

// ---- CSP and Trusted Types violations ----

/** Every CSP or Trusted Types violation seen on any page of a watched context: a
 *  `securitypolicyviolation` event, or the console message or page error Chromium gives
 *  for it. A script that recorded one fails when it exits, whatever it asserted itself. */
export const violations = [];
const watched = new WeakSet();
let pagesWatched = 0;
const VIOLATION = /Content Security Policy|Trusted ?Type|TrustedHTML|TrustedScript/i;

/** Records the violations of every page of `context` (those open now and those to come)
 *  into `violations`, and each page's own in `window.cspViolations`. Returns `context`. */
export async function watchContext(context) {
  if (watched.has(context)) return context;
  watched.add(context);
  await context.exposeBinding('llkViolation', ({ page }, v) => violations.push(`${page.url()}: ${v}`));
  // Injected by the browser, not by the page: neither the CSP nor Trusted Types apply to it.
  await context.addInitScript(() => {
    window.cspViolations = [];
    // Captured at the window: violations inside shadow roots reach it too (composed).
    window.addEventListener('securitypolicyviolation', (e) => {
      const v = `${e.violatedDirective}: ${e.blockedURI || 'inline'}${e.sample ? ` "${e.sample}"` : ''}`;
      window.cspViolations.push(v);
      window.llkViolation(v);
    }, true);
  });
  const onPage = (page) => {
    pagesWatched += 1;
    page.on('console', (m) => {
      if (VIOLATION.test(m.text())) violations.push(`${page.url()}: console ${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => {
      if (VIOLATION.test(e.message)) violations.push(`${page.url()}: page error: ${e.message}`);
    });
  };
  context.pages().forEach(onPage);
  context.on('page', onPage);
  return context;
}

process.on('exit', () => {
  if (violations.length) {
    console.error(`FAIL: ${violations.length} CSP or Trusted Types violation(s):\n${violations.join('\n')}`);
    process.exitCode = 1;
  } else if (pagesWatched) {
    console.log(`CSP and Trusted Types: no violation on ${pagesWatched} page(s)`);
  }
});

/** Every request went to the page's own origin, and the page saw no CSP violation. */
export async function assertOwnRequests(page, requests, origin) {
  const foreign = requests.filter((u) => !u.startsWith(origin) && !u.startsWith('blob:') && !u.startsWith('data:'));
  assert.deepEqual(foreign, [], 'no request beyond the kit\'s own files');
  const violations = await page.evaluate(() => window.cspViolations);
  assert.deepEqual(violations, [], 'no Content-Security-Policy violations');
  return requests.length;
}

/** The signing key the kit keeps in IndexedDB, as the browser describes it (never its
 *  bytes: it is non-extractable), and the length of its certificate. */
export function storedSigningKey(page) {
  return page.evaluate(() => new Promise((resolve, reject) => {
    const open = indexedDB.open('levensloopkit-ondertekening');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const get = open.result.transaction('ondertekenaar').objectStore('ondertekenaar').get('standaard');
      get.onsuccess = () => {
        const k = get.result.key;
        resolve({ type: k.type, extractable: k.extractable, curve: k.algorithm.namedCurve, usages: k.usages, cert: get.result.cert.length });
      };
    };
  }));
}

// ---- Accessibility ----

/** axe-core over `selector` (shadow roots included); violations are collected in `report`.
 *  `rules`: axe's per-rule options, e.g. `{ 'landmark-unique': { enabled: false } }` (say
 *  why where it is used). */
export function axeRunner(page, report, rules = {}) {
  return async function axe(label, selector) {
    if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
    const result = await page.evaluate(async ([sel, ruleOptions]) => {
      const r = await window.axe.run(document.querySelector(sel), {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
        rules: ruleOptions,
      });
      return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.map((n) => n.target.flat().join(' >>> ')) }));
    }, [selector, rules]);
    report.push({ state: label, violations: result });
    step(`axe (${label}): ${result.length ? result.map((v) => `${v.id} [${v.impact}] ×${v.nodes.length}`).join(', ') : 'no violations'}`);
  };
}

/** Writes the report to `<out>/<name>` and fails on any violation of any impact (minor and
 *  moderate included: WCAG 2.1 AA is the bar) unless LLK_AXE=report. */
export function finishAxe(report, name) {
  writeFileSync(`${out}/${name}`, JSON.stringify(report, null, 2));
  const violations = report.flatMap((r) => r.violations
    .map((v) => `${r.state}: ${v.id} (${v.impact}) ${v.nodes.join(', ')}`));
  if (process.env.LLK_AXE !== 'report') assert.deepEqual(violations, [], 'no axe violations');
  return { states: report.length, violations: violations.length };
}

// ---- Answers ----

export const isSignature = (v) => 'strokes' in v || 'typed' in v || ('name' in v && 'date' in v);
export const domId = (path) => `llk-${path.replace(/[.[\]]/g, '-').replace(/-+$/, '')}`;
export const dutchDate = (s) => (/^\d{4}-\d{2}-\d{2}$/.test(s) ? s.split('-').reverse().join('-') : s);
/** How a value is typed into a text box: dates as dd-mm-jjjj, decimals with a comma. */
export const typedText = (value) => (typeof value === 'number' ? String(value).replace('.', ',') : dutchDate(String(value)));

/** [concrete path, value] of every answer; signatures and choice lists are leaves. */
export function leavesOf(answers) {
  const leaves = [];
  (function walk(v, path) {
    if (Array.isArray(v) && v.length && v.every((x) => x && typeof x === 'object' && !Array.isArray(x))) {
      v.forEach((item, i) => walk(item, `${path}[${i}]`));
    } else if (v && typeof v === 'object' && !Array.isArray(v) && !isSignature(v)) {
      for (const [k, x] of Object.entries(v)) walk(x, path ? `${path}.${k}` : k);
    } else {
      leaves.push([path, v]);
    }
  })(answers, '');
  return leaves;
}

/** How many items each repeating group has in the answers: Map(group path → count). */
export function groupCounts(leaves) {
  const groups = new Map();
  for (const [path] of leaves) {
    for (const m of path.matchAll(/([a-z0-9_.\[\]]*?)\[(\d+)\]/g)) {
      groups.set(m[1], Math.max(groups.get(m[1]) ?? 0, Number(m[2]) + 1));
    }
  }
  return groups;
}

/** Lists of strings compare as sets; signatures as "signed" (drawn strokes differ); empty
 *  groups as absent (the form leaves them out of a submission). */
export function norm(v) {
  if (Array.isArray(v)) return v.every((i) => typeof i === 'string') ? [...v].sort() : v.map(norm);
  if (v && typeof v === 'object') {
    if (isSignature(v)) return 'signed';
    const o = {};
    for (const [k, x] of Object.entries(v)) {
      const n = norm(x);
      if (!(n && typeof n === 'object' && !Array.isArray(n) && Object.keys(n).length === 0)) o[k] = n;
    }
    return o;
  }
  return v;
}

/** The submission the host page recorded for element `id` after event number `n`. */
export async function submissionAfter(page, n, id) {
  return page.waitForFunction(
    ([k, i]) => window.llkEvents.slice(k).find((e) => e.type === 'llk-submit' && e.id === i), [n, id],
  ).then((h) => h.jsonValue());
}
