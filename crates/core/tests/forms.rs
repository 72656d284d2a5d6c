//! The shipped definitions in `forms/`, and the data-driven cases in `tests/cases/`.
//!
//! A case file `tests/cases/<form>/<name>.json`:
//! `{ "description", "region"?, "set": { path: value|null }, "expect": [{path, severity, message}] }`
//! starts from the form's example, applies `set`, validates, and must give exactly `expect`
//! (as a multiset: order does not matter, every diagnostic does).

use llk_core::path::DataPath;
use llk_core::validate::validate;
use llk_core::{Catalog, Date, Severity};
use serde_json::Value;
use std::path::{Path, PathBuf};

const FORMS: [&str; 9] = [
    "aanmelding",
    "triage",
    "toestemming",
    "inclusie",
    "levensloopplan",
    "herhaald-agenderen",
    "overdracht",
    "exclusiebesluit",
    "gebeurtenis",
];

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn today() -> Date {
    Date::parse_iso("2026-11-24").expect("date")
}

/// `LLK_FORMS_DIR` points the tests at a working copy while a definition is being written.
fn forms_dir() -> PathBuf {
    std::env::var_os("LLK_FORMS_DIR").map_or_else(|| root().join("forms"), PathBuf::from)
}

fn catalog() -> Catalog {
    match Catalog::load_dir(&forms_dir()) {
        Ok(c) => c,
        Err(errors) => panic!(
            "forms/ does not load:\n{}",
            errors
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("\n")
        ),
    }
}

#[test]
fn all_nine_forms_and_at_least_two_regions_load() {
    let c = catalog();
    for id in FORMS {
        assert!(
            c.forms().any(|f| f.form.id == id),
            "form '{id}' is missing from forms/"
        );
    }
    assert!(
        c.regions().filter(|r| r.id != "landelijk").count() >= 2,
        "at least two regions besides landelijk"
    );
}

#[test]
fn every_example_is_valid_in_every_region() {
    let c = catalog();
    let mut failures = Vec::new();
    for f in c.forms() {
        for r in c.regions() {
            let def = c.form(&f.form.id, &r.id).expect("checked");
            let answers = llk_core::example::example_answers(def, today());
            for d in validate(def, &answers, today()) {
                failures.push(format!("{} × {}: {d}", f.form.id, r.id));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "examples with diagnostics:\n{}",
        failures.join("\n")
    );
}

type Key = (String, Severity, String);

fn expected(case: &Value) -> Vec<Key> {
    let mut out: Vec<Key> = case["expect"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|d| {
                    let sev = match d["severity"].as_str() {
                        Some("warning") => Severity::Warning,
                        _ => Severity::Error,
                    };
                    (
                        d["path"].as_str().unwrap_or_default().to_string(),
                        sev,
                        d["message"].as_str().unwrap_or_default().to_string(),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

#[test]
fn cases_give_exactly_the_expected_diagnostics() {
    let c = catalog();
    let mut failures = Vec::new();
    let mut count = 0;
    // While writing one form, `LLK_CASES_FORM=<id>` runs only that form's cases.
    let only = std::env::var("LLK_CASES_FORM").ok();
    for form in FORMS {
        if only.as_deref().is_some_and(|o| o != form) {
            continue;
        }
        let dir = root().join("tests/cases").join(form);
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect();
        files.sort();
        assert!(
            files.iter().any(|f| f.ends_with("valid.json")),
            "{form}: no valid.json case"
        );
        assert!(files.len() >= 4, "{form}: only {} cases", files.len());
        for file in files {
            count += 1;
            let name = file
                .strip_prefix(root())
                .unwrap_or(&file)
                .display()
                .to_string();
            let text = std::fs::read_to_string(&file).expect("readable");
            let case: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
            let region = case["region"].as_str().unwrap_or("landelijk");
            let Some(def) = c.form(form, region) else {
                failures.push(format!("{name}: unknown region {region}"));
                continue;
            };
            let mut answers = llk_core::example::example_answers(def, today());
            for (path, value) in case["set"].as_object().into_iter().flatten() {
                match DataPath::parse(path) {
                    Some(p) => p.set(&mut answers, value.clone()),
                    None => failures.push(format!("{name}: bad path {path}")),
                }
            }
            let mut got: Vec<Key> = validate(def, &answers, today())
                .into_iter()
                .map(|d| (d.path, d.severity, d.message))
                .collect();
            got.sort();
            let want = expected(&case);
            if got != want {
                failures.push(format!(
                    "{name} ({})\n   want: {want:?}\n   got:  {got:?}",
                    case["description"].as_str().unwrap_or("")
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {count} cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// A region's term comes with its article: Gelderland's "levensloopfunctie" is "de", the
/// national "levensloopteam" is "het". So the forms write `{het_levensloopteam}`, never
/// "het {levensloopteam}", which would read "het levensloopfunctie" in Gelderland.
#[test]
fn the_team_term_brings_its_own_article() {
    for entry in std::fs::read_dir(forms_dir()).expect("forms/") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "toml") {
            let text = std::fs::read_to_string(&path)
                .expect("readable")
                .to_lowercase();
            assert!(
                !text.contains("het {levensloopteam}"),
                "{}: write {{het_levensloopteam}}",
                path.display()
            );
        }
    }
    let c = catalog();
    let fill = |region: &str, text: &str| {
        let r = c.regions().find(|r| r.id == region).expect("region");
        r.fill_terms(text).expect("known terms")
    };
    assert_eq!(
        fill("landelijk", "{Het_levensloopteam} bespreekt"),
        "Het levensloopteam bespreekt"
    );
    assert_eq!(
        fill("gelderland", "met {het_levensloopteam}"),
        "met de levensloopfunctie"
    );
    assert_eq!(
        fill("haaglanden", "{het_levensloopteam}"),
        "het levensloopteam"
    );
}
