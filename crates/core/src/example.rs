//! Building a complete, valid, realistic submission from a definition's `example` values.
//! `llk example` prints it; the tests start every case from it.

use crate::answers::AnswerEnv;
use crate::date::Date;
use crate::def::{Field, FieldKind, FormDef};
#[cfg(feature = "toml")]
use crate::def::{Loc, Problem};
use crate::validate::instances;
use serde_json::{Map, Value, json};

/// The example answers of `def`, with fields hidden by their conditions left out.
/// `today` only matters for conditions that use `today()`.
pub fn example_answers(def: &FormDef, today: Date) -> Value {
    let mut answers = Value::Object(object(def, &def.roots().collect::<Vec<_>>(), None));
    // Hiding one field can show or hide another: prune until nothing changes.
    for _ in 0..8 {
        if !prune_hidden(def, &mut answers, today) {
            break;
        }
    }
    answers
}

fn object(def: &FormDef, fields: &[usize], item: Option<usize>) -> Map<String, Value> {
    let mut map = Map::new();
    for &i in fields {
        if let Some(v) = value(def, &def.fields[i], item) {
            map.insert(def.fields[i].key.clone(), v);
        }
    }
    map
}

fn value(def: &FormDef, f: &Field, item: Option<usize>) -> Option<Value> {
    match f.kind {
        FieldKind::Info | FieldKind::Computed => None,
        FieldKind::Group => Some(match &f.repeat {
            Some(rep) => {
                let longest = f
                    .children
                    .iter()
                    .map(|&c| def.fields[c].examples.len())
                    .max()
                    .unwrap_or(0);
                let n = (rep.min as usize).max(longest).max(1).min(rep.max as usize);
                Value::Array(
                    (0..n)
                        .map(|j| Value::Object(object(def, &f.children, Some(j))))
                        .collect(),
                )
            }
            None => Value::Object(object(def, &f.children, item)),
        }),
        _ => {
            let given = match (item, f.examples.is_empty()) {
                (Some(j), false) => Some(f.examples[j % f.examples.len()].clone()),
                _ => f.example.clone(),
            };
            // `""` in `examples`: this item leaves the (optional) field unanswered, even
            // where a `required_if` would make it required: the author chose the blank.
            if !f.required && given.as_ref().is_some_and(|g| g.as_str() == Some("")) {
                return None;
            }
            let v =
                given.or_else(|| (f.required || f.required_if.is_some()).then(|| fallback(f)))?;
            Some(match f.kind {
                FieldKind::Signature => with_strokes(v),
                FieldKind::Choice | FieldKind::Organisation | FieldKind::MultiChoice => {
                    in_options(f, v, item.unwrap_or(0))
                }
                _ => v,
            })
        }
    }
}

/// The examples check, a pass of its own after the resolver (`Catalog` runs it on every
/// definition that resolved): examples feed `llk example` and the tests, so a wrongly typed
/// one is a definition bug. The browser's bundle carries no examples, so it never runs there.
#[cfg(feature = "toml")]
pub fn definition_problems(def: &FormDef) -> Vec<Problem> {
    let at = |f: &Field, key: &'static str| Loc::Field {
        id: f.path.clone(),
        nth: 0,
        key: Some(key),
    };
    let mut problems = Vec::new();
    for f in &def.fields {
        // An empty string in `examples` leaves that item's answer out (an optional field).
        let values = f
            .example
            .iter()
            .chain(f.examples.iter().filter(|v| v.as_str() != Some("")));
        for v in values {
            // An entry of another region's list is replaced the way `llk example` replaces
            // it; whether it is in some region's list at all, the catalog checks.
            let v = &if f.regional {
                in_options(f, v.clone(), 0)
            } else {
                v.clone()
            };
            if let Some(msg) = crate::validate::example_problem(f, v) {
                let key = if f.examples.is_empty() {
                    "example"
                } else {
                    "examples"
                };
                problems.push(Problem {
                    loc: at(f, key),
                    message: format!("example {v} for '{}': {msg}", f.path),
                });
            }
        }
        if !f.is_input()
            && (f.example.is_some() || !f.examples.is_empty())
            && f.kind != FieldKind::Group
        {
            problems.push(Problem {
                loc: at(f, "example"),
                message: "only input fields take an example".to_string(),
            });
        }
    }
    problems
}

