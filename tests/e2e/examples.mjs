// The embedding examples in examples/ (served under dist/examples/ with the demo's CSP) do
// what they say: each renders, the strict-CSP page has no violation, the host of submit.html
// receives and offers the submission, prefill.html shows the prefilled and the read-only
// values; without forms.json the elements say so. And the kit's loader makes no request
// beyond its own files on any of them.
//
//   node tests/e2e/examples.mjs http://127.0.0.1:8000/     (run by `cargo xtask e2e`)

import assert from 'node:assert/strict';
import { out, step, launch, assertOwnRequests, exampleOf, axeRunner, finishAxe } from './lib.mjs';

const base = new URL('examples/', process.argv[2] ?? 'http://127.0.0.1:8000/').href;
const { browser, page, problems, requests } = await launch();
const report = [];
const axe = axeRunner(page, report);

/** Opens an example page and waits until `selector`'s form shows its title. */
async function open(file, selector) {
  await page.goto(base + file);
  const el = page.locator(selector).first();
  await el.locator('.llk-form__title').waitFor({ timeout: 20000 });
  return el;
}

/** "Volgende" until the check-your-answers page, then "Versturen". */
async function submitPrefilled(el) {
  for (let k = 0; k < 15; k++) {
    if ((await el.locator('#llk-page-heading').innerText()) === 'Controleer uw antwoorden') break;
    await el.locator('form button[type=submit]').click();
    if (await el.locator('.llk-error-summary').count()) {
      const msgs = await el.locator('.llk-error-summary a').allInnerTexts();
      throw new Error(`prefilled form has errors: ${msgs.join(' | ')}`);
    }
  }
  await el.getByRole('button', { name: 'Versturen' }).click();
}

try {
  // minimal.html: one script tag and one element.
  let el = await open('minimal.html', 'llk-aanmelding');
  assert.match(await el.locator('.llk-form__title').innerText(), /Aanmeld/);
  await axe('examples/minimal.html', 'main');
  step('minimal.html: <llk-aanmelding> renders from one script tag');

  // strict-csp.html: the policy in a meta element as well; nothing violates it.
  el = await open('strict-csp.html', 'llk-toestemming');
  assert.equal(await page.evaluate(() => window.cspViolations.length), 0);
  await axe('examples/strict-csp.html', 'main');
  step('strict-csp.html: renders under the meta CSP with no violation');

  // submit.html: a completed inclusiebesluit reaches the host's handler.
  el = await open('submit.html', '#form');
  await page.waitForSelector('body[data-llk-ready]');
  await el.evaluate((e, v) => { e.value = v; }, exampleOf('inclusie', 'gelderland'));
  await submitPrefilled(el);
  await page.waitForFunction(() => window.received.length === 1);
  const status = await page.locator('#status').innerText();
  assert.match(status, /^Ontvangen: inclusie versie \d+ \(gelderland\), ingediend op \d{4}-\d{2}-\d{2}/);
  assert.equal(await page.locator('#download').isVisible(), true, 'the JSON download is offered');
  assert.match(await page.locator('#download').getAttribute('href'), /^blob:/);
  await axe('examples/submit.html after submitting', 'main');
  step(`submit.html: the host received the submission ("${status}") and offers it as JSON`);

  // prefill.html: value set before the kit loaded; the read-only copy shows its answers.
  el = await open('prefill.html', '#melding');
  await page.waitForSelector('body[data-llk-ready]');
  assert.equal(await el.locator('#llk-melder-naam').inputValue(), 'Sanne de Wit-Özdemir');
  assert.equal(await el.locator('#llk-melder-email').inputValue(), 's.dewit@politie.example.nl');
  const readonly = page.locator('#eerder');
  await readonly.locator('.llk-form__title').waitFor();
  assert.equal(await readonly.locator('input, textarea, select').count(), 0, 'read-only has no inputs');
  assert.match(await readonly.locator('.llk-root').innerText(), /Youssef Bakkali/);
  await axe('examples/prefill.html', 'main');
  step('prefill.html: the melder prefilled through value; the earlier melding shown read-only');

  // ondertekening.html: <llk-ondertekening> with the PDF module (countersigning itself is
  // tested in ondertekening.mjs).
  await page.goto(base + 'ondertekening.html');
  await page.locator('#ondertekening #llk-o-file').waitFor({ timeout: 20000 });
  await page.locator('#ondertekening').getByText(/^Nog geen\./).waitFor();
  await axe('examples/ondertekening.html', 'main');
  step('ondertekening.html: <llk-ondertekening> loads its module and shows its three parts');

  // Without its definitions (forms.json unreachable) the kit still starts: every element
  // says in Dutch that the form cannot be shown, and the host hears llk-error.
  const broken = await browser.newPage();
  await broken.route('**/pkg/forms.json', (route) => route.fulfill({ status: 404, body: 'not found' }));
  await broken.addInitScript(() => {
    window.llkErrors = [];
    document.addEventListener('llk-error', (e) => window.llkErrors.push(e.detail.code));
  });
  await broken.goto(base + 'minimal.html');
  const alert = broken.locator('llk-aanmelding .llk-alert--error');
  await alert.waitFor({ timeout: 20000 });
  assert.match(await alert.innerText(), /kan niet worden getoond/);
  await broken.waitForFunction(() => window.llkErrors.includes('load'));
  assert.deepEqual((await broken.evaluate(() => window.llkErrors)).sort(), ['bundle', 'load']);
  await broken.close();
  step('without forms.json: the element says it cannot show the form; llk-error "bundle" and "load"');

  assert.deepEqual(problems, [], 'no page errors, console errors or failed requests');
  const n = await assertOwnRequests(page, requests, new URL(base).origin);
  const { states, violations } = finishAxe(report, 'axe-examples.json');
  step(`PASS examples: 4 pages, ${n} requests all to the own origin; axe ${violations} violations over ${states} states`);
} catch (e) {
  await page.screenshot({ path: `${out}/failure-examples.png`, fullPage: true }).catch(() => {});
  console.error(`FAIL: ${e.stack ?? e}`);
  if (problems.length) console.error(problems.join('\n'));
  process.exitCode = 1;
} finally {
  await browser.close();
}
