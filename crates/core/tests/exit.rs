//! Exit readiness against hand-computed cases (issue: "uitstroom computed from the case"):
//! an incident eight months ago, a detention that ended 23 months ago, two years exactly on
//! both sides of the boundary (a leap day included), no risicotaxatie, a worse latest one,
//! factors that held and one that did not, taxaties from plans and reviews; and the
//! exclusiebesluit opened from a case, clean when the case supports it and naming the
//! incident when it does not.

use llk_core::case::exit::{ExitReadiness, StableFrom, exit_readiness};
use llk_core::case::{self, Case};
use llk_core::path::DataPath;
use llk_core::{Catalog, Date, Severity, Submission, validate};
use serde_json::{Map, Value, json};
use std::path::Path;

fn d(s: &str) -> Date {
    Date::parse_iso(s).expect("date")
}

fn catalog() -> Catalog {
    Catalog::load_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../forms"))
        .unwrap_or_else(|e| panic!("forms do not load: {e:?}"))
}

/// A case built straight from its file format: an inclusion on `included`, then `entries`
/// (documents as `(form, answers)`, events as answers with a `soort`), numbered in order.
fn case_with(included: &str, entries: &[Value]) -> Case {
    let doc = |seq: u32, form: &str, answers: Value| {
        json!({"seq": seq, "filed_on": included, "submission": {
            "form": form, "version": 1, "region": "landelijk", "answers": answers}})
    };
    let mut documents = vec![doc(
        1,
        "inclusie",
        json!({"overleg": {"datum": included}, "besluit": {"uitkomst": "inclusie"},
               "toewijzing": {"inclusiedatum": included}}),
    )];
    let mut events = Vec::new();
    for (i, e) in entries.iter().enumerate() {
        let seq = i as u32 + 2;
        if let Some(form) = e.get("form").and_then(Value::as_str) {
            documents.push(doc(seq, form, e["answers"].clone()));
        } else {
            events.push(json!({"seq": seq, "filed_on": included, "version": 1, "answers": e}));
        }
    }
    serde_json::from_value(json!({"format": 1, "id": "t", "region": "landelijk",
        "created_on": included, "documents": documents, "events": events}))
    .expect("case")
}

fn taxatie(on: &str, outcome: &str) -> Value {
    json!({"soort": "risicotaxatie", "datum": on, "taxatie": {
        "instrument": "hcr-20v3", "uitvoerder": "Marloes Verbeek", "uitkomst": outcome}})
}

fn review(on: &str, factors: &[&str]) -> Value {
    json!({"form": "herhaald-agenderen", "answers": {
        "overleg": {"datum": on}, "bespreking": {"factoren": factors}}})
}

fn exit(c: &Case, today: &str) -> ExitReadiness {
    exit_readiness(c, d(today), 12)
}

#[test]
fn an_incident_eight_months_ago_starts_the_two_years_again() {
    let c = case_with(
        "2022-01-10",
        &[
            json!({"soort": "incident", "datum": "2026-04-07", "gevaar": true}),
            // One that does not touch the gevaarscriterium changes nothing.
            json!({"soort": "incident", "datum": "2026-09-01", "gevaar": false}),
            taxatie("2026-11-01", "lager"),
        ],
    );
    let e = exit(&c, "2026-12-07");
    assert_eq!(e.stability.since, Some(d("2026-04-08")));
    assert_eq!(
        e.stability.from,
        Some(StableFrom::Incident {
            on: d("2026-04-07"),
            seq: 2,
            crisis: false
        })
    );
    assert_eq!(e.stability.met_on, Some(d("2028-04-08")));
    assert!(!e.stability.met);
    assert!(!e.ready);
    assert!(
        e.sentences()[0].contains(
            "het incident op 7 april 2026 dat het gevaarscriterium raakte (gebeurtenis 2)"
        ),
        "{:?}",
        e.sentences()
    );
}

#[test]
fn a_detention_that_ended_23_months_ago_leaves_a_month_to_go() {
    // 2025-01-07 is 23 months before 2026-12-07. Detention 2024-06-01 ..= 2025-01-06.
    let c = case_with(
        "2024-03-01",
        &[json!({"soort": "detentie", "datum": "2024-06-01", "tot": "2025-01-06"})],
    );
    let e = exit(&c, "2026-12-07");
    assert_eq!(e.stability.since, Some(d("2025-01-07")));
    assert_eq!(e.stability.met_on, Some(d("2027-01-07")));
    assert!(!e.stability.met);
    // The window is 2024-12-07 ..< 2026-12-07 (730 days); detained 2024-12-07 ..= 2025-01-06
    // (31 days) of it.
    assert_eq!(e.stability.days_in_window, 730);
    assert_eq!(e.stability.days_outside, 730 - 31);
    assert!(exit(&c, "2027-01-07").stability.met);
}

