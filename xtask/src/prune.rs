//! Cutting what a module carries but never runs, before wasm-opt (the PDF module).
//!
//! printpdf 0.12 exported its own `#[wasm_bindgen]` functions (`Pdf_*`, its HTML/SVG/parser
//! API) from every wasm build. The workspace now uses a copy patched to export them only with
//! its `js-sys` feature (`vendor/printpdf/PATCHED.md`): dropped here after linking, as they
//! were, their code went but the data the linker had laid out for them stayed (~100 KB gzip).
//! `drop_exports` still drops them should they come back, and says so: a warning then means
//! the patch was lost. `wasm-metadce` keeps every other export as a root.
//!
//! It also embeds a 654 KB ICC profile (CoatedFOGRA39, ~470 KB gzip) that its serializer
//! writes only for PDF/X conformance levels; llk-pdf never asks for one (its test
//! `no_icc_profile_is_needed` checks it). The bytes are zeroed in the data section, which
//! `wasm-opt --zero-filled-memory` then leaves out. The profile's 20 KB licence text, which
//! the same branch writes into the output intent, goes the same way (5 KB gzip, measured).
//! A profile not found (another printpdf)
//! only warns: `cargo xtask size --check` would catch the growth.
//!
//! Likewise the Brotli dictionary (RFC 7932, 122,784 bytes, "timedownlifeleftback…", ~62 KB
//! gzip): allsorts needs it only to read WOFF2 fonts, and llk-pdf embeds its own TrueType
//! fonts only (`crates/pdf/fonts/*.ttf`, checked by `fonts_are_truetype`).
//!
//! For the same reason the Brotli decoder itself goes: `stub_functions` gives a function
//! the body `unreachable` (found by its name in wasm-bindgen's name section), and wasm-opt
//! then drops everything only it reached. `BrotliDecompressStream` is the decoder's one
//! entry; stubbing it cut ~31 KB of code (15 KB gzip, measured). Should a WOFF2 font ever
//! be read, the module traps and the PDF fails with its Dutch message instead.

use crate::tools;
use crate::util::root;
use anyhow::{Context, Result, bail};
use std::path::{Path, PathBuf};
use std::process::Command;

/// What to cut from one module.
pub struct Prune {
    /// Exports whose names start with one of these are dropped.
    pub drop_exports: &'static [&'static str],
    /// Files (in a dependency's package: crate name, path in it) whose bytes are zeroed.
    pub zero_blobs: &'static [(&'static str, &'static str)],
    /// Tables known by how they start and their length, zeroed the same way.
    pub zero_tables: &'static [(&'static str, usize)],
    /// Functions (by the start of their name) whose body becomes `unreachable`.
    pub stub_functions: &'static [&'static str],
}

const SCRIPT: &str = r#"
const fs = require('fs');
const [wasmPath, graphPath, dropJson, blobsJson, tablesJson, stubsJson] = process.argv.slice(1);
let wasm = fs.readFileSync(wasmPath);
const drop = JSON.parse(dropJson);
const exports = WebAssembly.Module.exports(new WebAssembly.Module(wasm)).map((e) => e.name);
const kept = exports.filter((n) => !drop.some((p) => n.startsWith(p)));
const graph = [{ name: 'root', root: true, reaches: kept.map((n) => 'export:' + n) }]
  .concat(exports.map((n) => ({ name: 'export:' + n, export: n })));
fs.writeFileSync(graphPath, JSON.stringify(graph));
let zeroed = 0;
for (const blobPath of JSON.parse(blobsJson)) {
  const blob = fs.readFileSync(blobPath);
  for (let at = wasm.indexOf(blob); at >= 0; at = wasm.indexOf(blob, at + blob.length)) {
    wasm.fill(0, at, at + blob.length);
    zeroed += 1;
  }
  if (zeroed === 0) console.error(`warning: ${blobPath} not found in the wasm`);
}
for (const [start, length] of JSON.parse(tablesJson)) {
  const at = wasm.indexOf(Buffer.from(start, 'latin1'));
  if (at < 0 || wasm.indexOf(Buffer.from(start, 'latin1'), at + 1) >= 0) {
    console.error(`warning: table "${start}" not found once in the wasm: left alone`);
    continue;
  }
  wasm.fill(0, at, at + length);
  zeroed += 1;
}
const stubbed = stub(JSON.parse(stubsJson));
fs.writeFileSync(wasmPath, wasm);
if (kept.length < exports.length) console.error(`warning: dropped ${exports.length - kept.length} export(s) after linking: their data stays in the module`);
console.log(`zeroed ${zeroed} blob(s), stubbed ${stubbed} function(s)`);

