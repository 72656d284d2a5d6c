//! `llk case` as a user runs it: a case file from the melding to the inclusietafel, the
//! refusals that leave the file byte for byte as it was, events, case files that do not
//! load, and `case new` that does not overwrite without `--force`.

mod common;

use common::{Dir, text};
use serde_json::{Value, json};

const TODAY: &str = "2026-11-24";
const MELDING: &str = "2026-11-10";

/// Deep-merges `over` into `base` (objects key by key; anything else replaces).
fn merge(base: &mut Value, over: &Value) {
    match (base, over) {
        (Value::Object(b), Value::Object(o)) => {
            for (k, v) in o {
                merge(b.entry(k.clone()).or_insert(Value::Null), v);
            }
        }
        (b, o) => *b = o.clone(),
    }
}

fn example(dir: &Dir, form: &str) -> Value {
    let out = dir.ok(&["example", "--form", form, "--region", "gelderland"]);
    serde_json::from_str(&out).expect("example is JSON")
}

/// The aanmelding's example, with the melding on `MELDING`.
fn aanmelding(dir: &Dir) -> Value {
    let mut sub = example(dir, "aanmelding");
    sub["answers"]["meldingsdatum"] = json!(MELDING);
    sub
}

fn status(dir: &Dir, case: &str) -> Value {
    let out = dir.ok(&["case", "status", case, "--today", TODAY, "--json"]);
    serde_json::from_str(&out).expect("status --json is JSON")
}

/// A new gelderland case with the aanmelding filed: `case.json`.
fn aangemeld(dir: &Dir) -> Value {
    dir.ok(&[
        "case",
        "new",
        "--region",
        "gelderland",
        "--today",
        TODAY,
        "-o",
        "case.json",
    ]);
    file_aanmelding(dir)
}

fn file_aanmelding(dir: &Dir) -> Value {
    let sub = aanmelding(dir);
    let file = dir.write_json("aanmelding.json", &sub);
    let out = dir.ok(&["case", "add", "case.json", &file, "--today", TODAY]);
    assert!(out.contains("document 1"), "{out}");
    sub
}

/// The triage as a user makes it: the example, with what the case prefills over it.
fn triage(dir: &Dir) -> Value {
    let out = dir.ok(&[
        "case",
        "prefill",
        "case.json",
        "--form",
        "triage",
        "--today",
        TODAY,
    ]);
    let prefilled: Value = serde_json::from_str(&out).expect("prefill is JSON");
    let mut sub = example(dir, "triage");
    merge(&mut sub["answers"], &prefilled["answers"]);
    sub
}

