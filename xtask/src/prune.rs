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
}

const SCRIPT: &str = r#"
const fs = require('fs');
const [wasmPath, graphPath, dropJson, blobsJson] = process.argv.slice(1);
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
