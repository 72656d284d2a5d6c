// `cargo xtask bench`: keystroke-to-paint in <llk-levensloopplan> with a plan of 200 items
// (70 goals, 82 actions, 40 team members, 8 levels), typing into an action in the middle,
// on the demo portal page with every other kit element beside it. How it is measured:
// plan-latency.mjs. Reported, never asserted (benchmarks are not timed tests); the
// figures go to target/e2e/bench-levensloopplan.json.
//
// Two browser set-ups, each measuring the editor and, for reference, an empty page with one
// text box (the floor the browser and this harness set by themselves):
//   60 Hz        the switches every end-to-end test uses. Headless Chromium draws at 60 Hz,
//                so a figure to a frame includes waiting for the next tick: up to 16.7 ms
//                that no page can remove (the empty page's p95 shows it).
//   unthrottled  the same plus --disable-gpu-vsync and --disable-frame-rate-limit: a frame
//                is produced as soon as there is something to draw, so the figures are the
//                page's work plus the browser's style, layout, paint, raster and draw.
// The budget (p95 ≤ 16 ms) is held against `committed` in the unthrottled run: Chromium's
// own figure from the key press to the frame that shows the character painted and handed
// to the compositor. `presented` (on screen) adds the raster and the display compositor's
// draw, done off the main thread in software here; it is reported beside it, with the
// empty page's figures for both. Every figure is reported, none hides another.
//
//   node tests/e2e/plan-bench.mjs http://127.0.0.1:8000/ [keys]

import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { out, step, exampleOf } from './lib.mjs';
import { bigPlan, installProbes, traceKeystrokes, benchRun } from './plan-latency.mjs';

const url = process.argv[2] ?? 'http://127.0.0.1:8000/';
const KEYS = Number(process.argv[3] ?? 200);
const HOST = 'plan-editor';
const UNTHROTTLED = ['--disable-gpu-vsync', '--disable-frame-rate-limit'];

async function editor(browser, page) {
  await page.goto(url);
  await page.waitForSelector('body[data-llk-ready]', { timeout: 20000 });
  const el = page.locator(`#${HOST}`);
  await el.locator('.llk-plan').waitFor({ timeout: 20000 });
  const { big, items } = bigPlan(exampleOf('levensloopplan', 'gelderland'));
  await el.evaluate((e, v) => { e.value = v; }, big);
  assert.equal(await el.locator('.llk-plan__item').count(), items);
  // The demo's event log re-lays out the portal page on every llk-plan-change: it is the
  // portal's cost, not the editor's, so it is hidden while measuring (with !important:
  // the demo's deliberately hostile stylesheet shows `[hidden]` elements).
  await page.evaluate(() => { document.querySelector('aside').style.setProperty('display', 'none', 'important'); });
  const target = el.locator('#llk-acties-40--wat');
  await target.focus();
  await page.keyboard.press('End');
  await installProbes(page, HOST);
  const m = await traceKeystrokes(browser, page, KEYS);
  assert.match(await target.inputValue(), /a+$/, 'the keystrokes arrived');
  return { items, ...m };
}

async function emptyPage(browser, page) {
  await page.setContent('<label for="t">Tekst</label><textarea id="t" rows="5"></textarea>');
  await page.focus('#t');
  await installProbes(page, 't');
  return traceKeystrokes(browser, page, KEYS);
}

const run = (name, flags, measure) => benchRun(name, flags, KEYS, measure);

const result = {
  what: 'keystroke-to-paint in <llk-levensloopplan> (200 items) on the demo page; see tests/e2e/plan-latency.mjs',
  budget: 'p95 ≤ 16 ms, held against `committed` (Chromium EventLatency: key press to the frame painted and committed) in the unthrottled run; `presented` (on screen) reported beside it',
  unthrottled: {
    editor: await run('editor, 200 items, unthrottled', UNTHROTTLED, editor),
    empty_page: await run('empty page, unthrottled', UNTHROTTLED, emptyPage),
  },
  hz60: {
    editor: await run('editor, 200 items, 60 Hz', [], editor),
    empty_page: await run('empty page, 60 Hz', [], emptyPage),
  },
};
const { committed, presented } = result.unthrottled.editor;
step(`BENCH budget (unthrottled run): key press to painted frame p95 ${committed.p95_ms} ms: `
  + `${committed.p95_ms <= 16 ? 'within' : 'OVER'} 16 ms; to screen p95 ${presented.p95_ms} ms `
  + `(empty page ${result.unthrottled.empty_page.presented.p95_ms} ms)`);
writeFileSync(`${out}/bench-levensloopplan.json`, JSON.stringify(result, null, 2));
step(`written ${out}/bench-levensloopplan.json`);
