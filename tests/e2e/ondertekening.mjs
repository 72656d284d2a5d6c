// <llk-ondertekening>: a second signer in another browser profile. Browser context A fills
// and signs an overdracht on the demo page ("Ondertekenen") and downloads it; context B, a
// different profile and so a different key, opens examples/ondertekening.html, loads that
// PDF (one intact signature), draws a signature, countersigns and downloads; pdfsig and
// pyHanko accept both signatures; the element re-verifies two; a flipped byte is
// "Ongeldig" and countersigning is refused; garbage and truncated files get a Dutch
// message, never a crash; the hostile PDFs of tests/hostile/ (and a signed PDF whose
// cross-reference chain loops) are refused with their Dutch reason within a bound; the signer can be forgotten; context C does it all by keyboard;
// context D verifies and countersigns a PDF with object streams that pyHanko signed.
// axe on every state.
//
//   node tests/e2e/ondertekening.mjs http://127.0.0.1:8000/     (run by `cargo xtask e2e`)

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { out, step, launch, assertOwnRequests, axeRunner, finishAxe, tool, overdrachtOnCheckPage, fillSigner } from './lib.mjs';

const url = process.argv[2] ?? 'http://127.0.0.1:8000/';
const example = new URL('examples/ondertekening.html', url).href;
const { browser, page, problems, requests } = await launch();
const report = [];
const strict = !!process.env.CI;


/** The PDF module's countersign_pdf on `bytes` in page `p`, without a drawn signature, as
 *  <llk-ondertekening> calls it: `{ ok, message, … }`. */
function countersignIn(p, bytes) {
  return p.evaluate(async (b) => {
    const kit = await import(new URL('../levensloopkit.js', document.baseURI).href);
    const pdf = await kit.loadModule('pdf');
    return pdf.countersign_pdf(new Uint8Array(b), null, document.getElementById('ondertekening'));
  }, Array.from(bytes));
}

/** A page in a browser context of its own (its own IndexedDB: its own signing key), with
 *  page errors, console errors and failed requests recorded in `problems`. */
async function profile() {
  const p = await browser.newPage({ viewport: { width: 1280, height: 1000 }, locale: 'nl-NL', acceptDownloads: true });
  p.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  p.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  p.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
  p.on('request', (r) => requests.push(r.url()));
  await p.addInitScript(() => {
    window.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.cspViolations.push(`${e.violatedDirective}: ${e.blockedURI || 'inline'}`));
  });
  return p;
}

/** This profile's signing certificate, as PEM (for pyHanko's --trust). */
async function certificateOf(p, file) {
  const der = await p.evaluate(() => new Promise((resolve, reject) => {
    const open = indexedDB.open('levensloopkit-ondertekening');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const get = open.result.transaction('ondertekenaar').objectStore('ondertekenaar').get('standaard');
      get.onsuccess = () => resolve(Array.from(get.result.cert));
    };
  }));
  const b64 = Buffer.from(der).toString('base64').replace(/.{64}/g, '$&\n');
  writeFileSync(file, `-----BEGIN CERTIFICATE-----\n${b64}\n-----END CERTIFICATE-----\n`);
  return file;
}

/** The text of what has focus, through shadow roots. */
const focused = (p) => p.evaluate(() => {
  let a = document.activeElement;
  while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
  return { tag: a?.localName, id: a?.id, text: (a?.textContent ?? '').trim().slice(0, 80) };
});

function pdfsigSays(file, n) {
  const r = tool('pdfsig', [file]);
  if (!r) { assert.ok(!strict, 'pdfsig is needed under CI'); return 'pdfsig not installed: skipped'; }
  assert.equal(r.text.match(/Signature is Valid\./g)?.length ?? 0, n, r.text);
  const last = r.text.split('Signature #').pop();
  assert.match(last, /Total document signed/, r.text);
  return `pdfsig: ${n}× "Signature is Valid.", the last "Total document signed"`;
}

