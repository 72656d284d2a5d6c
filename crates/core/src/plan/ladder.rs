//! The scenario ladder: the `scenarios` items of the plan, ordered by `volgorde` (1 is the
//! lowest, stable level). The editor keeps the array in ladder order and the order numbers
//! equal to the positions (1…n), so every edit here renumbers: the definition's rules
//! (`scenario-volgorde-*`) then never fire for a ladder built in the editor.

use serde_json::{Map, Value, json};

/// One level of the default template: its name and the care intensity it usually has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TemplateLevel {
    pub name: &'static str,
    pub zorgintensiteit: &'static str,
}

/// The default ladder a new plan starts from (seed 002: op- en afschalen; seed 003: the top
/// is a clinical admission, which needs its route back down).
pub const DEFAULT_LADDER: [TemplateLevel; 4] = [
    TemplateLevel {
        name: "Stabiel",
        zorgintensiteit: "ambulant",
    },
    TemplateLevel {
        name: "Spanning loopt op",
        zorgintensiteit: "intensief-ambulant",
    },
    TemplateLevel {
        name: "Crisis",
        zorgintensiteit: "intensief-ambulant",
    },
    TemplateLevel {
        name: "Klinische opname",
        zorgintensiteit: "klinisch",
    },
];

/// A new, empty level with a name at order number `volgorde`.
pub fn new_level(name: &str, volgorde: usize) -> Value {
    json!({ "niveau": name, "volgorde": volgorde })
}

/// The default ladder as `scenarios` items.
pub fn default_ladder() -> Vec<Value> {
    DEFAULT_LADDER
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let mut v = new_level(l.name, i + 1);
            v["zorgintensiteit"] = json!(l.zorgintensiteit);
            v
        })
        .collect()
}

/// The scenarios of a plan's answers (empty when there are none).
pub fn levels(answers: &Value) -> &[Value] {
    answers
        .get("scenarios")
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

fn levels_mut(answers: &mut Value) -> Option<&mut Vec<Value>> {
    if !answers.is_object() {
        *answers = Value::Object(Map::new());
    }
    let o = answers.as_object_mut()?;
    let v = o
        .entry("scenarios")
        .or_insert_with(|| Value::Array(Vec::new()));
    if !v.is_array() {
        *v = Value::Array(Vec::new());
    }
    v.as_array_mut()
}

/// Sorts the levels by their order number (levels without one keep their place after the
/// numbered ones) and renumbers them 1…n. For answers that come from elsewhere.
pub fn normalise(answers: &mut Value) {
    let Some(items) = levels_mut(answers) else {
        return;
    };
    let key = |v: &Value| {
        v.get("volgorde")
            .and_then(Value::as_u64)
            .unwrap_or(u64::MAX)
    };
    items.sort_by_key(key);
    renumber(items);
}

fn renumber(items: &mut [Value]) {
    for (i, item) in items.iter_mut().enumerate() {
        if let Some(o) = item.as_object_mut() {
            o.insert("volgorde".into(), json!(i + 1));
        }
    }
}

/// Inserts a level named `name` at position `at` (clamped), up to `max` levels. Returns
/// its position, or `None` at the maximum.
pub fn add_level(answers: &mut Value, at: usize, name: &str, max: usize) -> Option<usize> {
    let items = levels_mut(answers)?;
    if items.len() >= max {
        return None;
    }
    let at = at.min(items.len());
    items.insert(at, new_level(name, at + 1));
    renumber(items);
    Some(at)
}

/// Renames level `i`; false when there is no such level.
pub fn rename_level(answers: &mut Value, i: usize, name: &str) -> bool {
    match levels_mut(answers).and_then(|items| items.get_mut(i)) {
        Some(Value::Object(o)) => {
            o.insert("niveau".into(), json!(name));
            true
        }
        _ => false,
    }
}

/// Moves level `from` to position `to` (clamped); returns the new position.
pub fn move_level(answers: &mut Value, from: usize, to: usize) -> Option<usize> {
    let items = levels_mut(answers)?;
    if from >= items.len() {
        return None;
    }
    let item = items.remove(from);
    let to = to.min(items.len());
    items.insert(to, item);
    renumber(items);
    Some(to)
}

/// Removes level `i`, down to `min` levels; false when not removed.
pub fn remove_level(answers: &mut Value, i: usize, min: usize) -> bool {
    let Some(items) = levels_mut(answers) else {
        return false;
    };
    if i >= items.len() || items.len() <= min {
        return false;
    }
    items.remove(i);
    renumber(items);
    true
}

/// Whether a level's care is (secured) clinical: such a level needs its route back down.
pub fn is_clinical(level: &Value) -> bool {
    matches!(
        level.get("zorgintensiteit").and_then(Value::as_str),
        Some("klinisch" | "klinisch-beveiligd")
    )
}

/// The name of level `i` for people: its own name, or "Niveau n".
pub fn level_name(level: &Value, i: usize) -> String {
    super::text(level, "niveau").map_or_else(|| format!("Niveau {}", i + 1), str::to_string)
}
