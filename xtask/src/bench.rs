//! `cargo xtask bench`: validation timings per form (llk-core, criterion-style bench), then
//! draft save latency in Chromium: a 200-field submission sealed with WebCrypto AES-GCM and
//! written to IndexedDB 200 times, p50/p95 (llk-storage's `bench` test; target p95 ≤ 20 ms).

use crate::util::root;
use crate::{e2e, tools, util};
use anyhow::{Context, Result, bail};
use std::process::Command;

pub fn run(args: &[String]) -> Result<()> {
    let drafts_only = args.iter().any(|a| a == "--drafts");
    if !drafts_only {
        util::cargo(&["bench", "-p", "llk-core", "--bench", "validate"])?;
    }
    let chromium = tools::chromium()?;
    let caps = e2e::webdriver_caps(&chromium)?;
    let runner = tools::wasm_bindgen()?.with_file_name("wasm-bindgen-test-runner");
    let driver = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".into());
    eprintln!(
        "$ cargo test -p llk-storage --target wasm32-unknown-unknown --release --test bench -- --nocapture"
    );
    let status = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args([
            "test",
            "-p",
            "llk-storage",
            "--target",
            "wasm32-unknown-unknown",
            "--release",
            "--test",
            "bench",
            "--",
            "--nocapture",
        ])
        .env("CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER", &runner)
        .env("CHROMEDRIVER", &driver)
        .env("WASM_BINDGEN_TEST_WEBDRIVER_JSON", &caps)
        .current_dir(root())
        .status()
        .context("cannot run the draft save benchmark")?;
    if !status.success() {
        bail!("the draft save benchmark failed ({status})");
    }
    Ok(())
}