try {
  // ---- A: signs an overdracht on the demo page ----
  const form = await overdrachtOnCheckPage(page, url);
  await form.locator('.llk-pdf-actions').getByRole('button', { name: 'Ondertekenen' }).click();
  const dialogA = form.locator('dialog.llk-dialog');
  await fillSigner(dialogA, { naam: 'Noëlle Çelik', functie: 'procesregisseur', organisatie: 'Zorg- en Veiligheidshuis Gelderland-Midden' });
  let download = page.waitForEvent('download');
  await dialogA.getByRole('button', { name: 'Sleutel maken en ondertekenen' }).click();
  const signedA = `${out}/o-overdracht-ondertekend.pdf`;
  await (await download).saveAs(signedA);
  const certA = await certificateOf(page, `${out}/o-cert-a.pem`);
  step(`A signed the overdracht: ${pdfsigSays(signedA, 1)}`);

  // The demo page has the element too, in place of its old verifier.
  const demoEl = page.locator('#ondertekening');
  await demoEl.locator('#llk-o-file').setInputFiles(signedA);
  await demoEl.getByText('Handtekening 1: Geldig').waitFor();
  await demoEl.getByText('Noëlle Çelik').first().waitFor();
  const axeA = axeRunner(page, report);
  await axeA('demo: element with a verified PDF', '#verify');
  step('demo page: <llk-ondertekening> verifies the signed overdracht');

  // ---- B: another profile countersigns, with a drawn signature ----
  const b = await profile();
  const axe = axeRunner(b, report);
  await b.goto(example);
  const el = b.locator('#ondertekening');
  await el.locator('#llk-o-file').waitFor();
  await el.getByText(/^Nog geen\./).waitFor();
  // The kit's base stylesheet comes from the UI module through the loader (`kit_css`):
  // the shadow root adopts it before the element's own sheet, and it styles the button.
  const sheets = await b.evaluate(() => {
    const root = document.getElementById('ondertekening').shadowRoot;
    const [kit, own] = root.adoptedStyleSheets;
    return { kit: kit?.cssRules.length ?? 0, own: own?.cssRules.length ?? 0, kitText: kit ? [...kit.cssRules].map((r) => r.cssText).join('\n') : '' };
  });
  assert.ok(sheets.kit > 50 && sheets.own > 5, `adopted sheets: kit ${sheets.kit} rules, own ${sheets.own}`);
  assert.match(sheets.kitText, /\.llk-button/);
  await axe('initial', 'main');
  await el.locator('#llk-o-file').setInputFiles(signedA);
  await el.getByText('Handtekening 1: Geldig').waitFor();
  let text = await el.locator('.llk-root').innerText();
  assert.match(text, /o-overdracht-ondertekend\.pdf heeft 1 handtekening; die is geldig\./);
  assert.match(text, /Door Noëlle Çelik, procesregisseur, Zorg- en Veiligheidshuis Gelderland-Midden/);
  assert.match(text, /Het hele document is ondertekend/);
  await axe('one intact signature', 'main');
  step('B: one intact signature, who and when');

  // Draw: two strokes on the pad.
  const pad = el.locator('canvas.llk-signature__pad');
  const box = await pad.boundingBox();
  for (const [y0, y1] of [[0.3, 0.7], [0.6, 0.4]]) {
    await b.mouse.move(box.x + box.width * 0.1, box.y + box.height * y0);
    await b.mouse.down();
    for (let k = 1; k <= 12; k++) {
      await b.mouse.move(box.x + box.width * (0.1 + k * 0.06), box.y + box.height * (y0 + ((y1 - y0) * k) / 12 + (k % 2 ? 0.05 : -0.05)));
    }
    await b.mouse.up();
  }
  const signedEvent = b.evaluate(() => new Promise((resolve) => {
    document.addEventListener('llk-signed', (e) => resolve({
      blob: e.detail.pdf instanceof Blob, type: e.detail.pdf.type, fileName: e.detail.fileName,
      signers: e.detail.signatures.map((s) => `${s.signer}:${s.intact}`),
    }), { once: true });
  }));
  await el.getByRole('button', { name: 'Medeondertekenen' }).click();
  const dialog = el.locator('dialog.llk-dialog');
  await dialog.waitFor();
  await axe('signer dialog (first countersignature)', 'main');
  await fillSigner(dialog, { naam: 'Daniël Öztürk-de Vries', functie: 'procesregisseur', organisatie: 'Zorg- en Veiligheidshuis Haaglanden' });
  download = b.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Sleutel maken en ondertekenen' }).click();
  const dl = await download;
  assert.equal(dl.suggestedFilename(), 'o-overdracht-medeondertekend.pdf');
  const twice = `${out}/o-overdracht-medeondertekend.pdf`;
  await dl.saveAs(twice);
  await el.getByText(/^Medeondertekend door Daniël Öztürk-de Vries, procesregisseur, Zorg- en Veiligheidshuis Haaglanden\. De PDF heeft nu 2 geldige handtekeningen\./).waitFor();
  assert.deepEqual(await signedEvent, { blob: true, type: 'application/pdf', fileName: 'o-overdracht-medeondertekend.pdf',
    signers: ['Noëlle Çelik:true', 'Daniël Öztürk-de Vries:true'] });
  assert.equal((await focused(b)).tag, 'div', 'focus on the outcome');
  assert.match((await focused(b)).text, /^Medeondertekend door/);
  assert.equal(await b.evaluate(() => window.stored.length), 1, 'the host stored it');
  assert.match(await b.locator('#status').innerText(), /2 van 2 handtekeningen geldig/);
  text = await el.locator('.llk-root').innerText();
  assert.match(text, /Handtekening 2: Geldig/);
  assert.match(text, /Naam\s+Daniël Öztürk-de Vries/);
  assert.match(text, /Certificaat geldig tot\s+\S.*20\d\d/);
  await axe('countersigned', 'main');
  step(`B countersigned with a drawn signature: llk-signed with the PDF (${readFileSync(twice).length} bytes)`);

  // Validators: both signatures valid, the last one covers the whole document.
  step(`B: ${pdfsigSays(twice, 2)}`);
  const pdfsig = tool('pdfsig', [twice]);
  if (pdfsig) assert.match(pdfsig.text, /Daniël Öztürk-de Vries/);
  const certB = await certificateOf(b, `${out}/o-cert-b.pem`);
  const pyhanko = tool('pyhanko', ['sign', 'validate', '--no-revocation-check', '--trust', certA, '--trust', certB, '--trust-replace', twice]);
  if (pyhanko && !/No such command|not found/.test(pyhanko.text)) {
    assert.equal(pyhanko.code, 0, pyhanko.text);
    assert.equal(pyhanko.text.match(/INTACT:TRUSTED/g)?.length ?? 0, 2, pyhanko.text);
    step('pyhanko: INTACT:TRUSTED for both signatures (each profile\'s certificate trusted)');
  } else {
    assert.ok(!strict, 'pyhanko is needed under CI');
    step('pyhanko not installed: skipped');
  }
  const qpdf = tool('qpdf', ['--check', twice]);
  if (qpdf) assert.equal(qpdf.code, 0, qpdf.text);
  // The drawn signature is in the new visible box: one more box with drawn paths (many
  // line segments) than the PDF had.
  const drawn = /0\.3 0\.4 0\.8 RG 0\.7 w 1 J 1 j\n-?[\d.]+ -?[\d.]+ m (-?[\d.]+ -?[\d.]+ l ){8}/g;
  const boxes = (f) => readFileSync(f, 'latin1').match(drawn)?.length ?? 0;
  assert.equal(boxes(twice), boxes(signedA) + 1, 'the drawn strokes are in the new appearance');

  // The element re-verifies the countersigned file: two intact signatures.
  await el.locator('#llk-o-file').setInputFiles(twice);
  await el.getByText(/medeondertekend\.pdf heeft 2 handtekeningen; alle zijn geldig\./).waitFor();
  text = await el.locator('.llk-root').innerText();
  assert.match(text, /Handtekening 1: Geldig[\s\S]*Door Noëlle Çelik[\s\S]*Daarna is er iets aan het document toegevoegd/);
  assert.match(text, /Handtekening 2: Geldig[\s\S]*Door Daniël Öztürk-de Vries[\s\S]*Het hele document is ondertekend/);
  await axe('two intact signatures', 'main');
  step('B re-verifies: two intact signatures, the first followed by an addition');

  // One flipped byte: "Ongeldig", and countersigning is refused (in the UI and in the module).
  const flipped = readFileSync(twice);
  flipped[1000] ^= 0x01;
  const flippedFile = `${out}/o-gewijzigd.pdf`;
  writeFileSync(flippedFile, flipped);
  await el.locator('#llk-o-file').setInputFiles(flippedFile);
  await el.getByText('Handtekening 1: Ongeldig').waitFor();
  text = await el.locator('.llk-root').innerText();
  assert.match(text, /waarvan 2 ongeldig/);
  assert.match(text, /Medeondertekenen kan niet: niet alle handtekeningen in deze PDF zijn geldig\./);
  assert.equal(await el.getByRole('button', { name: 'Medeondertekenen' }).count(), 0, 'no countersign button');
  const refused = await countersignIn(b, flipped);
  assert.equal(refused.ok, false);
  assert.match(refused.message, /^Niet medeondertekend: niet alle handtekeningen in deze PDF zijn geldig\./);
  await axe('broken signature', 'main');
  step('flipped byte: "Ongeldig", countersigning refused ("Niet medeondertekend: …")');

  // Not a PDF, no signatures, truncated: a Dutch message each.
  writeFileSync(`${out}/o-tekst.pdf`, 'Dit is geen PDF maar tekst.');
  await el.locator('#llk-o-file').setInputFiles(`${out}/o-tekst.pdf`);
  await el.getByText('o-tekst.pdf is geen PDF-bestand. Kies een PDF.').waitFor();
  await axe('not a PDF', 'main');
  writeFileSync(`${out}/o-kaal.pdf`, '%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n');
  await el.locator('#llk-o-file').setInputFiles(`${out}/o-kaal.pdf`);
  await el.getByText(/o-kaal\.pdf heeft geen digitale handtekeningen/).waitFor();
  assert.match(await el.locator('.llk-root').innerText(), /Medeondertekenen kan alleen bij een PDF die al digitaal is ondertekend/);
  const half = readFileSync(twice).subarray(0, Math.floor(readFileSync(twice).length * 0.6));
  writeFileSync(`${out}/o-afgebroken.pdf`, half);
  await el.locator('#llk-o-file').setInputFiles(`${out}/o-afgebroken.pdf`);
  await el.getByText(/o-afgebroken\.pdf heeft (geen digitale handtekeningen|\d+ handtekening)/).waitFor();
  assert.doesNotMatch(await el.locator('.llk-root').innerText(), /alle zijn geldig|die is geldig/);
  await axe('truncated PDF', 'main');
  step('a text file, a PDF without signatures and a truncated PDF: each a Dutch message');

  // Hostile PDFs (tests/hostile/, SECURITY.md "Hostile input: bounds"): each refused with
  // its Dutch reason, within the bound the browser is held to; nothing else is shown.
  const hostileDir = fileURLToPath(new URL('../hostile/', import.meta.url));
  const reasons = JSON.parse(readFileSync(`${hostileDir}expected.json`, 'utf8'));
  // A signed PDF (two intact signatures) with an update whose cross-reference section is
  // its own /Prev: refused although its signatures hold.
  const signed = readFileSync(twice);
  const root = [...signed.toString('latin1').matchAll(/\/Root (\d+ \d+) R/g)].pop()[1];
  const size = [...signed.toString('latin1').matchAll(/\/Size (\d+)/g)].pop()[1];
  const loopAt = signed.length + 1;
  const loop = Buffer.concat([signed, Buffer.from(`\nxref\n0 1\n0000000000 65535 f \ntrailer\n<</Size ${size}/Root ${root} R/Prev ${loopAt}>>\nstartxref\n${loopAt}\n%%EOF\n`, 'latin1')]);
  writeFileSync(`${out}/o-kring.pdf`, loop);
  const hostile = [...Object.entries(reasons).map(([f, why]) => [`${hostileDir}${f}`, f, why]),
    [`${out}/o-kring.pdf`, 'o-kring.pdf', reasons['xref-loop.pdf']]];
  const BOUND_MS = 2000;
  const took = [];
  for (const [file, name, why] of hostile) {
    const started = Date.now();
    await el.locator('#llk-o-file').setInputFiles(file);
    const said = el.getByText(/^Deze PDF wordt niet verwerkt: /);
    await said.waitFor({ timeout: 30000 });
    took.push(Date.now() - started);
    const message = await said.innerText();
    assert.ok(message.includes(why), `${name}: ${message}`);
    assert.ok(took.at(-1) < BOUND_MS, `${name}: refused after ${took.at(-1)} ms`);
    assert.equal(await el.locator('.llk-ondertekening__list').count(), 0, `${name}: no signatures listed`);
    assert.equal(await el.getByRole('button', { name: 'Medeondertekenen' }).count(), 0, `${name}: no countersigning`);
  }
  await axe('hostile PDF refused', 'main');
  const kring = await countersignIn(b, loop);
  assert.equal(kring.ok, false);
  assert.match(kring.message, /^Deze PDF wordt niet verwerkt: de verwijzingstabellen verwijzen in een kring naar elkaar\./);
  step(`hostile PDFs: ${hostile.length} refused with their Dutch reason, each within ${BOUND_MS} ms (slowest ${Math.max(...took)} ms); countersigning the signed loop refused too`);

  // Fuzz the module: truncations, garbage and flipped bytes never throw; countersigning a
  // signed PDF with junk appended never throws either.
  const fuzz = await b.evaluate(async (bytes) => {
    const kit = await import(new URL('../levensloopkit.js', document.baseURI).href);
    const pdf = await kit.loadModule('pdf');
    const src = new Uint8Array(bytes);
    let seed = 7;
    const rnd = (n) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
    const inputs = [new Uint8Array(0), new TextEncoder().encode('%PDF-1.7 /ByteRange [0 99999999 1 2] /Contents <zz>')];
    for (let k = 0; k < 40; k++) {
      const v = src.slice(0, rnd(src.length));
      for (let f = 0; f < k % 5; f++) v[rnd(v.length || 1)] ^= 1 + rnd(255);
      inputs.push(v);
    }
    inputs.push(Uint8Array.from({ length: 5000 }, () => rnd(256)));
    let lists = 0;
    for (const v of inputs) if (Array.isArray(await pdf.verify_pdf(v))) lists += 1;
    const junk = new Uint8Array([...src, ...new TextEncoder().encode('\nrommel 1 0 obj << /Kapot')]);
    const host = document.getElementById('ondertekening');
    const outcomes = [];
    for (const v of [junk, src.slice(0, src.length - 10)]) {
      const r = await pdf.countersign_pdf(v, [[[1, 2], [3, 4]]], host);
      outcomes.push({ ok: r.ok, message: typeof r.message === 'string' && r.message.length > 10 });
    }
    return { inputs: inputs.length, lists, outcomes };
  }, Array.from(readFileSync(twice)));
  assert.equal(fuzz.lists, fuzz.inputs, 'every input gives a list');
  assert.ok(fuzz.outcomes.every((o) => o.message), JSON.stringify(fuzz.outcomes));
  step(`fuzz: ${fuzz.inputs} truncated/garbage/flipped inputs verified without a throw; countersigning junk: ${JSON.stringify(fuzz.outcomes)}`);

  // Uw ondertekenaar: forget, with a confirmation (Annuleren first).
  await el.getByRole('button', { name: 'Sleutel vergeten' }).click();
  await el.getByText(/^Weet u zeker dat u de sleutel wilt vergeten\?/).waitFor();
  assert.equal((await focused(b)).id, 'llk-o-forget-q', 'focus on the question');
  await axe('forget: confirmation', 'main');
  await el.getByRole('button', { name: 'Annuleren' }).click();
  assert.match(await el.locator('.llk-root').innerText(), /Naam\s+Daniël Öztürk-de Vries/);
  await el.getByRole('button', { name: 'Sleutel vergeten' }).click();
  await el.getByRole('button', { name: 'Ja, sleutel vergeten' }).click();
  await el.getByText(/^Nog geen\./).waitFor();
  assert.match(await el.locator('.llk-root').innerText(), /De sleutel is vergeten\./);
  await axe('forgotten', 'main');
  const hasImport = await b.evaluate(async () => {
    const kit = await import(new URL('../levensloopkit.js', document.baseURI).href);
    return typeof (await kit.loadModule('pdf')).import_dialog === 'function';
  });
  const importButton = el.getByRole('button', { name: 'Certificaat van uw organisatie importeren' });
  assert.equal(await importButton.count(), hasImport ? 1 : 0);
  if (hasImport) {
    // The PDF module's import dialog (its own test: pkcs12.mjs); Esc closes it with a message.
    await importButton.click();
    await el.locator('dialog').waitFor();
    await axe('import dialog', 'main');
    await b.keyboard.press('Escape');
    await el.getByText(/Er is geen certificaat ingesteld/).waitFor();
    assert.equal(await el.locator('dialog').count(), 0);
    await el.getByText(/^Nog geen\./).waitFor();
  }
  step(`forget the key: confirmation, Annuleren keeps it, "Ja" forgets it; import button ${hasImport ? 'shown' : 'absent (no import_dialog in the module)'}`);
  assert.deepEqual(await b.evaluate(() => window.cspViolations), [], 'no CSP violations (B)');
  await b.close();

  // ---- C: a third profile, keyboard only ----
  const c = await profile();
  await c.goto(example);
  const elC = c.locator('#ondertekening');
  await elC.locator('#llk-o-file').waitFor();
  let at;
  for (let k = 0; k < 10; k++) {
    await c.keyboard.press('Tab');
    at = await focused(c);
    if (at.id === 'llk-o-file') break;
  }
  assert.equal(at.id, 'llk-o-file', 'the file input is the first Tab stop');
  // Enter (or, where the browser wants it, Space) opens the file chooser.
  const chooser = c.waitForEvent('filechooser', { timeout: 15000 });
  await c.keyboard.press('Enter');
  const opened = await Promise.race([chooser.then(() => true), new Promise((r) => { setTimeout(() => r(false), 3000); })]);
  if (!opened) await c.keyboard.press('Space');
  await (await chooser).setFiles(signedA);
  await elC.getByText('Handtekening 1: Geldig').waitFor();
  const stops = [];
  for (let k = 0; k < 10; k++) {
    await c.keyboard.press('Tab');
    at = await focused(c);
    stops.push(at.text);
    if (at.text === 'Medeondertekenen') break;
  }
  assert.equal(at.text, 'Medeondertekenen', `Tab reaches the button: ${stops.join(' | ')}`);
  await c.keyboard.press('Enter');
  await elC.locator('dialog.llk-dialog').waitFor();
  assert.equal((await focused(c)).id, 'llk-signer-name');
  await c.keyboard.type('Daniël Öztürk-de Vries');
  await c.keyboard.press('Tab');
  await c.keyboard.type('procesregisseur');
  download = c.waitForEvent('download');
  await c.keyboard.press('Enter');
  const keyboardFile = `${out}/o-toetsenbord-medeondertekend.pdf`;
  await (await download).saveAs(keyboardFile);
  await elC.getByText(/^Medeondertekend door Daniël Öztürk-de Vries, procesregisseur\./).waitFor();
  assert.match((await focused(c)).text, /^Medeondertekend door/, 'focus on the outcome');
  step(`C by keyboard: Tab to the file input, Enter or Space, Tab past "${stops.slice(0, -1).join('", "')}" to Medeondertekenen, the dialog by keyboard; ${pdfsigSays(keyboardFile, 2)}`);
  assert.deepEqual(await c.evaluate(() => window.cspViolations), [], 'no CSP violations (C)');
  await c.close();

  // ---- D: a PDF other software wrote and signed ----
  // qpdf saves the kit's overdracht with object streams and a cross-reference stream (as
  // PDF editors do); pyHanko signs that with an openssl P-256 key, its update a stream too.
  // The element reads it, verifies pyHanko's signature and countersigns; pdfsig accepts both.
  const made = (() => {
    const kit = `${out}/o-kit.pdf`;
    const llk = tool('cargo', ['run', '--quiet', '-p', 'llk-cli', '--', 'pdf', '--form', 'overdracht', '--region', 'gelderland',
      `target/e2e/overdracht.gelderland.example.json`, '-o', kit]);
    const steps = [
      llk,
      tool('qpdf', ['--object-streams=generate', kit, `${out}/o-objstm.pdf`]),
      tool('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '30',
        '-subj', '/CN=Sanne de Wit/O=Zorg- en Veiligheidshuis Haaglanden', '-keyout', `${out}/o-sanne.key`, '-out', `${out}/o-sanne.pem`]),
      tool('pyhanko', ['sign', 'addsig', '--field', 'Sig1', 'pemder', '--key', `${out}/o-sanne.key`, '--cert', `${out}/o-sanne.pem`,
        '--no-pass', `${out}/o-objstm.pdf`, `${out}/o-elders-ondertekend.pdf`]),
    ];
    const failed = steps.find((r) => !r || r.code !== 0);
    if (failed) { assert.ok(!strict, `a tool is needed under CI: ${failed?.text ?? 'missing'}`); return null; }
    return `${out}/o-elders-ondertekend.pdf`;
  })();
  if (made) {
    const elsewhere = readFileSync(made, 'latin1');
    assert.match(elsewhere, /\/Type\s*\/ObjStm/, 'object streams');
    assert.ok(!/\btrailer\b/.test(elsewhere.slice(-2048)), 'pyHanko\'s update is a cross-reference stream');
    const d = await profile();
    const axeD = axeRunner(d, report);
    await d.goto(example);
    const elD = d.locator('#ondertekening');
    await elD.locator('#llk-o-file').setInputFiles(made);
    await elD.getByText('Handtekening 1: Geldig').waitFor();
    text = await elD.locator('.llk-root').innerText();
    assert.match(text, /o-elders-ondertekend\.pdf heeft 1 handtekening; die is geldig\./);
    assert.match(text, /Door Sanne de Wit/);
    await axeD('a PDF signed elsewhere, with object streams', 'main');
    await elD.getByRole('button', { name: 'Medeondertekenen' }).click();
    const dialogD = elD.locator('dialog.llk-dialog');
    await dialogD.waitFor();
    await fillSigner(dialogD, { naam: 'Daniël Öztürk-de Vries', functie: 'procesregisseur', organisatie: 'Zorg- en Veiligheidshuis Gelderland-Midden' });
    download = d.waitForEvent('download');
    await dialogD.getByRole('button', { name: 'Sleutel maken en ondertekenen' }).click();
    const countersigned = `${out}/o-elders-medeondertekend.pdf`;
    await (await download).saveAs(countersigned);
    await elD.getByText(/^Medeondertekend door Daniël Öztürk-de Vries.*De PDF heeft nu 2 geldige handtekeningen\./).waitFor();
    const update = readFileSync(countersigned).subarray(readFileSync(made).length).toString('latin1');
    assert.match(update, /\/Type \/XRef/, 'the kit\'s update is a cross-reference stream as well');
    const q = tool('qpdf', ['--check', countersigned]);
    assert.equal(q.code, 0, q.text);
    await elD.locator('#llk-o-file').setInputFiles(countersigned);
    await elD.getByText(/medeondertekend\.pdf heeft 2 handtekeningen; alle zijn geldig\./).waitFor();
    await axeD('a PDF signed elsewhere, countersigned', 'main');
    step(`D: a pyHanko-signed PDF with object streams and cross-reference streams verified ("Geldig") and countersigned by an update of the same kind; qpdf --check clean; ${pdfsigSays(countersigned, 2)}`);
    assert.deepEqual(await d.evaluate(() => window.cspViolations), [], 'no CSP violations (D)');
    await d.close();
  } else {
    step('D: qpdf, openssl or pyhanko not installed: the PDF from elsewhere skipped');
  }

  assert.deepEqual(problems, [], 'no console errors, page errors or failed requests');
  await assertOwnRequests(page, requests, new URL(url).origin);
  const axeResult = finishAxe(report, 'axe-ondertekening.json');
  step(`axe: ${axeResult.states} states, ${axeResult.violations} violations`);
  console.log('ondertekening.mjs: all checks passed');
} catch (e) {
  for (const p of browser.contexts().flatMap((x) => x.pages())) {
    await p.screenshot({ path: `${out}/ondertekening-failure-${browser.contexts().indexOf(p.context())}.png`, fullPage: true }).catch(() => {});
  }
  console.error(e);
  process.exitCode = 1;
} finally {
  await browser.close();
}
