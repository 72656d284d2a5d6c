//! `cargo xtask bench`: validation timings per form (llk-core, criterion-style bench), what
//! refusing hostile PDFs and checking the most the PDF bounds allow take (llk-pdf), the
//! caseload's work for 500 cases of 40 entries (`benches/caseload.rs`), then
//! draft save latency in Chromium: a 200-field submission sealed with WebCrypto AES-GCM and
//! written to IndexedDB 200 times, p50/p95 (llk-storage's `bench` test; target p95 ≤ 20 ms),
//! then keystroke-to-paint in the plan editor with 200 items (`tests/e2e/plan-bench.mjs`
//! against the built demo; target p95 ≤ 16 ms, key press to painted frame): Chromium's
//! own per-key figures and the in-page probes, p50/p95/max, with the e2e's browser
//! switches and without the 60 Hz frame wait, each beside an empty page (all reported);
//! the same in a form of 200 fields on one page (`tests/e2e/form-bench.mjs`; target p95
//! ≤ 8 ms);
//! the caseload of 500 cases and one case in Chromium (`tests/e2e/casus-bench.mjs`), export
//! and import of an overdracht package of 40 documents (`tests/e2e/overdracht-bench.mjs`), and
//! the aanmelding's time to interactive on the demo page with the cache empty, median of 10
//! (`tests/e2e/interactive-bench.mjs`; target ≤ 400 ms).
//!
//! `--drafts` or `--plan` runs only that one; `--no-build` uses `dist/` as it is.

use crate::util::root;
use crate::{build, e2e, tools, util};
use anyhow::{Context, Result, bail};
use std::net::TcpListener;
use std::process::Command;

pub fn run(args: &[String]) -> Result<()> {
    let (opts, rest) = build::Options::parse(args)?;
    let has = |flag: &str| rest.iter().any(|a| a == flag);
    let (drafts_only, plan_only) = (has("--drafts"), has("--plan"));
    if !drafts_only && !plan_only {
        util::cargo(&["bench", "-p", "llk-core", "--bench", "validate"])?;
        util::cargo(&["bench", "-p", "llk-core", "--bench", "caseload"])?;
        util::cargo(&["bench", "-p", "llk-pdf", "--bench", "hostile"])?;
    }
    if !plan_only {
        drafts()?;
    }
    if !drafts_only {
        if !has("--no-build") {
            build::build(&opts)?;
        }
        plan(&opts)?;
    }
    Ok(())
}

/// Keystroke-to-paint in `<llk-levensloopplan>`: the demo served on a free port, the
/// levensloopplan example (the plan is built from it) written where the script reads it.
fn plan(opts: &build::Options) -> Result<()> {
    let chromium = tools::chromium()?;
    tools::npm_tools()?;
    let r = root();
    let out_dir = r.join("target/e2e");
    std::fs::create_dir_all(&out_dir)?;
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let example = Command::new(&cargo)
        .args(["run", "--quiet", "-p", "llk-cli", "--", "example"])
        .args(["--form", "levensloopplan", "--region", "gelderland"])
        .env("LLK_FORMS", &opts.forms)
        .current_dir(&r)
        .output()
        .context("cannot run llk example")?;
    if !example.status.success() {
        bail!(
            "llk example failed: {}",
            String::from_utf8_lossy(&example.stderr)
        );
    }
    std::fs::write(
        out_dir.join("levensloopplan.gelderland.example.json"),
        &example.stdout,
    )?;
    let listener = TcpListener::bind(("127.0.0.1", 0)).context("cannot open a port")?;
    let url = format!("http://127.0.0.1:{}/", listener.local_addr()?.port());
    let dist = r.join(build::DIST);
    std::thread::spawn(move || crate::demo::serve(listener, dist));
    for script in [
        "plan-bench.mjs",
        "form-bench.mjs",
        "casus-bench.mjs",
        "overdracht-bench.mjs",
        "interactive-bench.mjs",
    ] {
        eprintln!("$ node tests/e2e/{script} {url}");
        let status = Command::new("node")
            .arg(r.join("tests/e2e").join(script))
            .arg(&url)
            .env("LLK_OUT", &out_dir)
            .env("CHROMIUM", &chromium)
            .current_dir(&r)
            .status()
            .context("cannot start node")?;
        if !status.success() {
            bail!("the browser benchmark {script} failed ({status})");
        }
    }
    Ok(())
}

/// Draft save latency: llk-storage's `bench` test in Chromium, release build.
fn drafts() -> Result<()> {
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
