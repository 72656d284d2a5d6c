//! The plan model on the shipped `levensloopplan` definition: the ladder keeps the
//! definition's rules satisfied, the seed-003 rule, versions, the diff and the deadlines.

use llk_core::plan::{self, ChangeKind, DeadlineKind, DeadlineStatus, PlanHistory, ladder};
use llk_core::{Catalog, Date, Severity};
use serde_json::{Value, json};
use std::path::Path;

fn d(s: &str) -> Date {
    Date::parse_iso(s).expect("date")
}

fn today() -> Date {
    d("2026-11-24")
}

fn catalog() -> Catalog {
    Catalog::load_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../forms"))
        .unwrap_or_else(|e| panic!("forms do not load: {e:?}"))
}

fn valid_plan(c: &Catalog) -> Value {
    let def = c.form("levensloopplan", "gelderland").expect("plan");
    let v = llk_core::example::example_answers(def, today());
    let errors: Vec<_> = llk_core::validate::validate(def, &v, today())
        .into_iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    assert!(errors.is_empty(), "the example plan is valid: {errors:?}");
    v
}

fn errors_at(c: &Catalog, v: &Value, path: &str) -> Vec<String> {
    let def = c.form("levensloopplan", "gelderland").expect("plan");
    llk_core::validate::validate(def, v, today())
        .into_iter()
        .filter(|d| d.severity == Severity::Error && d.path == path)
        .map(|d| d.code)
        .collect()
}

fn fill_level(v: &mut Value, i: usize, clinical: bool) {
    let l = &mut v["scenarios"][i];
    for k in [
        "signalen",
        "signaleert",
        "beslist",
        "interventies",
        "toezicht",
        "overleg",
        "opschalen",
        "afschalen",
    ] {
        l[k] = json!(format!("{k} {i}"));
    }
    l["zorgintensiteit"] = json!(if clinical { "klinisch" } else { "ambulant" });
    if clinical {
        l["terugkeergarantie"] = json!(true);
    }
}

