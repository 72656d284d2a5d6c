//! `cargo xtask …`: the project's build, test and measurement commands, in Rust so they run
//! the same on every machine. Each command lives in its own module.

mod bench;
mod build;
mod demo;
mod e2e;
mod fuzz;
mod layers;
mod prune;
mod size;
mod test;
mod tools;
mod util;

use anyhow::{Result, bail};

const USAGE: &str = "\
cargo xtask <command>

  test     fmt, clippy -D warnings, all native tests, then the browser stage (= e2e);
           the README's test command. --native: the native stage only
  check    llk check forms (definitions and regions only)
  build    the browser kit in dist/ (wasm32 release, wasm-bindgen, wasm-opt -Oz, www/)
  demo     build, then serve dist/ on http://127.0.0.1:8000 with a strict CSP
  size     raw/gzip/brotli sizes of what the kit ships (after build); --check fails over budget
  e2e      build; llk-ui component tests and the end-to-end test in headless Chromium
  bench    validation timings per form, draft save latency with encryption in
           Chromium (200-field submission, p50/p95; release builds), and the plan
           editor's keystroke-to-paint with 200 items (p50/p95/max, with and without
           the 60 Hz frame wait), the caseload of 500 cases, the aanmelding's time to
           interactive (cache empty); --drafts or --plan for one, --no-build
  fuzz     [--seconds N] [TARGET]: the libFuzzer targets of fuzz/ (nightly; cargo-fuzz
           installed into target/tools), each for N seconds (default 60) on the committed
           corpus, and pkcs12.js with Jazzer.js (TARGET pkcs12); prints executions,
           coverage, corpus and crashes (docs/fuzzing.md)
";

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let rest = &args[args.len().min(1)..];
    match args.first().map(String::as_str) {
        Some("test") => test::run(rest),
        Some("bench") => bench::run(rest),
        Some("check") => util::cargo(&["run", "--quiet", "-p", "llk-cli", "--", "check", "forms"]),
        Some("build") => build::run(rest),
        Some("demo") => demo::run(rest),
        Some("size") => size::run(rest),
        Some("e2e") => e2e::run(rest),
        Some("fuzz") => fuzz::run(rest),
        Some("help" | "--help" | "-h") | None => {
            print!("{USAGE}");
            Ok(())
        }
        Some(other) => bail!("unknown command '{other}'\n\n{USAGE}"),
    }
}
