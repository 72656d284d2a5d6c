// `cargo xtask bench` (cases): a caseload of 500 cases with 40 documents and events each in
// <llk-casussen> (host-owned: the `cases` property), and one such case in <llk-casus>, on
// the built demo in headless Chromium on a fixed clock. Measured: from setting the
// property to the first page's rows and the count of all 500 painted (every case read and
// its row computed; 25 rows drawn), then turning to the next page, and one case's
// timeline painted; over 7 runs, p50 and max (reported, not asserted; targets: caseload
// 300 ms, one case 100 ms).
//
//   node tests/e2e/casus-bench.mjs http://127.0.0.1:8000/

import { readFileSync } from 'node:fs';
import { launch, step } from './lib.mjs';

const url = process.argv[2] ?? 'http://127.0.0.1:8000/';
const RUNS = 7;
const base = JSON.parse(readFileSync(new URL('../cases/case/format-1.json', import.meta.url), 'utf8'));
let seq = 100;
while (base.documents.length + base.events.length < 40) {
  seq += 1;
  const day = new Date(Date.UTC(2026, 11, 1 + (seq % 60))).toISOString().slice(0, 10);
  base.events.push({ seq, filed_on: day, version: 1, answers: { soort: 'incident', datum: day, gevaar: seq % 7 === 0, omschrijving: 'Conflict met een buurman, politie ter plaatse.' } });
}
const cases = Array.from({ length: 500 }, (_, i) => ({ ...base, id: `case-${i}` }));

const { browser, page } = await launch();
await page.clock.setFixedTime(new Date('2027-02-20T10:00:00'));
await page.goto(url);
await page.waitForSelector('body[data-llk-ready]');
await page.waitForFunction(() => customElements.get('llk-casussen') && customElements.get('llk-casus'), null, { timeout: 30000 });

const stats = (ms) => { ms.sort((a, b) => a - b); return `p50 ${ms[ms.length >> 1].toFixed(0)} ms, max ${ms[ms.length - 1].toFixed(0)} ms`; };

const list = [];
const turn = [];
for (let k = 0; k < RUNS; k++) {
  const [t, next] = await page.evaluate(async (all) => {
    const el = document.getElementById('casussen');
    el.cases = null;
    await new Promise((r) => setTimeout(r, 50));
    const painted = async (t0, ok) => {
      for (;;) {
        await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
        if (ok()) return performance.now() - t0;
        if (performance.now() - t0 > 20000) return NaN;
      }
    };
    const count = () => el.shadowRoot.querySelector('.llk-caseload__count')?.textContent ?? '';
    const t0 = performance.now();
    el.cases = all;
    const t = await painted(t0, () => count().startsWith(`${all.length} van ${all.length} dossiers; 1–25`) && el.shadowRoot.querySelectorAll('tbody tr').length === 25);
    const t1 = performance.now();
    [...el.shadowRoot.querySelectorAll('.llk-pagination button')].find((b) => b.textContent.startsWith('Volgende')).click();
    const next = await painted(t1, () => count().includes('26–50'));
    // Back to page 1, where the next run starts (the page is kept while the list changes).
    [...el.shadowRoot.querySelectorAll('.llk-pagination button')].find((b) => b.textContent.startsWith('Vorige')).click();
    await painted(performance.now(), () => count().includes('1–25'));
    return [t, next];
  }, k % 2 ? cases : cases.map((c) => ({ ...c, id: `${c.id}-b` })));
  list.push(t);
  turn.push(next);
}
step(`caseload of ${cases.length} cases × 40 entries, property set to the first page and the count painted: ${stats(list)}`);
step(`caseload: "Volgende" to the next page painted: ${stats(turn)}`);

const one = [];
for (let k = 0; k < RUNS * 3; k++) {
  one.push(await page.evaluate(async (c) => {
    const el = document.createElement('llk-casus');
    document.querySelector('main').prepend(el);
    const t0 = performance.now();
    el.value = c;
    for (;;) {
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      if (el.shadowRoot.querySelector('.llk-case-tl__list')) { const t = performance.now() - t0; el.remove(); return t; }
      if (performance.now() - t0 > 20000) return NaN;
    }
  }, base));
}
step(`one case of 40 entries, value set to its timeline painted: ${stats(one)}`);
await browser.close();
