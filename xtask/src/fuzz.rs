//! `cargo xtask fuzz [--seconds N] [TARGET]`: the libFuzzer targets of `fuzz/` (bodies in
//! `crates/fuzzing`), built once with the nightly toolchain and `cargo-fuzz` (installed into
//! `target/tools` on first use), then each run for N seconds on the committed corpus and
//! crash regressions. New inputs go to `target/fuzz/corpus/<target>` (kept between runs, so
//! coverage accumulates; the committed corpus is only read), crashes to
//! `target/fuzz/artifacts/<target>`, the build to `target/fuzz/build`. Prints per target: executions, coverage, corpus size
//! and crashes; a crash fails the command and names the crashing input.
//!
//! The JavaScript target `pkcs12` (Jazzer.js, `fuzz/js/run.mjs`, docs/fuzzing.md) runs the
//! same way, first when no target is named; it needs no nightly.
//!
//! `cargo xtask test` runs every target for a few seconds when `CI=true` ([`ci_start`],
//! [`ci_js`]).

use crate::util::root;
use anyhow::{Context, Result, bail};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

/// Every target and the dictionary it is fuzzed with (`fuzz/dict/`); the same names as
/// `llk_fuzzing::TARGETS`, whose replay test checks them against `fuzz/fuzz_targets/`.
const TARGETS: &[(&str, Option<&str>)] = &[
    ("pdf_sign", Some("pdf.dict")),
    ("pdf_verify", Some("pdf.dict")),
    ("der", None),
    ("form_toml", Some("toml.dict")),
    ("bundle_json", Some("json.dict")),
    ("expr", Some("expr.dict")),
    ("validate", Some("json.dict")),
    ("render", Some("json.dict")),
    ("storage_record", Some("json.dict")),
    ("case_json", Some("json.dict")),
];

/// The JavaScript targets (Jazzer.js, `fuzz/js/run.mjs`): no nightly needed.
const JS_TARGETS: &[&str] = &["pkcs12"];

/// Seconds per target in the CI stage of `cargo xtask test`.
const CI_SECONDS: u32 = 6;

pub fn run(args: &[String]) -> Result<()> {
    let mut seconds = 60;
    let mut only = None;
    let mut args = args.iter();
    while let Some(a) = args.next() {
        match a.as_str() {
            "--seconds" => {
                seconds = args
                    .next()
                    .and_then(|s| s.parse().ok())
                    .context("--seconds takes a whole number")?;
            }
            name if TARGETS.iter().any(|(t, _)| *t == name) || JS_TARGETS.contains(&name) => {
                only = Some(name.to_string());
            }
            other => bail!(
                "unknown fuzz target or option '{other}'; the targets: {}, {}",
                TARGETS
                    .iter()
                    .map(|(t, _)| *t)
                    .collect::<Vec<_>>()
                    .join(", "),
                JS_TARGETS.join(", ")
            ),
        }
    }
    if let Some(js) = only.as_deref().filter(|o| JS_TARGETS.contains(o)) {
        return run_js(js, seconds);
    }
    if only.is_none() {
        for js in JS_TARGETS {
            run_js(js, seconds)?;
        }
    }
    if !has_nightly()? {
        bail!("fuzzing needs the nightly toolchain: rustup toolchain install nightly");
    }
    let targets: Vec<_> = TARGETS
        .iter()
        .filter(|(t, _)| only.as_deref().is_none_or(|o| o == *t))
        .copied()
        .collect();
    fuzz(&targets, seconds)
}

/// The short run `cargo xtask test` makes on CI (`CI=true`): the targets build on a thread
/// beside the native stage (cargo-fuzz has a target directory of its own, so neither waits
/// on the other's lock), then [`CiStage::finish`] runs each for [`CI_SECONDS`].
#[derive(Debug)]
pub struct CiStage {
    /// Whether the targets were built (false: no nightly toolchain).
    build: std::thread::JoinHandle<Result<bool>>,
    started: Instant,
}

/// Starts the CI stage's build; `None` when not on CI.
pub fn ci_start() -> Option<CiStage> {
    if !std::env::var("CI").is_ok_and(|v| v == "true") {
        return None;
    }
    let build = std::thread::spawn(|| -> Result<bool> {
        if !has_nightly()? {
            return Ok(false);
        }
        build()?;
        Ok(true)
    });
    Some(CiStage {
        build,
        started: Instant::now(),
    })
}

impl CiStage {
    /// Every target for [`CI_SECONDS`]; skipped, and said so, on a machine without the
    /// nightly toolchain (the stable corpus replay in `cargo test --workspace` still ran).
    pub fn finish(self) -> Result<()> {
        let built = self
            .build
            .join()
            .map_err(|_| anyhow::anyhow!("building the fuzz targets panicked"))??;
        if !built {
            eprintln!(
                "fuzz stage skipped: no nightly toolchain is installed (the corpus replay ran on stable)"
            );
            return Ok(());
        }
        let waited = self.started.elapsed();
        run_all(TARGETS, CI_SECONDS)?;
        eprintln!(
            "fuzz stage: built beside the native stage ({:.0} s until both were done), then {} targets for {CI_SECONDS} s each ({:.0} s in all)",
            waited.as_secs_f64(),
            TARGETS.len(),
            self.started.elapsed().as_secs_f64()
        );
        Ok(())
    }
}

