//! `llk case kengetallen` as a user runs it: seven Gelderland cases made with `llk case new`
//! and `llk case add` (six aanmeldingen in the period, one triage), counted as a table, as
//! JSON and as CSV; a count under the threshold suppressed; an unreadable file named and
//! refused, or left out with `--skip-unreadable`; bad dates, unknown and mixed regions.

mod common;

use common::{Dir, text};
use serde_json::{Value, json};

/// Refused (exit 1) with nothing on stdout: no partial table printed before the error.
fn refused(dir: &Dir, args: &[&str]) -> String {
    let out = dir.llk(args);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
    assert!(out.stdout.is_empty(), "nothing printed when refused");
    assert!(!err.contains("panicked"), "{err}");
    err
}

const SURNAMES: [&str; 7] = [
    "Verwoerd",
    "Kampinga",
    "Brouwers",
    "Ouwerkerk",
    "Zijlstra",
    "Dekkers",
    "Hazeleger",
];
const BSNS: [&str; 7] = [
    "111222333",
    "123456782",
    "100000009",
    "100000010",
    "100000022",
    "100000034",
    "100000046",
];

/// Seven cases `c0.json` … `c6.json`: an aanmelding each (the last in 2025, outside the
/// period), and a triage "advies" in the first.
fn caseload(dir: &Dir) -> Vec<String> {
    let aanmelding: Value = serde_json::from_str(&dir.ok(&[
        "example",
        "--form",
        "aanmelding",
        "--region",
        "gelderland",
    ]))
    .expect("example");
    let triage: Value =
        serde_json::from_str(&dir.ok(&["example", "--form", "triage", "--region", "gelderland"]))
            .expect("example");
    let mut files = Vec::new();
    for (i, (surname, bsn)) in SURNAMES.iter().zip(BSNS).enumerate() {
        let file = format!("c{i}.json");
        dir.ok(&[
            "case",
            "new",
            "--region",
            "gelderland",
            "--id",
            &format!("k{i}"),
            "--today",
            "2026-03-01",
            "-o",
            &file,
        ]);
        let mut a = aanmelding.clone();
        let melding = if i == 6 { "2025-12-15" } else { "2026-02-02" };
        a["answers"]["meldingsdatum"] = json!(melding);
        a["answers"]["betrokkene"]["achternaam"] = json!(surname);
        a["answers"]["betrokkene"]["bsn"] = json!(bsn);
        a["answers"]["zorgen_toelichting"] = json!(format!("Zorgen over meneer {surname}."));
        dir.write_json("a.json", &a);
        dir.ok(&["case", "add", &file, "a.json", "--today", "2026-03-01"]);
        if i == 0 {
            let mut t = triage.clone();
            t["answers"]["melding"]["datum"] = json!(melding);
            t["answers"]["weegteam"]["datum"] = json!("2026-02-05");
            t["answers"]["persoon"]["naam"] = json!(format!("Daniël Johannes {surname}"));
            t["answers"]["uitkomst"] = json!("advies");
            t["answers"]["advies"] = json!({"tekst": "Schakel het wijkteam in."});
            dir.write_json("t.json", &t);
            dir.ok(&["case", "add", &file, "t.json", "--today", "2026-03-01"]);
        }
        files.push(file);
    }
    files
}

