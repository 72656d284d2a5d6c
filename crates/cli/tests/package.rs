//! `llk case export` and `llk case import`: the overdracht package from the sending ZVH to
//! the receiving one, checked with pdfsig, pyHanko, pdfdetach and qpdf, and every way a
//! package can be wrong refused with nothing written.

mod common;

use common::{Dir, have, text};
use serde_json::{Value, json};
use std::process::{Command, Output};

fn run(dir: &Dir, tool: &str, args: &[&str]) -> Output {
    let paths: Vec<String> = args
        .iter()
        .map(|a| {
            if a.ends_with(".pdf") || a.ends_with(".pem") {
                dir.path(a).to_string_lossy().into_owned()
            } else {
                (*a).to_string()
            }
        })
        .collect();
    Command::new(tool).args(&paths).output().expect(tool)
}

const TODAY: &str = "2026-11-01";

fn example(dir: &Dir, form: &str) -> Value {
    let out = dir.ok(&["example", "--form", form, "--region", "gelderland"]);
    serde_json::from_str(&out).expect("example is JSON")
}

/// A case as the kit writes it: included, a plan of two versions, a review, an incident
/// and the overdracht, with dates in meeting order.
fn case_with_overdracht(dir: &Dir) -> Value {
    let mut inclusie = example(dir, "inclusie");
    inclusie["answers"]["overleg"]["datum"] = json!("2026-01-10");
    let plan = example(dir, "levensloopplan");
    let mut v1 = plan.clone();
    v1["answers"]["plan"]["datum"] = json!("2026-02-01");
    v1["answers"]["plan"]["versie"] = json!(1);
    let mut v2 = plan;
    v2["answers"]["plan"]["datum"] = json!("2026-05-01");
    v2["answers"]["plan"]["versie"] = json!(2);
    let mut review = example(dir, "herhaald-agenderen");
    review["answers"]["overleg"]["datum"] = json!("2026-08-01");
    let mut overdracht = example(dir, "overdracht");
    overdracht["answers"]["warm"]["gesprek_datum"] = json!("2026-10-27");
    overdracht["answers"]["warm"]["gezamenlijk_tot"] = json!("2027-01-31");
    let filed = [
        "2026-01-10",
        "2026-02-01",
        "2026-05-01",
        "2026-08-01",
        "2026-10-27",
    ];
    let documents: Vec<Value> = [inclusie, v1, v2, review, overdracht]
        .into_iter()
        .zip(filed)
        .enumerate()
        .map(|(i, (sub, on))| json!({"seq": i + 1, "filed_on": on, "submission": sub}))
        .collect();
    json!({"format": 1, "id": "dossier-overdracht", "region": "gelderland",
           "created_on": "2026-01-10", "documents": documents,
           "events": [{"seq": 6, "filed_on": "2026-09-01", "version": 1, "answers": {
               "soort": "incident", "datum": "2026-09-01", "gevaar": false,
               "omschrijving": "Ruzie met de buren over geluidsoverlast."}}]})
}

fn keys(dir: &Dir) {
    for (name, org, out) in [
        ("Noëlle Çelik", "ZVH Gelderland-Midden", "send"),
        ("Bram de Wit", "ZVH Haaglanden", "recv"),
    ] {
        dir.ok(&[
            "pdf-keygen",
            "--name",
            name,
            "--role",
            "procesregisseur",
            "--org",
            org,
            "-o",
            out,
        ]);
    }
}

fn export(dir: &Dir) {
    dir.write_json("case.json", &case_with_overdracht(dir));
    keys(dir);
    let out = dir.llk(&[
        "case",
        "export",
        "case.json",
        "-o",
        "pakket.pdf",
        "--sign-key",
        "send/key.pem",
        "--sign-cert",
        "send/cert.pem",
        "--today",
        TODAY,
    ]);
    let (said, warned) = (text(&out.stdout), text(&out.stderr));
    assert!(out.status.success(), "{said}{warned}");
    assert!(said.contains("ondertekend door Noëlle Çelik"), "{said}");
    // The overdracht example names plan version 7; the case is at 3 (two versions and a
    // review), and version 3 is what goes along.
    assert!(
        warned.contains("noemt versie 7") && warned.contains("bij versie 3"),
        "{warned}"
    );
}

