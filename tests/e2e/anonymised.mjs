// The anonymised aanmelding for the Adviestafel, from the browser UI: "PDF downloaden" on the
// aanmelding's check page asks which version; keyboard only, the anonymised PDF holds no
// names, BSN, address or contact data of anyone, only initials, birth year and gemeente; the
// full version still has them. axe on the dialog.
//
//   node tests/e2e/anonymised.mjs http://127.0.0.1:8000/     (run by `cargo xtask test`)

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { out, step, launch, exampleOf, axeRunner, finishAxe, toCheckPage } from './lib.mjs';

const url = process.argv[2] ?? 'http://127.0.0.1:8000/';
const { browser, page, problems } = await launch();
const report = [];
const axe = axeRunner(page, report);

function pdftotext(file) {
  const r = spawnSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  assert.equal(r.status, 0, `pdftotext ${file}: ${r.stderr}`);
  return r.stdout.replace(/\s+/g, ' ');
}

const el = page.locator('#aanmelding');
const status = () => el.locator('.llk-pdf-actions__status').innerText();

/** "PDF downloaden" by keyboard, the version chosen with the arrow keys, Enter: the file. */
async function download(version, name) {
  await el.locator('.llk-pdf-actions').getByRole('button', { name: 'PDF downloaden' }).focus();
  await page.keyboard.press('Enter');
  const dialog = el.locator('dialog[open]');
  await dialog.waitFor({ timeout: 30000 });
  const focused = await page.evaluate(() => document.getElementById('aanmelding').shadowRoot.activeElement?.id);
  assert.equal(focused, 'llk-version-full', 'focus on the first choice when the dialog opens');
  if (version === 'anonymised') await page.keyboard.press('ArrowDown');
  if (version === 'cancel') {
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    return null;
  }
  const file = page.waitForEvent('download');
  await page.keyboard.press('Enter');
  const saved = `${out}/${name}`;
  await (await file).saveAs(saved);
  await page.waitForFunction(() => /gedownload/.test(document.getElementById('aanmelding').shadowRoot.querySelector('.llk-pdf-actions__status').textContent));
  const back = await page.evaluate(() => document.getElementById('aanmelding').shadowRoot.activeElement?.textContent);
  assert.equal(back, 'PDF downloaden', 'focus back on the button');
  return saved;
}

try {
  await page.goto(url);
  await page.waitForSelector('body[data-llk-ready]');
  const answers = exampleOf('aanmelding', 'gelderland');
  await el.evaluate((e, v) => { e.value = v; }, answers);
  await toCheckPage(el);

  // The dialog, before choosing: axe, and Escape leaves without a file.
  await el.locator('.llk-pdf-actions').getByRole('button', { name: 'PDF downloaden' }).click();
  await el.locator('dialog[open]').waitFor({ timeout: 30000 });
  await axe('version dialog', '#aanmelding');
  await page.keyboard.press('Escape');
  await el.locator('dialog[open]').waitFor({ state: 'detached' });
  await page.waitForFunction(() => /geen PDF gedownload/.test(document.getElementById('aanmelding').shadowRoot.querySelector('.llk-pdf-actions__status').textContent));
  step(`cancelled: "${await status()}"`);

  const b = answers.betrokkene;
  const personal = [
    b.voornamen, b.roepnaam, b.achternaam, b.bsn, b.adres.straat, b.adres.postcode, b.telefoon,
    '14-06-1991', answers.melder.naam, answers.melder.telefoon, answers.melder.email,
    answers.vertegenwoordiger.naam, answers.vertegenwoordiger.telefoon,
  ];

  const anonymisedFile = await download('anonymised', 'aanmelding-geanonimiseerd.pdf');
  const msg = await status();
  assert.match(msg, /geanonimiseerde PDF voor de Adviestafel \(aanmelding-geanonimiseerd\.pdf\)/);
  await axe('after the anonymised download', '#aanmelding');
  const anon = pdftotext(anonymisedFile);
  for (const p of personal) assert.ok(!anon.includes(p), `anonymised PDF must not contain "${p}"`);
  // Surname parts count too: "Heuvel" of "van den Heuvel", "Hoekstra", "Çelik".
  for (const p of ['Heuvel', 'Daniël', 'Hoekstra', 'Çelik', '111222333']) assert.ok(!anon.includes(p), `no "${p}"`);
  assert.match(anon, /1991/, 'birth year kept');
  assert.match(anon, /Arnhem/, 'gemeente kept');
  assert.match(anon, /D\.\s?J\.|DJ|D\. ?J/, 'initials shown');
  step(`anonymised PDF: ${personal.length + 5} personal values absent; initials, 1991 and Arnhem present; "${msg}"`);

  const fullFile = await download('full', 'aanmelding-volledig.pdf');
  const full = pdftotext(fullFile);
  for (const p of [b.achternaam, b.bsn.slice(0, 3), answers.melder.naam]) assert.ok(full.includes(p), `full PDF contains "${p}"`);
  step('full PDF: names and BSN present');

  await download('cancel');
  assert.deepEqual(problems, [], 'no console errors, page errors or CSP violations');
  const axeResult = finishAxe(report, 'axe-anonymised.json');
  step(`axe: ${axeResult.states} states, ${axeResult.violations} violations`);
  console.log('anonymised.mjs: all checks passed');
} catch (e) {
  await page.screenshot({ path: `${out}/anonymised-failure.png`, fullPage: true }).catch(() => {});
  console.error(e);
  process.exitCode = 1;
} finally {
  await browser.close();
}
