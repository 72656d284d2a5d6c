// The kengetallen of <llk-casussen>, BY KEYBOARD ALONE, on casus.mjs's page and browser
// (no browser of its own): 30 of the host's records with their meldingen spread over two
// months; "Kengetallen" opens with the last full quarter and focus on its heading; a date
// that does not exist is refused in the error summary, which takes focus; the period typed
// again; every number in the tables checked against counts made here from the records
// (meldingen, first plans within a month or later, triage and inclusietafel decisions,
// lopende dossiers), suppressed ones as "< 5" and complementary ones as "×", no visible count
// under 5; "Download als CSV" downloads a file (BOM, `;`, Dutch headers) with the same
// numbers and none of the records' names, BSNs or texts; "Terug naar de dossiers"; and
// over the kit's own store, its one case. axe-core in each state.
//
//   called from casus.mjs: `await kengetallenByKeyboard({ page, kb, list, axe, activate, hostCase, step })`

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const iso = (d) => d.toISOString().slice(0, 10);
const minusDays = (s, n) => iso(new Date(Date.parse(`${s}T00:00:00Z`) - n * 86400000));
/** One calendar month later, the day clamped to the month's end (as the kit counts it). */
function plusMonth(s) {
  const [y, m, d] = s.split('-').map(Number);
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return iso(new Date(Date.UTC(y, m, Math.min(d, last))));
}

/** What the tables show: { section: { row id: text } }. */
const tables = (page) => page.evaluate(() => {
  const root = document.getElementById('casussen').shadowRoot;
  const out = {};
  for (const s of root.querySelectorAll('section[data-section]')) {
    out[s.dataset.section] = Object.fromEntries([...s.querySelectorAll('tr[data-id]')]
      .map((r) => [r.dataset.id, r.querySelector('.llk-kengetallen__number').textContent.trim()]));
  }
  return out;
});

const focusId = (page) => page.evaluate(() => document.getElementById('casussen').shadowRoot.activeElement?.id ?? null);

/** Every text a record holds that is about the person (names, BSN, free text). */
function personal(record) {
  const out = new Set();
  // An organisation's name or a role ("Zorg- en Veiligheidshuis", "Procesregisseur") is not
  // about the person, and the kengetallen may name the kind of organisation in a label.
  const notPersonal = new Set(['organisatie', 'functie', 'rol', 'zvh', 'instrument']);
  const walk = (v, key) => {
    if (notPersonal.has(key)) return;
    if (typeof v === 'string') {
      if (v.length >= 4 && !/^\d{4}-\d{2}-\d{2}$/.test(v) && !/^[a-z0-9-]+$/.test(v)) out.add(v);
    } else if (Array.isArray(v)) v.forEach((x) => walk(x, key));
    else if (v && typeof v === 'object') Object.entries(v).forEach(([k, x]) => walk(x, k));
  };
  for (const d of record.documents) walk(d.submission.answers);
  return [...out];
}

