// PDFs in the browser: the buttons on the check-your-answers page, a signature by the
// browser's own WebCrypto key (non-extractable, in IndexedDB) that pdfsig (and pyHanko, when
// installed) accept, llk-submit carrying the signed PDF, the kit's own verifier on the demo
// page (intact, and one flipped byte), Dutch messages when the module or WebCrypto is
// missing, axe on every new state. Prints the benchmark: a signed 10-page levensloopplan.
//
//   node tests/e2e/pdf.mjs http://127.0.0.1:8000/     (run by `cargo xtask e2e`)

import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync, statSync } from 'node:fs';
import { out, step, launch, assertOwnRequests, exampleOf, axeRunner, finishAxe, tool, toCheckPage, storedSigningKey, overdrachtOnCheckPage, fillSigner } from './lib.mjs';

const url = process.argv[2] ?? 'http://127.0.0.1:8000/';
const { browser, page, problems, requests } = await launch();
const report = [];
const axe = axeRunner(page, report);
const strict = !!process.env.CI;


const status = (el) => el.locator('.llk-pdf-actions__status');
/** Clicks `name` among the PDF buttons of `el` and resolves to the new status message. */
async function press(el, name) {
  const handle = await el.elementHandle();
  // A new message is one after "Bezig…": watch for it from before the click.
  await page.evaluate((e) => {
    window.llkBusySeen = false;
    const s = e.shadowRoot.querySelector('.llk-pdf-actions__status');
    window.llkStatusObserver?.disconnect();
    window.llkStatusObserver = new MutationObserver(() => {
      if (s.textContent.startsWith('Bezig')) window.llkBusySeen = true;
    });
    window.llkStatusObserver.observe(s, { childList: true, characterData: true, subtree: true });
  }, handle);
  await el.locator('.llk-pdf-actions').getByRole('button', { name }).click();
}
async function settled(el) {
  await page.waitForFunction((e) => {
    const s = e.shadowRoot.querySelector('.llk-pdf-actions__status');
    return window.llkBusySeen && s.textContent && !s.textContent.startsWith('Bezig');
  }, await el.elementHandle(), { timeout: 30000 });
  return status(el).innerText();
}

