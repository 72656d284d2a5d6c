// Every form on the demo page walked by keyboard alone (WCAG 2.1.1), as someone who cannot
// use a mouse: Tab from the top of the portal page into the aanmelding, "Volgende" with
// Enter on its empty first page, the error summary focused and its first link followed;
// then every page filled with Tab, typing, arrow keys and Space (repeating-group items
// added with Enter, signatures by their typed-name alternative), the check-your-answers page
// passed and "Versturen" pressed with Enter; then on down the page by Tab into the next
// form, and so on. The host must receive llk-submit with exactly the example answers for
// every form. No mouse event and no programmatic focus.
//
//   node tests/e2e/keyboard.mjs http://127.0.0.1:8000/     (run by `cargo xtask e2e`)

import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import {
  out, step, launch, assertOwnRequests, domId, typedText, leavesOf, groupCounts, norm,
  submissionAfter, exampleOf,
} from './lib.mjs';

const url = process.argv[2] ?? 'http://127.0.0.1:8000/';
const { browser, page, problems, requests } = await launch();
const keys = { Tab: 0, Enter: 0, Space: 0, Arrow: 0, typed: 0 };
async function press(key) {
  keys[key.startsWith('Arrow') ? 'Arrow' : key] += 1;
  await page.keyboard.press(key);
}
/** Types a value: character by character, or (long texts) as one text input event. */
async function type(text) {
  keys.typed += text.length;
  if (text.length > 80) await page.keyboard.insertText(text);
  else await page.keyboard.type(text);
}

/** What has focus: inside element `hostId`'s shadow root, or `outside` (with where). Read
 *  after the tasks a key press queued have run, as a person would see it. */
const focused = (hostId) => page.evaluate(async (id) => {
  await new Promise((r) => setTimeout(r, 0));
  const host = document.getElementById(id);
  if (document.activeElement !== host) {
    const a = document.activeElement;
    return { outside: a?.localName ?? null, host: a?.localName?.startsWith('llk-') ? a.id : null };
  }
  const a = host.shadowRoot.activeElement;
  if (!a) return { outside: 'nothing' };
  return {
    id: a.id, tag: a.localName, type: a.type ?? null, name: a.name ?? null, value: a.value ?? null,
    checked: a.checked ?? null, text: a.localName === 'button' || a.localName === 'a' ? a.textContent.trim() : null,
    options: a.localName === 'select' ? [...a.options].map((o) => o.value) : null,
    selected: a.localName === 'select' ? a.selectedIndex : null,
    heading: host.shadowRoot.querySelector('#llk-page-heading')?.textContent ?? null,
  };
}, hostId);

/** Tab until focus is inside element `hostId`; returns the focus there. */
async function tabInto(hostId, limit) {
  let f = await focused(hostId);
  for (let k = 0; k < limit && f.outside !== undefined; k++) {
    await press('Tab');
    f = await focused(hostId);
  }
  assert.equal(f.outside, undefined, `Tab reaches #${hostId}`);
  return f;
}

/**
 * Fills every page of `hostId` from `answers` by keyboard, starting from focus `f` inside
 * it, and sends it; returns what the host received and a log line per page.
 */
async function fillAndSend(hostId, answers, f) {
  const form = page.locator(`#${hostId}`);
  const leaves = leavesOf(answers);
  const byId = new Map(leaves.map(([path, value]) => [domId(path), value]));
  const itemsWanted = new Map([...groupCounts(leaves)].map(([g, n]) => [`${domId(g)}-add`, n]));
  // A field once answered is left alone; Tab goes on until the page's submit button.
  const done = new Set();
  const pages = [];
  let pageFields = 0;
  const trail = [];
  for (let guard = 0; guard < 4000; guard++) {
    if (f.outside !== undefined) {
      throw new Error(`focus left #${hostId} (to ${f.outside}) after: ${trail.slice(-4).join(' → ')}`);
    }
    trail.push(`${f.heading}: #${f.id}${f.type === 'radio' ? `=${f.value}` : ''}`);
    if (f.id === 'llk-page-heading' && f.heading === 'Controleer uw antwoorden') break;
    const key = f.type === 'radio' || f.type === 'checkbox' ? f.name : f.id;
    const want = byId.get(key);
    if (f.tag === 'button' && f.type === 'submit') {
      pages.push(`"${f.heading}": ${pageFields}`);
      pageFields = 0;
      await press('Enter');
      f = await focused(hostId);
      if (f.id === 'llk-error-summary-heading') {
        const msgs = await form.locator('.llk-error-summary a').allInnerTexts();
        throw new Error(`page "${f.heading}" has errors after filling it by keyboard: ${msgs.join(' | ')}`);
      }
      continue;
    }
    if (f.tag === 'button' && itemsWanted.has(f.id)) {
      const have = await form.locator(`[id^="${f.id.slice(0, -4)}-"][id$="-title"]`).count();
      if (have < itemsWanted.get(f.id)) {
        await press('Enter'); // adds an item; focus moves to its first field
        f = await focused(hostId);
        continue;
      }
    } else if (f.type === 'checkbox') {
      // Every box is its own Tab stop: Space ticks the ones the answer lists.
      if (Array.isArray(want) && want.includes(f.value) && !f.checked) {
        await press('Space');
        pageFields++;
      }
    } else if (want !== undefined && !done.has(key)) {
      if (f.type === 'radio') {
        // Arrow keys move the choice through the group; Space picks the first one.
        for (let k = 0; k < 12 && f.value !== String(want); k++) {
          await press('ArrowDown');
          f = await focused(hostId);
        }
        if (!f.checked) await press('Space');
      } else if (f.tag === 'select') {
        let target = f.options.indexOf(String(want));
        if (target < 0) target = f.options.indexOf('__anders__');
        assert.ok(target >= 0, `#${f.id} offers ${want}`);
        // Arrow keys move the choice; read it back and go on from there (a busy machine may
        // show an arrow's effect only after the next read).
        for (let k = 0; k < 4 && f.selected !== target; k++) {
          for (let i = f.selected; i < target; i++) await press('ArrowDown');
          for (let i = f.selected; i > target; i--) await press('ArrowUp');
          f = await focused(hostId);
        }
        assert.equal(f.selected, target, `#${f.id}: ${want} chosen by keyboard`);
      } else if (f.tag === 'input' || f.tag === 'textarea') {
        // A signature's keyboard alternative is its typed-name field.
        await type(want && typeof want === 'object' ? (want.typed ?? want.name) : typedText(want));
      }
      done.add(key);
      pageFields++;
    } else if (f.id?.endsWith('-anders') && byId.has(f.id.slice(0, -7)) && !done.has(f.id)) {
      await type(String(byId.get(f.id.slice(0, -7))));
      done.add(f.id);
    }
    await press('Tab');
    f = await focused(hostId);
  }
  assert.equal(f.heading, 'Controleer uw antwoorden', `#${hostId}: the check-your-answers page was reached`);

  // From the check page to "Versturen" by Tab; Enter sends it.
  const before = await page.evaluate(() => window.llkEvents.length);
  for (let k = 0; k < 400 && f.text !== 'Versturen'; k++) {
    await press('Tab');
    f = await focused(hostId);
    assert.equal(f.outside, undefined, 'focus stays in the form on the check page');
  }
  assert.equal(f.text, 'Versturen');
  await press('Enter');
  const submit = await submissionAfter(page, before, hostId);
  await form.locator('.llk-alert--ok').waitFor();
  return { submit, pages, answered: done.size };
}

