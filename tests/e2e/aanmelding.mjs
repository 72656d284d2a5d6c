// End-to-end test of <llk-aanmelding> in headless Chromium, under the demo's strict CSP.
// Run with `cargo xtask e2e` (builds, serves, and passes the URL and the example answers).
//
//   node tests/e2e/aanmelding.mjs http://127.0.0.1:8000/
//   env: LLK_EXAMPLE  `llk example --form aanmelding` output (the answers to fill in);
//                     the other forms' examples are read from LLK_OUT/<form>.<region>.example.json
//        LLK_OUT      where screenshots and the axe report go (default target/e2e)
//        CHROMIUM     the browser (default /usr/bin/chromium)
//
// What it proves: fields are found by their labels; leaving a field shows an inline
// error tied with aria-describedby (and typing alone does not); "Volgende" with errors
// shows the error summary with focus on its heading and links that focus the field; the
// form is filled page by page from the example answers; the check-your-answers page has
// "Wijzigen" links that lead back; "Versturen" gives the host an llk-submit event whose
// answers equal the example; the host API (value, validate(), reset()); every other form on
// the page filled in and submitted (signatures drawn with the pointer); reflow at 320 px;
// the element lifecycle; no request beyond the kit's own files. axe-core scans every state (report in
// target/e2e/axe.json); any violation fails the test unless LLK_AXE=report.

import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import assert from 'node:assert/strict';
import {
  out, step, launch, assertOwnRequests, axeRunner, finishAxe, domId, typedText, leavesOf,
  groupCounts, norm, submissionAfter,
} from './lib.mjs';

const url = process.argv[2] ?? 'http://127.0.0.1:8000/';
const example = JSON.parse(readFileSync(process.env.LLK_EXAMPLE ?? `${out}/aanmelding.landelijk.example.json`, 'utf8'));
const answers = example.answers ?? example;

// ---- Filling a form in through its UI (mouse and typing), from example answers ----

/** Repeating groups: add items until the example's count is there. */
async function addItems(form, leaves) {
  const groups = groupCounts(leaves);
  for (const [g, count] of groups) {
    const add = form.locator(`#${domId(g)}-add`);
    for (let k = 0; k < 25; k++) {
      const have = await form.locator(`[id^="${domId(g)}-"][id$="-title"]`).count();
      if (have >= count || (await add.count()) === 0) break;
      await add.click();
    }
  }
}

/** Fills every field of the current page that has an example answer; returns how many. */
async function fillVisible(form, leaves, signed) {
  let filled = 0;
  for (const [path, value] of leaves) {
    const id = domId(path);
    const byId = form.locator(`#${id}`);
    if ((await byId.count()) === 0) continue;
    const kind = await byId.evaluate((e) => (e.localName === 'input' ? e.type : e.localName));
    // Text boxes and drop-downs are reached by their label (the accessible name); the id
    // only picks the right one when a label repeats (items of a repeating group).
    let el = byId;
    if (!['radio', 'checkbox'].includes(kind)) {
      const label = (await form.locator(`label[for="${id}"]`).first().innerText()).trim();
      el = form.getByLabel(label, { exact: true }).and(byId);
      assert.equal(await el.count(), 1, `"${label}" labels #${id}`);
      labelled.add(label);
    }
    if (kind === 'radio') {
      await form.locator(`input[name="${id}"][value="${String(value)}"]`).check();
    } else if (kind === 'checkbox') {
      for (const v of value) await form.locator(`input[name="${id}"][value="${v}"]`).check();
    } else if (kind === 'select') {
      const known = await el.locator(`option[value="${value}"]`).count();
      if (known) await el.selectOption(String(value));
      else {
        await el.selectOption('__anders__');
        await form.locator(`#${id}-anders`).fill(String(value));
        await form.locator(`#${id}-anders`).blur();
      }
    } else if (value && typeof value === 'object') {
      // A signature: drawn with the pointer on its pad (once), the typed name typed.
      if (!signed.has(path)) {
        const pad = form.locator(`.llk-signature:has(#${id}) canvas.llk-signature__pad`);
        await pad.scrollIntoViewIfNeeded();
        const box = await pad.boundingBox();
        await page.mouse.move(box.x + 30, box.y + box.height * 0.6);
        await page.mouse.down();
        for (let k = 1; k <= 16; k++) await page.mouse.move(box.x + 30 + k * 14, box.y + box.height * (k % 2 ? 0.35 : 0.65));
        await page.mouse.up();
        signed.add(path);
      }
      if (value.typed) { await el.fill(value.typed); await el.blur(); }
    } else {
      await el.fill(typedText(value));
      await el.blur();
    }
    filled++;
  }
  return filled;
}