#[test]
fn while_a_stay_lasts_the_person_is_not_buiten() {
    let c = case_with(
        "2022-01-10",
        &[json!({"soort": "opname", "datum": "2026-11-20"})],
    );
    let e = exit(&c, "2026-12-07");
    assert_eq!(e.stability.since, None);
    assert_eq!(e.stability.inside, Some((2, false, d("2026-11-20"))));
    assert_eq!(e.stability.days_outside, 730 - 17);
    assert!(e.sentences()[0].contains("in klinische opname sinds 20 november 2026"));
}

#[test]
fn two_years_exactly_on_both_sides_of_the_boundary_with_a_leap_day() {
    // Stable from 2024-02-29 (the day after an incident on the 28th): two years is
    // 2026-02-28 (no 29 February in 2026), not a day earlier.
    let c = case_with(
        "2023-05-01",
        &[json!({"soort": "crisis", "datum": "2024-02-28", "gevaar": true})],
    );
    assert_eq!(
        exit(&c, "2026-02-27").stability.since,
        Some(d("2024-02-29"))
    );
    assert!(!exit(&c, "2026-02-27").stability.met, "a day short");
    assert!(exit(&c, "2026-02-28").stability.met, "two years to the day");
    assert_eq!(
        exit(&c, "2026-02-28").stability.met_on,
        Some(d("2026-02-28"))
    );
    // Without a leap day: stable from 2023-03-01, met on 2025-03-01 exactly.
    let c = case_with("2023-03-01", &[]);
    assert!(!exit(&c, "2025-02-28").stability.met);
    assert!(exit(&c, "2025-03-01").stability.met);
    assert_eq!(
        exit(&c, "2025-03-01").stability.from,
        Some(StableFrom::Inclusion {
            on: d("2023-03-01"),
            seq: 1
        })
    );
}

#[test]
fn without_a_risicotaxatie_the_case_is_not_ready() {
    let c = case_with(
        "2022-01-10",
        &[
            review("2026-06-01", &["wonen", "netwerk"]),
            review("2026-09-01", &["wonen", "netwerk"]),
        ],
    );
    let e = exit(&c, "2026-12-07");
    assert!(e.stability.met);
    assert_eq!(e.taxatie.latest, None);
    assert!(e.taxatie.too_old, "none counts as too old");
    assert!(!e.ready);
    assert_eq!(
        e.sentences()[2],
        "Criterium 3, risicotaxatie: nog geen risicotaxatie in het dossier."
    );
}

#[test]
fn a_worse_latest_risicotaxatie_is_flagged_beside_the_previous() {
    let mut entries = vec![
        review("2026-06-01", &["wonen"]),
        review("2026-09-01", &["wonen"]),
    ];
    entries.push(taxatie("2025-10-01", "lager"));
    entries.push(taxatie("2026-10-01", "hoger"));
    let c = case_with("2022-01-10", &entries);
    let e = exit(&c, "2026-12-07");
    let latest = e.taxatie.latest.as_ref().expect("latest");
    assert_eq!(
        (latest.on, latest.outcome.as_str()),
        (d("2026-10-01"), "hoger")
    );
    assert_eq!(
        e.taxatie.previous.as_ref().map(|t| t.on),
        Some(d("2025-10-01"))
    );
    assert!(!e.taxatie.lower);
    assert!(!e.ready);
    let third = &e.sentences()[2];
    assert!(third.contains("risico hoger"), "{third}");
    assert!(
        third.contains("De vorige: HCR-20V3 van 1 oktober 2025"),
        "{third}"
    );
    assert!(third.contains("hoger dan bij de vorige"), "{third}");
    // A year and a day after the latest it is too old for the region's twelve months.
    assert!(!e.taxatie.too_old);
    assert!(exit(&c, "2027-10-02").taxatie.too_old);
    assert!(!exit(&c, "2027-10-01").taxatie.too_old);
}