#[test]
fn a_case_from_the_melding_to_the_inclusietafel() {
    let dir = Dir::new("flow");
    let out = dir.ok(&[
        "case",
        "new",
        "--region",
        "gelderland",
        "--today",
        TODAY,
        "-o",
        "case.json",
    ]);
    assert!(out.contains("dossier-2026-11-24"), "{out}");
    let new = dir.json("case.json");
    assert_eq!(new["format"], json!(1));
    assert_eq!(new["id"], json!("dossier-2026-11-24"));
    assert_eq!(new["region"], json!("gelderland"));
    assert_eq!(status(&dir, "case.json")["phase"]["id"], json!("nieuw"));

    let melding = file_aanmelding(&dir);
    let s = status(&dir, "case.json");
    assert_eq!(s["phase"]["id"], json!("aangemeld"));
    assert_eq!(s["next_form"], json!("triage"));
    let b = &melding["answers"]["betrokkene"];
    let name = format!(
        "{} {}",
        b["voornamen"].as_str().expect("voornamen"),
        b["achternaam"].as_str().expect("achternaam")
    );
    assert_eq!(s["name"], json!(name));
    let deadlines = s["deadlines"].as_array().expect("deadlines");
    let first = deadlines
        .iter()
        .find(|d| d["kind"] == json!("eerste-plan"))
        .unwrap_or_else(|| panic!("no eerste-plan in {s}"));
    assert_eq!(
        first["due"],
        json!("2026-12-10"),
        "one month after the melding"
    );
    assert_eq!(first["status"], json!("later"));
    assert_eq!(s["timeline"][0]["kind"], json!("document"));
    assert_eq!(s["timeline"][0]["date"], json!(MELDING));
    assert_eq!(s["timeline"][0]["label"], json!("Aanmelding"));

    // The prefill carries what the case knows, as an envelope `llk validate` reads.
    let out = dir.ok(&[
        "case",
        "prefill",
        "case.json",
        "--form",
        "triage",
        "--today",
        TODAY,
    ]);
    let prefilled: Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(prefilled["form"], json!("triage"));
    assert_eq!(prefilled["region"], json!("gelderland"));
    assert_eq!(prefilled["version"], example(&dir, "triage")["version"]);
    assert_eq!(prefilled["answers"]["melding"]["datum"], json!(MELDING));
    assert_eq!(prefilled["answers"]["persoon"]["naam"], json!(name));
    assert_eq!(
        prefilled["answers"]["persoon"]["geboortedatum"],
        b["geboortedatum"]
    );
    let ex = example(&dir, "triage");
    assert_ne!(
        ex["answers"]["melding"]["datum"],
        json!(MELDING),
        "the test would not tell the prefill from the example"
    );
    assert_ne!(ex["answers"]["persoon"]["naam"], json!(name));

    let sub = triage(&dir);
    let file = dir.write_json("triage.json", &sub);
    let out = dir.ok(&["validate", "--today", TODAY, &file]);
    assert_eq!(out, "", "the completed triage validates");
    let out = dir.ok(&["case", "add", "case.json", &file, "--today", TODAY]);
    assert!(out.contains("document 2"), "{out}");
    let s = status(&dir, "case.json");
    assert_eq!(s["phase"]["id"], json!("inclusietafel"));
    assert_eq!(s["phase"]["label"], json!("Inclusietafel"));
    assert_eq!(s["next_form"], json!("inclusie"));
    let case = dir.json("case.json");
    assert_eq!(case["documents"].as_array().map(Vec::len), Some(2));
    assert_eq!(case["documents"][1]["submission"]["form"], json!("triage"));

    // The same, for people.
    let out = dir.ok(&["case", "status", "case.json", "--today", TODAY]);
    for needle in [
        name.as_str(),
        "Fase: Inclusietafel",
        "Eerste levensloopplan: 10 december 2026 (op tijd)",
        "Uitstroom: nog niet klaar",
        "Criterium 1, stabiel ‘buiten’: het dossier heeft nog geen inclusiedatum.",
        "Volgende stap: formulier inclusie",
    ] {
        assert!(out.contains(needle), "{needle:?} not in:\n{out}");
    }
    assert_eq!(dir.files(), ["aanmelding.json", "case.json", "triage.json"]);
}

#[test]
fn a_refused_submission_leaves_the_case_file_unchanged() {
    let dir = Dir::new("refused");
    aangemeld(&dir);
    let before = dir.compact("case.json");

    let mut other = triage(&dir);
    other["answers"]["persoon"]["geboortedatum"] = json!("1970-01-01");
    let file = dir.write_json("other.json", &other);
    let err = dir.refused(&["case", "add", "case.json", &file, "--today", TODAY]);
    assert!(err.contains("iemand anders"), "{err}");
    assert_eq!(dir.bytes("case.json"), before, "byte for byte");

    let mut future = triage(&dir);
    future["answers"]["weegteam"]["datum"] = json!("2026-12-01");
    let file = dir.write_json("future.json", &future);
    let err = dir.refused(&["case", "add", "case.json", &file, "--today", TODAY]);
    assert!(err.contains("bevat fouten"), "{err}");
    assert!(
        err.lines()
            .any(|l| l.trim_start().starts_with("weegteam.datum: ")),
        "{err}"
    );
    assert_eq!(dir.bytes("case.json"), before);

    let mut region = triage(&dir);
    region["region"] = json!("haaglanden");
    let file = dir.write_json("region.json", &region);
    let err = dir.refused(&["case", "add", "case.json", &file, "--today", TODAY]);
    assert!(err.contains("regio"), "{err}");
    std::fs::write(dir.path("kapot.json"), "{kapot").expect("write");
    let err = dir.refused(&["case", "add", "case.json", "kapot.json", "--today", TODAY]);
    assert!(err.contains("geen geldige JSON"), "{err}");
    assert_eq!(dir.bytes("case.json"), before);
    assert_eq!(status(&dir, "case.json")["phase"]["id"], json!("aangemeld"));
}

