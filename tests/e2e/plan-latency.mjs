// Keystroke-to-paint in <llk-levensloopplan>. Two kinds of figures, all per keystroke:
//
// From the browser's own trace (`traceKeystrokes`): Chromium's EventLatency events, the
// figures DevTools' Interactions track and INP are built from. Each key press is followed
// from the moment the key event was generated to
//   committed  the end of the main thread's commit of the frame that shows the character:
//              handlers, style, layout, pre-paint and paint are done, and the frame is
//              handed to the compositor;
//   presented  the frame on screen (after raster, the display compositor's draw and swap).
// The trace records only the `benchmark` category, which costs the page next to nothing.
//
// From inside the page (`measureKeystrokes`), from the key event's own timestamp:
//   work   until the editor's update is done and style and layout are computed again
//          (forced in an `input` listener on window, which runs after the editor's own).
//   paint  until the first task after the next animation frame (rAF, then a MessageChannel
//          message). Tasks the browser queued meanwhile run first, so this can be later
//          than the frame itself.
//   Event Timing  PerformanceEventTiming (as INP uses it): how many keystrokes took ≥ 16 ms
//          (its minimum `durationThreshold`; durations are rounded to 8 ms).
//
// Headless Chromium draws at 60 Hz unless told otherwise, so with the usual switches every
// figure to a frame includes waiting for the next 60 Hz tick: up to 16.7 ms whatever the
// page does. `cargo xtask bench` (plan-bench.mjs) therefore also runs without the frame-rate
// limit, and measures an empty page with one text box the same way, so the floor that the
// browser itself sets is in the report next to the editor's figures.
//
// Used by levensloopplan.mjs (a short run, to show the figures; timings never fail a
// test) and by plan-bench.mjs (the full benchmark).

import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { launch, step } from './lib.mjs';

/** A plan of 200 items (70 goals, 82 actions, 40 team members, 8 levels) from `example`. */
export function bigPlan(example) {
  const big = structuredClone(example);
  const goal = example.doelen[0];
  const action = example.acties[0];
  const member = example.team[0];
  big.doelen = Array.from({ length: 70 }, (_, i) => ({ ...goal, doel: `${goal.doel} (${i + 1})` }));
  big.acties = Array.from({ length: 82 }, (_, i) => ({ ...action, wat: `${action.wat} (${i + 1})` }));
  big.team = Array.from({ length: 40 }, (_, i) => ({ ...member, naam: `${member.naam} ${i + 1}` }));
  big.scenarios = Array.from({ length: 8 }, (_, i) => ({ ...example.scenarios[Math.min(i, 2)], niveau: `Niveau ${i + 1}`, volgorde: i + 1 }));
  const items = big.doelen.length + big.acties.length + big.team.length + big.scenarios.length;
  return { big, items };
}

/** Installs the probes in the page (once); `hostId` is the editor element's id (or, for
 *  the benchmark's empty page, the text box's). */
export async function installProbes(page, hostId) {
  await page.evaluate((id) => {
    const probe = { keys: [], entries: [] };
    window.__llkProbe = probe;
    let current = null;
    document.addEventListener('keydown', (e) => {
      const k = { t0: e.timeStamp };
      current = k;
      probe.keys.push(k);
      requestAnimationFrame(() => {
        const ch = new MessageChannel();
        ch.port1.onmessage = () => { k.paint = performance.now() - k.t0; };
        ch.port2.postMessage(0);
      });
    }, true);
    window.addEventListener('input', () => {
      if (!current) return;
      const host = document.getElementById(id);
      (host.shadowRoot?.querySelector('.llk-plan') ?? host).getBoundingClientRect();
      current.work = performance.now() - current.t0;
    });
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        if (!['keydown', 'keypress', 'input', 'beforeinput', 'keyup'].includes(e.name)) continue;
        probe.entries.push({ name: e.name, start: e.startTime, delay: e.processingStart - e.startTime,
          handlers: e.processingEnd - e.processingStart, duration: e.duration, interaction: e.interactionId });
      }
    }).observe({ type: 'event', durationThreshold: 16 });
  }, hostId);
}

const stats = (xs) => {
  const v = xs.filter((x) => typeof x === 'number').sort((x, y) => x - y);
  if (v.length === 0) return { n: 0 };
  const q = (p) => +v[Math.min(v.length - 1, Math.ceil(p * v.length) - 1)].toFixed(2);
  return { n: v.length, p50_ms: q(0.5), p95_ms: q(0.95), max_ms: q(1) };
};

/**
 * Types `keys` keystrokes ('a', every tenth a Backspace) into the focused text box, one
 * every `gapMs` (so each has a frame of its own), and returns the figures.
 */