/** Every label a field was found by. */
const labelled = new Set();

/** Fills in page after page until the check-your-answers page; returns log lines. */
async function completePages(form, answers, onPage = async () => {}) {
  const leaves = leavesOf(answers);
  const signed = new Set();
  const lines = [];
  for (let guard = 0; guard < 30; guard++) {
    const heading = await form.locator('#llk-page-heading').innerText();
    if (heading === 'Controleer uw antwoorden') return lines;
    // Twice: a choice can reveal fields and repeating groups (visible_if) that the second
    // pass adds items to and fills.
    await addItems(form, leaves);
    await fillVisible(form, leaves, signed);
    await addItems(form, leaves);
    const filled = await fillVisible(form, leaves, signed);
    await onPage(heading);
    const next = form.locator('form button[type=submit]');
    const nextLabel = await next.innerText();
    await next.click();
    if (await form.locator('.llk-error-summary').count()) {
      const msgs = await form.locator('.llk-error-summary a').allInnerTexts();
      throw new Error(`page "${heading}" still has errors after filling it: ${msgs.join(' | ')}`);
    }
    lines.push(`page "${heading}": ${filled} answers filled${signed.size ? `, ${signed.size} signature(s) drawn` : ''}, "${nextLabel}"`);
  }
  throw new Error('the check-your-answers page was never reached');
}

const { browser, page, problems, requests } = await launch();
const axeReport = [];
const axeScan = axeRunner(page, axeReport);
const axe = (label, selector = '#aanmelding') => axeScan(label, selector);

