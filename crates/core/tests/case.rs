//! The case on the shipped definitions: one person from the aanmelding to the uitstroom or
//! the overdracht, each form filled from its example with what the case prefills; the
//! phase, the deadlines and the plan history computed from it; the refusals; the file
//! format; and, as properties, that the order of filing never changes what the case says.

use llk_core::case::{self, Case, CaseDeadlineKind, Phase, deadlines::WARN_DAYS};
use llk_core::path::DataPath;
use llk_core::plan::DeadlineStatus;
use llk_core::{Catalog, Date, Severity, Submission};
use proptest::prelude::*;
use serde_json::{Map, Value, json};
use std::path::Path;

fn d(s: &str) -> Date {
    Date::parse_iso(s).expect("date")
}

fn catalog() -> Catalog {
    Catalog::load_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../forms"))
        .unwrap_or_else(|e| panic!("forms do not load: {e:?}"))
}

/// The form's example, with what the case prefills over it and then `set` over that.
fn answers(c: &Catalog, case: &Case, form: &str, today: Date, set: &[(&str, Value)]) -> Value {
    let def = c.form(form, &case.region).expect("form");
    let mut a = llk_core::example::example_answers(def, today);
    common::merge(&mut a, &case::prefill(case, c, form, today));
    for (path, v) in set {
        DataPath::parse(path).expect("path").set(&mut a, v.clone());
    }
    a
}

fn file(c: &Catalog, case: &mut Case, form: &str, today: Date, set: &[(&str, Value)]) -> u32 {
    let sub = Submission {
        form: form.into(),
        version: c.form(form, &case.region).expect("form").version,
        region: case.region.clone(),
        answers: answers(c, case, form, today, set),
        unmapped: Map::new(),
    };
    match case.add_submission(c, sub, None, today) {
        Ok((seq, _)) => seq,
        Err(e) => panic!("{form} in {}: {e}", case.region),
    }
}

fn event(c: &Catalog, case: &mut Case, today: Date, a: Value) -> u32 {
    match case.add_event(c, a, today) {
        Ok((seq, _)) => seq,
        Err(e) => panic!("event: {e}"),
    }
}

fn deadline(case: &Case, kind: CaseDeadlineKind, today: Date) -> Option<case::CaseDeadline> {
    case::case_deadlines(case, today, WARN_DAYS)
        .into_iter()
        .find(|x| x.kind == kind)
}

