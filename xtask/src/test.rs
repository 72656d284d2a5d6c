//! `cargo xtask test`: everything CI checks, in the order that fails fastest.

use crate::util::cargo;
use anyhow::Result;

pub fn run(_args: &[String]) -> Result<()> {
    cargo(&["fmt", "--all", "--check"])?;
    cargo(&["clippy", "--workspace", "--all-targets", "--", "-D", "warnings"])?;
    cargo(&["run", "--quiet", "-p", "llk-cli", "--", "check", "forms"])?;
    cargo(&["test", "--workspace"])?;
    eprintln!("xtask test: all checks passed");
    Ok(())
}
