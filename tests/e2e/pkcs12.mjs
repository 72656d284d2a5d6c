// An organisation's certificate: PKCS#12 files made here with the openssl CLI (OpenSSL 3's
// default AES-256/PBKDF2-SHA256 with an HMAC-SHA256 MAC, a SHA-1 MAC with AES-128, AES-192, the
// `-legacy` 3DES/RC2 one, RSA-1024 (too small), no key, no certificate, garbage) and an encrypted PKCS#8 key
// (PBKDF2-HMAC-SHA1) with a PEM certificate, imported through the dialog behind
// "Ondertekenen" → "Certificaat van uw organisatie gebruiken", by keyboard (the file itself
// is set as a file chooser would). Every bad input gets its Dutch message, shown and
// focused; the imported key is non-extractable and signs the PDF, which pdfsig and pyHanko
// (trusting the certificate) accept. Also the loader's importSigner(p12, { password }) and
// the PDF module's import_dialog(host). axe on every dialog state; nothing in the console.
//
//   node tests/e2e/pkcs12.mjs http://127.0.0.1:8000/     (run by `cargo xtask e2e`)

import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { out, step, launch, assertOwnRequests, axeRunner, finishAxe, tool, storedSigningKey, overdrachtOnCheckPage } from './lib.mjs';

const url = process.argv[2] ?? 'http://127.0.0.1:8000/';
const dir = `${out}/pkcs12`;
mkdirSync(dir, { recursive: true });

// ---- The files, as an organisation's exporter writes them ----
const openssl = (...args) => execFileSync('openssl', args, { stdio: ['ignore', 'pipe', 'pipe'] });
const PASSWORD = 'Zvh-geheim 2026';
function identity(name, cn, keyAlg) {
  openssl('req', '-x509', '-newkey', ...keyAlg, '-nodes', '-keyout', `${dir}/${name}-key.pem`,
    '-out', `${dir}/${name}-cert.pem`, '-days', '30',
    '-subj', `/CN=${cn}/title=procesregisseur/O=Zorg- en Veiligheidshuis Haaglanden`);
}
identity('ec', 'Fatima El Amrani', ['ec', '-pkeyopt', 'ec_paramgen_curve:P-256']);
identity('ec2', 'Bram de Groot', ['ec', '-pkeyopt', 'ec_paramgen_curve:P-256']);
// RSA keys of 2048–4096 bits sign (rsa.mjs); a 1024-bit one is refused.
identity('rsa', 'Ria Smit', ['rsa:1024']);
const p12 = (file, name, ...args) => openssl('pkcs12', '-export', '-inkey', `${dir}/${name}-key.pem`,
  '-in', `${dir}/${name}-cert.pem`, '-out', `${dir}/${file}`, '-passout', `pass:${PASSWORD}`, ...args);
p12('organisatie.p12', 'ec');
p12('sha1-mac.pfx', 'ec', '-macalg', 'sha1', '-keypbe', 'AES-128-CBC', '-certpbe', 'AES-128-CBC');
p12('aes192.p12', 'ec', '-keypbe', 'AES-192-CBC', '-certpbe', 'AES-192-CBC');
p12('legacy.p12', 'ec', '-legacy');
p12('rsa.p12', 'rsa');
openssl('pkcs12', '-export', '-nokeys', '-in', `${dir}/ec-cert.pem`, '-out', `${dir}/alleen-certificaat.p12`, '-passout', `pass:${PASSWORD}`);
openssl('pkcs12', '-export', '-nocerts', '-inkey', `${dir}/ec-key.pem`, '-out', `${dir}/alleen-sleutel.p12`, '-passout', `pass:${PASSWORD}`);
openssl('pkcs8', '-topk8', '-in', `${dir}/ec2-key.pem`, '-out', `${dir}/ec2-key-encrypted.pem`,
  '-v2', 'aes-128-cbc', '-v2prf', 'hmacWithSHA1', '-passout', `pass:${PASSWORD}`);
writeFileSync(`${dir}/kapot.p12`, readFileSync(`${dir}/organisatie.p12`).subarray(0, 300));
const infoRun = spawnSync('openssl', ['pkcs12', '-info', '-noout', '-in', `${dir}/organisatie.p12`, '-passin', `pass:${PASSWORD}`], { encoding: 'utf8' });
const info = `${infoRun.stdout}${infoRun.stderr}`;
assert.match(info, /MAC: sha256/);
assert.match(info, /PBES2, PBKDF2, AES-256-CBC/);
step(`openssl ${openssl('version').toString().trim()}: PKCS#12 files made (default: PBES2 AES-256-CBC, MAC HMAC-SHA256)`);

