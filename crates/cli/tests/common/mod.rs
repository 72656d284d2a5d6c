//! What the `llk` command-line tests share: a fresh working directory per test, removed when
//! the test ends, and `llk` run in it with the repository's definitions.
// Each test file uses part of it.
#![allow(dead_code)]

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A fresh working directory per test, removed when the test ends.
pub struct Dir(PathBuf);

impl Dir {
    pub fn new(name: &str) -> Dir {
        let dir = std::env::temp_dir().join(format!("llk-cli-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir");
        Dir(dir)
    }
    pub fn path(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }
    pub fn write_json(&self, name: &str, v: &Value) -> String {
        std::fs::write(self.path(name), v.to_string()).expect("write");
        name.to_string()
    }
    /// Rewrites a JSON file compactly, as another program might have written it: a refused
    /// command that rewrote it (even with the same content) would then change its bytes.
    pub fn compact(&self, name: &str) -> Vec<u8> {
        let v = self.json(name);
        self.write_json(name, &v);
        self.bytes(name)
    }
    pub fn bytes(&self, name: &str) -> Vec<u8> {
        std::fs::read(self.path(name)).expect("read")
    }
    pub fn json(&self, name: &str) -> Value {
        serde_json::from_slice(&self.bytes(name)).expect("JSON")
    }
    /// Runs `llk` in this directory with the repository's definitions.
    pub fn llk(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_llk"))
            .args(args)
            .current_dir(&self.0)
            .env("LLK_FORMS", root().join("forms"))
            .output()
            .expect("llk runs")
    }
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.llk(args);
        assert!(
            out.status.success(),
            "{args:?}: {}{}",
            text(&out.stdout),
            text(&out.stderr)
        );
        text(&out.stdout)
    }
    /// Runs a command that must be refused (exit 1) and returns its stderr.
    pub fn refused(&self, args: &[&str]) -> String {
        let out = self.llk(args);
        let err = text(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{err}");
        err
    }
    /// The files in the directory, to see that no temporary file is left behind.
    pub fn files(&self) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(&self.0)
            .expect("dir")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }
}

impl Drop for Dir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

pub fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// Whether `tool` runs here; under CI (which installs it) a missing tool fails the test.
pub fn have(tool: &str) -> bool {
    let ok = Command::new(tool).arg("-v").output().is_ok();
    assert!(
        ok || std::env::var_os("CI").is_none(),
        "{tool} is missing, and CI must run every check (.ci/run installs it)"
    );
    ok
}