export async function kengetallenByKeyboard({ page, kb, list, axe, activate, hostCase, step }) {
  const aanmelding = hostCase.documents.find((d) => d.submission.form === 'aanmelding');
  const base = aanmelding.submission.answers.meldingsdatum;
  const records = Array.from({ length: 30 }, (_, i) => ({
    ...hostCase,
    id: `kg-${i + 1}`,
    documents: hostCase.documents.map((d) => (d !== aanmelding ? d : {
      ...d, submission: { ...d.submission, answers: { ...d.submission.answers, meldingsdatum: minusDays(base, 2 * i) } },
    })),
  }));
  await page.evaluate((cs) => { document.getElementById('casussen').cases = cs; }, records);
  await list.getByText('30 van 30 dossiers; 1–25 op pagina 1 van 2').waitFor();

  // Opened by keyboard: the last full quarter before the page's today, focus on the heading.
  const [year, month] = await page.evaluate(() => [new Date().getFullYear(), new Date().getMonth() + 1]);
  const quarter = Date.UTC(year, Math.floor((month - 1) / 3) * 3, 1);
  const dutch = (t) => iso(new Date(t)).split('-').reverse().join('-');
  const lastQuarter = [dutch(Date.UTC(year, Math.floor((month - 1) / 3) * 3 - 3, 1)), dutch(quarter - 86400000)];
  await activate('Kengetallen', 'casussen');
  await list.getByRole('heading', { name: 'Kengetallen', exact: true }).waitFor();
  assert.equal(await focusId(page), 'llk-kg-title', 'focus on the heading');
  assert.deepEqual([await list.locator('#llk-kg-from').inputValue(), await list.locator('#llk-kg-to').inputValue()], lastQuarter,
    'the last full quarter');
  assert.ok(await list.locator('.llk-caseload').isHidden(), 'the list makes way');
  await axe('kengetallen: the last full quarter', '#casussen');

  // A day that does not exist: refused in the error summary, which takes focus.
  await kb.tabTo('casussen', (f) => f.id === 'llk-kg-from', 'the field "Van"');
  await kb.press('Control+A');
  await kb.type('31-02-2026');
  await kb.tabTo('casussen', (f) => f.id === 'llk-kg-to', 'the field "Tot en met"');
  await kb.press('Control+A');
  await kb.type('31-12-2026');
  await kb.press('Enter');
  await list.getByText('Er is 1 fout gevonden').waitFor();
  assert.equal(await focusId(page), 'llk-error-summary-heading', 'focus on the error summary');
  assert.equal(await list.locator('#llk-kg-from').getAttribute('aria-invalid'), 'true');
  assert.match(await list.locator('#llk-kg-from-error').textContent(), /Vul de begindatum in als dag-maand-jaar, bijvoorbeeld 31-03-2026\./);
  assert.match(await list.locator('#llk-kg-from').getAttribute('aria-describedby'), /llk-kg-from-error/);
  await axe('kengetallen: a date refused', '#casussen');
  await kb.tabTo('casussen', (f) => f.id === 'llk-kg-from', 'the field "Van"');
  await kb.press('Control+A');
  await kb.type('01-10-2026');
  await kb.press('Enter');
  await list.getByText(/Kengetallen van Gelderland over 1 oktober 2026 tot en met 31 december 2026 \(30 dossiers\)/).waitFor();
  assert.equal(await list.getByText('Er is 1 fout gevonden').count(), 0, 'the summary is gone');

  // Every number against the records.
  const [from, to] = ['2026-10-01', '2026-12-31'];
  const inPeriod = (d) => d >= from && d <= to;
  const doc = (r, form) => r.documents.find((d) => d.submission.form === form).submission.answers;
  const meldingen = records.filter((r) => inPeriod(doc(r, 'aanmelding').meldingsdatum)).length;
  const plans = records.filter((r) => inPeriod(doc(r, 'levensloopplan').plan.datum));
  const within = plans.filter((r) => doc(r, 'levensloopplan').plan.datum <= plusMonth(doc(r, 'aanmelding').meldingsdatum)).length;
  const triage = records.filter((r) => inPeriod(doc(r, 'triage').weegteam.datum)).map((r) => doc(r, 'triage').uitkomst);
  const inclusie = records.filter((r) => inPeriod(doc(r, 'inclusie').overleg.datum)).map((r) => doc(r, 'inclusie').besluit.uitkomst);
  const count = (list, v) => list.filter((x) => x === v).length;
  const shown = await tables(page);
  const visible = (n, text, what) => {
    if (n < 5) assert.equal(text, '< 5', `${what}: ${n} is suppressed`);
    else assert.ok(text === String(n) || text === '×', `${what}: ${n} shown as ${text}`);
  };
  assert.ok(meldingen >= 5 && meldingen < 30 && within >= 5 && plans.length - within >= 5, 'the records spread over the period');
  assert.equal(shown['instroom-uitstroom'].meldingen, String(meldingen));
  assert.equal(shown['eerste-plan']['eerste-plannen'], String(plans.length));
  assert.equal(shown['eerste-plan']['binnen-een-maand'], String(within));
  assert.equal(shown['eerste-plan'].later, String(plans.length - within));
  assert.equal(shown['eerste-plan']['aandeel-binnen-een-maand'], `${Math.round((within * 100) / plans.length)}%`);
  for (const v of ['advies', 'casusoverleg', 'inclusietafel']) visible(count(triage, v), shown.triage[v], `triage ${v}`);
  for (const v of ['inclusie', 'niet-geincludeerd', 'aangehouden']) visible(count(inclusie, v), shown.inclusie[v], `inclusie ${v}`);
  assert.equal(shown.triage['triage-besluiten'], String(triage.length));
  // One outcome for all 30 beside two zeros: the 30 is hidden, or 30 - 0 - 0 gives them.
  assert.equal(shown.triage.inclusietafel, '×', 'complementary suppression');
  assert.equal(shown.lopend['lopende-dossiers'], '30');
  for (const [section, rows] of Object.entries(shown)) {
    for (const [id, text] of Object.entries(rows)) {
      const n = /^\d+$/.test(text) ? Number(text) : null;
      assert.ok(n === null || n >= 5, `${section}/${id} shows ${text}`);
    }
  }
  assert.equal(await list.locator('svg.llk-kengetallen__bar[aria-hidden="true"]').count() > 10, true, 'bars drawn, hidden from assistive technology');
  assert.equal(await list.locator('svg.llk-kengetallen__bar:not([aria-hidden="true"])').count(), 0);
  await axe('kengetallen: 1 October to 31 December 2026', '#casussen');

  // "Download als CSV" by keyboard.
  const [download] = await Promise.all([page.waitForEvent('download'), activate('Download als CSV', 'casussen')]);
  assert.equal(download.suggestedFilename(), 'kengetallen-gelderland-2026-10-01-2026-12-31.csv');
  const csv = readFileSync(await download.path(), 'utf8');
  assert.ok(csv.startsWith('\ufeffRegio;Van;Tot en met;Onderdeel;Kengetal;Waarde\r\n'), csv.slice(0, 80));
  assert.ok(csv.includes(`Gelderland;2026-10-01;2026-12-31;Instroom en uitstroom;Meldingen;${meldingen}\r\n`), csv);
  assert.match(csv, /;Advies aan de melder;< 5\r\n/);
  const secrets = personal(hostCase);
  assert.ok(secrets.length > 20, `${secrets.length} personal texts looked for`);
  for (const s of secrets) assert.ok(!csv.includes(s), `the CSV holds "${s}"`);
  await list.getByText(/Het bestand kengetallen-gelderland-2026-10-01-2026-12-31\.csv is gedownload/).waitFor();
  await axe('kengetallen: downloaded', '#casussen');

  // Back up past the period (forward, Tab would go round the whole portal first).
  await kb.tabTo('casussen', (f) => f.tag === 'button' && f.text === 'Terug naar de dossiers', '"Terug naar de dossiers"', { back: true });
  await kb.press('Enter');
  await list.locator('.llk-caseload').waitFor({ state: 'visible' });
  assert.equal(await focusId(page), 'llk-caseload-title', 'back on the list\'s heading');
  step(`kengetallen by keyboard: 30 records, the period refused (31-02-2026) then typed; meldingen ${meldingen}, first plans ${within} within a month of ${plans.length}, triage's single outcome hidden beside two suppressed zeros; the CSV downloaded without any of ${secrets.length} personal texts`);
}

/** Over the kit's own store (its one case): counted, everything under 5 suppressed. */
export async function kengetallenOfStore({ page, list, activate, axe }) {
  await activate('Kengetallen', 'casussen');
  await list.getByText(/\(1 dossiers\)/).waitFor();
  const shown = await tables(page);
  assert.equal(shown['instroom-uitstroom'].meldingen, '< 5');
  assert.equal(shown.lopend['lopende-dossiers'], '< 5');
  await axe('kengetallen over the store', '#casussen');
  await activate('Terug naar de dossiers', 'casussen');
  await list.locator('.llk-caseload').waitFor({ state: 'visible' });
}