/// Regional lists differ: an example naming an organisation of one region is replaced,
/// in another region, by an entry of that region's list (a different one per item).
pub(crate) fn in_options(f: &Field, v: Value, item: usize) -> Value {
    let known = |s: &str| f.options.iter().any(|o| o.value == s);
    // With `allow_other`, free text stays; an id of another region's list does not.
    let looks_like_id = |s: &str| {
        s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    };
    if f.options.is_empty()
        || (f.allow_other && v.as_str().is_none_or(|s| known(s) || !looks_like_id(s)))
    {
        return v;
    }
    let nth = || json!(f.options[item % f.options.len()].value);
    // `politie` → `politie-oost-nederland`: the same kind of entry where the ids say so,
    // else a stable pick, so items of one group do not all name the same organisation.
    let like = |s: &str| {
        let head = s.split('-').next().unwrap_or(s);
        f.options
            .iter()
            .find(|o| o.value.split('-').next() == Some(head))
            .map_or_else(
                || {
                    let h = s
                        .bytes()
                        .fold(item, |a, b| a.wrapping_mul(31) + usize::from(b));
                    json!(f.options[h % f.options.len()].value)
                },
                |o| json!(o.value),
            )
    };
    match v {
        Value::String(s) if known(&s) => Value::String(s),
        Value::String(s) => like(&s),
        Value::Array(items) => {
            let kept: Vec<Value> = items
                .into_iter()
                .filter(|x| x.as_str().is_some_and(known))
                .collect();
            if kept.is_empty() {
                json!([nth()])
            } else {
                Value::Array(kept)
            }
        }
        _ => nth(),
    }
}

/// A valid value for a required field whose author gave no example.
fn fallback(f: &Field) -> Value {
    let first = f
        .options
        .first()
        .map(|o| o.value.clone())
        .unwrap_or_default();
    match f.kind {
        FieldKind::Number => json!(match f.min {
            Some(crate::def::Limit::Num(n)) => n,
            _ => 1.0,
        }),
        FieldKind::Date => json!("2026-11-02"),
        FieldKind::Choice | FieldKind::Organisation => json!(first),
        FieldKind::MultiChoice => json!([first]),
        FieldKind::YesNo => json!(true),
        FieldKind::YesNoUnknown => json!("ja"),
        FieldKind::Email => json!("procesregie@zvh-voorbeeld.nl"),
        FieldKind::Phone => json!("026 312 3456"),
        FieldKind::Postcode => json!("6811 AB"),
        FieldKind::Bsn => json!("111222333"),
        FieldKind::PersonName => json!("Noëlle de Vries"),
        FieldKind::Signature => json!({"name": "Noëlle de Vries", "date": "2026-11-02"}),
        _ => json!("Zie het dossier bij het Zorg- en Veiligheidshuis."),
    }
}

/// Adds a drawn signature (a few vector strokes derived from the name) to an example that
/// has none, so examples look like what the signature pad produces.
fn with_strokes(mut v: Value) -> Value {
    let Some(obj) = v.as_object_mut() else {
        return v;
    };
    if obj.contains_key("strokes") || obj.contains_key("typed") {
        return v;
    }
    let seed = obj
        .get("name")
        .and_then(Value::as_str)
        .unwrap_or("x")
        .bytes()
        .fold(7u32, |a, b| a.wrapping_mul(31).wrapping_add(u32::from(b)));
    let strokes: Vec<Value> = (0..3u32)
        .map(|s| {
            let pts: Vec<Value> = (0..12u32)
                .map(|k| {
                    let x = 10 + s * 60 + k * 5;
                    let y = 40 + ((seed >> ((k + s) % 16)) % 30);
                    json!([x, y])
                })
                .collect();
            Value::Array(pts)
        })
        .collect();
    obj.insert("strokes".into(), Value::Array(strokes));
    v
}

/// Removes answers of fields that are hidden; true when anything was removed. (The case
/// keeps an event's answers this way: no `tot` on an incident.)
pub fn prune_hidden(def: &FormDef, answers: &mut Value, today: Date) -> bool {
    let mut hidden = Vec::new();
    for (i, f) in def.fields.iter().enumerate() {
        if f.visible_if.is_none() {
            continue;
        }
        for scope in instances(def, answers, &def.repeating_ancestors(i)) {
            let env = AnswerEnv {
                def,
                root: answers,
                scope,
                today,
            };
            if !env.is_true(&f.visible_if) {
                let p = env.data_path(i);
                if p.get(answers).is_some() {
                    hidden.push(p);
                }
            }
        }
    }
    for p in &hidden {
        p.set(answers, Value::Null);
    }
    !hidden.is_empty()
}
