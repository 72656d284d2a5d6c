//! The `llk` binary as a user runs it: exit codes, output lines, the done-when checks.

use serde_json::{Value, json};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// `llk args` from the repository root, its output captured.
fn command(args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_llk"));
    c.args(args)
        .current_dir(root())
        .env_remove("LLK_FORMS")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    c
}

fn llk(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = command(args)
        .stdin(Stdio::piped())
        .spawn()
        .expect("llk starts");
    if let Some(input) = stdin {
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(input.as_bytes())
            .expect("write stdin");
    }
    drop(child.stdin.take());
    child.wait_with_output().expect("llk ends")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn regions() -> Vec<String> {
    let mut out: Vec<String> = std::fs::read_dir(root().join("forms/regions"))
        .expect("forms/regions")
        .filter_map(Result::ok)
        .filter_map(|e| {
            e.path()
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
        })
        .collect();
    out.sort();
    out
}

fn form_ids() -> Vec<String> {
    let out = llk(&["forms"], None);
    assert!(out.status.success(), "{}", text(&out.stderr));
    text(&out.stdout)
        .lines()
        .filter_map(|l| l.split_whitespace().next().map(str::to_string))
        .collect()
}

#[test]
fn check_accepts_the_shipped_forms() {
    let out = llk(&["check", "forms"], None);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("all sound"));
}