try {
  // A page with forms only: the PDF module is not loaded with them. (The demo page has
  // <llk-ondertekening>, which loads it at once.)
  const pdfRequests = () => requests.filter((u) => /\/pkg\/pdf(_bg\.wasm|\.js)$/.test(u)).length;
  await page.goto(new URL('examples/minimal.html', url).href);
  await page.locator('llk-aanmelding .llk-form__title').waitFor();
  assert.equal(pdfRequests(), 0, 'the PDF module is not loaded with the forms');
  await page.goto(url);
  await page.waitForSelector('body[data-llk-ready]');

  // The overdracht, prefilled, with an emoji the PDF font lacks.
  const el = page.locator('#overdracht');
  const answers = exampleOf('overdracht', 'gelderland');
  answers.overdracht.reden_toelichting += ' Hij stuurde 👍 terug.';
  await el.evaluate((e, v) => { e.value = v; }, answers);
  await toCheckPage(el);
  const actions = el.locator('.llk-pdf-actions');
  await actions.waitFor();
  await axe('check page with PDF buttons', '#overdracht');

  // PDF downloaden: the module loads now; the download is a PDF with the answers.
  let download = page.waitForEvent('download');
  await press(el, 'PDF downloaden');
  let file = `${out}/overdracht.pdf`;
  await (await download).saveAs(file);
  let msg = await settled(el);
  assert.ok(pdfRequests() >= 2, 'the PDF module (JS and wasm) is loaded');
  assert.match(msg, /De PDF \(overdracht\.pdf\) is gedownload\./);
  assert.match(msg, /Let op: .*□.*👍/, 'the missing glyph is named');
  assert.equal(readFileSync(file).subarray(0, 5).toString(), '%PDF-');
  const text = tool('pdftotext', [file, '-']);
  if (text) {
    assert.match(text.text, /Joël van der Meulen/);
    assert.match(text.text, /Hij stuurde □ terug\./);
  }
  // The PDF made in the browser is tagged as the native one is (tests/tagged.rs).
  const info = tool('pdfinfo', [file]);
  if (info) assert.match(info.text, /Tagged:\s+yes/, info.text);
  await axe('after download (warning shown)', '#overdracht');
  step(`PDF downloaden: ${statSync(file).size} bytes; ${msg}`);

  // Afdrukken: the PDF opens in a new tab (a strict CSP blocks blob: frames).
  const popup = page.waitForEvent('popup');
  await press(el, 'Afdrukken');
  const tab = await popup;
  assert.match(tab.url(), /^blob:/);
  await tab.close();
  assert.match(await settled(el), /nieuw tabblad geopend/);
  step('Afdrukken: opens the PDF in a new tab');

  // Ondertekenen, the first time: a dialog asks for name, role and organisation; Esc
  // cancels; an empty name is an error.
  await press(el, 'Ondertekenen');
  const dialog = el.locator('dialog.llk-dialog');
  await dialog.waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.shadowRoot?.activeElement?.id), 'llk-signer-name', 'focus on the name field');
  await axe('signer dialog', '#overdracht');
  await page.keyboard.press('Escape');
  assert.match(await settled(el), /Niet ondertekend/);
  assert.equal(await dialog.count(), 0, 'Esc closes the dialog');
  await press(el, 'Ondertekenen');
  await dialog.waitFor();
  await dialog.getByRole('button', { name: 'Sleutel maken en ondertekenen' }).click();
  await dialog.getByText('Vul uw naam in.').waitFor();
  assert.equal(await dialog.getByLabel('Uw naam').getAttribute('aria-invalid'), 'true');
  assert.equal(await page.evaluate(() => document.activeElement.shadowRoot?.activeElement?.id), 'llk-signer-name');
  await axe('signer dialog with an error', '#overdracht');
  await fillSigner(dialog, { naam: 'Noëlle Çelik', functie: 'procesregisseur', organisatie: 'Zorg- en Veiligheidshuis Gelderland-Midden' });
  download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Sleutel maken en ondertekenen' }).click();
  const signedFile = `${out}/overdracht-ondertekend.pdf`;
  await (await download).saveAs(signedFile);
  msg = await settled(el);
  assert.match(msg, /^Ondertekend door Noëlle Çelik, procesregisseur, Zorg- en Veiligheidshuis Gelderland-Midden\./);
  assert.equal(await dialog.count(), 0, 'the dialog is gone');
  await axe('signed', '#overdracht');
  step(`Ondertekenen: ${statSync(signedFile).size} bytes; ${msg}`);

  // The key: non-extractable ECDSA P-256 in the kit's own IndexedDB database.
  const key = await storedSigningKey(page);
  assert.deepEqual({ ...key, cert: key.cert > 200 }, { type: 'private', extractable: false, curve: 'P-256', usages: ['sign'], cert: true });
  step(`the key: ${JSON.stringify(key)}`);

  // Validators.
  const pdfsig = tool('pdfsig', [signedFile]);
  if (pdfsig) {
    assert.match(pdfsig.text, /Signature Validation: Signature is Valid\./, pdfsig.text);
    assert.match(pdfsig.text, /Total document signed/, pdfsig.text);
    assert.match(pdfsig.text, /Noëlle Çelik/);
    step('pdfsig: Signature is Valid., Total document signed');
  } else {
    assert.ok(!strict, 'pdfsig is needed under CI');
    step('pdfsig not installed: skipped');
  }
  const pyhanko = tool('pyhanko', ['sign', 'validate', '--no-revocation-check', signedFile]);
  if (pyhanko && !/No such command|not found/.test(pyhanko.text)) {
    // Self-signed: intact but untrusted without --trust.
    // Its exit code is 1 for "untrusted": the signature line is what counts here.
    const verdict = pyhanko.text.split('\n').find((l) => /:INTACT:/.test(l));
    assert.ok(verdict, pyhanko.text);
    step(`pyhanko: ${verdict.split(':').slice(-2).join(':')} (self-signed: untrusted without --trust)`);
  }
  const qpdf = tool('qpdf', ['--check', signedFile]);
  if (qpdf) assert.equal(qpdf.code, 0, qpdf.text);

  // Once set up, signing asks nothing; llk-submit carries the signed PDF as a Blob.
  await press(el, 'Ondertekenen');
  msg = await settled(el);
  assert.match(msg, /^Ondertekend door Noëlle Çelik/);
  const submitted = page.evaluate(() => new Promise((resolve) => {
    document.getElementById('overdracht').addEventListener('llk-submit', async (e) => {
      const pdf = e.detail.pdf;
      resolve({ blob: pdf instanceof Blob, type: pdf?.type, head: pdf ? await pdf.slice(0, 5).text() : null, form: e.detail.form });
    }, { once: true });
  }));
  await el.getByRole('button', { name: 'Versturen' }).click();
  assert.deepEqual(await submitted, { blob: true, type: 'application/pdf', head: '%PDF-', form: 'overdracht' });
  step('llk-submit: detail.pdf is the signed PDF (Blob, application/pdf)');

  // An organisation's own key: PKCS#8 + PEM certificate (made by `llk pdf-keygen`) become
  // the signer; a key that does not match its certificate is refused.
  const keys = (name, dir) => {
    execFileSync(process.env.CARGO ?? 'cargo', ['run', '--quiet', '-p', 'llk-cli', '--', 'pdf-keygen',
      '--name', name, '--role', 'procesregisseur', '--org', 'ZVH Haaglanden', '-o', dir]);
    return { key: readFileSync(`${dir}/key.pem`, 'utf8'), cert: readFileSync(`${dir}/cert.pem`, 'utf8') };
  };
  const eva = keys('Eva de Vries', `${out}/keys-eva`);
  const other = keys('Iemand Anders', `${out}/keys-anders`);
  const importSigner = (key, cert) => page.evaluate(async ([k, c]) => {
    const kit = await import(new URL('levensloopkit.js', document.baseURI).href);
    return kit.importSigner(k, c);
  }, [key, cert]);
  assert.deepEqual(await importSigner(other.key, eva.cert), { ok: false, message: 'De sleutel hoort niet bij dit certificaat.' });
  assert.deepEqual(await importSigner(eva.key, eva.cert), { ok: true, message: 'De sleutel van Eva de Vries is ingesteld om mee te ondertekenen.' });
  await el.evaluate((e, v) => { e.reset(); e.value = v; }, answers);
  await toCheckPage(el);
  download = page.waitForEvent('download');
  await press(el, 'Ondertekenen');
  const evaFile = `${out}/overdracht-eva.pdf`;
  await (await download).saveAs(evaFile);
  assert.match(await settled(el), /^Ondertekend door Eva de Vries, procesregisseur, ZVH Haaglanden\./);
  const pdfsigEva = tool('pdfsig', [evaFile]);
  if (pdfsigEva) assert.match(pdfsigEva.text, /Signature is Valid\./);
  const pyhankoEva = tool('pyhanko', ['sign', 'validate', '--no-revocation-check', '--trust', `${out}/keys-eva/cert.pem`, '--trust-replace', evaFile]);
  if (pyhankoEva && !/No such command|not found/.test(pyhankoEva.text)) {
    assert.equal(pyhankoEva.code, 0, pyhankoEva.text);
    assert.match(pyhankoEva.text, /INTACT:TRUSTED/);
  }
  step('importSigner: PKCS#8 + certificate imported, mismatch refused; signed PDF valid');

  // The kit's verifier on the demo page: the signed file, and one with a flipped byte.
  const flipped = readFileSync(signedFile);
  flipped[1000] ^= 0x01; // inside the first signed range

  const flippedFile = `${out}/overdracht-gewijzigd.pdf`;
  writeFileSync(flippedFile, flipped);
  const verifier = page.locator('#ondertekening');
  const verify = verifier.locator('#llk-o-file');
  await verify.setInputFiles(signedFile);
  await verifier.getByText('Handtekening 1: Geldig').waitFor();
  let result = await verifier.locator('.llk-root').innerText();
  assert.match(result, /Door Noëlle Çelik, procesregisseur, Zorg- en Veiligheidshuis Gelderland-Midden/);
  await axe('verifier result (valid)', '#verify');
  await verify.setInputFiles(flippedFile);
  await verifier.getByText('Handtekening 1: Ongeldig').waitFor();
  result = await verifier.locator('.llk-root').innerText();
  assert.match(result, /Deze handtekening klopt niet/);
  const pdfsigFlipped = tool('pdfsig', [flippedFile]);
  if (pdfsigFlipped) assert.match(pdfsigFlipped.text, /Digest Mismatch/);
  await axe('verifier result (invalid)', '#verify');
  step('verifier: intact file "Geldig", flipped byte "Ongeldig" (pdfsig: Digest Mismatch)');

  // Benchmark: a signed 10-page levensloopplan, made in the browser (reported, not asserted).
  const plan = exampleOf('levensloopplan', 'gelderland');
  const bench = await page.evaluate(async (answers) => {
    const kit = await import(new URL('levensloopkit.js', document.baseURI).href);
    const pdf = await kit.loadModule('pdf');
    const long = answers.beeldvorming.persoon;
    // The PDF module's typed entry: the JSON text of a PdfJob in, [PdfReply text, Blob] out.
    const run = async (a) => {
      const job = JSON.stringify({ action: 'sign', form: 'levensloopplan', region: 'gelderland', answers: a, deliver: false });
      const [reply, blob] = await pdf.pdf_request(job, null);
      return { ...JSON.parse(reply), pdf: blob };
    };
    const refused = JSON.parse((await pdf.pdf_request(JSON.stringify({ action: 'Sign', form: 'levensloopplan', region: 'gelderland', answers: {} }), null))[0]);
    if (refused.ok || !/onbekend verzoek/.test(refused.message)) return { error: `an unknown action was not refused: ${JSON.stringify(refused)}` };
    let r;
    for (let n = 1; n < 200; n += 1) {
      answers.beeldvorming.persoon = Array(n * 4).fill(long).join(' ');
      r = await run(answers);
      if (!r.ok) return { error: r.message };
      if (r.pages >= 10) break;
    }
    const times = [];
    for (let k = 0; k < 5; k += 1) {
      const t = performance.now();
      r = await run(answers);
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    return { pages: r.pages, bytes: r.pdf.size, median: times[2], min: times[0], max: times[4] };
  }, plan);
  assert.ok(!bench.error, bench.error);
  assert.ok(bench.pages >= 10);
  step(`BENCH signed levensloopplan, ${bench.pages} pages, ${bench.bytes} bytes: median ${bench.median.toFixed(0)} ms (min ${bench.min.toFixed(0)}, max ${bench.max.toFixed(0)}; target ≤ 300 ms)`);
  writeFileSync(`${out}/pdf-bench.json`, JSON.stringify(bench, null, 2));

  assert.deepEqual(problems, [], 'no console errors, page errors or failed requests');
  await assertOwnRequests(page, requests, new URL(url).origin);

  // Failures, in a fresh page each: the module cannot load; WebCrypto is missing.
  const broken = await browser.newPage({ locale: 'nl-NL' });
  await broken.route('**/pkg/pdf_bg.wasm', (r) => r.abort());
  const errors = [];
  broken.on('pageerror', (e) => errors.push(e.message));
  let b = await overdrachtOnCheckPage(broken, url);
  await b.getByRole('button', { name: 'PDF downloaden' }).click();
  await broken.waitForFunction(() => /konden niet worden geladen/.test(document.getElementById('overdracht').shadowRoot.querySelector('.llk-pdf-actions__status').textContent));
  const llkError = await broken.evaluate(() => window.llkEvents.find((e) => e.type === 'llk-error' && e.detail.code === 'module'));
  assert.ok(llkError, 'llk-error {code: "module"} for the host');
  assert.deepEqual(errors, [], 'no page error when the module cannot load');
  step(`module missing: "${await b.locator('.llk-pdf-actions__status').innerText()}"`);
  await broken.close();

  const noCrypto = await browser.newPage({ locale: 'nl-NL' });
  await noCrypto.addInitScript(() => { Object.defineProperty(window.crypto, 'subtle', { value: undefined }); });
  b = await overdrachtOnCheckPage(noCrypto, url);
  await b.getByRole('button', { name: 'Ondertekenen' }).click();
  await noCrypto.waitForFunction(() => /Ondertekenen kan niet in deze browser/.test(document.getElementById('overdracht').shadowRoot.querySelector('.llk-pdf-actions__status').textContent));
  step(`no WebCrypto: "${await b.locator('.llk-pdf-actions__status').innerText()}"`);
  await noCrypto.close();

  const axeResult = finishAxe(report, 'axe-pdf.json');
  step(`axe: ${axeResult.states} states, ${axeResult.violations} violations`);
  console.log('pdf.mjs: all checks passed');
} catch (e) {
  await page.screenshot({ path: `${out}/pdf-failure.png`, fullPage: true }).catch(() => {});
  console.error(e);
  process.exitCode = 1;
} finally {
  await browser.close();
}