try {
  await page.goto(url);
  await page.waitForSelector('body[data-llk-ready]', { timeout: 20000 });
  const forms = await page.evaluate(() => [...document.querySelectorAll('main section > *')]
    .filter((el) => el.localName.startsWith('llk-') && !el.hasAttribute('readonly')
      // Elements that are not forms: the plan editor, the signing element, the drafts list.
      && !['llk-levensloopplan', 'llk-ondertekening', 'llk-concepten', 'llk-casussen', 'llk-casus'].includes(el.localName))
    .map((el) => ({ id: el.id, form: el.getAttribute('form') ?? el.localName.slice(4),
      region: el.getAttribute('region') ?? 'landelijk' })));
  assert.ok(forms.length >= 9, 'every form is on the demo page');
  await page.locator('#aanmelding .llk-form__title').waitFor();

  // 1. Into the first form from the top of the page, by Tab alone.
  let f = await tabInto('aanmelding', 40);
  step(`Tab reached <llk-aanmelding> after ${keys.Tab} presses (first stop: #${f.id})`);

  // 2. Its empty first page sent with Enter: the summary takes focus; its first link leads
  //    to the field.
  while (!(f.tag === 'button' && f.type === 'submit')) {
    await press('Tab');
    f = await focused('aanmelding');
    assert.equal(f.outside, undefined, 'focus stays in the form on the way to "Volgende"');
  }
  await press('Enter');
  await page.locator('#aanmelding .llk-error-summary').waitFor();
  f = await focused('aanmelding');
  assert.equal(f.id, 'llk-error-summary-heading', 'the error summary heading has focus');
  await press('Tab');
  f = await focused('aanmelding');
  assert.equal(f.tag, 'a', 'Tab from the summary heading reaches its first link');
  const linkTarget = (await page.locator('#aanmelding .llk-error-summary a').first().getAttribute('href')).slice(1);
  await press('Enter');
  f = await focused('aanmelding');
  assert.equal(f.id, linkTarget, 'Enter on a summary link focuses its field');
  step(`empty page sent with Enter: summary focused, its first link focused #${linkTarget}`);

  // 3. Every form in page order: filled, sent, then Tab on down the page into the next.
  for (const [n, { id, form, region }] of forms.entries()) {
    if (n > 0) f = await tabInto(id, 200);
    const answers = exampleOf(form, region);
    const { submit, pages, answered } = await fillAndSend(id, answers, f);
    writeFileSync(`${out}/submitted.keyboard.${form}.json`, JSON.stringify(submit.detail, null, 2));
    assert.deepEqual(norm(submit.detail.answers), norm(answers), `${form}: the keyboard-submitted answers are the example`);
    step(`keyboard: ${form} (${region}) ${pages.length} pages [${pages.join(', ')}], ${answered} answers, llk-submit equals the example`);
  }

  assert.deepEqual(problems, [], 'no page errors, console errors or failed requests');
  await assertOwnRequests(page, requests, new URL(url).origin);
  step(`PASS keyboard only: ${forms.length} forms; ${keys.Tab} Tab, ${keys.Enter} Enter, `
    + `${keys.Space} Space, ${keys.Arrow} arrow keys, ${keys.typed} characters typed`);
} catch (e) {
  await page.screenshot({ path: `${out}/failure-keyboard.png`, fullPage: true }).catch(() => {});
  console.error(`FAIL: ${e.stack ?? e}`);
  if (problems.length) console.error(problems.join('\n'));
  process.exitCode = 1;
} finally {
  await browser.close();
}
