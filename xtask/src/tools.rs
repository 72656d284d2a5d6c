//! Installs, on first use, what the browser build and the browser tests need, so a fresh
//! machine needs only rustup (and node/npm, apt for Chromium):
//! the `wasm32-unknown-unknown` target, `wasm-bindgen-cli` at the version `llk-web` pins
//! (into `target/tools`), and the npm tools of `package.json` (binaryen's `wasm-opt`,
//! `playwright-core`, `axe-core`, `typescript`, `terser`) into `node_modules`.

use crate::util::{root, run};
use anyhow::{Context, Result, bail};
use std::path::PathBuf;
use std::process::Command;

/// Must equal the `wasm-bindgen = "=…"` pin in crates/web and crates/ui.
pub const WASM_BINDGEN_VERSION: &str = "0.2.130";

fn cargo_bin() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".into())
}

pub fn wasm_target() -> Result<()> {
    let out = Command::new("rustup")
        .args(["target", "list", "--installed"])
        .output()
        .context("rustup is needed to add the wasm32-unknown-unknown target")?;
    if String::from_utf8_lossy(&out.stdout)
        .lines()
        .any(|l| l.trim() == "wasm32-unknown-unknown")
    {
        return Ok(());
    }
    run("rustup", &["target", "add", "wasm32-unknown-unknown"])
}

/// The project-local wasm-bindgen, installed at the pinned version when missing.
pub fn wasm_bindgen() -> Result<PathBuf> {
    let tools = root().join("target/tools");
    let bin = tools.join("bin/wasm-bindgen");
    let ok = Command::new(&bin)
        .arg("--version")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).contains(WASM_BINDGEN_VERSION));
    if !ok {
        eprintln!(
            "installing wasm-bindgen-cli {WASM_BINDGEN_VERSION} into target/tools (1–3 minutes, once)"
        );
        // No --locked: its lock file names a crate version the registry lacks.
        let tools = tools.display().to_string();
        run(
            &cargo_bin(),
            &[
                "install",
                "wasm-bindgen-cli",
                "--version",
                WASM_BINDGEN_VERSION,
                "--root",
                &tools,
            ],
        )?;
    }
    Ok(bin)
}

/// `node_modules/.bin/<name>`, after `npm ci` if the npm tools are missing.
pub fn npm_tools() -> Result<()> {
    let r = root();
    let have = [
        "node_modules/.bin/wasm-opt",
        "node_modules/playwright-core/package.json",
        "node_modules/axe-core/axe.min.js",
        "node_modules/.bin/tsc",
        "node_modules/.bin/terser",
    ]
    .iter()
    .all(|p| r.join(p).exists());
    if have {
        return Ok(());
    }
    if Command::new("npm").arg("--version").output().is_err() {
        bail!(
            "npm is needed for wasm-opt (binaryen) and the browser tests: apt-get install -y nodejs npm"
        );
    }
    run("npm", &["ci", "--no-audit", "--no-fund"])
}

pub fn terser() -> Result<PathBuf> {
    npm_tools()?;
    Ok(root().join("node_modules/.bin/terser"))
}

pub fn wasm_opt() -> Result<PathBuf> {
    npm_tools()?;
    Ok(root().join("node_modules/.bin/wasm-opt"))
}

/// The system Chromium for the end-to-end tests; installed with apt when missing and root.
pub fn chromium() -> Result<PathBuf> {
    let bin =
        PathBuf::from(std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into()));
    if bin.exists() {
        return Ok(bin);
    }
    let is_root = Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0");
    if !is_root {
        bail!(
            "Chromium is missing: sudo apt-get install -y chromium chromium-driver (or set CHROMIUM=/path)"
        );
    }
    eprintln!("installing Chromium with apt (once)");
    run("apt-get", &["update"])?;
    let status = Command::new("apt-get")
        .args(["install", "-y", "chromium", "chromium-driver"])
        .env("DEBIAN_FRONTEND", "noninteractive")
        .status()
        .context("cannot start apt-get")?;
    if !status.success() {
        bail!("apt-get install chromium failed ({status})");
    }
    Ok(bin)
}
