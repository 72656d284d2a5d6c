use super::*;
use llk_core::Catalog;
use llk_core::catalog::Source;
use llk_core::def::{parse_form_toml, parse_region_toml};
use serde_json::json;

pub(crate) const FORM: &str = r#"
[form]
id = "proef"
version = 3
title = "Proefmelding bij het {zvh}"

[[pages]]
id = "melder"
title = "Melder"

[[pages.fields]]
id = "melder"
type = "group"
label = "Melder"

[[pages.fields]]
id = "melder.naam"
type = "person_name"
label = "Naam"
required = true

[[pages.fields]]
id = "melder.email"
type = "email"
label = "E-mailadres"
required = true

[[pages]]
id = "persoon"
title = "De persoon"

[[pages.fields]]
id = "geboortedatum"
type = "date"
label = "Geboortedatum"
required = true
max = "today"

[[pages.fields]]
id = "geinformeerd"
type = "yes_no_unknown"
label = "Is de persoon geïnformeerd?"
required = true

[[pages.fields]]
id = "grond"
type = "choice"
label = "AVG-grond voor uitstel"
options = [{ value = "veiligheid", label = "Veiligheid van anderen" }, { value = "onderzoek", label = "Lopend onderzoek" }]
visible_if = "geinformeerd == 'nee'"
required = true

[[pages.fields]]
id = "partners"
type = "group"
label = "Betrokken partners"
repeat = { min = 1, max = 2, item_label = "Partner" }

[[pages.fields]]
id = "partners.naam"
type = "text"
label = "Organisatie"
required = true

[[rules]]
id = "leeftijd"
path = "geboortedatum"
assert = "age(geboortedatum) >= 18"
severity = "warning"
message = "De persoon is jonger dan 18 jaar. Controleer de geboortedatum."
"#;

const REGION: &str = r#"
[region]
id = "landelijk"
name = "Landelijk"

[terms]
zvh = "Zorg- en Veiligheidshuis"
"#;

pub(crate) fn def() -> FormDef {
    let form = parse_form_toml("proef.toml", FORM).expect("parses");
    let region = parse_region_toml("regions/landelijk.toml", REGION).expect("parses");
    let catalog = Catalog::build(
        vec![Source {
            file: "proef.toml".into(),
            text: Some(FORM.into()),
            raw: form,
        }],
        vec![Source {
            file: "regions/landelijk.toml".into(),
            text: Some(REGION.into()),
            raw: region,
        }],
    )
    .expect("fixture loads");
    catalog.form("proef", "landelijk").expect("form").clone()
}

fn today() -> Date {
    Date::parse_iso("2026-11-24").expect("date")
}

fn input(s: &mut FormState, d: &FormDef, path: &str, v: Value) -> Vec<Effect> {
    s.reduce(
        d,
        today(),
        Action::Input {
            path: path.into(),
            value: v,
        },
    )
}

fn paths(ds: &[Diagnostic]) -> Vec<&str> {
    ds.iter().map(|d| d.path.as_str()).collect()
}

#[test]
fn a_new_form_has_the_minimum_repeat_items() {
    let d = def();
    let s = FormState::new(&d);
    assert_eq!(*s.answers, json!({"partners": [{}]}));
    assert_eq!(s.step, Step::Page(0));
}

#[test]
fn a_keystroke_copies_the_answers_only_while_someone_holds_the_old_ones() {
    let d = def();
    let mut s = FormState::new(&d);
    input(&mut s, &d, "melder.naam", json!("A"));
    // Nobody else holds them: changed in place.
    let before = std::ptr::from_ref::<Value>(&s.answers);
    input(&mut s, &d, "melder.naam", json!("An"));
    assert_eq!(std::ptr::from_ref::<Value>(&s.answers), before);
    // The fields still hold the answers they were drawn with: those stay as they were, so
    // a field can tell whether its own answer changed.
    let drawn = s.answers.clone();
    input(&mut s, &d, "melder.naam", json!("Ann"));
    assert_eq!(drawn["melder"]["naam"], json!("An"));
    assert_eq!(s.answers["melder"]["naam"], json!("Ann"));
    // Handing them on (llk-change, the fields) shares them.
    let sent = s.answers.clone();
    assert!(sent == s.answers, "the same answers");
}