// The code section rewritten with each named function's body `unreachable` (no locals).
function stub(prefixes) {
  if (prefixes.length === 0) return 0;
  const leb = (at) => { let v = 0, s = 0, x; do { x = wasm[at++]; v += (x & 0x7f) * 2 ** s; s += 7; } while (x & 0x80); return [v, at]; };
  const enc = (n) => { const o = []; do { let x = n & 0x7f; n = Math.floor(n / 128); o.push(n ? x | 0x80 : x); } while (n); return Buffer.from(o); };
  const sections = [];
  let imported = 0;
  const names = new Map();
  for (let at = 8; at < wasm.length;) {
    const id = wasm[at];
    const [size, body] = leb(at + 1);
    sections.push([id, at, body, body + size]);
    if (id === 2) {
      let [n, p] = leb(body);
      for (let k = 0; k < n; k++) {
        let l; [l, p] = leb(p); p += l; [l, p] = leb(p); p += l;
        const kind = wasm[p++];
        if (kind === 0) { [, p] = leb(p); imported++; }
        else if (kind === 1) { p++; let f; [f, p] = leb(p); [, p] = leb(p); if (f & 1) [, p] = leb(p); }
        else if (kind === 2) { let f; [f, p] = leb(p); [, p] = leb(p); if (f & 1) [, p] = leb(p); }
        else p += 2;
      }
    } else if (id === 0) {
      let [l, p] = leb(body);
      if (wasm.subarray(p, p + l).toString() === 'name') {
        for (p += l; p < body + size;) {
          const sub = wasm[p];
          let sl; [sl, p] = leb(p + 1);
          const end = p + sl;
          if (sub === 1) {
            let n; [n, p] = leb(p);
            for (let k = 0; k < n; k++) {
              let idx, nl; [idx, p] = leb(p); [nl, p] = leb(p);
              names.set(idx, wasm.subarray(p, p + nl).toString()); p += nl;
            }
          }
          p = end;
        }
      }
    }
    at = body + size;
  }
  const targets = new Set([...names].filter(([, n]) => prefixes.some((s) => n.startsWith(s))).map(([i]) => i));
  for (const s of prefixes) {
    if (![...names.values()].some((n) => n.startsWith(s))) console.error(`warning: function ${s} not found in the wasm: left alone`);
  }
  const parts = [wasm.subarray(0, 8)];
  for (const [id, start, body, end] of sections) {
    if (id !== 10 || targets.size === 0) { parts.push(wasm.subarray(start, end)); continue; }
    let [n, p] = leb(body);
    const out = [enc(n)];
    for (let k = 0; k < n; k++) {
      let l; [l, p] = leb(p);
      const code = targets.has(k + imported) ? Buffer.from([0, 0, 0x0b]) : wasm.subarray(p, p + l);
      out.push(enc(code.length), code);
      p += l;
    }
    const content = Buffer.concat(out);
    parts.push(Buffer.from([10]), enc(content.length), content);
  }
  wasm = Buffer.concat(parts);
  return targets.size;
}
"#;

/// The directory of a dependency's package, from `cargo metadata`.
fn package_dir(name: &str) -> Result<PathBuf> {
    let out = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(["metadata", "--format-version", "1", "--filter-platform"])
        .arg("wasm32-unknown-unknown")
        .current_dir(root())
        .output()
        .context("cargo metadata")?;
    let text = String::from_utf8_lossy(&out.stdout);
    // A registry package lives in `…/<name>-<version>/`, a patched one in `vendor/<name>/`.
    let (registry, vendored) = (format!("/{name}-"), format!("/vendor/{name}/Cargo.toml"));
    text.split("\"manifest_path\":\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .find(|p| (p.contains(&registry) && p.ends_with("Cargo.toml")) || p.ends_with(&vendored))
        .and_then(|p| Path::new(p).parent().map(Path::to_path_buf))
        .with_context(|| format!("package {name} not in cargo metadata"))
}

/// Applies `prune` to `wasm` (wasm-bindgen's output) in place.
pub fn run(wasm: &Path, prune: &Prune) -> Result<()> {
    let mut blobs = Vec::new();
    for (package, file) in prune.zero_blobs {
        blobs.push(package_dir(package)?.join(file).display().to_string());
    }
    let json = |v: &[String]| {
        format!(
            "[{}]",
            v.iter()
                .map(|s| format!("{s:?}"))
                .collect::<Vec<_>>()
                .join(",")
        )
    };
    let graph = wasm.with_extension("graph.json");
    let drop: Vec<String> = prune.drop_exports.iter().map(|s| s.to_string()).collect();
    eprintln!("$ prune {}", wasm.display());
    let status = Command::new("node")
        .args(["-e", SCRIPT])
        .arg(wasm)
        .arg(&graph)
        .arg(json(&drop))
        .arg(json(&blobs))
        .arg(format!(
            "[{}]",
            prune
                .zero_tables
                .iter()
                .map(|(start, len)| format!("[{start:?},{len}]"))
                .collect::<Vec<_>>()
                .join(",")
        ))
        .arg(json(
            &prune
                .stub_functions
                .iter()
                .map(|s| s.to_string())
                .collect::<Vec<_>>(),
        ))
        .status()
        .context("node is needed to prune the wasm")?;
    if !status.success() {
        bail!("pruning {} failed", wasm.display());
    }
    let metadce = tools::wasm_opt()?.with_file_name("wasm-metadce");
    let status = Command::new(metadce)
        .args([
            "--enable-bulk-memory",
            "--enable-reference-types",
            "--enable-nontrapping-float-to-int",
            "--enable-sign-ext",
            "--enable-mutable-globals",
            "--enable-multivalue",
            "-f",
        ])
        .arg(&graph)
        .arg(wasm)
        .arg("-o")
        .arg(wasm)
        .stdout(std::process::Stdio::null())
        .status()
        .context("wasm-metadce (npm binaryen)")?;
    std::fs::remove_file(&graph).ok();
    if !status.success() {
        bail!("wasm-metadce failed on {}", wasm.display());
    }
    Ok(())
}