/// A JavaScript target for `seconds` (`fuzz/js/run.mjs`, which prints libFuzzer's lines and
/// a summary, and fails on a failing input, saved under `target/fuzz-js/<target>/`).
fn run_js(target: &str, seconds: u32) -> Result<()> {
    let seconds = seconds.to_string();
    eprintln!("$ node fuzz/js/run.mjs --target {target} --seconds {seconds}");
    let status = Command::new("node")
        .args(["fuzz/js/run.mjs", "--target", target, "--seconds", &seconds])
        .current_dir(root())
        .status()
        .context("cannot run node")?;
    if !status.success() {
        bail!(
            "the JavaScript fuzz target {target} failed ({status}); see target/fuzz-js/{target}/"
        );
    }
    Ok(())
}

/// The JavaScript targets' share of the CI stage, once `npm ci` has installed Jazzer.js
/// (`cargo xtask test` calls it after the browser stage's tools are in).
pub fn ci_js() -> Result<()> {
    if !std::env::var("CI").is_ok_and(|v| v == "true") {
        return Ok(());
    }
    for js in JS_TARGETS {
        run_js(js, CI_SECONDS * 2)?;
    }
    Ok(())
}

fn fuzz(targets: &[(&str, Option<&str>)], seconds: u32) -> Result<()> {
    build()?;
    run_all(targets, seconds)
}