/// The first half of the flow, up to an adopted plan: aanmelding, triage, inclusie,
/// toestemming, levensloopplan.
fn up_to_plan(c: &Catalog, region: &str) -> Case {
    let mut case = Case::new("c-1", region, d("2026-11-16"));
    assert_eq!(case::phase(&case, d("2026-11-16")), Phase::Nieuw);
    file(
        c,
        &mut case,
        "aanmelding",
        d("2026-11-16"),
        &[("meldingsdatum", json!("2026-11-16"))],
    );
    assert_eq!(case::phase(&case, d("2026-11-16")), Phase::Aangemeld);
    let first = deadline(&case, CaseDeadlineKind::FirstPlan, d("2026-11-16")).expect("first plan");
    assert_eq!(first.due, d("2026-12-16"), "one month after the melding");

    file(
        c,
        &mut case,
        "triage",
        d("2026-11-19"),
        &[
            ("weegteam.datum", json!("2026-11-19")),
            ("uitkomst", json!("inclusietafel")),
        ],
    );
    assert_eq!(case::phase(&case, d("2026-11-19")), Phase::Inclusietafel);

    let incl = answers(c, &case, "inclusie", d("2026-11-24"), &[]);
    assert_eq!(
        incl["melding"]["datum"],
        json!("2026-11-16"),
        "the meldingsdatum is prefilled"
    );
    file(
        c,
        &mut case,
        "inclusie",
        d("2026-11-24"),
        &[
            ("overleg.datum", json!("2026-11-24")),
            ("besluit.uitkomst", json!("inclusie")),
            ("toewijzing.inclusiedatum", json!("2026-11-24")),
            ("vervolg.informeren_uiterlijk", json!("2026-12-08")),
            ("vervolg.casusoverleg", json!("2026-12-01")),
        ],
    );
    assert!(
        matches!(case::phase(&case, d("2026-11-24")), Phase::PlanInVoorbereiding { inclusiedatum: Some(x) } if x == d("2026-11-24"))
    );
    let ask = deadline(&case, CaseDeadlineKind::ConsentAsk, d("2026-11-24")).expect("consent");
    assert_eq!(ask.due, d("2026-12-08"));

    let t = answers(c, &case, "toestemming", d("2026-11-26"), &[]);
    assert_eq!(
        t["client"]["inclusiedatum"],
        json!("2026-11-24"),
        "the inclusiedatum is prefilled"
    );
    file(
        c,
        &mut case,
        "toestemming",
        d("2026-11-26"),
        &[
            ("ondertekening.datum", json!("2026-11-26")),
            ("geldigheid.van", json!("2026-11-26")),
            ("geldigheid.tot", json!("2027-11-25")),
        ],
    );
    let ask = deadline(&case, CaseDeadlineKind::ConsentAsk, d("2026-11-26")).expect("consent");
    assert_eq!(ask.status, DeadlineStatus::Met);
    let expires =
        deadline(&case, CaseDeadlineKind::ConsentExpires, d("2026-11-26")).expect("expires");
    assert_eq!(expires.due, d("2027-11-25"));

    let plan = answers(c, &case, "levensloopplan", d("2026-12-01"), &[]);
    assert_eq!(plan["inclusiedatum"], json!("2026-11-24"));
    assert_eq!(plan["meldingsdatum"], json!("2026-11-16"));
    file(
        c,
        &mut case,
        "levensloopplan",
        d("2026-12-01"),
        &[
            ("plan.datum", json!("2026-12-01")),
            ("volgende_bespreking", json!("2027-02-15")),
            ("gedeeld_op", json!("2026-12-01")),
        ],
    );
    assert_eq!(case::phase(&case, d("2026-12-01")), Phase::PlanActief);
    let first = deadline(&case, CaseDeadlineKind::FirstPlan, d("2026-12-01")).expect("first plan");
    assert_eq!(first.status, DeadlineStatus::Met);
    let review = deadline(&case, CaseDeadlineKind::Review, d("2026-12-01")).expect("review");
    assert_eq!(
        review.due,
        d("2027-02-15"),
        "the date the team set, within three months"
    );
    case
}

