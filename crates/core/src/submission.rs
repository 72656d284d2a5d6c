//! Versioned submissions and migrating them to a newer definition without losing anything.

use crate::def::{FieldKind, FormDef};
use crate::diagnostic::Diagnostic;
use crate::path::DataPath;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A submission records which form, which definition version and which region it was made
/// with, so it can always be read back (and migrated) later.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Submission {
    pub form: String,
    pub version: u32,
    pub region: String,
    pub answers: Value,
    /// Answers that no longer have a field after a migration, by their old path. Kept and
    /// shown, never dropped.
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub unmapped: Map<String, Value>,
}

impl Submission {
    /// Reads either the envelope `{form, version, region, answers}` or, when `fallback` is
    /// given, a bare answers object.
    pub fn from_json(v: Value, fallback: Option<(&str, u32, &str)>) -> Result<Submission, String> {
        let is_envelope = v.get("answers").is_some() && v.get("form").is_some();
        if is_envelope {
            return serde_json::from_value(v)
                .map_err(|e| format!("the submission envelope is not valid: {e}"));
        }
        match (v, fallback) {
            (Value::Object(map), Some((form, version, region))) => Ok(Submission {
                form: form.to_string(),
                version,
                region: region.to_string(),
                answers: Value::Object(map),
                unmapped: Map::new(),
            }),
            (Value::Object(_), None) => {
                Err("this is not a submission: it lacks 'form' and 'answers' (give --form)".into())
            }
            _ => Err("a submission is a JSON object".into()),
        }
    }
}

/// Brings a submission up to `def`'s version. Returns the migrated submission and what was
/// moved aside, as warnings (errors when it cannot be read with this definition at all).
pub fn migrate(mut sub: Submission, def: &FormDef) -> (Submission, Vec<Diagnostic>) {
    let mut notes = Vec::new();
    if sub.form != def.id {
        notes.push(Diagnostic::error(
            "",
            "form",
            format!(
                "Dit is een ingevuld formulier ‘{}’, niet ‘{}’.",
                sub.form, def.id
            ),
        ));
        return (sub, notes);
    }
    if sub.version > def.version {
        notes.push(Diagnostic::error(
            "",
            "version",
            format!("Dit formulier is ingevuld met versie {} en deze kit kent alleen versie {} en ouder. Werk de kit bij om het te openen.", sub.version, def.version),
        ));
        return (sub, notes);
    }
    let from = sub.version;
    for m in def.migrations.iter().filter(|m| m.from >= from) {
        for (old, new) in &m.rename {
            move_answer(&mut sub.answers, old, new);
        }
        for old in &m.drop {
            set_aside(&mut sub, old, &mut notes, def.version);
        }
    }
    // Whatever still has no field is set aside, with its path, and reported.
    for path in orphan_paths(def, &sub.answers) {
        set_aside(&mut sub, &path, &mut notes, def.version);
    }
    sub.version = def.version;
    (sub, notes)
}

fn set_aside(sub: &mut Submission, path: &str, notes: &mut Vec<Diagnostic>, version: u32) {
    let Some(dp) = DataPath::parse(path) else {
        return;
    };
    let Some(value) = dp.get(&sub.answers).cloned() else {
        return;
    };
    dp.set(&mut sub.answers, Value::Null);
    notes.push(Diagnostic::warning(
        path,
        "unmapped",
        format!("Dit antwoord past niet meer in versie {version} van het formulier. Het is bewaard bij ‘niet meer gebruikte antwoorden’."),
    ));
    sub.unmapped.insert(path.to_string(), value);
}

/// Moves the answer at schema path `old` to `new`, inside every item of the repeating groups
/// they share.
fn move_answer(answers: &mut Value, old: &str, new: &str) {
    let old: Vec<&str> = old.split('.').collect();
    let new: Vec<&str> = new.split('.').collect();
    move_in(answers, &old, &new);
}

fn move_in(v: &mut Value, old: &[&str], new: &[&str]) {
    match v {
        Value::Array(items) => items.iter_mut().for_each(|i| move_in(i, old, new)),
        Value::Object(map) => {
            if old.len() > 1 && new.len() > 1 && old[0] == new[0] {
                if let Some(child) = map.get_mut(old[0]) {
                    move_in(child, &old[1..], &new[1..]);
                }
                return;
            }
            let Some(value) = take(map, old) else { return };
            let mut target = Value::Object(std::mem::take(map));
            let path = DataPath(
                new.iter()
                    .map(|s| crate::path::Segment::Key((*s).to_string()))
                    .collect(),
            );
            path.set(&mut target, value);
            if let Value::Object(m) = target {
                *map = m;
            }
        }
        _ => {}
    }
}

fn take(map: &mut Map<String, Value>, path: &[&str]) -> Option<Value> {
    match path {
        [] => None,
        [last] => map.remove(*last),
        [first, rest @ ..] => match map.get_mut(*first)? {
            Value::Object(inner) => take(inner, rest),
            _ => None,
        },
    }
}

/// Concrete paths of answers that have no field in `def` (deepest known level only).
pub fn orphan_paths(def: &FormDef, answers: &Value) -> Vec<String> {
    let mut out = Vec::new();
    let roots: Vec<usize> = def.roots().collect();
    orphans_in(def, &roots, answers, &DataPath::default(), &mut out);
    out
}

fn orphans_in(def: &FormDef, fields: &[usize], v: &Value, at: &DataPath, out: &mut Vec<String>) {
    let Value::Object(map) = v else { return };
    for (key, value) in map {
        let field = fields.iter().copied().find(|&i| {
            def.fields[i].key == *key
                && !matches!(def.fields[i].kind, FieldKind::Info | FieldKind::Computed)
        });
        // The path is made only where it is needed: a leaf that has its field (almost every
        // answer) costs no allocation, which a caseload of 500 cases reads by the thousand.
        match field {
            None => out.push(at.key(key).to_string()),
            Some(i) if def.fields[i].kind == FieldKind::Group => {
                let path = at.key(key);
                let children = &def.fields[i].children;
                match (value, def.fields[i].repeat.is_some()) {
                    (Value::Array(items), true) => {
                        for (j, item) in items.iter().enumerate() {
                            orphans_in(def, children, item, &path.index(j), out);
                        }
                    }
                    (obj, false) => orphans_in(def, children, obj, &path, out),
                    _ => {}
                }
            }
            Some(_) => {}
        }
    }
}
