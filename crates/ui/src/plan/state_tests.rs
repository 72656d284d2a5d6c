//! The plan reducer on the shipped definitions: typing never validates, the ladder edits
//! renumber and move focus, adopting validates first, a review makes the next version and
//! its diff.

use super::*;
use llk_core::plan::ChangeKind;
use llk_core::{Catalog, Severity};
use serde_json::json;

fn today() -> Date {
    Date::parse_iso("2026-11-24").expect("date")
}

fn catalog() -> Catalog {
    Catalog::load_dir(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../forms"))
        .unwrap_or_else(|e| panic!("forms: {e:?}"))
}

fn plan_def(c: &Catalog) -> &FormDef {
    c.form("levensloopplan", "gelderland").expect("plan")
}

fn example(c: &Catalog) -> Value {
    llk_core::example::example_answers(plan_def(c), today())
}

fn field(path: &str, v: Value) -> PlanAction {
    PlanAction::Field(Action::Input {
        path: path.into(),
        value: v,
    })
}

#[test]
fn a_new_plan_is_version_1_with_the_default_ladder() {
    let c = catalog();
    let s = PlanState::new(plan_def(&c));
    assert_eq!(s.answers()["plan"]["versie"], json!(1));
    let names: Vec<_> = ladder::levels(s.answers())
        .iter()
        .map(|l| l["niveau"].clone())
        .collect();
    assert_eq!(
        names,
        [
            json!("Stabiel"),
            json!("Spanning loopt op"),
            json!("Crisis"),
            json!("Klinische opname")
        ]
    );
    assert_eq!(
        ladder_items(s.answers(), "team").len(),
        3,
        "the definition's minimum of members"
    );
}

#[test]
fn typing_changes_the_answer_without_messages() {
    let c = catalog();
    let def = plan_def(&c);
    let mut s = PlanState::new(def);
    let fx = s.reduce(
        def,
        today(),
        field("scenarios[3].signalen", json!("Verward op straat")),
    );
    assert_eq!(fx, [PlanEffect::Changed("scenarios[3].signalen".into())]);
    assert!(s.form.shown.is_empty());
    let fx = s.reduce(
        def,
        today(),
        PlanAction::Field(Action::Blur {
            path: "scenarios[3].route_terug".into(),
        }),
    );
    assert!(fx.is_empty());
    let codes: Vec<_> = s.form.shown.iter().map(|d| d.code.as_str()).collect();
    assert_eq!(
        codes,
        ["route-terug"],
        "leaving the field shows the seed-003 rule"
    );
}

#[test]
fn a_goal_given_another_horizon_keeps_the_focus_on_its_choice() {
    let c = catalog();
    let def = plan_def(&c);
    let mut s = PlanState::new(def);
    let commit = |v: &str| {
        PlanAction::Field(Action::Commit {
            path: "doelen[0].termijn".into(),
            value: json!(v),
        })
    };
    // The goal moves from "no horizon yet" to the short term's list: focus on "kort".
    let fx = s.reduce(def, today(), commit("kort"));
    assert!(
        fx.contains(&PlanEffect::Focus("llk-doelen-0--termijn--1".into())),
        "{fx:?}"
    );
    let fx = s.reduce(def, today(), commit("middellang"));
    assert!(
        fx.contains(&PlanEffect::Focus("llk-doelen-0--termijn".into())),
        "{fx:?}"
    );
    // The same choice again changes nothing, and moves nothing.
    let fx = s.reduce(def, today(), commit("middellang"));
    assert!(
        !fx.iter().any(|e| matches!(e, PlanEffect::Focus(_))),
        "{fx:?}"
    );
    // Other fields keep the form's own focus rules.
    let fx = s.reduce(def, today(), field("doelen[0].doel", json!("Wonen")));
    assert!(
        !fx.iter().any(|e| matches!(e, PlanEffect::Focus(_))),
        "{fx:?}"
    );
}

#[test]
fn ladder_edits_renumber_announce_and_move_focus() {
    let c = catalog();
    let def = plan_def(&c);
    let mut s = PlanState::new(def);
    let fx = s.reduce(
        def,
        today(),
        PlanAction::AddLevel {
            at: 4,
            name: "  Beveiligde opname ".into(),
        },
    );
    assert_eq!(fx[1], PlanEffect::Focus(dom_id("scenarios[4].signalen")));
    assert_eq!(
        s.announce,
        "Niveau ‘Beveiligde opname’ is toegevoegd als niveau 5."
    );
    assert_eq!(ladder::levels(s.answers())[4]["volgorde"], json!(5));
    // Empty names are refused with a message and focus back on the box.
    let fx = s.reduce(
        def,
        today(),
        PlanAction::AddLevel {
            at: 0,
            name: " ".into(),
        },
    );
    assert_eq!(fx, [PlanEffect::Focus(NEW_LEVEL_ID.into())]);
    assert_eq!(ladder::levels(s.answers()).len(), 5);
    // Up from the middle: focus stays on "up" of the moved level.
    let fx = s.reduce(def, today(), PlanAction::MoveLevel { from: 1, up: true });
    assert_eq!(fx[1], PlanEffect::Focus(level_button_id(2, "up")));
    assert_eq!(
        ladder::levels(s.answers())[2]["niveau"],
        json!("Spanning loopt op")
    );
    assert_eq!(
        s.announce,
        "Niveau ‘Spanning loopt op’ is nu niveau 3 van 5."
    );
    // To the top: no "up" there any more, so "down".
    s.reduce(def, today(), PlanAction::MoveLevel { from: 2, up: true });
    let fx = s.reduce(def, today(), PlanAction::MoveLevel { from: 3, up: true });
    assert_eq!(fx[1], PlanEffect::Focus(level_button_id(4, "down")));
    // Down to the bottom: focus on "up".
    let fx = s.reduce(def, today(), PlanAction::MoveLevel { from: 1, up: false });
    assert_eq!(fx[1], PlanEffect::Focus(level_button_id(0, "up")));
    // Out of range does nothing.
    assert!(
        s.reduce(def, today(), PlanAction::MoveLevel { from: 0, up: false })
            .is_empty()
    );
    assert!(
        s.reduce(def, today(), PlanAction::MoveLevel { from: 4, up: true })
            .is_empty()
    );
    for (i, l) in ladder::levels(s.answers()).iter().enumerate() {
        assert_eq!(l["volgorde"], json!(i + 1));
    }
    // Remove down to the minimum of two.
    for _ in 0..3 {
        let fx = s.reduce(def, today(), PlanAction::RemoveLevel { index: 0 });
        assert_eq!(fx[1], PlanEffect::Focus(NEW_LEVEL_ID.into()));
    }
    assert!(
        s.reduce(def, today(), PlanAction::RemoveLevel { index: 0 })
            .is_empty()
    );
    assert_eq!(s.announce, "De ladder heeft minstens 2 niveaus.");
}

#[test]
fn moving_a_level_drops_its_stale_messages() {
    let c = catalog();
    let def = plan_def(&c);
    let mut s = PlanState::new(def);
    s.reduce(def, today(), PlanAction::Field(Action::ValidateAll));
    assert!(
        s.form
            .shown
            .iter()
            .any(|d| d.path.starts_with("scenarios["))
    );
    s.reduce(def, today(), PlanAction::MoveLevel { from: 0, up: true });
    assert!(!s.form.shown.iter().any(|d| d.path.starts_with("scenarios")));
    assert!(
        s.form.shown.iter().any(|d| d.path.starts_with("persoon")),
        "other messages stay"
    );
}

#[test]
fn adopting_validates_first_then_records_the_version() {
    let c = catalog();
    let def = plan_def(&c);
    let mut s = PlanState::new(def);
    let fx = s.reduce(
        def,
        today(),
        PlanAction::Adopt {
            date: today(),
            reason: "Vastgesteld".into(),
        },
    );
    assert_eq!(fx, [PlanEffect::Focus(crate::SUMMARY_HEADING_ID.into())]);
    assert!(s.history.versions.is_empty() && !s.form.summary.is_empty());

    let mut s = PlanState::with_answers(def, example(&c));
    let fx = s.reduce(
        def,
        today(),
        PlanAction::Adopt {
            date: today(),
            reason: "Vastgesteld".into(),
        },
    );
    assert_eq!(
        fx,
        [
            PlanEffect::Versioned(1),
            PlanEffect::Focus(VERSIONS_HEADING_ID.into())
        ]
    );
    assert_eq!(s.version_note, "Versie 1 van het plan is vastgelegd.");
    assert!(
        s.announce.is_empty(),
        "the ladder's live region stays quiet"
    );
    // Adopting the same version again after a correction replaces its snapshot.
    s.reduce(def, today(), field("afspraken.zsm", json!("Anders")));
    s.reduce(
        def,
        today(),
        PlanAction::Adopt {
            date: today(),
            reason: "Vastgesteld".into(),
        },
    );
    assert_eq!(s.history.versions.len(), 1);
    assert_eq!(
        s.history.versions[0].answers["afspraken"]["zsm"],
        json!("Anders")
    );
}

#[test]
fn a_clinical_level_without_route_blocks_adoption_until_fixed() {
    let c = catalog();
    let def = plan_def(&c);
    let mut s = PlanState::with_answers(def, example(&c));
    s.reduce(def, today(), field("scenarios[2].route_terug", Value::Null));
    s.reduce(
        def,
        today(),
        PlanAction::Adopt {
            date: today(),
            reason: "x".into(),
        },
    );
    let errors: Vec<_> = s
        .form
        .summary
        .iter()
        .map(|d| (d.path.as_str(), d.code.as_str()))
        .collect();
    assert_eq!(errors, [("scenarios[2].route_terug", "route-terug")]);
    s.reduce(
        def,
        today(),
        PlanAction::Field(Action::Commit {
            path: "scenarios[2].route_terug".into(),
            value: json!("Terug naar het FACT-team."),
        }),
    );
    assert!(
        s.form.summary.is_empty(),
        "fixing the field clears the summary entry"
    );
    let fx = s.reduce(
        def,
        today(),
        PlanAction::Adopt {
            date: today(),
            reason: "x".into(),
        },
    );
    assert!(fx.contains(&PlanEffect::Versioned(1)));
}

#[test]
fn a_review_makes_the_next_version_and_shows_the_diff() {
    let c = catalog();
    let def = plan_def(&c);
    let mut s = PlanState::with_answers(def, example(&c));
    assert_eq!(
        s.reduce(def, today(), PlanAction::StartReview),
        [PlanEffect::Focus(REVIEW_HEADING_ID.into())]
    );
    assert!(s.review_open);
    let pre = s.review_prefill();
    assert_eq!(pre["plan"]["versie"], json!(1));
    assert_eq!(pre["plan"]["vorige_datum"], s.answers()["plan"]["datum"]);
    assert_eq!(
        pre["deelnemers"].as_array().map(Vec::len),
        ladder_items(s.answers(), "team").len().into()
    );
    // The prefill is valid input for the review form's answers (no unknown answers).
    let review_def = c.form("herhaald-agenderen", "gelderland").expect("review");
    let unknown: Vec<_> = llk_core::validate::validate(review_def, &pre, today())
        .into_iter()
        .filter(|d| d.code == "unknown")
        .collect();
    assert!(unknown.is_empty(), "{unknown:?}");

    let mut review = llk_core::example::example_answers(review_def, today());
    review["plan"]["versie"] = json!(1);
    review["overleg"]["datum"] = json!("2026-11-24");
    review["aanpassing"]["gedeeld_datum"] = json!("2026-11-24");
    review["acties"] = json!([{"wat": "Nieuw actiepunt.", "wie": "Joost van Dijk", "uiterlijk": "2026-12-20", "status": "open"}]);
    let fx = s.reduce(def, today(), PlanAction::ReviewSubmitted(review));
    assert_eq!(fx[1], PlanEffect::Versioned(2));
    assert!(!s.review_open);
    assert_eq!(
        s.history
            .versions
            .iter()
            .map(|v| v.number)
            .collect::<Vec<_>>(),
        [1, 2]
    );
    assert_eq!(s.answers()["plan"]["versie"], json!(2));
    let (old, new, changes) = s.compare.clone().expect("compared");
    assert_eq!((old, new), (1, 2));
    assert!(
        changes
            .iter()
            .any(|c| c.path == "plan.versie" && c.kind == ChangeKind::Changed)
    );
    assert!(
        changes
            .iter()
            .any(|c| c.path.starts_with("acties") && c.kind == ChangeKind::Added),
        "{changes:#?}"
    );
    // The new version validates like any plan (its new action has a future date).
    let errors: Vec<_> = llk_core::validate::validate(def, s.answers(), today())
        .into_iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    // Comparing another pair.
    s.reduce(def, today(), PlanAction::Compare { old: 2, new: 1 });
    assert_eq!(s.compare.as_ref().map(|(o, n, _)| (*o, *n)), Some((2, 1)));
}

#[test]
fn answers_without_a_ladder_get_the_default_ladder() {
    let c = catalog();
    let def = plan_def(&c);
    let mut v = example(&c);
    v.as_object_mut().expect("object").remove("scenarios");
    let s = PlanState::with_answers(def, v);
    assert_eq!(ladder::levels(s.answers()).len(), 4);
    let s = PlanState::with_answers(def, example(&c));
    assert_eq!(
        ladder::levels(s.answers()).len(),
        3,
        "a plan's own ladder is kept"
    );
}

#[test]
fn a_review_without_date_makes_no_version() {
    let c = catalog();
    let def = plan_def(&c);
    let mut s = PlanState::with_answers(def, example(&c));
    assert!(
        s.reduce(def, today(), PlanAction::ReviewSubmitted(json!({})))
            .is_empty()
    );
    assert!(s.history.versions.is_empty());
}

#[test]
fn setting_answers_keeps_the_history_and_orders_the_ladder() {
    let c = catalog();
    let def = plan_def(&c);
    let mut s = PlanState::with_answers(def, example(&c));
    s.reduce(
        def,
        today(),
        PlanAction::Adopt {
            date: today(),
            reason: "x".into(),
        },
    );
    let mut v = example(&c);
    v["scenarios"][0]["volgorde"] = json!(9);
    s.reduce(def, today(), PlanAction::Field(Action::SetAnswers(v)));
    assert_eq!(s.history.versions.len(), 1);
    assert_eq!(
        ladder::levels(s.answers())
            .last()
            .map(|l| l["volgorde"].clone()),
        Some(json!(3))
    );
}

#[test]
fn read_only_ignores_every_edit_but_takes_the_hosts_answers_and_history() {
    let c = catalog();
    let def = plan_def(&c);
    let mut s = PlanState::with_answers(def, example(&c));
    s.reduce(
        def,
        today(),
        PlanAction::Adopt {
            date: today(),
            reason: "Vastgesteld".into(),
        },
    );
    s.reduce(def, today(), PlanAction::StartReview);
    assert!(s.review_open);
    assert!(
        s.reduce(def, today(), PlanAction::SetReadonly(true))
            .is_empty()
    );
    assert!(s.readonly);
    assert!(
        !s.review_open,
        "a review half done is left when the plan turns read-only"
    );
    let before = s.clone();
    let edits = [
        field("persoon.naam", json!("Iemand anders")),
        PlanAction::Field(Action::Commit {
            path: "acties[0].status".into(),
            value: json!("afgerond"),
        }),
        PlanAction::Field(Action::AddItem {
            group: "acties".into(),
        }),
        PlanAction::Field(Action::RemoveItem {
            group: "doelen".into(),
            index: 0,
        }),
        PlanAction::AddLevel {
            at: 0,
            name: "Nieuw".into(),
        },
        PlanAction::MoveLevel { from: 0, up: true },
        PlanAction::RemoveLevel { index: 0 },
        PlanAction::Adopt {
            date: today(),
            reason: "Opnieuw".into(),
        },
        PlanAction::StartReview,
        PlanAction::ReviewSubmitted(json!({"overleg": {"datum": "2026-11-24"}})),
    ];
    for a in edits {
        let fx = s.reduce(def, today(), a.clone());
        assert!(fx.is_empty(), "{a:?} has no effect while read-only");
        assert_eq!(s, before, "{a:?} changes nothing while read-only");
    }
    // The host still sets the answers (they stay read-only) and the history.
    let mut other = example(&c);
    other["persoon"]["naam"] = json!("Sanne de Vries");
    let fx = s.reduce(def, today(), PlanAction::Field(Action::SetAnswers(other)));
    assert_eq!(fx, [PlanEffect::Changed(String::new())]);
    assert_eq!(s.answers()["persoon"]["naam"], json!("Sanne de Vries"));
    assert!(s.readonly, "new answers from the host stay read-only");
    assert_eq!(s.history.versions.len(), 1);
    s.reduce(def, today(), PlanAction::SetHistory(PlanHistory::default()));
    assert!(s.history.versions.is_empty());
    // Editable again: typing works.
    s.reduce(def, today(), PlanAction::SetReadonly(false));
    s.reduce(def, today(), field("persoon.naam", json!("Sanne")));
    assert_eq!(s.answers()["persoon"]["naam"], json!("Sanne"));
}
