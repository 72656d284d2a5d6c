// Filling the kit's forms by keyboard alone, as someone who cannot use a mouse: Tab from
// field to field, typing, arrow keys and Space, Enter on buttons. Shared by keyboard.mjs
// (every form on the demo page) and casus.mjs (a whole case inside <llk-casus>, where the
// form sits two shadow roots deep). No mouse event and no programmatic focus.
//
// A field that already holds the wanted answer (prefilled from the case) is left alone and
// counted as `prefilled`; every text typed is kept in `typed`, so a test can say that
// nothing known was typed twice.

import assert from 'node:assert/strict';
import { domId, typedText, leavesOf, groupCounts } from './lib.mjs';

export function keyboard(page) {
  const keys = { Tab: 0, Enter: 0, Space: 0, Arrow: 0, other: 0, typed: 0 };
  const typed = [];

  async function press(key) {
    const k = key.startsWith('Arrow') ? 'Arrow' : key === 'Shift+Tab' ? 'Tab' : key;
    keys[k in keys ? k : 'other'] += 1;
    await page.keyboard.press(key);
  }
  /** Types a value: character by character, or (long texts) as one text input event. */
  async function type(text) {
    keys.typed += text.length;
    typed.push(text);
    if (text.length > 80) await page.keyboard.insertText(text);
    else await page.keyboard.type(text);
  }

  /** What has focus, read down through every shadow root after the tasks a key press
   *  queued have run (as a person would see it): the element, and `host`, the id of the
   *  innermost element whose shadow root holds it, or its tag name when it has no id
   *  (`outside` when no shadow root holds the focus). */
  const focused = () => page.evaluate(async () => {
    await new Promise((r) => setTimeout(r, 0));
    let a = document.activeElement;
    let host = null;
    while (a?.shadowRoot?.activeElement) { host = a; a = a.shadowRoot.activeElement; }
    if (!host) return { outside: a?.localName ?? 'nothing', host: null, text: a?.localName === 'a' ? a.textContent.trim() : null };
    const root = host.shadowRoot;
    return {
      host: host.id || host.localName, id: a.id, tag: a.localName, type: a.type ?? null, name: a.name ?? null,
      value: a.value ?? null, checked: a.checked ?? null,
      text: a.localName === 'button' || a.localName === 'a' ? a.textContent.trim() : null,
      label: a.getAttribute('aria-label'),
      options: a.localName === 'select' ? [...a.options].map((o) => o.value) : null,
      selected: a.localName === 'select' ? a.selectedIndex : null,
      heading: root.querySelector('#llk-page-heading')?.textContent ?? null,
      levels: root.querySelectorAll('.llk-plan__level').length,
    };
  });

  /** Tab until focus is inside element `hostId`; returns the focus there. */
  async function tabInto(hostId, limit) {
    let f = await focused();
    for (let k = 0; k < limit && f.host !== hostId; k++) {
      await press('Tab');
      f = await focused();
    }
    assert.equal(f.host, hostId, `Tab reaches #${hostId}`);
    return f;
  }

  /** Tab (Shift+Tab with `back`) inside `hostId` until `match(focus)`; `lenient`: through
   *  whatever lies on the way. */
  async function tabTo(hostId, match, what, { back = false, limit = 400, lenient = false } = {}) {
    for (let k = 0; k < limit; k++) {
      const f = await focused();
      if (!lenient) assert.equal(f.host, hostId, `focus stays in #${hostId} on the way to ${what}`);
      if (match(f)) return f;
      await press(back ? 'Shift+Tab' : 'Tab');
    }
    throw new Error(`Tab never reached ${what} in #${hostId}`);
  }

  /**
   * Fills `hostId` from `answers` by keyboard, starting from focus `f` inside it: every
   * field met on the way that has a wanted answer and does not hold it yet. A form of pages
   * goes page by page (Enter on each page's submit button) to its check page; the plan
   * editor (`plan`) is one page, its ladder grown to the wanted number of levels by its
   * new-level box, and the walk stops at `until(focus)`. `adds` names add buttons of other
   * ids (`{ id: [group dom id, items wanted when passed] }`); the fields in `retype` are
   * typed over what they hold. Returns the focus it stopped on,
   * the pages, and the fields answered and found prefilled.
   */
  async function fill(hostId, answers, f, { plan = false, until = null, adds = {}, retype = [] } = {}) {
    const el = page.locator(`#${hostId}`);
    const leaves = leavesOf(answers);
    const byId = new Map(leaves.map(([path, value]) => [domId(path), value]));
    // Add buttons: the group they add to and how many items it should have when passed.
    const itemsWanted = new Map([...groupCounts(leaves)].map(([g, n]) => [`${domId(g)}-add`, [domId(g), n]]));
    for (const [button, want] of Object.entries(adds)) itemsWanted.set(button, want);
    const levelsWanted = plan ? (answers.scenarios ?? []).length : 0;
    // A field once answered (or found answered) is left alone; Tab goes on.
    const done = new Set();
    const retypeIds = new Set(retype.map(domId));
    const prefilled = new Set();
    const pages = [];
    let pageFields = 0;
    const trail = [];
    const stop = until ?? ((x) => x.id === 'llk-page-heading' && x.heading === 'Controleer uw antwoorden');
    for (let guard = 0; guard < 6000; guard++) {
      if (f.host !== hostId) {
        throw new Error(`focus left #${hostId} (to ${f.host ?? f.outside}) after: ${trail.slice(-4).join(' → ')}`);
      }
      trail.push(`${f.heading}: #${f.id}${f.type === 'radio' ? `=${f.value}` : ''}`);
      if (stop(f)) break;
      // Radios and boxes of a list answer by their group's name; a yes/no box by its id.
      const key = (f.type === 'radio' || f.type === 'checkbox') && f.name ? f.name : f.id;
      const want = byId.get(key);
      if (f.tag === 'button' && f.type === 'submit' && !plan) {
        pages.push(`"${f.heading}": ${pageFields}`);
        pageFields = 0;
        await press('Enter');
        f = await focused();
        if (f.id === 'llk-error-summary-heading') {
          const msgs = await el.locator('.llk-error-summary a').allInnerTexts();
          throw new Error(`page "${f.heading}" of #${hostId} has errors after filling it by keyboard: ${msgs.join(' | ')}`);
        }
        continue;
      }
      if (plan && f.id === 'llk-plan-new-level' && f.levels < levelsWanted) {
        // A level more: its name in the box, Enter; focus moves to the new level's signals.
        await type(answers.scenarios[f.levels].niveau);
        done.add(domId(`scenarios[${f.levels}].niveau`));
        await press('Enter');
        f = await focused();
        continue;
      }
      const remove = plan && /^llk-plan-level-(\d+)-remove$/.exec(f.id ?? '');
      if (remove && Number(remove[1]) >= levelsWanted) {
        await press('Enter'); // a level too many: focus moves on to the new-level box
        f = await focused();
        continue;
      }
      if (f.tag === 'button' && itemsWanted.has(f.id)) {
        const [group, count] = itemsWanted.get(f.id);
        if ((await itemCount(el, group)) < count) {
          await press('Enter'); // adds an item; focus moves to its first field
          f = await focused();
          continue;
        }
      } else if (f.type === 'checkbox' && typeof want === 'boolean' && !done.has(key)) {
        if (f.checked === want) prefilled.add(key);
        else { await press('Space'); pageFields++; }
        done.add(key);
      } else if (f.type === 'checkbox') {
        // Every box is its own Tab stop: Space ticks the ones the answer lists.
        if (Array.isArray(want) && want.includes(f.value)) {
          if (f.checked) prefilled.add(key);
          else { await press('Space'); pageFields++; }
        }
      } else if (want !== undefined && !done.has(key)) {
        if (f.type === 'radio') {
          if (f.checked && f.value === String(want)) prefilled.add(key);
          // Arrow keys move the choice through the group; Space picks the first one.
          for (let k = 0; k < 12 && f.value !== String(want); k++) {
            await press('ArrowDown');
            f = await focused();
          }
          if (!f.checked) await press('Space');
        } else if (f.tag === 'select') {
          let target = f.options.indexOf(String(want));
          if (target < 0) target = f.options.indexOf('__anders__');
          assert.ok(target >= 0, `#${f.id} offers ${want}`);
          if (f.selected === target) prefilled.add(key);
          // Arrow keys move the choice; read it back and go on from there (a busy machine may
          // show an arrow's effect only after the next read).
          for (let k = 0; k < 4 && f.selected !== target; k++) {
            for (let i = f.selected; i < target; i++) await press('ArrowDown');
            for (let i = f.selected; i > target; i--) await press('ArrowUp');
            f = await focused();
          }
          assert.equal(f.selected, target, `#${f.id}: ${want} chosen by keyboard`);
        } else if (f.tag === 'input' || f.tag === 'textarea') {
          if (retypeIds.has(key)) await press('Control+A');
          if (f.value && !retypeIds.has(key)) prefilled.add(key);
          // A signature's keyboard alternative is its typed-name field.
          else await type(want && typeof want === 'object' ? (want.typed ?? want.name) : typedText(want));
        }
        done.add(key);
        pageFields++;
      } else if (f.id?.endsWith('-anders') && byId.has(f.id.slice(0, -7)) && !done.has(f.id)) {
        if (f.value) prefilled.add(f.id);
        else await type(String(byId.get(f.id.slice(0, -7))));
        done.add(f.id);
      }
      await press('Tab');
      f = await focused();
    }
    assert.ok(stop(f), `#${hostId}: the walk ended where it should (${trail.slice(-3).join(' → ')})`);
    for (const k of prefilled) done.delete(k);
    return { f, pages, answered: done.size, prefilled };
  }

  /** How many items the repeating group with DOM id `group` shows (its fields are named
   *  `<group>-<index>-…`). */
  const itemCount = (el, group) => el.evaluate((e, g) => {
    const seen = new Set();
    for (const x of e.shadowRoot.querySelectorAll(`[id^="${g}-"]`)) {
      const m = x.id.slice(g.length + 1).match(/^(\d+)-/);
      if (m) seen.add(m[1]);
    }
    return seen.size;
  }, group);

  /** From the check page of `hostId` to "Versturen" by Tab; Enter sends the form. */
  async function send(hostId, f) {
    for (let k = 0; k < 400 && f.text !== 'Versturen'; k++) {
      await press('Tab');
      f = await focused();
      assert.equal(f.host, hostId, 'focus stays in the form on the check page');
    }
    assert.equal(f.text, 'Versturen');
    await press('Enter');
  }

  return { keys, typed, press, type, focused, tabInto, tabTo, fill, send };
}