/// Builds every target once.
fn build() -> Result<()> {
    let cargo_fuzz = cargo_fuzz()?;
    let started = Instant::now();
    // No sanitizer: the workspace forbids unsafe code, and ASan would slow the build and
    // the executions. Sixteen codegen units: a fresh build (every dependency instrumented,
    // lopdf and printpdf the largest) took 557 s of CPU against 710 s with one.
    let status = nightly(Command::new(&cargo_fuzz))
        .args(["fuzz", "build", "-O", "--debug-assertions"])
        .args([
            "--sanitizer",
            "none",
            "--codegen-units",
            "16",
            "--target-dir",
        ])
        .arg(build_dir())
        .current_dir(root().join("fuzz"))
        .status()
        .context("cannot start cargo-fuzz")?;
    if !status.success() {
        bail!("building the fuzz targets failed ({status})");
    }
    eprintln!(
        "fuzz targets built in {:.0} s",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// Runs each target for `seconds`, then prints what each did; fails on a crash.
fn run_all(targets: &[(&str, Option<&str>)], seconds: u32) -> Result<()> {
    let mut results = Vec::new();
    for &(target, dict) in targets {
        eprintln!("fuzzing {target} for {seconds} s");
        results.push(run_target(target, dict, seconds)?);
    }
    eprintln!(
        "\n{:<15} {:>10} {:>7} {:>7} {:>8}  crash",
        "target", "execs", "cov", "ft", "corpus"
    );
    for r in &results {
        eprintln!(
            "{:<15} {:>10} {:>7} {:>7} {:>8}  {}",
            r.target,
            r.execs,
            r.cov,
            r.ft,
            r.corpus,
            r.crash.as_deref().unwrap_or("none")
        );
    }
    let crashed: Vec<_> = results.iter().filter(|r| r.crash.is_some()).collect();
    if !crashed.is_empty() {
        bail!(
            "{} fuzz target(s) crashed; replay with the target's binary in \
             target/fuzz/build/x86_64-unknown-linux-gnu/release/ on the input named above, \
             fix, and add the input to fuzz/regressions/<target>/",
            crashed.len()
        );
    }
    Ok(())
}

/// What one run reported (libFuzzer's last status line and final statistics).
struct Outcome {
    target: String,
    execs: String,
    cov: String,
    ft: String,
    corpus: String,
    /// The crashing input's path, or what went wrong when libFuzzer named none.
    crash: Option<String>,
}

fn run_target(target: &str, dict: Option<&str>, seconds: u32) -> Result<Outcome> {
    let r = root();
    let scratch = r.join("target/fuzz");
    let corpus = scratch.join("corpus").join(target);
    let artifacts = scratch.join("artifacts").join(target);
    let logs = scratch.join("logs");
    for d in [&corpus, &artifacts, &logs] {
        std::fs::create_dir_all(d).with_context(|| format!("cannot create {}", d.display()))?;
    }
    let bin = build_dir()
        .join("x86_64-unknown-linux-gnu/release")
        .join(target);
    let mut cmd = Command::new("nice");
    cmd.arg(&bin)
        .arg(&corpus)
        .arg(r.join("fuzz/corpus").join(target));
    let regressions = r.join("fuzz/regressions").join(target);
    if regressions.is_dir() {
        cmd.arg(&regressions);
    }
    if let Some(d) = dict {
        cmd.arg(format!("-dict={}", r.join("fuzz/dict").join(d).display()));
    }
    cmd.args([
        format!("-max_total_time={seconds}"),
        // A parser may take its time on a large input, but not seconds, nor gigabytes.
        "-timeout=10".into(),
        "-rss_limit_mb=2048".into(),
        "-malloc_limit_mb=1024".into(),
        "-print_final_stats=1".into(),
        format!("-artifact_prefix={}/", artifacts.display()),
    ]);
    let log_path = logs.join(format!("{target}.log"));
    let log = std::fs::File::create(&log_path)
        .with_context(|| format!("cannot write {}", log_path.display()))?;
    let status = cmd
        .stdout(Stdio::null())
        .stderr(log)
        .current_dir(&r)
        .status()
        .with_context(|| format!("cannot start {}", bin.display()))?;
    let text = std::fs::read_to_string(&log_path).unwrap_or_default();
    let mut outcome = summarise(target, &text);
    if !status.success() && outcome.crash.is_none() {
        outcome.crash = Some(format!("exit {status}, see {}", log_path.display()));
    }
    Ok(outcome)
}

/// Reads libFuzzer's log: the last `cov:`/`ft:`/`corp:` status, the executions, and the
/// input a crash, leak, timeout or out-of-memory was written to.
fn summarise(target: &str, log: &str) -> Outcome {
    let field = |line: &str, key: &str| {
        let mut words = line.split_whitespace();
        words.find(|w| *w == key)?;
        words.next().map(str::to_string)
    };
    let status = log
        .lines()
        .rev()
        .find(|l| l.contains(" cov: "))
        .unwrap_or("");
    let stat = |key: &str| {
        log.lines()
            .find_map(|l| l.strip_prefix(key))
            .map(|v| v.trim().to_string())
    };
    let crash = log.lines().find_map(|l| {
        l.split_once("Test unit written to ")
            .map(|(_, p)| p.trim().to_string())
    });
    let unknown = || "?".to_string();
    Outcome {
        target: target.into(),
        execs: stat("stat::number_of_executed_units:").unwrap_or_else(unknown),
        cov: field(status, "cov:").unwrap_or_else(unknown),
        ft: field(status, "ft:").unwrap_or_else(unknown),
        corpus: field(status, "corp:").unwrap_or_else(unknown),
        crash,
    }
}

/// Where the targets are built: beside the workspace's own build, under `target/`.
fn build_dir() -> PathBuf {
    root().join("target/fuzz/build")
}

/// A command run with the nightly toolchain (not the stable one `cargo xtask` runs under).
fn nightly(mut cmd: Command) -> Command {
    cmd.env("RUSTUP_TOOLCHAIN", "nightly")
        .env_remove("CARGO")
        .env_remove("RUSTC")
        .env_remove("RUSTC_WRAPPER");
    cmd
}

fn has_nightly() -> Result<bool> {
    let out = Command::new("rustup")
        .args(["toolchain", "list"])
        .output()
        .context("rustup is needed to find the nightly toolchain")?;
    Ok(String::from_utf8_lossy(&out.stdout)
        .lines()
        .any(|l| l.starts_with("nightly")))
}

/// The project-local cargo-fuzz, installed when missing (as `tools::wasm_bindgen` does).
fn cargo_fuzz() -> Result<PathBuf> {
    let tools = root().join("target/tools");
    let bin = tools.join("bin/cargo-fuzz");
    if !works(&bin) {
        eprintln!("installing cargo-fuzz into target/tools (2–4 minutes, once)");
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
        crate::util::run(
            &cargo,
            &[
                "install",
                "cargo-fuzz",
                "--locked",
                "--root",
                &tools.display().to_string(),
            ],
        )?;
    }
    Ok(bin)
}

fn works(bin: &Path) -> bool {
    Command::new(bin)
        .args(["fuzz", "--version"])
        .output()
        .is_ok_and(|o| o.status.success())
}

#[cfg(test)]
mod tests {
    use super::summarise;

    #[test]
    fn reads_libfuzzer_status_stats_and_crash() {
        let log = "\
#2\tINITED cov: 812 ft: 1024 corp: 5/60Kb exec/s: 0 rss: 48Mb
#4096\tpulse  cov: 1300 ft: 2650 corp: 41/71Kb lim: 4096 exec/s: 2048 rss: 80Mb
==1== ERROR: libFuzzer: deadly signal
artifact_prefix='/x/'; Test unit written to /x/crash-ab12
stat::number_of_executed_units: 4100
";
        let o = summarise("der", log);
        assert_eq!(
            (
                o.execs.as_str(),
                o.cov.as_str(),
                o.ft.as_str(),
                o.corpus.as_str()
            ),
            ("4100", "1300", "2650", "41/71Kb")
        );
        assert_eq!(o.crash.as_deref(), Some("/x/crash-ab12"));
        let quiet = summarise("der", "#10\tDONE   cov: 5 ft: 6 corp: 1/1b\n");
        assert!(quiet.crash.is_none());
        assert_eq!(quiet.execs, "?");
    }
}