#[test]
fn all_three_shown_makes_the_case_ready_and_factors_must_hold() {
    let mut entries = vec![
        review("2026-03-01", &["wonen", "netwerk", "zorg"]),
        review("2026-06-01", &["wonen", "netwerk"]),
        review("2026-09-01", &["wonen", "netwerk", "dagbesteding"]),
    ];
    entries.push(taxatie("2026-11-01", "verdwenen"));
    let c = case_with("2022-01-10", &entries);
    let e = exit(&c, "2026-12-07");
    assert_eq!(e.factors.moments.len(), 3);
    assert_eq!(e.factors.held, vec!["wonen", "netwerk"]);
    assert_eq!(e.factors.lost, vec!["zorg"]);
    assert!(e.ready, "{:?}", e.sentences());
    assert_eq!(e.label(), Some("klaar voor uitstroomgesprek"));
    // No factor named at every moment: not ready.
    let c = case_with(
        "2022-01-10",
        &[
            review("2026-06-01", &["wonen"]),
            review("2026-09-01", &["netwerk"]),
            taxatie("2026-11-01", "lager"),
        ],
    );
    assert!(exit(&c, "2026-12-07").factors.held.is_empty());
    assert!(!exit(&c, "2026-12-07").ready);
}

#[test]
fn taxaties_in_plans_and_reviews_count_once() {
    let plan = |on: &str| {
        json!({"form": "levensloopplan", "answers": {"plan": {"datum": on}, "beeldvorming": {
            "risicotaxatie": {"gedaan": true, "instrument": "start", "datum": "2026-02-01",
                              "uitvoerder": "Marloes Verbeek", "uitkomst": "onveranderd"}}}})
    };
    let c = case_with(
        "2025-01-10",
        &[
            plan("2026-02-10"),
            // The next version carries the same taxatie on.
            plan("2026-05-10"),
            json!({"form": "herhaald-agenderen", "answers": {"overleg": {"datum": "2026-08-01"},
                "risicotaxatie": {"gedaan": true, "instrument": "hcr-20v3", "datum": "2026-07-20",
                                  "uitvoerder": "Marloes Verbeek", "uitkomst": "lager"}}}),
        ],
    );
    let all = case::exit::taxaties(&c);
    assert_eq!(
        all.iter()
            .map(|t| (t.on, t.source.seq()))
            .collect::<Vec<_>>(),
        vec![(d("2026-02-01"), 2), (d("2026-07-20"), 4)]
    );
    let items = case::timeline(&c, d("2026-12-07"));
    assert_eq!(
        items.iter().filter(|i| i.label == "Risicotaxatie").count(),
        2,
        "both on the timeline"
    );
    assert!(
        items
            .iter()
            .any(|i| i.kind == case::TimelineKind::Window && i.end == Some(d("2027-01-10"))),
        "the two-year window from the inclusion"
    );
}

/// The exclusiebesluit as a user completes it after opening it from `c`: the example,
/// the case's prefill over it, then `set`.
fn besluit(cat: &Catalog, c: &Case, today: &str, set: &[(&str, Value)]) -> Value {
    let def = cat.form("exclusiebesluit", &c.region).expect("form");
    let mut a = llk_core::example::example_answers(def, d(today));
    let pre = case::prefill(c, cat, "exclusiebesluit", d(today));
    common::merge(&mut a, &pre);
    for (path, v) in set {
        DataPath::parse(path).expect("path").set(&mut a, v.clone());
    }
    a
}

fn dated(on: &str) -> Vec<(&'static str, Value)> {
    vec![
        ("overleg.datum", json!(on)),
        ("besluit.uitkomst", json!("exclusie")),
        ("gedeeld.coordinator_datum", json!(on)),
        ("gedeeld.client_datum", json!(on)),
        ("ondertekening.procesregisseur.datum", json!(on)),
        ("ondertekening.voorzitter.datum", json!(on)),
        ("inclusiedatum", json!("2022-01-10")),
    ]
}

fn errors(cat: &Catalog, answers: &Value, today: &str) -> Vec<(String, String)> {
    let def = cat.form("exclusiebesluit", "landelijk").expect("form");
    validate::validate(def, answers, d(today))
        .into_iter()
        .filter(|x| x.severity == Severity::Error)
        .map(|x| (x.path, x.message))
        .collect()
}

