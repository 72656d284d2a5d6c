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
import { out, step, launch, assertOwnRequests, norm, submissionAfter, exampleOf } from './lib.mjs';
import { keyboard } from './keys.mjs';

const url = process.argv[2] ?? 'http://127.0.0.1:8000/';
const { browser, page, problems, requests } = await launch();
const kb = keyboard(page);
const { keys, press, focused, tabInto } = kb;

/** Fills every page of `hostId` from `answers` by keyboard, starting from focus `f` inside
 *  it, and sends it; returns what the host received and a log line per page. */
async function fillAndSend(hostId, answers, f) {
  const { f: check, pages, answered } = await kb.fill(hostId, answers, f);
  const before = await page.evaluate(() => window.llkEvents.length);
  await kb.send(hostId, check);
  const submit = await submissionAfter(page, before, hostId);
  await page.locator(`#${hostId}`).locator('.llk-alert--ok').waitFor();
  return { submit, pages, answered };
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
    f = await focused();
    assert.equal(f.host, 'aanmelding', 'focus stays in the form on the way to "Volgende"');
  }
  await press('Enter');
  await page.locator('#aanmelding .llk-error-summary').waitFor();
  f = await focused();
  assert.equal(f.id, 'llk-error-summary-heading', 'the error summary heading has focus');
  await press('Tab');
  f = await focused();
  assert.equal(f.tag, 'a', 'Tab from the summary heading reaches its first link');
  const linkTarget = (await page.locator('#aanmelding .llk-error-summary a').first().getAttribute('href')).slice(1);
  await press('Enter');
  f = await focused();
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
