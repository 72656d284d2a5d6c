// RSA keys and trust anchors in the browser (issue 13, part 4). openssl makes a chain here:
// a root CA → an intermediate → signers with RSA-2048 and RSA-4096 keys, a signer whose
// certificate expired in 2021 (`openssl ca -startdate/-enddate`), another root, and a
// 1024-bit key. Each signer is imported as PKCS#12 (the intermediate inside) through the
// import dialog by keyboard and as PKCS#8 PEM + certificate chain PEM, and signs the
// overdracht on the demo page; pdfsig and pyHanko (trusting the root) accept every PDF.
// Then `setTrustAnchors` and the verdicts, in `verifyPdf` and in `<llk-ondertekening>`:
// vertrouwd, niet vertrouwd (another root), verlopen of nog niet geldig, and without
// anchors the sentence that the kit cannot tell who signed; unreadable anchors refused.
// The 1024-bit key is refused with its Dutch message; a P-256 signer stored before RSA (no
// `alg`, no chain in its record) still signs. axe on every new state; nothing in
// the console. The RSA-2048 key also countersigns (as <llk-ondertekening> does) after the
// RSA-4096 one; pdfsig and pyHanko accept both.
//
//   node tests/e2e/rsa.mjs http://127.0.0.1:8000/     (run by `cargo xtask e2e`)

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { out, step, launch, assertOwnRequests, axeRunner, finishAxe, tool, overdrachtOnCheckPage } from './lib.mjs';

const url = process.argv[2] ?? 'http://127.0.0.1:8000/';
const dir = `${out}/rsa`;
rmSync(dir, { recursive: true, force: true });
mkdirSync(`${dir}/ca/new`, { recursive: true });
const strict = !!process.env.CI;

// ---- The chain, as an organisation's PKI issues it ----
const openssl = (...args) => execFileSync('openssl', args, { stdio: ['ignore', 'pipe', 'pipe'] });
const p = (name) => `${dir}/${name}`;
const read = (name) => readFileSync(p(name), 'utf8');
const PASSWORD = 'Zvh-geheim 2026';
writeFileSync(p('ext.cnf'), '[ca]\nbasicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n[signer]\nbasicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n');
function root(name, cn) {
  openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', p(`${name}.key`), '-out', p(`${name}.pem`),
    '-subj', `/CN=${cn}/O=Testwortel`, '-days', '3650',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
}
let serial = 100;
function issue(name, subject, bits, issuer, section) {
  openssl('req', '-new', '-newkey', `rsa:${bits}`, '-nodes', '-keyout', p(`${name}.key`), '-out', p(`${name}.csr`), '-subj', subject);
  serial += 1;
  openssl('x509', '-req', '-in', p(`${name}.csr`), '-CA', p(`${issuer}.pem`), '-CAkey', p(`${issuer}.key`),
    '-set_serial', String(serial), '-days', '365', '-sha256', '-extfile', p('ext.cnf'), '-extensions', section, '-out', p(`${name}.pem`));
}
const ZVH = 'Zorg- en Veiligheidshuis Haaglanden';
root('wortel', 'Test Wortel-CA');
root('ander', 'Test Andere CA');
issue('tussen', '/CN=Test Tussen-CA/O=Testwortel', 2048, 'wortel', 'ca');
issue('s2048', `/CN=Sanne de Wit/title=procesregisseur/O=${ZVH}`, 2048, 'tussen', 'signer');
issue('s4096', `/CN=Joris Bakker/title=procesregisseur/O=${ZVH}`, 4096, 'tussen', 'signer');
// A certificate that expired in 2021, by `openssl ca` (OpenSSL 3's `x509 -req` cannot date
// one in the past), with a minimal CA configuration.
writeFileSync(p('ca/index.txt'), '');
writeFileSync(p('ca/serial'), '1000\n');
writeFileSync(p('ca.cnf'), `[ca]\ndefault_ca = kit\n[kit]\ndatabase = ${dir}/ca/index.txt\nnew_certs_dir = ${dir}/ca/new\nserial = ${dir}/ca/serial\ndefault_md = sha256\npolicy = any\nunique_subject = no\n[any]\ncommonName = supplied\n[signer]\nbasicConstraints = critical,CA:FALSE\nkeyUsage = critical,digitalSignature,nonRepudiation\n`);
openssl('req', '-new', '-newkey', 'rsa:2048', '-nodes', '-keyout', p('oud.key'), '-out', p('oud.csr'), '-subj', '/CN=Oud Certificaat');
openssl('ca', '-batch', '-config', p('ca.cnf'), '-cert', p('tussen.pem'), '-keyfile', p('tussen.key'), '-in', p('oud.csr'),
  '-out', p('oud.pem'), '-startdate', '20200101000000Z', '-enddate', '20210101000000Z', '-extensions', 'signer', '-notext');