fn import_args<'a>(package: &'a str, out: &'a str) -> Vec<&'a str> {
    vec![
        "case",
        "import",
        package,
        "-o",
        out,
        "--today",
        "2026-11-02",
    ]
}

/// Where the embedded file's stream dictionary says its type (not the catalog's
/// `/EmbeddedFiles` name tree), as a byte offset.
fn embedded_file_at(pdf: &[u8]) -> usize {
    let key = b"/EmbeddedFile";
    pdf.windows(key.len() + 1)
        .position(|w| &w[..key.len()] == key && w[key.len()] != b's')
        .expect("an embedded file stream")
}

/// An incremental update that replaces the embedded file's stream (the object after the
/// `/EmbeddedFile` type) with `content`, unsigned: what saving an edited attachment does.
fn replace_attachment(pdf: &[u8], content: &[u8]) -> Vec<u8> {
    // Offsets in bytes: the text before the stream is ASCII, so a lossy string of it keeps them.
    let at = embedded_file_at(pdf);
    let s = String::from_utf8_lossy(&pdf[..at]);
    let tail = String::from_utf8_lossy(&pdf[at..]);
    let obj = s.rfind(" 0 obj").expect("its object");
    let start = s[..obj]
        .rfind(|c: char| !c.is_ascii_digit())
        .map_or(0, |i| i + 1);
    let id: u32 = s[start..obj].parse().expect("object number");
    let trailer = &tail[tail.rfind("trailer").expect("a classic trailer")..];
    let number = |key: &str| -> u32 {
        let rest = &trailer[trailer.find(key).expect(key) + key.len()..];
        let digits: String = rest
            .trim_start()
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        digits.parse().expect("a number")
    };
    let (size, root) = (number("/Size"), number("/Root"));
    let prev: usize = tail[tail.rfind("startxref").expect("startxref") + 9..]
        .split_whitespace()
        .next()
        .and_then(|n| n.parse().ok())
        .expect("startxref");
    let mut out = pdf.to_vec();
    out.push(b'\n');
    let offset = out.len();
    out.extend_from_slice(
        format!(
            "{id} 0 obj\n<</Type/EmbeddedFile/Subtype/application#2Fjson/Length {}>>\nstream\n",
            content.len()
        )
        .as_bytes(),
    );
    out.extend_from_slice(content);
    out.extend_from_slice(b"\nendstream\nendobj\n");
    let xref = out.len();
    out.extend_from_slice(
        format!(
            "xref\n{id} 1\n{offset:010} 00000 n \ntrailer\n<</Size {size}/Root {root} 0 R/Prev {prev}>>\nstartxref\n{xref}\n%%EOF\n"
        )
        .as_bytes(),
    );
    out
}