const { browser, page, problems, requests } = await launch();
const logged = [];
page.on('console', (m) => logged.push(`${m.type()}: ${m.text()}`));
const report = [];
const axe = axeRunner(page, report);
const strict = !!process.env.CI;


const inShadow = () => page.evaluate(() => {
  const a = document.activeElement?.shadowRoot?.activeElement;
  return a ? (a.id || a.textContent) : null;
});
const status = (el) => el.locator('.llk-pdf-actions__status');

try {
  const el = await overdrachtOnCheckPage(page, url);
  const signButton = el.locator('.llk-pdf-actions').getByRole('button', { name: 'Ondertekenen' });

  // By keyboard: "Ondertekenen", then the signer dialog's "Certificaat van uw organisatie
  // gebruiken", reached with Tab.
  async function openImport() {
    await signButton.focus();
    await page.keyboard.press('Enter');
    const first = el.locator('dialog.llk-dialog', { hasText: 'Uw gegevens voor de digitale handtekening' });
    await first.waitFor();
    for (let k = 0; k < 10 && (await inShadow()) !== 'Certificaat van uw organisatie gebruiken'; k++) {
      await page.keyboard.press('Tab');
    }
    assert.equal(await inShadow(), 'Certificaat van uw organisatie gebruiken');
    await page.keyboard.press('Enter');
    const dialog = el.locator('dialog.llk-dialog', { hasText: 'Certificaat van uw organisatie gebruiken' });
    await dialog.waitFor();
    await first.waitFor({ state: 'detached' });
    return dialog;
  }
  let dialog = await openImport();
  assert.equal(await inShadow(), 'llk-import-file', 'focus on the file field');
  await axe('import dialog', '#overdracht');
  step('Ondertekenen → "Certificaat van uw organisatie gebruiken" by keyboard: the import dialog, focus on the file field');

  const file = dialog.getByLabel('Bestand met sleutel en certificaat');
  const password = dialog.getByLabel('Wachtwoord van het bestand');
  /** Submits with Enter in the password field; resolves to the message shown, after
   *  checking it is in the summary (focused) and under `field`. */
  async function attempt(files, pw, field) {
    await file.setInputFiles(files.map((f) => `${dir}/${f}`));
    await password.fill(pw);
    await dialog.locator('.llk-error-summary a').evaluate((a) => { a.textContent = ''; });
    await password.press('Enter');
    await page.waitForFunction(() => {
      const d = document.getElementById('overdracht').shadowRoot.querySelector('dialog');
      return !d.querySelector('button[type=submit]').disabled && d.querySelector('.llk-error-summary a').textContent !== '';
    }, null, { timeout: 20000 });
    const message = await dialog.locator('.llk-error-summary a').textContent();
    assert.equal(await inShadow(), 'llk-import-summary', 'the error summary has focus');
    const input = field === 'password' ? password : file;
    const errorId = `${await input.getAttribute('id')}-error`;
    assert.equal(await input.getAttribute('aria-invalid'), 'true');
    assert.match(await input.getAttribute('aria-describedby'), new RegExp(`^${errorId} `));
    assert.equal(await dialog.locator(`#${errorId}`).textContent(), `Fout: ${message}`);
    return message;
  }

  let msg = await attempt([], '', 'file');
  assert.equal(msg, 'Kies het bestand met de sleutel en het certificaat van uw organisatie.');
  await axe('import dialog: no file', '#overdracht');
  msg = await attempt(['organisatie.p12'], '', 'password');
  assert.equal(msg, 'Vul het wachtwoord van het bestand in.');
  msg = await attempt(['organisatie.p12'], 'verkeerd', 'password');
  assert.equal(msg, 'Het wachtwoord klopt niet.');
  await axe('import dialog: wrong password', '#overdracht');
  step(`wrong password: "${msg}" in the summary (focused) and under the field`);
  msg = await attempt(['legacy.p12'], PASSWORD, 'file');
  assert.match(msg, /^Dit bestand is beveiligd met een verouderde versleuteling \(3DES of RC2\).*AES/);
  await axe('import dialog: legacy file', '#overdracht');
  step(`-legacy file: "${msg}"`);
  msg = await attempt(['legacy.p12'], 'verkeerd', 'password');
  assert.equal(msg, 'Het wachtwoord klopt niet.', 'a legacy file still checks the password (SHA-1 MAC)');
  msg = await attempt(['rsa.p12'], PASSWORD, 'file');
  assert.match(msg, /^Deze RSA-sleutel is 1024 bits\. levensloopkit ondertekent alleen met RSA-sleutels van 2048 tot en met 4096 bits/);
  step(`RSA-1024: "${msg}"`);
  msg = await attempt(['alleen-certificaat.p12'], PASSWORD, 'file');
  assert.match(msg, /^Het bestand bevat geen sleutel/);
  msg = await attempt(['alleen-sleutel.p12'], PASSWORD, 'file');
  assert.match(msg, /^Het bestand bevat geen certificaat/);
  msg = await attempt(['kapot.p12'], PASSWORD, 'file');
  assert.match(msg, /^Het bestand kon niet worden gelezen/);
  msg = await attempt(['ec2-key-encrypted.pem'], PASSWORD, 'file');
  assert.match(msg, /^Er is geen certificaat gekozen/);
  msg = await attempt(['ec-key.pem', 'ec2-cert.pem'], '', 'file');
  assert.equal(msg, 'De sleutel hoort niet bij dit certificaat.');
  step('no key, no certificate, corrupt, key without certificate, mismatched pair: each its message');

  // Esc cancels; focus back on "Ondertekenen"; nothing signed.
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  await page.waitForFunction(() => /Niet ondertekend/.test(document.getElementById('overdracht').shadowRoot.querySelector('.llk-pdf-actions__status').textContent));
  assert.equal(await inShadow(), 'Ondertekenen', 'focus back on "Ondertekenen"');
  step('Esc: dialog closed, focus back on "Ondertekenen", not signed');

  // The right password: imported, and the signing goes on with that key.
  dialog = await openImport();
  const download = page.waitForEvent('download');
  await file.setInputFiles(`${dir}/organisatie.p12`);
  await password.fill('verkeerd');
  await password.press('Enter');
  await dialog.getByText('Het wachtwoord klopt niet.').first().waitFor();
  await password.fill(PASSWORD);
  await password.press('Enter');
  const signed = `${dir}/overdracht-organisatie.pdf`;
  await (await download).saveAs(signed);
  await dialog.waitFor({ state: 'detached' });
  await page.waitForFunction(() => /^Ondertekend door/.test(document.getElementById('overdracht').shadowRoot.querySelector('.llk-pdf-actions__status').textContent));
  msg = await status(el).textContent();
  assert.match(msg, /^Ondertekend door Fatima El Amrani, procesregisseur, Zorg- en Veiligheidshuis Haaglanden\./);
  await axe('signed with the imported key', '#overdracht');
  step(`right password: imported; ${msg}`);

  const { cert: certLength, ...key } = await storedSigningKey(page);
  assert.ok(certLength > 200, "the certificate is stored with the key");
  assert.deepEqual(key, { type: 'private', extractable: false, curve: 'P-256', usages: ['sign'] });
  step(`the imported key: ${JSON.stringify(key)}`);

  const pdfsig = tool('pdfsig', [signed]);
  if (pdfsig) {
    assert.match(pdfsig.text, /Signature Validation: Signature is Valid\./, pdfsig.text);
    assert.match(pdfsig.text, /Fatima El Amrani/);
    step('pdfsig: Signature is Valid.');
  } else {
    assert.ok(!strict, 'pdfsig is needed under CI');
    step('pdfsig not installed: skipped');
  }
  const pyhanko = tool('pyhanko', ['sign', 'validate', '--no-revocation-check', '--trust', `${dir}/ec-cert.pem`, '--trust-replace', signed]);
  if (pyhanko && !/No such command|not found/.test(pyhanko.text)) {
    assert.equal(pyhanko.code, 0, pyhanko.text);
    assert.match(pyhanko.text, /INTACT:TRUSTED/, pyhanko.text);
    step(`pyhanko (trusting the certificate): ${pyhanko.text.split('\n').find((l) => /INTACT/.test(l))?.trim()}`);
  } else {
    assert.ok(!strict, 'pyhanko is needed under CI');
    step('pyhanko not installed: skipped');
  }

  // The loader: importSigner(p12, { password }), and the (key, certificate) form still.
  const importSigner = (a, b) => page.evaluate(async ([x, y]) => {
    const kit = await import(new URL('levensloopkit.js', document.baseURI).href);
    const bytes = (v) => (Array.isArray(v) ? new Uint8Array(v) : v);
    return kit.importSigner(bytes(x), y && y.password !== undefined ? y : bytes(y));
  }, [a, b]);
  const raw = (f) => [...readFileSync(`${dir}/${f}`)];
  assert.deepEqual(await importSigner(raw('organisatie.p12'), { password: 'verkeerd' }), { ok: false, message: 'Het wachtwoord klopt niet.' });
  assert.match((await importSigner(raw('legacy.p12'), { password: PASSWORD })).message, /verouderde versleuteling/);
  // Chromium's WebCrypto has no AES-192: said so, with how to export again.
  assert.match((await importSigner(raw('aes192.p12'), { password: PASSWORD })).message, /^Dit bestand is versleuteld met AES-192, dat deze browser niet ondersteunt\./);
  assert.deepEqual(await importSigner(raw('sha1-mac.pfx'), { password: PASSWORD }),
    { ok: true, message: 'De sleutel van Fatima El Amrani is ingesteld om mee te ondertekenen.' });
  assert.deepEqual(await importSigner(readFileSync(`${dir}/ec2-key.pem`, 'utf8'), readFileSync(`${dir}/ec2-cert.pem`, 'utf8')),
    { ok: true, message: 'De sleutel van Bram de Groot is ingesteld om mee te ondertekenen.' });
  step('importSigner: (p12, { password }) with a SHA-1 MAC and AES-128; wrong password, legacy and AES-192 refused; (key, cert) still works');

  // The PDF module's import_dialog(host), as <llk-ondertekening> calls it: an encrypted
  // PKCS#8 key (PBKDF2-HMAC-SHA1) and its certificate, two files.
  const result = page.evaluate(async () => {
    const kit = await import(new URL('levensloopkit.js', document.baseURI).href);
    return (await kit.loadModule('pdf')).import_dialog(document.getElementById('overdracht'));
  });
  dialog = el.locator('dialog.llk-dialog', { hasText: 'Certificaat van uw organisatie gebruiken' });
  await dialog.waitFor();
  await file.setInputFiles([`${dir}/ec2-key-encrypted.pem`, `${dir}/ec2-cert.pem`]);
  await password.fill('verkeerd');
  await password.press('Enter');
  await dialog.getByText('Het wachtwoord klopt niet.').first().waitFor();
  await password.fill(PASSWORD);
  await password.press('Enter');
  assert.deepEqual(await result, { ok: true, message: 'De sleutel van Bram de Groot is ingesteld om mee te ondertekenen.' });
  await signButton.focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => /^Ondertekend door Bram de Groot/.test(document.getElementById('overdracht').shadowRoot.querySelector('.llk-pdf-actions__status').textContent));
  step('import_dialog(host): encrypted PKCS#8 + certificate; signing uses it');
  const cancelled = page.evaluate(async () => {
    const kit = await import(new URL('levensloopkit.js', document.baseURI).href);
    return (await kit.loadModule('pdf')).import_dialog(document.getElementById('overdracht'));
  });
  await dialog.waitFor();
  await dialog.getByRole('button', { name: 'Annuleren' }).press('Enter');
  assert.equal((await cancelled).ok, false);

  assert.deepEqual(problems, [], 'no console errors, page errors or failed requests');
  assert.deepEqual(logged, [], 'nothing logged to the console');
  await assertOwnRequests(page, requests, new URL(url).origin);
  const axeResult = finishAxe(report, 'axe-pkcs12.json');
  step(`axe: ${axeResult.states} states, ${axeResult.violations} violations`);
  console.log('pkcs12.mjs: all checks passed');
} catch (e) {
  await page.screenshot({ path: `${out}/pkcs12-failure.png`, fullPage: true }).catch(() => {});
  if (process.env.LLK_DEBUG) console.error(await page.evaluate(() => document.getElementById('overdracht').shadowRoot.querySelector('dialog')?.outerHTML).catch(() => ''));
  console.error(e);
  process.exitCode = 1;
} finally {
  await browser.close();
}