#[test]
fn a_person_through_every_phase_in_every_region() {
    let c = catalog();
    for region in ["landelijk", "gelderland", "haaglanden"] {
        let mut case = up_to_plan(&c, region);
        // Overdue review: three months and a day after the date the team set passes.
        let late = deadline(&case, CaseDeadlineKind::Review, d("2027-02-20")).expect("review");
        assert_eq!(late.status, DeadlineStatus::Overdue { days: 5 });
        assert!(case::summary(&case, d("2027-02-20")).needs_attention());

        let review = answers(&c, &case, "herhaald-agenderen", d("2027-02-10"), &[]);
        assert_eq!(
            review["plan"]["versie"],
            json!(1),
            "the version reviewed is prefilled"
        );
        assert_eq!(review["plan"]["vorige_datum"], json!("2026-12-01"));
        file(
            &c,
            &mut case,
            "herhaald-agenderen",
            d("2027-02-10"),
            &[
                ("overleg.datum", json!("2027-02-10")),
                ("volgende.datum", json!("2027-05-01")),
                ("crisis.casusoverleg_datum", json!("2027-02-12")),
                ("aanpassing.gedeeld_datum", json!("2027-02-10")),
            ],
        );
        let h = case::history::plan_history(&case);
        assert_eq!(h.versions.len(), 2);
        let kept = h.versions[1]
            .review
            .as_ref()
            .expect("the review is kept whole");
        assert_eq!(
            kept["veiligheid"],
            review_at(&case, "veiligheid"),
            "safety answers survive"
        );
        assert_eq!(kept["samenwerking"], review_at(&case, "samenwerking"));
        let next = deadline(&case, CaseDeadlineKind::Review, d("2027-02-10")).expect("review");
        assert_eq!(next.due, d("2027-05-01"));

        let mut ex = case.clone();
        event(
            &c,
            &mut ex,
            d("2027-03-01"),
            json!({"soort": "risicotaxatie", "datum": "2027-03-01",
            "omschrijving": "HCR-20V3 na een jaar zonder incidenten.",
            "taxatie": {"instrument": "hcr-20v3", "uitvoerder": "Marloes Verbeek",
                        "organisatie": "Forensisch FACT-team", "uitkomst": "lager"}}),
        );
        let pre = case::prefill(&ex, &c, "exclusiebesluit", d("2027-03-02"));
        assert_eq!(pre["criterium3"]["instrument"], json!("hcr-20v3"));
        assert_eq!(pre["criterium3"]["datum"], json!("2027-03-01"));
        let evidence = case::exit_readiness(&ex, d("2027-03-02"), 12);
        assert!(evidence.taxatie.lower);
        assert!(!evidence.stability.met, "included a few months ago");
        // A few months after the inclusion the case shows the first criterion unmet:
        // the exclusion is refused, "geen exclusie" is filed.
        let excl = |on: &str, outcome: &str| -> Vec<(&'static str, Value)> {
            vec![
                ("overleg.datum", json!(on)),
                ("besluit.uitkomst", json!(outcome)),
                ("gedeeld.coordinator_datum", json!(on)),
                ("gedeeld.client_datum", json!(on)),
                ("ondertekening.procesregisseur.datum", json!(on)),
                ("ondertekening.voorzitter.datum", json!(on)),
            ]
        };
        assert_eq!(pre["criterium1"]["stabiel_sinds"], json!("2026-11-24"));
        let mut early = ex.clone();
        let sub = Submission {
            form: "exclusiebesluit".into(),
            version: 1,
            region: region.into(),
            answers: answers(
                &c,
                &ex,
                "exclusiebesluit",
                d("2027-03-10"),
                &excl("2027-03-10", "exclusie"),
            ),
            unmapped: Map::new(),
        };
        let e = early
            .add_submission(&c, sub, None, d("2027-03-10"))
            .expect_err("not two years");
        assert!(
            e.diagnostics
                .iter()
                .any(|x| x.message.contains("twee jaar")),
            "{e}"
        );
        assert_eq!(early, ex);
        // A crisis that touches the gevaarscriterium starts the stable period again.
        event(
            &c,
            &mut ex,
            d("2027-06-01"),
            json!({"soort": "crisis", "datum": "2027-06-01",
            "omschrijving": "Dreigde de buurman met een mes.", "gevaar": true}),
        );
        let ev = case::exit_readiness(&ex, d("2029-07-01"), 12);
        assert_eq!(ev.stability.since, Some(d("2027-06-02")));
        assert!(ev.stability.met);
        event(
            &c,
            &mut ex,
            d("2029-07-01"),
            json!({"soort": "risicotaxatie", "datum": "2029-07-01",
            "omschrijving": "HCR-20V3.",
            "taxatie": {"instrument": "hcr-20v3", "uitvoerder": "Marloes Verbeek",
                        "organisatie": "Forensisch FACT-team", "uitkomst": "verdwenen"}}),
        );
        file(
            &c,
            &mut ex,
            "exclusiebesluit",
            d("2029-07-10"),
            &excl("2029-07-10", "exclusie"),
        );
        assert_eq!(
            case::phase(&ex, d("2029-07-10")),
            Phase::Uitgestroomd {
                on: d("2029-07-10")
            }
        );
        assert!(case::case_deadlines(&ex, d("2029-07-10"), WARN_DAYS).is_empty());
        assert_eq!(ex.closed_on(d("2029-08-01")), Some(d("2029-07-10")));

        event(
            &c,
            &mut case,
            d("2027-03-01"),
            json!({"soort": "verhuizing", "datum": "2027-03-01",
            "omschrijving": "Verhuist naar zijn zus.",
            "verhuizing": {"naar_zvh": "zvh-haaglanden", "gemeente": "Den Haag"}}),
        );
        let o = answers(&c, &case, "overdracht", d("2027-03-05"), &[]);
        assert_eq!(o["overdracht"]["ontvangend_zvh"], json!("zvh-haaglanden"));
        assert_eq!(o["overdracht"]["verhuisdatum"], json!("2027-03-01"));
        assert_eq!(o["plan"]["versie"], json!(2));
        let current = case::history::current_plan(&case).expect("plan");
        assert_eq!(
            o["plan"]["vingerafdruk"],
            json!(case::history::plan_fingerprint(&current))
        );
        match c.region(region).and_then(|r| r.zvh.clone()) {
            Some(zvh) => assert_eq!(o["overdracht"]["verzendend_zvh"], json!(zvh)),
            None => {
                let pre = case::prefill(&case, &c, "overdracht", d("2027-03-05"));
                assert!(
                    pre["overdracht"].get("verzendend_zvh").is_none(),
                    "no ZVH to propose"
                );
            }
        }
        file(
            &c,
            &mut case,
            "overdracht",
            d("2027-03-05"),
            &[
                ("overdracht.verzendend_zvh", json!("zvh-gelderland-midden")),
                ("warm.gesprek_datum", json!("2027-03-05")),
                ("warm.gezamenlijk_van", json!("2027-03-05")),
                ("warm.gezamenlijk_tot", json!("2027-05-31")),
                ("warm.overgang_datum", json!("2027-04-01")),
                ("ondertekening.verzendend.datum", json!("2027-03-05")),
                ("ondertekening.ontvangend.datum", json!("2027-03-05")),
            ],
        );
        let joint =
            deadline(&case, CaseDeadlineKind::JointPeriodEnd, d("2027-03-05")).expect("joint");
        assert_eq!(joint.due, d("2027-05-31"));
        assert_eq!(
            case::phase(&case, d("2027-06-01")),
            Phase::Overgedragen {
                on: d("2027-05-31")
            }
        );
        // What the user changed of the proposal is kept beside the answer.
        let doc = case.documents.last().expect("overdracht");
        if c.region(region)
            .and_then(|r| r.zvh.clone())
            .is_some_and(|z| z != "zvh-gelderland-midden")
        {
            assert!(
                doc.prefill.contains_key("overdracht.verzendend_zvh"),
                "{:?}",
                doc.prefill
            );
        }
        let back = Case::from_json(case.to_json(), &c).expect("round trip").0;
        assert_eq!(back, case);
    }
}