#[test]
fn the_exclusiebesluit_from_a_case_is_checked_against_it() {
    let cat = catalog();
    let supported = case_with(
        "2022-01-10",
        &[
            review(
                "2026-03-01",
                &["wonen", "netwerk", "zorg", "dagbesteding", "financien"],
            ),
            review(
                "2026-06-01",
                &["wonen", "netwerk", "zorg", "dagbesteding", "financien"],
            ),
            review(
                "2026-09-01",
                &["wonen", "netwerk", "zorg", "dagbesteding", "financien"],
            ),
            taxatie("2026-11-01", "lager"),
        ],
    );
    let a = besluit(&cat, &supported, "2026-12-07", &dated("2026-12-07"));
    assert_eq!(a["dossier"]["stabiel_sinds"], json!("2022-01-10"));
    assert_eq!(a["criterium3"]["datum"], json!("2026-11-01"));
    assert_eq!(
        errors(&cat, &a, "2026-12-07"),
        vec![],
        "the case supports it"
    );

    // An incident eight months ago: declaring two years stable names it.
    let mut entries = vec![json!({"soort": "incident", "datum": "2026-04-07", "gevaar": true})];
    entries.extend([
        review("2026-06-01", &["wonen"]),
        review("2026-09-01", &["wonen"]),
        taxatie("2026-11-01", "lager"),
    ]);
    let unstable = case_with("2022-01-10", &entries);
    let mut set = dated("2026-12-07");
    set.push(("criterium1.stabiel_sinds", json!("2023-09-01")));
    let a = besluit(&cat, &unstable, "2026-12-07", &set);
    let errs = errors(&cat, &a, "2026-12-07");
    let named = "het incident op 7 april 2026 dat het gevaarscriterium raakte (gebeurtenis 2)";
    let at = |path: &str| {
        errs.iter()
            .find(|(p, _)| p == path)
            .map(|(_, m)| m.clone())
            .unwrap_or_else(|| panic!("no error at {path}: {errs:?}"))
    };
    assert!(at("criterium1.stabiel_sinds").contains(named), "{errs:?}");
    assert!(at("criterium1.stabiel_sinds").contains("8 april 2026"));
    assert!(at("besluit.uitkomst").contains(named), "{errs:?}");

    // Filed into the case, the same answers are refused with that message; the facts
    // changed by hand are refused as such.
    let sub = |answers: Value| Submission {
        form: "exclusiebesluit".into(),
        version: cat
            .form("exclusiebesluit", "landelijk")
            .expect("form")
            .version,
        region: "landelijk".into(),
        answers,
        unmapped: Map::new(),
    };
    let mut c = unstable.clone();
    let e = c
        .add_submission(&cat, sub(a.clone()), None, d("2026-12-07"))
        .expect_err("not supported by the case");
    assert!(
        e.diagnostics.iter().any(|x| x.message.contains(named)),
        "{e}"
    );
    let mut forged = a.clone();
    forged["dossier"]["stabiel_sinds"] = json!("2023-09-01");
    let e = c
        .add_submission(&cat, sub(forged), None, d("2026-12-07"))
        .expect_err("facts changed");
    assert!(
        e.message.contains("kloppen niet meer met het dossier"),
        "{e}"
    );
    assert_eq!(c, unstable, "nothing filed");

    // Made outside the case (no `dossier` answers): the case fills its facts in, and the
    // rules still find the incident.
    let mut outside = a.clone();
    outside.as_object_mut().expect("object").remove("dossier");
    let e = c
        .add_submission(&cat, sub(outside), None, d("2026-12-07"))
        .expect_err("checked against the case all the same");
    assert!(
        e.diagnostics.iter().any(|x| x.message.contains(named)),
        "{e}"
    );
    // A form opened yesterday and filed today is not refused for the day count.
    let yesterday = besluit(&cat, &supported, "2026-12-06", &dated("2026-12-06"));
    let mut s = supported.clone();
    s.add_submission(&cat, sub(yesterday), None, d("2026-12-07"))
        .unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn a_message_that_names_an_unknown_answer_is_refused_at_its_line() {
    let errs = common::errors(
        r#"
[form]
id = "t"
version = 1
title = "T"

[[pages]]
id = "p"
title = "P"

[[pages.fields]]
id = "a"
type = "date"
label = "A"

[[rules]]
id = "r"
path = "a"
assert = "a > today()"
message = "Na {=b} moet het zijn."
"#,
    );
    assert!(errs.iter().any(|e| e.contains("'{=b}'")), "{errs:?}");
}

mod common;