#[test]
fn typing_never_validates_but_leaving_the_field_does() {
    let d = def();
    let mut s = FormState::new(&d);
    let fx = input(&mut s, &d, "melder.email", json!("niet-een-adres"));
    assert_eq!(fx, vec![Effect::Changed("melder.email".into())]);
    assert!(s.shown.is_empty());
    s.reduce(
        &d,
        today(),
        Action::Blur {
            path: "melder.email".into(),
        },
    );
    assert_eq!(paths(&s.shown), vec!["melder.email"]);
    assert_eq!(s.shown[0].code, "email");
    // Fixing it while typing keeps the message until the field is left again.
    input(&mut s, &d, "melder.email", json!("a@zvh.nl"));
    assert_eq!(s.shown.len(), 1);
    s.reduce(
        &d,
        today(),
        Action::Blur {
            path: "melder.email".into(),
        },
    );
    assert!(s.shown.is_empty());
}

#[test]
fn next_with_errors_shows_the_summary_and_focuses_its_heading() {
    let d = def();
    let mut s = FormState::new(&d);
    let fx = s.reduce(&d, today(), Action::Next);
    assert_eq!(fx, vec![Effect::Focus(crate::SUMMARY_HEADING_ID.into())]);
    assert_eq!(s.step, Step::Page(0));
    // Only this page's errors, in form order.
    assert_eq!(paths(&s.summary), vec!["melder.naam", "melder.email"]);
    assert_eq!(paths(&s.shown), vec!["melder.naam", "melder.email"]);
}

#[test]
fn a_full_walk_reaches_check_and_submits_without_hidden_answers() {
    let d = def();
    let mut s = FormState::new(&d);
    input(&mut s, &d, "melder.naam", json!("Fatima el Amrani"));
    input(&mut s, &d, "melder.email", json!("f.elamrani@zvh.nl"));
    assert_eq!(
        s.reduce(&d, today(), Action::Next),
        vec![Effect::Focus(crate::PAGE_HEADING_ID.into())]
    );
    assert_eq!(s.step, Step::Page(1));
    input(&mut s, &d, "geboortedatum", json!("2010-01-01"));
    s.reduce(
        &d,
        today(),
        Action::Commit {
            path: "geinformeerd".into(),
            value: json!("nee"),
        },
    );
    s.reduce(
        &d,
        today(),
        Action::Commit {
            path: "grond".into(),
            value: json!("onderzoek"),
        },
    );
    // Changed my mind: informed after all; the AVG ground is hidden now.
    s.reduce(
        &d,
        today(),
        Action::Commit {
            path: "geinformeerd".into(),
            value: json!("ja"),
        },
    );
    input(
        &mut s,
        &d,
        "partners[0].naam",
        json!("Politie Oost-Nederland"),
    );
    s.reduce(&d, today(), Action::Next);
    // A warning does not block.
    assert_eq!(s.step, Step::Check);
    assert_eq!(paths(&s.shown), vec!["geboortedatum"]);
    let fx = s.reduce(&d, today(), Action::Next);
    assert_eq!(s.step, Step::Done);
    let Some(Effect::Submitted(sub, warnings)) = fx.first() else {
        panic!("{fx:?}")
    };
    assert_eq!(sub.form, "proef");
    assert_eq!(sub.version, 3);
    assert_eq!(warnings.len(), 1);
    // Which answers are kept, not their order: the order follows serde_json's map, which is
    // the form's order only where `preserve_order` is on (the CLI), not in the browser.
    let mut keys: Vec<&String> = sub.answers.as_object().expect("object").keys().collect();
    keys.sort();
    assert_eq!(
        keys,
        ["geboortedatum", "geinformeerd", "melder", "partners"]
    );
    assert_eq!(
        sub.answers,
        json!({
            "melder": {"naam": "Fatima el Amrani", "email": "f.elamrani@zvh.nl"},
            "geboortedatum": "2010-01-01",
            "geinformeerd": "ja",
            "partners": [{"naam": "Politie Oost-Nederland"}]
        })
    );
}

