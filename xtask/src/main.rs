//! `cargo xtask …`: the project's build, test and measurement commands, in Rust so they run
//! the same on every machine. Each command lives in its own module.

mod test;
mod util;

use anyhow::{Result, bail};

const USAGE: &str = "\
cargo xtask <command>

  test     fmt check, clippy -D warnings, all native tests (the README's test command)
  check    llk check forms (definitions and regions only)
  bench    validation timings per form (release build)
";

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let rest = &args[args.len().min(1)..];
    match args.first().map(String::as_str) {
        Some("test") => test::run(rest),
        Some("bench") => util::cargo(&["bench", "-p", "llk-core", "--bench", "validate"]),
        Some("check") => util::cargo(&["run", "--quiet", "-p", "llk-cli", "--", "check", "forms"]),
        Some("help" | "--help" | "-h") | None => {
            print!("{USAGE}");
            Ok(())
        }
        Some(other) => bail!("unknown command '{other}'\n\n{USAGE}"),
    }
}