export async function measureKeystrokes(page, keys, gapMs = 40) {
  await page.evaluate(() => { window.__llkProbe.keys = []; window.__llkProbe.entries = []; });
  for (let k = 0; k < keys; k++) {
    await page.keyboard.press(k % 10 === 9 ? 'Backspace' : 'a');
    await page.waitForTimeout(gapMs);
  }
  await page.waitForTimeout(200);
  const { keys: ks, entries } = await page.evaluate(() => window.__llkProbe);
  // Event Timing: per keystroke (keydown) the longest of its events, ≥ 16 ms only.
  const keydowns = entries.filter((e) => e.name === 'keydown');
  const slow = keydowns.map((e) => e.duration).sort((x, y) => x - y);
  return {
    keys,
    work: stats(ks.map((k) => k.work)),
    paint: stats(ks.map((k) => k.paint)),
    event_timing: {
      keydowns_reported: keydowns.length,
      at_least_16_ms: slow.length,
      over_16_ms: slow.filter((d) => d > 16).length,
      durations_ms: slow,
      input_delay: stats(keydowns.map((e) => e.delay)),
      handlers: stats(entries.filter((e) => e.name === 'keypress' || e.name === 'input' || e.name === 'keydown').map((e) => e.handlers)),
    },
  };
}

/** The EventLatency of each key press in a trace, in order: total and to the commit. */
export function keyPressLatencies(trace) {
  const events = (trace.traceEvents ?? trace)
    .filter((e) => (e.ph === 'b' || e.ph === 'e') && e.id2)
    .sort((a, b) => a.ts - b.ts);
  // Chromium reuses an EventLatency's id after it ends, so an event and its stages are
  // paired in time order per (process, id).
  const open = new Map();
  const done = [];
  for (const e of events) {
    const key = `${e.pid}/${JSON.stringify(e.id2)}`;
    if (e.name === 'EventLatency') {
      if (e.ph === 'b') open.set(key, { type: e.args?.event_latency?.event_type, t0: e.ts });
      else if (open.has(key)) {
        const k = open.get(key);
        open.delete(key);
        done.push({ ...k, presented: (e.ts - k.t0) / 1000 });
      }
    } else if (e.name === 'Commit' && e.ph === 'e' && open.has(key)) {
      open.get(key).committed = (e.ts - open.get(key).t0) / 1000;
    }
  }
  return done.filter((k) => k.type === 'KEY_PRESSED');
}

/**
 * `measureKeystrokes` inside a trace of the browser's own latency events: `warmUp` keys
 * first, then `keys`; the last `keys` key presses in the trace count. Returns the in-page
 * figures plus `committed` and `presented` (see the top of this file).
 */
export async function traceKeystrokes(browser, page, keys, warmUp = 10, gapMs = 40) {
  // LLK_TRACE_CATS=benchmark,devtools.timeline,blink adds the main thread's own work to a dump.
  await browser.startTracing(page, { categories: (process.env.LLK_TRACE_CATS ?? 'benchmark').split(',') });
  await measureKeystrokes(page, warmUp, gapMs);
  const m = await measureKeystrokes(page, keys, gapMs);
  const raw = (await browser.stopTracing()).toString();
  // LLK_TRACE_DUMP=file keeps the raw trace, to open in Perfetto (ui.perfetto.dev).
  if (process.env.LLK_TRACE_DUMP) writeFileSync(process.env.LLK_TRACE_DUMP, raw);
  const presses = keyPressLatencies(JSON.parse(raw)).slice(-keys);
  return { ...m, committed: stats(presses.map((k) => k.committed)), presented: stats(presses.map((k) => k.presented)) };
}

/** One line for the log. */
export function describe(m) {
  const et = m.event_timing;
  const traced = m.presented
    ? `Chromium EventLatency (${m.presented.n} keys): to commit p50 ${m.committed.p50_ms} / p95 ${m.committed.p95_ms} / max ${m.committed.max_ms} ms, `
      + `to screen p50 ${m.presented.p50_ms} / p95 ${m.presented.p95_ms} / max ${m.presented.max_ms} ms; `
    : '';
  return `${traced}work p50 ${m.work.p50_ms} / p95 ${m.work.p95_ms} / max ${m.work.max_ms} ms; `
    + `to paint p50 ${m.paint.p50_ms} / p95 ${m.paint.p95_ms} / max ${m.paint.max_ms} ms; `
    + `Event Timing: ${et.at_least_16_ms} of ${m.keys} keys ≥ 16 ms (${et.over_16_ms} over 16 ms)`;
}

/** One benchmark run in a browser of its own with `flags`: `measure(browser, page)` gives
 *  the figures, which are logged and returned; no page error may occur meanwhile. */
export async function benchRun(name, flags, keys, measure) {
  const { browser, page, problems } = await launch(undefined, flags);
  try {
    const m = await measure(browser, page);
    assert.deepEqual(problems, [], 'no page errors');
    step(`BENCH [${name}] ${keys} keys: ${describe(m)}`);
    return { flags, ...m };
  } finally {
    await browser.close();
  }
}
