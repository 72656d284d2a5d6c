//! Every definition in `forms/` can be
//! filled in and submitted through the form state: each example answer typed in, page after
//! page with no error summary, the check page, and a submission equal to the example.

use llk_core::path::DataPath;
use llk_core::{Catalog, Date};
use llk_ui::state::{Action, Effect, FormState, Step};
use serde_json::Value;
use std::path::Path;

fn catalog() -> Catalog {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../forms");
    Catalog::load_dir(&dir).unwrap_or_else(|e| panic!("{} does not load: {e:?}", dir.display()))
}

/// (concrete path, value) of every answer, groups opened up.
fn leaves(v: &Value, at: DataPath, out: &mut Vec<(String, Value)>) {
    match v {
        Value::Object(map) if !map.contains_key("strokes") && !map.contains_key("typed") => {
            for (k, x) in map {
                leaves(x, at.key(k), out);
            }
        }
        Value::Array(items) if items.iter().all(Value::is_object) && !items.is_empty() => {
            for (j, x) in items.iter().enumerate() {
                leaves(x, at.index(j), out);
            }
        }
        _ => out.push((at.to_string(), v.clone())),
    }
}

/// Lists of strings compare as sets (the form keeps choices in option order).
fn norm(v: &Value) -> Value {
    match v {
        Value::Array(items) if items.iter().all(Value::is_string) => {
            let mut s: Vec<String> = items
                .iter()
                .filter_map(|i| i.as_str().map(String::from))
                .collect();
            s.sort();
            Value::from(s)
        }
        Value::Array(items) => Value::Array(items.iter().map(norm).collect()),
        // Empty groups count as absent (a submission leaves them out).
        Value::Object(m) => Value::Object(
            m.iter()
                .map(|(k, x)| (k.clone(), norm(x)))
                .filter(|(_, x)| !matches!(x, Value::Object(o) if o.is_empty()))
                .collect(),
        ),
        x => x.clone(),
    }
}

#[test]
fn every_form_can_be_filled_in_and_submitted_in_every_region() {
    let today = Date::parse_iso("2026-11-24").expect("date");
    let catalog = catalog();
    let mut checked = 0;
    for form in catalog.forms() {
        for region in catalog.regions() {
            let def = catalog
                .form(&form.form.id, &region.id)
                .expect("checked def");
            let example = llk_core::example::example_answers(def, today);
            let mut answers = Vec::new();
            leaves(&example, DataPath::default(), &mut answers);
            let mut s = FormState::new(def);
            for (path, value) in answers {
                s.reduce(
                    def,
                    today,
                    Action::Input {
                        path: path.clone(),
                        value,
                    },
                );
                s.reduce(def, today, Action::Blur { path });
            }
            for _ in 0..=def.pages.len() {
                if s.step == Step::Check {
                    break;
                }
                s.reduce(def, today, Action::Next);
                assert!(
                    s.summary.is_empty(),
                    "{} ({}): page {:?} has errors: {:?}",
                    def.id,
                    region.id,
                    s.step,
                    s.summary
                );
            }
            assert_eq!(s.step, Step::Check, "{} ({})", def.id, region.id);
            let fx = s.reduce(def, today, Action::Next);
            let Some(Effect::Submitted(sub, _)) = fx.first() else {
                panic!(
                    "{} ({}): not submitted: {:?} {:?}",
                    def.id, region.id, fx, s.summary
                )
            };
            assert_eq!(
                norm(&sub.answers),
                norm(&example),
                "{} ({})",
                def.id,
                region.id
            );
            checked += 1;
        }
    }
    assert!(checked > 0);
}