#[test]
fn check_names_file_and_line_of_a_broken_definition() {
    let dir = std::env::temp_dir().join(format!("llk-broken-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("regions")).expect("temp dir");
    std::fs::copy(
        root().join("forms/regions/landelijk.toml"),
        dir.join("regions/landelijk.toml"),
    )
    .expect("copy region");
    std::fs::write(
        dir.join("kapot.toml"),
        "[form]\nid = \"kapot\"\nversion = 1\ntitle = \"Kapot\"\n\n[[pages]]\nid = \"p\"\ntitle = \"P\"\n\n[[pages.fields]]\nid = \"a\"\ntype = \"text\"\nlabel = \"A\"\nvisible_if = \"b == 'x'\"\n",
    )
    .expect("write");
    let out = llk(&["check", dir.to_str().expect("utf-8 path")], None);
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(
        err.contains("kapot.toml:14: in \"b == 'x'\": unknown field 'b'"),
        "{err}"
    );
}

#[test]
fn every_example_validates_in_every_region() {
    for form in form_ids() {
        for region in regions() {
            let ex = llk(&["example", "--form", &form, "--region", &region], None);
            assert!(
                ex.status.success(),
                "example {form} {region}: {}",
                text(&ex.stderr)
            );
            let example = text(&ex.stdout);
            let sub: Value = serde_json::from_str(&example).expect("example is JSON");
            assert_eq!(sub["form"], json!(form));
            assert_eq!(sub["region"], json!(region));
            // Today: no errors (a date-relative warning may appear as the years pass).
            let out = llk(
                &["validate", "--form", &form, "--region", &region, "-"],
                Some(&example),
            );
            assert!(
                out.status.success(),
                "{form} × {region}:\n{}{}",
                text(&out.stdout),
                text(&out.stderr)
            );
            // On the day the examples were written for: nothing at all.
            let out = llk(
                &[
                    "validate",
                    "--form",
                    &form,
                    "--region",
                    &region,
                    "--today",
                    "2026-11-24",
                    "-",
                ],
                Some(&example),
            );
            assert_eq!(text(&out.stdout), "", "{form} × {region} gives diagnostics");
        }
    }
}

#[test]
fn a_wrong_bsn_is_an_error_at_its_exact_path() {
    let out = llk(
        &["validate", "--form", "aanmelding", "-"],
        Some(r#"{"betrokkene": {"bsn": "123456789"}}"#),
    );
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    assert!(
        stdout
            .lines()
            .any(|l| l == "betrokkene.bsn: error: Dit is geen geldig BSN. Controleer de cijfers."),
        "{stdout}"
    );
}

#[test]
fn a_seventeen_year_old_is_a_warning_and_passes() {
    let ex = llk(&["example", "--form", "aanmelding"], None);
    let mut sub: Value = serde_json::from_slice(&ex.stdout).expect("JSON");
    sub["answers"]["betrokkene"]["geboortedatum"] = json!("2009-03-01");
    let out = llk(
        &["validate", "--today", "2026-11-24", "--json", "-"],
        Some(&sub.to_string()),
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    let diags: Value = serde_json::from_slice(&out.stdout).expect("--json gives JSON");
    let list = diags.as_array().expect("a list");
    assert_eq!(list.len(), 1, "{diags}");
    assert_eq!(list[0]["path"], json!("betrokkene.geboortedatum"));
    assert_eq!(list[0]["severity"], json!("warning"));
}

#[test]
fn bad_input_gets_a_clear_error_not_a_panic() {
    for (args, input, needle) in [
        (
            vec!["validate", "--form", "aanmelding", "-"],
            "{niet json",
            "is not valid JSON",
        ),
        (
            vec!["validate", "--form", "bestaat-niet", "-"],
            "{}",
            "unknown form 'bestaat-niet'",
        ),
        (
            vec!["validate", "--form", "aanmelding", "--region", "mars", "-"],
            "{}",
            "unknown region 'mars'",
        ),
        (vec!["validate", "-"], "{}", "give --form"),
        (
            vec!["validate", "-"],
            "[1, 2]",
            "a submission is a JSON object",
        ),
        (
            vec!["validate", "--form", "aanmelding", "geen-bestand.json"],
            "",
            "De inzending geen-bestand.json kan niet worden gelezen: het bestand of de map bestaat niet.",
        ),
        (
            vec!["validate", "--form", "aanmelding", "-"],
            &*" ".repeat(16 * 1024 * 1024 + 1),
            "De inzending - is groter dan 16 MiB en wordt niet geopend.",
        ),
    ] {
        let out = llk(&args, Some(input));
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = text(&out.stderr);
        assert!(
            err.contains(needle) && !err.contains("panicked"),
            "{args:?}: {err}"
        );
    }
}

#[test]
fn a_reader_that_stops_reading_ends_llk_quietly() {
    // As `llk example … | head -c 0`: the pipe is closed before llk writes a byte.
    let mut child = command(&[
        "example",
        "--form",
        "levensloopplan",
        "--region",
        "gelderland",
    ])
    .stdin(Stdio::null())
    .spawn()
    .expect("llk starts");
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("llk ends");
    let err = text(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
    // 141 when the write found the pipe closed (nearly always); 0 if llk wrote first.
    assert!(
        matches!(out.status.code(), Some(141 | 0)),
        "{:?} {err}",
        out.status
    );
}

/// Every hostile PDF of tests/hostile/ is refused by `llk verify-pdf` and `llk sign-pdf`
/// with its Dutch reason (expected.json), exit 1, before anything else reads it.
#[test]
fn hostile_pdfs_are_refused_with_their_reason() {
    let dir = root().join("tests/hostile");
    let expected: Value =
        serde_json::from_slice(&std::fs::read(dir.join("expected.json")).expect("expected.json"))
            .expect("json");
    let keys = std::env::temp_dir().join(format!("llk-hostile-keys-{}", std::process::id()));
    let keygen = llk(
        &[
            "pdf-keygen",
            "--name",
            "Test",
            "-o",
            keys.to_str().expect("path"),
        ],
        None,
    );
    assert!(keygen.status.success(), "{}", text(&keygen.stderr));
    let (key, cert) = (keys.join("key.pem"), keys.join("cert.pem"));
    let out = keys.join("out.pdf");
    let reasons = expected.as_object().expect("a map");
    assert!(!reasons.is_empty());
    for (name, why) in reasons {
        let why = why.as_str().expect("a reason");
        let file = dir.join(name);
        let file = file.to_str().expect("path");
        let verified = llk(&["verify-pdf", file], None);
        assert_eq!(verified.status.code(), Some(1), "{name}");
        let said = text(&verified.stdout);
        assert!(
            said.contains("Deze PDF wordt niet verwerkt: ") && said.contains(why),
            "{name}: {said}"
        );
        let signed = llk(
            &[
                "sign-pdf",
                file,
                "--sign-key",
                key.to_str().expect("path"),
                "--sign-cert",
                cert.to_str().expect("path"),
                "-o",
                out.to_str().expect("path"),
            ],
            None,
        );
        assert_ne!(signed.status.code(), Some(0), "{name}: signed");
        let said = text(&signed.stderr);
        assert!(
            said.contains(why) && !said.contains("panicked"),
            "{name}: {said}"
        );
        assert!(!out.exists(), "{name}: a signed file was written");
    }
    let _ = std::fs::remove_dir_all(&keys);
}