fn review_at(case: &Case, key: &str) -> Value {
    case.latest("herhaald-agenderen")
        .expect("review")
        .submission
        .answers[key]
        .clone()
}

#[test]
fn prefill_never_makes_a_form_invalid() {
    let c = catalog();
    for region in ["landelijk", "gelderland", "haaglanden"] {
        let case = up_to_plan(&c, region);
        let today = d("2026-12-02");
        let forms: Vec<String> = c.forms().map(|f| f.form.id.clone()).collect();
        for form in forms {
            let Some(def) = c.form(&form, region) else {
                continue;
            };
            let pre = case::prefill(&case, &c, &form, today);
            let mut bad = Vec::new();
            for diag in llk_core::validate::validate(def, &pre, today) {
                if diag.severity != Severity::Error || diag.code == "required" {
                    continue;
                }
                if DataPath::parse(&diag.path)
                    .and_then(|p| p.get(&pre).cloned())
                    .is_some()
                {
                    bad.push(format!("{}: {}", diag.path, diag.message));
                }
            }
            assert!(bad.is_empty(), "{form} in {region}: {bad:?}");
        }
    }
}

#[test]
fn refusals_leave_the_case_unchanged() {
    let c = catalog();
    let case = up_to_plan(&c, "gelderland");
    let today = d("2026-12-02");
    let try_sub = |form: &str, set: &[(&str, Value)]| {
        let mut k = case.clone();
        let sub = Submission {
            form: form.into(),
            version: 1,
            region: k.region.clone(),
            answers: answers(&c, &k, form, today, set),
            unmapped: Map::new(),
        };
        let e = k.add_submission(&c, sub, None, today).expect_err("refused");
        assert_eq!(k, case, "nothing changed");
        e
    };
    let other = try_sub("triage", &[("persoon.geboortedatum", json!("1970-01-01"))]);
    assert!(other.message.contains("iemand anders"), "{}", other.message);
    let invalid = try_sub("triage", &[("weegteam.datum", json!("2030-01-01"))]);
    assert!(
        invalid
            .diagnostics
            .iter()
            .any(|x| x.path == "weegteam.datum"),
        "{invalid}"
    );

    let mut k = case.clone();
    let mut sub = Submission {
        form: "onbekend".into(),
        version: 1,
        region: "gelderland".into(),
        answers: json!({}),
        unmapped: Map::new(),
    };
    assert!(k.add_submission(&c, sub.clone(), None, today).is_err());
    sub.form = "triage".into();
    sub.region = "haaglanden".into();
    let e = k
        .add_submission(&c, sub, None, today)
        .expect_err("other region");
    assert!(e.message.contains("regio"), "{}", e.message);
    let future =
        json!({"soort": "incident", "datum": "2027-01-01", "omschrijving": "x", "gevaar": false});
    let e = k.add_event(&c, future, today).expect_err("future");
    assert!(e.diagnostics.iter().any(|x| x.path == "datum"), "{e}");
    let backwards =
        json!({"soort": "opname", "datum": "2026-11-20", "tot": "2026-11-10", "omschrijving": "x"});
    let e = k
        .add_event(&c, backwards, today)
        .expect_err("ends before it starts");
    assert!(e.diagnostics.iter().any(|x| x.path == "tot"), "{e}");
    let unknown = json!({"soort": "incident", "datum": "2026-11-20", "omschrijving": "x", "gevaar": false, "naam": "Jan"});
    let e = k
        .add_event(&c, unknown, today)
        .expect_err("an answer without a field");
    assert!(e.message.contains("naam"), "{e}");
    assert_eq!(k, case);
    // An answer of a field the kind hides is not kept.
    let with_tot = json!({"soort": "incident", "datum": "2026-11-20", "tot": "2026-11-21", "omschrijving": "x", "gevaar": false});
    k.add_event(&c, with_tot, today).expect("an incident");
    assert!(
        k.events[0].answers.get("tot").is_none(),
        "{:?}",
        k.events[0].answers
    );
}

