//! Cutting what a module carries but never runs, before wasm-opt (the PDF module).
//!
//! printpdf 0.12 exports its own `#[wasm_bindgen]` functions (`Pdf_*`, its HTML/SVG/parser
//! API) whatever its features; exported, they and all they reach stay. `wasm-metadce`
//! drops them: every other export is kept as a root.
//!
//! It also embeds a 654 KB ICC profile (CoatedFOGRA39, ~470 KB gzip) that its serializer
//! writes only for PDF/X conformance levels; llk-pdf never asks for one (its test
//! `no_icc_profile_is_needed` checks it). The bytes are zeroed in the data section, which
//! `wasm-opt --zero-filled-memory` then leaves out. A profile not found (another printpdf)
//! only warns: `cargo xtask size --check` would catch the growth.
//!
//! Likewise the Brotli dictionary (RFC 7932, 122,784 bytes, "timedownlifeleftback…", ~62 KB
//! gzip): allsorts needs it only to read WOFF2 fonts, and llk-pdf embeds its own TrueType
//! fonts only (`crates/pdf/fonts/*.ttf`, checked by `fonts_are_truetype`).

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
}

const SCRIPT: &str = r#"
const fs = require('fs');
const [wasmPath, graphPath, dropJson, blobsJson, tablesJson] = process.argv.slice(1);
const wasm = fs.readFileSync(wasmPath);
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
fs.writeFileSync(wasmPath, wasm);
console.log(`dropped ${exports.length - kept.length} exports, zeroed ${zeroed} blob(s)`);
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
    let needle = format!("/{name}-");
    text.split("\"manifest_path\":\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .find(|p| p.contains(&needle) && p.ends_with("Cargo.toml"))
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