#[test]
fn a_refused_submission_reopens_on_the_check_page_with_every_answer() {
    let d = def();
    let mut fresh = FormState::new(&d);
    // Reopening a form that was not sent changes nothing.
    assert_eq!(fresh.reduce(&d, today(), Action::Reopen), Vec::new());
    assert_eq!(fresh.step, Step::Page(0));
    let mut s = FormState::with_answers(
        &d,
        json!({
            "melder": {"naam": "Fatima el Amrani", "email": "f.elamrani@zvh.nl"},
            "geboortedatum": "2010-01-01",
            "geinformeerd": "ja",
            "partners": [{"naam": "Politie Oost-Nederland"}]
        }),
    );
    // Two pages, the check page, sent.
    for _ in 0..3 {
        s.reduce(&d, today(), Action::Next);
    }
    assert_eq!(s.step, Step::Done);
    let sent = s.answers.clone();
    // Focus stays on the host's message.
    assert_eq!(s.reduce(&d, today(), Action::Reopen), Vec::new());
    assert_eq!(s.step, Step::Check);
    assert_eq!(s.answers, sent);
    // Sent again from there, it is a submission once more.
    let fx = s.reduce(&d, today(), Action::Next);
    assert!(matches!(fx.first(), Some(Effect::Submitted(..))), "{fx:?}");
}

#[test]
fn edit_from_check_returns_to_check() {
    let d = def();
    let mut s = FormState::with_answers(
        &d,
        json!({"melder": {"naam": "A B", "email": "a@b.nl"}, "geboortedatum": "1990-01-01",
               "geinformeerd": "ja", "partners": [{"naam": "GGZ"}]}),
    );
    s.step = Step::Check;
    let fx = s.reduce(
        &d,
        today(),
        Action::Edit {
            path: "melder.email".into(),
        },
    );
    assert_eq!(fx, vec![Effect::Focus("llk-melder-email".into())]);
    assert_eq!(s.step, Step::Page(0));
    s.reduce(&d, today(), Action::Next);
    assert_eq!(s.step, Step::Check);
}

#[test]
fn submit_on_check_with_errors_links_to_other_pages() {
    let d = def();
    let mut s = FormState::new(&d);
    s.step = Step::Check;
    s.reduce(&d, today(), Action::Next);
    assert_eq!(s.step, Step::Check);
    assert_eq!(
        paths(&s.summary),
        vec![
            "melder.naam",
            "melder.email",
            "geboortedatum",
            "geinformeerd",
            "partners[0].naam"
        ]
    );
    let fx = s.reduce(
        &d,
        today(),
        Action::GoTo {
            path: "partners[0].naam".into(),
        },
    );
    assert_eq!(s.step, Step::Page(1));
    assert!(s.return_to_check);
    assert_eq!(fx, vec![Effect::Focus("llk-partners-0--naam".into())]);
}

#[test]
fn repeat_items_add_and_remove_within_bounds() {
    let d = def();
    let mut s = FormState::new(&d);
    let fx = s.reduce(
        &d,
        today(),
        Action::AddItem {
            group: "partners".into(),
        },
    );
    assert!(fx.contains(&Effect::Focus("llk-partners-1--naam".into())));
    assert_eq!(s.answers["partners"], json!([{}, {}]));
    // max = 2
    assert!(
        s.reduce(
            &d,
            today(),
            Action::AddItem {
                group: "partners".into()
            }
        )
        .is_empty()
    );
    input(&mut s, &d, "partners[1].naam", json!("Reclassering"));
    s.reduce(
        &d,
        today(),
        Action::RemoveItem {
            group: "partners".into(),
            index: 0,
        },
    );
    assert_eq!(s.answers["partners"], json!([{"naam": "Reclassering"}]));
    s.reduce(
        &d,
        today(),
        Action::RemoveItem {
            group: "partners".into(),
            index: 0,
        },
    );
    s.reduce(
        &d,
        today(),
        Action::Blur {
            path: "partners".into(),
        },
    );
    assert_eq!(s.shown[0].code, "repeat_min");
}