#[test]
fn a_package_goes_from_the_sender_to_the_receiver_and_back_into_the_same_case() {
    let dir = Dir::new("package-roundtrip");
    export(&dir);
    if have("pdfsig") {
        let out = text(&run(&dir, "pdfsig", &["pakket.pdf"]).stdout);
        assert!(out.contains("Signature is Valid."), "{out}");
        assert!(out.contains("Total document signed"), "{out}");
    }
    if have("pdfdetach") {
        let out = text(&run(&dir, "pdfdetach", &["-list", "pakket.pdf"]).stdout);
        assert!(out.contains("casus.json"), "{out}");
    }
    if have("qpdf") {
        let q = run(&dir, "qpdf", &["--check", "pakket.pdf"]);
        let said = format!("{}{}", text(&q.stdout), text(&q.stderr));
        assert!(q.status.success(), "{said}");
        assert!(
            said.contains("No syntax or stream encoding errors"),
            "{said}"
        );
    }

    let mut args = import_args("pakket.pdf", "ontvangen.json");
    args.extend([
        "--sign-key",
        "recv/key.pem",
        "--sign-cert",
        "recv/cert.pem",
        "--accepted",
        "accepted.pdf",
    ]);
    let said = dir.ok(&args);
    assert!(
        said.contains("Handtekening 1: Noëlle Çelik, procesregisseur (ZVH Gelderland-Midden)")
            && said.contains("intact, dekt het hele bestand")
            && said.contains("niet beoordeeld"),
        "{said}"
    );
    assert!(
        said.contains("In overdracht, gezamenlijke periode tot 31 januari 2027"),
        "{said}"
    );

    let sent = dir.json("case.json");
    let got = dir.json("ontvangen.json");
    for part in ["id", "region", "created_on", "documents", "events"] {
        assert_eq!(sent[part], got[part], "{part} differs after the round trip");
    }
    assert_eq!(got["received"]["overdracht"], json!(5));
    assert_eq!(got["received"]["on"], json!("2026-11-02"));
    let now = dir.ok(&["case", "status", "ontvangen.json", "--today", "2026-11-02"]);
    assert!(
        now.contains("Volgende stap: formulier herhaald-agenderen"),
        "{now}"
    );
    let later = dir.ok(&["case", "status", "ontvangen.json", "--today", "2027-02-05"]);
    assert!(later.contains("Plan actief"), "{later}");
    // The receiver cannot pass the sender's overdracht on: a new one of its own first.
    let again = dir.refused(&[
        "case",
        "export",
        "ontvangen.json",
        "-o",
        "nogmaals.pdf",
        "--sign-key",
        "recv/key.pem",
        "--sign-cert",
        "recv/cert.pem",
        "--today",
        "2026-11-03",
    ]);
    assert!(
        again.contains("ontvangen met de overdracht") && again.contains("--form overdracht"),
        "{again}"
    );
    assert!(!dir.path("nogmaals.pdf").exists());

    if have("pdfsig") {
        let out = text(&run(&dir, "pdfsig", &["accepted.pdf"]).stdout);
        assert_eq!(out.matches("Signature is Valid.").count(), 2, "{out}");
        let last = out.rsplit("Signature #").next().unwrap_or("");
        assert!(
            last.contains("Total document signed") && last.contains("Bram de Wit"),
            "{out}"
        );
    }
    if have("pyhanko") {
        let o = run(
            &dir,
            "pyhanko",
            &[
                "sign",
                "validate",
                "--no-revocation-check",
                "--trust",
                "send/cert.pem",
                "--trust",
                "recv/cert.pem",
                "--trust-replace",
                "accepted.pdf",
            ],
        );
        let said = format!("{}{}", text(&o.stdout), text(&o.stderr));
        assert!(o.status.success(), "{said}");
        // pyHanko trusts both self-signed signers here, as tests/sign.rs does.
        assert_eq!(said.matches("INTACT:TRUSTED").count(), 2, "{said}");
    }
    // The countersigned package imports as well: both signatures intact, the last whole,
    // and, with both procesregisseurs' certificates as trust anchors, both trusted.
    let mut args = import_args("accepted.pdf", "opnieuw.json");
    args.extend(["--trust", "send/cert.pem", "--trust", "recv/cert.pem"]);
    let said = dir.ok(&args);
    assert!(said.contains("Handtekening 2: Bram de Wit"), "{said}");
    assert_eq!(said.matches("vertrouwen: Vertrouwd").count(), 2, "{said}");
    assert_eq!(dir.json("opnieuw.json")["documents"], sent["documents"]);

    // Anchors that do not vouch for the sender: refused, nothing written.
    let mut args = import_args("pakket.pdf", "onbekend.json");
    args.extend(["--trust", "recv/cert.pem"]);
    let err = dir.refused(&args);
    assert!(
        err.contains("Niet vertrouwd") && err.contains("niets ingelezen"),
        "{err}"
    );
    assert!(!dir.path("onbekend.json").exists());
}

#[test]
fn a_case_without_an_overdracht_has_no_package() {
    let dir = Dir::new("package-no-overdracht");
    let mut case = case_with_overdracht(&dir);
    case["documents"].as_array_mut().expect("documents").pop();
    dir.write_json("case.json", &case);
    keys(&dir);
    let err = dir.refused(&[
        "case",
        "export",
        "case.json",
        "-o",
        "pakket.pdf",
        "--sign-key",
        "send/key.pem",
        "--sign-cert",
        "send/cert.pem",
        "--today",
        TODAY,
    ]);
    assert!(
        err.contains("nog geen overdracht") && err.contains("--form overdracht"),
        "{err}"
    );
    assert!(!dir.path("pakket.pdf").exists());
}