#[test]
fn the_case_file_format() {
    let c = catalog();
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/cases/case/format-1.json");
    if std::env::var_os("LLK_BLESS").is_some() {
        // Regenerates the golden file; review its diff before committing it.
        let case = up_to_plan(&c, "landelijk");
        let text = serde_json::to_string_pretty(&case.to_json()).expect("json");
        std::fs::create_dir_all(file.parent().expect("dir")).expect("dir");
        std::fs::write(&file, text + "\n").expect("write");
    }
    let text = std::fs::read_to_string(&file).expect("golden case file");
    let (case, notes) =
        Case::from_json(serde_json::from_str(&text).expect("json"), &c).expect("loads");
    assert!(notes.is_empty(), "{notes:?}");
    assert_eq!(case::phase(&case, d("2026-12-02")), Phase::PlanActief);
    assert_eq!(
        case.person().name.as_deref(),
        Some("Daniël Johannes van den Heuvel")
    );

    let newer = json!({"format": 2, "id": "x", "region": "landelijk", "created_on": "2026-01-01"});
    let e = read_both(newer, &c).expect_err("newer");
    assert!(e.message.contains("nieuwere versie"));
    for bad in [
        json!({}),
        json!({"format": 1}),
        json!([1, 2]),
        json!({"format": 1, "id": 5}),
    ] {
        let e = read_both(bad, &c).expect_err("corrupt");
        assert!(!e.message.is_empty());
    }
    // A hand-edited file: a document of another region, or a seq used twice.
    let mut mixed = serde_json::to_value(&case).expect("json");
    mixed["documents"][1]["submission"]["region"] = json!("haaglanden");
    let e = read_both(mixed, &c).expect_err("another region");
    assert!(e.message.contains("haaglanden"), "{}", e.message);
    let mut twice = serde_json::to_value(&case).expect("json");
    twice["documents"][1]["seq"] = twice["documents"][0]["seq"].clone();
    let e = read_both(twice, &c).expect_err("seq twice");
    assert!(e.message.contains("volgnummer"), "{}", e.message);
    let region = json!({"format": 1, "id": "x", "region": "mars", "created_on": "2026-01-01"});
    assert!(
        read_both(region, &c)
            .expect_err("region")
            .message
            .contains("mars")
    );
    let mut many = serde_json::to_value(&case).expect("json");
    let ev = json!({"seq": 1, "filed_on": "2026-01-01", "version": 1, "answers": {}});
    many["events"] = Value::Array(vec![ev; case::MAX_ENTRIES + 1]);
    assert!(
        read_both(many, &c)
            .expect_err("too many")
            .message
            .contains("meer dan")
    );
}