#[test]
fn events_are_validated_before_they_are_recorded() {
    let dir = Dir::new("events");
    aangemeld(&dir);
    let before = dir.compact("case.json");
    let event = |extra: &[&str]| {
        let mut args = vec!["case", "event", "case.json", "--today", TODAY];
        args.extend_from_slice(extra);
        args.into_iter().map(String::from).collect::<Vec<_>>()
    };
    let refused = |extra: &[&str]| {
        let args = event(extra);
        let err = dir.refused(&args.iter().map(String::as_str).collect::<Vec<_>>());
        assert_eq!(dir.bytes("case.json"), before, "{extra:?}: byte for byte");
        err
    };
    let has_path = |err: &str, path: &str| {
        err.lines()
            .any(|l| l.trim_start().starts_with(&format!("{path}: ")))
    };

    let err = refused(&["--kind", "incident", "--date", "2026-12-01", "--gevaar"]);
    assert!(has_path(&err, "datum"), "an event ahead of today: {err}");
    let err = refused(&[
        "--kind",
        "opname",
        "--date",
        "2026-11-20",
        "--until",
        "2026-11-12",
    ]);
    assert!(has_path(&err, "tot"), "ends before it starts: {err}");
    let err = refused(&["--kind", "incident", "--date", "2026-11-20"]);
    assert!(
        has_path(&err, "gevaar"),
        "an incident says whether it touches the gevaarscriterium: {err}"
    );
    let err = refused(&["--kind", "brand", "--date", "2026-11-20"]);
    assert!(has_path(&err, "soort"), "{err}");

    let args = event(&["--kind", "opname", "--date", "2026-11-20"]);
    let out = dir.ok(&args.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(out.contains("gebeurtenis 2"), "{out}");
    let s = status(&dir, "case.json");
    assert_eq!(s["exit"]["inside_since"], json!("2026-11-20"));
    assert_eq!(s["exit"]["ready"], json!(false));
    assert_eq!(s["exit"]["stable_since"], Value::Null, "not 'buiten' now");
    let item = s["timeline"]
        .as_array()
        .expect("timeline")
        .iter()
        .find(|i| i["kind"] == json!("event"))
        .unwrap_or_else(|| panic!("no event in {s}"))
        .clone();
    assert_eq!(item["label"], json!("Klinische opname"));
    assert_eq!(item["date"], json!("2026-11-20"));

    // --answers supplies the groups; the flags are set over it.
    let answers = dir.write_json(
        "taxatie.json",
        &json!({"soort": "incident", "datum": "2020-01-01", "taxatie": {
            "instrument": "hcr-20v3", "uitvoerder": "Marloes Verbeek", "uitkomst": "lager"}}),
    );
    let args = event(&[
        "--kind",
        "risicotaxatie",
        "--date",
        "2026-11-23",
        "--text",
        "HCR-20V3 in de kliniek.",
        "--answers",
        &answers,
    ]);
    let out = dir.ok(&args.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(out.contains("gebeurtenis 3"), "{out}");
    let case = dir.json("case.json");
    let recorded = &case["events"][1]["answers"];
    assert_eq!(recorded["soort"], json!("risicotaxatie"));
    assert_eq!(recorded["datum"], json!("2026-11-23"));
    assert_eq!(recorded["omschrijving"], json!("HCR-20V3 in de kliniek."));
    assert_eq!(recorded["taxatie"]["uitkomst"], json!("lager"));
    let exit = status(&dir, "case.json")["exit"].clone();
    assert_eq!(
        exit["risicotaxatie"]["latest"],
        json!({"date": "2026-11-23", "instrument": "hcr-20v3", "outcome": "lager", "source_seq": 3})
    );
    assert!(
        exit["sentences"][2]
            .as_str()
            .expect("sentence")
            .starts_with("Criterium 3, risicotaxatie: HCR-20V3 van 23 november 2026, door Marloes Verbeek: risico substantieel lager (gebeurtenis 3)."),
        "{exit}"
    );
}

#[test]
fn a_case_file_that_does_not_load_is_refused_in_dutch() {
    let dir = Dir::new("load");
    std::fs::write(dir.path("kapot.json"), "{\"format\": 1, \"id\"").expect("write");
    let newer = json!({"format": 99, "id": "x", "region": "gelderland", "created_on": TODAY});
    dir.write_json("nieuwer.json", &newer);
    let mars = json!({"format": 1, "id": "x", "region": "mars", "created_on": TODAY});
    dir.write_json("mars.json", &mars);
    dir.write_json("geen-dossier.json", &json!({"id": "x"}));
    // A sparse file one byte over the bound: refused before it is read.
    let big = std::fs::File::create(dir.path("groot.json")).expect("create");
    big.set_len((64 << 20) + 1).expect("set_len");
    drop(big);
    for (file, needle) in [
        ("kapot.json", "beschadigd"),
        ("nieuwer.json", "nieuwere versie van de kit"),
        ("mars.json", "regio ‘mars’"),
        ("geen-dossier.json", "geen dossier van de levensloopkit"),
        ("groot.json", "groter dan 64 MiB"),
        ("bestaat-niet.json", "bestaat niet"),
    ] {
        let before = std::fs::read(dir.path(file)).ok();
        for args in [
            vec!["case", "status", file, "--today", TODAY],
            vec!["case", "status", file, "--json"],
            vec!["case", "prefill", file, "--form", "triage"],
            vec!["case", "event", file, "--kind", "opname", "--date", TODAY],
        ] {
            let err = dir.refused(&args);
            assert!(err.contains(needle), "{args:?}: {err}");
            assert_eq!(text(&dir.llk(&args).stdout), "", "{args:?}");
        }
        assert_eq!(std::fs::read(dir.path(file)).ok(), before, "{file}");
    }
}

#[test]
fn case_new_overwrites_only_with_force() {
    let dir = Dir::new("new");
    aangemeld(&dir);
    let before = dir.compact("case.json");
    let err = dir.refused(&["case", "new", "--region", "gelderland", "-o", "case.json"]);
    assert!(
        err.contains("bestaat al") && err.contains("--force"),
        "{err}"
    );
    assert_eq!(dir.bytes("case.json"), before);

    let err = dir.refused(&["case", "new", "--region", "mars", "-o", "mars.json"]);
    assert!(
        err.contains("‘mars’") && err.contains("gelderland"),
        "{err}"
    );
    assert!(!dir.path("mars.json").exists());

    dir.ok(&[
        "case",
        "new",
        "--region",
        "haaglanden",
        "--id",
        "ZVH-2026-0412",
        "--today",
        "2026-11-25",
        "-o",
        "case.json",
        "--force",
    ]);
    let case = dir.json("case.json");
    assert_eq!(case["id"], json!("ZVH-2026-0412"));
    assert_eq!(case["region"], json!("haaglanden"));
    assert_eq!(case["created_on"], json!("2026-11-25"));
    assert_eq!(case["documents"], json!([]));
    assert_eq!(
        dir.files(),
        ["aanmelding.json", "case.json"],
        "no temp file left"
    );
}

/// A case file written as the kit writes it: included on 2022-01-10, reviews naming the
/// same beschermende factoren, a risicotaxatie, and `extra` events.
fn exit_case(extra: &[Value]) -> Value {
    let factors = json!(["wonen", "netwerk", "zorg", "dagbesteding", "financien"]);
    let doc = |seq: u32, form: &str, answers: Value| {
        json!({"seq": seq, "filed_on": "2022-01-10", "submission": {
            "form": form, "version": 1, "region": "landelijk", "answers": answers}})
    };
    let mut documents = vec![doc(
        1,
        "inclusie",
        json!({"overleg": {"datum": "2022-01-10"}, "besluit": {"uitkomst": "inclusie"},
               "toewijzing": {"inclusiedatum": "2022-01-10"}}),
    )];
    for (seq, on) in [(2, "2026-03-01"), (3, "2026-06-01"), (4, "2026-09-01")] {
        documents.push(doc(
            seq,
            "herhaald-agenderen",
            json!({"overleg": {"datum": on}, "bespreking": {"factoren": factors}}),
        ));
    }
    let mut events = vec![
        json!({"seq": 5, "filed_on": "2026-11-01", "version": 1, "answers": {
        "soort": "risicotaxatie", "datum": "2026-11-01", "taxatie": {
            "instrument": "hcr-20v3", "uitvoerder": "Marloes Verbeek", "uitkomst": "lager"}}}),
    ];
    for (i, e) in extra.iter().enumerate() {
        events.push(json!({"seq": 6 + i, "filed_on": "2026-11-01", "version": 1, "answers": e}));
    }
    json!({"format": 1, "id": "u", "region": "landelijk", "created_on": "2022-01-10",
           "documents": documents, "events": events})
}

#[test]
fn the_exclusiebesluit_from_a_case_is_checked_against_it_by_llk_validate() {
    let dir = Dir::new("exit");
    let today = "2026-12-07";
    let besluit = |case: &str, name: &str, set: &[(&str, Value)]| -> String {
        let example: Value =
            serde_json::from_str(&dir.ok(&["example", "--form", "exclusiebesluit"])).expect("JSON");
        let prefill: Value = serde_json::from_str(&dir.ok(&[
            "case",
            "prefill",
            case,
            "--form",
            "exclusiebesluit",
            "--today",
            today,
        ]))
        .expect("JSON");
        let mut sub = example;
        merge(&mut sub, &prefill);
        for (path, v) in set {
            llk_core::path::DataPath::parse(path)
                .expect("path")
                .set(&mut sub["answers"], v.clone());
        }
        dir.write_json(name, &sub)
    };
    let dated: Vec<(&str, Value)> = [
        "overleg.datum",
        "gedeeld.coordinator_datum",
        "gedeeld.client_datum",
        "ondertekening.procesregisseur.datum",
        "ondertekening.voorzitter.datum",
    ]
    .into_iter()
    .map(|p| (p, json!(today)))
    .chain([
        ("besluit.uitkomst", json!("exclusie")),
        ("inclusiedatum", json!("2022-01-10")),
    ])
    .collect();

    dir.write_json("stabiel.json", &exit_case(&[]));
    let s = status(&dir, "stabiel.json");
    assert_eq!(s["exit"]["ready"], json!(true), "{s}");
    assert_eq!(s["exit"]["stable_since"], json!("2022-01-10"));
    let ok = besluit("stabiel.json", "ok.json", &dated);
    dir.ok(&["validate", &ok, "--today", today]);

    dir.write_json(
        "incident.json",
        &exit_case(&[json!({"soort": "incident", "datum": "2026-04-07", "gevaar": true})]),
    );
    let s = status(&dir, "incident.json");
    assert_eq!(s["exit"]["ready"], json!(false));
    assert_eq!(s["exit"]["stable_since"], json!("2026-04-08"));
    let mut set = dated.clone();
    set.push(("criterium1.stabiel_sinds", json!("2023-09-01")));
    let bad = besluit("incident.json", "bad.json", &set);
    let out = dir.llk(&["validate", &bad, "--today", today]);
    assert_eq!(out.status.code(), Some(1));
    let said = format!("{}{}", text(&out.stdout), text(&out.stderr));
    assert!(
        said.contains(
            "het incident op 7 april 2026 dat het gevaarscriterium raakte (gebeurtenis 6)"
        ),
        "{said}"
    );
}
