//! `cargo xtask test`: everything CI checks, in the order that fails fastest: the native
//! stage (fmt, the no-web-deps invariant, the core's layers (`layers.rs`), clippy native and for wasm32, the forms check,
//! every native test (the fuzz corpus replay among them), on CI a short run of every fuzz
//! target (`fuzz.rs`, built beside the stage), while the browser stage's tools install
//! beside it), then
//! the browser stage (`cargo xtask e2e`: build, component tests in Chromium, end-to-end
//! scripts, declaration type-check) and the size budget. `--native` stops after the native
//! stage.

use crate::util::{cargo, root};
use anyhow::{Context, Result, bail};
use std::process::Command;

pub fn run(args: &[String]) -> Result<()> {
    let native_only = match args {
        [] => false,
        [a] if a == "--native" => true,
        _ => bail!("test takes no arguments but --native (skip the browser stage)"),
    };
    // The browser stage's tools (npm packages, wasm-bindgen-cli: minutes on a fresh machine)
    // install meanwhile: npm waits on the network, and `cargo install` builds in a target
    // directory of its own, so it never holds the workspace's build lock.
    let tools = (!native_only).then(|| {
        std::thread::spawn(|| -> Result<()> {
            crate::tools::npm_tools()?;
            crate::tools::wasm_bindgen()?;
            Ok(())
        })
    });
    // On CI, a few seconds of every fuzz target after the native tests; their nightly
    // build runs meanwhile (locally, `cargo xtask fuzz` runs them longer).
    let fuzz = crate::fuzz::ci_start();
    cargo(&["fmt", "--all", "--check"])?;
    core_has_no_web_deps()?;
    crate::layers::check(&root().join("crates/core/src"))?;
    cargo(&[
        "clippy",
        "--workspace",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ])?;
    clippy_wasm()?;
    cargo(&["run", "--quiet", "-p", "llk-cli", "--", "check", "forms"])?;
    cargo(&["test", "--workspace"])?;
    if let Some(fuzz) = fuzz {
        fuzz.finish()?;
    }
    if native_only {
        eprintln!("xtask test --native: native checks passed (browser stage skipped)");
        return Ok(());
    }
    if let Some(tools) = tools {
        tools
            .join()
            .map_err(|_| anyhow::anyhow!("installing the browser stage's tools failed"))??;
    }
    crate::fuzz::ci_js()?;
    crate::e2e::run(&[])?;
    // The code stays within its size budget (measured on the build e2e just made).
    crate::size::run(&["--check".to_string()])?;
    eprintln!("xtask test: all checks passed, native and in the browser");
    Ok(())
}

/// The code only wasm32 compiles (IndexedDB, WebCrypto, the wasm tests) and every wasm
/// module's feature of llk-web, which the native workspace clippy never sees.
fn clippy_wasm() -> Result<()> {
    const WASM: &str = "wasm32-unknown-unknown";
    crate::tools::wasm_target()?;
    cargo(&[
        "clippy",
        "--target",
        WASM,
        "-p",
        "llk-storage",
        "-p",
        "llk-ui",
        "-p",
        "llk-pdf",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ])?;
    for m in crate::build::MODULES {
        cargo(&[
            "clippy",
            "--target",
            WASM,
            "-p",
            "llk-web",
            "--no-default-features",
            "--features",
            m.feature,
            "--",
            "-D",
            "warnings",
        ])?;
    }
    Ok(())
}

/// Architecture invariant: the core builds and tests natively, with no web crate in its tree.
fn core_has_no_web_deps() -> Result<()> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = Command::new(cargo)
        .args([
            "tree", "-p", "llk-core", "--edges", "normal", "--prefix", "none",
        ])
        .current_dir(root())
        .output()
        .context("cannot run cargo tree")?;
    if !out.status.success() {
        bail!(
            "cargo tree -p llk-core failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let tree = String::from_utf8_lossy(&out.stdout);
    let web: Vec<&str> = tree
        .lines()
        .filter(|l| {
            ["web-sys ", "js-sys ", "wasm-bindgen ", "yew "]
                .iter()
                .any(|w| l.starts_with(w))
        })
        .collect();
    if !web.is_empty() {
        bail!(
            "llk-core must not depend on web crates, but its tree has: {}",
            web.join(", ")
        );
    }
    eprintln!("llk-core: no web crates in its dependency tree");
    Ok(())
}