openssl('req', '-x509', '-newkey', 'rsa:1024', '-nodes', '-keyout', p('klein.key'), '-out', p('klein.pem'), '-days', '30', '-subj', '/CN=Klein Sleuteltje');
for (const name of ['s2048', 's4096', 'oud']) {
  writeFileSync(p(`${name}-chain.pem`), read(`${name}.pem`) + read('tussen.pem'));
  openssl('pkcs12', '-export', '-inkey', p(`${name}.key`), '-in', p(`${name}.pem`), '-certfile', p('tussen.pem'),
    '-out', p(`${name}.p12`), '-passout', `pass:${PASSWORD}`);
}
assert.match(read('s2048.key'), /^-----BEGIN PRIVATE KEY-----/, 'openssl writes PKCS#8');
step(`openssl ${openssl('version').toString().trim()}: root → intermediate → RSA-2048 and RSA-4096 signers, an expired signer, another root, a 1024-bit key`);

const { browser, page, problems, requests } = await launch();
const logged = [];
page.on('console', (m) => logged.push(`${m.type()}: ${m.text()}`));
const report = [];
const axe = axeRunner(page, report);

const inShadow = () => page.evaluate(() => {
  const a = document.activeElement?.shadowRoot?.activeElement;
  return a ? (a.id || a.textContent) : null;
});
/** The loader's export `name` called in the page with `args` (files as text or bytes). */
const kit = (name, ...args) => page.evaluate(async ([n, a]) => {
  const k = await import(new URL('levensloopkit.js', document.baseURI).href);
  const arg = (v) => (v && v.bytes ? new Uint8Array(v.bytes) : Array.isArray(v) ? v.map(arg) : v);
  return k[n](...a.map(arg));
}, [name, args]);
const bytesOf = (file) => ({ bytes: [...readFileSync(file)] });

function pdfsigValid(file) {
  const r = tool('pdfsig', [file]);
  if (!r) { assert.ok(!strict, 'pdfsig is needed under CI'); return 'pdfsig not installed: skipped'; }
  assert.match(r.text, /Signature Validation: Signature is Valid\./, r.text);
  return 'pdfsig: Signature is Valid.';
}
function pyhankoTrusted(file) {
  const r = tool('pyhanko', ['sign', 'validate', '--no-revocation-check', '--trust', p('wortel.pem'), '--trust-replace', file]);
  if (!r || /No such command|not found/.test(r.text)) { assert.ok(!strict, 'pyhanko is needed under CI'); return 'pyhanko not installed: skipped'; }
  assert.equal(r.code, 0, r.text);
  assert.match(r.text, /INTACT:TRUSTED/, r.text);
  return `pyHanko (--trust root): ${r.text.split('\n').find((l) => /INTACT/.test(l))?.trim()}`;
}