/// A case file read from its JSON value and from its text, which must agree.
fn read_both(v: Value, c: &Catalog) -> Result<(Case, Vec<String>), case::CaseError> {
    let text = v.to_string();
    let from_value = Case::from_json(v, c);
    let from_text = Case::from_json_text(&text, c);
    match (&from_value, &from_text) {
        (Ok(a), Ok(b)) => assert_eq!(a, b),
        (Err(a), Err(b)) if a.message.contains("kan niet worden gelezen (") => {
            // serde words the damage by where it met it: the text adds line and column.
            let said = "Dit dossier is beschadigd en kan niet worden gelezen (";
            assert!(b.message.starts_with(said), "{}", b.message);
        }
        (Err(a), Err(b)) => assert_eq!(a, b),
        _ => panic!("value and text disagree: {from_value:?} / {from_text:?}"),
    }
    from_text
}

/// The decisions the property tests draw from: (form, answers that decide).
fn decision(i: u8, on: &str) -> (String, Value) {
    match i % 6 {
        0 => ("aanmelding".into(), json!({"meldingsdatum": on})),
        1 => (
            "triage".into(),
            json!({"weegteam": {"datum": on}, "uitkomst": "inclusietafel"}),
        ),
        2 => (
            "inclusie".into(),
            json!({"overleg": {"datum": on}, "besluit": {"uitkomst": "aangehouden"}, "aanhouden": {"terugkomdatum": "2027-06-01"}}),
        ),
        3 => (
            "inclusie".into(),
            json!({"overleg": {"datum": on}, "besluit": {"uitkomst": "inclusie"}, "toewijzing": {"inclusiedatum": on}}),
        ),
        4 => (
            "levensloopplan".into(),
            json!({"plan": {"datum": on, "versie": 1}}),
        ),
        _ => (
            "herhaald-agenderen".into(),
            json!({"overleg": {"datum": on}, "volgende": {"datum": "2027-09-01"}}),
        ),
    }
}

fn raw_case(entries: &[(u8, u16)]) -> Case {
    let mut case = Case::new("p", "landelijk", d("2026-01-01"));
    for (seq, (kind, day)) in entries.iter().enumerate() {
        let on = d("2026-01-01")
            .add_days(i64::from(*day))
            .expect("date")
            .to_string();
        let (form, answers) = decision(*kind, &on);
        case.documents.push(case::Document {
            seq: seq as u32 + 1,
            filed_on: on,
            submission: Submission {
                form,
                version: 1,
                region: "landelijk".into(),
                answers,
                unmapped: Map::new(),
            },
            prefill: Map::new(),
            signature: None,
        });
    }
    case
}

proptest! {
    /// The phase is the decision of the last meeting, whatever the order of filing, and the
    /// deadlines do not depend on that order either.
    #[test]
    fn filing_order_does_not_matter(entries in prop::collection::vec((0u8..6, 0u16..300), 1..12), rot in 0usize..12) {
        let today = d("2026-12-02");
        let case = raw_case(&entries);
        let mut shuffled = case.clone();
        let n = shuffled.documents.len();
        shuffled.documents.rotate_left(rot % n);
        prop_assert_eq!(case::phase(&case, today), case::phase(&shuffled, today));
        prop_assert_eq!(case::case_deadlines(&case, today, WARN_DAYS), case::case_deadlines(&shuffled, today, WARN_DAYS));
        // The model: the latest meeting decides (the later filing among the same day).
        let (last_i, _) = entries.iter().enumerate().max_by_key(|(i, (_, day))| (*day, *i)).expect("one");
        let expected = match entries[last_i].0 % 6 {
            0 => "aangemeld",
            1 => "inclusietafel",
            2 => "aangehouden",
            3 => "plan-in-voorbereiding",
            _ => "plan-actief",
        };
        prop_assert_eq!(case::phase(&case, today).id(), expected);
    }

    /// Every deadline the case gives on any day has a status consistent with its date.
    #[test]
    fn deadline_status_matches_the_date(entries in prop::collection::vec((0u8..6, 0u16..300), 1..12), offset in 0i64..700) {
        let today = d("2026-01-01").add_days(offset).expect("date");
        for x in case::case_deadlines(&raw_case(&entries), today, WARN_DAYS) {
            let left = x.due.to_days() - today.to_days();
            match x.status {
                DeadlineStatus::Overdue { days } => prop_assert_eq!(days, -left),
                DeadlineStatus::Soon { days } => prop_assert!(days == left && (0..=WARN_DAYS).contains(&left)),
                DeadlineStatus::Later => prop_assert!(left > WARN_DAYS),
                DeadlineStatus::Met | DeadlineStatus::Late { .. } => {}
            }
        }
    }
}

mod common;
