//! `llk pdf`, `llk pdf-keygen`, `llk sign-pdf` and `llk verify-pdf` as a user runs them.

mod common;

use common::{have, root, text};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn llk(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_llk"))
        .args(args)
        .current_dir(root())
        .env_remove("LLK_FORMS")
        .output()
        .expect("llk runs")
}

fn tmp() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("llk-cli-pdf");
    std::fs::create_dir_all(&dir).expect("tmp dir");
    dir
}

fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "exit {:?}: {}{}",
        out.status.code(),
        text(&out.stdout),
        text(&out.stderr)
    );
    text(&out.stdout)
}

#[test]
fn every_form_in_every_region_becomes_a_pdf() {
    let dir = tmp();
    let forms = ok(&llk(&["forms"]));
    let mut n = 0;
    for form in forms.lines().filter_map(|l| l.split_whitespace().next()) {
        for region in ["landelijk", "gelderland", "haaglanden"] {
            let json = dir.join(format!("{form}-{region}.json"));
            std::fs::write(
                &json,
                ok(&llk(&["example", "--form", form, "--region", region])),
            )
            .expect("write example");
            let pdf = dir.join(format!("{form}-{region}.pdf"));
            let (j, p) = (json.to_string_lossy(), pdf.to_string_lossy());
            let out = llk(&["pdf", "--form", form, "--region", region, &j, "-o", &p]);
            ok(&out);
            assert!(
                text(&out.stderr).contains("page(s)"),
                "{}",
                text(&out.stderr)
            );
            let bytes = std::fs::read(&pdf).expect("the PDF is written");
            assert!(bytes.starts_with(b"%PDF-1.7"));
            n += 1;
        }
    }
    // Nine forms × three regions.
    assert!(n >= 27, "{n} PDFs");
}

#[test]
fn sign_countersign_verify_and_catch_tampering() {
    let dir = tmp().join("sign");
    let p = |n: &str| dir.join(n).to_string_lossy().into_owned();
    std::fs::create_dir_all(&dir).expect("dir");
    ok(&llk(&[
        "pdf-keygen",
        "--name",
        "Noëlle Çelik",
        "--role",
        "procesregisseur",
        "--org",
        "Zorg- en Veiligheidshuis Haaglanden",
        "-o",
        &p("k1"),
    ]));
    ok(&llk(&[
        "pdf-keygen",
        "--name",
        "Jeroen van 't Hoff",
        "--role",
        "ontvangend procesregisseur",
        "-o",
        &p("k2"),
    ]));
    let example = ok(&llk(&[
        "example",
        "--form",
        "overdracht",
        "--region",
        "haaglanden",
    ]));
    std::fs::write(p("o.json"), example).expect("write");
    ok(&llk(&[
        "pdf",
        "--form",
        "overdracht",
        &p("o.json"),
        "-o",
        &p("once.pdf"),
        "--sign-key",
        &p("k1/key.pem"),
        "--sign-cert",
        &p("k1/cert.pem"),
        "--reason",
        "Overdracht",
    ]));
    ok(&llk(&[
        "sign-pdf",
        &p("once.pdf"),
        "-o",
        &p("twice.pdf"),
        "--sign-key",
        &p("k2/key.pem"),
        "--sign-cert",
        &p("k2/cert.pem"),
    ]));
    let said = ok(&llk(&["verify-pdf", &p("twice.pdf")]));
    let lines: Vec<&str> = said.lines().collect();
    assert_eq!(lines.len(), 2, "{said}");
    assert!(
        lines[0].contains("Noëlle Çelik (procesregisseur, Zorg- en Veiligheidshuis Haaglanden)")
    );
    assert!(
        lines[0].ends_with("intact, the document was extended after it"),
        "{said}"
    );
    assert!(lines[1].contains("Jeroen van 't Hoff"));
    assert!(
        lines[1].ends_with("intact, covers the whole document"),
        "{said}"
    );

    if have("pdfsig") {
        let out = text(
            &Command::new("pdfsig")
                .arg(p("twice.pdf"))
                .output()
                .expect("pdfsig")
                .stdout,
        );
        assert_eq!(out.matches("Signature is Valid.").count(), 2, "{out}");
    }

    let mut bytes = std::fs::read(p("twice.pdf")).expect("read");
    bytes[2000] ^= 0x01;
    std::fs::write(p("bad.pdf"), &bytes).expect("write");
    let out = llk(&["verify-pdf", &p("bad.pdf")]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stdout).contains("BROKEN: Digest Mismatch"),
        "{}",
        text(&out.stdout)
    );

    let out = llk(&["verify-pdf", &p("o.json")]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stdout).contains("no signatures"));
}

#[test]
fn a_key_without_its_certificate_is_a_usage_error() {
    let dir = tmp();
    let json = dir.join("a.json");
    std::fs::write(&json, ok(&llk(&["example", "--form", "aanmelding"]))).expect("write");
    let out = llk(&[
        "pdf",
        "--form",
        "aanmelding",
        &json.to_string_lossy(),
        "-o",
        &dir.join("a.pdf").to_string_lossy(),
        "--sign-key",
        "key.pem",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("--sign-cert"),
        "{}",
        text(&out.stderr)
    );
    // An unfinished submission still becomes a PDF, with a warning.
    std::fs::write(
        &json,
        r#"{"form": "aanmelding", "version": 1, "region": "landelijk", "answers": {}}"#,
    )
    .expect("write");
    let out = llk(&[
        "pdf",
        &json.to_string_lossy(),
        "-o",
        &dir.join("leeg.pdf").to_string_lossy(),
    ]);
    ok(&out);
    assert!(
        text(&out.stderr).contains("error(s) (see llk validate)"),
        "{}",
        text(&out.stderr)
    );
    let out = llk(&["verify-pdf", "does-not-exist.pdf"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("De PDF does-not-exist.pdf kan niet worden gelezen"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn the_anonymised_aanmelding_has_no_bsn_or_name() {
    let dir = tmp();
    let example = ok(&llk(&[
        "example",
        "--form",
        "aanmelding",
        "--region",
        "gelderland",
    ]));
    let json = dir.join("anon.json");
    std::fs::write(&json, &example).expect("write");
    let pdf = dir.join("anon.pdf");
    ok(&llk(&[
        "pdf",
        "--anonymised",
        "--form",
        "aanmelding",
        "--region",
        "gelderland",
        &json.to_string_lossy(),
        "-o",
        &pdf.to_string_lossy(),
    ]));
    if have("pdftotext") {
        let out = Command::new("pdftotext")
            .args(["-enc", "UTF-8", &pdf.to_string_lossy(), "-"])
            .output()
            .expect("pdftotext");
        let said = text(&out.stdout);
        let sub: serde_json::Value = serde_json::from_str(&example).expect("json");
        let bsn = sub["answers"]["betrokkene"]["bsn"]
            .as_str()
            .expect("an example BSN");
        assert!(!said.contains(bsn), "{said}");
        assert!(said.contains("Geanonimiseerde weergave"), "{said}");
    }
}
