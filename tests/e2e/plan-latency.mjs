// Keystroke-to-paint in <llk-levensloopplan>, measured three ways per keystroke, all from
// the key event's own timestamp (`event.timeStamp`: when the browser received the key,
// so queueing before the handlers counts too):
//
//   work   until the editor's update is done and style and layout are computed again
//          (forced in an `input` listener on window, which runs after the editor's own).
//   paint  until the first task after the next animation frame (rAF, then a MessageChannel
//          message): the frame that shows the character has been produced by then. This
//          includes the wait for that frame: in headless Chromium frames come at 60 Hz,
//          so it adds up to 16.7 ms to `work` whatever the editor does.
//   Event Timing  the browser's own figure (PerformanceEventTiming, as INP uses it):
//          `duration` from the keydown's timestamp to the next paint after its handlers,
//          rounded to 8 ms. Only entries of 16 ms and more are reported by the API (its
//          minimum `durationThreshold`), so it tells how many keystrokes took ≥ 16 ms
//          (rounded), with their input delay (processingStart − startTime) and handler
//          time (processingEnd − processingStart).
//
// Used by levensloopplan.mjs (a short run, to show the figures; timings never fail a
// test) and by plan-bench.mjs (`cargo xtask bench`: the full run, with and without the
// frame-rate flags).

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

/** Installs the probes in the page (once); `hostId` is the editor element's id. */
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
      document.getElementById(id).shadowRoot.querySelector('.llk-plan').getBoundingClientRect();
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

/** One line for the log. */
export function describe(m) {
  const et = m.event_timing;
  return `work p50 ${m.work.p50_ms} / p95 ${m.work.p95_ms} / max ${m.work.max_ms} ms; `
    + `to paint p50 ${m.paint.p50_ms} / p95 ${m.paint.p95_ms} / max ${m.paint.max_ms} ms; `
    + `Event Timing: ${et.at_least_16_ms} of ${m.keys} keys ≥ 16 ms (${et.over_16_ms} over 16 ms)`;
}
