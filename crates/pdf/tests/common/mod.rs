//! What the PDF tests share: the shipped catalog, a fixed clock, and the external checkers
//! (pdftotext, qpdf, pdfsig, pyhanko), which must be present when `CI` is set.
#![allow(dead_code)]

use llk_core::{Catalog, Date};
use llk_pdf::{DateTime, RenderOptions};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

pub fn catalog() -> Catalog {
    Catalog::load_dir(&root().join("forms")).expect("the shipped forms load")
}

/// 2026-11-24 23:33 CET.
pub fn now() -> DateTime {
    DateTime::new(1_795_559_580, 60)
}

pub fn today() -> Date {
    Date::new(2026, 11, 24).expect("date")
}

pub fn opts(catalog: &Catalog, region: &str, anonymised: bool) -> RenderOptions {
    RenderOptions {
        created: now(),
        anonymised,
        region_name: catalog
            .region(region)
            .map_or_else(|| region.to_string(), |r| r.name.clone()),
        zvh: Some("Zorg- en Veiligheidshuis Gelderland-Midden".into()),
        letterhead: llk_pdf::letterhead(catalog, region),
    }
}

pub fn tmp(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("llk-pdf");
    std::fs::create_dir_all(&dir).expect("tmp dir");
    dir.join(name)
}

/// Whether `tool` runs here. Without it a test passes with a note, except under CI, where
/// .ci/run installs every tool: there a missing one is a failure, not a silent skip.
pub fn have(tool: &str) -> bool {
    let ok = Command::new(tool)
        .arg(if tool == "pyhanko" { "--help" } else { "-v" })
        .output()
        .is_ok();
    if !ok {
        assert!(
            std::env::var_os("CI").is_none(),
            "{tool} is missing, and CI must run every check (.ci/run installs it)"
        );
        eprintln!("note: {tool} not found, its checks are skipped");
    }
    ok
}

pub fn run(cmd: &str, args: &[&str]) -> Output {
    Command::new(cmd)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{cmd}: {e}"))
}

pub fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// pdftotext's text without the page footers, whitespace collapsed: answers wrapped over
/// lines and pages read as one string again.
pub fn pdf_text(path: &Path) -> String {
    let out = run(
        "pdftotext",
        &["-enc", "UTF-8", &path.to_string_lossy(), "-"],
    );
    assert!(out.status.success(), "pdftotext: {}", text(&out.stderr));
    let all = text(&out.stdout);
    let body: Vec<&str> = all
        .lines()
        .filter(|l| !l.contains("· aangemaakt op") && !is_page_number(l))
        .collect();
    squash(&body.join(" "))
}

pub fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn is_page_number(line: &str) -> bool {
    let t = line.trim();
    t.starts_with("Pagina ") && t.contains(" van ") && t.ends_with(|c: char| c.is_ascii_digit())
}