/// Each broken package is refused with its reason, and no case file appears.
fn refused_import(dir: &Dir, pdf: &[u8], why: &str) {
    std::fs::write(dir.path("kapot.pdf"), pdf).expect("write");
    let err = dir.refused(&import_args("kapot.pdf", "kapot.json"));
    assert!(err.contains(why), "expected ‘{why}’ in: {err}");
    assert!(err.contains("niets ingelezen"), "{err}");
    assert!(!dir.path("kapot.json").exists(), "half an import");
}

#[test]
fn a_damaged_or_changed_package_is_refused_and_nothing_is_written() {
    let dir = Dir::new("package-refused");
    export(&dir);
    let pdf = dir.bytes("pakket.pdf");

    // One byte flipped inside the embedded file's stream.
    let at = embedded_file_at(&pdf);
    let data = pdf[at..]
        .windows(6)
        .position(|w| w == b"stream")
        .expect("its stream")
        + at
        + "stream".len()
        + 20;
    let mut flipped = pdf.clone();
    flipped[data] ^= 0x01;
    if have("pdfsig") {
        std::fs::write(dir.path("flipped.pdf"), &flipped).expect("write");
        let out = text(&run(&dir, "pdfsig", &["flipped.pdf"]).stdout);
        assert!(out.contains("Digest Mismatch"), "{out}");
    }
    refused_import(&dir, &flipped, "klopt niet");

    // Another case in place of this one, saved without signing again.
    let mut other = case_with_overdracht(&dir);
    other["id"] = json!("een-ander-dossier");
    let swapped = replace_attachment(&pdf, other.to_string().as_bytes());
    if have("qpdf") {
        std::fs::write(dir.path("swapped.pdf"), &swapped).expect("write");
        let q = run(&dir, "qpdf", &["--check", "swapped.pdf"]);
        assert!(q.status.success(), "{}{}", text(&q.stdout), text(&q.stderr));
    }
    refused_import(&dir, &swapped, "gewijzigd na de laatste handtekening");

    // Signed again after the swap: the signatures hold, but what is inside must be a case.
    let resign = |content: &[u8], name: &str| {
        std::fs::write(dir.path("swap.pdf"), replace_attachment(&pdf, content)).expect("write");
        dir.ok(&[
            "sign-pdf",
            "swap.pdf",
            "-o",
            name,
            "--sign-key",
            "recv/key.pem",
            "--sign-cert",
            "recv/cert.pem",
        ]);
        dir.bytes(name)
    };
    let not_a_case = resign(br#"{"hallo": "wereld"}"#, "geen-dossier.pdf");
    refused_import(&dir, &not_a_case, "‘format’ ontbreekt");
    let not_json = resign(b"\x00\x01 binary", "geen-json.pdf");
    refused_import(&dir, &not_json, "geen dossier dat deze kit kan lezen");
    let mut newer = case_with_overdracht(&dir);
    newer["format"] = json!(99);
    let newer = resign(newer.to_string().as_bytes(), "nieuwer.pdf");
    refused_import(&dir, &newer, "nieuwere versie van de kit");
    // A document filled in with a newer version of its form than this kit knows.
    let mut newer_form = case_with_overdracht(&dir);
    newer_form["documents"][0]["submission"]["version"] = json!(99);
    let newer_form = resign(newer_form.to_string().as_bytes(), "nieuwer-formulier.pdf");
    refused_import(&dir, &newer_form, "ingevuld met versie 99");

    // A signed PDF without the case: an overdracht's own PDF, not a package.
    let sub = example(&dir, "overdracht");
    dir.write_json("overdracht.json", &sub);
    dir.ok(&[
        "pdf",
        "overdracht.json",
        "-o",
        "los.pdf",
        "--sign-key",
        "send/key.pem",
        "--sign-cert",
        "send/cert.pem",
    ]);
    refused_import(&dir, &dir.bytes("los.pdf"), "casus.json ontbreekt");

    // Not signed at all.
    refused_import(&dir, b"%PDF-1.7\n%%EOF\n", "is niet ondertekend");
}