try {
  const el = await overdrachtOnCheckPage(page, url);
  const signButton = el.locator('.llk-pdf-actions').getByRole('button', { name: 'Ondertekenen' });
  const importDialog = el.locator('dialog.llk-dialog', { hasText: 'Certificaat van uw organisatie gebruiken' });
  const file = importDialog.getByLabel('Bestand met sleutel en certificaat');
  const password = importDialog.getByLabel('Wachtwoord van het bestand');
  const statusText = () => el.locator('.llk-pdf-actions__status').textContent();

  /** "Ondertekenen" by keyboard; resolves to the signed PDF's path once the status says
   *  who signed. */
  async function signAs(name, saveAs) {
    const download = page.waitForEvent('download');
    await signButton.focus();
    await page.keyboard.press('Enter');
    await (await download).saveAs(p(saveAs));
    await page.waitForFunction((n) => document.getElementById('overdracht').shadowRoot
      .querySelector('.llk-pdf-actions__status').textContent.startsWith(`Ondertekend door ${n}`), name);
    return p(saveAs);
  }
  /** The PDF module's import dialog, as `<llk-ondertekening>` opens it: resolves to `{ ok, message }`. */
  const openDialog = () => page.evaluate(async () => {
    const k = await import(new URL('levensloopkit.js', document.baseURI).href);
    return (await k.loadModule('pdf')).import_dialog(document.getElementById('overdracht'));
  });
  /** The stored key as the browser describes it (never its bytes) and its chain's length. */
  const storedKey = () => page.evaluate(() => new Promise((resolve, reject) => {
    const open = indexedDB.open('levensloopkit-ondertekening');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const get = open.result.transaction('ondertekenaar').objectStore('ondertekenaar').get('standaard');
      get.onsuccess = () => {
        const { key, chain, alg } = get.result;
        resolve({ name: key.algorithm.name, bits: key.algorithm.modulusLength, hash: key.algorithm.hash?.name,
          extractable: key.extractable, usages: key.usages, chain: chain.length, alg });
      };
    };
  }));

  // ---- RSA-2048 as PKCS#12, by keyboard: Ondertekenen → "Certificaat van uw organisatie gebruiken" ----
  await signButton.focus();
  await page.keyboard.press('Enter');
  const first = el.locator('dialog.llk-dialog', { hasText: 'Uw gegevens voor de digitale handtekening' });
  await first.waitFor();
  for (let k = 0; k < 10 && (await inShadow()) !== 'Certificaat van uw organisatie gebruiken'; k++) await page.keyboard.press('Tab');
  assert.equal(await inShadow(), 'Certificaat van uw organisatie gebruiken');
  const download1 = page.waitForEvent('download');
  await page.keyboard.press('Enter');
  await importDialog.waitFor();
  assert.equal(await inShadow(), 'llk-import-file', 'focus on the file field');
  await file.setInputFiles(p('s2048.p12'));
  await page.keyboard.press('Tab');
  await page.keyboard.type(PASSWORD);
  await page.keyboard.press('Enter');
  await (await download1).saveAs(p('overdracht-rsa2048-p12.pdf'));
  await importDialog.waitFor({ state: 'detached' });
  await page.waitForFunction(() => /^Ondertekend door Sanne de Wit/.test(document.getElementById('overdracht').shadowRoot.querySelector('.llk-pdf-actions__status').textContent));
  assert.match(await statusText(), /^Ondertekend door Sanne de Wit, procesregisseur, Zorg- en Veiligheidshuis Haaglanden\./);
  await axe('signed with an imported RSA-2048 key', '#overdracht');
  assert.deepEqual(await storedKey(), { name: 'RSASSA-PKCS1-v1_5', bits: 2048, hash: 'SHA-256', extractable: false, usages: ['sign'], chain: 1, alg: 'rsa' });
  step(`RSA-2048 PKCS#12 by keyboard: stored non-extractable RSASSA-PKCS1-v1_5/SHA-256 with the intermediate; ${pdfsigValid(p('overdracht-rsa2048-p12.pdf'))}; ${pyhankoTrusted(p('overdracht-rsa2048-p12.pdf'))}`);

  // ---- RSA-4096 as PKCS#8 PEM + chain PEM, through importSigner ----
  assert.deepEqual(await kit('importSigner', read('s4096.key'), read('s4096-chain.pem')),
    { ok: true, message: 'De sleutel van Joris Bakker is ingesteld om mee te ondertekenen.' });
  assert.deepEqual(await storedKey(), { name: 'RSASSA-PKCS1-v1_5', bits: 4096, hash: 'SHA-256', extractable: false, usages: ['sign'], chain: 1, alg: 'rsa' });
  const pem4096 = await signAs('Joris Bakker', 'overdracht-rsa4096-pem.pdf');
  step(`RSA-4096 PEM key + chain PEM (importSigner): ${pdfsigValid(pem4096)}; ${pyhankoTrusted(pem4096)}`);

  // ---- RSA-4096 as PKCS#12 and RSA-2048 as two PEM files, through the dialog ----
  let result = openDialog();
  await importDialog.waitFor();
  await file.setInputFiles(p('s4096.p12'));
  await password.fill(PASSWORD);
  await password.press('Enter');
  assert.equal((await result).ok, true);
  const p12_4096 = await signAs('Joris Bakker', 'overdracht-rsa4096-p12.pdf');
  step(`RSA-4096 PKCS#12 (dialog): ${pdfsigValid(p12_4096)}; ${pyhankoTrusted(p12_4096)}`);
  result = openDialog();
  await importDialog.waitFor();
  await file.setInputFiles([p('s2048.key'), p('s2048-chain.pem')]);
  await password.press('Enter');
  assert.equal((await result).ok, true);
  const pem2048 = await signAs('Sanne de Wit', 'overdracht-rsa2048-pem.pdf');
  step(`RSA-2048 PEM key + chain PEM (dialog): ${pdfsigValid(pem2048)}; ${pyhankoTrusted(pem2048)}`);

  // ---- <llk-ondertekening>'s countersignature with the RSA-2048 key, after the RSA-4096 one ----
  const cosigned = await page.evaluate(async (bytes) => {
    const k = await import(new URL('levensloopkit.js', document.baseURI).href);
    const r = await (await k.loadModule('pdf')).countersign_pdf(new Uint8Array(bytes), null, document.getElementById('ondertekening'));
    return { ok: r.ok, message: r.message, pdf: r.pdf ? [...new Uint8Array(await r.pdf.arrayBuffer())] : null };
  }, [...readFileSync(pem4096)]);
  assert.equal(cosigned.ok, true, cosigned.message);
  writeFileSync(p('overdracht-medeondertekend.pdf'), Buffer.from(cosigned.pdf));
  const twice = tool('pdfsig', [p('overdracht-medeondertekend.pdf')]);
  if (twice) assert.equal(twice.text.match(/Signature is Valid\./g)?.length ?? 0, 2, twice.text);
  const both = tool('pyhanko', ['sign', 'validate', '--no-revocation-check', '--trust', p('wortel.pem'), '--trust-replace', p('overdracht-medeondertekend.pdf')]);
  if (both && !/No such command|not found/.test(both.text)) assert.equal(both.text.match(/INTACT:TRUSTED/g)?.length ?? 0, 2, both.text);
  step(`countersigned with RSA-2048 after RSA-4096: "${cosigned.message}"; pdfsig 2× "Signature is Valid."; pyHanko 2× INTACT:TRUSTED`);

  // ---- A 1024-bit key: refused with its message, in the dialog and from importSigner ----
  result = openDialog();
  await importDialog.waitFor();
  await file.setInputFiles([p('klein.key'), p('klein.pem')]);
  await password.press('Enter');
  await importDialog.locator('.llk-error-summary a').filter({ hasText: /RSA/ }).waitFor();
  const small = await importDialog.locator('.llk-error-summary a').textContent();
  assert.match(small, /^Deze RSA-sleutel is 1024 bits\. levensloopkit ondertekent alleen met RSA-sleutels van 2048 tot en met 4096 bits/);
  assert.equal(await inShadow(), 'llk-import-summary', 'the error summary has focus');
  await axe('import dialog: a 1024-bit key', '#overdracht');
  await page.keyboard.press('Escape');
  assert.equal((await result).ok, false);
  assert.deepEqual(await kit('importSigner', read('klein.key'), read('klein.pem')), { ok: false, message: small });
  assert.equal((await storedKey()).bits, 2048, 'the signer before stays');
  step(`1024-bit key: "${small}"`);

  // ---- The expired signer signs today ----
  assert.equal((await kit('importSigner', read('oud.key'), read('oud-chain.pem'))).ok, true);
  const expired = await signAs('Oud Certificaat', 'overdracht-verlopen.pdf');
  step('the signer whose certificate expired in 2021 signed an overdracht');

  // ---- Trust: verifyPdf and <llk-ondertekening> on the demo page ----
  const verify = async (f) => kit('verifyPdf', bytesOf(f));
  let [r] = await verify(p12_4096);
  assert.equal(r.verdict, 'onbekend');
  assert.equal(r.trust, 'Er zijn geen vertrouwde certificaten ingesteld: levensloopkit kan niet zeggen wie dit ondertekende.');
  assert.ok(r.intact && r.message.startsWith('Geldig: ondertekend door Joris Bakker'), r.message);
  const demo = page.locator('#ondertekening');
  const verdictShown = async (f, verdict) => {
    await demo.locator('#llk-o-file').setInputFiles(f);
    await demo.locator('.llk-ondertekening__trust', { hasText: `Vertrouwen: ${verdict}` }).first().waitFor();
    return demo.locator('.llk-ondertekening__list').innerText();
  };
  let shown = await verdictShown(p12_4096, 'onbekend');
  assert.match(shown, /Er zijn geen vertrouwde certificaten ingesteld: levensloopkit kan niet zeggen wie dit ondertekende\./);
  await axe('ondertekening: no anchors', '#verify');
  step('no anchors: verifyPdf and the element say the kit cannot tell who signed');

  // Unreadable anchors: refused, nothing changed.
  let set = await kit('setTrustAnchors', 'geen certificaat');
  assert.deepEqual(set, { ok: false, count: 0, message: 'Vertrouwd certificaat 1 is geen leesbaar X.509-certificaat (anchor 1: not an X.509 certificate).' });
  set = await kit('setTrustAnchors', '-----BEGIN CERTIFICATE-----\n*kapot*\n-----END CERTIFICATE-----\n');
  assert.deepEqual(set, { ok: false, count: 0, message: 'Vertrouwd certificaat 1 bevat geen certificaat (‘-----BEGIN CERTIFICATE-----’) (anchor 1: no PEM certificate).' });
  set = await kit('setTrustAnchors', [read('wortel.pem'), { bytes: [0x30, 0x03, 0x02, 0x01, 0x01] }]);
  assert.deepEqual(set, { ok: false, count: 0, message: 'Vertrouwd certificaat 2 is geen leesbaar X.509-certificaat (anchor 2: not an X.509 certificate).' });
  set = await kit('setTrustAnchors', 42);
  assert.equal(set.ok, false);
  assert.match(set.message, /^Vertrouwd certificaat 1 kon niet worden gelezen/);
  step(`unreadable anchors refused: "${set.message}"`);

  // The root as anchor (PEM text with two certificates, and a DER Blob: three in all, the
  // same root once).
  const rootDer = openssl('x509', '-in', p('wortel.pem'), '-outform', 'DER');
  set = await page.evaluate(async ([pem, der]) => {
    const k = await import(new URL('levensloopkit.js', document.baseURI).href);
    return k.setTrustAnchors([pem, new Blob([new Uint8Array(der)])]);
  }, [read('wortel.pem') + read('tussen.pem'), [...rootDer]]);
  assert.deepEqual(set, { ok: true, count: 2, message: 'Vertrouwde certificaten ingesteld: 2 (2 trust anchors set).' });
  for (const f of [p('overdracht-rsa2048-p12.pdf'), pem4096, p12_4096, pem2048]) {
    [r] = await verify(f);
    assert.equal(r.verdict, 'vertrouwd', `${f}: ${r.trust}`);
  }
  set = await kit('setTrustAnchors', read('wortel.pem'));
  assert.equal(set.count, 1);
  [r] = await verify(p12_4096);
  assert.equal(r.verdict, 'vertrouwd');
  assert.deepEqual(r.chain, [`Joris Bakker, ${ZVH}`, 'Test Tussen-CA, Testwortel', 'Test Wortel-CA, Testwortel']);
  assert.match(r.trust, /^Vertrouwd: ondertekend door Joris Bakker \(procesregisseur, Zorg- en Veiligheidshuis Haaglanden\); het certificaat leidt naar Test Wortel-CA/);
  shown = await verdictShown(p('overdracht-rsa2048-p12.pdf'), 'vertrouwd');
  assert.match(shown, /Certificaatketen: Sanne de Wit, Zorg- en Veiligheidshuis Haaglanden → Test Tussen-CA, Testwortel → Test Wortel-CA, Testwortel/);
  await axe('ondertekening: vertrouwd', '#verify');
  step(`root as anchor: every RSA PDF "vertrouwd"; the element shows "${shown.split('\n').find((l) => l.startsWith('Vertrouwd:'))}"`);

  [r] = await verify(expired);
  assert.equal(r.verdict, 'verlopen of nog niet geldig', r.trust);
  shown = await verdictShown(expired, 'verlopen of nog niet geldig');
  assert.match(shown, /Verlopen: de handtekening van Oud Certificaat is intact, maar een certificaat in de keten was bij het ondertekenen verlopen of nog niet geldig\./);
  await axe('ondertekening: verlopen', '#verify');
  step('expired certificate: "verlopen of nog niet geldig"');

  set = await kit('setTrustAnchors', bytesOf(p('ander.pem')));
  assert.equal(set.ok, true);
  [r] = await verify(pem4096);
  assert.equal(r.verdict, 'niet vertrouwd');
  assert.deepEqual(r.chain, []);
  shown = await verdictShown(pem4096, 'niet vertrouwd');
  assert.match(shown, /Niet vertrouwd: de handtekening van Joris Bakker .* is intact, maar het certificaat leidt niet naar een certificaat dat u vertrouwt\./);
  await axe('ondertekening: niet vertrouwd', '#verify');
  step('another root as anchor: "niet vertrouwd"');

  // A flipped byte: gebroken.
  const bytes = readFileSync(pem4096);
  const at = bytes.indexOf('/Contents <') - 400;
  bytes[at] ^= 0x01;
  writeFileSync(p('gebroken.pdf'), bytes);
  await kit('setTrustAnchors', read('wortel.pem'));
  [r] = await verify(p('gebroken.pdf'));
  assert.equal(r.verdict, 'gebroken');
  await verdictShown(p('gebroken.pdf'), 'gebroken');
  await axe('ondertekening: gebroken', '#verify');
  assert.deepEqual(await kit('setTrustAnchors', []), { ok: true, count: 0, message: 'Er zijn geen vertrouwde certificaten meer ingesteld (no trust anchors).' });
  step('a flipped byte: "gebroken"; [] removes the anchors');

  // A signer stored before RSA keys (a record { key, cert }: no alg, no chain) still signs.
  openssl('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', p('ec.key'),
    '-out', p('ec.pem'), '-days', '30', '-subj', `/CN=Eef Oud/O=${ZVH}`);
  assert.equal((await kit('importSigner', read('ec.key'), read('ec.pem'))).ok, true);
  await page.evaluate(() => new Promise((resolve, reject) => {
    const open = indexedDB.open('levensloopkit-ondertekening');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const store = open.result.transaction('ondertekenaar', 'readwrite').objectStore('ondertekenaar');
      const get = store.get('standaard');
      get.onsuccess = () => {
        const { key, cert } = get.result;
        const put = store.put({ key, cert }, 'standaard');
        put.onsuccess = () => { open.result.close(); resolve(); };
        put.onerror = () => reject(put.error);
      };
    };
  }));
  const old = await signAs('Eef Oud', 'overdracht-p256-oud-record.pdf');
  [r] = await verify(old);
  assert.ok(r.intact, r.message);
  step(`a P-256 signer stored as before (no alg, no chain) signs: ${pdfsigValid(old)}`);

  assert.deepEqual(problems, [], 'no console errors, page errors or failed requests');
  assert.deepEqual(logged, [], 'nothing logged to the console');
  await assertOwnRequests(page, requests, new URL(url).origin);
  const axeResult = finishAxe(report, 'axe-rsa.json');
  step(`axe: ${axeResult.states} states, ${axeResult.violations} violations`);
  console.log('rsa.mjs: all checks passed');
} catch (e) {
  await page.screenshot({ path: `${out}/rsa-failure.png`, fullPage: true }).catch(() => {});
  console.error(e);
  process.exitCode = 1;
} finally {
  await browser.close();
}