#[test]
fn clearing_a_field_removes_the_answer() {
    let d = def();
    let mut s = FormState::new(&d);
    input(&mut s, &d, "melder.naam", json!("X"));
    input(&mut s, &d, "melder.naam", json!(""));
    assert_eq!(*s.answers, json!({"partners": [{}], "melder": {}}));
}

#[test]
fn validate_all_and_reset() {
    let d = def();
    let mut s = FormState::new(&d);
    let fx = s.reduce(&d, today(), Action::ValidateAll);
    assert_eq!(fx, vec![Effect::Focus(crate::SUMMARY_HEADING_ID.into())]);
    assert_eq!(s.summary.len(), 5);
    s.reduce(&d, today(), Action::Reset);
    assert_eq!(s, FormState::new(&d));
}

#[test]
fn given_answers_keep_the_minimum_repeat_items() {
    let d = def();
    let s = FormState::with_answers(&d, json!({"melder": {"naam": "A"}}));
    assert_eq!(
        *s.answers,
        json!({"melder": {"naam": "A"}, "partners": [{}]})
    );
}

#[test]
fn back_goes_one_step_and_never_validates() {
    let d = def();
    let mut s = FormState::new(&d);
    s.reduce(&d, today(), Action::Back);
    assert_eq!(s.step, Step::Page(0));
    s.step = Step::Check;
    let fx = s.reduce(&d, today(), Action::Back);
    assert_eq!(s.step, Step::Page(1));
    assert_eq!(fx, vec![Effect::Focus(crate::PAGE_HEADING_ID.into())]);
    assert!(s.shown.is_empty() && s.summary.is_empty());
}

#[test]
fn a_choice_validates_at_once_but_an_unchanged_one_is_no_change() {
    let d = def();
    let mut s = FormState::new(&d);
    let commit = |v: Value| Action::Commit {
        path: "geinformeerd".into(),
        value: v,
    };
    assert_eq!(
        s.reduce(&d, today(), commit(json!("nee"))),
        vec![Effect::Changed("geinformeerd".into())]
    );
    assert!(s.reduce(&d, today(), commit(json!("nee"))).is_empty());
    // Leaving the now visible, required AVG ground empty shows its message.
    s.reduce(
        &d,
        today(),
        Action::Blur {
            path: "grond".into(),
        },
    );
    assert_eq!(paths(&s.shown), vec!["grond"]);
    // Hiding it again takes the message away with it.
    s.reduce(&d, today(), commit(json!("ja")));
    assert!(s.shown.is_empty());
}

#[test]
fn warnings_alone_show_no_summary() {
    let d = def();
    let mut s = FormState::with_answers(
        &d,
        json!({"melder": {"naam": "A B", "email": "a@b.nl"}, "geboortedatum": "2015-01-01",
               "geinformeerd": "ja", "partners": [{"naam": "GGZ"}]}),
    );
    assert!(s.reduce(&d, today(), Action::ValidateAll).is_empty());
    assert!(s.summary.is_empty());
    assert_eq!(s.shown.len(), 1);
    assert_eq!(s.shown[0].severity, Severity::Warning);
}

#[test]
fn the_host_setting_answers_keeps_the_step() {
    let d = def();
    let mut s = FormState::new(&d);
    s.step = Step::Page(1);
    s.reduce(
        &d,
        today(),
        Action::SetAnswers(json!({"melder": {"naam": "X"}})),
    );
    assert_eq!(s.step, Step::Page(1));
    assert_eq!(s.answers["melder"]["naam"], json!("X"));
}