#[test]
fn default_ladder_goes_from_stable_to_clinical() {
    let l = ladder::default_ladder();
    let names: Vec<_> = l
        .iter()
        .map(|v| v["niveau"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(
        names,
        ["Stabiel", "Spanning loopt op", "Crisis", "Klinische opname"]
    );
    assert!(
        l.iter()
            .enumerate()
            .all(|(i, v)| v["volgorde"] == json!(i + 1))
    );
    assert!(ladder::is_clinical(&l[3]) && !ladder::is_clinical(&l[0]));
}

#[test]
fn ladder_edits_keep_the_order_numbers_a_ladder() {
    let c = catalog();
    let mut v = valid_plan(&c);
    // Add a level in the middle, move the top one down, rename, remove: after each edit the
    // numbers are 1..n and the definition's ladder rules are quiet.
    assert_eq!(ladder::add_level(&mut v, 1, "Eerste zorgen", 8), Some(1));
    fill_level(&mut v, 1, false);
    assert_eq!(ladder::move_level(&mut v, 3, 0), Some(0));
    assert!(ladder::rename_level(&mut v, 0, "Rood: crisis"));
    for (i, l) in ladder::levels(&v).iter().enumerate() {
        assert_eq!(l["volgorde"], json!(i + 1));
    }
    assert_eq!(ladder::levels(&v)[0]["niveau"], "Rood: crisis");
    assert_eq!(ladder::levels(&v)[2]["niveau"], "Eerste zorgen");
    for p in [
        "scenarios",
        "scenarios[0].volgorde",
        "scenarios[3].volgorde",
    ] {
        assert!(
            !errors_at(&c, &v, p)
                .iter()
                .any(|c| c.starts_with("scenario-volgorde")),
            "{p}"
        );
    }
    assert!(ladder::remove_level(&mut v, 0, 2));
    assert_eq!(ladder::levels(&v).len(), 3);
    assert_eq!(ladder::levels(&v)[0]["volgorde"], json!(1));
    // Bounds: at most `max`, at least `min`.
    assert!(ladder::remove_level(&mut v, 0, 2) && !ladder::remove_level(&mut v, 0, 2));
    assert_eq!(ladder::add_level(&mut v, 9, "x", 2), None);
    assert!(!ladder::rename_level(&mut v, 7, "x"));
}

#[test]
fn normalise_sorts_by_order_number() {
    let mut v = json!({"scenarios": [{"niveau": "b", "volgorde": 3}, {"niveau": "a", "volgorde": 1}, {"niveau": "c"}]});
    ladder::normalise(&mut v);
    let names: Vec<_> = ladder::levels(&v)
        .iter()
        .map(|l| l["niveau"].clone())
        .collect();
    assert_eq!(names, [json!("a"), json!("b"), json!("c")]);
    assert_eq!(ladder::levels(&v)[2]["volgorde"], json!(3));
}

#[test]
fn a_clinical_level_without_route_back_does_not_validate() {
    let c = catalog();
    let mut v = valid_plan(&c);
    let n = ladder::levels(&v).len();
    ladder::add_level(&mut v, n, "Klinische opname", 8);
    fill_level(&mut v, n, true);
    v["scenarios"][n]["opschalen"] = Value::Null;
    let path = format!("scenarios[{n}].route_terug");
    assert_eq!(errors_at(&c, &v, &path), ["route-terug"]);
    v["scenarios"][n]["route_terug"] =
        json!("Terug naar het FACT-team zodra de kliniek zegt dat hij stabiel is.");
    assert!(errors_at(&c, &v, &path).is_empty());
}

#[test]
fn versions_are_numbered_and_snapshots_say_their_number() {
    let c = catalog();
    let v = valid_plan(&c);
    let mut h = PlanHistory::default();
    assert_eq!(
        h.record(&v, d("2026-11-17"), "Vastgesteld in het casusoverleg"),
        1
    );
    assert_eq!(h.record(&v, d("2027-02-03"), "Herhaald agenderen"), 2);
    assert_eq!(
        h.get(2).map(|x| x.answers["plan"]["versie"].clone()),
        Some(json!(2))
    );
    let mut jump = v.clone();
    jump["plan"]["versie"] = json!(7);
    assert_eq!(h.record(&jump, d("2027-05-01"), "Import"), 7);
    assert_eq!(h.next_number(), 8);
    let round: PlanHistory =
        serde_json::from_value(serde_json::to_value(&h).expect("json")).expect("back");
    assert_eq!(round, h);
}

#[test]
fn a_review_produces_the_next_version() {
    let c = catalog();
    let v = valid_plan(&c);
    let review = json!({
        "plan": {"versie": 1, "vorige_datum": "2026-11-17"},
        "overleg": {"datum": "2027-02-03"},
        "acties": [{"wat": "Intake beschermd wonen plannen.", "wie": "Joost van Dijk", "uiterlijk": "2027-03-01", "status": "open"}],
        "aanpassing": {"aangepast": true, "wijzigingen": "Nieuw actiepunt", "gedeeld": true, "gedeeld_datum": "2027-02-04"},
        "volgende": {"datum": "2027-04-28"}
    });
    let (next, date, reason) =
        plan::history::version_from_review(&v, &review).expect("a new version");
    assert_eq!(date, d("2027-02-03"));
    assert_eq!(
        reason,
        "Herhaald agenderen 3 februari 2027: Nieuw actiepunt"
    );
    assert_eq!(next["plan"], json!({"versie": 2, "datum": "2027-02-03"}));
    assert_eq!(next["volgende_bespreking"], "2027-04-28");
    assert_eq!(next["gedeeld_op"], "2027-02-04");
    assert_eq!(next["acties"].as_array().map(Vec::len), Some(1));
    assert_eq!(
        next["scenarios"], v["scenarios"],
        "scenarios are adjusted in the editor"
    );
    assert!(
        plan::history::version_from_review(&v, &json!({})).is_none(),
        "no meeting date, no version"
    );
}

#[test]
fn diff_reports_added_removed_and_changed_with_labels() {
    let c = catalog();
    let def = c.form("levensloopplan", "gelderland").expect("plan");
    let old = valid_plan(&c);
    let mut new = old.clone();
    assert!(plan::diff(def, &old, &new).is_empty(), "no change, no diff");
    new["scenarios"][1]["signaleert"] = json!("De wijkagent");
    new["lange_termijn"]["woonvorm"] = json!("beschermd-wonen");
    // A team member removed from the front: the others still match by name.
    let removed = new["team"].as_array_mut().expect("team").remove(0);
    let n = ladder::levels(&new).len();
    ladder::add_level(&mut new, n, "Klinische opname", 8);
    let changes = plan::diff(def, &old, &new);
    let find =
        |kind: ChangeKind, path: &str| changes.iter().find(|c| c.kind == kind && c.path == path);
    let sig = find(ChangeKind::Changed, "scenarios[1].signaleert").expect("changed signaleert");
    assert!(
        sig.label
            .starts_with("Scenario’s › Scenario ‘Oranje: spanning loopt op’ › Wie signaleert?"),
        "{}",
        sig.label
    );
    assert_eq!(sig.new.as_deref(), Some("De wijkagent"));
    let woon = find(ChangeKind::Changed, "lange_termijn.woonvorm").expect("woonvorm");
    assert_eq!(
        woon.new.as_deref(),
        Some("Beschermd wonen"),
        "option labels, not values"
    );
    let gone = find(ChangeKind::Removed, "team[0]").expect("removed member");
    assert!(
        gone.label.contains(removed["naam"].as_str().unwrap_or("?")),
        "{}",
        gone.label
    );
    assert!(find(ChangeKind::Added, &format!("scenarios[{n}]")).is_some());
    assert!(
        !changes
            .iter()
            .any(|c| c.path.starts_with("team[") && c.kind == ChangeKind::Changed),
        "the other members matched by name: {changes:#?}"
    );
}

#[test]
fn a_renamed_level_is_a_change_of_its_name() {
    let c = catalog();
    let def = c.form("levensloopplan", "gelderland").expect("plan");
    let old = valid_plan(&c);
    let mut new = old.clone();
    ladder::rename_level(&mut new, 2, "Rood");
    let changes = plan::diff(def, &old, &new);
    assert_eq!(changes.len(), 1, "{changes:#?}");
    assert_eq!(changes[0].path, "scenarios[2].niveau");
    assert_eq!(
        (changes[0].old.as_deref(), changes[0].new.as_deref()),
        (Some("Rood: crisis"), Some("Rood"))
    );
}

#[test]
fn a_reordered_ladder_shows_new_order_numbers() {
    let c = catalog();
    let def = c.form("levensloopplan", "gelderland").expect("plan");
    let old = valid_plan(&c);
    let mut new = old.clone();
    ladder::move_level(&mut new, 0, 1);
    let changes = plan::diff(def, &old, &new);
    let orders: Vec<_> = changes
        .iter()
        .filter(|c| c.path.ends_with(".volgorde"))
        .collect();
    assert_eq!(orders.len(), 2, "{changes:#?}");
    assert!(changes.iter().all(|c| c.kind == ChangeKind::Changed));
}

#[test]
fn first_plan_deadline_warns_ahead_and_when_overdue() {
    let plan = |melding: &str, datum: Option<&str>| json!({"plan": {"versie": 1, "datum": datum}, "meldingsdatum": melding});
    let first = |v: &Value, t: &str| {
        plan::deadlines(v, d(t), 14)
            .into_iter()
            .find(|x| x.kind == DeadlineKind::FirstPlan)
            .expect("first plan")
    };
    let v = plan("2026-11-01", None);
    assert_eq!(first(&v, "2026-11-10").status, DeadlineStatus::Later);
    assert_eq!(first(&v, "2026-11-10").due, d("2026-12-01"));
    assert_eq!(
        first(&v, "2026-11-20").status,
        DeadlineStatus::Soon { days: 11 }
    );
    assert_eq!(
        first(&v, "2026-12-01").status,
        DeadlineStatus::Soon { days: 0 }
    );
    let late = first(&v, "2026-12-04");
    assert_eq!(late.status, DeadlineStatus::Overdue { days: 3 });
    assert!(
        late.message().contains("3 dagen geleden"),
        "{}",
        late.message()
    );
    assert_eq!(
        first(&plan("2026-11-01", Some("2026-11-25")), "2026-12-10").status,
        DeadlineStatus::Met
    );
    assert_eq!(
        first(&plan("2026-11-01", Some("2026-12-05")), "2026-12-10").status,
        DeadlineStatus::Late { days: 4 }
    );
    // A plan dated in the future is not adopted yet: the deadline still runs.
    assert_eq!(
        first(&plan("2026-11-01", Some("2026-12-20")), "2026-12-10").status,
        DeadlineStatus::Overdue { days: 9 }
    );
    // Later versions have no first-plan deadline.
    let v2 = json!({"plan": {"versie": 2, "datum": "2027-02-03"}, "meldingsdatum": "2026-11-01"});
    assert!(
        plan::deadlines(&v2, d("2027-02-04"), 14)
            .iter()
            .all(|x| x.kind == DeadlineKind::Review)
    );
}

#[test]
fn review_deadline_is_at_most_three_months_after_the_plan() {
    let review = |v: &Value, t: &str| {
        plan::deadlines(v, d(t), 14)
            .into_iter()
            .find(|x| x.kind == DeadlineKind::Review)
            .expect("review")
    };
    let v = json!({"plan": {"versie": 2, "datum": "2026-11-30"}});
    assert_eq!(
        review(&v, "2026-12-01").due,
        d("2027-02-28"),
        "end of a shorter month"
    );
    assert_eq!(
        review(&v, "2027-02-20").status,
        DeadlineStatus::Soon { days: 8 }
    );
    assert_eq!(
        review(&v, "2027-03-02").status,
        DeadlineStatus::Overdue { days: 2 }
    );
    // An earlier agreed date wins; a later one does not stretch the three months.
    let early =
        json!({"plan": {"versie": 2, "datum": "2026-11-30"}, "volgende_bespreking": "2027-01-15"});
    assert_eq!(review(&early, "2026-12-01").due, d("2027-01-15"));
    let late =
        json!({"plan": {"versie": 2, "datum": "2026-11-30"}, "volgende_bespreking": "2027-06-01"});
    assert_eq!(review(&late, "2026-12-01").due, d("2027-02-28"));
    assert!(review(&late, "2027-03-01").needs_attention());
    assert!(!review(&late, "2026-12-01").needs_attention());
}

#[test]
fn overdue_actions_are_open_or_running_and_past_their_date() {
    let v = json!({"acties": [
        {"wat": "a", "uiterlijk": "2026-11-20", "status": "open"},
        {"wat": "b", "uiterlijk": "2026-11-20", "status": "afgerond"},
        {"wat": "c", "uiterlijk": "2026-11-24", "status": "lopend"},
        {"wat": "d", "uiterlijk": "2026-11-23", "status": "lopend"},
        {"wat": "e"}
    ]});
    assert_eq!(plan::overdue_actions(&v, today()), [0, 3]);
}
