// The aanmelding walked by keyboard alone (WCAG 2.1.1), as someone who cannot use a mouse:
// Tab from the top of the portal page into the form, "Volgende" with Enter on the empty first
// page, the error summary focused and its first link followed, then every page filled with
// Tab, typing, arrow keys and Space (repeating-group items added with Enter), the
// check-your-answers page passed and "Versturen" pressed with Enter. The host must receive
// llk-submit with exactly the example answers. No mouse event and no programmatic focus.
//
//   node tests/e2e/keyboard.mjs http://127.0.0.1:8000/     (run by `cargo xtask e2e`)

import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import {
  out, step, launch, assertOwnRequests, domId, typedText, leavesOf, groupCounts, norm,
  submissionAfter, exampleOf,
} from './lib.mjs';

const url = process.argv[2] ?? 'http://127.0.0.1:8000/';
const answers = exampleOf('aanmelding', 'landelijk');
const leaves = leavesOf(answers);
const byId = new Map(leaves.map(([path, value]) => [domId(path), value]));
const itemsWanted = new Map([...groupCounts(leaves)].map(([g, n]) => [`${domId(g)}-add`, n]));

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

try {
  await page.goto(url);
  await page.waitForSelector('body[data-llk-ready]', { timeout: 20000 });
  const form = page.locator('llk-aanmelding#aanmelding');
  await form.locator('.llk-form__title').waitFor();

  /** What has focus: inside the form's shadow root, or `outside`. */
  const focused = () => page.evaluate(() => {
    const host = document.getElementById('aanmelding');
    if (document.activeElement !== host) return { outside: document.activeElement?.localName ?? null };
    const a = host.shadowRoot.activeElement;
    if (!a) return { outside: 'nothing' };
    return {
      id: a.id, tag: a.localName, type: a.type ?? null, name: a.name ?? null, value: a.value ?? null,
      checked: a.checked ?? null, text: a.localName === 'button' || a.localName === 'a' ? a.textContent.trim() : null,
      options: a.localName === 'select' ? [...a.options].map((o) => o.value) : null,
      selected: a.localName === 'select' ? a.selectedIndex : null,
      heading: host.shadowRoot.querySelector('#llk-page-heading')?.textContent ?? null,
    };
  });

  // 1. Into the form from the top of the page, by Tab alone.
  let f = await focused();
  for (let k = 0; k < 40 && f.outside !== undefined; k++) {
    await press('Tab');
    f = await focused();
  }
  assert.equal(f.outside, undefined, 'Tab reaches the form from the top of the portal page');
  step(`Tab reached <llk-aanmelding> after ${keys.Tab} presses (first stop: #${f.id})`);

  // 2. The empty first page sent with Enter: the summary takes focus; its first link leads
  //    to the field.
  while (!(f.tag === 'button' && f.type === 'submit')) {
    await press('Tab');
    f = await focused();
    assert.equal(f.outside, undefined, 'focus stays in the form on the way to "Volgende"');
  }
  await press('Enter');
  await form.locator('.llk-error-summary').waitFor();
  f = await focused();
  assert.equal(f.id, 'llk-error-summary-heading', 'the error summary heading has focus');
  await press('Tab');
  f = await focused();
  assert.equal(f.tag, 'a', 'Tab from the summary heading reaches its first link');
  const linkTarget = (await form.locator('.llk-error-summary a').first().getAttribute('href')).slice(1);
  await press('Enter');
  f = await focused();
  assert.equal(f.id, linkTarget, 'Enter on a summary link focuses its field');
  step(`empty page sent with Enter: summary focused, its first link focused #${linkTarget}`);

  // 3. Every page by keyboard. A field once answered is left alone; Tab goes on until the
  //    page's submit button, which is pressed when every answer for the page is in.
  const done = new Set();
  const pages = [];
  let pageFields = 0;
  for (let guard = 0; guard < 3000; guard++) {
    if (f.outside !== undefined) throw new Error(`focus left the form (to ${f.outside})`);
    if (f.id === 'llk-page-heading' && f.heading === 'Controleer uw antwoorden') break;
    const key = f.type === 'radio' || f.type === 'checkbox' ? f.name : f.id;
    const want = byId.get(key);
    if (f.tag === 'button' && f.type === 'submit') {
      pages.push(`"${f.heading}": ${pageFields} answers`);
      pageFields = 0;
      await press('Enter');
      f = await focused();
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
        f = await focused();
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
          f = await focused();
        }
        if (!f.checked) await press('Space');
        done.add(key);
        pageFields++;
      } else if (f.tag === 'select') {
        let target = f.options.indexOf(String(want));
        if (target < 0) target = f.options.indexOf('__anders__');
        assert.ok(target >= 0, `#${f.id} offers ${want}`);
        for (let i = f.selected; i < target; i++) await press('ArrowDown');
        for (let i = f.selected; i > target; i--) await press('ArrowUp');
        done.add(f.id);
        pageFields++;
      } else if (f.tag === 'input' || f.tag === 'textarea') {
        const text = want && typeof want === 'object' ? (want.typed ?? want.name) : typedText(want);
        await type(text);
        done.add(f.id);
        pageFields++;
      }
    } else if (f.id?.endsWith('-anders') && byId.has(f.id.slice(0, -7)) && !done.has(f.id)) {
      await type(String(byId.get(f.id.slice(0, -7))));
      done.add(f.id);
    }
    await press('Tab');
    f = await focused();
  }
  assert.equal(f.heading, 'Controleer uw antwoorden', 'the check-your-answers page was reached');
  for (const p of pages) step(`keyboard: page ${p}`);

  // 4. From the check page to "Versturen" by Tab; Enter sends it.
  const before = await page.evaluate(() => window.llkEvents.length);
  for (let k = 0; k < 200 && f.text !== 'Versturen'; k++) {
    await press('Tab');
    f = await focused();
    assert.equal(f.outside, undefined, 'focus stays in the form on the check page');
  }
  assert.equal(f.text, 'Versturen');
  await press('Enter');
  const submit = await submissionAfter(page, before, 'aanmelding');
  writeFileSync(`${out}/submitted.keyboard.aanmelding.json`, JSON.stringify(submit.detail, null, 2));
  assert.deepEqual(norm(submit.detail.answers), norm(answers), 'the keyboard-submitted answers are the example answers');
  await form.locator('.llk-alert--ok').waitFor();

  assert.deepEqual(problems, [], 'no page errors, console errors or failed requests');
  await assertOwnRequests(page, requests, new URL(url).origin);
  step(`PASS keyboard only: ${pages.length} pages, ${done.size} answers; ${keys.Tab} Tab, ${keys.Enter} Enter, `
    + `${keys.Space} Space, ${keys.Arrow} arrow keys, ${keys.typed} characters typed; llk-submit equals the example`);
} catch (e) {
  await page.screenshot({ path: `${out}/failure-keyboard.png`, fullPage: true }).catch(() => {});
  console.error(`FAIL: ${e.stack ?? e}`);
  if (problems.length) console.error(problems.join('\n'));
  process.exitCode = 1;
} finally {
  await browser.close();
}