fn args<'a>(files: &'a [String], extra: &[&'a str]) -> Vec<&'a str> {
    let mut a = vec!["case", "kengetallen"];
    a.extend(files.iter().map(String::as_str));
    a.extend(["--from", "2026-01-01", "--to", "2026-03-31"]);
    a.extend(extra);
    a
}

#[test]
fn kengetallen_as_a_table_json_and_csv() {
    let dir = Dir::new("formats");
    let files = caseload(&dir);

    let table = dir.ok(&args(&files, &[]));
    assert!(
        table.contains("Kengetallen Gelderland, 1 januari 2026 tot en met 31 maart 2026"),
        "{table}"
    );
    assert!(table.contains("7 dossiers gelezen"), "{table}");
    // The value after the label, as the table shows it.
    let value = |label: &str| {
        let l = table
            .lines()
            .find(|l| l.trim_start().starts_with(label))
            .unwrap_or_else(|| panic!("no line {label} in {table}"));
        l.trim_start()[label.len()..].trim().to_string()
    };
    assert_eq!(
        value("Meldingen"),
        "6",
        "six aanmeldingen in the period, one before it"
    );
    assert_eq!(value("Advies aan de melder"), "< 5", "one advies: under 5");

    let json: Value = serde_json::from_str(&dir.ok(&args(&files, &["--json"]))).expect("JSON");
    assert_eq!(json["threshold"], json!(5));
    let flow = &json["sections"][0];
    assert_eq!(flow["rows"][0]["id"], json!("meldingen"));
    assert_eq!(flow["rows"][0]["value"], json!(6));
    let triage = &json["sections"][1];
    assert_eq!(triage["id"], json!("triage"));
    let advies = &triage["rows"][0];
    assert_eq!(
        advies["value"],
        Value::Null,
        "a suppressed count is no number in JSON"
    );
    assert_eq!(advies["shown"], json!("< 5"));
    assert_eq!(advies["suppressed"], json!("threshold"));

    let out = dir.llk(&args(&files, &["--csv"]));
    assert!(out.status.success());
    let csv = text(&out.stdout);
    assert!(csv.starts_with("\u{feff}Regio;Van;Tot en met;Onderdeel;Kengetal;Waarde\r\n"));
    assert!(
        csv.contains("Gelderland;2026-01-01;2026-03-31;Instroom en uitstroom;Meldingen;6\r\n"),
        "{csv}"
    );
    for (surname, bsn) in SURNAMES.iter().zip(BSNS) {
        for output in [&csv, &table, &json.to_string()] {
            assert!(
                !output.contains(surname) && !output.contains(bsn),
                "{surname} in {output}"
            );
        }
    }
    for secret in ["Daniël", "1991-06-14", "Zorgen over", "wijkteam", "Arnhem"] {
        assert!(
            !csv.contains(secret) && !json.to_string().contains(secret),
            "{secret}"
        );
    }
}

#[test]
fn an_unreadable_case_is_named_and_refused_or_left_out() {
    let dir = Dir::new("bad");
    let mut files = caseload(&dir);
    std::fs::write(dir.path("kapot.json"), "{\"format\": 1, \"id\": ").expect("write");
    std::fs::write(dir.path("nieuwer.json"), r#"{"format": 99}"#).expect("write");
    files.extend([
        "kapot.json".into(),
        "nieuwer.json".into(),
        "weg.json".into(),
    ]);

    let err = refused(&dir, &args(&files, &[]));
    assert!(
        err.contains("3 van de 10 dossiers kunnen niet worden gelezen"),
        "{err}"
    );
    assert!(err.contains("kapot.json is geen geldige JSON"), "{err}");
    assert!(
        err.contains("nieuwer.json: Dit dossier is gemaakt met een nieuwere versie"),
        "{err}"
    );
    assert!(
        err.contains("weg.json kan niet worden gelezen: het bestand of de map bestaat niet"),
        "{err}"
    );

    let out = dir.llk(&args(&files, &["--skip-unreadable", "--json"]));
    assert!(out.status.success(), "{}", text(&out.stderr));
    let err = text(&out.stderr);
    assert!(err.contains("Overgeslagen: kapot.json"), "{err}");
    assert!(
        err.contains("3 van de 10 dossiers overgeslagen; de kengetallen tellen de andere 7"),
        "{err}"
    );
    let json: Value = serde_json::from_str(&text(&out.stdout)).expect("JSON");
    assert_eq!(json["sections"][0]["rows"][0]["value"], json!(6));
}

#[test]
fn bad_periods_and_regions_are_refused_in_dutch() {
    let dir = Dir::new("args");
    let files = caseload(&dir);
    let one = &files[..1];
    let err = refused(
        &dir,
        &[
            "case",
            "kengetallen",
            &one[0],
            "--from",
            "1-1-2026",
            "--to",
            "2026-03-31",
        ],
    );
    assert!(
        err.contains("--from ‘1-1-2026’ is geen datum: schrijf JJJJ-MM-DD"),
        "{err}"
    );
    let err = refused(
        &dir,
        &[
            "case",
            "kengetallen",
            &one[0],
            "--from",
            "2026-04-01",
            "--to",
            "2026-03-31",
        ],
    );
    assert!(err.contains("De periode begint na het einde"), "{err}");
    let err = refused(&dir, &args(one, &["--region", "atlantis"]));
    assert!(
        err.contains("De regio ‘atlantis’ kent deze kit niet"),
        "{err}"
    );

    dir.ok(&[
        "case",
        "new",
        "--region",
        "haaglanden",
        "--id",
        "h",
        "--today",
        "2026-03-01",
        "-o",
        "h.json",
    ]);
    let mixed = vec![files[0].clone(), "h.json".to_string()];
    let err = refused(&dir, &args(&mixed, &[]));
    assert!(
        err.contains("verschillende regio’s (gelderland, haaglanden)") && err.contains("--region"),
        "{err}"
    );
    let table = dir.ok(&args(&mixed, &["--region", "haaglanden"]));
    assert!(table.starts_with("Kengetallen Haaglanden"), "{table}");
}