try {
  const response = await page.goto(url);
  assert.match(response.headers()['content-security-policy'] ?? '', /script-src 'self' 'wasm-unsafe-eval'/, 'the demo is served with the strict CSP');
  await page.waitForSelector('body[data-llk-ready]', { timeout: 20000 });
  const form = page.locator('llk-aanmelding#aanmelding');
  await form.locator('.llk-form__title').waitFor();
  const timing = await page.evaluate(() => ({
    rendered: Math.round(performance.now()),
    wasm: performance.getEntriesByType('resource').filter((r) => r.name.endsWith('.wasm'))
      .map((r) => Math.round(r.responseEnd - r.startTime))[0],
  }));
  step(`demo loaded; <llk-aanmelding> rendered in its shadow root ${timing.rendered} ms after navigation (wasm fetched in ${timing.wasm} ms)`);
  const shadow = (fn, arg) => form.evaluate(fn, arg);
  const activeId = () => shadow((el) => el.shadowRoot.activeElement?.id ?? null);
  await axe('first page');

  // 0. The page's hostile stylesheet does not get in (not even through the host element).
  const style = await shadow((el) => {
    const c = getComputedStyle(el.shadowRoot.querySelector('label'));
    const i = getComputedStyle(el.shadowRoot.querySelector('input'));
    return { host: getComputedStyle(el).fontStyle, fontStyle: c.fontStyle, textTransform: c.textTransform,
      letterSpacing: c.letterSpacing, boxSizing: i.boxSizing, display: i.display };
  });
  assert.deepEqual(
    { fontStyle: style.fontStyle, textTransform: style.textTransform, letterSpacing: style.letterSpacing, boxSizing: style.boxSizing },
    { fontStyle: 'normal', textTransform: 'none', letterSpacing: 'normal', boxSizing: 'border-box' },
  );
  assert.notEqual(style.display, 'none');
  step(`hostile page CSS kept out (host is ${style.host}, the form is not)`);

  // The same form on a page with no CSS of its own (examples/minimal.html) is styled the
  // same, element class by element class: the hostile sheet changes nothing inside.
  const looks = (el) => el.evaluate((host) => {
    const props = ['font-family', 'font-size', 'font-style', 'font-weight', 'line-height',
      'letter-spacing', 'word-spacing', 'text-transform', 'text-align', 'color',
      'background-color', 'display', 'flex-direction', 'box-sizing', 'margin-top',
      'margin-bottom', 'padding-top', 'padding-left', 'border-top-width', 'border-left-color',
      'outline-style', 'cursor'];
    const seen = {};
    for (const e of host.shadowRoot.querySelectorAll('[class]')) {
      const key = `${e.localName}.${[...e.classList].sort().join('.')}`;
      if (key in seen) continue;
      const c = getComputedStyle(e);
      seen[key] = Object.fromEntries(props.map((p) => [p, c.getPropertyValue(p)]));
    }
    return seen;
  });
  const clean = await browser.newPage({ viewport: { width: 1280, height: 1000 }, locale: 'nl-NL' });
  await clean.goto(new URL('examples/minimal.html', url).href);
  const cleanForm = clean.locator('llk-aanmelding');
  await cleanForm.locator('.llk-form__title').waitFor();
  const [hostile, plain] = [await looks(form), await looks(cleanForm)];
  await clean.close();
  const shared = Object.keys(hostile).filter((k) => k in plain);
  assert.ok(shared.length >= 10, `enough element kinds compared (${shared.length})`);
  for (const k of shared) assert.deepEqual(hostile[k], plain[k], `${k} looks the same on the hostile page`);
  step(`hostile page vs a page without CSS: ${shared.length} element kinds × 22 computed properties identical`);

  // 1. Fields by their labels; typing does not validate, leaving the field does.
  const labels = await form.locator('label.llk-form-label').allInnerTexts();
  step(`labels on the first page: ${labels.map((l) => l.trim()).join(' | ')}`);
  // Prefer an e-mail field (typing a wrong address); else the first required text field
  // (left empty). Either way it is found by its label.
  const pick = await shadow((el) => {
    const root = el.shadowRoot;
    const label = (input) => root.querySelector(`label[for="${input.id}"]`)?.textContent.replace(' (verplicht)', '').trim();
    const email = root.querySelector('input[type=email]');
    if (email && label(email)) return { label: label(email), typed: 'niet-een-adres', pattern: 'e-mailadres' };
    const req = root.querySelector('input[aria-required=true][type=text], input[aria-required=true][type=tel], textarea[aria-required=true]');
    return req && label(req) ? { label: label(req), typed: '', pattern: '' } : null;
  });
  assert.ok(pick, 'the first page has a text field with a label');
  const field = form.getByLabel(pick.label, { exact: false }).first();
  await field.focus();
  if (pick.typed) await field.fill(pick.typed);
  assert.equal(await form.locator('.llk-form-field-error-message').count(), 0, 'no message while typing');
  await field.blur();
  const error = form.locator('.llk-form-field-error-message').first();
  await error.waitFor();
  const errorText = await error.innerText();
  assert.match(errorText, new RegExp(pick.pattern, 'i'));
  assert.equal(await field.getAttribute('aria-invalid'), 'true');
  const describedBy = (await field.getAttribute('aria-describedby')) ?? '';
  assert.ok(describedBy.split(' ').includes(await error.getAttribute('id')), 'message tied with aria-describedby');
  step(`inline error after leaving "${pick.label}": ${errorText.replace('\n', ' ')}`);
  await field.fill('');
  await field.blur();

  // 2. "Volgende" with empty required fields: the error summary, focused, with links.
  await form.getByRole('button', { name: 'Volgende' }).click();
  const summary = form.locator('.llk-error-summary');
  await summary.waitFor();
  assert.equal(await activeId(), 'llk-error-summary-heading', 'the summary heading has focus');
  const links = summary.locator('a');
  const n = await links.count();
  assert.ok(n > 0);
  step(`error summary focused: "${await summary.locator('h3, h2').innerText()}", ${n} links`);
  await page.screenshot({ path: `${out}/1-error-summary.png` });
  await axe('error summary');
  const target = (await links.first().getAttribute('href')).slice(1);
  await links.first().click();
  assert.equal(await activeId(), target, 'a summary link focuses its field');
  step(`summary link focused #${target}`);

  // 3. Fill in every page from the example answers, then go on.
  for (const line of await completePages(form, answers)) step(line);
  step(`fields found by ${labelled.size} distinct labels`);

  // 4. Check your answers, with "Wijzigen" links that lead back.
  assert.equal(await form.locator('#llk-page-heading').innerText(), 'Controleer uw antwoorden');
  assert.equal(await activeId(), 'llk-page-heading');
  const edits = form.getByRole('link', { name: /^Wijzigen/ });
  step(`check-your-answers page: ${await edits.count()} "Wijzigen" links`);
  await page.screenshot({ path: `${out}/2-check-answers.png`, fullPage: true });
  await axe('check your answers');
  const editTarget = (await edits.first().getAttribute('href')).slice(1);
  await edits.first().click();
  assert.equal(await activeId(), editTarget, '"Wijzigen" focuses the field');
  await form.getByRole('button', { name: 'Naar controleren' }).click();
  assert.equal(await form.locator('#llk-page-heading').innerText(), 'Controleer uw antwoorden');
  step(`"Wijzigen" went to #${editTarget} and "Naar controleren" came back`);

  // 5. Submit: the host receives llk-submit with the answers.
  const before = await page.evaluate(() => window.llkEvents.length);
  await form.getByRole('button', { name: 'Versturen' }).click();
  const submit = await submissionAfter(page, before, 'aanmelding');
  writeFileSync(`${out}/submitted.aanmelding.json`, JSON.stringify(submit.detail, null, 2));
  assert.equal(submit.detail.form, 'aanmelding');
  assert.equal(submit.detail.schema, 'levensloopkit/submission@1');
  assert.equal(typeof submit.detail.version, 'number');
  assert.deepEqual(norm(submit.detail.answers), norm(answers), 'the submitted answers are the example answers');
  step(`llk-submit received on the host: form ${submit.detail.form} v${submit.detail.version}, ${Object.keys(submit.detail.answers).length} top-level answers, ${submit.detail.warnings.length} warnings`);
  await form.locator('.llk-alert--ok').waitFor();
  await page.screenshot({ path: `${out}/3-submitted.png` });
  await axe('submitted');

  // 6. The host API: value, validate(), reset().
  const v = await form.evaluate((el) => {
    el.reset();
    const empty = el.validate();
    el.value = { melder: { email: 'x' } };
    return { empty, value: el.value };
  });
  assert.equal(v.empty.valid, false);
  assert.deepEqual(v.value, { melder: { email: 'x' } });
  step(`reset() + validate(): ${v.empty.diagnostics.length} diagnostics; value set and read back`);

  // 7. Every other form on the page: filled in through its UI from its example (signatures
  //    drawn with the pointer), submitted, and received by the host.
  const others = await page.evaluate(() => [...document.querySelectorAll('main section > *')]
    .filter((el) => el.localName.startsWith('llk-') && !el.hasAttribute('readonly') && el.id !== 'aanmelding'
      // Elements that are not forms: the plan editor, the signing element, the drafts list.
      && !['llk-levensloopplan', 'llk-ondertekening', 'llk-concepten', 'llk-casussen', 'llk-casus'].includes(el.localName))
    .map((el) => ({ id: el.id, tag: el.localName, form: el.getAttribute('form') ?? el.localName.slice(4),
      region: el.getAttribute('region') ?? 'landelijk', shown: !!el.shadowRoot?.querySelector('.llk-form__title') })));
  for (const o of others) {
    const file = `${out}/${o.form}.${o.region}.example.json`;
    if (!o.shown) {
      throw new Error(`<${o.tag}> shows no form: ${o.form} is missing from forms/ or does not load`);
    }
    if (!existsSync(file)) throw new Error(`<${o.tag}> ${o.form} (${o.region}): no example in ${file}`);
    const ex = JSON.parse(readFileSync(file, 'utf8')).answers;
    const el = page.locator(`#${o.id}`);
    // Initial and error states: "Volgende" on empty pages until one reports errors (a first
    // page may be explanation only); the summary heading takes focus; then start afresh.
    await el.scrollIntoViewIfNeeded();
    await axe(`${o.form}: initial`, `#${o.id}`);
    let errorPage = null;
    for (let k = 0; k < 12 && !errorPage; k++) {
      const heading = await el.locator('#llk-page-heading').innerText();
      if (heading === 'Controleer uw antwoorden') break;
      await el.locator('form button[type=submit]').click();
      if (await el.locator('.llk-error-summary').count()) errorPage = heading;
    }
    assert.ok(errorPage, `${o.form}: some page has required questions`);
    assert.equal(await el.evaluate((e) => e.shadowRoot.activeElement?.id), 'llk-error-summary-heading');
    await axe(`${o.form}: errors on "${errorPage}"`, `#${o.id}`);
    await el.evaluate((e) => e.reset());
    const lines = await completePages(el, ex, (heading) => axe(`${o.form}: ${heading}, filled`, `#${o.id}`));
    await axe(`${o.form}: check your answers`, `#${o.id}`);
    const n0 = await page.evaluate(() => window.llkEvents.length);
    await el.getByRole('button', { name: 'Versturen' }).click();
    const sub = await submissionAfter(page, n0, o.id);
    writeFileSync(`${out}/submitted.${o.form}.json`, JSON.stringify(sub.detail, null, 2));
    assert.deepEqual(norm(sub.detail.answers), norm(ex), `${o.form}: submitted answers equal the example`);
    const sigs = [];
    (function find(v) {
      if (v && typeof v === 'object') { if (Array.isArray(v.strokes)) sigs.push(v); else Object.values(v).forEach(find); }
    })(sub.detail.answers);
    assert.ok(sigs.every((x) => x.strokes.length >= 1 && x.strokes[0].length >= 10 && /^\d{4}-\d{2}-\d{2}$/.test(x.date)));
    if (sigs.length) await page.screenshot({ path: `${out}/4-${o.form}-submitted.png` });
    step(`<${o.tag}> ${o.form} (${o.region}): ${lines.length} pages, submitted${sigs.length ? ` with ${sigs.length} drawn signature(s) as vector strokes` : ''}`);
  }

  await page.locator('#toestemming').scrollIntoViewIfNeeded();
  await axe('every form on the page, after submitting', 'main');

  // 8. Reflow (WCAG 1.4.10): at 320 CSS px wide nothing scrolls sideways inside the form.
  await page.setViewportSize({ width: 320, height: 800 });
  await form.evaluate((el) => el.reset());
  await form.locator('#llk-page-heading').waitFor();
  const overflow = await form.evaluate((el) => {
    const r = el.shadowRoot.querySelector('.llk-root');
    const edge = r.getBoundingClientRect().right + 1;
    return [...r.querySelectorAll('*')].filter((e) => e.getBoundingClientRect().right > edge
      || (e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).display !== 'inline' && !e.matches('.llk-visually-hidden')))
      .map((e) => e.localName + (e.className ? '.' + String(e.className).split(' ')[0] : ''));
  });
  assert.deepEqual(overflow, [], 'nothing wider than the form at 320 px');
  await form.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${out}/5-narrow.png` });
  await axe('320 px wide');
  await page.setViewportSize({ width: 1280, height: 1000 });
  step('reflow at 320 px: nothing sticks out of the form');

  // (The keyboard-only walk is tests/e2e/keyboard.mjs.)

  // 9. Element lifecycle and attributes: moved, region changed, readonly toggled, removed
  //     and re-added, <llk-form> switching forms, value set before upgrade, wrong envelope.
  const life = await page.evaluate(async () => {
    const tick = () => new Promise((r) => setTimeout(r, 50));
    const out = {};
    const el = document.createElement('llk-aanmelding');
    document.querySelector('main').appendChild(el); await tick();
    el.value = { melder: { naam: 'Fatima' } };
    document.querySelector('aside').appendChild(el); await tick();
    out.afterMove = el.shadowRoot.querySelector('#llk-melder-naam')?.value;
    el.setAttribute('region', 'gelderland'); await tick();
    out.afterRegion = el.value.melder?.naam;
    el.setAttribute('readonly', ''); await tick();
    out.readonlyInputs = el.shadowRoot.querySelectorAll('input').length;
    el.removeAttribute('readonly'); await tick();
    out.inputsBack = el.shadowRoot.querySelectorAll('input').length > 0;
    el.remove(); await tick();
    out.freed = el._llk === null;
    document.body.appendChild(el); await tick();
    out.reAdded = !!el.shadowRoot.querySelector('.llk-form__title');
    el.remove();
    const f = document.createElement('llk-form');
    const errors = [];
    f.addEventListener('llk-error', (e) => errors.push(e.detail.code));
    f.setAttribute('form', 'toestemming');
    document.body.appendChild(f); await tick();
    out.llkForm = !!f.shadowRoot.querySelector('.llk-form__title');
    f.setAttribute('form', 'bestaat-niet'); await tick();
    f.setAttribute('lang', 'en'); await tick();
    f.setAttribute('region', 'nergens'); await tick();
    out.errors = errors;
    f.remove();
    const pre = document.createElement('llk-toestemming');
    pre.value = { toestemming: true };
    document.body.appendChild(pre); await tick();
    out.preValue = pre.value.toestemming;
    const e2 = [];
    pre.addEventListener('llk-error', (e) => e2.push(e.detail.code));
    pre.value = { form: 'aanmelding', version: 1, region: 'landelijk', answers: {} }; await tick();
    out.wrongEnvelope = e2;
    pre.remove();
    return out;
  });
  assert.deepEqual(life, {
    afterMove: 'Fatima', afterRegion: 'Fatima', readonlyInputs: 0, inputsBack: true, freed: true,
    reAdded: true, llkForm: true,
    // An element that cannot show its form says so again at every attribute change.
    errors: ['unknown-form', 'unsupported-lang', 'unknown-form', 'unknown-region'],
    preValue: true, wrongEnvelope: ['value'],
  });
  step('element lifecycle: move, region change, readonly, remove/re-add, form switch, early value, wrong envelope');

  assert.deepEqual(problems, [], 'no page errors, console errors or failed requests');
  // The strict CSP was in force (the server sent it) and nothing left the origin.
  const csp = response.headers()['content-security-policy'];
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
  assert.doesNotMatch(csp, /'unsafe-eval'|'unsafe-inline'/);
  const requestCount = await assertOwnRequests(page, requests, new URL(url).origin);
  step(`CSP "${csp}": ${requestCount} requests, all to ${new URL(url).origin}; no CSP violations`);
  const { states, violations } = finishAxe(axeReport, 'axe.json');
  step(`PASS (axe: ${violations} violations over ${states} states; report in ${out}/axe.json)`);
} catch (e) {
  await page.screenshot({ path: `${out}/failure.png`, fullPage: true }).catch(() => {});
  writeFileSync(`${out}/axe.json`, JSON.stringify(axeReport, null, 2));
  console.error(`FAIL: ${e.stack ?? e}`);
  if (problems.length) console.error(problems.join('\n'));
  process.exitCode = 1;
} finally {
  await browser.close();
}
