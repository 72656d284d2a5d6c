// Makes Jazzer.js's native addon (libFuzzer) load on Debian 12. The npm package ships only a
// prebuilt addon (older versions fetch one from GitHub or build libFuzzer from sources the
// registry does not have), built against glibc 2.38 and GCC 13's libstdc++, while Debian 12
// has glibc 2.36 and GCC 12's. It needs three symbols of those newer versions:
//  - `__isoc23_strtol`, `__isoc23_strtoul`: C23's strtol/strtoul, which differ only in
//    also reading a `0b` prefix; retargeted to `strtol`/`strtoul` (their names are the
//    tails of the same strings), version GLIBC_2.2.5.
//  - `std::ios_base_library_init()`: GCC 13's <iostream> only references it (never calls
//    it) to pull in the library's own stream setup; made a weak, unversioned reference.
// The two version needs no symbol uses any more are renamed to versions the system has.
// Applied once to node_modules' copy, only when loading fails with exactly that error.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

function addonPath() {
  const dir = require.resolve('@jazzer.js/fuzzer/package.json').replace(/package\.json$/, '');
  return `${dir}prebuilds/fuzzer-${process.platform}-${process.arch}.node`;
}

function loadError(path) {
  try {
    require(path);
    return null;
  } catch (e) {
    return e;
  }
}

/** The ELF sections of `b` by name, with readers for its little-endian fields. */
function elf(b) {
  const dv = new DataView(b.buffer, b.byteOffset, b.length);
  const u16 = (o) => dv.getUint16(o, true);
  const u32 = (o) => dv.getUint32(o, true);
  const u64 = (o) => Number(dv.getBigUint64(o, true));
  const shoff = u64(0x28);
  const sections = [];
  for (let i = 0; i < u16(0x3c); i += 1) {
    const o = shoff + i * u16(0x3a);
    sections.push({ nameAt: u32(o), off: u64(o + 0x18), size: u64(o + 0x20) });
  }
  const cstr = (at) => b.toString('latin1', at, b.indexOf(0, at));
  const names = sections[u16(0x3e)];
  const by = Object.fromEntries(sections.map((s) => [cstr(names.off + s.nameAt), s]));
  return { dv, u16, u32, cstr, by };
}

function patch(path) {
  const b = readFileSync(path);
  const { dv, u16, u32, cstr, by } = elf(b);
  const dynstr = by['.dynstr'].off;
  const versym = by['.gnu.version'].off;
  const dynsym = by['.dynsym'];
  // The needed versions (.gnu.version_r): each file's entries, each with its aux entries.
  const needs = [];
  for (let v = by['.gnu.version_r'].off; ; v += u32(v + 12)) {
    let a = v + u32(v + 8);
    for (let k = 0; k < u16(v + 2); k += 1, a += u32(a + 12)) {
      needs.push({ at: a, index: u16(a + 6), name: cstr(dynstr + u32(a + 8)) });
    }
    if (!u32(v + 12)) break;
  }
  const need = (name) => needs.find((n) => n.name === name) ?? fail(`no ${name}`);
  let changed = 0;
  for (let i = 0; i < dynsym.size / 24; i += 1) {
    const o = dynsym.off + i * 24;
    const name = cstr(dynstr + u32(o));
    if (name === '__isoc23_strtol' || name === '__isoc23_strtoul') {
      dv.setUint32(o, u32(o) + '__isoc23_'.length, true);
      dv.setUint16(versym + 2 * i, need('GLIBC_2.2.5').index, true);
      changed += 1;
    } else if (name === '_ZSt21ios_base_library_initv') {
      b[o + 4] = (2 << 4) | (b[o + 4] & 0xf); // STB_WEAK
      dv.setUint16(versym + 2 * i, 1, true); // VER_NDX_GLOBAL
      changed += 1;
    }
  }
  for (const [from, to] of [['GLIBC_2.38', 'GLIBC_2.34'], ['GLIBCXX_3.4.32', 'GLIBCXX_3.4.29']]) {
    const f = need(from);
    const t = need(to);
    dv.setUint32(f.at, u32(t.at), true); // vna_hash
    dv.setUint32(f.at + 8, u32(t.at + 8), true); // vna_name
  }
  if (changed !== 3) fail(`expected 3 symbols to retarget, found ${changed}`);
  writeFileSync(`${path}.orig`, readFileSync(path));
  writeFileSync(path, b);
}

function fail(why) {
  throw new Error(`cannot adapt the Jazzer.js addon to this system: ${why}`);
}

/** Loads Jazzer.js's addon, adapting it first if this system's libraries are too old. */
export function ensureAddon() {
  const path = addonPath();
  const first = loadError(path);
  if (!first) return;
  if (process.platform !== 'linux' || process.arch !== 'x64' || !/GLIBC_2\.38|GLIBCXX_3\.4\.3[12]/.test(first.message)) {
    throw first;
  }
  console.error('fuzz: adapting the Jazzer.js addon to this glibc and libstdc++ (see fuzz/js/addon.mjs)');
  patch(path);
  const again = loadError(path);
  if (again) throw again;
}
